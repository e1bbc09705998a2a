//! Entry counters in bridges, for the log's `jit-backend-counts`: loops and entry traces
//! are entered from the runtime, which counts them, but a bridge is entered from machine
//! code (its guard's stub jumps to it), so the runtime never sees it. While counting is
//! on ([`set_counting`], which the log turns on with that category), each bridge compiled
//! starts with an increment of its own counter (`mov r11, ADDR; inc qword [r11]`, before
//! its inputs are read; a jump back to the bridge's start goes past it); off, bridges get
//! no such instruction. The counters live for the whole process (16 bytes each, only while
//! counting), so that [`counts`] still reports the bridges of loops freed since.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Whether bridges compiled from now on count their entries.
static COUNTING: AtomicBool = AtomicBool::new(false);
/// Each counting bridge's guard number and counter (boxed: compiled code holds its
/// address).
static COUNTERS: Mutex<Vec<(u32, Box<AtomicU64>)>> = Mutex::new(Vec::new());

fn lock() -> MutexGuard<'static, Vec<(u32, Box<AtomicU64>)>> {
    COUNTERS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Makes the bridges compiled from now on count their entries (or not).
pub fn set_counting(on: bool) {
    COUNTING.store(on, Ordering::Relaxed);
}

/// Whether bridges compiled now count their entries.
pub fn counting() -> bool {
    COUNTING.load(Ordering::Relaxed)
}

/// A new counter for the bridge of guard `guard`: the address compiled code increments.
pub(super) fn new_counter(guard: u32) -> u64 {
    let counter = Box::new(AtomicU64::new(0));
    let addr = counter.as_ptr() as u64;
    lock().push((guard, counter));
    addr
}

/// How often each bridge compiled while counting was entered, by the number of the guard
/// it starts at (in order of that number; a guard's bridges compiled again are summed).
/// Read after compiled code stopped running on other threads (at exit).
pub fn counts() -> Vec<(u32, u64)> {
    let mut counts: Vec<(u32, u64)> = lock()
        .iter()
        .map(|(guard, counter)| (*guard, counter.load(Ordering::Relaxed)))
        .collect();
    counts.sort_unstable_by_key(|&(guard, _)| guard);
    counts.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 += later.1;
        }
        same
    });
    counts
}
