//! Tests of the JIT counter and the warm state: thresholds reached exactly, decay, reset,
//! collisions, the cell protocol with the metainterp, and parameters.

use jitsupport::jit::counter::LIMIT;
use jitsupport::jit::{CellState, Entry, GreenHash, Increment, JitCounter, JitParams, WarmState};

fn params(text: &str) -> JitParams {
    JitParams::parse(text).unwrap()
}

/// Passes through `can_enter_jit` with `greens` until one answers `Trace`; the number of
/// passes, or `None` if `limit` passes do not make it hot.
fn passes_to_hot(state: &mut WarmState<&'static str>, greens: &[i64], limit: u32) -> Option<u32> {
    (1..=limit).find(|_| state.can_enter_jit(greens) == Entry::Trace)
}

#[test]
fn increments_are_exact() {
    for n in [
        1u32,
        2,
        3,
        7,
        1000,
        1039,
        1619,
        65_537,
        1 << 20,
        2_000_000_000,
    ] {
        let inc = u128::from(Increment::for_threshold(n).get());
        let limit = u128::from(LIMIT);
        assert!(
            (u128::from(n) - 1) * inc < limit,
            "threshold {n} is hot early"
        );
        assert!(u128::from(n) * inc >= limit, "threshold {n} is hot late");
    }
    assert_eq!(Increment::for_threshold(0), Increment::NEVER);
}

#[test]
fn counter_reaches_threshold_exactly_and_resets() {
    let mut counter = JitCounter::new(16);
    let hash = GreenHash::of(&[42]);
    for n in [1u32, 2, 3, 10, 1039] {
        let inc = Increment::for_threshold(n);
        for pass in 1..n {
            assert!(
                !counter.tick(hash, inc),
                "threshold {n}: hot at pass {pass}"
            );
        }
        assert!(
            counter.tick(hash, inc),
            "threshold {n}: not hot at pass {n}"
        );
        // Reaching the limit resets the counter: a full count again.
        assert_eq!(counter.fraction(hash), 0.0);
    }
    for _ in 0..5 {
        counter.tick(hash, Increment::for_threshold(10));
    }
    assert!((counter.fraction(hash) - 0.5).abs() < 1e-9);
    counter.reset(hash);
    assert_eq!(counter.fraction(hash), 0.0);
    for _ in 0..1000 {
        assert!(!counter.tick(hash, Increment::NEVER));
    }
}

#[test]
fn counter_decay() {
    let mut counter = JitCounter::new(16);
    let hash = GreenHash::of(&[1, 2]);
    let inc = Increment::for_threshold(100);
    for _ in 0..50 {
        counter.tick(hash, inc);
    }
    counter.set_decay(500);
    counter.decay_all();
    assert!((counter.fraction(hash) - 0.25).abs() < 1e-9);
    // From 25 passes' worth, 75 more make it hot, not 74.
    for _ in 0..74 {
        assert!(!counter.tick(hash, inc));
    }
    assert!(counter.tick(hash, inc));

    // Decay 0 keeps everything; 1000 clears everything.
    for _ in 0..50 {
        counter.tick(hash, inc);
    }
    counter.set_decay(0);
    counter.decay_all();
    assert!((counter.fraction(hash) - 0.5).abs() < 1e-9);
    counter.set_decay(1000);
    counter.decay_all();
    assert_eq!(counter.fraction(hash), 0.0);
}

#[test]
fn a_rare_path_never_gets_hot_under_decay() {
    let mut counter = JitCounter::new(16);
    counter.set_decay(40);
    let hash = GreenHash::of(&[7]);
    let inc = Increment::for_threshold(100);
    // Two passes between decays of 4%: the counter converges to 2 / 0.04 = 50 passes'
    // worth, and the threshold is 100.
    let mut hot = false;
    for _ in 0..10_000 {
        for _ in 0..2 {
            hot |= counter.tick(hash, inc);
        }
        counter.decay_all();
    }
    assert!(!hot);
    assert!(counter.fraction(hash) < 0.5);
}

#[test]
fn counter_sizes_and_guard_hashes() {
    let mut counter = JitCounter::new(1000);
    assert_eq!(counter.size(), 1024);
    let hashes: Vec<usize> = (0..2048)
        .map(|_| {
            let h = counter.fetch_next_hash();
            counter.index(h)
        })
        .collect();
    assert_eq!(hashes[..4], [0, 1, 2, 3]);
    assert_eq!(hashes[1024], 0);
    assert!(hashes.iter().all(|&i| i < 1024));
    assert_eq!(JitCounter::default().size(), JitCounter::DEFAULT_SIZE);
}

#[test]
fn green_hashes_spread() {
    let counter = JitCounter::default();
    let mut seen = std::collections::HashSet::new();
    for pc in 0..1000 {
        seen.insert(counter.index(GreenHash::of(&[pc, 0x5555_0000])));
    }
    // Consecutive program counters land in nearly distinct slots.
    assert!(seen.len() > 900, "only {} distinct slots", seen.len());
    assert_ne!(GreenHash::of(&[1, 2]), GreenHash::of(&[2, 1]));
}

#[test]
fn a_loop_gets_hot_exactly_at_threshold() {
    for n in [1u32, 2, 3, 17, 1039] {
        let mut state: WarmState<&str> = WarmState::new(&params(&format!("threshold={n}")));
        assert_eq!(
            passes_to_hot(&mut state, &[5, 100], n + 1),
            Some(n),
            "threshold {n}"
        );
        assert_eq!(state.cell(&[5, 100]).unwrap().state(), CellState::Tracing);
    }
}

#[test]
fn default_threshold() {
    let mut state: WarmState<&str> = WarmState::new(&JitParams::default());
    assert_eq!(passes_to_hot(&mut state, &[0], 5000), Some(1039));
}

#[test]
fn the_cell_protocol() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=3"));
    let key = [10, 0x1000];
    assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
    assert!(
        state.cell(&key).is_none(),
        "no cell before the key gets hot"
    );
    assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
    assert_eq!(state.can_enter_jit(&key), Entry::Trace);

    // While tracing, passes through the same key do nothing.
    let cell = state.cell(&key).unwrap();
    assert!(cell.is_tracing() && cell.tracing_occurred());
    assert_eq!(cell.greens(), key);
    for _ in 0..10 {
        assert_eq!(state.can_enter_jit(&key), Entry::Interpret);
    }

    // The loop compiles: from now on the key runs it.
    assert_eq!(state.attach_loop(&key, "loop 1"), None);
    state.finish_tracing(&key);
    assert_eq!(state.cell(&key).unwrap().state(), CellState::Compiled);
    assert_eq!(state.can_enter_jit(&key), Entry::Run(&"loop 1"));
    assert_eq!(state.loop_token(&key), Some(&"loop 1"));

    // A new loop replaces it; the old one is handed back for redirection.
    assert_eq!(state.attach_loop(&key, "loop 2"), Some("loop 1"));
    assert_eq!(state.can_enter_jit(&key), Entry::Run(&"loop 2"));

    // The loop is freed: the key forgets and counts from zero again (the first pass only
    // cleans up).
    assert_eq!(state.forget_loop(&key), Some("loop 2"));
    assert_eq!(passes_to_hot(&mut state, &key, 10), Some(4));
}

#[test]
fn an_aborted_trace_counts_again_from_zero() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=5"));
    let key = [3];
    assert_eq!(passes_to_hot(&mut state, &key, 10), Some(5));
    state.finish_tracing(&key);
    assert_eq!(state.cell(&key).unwrap().state(), CellState::Counting);
    // One pass removes the cell, then a full count.
    assert_eq!(passes_to_hot(&mut state, &key, 10), Some(6));
}

#[test]
fn keys_count_separately_and_cells_never_mix() {
    // A two-slot table: many keys share each slot. Their counts add up (tolerated), but
    // cells compare the greens, so a loop only runs for its own key.
    let mut state: WarmState<&str> =
        WarmState::with_counter(&params("threshold=4,decay=0"), JitCounter::new(2));
    let a = [1];
    let b = (2..100)
        .map(|x| [x])
        .find(|k| {
            state.counter().index(GreenHash::of(k)) == state.counter().index(GreenHash::of(&a))
        })
        .unwrap();
    assert_eq!(state.can_enter_jit(&a), Entry::Interpret);
    assert_eq!(state.can_enter_jit(&b), Entry::Interpret);
    assert_eq!(state.can_enter_jit(&a), Entry::Interpret);
    assert_eq!(state.can_enter_jit(&b), Entry::Trace);
    state.attach_loop(&b, "b's loop");
    state.finish_tracing(&b);
    assert_eq!(state.can_enter_jit(&b), Entry::Run(&"b's loop"));
    // `a` shares the slot, but not the loop: it counts on.
    assert_eq!(passes_to_hot(&mut state, &a, 10), Some(4));
    assert_eq!(state.loop_token(&a), None);
    assert_eq!(state.loop_token(&b), Some(&"b's loop"));
    state.attach_loop(&a, "a's loop");
    state.finish_tracing(&a);
    assert_eq!(state.can_enter_jit(&a), Entry::Run(&"a's loop"));
    assert_eq!(state.can_enter_jit(&b), Entry::Run(&"b's loop"));
}

#[test]
fn function_entry_uses_function_threshold() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=100,function_threshold=3"));
    let key = [77];
    assert_eq!(state.function_entry(&key), Entry::Interpret);
    assert_eq!(state.function_entry(&key), Entry::Interpret);
    assert_eq!(state.function_entry(&key), Entry::Trace);
}

#[test]
fn dont_trace_here_traces_the_function_at_its_next_entry() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=50,function_threshold=50"));
    let function = [0, 0xf00];
    assert!(state.can_inline(&function));
    state.dont_trace_here(&function);
    assert!(!state.can_inline(&function));
    assert_eq!(
        state.cell(&function).unwrap().state(),
        CellState::DontTraceHere
    );
    // Never traced: traced at once.
    assert_eq!(state.function_entry(&function), Entry::Trace);
    state.finish_tracing(&function);
    // Traced once without result: it counts normally now, and stays marked.
    assert_eq!(
        (1..=60).find(|_| state.function_entry(&function) == Entry::Trace),
        Some(50)
    );
    assert!(!state.can_inline(&function));
    state.attach_loop(&function, "function");
    state.finish_tracing(&function);
    assert_eq!(state.function_entry(&function), Entry::Run(&"function"));
    assert!(!state.can_inline(&function));
}

#[test]
fn inlining_parameter() {
    let state: WarmState<&str> = WarmState::new(&params("inlining=0"));
    assert!(!state.can_inline(&[1]));
}

#[test]
fn off_never_traces_but_runs_compiled_loops() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=2"));
    let key = [9];
    assert_eq!(passes_to_hot(&mut state, &key, 10), Some(2));
    state.attach_loop(&key, "loop");
    state.finish_tracing(&key);

    state.set_params(&params(
        "threshold=1,function_threshold=1,trace_eagerness=1,off",
    ));
    assert_eq!(passes_to_hot(&mut state, &[10], 1000), None);
    assert_eq!(state.function_entry(&[10]), Entry::Interpret);
    let guard = state.new_guard_hash();
    assert!(!(0..1000).any(|_| state.guard_failed(guard)));
    assert_eq!(state.can_enter_jit(&key), Entry::Run(&"loop"));

    let mut never: WarmState<&str> = WarmState::new(&params("threshold=0"));
    assert_eq!(passes_to_hot(&mut never, &[1], 10_000), None);
}

#[test]
fn guards_count_towards_bridges() {
    let mut state: WarmState<&str> = WarmState::new(&params("trace_eagerness=3"));
    let g1 = state.new_guard_hash();
    let g2 = state.new_guard_hash();
    assert_ne!(g1, g2);
    assert!(!state.guard_failed(g1));
    assert!(!state.guard_failed(g1));
    assert!(!state.guard_failed(g2));
    assert!(state.guard_failed(g1));
    let mut eager: WarmState<&str> = WarmState::new(&params("trace_eagerness=1"));
    let g = eager.new_guard_hash();
    assert!(eager.guard_failed(g));
}

#[test]
fn getting_hot_decays_the_others() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=10,decay=500"));
    let (a, b) = ([1], [2]);
    for _ in 0..8 {
        state.can_enter_jit(&a);
    }
    assert_eq!(passes_to_hot(&mut state, &b, 20), Some(10));
    // `a` had 8 of 10; halved to 4, it needs 6 more.
    assert!((state.counter().fraction(GreenHash::of(&a)) - 0.4).abs() < 1e-9);
    assert_eq!(passes_to_hot(&mut state, &a, 20), Some(6));
}

#[test]
fn trace_next_iteration_makes_a_key_hot_soon() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=1000"));
    state.trace_next_iteration(&[4]);
    // 98% of the way is 980 of 1000 passes; rounding may need one more.
    let passes = passes_to_hot(&mut state, &[4], 1000);
    assert!(matches!(passes, Some(20 | 21)), "{passes:?}");
}

#[test]
fn new_parameters_keep_the_counts() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=100"));
    for _ in 0..50 {
        state.can_enter_jit(&[1]);
    }
    state.set_params(&params("threshold=10"));
    // Half way at any threshold: 5 more passes of 10.
    assert_eq!(passes_to_hot(&mut state, &[1], 20), Some(5));
}

/// The one test of this binary touching the process-wide parameters.
#[test]
fn following_the_process_wide_parameters() {
    jitsupport::jit::set_param("threshold", "100").unwrap();
    let mut state: WarmState<&str> = WarmState::from_global_params();
    assert_eq!(state.params().threshold, 100);
    jitsupport::jit::set_param("threshold", "2").unwrap();
    state.refresh_params();
    assert_eq!(state.params().threshold, 2);
    assert_eq!(passes_to_hot(&mut state, &[1], 10), Some(2));
    jitsupport::jit::set_param("off", "").unwrap();
    // The change is seen at the next JIT event even without an explicit refresh.
    assert_eq!(passes_to_hot(&mut state, &[2], 100), None);
    assert!(!state.params().enabled);
}
