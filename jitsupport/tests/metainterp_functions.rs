//! Functions too big to inline, in RPython's style (`test_recursive.py`'s
//! `test_trace_limit` family): a loop whose body calls a function that makes the trace
//! exceed `trace_limit` aborts once, the function is marked not to be inlined and traced
//! from its own start (an entry trace), the loop is traced again calling the entry, and
//! the results agree with the native run. Also loops freed by `loop_longevity`.

mod common;

use common::{count, counter_core, too_long, Run};
use jitsupport::metainterp::op_names;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        /// The inner counter and what it is reset to.
        pub m: i64,
        pub k: i64,
    }
    /// Eight rounds of a hash: straight-line code once the tracer unrolls the loop,
    /// whose bound is a constant.
    fn mix;
    items {
        /// Eight rounds that branch on the parity of the value: the entry trace follows
        /// the first call's path, so other calls fail its guards.
        pub fn pick(x: i64, salt: i64) -> i64 {
            let mut h = x & 0xffff;
            let mut i = 0;
            while i < 8 {
                if h % 2 == 0 {
                    h = h / 2 + salt;
                } else {
                    h = h.wrapping_mul(3).wrapping_add(i);
                }
                i += 1;
            }
            h & 0xffff
        }

        /// Sixty-four rounds: too long to trace even on its own.
        pub fn long(x: i64, salt: i64) -> i64 {
            let mut h = x ^ salt;
            let mut i = 0;
            while i < 64 {
                h = h.wrapping_mul(31).wrapping_add(i);
                h ^= h >> 7;
                i += 1;
            }
            h
        }

        /// Like `mix`, with two results (returned through result slots).
        pub fn pair(x: i64, salt: i64) -> (i64, i64) {
            let mut h = x ^ salt;
            let mut i = 0;
            while i < 8 {
                h = h.wrapping_mul(31).wrapping_add(i);
                h ^= h >> 7;
                i += 1;
            }
            (h, h >> 3)
        }
    }
    ops {
        /// `ADD n`: adds `n` to the accumulator.
        ADD = 1 => {
            state.acc = state.acc.wrapping_add(arg);
        }
        /// `MIX salt`: the accumulator becomes `mix(acc, salt)`.
        MIX = 3 => {
            state.acc = mix(state.acc, arg);
        }
        /// `PICK salt`: the accumulator becomes `pick(acc, salt)`.
        PICK = 4 => {
            state.acc = pick(state.acc, arg);
        }
        /// `PAIR salt`: the accumulator becomes the sum of the pair `pair(acc, salt)`.
        PAIR = 7 => {
            let (a, b) = pair(state.acc, arg);
            state.acc = a.wrapping_add(b);
        }
        /// `LONG salt`: the accumulator becomes `long(acc, salt)`.
        LONG = 6 => {
            state.acc = long(state.acc, arg);
        }
        /// `INNER target`: decrements the inner counter and jumps back to `target` unless
        /// it is 0; then resets it.
        INNER = 5 => {
            state.m -= 1;
            if state.m != 0 {
                pc = arg as usize;
                jitsupport::can_enter_jit!(DRIVER; pc, code; state);
            } else {
                state.m = state.k;
            }
        }
    }
    halt => {
        return state.acc;
    }
}

fn state(n: i64) -> core::State {
    core::State {
        acc: 0,
        n,
        m: 5,
        k: 5,
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe {
        common::run(
            core::__pyrite::jitcodes(),
            code,
            || state(n),
            core::run,
            params,
        )
    }
}

/// The calls of function entries in a trace.
fn entry_calls(trace: &jitsupport_trace::Trace) -> usize {
    trace
        .ops
        .iter()
        .filter(|op| match &op.descr {
            Some(jitsupport_trace::Descr::Call(d)) => d.name.starts_with("pyrite::call_entry#"),
            _ => false,
        })
        .count()
}

// ADD 1; MIX 5; MIX 9; DEC 0; HALT: two inlined calls of `mix` make the loop's trace
// longer than the limit, one alone is not.
const TWO_MIXES: &[i64] = &[1, 1, 3, 5, 3, 9, 0, 0, 2, 0];

#[test]
fn a_function_that_makes_traces_too_long_gets_an_entry_trace() {
    let r = run(TWO_MIXES, 40, "threshold=2,trace_limit=120");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(too_long(&r.jit), 1, "{stats:?}");
    assert_eq!(stats.dont_inline, ["mix"], "{stats:?}");
    // `mix` is traced from its start: the trace ends in a finish of its result.
    assert_eq!(stats.entries, 1, "{stats:?}");
    let entry = &stats.entry_traces[0];
    let names = op_names(entry);
    assert_eq!(names.last(), Some(&"finish"), "{entry}");
    assert_eq!(count(&names, "label"), 0, "{entry}");
    assert_eq!(count(&names, "jump"), 0, "{entry}");
    assert!(count(&names, "int_mul") >= 8, "{entry}");
    // The loop calls the entry twice per iteration instead of inlining `mix`.
    assert_eq!(stats.loops, 1, "{stats:?}");
    let body = &stats.loop_traces[0];
    assert!(entry_calls(body) >= 2, "{body}");
    assert_eq!(count(&op_names(body), "int_mul"), 0, "{body}");
    // Every call from the loop ran the compiled entry.
    let calls = r.jit.entry_stats();
    assert!(calls.compiled_runs >= 2 * 30, "{calls:?}");
    assert_eq!(calls.guard_failures, 0, "{calls:?}");
}

#[test]
fn entry_guards_that_fail_resume_inside_the_function() {
    // ADD 1; PICK 7; PICK 3; DEC 0; HALT: `pick` branches on values that change.
    let r = run(
        &[1, 1, 4, 7, 4, 3, 0, 0, 2, 0],
        60,
        "threshold=2,trace_limit=120,trace_eagerness=0",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.dont_inline, ["pick"], "{stats:?}");
    assert_eq!(stats.entries, 1, "{stats:?}");
    let calls = r.jit.entry_stats();
    assert!(calls.compiled_runs > 0, "{calls:?}");
    assert!(calls.guard_failures > 0, "{calls:?}");
    assert!(calls.guard_failures < calls.compiled_runs, "{calls:?}");
}

#[test]
fn a_function_too_long_on_its_own_is_called_in_the_blackhole() {
    // ADD 1; LONG 3; DEC 0; HALT: `long` alone exceeds the limit, so its entry trace
    // aborts too, and it is never traced again.
    let r = run(&[1, 1, 6, 3, 0, 0, 2, 0], 40, "threshold=2,trace_limit=120");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.dont_inline, ["long"], "{stats:?}");
    assert_eq!(stats.entries, 0, "{stats:?}");
    assert_eq!(too_long(&r.jit), 2, "{stats:?}");
    assert_eq!(stats.loops, 1, "{stats:?}");
    let calls = r.jit.entry_stats();
    assert_eq!(calls.compiled_runs, 0, "{calls:?}");
    assert!(calls.calls > 30, "{calls:?}");
}

#[test]
fn function_threshold_zero_never_traces_entries() {
    let r = run(
        TWO_MIXES,
        40,
        "threshold=2,trace_limit=120,function_threshold=0",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.dont_inline, ["mix"], "{stats:?}");
    assert_eq!(stats.entries, 0, "{stats:?}");
    assert_eq!(stats.loops, 1, "{stats:?}");
}

#[test]
fn entries_agree_with_native_under_every_pass_set() {
    for opts in ["all", "intbounds:rewrite:virtualize:pure:heap"] {
        let params = format!("threshold=1,trace_limit=120,trace_eagerness=1,enable_opts={opts}");
        for ops in [TWO_MIXES, &[1, 1, 4, 7, 4, 3, 0, 0, 2, 0]] {
            let r = run(ops, 50, &params);
            assert_eq!(r.result, r.native, "{opts} {ops:?}");
            assert_eq!(r.jit.stats().entries, 1, "{opts} {ops:?}");
        }
    }
}

// ADD 1; ADD 1; INNER 2; ADD 2; INNER 6; ADD 3; INNER 10; DEC 0; HALT: three inner loops
// (at pcs 2, 6 and 10) that each run 5 times per round of the outer loop.
const THREE_INNER_LOOPS: &[i64] = &[1, 1, 1, 1, 5, 2, 1, 2, 5, 6, 1, 3, 5, 10, 0, 0, 2, 0];

#[test]
fn loops_unused_for_loop_longevity_generations_are_freed_and_traced_again() {
    let r = run(
        THREE_INNER_LOOPS,
        30,
        "threshold=2,trace_eagerness=0,loop_longevity=1",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert!(stats.freed_loops >= 1, "{stats:?}");
    // A freed loop's key is traced again when it gets hot: more loops are compiled than
    // there are loop headers (four).
    assert!(stats.loops > 4, "{stats:?}");
}

#[test]
fn loops_are_kept_with_a_long_loop_longevity() {
    for params in [
        "threshold=2,trace_eagerness=0",
        "threshold=2,trace_eagerness=0,loop_longevity=0",
    ] {
        let r = run(THREE_INNER_LOOPS, 30, params);
        assert_eq!(r.result, r.native);
        let stats = r.jit.stats();
        assert_eq!(stats.freed_loops, 0, "{stats:?}");
        assert!(stats.loops <= 4, "{stats:?}");
    }
}

#[test]
fn freeing_loops_with_bridges_agrees_with_native() {
    for eagerness in [1, 2, 5] {
        for longevity in [1, 2, 3] {
            let params =
                format!("threshold=2,trace_eagerness={eagerness},loop_longevity={longevity}");
            let r = run(THREE_INNER_LOOPS, 40, &params);
            assert_eq!(r.result, r.native, "{params}");
        }
    }
}

#[test]
fn a_function_with_several_results_is_never_called_instead_of_inlined() {
    // ADD 1; PAIR 5; PAIR 9; DEC 0; HALT: `pair` makes the trace too long, but a call
    // cannot hand over its second result: it stays inlined (once, its results were lost
    // and the program went wrong).
    let r = run(
        &[1, 1, 7, 5, 7, 9, 0, 0, 2, 0],
        40,
        "threshold=2,trace_limit=120",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert!(too_long(&r.jit) >= 1, "{stats:?}");
    assert!(!stats.dont_inline.iter().any(|n| n == "pair"), "{stats:?}");
    assert_eq!(stats.entries, 0, "{stats:?}");
}

/// A tiny deterministic generator (xorshift), so that every run checks the same programs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
}

/// A random program of this core: two to five segments of one to three ops (`ADD`, `MIX`, `PICK`,
/// `PAIR`, rarely `LONG`), most segments repeated by an `INNER` back to its start
/// (segments never overlap, so every inner loop runs `k` times), then `DEC 0; HALT`.
fn random_program(rng: &mut Rng) -> Vec<i64> {
    let mut ops = Vec::new();
    for _ in 0..2 + rng.below(4) {
        let start = ops.len() as i64;
        for _ in 0..1 + rng.below(3) {
            let op = match rng.below(10) {
                0..=2 => core::ADD,
                3..=4 => core::MIX,
                5..=6 => core::PICK,
                7..=8 => core::PAIR,
                _ => core::LONG,
            };
            ops.extend([op, rng.below(16)]);
        }
        if rng.below(4) != 0 {
            ops.extend([core::INNER, start]);
        }
    }
    ops.extend([core::DEC, 0, core::HALT, 0]);
    ops
}

#[test]
fn random_programs_agree_with_native_under_entries_and_loop_freeing() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut entries = 0;
    let mut freed = 0;
    for case in 0..60 {
        let ops = random_program(&mut rng);
        let params = format!(
            "threshold={},trace_limit={},trace_eagerness={},loop_longevity={},function_threshold={}",
            1 + rng.below(3),
            [40, 80, 120, 200, 6000][rng.below(5) as usize],
            [0, 1, 3][rng.below(3) as usize],
            [0, 1, 1, 2][rng.below(4) as usize],
            [0, 1, 5][rng.below(3) as usize],
        );
        let r = run(&ops, 5 + rng.below(15), &params);
        assert_eq!(r.result, r.native, "case {case}: {ops:?} with {params}");
        entries += r.jit.stats().entries;
        freed += r.jit.stats().freed_loops;
    }
    // The programs exercise what they are meant to.
    assert!(entries >= 5, "{entries} entry traces");
    assert!(freed >= 10, "{freed} freed loops");
}
