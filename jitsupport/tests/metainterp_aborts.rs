//! The meta-tracer's back-off after aborted traces, in RPython's style (`test_loop.py`
//! and `test_recursive.py`'s `trace_limit` tests): a loop whose trace always exceeds
//! `trace_limit` is traced a bounded number of times (`MAX_ABORTS`), each after twice the
//! wait of the one before, and then given up, while the program's result stays right.

mod common;

use common::{counter_core, Run};
use jitsupport::jit::MAX_ABORTS;
use jitsupport::metainterp::AbortReason;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
    }
    items {}
    ops {
        /// `ADD n`: the accumulator becomes `3 * acc + n`.
        ADD = 1 => {
            state.acc = state.acc.wrapping_mul(3).wrapping_add(arg);
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

/// A loop of five adds: its trace is always longer than a `trace_limit` of 8.
const LONG_BODY: &[i64] = &[1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 0, 0, 2, 0];

#[test]
fn a_loop_that_always_aborts_is_traced_max_aborts_times_then_given_up() {
    let r = run(LONG_BODY, 5000, "threshold=2,trace_limit=8");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 0, "{stats:?}");
    assert_eq!(
        stats.aborts.get(&AbortReason::TooLong).copied(),
        Some(u64::from(MAX_ABORTS)),
        "{stats:?}"
    );
    assert_eq!(stats.total_aborts(), u64::from(MAX_ABORTS), "{stats:?}");
    assert_eq!(stats.keys_given_up, 1, "{stats:?}");
}

#[test]
fn a_short_run_stops_before_giving_up() {
    // Tracing gets hot after 2, 2 + 4 and 2 + 4 + 8 passes: 20 passes see three aborts.
    let r = run(LONG_BODY, 21, "threshold=2,trace_limit=8");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.total_aborts(), 3, "{stats:?}");
    assert_eq!(stats.keys_given_up, 0, "{stats:?}");
}

#[test]
fn a_loop_within_the_limit_still_compiles() {
    let r = run(LONG_BODY, 5000, "threshold=2,trace_limit=1000");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    assert_eq!(stats.keys_given_up, 0, "{stats:?}");
}
