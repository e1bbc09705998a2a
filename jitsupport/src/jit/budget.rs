//! The JIT's time budget: tracing and compiling may take at most a share of the run's time,
//! so that no program runs much slower with the JIT than without it.
//!
//! A program that cycles through many loops, each hot just once (a little past
//! `threshold`), makes the JIT compile every one of them, and compiling a loop costs far
//! more than interpreting the thousand rounds it then runs: such a run was 20-25 times
//! slower with the JIT than without. The counters and back-offs of the warm state cannot
//! see this (each key got hot once, honestly); a global budget can, as V8's and
//! HotSpot's compilers are bounded by what they spend against the time the program ran.
//!
//! The rule: the JIT's work so far (the time spent tracing, optimizing and generating
//! code, [`Budget::charge`]d by the metainterp) may be at most `compile_allowance`
//! milliseconds plus `compile_budget` percent of the time since the JIT started. When a
//! key gets hot ([`WarmState`](super::WarmState)) while the budget is spent, nothing is
//! traced: every threshold doubles (the warm state's scale) and the JIT waits for the
//! program to run on. A guard due for a bridge waits too, but only until it failed
//! `BRIDGE_OVER_BUDGET` (200) times: each failure costs a blackhole run, far more than
//! the interpreter, so a guard that fails that often has paid for its bridge (a loop
//! with many exits ran twice as slow with every bridge put off). A loop that stays hot comes back and is compiled once the
//! run has earned the time; a loop that was barely hot is not compiled again and again.
//! So a run with the JIT takes at most about `1 / (1 - compile_budget / 100)` times its
//! time without, plus the allowance, whatever the program and the other parameters.
//! The defaults (10 percent, 2 ms) bring bf's 2400 loops hot just once
//! (`bench/warmup.sh`'s `cycling_loops.b`) from 1.6x to 1.2x the JIT off; 20 percent
//! and 5 ms set a floor of (1.2 x 28 + 5) / 0.8 = 48 ms against 28 ms off. Programs
//! whose loops stay hot do not notice (`bench/jit.sh`), and a run with many exits
//! (`many_exits.b`) waits a little longer for its bridges (1.2x to 1.3x the JIT off).
//!
//! Times are the thread's CPU time ([`thread_cpu_time`]), so that a run slowed by other
//! processes neither earns nor spends time it did not use. The budget reads the clock
//! only when a key gets hot or a bridge is due and around traces, never on the
//! interpreter's fast path; after a refusal it answers no without reading it until the
//! run can have earned the time. A JIT built directly ([`JitState::new`](crate::metainterp::JitState))
//! has no budget, so that tests count loops deterministically; the runtime of a target
//! (the hooks of `#[interpreter]`) turns it on.

use super::params::JitParams;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// The CPU time this thread has used: the clock of the budget, so that a run slowed by
/// other processes neither earns nor spends time it did not use. (A syscall on Linux,
/// read only when a key gets hot or a trace ends.)
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid timespec to write to.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    // No thread clock: the time since the first read.
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// How much of the run the JIT may spend working; shared (`Rc`) by the JIT and its warm
/// states. Times are the thread's CPU time ([`thread_cpu_time`]).
#[derive(Debug)]
pub struct Budget {
    /// The thread's CPU time when the budget started.
    start: Duration,
    /// The time given up front.
    allowance: Duration,
    /// The share of the run's time, in percent (1 to 99).
    share: u32,
    /// The JIT's work so far.
    spent: Cell<Duration>,
    /// After a refusal: no answer can change before this (wall-clock) time, since the
    /// run's CPU time cannot grow faster than the wall clock; until then refusals cost
    /// no read of the CPU clock.
    retry_at: Cell<Option<Instant>>,
    /// How many traces the budget put off.
    deferred: Cell<u64>,
}

impl Budget {
    /// The budget the parameters ask for, starting now; `None` when `compile_budget` is 0
    /// or 100 (no limit).
    pub fn new(params: &JitParams) -> Option<Budget> {
        Budget::starting_at(params, thread_cpu_time())
    }

    /// The budget of the parameters, as if the run started at CPU time `start` (tests).
    pub fn starting_at(params: &JitParams, start: Duration) -> Option<Budget> {
        if params.compile_budget == 0 || params.compile_budget >= 100 {
            return None;
        }
        Some(Budget {
            start,
            allowance: Duration::from_millis(u64::from(params.compile_allowance)),
            share: params.compile_budget,
            spent: Cell::new(Duration::ZERO),
            retry_at: Cell::new(None),
            deferred: Cell::new(0),
        })
    }

    /// Whether the JIT may start tracing now.
    pub fn allows(&self) -> bool {
        if let Some(at) = self.retry_at.get() {
            if Instant::now() < at {
                return false;
            }
            self.retry_at.set(None);
        }
        let now = thread_cpu_time();
        if self.allows_at(now) {
            return true;
        }
        // The run must go on for `(spent - earned) / share` more before the answer
        // changes.
        let short = self.spent.get().saturating_sub(self.earned_at(now));
        self.retry_at
            .set(Instant::now().checked_add(short * 100 / self.share));
        false
    }

    /// What the JIT has earned when the thread's CPU time is `now`.
    fn earned_at(&self, now: Duration) -> Duration {
        let run = now.saturating_sub(self.start);
        self.allowance + run * self.share / 100
    }

    /// Whether the JIT may start tracing when the thread's CPU time is `now`.
    pub fn allows_at(&self, now: Duration) -> bool {
        self.spent.get() <= self.earned_at(now)
    }

    /// Adds `work` (a trace and its compilation) to what the JIT spent.
    pub fn charge(&self, work: Duration) {
        self.spent.set(self.spent.get() + work);
    }

    /// Charges the work since the thread's CPU time was `started` ([`thread_cpu_time`]).
    pub fn charge_since(&self, started: Duration) {
        self.charge(thread_cpu_time().saturating_sub(started));
    }

    /// What the JIT spent so far.
    pub fn spent(&self) -> Duration {
        self.spent.get()
    }

    /// Counts a trace put off because the budget was spent.
    pub fn defer(&self) {
        self.deferred.set(self.deferred.get() + 1);
        super::log::with_summary(|s| s.trace_deferred());
    }

    /// How many traces were put off.
    pub fn deferred(&self) -> u64 {
        self.deferred.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(text: &str) -> Option<Budget> {
        Budget::starting_at(
            &JitParams::parse(text).expect("good parameters"),
            Duration::ZERO,
        )
    }

    #[test]
    fn the_allowance_then_the_share_of_the_run() {
        let b = budget("compile_budget=20,compile_allowance=5").expect("a budget");
        let ms = Duration::from_millis;
        assert!(b.allows_at(ms(0)));
        b.charge(ms(5));
        assert!(b.allows_at(ms(0)));
        b.charge(ms(1));
        // 6 ms spent: earned after 5 ms of run (5 + 1).
        assert!(!b.allows_at(ms(4)));
        assert!(b.allows_at(ms(5)));
        b.charge(ms(10));
        // 16 ms: 5 + 20% of 55 ms.
        assert!(!b.allows_at(ms(54)));
        assert!(b.allows_at(ms(55)));
    }

    #[test]
    fn a_refusal_holds_until_the_run_can_have_earned_the_time() {
        let b = Budget::starting_at(
            &JitParams::parse("compile_budget=50,compile_allowance=0").expect("good"),
            thread_cpu_time(),
        )
        .expect("a budget");
        b.charge(Duration::from_secs(3600));
        assert!(!b.allows());
        let at = b.retry_at.get().expect("a retry time");
        assert!(at > Instant::now() + Duration::from_secs(7000));
        assert!(!b.allows());
    }

    #[test]
    fn no_budget_at_0_or_100() {
        assert!(budget("compile_budget=0").is_none());
        assert!(budget("compile_budget=100").is_none());
        assert!(budget("").is_some(), "the default has a budget");
    }

    #[test]
    fn the_thread_clock_moves_forward() {
        let t0 = thread_cpu_time();
        let mut x = 0u64;
        for i in 0..2_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        assert!(thread_cpu_time() > t0);
    }
}
