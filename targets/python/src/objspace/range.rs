//! `range`: start, stop, step and length as int values (machine words while they fit,
//! big ints past that, as CPython's and PyPy's ranges are). A range whose four ints are
//! machine words iterates with a machine-word iterator (CPython's `rangeiterobject`);
//! the others with the position-counting `IterKind::LongRange`. The arithmetic past a
//! machine word runs in `num-bigint` (residual, like the rest of the big ints).

use super::int::is_long;
use super::int::{from_big, to_big};
use super::misc::W_Slice;
use super::object::Value;
use super::ops;
use crate::interpreter::error::{index_error, overflow, type_error, value_error};
use crate::interpreter::PyResult;
use jitsupport::gc::Gc;
use num_bigint::BigInt;
use ops::call_special;
use ops::eq;

pub struct W_Range {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
    /// The number of items, an int value (it may be past a machine word).
    pub length: Value,
}
crate::py_type!(W_Range { ; start, stop, step, length });

impl W_Range {
    /// Start, step and length as machine words, when all four ints are machine words.
    #[inline]
    pub fn small(&self) -> Option<(i64, i64, i64)> {
        match (self.start, self.stop, self.step, self.length) {
            (Value::Int(a), Value::Int(_), Value::Int(c), Value::Int(n)) => Some((a, c, n)),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self.length, Value::Int(0))
    }

    /// `len(r)`: CPython's OverflowError past a machine word.
    pub fn len(&self) -> PyResult<i64> {
        match self.length {
            Value::Int(n) => Ok(n),
            _ => ssize_overflow(),
        }
    }
}

#[cold]
fn ssize_overflow<T>() -> PyResult<T> {
    overflow("Python int too large to convert to C ssize_t")
}

/// An int value as a big int (`v` is an int: small, bool or big).
fn big(v: Value) -> BigInt {
    match v {
        Value::Int(i) => BigInt::from(i),
        Value::Bool(b) => BigInt::from(b as i64),
        _ => to_big(v).unwrap_or_default(),
    }
}

/// `range(start, stop, step)` of int values, `step` not zero.
pub fn new_range(start: Value, stop: Value, step: Value) -> Gc<W_Range> {
    let length = match (start, stop, step) {
        (Value::Int(a), Value::Int(b), Value::Int(c)) => {
            let n = len_i128(a as i128, b as i128, c as i128);
            match i64::try_from(n) {
                Ok(n) => Value::Int(n),
                Err(_) => from_big(BigInt::from(n)),
            }
        }
        _ => from_big(len_big(&big(start), &big(stop), &big(step))),
    };
    Gc::new(W_Range {
        start,
        stop,
        step,
        length,
    })
}

/// The number of items of `range(start, stop, step)` of machine words, when it is one
/// (slice bounds within a sequence's length).
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    len_i128(start as i128, stop as i128, step as i128) as i64
}

fn len_i128(start: i128, stop: i128, step: i128) -> i128 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

fn len_big(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let zero = BigInt::from(0);
    if *step > zero && start < stop {
        (stop - start - 1) / step + 1
    } else if *step < zero && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        zero
    }
}

/// `r[i]` for an int `i` (any size): CPython's IndexError out of range.
pub fn item(r: Gc<W_Range>, i: Value) -> PyResult<Value> {
    if let (Some((start, step, n)), Value::Int(i)) = (r.small(), i) {
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return index_out_of_range();
        }
        // In the range, so between start and stop: no overflow.
        return Ok(Value::Int(start + j * step));
    }
    let n = big(r.length);
    let mut j = big(i);
    if j < BigInt::from(0) {
        j += &n;
    }
    if j < BigInt::from(0) || j >= n {
        return index_out_of_range();
    }
    Ok(from_big(big(r.start) + j * big(r.step)))
}

#[cold]
fn index_out_of_range<T>() -> PyResult<T> {
    index_error("range object index out of range")
}

/// `r[s]` for a slice: the sub-range, computed on ints of any size
/// (`_PySlice_GetLongIndices` and `compute_slice`).
pub fn slice(r: Gc<W_Range>, s: Gc<W_Slice>) -> PyResult<Value> {
    let zero = BigInt::from(0);
    let step = match s.step {
        Value::None => BigInt::from(1),
        v => slice_index(v)?,
    };
    if step == zero {
        return value_error("slice step cannot be zero");
    }
    let len = big(r.length);
    let (lower, upper) = if step < zero {
        (BigInt::from(-1), &len - 1)
    } else {
        (zero.clone(), len.clone())
    };
    let (start_default, stop_default) = if step < zero {
        (upper.clone(), lower.clone())
    } else {
        (lower.clone(), upper.clone())
    };
    let start = range_slice_bound(s.start, &start_default, &len, &lower, &upper)?;
    let stop = range_slice_bound(s.stop, &stop_default, &len, &lower, &upper)?;
    let rstart = big(r.start);
    let rstep = big(r.step);
    Ok(Value::obj(new_range(
        from_big(&rstart + start * &rstep),
        from_big(&rstart + stop * &rstep),
        from_big(step * rstep),
    )))
}

/// One bound of a slice of a range of `len` items: `default` for `None`, else from the
/// end when negative, clamped to `lower..=upper`.
fn range_slice_bound(
    v: Value,
    default: &BigInt,
    len: &BigInt,
    lower: &BigInt,
    upper: &BigInt,
) -> PyResult<BigInt> {
    if v.is_none() {
        return Ok(default.clone());
    }
    let mut x = slice_index(v)?;
    if x < BigInt::from(0) {
        x += len;
        if x < *lower {
            x = lower.clone();
        }
    } else if x > *upper {
        x = upper.clone();
    }
    Ok(x)
}

/// A slice bound as an int of any size (`__index__` honoured).
fn slice_index(v: Value) -> PyResult<BigInt> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(big(v)),
        _ if is_long(v) => Ok(big(v)),
        _ => match call_special(v, "__index__", &[])? {
            Some(r) if matches!(r, Value::Int(_) | Value::Bool(_)) || is_long(r) => Ok(big(r)),
            _ => type_error("slice indices must be integers or None or have an __index__ method"),
        },
    }
}

/// The position of the int `x` in `r`, if it is one of its items.
pub fn position(r: Gc<W_Range>, x: Value) -> Option<Value> {
    if let (Some((start, step, n)), Value::Int(x)) = (r.small(), x) {
        let off = x as i128 - start as i128;
        let step = step as i128;
        if off % step != 0 {
            return None;
        }
        let k = off / step;
        if k >= 0 && k < n as i128 {
            return Some(Value::Int(k as i64));
        }
        return None;
    }
    let off = big(x) - big(r.start);
    let step = big(r.step);
    let zero = BigInt::from(0);
    if &off % &step != zero {
        return None;
    }
    let k = off / step;
    if k >= zero && k < big(r.length) {
        Some(from_big(k))
    } else {
        None
    }
}

/// Whether `v` is an int for the arithmetic `in` and `index` of a range (CPython's
/// `PyLong_CheckExact(v) || PyBool_Check(v)`).
pub fn is_exact_int(v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || is_long(v)
}

/// `r == q` (CPython's `range_equals`: the same items).
pub fn equal(r: Gc<W_Range>, q: Gc<W_Range>) -> PyResult<bool> {
    if !eq(r.length, q.length)? {
        return Ok(false);
    }
    if r.is_empty() {
        return Ok(true);
    }
    if !eq(r.start, q.start)? {
        return Ok(false);
    }
    if matches!(r.length, Value::Int(1)) {
        return Ok(true);
    }
    eq(r.step, q.step)
}

/// Item `k` of the `n` items of `r` (`k < n`), counted from the end when `reversed`:
/// the next value of a `LongRange` iterator.
pub fn long_item(r: Gc<W_Range>, k: i64, reversed: bool) -> Value {
    let k = if reversed {
        big(r.length) - 1 - k
    } else {
        BigInt::from(k)
    };
    from_big(big(r.start) + k * big(r.step))
}

/// Whether position `k` is past the end of `r`.
pub fn long_done(r: Gc<W_Range>, k: i64) -> bool {
    match r.length {
        Value::Int(n) => k >= n,
        _ => false,
    }
}
