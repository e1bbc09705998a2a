//! The builtin functions and the methods of the builtin containers, dispatched by
//! [`Bi`] in one `match`; constructors of the builtin types by [`Kind`].

use super::collections::abc_check;
use super::collections::collections_construct;
use super::collections::is_abc;
use super::collections::is_iterator;
use super::mathmod::to_int_value;
use super::random::new_generator;
use super::strformat::format_value;
use super::table::Bi;
use super::unicode::first_code_point;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::new_object;
use crate::interpreter::call::{call_values, Args};
use crate::interpreter::error::set_os_error_attrs;
use crate::interpreter::error::*;
use crate::interpreter::eval::run_class_body;
use crate::interpreter::eval::{generator_send, generator_throw, make_raisable, Exit};
use crate::interpreter::frame::{GEN_CREATED, GEN_DONE};
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::bigint::{float_parts, parse_int, round_float, round_int};
use crate::objspace::dict::{new_dict, W_Dict};
use crate::objspace::format::float_hex;
use crate::objspace::format::{check_str_digits, float_fromhex, int_to_base_text, parse_float};
use crate::objspace::function::*;
use crate::objspace::instance::new_instance;
use crate::objspace::int::is_long;
use crate::objspace::int::*;
use crate::objspace::list::list_from;
use crate::objspace::list::{new_list, W_List};
use crate::objspace::misc::*;
use crate::objspace::mro::compute_mro;
use crate::objspace::object::Value;
use crate::objspace::ops::{self, *};
use crate::objspace::range::is_exact_int;
use crate::objspace::range::new_range;
use crate::objspace::range::position;
use crate::objspace::repr::ascii_of;
use crate::objspace::repr::{default_repr, exception_repr, os_error_str};
use crate::objspace::set::new_set_table;
use crate::objspace::space::{self, intern, ty};
use crate::objspace::str::{new_str, str_value};
use crate::objspace::tuple::{tuple_from, W_Tuple};
use crate::objspace::typeobject::lookup;
use crate::objspace::typeobject::{is_subtype, new_type, Kind, W_Type};
use jitsupport::gc::{Gc, GcArray, GcCell};
use num_traits::FromPrimitive;
use num_traits::One as BigIntOne;
use num_traits::{Signed, Zero};
use ops::call_method;
use ops::dict_update;
use ops::float_divmod;
use ops::index_value;
use ops::is_value_kind;
use ops::isinstance;
use space::builtins_dict;
use space::current_frame;
use space::ellipsis;
use space::empty_tuple;
use space::invalidate_method_cache;
use space::not_implemented;
use space::root_map;
use std::str::from_utf8;

/// Positional argument `i`, or a TypeError naming the function.
pub fn arg(args: &Args, i: usize, fname: &str) -> PyResult<Value> {
    match args.opt(i) {
        Some(v) => Ok(v),
        None => Err(oefmt_s1(
            Kind::TypeError,
            "%s() missing required argument (pos %d)",
            fname,
            Value::Int((i + 1) as i64),
        )),
    }
}

/// An int argument.
pub fn int_arg(v: Value) -> PyResult<i64> {
    if is_long(v) {
        return overflow("Python int too large to convert to C ssize_t");
    }
    match index_value(v)? {
        Some(i) => Ok(i),
        None => Err(oefmt(
            Kind::TypeError,
            "'%T' object cannot be interpreted as an integer",
            v,
        )),
    }
}

/// A float argument (ints converted).
pub fn float_arg(v: Value) -> PyResult<f64> {
    match num_to_f64(v) {
        Some(f) if f.is_infinite() && is_long(v) => overflow("int too large to convert to float"),
        Some(f) => Ok(f),
        None => {
            if let Some(r) = call_special(v, "__float__", &[])? {
                return float_arg(r);
            }
            Err(oefmt(Kind::TypeError, "must be real number, not %T", v))
        }
    }
}

/// A str argument.
pub fn str_arg<'a>(v: Value, what: &str) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s.as_str()),
        None => Err(oefmt_s1(Kind::TypeError, "%s must be str, not %T", what, v)),
    }
}

/// The items of an iterable, as a new list.
pub fn list_of(v: Value) -> PyResult<Gc<W_List>> {
    if let Some(l) = v.as_list() {
        return Ok(list_from(l.items.get(), 0, l.len()));
    }
    if let Some(t) = v.as_tuple() {
        return Ok(list_from(t.items, 0, t.len()));
    }
    let out = new_list(0);
    let it = iter(v)?;
    while let Some(x) = next(it)? {
        out.append(x);
    }
    Ok(out)
}

/// A tuple value of an iterable's items.
pub fn tuple_of(v: Value) -> PyResult<Value> {
    if v.as_tuple().is_some() {
        return Ok(v);
    }
    let l = list_of(v)?;
    Ok(Value::obj(Gc::new(W_Tuple {
        items: l.to_array(),
    })))
}

pub fn list_extend(l: Gc<W_List>, v: Value) -> PyResult<()> {
    if let Some(src) = v.as_list() {
        let n = src.len();
        let mut i = 0;
        while i < n {
            l.append(src.get(i));
            i += 1;
        }
        return Ok(());
    }
    let it = iter(v)?;
    while let Some(x) = next(it)? {
        l.append(x);
    }
    Ok(())
}

pub fn new_set_value(frozen: bool) -> Gc<W_Set> {
    Gc::new(W_Set {
        dict: new_set_table(),
        frozen,
    })
}

/// `s |= v` (CPython's `set_update_internal`: a set or dict is merged after making
/// room, in its table order).
pub fn set_update(s: Gc<W_Set>, v: Value) -> PyResult<()> {
    if let Some(o) = v.as_set() {
        let d = o.dict;
        s.dict.reserve(d.len());
        let mut i = 0;
        while let Some(e) = d.next_live_entry(&mut i) {
            s.dict.add_hashed(e.key, e.hash)?;
        }
        return Ok(());
    }
    if let Some(d) = v.as_dict() {
        s.dict.reserve(d.len());
        let mut i = 0;
        while let Some(e) = d.next_live_entry(&mut i) {
            s.dict.add_hashed(e.key, e.hash)?;
        }
        return Ok(());
    }
    let it = iter(v)?;
    while let Some(x) = next(it)? {
        s.dict.set(x, Value::None)?;
    }
    Ok(())
}

pub fn make_set(v: Value, frozen: bool) -> PyResult<Gc<W_Set>> {
    let s = new_set_value(frozen);
    set_update(s, v)?;
    Ok(s)
}

/// `a op b` on sets, in CPython's iteration orders.
pub fn set_binop(a: Gc<W_Set>, b: Gc<W_Set>, op: BinaryOp, inplace: bool) -> PyResult<Value> {
    match op {
        BinaryOp::Or => {
            let out = if inplace {
                a
            } else {
                make_set(Value::obj(a), a.frozen)?
            };
            set_update(out, Value::obj(b))?;
            Ok(Value::obj(out))
        }
        BinaryOp::And => {
            // Iterate over the smaller set, keep what the other has.
            let (small, big) = if b.dict.len() > a.dict.len() {
                (a, b)
            } else {
                (b, a)
            };
            let res = new_set_value(a.frozen);
            let d = small.dict;
            let mut i = 0;
            while let Some(e) = d.next_live_entry(&mut i) {
                if big.dict.get_hashed(e.key, e.hash)?.is_some() {
                    res.dict.add_hashed(e.key, e.hash)?;
                }
            }
            if inplace {
                a.dict.clear();
                set_update(a, Value::obj(res))?;
                return Ok(Value::obj(a));
            }
            Ok(Value::obj(res))
        }
        BinaryOp::Sub => {
            if inplace {
                let d = b.dict;
                let mut i = 0;
                while let Some(e) = d.next_live_entry(&mut i) {
                    a.dict.remove(e.key)?;
                }
                return Ok(Value::obj(a));
            }
            let res = new_set_value(a.frozen);
            let d = a.dict;
            let mut i = 0;
            while let Some(e) = d.next_live_entry(&mut i) {
                if b.dict.get_hashed(e.key, e.hash)?.is_none() {
                    res.dict.add_hashed(e.key, e.hash)?;
                }
            }
            Ok(Value::obj(res))
        }
        BinaryOp::Xor => {
            let out = if inplace {
                a
            } else {
                make_set(Value::obj(a), a.frozen)?
            };
            let d = b.dict;
            let mut i = 0;
            while let Some(e) = d.next_live_entry(&mut i) {
                if out.dict.remove(e.key)?.is_none() {
                    out.dict.add_hashed(e.key, e.hash)?;
                }
            }
            Ok(Value::obj(out))
        }
        _ => type_error("bad set operation"),
    }
}

pub fn new_bytearray(b: &[u8]) -> Value {
    Value::obj(Gc::new(W_ByteArray {
        data: GcCell::new(GcArray::from_slice(b)),
        len: GcCell::new(b.len()),
    }))
}

/// `l[s] = v`.
pub fn list_set_slice(l: Gc<W_List>, s: Gc<W_Slice>, v: Value) -> PyResult<()> {
    let items = list_of(v)?;
    let (start, _, step, n) = slice_indices(s, l.len())?;
    if step == 1 {
        let old = l.to_array();
        let len = l.len();
        let start = start as usize;
        l.clear();
        let mut i = 0;
        while i < start {
            l.append(old.get(i));
            i += 1;
        }
        i = 0;
        while i < items.len() {
            l.append(items.get(i));
            i += 1;
        }
        i = start + n;
        while i < len {
            l.append(old.get(i));
            i += 1;
        }
        return Ok(());
    }
    if items.len() != n {
        return Err(oefmt2(
            Kind::ValueError,
            "attempt to assign sequence of size %d to extended slice of size %d",
            Value::Int(items.len() as i64),
            Value::Int(n as i64),
        ));
    }
    let mut j = 0;
    while j < n {
        l.set((start + j as i64 * step) as usize, items.get(j));
        j += 1;
    }
    Ok(())
}

/// The `__build_class__` builtin.
pub fn build_class_fn() -> Value {
    match builtins_dict().get(Value::obj(intern("__build_class__"))) {
        Ok(Some(v)) => v,
        _ => Value::None,
    }
}

fn build_class(args: Args) -> PyResult<Value> {
    let f = arg(&args, 0, "__build_class__")?;
    let name = str_arg(arg(&args, 1, "__build_class__")?, "class name")?;
    let Some(func) = f.as_function() else {
        return type_error("__build_class__: func must be a function");
    };
    let nb = args.npos - 2;
    let bases = GcArray::new(nb, Value::None);
    let mut kind = Kind::Object;
    let mut i = 0;
    while i < nb {
        let b = args.pos(2 + i);
        let Some(bt) = b.as_type() else {
            return type_error("bases must be types");
        };
        if bt.kind != Kind::Object && kind == Kind::Object {
            kind = bt.kind;
        }
        bases.set(i, b);
        i += 1;
    }
    if args.kw("metaclass").is_some() {
        return Err(err(
            Kind::NotImplementedError,
            "metaclasses are not supported by python-c",
        ));
    }
    let ns = new_dict();
    let cell = run_class_body(func, ns)?;
    let _ = cell;
    let bt = Gc::new(W_Tuple { items: bases });
    let t = Gc::new(W_Type {
        name: GcCell::new(new_str(name)),
        qualname: GcCell::new(new_str(name)),
        bases: GcCell::new(bt),
        mro: GcCell::new(GcArray::new(0, crate::objspace::object::GcAny::of(bt))),
        dict: ns,
        kind,
        builtin: false,
    });
    if let Some(q) = ns.get(Value::obj(intern("__qualname__")))? {
        if let Some(qs) = as_str(q) {
            t.qualname.set(qs);
        }
        ns.remove(Value::obj(intern("__qualname__")))?;
    }
    if let Err(m) = compute_mro(t, ty(Kind::Object)) {
        return type_error(&m);
    }
    // A class that defines __eq__ and not __hash__ is unhashable.
    if ns.get(Value::obj(intern("__eq__")))?.is_some()
        && ns.get(Value::obj(intern("__hash__")))?.is_none()
    {
        ns.set(Value::obj(intern("__hash__")), Value::None)?;
    }
    // Class methods made from plain functions by name (`__init_subclass__`,
    // `__class_getitem__`) and `__new__` as a static method.
    if let Some(c) = ns.remove(Value::obj(intern("__classcell__")))? {
        if let Some(cell) = c.as_cell() {
            cell.value.set(Value::obj(t));
        }
    }
    // The new class's dict changed after its MRO was computed.
    invalidate_method_cache();
    // `__init_subclass__` of a base.
    let mro = t.mro.get();
    if mro.len() > 1 {
        if let Some(base) = mro.get(1).downcast::<W_Type>() {
            if let Some(f) = lookup(base, Value::obj(intern("__init_subclass__")))? {
                let f = match f.as_classmethod() {
                    Some(c) => c.func,
                    None => f,
                };
                if f.as_function().is_some() {
                    let mut kw = args;
                    kw.npos = 0;
                    kw.start = args.start + args.npos;
                    let _ = kw;
                    call_values(f, &[Value::obj(t)])?;
                }
            }
        }
    }
    Ok(Value::obj(t))
}

fn print(args: Args) -> PyResult<Value> {
    let sep = match args.kw("sep") {
        Some(v) if !v.is_none() => str_arg(v, "sep")?.to_string(),
        _ => " ".to_string(),
    };
    let end = match args.kw("end") {
        Some(v) if !v.is_none() => str_arg(v, "end")?.to_string(),
        _ => "\n".to_string(),
    };
    let mut s = String::new();
    let mut i = 0;
    while i < args.npos {
        if i > 0 {
            s.push_str(&sep);
        }
        s.push_str(&str_of(args.pos(i))?);
        i += 1;
    }
    s.push_str(&end);
    match args.kw("file") {
        Some(f) if !f.is_none() => {
            if super::sys::is_stderr(f) {
                super::sys::write_stderr(&s);
            } else if super::sys::is_stdout(f) {
                super::sys::write_stdout(&s);
            } else {
                call_method(f, "write", &[str_value(&s)])?;
            }
        }
        _ => match super::sys::redirected_stdout()? {
            Some(f) => {
                call_method(f, "write", &[str_value(&s)])?;
            }
            None => super::sys::write_stdout(&s),
        },
    }
    Ok(Value::None)
}

/// Compares for sorting: `a < b`, with the key values.
fn less(a: Value, b: Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => truthy(compare(a, b, 0)?),
    }
}

/// Sorts `l` in place (stable merge sort), by `key` if it is not None.
pub fn sort_list(l: Gc<W_List>, key: Value, reverse: bool) -> PyResult<()> {
    let n = l.len();
    let keys = GcArray::new(n, Value::None);
    let vals = l.to_array();
    let mut i = 0;
    while i < n {
        let v = vals.get(i);
        keys.set(
            i,
            if key.is_none() {
                v
            } else {
                call_values(key, &[v])?
            },
        );
        i += 1;
    }
    // Index permutation sorted by key (a merge sort on a Rust vector of indices:
    // outside the core).
    let mut idx: Vec<usize> = (0..n).collect();
    let mut tmp = idx.clone();
    merge_sort(&mut idx, &mut tmp, keys, reverse)?;
    i = 0;
    while i < n {
        l.set(i, vals.get(idx[i]));
        i += 1;
    }
    Ok(())
}

fn merge_sort(v: &mut [usize], tmp: &mut [usize], keys: GcArray<Value>, rev: bool) -> PyResult<()> {
    let n = v.len();
    if n <= 1 {
        return Ok(());
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], &mut tmp[..mid], keys, rev)?;
    merge_sort(&mut v[mid..], &mut tmp[mid..], keys, rev)?;
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        // Stable: take the right one only when strictly before the left one.
        let take_right = if rev {
            less(keys.get(v[i]), keys.get(v[j]))?
        } else {
            less(keys.get(v[j]), keys.get(v[i]))?
        };
        if take_right {
            tmp[k] = v[j];
            j += 1;
        } else {
            tmp[k] = v[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        tmp[k] = v[i];
        i += 1;
        k += 1;
    }
    while j < n {
        tmp[k] = v[j];
        j += 1;
        k += 1;
    }
    v.copy_from_slice(&tmp[..n]);
    Ok(())
}

fn min_max(args: Args, want_max: bool) -> PyResult<Value> {
    let name = if want_max { "max" } else { "min" };
    if args.npos == 0 {
        return Err(oefmt_s(
            Kind::TypeError,
            "%s expected at least 1 argument, got 0",
            name,
        ));
    }
    let key = args.kw("key").unwrap_or(Value::None);
    let items = if args.npos == 1 {
        list_of(args.pos(0))?
    } else {
        let l = new_list(args.npos);
        let mut i = 0;
        while i < args.npos {
            l.append(args.pos(i));
            i += 1;
        }
        l
    };
    if items.is_empty() {
        if let Some(d) = args.kw("default") {
            return Ok(d);
        }
        return Err(oefmt_s(
            Kind::ValueError,
            "%s() arg is an empty sequence",
            name,
        ));
    }
    let mut best = items.get(0);
    let mut bk = if key.is_none() {
        best
    } else {
        call_values(key, &[best])?
    };
    let mut i = 1;
    while i < items.len() {
        let v = items.get(i);
        let k = if key.is_none() {
            v
        } else {
            call_values(key, &[v])?
        };
        // CPython's test: `item > best` for max, `item < best` for min (the operator
        // shows in a TypeError).
        let better = match (k, bk) {
            (Value::Int(x), Value::Int(y)) => (want_max && x > y) || (!want_max && x < y),
            (Value::Float(x), Value::Float(y)) => (want_max && x > y) || (!want_max && x < y),
            _ => truthy(compare(k, bk, if want_max { 4 } else { 0 })?)?,
        };
        if better {
            best = v;
            bk = k;
        }
        i += 1;
    }
    Ok(best)
}

fn round(args: Args) -> PyResult<Value> {
    let v = arg(&args, 0, "round")?;
    let nd = match args.opt(1).or(args.kw("ndigits")) {
        Some(Value::None) | None => None,
        Some(n) => Some(int_arg(n)?),
    };
    match v {
        Value::Float(x) => match nd {
            None => to_int_value(x.round_ties_even()),
            Some(n) => Ok(Value::Float(round_float(x, n))),
        },
        Value::Int(_) | Value::Bool(_) => match (nd, to_big(v)) {
            (Some(n), Some(b)) if n < 0 => Ok(round_int(&b, n)),
            _ => positive(v),
        },
        _ => {
            if is_long(v) {
                return match (nd, to_big(v)) {
                    (Some(n), Some(b)) if n < 0 => Ok(round_int(&b, n)),
                    _ => Ok(v),
                };
            }
            let r = match args.opt(1) {
                Some(n) => call_special(v, "__round__", &[n])?,
                None => call_special(v, "__round__", &[])?,
            };
            match r {
                Some(r) => Ok(r),
                None => Err(oefmt(
                    Kind::TypeError,
                    "type %T doesn't define __round__ method",
                    v,
                )),
            }
        }
    }
}

/// An argument of `range()`: an int of any size (`__index__` honoured; bools are
/// ints).
fn range_arg(v: Value) -> PyResult<Value> {
    match v {
        Value::Int(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        _ if is_long(v) => Ok(v),
        _ => match call_special(v, "__index__", &[])? {
            Some(r) if matches!(r, Value::Int(_)) || is_long(r) => Ok(r),
            Some(Value::Bool(b)) => Ok(Value::Int(b as i64)),
            _ => Err(oefmt(
                Kind::TypeError,
                "'%T' object cannot be interpreted as an integer",
                v,
            )),
        },
    }
}

fn int_construct(args: Args) -> PyResult<Value> {
    if args.npos + args.nkw() > 2 {
        return Err(oefmt(
            Kind::TypeError,
            "int() takes at most 2 arguments (%d given)",
            Value::Int((args.npos + args.nkw()) as i64),
        ));
    }
    let Some(v) = args.opt(0) else {
        return Ok(Value::Int(0));
    };
    let base = args.opt(1).or(args.kw("base"));
    if let Some(b) = base {
        let b = int_arg(b)?;
        if b != 0 && !(2..=36).contains(&b) {
            return value_error("int() base must be >= 2 and <= 36, or 0");
        }
        let s = match as_str(v) {
            Some(s) => s.as_str().to_string(),
            None => match bytes_of(v) {
                Some(b) => String::from_utf8_lossy(b).into_owned(),
                None => return type_error("int() can't convert non-string with explicit base"),
            },
        };
        return match parse_int(&s, b as u32) {
            Some(r) => check_str_digits(&s, b as u32, r),
            None => Err(oefmt2(
                Kind::ValueError,
                "invalid literal for int() with base %d: %R",
                Value::Int(b),
                v,
            )),
        };
    }
    match v {
        Value::Int(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            if f.is_infinite() {
                return overflow("cannot convert float infinity to integer");
            }
            let t = f.trunc();
            if t.abs() < 9.2e18 {
                Ok(Value::Int(t as i64))
            } else {
                // `t` is integral: the conversion is exact.
                match num_bigint::BigInt::from_f64(t) {
                    Some(b) => Ok(from_big(b)),
                    None => Ok(Value::Int(0)),
                }
            }
        }
        _ => {
            if is_long(v) {
                return Ok(v);
            }
            if let Some(s) = as_str(v) {
                return match parse_int(s.as_str(), 10) {
                    Some(r) => check_str_digits(s.as_str(), 10, r),
                    None => Err(oefmt(
                        Kind::ValueError,
                        "invalid literal for int() with base 10: %R",
                        v,
                    )),
                };
            }
            if let Some(b) = bytes_of(v) {
                let text = String::from_utf8_lossy(b);
                if let Some(r) = parse_int(&text, 10) {
                    return check_str_digits(&text, 10, r);
                }
            }
            for m in ["__int__", "__index__", "__trunc__"] {
                if let Some(r) = call_special(v, m, &[])? {
                    return Ok(r);
                }
            }
            Err(oefmt(
                Kind::TypeError,
                "int() argument must be a string, a bytes-like object or a real number, not '%T'",
                v,
            ))
        }
    }
}

fn float_construct(args: Args) -> PyResult<Value> {
    let Some(v) = args.opt(0) else {
        return Ok(Value::Float(0.0));
    };
    if let Some(f) = num_to_f64(v) {
        if is_long(v) && f.is_infinite() {
            return overflow("int too large to convert to float");
        }
        return Ok(Value::Float(f));
    }
    if let Some(s) = as_str(v) {
        return match parse_float(s.as_str()) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(oefmt(
                Kind::ValueError,
                "could not convert string to float: %R",
                v,
            )),
        };
    }
    if let Some(r) = call_special(v, "__float__", &[])? {
        return Ok(r);
    }
    if let Some(r) = call_special(v, "__index__", &[])? {
        return float_construct(Args::from_slice(&[r]));
    }
    Err(oefmt(
        Kind::TypeError,
        "float() argument must be a string or a real number, not '%T'",
        v,
    ))
}

fn dict_init(d: Gc<W_Dict>, args: Args) -> PyResult<()> {
    if let Some(src) = args.opt(0) {
        if let Some(s) = src.as_dict() {
            dict_update(d, s)?;
        } else if src.as_instance().is_some() && has_special(src, "keys")? {
            let keys = call_method(src, "keys", &[])?;
            let it = iter(keys)?;
            while let Some(k) = next(it)? {
                d.set(k, getitem(src, k)?)?;
            }
        } else {
            let it = iter(src)?;
            let mut n = 0;
            while let Some(p) = next(it)? {
                let items =
                    match list_of(p) {
                        Ok(l) => l,
                        Err(e) if matches(e, Kind::TypeError) => return Err(oefmt(
                            Kind::TypeError,
                            "cannot convert dictionary update sequence element #%d to a sequence",
                            Value::Int(n as i64),
                        )),
                        Err(e) => return Err(e),
                    };
                if items.len() != 2 {
                    return Err(oefmt2(
                        Kind::ValueError,
                        "dictionary update sequence element #%d has length %d; 2 is required",
                        Value::Int(n as i64),
                        Value::Int(items.len() as i64),
                    ));
                }
                d.set(items.get(0), items.get(1))?;
                n += 1;
            }
        }
    }
    let mut k = 0;
    while k < args.nkw() {
        let (name, v) = args.kw_at(k);
        d.set(name, v)?;
        k += 1;
    }
    Ok(())
}

/// Calls a builtin type: `int(x)`, `list(it)`, ...
pub fn construct(kind: Kind, t: Gc<W_Type>, args: Args) -> PyResult<Value> {
    match kind {
        Kind::Object => {
            if args.npos > 0 {
                return type_error("object() takes no arguments");
            }
            Ok(Value::obj(new_instance(t, root_map())))
        }
        Kind::Int => int_construct(args),
        Kind::Float => float_construct(args),
        Kind::Bool => match args.opt(0) {
            Some(v) => Ok(Value::Bool(truthy(v)?)),
            None => Ok(Value::Bool(false)),
        },
        Kind::Str => match args.opt(0) {
            None => Ok(str_value("")),
            Some(v) => {
                if let (Some(b), true) =
                    (bytes_of(v), args.npos > 1 || args.kw("encoding").is_some())
                {
                    return match from_utf8(b) {
                        Ok(s) => Ok(str_value(s)),
                        Err(_) => Err(err(Kind::UnicodeDecodeError, "invalid utf-8")),
                    };
                }
                str_value_of(v)
            }
        },
        Kind::List => {
            let l = match args.opt(0) {
                Some(v) => list_of(v)?,
                None => new_list(0),
            };
            Ok(Value::obj(l))
        }
        Kind::Tuple => match args.opt(0) {
            Some(v) => tuple_of(v),
            None => Ok(Value::obj(empty_tuple())),
        },
        Kind::Dict => {
            let d = new_dict();
            dict_init(d, args)?;
            Ok(Value::obj(d))
        }
        Kind::Set | Kind::FrozenSet => {
            let s = match args.opt(0) {
                Some(v) => make_set(v, kind == Kind::FrozenSet)?,
                None => new_set_value(kind == Kind::FrozenSet),
            };
            Ok(Value::obj(s))
        }
        Kind::Range => {
            let a: [Value; 3] = [
                args.opt(0).unwrap_or(Value::Null),
                args.opt(1).unwrap_or(Value::Null),
                args.opt(2).unwrap_or(Value::Null),
            ];
            let (start, stop, step) = match args.npos {
                1 => (Value::Int(0), range_arg(a[0])?, Value::Int(1)),
                2 => (range_arg(a[0])?, range_arg(a[1])?, Value::Int(1)),
                3 => (range_arg(a[0])?, range_arg(a[1])?, range_arg(a[2])?),
                0 => return type_error("range expected at least 1 argument, got 0"),
                n => {
                    return Err(oefmt(
                        Kind::TypeError,
                        "range expected at most 3 arguments, got %d",
                        Value::Int(n as i64),
                    ))
                }
            };
            if matches!(step, Value::Int(0)) {
                return value_error("range() arg 3 must not be zero");
            }
            Ok(Value::obj(new_range(start, stop, step)))
        }
        Kind::Slice => {
            let a0 = args.opt(0).unwrap_or(Value::None);
            let (start, stop, step) = match args.npos {
                1 => (Value::None, a0, Value::None),
                2 => (a0, args.pos(1), Value::None),
                _ => (
                    a0,
                    args.opt(1).unwrap_or(Value::None),
                    args.opt(2).unwrap_or(Value::None),
                ),
            };
            Ok(Value::obj(Gc::new(W_Slice { start, stop, step })))
        }
        Kind::Type => {
            if args.npos == 1 {
                return Ok(Value::obj(type_of(args.pos(0))));
            }
            if args.npos == 3 {
                let name = str_arg(args.pos(0), "type name")?;
                let bases = args.pos(1).as_tuple().unwrap_or(empty_tuple());
                let mut kind = Kind::Object;
                let mut i = 0;
                while i < bases.len() {
                    if let Some(b) = bases.get(i).as_type() {
                        if b.kind != Kind::Object && kind == Kind::Object {
                            kind = b.kind;
                        }
                    }
                    i += 1;
                }
                let t = new_type(name, kind, false, bases);
                if let Some(d) = args.pos(2).as_dict() {
                    dict_update(t.dict, d)?;
                }
                if let Err(m) = compute_mro(t, ty(Kind::Object)) {
                    return type_error(&m);
                }
                return Ok(Value::obj(t));
            }
            type_error("type() takes 1 or 3 arguments")
        }
        Kind::Bytes | Kind::ByteArray => {
            let data: Vec<u8> = match args.opt(0) {
                None => vec![],
                Some(Value::Int(n)) => {
                    if n < 0 {
                        return value_error("negative count");
                    }
                    vec![0; n as usize]
                }
                Some(v) => {
                    if let Some(s) = as_str(v) {
                        s.as_str().as_bytes().to_vec()
                    } else if let Some(b) = bytes_of(v) {
                        b.to_vec()
                    } else {
                        let l = list_of(v)?;
                        let mut out = Vec::new();
                        let mut i = 0;
                        while i < l.len() {
                            let x = int_arg(l.get(i))?;
                            if !(0..256).contains(&x) {
                                return value_error("bytes must be in range(0, 256)");
                            }
                            out.push(x as u8);
                            i += 1;
                        }
                        out
                    }
                }
            };
            if kind == Kind::Bytes {
                Ok(new_bytes(&data))
            } else {
                Ok(new_bytearray(&data))
            }
        }
        Kind::StaticMethod => Ok(Value::obj(Gc::new(W_StaticMethod {
            func: arg(&args, 0, "staticmethod")?,
        }))),
        Kind::ClassMethod => Ok(Value::obj(Gc::new(W_ClassMethod {
            func: arg(&args, 0, "classmethod")?,
        }))),
        Kind::Property => Ok(Value::obj(Gc::new(W_Property {
            fget: args.opt(0).or(args.kw("fget")).unwrap_or(Value::None),
            fset: args.opt(1).or(args.kw("fset")).unwrap_or(Value::None),
            fdel: args.opt(2).or(args.kw("fdel")).unwrap_or(Value::None),
            doc: args.opt(3).or(args.kw("doc")).unwrap_or(Value::None),
        }))),
        Kind::Super => {
            let (start, obj) = (arg(&args, 0, "super")?, arg(&args, 1, "super")?);
            let Value::Obj(s) = start else {
                return type_error("super() argument 1 must be a type");
            };
            Ok(Value::obj(Gc::new(W_Super { start: s, obj })))
        }
        Kind::Random => {
            let inst = new_instance(t, root_map());
            let idx = new_generator(args.opt(0).unwrap_or(Value::None))?;
            inst.base.set(Value::Int(idx as i64));
            Ok(Value::obj(inst))
        }
        k if is_subtype(t, ty(Kind::BaseException)) => {
            let _ = k;
            Ok(Value::obj(new_exception(t, args.pos_tuple(0))))
        }
        _ => match collections_construct(kind, t, args)? {
            Some(v) => Ok(v),
            None => Err(oefmt(
                Kind::TypeError,
                "cannot create '%N' instances",
                Value::obj(t),
            )),
        },
    }
}

/// The builtin part of a method's `self`: the value, or for an instance of a subclass
/// of a builtin type, its builtin value (`base`).
fn builtin_part(v: Value) -> Value {
    match v.as_instance() {
        Some(i) => i.base.get(),
        None => v,
    }
}

/// The error of a method of the builtin type `expected` called on another `self`.
#[cold]
fn descriptor_error<T>(expected: &str, v: Value) -> PyResult<T> {
    Err(oefmt_s1(
        Kind::TypeError,
        "descriptor requires a '%s' object but received a '%T'",
        expected,
        v,
    ))
}

fn self_list(args: &Args) -> PyResult<Gc<W_List>> {
    let v = arg(args, 0, "list method")?;
    match builtin_part(v).as_list() {
        Some(l) => Ok(l),
        None => descriptor_error("list", v),
    }
}

fn self_dict(args: &Args) -> PyResult<Gc<W_Dict>> {
    let v = arg(args, 0, "dict method")?;
    match builtin_part(v).as_dict() {
        Some(d) => Ok(d),
        None => descriptor_error("dict", v),
    }
}

fn self_set(args: &Args) -> PyResult<Gc<W_Set>> {
    let v = arg(args, 0, "set method")?;
    match v.as_set() {
        Some(s) => Ok(s),
        None => type_error("descriptor requires a 'set' object"),
    }
}

fn other_set(v: Value) -> PyResult<Gc<W_Set>> {
    match v.as_set() {
        Some(s) => Ok(s),
        None => make_set(v, false),
    }
}

/// A `start` or `stop` of `index` on a sequence of `n` items: `d` when missing or
/// `None`, from the end when negative, clamped to the sequence.
fn search_bound(v: Option<Value>, d: i64, n: i64) -> PyResult<i64> {
    match v {
        Some(v) if !v.is_none() => {
            let i = int_arg(v)?;
            Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
        }
        _ => Ok(d),
    }
}

fn seq_index(args: &Args, fname: &str) -> PyResult<Value> {
    let c = args.pos(0);
    let x = arg(args, 1, fname)?;
    let l = list_of(c)?;
    let n = l.len() as i64;
    let start = search_bound(args.opt(2), 0, n)?;
    let stop = search_bound(args.opt(3), n, n)?;
    let mut i = start;
    while i < stop {
        let v = l.get(i as usize);
        if v.is(x) || eq(v, x)? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    if c.as_tuple().is_some() {
        return value_error("tuple.index(x): x not in tuple");
    }
    Err(oefmt(Kind::ValueError, "%R is not in list", x))
}

fn seq_count(c: Value, x: Value) -> PyResult<Value> {
    let l = list_of(c)?;
    let mut n = 0;
    let mut i = 0;
    while i < l.len() {
        let v = l.get(i);
        if v.is(x) || eq(v, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

fn isinstance_of(v: Value, t: Value) -> PyResult<bool> {
    if let Some(tt) = t.as_tuple() {
        let mut i = 0;
        while i < tt.len() {
            if isinstance_of(v, tt.get(i))? {
                return Ok(true);
            }
            i += 1;
        }
        return Ok(false);
    }
    match t.as_type() {
        Some(cls) => {
            if isinstance(v, cls) {
                return Ok(true);
            }
            if let Some(r) = abc_kind_match(cls, type_of(v))? {
                return Ok(r);
            }
            // A subclass instance of a builtin whose value is unboxed.
            if cls.kind == Kind::Int && matches!(v, Value::Bool(_)) {
                return Ok(true);
            }
            Ok(false)
        }
        None => {
            if is_abc(t) {
                return abc_check(v, t);
            }
            type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }
}

fn issubclass_of(c: Value, t: Value) -> PyResult<bool> {
    let Some(cls) = c.as_type() else {
        return type_error("issubclass() arg 1 must be a class");
    };
    if let Some(tt) = t.as_tuple() {
        let mut i = 0;
        while i < tt.len() {
            if issubclass_of(c, tt.get(i))? {
                return Ok(true);
            }
            i += 1;
        }
        return Ok(false);
    }
    match t.as_type() {
        Some(t) => {
            if is_subtype(cls, t) {
                return Ok(true);
            }
            Ok(abc_kind_match(t, cls)?.unwrap_or(false))
        }
        None => type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"),
    }
}

/// Whether `cls` has `name` through its MRO.
fn type_has(cls: Gc<W_Type>, name: &str) -> PyResult<bool> {
    Ok(lookup(cls, Value::obj(intern(name)))?.is_some())
}

/// `isinstance`/`issubclass` against the `collections.abc` and `typing` names: by
/// the builtin kind of the class (`None` when `abc` is not one of those names).
fn abc_kind_match(abc: Gc<W_Type>, cls: Gc<W_Type>) -> PyResult<Option<bool>> {
    let m = module_of_type(abc);
    if m != "collections.abc" && m != "typing" {
        return Ok(None);
    }
    let k = cls.kind;
    let r = match abc.name_str() {
        "Iterable" => {
            matches!(
                k,
                Kind::List
                    | Kind::Tuple
                    | Kind::Str
                    | Kind::Dict
                    | Kind::Set
                    | Kind::FrozenSet
                    | Kind::Range
                    | Kind::Bytes
                    | Kind::ByteArray
                    | Kind::Iterator
                    | Kind::Generator
                    | Kind::DictKeys
                    | Kind::DictValues
                    | Kind::DictItems
            ) || type_has(cls, "__iter__")?
        }
        "Iterator" => matches!(k, Kind::Iterator | Kind::Generator) || type_has(cls, "__next__")?,
        "Generator" => k == Kind::Generator,
        "Sequence" => matches!(
            k,
            Kind::List | Kind::Tuple | Kind::Str | Kind::Range | Kind::Bytes | Kind::ByteArray
        ),
        "MutableSequence" => matches!(k, Kind::List | Kind::ByteArray),
        "Mapping" => {
            matches!(k, Kind::Dict | Kind::DefaultDict)
                || (type_has(cls, "__getitem__")? && type_has(cls, "keys")?)
        }
        "MutableMapping" => matches!(k, Kind::Dict | Kind::DefaultDict),
        "Set" => matches!(k, Kind::Set | Kind::FrozenSet),
        "Sized" => {
            type_has(cls, "__len__")?
                || matches!(
                    k,
                    Kind::List
                        | Kind::Tuple
                        | Kind::Str
                        | Kind::Dict
                        | Kind::Set
                        | Kind::FrozenSet
                        | Kind::Range
                        | Kind::Bytes
                )
        }
        "Container" => {
            type_has(cls, "__contains__")?
                || matches!(
                    k,
                    Kind::List
                        | Kind::Tuple
                        | Kind::Str
                        | Kind::Dict
                        | Kind::Set
                        | Kind::FrozenSet
                        | Kind::Range
                        | Kind::Bytes
                )
        }
        "Hashable" => !matches!(k, Kind::List | Kind::Dict | Kind::Set | Kind::ByteArray),
        "Callable" => {
            matches!(
                k,
                Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type
            ) || type_has(cls, "__call__")?
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// `divmod(a, b)`.
fn divmod(a: Value, b: Value) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (num_to_f64(a), num_to_f64(b)) {
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            if y == 0.0 {
                return zero_division("float divmod()");
            }
            let (q, r) = float_divmod(x, y);
            return Ok(tuple_from(&[Value::Float(q), Value::Float(r)]));
        }
        let q = binary_op(a, b, BinaryOp::FloorDiv, false)?;
        let r = binary_op(a, b, BinaryOp::Mod, false)?;
        return Ok(tuple_from(&[q, r]));
    }
    if let Some(r) = call_special(a, "__divmod__", &[b])? {
        return Ok(r);
    }
    Err(oefmt2(
        Kind::TypeError,
        "unsupported operand type(s) for divmod(): '%T' and '%T'",
        a,
        b,
    ))
}

fn pow3(a: Value, b: Value, m: Value) -> PyResult<Value> {
    let (Some(x), Some(y), Some(z)) = (to_big(a), to_big(b), to_big(m)) else {
        // Numbers that are not all ints, or something that is not a number.
        if num_to_f64(a).is_some() && num_to_f64(b).is_some() && num_to_f64(m).is_some() {
            return type_error("pow() 3rd argument not allowed unless all arguments are integers");
        }
        return Err(oefmt3(
            Kind::TypeError,
            "unsupported operand type(s) for ** or pow(): '%T', '%T', '%T'",
            a,
            b,
            m,
        ));
    };
    if z.is_zero() {
        return value_error("pow() 3rd argument cannot be 0");
    }
    let (x, y) = if y.is_negative() {
        let m = z.abs();
        let e = num_integer::Integer::extended_gcd(&((x % &m + &m) % &m), &m);
        if e.gcd != BigIntOne::one() {
            return value_error("base is not invertible for the given modulus");
        }
        (e.x, -y)
    } else {
        (x, y)
    };
    let x = if x.is_negative() {
        x % &z.abs() + z.abs()
    } else {
        x
    };
    let r = x.modpow(&y, &z.abs());
    let r = if z.is_negative() && !r.is_zero() {
        r + &z
    } else {
        r
    };
    let r = if !r.is_zero() && (r.is_negative() != z.is_negative()) {
        r + &z
    } else {
        r
    };
    Ok(from_big(r))
}

fn int_to_base(v: Value, base: u32, prefix: &str) -> PyResult<Value> {
    let Some(b) = to_big(v) else {
        let i = int_arg(v)?;
        return int_to_base(Value::Int(i), base, prefix);
    };
    Ok(str_value(&int_to_base_text(&b, base, prefix)))
}

/// `dir(v)` as Rust strings (for suggestions).
pub fn dir_names(v: Value) -> PyResult<Vec<String>> {
    let l = dir_of(v)?;
    let mut out = Vec::new();
    if let Some(l) = l.as_list() {
        let mut i = 0;
        while i < l.len() {
            if let Some(s) = as_str(l.get(i)) {
                out.push(s.as_str().to_string());
            }
            i += 1;
        }
    }
    Ok(out)
}

/// The frame the builtin is called from.
fn running_frame() -> Option<Gc<crate::interpreter::frame::W_Frame>> {
    current_frame().as_frame()
}

/// `locals()`: the namespace of a class body or a module, or for a function a new
/// dict of its bound local variables and cells (as CPython 3.11 builds it).
fn frame_locals() -> PyResult<Gc<W_Dict>> {
    let Some(f) = running_frame() else {
        return Ok(super::main_globals());
    };
    if let Some(l) = f.locals {
        return Ok(l);
    }
    let code = f.code;
    if code.flags & crate::objspace::function::CO_MODULE != 0 {
        return Ok(f.globals);
    }
    let d = new_dict();
    let mut i = 0;
    while i < code.nlocals as usize {
        let v = f.slots.get(i);
        if !v.is_null() {
            d.set(Value::Obj(code.varnames.get(i)), v)?;
        }
        i += 1;
    }
    let mut j = 0;
    while j < (code.ncells + code.nfrees) as usize {
        if let Some(c) = f.slots.get(code.nlocals as usize + j).as_cell() {
            let v = c.value.get();
            if !v.is_null() {
                d.set(Value::Obj(code.derefnames.get(j)), v)?;
            }
        }
        j += 1;
    }
    Ok(d)
}

fn dir_of(v: Value) -> PyResult<Value> {
    if v.is_null() {
        // `dir()`: the sorted names of the current scope.
        let l = list_of(Value::obj(frame_locals()?))?;
        sort_list(l, Value::None, false)?;
        return Ok(Value::obj(l));
    }
    let d = new_dict();
    if let Some(inst) = v.as_instance() {
        let map = inst.map.get();
        let mut i = 0;
        while i < map.names.len() {
            d.set(Value::Obj(map.names.get(i)), Value::None)?;
            i += 1;
        }
    }
    let t = match v.as_type() {
        Some(t) => t,
        None => type_of(v),
    };
    let mro = t.mro.get();
    let mut i = 0;
    while i < mro.len() {
        if let Some(c) = mro.get(i).downcast::<W_Type>() {
            dict_update(d, c.dict)?;
        }
        i += 1;
    }
    if let Some(m) = v.as_module() {
        dict_update(d, m.dict)?;
    }
    let l = list_of(Value::obj(d))?;
    sort_list(l, Value::None, false)?;
    Ok(Value::obj(l))
}

/// The arguments of a method of a builtin value type with its receiver, when that is
/// an instance of a user subclass (`class Upper(str)`), replaced by the instance's
/// builtin part: `str.upper` of an `Upper` works on its str, as in CPython.
fn builtin_receiver(bi: Bi, args: Args) -> Args {
    let k = match super::table::TABLE[bi as usize].2 {
        super::table::Place::Type(k) => k,
        super::table::Place::Module(_) => return args,
    };
    if !is_value_kind(k) || args.npos == 0 {
        return args;
    }
    let Some(inst) = args.pos(0).as_instance() else {
        return args;
    };
    let base = inst.base.get();
    if base.is_null() {
        return args;
    }
    let n = args.npos + args.nkw();
    let arr = GcArray::new(n, base);
    let mut i = 1;
    while i < n {
        arr.set(i, args.arr.get(args.start + i));
        i += 1;
    }
    Args {
        arr,
        start: 0,
        npos: args.npos,
        kwnames: args.kwnames,
    }
}

/// How many arguments a builtin takes, where CPython checks it before anything else
/// (its `METH_NOARGS` and `METH_O` functions).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arity {
    NoArgs,
    One,
}

fn arity(bi: Bi) -> Option<Arity> {
    Some(match bi {
        Bi::Len
        | Bi::Repr
        | Bi::Abs
        | Bi::Ord
        | Bi::Chr
        | Bi::Hash
        | Bi::Id
        | Bi::Callable
        | Bi::Ascii
        | Bi::Hex
        | Bi::Oct
        | Bi::Bin => Arity::One,
        Bi::ListAppend
        | Bi::ListRemove
        | Bi::ListCount
        | Bi::ListExtend
        | Bi::TupleCount
        | Bi::SetAdd
        | Bi::SetRemove
        | Bi::SetDiscard
        | Bi::SetIssubset
        | Bi::SetIssuperset
        | Bi::SetIsdisjoint
        | Bi::FSetIssubset
        | Bi::FSetIssuperset
        | Bi::FSetIsdisjoint
        | Bi::StrJoin
        | Bi::BytesJoin
        | Bi::StrPartition
        | Bi::StrRpartition
        | Bi::StrRemoveprefix
        | Bi::StrRemovesuffix
        | Bi::BaAppend
        | Bi::BaExtend
        | Bi::ListContains
        | Bi::DictContains
        | Bi::ListGetitem
        | Bi::DictGetitem => Arity::One,
        Bi::ListCopy
        | Bi::ListClear
        | Bi::ListReverse
        | Bi::DictKeys
        | Bi::DictValues
        | Bi::DictItems
        | Bi::DictCopy
        | Bi::DictClear
        | Bi::DictPopitem
        | Bi::SetClear
        | Bi::SetCopy
        | Bi::SetPop
        | Bi::FSetCopy
        | Bi::StrUpper
        | Bi::StrLower
        | Bi::StrIsdigit
        | Bi::StrIsalpha
        | Bi::StrIsalnum
        | Bi::StrIsspace
        | Bi::StrIsupper
        | Bi::StrIslower
        | Bi::StrIsidentifier
        | Bi::StrIsnumeric
        | Bi::StrIsdecimal
        | Bi::StrIstitle
        | Bi::StrCapitalize
        | Bi::StrTitle
        | Bi::StrSwapcase
        | Bi::StrCasefold
        | Bi::Isascii
        | Bi::BytesUpper
        | Bi::BytesLower
        | Bi::IntBitLength
        | Bi::IntConjugate
        | Bi::IntBitCount
        | Bi::FloatIsInteger
        | Bi::FloatHex
        | Bi::FloatAsIntegerRatio
        | Bi::FloatConjugate
        | Bi::ListLen
        | Bi::DictLen
        | Bi::ListIter
        | Bi::GenNext
        | Bi::GenIter
        | Bi::IterNext
        | Bi::IterIter => Arity::NoArgs,
        _ => return None,
    })
}

/// CPython's errors for a `METH_NOARGS` or `METH_O` builtin called with other
/// arguments: `len() takes exactly one argument (2 given)`, `str.upper() takes no
/// arguments (1 given)`, `len() takes no keyword arguments`.
fn check_arity(bi: Bi, args: &Args) -> PyResult<()> {
    let Some(a) = arity(bi) else {
        return Ok(());
    };
    let given = match super::table::TABLE[bi as usize].2 {
        super::table::Place::Type(_) => args.npos.saturating_sub(1),
        super::table::Place::Module(_) => args.npos,
    };
    let keywords = args.nkw() > 0;
    let bad = match a {
        Arity::NoArgs => given != 0,
        Arity::One => given != 1,
    };
    if keywords || bad {
        return Err(super::messages::arity_error(
            bi,
            keywords,
            a == Arity::NoArgs,
            given,
        ));
    }
    Ok(())
}

/// Calls builtin `id` with `args` (a method's receiver first).
pub fn call_builtin(id: u32, args: Args) -> PyResult<Value> {
    let Some(&bi) = Bi::ALL.get(id as usize) else {
        return type_error("bad builtin id");
    };
    let args = builtin_receiver(bi, args);
    check_arity(bi, &args)?;
    let a0 = args.opt(0).unwrap_or(Value::Null);
    let a1 = args.opt(1).unwrap_or(Value::Null);
    match bi {
        Bi::Print => print(args),
        Bi::Len => Ok(Value::Int(len(arg(&args, 0, "len")?)?)),
        Bi::Repr => Ok(str_value(&repr(arg(&args, 0, "repr")?)?)),
        Bi::Ascii => Ok(str_value(&ascii_of(&repr(arg(&args, 0, "ascii")?)?))),
        Bi::Isinstance => Ok(Value::Bool(isinstance_of(a0, a1)?)),
        Bi::Issubclass => Ok(Value::Bool(issubclass_of(a0, a1)?)),
        Bi::Abs => match a0 {
            Value::Int(i) => match i.checked_abs() {
                Some(r) => Ok(Value::Int(r)),
                None => Ok(from_big(
                    num_bigint::BigInt::from(i).magnitude().clone().into(),
                )),
            },
            Value::Float(f) => Ok(Value::Float(f.abs())),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            _ => {
                if let Some(b) = to_big(a0) {
                    return Ok(from_big(b.abs()));
                }
                match call_special(a0, "__abs__", &[])? {
                    Some(r) => Ok(r),
                    None => Err(oefmt(
                        Kind::TypeError,
                        "bad operand type for abs(): '%T'",
                        a0,
                    )),
                }
            }
        },
        Bi::Min => min_max(args, false),
        Bi::Max => min_max(args, true),
        Bi::Sum => {
            let mut acc = args.opt(1).or(args.kw("start")).unwrap_or(Value::Int(0));
            if as_str(acc).is_some() {
                return type_error("sum() can't sum strings [use ''.join(seq) instead]");
            }
            if bytes_of(acc).is_some() {
                return type_error("sum() can't sum bytes [use b''.join(seq) instead]");
            }
            let it = iter(arg(&args, 0, "sum")?)?;
            while let Some(x) = next(it)? {
                acc = match (acc, x) {
                    (Value::Int(a), Value::Int(b)) if a.checked_add(b).is_some() => {
                        Value::Int(a + b)
                    }
                    (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
                    _ => binary_op(acc, x, BinaryOp::Add, false)?,
                };
            }
            Ok(acc)
        }
        Bi::Sorted => {
            let l = list_of(arg(&args, 0, "sorted")?)?;
            let key = args.kw("key").unwrap_or(Value::None);
            let rev = match args.kw("reverse") {
                Some(v) => truthy(v)?,
                None => false,
            };
            sort_list(l, key, rev)?;
            Ok(Value::obj(l))
        }
        Bi::Reversed => {
            if a0.as_instance().is_some() {
                if let Some(r) = call_special(a0, "__reversed__", &[])? {
                    return Ok(r);
                }
            }
            if let Some(r) = a0.as_range() {
                return Ok(match r.small() {
                    // The last item is between start and stop: no overflow.
                    Some((start, step, n)) => new_iter(
                        IterKind::Range,
                        a0,
                        Value::None,
                        start.wrapping_add((n - 1).wrapping_mul(step)),
                        n,
                        step.wrapping_neg(),
                    ),
                    None => new_iter(IterKind::LongRange, a0, Value::None, 0, 0, 1),
                });
            }
            let l = if let Some(l) = a0.as_list() {
                l
            } else if a0.as_dict().is_some() {
                list_of(a0)?
            } else {
                if a0.as_instance().is_some() && has_special(a0, "__len__")? {
                    let n = len(a0)?;
                    let l = new_list(n as usize);
                    let mut i = 0;
                    while i < n {
                        l.append(getitem(a0, Value::Int(i))?);
                        i += 1;
                    }
                    return Ok(new_iter(
                        IterKind::Reversed,
                        Value::obj(l),
                        Value::None,
                        n - 1,
                        0,
                        0,
                    ));
                }
                match kind_of(a0) {
                    Kind::Tuple | Kind::Str | Kind::Bytes | Kind::Deque => list_of(a0)?,
                    _ => return Err(oefmt(Kind::TypeError, "'%T' object is not reversible", a0)),
                }
            };
            Ok(new_iter(
                IterKind::Reversed,
                Value::obj(l),
                Value::None,
                l.len() as i64 - 1,
                0,
                0,
            ))
        }
        Bi::Enumerate => {
            let start = match args.opt(1).or(args.kw("start")) {
                Some(v) => int_arg(v)?,
                None => 0,
            };
            let it = iter(arg(&args, 0, "enumerate")?)?;
            Ok(new_iter(IterKind::Enumerate, it, Value::None, 0, start, 0))
        }
        Bi::Zip => {
            let arr = GcArray::new(args.npos, Value::None);
            let mut i = 0;
            while i < args.npos {
                arr.set(i, iter(args.pos(i))?);
                i += 1;
            }
            let strict = match args.kw("strict") {
                Some(v) => truthy(v)? as i64,
                None => 0,
            };
            Ok(new_iter(
                IterKind::Zip,
                Value::obj(Gc::new(W_Tuple { items: arr })),
                Value::None,
                0,
                strict,
                0,
            ))
        }
        Bi::Map => {
            let f = arg(&args, 0, "map")?;
            let n = args.npos.saturating_sub(1);
            if n == 0 {
                return type_error("map() must have at least two arguments.");
            }
            let arr = GcArray::new(n, Value::None);
            let mut i = 0;
            while i < n {
                arr.set(i, iter(args.pos(1 + i))?);
                i += 1;
            }
            Ok(new_iter(
                IterKind::Map,
                Value::obj(Gc::new(W_Tuple { items: arr })),
                f,
                0,
                0,
                0,
            ))
        }
        Bi::Filter => {
            let it = iter(arg(&args, 1, "filter")?)?;
            Ok(new_iter(IterKind::Filter, it, a0, 0, 0, 0))
        }
        Bi::Iter => {
            if args.npos == 2 {
                return Ok(new_iter(IterKind::Callable, a0, a1, 0, 0, 0));
            }
            iter(arg(&args, 0, "iter")?)
        }
        Bi::Next => {
            let it = arg(&args, 0, "next")?;
            match it.as_instance() {
                Some(_) if !has_special(it, "__next__")? => {
                    return Err(oefmt(Kind::TypeError, "'%T' object is not an iterator", it))
                }
                _ => {}
            }
            if it.as_iter().is_none()
                && it.as_generator().is_none()
                && it.as_instance().is_none()
                && !is_iterator(it)
            {
                return Err(oefmt(Kind::TypeError, "'%T' object is not an iterator", it));
            }
            if let Some(g) = it.as_generator() {
                return match generator_send(g, Value::None)? {
                    Exit::Yield(v) => Ok(v),
                    Exit::Return(v) => match args.opt(1) {
                        Some(d) => Ok(d),
                        None => Err(stop_iteration(v)),
                    },
                };
            }
            match next(it)? {
                Some(v) => Ok(v),
                None => match args.opt(1) {
                    Some(d) => Ok(d),
                    None => Err(err_args(Kind::StopIteration, Value::obj(empty_tuple()))),
                },
            }
        }
        Bi::Any | Bi::All => {
            let want = bi == Bi::Any;
            let it = iter(arg(&args, 0, "any")?)?;
            while let Some(x) = next(it)? {
                if truthy(x)? == want {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        }
        Bi::Ord => {
            if let Some(s) = as_str(a0) {
                if s.nchars != 1 {
                    return Err(oefmt(
                        Kind::TypeError,
                        "ord() expected a character, but string of length %d found",
                        Value::Int(s.nchars as i64),
                    ));
                }
                return Ok(Value::Int(first_code_point(s.as_str())));
            }
            if let Some(b) = bytes_of(a0) {
                if b.len() == 1 {
                    return Ok(Value::Int(b[0] as i64));
                }
            }
            Err(oefmt(
                Kind::TypeError,
                "ord() expected string of length 1, but %T found",
                a0,
            ))
        }
        Bi::Chr => {
            let i = int_arg(a0)?;
            let c = if (0..=0x10ffff).contains(&i) {
                char::from_u32(i as u32)
            } else {
                None
            };
            match c {
                Some(c) => Ok(str_value(c.encode_utf8(&mut [0; 4]))),
                None => value_error("chr() arg not in range(0x110000)"),
            }
        }
        Bi::Hash => Ok(Value::Int(hash(arg(&args, 0, "hash")?)?)),
        Bi::Id => Ok(Value::Int(match a0 {
            Value::Obj(o) => o.addr() as i64,
            Value::Int(i) => i.wrapping_mul(16) ^ 0x7f00_0000,
            Value::Float(f) => f.to_bits() as i64 >> 1,
            Value::Bool(b) => 0x1000 + b as i64 * 32,
            _ => 0x2000,
        })),
        Bi::Divmod => divmod(a0, a1),
        Bi::Pow => {
            if let Some(m) = args.opt(2) {
                if !m.is_none() {
                    return pow3(a0, a1, m);
                }
            }
            binary_op(a0, a1, BinaryOp::Pow, false)
        }
        Bi::Round => round(args),
        Bi::Hex => int_to_base(a0, 16, "0x"),
        Bi::Oct => int_to_base(a0, 8, "0o"),
        Bi::Bin => int_to_base(a0, 2, "0b"),
        Bi::Getattr => {
            let name = match as_str(a1) {
                Some(s) => s,
                None => {
                    return Err(oefmt(
                        Kind::TypeError,
                        "attribute name must be string, not '%T'",
                        a1,
                    ))
                }
            };
            match getattr(a0, name) {
                Ok(v) => Ok(v),
                Err(e) if args.npos > 2 && matches(e, Kind::AttributeError) => Ok(args.pos(2)),
                Err(e) => Err(e),
            }
        }
        Bi::Setattr => {
            let name = match as_str(a1) {
                Some(s) => intern(s.as_str()),
                None => return type_error("attribute name must be string"),
            };
            setattr(a0, name, arg(&args, 2, "setattr")?)?;
            Ok(Value::None)
        }
        Bi::Hasattr => {
            let name = match as_str(a1) {
                Some(s) => s,
                None => return type_error("hasattr(): attribute name must be string"),
            };
            match getattr(a0, name) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) if matches(e, Kind::AttributeError) => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            }
        }
        Bi::Delattr => {
            let name = match as_str(a1) {
                Some(s) => s,
                None => return type_error("attribute name must be string"),
            };
            delattr(a0, name)?;
            Ok(Value::None)
        }
        Bi::Callable => Ok(Value::Bool(callable(a0)?)),
        Bi::BuildClass => build_class(args),
        Bi::Globals => Ok(Value::obj(match running_frame() {
            Some(f) => f.globals,
            None => super::main_globals(),
        })),
        Bi::Locals => Ok(Value::obj(frame_locals()?)),
        Bi::Vars => match a0 {
            Value::Null => Ok(Value::obj(frame_locals()?)),
            v => getattr(v, intern("__dict__")),
        },
        Bi::Format => {
            let spec = match args.opt(1) {
                Some(s) => str_arg(s, "format spec")?,
                None => "",
            };
            format_value(a0, spec)
        }
        Bi::Input => {
            let mut line = String::new();
            if let Some(p) = args.opt(0) {
                super::sys::write_stdout(&str_of(p)?);
            }
            super::sys::flush_stdout();
            match std::io::stdin().read_line(&mut line) {
                Ok(0) | Err(_) => Err(err(Kind::EOFError, "EOF when reading a line")),
                Ok(_) => Ok(str_value(line.trim_end_matches('\n'))),
            }
        }
        Bi::Open => Err(err(Kind::OSError, "open() is not supported by python-c")),
        Bi::Dir => dir_of(a0),
        Bi::Import => super::import_module(
            str_arg(a0, "module name")?,
            Value::None,
            super::main_globals(),
        ),

        Bi::ObjectInit | Bi::ObjectInitSubclass => Ok(Value::None),
        Bi::ObjectNew => {
            let t = match a0.as_type() {
                Some(t) => t,
                None => return type_error("object.__new__(X): X is not a type object"),
            };
            let mut rest = args;
            rest.start += 1;
            rest.npos = rest.npos.saturating_sub(1);
            new_object(t, rest)
        }
        Bi::ObjectEq => Ok(if a0.is(a1) {
            Value::Bool(true)
        } else {
            not_implemented()
        }),
        Bi::ObjectNe => {
            let r = compare(a0, a1, 2)?;
            Ok(Value::Bool(!truthy(r)?))
        }
        Bi::ObjectLt | Bi::ObjectGt | Bi::ObjectLe | Bi::ObjectGe => Ok(not_implemented()),
        Bi::ObjectHash => Ok(Value::Int(match a0 {
            Value::Obj(o) => (o.addr() >> 4) as i64,
            v => hash(v)?,
        })),
        Bi::ObjectRepr => {
            if a0.is(not_implemented()) {
                return Ok(str_value("NotImplemented"));
            }
            if a0.is(ellipsis()) {
                return Ok(str_value("Ellipsis"));
            }
            // The builtin value of an instance of a subclass of `int`, `str`, ...
            // (a `Random` instance's `base` is its generator's index: not a value).
            if let Some(b) = value_base(a0) {
                return Ok(str_value(&repr(b)?));
            }
            Ok(str_value(&default_repr(a0)))
        }
        Bi::ObjectStr => {
            if let Some(st) = exc_state(a0) {
                let _ = st;
                return call_builtin(Bi::ExcStr as u32, args);
            }
            Ok(str_value(&repr(a0)?))
        }
        Bi::ObjectFormat => {
            let spec = match args.opt(1) {
                Some(s) => str_arg(s, "format spec")?,
                None => "",
            };
            if !spec.is_empty() {
                return Err(oefmt(
                    Kind::TypeError,
                    "unsupported format string passed to %T.__format__",
                    a0,
                ));
            }
            str_value_of(a0)
        }
        Bi::ObjectSetattr => {
            let name = match as_str(a1) {
                Some(s) => intern(s.as_str()),
                None => return type_error("attribute name must be string"),
            };
            let v = arg(&args, 2, "__setattr__")?;
            match a0.as_instance() {
                Some(i) => i.set_attr(name, v)?,
                None => setattr(a0, name, v)?,
            }
            Ok(Value::None)
        }
        Bi::ObjectGetattribute => {
            let name = match as_str(a1) {
                Some(s) => s,
                None => return type_error("attribute name must be string"),
            };
            match getattr_opt(a0, name)? {
                Some(v) => Ok(v),
                None => Err(attribute_error(a0, name)),
            }
        }
        Bi::TypeMro => {
            let t = match a0.as_type() {
                Some(t) => t,
                None => return type_error("mro() needs a type"),
            };
            let mro = t.mro.get();
            let l = new_list(mro.len());
            let mut i = 0;
            while i < mro.len() {
                l.append(Value::Obj(mro.get(i)));
                i += 1;
            }
            Ok(Value::obj(l))
        }
        Bi::TypeSubclasses => Ok(Value::obj(new_list(0))),
        Bi::ExcWithTraceback => Ok(a0),
        Bi::ExcInit => {
            if let Some(st) = exc_state(a0) {
                let a = args.pos_tuple(1);
                st.args.set(a);
                if let Some(i) = a0.as_instance() {
                    if isinstance(a0, ty(Kind::OSError)) {
                        set_os_error_attrs(i, a);
                    }
                }
            }
            Ok(Value::None)
        }
        Bi::ExcStr => {
            let Some(st) = exc_state(a0) else {
                return Ok(str_value(&repr(a0)?));
            };
            let a = st.args.get();
            if let Some(s) = os_error_str(a0)? {
                return Ok(str_value(&s));
            }
            Ok(str_value(&match a.as_tuple() {
                Some(t) if t.is_empty() => String::new(),
                Some(t) if t.len() == 1 => {
                    if isinstance(a0, ty(Kind::KeyError)) {
                        repr(t.get(0))?
                    } else {
                        str_of(t.get(0))?
                    }
                }
                _ => repr(a)?,
            }))
        }
        Bi::ExcRepr => {
            let Some(st) = exc_state(a0) else {
                return Ok(str_value(&repr(a0)?));
            };
            Ok(str_value(&exception_repr(type_name(a0), st.args.get())?))
        }

        Bi::ListAppend => {
            self_list(&args)?.append(arg(&args, 1, "append")?);
            Ok(Value::None)
        }
        Bi::ListExtend => {
            list_extend(self_list(&args)?, arg(&args, 1, "extend")?)?;
            Ok(Value::None)
        }
        Bi::ListPop => {
            let l = self_list(&args)?;
            let n = l.len() as i64;
            if n == 0 {
                return index_error("pop from empty list");
            }
            let i = match args.opt(1) {
                Some(v) => int_arg(v)?,
                None => n - 1,
            };
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return index_error("pop index out of range");
            }
            Ok(l.pop_at(j as usize))
        }
        Bi::ListInsert => {
            let l = self_list(&args)?;
            let n = l.len() as i64;
            let i = int_arg(arg(&args, 1, "insert")?)?;
            let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
            l.insert(j as usize, arg(&args, 2, "insert")?);
            Ok(Value::None)
        }
        Bi::ListRemove => {
            let l = self_list(&args)?;
            let x = arg(&args, 1, "remove")?;
            let mut i = 0;
            while i < l.len() {
                let v = l.get(i);
                if v.is(x) || eq(v, x)? {
                    l.pop_at(i);
                    return Ok(Value::None);
                }
                i += 1;
            }
            value_error("list.remove(x): x not in list")
        }
        Bi::ListIndex | Bi::TupleIndex => seq_index(&args, "index"),
        Bi::ListCount | Bi::TupleCount => seq_count(a0, a1),
        Bi::ListSort => {
            let l = self_list(&args)?;
            let key = args.kw("key").unwrap_or(Value::None);
            let rev = match args.kw("reverse") {
                Some(v) => truthy(v)?,
                None => false,
            };
            sort_list(l, key, rev)?;
            Ok(Value::None)
        }
        Bi::ListReverse => {
            let l = self_list(&args)?;
            let n = l.len();
            let mut i = 0;
            while i < n / 2 {
                let t = l.get(i);
                l.set(i, l.get(n - 1 - i));
                l.set(n - 1 - i, t);
                i += 1;
            }
            Ok(Value::None)
        }
        Bi::ListCopy => Ok(Value::obj(list_of(Value::obj(self_list(&args)?))?)),
        Bi::ListClear => {
            self_list(&args)?.clear();
            Ok(Value::None)
        }
        Bi::ListInit => {
            let l = self_list(&args)?;
            l.clear();
            if let Some(v) = args.opt(1) {
                list_extend(l, v)?;
            }
            Ok(Value::None)
        }
        Bi::ListGetitem => getitem(Value::obj(self_list(&args)?), a1),
        Bi::ListSetitem => {
            setitem(
                Value::obj(self_list(&args)?),
                a1,
                arg(&args, 2, "__setitem__")?,
            )?;
            Ok(Value::None)
        }
        Bi::ListLen => Ok(Value::Int(self_list(&args)?.len() as i64)),
        Bi::ListContains => Ok(Value::Bool(contains(Value::obj(self_list(&args)?), a1)?)),
        Bi::ListIter => iter(Value::obj(self_list(&args)?)),

        Bi::DictGet => {
            let d = self_dict(&args)?;
            Ok(d.get(arg(&args, 1, "get")?)?
                .unwrap_or(args.opt(2).unwrap_or(Value::None)))
        }
        Bi::DictKeys | Bi::DictValues | Bi::DictItems => {
            let d = self_dict(&args)?;
            let kind = match bi {
                Bi::DictKeys => 0,
                Bi::DictValues => 1,
                _ => 2,
            };
            Ok(Value::obj(Gc::new(W_DictView { dict: d, kind })))
        }
        Bi::DictPop => {
            let d = self_dict(&args)?;
            match d.remove(a1)? {
                Some(v) => Ok(v),
                None => match args.opt(2) {
                    Some(dflt) => Ok(dflt),
                    None => key_error(a1),
                },
            }
        }
        Bi::DictPopitem => {
            let d = self_dict(&args)?;
            let mut i = d.used();
            while i > 0 {
                i -= 1;
                let e = d.entry(i);
                if !e.key.is_null() {
                    d.remove(e.key)?;
                    return Ok(tuple_from(&[e.key, e.value]));
                }
            }
            Err(err(Kind::KeyError, "popitem(): dictionary is empty"))
        }
        Bi::DictSetdefault => {
            let d = self_dict(&args)?;
            if let Some(v) = d.get(a1)? {
                return Ok(v);
            }
            let v = args.opt(2).unwrap_or(Value::None);
            d.set(a1, v)?;
            Ok(v)
        }
        Bi::DictUpdate | Bi::DictInit => {
            let d = self_dict(&args)?;
            let mut rest = args;
            rest.start += 1;
            rest.npos -= 1;
            dict_init(d, rest)?;
            Ok(Value::None)
        }
        Bi::DictCopy => Ok(Value::obj(dict_copy(self_dict(&args)?)?)),
        Bi::DictClear => {
            self_dict(&args)?.clear();
            Ok(Value::None)
        }
        Bi::DictFromkeys => {
            let (keys, v) = if a0.as_type().is_some() || a0.as_dict().is_some() {
                (a1, args.opt(2).unwrap_or(Value::None))
            } else {
                (a0, a1)
            };
            let d = new_dict();
            let it = iter(keys)?;
            while let Some(k) = next(it)? {
                d.set(k, if v.is_null() { Value::None } else { v })?;
            }
            Ok(Value::obj(d))
        }
        Bi::DictGetitem => match self_dict(&args)?.get(a1)? {
            Some(v) => Ok(v),
            None => {
                if let Some(r) = call_special(a0, "__missing__", &[a1])? {
                    return Ok(r);
                }
                key_error(a1)
            }
        },
        Bi::DictSetitem => {
            self_dict(&args)?.set(a1, arg(&args, 2, "__setitem__")?)?;
            Ok(Value::None)
        }
        Bi::DictContains => Ok(Value::Bool(self_dict(&args)?.get(a1)?.is_some())),
        Bi::DictLen => Ok(Value::Int(self_dict(&args)?.len() as i64)),

        Bi::SetAdd => {
            self_set(&args)?.dict.set(a1, Value::None)?;
            Ok(Value::None)
        }
        Bi::SetRemove => {
            if self_set(&args)?.dict.remove(a1)?.is_none() {
                return key_error(a1);
            }
            Ok(Value::None)
        }
        Bi::SetDiscard => {
            self_set(&args)?.dict.remove(a1)?;
            Ok(Value::None)
        }
        Bi::SetPop => match self_set(&args)?.dict.pop() {
            Some(key) => Ok(key),
            None => Err(err(Kind::KeyError, "pop from an empty set")),
        },
        Bi::SetClear => {
            self_set(&args)?.dict.clear();
            Ok(Value::None)
        }
        Bi::SetUpdate => {
            let s = self_set(&args)?;
            let mut i = 1;
            while i < args.npos {
                set_update(s, args.pos(i))?;
                i += 1;
            }
            Ok(Value::None)
        }
        Bi::SetUnion | Bi::FSetUnion => {
            let s = self_set(&args)?;
            let out = make_set(Value::obj(s), s.frozen)?;
            let mut i = 1;
            while i < args.npos {
                set_update(out, args.pos(i))?;
                i += 1;
            }
            Ok(Value::obj(out))
        }
        Bi::SetIntersection
        | Bi::FSetIntersection
        | Bi::SetDifference
        | Bi::FSetDifference
        | Bi::SetSymDiff
        | Bi::FSetSymDiff => {
            let s = self_set(&args)?;
            let op = match bi {
                Bi::SetIntersection | Bi::FSetIntersection => BinaryOp::And,
                Bi::SetDifference | Bi::FSetDifference => BinaryOp::Sub,
                _ => BinaryOp::Xor,
            };
            let mut acc = Value::obj(s);
            let mut i = 1;
            while i < args.npos {
                let a = acc.as_set().unwrap_or(s);
                acc = set_binop(a, other_set(args.pos(i))?, op, false)?;
                i += 1;
            }
            if args.npos == 1 {
                acc = Value::obj(make_set(acc, s.frozen)?);
            }
            Ok(acc)
        }
        Bi::SetIntersectionUpdate | Bi::SetDifferenceUpdate => {
            let s = self_set(&args)?;
            let op = if bi == Bi::SetIntersectionUpdate {
                BinaryOp::And
            } else {
                BinaryOp::Sub
            };
            set_binop(s, other_set(a1)?, op, true)?;
            Ok(Value::None)
        }
        Bi::SetIssubset | Bi::FSetIssubset => Ok(Value::Bool(set_subset_of(
            self_set(&args)?.dict,
            other_set(a1)?.dict,
        )?)),
        Bi::SetIssuperset | Bi::FSetIssuperset => Ok(Value::Bool(set_subset_of(
            other_set(a1)?.dict,
            self_set(&args)?.dict,
        )?)),
        Bi::SetIsdisjoint | Bi::FSetIsdisjoint => {
            let r = set_binop(self_set(&args)?, other_set(a1)?, BinaryOp::And, false)?;
            Ok(Value::Bool(len(r)? == 0))
        }
        Bi::SetCopy | Bi::FSetCopy => {
            let s = self_set(&args)?;
            Ok(Value::obj(make_set(Value::obj(s), s.frozen)?))
        }

        Bi::GenSend | Bi::GenNext => {
            let Some(g) = a0.as_generator() else {
                return type_error("send() needs a generator");
            };
            let sent = if bi == Bi::GenSend { a1 } else { Value::None };
            match generator_send(g, sent)? {
                Exit::Yield(v) => Ok(v),
                Exit::Return(v) => Err(stop_iteration(v)),
            }
        }
        Bi::GenIter | Bi::IterIter => Ok(a0),
        Bi::IterNext => match next(a0)? {
            Some(v) => Ok(v),
            None => Err(err_args(Kind::StopIteration, Value::obj(empty_tuple()))),
        },
        Bi::GenThrow => {
            let Some(g) = a0.as_generator() else {
                return type_error("throw() needs a generator");
            };
            let exc = make_raisable(a1)?;
            if let Some(v) = args.opt(2) {
                if let Some(st) = exc.exc.get() {
                    if !v.is_none() {
                        st.args.set(tuple_from(&[v]));
                    }
                }
            }
            match generator_throw(g, exc)? {
                Exit::Yield(v) => Ok(v),
                Exit::Return(v) => Err(stop_iteration(v)),
            }
        }
        Bi::GenClose => {
            let Some(g) = a0.as_generator() else {
                return type_error("close() needs a generator");
            };
            if g.state.get() == GEN_CREATED || g.state.get() == GEN_DONE {
                g.state.set(GEN_DONE);
                return Ok(Value::None);
            }
            let exc = new_exception(ty(Kind::GeneratorExit), Value::obj(empty_tuple()));
            match generator_throw(g, exc) {
                Ok(Exit::Yield(_)) => {
                    Err(err(Kind::RuntimeError, "generator ignored GeneratorExit"))
                }
                Ok(Exit::Return(_)) => Ok(Value::None),
                Err(e) if matches(e, Kind::GeneratorExit) || matches(e, Kind::StopIteration) => {
                    Ok(Value::None)
                }
                Err(e) => Err(e),
            }
        }
        Bi::RangeIndex => {
            let Some(r) = a0.as_range() else {
                return type_error("index() needs a range");
            };
            if is_exact_int(a1) {
                return match position(r, a1) {
                    Some(k) => Ok(k),
                    None => Err(oefmt(Kind::ValueError, "%R is not in range", a1)),
                };
            }
            // Anything else is searched for by equality, as any sequence.
            let it = iter(a0)?;
            let mut k = 0;
            while let Some(x) = next(it)? {
                if eq(x, a1)? {
                    return Ok(Value::Int(k));
                }
                k += 1;
            }
            value_error("sequence.index(x): x not in sequence")
        }
        Bi::RangeCount => {
            let Some(r) = a0.as_range() else {
                return type_error("count() needs a range");
            };
            if is_exact_int(a1) {
                return Ok(Value::Int(position(r, a1).is_some() as i64));
            }
            let it = iter(a0)?;
            let mut k = 0;
            while let Some(x) = next(it)? {
                if eq(x, a1)? {
                    k += 1;
                }
            }
            Ok(Value::Int(k))
        }
        Bi::PropertyGetter | Bi::PropertySetter | Bi::PropertyDeleter => {
            let Some(p) = a0.as_property() else {
                return type_error("needs a property");
            };
            let (mut g, mut s, mut d) = (p.fget, p.fset, p.fdel);
            match bi {
                Bi::PropertyGetter => g = a1,
                Bi::PropertySetter => s = a1,
                _ => d = a1,
            }
            Ok(Value::obj(Gc::new(W_Property {
                fget: g,
                fset: s,
                fdel: d,
                doc: p.doc,
            })))
        }
        Bi::SliceIndices => {
            let Some(s) = a0.as_slice() else {
                return type_error("needs a slice");
            };
            let (a, b, c, _) = slice_indices(s, int_arg(a1)?.max(0) as usize)?;
            Ok(tuple_from(&[Value::Int(a), Value::Int(b), Value::Int(c)]))
        }
        Bi::IntBitLength => match a0 {
            Value::Int(i) => Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64)),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            _ => Ok(Value::Int(match to_big(a0) {
                Some(b) => b.bits() as i64,
                None => 0,
            })),
        },
        Bi::IntBitCount => match to_big(a0) {
            Some(b) => Ok(Value::Int(b.magnitude().count_ones() as i64)),
            None => type_error("bit_count needs an int"),
        },
        Bi::IntConjugate => positive(a0),
        Bi::FloatConjugate => Ok(Value::Float(float_arg(a0)?)),
        Bi::FloatIsInteger => Ok(Value::Bool(float_arg(a0)?.fract() == 0.0)),
        Bi::FloatAsIntegerRatio => {
            let x = float_arg(a0)?;
            if x.is_nan() {
                return value_error("cannot convert NaN to integer ratio");
            }
            if !x.is_finite() {
                return overflow("cannot convert Infinity to integer ratio");
            }
            let (mut m, mut e) = float_parts(x);
            if m == 0 {
                e = 0;
            }
            while m != 0 && m % 2 == 0 && e < 0 {
                m /= 2;
                e += 1;
            }
            let mut n = num_bigint::BigInt::from(m);
            let mut d = num_bigint::BigInt::from(1);
            if e >= 0 {
                n <<= e as usize;
            } else {
                d <<= (-e) as usize;
            }
            Ok(tuple_from(&[from_big(n), from_big(d)]))
        }
        Bi::FloatHex => Ok(str_value(&float_hex(float_arg(a0)?))),
        Bi::FloatFromhex => {
            // `float.fromhex(s)` or `x.fromhex(s)` (bound to the float or the class).
            let s = str_arg(arg(&args, args.npos.max(1) - 1, "fromhex")?, "fromhex")?;
            match float_fromhex(s) {
                Ok(x) => Ok(Value::Float(x)),
                Err(true) => overflow("hexadecimal value too large to represent as a float"),
                Err(false) => value_error("invalid hexadecimal floating-point string"),
            }
        }
        _ => super::call_module_builtin(bi, args),
    }
}

/// Whether every key of set table `a` is in `b`.
pub fn set_subset_of(
    a: Gc<crate::objspace::set::W_SetTable>,
    b: Gc<crate::objspace::set::W_SetTable>,
) -> PyResult<bool> {
    let mut i = 0;
    while let Some(e) = a.next_live_entry(&mut i) {
        if b.get_hashed(e.key, e.hash)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `StopIteration(value)`.
pub fn stop_iteration(v: Value) -> PyErr {
    if v.is_none() {
        return err_args(Kind::StopIteration, Value::obj(empty_tuple()));
    }
    err_args(Kind::StopIteration, tuple_from(&[v]))
}
