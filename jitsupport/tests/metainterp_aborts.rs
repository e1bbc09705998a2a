//! The meta-tracer's back-off after aborted traces, in RPython's style (`test_loop.py`
//! and `test_recursive.py`'s `trace_limit` tests): a loop whose trace always exceeds
//! `trace_limit` is traced a bounded number of times (`MAX_ABORTS`), each after twice the
//! wait of the one before, and then given up, while the program's result stays right.

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::{JitParams, MAX_ABORTS};
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::{AbortReason, JitState};
use jitsupport::List;

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{JitDriver, List};

    /// `DEC target`: decrements the counter and jumps back to `target` unless it is 0.
    pub const DEC: i64 = 0;
    /// `ADD n`: adds `n` to the accumulator.
    pub const ADD: i64 = 1;
    /// `HALT _`: returns the accumulator.
    pub const HALT: i64 = 2;

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

    pub struct Code {
        pub ops: List<i64>,
    }

    pub struct State {
        pub acc: i64,
        pub n: i64,
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
            } else if op == ADD {
                state.acc = state.acc.wrapping_mul(3).wrapping_add(arg);
            } else {
                return state.acc;
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
    let native = {
        let code = core::Code {
            ops: List::from(ops.to_vec()),
        };
        let mut state = core::State { acc: 0, n };
        core::run(&code, &mut state)
    };
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let code = core::Code {
        ops: List::from(ops.to_vec()),
    };
    let mut state = core::State { acc: 0, n };
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
