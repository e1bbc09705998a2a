//! Interpreter-level errors under the meta-tracer, in the style of RPython's
//! `test_exception.py`: a `Result` is a tag and both payloads in registers
//! (`rtyper::repr`), so a residual call that can fail returns its tag as the call's
//! result (the payloads come from `jitsupport::llresult`) and the trace checks it with
//! one guard; `?` in an inlined helper costs nothing more. A loop where the call fails
//! now and then gives the native result.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub errors: i64,
    }
    items {
        /// Fails on multiples of `every`.
        #[jitsupport::dont_look_inside]
        pub fn risky(x: i64, every: i64) -> Result<i64, i64> {
            if x % every == 0 {
                Err(x)
            } else {
                Ok(x + 1)
            }
        }

        fn step(x: i64, every: i64) -> Result<i64, i64> {
            let v = risky(x, every)?;
            Ok(v * 2)
        }
    }
    ops {
        /// `CALL every`: adds `step(n)` to the accumulator, or its error to `errors`.
        CALL = 1 => {
            match step(state.n, arg) {
                Ok(v) => state.acc = state.acc.wrapping_add(v),
                Err(e) => state.errors += e,
            }
        }
    }
    halt => {
        return state.acc * 1000 + state.errors;
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || core::State {
        acc: 0,
        n,
        errors: 0,
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn a_call_that_never_fails_costs_one_guard() {
    // CALL 1000; DEC 0; HALT (n < 1000: never a multiple)
    let r = run(&[1, 1000, 0, 0, 2, 0], 500, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    assert_eq!(count(&names, "new"), 0, "{trace}");
    // The loop body (after the last label): one call of `risky`, its tag guarded.
    let text = trace.to_string();
    let body = &text[text.rfind("label(").unwrap_or(0)..];
    assert_eq!(
        body.matches("descr=<CallDescr risky>").count(),
        1,
        "{trace}"
    );
    let after = &body[body.find("descr=<CallDescr risky>").unwrap_or(0)..];
    let next_guard = after.find("guard_").unwrap_or(usize::MAX);
    assert!(
        next_guard < after.find("setfield").unwrap_or(usize::MAX),
        "the call's tag is checked before anything else happens: {trace}"
    );
}

#[test]
fn a_call_that_fails_in_the_loop_gives_the_native_result() {
    // CALL 7; DEC 0; HALT
    let r = run(&[1, 7, 0, 0, 2, 0], 300, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    assert!(stats.guard_failures >= 1, "{stats:?}");
}
