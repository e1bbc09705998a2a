//! Bridges that enter a peeled loop at its body's label through the loop's short preamble
//! (PyPy's `test_bridge.py`-style checks): a small interpreter under the JIT with low
//! thresholds, its result against the native run, and where its bridges jump.

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use jitsupport::List;
use jitsupport_trace::optimizeopt::unroll;
use jitsupport_trace::{Opcode, TargetToken, Trace};
use std::rc::Rc;

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{JitDriver, List};

    /// `DEC target`: decrements the counter and jumps back to `target` unless it is 0.
    pub const DEC: i64 = 0;
    /// `STEP _`: adds the step to the accumulator if the step is positive, else subtracts
    /// one.
    pub const STEP: i64 = 1;
    /// `HALT _`: returns the accumulator.
    pub const HALT: i64 = 2;
    /// `ODD n`: adds `n` to the accumulator when the counter is odd.
    pub const ODD: i64 = 3;
    /// `FLIP n`: when the counter is a multiple of `n`, negates the step.
    pub const FLIP: i64 = 4;
    /// `BOX _`: puts the accumulator into a new box, which the state keeps.
    pub const BOX: i64 = 5;

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

    pub struct Code {
        pub ops: List<i64>,
    }

    pub struct Cell {
        pub value: i64,
    }

    pub struct State {
        pub acc: i64,
        pub n: i64,
        pub step: i64,
        pub cell: Cell,
    }

    pub fn run(code: &Code, state: &mut State) -> i64 {
        let mut pc: usize = 0;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, code; state);
            let op = code.ops[pc];
            let arg = code.ops[pc + 1];
            pc += 2;
            if op == DEC {
                state.n -= 1;
                if state.n != 0 {
                    pc = arg as usize;
                    jitsupport::can_enter_jit!(DRIVER; pc, code; state);
                }
            } else if op == STEP {
                if state.step > 0 {
                    state.acc = state.acc.wrapping_add(state.step);
                } else {
                    state.acc = state.acc.wrapping_sub(1);
                }
            } else if op == ODD {
                if state.n % 2 == 1 {
                    state.acc = state.acc.wrapping_add(arg);
                }
            } else if op == FLIP {
                if state.n % arg == 0 {
                    state.step = -state.step;
                }
            } else if op == BOX {
                state.cell.value = state.acc;
            } else {
                return state.acc.wrapping_add(state.cell.value);
            }
        }
    }
}

struct Run {
    result: i64,
    native: i64,
    jit: JitState,
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let fresh = || core::State {
        acc: 0,
        n,
        step: 3,
        cell: core::Cell { value: 0 },
    };
    let native = {
        let code = core::Code {
            ops: List::from(ops.to_vec()),
        };
        core::run(&code, &mut fresh())
    };
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let code = core::Code {
        ops: List::from(ops.to_vec()),
    };
    let mut state = fresh();
    let code_ptr: *const core::Code = &code;
    let state_ptr: *mut core::State = &mut state;
    let args = Args::new(&[], &[code_ptr as usize, state_ptr as usize], &[]);
    // Safety: the arguments point to live values of the portal's parameter types.
    let value = unsafe { run_portal(&mut jit, 0, &args) };
    let result = match value {
        Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    };
    Run {
        result,
        native,
        jit,
    }
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
