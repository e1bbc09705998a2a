//! Compiled function entries called from the blackhole: after a guard of a loop fails
//! (and no bridge is traced), the blackhole runs the rest of the iteration, and its call
//! of a function that has a compiled entry runs that entry, as a call from compiled code
//! does; the results agree with the native run.

mod common;

use common::{counter_core, Run};
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
    }
    /// Eight rounds of a hash: two inlined calls make the loop's trace too long.
    fn mix;
    items {}
    ops {
        /// `ADD n`: adds `n` to the accumulator.
        ADD = 1 => {
            state.acc = state.acc.wrapping_add(arg);
        }
        /// `MIX salt`: the accumulator becomes `mix(acc, salt)`.
        MIX = 3 => {
            state.acc = mix(state.acc, arg);
        }
        /// `EVEN salt`: adds 5 to the accumulator if it is even, then `MIX salt`: a
        /// branch before a call, in one instruction.
        EVEN = 4 => {
            if state.acc & 1 == 0 {
                state.acc = state.acc.wrapping_add(5);
            }
            state.acc = mix(state.acc, arg);
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
