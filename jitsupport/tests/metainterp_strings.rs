//! The toolchain's strings under the meta-tracer (issue 11, item 3), in the style of
//! RPython's `test_string.py`: a core builds strings with a `StrBuilder`, concatenates,
//! slices, searches, hashes and compares them in a loop, and the native run, the
//! blackhole and the JIT agree. A string's length and bytes are plain reads in the
//! trace, and on a constant string (a literal) they fold, as do the elidable string
//! functions with constant arguments.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{GcStr, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub last: GcStr,
    }
    items {
        use jitsupport::{GcStr, StrBuilder};

        /// The sum of a string's bytes, read one by one.
        fn byte_sum(s: GcStr) -> i64 {
            let mut sum = 0;
            let mut i = 0;
            while i < s.len() {
                sum += s.byte_at(i) as i64;
                i += 1;
            }
            sum
        }
    }
    ops {
        /// `BUILD k`: builds `"n=<n>;<k>"`, compares it with the previous one and with
        /// a literal, and adds its length, first byte and the position of `;`.
        BUILD = 1 => {
            let b = StrBuilder::new();
            b.push(GcStr::lit("n="));
            b.push_int(state.n % 7);
            b.push_char(';');
            b.push_int(arg);
            let s = b.build();
            if s == state.last {
                state.acc = state.acc.wrapping_add(1000);
            }
            if s != GcStr::lit("n=3;5") {
                state.acc = state.acc.wrapping_add(1);
            }
            state.acc = state.acc.wrapping_add(
                s.len() as i64 + s.byte_at(0) as i64 + s.find(GcStr::lit(";"), 0),
            );
            state.last = s;
        }
        /// `TEXT k`: the decimal text of `k` concatenated with a literal, sliced,
        /// hashed, ordered and parsed back.
        TEXT = 3 => {
            let a = GcStr::from_int(arg);
            let c = a.concat(GcStr::lit("0"));
            let back = c.slice(0, c.char_count() - 1).to_int_or(-1);
            let less = if a < c { 1 } else { 0 };
            state.acc = state
                .acc
                .wrapping_add(back + less + (c.hash() & 0xff) + byte_sum(c));
        }
        /// `CONST _`: the length and bytes of a literal: constants in the trace.
        CONST = 4 => {
            let s = GcStr::lit("hello");
            state.acc = state.acc.wrapping_add(s.len() as i64 + byte_sum(s));
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
        last: GcStr::lit(""),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn building_and_comparing_strings_three_ways() {
    // BUILD 5; TEXT 12; DEC 0; HALT
    let program = [1, 5, 3, 12, 0, 0, 2, 0];
    for params in [
        "off",
        "threshold=3,trace_eagerness=5",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(&program, 100, params);
        assert_eq!(r.result, r.native, "{params}");
        if params != "off" {
            let stats = r.jit.stats();
            assert!(stats.loops >= 1, "{params}: {stats:?}");
            // Comparing with a literal is an elidable call of `GcStr::equals`.
            let trace = stats.loop_traces[0].to_string();
            assert!(trace.contains("GcStr::equals"), "{trace}");
        }
    }
}

#[test]
fn a_literal_folds() {
    // CONST 0; DEC 0; HALT
    let r = run(&[4, 0, 0, 0, 2, 0], 200, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    assert_eq!(r.result, 200 * (5 + 532));
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    // `lit` folded to a constant string, its length to 5 (so `byte_sum`'s loop is
    // unrolled) and its bytes to constants: no call and no read is left.
    for call in ["call_r", "call_i", "call_pure_r", "call_pure_i", "call_n"] {
        assert_eq!(count(&names, call), 0, "{trace}");
    }
    assert!(!trace.to_string().contains("GcStr.len"), "{trace}");
    assert!(!trace.to_string().contains("uint_lt"), "{trace}");
    assert_eq!(count(&names, "getarrayitem_gc_i"), 0, "{trace}");
}

#[test]
fn strings_survive_gc_stress_three_ways() {
    jitsupport::gc::set_stress(true);
    let program = [1, 5, 3, 12, 0, 0, 2, 0];
    let mut results = Vec::new();
    for params in ["off", "threshold=1,trace_eagerness=1"] {
        let r = run(&program, 30, params);
        results.push((params, r.result, r.native));
    }
    jitsupport::gc::set_stress(false);
    for (params, result, native) in results {
        assert_eq!(result, native, "{params}");
    }
}
