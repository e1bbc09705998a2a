//! [`GcDescr`], what JIT code needs of the collector, as plain data: the JIT backend
//! depends on this `repr(C)` struct and its `extern "C"` entry points, never on the
//! collector's types.
//!
//! Inline allocation of `size` bytes (a multiple of 8, at most `max_inline_size`):
//! ```text
//!   p = *cursor; q = p + size
//!   if q > *limit: p = malloc_fixed(type_id)      (or malloc_array(type_id, length))
//!   else: *cursor = q; *(u64*)p = type_id << type_id_shift   (arrays: also the length)
//! ```
//! The memory is zeroed. The header (and an array's length) must be written before
//! the next allocation or call that may collect; `*limit` is 0 in stress mode, so that
//! every allocation takes the slow path. Write barrier after storing a reference (or
//! a word that may be one) at address `a`, inside a heap object:
//! ```text
//!   if *(u8*)(lines_biased + (a >> line_shift)) == barrier_line_value: write_barrier_slow(a)
//! ```
//! A store into an object allocated since the last possible collection point needs no
//! barrier (its line is never `barrier_line_value`). The slow paths may collect:
//! references that JIT code still needs must then be in its stack frame (spilled
//! before the call, as caller-saved registers are anyway) or in callee-saved
//! registers; the stack is scanned conservatively, interior pointers included.

use crate::heap::Heap;
use crate::layout::*;
use crate::OutOfMemory;
use std::ptr::NonNull;

/// The version of this layout; bumped when a field changes.
pub const DESCR_VERSION: u32 = 2;

/// The collector as JIT code sees it. Valid while the thread's heap lives.
#[repr(C)]
#[derive(Debug)]
pub struct GcDescr {
    /// [`DESCR_VERSION`].
    pub version: u32,
    /// Bytes of the header word (8): the payload starts there.
    pub header_size: u32,
    /// The type id is `header >> type_id_shift` (32: the upper half of the word).
    pub type_id_shift: u32,
    /// The header flag of an old object (JIT code never needs to test it).
    pub flag_old: u32,
    /// The header flag of an object whose identity hash was taken.
    pub flag_hashed: u32,
    /// log2 of the line: the barrier indexes the line table by `addr >> line_shift`.
    pub line_shift: u32,
    /// The line byte value for which the barrier calls its slow path (an old line not
    /// yet remembered).
    pub barrier_line_value: u32,
    /// 1: memory from the bump allocator is zeroed.
    pub zeroed: u32,
    /// The largest size the inline fast path may allocate; bigger goes to `malloc_*`.
    pub max_inline_size: usize,
    /// The address of the bump cursor.
    pub cursor: *mut usize,
    /// The address of the bump limit.
    pub limit: *const usize,
    /// The line byte of address `a` is at `lines_biased + (a >> line_shift)`.
    pub lines_biased: usize,
    /// The heap's address range `[heap_start, heap_end)`.
    pub heap_start: usize,
    /// See `heap_start`.
    pub heap_end: usize,
    /// Allocates a fixed-size object of a registered type id (header written, payload
    /// zeroed). Never returns null: out of memory calls the OOM handler.
    pub malloc_fixed: unsafe extern "C" fn(type_id: u32) -> *mut u8,
    /// Allocates an array of a registered array type id with `length` items (header and
    /// length written, items zeroed). Never returns null.
    pub malloc_array: unsafe extern "C" fn(type_id: u32, length: usize) -> *mut u8,
    /// The barrier's slow path for a reference just stored at `addr`.
    pub write_barrier_slow: unsafe extern "C" fn(addr: usize),
    /// Collects: 0 minor, 1 major.
    pub collect: unsafe extern "C" fn(major: u32),
    /// Pushes a root range that lives as a call does (a JIT frame while its code runs):
    /// [`crate::push_root_range`].
    pub push_root_range: unsafe extern "C" fn(start: *const usize, words: usize),
    /// Pops the range pushed last: [`crate::pop_root_range`].
    pub pop_root_range: unsafe extern "C" fn(),
    /// Registers a root range that lives until removed (the constants of compiled code):
    /// [`crate::add_root_range`]; returns its id for `remove_root_range`.
    pub add_root_range: unsafe extern "C" fn(start: *const usize, words: usize) -> usize,
    /// Unregisters a range `add_root_range` registered.
    pub remove_root_range: unsafe extern "C" fn(id: usize),
}

impl GcDescr {
    pub(crate) fn placeholder() -> GcDescr {
        GcDescr {
            version: DESCR_VERSION,
            header_size: HEADER_SIZE as u32,
            type_id_shift: TYPE_ID_SHIFT,
            flag_old: FLAG_OLD as u32,
            flag_hashed: FLAG_HASHED as u32,
            line_shift: LOG_LINE,
            barrier_line_value: crate::heap::L_OLD as u32,
            zeroed: 1,
            max_inline_size: MAX_MEDIUM,
            cursor: std::ptr::null_mut(),
            limit: std::ptr::null(),
            lines_biased: 0,
            heap_start: 0,
            heap_end: 0,
            malloc_fixed: gc_malloc_fixed,
            malloc_array: gc_malloc_array,
            write_barrier_slow: gc_write_barrier_slow,
            collect: gc_collect,
            push_root_range: gc_push_root_range,
            pop_root_range: gc_pop_root_range,
            add_root_range: gc_add_root_range,
            remove_root_range: gc_remove_root_range,
        }
    }

    pub(crate) fn for_heap(heap: &mut Heap) -> GcDescr {
        GcDescr {
            cursor: &mut heap.cursor,
            limit: &heap.limit,
            lines_biased: (heap.lines_base as usize).wrapping_sub(heap.base >> LOG_LINE),
            heap_start: heap.base,
            heap_end: heap.base + heap.reserved,
            ..GcDescr::placeholder()
        }
    }
}

/// The type of `id`, from the heap's own table (no lock: the reference backend calls
/// the slow paths for every allocation).
fn type_for(id: u32) -> &'static TypeInfo {
    let found = crate::with_heap(|h| {
        if id as usize >= h.types.len() {
            refresh(&mut h.types);
        }
        h.types.get(id as usize).copied()
    });
    match found {
        Some(t) if id != 0 => t,
        _ => crate::fatal(&format!(
            "JIT code allocated type id {id}, which is not registered"
        )),
    }
}

/// Allocates a zeroed object of the fixed-size type `id`, header written: untyped
/// allocation for the runtime (the blackhole, the tracer, resume data materializing
/// virtuals). The pointer is the object's start, as JIT code sees references.
///
/// # Panics
/// Aborts with a message when `id` is not registered or is an array type (a bug in
/// the caller).
pub fn alloc_object(id: TypeId) -> Result<NonNull<u8>, OutOfMemory> {
    let info = type_for(id.0);
    if info.var.is_some() {
        crate::fatal(&format!("alloc_object of the array type `{}`", info.name));
    }
    let p = crate::try_alloc(info.size as usize, id.header())?;
    // SAFETY: heap addresses are not null.
    Ok(unsafe { NonNull::new_unchecked(p as *mut u8) })
}

/// Allocates a zeroed array of the array type `id` with `length` items, header and
/// length written. As [`alloc_object`] otherwise.
pub fn alloc_array(id: TypeId, length: usize) -> Result<NonNull<u8>, OutOfMemory> {
    let info = type_for(id.0);
    let Some(v) = &info.var else {
        crate::fatal(&format!(
            "alloc_array of the fixed-size type `{}`",
            info.name
        ));
    };
    let size = array_size(v.items_offset as usize, v.item_size as usize, length);
    if size == usize::MAX {
        return Err(crate::with_heap(|h| h.oom(size)));
    }
    let p = crate::try_alloc(size, id.header())?;
    // SAFETY: a fresh array object of at least the fixed size.
    unsafe {
        *((p + v.length_offset as usize) as *mut usize) = length;
        Ok(NonNull::new_unchecked(p as *mut u8))
    }
}

/// `GcDescr::malloc_fixed`: [`alloc_object`], calling the OOM handler on failure.
///
/// # Safety
/// Called on the thread of a heap, outside a collection.
pub unsafe extern "C" fn gc_malloc_fixed(type_id: u32) -> *mut u8 {
    match alloc_object(TypeId(type_id)) {
        Ok(p) => p.as_ptr(),
        Err(e) => crate::out_of_memory(&e),
    }
}

/// `GcDescr::malloc_array`: [`alloc_array`], calling the OOM handler on failure.
///
/// # Safety
/// As [`gc_malloc_fixed`].
pub unsafe extern "C" fn gc_malloc_array(type_id: u32, length: usize) -> *mut u8 {
    match alloc_array(TypeId(type_id), length) {
        Ok(p) => p.as_ptr(),
        Err(e) => crate::out_of_memory(&e),
    }
}

/// `GcDescr::write_barrier_slow`.
///
/// # Safety
/// `addr` is a slot of an object of this thread's heap.
pub unsafe extern "C" fn gc_write_barrier_slow(addr: usize) {
    crate::with_heap(|h| {
        if addr.wrapping_sub(h.base) < h.hw << LOG_BLOCK {
            h.remember(addr)
        }
    })
}

/// `GcDescr::collect`.
///
/// # Safety
/// Called on the thread of a heap, outside a collection.
pub unsafe extern "C" fn gc_collect(major: u32) {
    crate::with_heap(|h| {
        h.collect(if major != 0 {
            crate::CollectionKind::Major
        } else {
            crate::CollectionKind::Minor
        })
    })
}

/// `GcDescr::push_root_range`.
///
/// # Safety
/// As [`crate::push_root_range`].
pub unsafe extern "C" fn gc_push_root_range(start: *const usize, words: usize) {
    // SAFETY: by the caller.
    unsafe { crate::push_root_range(start, words) }
}

/// `GcDescr::pop_root_range`.
///
/// # Safety
/// A range was pushed.
pub unsafe extern "C" fn gc_pop_root_range() {
    crate::pop_root_range()
}

/// `GcDescr::add_root_range`: the range's index (ids of ranges, not callbacks).
///
/// # Safety
/// As [`crate::add_root_range`].
pub unsafe extern "C" fn gc_add_root_range(start: *const usize, words: usize) -> usize {
    // SAFETY: by the caller.
    let id = unsafe { crate::add_root_range(start, words) };
    id.range_index()
}

/// `GcDescr::remove_root_range`.
///
/// # Safety
/// `id` came from `gc_add_root_range` and was not removed before.
pub unsafe extern "C" fn gc_remove_root_range(id: usize) {
    crate::remove_root(crate::RootId::range(id))
}
