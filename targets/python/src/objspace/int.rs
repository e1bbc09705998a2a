//! `int` arithmetic: machine words in the core (`Value::Int`), with checked operations
//! whose overflow goes to the big-int helpers. Big ints are `W_Long` objects; their
//! arithmetic copies the digits out into `num_bigint::BigInt` (outside the core: these
//! helpers become residual calls).

use super::misc::W_Long;
use super::object::Value;
use crate::objspace::space::max_str_digits;
use jitsupport::gc::{Gc, GcArray};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// The value of a big int (or of a machine int, or a bool), as a `BigInt`.
pub fn to_big(v: Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(i)),
        Value::Bool(b) => Some(BigInt::from(b as i64)),
        Value::Obj(o) => {
            let l: Gc<W_Long> = o.downcast()?;
            let digits = l.digits.to_vec();
            let sign = if l.negative { Sign::Minus } else { Sign::Plus };
            Some(BigInt::from_slice(sign, &digits))
        }
        _ => None,
    }
}

/// The int value of `b`: a machine int when it fits.
pub fn from_big(b: BigInt) -> Value {
    if let Some(i) = b.to_i64() {
        return Value::Int(i);
    }
    let (sign, digits) = b.to_u32_digits();
    Value::obj(Gc::new(W_Long {
        digits: GcArray::from_slice(&digits),
        negative: sign == Sign::Minus,
    }))
}

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

/// Floor division and modulo of big ints (`b != 0`).
pub fn big_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    a.div_mod_floor(b)
}

/// `a ** b` for `b >= 0`.
pub fn big_pow(a: &BigInt, b: u64) -> BigInt {
    num_traits::pow::Pow::pow(a, b)
}

/// Whether a big int is zero.
pub fn big_is_zero(b: &BigInt) -> bool {
    b.is_zero()
}

/// The float nearest a big int (infinite past the range: the caller raises).
pub fn big_to_f64(b: &BigInt) -> f64 {
    b.to_f64().unwrap_or(f64::INFINITY)
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

/// CPython's hash of a big int.
pub fn hash_big(b: &BigInt) -> i64 {
    let m = BigInt::from((1i64 << 61) - 1);
    let (sign, mag) = (b.sign(), b.magnitude().clone());
    let r = (BigInt::from(mag) % m).to_i64().unwrap_or(0);
    let h = if sign == Sign::Minus { -r } else { r };
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

pub fn big_to_str(b: &BigInt, base: u32) -> String {
    b.to_str_radix(base)
}
