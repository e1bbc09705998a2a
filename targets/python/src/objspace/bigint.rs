//! Arithmetic on ints past a machine word that does not fit the core's generic
//! operations, on `num-bigint`, outside the core: residual calls, as PyPy's JIT calls
//! its `rbigint` helpers.

use super::int::{big_divmod, big_pow, big_to_f64, from_big, to_big};
use super::object::Value;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use jitsupport::gc::GcArray;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

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
