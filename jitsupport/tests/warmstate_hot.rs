//! The native hooks' fast path: a pass through `can_enter_jit` counted in line in the
//! counter's [`HotTable`] when it can be, and asked of the warm state when it cannot, gets
//! the same answers as the warm state asked at every pass, through thresholds, collisions,
//! traces that compile or abort (back-off, giving up), loops freed (their keys get hot
//! again), don't-trace-here marks, function entries, guard failures, decay and parameter
//! changes.

use jitsupport::jit::{
    CellState, Entry, GreenHash, HotTable, JitCounter, JitParams, WarmState, MAX_ABORTS,
};
use std::rc::Rc;

fn params(text: &str) -> JitParams {
    JitParams::parse(text).unwrap()
}

/// A small deterministic generator (xorshift64*), so that a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An answer without the borrow of the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Interpret,
    Trace,
    Run(u32),
}

fn answer(entry: Entry<'_, u32>) -> Answer {
    match entry {
        Entry::Interpret => Answer::Interpret,
        Entry::Trace => Answer::Trace,
        Entry::Run(&l) => Answer::Run(l),
    }
}

/// The hook's way: in line if the table can, else the warm state; and whether it was in
/// line.
fn hooked(table: &HotTable, state: &mut WarmState<u32>, key: &[i64]) -> (Answer, bool) {
    if table.count(GreenHash::of(key)) {
        (Answer::Interpret, true)
    } else {
        (answer(state.can_enter_jit(key)), false)
    }
}

/// Runs `steps` random steps on a warm state reached through the fast path and on one
/// asked at every pass, with `keys` green keys over a table of `size` slots, and checks
/// that they answer alike and end with the same counts. Returns how many passes the fast
/// path counted and how many traces started, so that callers can check both happened.
fn differential(seed: u64, size: usize, keys: usize, steps: usize) -> (usize, usize) {
    let start = params("threshold=7,function_threshold=5,trace_eagerness=3");
    let mut fast: WarmState<u32> = WarmState::with_counter(&start, JitCounter::new(size));
    let mut slow: WarmState<u32> = WarmState::with_counter(&start, JitCounter::new(size));
    let table: Rc<HotTable> = Rc::clone(fast.counter().hot_table());
    let mut rng = Rng(seed * 2 + 1);
    let keys: Vec<[i64; 2]> = (0..keys as i64).map(|k| [k * 3, 0x7000 + k % 3]).collect();
    let mut guards = Vec::new();
    let mut next_loop = 0u32;
    let (mut in_line, mut traces) = (0, 0);
    for step in 0..steps {
        let key = keys[rng.below(keys.len() as u64) as usize];
        let what = rng.below(1000);
        if what < 900 {
            let (got, counted) = hooked(&table, &mut fast, &key);
            in_line += usize::from(counted);
            let want = answer(slow.can_enter_jit(&key));
            assert_eq!(got, want, "step {step}, key {key:?}, seed {seed}");
            if want == Answer::Trace {
                traces += 1;
                // The trace's outcome, the same for both.
                let outcome = rng.below(10);
                for state in [&mut fast, &mut slow] {
                    state.finish_tracing(&key);
                    match outcome {
                        0..=3 => {
                            state.attach_loop(&key, next_loop);
                        }
                        4..=7 => {
                            state.trace_aborted(&key);
                        }
                        _ => {
                            state.trace_aborted(&key);
                            state.dont_trace_here(&key);
                        }
                    }
                }
                next_loop += 1;
            }
        } else if what < 915 {
            // A loop invalidated.
            assert_eq!(fast.forget_loop(&key), slow.forget_loop(&key));
        } else if what < 930 {
            // A loop freed by `loop_longevity`: its key backs off.
            assert_eq!(fast.loop_freed(&key), slow.loop_freed(&key));
        } else if what < 950 {
            let got = answer(fast.function_entry(&key));
            assert_eq!(got, answer(slow.function_entry(&key)), "step {step}");
            if got == Answer::Trace {
                fast.finish_tracing(&key);
                slow.finish_tracing(&key);
            }
        } else if what < 965 {
            let hash = fast.new_guard_hash();
            assert_eq!(hash, slow.new_guard_hash());
            guards.push(hash);
        } else if what < 985 {
            if !guards.is_empty() {
                let hash = guards[rng.below(guards.len() as u64) as usize];
                assert_eq!(fast.guard_failed(hash), slow.guard_failed(hash));
            }
        } else if what < 990 {
            fast.counter_mut().decay_all();
            slow.counter_mut().decay_all();
        } else if what < 995 {
            fast.trace_next_iteration(&key);
            slow.trace_next_iteration(&key);
        } else {
            let p = params(&format!(
                "threshold={},decay={}",
                1 + rng.below(12),
                rng.below(100)
            ));
            fast.set_params(&p);
            slow.set_params(&p);
        }
    }
    for key in &keys {
        let hash = GreenHash::of(key);
        assert_eq!(
            fast.counter().fraction(hash),
            slow.counter().fraction(hash),
            "count of {key:?}, seed {seed}"
        );
        assert_eq!(
            fast.cell(key).map(|c| c.state()),
            slow.cell(key).map(|c| c.state()),
            "cell of {key:?}, seed {seed}"
        );
    }
    (in_line, traces)
}

#[test]
fn the_fast_path_answers_as_the_warm_state() {
    for seed in 0..20 {
        // 16 slots for 24 keys: many collisions; 8192 slots for 300 keys: few.
        for (size, keys) in [(16, 24), (8192, 300)] {
            let (in_line, traces) = differential(seed, size, keys, 20_000);
            assert!(in_line > 50, "seed {seed}: only {in_line} passes in line");
            assert!(traces > 100, "seed {seed}: only {traces} traces");
        }
    }
}

#[test]
fn a_compiled_key_always_asks_and_a_freed_one_counts_again() {
    let mut state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=3"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let key = [5, 9];
    let hash = GreenHash::of(&key);
    assert!(table.count(hash));
    assert!(table.count(hash));
    // The third pass reaches the threshold: the warm state must decide.
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Trace);
    state.finish_tracing(&key);
    state.attach_loop(&key, 1);
    for _ in 0..10 {
        assert!(!table.count(hash), "a key with a loop counts in line");
        assert_eq!(state.can_enter_jit(&key), Entry::Run(&1));
    }
    state.forget_loop(&key);
    // The next pass forgets the cell; then the key counts from zero, in line, and gets
    // hot again.
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
    assert!(state.cell(&key).is_none());
    assert!(table.count(hash));
    assert!(table.count(hash));
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Trace);
}

#[test]
fn a_backed_off_key_counts_in_line_and_asks_at_each_trip() {
    let mut state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=2"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let key = [1];
    let hash = GreenHash::of(&key);
    assert!(table.count(hash));
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Trace);
    state.finish_tracing(&key);
    state.trace_aborted(&key);
    // The threshold is now 4: the key counts in line, and the warm state counts the
    // first trip of the plain threshold, then the second makes it hot.
    assert!(table.count(hash));
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
    assert!(table.count(hash));
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&key), Entry::Trace);
}

#[test]
fn a_freed_loop_doubles_its_keys_threshold_and_the_cell_stays_quiet() {
    let mut state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=3"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let key = [7, 7];
    let hash = GreenHash::of(&key);
    let passes_to_hot = |state: &mut WarmState<u32>| {
        (1..=1000).find(|_| !table.count(hash) && state.can_enter_jit(&key) == Entry::Trace)
    };
    for (round, wait) in [3, 6, 12].into_iter().enumerate() {
        assert_eq!(passes_to_hot(&mut state), Some(wait), "round {round}");
        state.finish_tracing(&key);
        state.attach_loop(&key, round as u32);
        assert_eq!(state.can_enter_jit(&key), Entry::Run(&(round as u32)));
        assert_eq!(state.loop_freed(&key), Some(round as u32));
        assert_eq!(state.times_freed(&key), round as u32 + 1);
        assert_eq!(state.cell(&key).map(|c| c.backoff()), Some(round as u8 + 1));
        assert!(!state.counter().has_cells(state.counter().index(hash)));
    }
}

#[test]
fn a_spent_budget_puts_keys_off_and_doubles_every_threshold() {
    use jitsupport::jit::Budget;
    use std::time::Duration;
    let p = params("threshold=5,compile_budget=10,compile_allowance=0");
    let mut state: WarmState<u32> = WarmState::with_counter(&p, JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let budget = Rc::new(Budget::new(&p).expect("a budget"));
    budget.charge(Duration::from_secs(3600));
    state.set_budget(Some(Rc::clone(&budget)));
    let key = [11];
    let hash = GreenHash::of(&key);
    // Counted in line, as the hooks do: hot at 5 (put off), then at 10 more (put off),
    // then 20, then 40: 75 passes, never traced; the cell-less key stays in line.
    let mut traced = 0;
    for _ in 0..100 {
        if !table.count(hash) && state.can_enter_jit(&key) == Entry::Trace {
            traced += 1;
        }
    }
    assert_eq!(traced, 0);
    assert_eq!(budget.deferred(), 4);
    assert_eq!(state.scale(), 4);
    assert!(state.cell(&key).is_none(), "a key put off gets no cell");
    // Another key counts at the scaled threshold too (5 * 2^4); once the budget allows
    // again, its trace halves the thresholds.
    state.set_budget(None);
    let other = [12];
    let hot = (1..=1000).find(|_| state.can_enter_jit(&other) == Entry::Trace);
    assert_eq!(hot, Some(80));
    let fresh = Rc::new(Budget::new(&p).expect("a budget"));
    state.set_budget(Some(fresh));
    state.finish_tracing(&other);
    let third = [13];
    assert_eq!(
        (1..=1000).find(|_| state.can_enter_jit(&third) == Entry::Trace),
        Some(80)
    );
    assert_eq!(state.scale(), 3);
}

#[test]
fn a_given_up_key_skips_its_passes_in_line_even_at_threshold_1() {
    use jitsupport::jit::warmstate::GIVEN_UP_SKIP;
    let mut state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=1"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let key = [4, 4];
    let hash = GreenHash::of(&key);
    for _ in 0..MAX_ABORTS {
        let hot =
            (1..=100).find(|_| !table.count(hash) && state.can_enter_jit(&key) == Entry::Trace);
        assert!(hot.is_some());
        state.finish_tracing(&key);
        state.trace_aborted(&key);
    }
    assert_eq!(state.cell(&key).map(|c| c.state()), Some(CellState::GaveUp));
    // Every pass reaches threshold 1; a given-up key still leaves the in-line count only
    // once per GIVEN_UP_SKIP passes.
    let passes = 10 * GIVEN_UP_SKIP as usize;
    let mut out_of_line = 0;
    for _ in 0..passes {
        if !table.count(hash) {
            out_of_line += 1;
            assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
        }
    }
    assert!(
        out_of_line <= 2 * 10 + 2,
        "{out_of_line} passes out of line"
    );
}

#[test]
fn a_closed_table_counts_nothing_in_line() {
    let state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=1000"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let hash = GreenHash::of(&[3]);
    assert!(table.count(hash));
    table.set_closed(true);
    assert!(!table.count(hash));
    assert!((state.counter().fraction(hash) - 0.001).abs() < 1e-6);
    table.set_closed(false);
    assert!(table.count(hash));
    assert!((state.counter().fraction(hash) - 0.002).abs() < 1e-6);
}

#[test]
fn with_the_jit_off_nothing_gets_hot_in_line() {
    let mut state: WarmState<u32> =
        WarmState::with_counter(&params("threshold=1,off"), JitCounter::new(64));
    let table = Rc::clone(state.counter().hot_table());
    let hash = GreenHash::of(&[3]);
    for _ in 0..100 {
        assert!(table.count(hash));
    }
    assert_eq!(state.counter().fraction(hash), 0.0);
    // Turned on, the next pass reaches the threshold of 1.
    state.set_params(&params("threshold=1"));
    assert!(!table.count(hash));
    assert_eq!(state.can_enter_jit(&[3]), Entry::Trace);
}

#[test]
fn the_hooks_hash_is_the_warm_states() {
    use jitsupport::jitcode::Kind;
    use jitsupport::metainterp::runtime::green_hash;
    // The hook hashes the words in the driver's order; the warm state keys by ints, then
    // refs, then floats.
    let kinds = [Kind::Ref, Kind::Int, Kind::Float, Kind::Int];
    let words = [0x7f00_1234u64, 17, 2.5f64.to_bits(), u64::MAX];
    let key = [17, -1, 0x7f00_1234, 2.5f64.to_bits() as i64];
    assert_eq!(green_hash(&kinds, &words), GreenHash::of(&key));
    assert_ne!(
        green_hash(&kinds, &words),
        GreenHash::of(&[17, 0x7f00_1234, -1, 2.5f64.to_bits() as i64])
    );
    assert_eq!(green_hash(&[], &[]), GreenHash::of(&[]));
}
