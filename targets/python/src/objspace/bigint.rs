//! Arithmetic on ints past a machine word that does not fit the core's generic
//! operations, on `num-bigint`, outside the core: residual calls, as PyPy's JIT calls
//! its `rbigint` helpers.

use super::format::round_to_decimals;
use super::misc::W_Long;
use super::object::Value;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use jitsupport::gc::Gc;
use jitsupport::gc::GcArray;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

/// The natural logarithm of the int `v` (of any size), `None` when `v <= 0` (a math
/// domain error). Past a double's range, the top 60 bits and the shift.
pub fn big_ln(v: Value) -> Option<f64> {
    let b = to_big(v)?;
    if b <= BigInt::zero() {
        return None;
    }
    if let Some(f) = b.to_f64().filter(|f| f.is_finite()) {
        return Some(f.ln());
    }
    let bits = b.bits();
    let shifted: BigInt = &b >> (bits - 60);
    Some(shifted.to_f64().unwrap_or(1.0).ln() + (bits - 60) as f64 * std::f64::consts::LN_2)
}

/// The int whose 32-bit digits, least significant first, are `words` (`getrandbits`).
pub fn big_from_words(words: GcArray<u32>) -> Value {
    from_big(BigInt::from(num_bigint::BigUint::from_slice(
        &words.to_vec(),
    )))
}

pub fn big_op(a: Value, b: Value, op: BinaryOp) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (to_big(a), to_big(b)) else {
        return Ok(None);
    };
    let r = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mult => x * y,
        BinaryOp::FloorDiv | BinaryOp::Mod => {
            if y.is_zero() {
                return zero_division(if op == BinaryOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                });
            }
            let (q, r) = big_divmod(&x, &y);
            if op == BinaryOp::Mod {
                r
            } else {
                q
            }
        }
        BinaryOp::Div => {
            if y.is_zero() {
                return zero_division("division by zero");
            }
            let r = big_truediv(&x, &y);
            if r.is_infinite() {
                return overflow("integer division result too large for a float");
            }
            return Ok(Some(Value::Float(r)));
        }
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::LShift => {
            let Some(n) = y.to_usize() else {
                return value_error("negative shift count");
            };
            x << n
        }
        BinaryOp::RShift => {
            if y.is_negative() {
                return value_error("negative shift count");
            }
            let n = y.to_usize().unwrap_or(usize::MAX / 2);
            x >> n
        }
        BinaryOp::Pow => {
            if y.is_negative() {
                let xf = big_to_f64(&x);
                let yf = big_to_f64(&y);
                return Ok(Some(Value::Float(xf.powf(yf))));
            }
            let Some(n) = y.to_u64() else {
                return overflow("exponent too large");
            };
            big_pow(&x, n)
        }
        BinaryOp::MatMult => return Ok(None),
    };
    Ok(Some(from_big(r)))
}

/// `x / y` for ints of any size, correctly rounded (half to even, subnormals
/// included) as CPython's `long_true_divide`; infinite when the result overflows.
pub fn big_truediv(x: &num_bigint::BigInt, y: &num_bigint::BigInt) -> f64 {
    let (a, b) = (x.magnitude(), y.magnitude());
    let negative = (x.sign() == num_bigint::Sign::Minus) != (y.sign() == num_bigint::Sign::Minus);
    let sign = if negative { -1.0 } else { 1.0 };
    if a.is_zero() {
        return sign * 0.0;
    }
    // A quotient of 55 or 56 bits and a sticky bit for the remainder.
    let s = 55 - (a.bits() as i64 - b.bits() as i64);
    let (n, d) = if s >= 0 {
        (a << s as usize, b.clone())
    } else {
        (a.clone(), b << (-s) as usize)
    };
    let (q, r) = n.div_rem(&d);
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    let sticky = !r.is_zero();
    let qb = 64 - q.leading_zeros() as i64;
    // The value is q * 2**-s; its top bit is at 2**top.
    let top = qb - 1 - s;
    if top > 1023 {
        return sign * f64::INFINITY;
    }
    let keep = if top < -1022 { 53 - (-1022 - top) } else { 53 };
    let drop = (qb - keep.max(0)).clamp(0, 63);
    let mut e = -s;
    if drop > 0 {
        let half = 1u64 << (drop - 1);
        let rest = q & ((1u64 << drop) - 1);
        q >>= drop;
        e += drop;
        if rest > half || (rest == half && (sticky || q & 1 == 1)) {
            q += 1;
        }
    }
    // q * 2**e is representable: scale in steps that stay exact.
    let mut v = q as f64;
    while e < -1000 {
        v *= 2f64.powi(-1000);
        e += 1000;
    }
    while e > 1000 {
        v *= 2f64.powi(1000);
        e -= 1000;
    }
    sign * v * 2f64.powi(e as i32)
}

/// `round(i, n)` for an int and `n < 0`: the nearest multiple of `10**-n`, ties to even.
pub fn round_int(i: &num_bigint::BigInt, n: i64) -> Value {
    if n < -4300 {
        return Value::Int(0);
    }
    let p = num_bigint::BigInt::from(10u32).pow((-n) as u32);
    from_big(div_round_half_even(i, &p) * p)
}

/// Rounds `x` to `n` decimal digits as CPython does (correctly rounded through the
/// decimal string).
pub fn round_float(x: f64, n: i64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if n > 300 {
        return x;
    }
    if n >= 0 {
        return round_to_decimals(x, n as usize);
    }
    // Exactly: x = m * 2**e, rounded half to even to a multiple of 10**k.
    let k = (-n) as usize;
    if k > 400 {
        return 0.0 * x;
    }
    let (m, e) = float_parts(x);
    let mut num = num_bigint::BigInt::from(m);
    let mut den = num_bigint::BigInt::from(10u32).pow(k as u32);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let q = div_round_half_even(&num, &den) * num_bigint::BigInt::from(10u32).pow(k as u32);
    let r: f64 = q.to_string().parse().unwrap_or(f64::INFINITY);
    if r == 0.0 {
        0.0 * x
    } else {
        r
    }
}

/// `num / den` rounded to the nearest integer, ties to even (`den > 0`).
pub fn div_round_half_even(
    num: &num_bigint::BigInt,
    den: &num_bigint::BigInt,
) -> num_bigint::BigInt {
    let (q, r) = num.div_mod_floor(den);
    let twice: num_bigint::BigInt = r * 2;
    if twice > *den || (twice == *den && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

/// A finite float as `m * 2**e` with an integer `m` (signed) of at most 53 bits.
pub fn float_parts(x: f64) -> (i64, i32) {
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i64;
    if exp == 0 {
        (sign * frac, -1074)
    } else {
        (sign * (frac | (1i64 << 52)), exp - 1075)
    }
}

/// Parses an int literal of `int(s, base)`; `None` if it is not one.
pub fn parse_int(s: &str, base: u32) -> Option<Value> {
    let t = s.trim();
    let (neg, mut t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let mut base = base;
    let lower = t.to_ascii_lowercase();
    for (p, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(p) && (base == b || base == 0) {
            t = &t[2..];
            base = b;
        }
    }
    if base == 0 {
        base = 10;
        if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0' && c != '_') {
            return None;
        }
    }
    let t = t.strip_prefix('_').unwrap_or(t);
    if t.is_empty() || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let digits: String = t.chars().filter(|&c| c != '_').collect();
    let b = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(from_big(if neg { -b } else { b }))
}

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

pub fn big_to_str(b: &BigInt, base: u32) -> String {
    b.to_str_radix(base)
}

/// Whether the int `v` (of any size) is negative.
pub fn big_is_negative(v: Value) -> bool {
    match to_big(v) {
        Some(b) => b.sign() == Sign::Minus,
        None => false,
    }
}

/// The order of two ints of any size: -1, 0 or 1.
pub fn big_order(a: Value, b: Value) -> i64 {
    match (to_big(a), to_big(b)) {
        (Some(x), Some(y)) => x.cmp(&y) as i64,
        _ => 0,
    }
}

/// The order of the int `i` (of any size) and the finite float `f`, exactly (CPython
/// compares the values, not the int rounded to a float): -1, 0 or 1.
pub fn int_float_order(i: Value, f: f64) -> i64 {
    let Some(i) = to_big(i) else {
        return 0;
    };
    let fl = f.floor();
    // `fl` is integral: the conversion is exact.
    let Some(fb) = BigInt::from_f64(fl) else {
        return 0;
    };
    let ord = i.cmp(&fb) as i64;
    if ord == 0 && f != fl {
        -1
    } else {
        ord
    }
}

/// `int.to_bytes`: the `n` bytes of `v` (two's complement when `signed`), most
/// significant first when `big`; `None` when it does not fit.
pub fn int_to_bytes(v: Value, n: usize, big: bool, signed: bool) -> Option<Vec<u8>> {
    let b = to_big(v).unwrap_or_default();
    let mut bytes = if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    if bytes.len() > n {
        return None;
    }
    let fill = if signed && b.sign() == Sign::Minus {
        0xff
    } else {
        0
    };
    bytes.resize(n, fill);
    if big {
        bytes.reverse();
    }
    Some(bytes)
}

/// `int.from_bytes`: the int of `data` (two's complement when `signed`), most
/// significant first when `big`.
pub fn int_from_bytes(data: &[u8], big: bool, signed: bool) -> Value {
    let mut d = data.to_vec();
    if big {
        d.reverse();
    }
    from_big(if signed {
        BigInt::from_signed_bytes_le(&d)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &d)
    })
}
