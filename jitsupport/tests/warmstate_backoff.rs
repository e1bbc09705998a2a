//! Tests of the warm state's back-off after aborted traces: each abort from a key doubles
//! its threshold, and after `MAX_ABORTS` aborts in a row the key is given up.

use jitsupport::jit::{CellState, Entry, Increment, JitParams, WarmState, MAX_ABORTS};

fn params(text: &str) -> JitParams {
    JitParams::parse(text).expect("good parameters")
}

/// Passes through `can_enter_jit` with `greens` until one answers `Trace`; the number of
/// passes, or `None` if `limit` passes do not make it hot.
fn passes_to_hot(state: &mut WarmState<&'static str>, greens: &[i64], limit: u32) -> Option<u32> {
    (1..=limit).find(|_| state.can_enter_jit(greens) == Entry::Trace)
}

#[test]
fn a_backed_off_increment_is_that_of_the_larger_threshold() {
    for n in [1u32, 2, 3, 7, 10, 1000, 1039, 1619, 65_537] {
        for shift in 0..5 {
            assert_eq!(
                Increment::for_threshold(n).backed_off(shift),
                Increment::for_threshold(n << shift),
                "threshold {n}, shift {shift}"
            );
        }
    }
    assert_eq!(Increment::NEVER.backed_off(3), Increment::NEVER);
    assert_eq!(Increment::for_threshold(1).backed_off(200).get(), 1);
}

#[test]
fn each_abort_doubles_the_threshold_until_the_key_is_given_up() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=10"));
    let key = [3, 0x1234];
    let mut waits = Vec::new();
    for abort in 0..MAX_ABORTS {
        waits.push(passes_to_hot(&mut state, &key, 10_000));
        state.finish_tracing(&key);
        let gave_up = state.trace_aborted(&key);
        assert_eq!(gave_up, abort + 1 == MAX_ABORTS, "abort {abort}");
    }
    assert_eq!(waits, [Some(10), Some(20), Some(40), Some(80)]);
    let cell = state.cell(&key).expect("the key keeps its cell");
    assert_eq!(cell.state(), CellState::GaveUp);
    assert_eq!(cell.aborts(), MAX_ABORTS);
    assert_eq!(passes_to_hot(&mut state, &key, 100_000), None);
    // Another key is not affected.
    assert_eq!(passes_to_hot(&mut state, &[4, 0x1234], 100), Some(10));
}

#[test]
fn a_loop_clears_the_count_of_aborts() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=4"));
    let key = [8];
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(4));
    state.finish_tracing(&key);
    assert!(!state.trace_aborted(&key));
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(8));
    state.attach_loop(&key, "loop");
    state.finish_tracing(&key);
    assert_eq!(state.cell(&key).map(|c| c.aborts()), Some(0));
    assert_eq!(state.can_enter_jit(&key), Entry::Run(&"loop"));
    // The loop is freed: the key counts from zero at the plain threshold again.
    assert_eq!(state.forget_loop(&key), Some("loop"));
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(5));
}

#[test]
fn a_too_long_function_mark_backs_off_too() {
    let mut state: WarmState<&str> = WarmState::new(&params("threshold=6"));
    let key = [21];
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(6));
    state.finish_tracing(&key);
    state.dont_trace_here(&key);
    assert!(!state.trace_aborted(&key));
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(12));
    state.finish_tracing(&key);
    assert!(!state.trace_aborted(&key));
    assert_eq!(passes_to_hot(&mut state, &key, 100), Some(24));
}
