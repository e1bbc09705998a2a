//! References the JIT's runtime holds in Rust memory are roots (issue 10): each test
//! makes an object reachable only through one such place, runs with a collection at
//! every allocation, and checks that the object is intact afterwards.
//!
//! - Resume data during a guard failure: a guard fails inside an inlined call, so the
//!   blackhole resumes two frames; while it runs the inner one (which allocates), the
//!   outer frame's registers are still resume data, and hold the only reference to an
//!   object the outer frame reads after the call.

mod common;

use common::{counter_core, Run};
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
    }
    items {
        use jitsupport::Gc;

        /// A boxed integer.
        pub struct Boxed {
            pub value: i64,
        }

        /// A call the trace inlines: its branch on `k` is a guard that fails on other
        /// iterations, after which it allocates.
        fn inner(k: i64) -> i64 {
            let mut s = 0;
            if k % 3 == 0 {
                s += 100;
            }
            let a = Gc::new(Boxed { value: k });
            let b = Gc::new(Boxed { value: s + 1 });
            a.value + b.value
        }
    }
    ops {
        /// `CALL k`: boxes `n * 10 + k` (the only reference is the portal's register),
        /// calls `inner`, then reads the box.
        CALL = 1 => {
            let keep = Gc::new(Boxed { value: state.n * 10 + arg });
            let r = inner(state.n);
            state.acc = state.acc.wrapping_mul(7).wrapping_add(r + keep.value);
        }
    }
    halt => {
        return state.acc;
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || core::State { acc: 0, n };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn an_outer_frames_registers_are_roots_while_the_blackhole_resumes_an_inner_one() {
    // CALL 5; DEC 0; HALT
    let program = [1, 5, 0, 0, 2, 0];
    let expected = run(&program, 60, "off").native;
    jitsupport::gc::set_stress(true);
    // Bridges never: every failure of the guard resumes in the blackhole.
    let r = run(&program, 60, "threshold=3,trace_eagerness=100000");
    jitsupport::gc::set_stress(false);
    assert_eq!(r.native, expected, "native under stress");
    assert_eq!(r.result, expected);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert!(stats.guard_failures >= 20, "{stats:?}");
}
