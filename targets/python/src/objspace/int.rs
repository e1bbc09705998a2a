//! `int` arithmetic: machine words in the core (`Value::Int`), with checked operations
//! whose overflow goes to the big-int helpers. Big ints are `W_Long` objects; their
//! arithmetic copies the digits out into `num_bigint::BigInt` in `bigint.rs`, outside
//! the core (residual calls, re-exported here).

pub use super::bigint::{
    big_divmod, big_is_zero, big_pow, big_to_f64, big_to_str, from_big, hash_big, to_big,
};
use super::object::Value;
use crate::objspace::space::max_str_digits;

/// Whether `v` is a big int object.
pub fn is_long(v: Value) -> bool {
    v.as_long().is_some()
}

/// Floor division of machine ints (`b != 0`), `None` on overflow.
pub fn floordiv(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python's modulo of machine ints (`b != 0`): the sign of the divisor.
pub fn modulo(a: i64, b: i64) -> i64 {
    if b == -1 {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// The bits of CPython's numeric hashes, and their modulus 2**61 - 1 (a prime).
const HASH_BITS: i32 = 61;
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// CPython's hash of an int: the value modulo 2**61 - 1, keeping the sign (-1 -> -2).
pub fn hash_int(i: i64) -> i64 {
    let mut h = (i.unsigned_abs() % HASH_MODULUS) as i64;
    if i < 0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's hash of a float.
pub fn hash_float(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.fract() == 0.0 && x.abs() < 9.2e18 {
        return hash_int(x as i64);
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & HASH_MODULUS) | (h >> (HASH_BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= HASH_MODULUS {
            h -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS
    } else {
        HASH_BITS - 1 - ((-1 - e) % HASH_BITS)
    };
    h = ((h << e) & HASH_MODULUS) | (h >> (HASH_BITS - e));
    let mut r = h as i64;
    if x < 0.0 {
        r = -r;
    }
    if r == -1 {
        -2
    } else {
        r
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// Formats a big int in base 2, 8, 10 or 16 (no prefix).
/// CPython 3.11's default limit on the decimal digits of an int converted to or from a
/// str (`sys.int_info.default_max_str_digits`); `sys.set_int_max_str_digits` changes it.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The smallest limit `sys.set_int_max_str_digits` accepts other than 0 (no limit).
pub const MIN_MAX_STR_DIGITS: i64 = 640;

/// Whether `n` decimal digits are past the limit of `sys.set_int_max_str_digits`.
pub fn str_digits_exceeded(n: usize) -> bool {
    let limit = max_str_digits();
    limit != 0 && n > limit
}
