//! Compiled function entries called from the blackhole: after a guard of a loop fails
//! (and no bridge is traced), the blackhole runs the rest of the iteration, and its call
//! of a function that has a compiled entry runs that entry, as a call from compiled code
//! does; the results agree with the native run.

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
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
    /// `MIX salt`: the accumulator becomes `mix(acc, salt)`.
    pub const MIX: i64 = 3;
    /// `EVEN salt`: adds 5 to the accumulator if it is even, then `MIX salt`: a branch
    /// before a call, in one instruction.
    pub const EVEN: i64 = 4;

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

    pub struct Code {
        pub ops: List<i64>,
    }

    pub struct State {
        pub acc: i64,
        pub n: i64,
    }

    /// Eight rounds of a hash: two inlined calls make the loop's trace too long.
    pub fn mix(x: i64, salt: i64) -> i64 {
        let mut h = x ^ salt;
        let mut i = 0;
        while i < 8 {
            h = h.wrapping_mul(31).wrapping_add(i);
            h ^= h >> 7;
            i += 1;
        }
        h
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
                state.acc = state.acc.wrapping_add(arg);
            } else if op == MIX {
                state.acc = mix(state.acc, arg);
            } else if op == EVEN {
                if state.acc & 1 == 0 {
                    state.acc = state.acc.wrapping_add(5);
                }
                state.acc = mix(state.acc, arg);
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
        core::run(&code, &mut core::State { acc: 0, n })
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

// ADD 1; EVEN 5; MIX 9; DEC 0; HALT: `mix` gets an entry; the loop's guard on the parity
// in `EVEN` fails about every other iteration, and without bridges (trace_eagerness=0)
// the blackhole runs `EVEN`'s call of `mix`.
const EVEN_THEN_MIX: &[i64] = &[1, 1, 4, 5, 3, 9, 0, 0, 2, 0];

#[test]
fn the_blackhole_runs_compiled_entries() {
    let r = run(
        EVEN_THEN_MIX,
        200,
        "threshold=2,trace_limit=120,trace_eagerness=0",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.dont_inline, ["mix"], "{stats:?}");
    assert_eq!(stats.entries, 1, "{stats:?}");
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert!(stats.guard_failures > 20, "{stats:?}");
    let calls = r.jit.entry_stats();
    assert!(calls.blackhole_runs > 20, "{calls:?}");
    assert!(
        calls.blackhole_runs <= stats.guard_failures,
        "{calls:?} {stats:?}"
    );
    assert!(calls.compiled_runs > calls.blackhole_runs, "{calls:?}");
}

#[test]
fn entries_from_the_blackhole_agree_with_native_with_bridges_too() {
    for params in [
        "threshold=1,trace_limit=120,trace_eagerness=1",
        "threshold=2,trace_limit=120,trace_eagerness=3",
        "threshold=3,trace_limit=120,trace_eagerness=0,enable_opts=intbounds",
    ] {
        for n in [7, 50, 301] {
            let r = run(EVEN_THEN_MIX, n, params);
            assert_eq!(r.result, r.native, "{params}, n = {n}");
        }
    }
}
