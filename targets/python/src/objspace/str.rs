//! `str`: immutable UTF-8 text in a `GcArray<u8>`, with its length in code points and
//! its hash cached in the object. Indexing is O(1) for ASCII text (the common case),
//! a scan otherwise.

use super::heapbytes::utf8_array_str;
use super::object::Value;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_Str {
    pub bytes: GcArray<u8>,
    /// Length in code points.
    pub nchars: usize,
    /// The cached hash, or -1 before the first `hash()`.
    pub hash: GcCell<i64>,
}
crate::py_type!(W_Str { bytes ;  });

/// A new `str` holding `s`.
pub fn new_str(s: &str) -> Gc<W_Str> {
    Gc::new(W_Str {
        bytes: GcArray::from_slice(s.as_bytes()),
        nchars: s.chars().count(),
        hash: GcCell::new(-1),
    })
}

/// A new `str` value.
pub fn str_value(s: &str) -> Value {
    Value::obj(new_str(s))
}

pub use super::heapbytes::array_bytes;

impl W_Str {
    /// The text, borrowed from the heap (see [`array_bytes`]).
    pub fn as_str<'a>(&self) -> &'a str {
        utf8_array_str(self.bytes)
    }

    /// Whether every character is ASCII (one byte each).
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.bytes.len()
    }

    /// The hash (FNV-1a over the bytes, cached; never -1).
    pub fn hash_value(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = str_hash(self.as_str());
        self.hash.set(h);
        h
    }
}

/// The hash of a str with text `s` (FNV-1a over the bytes; never -1).
pub fn str_hash(s: &str) -> i64 {
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        x ^= b as u64;
        x = x.wrapping_mul(0x100_0000_01b3);
    }
    let h = (x >> 1) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Whether two strs hold the same text.
pub fn str_eq(a: Gc<W_Str>, b: Gc<W_Str>) -> bool {
    if Gc::ptr_eq(a, b) {
        return true;
    }
    let (x, y) = (a.bytes, b.bytes);
    if x.len() != y.len() {
        return false;
    }
    // Known hashes that differ: different text, without comparing it.
    let (ha, hb) = (a.hash.get(), b.hash.get());
    if ha != -1 && hb != -1 && ha != hb {
        return false;
    }
    array_bytes(x) == array_bytes(y)
}

/// The byte offset of code point `i` (`i <= nchars`).
pub fn char_offset(s: &W_Str, i: usize) -> usize {
    if s.is_ascii() {
        return i;
    }
    match s.as_str().char_indices().nth(i) {
        Some((o, _)) => o,
        None => s.bytes.len(),
    }
}
