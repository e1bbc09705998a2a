//! Helpers shared by the collector's integration tests.

#![allow(dead_code)]

use jitsupport_gc::Settings;

/// Runs `f` on a new thread with a heap made from `settings` (each thread has its own
/// heap), and returns its result; a panic in `f` fails the test.
pub fn on_heap<R: Send + 'static>(settings: Settings, f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            jitsupport_gc::init(settings).expect("create the heap");
            f()
        })
        .expect("spawn a test thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Settings with a small nursery, so that tests collect often.
pub fn small() -> Settings {
    Settings {
        nursery: 64 << 10,
        ..Settings::default()
    }
}

/// Overwrites the stack below the caller with zeros, so that stale words of earlier
/// calls do not keep objects alive in the collections that follow.
#[inline(never)]
pub fn clobber_stack() {
    let mut a = [0usize; 4096];
    std::hint::black_box(&mut a);
}

/// A small deterministic random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
