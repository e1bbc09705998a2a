//! References the JIT's runtime holds in Rust memory, reported to the collector.
//!
//! The collector scans the native stack conservatively, but the blackhole's registers,
//! the tracer's boxes and the objects resume data is materializing live in `Vec`s. Each
//! such buffer is registered here as a range of words for as long as it lives
//! ([`RootRange`]); one root callback per thread's heap reports every registered range
//! conservatively (a word that is not a reference is ignored, an interior pointer keeps
//! its object alive) at each collection.
//!
//! A range is registered only while the thread has a GC heap: a program that allocates
//! nothing on it pays a thread-local check per frame.

use std::cell::{Cell, RefCell};

thread_local! {
    /// The registered ranges (start, words); `None` marks a free slot.
    static RANGES: RefCell<Ranges> = RefCell::new(Ranges::default());
    /// Whether the callback is registered with this thread's heap.
    static REGISTERED: Cell<bool> = const { Cell::new(false) };
}

#[derive(Default)]
struct Ranges {
    slots: Vec<Option<(usize, usize)>>,
    free: Vec<usize>,
}

/// Registers the root callback with the thread's heap, once, if it has one.
pub fn ensure_registered() {
    if REGISTERED.with(Cell::get) || !crate::gc::is_initialized() {
        return;
    }
    REGISTERED.with(|r| r.set(true));
    crate::gc::add_root_callback(Box::new(|visitor| {
        RANGES.with(|ranges| {
            for &(start, words) in ranges.borrow().slots.iter().flatten() {
                // SAFETY: a registered range is readable until its `RootRange` drops.
                unsafe { visitor.visit_range(start as *const usize, words) };
            }
        })
    }));
}

/// A registered range of words; unregistered when dropped.
pub struct RootRange {
    slot: Option<usize>,
}

impl RootRange {
    /// Registers `[start, start + words)` (words of 8 bytes).
    ///
    /// # Safety
    /// The memory stays allocated and readable until the returned value is dropped.
    pub unsafe fn new(start: *const u8, words: usize) -> RootRange {
        if words == 0 {
            return RootRange { slot: None };
        }
        ensure_registered();
        let range = (start as usize, words);
        let slot = RANGES.with(|r| {
            let mut r = r.borrow_mut();
            match r.free.pop() {
                Some(i) => {
                    r.slots[i] = Some(range);
                    i
                }
                None => {
                    r.slots.push(Some(range));
                    r.slots.len() - 1
                }
            }
        });
        RootRange { slot: Some(slot) }
    }

    /// Registers the items of `v`, which must not grow while registered.
    pub fn of_slice<T>(v: &[T]) -> RootRange {
        let words = std::mem::size_of_val(v) / 8;
        // SAFETY: the slice's memory is readable; callers keep the buffer (a `Vec` that
        // does not grow) alive as long as the range.
        unsafe { RootRange::new(v.as_ptr().cast(), words) }
    }
}

impl Drop for RootRange {
    fn drop(&mut self) {
        if let Some(i) = self.slot {
            // `try_with`: nothing to do when the thread is exiting.
            let _ = RANGES.try_with(|r| {
                let mut r = r.borrow_mut();
                r.slots[i] = None;
                r.free.push(i);
            });
        }
    }
}
