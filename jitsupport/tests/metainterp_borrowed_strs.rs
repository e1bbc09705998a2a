//! Borrowed strings (`&str`) under the meta-tracer (issue 11): a `&str` is its first
//! byte's address and its length (`rtyper::lower::strs`); `==` and a `match` on
//! literals test the lengths inline and the bytes with an elidable call, a literal's
//! pointer is an elidable call on its constant, and `GcStr::as_str()` reads the string
//! in place; `&s[a..b]` checks its bounds with one elidable call. The native run, the
//! blackhole and the JIT agree; on constant strings the whole match folds away.

mod common;

use common::{counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{GcArray, GcStr, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub names: GcArray<GcStr>,
    }
    items {
        use jitsupport::{GcArray, GcStr};

        /// A classification by name, as a dynamic language's runtime does.
        fn kind(name: &str) -> i64 {
            match name {
                "int" => 1,
                "float" | "complex" => 2,
                _ if name.is_empty() => 0,
                _ => name.len() as i64 + 10,
            }
        }

        /// A range's `contains` (what clippy would write `is_ascii_digit`).
        #[allow(clippy::manual_is_ascii_check)]
        fn is_digit(c: u8) -> bool {
            (b'0'..=b'9').contains(&c)
        }

        fn special(name: &str) -> bool {
            matches!(name, "__eq__" | "__ne__")
        }

        /// Native code taking and returning a `&str`.
        #[jitsupport::dont_look_inside]
        pub fn tail(s: &str) -> &str {
            s.get(1..).unwrap_or("")
        }

        fn first_is(s: GcStr, lit: &str) -> bool {
            s.as_str() == lit
        }
    }
    ops {
        /// `KIND k`: the kind of name `k`, a string the trace does not know.
        KIND = 1 => {
            let s = state.names.get(arg as usize);
            let mut k = kind(s.as_str());
            if special(s.as_str()) {
                k += 100;
            }
            if first_is(s, "complex") {
                k += 1000;
            }
            let t = s.as_str();
            if t.starts_with("__") && t.ends_with("__") {
                k += 7;
            }
            if t.as_bytes().ends_with("ab".as_bytes()) {
                k += 70;
            }
            state.acc = state.acc.wrapping_add(k);
        }
        /// `LIT k`: literals matched on literals: constants.
        LIT = 3 => {
            let ab = "ab";
            let mut k = kind("float") * arg + kind("");
            if ab == "ab" && ab != "abc" {
                k += 1;
            }
            state.acc = state.acc.wrapping_add(k);
        }
        /// `TAIL k`: a `&str` through native code and back.
        TAIL = 4 => {
            let s = state.names.get(arg as usize);
            let t = tail(s.as_str());
            state.acc = state.acc.wrapping_add(kind(t) + t.len() as i64);
        }
        /// `BYTES k`: the leading digits of name `k`, read as bytes.
        BYTES = 6 => {
            let name = state.names.get(arg as usize);
            let b = name.as_str().as_bytes();
            let mut n = 0;
            let mut i = 0;
            while i < b.len() && is_digit(b[i]) {
                n = n * 10 + (b[i] - b'0') as i64;
                i += 1;
            }
            if &b[i..] == "ab".as_bytes() {
                n += 1000;
            }
            for c in name.as_str().bytes() {
                if c == b'_' {
                    continue;
                }
                n += c as i64;
            }
            for &c in b {
                if c == b'a' {
                    break;
                }
                n += 1;
            }
            state.acc = state.acc.wrapping_add(n + b.len() as i64);
        }
        /// `SLICE k`: slices of name `k` (the first byte, the rest, both ends).
        SLICE = 5 => {
            let name = state.names.get(arg as usize);
            let t = name.as_str();
            if t.len() >= 2 {
                let mut k = kind(&t[1..]) + kind(&t[..t.len() - 1]);
                if &t[..1] == "_" && (2..=6).contains(&t.len()) {
                    k += 50;
                }
                state.acc = state.acc.wrapping_add(k);
            }
        }
    }
    halt => {
        return state.acc;
    }
}

const NAMES: [&str; 9] = [
    "int", "float", "__eq__", "", "complex", "xyz", "__ne__", "12ab", "907",
];

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || {
        let names = GcArray::new(NAMES.len(), GcStr::lit(""));
        for (i, s) in NAMES.iter().enumerate() {
            names.set(i, GcStr::new(s));
        }
        core::State { acc: 0, n, names }
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn borrowed_strs_three_ways() {
    let mut programs: Vec<Vec<i64>> = (0..NAMES.len() as i64)
        .flat_map(|k| {
            [
                vec![1, k, 0, 0, 2, 0],
                vec![4, k, 0, 0, 2, 0],
                vec![5, k, 0, 0, 2, 0],
                vec![6, k, 0, 0, 2, 0],
            ]
        })
        .collect();
    programs.push(vec![3, 5, 0, 0, 2, 0]);
    programs.push(vec![1, 0, 1, 4, 4, 2, 1, 6, 3, 2, 0, 0, 2, 0]);
    for program in &programs {
        for params in [
            "off",
            "threshold=3,trace_eagerness=5",
            "threshold=1,trace_eagerness=1",
        ] {
            let r = run(program, 50, params);
            assert_eq!(r.result, r.native, "{program:?} {params}");
        }
    }
}

/// The op names of the loop's one optimized trace, those of its peeled body (after its
/// last label), and its text.
fn loop_trace(program: &[i64]) -> (Vec<&'static str>, Vec<&'static str>, String) {
    let r = run(program, 200, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    let body = names
        .iter()
        .rposition(|n| *n == "label")
        .map_or(0, |i| i + 1);
    (names.clone(), names[body..].to_vec(), trace.to_string())
}

fn calls(names: &[&'static str]) -> Vec<&'static str> {
    names
        .iter()
        .copied()
        .filter(|n| n.starts_with("call"))
        .collect()
}

#[test]
fn literals_matched_on_literals_fold() {
    let (all, _, trace) = loop_trace(&[3, 5, 0, 0, 2, 0]);
    assert_eq!(calls(&all), Vec::<&str>::new(), "{trace}");
}

#[test]
fn a_match_compares_bytes_only_where_lengths_agree() {
    // KIND 1: "float" is 5 bytes long: of the literals of `kind`, `special` and
    // `first_is`, only "float" has its length, so one byte comparison is left, with
    // the address of the string's bytes, `starts_with("__")` (false: its `ends_with`
    // is not called) and the bytes' `ends_with`; their arguments are loop-invariant,
    // so the optimizer leaves them in the preamble and the loop's body calls nothing.
    let (all, body, trace) = loop_trace(&[1, 1, 0, 0, 2, 0]);
    let text_calls: Vec<&str> = trace.lines().filter(|l| l.contains("ll_str_eq")).collect();
    assert_eq!(text_calls.len(), 1, "{trace}");
    assert_eq!(calls(&all).len(), 4, "{trace}");
    assert_eq!(calls(&body), Vec::<&str>::new(), "{trace}");
}
