//! References the JIT's runtime holds in Rust memory are roots (issue 10): each test
//! makes an object reachable only through one such place, runs with a collection at
//! every allocation, and checks that the object is intact afterwards.
//!
//! - Resume data during a guard failure: a guard fails inside an inlined call, so the
//!   blackhole resumes two frames; while it runs the inner one (which allocates), the
//!   outer frame's registers are still resume data, and hold the only reference to an
//!   object the outer frame reads after the call.
//! - A constant of a trace: the concatenation of two literal strings is an elidable
//!   call the tracer folds to a new string, which a virtual object holds; a guard's
//!   resume data builds that object with the constant when it fails. The tracer's real
//!   object dies, the collector runs while the loop is traced and after it is
//!   compiled: the constant must stay alive as long as the loop.
//! - A constant of a compiled loop: a fresh object is promoted (`guard_value` on its
//!   address, its immutable field read folded) and dropped; only the loop refers to it
//!   then. Were it freed, a later object allocated at its address would pass the guard
//!   and the loop would use the folded field of the dead one (this fails with the
//!   backend's `ConstRoots` turned off).

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
        use jitsupport::{promote, Gc, GcStr};

        /// A boxed integer.
        pub struct Boxed {
            pub value: i64,
        }

        /// A box whose field is never written after construction (reads of a constant
        /// one fold).
        pub struct Frozen {
            #[immutable]
            pub value: i64,
        }

        /// A string and an integer.
        pub struct Holder {
            pub text: GcStr,
            pub k: i64,
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
        /// `PROMOTE k`: promotes a fresh frozen box of `n % 5 + k`, reads it, then
        /// allocates.
        PROMOTE = 4 => {
            let o = promote(Gc::new(Frozen { value: state.n % 5 + arg }));
            state.acc = state.acc.wrapping_mul(3).wrapping_add(o.value);
            let mut i = 0;
            while i < 4 {
                let g = Gc::new(Boxed { value: i });
                state.acc += g.value;
                i += 1;
            }
        }
        /// `FOLD k`: a holder of a folded string (virtual in the loop), a guard that
        /// fails on other iterations with the holder alive, then garbage.
        FOLD = 3 => {
            let text = GcStr::lit("constant ").concat(GcStr::lit("folded"));
            let h = Gc::new(Holder { text, k: arg });
            if state.n % 3 == 0 {
                state.acc += 1000;
            }
            state.acc = state.acc.wrapping_mul(5).wrapping_add(h.text.len() as i64 + h.k);
            let mut i = 0;
            while i < 3 {
                let g = Gc::new(Boxed { value: i });
                state.acc += g.value;
                i += 1;
            }
            // Many guards the optimizer removes (the same test again), so that their
            // resume data is swept when the loop is compiled.
            let mut j = 0;
            while j < 300 {
                if state.n < 0 {
                    state.acc += 1;
                }
                j += 1;
            }
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

#[test]
fn a_constant_of_a_trace_held_by_a_virtual_lives_as_long_as_the_loop() {
    // FOLD 7; DEC 0; HALT
    let program = [3, 7, 0, 0, 2, 0];
    let expected = run(&program, 60, "off").native;
    jitsupport::gc::set_stress(true);
    let r = run(&program, 60, "threshold=3,trace_eagerness=100000");
    jitsupport::gc::set_stress(false);
    assert_eq!(r.native, expected, "native under stress");
    assert_eq!(r.result, expected);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert!(stats.guard_failures >= 20, "{stats:?}");
}

#[test]
fn a_promoted_constant_of_a_compiled_loop_lives_as_long_as_the_loop() {
    // PROMOTE 1; DEC 0; HALT
    let program = [4, 1, 0, 0, 2, 0];
    let expected = run(&program, 80, "off").native;
    jitsupport::gc::set_stress(true);
    let r = run(&program, 80, "threshold=3,trace_eagerness=100000");
    jitsupport::gc::set_stress(false);
    assert_eq!(r.native, expected, "native under stress");
    assert_eq!(r.result, expected);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
}
