//! The meta-tracer in RPython's style (`test_loop.py`, `test_basic.py`): a small
//! interpreter core run under the JIT with low thresholds, asserting its result against
//! the native run, and the numbers of loops, bridges and aborts, and the ops left in the
//! loop (`check_resops`).

mod common;

use common::{count, counter_core, too_long, Run};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::{op_names, AbortReason};
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        /// The inner counter and what it is reset to.
        pub m: i64,
        pub k: i64,
        /// The divisor of `DIVK`.
        pub d: i64,
    }
    items {
        pub fn add_if_odd(state: &mut State, n: i64) {
            if state.acc % 2 == 1 {
                state.acc += n;
            }
        }

        pub fn spin(n: i64) -> i64 {
            let mut i = 0;
            let mut sum: i64 = 0;
            while i < n {
                sum = sum.wrapping_add(i);
                i += 1;
            }
            sum
        }
    }
    ops {
        /// `ADD n`: adds `n` to the accumulator.
        ADD = 1 => {
            state.acc = state.acc.wrapping_add(arg);
        }
        /// `ODD n`: adds `n` to the accumulator if it is odd (in a helper, inlined).
        ODD = 3 => {
            add_if_odd(state, arg);
        }
        /// `INNER target`: decrements the inner counter and jumps back to `target` unless
        /// it is 0; then resets it.
        INNER = 6 => {
            state.m -= 1;
            if state.m != 0 {
                pc = arg as usize;
                jitsupport::can_enter_jit!(DRIVER; pc, code; state);
            } else {
                state.m = state.k;
            }
        }
        /// `DIVK _`: adds 1 to the accumulator, divides it by the `d` field, and switches
        /// `d` between 2 and -1.
        DIVK = 7 => {
            state.acc += 1;
            let d = state.d;
            if d != 0 && !(d == -1 && state.acc == i64::MIN) {
                state.acc /= d;
            }
            state.d = if d == 2 { -1 } else { 2 };
        }
        /// `SPIN n`: adds `0 + 1 + ... + (n - 1)` to the accumulator, in a helper with a
        /// loop.
        SPIN = 5 => {
            state.acc = state.acc.wrapping_add(spin(arg));
        }
        /// `MUL n`: multiplies the accumulator by `n`, or fails on overflow (returns -1).
        MUL = 4 => {
            match state.acc.checked_mul(arg) {
                Some(v) => state.acc = v,
                None => return -1,
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
        m: 5,
        k: 5,
        d: 2,
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn a_simple_loop_compiles_once_and_runs() {
    // ADD 3; DEC 0; HALT
    let r = run(&[1, 3, 0, 0, 2, 0], 1000, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    assert_eq!(r.result, 3000);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.bridges, 0, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    // The loop leaves through one guard, the counter's: the blackhole then returns.
    assert_eq!(stats.guard_failures, 1, "{stats:?}");
    let names = op_names(&stats.loop_traces[0]);
    assert_eq!(count(&names, "jump"), 1, "{}", stats.loop_traces[0]);
    assert_eq!(count(&names, "new"), 0, "{}", stats.loop_traces[0]);
    assert!(count(&names, "int_add") >= 1, "{}", stats.loop_traces[0]);
}

#[test]
fn a_guard_that_fails_often_grows_a_bridge() {
    // ADD 1; ODD 2; DEC 0; HALT: the accumulator's parity alternates, so the branch in
    // the inlined helper goes both ways.
    let r = run(
        &[1, 1, 3, 2, 0, 0, 2, 0],
        200,
        "threshold=3,trace_eagerness=2",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert!(stats.bridges >= 1, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    // The bridge goes back into the loop: it ends in a jump to the loop's label.
    let last = |t: &jitsupport_trace::Trace| t.ops.last().map(|op| op.opcode.name());
    assert!(
        stats.bridge_traces.iter().any(|t| last(t) == Some("jump")),
        "{:#?}",
        stats
            .bridge_traces
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn guards_in_inlined_frames_resume_every_frame() {
    // Without bridges, every failure of the guard in `add_if_odd` resumes two frames.
    let r = run(
        &[1, 1, 3, 2, 0, 0, 2, 0],
        200,
        "threshold=3,trace_eagerness=0",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.bridges, 0, "{stats:?}");
    assert!(stats.guard_failures > 50, "{stats:?}");
}

#[test]
fn a_too_long_trace_aborts_and_the_program_goes_on() {
    let r = run(&[1, 3, 1, 4, 0, 0, 2, 0], 100, "threshold=2,trace_limit=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 0, "{stats:?}");
    assert!(too_long(&r.jit) >= 1, "{stats:?}");
}

#[test]
fn overflow_is_guarded_and_taken_in_the_blackhole() {
    // MUL 3; DEC 0; HALT, from acc 0 (stays 0) then ADD 1 first: overflows after ~40 rounds.
    let r = run(
        &[1, 1, 4, 3, 0, 2, 2, 0],
        100,
        "threshold=3,trace_eagerness=1000",
    );
    assert_eq!(r.native, -1);
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let names = op_names(&stats.loop_traces[0]);
    assert!(
        count(&names, "int_mul_ovf") >= 1,
        "{}",
        stats.loop_traces[0]
    );
    assert!(
        count(&names, "guard_no_overflow") >= 1,
        "{}",
        stats.loop_traces[0]
    );
}

#[test]
fn the_jit_off_compiles_nothing() {
    let r = run(&[1, 3, 0, 0, 2, 0], 100, "off,threshold=1");
    assert_eq!(r.result, r.native);
    assert_eq!(r.jit.stats().loops, 0);
}

#[test]
fn every_pass_set_gives_the_same_result() {
    for opts in [
        "all",
        "intbounds",
        "rewrite:virtualize",
        "pure:heap",
        "unroll",
        "",
    ] {
        let params = format!("threshold=2,trace_eagerness=2,enable_opts={opts}");
        let params = if opts.is_empty() {
            "threshold=2,trace_eagerness=2,enable_opts=".to_string()
        } else {
            params
        };
        let Ok(_) = JitParams::parse(&params) else {
            continue;
        };
        let r = run(&[1, 1, 3, 2, 0, 0, 2, 0], 150, &params);
        assert_eq!(r.result, r.native, "{opts}");
        assert_eq!(r.jit.stats().loops, 1, "{opts}");
    }
}

#[test]
fn a_function_that_makes_traces_too_long_is_called_instead_of_inlined() {
    // SPIN 60; DEC 0; HALT: inlining `spin` makes a trace of hundreds of ops.
    let r = run(&[5, 60, 0, 0, 2, 0], 30, "threshold=2,trace_limit=150");
    assert_eq!(r.result, r.native);
    assert_eq!(r.result, 30 * (59 * 60 / 2));
    let stats = r.jit.stats();
    assert_eq!(
        stats.aborts.get(&AbortReason::TooLong),
        Some(&1),
        "{stats:?}"
    );
    assert_eq!(stats.dont_inline, ["spin"], "{stats:?}");
    assert_eq!(stats.loops, 1, "{stats:?}");
    let names = op_names(&stats.loop_traces[0]);
    // One call in the peeled preamble, one in the loop body.
    assert_eq!(count(&names, "call_i"), 2, "{}", stats.loop_traces[0]);
}

#[test]
fn the_inner_loops_exit_grows_a_bridge_around_the_outer_loop() {
    // ADD 1; ADD 2; INNER 2; DEC 0; HALT: the inner loop (at pc 2) gets hot first; its
    // exit guard grows a bridge that runs the rest of the outer loop (DEC, ADD 1) and
    // jumps back into the inner loop: the outer loop never needs a trace of its own.
    let r = run(
        &[1, 1, 1, 2, 6, 2, 0, 0, 2, 0],
        50,
        "threshold=3,trace_eagerness=2",
    );
    assert_eq!(r.result, r.native);
    assert_eq!(r.result, 50 * (1 + 2 * 5));
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.bridges, 1, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    let bridge = &stats.bridge_traces[0];
    let names = op_names(bridge);
    assert_eq!(names.last(), Some(&"jump"), "{bridge}");
    // After the bridge exists, no guard fails until the program ends.
    assert!(stats.guard_failures <= 6, "{stats:?}");
}

#[test]
fn a_division_by_a_changing_divisor_agrees_with_native() {
    // ADD 7; DIVK; DEC 0; HALT, with d = 2, -1, 2, -1...: the divisor is a box whose
    // value changes from one iteration to the next.
    let r = run(
        &[1, 7, 7, 0, 0, 0, 2, 0],
        40,
        "threshold=2,trace_eagerness=3",
    );
    assert_eq!(r.result, r.native);
    let r = run(
        &[1, 7, 7, 0, 0, 0, 2, 0],
        40,
        "threshold=2,trace_eagerness=0",
    );
    assert_eq!(r.result, r.native);
}
