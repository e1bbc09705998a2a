//! `math` (outside the core: residual calls into libm).

use super::builtins::{arg, float_arg, int_arg, list_of};
use super::libm::{libm_erf, libm_lgamma, libm_tgamma};
use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::bigint::big_ln;
use crate::objspace::int::is_long;
use crate::objspace::int::{from_big, to_big};
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::Kind;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, Zero};

/// `ValueError: math domain error`.
fn domain() -> PyErr {
    err(Kind::ValueError, "math domain error")
}

/// The int of an integral float (`math.floor`, `round`, ...): CPython's errors for
/// NaN and the infinities.
pub fn to_int_value(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return value_error("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return overflow("cannot convert float infinity to integer");
    }
    if x.abs() < 9.2e18 {
        return Ok(Value::Int(x as i64));
    }
    // `x` is integral: the conversion is exact.
    match BigInt::from_f64(x) {
        Some(b) => Ok(from_big(b)),
        None => Ok(Value::Int(0)),
    }
}

fn big_arg(v: Value) -> PyResult<BigInt> {
    match to_big(v) {
        Some(b) => Ok(b),
        None => Err(oefmt(
            Kind::TypeError,
            "'%T' object cannot be interpreted as an integer",
            v,
        )),
    }
}

/// The natural logarithm of an int or a float (`math.log`), of any size.
fn log_of(v: Value) -> PyResult<f64> {
    let x = match v {
        Value::Int(i) => i as f64,
        Value::Bool(b) => b as i64 as f64,
        _ => {
            if is_long(v) {
                return match big_ln(v) {
                    Some(r) => Ok(r),
                    None => Err(domain()),
                };
            }
            float_arg(v)?
        }
    };
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(f64::ln(x))
}

/// The `math` functions; `None` for another builtin.
pub fn call_math(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let a0 = args.opt(0).unwrap_or(Value::Null);
    let r = match bi {
        Bi::MathSqrt => {
            let x = float_arg(a0)?;
            if x < 0.0 {
                return Err(domain());
            }
            Value::Float(x.sqrt())
        }
        Bi::MathFloor | Bi::MathCeil | Bi::MathTrunc => {
            if to_big(a0).is_some() {
                return Ok(Some(positive(a0)?));
            }
            let name = match bi {
                Bi::MathFloor => "__floor__",
                Bi::MathCeil => "__ceil__",
                _ => "__trunc__",
            };
            if let Some(r) = call_special(a0, name, &[])? {
                return Ok(Some(r));
            }
            let x = float_arg(a0)?;
            to_int_value(match bi {
                Bi::MathFloor => x.floor(),
                Bi::MathCeil => x.ceil(),
                _ => x.trunc(),
            })?
        }
        Bi::MathSin => Value::Float(f64::sin(float_arg(a0)?)),
        Bi::MathCos => Value::Float(f64::cos(float_arg(a0)?)),
        Bi::MathTan => Value::Float(f64::tan(float_arg(a0)?)),
        Bi::MathAsin => Value::Float(f64::asin(float_arg(a0)?)),
        Bi::MathAcos => Value::Float(f64::acos(float_arg(a0)?)),
        Bi::MathAtan => Value::Float(f64::atan(float_arg(a0)?)),
        Bi::MathSinh => Value::Float(f64::sinh(float_arg(a0)?)),
        Bi::MathLog1p => Value::Float(f64::ln_1p(float_arg(a0)?)),
        Bi::MathRemainder => {
            let (x, y) = (float_arg(a0)?, float_arg(arg(&args, 1, "remainder")?)?);
            if y == 0.0 || x.is_infinite() {
                return Err(domain());
            }
            Value::Float(x - (x / y).round_ties_even() * y)
        }
        Bi::MathExpm1 => Value::Float(f64::exp_m1(float_arg(a0)?)),
        Bi::MathCbrt => Value::Float(f64::cbrt(float_arg(a0)?)),
        Bi::MathExp2 => Value::Float(f64::exp2(float_arg(a0)?)),
        Bi::MathAsinh => Value::Float(f64::asinh(float_arg(a0)?)),
        Bi::MathAcosh => Value::Float(f64::acosh(float_arg(a0)?)),
        Bi::MathAtanh => Value::Float(f64::atanh(float_arg(a0)?)),
        Bi::MathErf => Value::Float(libm_erf(float_arg(a0)?)),
        Bi::MathErfc => Value::Float(1.0 - libm_erf(float_arg(a0)?)),
        Bi::MathGamma => {
            let x = float_arg(a0)?;
            if x <= 0.0 && x.fract() == 0.0 {
                return Err(domain());
            }
            Value::Float(libm_tgamma(x))
        }
        Bi::MathLgamma => {
            let x = float_arg(a0)?;
            if x <= 0.0 && x.fract() == 0.0 {
                return Err(domain());
            }
            Value::Float(libm_lgamma(x))
        }
        Bi::MathCosh => Value::Float(f64::cosh(float_arg(a0)?)),
        Bi::MathTanh => Value::Float(f64::tanh(float_arg(a0)?)),
        Bi::MathDegrees => Value::Float(f64::to_degrees(float_arg(a0)?)),
        Bi::MathRadians => Value::Float(f64::to_radians(float_arg(a0)?)),
        Bi::MathFabs => Value::Float(f64::abs(float_arg(a0)?)),
        Bi::MathAtan2 => Value::Float(float_arg(a0)?.atan2(float_arg(arg(&args, 1, "atan2")?)?)),
        Bi::MathExp => {
            let r = float_arg(a0)?.exp();
            if r.is_infinite() {
                return overflow("math range error");
            }
            Value::Float(r)
        }
        Bi::MathLog | Bi::MathLog2 | Bi::MathLog10 => match bi {
            Bi::MathLog2 => {
                if let Some(b) = to_big(a0) {
                    if b > BigInt::zero() && (&b & (&b - 1u32)).is_zero() {
                        return Ok(Some(Value::Float((b.bits() - 1) as f64)));
                    }
                }
                let x = float_arg(a0)?;
                if x <= 0.0 {
                    return Err(domain());
                }
                Value::Float(x.log2())
            }
            Bi::MathLog10 => {
                let x = float_arg(a0)?;
                if x <= 0.0 {
                    return Err(domain());
                }
                Value::Float(x.log10())
            }
            _ => match args.opt(1) {
                Some(b) => Value::Float(log_of(a0)? / log_of(b)?),
                None => Value::Float(log_of(a0)?),
            },
        },
        Bi::MathPow => {
            let (x, y) = (float_arg(a0)?, float_arg(arg(&args, 1, "pow")?)?);
            if x == 0.0 && y < 0.0 {
                return Err(domain());
            }
            Value::Float(x.powf(y))
        }
        Bi::MathHypot => {
            let mut acc = 0.0f64;
            let mut i = 0;
            while i < args.npos {
                let x = float_arg(args.pos(i))?;
                acc = acc.hypot(x);
                i += 1;
            }
            Value::Float(acc)
        }
        Bi::MathDist => {
            let p = list_of(a0)?;
            let q = list_of(arg(&args, 1, "dist")?)?;
            let mut acc = 0.0f64;
            let mut i = 0;
            while i < p.len() && i < q.len() {
                acc = acc.hypot(float_arg(p.get(i))? - float_arg(q.get(i))?);
                i += 1;
            }
            Value::Float(acc)
        }
        Bi::MathGcd | Bi::MathLcm => {
            let mut acc = if bi == Bi::MathGcd {
                BigInt::zero()
            } else {
                BigInt::from(1)
            };
            let mut i = 0;
            while i < args.npos {
                let b = big_arg(args.pos(i))?;
                acc = if bi == Bi::MathGcd {
                    num_integer::Integer::gcd(&acc, &b)
                } else if b.is_zero() || acc.is_zero() {
                    BigInt::zero()
                } else {
                    num_integer::Integer::lcm(&acc, &b)
                };
                i += 1;
            }
            from_big(acc.abs())
        }
        Bi::MathFactorial => {
            let n = match a0 {
                Value::Float(_) => {
                    return type_error("'float' object cannot be interpreted as an integer")
                }
                _ => int_arg(a0)?,
            };
            if n < 0 {
                return value_error("factorial() not defined for negative values");
            }
            let mut acc = BigInt::from(1);
            for k in 2..=n {
                acc *= k;
            }
            from_big(acc)
        }
        Bi::MathIsqrt => {
            let b = big_arg(a0)?;
            if b.is_negative() {
                return value_error("isqrt() argument must be nonnegative");
            }
            from_big(b.sqrt())
        }
        Bi::MathComb | Bi::MathPerm => {
            let n = int_arg(a0)?;
            let k = match args.opt(1) {
                Some(v) => int_arg(v)?,
                None => n,
            };
            if n < 0 || k < 0 {
                return value_error("n must be a non-negative integer");
            }
            if k > n {
                return Ok(Some(Value::Int(0)));
            }
            let mut acc = BigInt::from(1);
            if bi == Bi::MathPerm {
                for i in 0..k {
                    acc *= n - i;
                }
            } else {
                let k = k.min(n - k);
                for i in 0..k {
                    acc = acc * (n - i) / (i + 1);
                }
            }
            from_big(acc)
        }
        Bi::MathProd => {
            let items = list_of(a0)?;
            let mut acc = args.kw("start").unwrap_or(Value::Int(1));
            let mut i = 0;
            while i < items.len() {
                acc = binary_op(acc, items.get(i), BinaryOp::Mult, false)?;
                i += 1;
            }
            acc
        }
        Bi::MathFsum => {
            let items = list_of(a0)?;
            // Neumaier summation (close to CPython's exact fsum for ordinary inputs).
            let mut partials: Vec<f64> = Vec::new();
            let mut i = 0;
            while i < items.len() {
                let mut x = float_arg(items.get(i))?;
                let mut j = 0;
                for k in 0..partials.len() {
                    let mut y = partials[k];
                    if x.abs() < y.abs() {
                        std::mem::swap(&mut x, &mut y);
                    }
                    let hi = x + y;
                    let lo = y - (hi - x);
                    if lo != 0.0 {
                        partials[j] = lo;
                        j += 1;
                    }
                    x = hi;
                }
                partials.truncate(j);
                partials.push(x);
                i += 1;
            }
            Value::Float(partials.iter().sum())
        }
        Bi::MathIsclose => {
            let (a, b) = (float_arg(a0)?, float_arg(arg(&args, 1, "isclose")?)?);
            let rel = match args.kw("rel_tol") {
                Some(v) => float_arg(v)?,
                None => 1e-9,
            };
            let abs_tol = match args.kw("abs_tol") {
                Some(v) => float_arg(v)?,
                None => 0.0,
            };
            Value::Bool(
                a == b || ((a - b).abs() <= (rel * b.abs()).max(rel * a.abs()).max(abs_tol)),
            )
        }
        Bi::MathIsnan => Value::Bool(float_arg(a0)?.is_nan()),
        Bi::MathIsinf => Value::Bool(float_arg(a0)?.is_infinite()),
        Bi::MathIsfinite => Value::Bool(float_arg(a0)?.is_finite()),
        Bi::MathCopysign => {
            Value::Float(float_arg(a0)?.copysign(float_arg(arg(&args, 1, "copysign")?)?))
        }
        Bi::MathFmod => {
            let (x, y) = (float_arg(a0)?, float_arg(arg(&args, 1, "fmod")?)?);
            if y == 0.0 {
                return Err(domain());
            }
            Value::Float(x % y)
        }
        Bi::MathModf => {
            let x = float_arg(a0)?;
            tuple_from(&[Value::Float(x.fract()), Value::Float(x.trunc())])
        }
        Bi::MathFrexp => {
            let x = float_arg(a0)?;
            if x == 0.0 || !x.is_finite() {
                tuple_from(&[Value::Float(x), Value::Int(0)])
            } else {
                let e = x.abs().log2().floor() as i32 + 1;
                let mut m = x / f64::powi(2.0, e);
                let mut e = e;
                if m.abs() >= 1.0 {
                    m /= 2.0;
                    e += 1;
                }
                tuple_from(&[Value::Float(m), Value::Int(e as i64)])
            }
        }
        Bi::MathLdexp => {
            Value::Float(float_arg(a0)? * f64::powi(2.0, int_arg(arg(&args, 1, "ldexp")?)? as i32))
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}
