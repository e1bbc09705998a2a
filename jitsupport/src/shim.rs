//! Conversions between jitcode values and Rust values, for the shims that
//! `#[interpreter]` generates (see [`Shim`](crate::jitcode::Shim)).
//!
//! A shim for a function of the interpreter module knows the exact parameter types and
//! converts each one explicitly. A function outside the module is known only by the
//! types at its call, which may differ from its declaration (an integer literal typed
//! `i64` passed to a `bool` parameter, a `&mut List<T>` passed as `*mut List<T>`). For
//! those the shim lets rustc pick the conversion from the real signature:
//! `path(IntArg::from_int(ints[0]), RefArg::from_addr(refs[0]))` and
//! `*result = IntoBits::into_bits(value)`.
//!
//! Generated code is the only intended user; the traits are public because it lives in
//! the interpreter's crate.

use std::borrow::Cow;

/// A parameter type that an int-kind value converts to.
pub trait IntArg {
    /// The value for the 64-bit register contents `x` (normalized as the rtyper keeps
    /// them: sign- or zero-extended, 0 or 1, a code point).
    fn from_int(x: i64) -> Self;
}

/// A parameter type that a ref-kind value (an address) converts to.
pub trait RefArg {
    /// The value for the address `addr`.
    ///
    /// # Safety
    /// `addr` must be valid for the type (a live value of the referent for references,
    /// a `Cow<'static, str>` for `&str`), null only for `Option`s and raw pointers.
    unsafe fn from_addr(addr: usize) -> Self;
}

/// A result type that converts to the bits of one jitcode value.
pub trait IntoBits {
    /// The bits: an int as `i64` bits, a reference as its address, a float by
    /// `f64::to_bits`, nothing (0) for `()`.
    fn into_bits(self) -> u64;
}

macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        impl IntArg for $t {
            fn from_int(x: i64) -> $t {
                x as $t
            }
        }
        impl IntoBits for $t {
            fn into_bits(self) -> u64 {
                self as i64 as u64
            }
        }
    )*};
}

int_conversions!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl IntArg for bool {
    fn from_int(x: i64) -> bool {
        x != 0
    }
}

impl IntoBits for bool {
    fn into_bits(self) -> u64 {
        u64::from(self)
    }
}

impl IntArg for char {
    fn from_int(x: i64) -> char {
        // Jitcode only computes valid code points; anything else is a bug upstream,
        // shown rather than undefined.
        u32::try_from(x)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

impl IntoBits for char {
    fn into_bits(self) -> u64 {
        u64::from(u32::from(self))
    }
}

impl IntoBits for f64 {
    fn into_bits(self) -> u64 {
        self.to_bits()
    }
}

impl IntoBits for () {
    fn into_bits(self) -> u64 {
        0
    }
}

impl<T> RefArg for &T {
    unsafe fn from_addr(addr: usize) -> Self {
        &*(addr as *const T)
    }
}

impl<T> RefArg for &mut T {
    unsafe fn from_addr(addr: usize) -> Self {
        &mut *(addr as *mut T)
    }
}

impl<T> RefArg for *const T {
    unsafe fn from_addr(addr: usize) -> Self {
        addr as *const T
    }
}

impl<T> RefArg for *mut T {
    unsafe fn from_addr(addr: usize) -> Self {
        addr as *mut T
    }
}

impl<T> RefArg for Option<&T> {
    unsafe fn from_addr(addr: usize) -> Self {
        (addr as *const T).as_ref()
    }
}

impl<T> RefArg for Option<&mut T> {
    unsafe fn from_addr(addr: usize) -> Self {
        (addr as *mut T).as_mut()
    }
}

impl RefArg for &str {
    /// A string in a register is the address of a `Cow<'static, str>` (a jitcode
    /// constant, `RefConst::Str`).
    unsafe fn from_addr(addr: usize) -> Self {
        (*(addr as *const Cow<'static, str>)).as_ref()
    }
}

impl<T> IntoBits for &T {
    fn into_bits(self) -> u64 {
        self as *const T as usize as u64
    }
}

impl<T> IntoBits for &mut T {
    fn into_bits(self) -> u64 {
        self as *mut T as usize as u64
    }
}

impl<T> IntoBits for *const T {
    fn into_bits(self) -> u64 {
        self as usize as u64
    }
}

impl<T> IntoBits for *mut T {
    fn into_bits(self) -> u64 {
        self as usize as u64
    }
}

impl<T> IntoBits for Option<&T> {
    fn into_bits(self) -> u64 {
        self.map_or(0, IntoBits::into_bits)
    }
}

impl<T> IntoBits for Option<&mut T> {
    fn into_bits(self) -> u64 {
        self.map_or(0, IntoBits::into_bits)
    }
}

/// The address of the first byte of a jitcode string constant (the `Cow<'static, str>`
/// a register holds for a literal): the pointer leaf of a `&str` literal (`rtyper`'s
/// `lower::strs`). Elidable: a constant in a trace.
// The register holds the `Cow`'s address, so the parameter is a `&Cow` (as the shim
// converts it), not a `&str`.
#[allow(clippy::ptr_arg)]
pub fn ll_str_ptr(s: &Cow<'static, str>) -> *const u8 {
    s.as_ptr()
}

/// Whether the `len` bytes at `a` and at `b` are equal: `==` of two `&str`s of the same
/// length (their lengths are compared inline). Elidable.
///
/// # Safety
/// `a` and `b` point to at least `len` readable bytes.
pub unsafe fn ll_str_eq(a: *const u8, b: *const u8, len: usize) -> bool {
    // SAFETY: the caller's promise.
    a == b || unsafe { std::slice::from_raw_parts(a, len) == std::slice::from_raw_parts(b, len) }
}

/// `s.starts_with(p)` of two `&str`s (the subset's `starts_with`). Elidable.
pub fn ll_borrowed_str_starts_with(s: &str, p: &str) -> bool {
    s.starts_with(p)
}

/// `s.ends_with(p)` of two `&str`s. Elidable.
pub fn ll_borrowed_str_ends_with(s: &str, p: &str) -> bool {
    s.ends_with(p)
}

/// `b.starts_with(p)` of two `&[u8]`s. Elidable.
pub fn ll_borrowed_bytes_starts_with(b: &[u8], p: &[u8]) -> bool {
    b.starts_with(p)
}

/// `b.ends_with(p)` of two `&[u8]`s. Elidable.
pub fn ll_borrowed_bytes_ends_with(b: &[u8], p: &[u8]) -> bool {
    b.ends_with(p)
}

/// Whether `&s[a..b]` is a slice of the `len` bytes at `p` (a `&str`): `a <= b <= len`,
/// both at char boundaries. Elidable.
///
/// # Safety
/// `p` points to `len` bytes of UTF-8.
pub unsafe fn ll_str_slice_ok(p: *const u8, len: usize, a: usize, b: usize) -> bool {
    // SAFETY: the caller's promise.
    let s = unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, len)) };
    a <= b && s.is_char_boundary(a) && s.is_char_boundary(b)
}

/// `p + n`: a pointer `n` bytes further into the same string. Elidable.
pub fn ll_ptr_add(p: *const u8, n: usize) -> *const u8 {
    p.wrapping_add(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_round_trip_normalized() {
        assert_eq!(i8::from_int(-56), -56);
        assert_eq!((-56i8).into_bits() as i64, -56);
        assert_eq!(200u8.into_bits(), 200);
        assert_eq!(u64::MAX.into_bits(), u64::MAX);
        assert!(bool::from_int(1));
        assert!(!bool::from_int(0));
        assert_eq!(char::from_int('é' as i64), 'é');
        assert_eq!(char::from_int(0xD800), char::REPLACEMENT_CHARACTER);
        assert_eq!('é'.into_bits(), 0xE9);
    }

    #[test]
    fn refs_are_addresses() {
        let mut x = 5i64;
        let addr = &mut x as *mut i64 as usize;
        // Safety: `addr` is the address of a live i64.
        unsafe {
            let r: &mut i64 = RefArg::from_addr(addr);
            *r += 1;
            let o: Option<&i64> = RefArg::from_addr(addr);
            assert_eq!(o.into_bits(), addr as u64);
            let none: Option<&i64> = RefArg::from_addr(0);
            assert_eq!(none, None);
            assert_eq!(none.into_bits(), 0);
        }
        assert_eq!(x, 6);
        let s: Cow<'static, str> = Cow::Borrowed("message");
        // Safety: the address of a `Cow<'static, str>`.
        let text: &str = unsafe { RefArg::from_addr(&s as *const _ as usize) };
        assert_eq!(text, "message");
    }
}

macro_rules! gc_ref_bits {
    ($([$($g:tt)*] $t:ty),*) => {$(
        /// A GC reference is its object's address; an `Option` of one is null for `None`.
        impl<$($g)*> IntoBits for $t {
            fn into_bits(self) -> u64 {
                crate::gc::GcRef::to_word(self) as u64
            }
        }
        impl<$($g)*> IntoBits for Option<$t> {
            fn into_bits(self) -> u64 {
                self.map_or(0, |r| crate::gc::GcRef::to_word(r) as u64)
            }
        }
        impl<$($g)*> RefArg for $t {
            unsafe fn from_addr(addr: usize) -> Self {
                // SAFETY: the caller passes a live object of the type.
                unsafe { crate::gc::GcRef::from_word(addr) }
            }
        }
        impl<$($g)*> RefArg for Option<$t> {
            unsafe fn from_addr(addr: usize) -> Self {
                // SAFETY: as above, or null for `None`.
                (addr != 0).then(|| unsafe { crate::gc::GcRef::from_word(addr) })
            }
        }
    )*};
}

gc_ref_bits!([T: 'static] crate::gc::Gc<T>, [V: crate::gc::GcValue] crate::gc::GcArray<V>, [] crate::gc::GcAny);
