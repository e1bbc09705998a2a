//! Bridges that enter a peeled loop at its body's label through the loop's short preamble
//! (PyPy's `test_bridge.py`-style checks): a small interpreter under the JIT with low
//! thresholds, its result against the native run, and where its bridges jump.

mod common;

use common::{counter_core, Run};
use jitsupport::metainterp::JitState;
use jitsupport::List;
use jitsupport_trace::optimizeopt::unroll;
use jitsupport_trace::{Opcode, TargetToken, Trace};
use std::rc::Rc;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub step: i64,
        pub cell: Cell,
    }
    items {
        pub struct Cell {
            pub value: i64,
        }
    }
    ops {
        /// `STEP _`: adds the step to the accumulator if the step is positive, else
        /// subtracts one.
        STEP = 1 => {
            if state.step > 0 {
                state.acc = state.acc.wrapping_add(state.step);
            } else {
                state.acc = state.acc.wrapping_sub(1);
            }
        }
        /// `ODD n`: adds `n` to the accumulator when the counter is odd.
        ODD = 3 => {
            if state.n % 2 == 1 {
                state.acc = state.acc.wrapping_add(arg);
            }
        }
        /// `FLIP n`: when the counter is a multiple of `n`, negates the step.
        FLIP = 4 => {
            if state.n % arg == 0 {
                state.step = -state.step;
            }
        }
        /// `BOX _`: puts the accumulator into a new box, which the state keeps.
        BOX = 5 => {
            state.cell.value = state.acc;
        }
    }
    // `HALT _`: returns the accumulator plus the box's value.
    halt => {
        return state.acc.wrapping_add(state.cell.value);
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let fresh = || core::State {
        acc: 0,
        n,
        step: 3,
        cell: core::Cell { value: 0 },
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, fresh, core::run, params) }
}

/// The labels of a loop: its first (the preamble's) and, if peeled, its body's.
fn labels(trace: &Trace) -> Vec<Rc<TargetToken>> {
    trace
        .ops
        .iter()
        .filter(|op| op.opcode == Opcode::Label)
        .filter_map(|op| op.target().cloned())
        .collect()
}

/// Where a bridge jumps, if it ends in a jump.
fn jump_target(trace: &Trace) -> Option<Rc<TargetToken>> {
    trace
        .ops
        .last()
        .filter(|op| op.opcode == Opcode::Jump)
        .and_then(|op| op.target().cloned())
}

fn all_traces(jit: &JitState) -> String {
    let stats = jit.stats();
    let mut text = String::new();
    for t in &stats.loop_traces {
        text.push_str(&format!("loop:\n{t}"));
    }
    for t in &stats.bridge_traces {
        text.push_str(&format!("bridge:\n{t}"));
    }
    text
}

#[test]
fn a_bridge_enters_the_loop_body_through_the_short_preamble() {
    // STEP; ODD 5; DEC 0; HALT: the loop is peeled, the guard on the counter's parity
    // grows a bridge that closes at the loop's merge point.
    let r = run(
        &[1, 0, 3, 5, 0, 0, 2, 0],
        300,
        "threshold=3,trace_eagerness=2",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    assert!(stats.bridges >= 1, "{stats:?}");
    let loop_labels = labels(&stats.loop_traces[0]);
    assert_eq!(loop_labels.len(), 2, "{}", all_traces(&r.jit));
    // The bridge jumps to the body's label, not to the preamble's.
    let bridge = &stats.bridge_traces[0];
    let target = jump_target(bridge).expect("the bridge ends in a jump");
    assert!(
        Rc::ptr_eq(&target, &loop_labels[1]),
        "{}",
        all_traces(&r.jit)
    );
    // The body's label carries more than the loop's two variables (the imports), which
    // the bridge passes too.
    let body_label = stats.loop_traces[0]
        .ops
        .iter()
        .find(|op| op.target().is_some_and(|t| Rc::ptr_eq(t, &loop_labels[1])))
        .expect("the body's label");
    assert_eq!(
        bridge.ops.last().map(|op| op.args.len()),
        Some(body_label.args.len())
    );
    // The marker that kept the passes from merging guards across it is gone.
    assert!(
        !bridge.ops.iter().any(unroll::is_marker),
        "{}",
        all_traces(&r.jit)
    );
    // Once the bridge exists, every iteration stays in compiled code: the guards fail
    // only while the bridge is traced and when the loop ends.
    assert!(
        stats.guard_failures <= 4,
        "{stats:?}\n{}",
        all_traces(&r.jit)
    );
}

#[test]
fn a_failing_guard_of_the_short_preamble_resumes_at_the_loop_header() {
    // STEP; FLIP 7; DEC 0; HALT: the loop relies on the step being positive (a guard of
    // its short preamble); the bridge of FLIP's guard negates the step, so the short
    // preamble's copy of that guard fails in the bridge, at the loop's merge point, and
    // the bridge of that guard enters the loop at its first label.
    for eagerness in [1, 2, 5] {
        let params = format!("threshold=3,trace_eagerness={eagerness}");
        let r = run(&[1, 0, 4, 7, 0, 0, 2, 0], 400, &params);
        assert_eq!(r.result, r.native, "{params}\n{}", all_traces(&r.jit));
        let stats = r.jit.stats();
        assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    }
    let r = run(
        &[1, 0, 4, 7, 0, 0, 2, 0],
        400,
        "threshold=3,trace_eagerness=1",
    );
    let stats = r.jit.stats();
    let firsts: Vec<Rc<TargetToken>> = stats
        .loop_traces
        .iter()
        .filter_map(|t| labels(t).first().cloned())
        .collect();
    let bodies: Vec<Rc<TargetToken>> = stats
        .loop_traces
        .iter()
        .filter_map(|t| labels(t).get(1).cloned())
        .collect();
    let targets: Vec<Rc<TargetToken>> =
        stats.bridge_traces.iter().filter_map(jump_target).collect();
    let to_body = targets
        .iter()
        .filter(|t| bodies.iter().any(|b| Rc::ptr_eq(b, t)))
        .count();
    let to_first = targets
        .iter()
        .filter(|t| firsts.iter().any(|b| Rc::ptr_eq(b, t)))
        .count();
    assert!(to_body >= 1, "{stats:?}\n{}", all_traces(&r.jit));
    assert!(to_first >= 1, "{stats:?}\n{}", all_traces(&r.jit));
}

#[test]
fn bridges_agree_with_native_with_every_pass_set() {
    // STEP; ODD 5; FLIP 9; BOX; DEC 0; HALT, under several parameter sets.
    let program = [1, 0, 3, 5, 4, 9, 5, 0, 0, 0, 2, 0];
    for opts in [
        "all",
        "intbounds:rewrite:virtualize:pure:heap",
        "heap:unroll",
        "unroll",
    ] {
        for eagerness in [1, 3] {
            let params = format!("threshold=2,trace_eagerness={eagerness},enable_opts={opts}");
            let r = run(&program, 500, &params);
            assert_eq!(r.result, r.native, "{params}\n{}", all_traces(&r.jit));
        }
    }
}
