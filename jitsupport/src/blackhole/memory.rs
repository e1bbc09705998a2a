//! Raw memory access for the blackhole interpreter, driven by descrs.
//!
//! # Invariants
//! Every function here is `unsafe`: the caller guarantees that `addr` points to `size`
//! readable (or writable) bytes inside a live object, as the descr that produced the
//! address promises (a field of a `#[repr(C)]` struct, an item of an array or list within
//! bounds). Unaligned addresses are tolerated (reads and writes are unaligned ones).

use std::alloc::{alloc_zeroed, handle_alloc_error, Layout};

/// Reads an int of `size` bytes (1, 2, 4 or 8), sign- or zero-extended to `i64`.
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn load_int(addr: usize, size: u8, signed: bool) -> i64 {
    let p = addr as *const u8;
    match (size, signed) {
        (1, true) => p.cast::<i8>().read_unaligned() as i64,
        (1, false) => p.read_unaligned() as i64,
        (2, true) => p.cast::<i16>().read_unaligned() as i64,
        (2, false) => p.cast::<u16>().read_unaligned() as i64,
        (4, true) => p.cast::<i32>().read_unaligned() as i64,
        (4, false) => p.cast::<u32>().read_unaligned() as i64,
        _ => p.cast::<i64>().read_unaligned(),
    }
}

/// Writes the low `size` bytes of `value`.
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn store_int(addr: usize, size: u8, value: i64) {
    let p = addr as *mut u8;
    match size {
        1 => p.write_unaligned(value as u8),
        2 => p.cast::<u16>().write_unaligned(value as u16),
        4 => p.cast::<u32>().write_unaligned(value as u32),
        _ => p.cast::<i64>().write_unaligned(value),
    }
}

/// Reads a reference (an address).
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn load_ref(addr: usize) -> usize {
    (addr as *const usize).read_unaligned()
}

/// Writes a reference, then runs the collector's write barrier for the slot (which
/// does nothing for addresses outside the GC heap).
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn store_ref(addr: usize, value: usize) {
    (addr as *mut usize).write_unaligned(value);
    crate::gc::write_barrier(addr);
}

/// Allocates a zeroed object of a GC type on the collector's heap, header written
/// (`new` of a `Gc::new`): the object's start. Out of memory calls the collector's
/// OOM handler, which reports it and exits.
pub fn alloc_gc_object(type_id: u32) -> usize {
    let p = match crate::gc::alloc_object(crate::gc::TypeId(type_id)) {
        Ok(p) => p.as_ptr() as usize,
        Err(e) => crate::gc::out_of_memory(&e),
    };
    crate::gcroots::ensure_registered();
    p
}

/// Reads a float of `size` bytes (4: an `f32`, widened; 8: an `f64`).
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn load_float(addr: usize, size: u8) -> f64 {
    if size == 4 {
        (addr as *const f32).read_unaligned() as f64
    } else {
        (addr as *const f64).read_unaligned()
    }
}

/// Writes a float of `size` bytes (4: narrowed to `f32`; 8: an `f64`).
///
/// # Safety
/// See the module documentation.
#[inline]
pub unsafe fn store_float(addr: usize, size: u8, value: f64) {
    if size == 4 {
        (addr as *mut f32).write_unaligned(value as f32)
    } else {
        (addr as *mut f64).write_unaligned(value)
    }
}

/// Reads a value of `kind` as its bits (a float's bits, a reference's address).
///
/// # Safety
/// `addr` holds a value of `kind` (see the module documentation).
#[inline]
pub unsafe fn load_bits(addr: usize, size: u8, signed: bool, kind: jitsupport_trace::Kind) -> u64 {
    use jitsupport_trace::Kind;
    match kind {
        Kind::Int => load_int(addr, size, signed) as u64,
        Kind::Ref => load_ref(addr) as u64,
        Kind::Float => load_float(addr, size).to_bits(),
    }
}

/// Writes a value of `kind` given as its bits ([`load_bits`]'s inverse).
///
/// # Safety
/// `addr` may hold a value of `kind` (see the module documentation).
#[inline]
pub unsafe fn store_bits(addr: usize, size: u8, kind: jitsupport_trace::Kind, bits: u64) {
    use jitsupport_trace::Kind;
    match kind {
        Kind::Int => store_int(addr, size, bits as i64),
        Kind::Ref => store_ref(addr, bits as usize),
        Kind::Float => store_float(addr, size, f64::from_bits(bits)),
    }
}

/// The address of item `index` of an array whose items start at `addr + base`.
#[inline]
pub fn item_addr(addr: usize, base: usize, item_size: u8, index: i64) -> usize {
    (addr as i64)
        .wrapping_add(base as i64)
        .wrapping_add(index.wrapping_mul(item_size as i64)) as usize
}

/// Allocates `size` zeroed bytes aligned to 8 (16 for sizes from 16 up), for `new`.
///
/// The object is never freed: the GC that will own such objects comes later.
pub fn alloc_object(size: usize) -> usize {
    let align = if size >= 16 { 16 } else { 8 };
    let layout = match Layout::from_size_align(size.max(1), align) {
        Ok(layout) => layout,
        Err(_) => panic!("cannot allocate an object of {size} bytes"),
    };
    // Safety: the layout has a non-zero size.
    let p = unsafe { alloc_zeroed(layout) };
    if p.is_null() {
        handle_alloc_error(layout);
    }
    p as usize
}
