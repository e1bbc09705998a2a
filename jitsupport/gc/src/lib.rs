//! Pyrite's collector of interpreter objects (DESIGN decision 7, issue 10).
//!
//! A non-moving, Immix-style heap with sticky mark bits, one per mutator thread:
//!
//! - **Objects** have one header word (type id in the upper half, GC flags in the low
//!   byte) and a payload traced precisely from a registered [`TypeInfo`]. A core's
//!   objects are `Gc<T>` handles (`Copy`, one word, `Option<Gc<T>>` uses the null
//!   niche); fields that change are [`GcCell`]s, whose `set` runs the write barrier;
//!   variable-size storage is [`GcArray`]. Types say where their references are with
//!   [`gc_type!`] and [`gc_value!`] (later, the `#[interpreter]` macro).
//! - **Allocation** bumps a cursor in a zeroed hole of free lines; JIT code inlines it
//!   through [`GcDescr`]. Objects larger than 8 KiB get whole blocks.
//! - **Collections** happen only at allocation points and in [`collect`]. A minor one
//!   marks young objects from the roots and remembered lines and frees the young ones
//!   it did not reach; a major one, when the old generation has grown by
//!   `major_factor` (1.82) since the last, marks the whole heap. Nothing moves.
//! - **Roots**: the thread's stack and callee-saved registers are scanned
//!   conservatively (a word pointing anywhere into an object keeps it); references in
//!   Rust memory must be registered ([`GcRoot`], [`add_root_range`],
//!   [`add_root_callback`], [`add_buffer_root`], which `jitsupport::List` uses for its
//!   items). A handle kept only in a `Vec` or a `Box` is not seen.
//! - **Write barrier**: after a reference is stored at address `a`, if the line of `a`
//!   holds old objects and is not yet remembered, it is remembered (a table load and
//!   compare inline, a call on the slow path). No owner is needed, so a `GcCell` runs
//!   it by itself.
//!
//! One mutator thread per heap: the heap is created on first use (or by [`init`]) for
//! the calling thread and freed when the thread exits; `Gc` is neither `Send` nor
//! `Sync`. There are no collector threads. A panic inside a collection aborts the
//! process with a message.

mod any;
mod bitmap;
mod collect;
mod descr;
mod handle;
mod heap;
mod layout;
mod region;
mod roots;
mod settings;
mod stats;
mod string;

pub use any::GcAny;
pub use descr::{
    alloc_array, alloc_object, gc_add_root_range, gc_collect, gc_malloc_array, gc_malloc_fixed,
    gc_pop_root_range, gc_push_root_range, gc_remove_root_range, gc_write_barrier_slow, GcDescr,
    DESCR_VERSION,
};
pub use handle::{
    assert_ref_word, hash_address, write_barrier, Gc, GcArray, GcCell, GcRef, GcRoot, GcType,
    GcValue, RefWord, ARRAY_ITEMS_OFFSET, ARRAY_LENGTH_OFFSET,
};
pub use layout::{
    array_size, is_subclass, is_subclass_id, object_size_of, type_info, TypeId, TypeInfo, VarPart,
    BLOCK, FLAG_HASHED, FLAG_OLD, GRANULE, HEADER_SIZE, LINE, MAX_MEDIUM, TYPE_ID_SHIFT,
};
pub use roots::{add_buffer_root, remove_buffer_root, RootCallback, RootVisitor};
pub use settings::{parse_size, Settings, SettingsError, ENV_VARS};
pub use stats::{CollectionKind, EventHook, GcEvent, GcStats};
pub use string::{
    BuilderData, GcStr, StrBuilder, STR_BYTES_OFFSET, STR_CHARS_OFFSET, STR_HASH_OFFSET,
    STR_LENGTH_OFFSET, STR_TYPE,
};

use heap::Heap;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

thread_local! {
    /// The calling thread's heap, or null.
    static CURRENT: Cell<*mut Heap> = const { Cell::new(std::ptr::null_mut()) };
    /// Owns the heap; frees it when the thread exits.
    static OWNER: RefCell<Option<HeapOwner>> = const { RefCell::new(None) };
}

struct HeapOwner(#[allow(dead_code)] Box<Heap>);

impl Drop for HeapOwner {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(std::ptr::null_mut()));
    }
}

/// Allocation beyond the heap's limit (`PYRITE_GC_MAX`, or the address space reserved)
/// after a major collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutOfMemory {
    /// Bytes asked for.
    pub requested: usize,
    /// Bytes of heap in use.
    pub heap_size: usize,
    /// The limit in bytes.
    pub limit: usize,
}

impl fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "out of memory: allocating {} bytes would take the GC heap ({} bytes in use) past \
             its limit of {} bytes; raise PYRITE_GC_MAX (e.g. PYRITE_GC_MAX=4GB)",
            self.requested, self.heap_size, self.limit
        )
    }
}

impl std::error::Error for OutOfMemory {}

/// Why a heap could not be created.
#[derive(Debug)]
pub enum GcError {
    /// This thread has a heap already (created by [`init`] or by a first allocation).
    AlreadyInitialized,
    /// The kernel refused the reservation of address space.
    Reserve(std::io::Error),
}

impl fmt::Display for GcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GcError::AlreadyInitialized => write!(
                f,
                "this thread has a GC heap already: call jitsupport_gc::init before the first allocation"
            ),
            GcError::Reserve(e) => write!(
                f,
                "cannot reserve address space for the GC heap: {e}; try a smaller PYRITE_GC_MAX"
            ),
        }
    }
}

impl std::error::Error for GcError {}

/// Creates the calling thread's heap with `settings`. Without it, the first allocation
/// creates one with [`Settings::default`] (not the environment: the runtime reads
/// [`Settings::from_env`] and reports bad values itself).
pub fn init(settings: Settings) -> Result<(), GcError> {
    if is_initialized() {
        return Err(GcError::AlreadyInitialized);
    }
    let mut heap = Heap::new(settings).map_err(GcError::Reserve)?;
    let p: *mut Heap = &mut *heap;
    OWNER.with(|o| *o.borrow_mut() = Some(HeapOwner(heap)));
    CURRENT.with(|c| c.set(p));
    Ok(())
}

/// Whether the calling thread has a heap.
pub fn is_initialized() -> bool {
    !CURRENT.with(|c| c.get()).is_null()
}

#[cold]
#[inline(never)]
fn init_default() -> *mut Heap {
    if let Err(e) = init(Settings::default()) {
        fatal(&e.to_string());
    }
    CURRENT.with(|c| c.get())
}

/// The calling thread's heap, created on first use.
#[inline(always)]
pub(crate) fn heap_ptr() -> *mut Heap {
    let p = CURRENT.with(|c| c.get());
    if p.is_null() {
        init_default()
    } else {
        p
    }
}

/// Runs `f` on the calling thread's heap.
pub(crate) fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    // SAFETY: the heap lives until the thread exits and is used by this thread only;
    // no other reference to it is live while the collector's own code runs.
    f(unsafe { &mut *heap_ptr() })
}

/// Allocates `size` bytes (a multiple of 8) and writes `header`: the bump fast path,
/// then the slow path.
#[inline(always)]
pub(crate) fn try_alloc(size: usize, header: u64) -> Result<usize, OutOfMemory> {
    let h = heap_ptr();
    // SAFETY: as in `with_heap`; the object's memory is zeroed and at least 8 bytes.
    unsafe {
        let c = (*h).cursor;
        let p = if size <= MAX_MEDIUM && c + size <= (*h).limit {
            (*h).cursor = c + size;
            c
        } else {
            (*h).alloc_slow(size)?
        };
        *(p as *mut u64) = header;
        Ok(p)
    }
}

/// What to do when allocation fails (the OOM handler): never returns.
pub type OomHandler = fn(&OutOfMemory) -> !;

static OOM_HANDLER: AtomicUsize = AtomicUsize::new(0);

/// Sets the process's OOM handler, called when an allocation that cannot report an
/// error (`Gc::new`, the JIT's slow paths) fails. The default prints the error to
/// stderr and exits with status 1.
pub fn set_oom_handler(handler: OomHandler) {
    OOM_HANDLER.store(handler as usize, Ordering::Release);
}

/// Calls the OOM handler.
#[cold]
pub fn out_of_memory(e: &OutOfMemory) -> ! {
    let h = OOM_HANDLER.load(Ordering::Acquire);
    if h != 0 {
        // SAFETY: only `set_oom_handler` stores, and it stores an `OomHandler`.
        let f: OomHandler = unsafe { std::mem::transmute::<usize, OomHandler>(h) };
        f(e)
    }
    eprintln!("{e}");
    std::process::exit(1)
}

/// Reports a broken invariant of the heap and aborts (a bug, not a user error).
#[cold]
pub(crate) fn fatal(msg: &str) -> ! {
    eprintln!("jitsupport-gc: fatal error: {msg}");
    std::process::abort()
}

/// Runs a major collection.
pub fn collect() {
    with_heap(|h| h.collect(CollectionKind::Major))
}

/// Runs a minor collection.
pub fn collect_minor() {
    with_heap(|h| h.collect(CollectionKind::Minor))
}

/// The calling thread's statistics.
pub fn stats() -> GcStats {
    with_heap(|h| {
        let mut s = h.stats.clone();
        s.heap_size = h.heap_size();
        s.peak_heap_size = s.peak_heap_size.max(s.heap_size);
        s
    })
}

/// The settings of the calling thread's heap.
pub fn settings() -> Settings {
    with_heap(|h| h.settings.clone())
}

/// Turns stress mode (a collection at every allocation, `PYRITE_GC_DEBUG=1`) on or off
/// for the calling thread's heap, e.g. for one run of a test harness.
pub fn set_stress(on: bool) {
    with_heap(|h| h.set_stress(on))
}

/// Sets (or clears) the function called after every collection.
pub fn set_event_hook(hook: Option<EventHook>) {
    with_heap(|h| h.hook = hook)
}

static DEFAULT_HOOK: AtomicUsize = AtomicUsize::new(0);

/// Sets (or clears) the process's default event hook: called after every collection of
/// any thread's heap that has no hook of its own ([`set_event_hook`]); the JIT's log
/// sets it, before or after heaps exist.
pub fn set_default_event_hook(hook: Option<EventHook>) {
    DEFAULT_HOOK.store(hook.map_or(0, |h| h as usize), Ordering::Release);
}

/// The default event hook, if one is set.
pub(crate) fn default_event_hook() -> Option<EventHook> {
    match DEFAULT_HOOK.load(Ordering::Acquire) {
        0 => None,
        // SAFETY: only `set_default_event_hook` stores, and it stores an `EventHook`.
        h => Some(unsafe { std::mem::transmute::<usize, EventHook>(h) }),
    }
}

/// The descriptor of the calling thread's heap, for JIT code. Valid until the
/// thread exits.
pub fn descr() -> *const GcDescr {
    with_heap(|h| &h.descr as *const GcDescr)
}

/// A registered root range or callback, for [`remove_root`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RootId {
    callback: bool,
    index: usize,
}

impl RootId {
    /// The index of a root range's id (for `GcDescr::add_root_range`).
    pub(crate) fn range_index(self) -> usize {
        self.index
    }

    /// The id of root range `index`.
    pub(crate) fn range(index: usize) -> RootId {
        RootId {
            callback: false,
            index,
        }
    }
}

/// Registers `[start, start + words)` as a root range: at each collection its words
/// are scanned conservatively.
///
/// # Safety
/// The range stays readable until [`remove_root`] is called with the returned id.
pub unsafe fn add_root_range(start: *const usize, words: usize) -> RootId {
    with_heap(|h| {
        let lo = start as usize;
        let range = Some((lo, lo + words * 8));
        let index = match h.roots.free_ranges.pop() {
            Some(i) => {
                h.roots.ranges[i] = range;
                i
            }
            None => {
                h.roots.ranges.push(range);
                h.roots.ranges.len() - 1
            }
        };
        RootId {
            callback: false,
            index,
        }
    })
}

/// Pushes `[start, start + words)` on the thread's stack of root ranges, scanned
/// conservatively at each collection until [`pop_root_range`] pops it: a frame of JIT
/// code (its spill slots) while the code runs. Cheaper than [`add_root_range`] for
/// ranges that live as a call does.
///
/// # Safety
/// The range stays readable until it is popped.
pub unsafe fn push_root_range(start: *const usize, words: usize) {
    with_heap(|h| {
        let lo = start as usize;
        h.roots.frames.push((lo, lo + words * 8))
    })
}

/// Pops the range [`push_root_range`] pushed last (nothing once the thread's heap is
/// gone).
pub fn pop_root_range() {
    if !is_initialized() {
        return;
    }
    with_heap(|h| {
        h.roots.frames.pop();
    })
}

/// Registers a callback that reports references held in Rust memory at each
/// collection. It must not allocate GC objects.
pub fn add_root_callback(callback: RootCallback) -> RootId {
    with_heap(|h| {
        h.roots.callbacks.push(Some(callback));
        RootId {
            callback: true,
            index: h.roots.callbacks.len() - 1,
        }
    })
}

/// Unregisters a root range or callback (nothing once the thread's heap is gone: the
/// owner of a root may be dropped after it, when the thread exits).
pub fn remove_root(id: RootId) {
    if !is_initialized() {
        return;
    }
    with_heap(|h| {
        if id.callback {
            if let Some(c) = h.roots.callbacks.get_mut(id.index) {
                *c = None;
            }
        } else if let Some(r) = h.roots.ranges.get_mut(id.index) {
            if r.take().is_some() {
                h.roots.free_ranges.push(id.index);
            }
        }
    })
}

/// Whether `addr` is the start of an object that survived the last collection (for
/// tests and debugging: objects allocated since have no start bit yet).
#[doc(hidden)]
pub fn debug_is_object(addr: usize) -> bool {
    with_heap(|h| h.find_object(addr) == Some(addr))
}
