//! Running one case every way, and minimizing a case that fails.
//!
//! [`compare_ways`] runs a case through every [`Way`] of `jitsupport::testing`
//! (`Way::ALL`: natively, through the blackhole, and with the JIT at its eagerest,
//! `threshold=1,trace_eagerness=1`, and at its defaults, each with a fresh JIT) and
//! reports the differences.
//!
//! [`verdict`] adds the fuzzer's reference interpreter to the comparison; [`portal_args`]
//! and [`result_by_address`] are the parts of a [`Target`] the targets' portals
//! (`run(&Program, &mut State) -> Outcome`) share.
//!
//! [`minimize`] is delta debugging over the tokens of a program: it removes chunks of
//! tokens, halving their size, as long as the smaller program still fails.

use crate::Verdict;
use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::{JitState, Stats};
use jitsupport::testing::{compare, Observed, Target, Way};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Whether the harness has a way beyond the native interpreter and the blackhole.
pub fn has_jit_way() -> bool {
    Way::ALL
        .iter()
        .any(|way| !matches!(way, Way::Native | Way::Blackhole))
}

/// Runs `case` every way; returns what the native interpreter observed if all agree,
/// else every difference.
pub fn compare_ways<T: Target>(case: &T::Case) -> Result<Observed<T::Result>, String> {
    compare::<T>(&Way::ALL, case)
}

/// Compares `case` every way and with the fuzzer's reference interpreter, which gave
/// `reference` (its result and output, or why the case is not a valid program).
pub fn verdict<T: Target>(
    case: &T::Case,
    reference: Result<(T::Result, Vec<u8>), String>,
) -> Verdict {
    let (outcome, output) = match reference {
        Ok(run) => run,
        Err(why) => return Verdict::Invalid(why),
    };
    match compare_ways::<T>(case) {
        Err(why) => Verdict::Mismatch(why),
        Ok(seen) if seen.result.as_ref() != Ok(&outcome) || seen.output != output => {
            Verdict::Mismatch(format!(
                "the ways agree, but not with the fuzzer's reference interpreter: they gave \
                 {:?} and printed {:?}; the reference gave {outcome:?} and printed {:?}",
                seen.result,
                String::from_utf8_lossy(&seen.output),
                String::from_utf8_lossy(&output)
            ))
        }
        Ok(_) => Verdict::Agree,
    }
}

/// The arguments of a portal `run(&P, &mut S)`: two references.
pub fn portal_args<P, S>(program: &P, state: &mut S) -> Args {
    let program: *const P = program;
    let state: *mut S = state;
    Args::new(&[], &[program as usize, state as usize], &[])
}

/// The `R` a portal's jitcode returned by address (a struct result, such as an
/// `Outcome`, is returned as a reference to it).
///
/// # Safety
/// `value` comes from the jitcode of a portal whose result type is `R`.
pub unsafe fn result_by_address<R: Copy>(value: Value) -> R {
    match value {
        // Safety: the portal's jitcode returns the address of an `R`, as the caller
        // promises.
        Value::Ref(address) => unsafe { *(address as *const R) },
        other => panic!(
            "the portal's jitcode returned {other:?}, not the address of a {}",
            std::any::type_name::<R>()
        ),
    }
}

/// The JIT at its eagerest: `threshold=1,trace_eagerness=1`.
pub fn eager_params() -> JitParams {
    JitParams {
        threshold: 1,
        trace_eagerness: 1,
        ..JitParams::default()
    }
}

/// What the JIT did running `case` with `params`: loops, bridges, aborts, guard
/// failures; `None` if the run panicked. It shows that the programs of the fuzzer
/// exercise the JIT.
pub fn jit_stats<T: Target>(case: &T::Case, params: JitParams) -> Option<Stats> {
    let mut jit = JitState::new(T::jitcodes(), params);
    let (ran, _output) = T::capture(case, || {
        catch_unwind(AssertUnwindSafe(|| {
            let mut state = T::setup(case);
            let args = T::portal_args(&mut state);
            // Safety: the arguments point into `state`, which outlives the call, and the
            // registry is the one the macro emitted for the target's core.
            let _ = unsafe { run_portal(&mut jit, T::driver(), &args) };
        }))
    });
    ran.ok().map(|()| jit.stats().clone())
}

/// The sums of the [`Stats`] of many runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub runs: u64,
    pub loops: u64,
    pub bridges: u64,
    pub guard_failures: u64,
    pub aborts: u64,
    /// Runs in which at least one loop was compiled.
    pub runs_with_loops: u64,
}

impl Coverage {
    /// Adds the numbers of one run.
    pub fn add(&mut self, stats: &Stats) {
        self.runs += 1;
        self.loops += stats.loops;
        self.bridges += stats.bridges;
        self.guard_failures += stats.guard_failures;
        self.aborts += stats.total_aborts();
        self.runs_with_loops += u64::from(stats.loops > 0);
    }
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} runs: {} with loops; {} loops, {} bridges, {} guard failures, {} aborts",
            self.runs,
            self.runs_with_loops,
            self.loops,
            self.bridges,
            self.guard_failures,
            self.aborts
        )
    }
}

/// The smallest sublist of `tokens` found for which `fails` holds (`fails(tokens)` must
/// hold): chunks are removed while the rest still fails, from halves down to single
/// tokens, within at most `max_tries` calls of `fails`.
pub fn minimize<T: Clone>(
    tokens: &[T],
    max_tries: usize,
    mut fails: impl FnMut(&[T]) -> bool,
) -> Vec<T> {
    let mut current = tokens.to_vec();
    let mut tries = 0;
    let mut chunk = current.len().div_ceil(2).max(1);
    loop {
        let mut removed_any = false;
        let mut start = 0;
        while start < current.len() {
            if tries >= max_tries {
                return current;
            }
            let end = (start + chunk).min(current.len());
            let mut candidate = current[..start].to_vec();
            candidate.extend_from_slice(&current[end..]);
            tries += 1;
            if fails(&candidate) {
                current = candidate;
                removed_any = true;
            } else {
                start += chunk;
            }
        }
        if chunk == 1 && !removed_any {
            return current;
        }
        if !removed_any {
            chunk = chunk.div_ceil(2).max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimize_keeps_what_the_failure_needs() {
        let tokens: Vec<u32> = (0..100).collect();
        let small = minimize(&tokens, 10_000, |t| t.contains(&17) && t.contains(&62));
        assert_eq!(small, vec![17, 62]);
    }

    #[test]
    fn minimize_stops_after_its_tries() {
        let tokens: Vec<u32> = (0..100).collect();
        let mut calls = 0;
        let small = minimize(&tokens, 5, |t| {
            calls += 1;
            t.contains(&3)
        });
        assert_eq!(calls, 5);
        assert!(small.contains(&3));
    }
}
