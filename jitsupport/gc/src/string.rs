//! [`GcStr`], the toolchain's immutable string (RPython's `rstr`), and [`StrBuilder`].
//!
//! A `GcStr` is a one-word handle to a GC object laid out for the JIT:
//!
//! | offset | what |
//! |---|---|
//! | 0 | the header (type id of [`STR_TYPE`]) |
//! | [`STR_LENGTH_OFFSET`] | the length in bytes, a `usize` (the collector's array length) |
//! | [`STR_HASH_OFFSET`] | the hash, computed on first use and cached (0: not yet) |
//! | [`STR_CHARS_OFFSET`] | the number of code points (equal to the length for ASCII) |
//! | [`STR_BYTES_OFFSET`] | the UTF-8 bytes |
//!
//! The string never changes after it is built, so the JIT reads its length as an
//! immutable field and its bytes as array items, and folds both on a constant string.
//! Code points are indexed in O(1) when the string is ASCII (its code point count is its
//! length); otherwise indexing walks the UTF-8. Every operation that builds a string or
//! looks at more than one byte is a plain function here, which an interpreter core calls
//! as an `#[elidable]` residual call (the rtyper marks them).

use crate::handle::{GcRef, GcValue};
use crate::layout::{array_size, TypeInfo, VarPart};
use crate::{Gc, GcArray, GcCell, GcRoot, GcType};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// Where a string's length (bytes) is.
pub const STR_LENGTH_OFFSET: usize = 8;
/// Where its cached hash is.
pub const STR_HASH_OFFSET: usize = 16;
/// Where its code point count is.
pub const STR_CHARS_OFFSET: usize = 24;
/// Where its bytes start.
pub const STR_BYTES_OFFSET: usize = 32;

// `rtyper::repr::STR_LENGTH_OFFSET` and `STR_BYTES_OFFSET` hold these values: the
// JIT reads strings there.
const _: () = assert!(STR_LENGTH_OFFSET == 8 && STR_BYTES_OFFSET == 32);

/// The collector's type of strings: no references, bytes after the fixed part.
pub static STR_TYPE: TypeInfo = TypeInfo::array(
    "str",
    STR_BYTES_OFFSET as u32,
    &[],
    &[],
    VarPart {
        length_offset: STR_LENGTH_OFFSET as u32,
        items_offset: STR_BYTES_OFFSET as u32,
        item_size: 1,
        item_refs: &[],
        item_maybe_refs: &[],
    },
);

/// An immutable GC string: `Copy`, one word (the object's start), `Option<GcStr>` too.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct GcStr {
    ptr: NonNull<u8>,
    _marker: PhantomData<*const u8>,
}

thread_local! {
    /// The prebuilt strings of [`GcStr::lit`], kept alive as roots.
    static LITERALS: RefCell<HashMap<(usize, usize), GcRoot<GcStr>>> = RefCell::new(HashMap::new());
}

impl GcStr {
    /// A new string holding `s`.
    pub fn new(s: &str) -> GcStr {
        let chars = s.chars().count();
        let g = GcStr::alloc(s.len());
        // SAFETY: a fresh string with room for `s.len()` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), g.bytes_ptr(), s.len());
            *((g.addr() + STR_CHARS_OFFSET) as *mut usize) = chars;
        }
        g
    }

    /// The prebuilt string of a literal: built once per thread and kept alive, so the
    /// same literal gives the same string (a constant the JIT folds).
    pub fn lit(s: &'static str) -> GcStr {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(g) = LITERALS.with(|l| l.borrow().get(&key).map(GcRoot::get)) {
            return g;
        }
        let g = GcStr::new(s);
        LITERALS.with(|l| l.borrow_mut().insert(key, GcRoot::new(g)));
        g
    }

    /// A string of `len` zero bytes, its code point count unset.
    fn alloc(len: usize) -> GcStr {
        let size = array_size(STR_BYTES_OFFSET, 1, len);
        let p = match crate::try_alloc(size, STR_TYPE.id().header()) {
            Ok(p) => p,
            Err(e) => crate::out_of_memory(&e),
        };
        // SAFETY: a fresh object of `size` bytes; its length goes in before anything
        // else can allocate.
        unsafe {
            *((p + STR_LENGTH_OFFSET) as *mut usize) = len;
            GcStr::from_word(p)
        }
    }

    fn addr(self) -> usize {
        self.ptr.as_ptr() as usize
    }

    fn bytes_ptr(self) -> *mut u8 {
        (self.addr() + STR_BYTES_OFFSET) as *mut u8
    }

    /// The length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        // SAFETY: the length word of a live string.
        unsafe { *((self.addr() + STR_LENGTH_OFFSET) as *const usize) }
    }

    /// Whether the string is empty.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Byte `i`.
    ///
    /// # Panics
    /// When `i >= len()`.
    #[inline]
    pub fn byte_at(self, i: usize) -> u8 {
        let len = self.len();
        assert!(i < len, "string index {i} out of bounds (length {len})");
        // SAFETY: in bounds.
        unsafe { *self.bytes_ptr().add(i) }
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: `len` initialized bytes; the string never changes and lives while
        // the handle is reachable.
        unsafe { std::slice::from_raw_parts(self.bytes_ptr(), self.len()) }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // SAFETY: built from `&str`s and whole code points only.
        unsafe { std::str::from_utf8_unchecked(self.as_bytes()) }
    }

    /// The number of code points.
    pub fn char_count(self) -> usize {
        // SAFETY: the count word of a live string.
        unsafe { *((self.addr() + STR_CHARS_OFFSET) as *const usize) }
    }

    /// Whether every code point is ASCII (one byte each).
    pub fn is_ascii(self) -> bool {
        self.char_count() == self.len()
    }

    /// The byte offset of code point `i` (`len()` for `i == char_count()`): O(1) for
    /// ASCII.
    fn byte_offset(self, i: usize) -> usize {
        if self.is_ascii() || i == 0 {
            return i.min(self.len());
        }
        self.as_str()
            .char_indices()
            .nth(i)
            .map_or(self.len(), |(at, _)| at)
    }

    /// Code point `i` as a one-character string.
    ///
    /// # Panics
    /// When `i >= char_count()`.
    pub fn char_at(self, i: usize) -> GcStr {
        let n = self.char_count();
        assert!(i < n, "string index {i} out of range ({n} characters)");
        self.slice(i, i + 1)
    }

    /// Code point `i` as a `char`.
    ///
    /// # Panics
    /// When `i >= char_count()`.
    pub fn code_point(self, i: usize) -> char {
        let n = self.char_count();
        assert!(i < n, "string index {i} out of range ({n} characters)");
        let at = self.byte_offset(i);
        self.as_str()[at..].chars().next().unwrap_or('\0')
    }

    /// The code points `start..end` (clamped to the string, as Python slices are).
    pub fn slice(self, start: usize, end: usize) -> GcStr {
        let n = self.char_count();
        let end = end.min(n);
        let start = start.min(end);
        if start == 0 && end == n {
            return self;
        }
        let (a, b) = (self.byte_offset(start), self.byte_offset(end));
        GcStr::from_parts(&[&self.as_str()[a..b]], end - start)
    }

    /// `self` followed by `other`.
    pub fn concat(self, other: GcStr) -> GcStr {
        if other.is_empty() {
            return self;
        }
        if self.is_empty() {
            return other;
        }
        GcStr::from_parts(
            &[self.as_str(), other.as_str()],
            self.char_count() + other.char_count(),
        )
    }

    /// A string of `parts`, which hold `chars` code points in all.
    fn from_parts(parts: &[&str], chars: usize) -> GcStr {
        let len = parts.iter().map(|p| p.len()).sum();
        let g = GcStr::alloc(len);
        let mut at = 0;
        for p in parts {
            // SAFETY: the parts fit the fresh string.
            unsafe { std::ptr::copy_nonoverlapping(p.as_ptr(), g.bytes_ptr().add(at), p.len()) };
            at += p.len();
        }
        // SAFETY: the count word of the fresh string.
        unsafe { *((g.addr() + STR_CHARS_OFFSET) as *mut usize) = chars };
        g
    }

    /// Whether the two strings hold the same text.
    pub fn equals(self, other: GcStr) -> bool {
        self.addr() == other.addr() || self.as_bytes() == other.as_bytes()
    }

    /// -1, 0 or 1 as `self` sorts before, with or after `other` (by code point).
    pub fn compare(self, other: GcStr) -> i64 {
        match self.as_bytes().cmp(other.as_bytes()) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        }
    }

    /// The string's hash (FNV-1a of its bytes, never 0), computed once and cached in
    /// the object.
    pub fn hash(self) -> i64 {
        let slot = (self.addr() + STR_HASH_OFFSET) as *mut i64;
        // SAFETY: the hash word of a live string; only this function writes it, with
        // the same value every time.
        let cached = unsafe { *slot };
        if cached != 0 {
            return cached;
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in self.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        let h = if h == 0 { 1 } else { h as i64 };
        // SAFETY: as above.
        unsafe { *slot = h };
        h
    }

    /// The code point index of the first `sub` at or after code point `start`, or -1.
    pub fn find(self, sub: GcStr, start: usize) -> i64 {
        let from = self.byte_offset(start.min(self.char_count()));
        match self.as_str()[from..].find(sub.as_str()) {
            None => -1,
            Some(at) => {
                let byte = from + at;
                if self.is_ascii() {
                    byte as i64
                } else {
                    self.as_str()[..byte].chars().count() as i64
                }
            }
        }
    }

    /// Whether `self` starts with `prefix`.
    pub fn starts_with(self, prefix: GcStr) -> bool {
        self.as_bytes().starts_with(prefix.as_bytes())
    }

    /// The decimal text of `i`.
    pub fn from_int(i: i64) -> GcStr {
        GcStr::new(&i.to_string())
    }

    /// The text of `x`, shortest round-trip form with a `.0` on integral values
    /// (`1.0`, `0.1`, `1e100`, `inf`, `NaN`).
    pub fn from_float(x: f64) -> GcStr {
        GcStr::new(&format!("{x:?}"))
    }

    /// The one-character string of `c`.
    pub fn from_char(c: char) -> GcStr {
        let mut buf = [0u8; 4];
        GcStr::new(c.encode_utf8(&mut buf))
    }

    /// Whether the text (less surrounding whitespace) is a decimal integer that fits
    /// an `i64`.
    pub fn is_int(self) -> bool {
        self.as_str().trim().parse::<i64>().is_ok()
    }

    /// The integer the text stands for, or `default` when it is not one.
    pub fn to_int_or(self, default: i64) -> i64 {
        self.as_str().trim().parse::<i64>().unwrap_or(default)
    }

    /// The float the text stands for, or `default` when it is not one.
    pub fn to_float_or(self, default: f64) -> f64 {
        self.as_str().trim().parse::<f64>().unwrap_or(default)
    }

    /// The string's identity: its address.
    pub fn ptr_eq(a: GcStr, b: GcStr) -> bool {
        a.addr() == b.addr()
    }
}

impl PartialEq for GcStr {
    fn eq(&self, other: &GcStr) -> bool {
        self.equals(*other)
    }
}

impl Eq for GcStr {}

impl PartialOrd for GcStr {
    fn partial_cmp(&self, other: &GcStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GcStr {
    /// By code point (UTF-8 bytes sort as code points do).
    fn cmp(&self, other: &GcStr) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Debug for GcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for GcStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// SAFETY: the word is the start of a live string object.
unsafe impl GcRef for GcStr {
    fn to_word(self) -> usize {
        self.addr()
    }
    unsafe fn from_word(word: usize) -> Self {
        GcStr {
            // SAFETY: the caller's promise.
            ptr: unsafe { NonNull::new_unchecked(word as *mut u8) },
            _marker: PhantomData,
        }
    }
}

// SAFETY (two impls): one reference word at offset 0, an array of references.
unsafe impl GcValue for GcStr {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        crate::handle::ref_array_type()
    }
}
unsafe impl GcValue for Option<GcStr> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        crate::handle::ref_array_type()
    }
}

/// The state of a [`StrBuilder`], a GC object.
pub struct BuilderData {
    buf: GcCell<GcArray<u8>>,
    len: GcCell<usize>,
    chars: GcCell<usize>,
}

crate::gc_type!(BuilderData { buf });

/// Builds a string piece by piece in amortized linear time (RPython's `StringBuilder`):
/// a `Copy` one-word handle to a GC object.
#[derive(Clone, Copy)]
pub struct StrBuilder(Gc<BuilderData>);

impl StrBuilder {
    /// An empty builder.
    pub fn new() -> StrBuilder {
        StrBuilder(Gc::new(BuilderData {
            buf: GcCell::new(GcArray::new(16, 0u8)),
            len: GcCell::new(0),
            chars: GcCell::new(0),
        }))
    }

    /// The number of bytes so far.
    pub fn len(self) -> usize {
        self.0.len.get()
    }

    /// Whether nothing was appended yet.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    fn append(self, bytes: &[u8], chars: usize) {
        let d = self.0;
        let len = d.len.get();
        let mut buf = d.buf.get();
        if len + bytes.len() > buf.len() {
            let bigger = GcArray::new((len + bytes.len()).max(buf.len() * 2), 0u8);
            for i in 0..len {
                bigger.set(i, buf.get(i));
            }
            d.buf.set(bigger);
            buf = bigger;
        }
        for (k, &b) in bytes.iter().enumerate() {
            buf.set(len + k, b);
        }
        d.len.set(len + bytes.len());
        d.chars.set(d.chars.get() + chars);
    }

    /// Appends `s`.
    pub fn push(self, s: GcStr) {
        self.append(s.as_bytes(), s.char_count());
    }

    /// Appends the character `c`.
    pub fn push_char(self, c: char) {
        let mut buf = [0u8; 4];
        self.append(c.encode_utf8(&mut buf).as_bytes(), 1);
    }

    /// Appends the decimal text of `i`.
    pub fn push_int(self, i: i64) {
        let text = i.to_string();
        self.append(text.as_bytes(), text.len());
    }

    /// The string built so far (the builder can go on).
    pub fn build(self) -> GcStr {
        let d = self.0;
        let len = d.len.get();
        let buf = d.buf.get();
        let g = GcStr::alloc(len);
        for i in 0..len {
            // SAFETY: in bounds of the fresh string.
            unsafe { *g.bytes_ptr().add(i) = buf.get(i) };
        }
        // SAFETY: the count word of the fresh string.
        unsafe { *((g.addr() + STR_CHARS_OFFSET) as *mut usize) = d.chars.get() };
        g
    }
}

impl Default for StrBuilder {
    fn default() -> StrBuilder {
        StrBuilder::new()
    }
}

// SAFETY: the handle is the builder object's start.
unsafe impl GcRef for StrBuilder {
    fn to_word(self) -> usize {
        self.0.to_word()
    }
    unsafe fn from_word(word: usize) -> Self {
        // SAFETY: the caller's promise.
        StrBuilder(unsafe { Gc::from_word(word) })
    }
}

// SAFETY: one reference word, an array of references.
unsafe impl GcValue for StrBuilder {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        crate::handle::ref_array_type()
    }
}

#[allow(dead_code)]
fn assert_types() {
    // The JIT reads a `GcStr` as one reference word.
    const {
        assert!(std::mem::size_of::<GcStr>() == 8);
        assert!(std::mem::size_of::<Option<GcStr>>() == 8);
        assert!(std::mem::size_of::<StrBuilder>() == 8);
    }
    let _ = <BuilderData as GcType>::type_info;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_hold_their_text_and_cache_their_hash() {
        let a = GcStr::new("héllo");
        assert_eq!(a.len(), 6);
        assert_eq!(a.char_count(), 5);
        assert!(!a.is_ascii());
        assert_eq!(a.slice(1, 3).as_str(), "él");
        assert_eq!(a.char_at(1).as_str(), "é");
        assert_eq!(a.find(GcStr::new("lo"), 0), 3);
        let h = a.hash();
        assert_ne!(h, 0);
        assert_eq!(a.hash(), h);
        assert_eq!(GcStr::new("héllo").hash(), h);
        assert!(a.concat(GcStr::new("!")).equals(GcStr::new("héllo!")));
        assert_eq!(GcStr::from_int(-42).to_int_or(0), -42);
        assert_eq!(GcStr::from_float(1.0).as_str(), "1.0");
        assert_eq!(GcStr::new("x1").to_int_or(7), 7);
        assert!(GcStr::ptr_eq(GcStr::lit("abc"), GcStr::lit("abc")));
        let b = StrBuilder::new();
        for i in 0..20 {
            b.push_int(i);
            b.push_char(',');
        }
        b.push(a);
        let s = b.build();
        assert!(s.as_str().starts_with("0,1,2,"));
        assert!(s.as_str().ends_with("19,héllo"));
        assert_eq!(s.char_count(), s.as_str().chars().count());
    }

    #[test]
    fn strings_survive_collections() {
        crate::set_stress(true);
        let b = StrBuilder::new();
        let mut kept = Vec::new();
        for i in 0..200 {
            let s = GcStr::from_int(i).concat(GcStr::lit("-"));
            b.push(s);
            if i % 50 == 0 {
                kept.push(GcRoot::new(s));
            }
        }
        let all = b.build();
        crate::set_stress(false);
        assert!(all.as_str().starts_with("0-1-2-"));
        assert_eq!(kept[1].get().as_str(), "50-");
    }
}
