//! Byte arrays of the GC heap borrowed as Rust slices and text, outside the core: the
//! `unsafe` of reading an array's items in place stays here (the toolchain's `GcStr`
//! would replace it for strs). The collector never moves objects, so a borrow is valid
//! while the caller keeps the array's handle alive on its stack.

use jitsupport::gc::{GcArray, ARRAY_ITEMS_OFFSET};
use std::str::from_utf8_unchecked;

/// The bytes of a byte array, borrowed from the heap (the borrow must not outlive the
/// handle on the stack).
#[inline]
pub fn array_bytes<'a>(a: GcArray<u8>) -> &'a [u8] {
    // SAFETY: a live array's items; the collector never moves objects and the caller
    // keeps the handle alive while it uses the slice.
    unsafe { std::slice::from_raw_parts(a.as_ptr().add(ARRAY_ITEMS_OFFSET), a.len()) }
}

/// The text of a byte array that holds valid UTF-8 (a str's), borrowed as
/// [`array_bytes`] is.
#[inline]
pub fn utf8_array_str<'a>(a: GcArray<u8>) -> &'a str {
    // SAFETY: the callers' arrays only ever hold valid UTF-8 (`W_Str`'s invariant).
    unsafe { from_utf8_unchecked(array_bytes(a)) }
}
