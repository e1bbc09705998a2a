//! Value structs under the meta-tracer, in the style of RPython's `test_virtual.py`: a
//! `Copy` struct is its fields' leaves in jitcode (`rtyper::repr`), so moving one around
//! (a copy out of a field, a by-value argument and result, a push and pop through a
//! `List` of them) allocates nothing in the trace, and the native run and the JIT agree.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub pos: Vec2,
        pub stack: List<Vec2>,
    }
    items {
        /// A point, copied whole.
        #[derive(Clone, Copy)]
        pub struct Vec2 {
            pub x: i64,
            pub y: i64,
        }

        impl Vec2 {
            pub fn len1(&self) -> i64 {
                self.x.wrapping_abs() + self.y.wrapping_abs()
            }
        }

        fn step(v: Vec2, dx: i64) -> Vec2 {
            Vec2 { x: v.x.wrapping_add(dx), y: v.y.wrapping_sub(1) }
        }
    }
    ops {
        /// `MOVE dx`: moves `pos` by `dx` through a by-value helper, keeping the old
        /// position in a copy that the write does not change.
        MOVE = 1 => {
            let old = state.pos;
            state.pos = step(old, arg);
            state.acc = state.acc.wrapping_add(state.pos.x - old.x);
        }
        /// `SWAP _`: pushes the position and a point made from it, pops them both back
        /// (in the other order) and adds their lengths.
        SWAP = 3 => {
            let p = state.pos;
            state.stack.push(p);
            state.stack.push(Vec2 { x: p.y, y: p.x });
            let a = state.stack.pop();
            let b = state.stack.pop();
            if let (Some(a), Some(b)) = (a, b) {
                state.acc = state.acc.wrapping_add(a.len1() + b.x - b.y);
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
    let state = || core::State {
        acc: 0,
        n,
        pos: core::Vec2 { x: 1, y: 2 },
        stack: List::new(),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn moving_a_value_struct_allocates_nothing() {
    // MOVE 3; DEC 0; HALT
    let r = run(&[1, 3, 0, 0, 2, 0], 500, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    assert_eq!(r.result, 1500);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    assert_eq!(count(&names, "new"), 0, "{trace}");
    assert_eq!(
        count(&names, "call_n") + count(&names, "call_i"),
        0,
        "{trace}"
    );
}

#[test]
fn pushing_and_popping_value_structs_allocates_nothing() {
    // SWAP 0; MOVE 1; DEC 0; HALT
    let r = run(
        &[3, 0, 1, 1, 0, 0, 2, 0],
        300,
        "threshold=3,trace_eagerness=5",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    assert_eq!(count(&names, "new"), 0, "{trace}");
    println!("{trace}");
}
