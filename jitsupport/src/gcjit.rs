//! The JIT's side of the collector: the [`GcSupport`] backends compile against, the
//! allocation of virtual arrays that a failing guard materializes, the ref constants of
//! resume data held as roots, and the collector's event hook that writes the
//! `gc-minor` / `gc-collect` log sections and counts collections for `jit-summary`.
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
    install_log_hook();
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

/// Makes the log see every collection of every heap: the collector's default event hook
/// writes a `gc-minor` or `gc-collect` section per collection (when `PYRITE_LOG` asks
/// for it) and adds it to the `jit-summary` figures.
pub fn install_log_hook() {
    gc::set_default_event_hook(Some(log_collection));
}

fn log_collection(e: &gc::GcEvent) {
    use crate::jit::log;
    log::with_summary(|s| s.gc_collection(e));
    let category = match e.kind {
        gc::CollectionKind::Minor => "gc-minor",
        gc::CollectionKind::Major => "gc-collect",
    };
    if log::have_debug_prints(category) {
        // The section spans the collection, which is over when the hook runs.
        log::debug_start_after(category, e.duration);
        log::debug_print(format_args!("heap size before: {}", e.heap_before));
        log::debug_print(format_args!("heap size after: {}", e.heap_after));
        log::debug_print(format_args!("old generation after: {}", e.old_after));
        log::debug_print(format_args!(
            "allocated since the last collection: {}",
            e.young_allocated
        ));
        log::debug_print(format_args!("time: {:.6}", e.duration.as_secs_f64()));
        log::debug_stop(category);
    }
}

/// Reads the collector's `PYRITE_GC_*` settings and creates the calling thread's heap
/// with them, if it has none yet (`jit::init_from_env` does, at an interpreter's start);
/// a malformed value is an error naming the variable.
pub fn init_from_env() -> Result<(), String> {
    let settings = gc::Settings::from_env().map_err(|e| e.to_string())?;
    if !gc::is_initialized() {
        gc::init(settings).map_err(|e| e.to_string())?;
    }
    Ok(())
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
