//! The JIT's side of the collector: the [`GcSupport`] backends compile against, the
//! allocation of virtual arrays that a failing guard materializes, and the ref
//! constants of resume data held as roots.
//!
//! The collector is the calling thread's heap (`jitsupport_gc`); a JIT runs on the
//! thread of its interpreter, so the descriptor it copies stays valid while it lives.

use jitsupport_gc as gc;
use jitsupport_trace::backend::GcSupport;

/// The calling thread's heap as backends see it (created now, from the `PYRITE_GC_*`
/// settings, if the thread has none yet; a malformed setting is reported and the
/// process exits with status 2).
pub fn gc_support() -> GcSupport {
    ensure_heap();
    // SAFETY: the descriptor lives as long as the thread's heap, i.e. until the thread
    // exits.
    let d = unsafe { &*gc::descr() };
    GcSupport {
        cursor: d.cursor as usize,
        limit: d.limit as usize,
        max_inline_size: d.max_inline_size,
        lines_biased: d.lines_biased,
        line_shift: d.line_shift,
        barrier_line_value: d.barrier_line_value as u8,
        heap_start: d.heap_start,
        heap_end: d.heap_end,
        malloc_fixed: d.malloc_fixed,
        malloc_array: d.malloc_array,
        write_barrier_slow: d.write_barrier_slow,
        push_root_range: d.push_root_range,
        pop_root_range: d.pop_root_range,
        add_root_range: d.add_root_range,
        remove_root_range: d.remove_root_range,
    }
}

/// Creates the calling thread's heap from the environment if it has none.
pub fn ensure_heap() {
    if gc::is_initialized() {
        return;
    }
    let settings = match gc::Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2)
        }
    };
    if let Err(e) = gc::init(settings) {
        eprintln!("error: {e}");
        std::process::exit(2)
    }
}

/// Allocates a zeroed GC array of type id `type_id` with `length` items (header and
/// length written), for the virtual arrays resume materializes; out of memory calls
/// the collector's OOM handler.
pub fn alloc_array(type_id: u32, length: usize) -> usize {
    let p = match gc::alloc_array(gc::TypeId(type_id), length) {
        Ok(p) => p.as_ptr() as usize,
        Err(e) => gc::out_of_memory(&e),
    };
    crate::gcroots::ensure_registered();
    p
}

/// Words in Rust memory held as roots until dropped (the ref constants of one guard's
/// resume data), through [`crate::gcroots`].
pub struct HeldRoots {
    words: Box<[usize]>,
    _range: crate::gcroots::RootRange,
}

impl HeldRoots {
    /// Holds `words`.
    pub fn new(words: Vec<usize>) -> HeldRoots {
        let words = words.into_boxed_slice();
        // The boxed slice does not move or grow while the range lives.
        let range = crate::gcroots::RootRange::of_slice(&words);
        HeldRoots {
            words,
            _range: range,
        }
    }

    /// The words held.
    pub fn words(&self) -> &[usize] {
        &self.words
    }
}

impl std::fmt::Debug for HeldRoots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("HeldRoots").field(&self.words).finish()
    }
}
