//! The generic operations of the object space: type of a value, truth, hashing,
//! equality and comparison, arithmetic, repr and str, attributes, items, length and
//! iteration. Each dispatches with a `match` on the value and on the builtin kind, and
//! falls back to the special methods of user classes.

use super::bigint::{big_is_negative, big_op, big_order, big_truediv, int_float_order};
use super::dict::{new_dict, W_Dict};
use super::function::*;
use super::instance::W_Instance;
use super::int::*;
use super::list::{new_list, W_List};
use super::misc::*;
use super::object::Value;
use super::range::equal;
use super::range::is_exact_int;
use super::range::item;
use super::range::position;
use super::range::slice;
use super::range::{range_len, W_Range};
pub use super::repr::{bytes_repr, module_of_type, repr, str_of};
use super::space::{self, intern, kind_of_obj, not_implemented, ty};
use super::str::{array_bytes, new_str, str_eq, str_value, W_Str};
use super::tuple::{tuple_from, W_Tuple};
use super::typeobject::{is_subtype, lookup, Kind, W_Type};
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::call_values;
use crate::interpreter::error::*;
use crate::interpreter::eval::generator_next;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::module::builtins::list_extend;
use crate::module::builtins::list_set_slice;
use crate::module::builtins::make_set;
use crate::module::builtins::new_bytearray;
use crate::module::builtins::set_binop;
use crate::module::builtins::set_subset_of;
use crate::module::bytesmethods::bytearray_delitem;
use crate::module::bytesmethods::bytearray_setitem;
use crate::module::collections::binop;
use crate::module::collections::collections_compare;
use crate::module::collections::collections_delitem;
use crate::module::collections::collections_getitem;
use crate::module::collections::collections_iter;
use crate::module::collections::collections_setitem;
use crate::module::collections::is_callable;
use crate::module::collections::len_of;
use crate::module::itertools::iter_next;
use crate::module::strformat::format_value;
use crate::module::table::Bi;
use crate::module::textformat::percent_format;
use jitsupport::gc::{Gc, GcArray};
use space::builtins_dict;
use space::empty_tuple;
use space::invalidate_method_cache;

/// The type of a value.
pub fn type_of(v: Value) -> Gc<W_Type> {
    match v {
        Value::None | Value::Null => ty(Kind::NoneType),
        Value::Bool(_) => ty(Kind::Bool),
        Value::Int(_) => ty(Kind::Int),
        Value::Float(_) => ty(Kind::Float),
        Value::Obj(o) => {
            if let Some(i) = o.downcast::<W_Instance>() {
                return i.cls.get();
            }
            match kind_of_obj(o) {
                Kind::Set => match o.downcast::<W_Set>() {
                    Some(s) if s.frozen => ty(Kind::FrozenSet),
                    _ => ty(Kind::Set),
                },
                Kind::DictKeys => match o.downcast::<W_DictView>() {
                    Some(d) if d.kind == 1 => ty(Kind::DictValues),
                    Some(d) if d.kind == 2 => ty(Kind::DictItems),
                    _ => ty(Kind::DictKeys),
                },
                k => ty(k),
            }
        }
    }
}

/// The builtin kind of a value's layout.
pub fn kind_of(v: Value) -> Kind {
    type_of(v).kind
}

pub fn type_name<'a>(v: Value) -> &'a str {
    type_of(v).name_str()
}

/// Whether `v` is an instance of `t`.
pub fn isinstance(v: Value, t: Gc<W_Type>) -> bool {
    is_subtype(type_of(v), t)
}

/// The str of a name value (names are strs).
pub fn as_str(v: Value) -> Option<Gc<W_Str>> {
    v.as_str_obj()
}

/// The builtin part of an instance of a user subclass of a builtin value type (`int`,
/// `float`, `str`, `bytes`, `bytearray`, `list`, `tuple`, `dict`, `set`, `frozenset`).
pub fn value_base(v: Value) -> Option<Value> {
    let inst = v.as_instance()?;
    let k = inst.cls.get().kind;
    let b = inst.base.get();
    if b.is_null() || !is_value_kind(k) {
        return None;
    }
    Some(b)
}

/// Whether builtin type `k` is a value type whose user subclasses keep a builtin part.
pub fn is_value_kind(k: Kind) -> bool {
    matches!(
        k,
        Kind::Int
            | Kind::Float
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::List
            | Kind::Tuple
            | Kind::Dict
            | Kind::DefaultDict
            | Kind::Set
            | Kind::FrozenSet
    )
}

/// Whether `sub` occurs in `b`.
fn bytes_contain(b: &[u8], sub: &[u8]) -> bool {
    let (n, m) = (b.len(), sub.len());
    if m > n {
        return false;
    }
    let mut i = 0;
    while i + m <= n {
        let mut k = 0;
        while k < m && b[i + k] == sub[k] {
            k += 1;
        }
        if k == m {
            return true;
        }
        i += 1;
    }
    false
}

/// The exception state of an exception instance.
pub fn exc_state(v: Value) -> Option<Gc<super::instance::W_ExcState>> {
    match v.as_instance() {
        Some(i) => i.exc.get(),
        None => None,
    }
}

/// Calls the special method `name` of a user class instance: `None` if its class
/// does not define it.
pub fn call_special(v: Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let Some(inst) = v.as_instance() else {
        return Ok(None);
    };
    let cls = inst.cls.get();
    let Some(f) = lookup(cls, Value::obj(intern(name)))? else {
        return Ok(None);
    };
    if f.is_none() {
        return Ok(None);
    }
    let mut all = [Value::Null; 4];
    all[0] = v;
    let mut i = 0;
    while i < args.len() && i < 3 {
        all[i + 1] = args[i];
        i += 1;
    }
    let f = bind_descriptor(f, v, Value::obj(cls), true)?;
    if f.is_bound_method {
        return Ok(Some(call_values(f.value, &all[..args.len() + 1])?));
    }
    Ok(Some(call_values(f.value, args)?))
}

/// Whether a user class instance's class defines special method `name`.
pub fn has_special(v: Value, name: &str) -> PyResult<bool> {
    match v.as_instance() {
        Some(inst) => Ok(lookup(inst.cls.get(), Value::obj(intern(name)))?.is_some()),
        None => Ok(false),
    }
}

// ---- truth ----

pub fn truthy(v: Value) -> PyResult<bool> {
    match v {
        Value::Null | Value::None => Ok(false),
        Value::Bool(b) => Ok(b),
        Value::Int(i) => Ok(i != 0),
        Value::Float(f) => Ok(f != 0.0),
        Value::Obj(o) => {
            if o.is::<W_Instance>() {
                if let Some(r) = call_special(v, "__bool__", &[])? {
                    return truthy(r);
                }
                if let Some(r) = call_special(v, "__len__", &[])? {
                    return Ok(len_result(r)? != 0);
                }
                return Ok(true);
            }
            match kind_of_obj(o) {
                Kind::Int => Ok(true),
                Kind::Range => {
                    let r: Option<Gc<W_Range>> = o.downcast();
                    Ok(match r {
                        Some(r) => !r.is_empty(),
                        None => true,
                    })
                }
                Kind::Str
                | Kind::List
                | Kind::Tuple
                | Kind::Dict
                | Kind::Set
                | Kind::Bytes
                | Kind::ByteArray
                | Kind::DictKeys => Ok(len(v)? != 0),
                _ => Ok(true),
            }
        }
    }
}

fn len_result(r: Value) -> PyResult<i64> {
    match r {
        Value::Int(n) if n >= 0 => Ok(n),
        Value::Int(_) => value_error("__len__() should return >= 0"),
        Value::Bool(b) => Ok(b as i64),
        _ => Err(oefmt(
            Kind::TypeError,
            "'%T' object cannot be interpreted as an integer",
            r,
        )),
    }
}

// ---- length ----

pub fn len(v: Value) -> PyResult<i64> {
    if let Value::Obj(o) = v {
        if let Some(s) = o.downcast::<W_Str>() {
            return Ok(s.nchars as i64);
        }
        if let Some(l) = o.downcast::<W_List>() {
            return Ok(l.len() as i64);
        }
        if let Some(t) = o.downcast::<W_Tuple>() {
            return Ok(t.len() as i64);
        }
        if let Some(d) = o.downcast::<W_Dict>() {
            return Ok(d.len() as i64);
        }
        if let Some(s) = o.downcast::<W_Set>() {
            return Ok(s.dict.len() as i64);
        }
        if let Some(r) = o.downcast::<W_Range>() {
            return r.len();
        }
        if let Some(b) = o.downcast::<W_Bytes>() {
            return Ok(b.data.len() as i64);
        }
        if let Some(b) = o.downcast::<W_ByteArray>() {
            return Ok(b.len.get() as i64);
        }
        if let Some(d) = o.downcast::<W_DictView>() {
            return Ok(d.dict.len() as i64);
        }
        if let Some(inst) = o.downcast::<W_Instance>() {
            if let Some(r) = call_special(v, "__len__", &[])? {
                return len_result(r);
            }
            if let Value::Obj(b) = inst.base.get() {
                return len(Value::Obj(b));
            }
        }
        if let Some(r) = len_of(v)? {
            return Ok(r);
        }
    }
    Err(oefmt(
        Kind::TypeError,
        "object of type '%T' has no len()",
        v,
    ))
}

// ---- hashing and equality ----

pub fn hash(v: Value) -> PyResult<i64> {
    match v {
        Value::Null | Value::None => Ok(0x5f5e_1000),
        Value::Bool(b) => Ok(b as i64),
        Value::Int(i) => Ok(hash_int(i)),
        Value::Float(f) => Ok(hash_float(f)),
        Value::Obj(o) => {
            if let Some(s) = o.downcast::<W_Str>() {
                return Ok(s.hash_value());
            }
            if let Some(t) = o.downcast::<W_Tuple>() {
                return hash_tuple(t.items, t.len());
            }
            if o.is::<W_Long>() {
                return Ok(match to_big(v) {
                    Some(b) => hash_big(&b),
                    None => 0,
                });
            }
            if let Some(s) = o.downcast::<W_Set>() {
                if s.frozen {
                    return Ok(frozenset_hash(s.dict));
                }
            }
            if let Some(b) = o.downcast::<W_Bytes>() {
                let s = new_str(&String::from_utf8_lossy(array_bytes(b.data)));
                return Ok(s.hash_value());
            }
            if o.is::<W_Instance>() {
                let cls = type_of(v);
                let eq_name = Value::obj(intern("__eq__"));
                if let Some(h) = lookup(cls, Value::obj(intern("__hash__")))? {
                    if h.is_none() {
                        return Err(oefmt(
                            Kind::TypeError,
                            "unhashable type: '%N'",
                            Value::obj(cls),
                        ));
                    }
                    if let Some(r) = call_special(v, "__hash__", &[])? {
                        return match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Bool(b) => Ok(b as i64),
                            _ => match to_big(r) {
                                Some(b) => Ok(hash_big(&b)),
                                None => type_error("__hash__ method should return an integer"),
                            },
                        };
                    }
                }
                // A class that defines __eq__ without __hash__ is unhashable.
                let own = cls.dict.get(eq_name)?;
                if own.is_some() && !cls.builtin {
                    return Err(oefmt(
                        Kind::TypeError,
                        "unhashable type: '%N'",
                        Value::obj(cls),
                    ));
                }
                return Ok((o.addr() >> 4) as i64);
            }
            match kind_of_obj(o) {
                Kind::List | Kind::Dict | Kind::Set | Kind::ByteArray => {
                    Err(oefmt(Kind::TypeError, "unhashable type: '%T'", v))
                }
                _ => Ok((o.addr() >> 4) as i64),
            }
        }
    }
}

/// The bits of one key's hash `frozenset_hash` mixes in.
fn frozenset_shuffle(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// CPython's `frozenset_hash`: the shuffled hashes of the keys xor-ed together (so the
/// order does not matter), the size mixed in, then dispersed.
fn frozenset_hash(t: Gc<super::set::W_SetTable>) -> i64 {
    let mut h: u64 = 0;
    let mut i = 0;
    while let Some(e) = t.next_live_entry(&mut i) {
        h ^= frozenset_shuffle(e.hash as u64);
    }
    h ^= (t.len() as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    if h == u64::MAX {
        h = 590923713;
    }
    h as i64
}

/// xxHash's primes, as CPython's tuple hash uses them.
const P1: u64 = 11400714785074694791;
const P2: u64 = 14029467366897019727;
const P5: u64 = 2870177450012600261;

/// CPython 3.11's tuple hash (xxHash-based).
fn hash_tuple(items: GcArray<Value>, n: usize) -> PyResult<i64> {
    let mut acc: u64 = P5;
    let mut i = 0;
    while i < n {
        let lane = hash(items.get(i))? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
        i += 1;
    }
    acc = acc.wrapping_add((n as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// `a == b`.
pub fn eq(a: Value, b: Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(x == y),
        (Value::Float(x), Value::Float(y)) => return Ok(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            return Ok(x as f64 == y && (y.abs() < 9.2e18))
        }
        (Value::Bool(x), Value::Bool(y)) => return Ok(x == y),
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => {
            return Ok(x as i64 == y)
        }
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => {
            return Ok(x as i64 as f64 == y)
        }
        (Value::None, Value::None) => return Ok(true),
        _ => {}
    }
    let r = compare(a, b, 2)?;
    truthy(r)
}

/// The special methods of the six comparisons, in `COMPARE_OP`'s order, and the
/// reflection of each (`a < b` is `b > a`).
const COMPARE_METHODS: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
const COMPARE_SWAPPED: [u32; 6] = [4, 5, 2, 3, 0, 1];

/// Rich comparison `a OP b`, `op` as `COMPARE_OP`'s argument (< <= == != > >=).
pub fn compare(a: Value, b: Value, op: u32) -> PyResult<Value> {
    if let Some(r) = builtin_compare(a, b, op)? {
        return Ok(r);
    }
    // A subclass's reflected method goes first.
    let b_first = b.as_instance().is_some()
        && !Gc::ptr_eq(type_of(a), type_of(b))
        && is_subtype(type_of(b), type_of(a));
    if !b_first {
        if let Some(r) = call_special(a, COMPARE_METHODS[op as usize], &[b])? {
            if !r.is(not_implemented()) {
                return Ok(r);
            }
        }
    }
    if let Some(r) = call_special(
        b,
        COMPARE_METHODS[COMPARE_SWAPPED[op as usize] as usize],
        &[a],
    )? {
        if !r.is(not_implemented()) {
            return Ok(r);
        }
    }
    if b_first {
        if let Some(r) = call_special(a, COMPARE_METHODS[op as usize], &[b])? {
            if !r.is(not_implemented()) {
                return Ok(r);
            }
        }
    }
    if op == 3 {
        // `!=` defaults to the negation of `__eq__`.
        if has_special(a, "__eq__")? {
            if let Some(r) = call_special(a, "__eq__", &[b])? {
                if !r.is(not_implemented()) {
                    return Ok(Value::Bool(!truthy(r)?));
                }
            }
        }
    }
    match op {
        2 => Ok(Value::Bool(a.is(b))),
        3 => Ok(Value::Bool(!a.is(b))),
        _ => Err(oefmt_s2(
            Kind::TypeError,
            "'%s' not supported between instances of '%T' and '%T'",
            crate::interpreter::bytecode::COMPARE_NAMES[op as usize],
            a,
            b,
        )),
    }
}

/// The result of comparison `op` (`COMPARE_OP`'s argument) given the operands'
/// order `ord` (-1, 0 or 1).
fn cmp_result(ord: i64, op: u32) -> Value {
    Value::Bool(match op {
        0 => ord < 0,
        1 => ord <= 0,
        2 => ord == 0,
        3 => ord != 0,
        4 => ord > 0,
        _ => ord >= 0,
    })
}

/// The order of two machine ints: -1, 0 or 1.
fn int_order(x: i64, y: i64) -> i64 {
    if x < y {
        -1
    } else if x > y {
        1
    } else {
        0
    }
}

/// The order of two byte strings (lexicographic; for UTF-8 text, the order of the
/// code points): -1, 0 or 1.
fn bytes_order(a: &[u8], b: &[u8]) -> i64 {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i < n {
        if a[i] != b[i] {
            return if a[i] < b[i] { -1 } else { 1 };
        }
        i += 1;
    }
    int_order(a.len() as i64, b.len() as i64)
}

fn float_cmp(x: f64, y: f64, op: u32) -> Value {
    Value::Bool(match op {
        0 => x < y,
        1 => x <= y,
        2 => x == y,
        3 => x != y,
        4 => x > y,
        _ => x >= y,
    })
}

/// A number as a float, for mixed comparisons and arithmetic.
pub fn num_to_f64(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(b as i64 as f64),
        Value::Float(f) => Some(f),
        Value::Obj(o) if o.is::<W_Long>() => match to_big(v) {
            Some(b) => Some(big_to_f64(&b)),
            None => None,
        },
        _ => None,
    }
}

fn is_intlike(v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || is_long(v)
}

fn builtin_compare(a: Value, b: Value, op: u32) -> PyResult<Option<Value>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(Some(cmp_result(int_order(x, y), op))),
        (Value::Float(x), Value::Float(y)) => return Ok(Some(float_cmp(x, y, op))),
        _ => {}
    }
    if is_intlike(a) && is_intlike(b) {
        return Ok(Some(cmp_result(big_order(a, b), op)));
    }
    if is_intlike(a) && matches!(b, Value::Float(_))
        || matches!(a, Value::Float(_)) && is_intlike(b)
    {
        if let Some(r) = int_float_cmp(a, b, op) {
            return Ok(Some(r));
        }
    }
    if let (Some(x), Some(y)) = (num_to_f64(a), num_to_f64(b)) {
        return Ok(Some(float_cmp(x, y, op)));
    }
    if a.is_none() || b.is_none() {
        if op == 2 || op == 3 {
            return Ok(Some(Value::Bool((op == 2) == (a.is_none() && b.is_none()))));
        }
        return Ok(None);
    }
    let (Value::Obj(x), Value::Obj(y)) = (a, b) else {
        if (op == 2 || op == 3) && a.as_instance().is_none() && b.as_instance().is_none() {
            return Ok(Some(Value::Bool(op == 3)));
        }
        return Ok(None);
    };
    if let (Some(s), Some(t)) = (x.downcast::<W_Str>(), y.downcast::<W_Str>()) {
        if op == 2 {
            return Ok(Some(Value::Bool(str_eq(s, t))));
        }
        if op == 3 {
            return Ok(Some(Value::Bool(!str_eq(s, t))));
        }
        return Ok(Some(cmp_result(
            bytes_order(s.as_str().as_bytes(), t.as_str().as_bytes()),
            op,
        )));
    }
    if let (Some(s), Some(t)) = (bytes_of(a), bytes_of(b)) {
        return Ok(Some(cmp_result(bytes_order(s, t), op)));
    }
    let pair = match (x.downcast::<W_List>(), y.downcast::<W_List>()) {
        (Some(p), Some(q)) => Some(((p.items.get(), p.len()), (q.items.get(), q.len()))),
        _ => match (x.downcast::<W_Tuple>(), y.downcast::<W_Tuple>()) {
            (Some(p), Some(q)) => Some(((p.items, p.len()), (q.items, q.len()))),
            _ => None,
        },
    };
    if let Some(((ia, na), (ib, nb))) = pair {
        let mut i = 0;
        while i < na && i < nb {
            let (u, w) = (ia.get(i), ib.get(i));
            if !u.is(w) && !eq(u, w)? {
                if op == 2 {
                    return Ok(Some(Value::Bool(false)));
                }
                if op == 3 {
                    return Ok(Some(Value::Bool(true)));
                }
                return Ok(Some(compare(u, w, op)?));
            }
            i += 1;
        }
        return Ok(Some(cmp_result(int_order(na as i64, nb as i64), op)));
    }
    if let (Some(m), Some(n)) = (x.downcast::<W_Method>(), y.downcast::<W_Method>()) {
        if op == 2 || op == 3 {
            let same = m.func.is(n.func) && m.self_.is(n.self_);
            return Ok(Some(Value::Bool(same == (op == 2))));
        }
    }
    if let (Some(d), Some(e)) = (x.downcast::<W_Dict>(), y.downcast::<W_Dict>()) {
        if op == 2 || op == 3 {
            let same = dict_eq(d, e)?;
            return Ok(Some(Value::Bool(same == (op == 2))));
        }
        return Ok(None);
    }
    if let (Some(s), Some(t)) = (x.downcast::<W_Set>(), y.downcast::<W_Set>()) {
        let sub = set_subset_of(s.dict, t.dict)?;
        let sup = set_subset_of(t.dict, s.dict)?;
        let (ls, lt) = (s.dict.len(), t.dict.len());
        return Ok(Some(Value::Bool(match op {
            0 => sub && ls < lt,
            1 => sub,
            2 => sub && sup,
            3 => !(sub && sup),
            4 => sup && ls > lt,
            _ => sup,
        })));
    }
    if let (Some(r), Some(q)) = (x.downcast::<W_Range>(), y.downcast::<W_Range>()) {
        if op == 2 || op == 3 {
            let same = equal(r, q)?;
            return Ok(Some(Value::Bool(same == (op == 2))));
        }
    }
    if x.is::<W_Instance>() || y.is::<W_Instance>() {
        return Ok(None);
    }
    if let Some(r) = collections_compare(a, b, op)? {
        return Ok(Some(r));
    }
    if op == 2 || op == 3 {
        return Ok(Some(Value::Bool((x == y) == (op == 2))));
    }
    Ok(None)
}

/// Compares an int with a float exactly (CPython compares the values, not the int
/// rounded to a float); `None` when the float is not finite.
fn int_float_cmp(a: Value, b: Value, op: u32) -> Option<Value> {
    let (iv, fv, swapped) = match (a, b) {
        (Value::Float(f), i) => (i, f, true),
        (i, Value::Float(f)) => (i, f, false),
        _ => return None,
    };
    if fv.is_nan() {
        return None;
    }
    let ord = if fv.is_infinite() {
        if fv > 0.0 {
            -1
        } else {
            1
        }
    } else {
        int_float_order(iv, fv)
    };
    Some(cmp_result(if swapped { -ord } else { ord }, op))
}

fn dict_eq(d: Gc<W_Dict>, e: Gc<W_Dict>) -> PyResult<bool> {
    if d.len() != e.len() {
        return Ok(false);
    }
    let mut i = 0;
    while let Some(en) = d.next_live_entry(&mut i) {
        match e.get_hashed(en.key, en.hash)? {
            Some(v) => {
                if !v.is(en.value) && !eq(v, en.value)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Whether every key of `a` is in `b`.
pub fn set_subset(a: Gc<W_Dict>, b: Gc<W_Dict>) -> PyResult<bool> {
    let mut i = 0;
    while let Some(e) = a.next_live_entry(&mut i) {
        if b.get_hashed(e.key, e.hash)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The bytes of a `bytes` or `bytearray` value.
pub fn bytes_of<'a>(v: Value) -> Option<&'a [u8]> {
    if let Some(b) = v.as_bytes() {
        return Some(array_bytes(b.data));
    }
    if let Some(b) = v.as_bytearray() {
        return Some(&array_bytes(b.data.get())[..b.len.get()]);
    }
    None
}

// ---- arithmetic ----

const BINOP_NAMES: [(&str, &str, &str); 13] = [
    ("__add__", "__radd__", "__iadd__"),
    ("__and__", "__rand__", "__iand__"),
    ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    ("__lshift__", "__rlshift__", "__ilshift__"),
    ("__matmul__", "__rmatmul__", "__imatmul__"),
    ("__mul__", "__rmul__", "__imul__"),
    ("__mod__", "__rmod__", "__imod__"),
    ("__or__", "__ror__", "__ior__"),
    ("__pow__", "__rpow__", "__ipow__"),
    ("__rshift__", "__rrshift__", "__irshift__"),
    ("__sub__", "__rsub__", "__isub__"),
    ("__truediv__", "__rtruediv__", "__itruediv__"),
    ("__xor__", "__rxor__", "__ixor__"),
];

/// `a op b` (or `a op= b`).
pub fn binary_op(a: Value, b: Value, op: BinaryOp, inplace: bool) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        if let Some(r) = int_op(x, y, op)? {
            return Ok(r);
        }
    }
    if let (Value::Float(x), Value::Float(y)) = (a, b) {
        return float_op(x, y, op);
    }
    let user = a.as_instance().is_some() || b.as_instance().is_some();
    if user {
        let names = BINOP_NAMES[op as usize];
        if inplace {
            if let Some(r) = call_special(a, names.2, &[b])? {
                if !r.is(not_implemented()) {
                    return Ok(r);
                }
            }
        }
        let b_first = b.as_instance().is_some()
            && !Gc::ptr_eq(type_of(a), type_of(b))
            && is_subtype(type_of(b), type_of(a));
        if !b_first {
            if let Some(r) = call_special(a, names.0, &[b])? {
                if !r.is(not_implemented()) {
                    return Ok(r);
                }
            }
        }
        if !Gc::ptr_eq(type_of(a), type_of(b)) || b_first {
            if let Some(r) = call_special(b, names.1, &[a])? {
                if !r.is(not_implemented()) {
                    return Ok(r);
                }
            }
        }
        if b_first {
            if let Some(r) = call_special(a, names.0, &[b])? {
                if !r.is(not_implemented()) {
                    return Ok(r);
                }
            }
        }
    }
    if let Some(r) = builtin_binop(a, b, op, inplace)? {
        return Ok(r);
    }
    if user {
        // An instance of a subclass of a builtin value type whose class left the
        // operator to its base: the builtin operation on its builtin part.
        let (ba, bb) = (value_base(a), value_base(b));
        if ba.is_some() || bb.is_some() {
            return binary_op(ba.unwrap_or(a), bb.unwrap_or(b), op, inplace);
        }
    }
    if op == BinaryOp::Add && bytes_of(a).is_some() {
        return Err(oefmt2(Kind::TypeError, "can't concat %T to %T", b, a));
    }
    if op == BinaryOp::Add && as_str(a).is_some() {
        return Err(oefmt(
            Kind::TypeError,
            "can only concatenate str (not \"%T\") to str",
            b,
        ));
    }
    if op == BinaryOp::Add && (a.as_list().is_some() || a.as_tuple().is_some()) {
        return Err(oefmt3(
            Kind::TypeError,
            "can only concatenate %T (not \"%T\") to %T",
            a,
            b,
            a,
        ));
    }
    if op == BinaryOp::Mult {
        if is_sequence(a) && !is_intlike(b) {
            return Err(oefmt(
                Kind::TypeError,
                "can't multiply sequence by non-int of type '%T'",
                b,
            ));
        }
        if is_sequence(b) && !is_intlike(a) {
            return Err(oefmt(
                Kind::TypeError,
                "can't multiply sequence by non-int of type '%T'",
                a,
            ));
        }
    }
    Err(oefmt_s2(
        Kind::TypeError,
        "unsupported operand type(s) for %s: '%T' and '%T'",
        op.symbol(inplace),
        a,
        b,
    ))
}

fn int_op(x: i64, y: i64, op: BinaryOp) -> PyResult<Option<Value>> {
    let r = match op {
        BinaryOp::Add => x.checked_add(y),
        BinaryOp::Sub => x.checked_sub(y),
        BinaryOp::Mult => x.checked_mul(y),
        BinaryOp::FloorDiv => {
            if y == 0 {
                return zero_division("integer division or modulo by zero");
            }
            floordiv(x, y)
        }
        BinaryOp::Mod => {
            if y == 0 {
                return zero_division("integer modulo by zero");
            }
            Some(modulo(x, y))
        }
        BinaryOp::Div => {
            if y == 0 {
                return zero_division("division by zero");
            }
            return Ok(Some(Value::Float(int_truediv(x, y))));
        }
        BinaryOp::And => Some(x & y),
        BinaryOp::Or => Some(x | y),
        BinaryOp::Xor => Some(x ^ y),
        BinaryOp::LShift => {
            if y < 0 {
                return value_error("negative shift count");
            }
            if y < 63 && (x << y) >> y == x {
                Some(x << y)
            } else {
                None
            }
        }
        BinaryOp::RShift => {
            if y < 0 {
                return value_error("negative shift count");
            }
            Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinaryOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return zero_division("0.0 cannot be raised to a negative power");
                }
                return Ok(Some(Value::Float((x as f64).powf(y as f64))));
            }
            if y > u32::MAX as i64 {
                None
            } else {
                x.checked_pow(y as u32)
            }
        }
        BinaryOp::MatMult => return Ok(None),
    };
    match r {
        Some(v) => Ok(Some(Value::Int(v))),
        None => big_op(Value::Int(x), Value::Int(y), op),
    }
}

/// `x / y` for ints, correctly rounded when both fit a double exactly.
fn int_truediv(x: i64, y: i64) -> f64 {
    if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
        x as f64 / y as f64
    } else {
        big_truediv(&num_bigint::BigInt::from(x), &num_bigint::BigInt::from(y))
    }
}

fn float_op(x: f64, y: f64, op: BinaryOp) -> PyResult<Value> {
    let r = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mult => x * y,
        BinaryOp::Div => {
            if y == 0.0 {
                return zero_division("float division by zero");
            }
            x / y
        }
        BinaryOp::FloorDiv => {
            if y == 0.0 {
                return zero_division("float floor division by zero");
            }
            float_divmod(x, y).0
        }
        BinaryOp::Mod => {
            if y == 0.0 {
                return zero_division("float modulo");
            }
            float_divmod(x, y).1
        }
        BinaryOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return zero_division("0.0 cannot be raised to a negative power");
            }
            if x < 0.0 && y.fract() != 0.0 {
                // CPython returns a complex number; python-c has no complex type.
                return Err(err(
                    Kind::NotImplementedError,
                    "complex numbers are not supported by python-c",
                ));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return overflow("(34, 'Numerical result out of range')");
            }
            r
        }
        _ => {
            return Err(oefmt_s(
                Kind::TypeError,
                "unsupported operand type(s) for %s: 'float' and 'float'",
                op.symbol(false),
            ))
        }
    };
    Ok(Value::Float(r))
}

/// Python's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut d = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            d -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let mut q;
    if d != 0.0 {
        q = d.floor();
        if d - q > 0.5 {
            q += 1.0;
        }
    } else {
        q = 0.0f64.copysign(x / y);
    }
    (q, m)
}

/// A bool as the int it is (other values as they are).
fn bool_as_int(v: Value) -> Value {
    match v {
        Value::Bool(x) => Value::Int(x as i64),
        v => v,
    }
}

/// Whether `v` is a builtin sequence `*` repeats (str, list, tuple, bytes).
fn is_sequence(v: Value) -> bool {
    as_str(v).is_some() || v.as_list().is_some() || v.as_tuple().is_some() || bytes_of(v).is_some()
}

fn builtin_binop(a: Value, b: Value, op: BinaryOp, inplace: bool) -> PyResult<Option<Value>> {
    if is_intlike(a) && is_intlike(b) {
        let (a2, b2) = (bool_as_int(a), bool_as_int(b));
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            match op {
                BinaryOp::And => return Ok(Some(Value::Bool(x & y))),
                BinaryOp::Or => return Ok(Some(Value::Bool(x | y))),
                BinaryOp::Xor => return Ok(Some(Value::Bool(x ^ y))),
                _ => {}
            }
        }
        if let (Value::Int(x), Value::Int(y)) = (a2, b2) {
            return int_op(x, y, op);
        }
        return big_op(a2, b2, op);
    }
    if let (Some(x), Some(y)) = (num_to_f64(a), num_to_f64(b)) {
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            // An int operand past the float range (the float one may be infinite).
            if (is_long(a) && x.is_infinite()) || (is_long(b) && y.is_infinite()) {
                return overflow("int too large to convert to float");
            }
            return Ok(Some(float_op(x, y, op)?));
        }
    }
    match op {
        BinaryOp::Add => {
            if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
                let mut s = String::with_capacity(x.bytes.len() + y.bytes.len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                return Ok(Some(str_value(&s)));
            }
            if let (Some(x), Some(y)) = (a.as_list(), b.as_list()) {
                if inplace {
                    let n = y.len();
                    let mut i = 0;
                    while i < n {
                        x.append(y.get(i));
                        i += 1;
                    }
                    return Ok(Some(a));
                }
                let l = new_list(x.len() + y.len());
                let mut i = 0;
                while i < x.len() {
                    l.append(x.get(i));
                    i += 1;
                }
                i = 0;
                while i < y.len() {
                    l.append(y.get(i));
                    i += 1;
                }
                return Ok(Some(Value::obj(l)));
            }
            if inplace {
                if let Some(x) = a.as_list() {
                    list_extend(x, b)?;
                    return Ok(Some(a));
                }
            }
            if let (Some(x), Some(y)) = (a.as_tuple(), b.as_tuple()) {
                let arr = GcArray::new(x.len() + y.len(), Value::None);
                let mut i = 0;
                while i < x.len() {
                    arr.set(i, x.get(i));
                    i += 1;
                }
                i = 0;
                while i < y.len() {
                    arr.set(x.len() + i, y.get(i));
                    i += 1;
                }
                return Ok(Some(Value::obj(Gc::new(W_Tuple { items: arr }))));
            }
            if let (Some(x), Some(y)) = (bytes_of(a), bytes_of(b)) {
                let mut v = x.to_vec();
                v.extend_from_slice(y);
                return Ok(Some(bytes_like(a, &v, inplace)));
            }
        }
        BinaryOp::Mult => {
            let (seq, n) = match (a, b) {
                (_, Value::Int(n)) => (a, n),
                (Value::Int(n), _) => (b, n),
                (_, Value::Bool(n)) => (a, n as i64),
                (Value::Bool(n), _) => (b, n as i64),
                _ => return Ok(None),
            };
            let n = n.max(0) as usize;
            if let Some(s) = as_str(seq) {
                return Ok(Some(str_value(&s.as_str().repeat(n))));
            }
            if let Some(l) = seq.as_list() {
                let len = l.len();
                if inplace && Value::obj(l).is(a) {
                    let arr = l.to_array();
                    l.clear();
                    let mut k = 0;
                    while k < n {
                        let mut i = 0;
                        while i < len {
                            l.append(arr.get(i));
                            i += 1;
                        }
                        k += 1;
                    }
                    return Ok(Some(a));
                }
                let out = new_list(len * n);
                let mut k = 0;
                while k < n {
                    let mut i = 0;
                    while i < len {
                        out.append(l.get(i));
                        i += 1;
                    }
                    k += 1;
                }
                return Ok(Some(Value::obj(out)));
            }
            if let Some(t) = seq.as_tuple() {
                let len = t.len();
                let arr = GcArray::new(len * n, Value::None);
                let mut k = 0;
                while k < len * n {
                    arr.set(k, t.get(k % len));
                    k += 1;
                }
                return Ok(Some(Value::obj(Gc::new(W_Tuple { items: arr }))));
            }
            if let Some(x) = bytes_of(seq) {
                return Ok(Some(bytes_like(seq, &x.repeat(n), inplace && seq.is(a))));
            }
        }
        BinaryOp::Mod => {
            if let Some(s) = as_str(a) {
                return Ok(Some(str_value(&percent_format(s.as_str(), b)?)));
            }
        }
        BinaryOp::Or | BinaryOp::And | BinaryOp::Sub | BinaryOp::Xor => {
            if let (Some(x), Some(y)) = (a.as_set(), b.as_set()) {
                return Ok(Some(set_binop(x, y, op, inplace)?));
            }
            if let (Some(x), Some(_)) = (a.as_dict_view(), b.as_set()) {
                let s = make_set(Value::obj(x), false)?;
                let other = match b.as_set() {
                    Some(o) => o,
                    None => s,
                };
                return Ok(Some(set_binop(s, other, op, false)?));
            }
            if op == BinaryOp::Or {
                if let (Some(x), Some(y)) = (a.as_dict(), b.as_dict()) {
                    let d = if inplace { x } else { dict_copy(x)? };
                    dict_update(d, y)?;
                    return Ok(Some(Value::obj(d)));
                }
            }
        }
        _ => {}
    }
    binop(a, b, op)
}

/// The result of a bytes operation on `like`: a bytearray (the same one, updated, for
/// an in-place operation) when `like` is one, else bytes.
fn bytes_like(like: Value, data: &[u8], inplace: bool) -> Value {
    match like.as_bytearray() {
        Some(ba) if inplace => {
            ba.data.set(GcArray::from_slice(data));
            ba.len.set(data.len());
            like
        }
        Some(_) => new_bytearray(data),
        None => new_bytes(data),
    }
}

pub fn new_bytes(b: &[u8]) -> Value {
    Value::obj(Gc::new(W_Bytes {
        data: GcArray::from_slice(b),
    }))
}

pub fn dict_copy(d: Gc<W_Dict>) -> PyResult<Gc<W_Dict>> {
    let n = new_dict();
    dict_update(n, d)?;
    Ok(n)
}

pub fn dict_update(d: Gc<W_Dict>, from: Gc<W_Dict>) -> PyResult<()> {
    let mut i = 0;
    while let Some(e) = from.next_live_entry(&mut i) {
        d.set_hashed(e.key, e.hash, e.value)?;
    }
    Ok(())
}

pub fn negate(v: Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => match i.checked_neg() {
            Some(r) => Ok(Value::Int(r)),
            None => Ok(from_big(-num_bigint::BigInt::from(i))),
        },
        Value::Bool(b) => Ok(Value::Int(-(b as i64))),
        Value::Float(f) => Ok(Value::Float(-f)),
        _ => {
            if let Some(b) = to_big(v) {
                return Ok(from_big(-b));
            }
            if let Some(r) = call_special(v, "__neg__", &[])? {
                return Ok(r);
            }
            Err(oefmt(
                Kind::TypeError,
                "bad operand type for unary -: '%T'",
                v,
            ))
        }
    }
}

pub fn positive(v: Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Ok(v),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        _ => {
            if is_long(v) {
                return Ok(v);
            }
            if let Some(r) = call_special(v, "__pos__", &[])? {
                return Ok(r);
            }
            Err(oefmt(
                Kind::TypeError,
                "bad operand type for unary +: '%T'",
                v,
            ))
        }
    }
}

pub fn invert(v: Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(Value::Int(!i)),
        Value::Bool(b) => Ok(Value::Int(!(b as i64))),
        _ => {
            if let Some(b) = to_big(v) {
                return Ok(from_big(-b - 1));
            }
            if let Some(r) = call_special(v, "__invert__", &[])? {
                return Ok(r);
            }
            Err(oefmt(
                Kind::TypeError,
                "bad operand type for unary ~: '%T'",
                v,
            ))
        }
    }
}

// ---- repr and str: objspace/repr.rs, outside the core ----

/// A str value of `str(v)` (the same object for a str).
pub fn str_value_of(v: Value) -> PyResult<Value> {
    if as_str(v).is_some() {
        return Ok(v);
    }
    Ok(str_value(&str_of(v)?))
}

// ---- items ----

/// A sequence index, normalised: `Err` on a non-int.
pub fn index_value(v: Value) -> PyResult<Option<i64>> {
    match v {
        Value::Int(i) => Ok(Some(i)),
        Value::Bool(b) => Ok(Some(b as i64)),
        _ => {
            if is_long(v) {
                // Past a machine word: clamped, as CPython clamps slice bounds.
                return Ok(Some(if big_is_negative(v) {
                    i64::MIN
                } else {
                    i64::MAX
                }));
            }
            if let Some(r) = call_special(v, "__index__", &[])? {
                return index_value(r);
            }
            Ok(None)
        }
    }
}

/// The index of a subscript (`seq[k]`): like [`index_value`], but an int past a
/// machine word is CPython's IndexError rather than a clamped bound.
pub fn item_index(v: Value) -> PyResult<Option<i64>> {
    if is_long(v) {
        return index_error("cannot fit 'int' into an index-sized integer");
    }
    index_value(v)
}

fn norm_index(i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(oefmt_s(Kind::IndexError, "%s index out of range", what));
    }
    Ok(j as usize)
}

/// One bound of a slice of a sequence of `len` items: `dflt` for `None`, else the
/// index from the end when negative, clamped to the sequence (by the step's sign).
fn slice_bound(v: Value, dflt: i64, len: i64, step: i64) -> PyResult<i64> {
    match v {
        Value::None => Ok(dflt),
        v => match index_value(v)? {
            Some(x) => {
                let x = if x < 0 { x + len } else { x };
                Ok(if step > 0 {
                    x.clamp(0, len)
                } else {
                    x.clamp(-1, len - 1)
                })
            }
            None => {
                type_error("slice indices must be integers or None or have an __index__ method")
            }
        },
    }
}

/// The (start, stop, step, count) a slice selects from a sequence of `len` items.
pub fn slice_indices(s: Gc<W_Slice>, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let step = match s.step {
        Value::None => 1,
        v => match index_value(v)? {
            Some(0) => return value_error("slice step cannot be zero"),
            Some(x) => x,
            None => {
                return type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )
            }
        },
    };
    let len = len as i64;
    let (start, stop) = if step > 0 {
        (
            slice_bound(s.start, 0, len, step)?,
            slice_bound(s.stop, len, len, step)?,
        )
    } else {
        (
            slice_bound(s.start, len - 1, len, step)?,
            slice_bound(s.stop, -1, len, step)?,
        )
    };
    let n = range_len(start, stop, step) as usize;
    Ok((start, stop, step, n))
}

pub fn getitem(c: Value, k: Value) -> PyResult<Value> {
    if let Value::Obj(o) = c {
        if let Some(l) = o.downcast::<W_List>() {
            if let Some(i) = item_index(k)? {
                return Ok(l.get(norm_index(i, l.len(), "list")?));
            }
            if let Some(s) = k.as_slice() {
                let (start, _, step, n) = slice_indices(s, l.len())?;
                let out = new_list(n);
                let mut j = 0;
                while j < n {
                    out.append(l.get((start + j as i64 * step) as usize));
                    j += 1;
                }
                return Ok(Value::obj(out));
            }
            return Err(oefmt(
                Kind::TypeError,
                "list indices must be integers or slices, not %T",
                k,
            ));
        }
        if let Some(t) = o.downcast::<W_Tuple>() {
            if let Some(i) = item_index(k)? {
                return Ok(t.get(norm_index(i, t.len(), "tuple")?));
            }
            if let Some(s) = k.as_slice() {
                let (start, _, step, n) = slice_indices(s, t.len())?;
                let arr = GcArray::new(n, Value::None);
                let mut j = 0;
                while j < n {
                    arr.set(j, t.get((start + j as i64 * step) as usize));
                    j += 1;
                }
                return Ok(Value::obj(Gc::new(W_Tuple { items: arr })));
            }
            return Err(oefmt(
                Kind::TypeError,
                "tuple indices must be integers or slices, not %T",
                k,
            ));
        }
        if let Some(d) = o.downcast::<W_Dict>() {
            return match d.get(k)? {
                Some(v) => Ok(v),
                None => key_error(k),
            };
        }
        if let Some(s) = o.downcast::<W_Str>() {
            return str_getitem(s, k);
        }
        if let Some(r) = o.downcast::<W_Range>() {
            // A range takes any int (its bounds may be big): out of range, not unfit.
            if let Some(s) = k.as_slice() {
                return slice(r, s);
            }
            if is_exact_int(k) {
                return item(r, k);
            }
            if let Some(i) = index_value(k)? {
                return item(r, Value::Int(i));
            }
        }
        if let Some(b) = bytes_of(c) {
            if let Some(i) = item_index(k)? {
                return Ok(Value::Int(b[norm_index(i, b.len(), "index")?] as i64));
            }
            if let Some(s) = k.as_slice() {
                let (start, _, step, n) = slice_indices(s, b.len())?;
                let mut out = Vec::with_capacity(n);
                for j in 0..n {
                    out.push(b[(start + j as i64 * step) as usize]);
                }
                if o.is::<W_ByteArray>() {
                    return Ok(new_bytearray(&out));
                }
                return Ok(new_bytes(&out));
            }
        }
        if let Some(inst) = o.downcast::<W_Instance>() {
            let user = match lookup(inst.cls.get(), Value::obj(intern("__getitem__")))? {
                Some(f) => f.as_function().is_some() || inst.base.get().is_null(),
                None => false,
            };
            if user {
                if let Some(r) = call_special(c, "__getitem__", &[k])? {
                    return Ok(r);
                }
            }
            if let Value::Obj(b) = inst.base.get() {
                match getitem(Value::Obj(b), k) {
                    Err(e) if matches(e, Kind::KeyError) => {
                        if let Some(r) = call_special(c, "__missing__", &[k])? {
                            return Ok(r);
                        }
                        return Err(e);
                    }
                    r => return r,
                }
            }
        }
        if let Some(t) = o.downcast::<W_Type>() {
            // `list[int]` and friends in annotations.
            let _ = t;
            return Ok(c);
        }
        if let Some(r) = collections_getitem(c, k)? {
            return Ok(r);
        }
    }
    Err(oefmt(
        Kind::TypeError,
        "'%T' object is not subscriptable",
        c,
    ))
}

fn str_getitem(s: Gc<W_Str>, k: Value) -> PyResult<Value> {
    let text = s.as_str();
    if let Some(i) = item_index(k)? {
        let j = norm_index(i, s.nchars, "string")?;
        if s.is_ascii() {
            return Ok(str_value(&text[j..j + 1]));
        }
        let c = text.chars().nth(j).unwrap_or(' ');
        return Ok(str_value(c.encode_utf8(&mut [0; 4])));
    }
    if let Some(sl) = k.as_slice() {
        let (start, _, step, n) = slice_indices(sl, s.nchars)?;
        if s.is_ascii() && step == 1 {
            return Ok(str_value(&text[start as usize..start as usize + n]));
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(n);
        for j in 0..n {
            out.push(chars[(start + j as i64 * step) as usize]);
        }
        return Ok(str_value(&out));
    }
    Err(oefmt(
        Kind::TypeError,
        "string indices must be integers, not '%T'",
        k,
    ))
}

pub fn setitem(c: Value, k: Value, v: Value) -> PyResult<()> {
    if let Value::Obj(o) = c {
        if let Some(l) = o.downcast::<W_List>() {
            if let Some(i) = item_index(k)? {
                let j = norm_index(i, l.len(), "list assignment")?;
                l.set(j, v);
                return Ok(());
            }
            if let Some(s) = k.as_slice() {
                return list_set_slice(l, s, v);
            }
            return Err(oefmt(
                Kind::TypeError,
                "list indices must be integers or slices, not %T",
                k,
            ));
        }
        if let Some(d) = o.downcast::<W_Dict>() {
            return d.set(k, v);
        }
        if let Some(b) = o.downcast::<W_ByteArray>() {
            return bytearray_setitem(b, k, v);
        }
        if let Some(inst) = o.downcast::<W_Instance>() {
            if call_special(c, "__setitem__", &[k, v])?.is_some() {
                return Ok(());
            }
            if let Value::Obj(b) = inst.base.get() {
                return setitem(Value::Obj(b), k, v);
            }
        }
        if collections_setitem(c, k, v)? {
            return Ok(());
        }
    }
    Err(oefmt(
        Kind::TypeError,
        "'%T' object does not support item assignment",
        c,
    ))
}

pub fn delitem(c: Value, k: Value) -> PyResult<()> {
    if let Value::Obj(o) = c {
        if let Some(l) = o.downcast::<W_List>() {
            if let Some(i) = item_index(k)? {
                let j = norm_index(i, l.len(), "list assignment")?;
                l.pop_at(j);
                return Ok(());
            }
            if let Some(s) = k.as_slice() {
                let (start, _, step, n) = slice_indices(s, l.len())?;
                if n > 0 {
                    // The same items walked upwards when the step is negative.
                    let (first, up) = if step < 0 {
                        (start + (n as i64 - 1) * step, -step)
                    } else {
                        (start, step)
                    };
                    l.delete_slice(first as usize, up as usize, n);
                }
                return Ok(());
            }
        }
        if let Some(d) = o.downcast::<W_Dict>() {
            return match d.remove(k)? {
                Some(_) => Ok(()),
                None => key_error(k),
            };
        }
        if let Some(b) = o.downcast::<W_ByteArray>() {
            return bytearray_delitem(b, k);
        }
        if let Some(inst) = o.downcast::<W_Instance>() {
            if call_special(c, "__delitem__", &[k])?.is_some() {
                return Ok(());
            }
            if let Value::Obj(b) = inst.base.get() {
                return delitem(Value::Obj(b), k);
            }
        }
        if collections_delitem(c, k)? {
            return Ok(());
        }
    }
    Err(oefmt(
        Kind::TypeError,
        "'%T' object does not support item deletion",
        c,
    ))
}

/// `k in c`.
pub fn contains(c: Value, k: Value) -> PyResult<bool> {
    if let Value::Obj(o) = c {
        if let Some(d) = o.downcast::<W_Dict>() {
            return Ok(d.get(k)?.is_some());
        }
        if let Some(s) = o.downcast::<W_Set>() {
            return Ok(s.dict.get(k)?.is_some());
        }
        if let Some(s) = o.downcast::<W_Str>() {
            let Some(t) = as_str(k) else {
                return Err(oefmt(
                    Kind::TypeError,
                    "'in <string>' requires string as left operand, not %T",
                    k,
                ));
            };
            return Ok(s.as_str().contains(t.as_str()));
        }
        if let Some(l) = o.downcast::<W_List>() {
            let mut i = 0;
            while i < l.len() {
                let x = l.get(i);
                if x.is(k) || eq(x, k)? {
                    return Ok(true);
                }
                i += 1;
            }
            return Ok(false);
        }
        if let Some(t) = o.downcast::<W_Tuple>() {
            let mut i = 0;
            while i < t.len() {
                let x = t.get(i);
                if x.is(k) || eq(x, k)? {
                    return Ok(true);
                }
                i += 1;
            }
            return Ok(false);
        }
        if let Some(r) = o.downcast::<W_Range>() {
            if is_exact_int(k) {
                return Ok(position(r, k).is_some());
            }
        }
        if let Some(d) = o.downcast::<W_DictView>() {
            if d.kind == 0 {
                return Ok(d.dict.get(k)?.is_some());
            }
        }
        if let Some(b) = bytes_of(c) {
            if let Value::Int(x) = k {
                return Ok(b.contains(&(x as u8)));
            }
            if let Some(sub) = bytes_of(k) {
                return Ok(bytes_contain(b, sub));
            }
        }
        if o.is::<W_Instance>() {
            if let Some(r) = call_special(c, "__contains__", &[k])? {
                return truthy(r);
            }
        }
    }
    // The iteration protocol.
    let it = iter(c)?;
    while let Some(x) = next(it)? {
        if x.is(k) || eq(x, k)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---- iteration ----

pub fn new_iter(kind: IterKind, seq: Value, extra: Value, index: i64, a: i64, b: i64) -> Value {
    Value::obj(Gc::new(W_Iter {
        kind,
        seq,
        extra,
        extra2: jitsupport::gc::GcCell::new(Value::None),
        index: jitsupport::gc::GcCell::new(index),
        a: jitsupport::gc::GcCell::new(a),
        b,
    }))
}

/// `iter(v)`.
pub fn iter(v: Value) -> PyResult<Value> {
    if let Value::Obj(o) = v {
        match kind_of(v) {
            Kind::List | Kind::Tuple | Kind::Str | Kind::Bytes | Kind::ByteArray
                if !o.is::<W_Instance>() =>
            {
                return Ok(new_iter(IterKind::Seq, v, Value::None, 0, 0, 0))
            }
            Kind::Range if !o.is::<W_Instance>() => {
                if let Some(r) = o.downcast::<W_Range>() {
                    return Ok(match r.small() {
                        Some((start, step, n)) => {
                            new_iter(IterKind::Range, v, Value::None, start, n, step)
                        }
                        None => new_iter(IterKind::LongRange, v, Value::None, 0, 0, 0),
                    });
                }
            }
            Kind::Dict | Kind::DefaultDict if o.is::<W_Dict>() => {
                let n = len(v)?;
                return Ok(new_iter(IterKind::DictKeys, v, Value::None, 0, n, 0));
            }
            Kind::Set | Kind::FrozenSet => {
                if let Some(s) = o.downcast::<W_Set>() {
                    let n = s.dict.len() as i64;
                    return Ok(new_iter(
                        IterKind::SetKeys,
                        Value::obj(s.dict),
                        Value::None,
                        0,
                        n,
                        0,
                    ));
                }
            }
            Kind::DictKeys | Kind::DictValues | Kind::DictItems => {
                if let Some(d) = o.downcast::<W_DictView>() {
                    let k = [
                        IterKind::DictKeys,
                        IterKind::DictValues,
                        IterKind::DictItems,
                    ][d.kind as usize];
                    let n = d.dict.len() as i64;
                    return Ok(new_iter(k, Value::obj(d.dict), Value::None, 0, n, 0));
                }
            }
            Kind::Iterator | Kind::Generator => return Ok(v),
            _ => {}
        }
        if let Some(inst) = o.downcast::<W_Instance>() {
            let user_iter = match lookup(inst.cls.get(), Value::obj(intern("__iter__")))? {
                Some(f) => f.as_function().is_some() || inst.base.get().is_null(),
                None => false,
            };
            if user_iter {
                if let Some(r) = call_special(v, "__iter__", &[])? {
                    return Ok(r);
                }
            }
            if let Value::Obj(b) = inst.base.get() {
                return iter(Value::Obj(b));
            }
            if has_special(v, "__getitem__")? {
                return Ok(new_iter(IterKind::Seq, v, Value::None, 0, 0, 0));
            }
            if let Value::Obj(b) = inst.base.get() {
                return iter(Value::Obj(b));
            }
        }
        if let Some(r) = collections_iter(v)? {
            return Ok(r);
        }
    }
    Err(oefmt(Kind::TypeError, "'%T' object is not iterable", v))
}

/// `next(it)`: `None` when the iterator is exhausted.
pub fn next(it: Value) -> PyResult<Option<Value>> {
    if let Some(i) = it.as_iter() {
        return iter_next(i);
    }
    if let Some(g) = it.as_generator() {
        return generator_next(g, Value::None);
    }
    if it.as_instance().is_some() {
        return match call_special(it, "__next__", &[]) {
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) => Err(oefmt(Kind::TypeError, "'%T' object is not an iterator", it)),
            Err(e) if matches(e, Kind::StopIteration) => Ok(None),
            Err(e) => Err(e),
        };
    }
    Err(oefmt(Kind::TypeError, "'%T' object is not an iterator", it))
}

// ---- attributes ----

/// A looked-up class attribute, bound to the instance if it is a function.
pub struct Bound {
    pub value: Value,
    /// The value is a plain function that takes the instance first.
    pub is_bound_method: bool,
}

/// Applies the descriptor protocol to `f`, found on a class, for `obj` (for a
/// method call, `unbound_ok` asks for the function without a bound-method object).
/// Whether `f` is a builtin function not bound to an object (a method of a builtin type
/// as its class holds it).
pub fn is_unbound_builtin(f: Value) -> bool {
    match f.as_builtin() {
        Some(b) => b.bound.is_null(),
        None => false,
    }
}

pub fn bind_descriptor(f: Value, obj: Value, cls: Value, unbound_ok: bool) -> PyResult<Bound> {
    if let Value::Obj(o) = f {
        if o.is::<W_Function>() || (o.is::<W_Builtin>() && is_unbound_builtin(f)) {
            if unbound_ok {
                return Ok(Bound {
                    value: f,
                    is_bound_method: true,
                });
            }
            return Ok(Bound {
                value: bind(f, obj),
                is_bound_method: false,
            });
        }
        if let Some(s) = o.downcast::<W_StaticMethod>() {
            return Ok(Bound {
                value: s.func,
                is_bound_method: false,
            });
        }
        if let Some(c) = o.downcast::<W_ClassMethod>() {
            return Ok(Bound {
                value: bind(c.func, cls),
                is_bound_method: false,
            });
        }
        if let Some(p) = o.downcast::<W_Property>() {
            if p.fget.is_none() {
                return Err(err(Kind::AttributeError, "property has no getter"));
            }
            return Ok(Bound {
                value: call_values(p.fget, &[obj])?,
                is_bound_method: false,
            });
        }
        if o.is::<W_Instance>() && has_special(f, "__get__")? {
            if let Some(r) = call_special(f, "__get__", &[obj, cls])? {
                return Ok(Bound {
                    value: r,
                    is_bound_method: false,
                });
            }
        }
    }
    Ok(Bound {
        value: f,
        is_bound_method: false,
    })
}

/// A bound method of `f` for `obj`.
pub fn bind(f: Value, obj: Value) -> Value {
    if let Some(b) = f.as_builtin() {
        return Value::obj(Gc::new(W_Builtin {
            id: b.id,
            name: b.name,
            bound: obj,
        }));
    }
    Value::obj(Gc::new(W_Method {
        func: f,
        self_: obj,
    }))
}

/// `obj.name` (`Null` is never returned: a missing attribute is an AttributeError).
pub fn getattr(obj: Value, name: Gc<W_Str>) -> PyResult<Value> {
    match getattr_opt(obj, name)? {
        Some(v) => Ok(v),
        None => {
            if obj.as_instance().is_some() {
                if let Some(r) = call_special(obj, "__getattr__", &[Value::obj(name)])? {
                    return Ok(r);
                }
            }
            Err(attribute_error(obj, name))
        }
    }
}

/// The AttributeError of a missing attribute, with CPython's message; the exception
/// keeps `name` and `obj` (for the "Did you mean" of its traceback).
pub fn attribute_error(obj: Value, name: Gc<W_Str>) -> crate::interpreter::PyErr {
    let e = attribute_error_plain(obj, name);
    let _ = e.exc.set_attr(intern("name"), Value::obj(name));
    let _ = e.exc.set_attr(intern("obj"), obj);
    e
}

fn attribute_error_plain(obj: Value, name: Gc<W_Str>) -> crate::interpreter::PyErr {
    let n = Value::obj(name);
    if obj.as_type().is_some() {
        return oefmt2(
            Kind::AttributeError,
            "type object '%N' has no attribute '%S'",
            obj,
            n,
        );
    }
    if let Some(m) = obj.as_module() {
        return oefmt2(
            Kind::AttributeError,
            "module '%S' has no attribute '%S'",
            Value::obj(m.name),
            n,
        );
    }
    oefmt2(
        Kind::AttributeError,
        "'%T' object has no attribute '%S'",
        obj,
        n,
    )
}

/// `obj.name`, or `None` when it is missing.
pub fn getattr_opt(obj: Value, name: Gc<W_Str>) -> PyResult<Option<Value>> {
    let key = Value::obj(name);
    let n = name.as_str();
    if let Some(inst) = obj.as_instance() {
        let cls = inst.cls.get();
        let found = lookup(cls, key)?;
        if let Some(f) = found {
            if f.as_property().is_some() {
                return Ok(Some(bind_descriptor(f, obj, Value::obj(cls), false)?.value));
            }
        }
        if let Some(v) = inst.get_attr(name) {
            return Ok(Some(v));
        }
        if let Some(f) = found {
            return Ok(Some(bind_descriptor(f, obj, Value::obj(cls), false)?.value));
        }
        return special_attr(obj, n);
    }
    if let Some(t) = obj.as_type() {
        if matches!(
            n,
            "__name__" | "__qualname__" | "__mro__" | "__bases__" | "__base__"
        ) {
            return special_attr(obj, n);
        }
        if let Some(f) = lookup(t, key)? {
            if let Some(c) = f.as_classmethod() {
                return Ok(Some(bind(c.func, obj)));
            }
            if let Some(s) = f.as_staticmethod() {
                return Ok(Some(s.func));
            }
            return Ok(Some(f));
        }
        return special_attr(obj, n);
    }
    if let Some(m) = obj.as_module() {
        if let Some(v) = m.dict.get(key)? {
            return Ok(Some(v));
        }
        if n == "__name__" {
            return Ok(Some(Value::obj(m.name)));
        }
        if n == "__dict__" {
            return Ok(Some(Value::obj(m.dict)));
        }
        return Ok(None);
    }
    if let Some(f) = obj.as_function() {
        if let Some(d) = f.dict.get() {
            if let Some(v) = d.get(key)? {
                return Ok(Some(v));
            }
        }
        return special_attr(obj, n);
    }
    if let Some(s) = obj.as_super() {
        return super_getattr(s, name);
    }
    let t = type_of(obj);
    if let Some(f) = lookup(t, key)? {
        return Ok(Some(bind_descriptor(f, obj, Value::obj(t), false)?.value));
    }
    if let Some(r) = special_attr(obj, n)? {
        return Ok(Some(r));
    }
    if is_dunder_op(n) {
        return Ok(Some(Value::obj(Gc::new(W_Builtin {
            id: Bi::DunderOp as u32,
            name,
            bound: obj,
        }))));
    }
    Ok(None)
}

/// The special methods a builtin object answers through the generic operations.
pub fn is_dunder_op(n: &str) -> bool {
    matches!(
        n,
        "__add__"
            | "__sub__"
            | "__mul__"
            | "__truediv__"
            | "__floordiv__"
            | "__mod__"
            | "__pow__"
            | "__and__"
            | "__or__"
            | "__xor__"
            | "__lshift__"
            | "__rshift__"
            | "__radd__"
            | "__rsub__"
            | "__rmul__"
            | "__rpow__"
            | "__rtruediv__"
            | "__rfloordiv__"
            | "__rmod__"
            | "__rand__"
            | "__ror__"
            | "__rxor__"
            | "__rlshift__"
            | "__rrshift__"
            | "__len__"
            | "__getitem__"
            | "__setitem__"
            | "__delitem__"
            | "__contains__"
            | "__iter__"
            | "__next__"
            | "__repr__"
            | "__str__"
            | "__hash__"
            | "__eq__"
            | "__ne__"
            | "__lt__"
            | "__le__"
            | "__gt__"
            | "__ge__"
            | "__neg__"
            | "__pos__"
            | "__abs__"
            | "__invert__"
            | "__bool__"
            | "__int__"
            | "__float__"
            | "__index__"
            | "__format__"
            | "__divmod__"
            | "__round__"
            | "__trunc__"
            | "__floor__"
            | "__ceil__"
            | "__sizeof__"
            | "__reversed__"
    )
}

/// The argument of a special method taking one (`TypeError` without it).
fn dunder_arg(name: &str, a: Option<Value>) -> PyResult<Value> {
    match a {
        Some(v) => Ok(v),
        None => Err(dunder_arg_missing(name)),
    }
}

#[cold]
#[inline(never)]
fn dunder_arg_missing(name: &str) -> PyErr {
    oefmt_s(Kind::TypeError, "expected 1 argument for %s", name)
}

/// `this.__add__(b)` and the other binary special methods of builtin objects
/// (reflected when `rev`): `NotImplemented` for operands of other types.
fn dunder_binop(
    name: &str,
    this: Value,
    a: Option<Value>,
    op: BinaryOp,
    rev: bool,
) -> PyResult<Value> {
    let b = dunder_arg(name, a)?;
    let (x, y) = if rev { (b, this) } else { (this, b) };
    match binary_op(x, y, op, false) {
        Ok(v) => Ok(v),
        Err(e) if matches(e, Kind::TypeError) => Ok(not_implemented()),
        Err(e) => Err(e),
    }
}

/// `this.__lt__(b)` and the other rich comparisons of builtin objects.
fn dunder_cmp(name: &str, this: Value, a: Option<Value>, op: u32) -> PyResult<Value> {
    let b = dunder_arg(name, a)?;
    match builtin_compare(this, b, op)? {
        Some(v) => Ok(v),
        None => Ok(not_implemented()),
    }
}

/// Calls special method `name` of a builtin object through the generic operations.
pub fn dunder_op(name: &str, this: Value, a: Option<Value>) -> PyResult<Value> {
    match name {
        "__add__" => dunder_binop(name, this, a, BinaryOp::Add, false),
        "__radd__" => dunder_binop(name, this, a, BinaryOp::Add, true),
        "__sub__" => dunder_binop(name, this, a, BinaryOp::Sub, false),
        "__rsub__" => dunder_binop(name, this, a, BinaryOp::Sub, true),
        "__mul__" => dunder_binop(name, this, a, BinaryOp::Mult, false),
        "__rmul__" => dunder_binop(name, this, a, BinaryOp::Mult, true),
        "__truediv__" => dunder_binop(name, this, a, BinaryOp::Div, false),
        "__rtruediv__" => dunder_binop(name, this, a, BinaryOp::Div, true),
        "__rfloordiv__" => dunder_binop(name, this, a, BinaryOp::FloorDiv, true),
        "__rmod__" => dunder_binop(name, this, a, BinaryOp::Mod, true),
        "__rpow__" => dunder_binop(name, this, a, BinaryOp::Pow, true),
        "__rand__" => dunder_binop(name, this, a, BinaryOp::And, true),
        "__ror__" => dunder_binop(name, this, a, BinaryOp::Or, true),
        "__rxor__" => dunder_binop(name, this, a, BinaryOp::Xor, true),
        "__rlshift__" => dunder_binop(name, this, a, BinaryOp::LShift, true),
        "__rrshift__" => dunder_binop(name, this, a, BinaryOp::RShift, true),
        "__floordiv__" => dunder_binop(name, this, a, BinaryOp::FloorDiv, false),
        "__mod__" => dunder_binop(name, this, a, BinaryOp::Mod, false),
        "__pow__" => dunder_binop(name, this, a, BinaryOp::Pow, false),
        "__and__" => dunder_binop(name, this, a, BinaryOp::And, false),
        "__or__" => dunder_binop(name, this, a, BinaryOp::Or, false),
        "__xor__" => dunder_binop(name, this, a, BinaryOp::Xor, false),
        "__lshift__" => dunder_binop(name, this, a, BinaryOp::LShift, false),
        "__rshift__" => dunder_binop(name, this, a, BinaryOp::RShift, false),
        "__lt__" => dunder_cmp(name, this, a, 0),
        "__le__" => dunder_cmp(name, this, a, 1),
        "__eq__" => dunder_cmp(name, this, a, 2),
        "__ne__" => dunder_cmp(name, this, a, 3),
        "__gt__" => dunder_cmp(name, this, a, 4),
        "__ge__" => dunder_cmp(name, this, a, 5),
        "__len__" => Ok(Value::Int(len(this)?)),
        "__getitem__" => getitem(this, dunder_arg(name, a)?),
        "__delitem__" => {
            delitem(this, dunder_arg(name, a)?)?;
            Ok(Value::None)
        }
        "__contains__" => Ok(Value::Bool(contains(this, dunder_arg(name, a)?)?)),
        "__iter__" => iter(this),
        "__next__" => match next(this)? {
            Some(v) => Ok(v),
            None => Err(err_args(Kind::StopIteration, Value::obj(empty_tuple()))),
        },
        "__repr__" => Ok(str_value(&repr(this)?)),
        "__str__" => str_value_of(this),
        "__hash__" => Ok(Value::Int(hash(this)?)),
        "__neg__" => negate(this),
        "__pos__" => positive(this),
        "__invert__" => invert(this),
        "__abs__" => call_values(
            builtins_dict()
                .get(Value::obj(intern("abs")))?
                .unwrap_or(Value::None),
            &[this],
        ),
        "__bool__" => Ok(Value::Bool(truthy(this)?)),
        "__format__" => {
            let spec = match a {
                Some(v) => match as_str(v) {
                    Some(s) => s.as_str(),
                    None => "",
                },
                None => "",
            };
            format_value(this, spec)
        }
        _ => {
            let f = builtins_dict().get(Value::obj(intern(match name {
                "__int__" | "__index__" | "__trunc__" => "int",
                "__float__" => "float",
                "__divmod__" => "divmod",
                "__round__" => "round",
                "__reversed__" => "reversed",
                _ => "repr",
            })))?;
            let f = f.unwrap_or(Value::None);
            match a {
                Some(x) => call_values(f, &[this, x]),
                None => call_values(f, &[this]),
            }
        }
    }
}

fn super_getattr(s: Gc<W_Super>, name: Gc<W_Str>) -> PyResult<Option<Value>> {
    let obj = s.obj;
    let (cls, is_type) = match obj.as_type() {
        Some(t) => (t, true),
        None => (type_of(obj), false),
    };
    let mro = cls.mro.get();
    let mut i = 0;
    while i < mro.len() && mro.get(i) != s.start {
        i += 1;
    }
    i += 1;
    while i < mro.len() {
        if let Some(t) = mro.get(i).downcast::<W_Type>() {
            if let Some(f) = t.dict.get(Value::obj(name))? {
                if is_type {
                    if let Some(c) = f.as_classmethod() {
                        return Ok(Some(bind(c.func, obj)));
                    }
                    return Ok(Some(f));
                }
                return Ok(Some(bind_descriptor(f, obj, Value::obj(cls), false)?.value));
            }
        }
        i += 1;
    }
    Ok(None)
}

/// The attributes every object has by its kind (`__class__`, `__name__`, ...).
fn special_attr(obj: Value, n: &str) -> PyResult<Option<Value>> {
    match n {
        "__class__" => return Ok(Some(Value::obj(type_of(obj)))),
        "__dict__" => {
            if let Some(inst) = obj.as_instance() {
                let d = new_dict();
                let map = inst.map.get();
                let mut i = 0;
                while i < map.names.len() {
                    let v = inst.slots.get().get(i);
                    if !v.is_null() {
                        d.set(Value::Obj(map.names.get(i)), v)?;
                    }
                    i += 1;
                }
                return Ok(Some(Value::obj(d)));
            }
            if let Some(t) = obj.as_type() {
                // A copy (CPython's is a read-only proxy): a class changes only
                // through setattr, which keeps the method cache right.
                return Ok(Some(Value::obj(dict_copy(t.dict)?)));
            }
            if let Some(f) = obj.as_function() {
                let d = match f.dict.get() {
                    Some(d) => d,
                    None => {
                        let d = new_dict();
                        f.dict.set(Some(d));
                        d
                    }
                };
                return Ok(Some(Value::obj(d)));
            }
        }
        _ => {}
    }
    if let Some(t) = obj.as_type() {
        return Ok(match n {
            "__name__" => Some(Value::obj(t.name.get())),
            "__qualname__" => Some(Value::obj(t.qualname.get())),
            "__mro__" => {
                let mro = t.mro.get();
                let arr = GcArray::new(mro.len(), Value::None);
                let mut i = 0;
                while i < mro.len() {
                    arr.set(i, Value::Obj(mro.get(i)));
                    i += 1;
                }
                Some(Value::obj(Gc::new(W_Tuple { items: arr })))
            }
            "__bases__" => Some(Value::obj(t.bases.get())),
            "__base__" => {
                let b = t.bases.get();
                Some(if !b.is_empty() { b.get(0) } else { Value::None })
            }
            "__module__" => Some(str_value(module_of_type(t))),
            "__doc__" => Some(Value::None),
            _ => None,
        });
    }
    if let Some(f) = obj.as_function() {
        return Ok(match n {
            "__name__" => Some(f.name.get()),
            "__qualname__" => Some(f.qualname.get()),
            "__doc__" => Some(f.doc.get()),
            "__defaults__" => Some(f.defaults.get()),
            "__kwdefaults__" => Some(f.kwdefaults.get()),
            "__module__" => Some(
                f.globals
                    .get(Value::obj(intern("__name__")))?
                    .unwrap_or(Value::None),
            ),
            "__code__" => Some(Value::obj(f.code)),
            "__globals__" => Some(Value::obj(f.globals)),
            "__closure__" => Some(match f.closure {
                Some(c) => Value::obj(c),
                None => Value::None,
            }),
            _ => None,
        });
    }
    if let Some(c) = obj.as_code() {
        return Ok(match n {
            "co_name" => Some(Value::obj(c.name)),
            "co_argcount" => Some(Value::Int(c.argcount as i64)),
            "co_filename" => Some(Value::obj(c.filename)),
            "co_firstlineno" => Some(Value::Int(c.first_line as i64)),
            _ => None,
        });
    }
    if let Some(b) = obj.as_builtin() {
        if n == "from_iterable" && b.id == Bi::ItChain as u32 {
            return Ok(Some(Value::obj(Gc::new(W_Builtin {
                id: Bi::ItChainFromIterable as u32,
                name: intern("from_iterable"),
                bound: Value::Null,
            }))));
        }
        return Ok(match n {
            "__name__" | "__qualname__" => Some(Value::obj(b.name)),
            "__self__" => Some(b.bound),
            "__doc__" => Some(Value::None),
            _ => None,
        });
    }
    if let Some(m) = obj.as_method() {
        return Ok(match n {
            "__self__" => Some(m.self_),
            "__func__" => Some(m.func),
            _ => getattr_opt(m.func, intern(n))?,
        });
    }
    if let Some(st) = exc_state(obj) {
        return Ok(match n {
            "args" => Some(st.args.get()),
            "__cause__" => Some(st.cause.get()),
            "__context__" => Some(st.context.get()),
            "__suppress_context__" => Some(Value::Bool(st.suppress_context.get())),
            "__traceback__" => Some(match st.tb.get() {
                Some(t) => Value::obj(t),
                None => Value::None,
            }),
            "value" if isinstance(obj, ty(Kind::StopIteration)) => {
                let a = st.args.get();
                Some(match a.as_tuple() {
                    Some(t) if !t.is_empty() => t.get(0),
                    _ => Value::None,
                })
            }
            "code" if isinstance(obj, ty(Kind::SystemExit)) => {
                let a = st.args.get();
                Some(match a.as_tuple() {
                    Some(t) if t.len() == 1 => t.get(0),
                    Some(t) if t.is_empty() => Value::None,
                    _ => a,
                })
            }
            _ => None,
        });
    }
    if let Some(p) = obj.as_property() {
        return Ok(match n {
            "fget" => Some(p.fget),
            "fset" => Some(p.fset),
            "__doc__" => Some(p.doc),
            _ => None,
        });
    }
    if let Some(s) = obj.as_slice() {
        return Ok(match n {
            "start" => Some(s.start),
            "stop" => Some(s.stop),
            "step" => Some(s.step),
            _ => None,
        });
    }
    if let Some(r) = obj.as_range() {
        return Ok(match n {
            "start" => Some(r.start),
            "stop" => Some(r.stop),
            "step" => Some(r.step),
            _ => None,
        });
    }
    if let Some(g) = obj.as_generator() {
        return Ok(match n {
            "__name__" => Some(Value::obj(g.frame.code.name)),
            "__qualname__" => Some(Value::obj(g.frame.code.qualname)),
            _ => None,
        });
    }
    match (n, obj) {
        ("real", Value::Int(_) | Value::Bool(_)) | ("numerator", Value::Int(_)) => {
            Ok(Some(positive(obj)?))
        }
        ("imag", Value::Int(_) | Value::Bool(_)) => Ok(Some(Value::Int(0))),
        ("imag", Value::Float(_)) => Ok(Some(Value::Float(0.0))),
        ("denominator", Value::Int(_)) => Ok(Some(Value::Int(1))),
        ("real", Value::Float(_)) => Ok(Some(obj)),
        _ => Ok(None),
    }
}

/// `obj.name = v`.
pub fn setattr(obj: Value, name: Gc<W_Str>, v: Value) -> PyResult<()> {
    if let Some(inst) = obj.as_instance() {
        let cls = inst.cls.get();
        if let Some(f) = lookup(cls, Value::obj(name))? {
            if let Some(p) = f.as_property() {
                if p.fset.is_none() {
                    return Err(oefmt2(
                        Kind::AttributeError,
                        "property '%S' of '%N' object has no setter",
                        Value::obj(name),
                        Value::obj(cls),
                    ));
                }
                call_values(p.fset, &[obj, v])?;
                return Ok(());
            }
            if f.as_instance().is_some() && has_special(f, "__set__")? {
                call_special(f, "__set__", &[obj, v])?;
                return Ok(());
            }
        }
        if let Some(f) = lookup(cls, Value::obj(intern("__setattr__")))? {
            if f.as_function().is_some() {
                call_values(f, &[obj, Value::obj(name), v])?;
                return Ok(());
            }
        }
        if let Some(st) = inst.exc.get() {
            match name.as_str() {
                "__cause__" => {
                    st.cause.set(v);
                    st.suppress_context.set(true);
                    return Ok(());
                }
                "__context__" => {
                    st.context.set(v);
                    return Ok(());
                }
                "args" => {
                    st.args.set(v);
                    return Ok(());
                }
                _ => {}
            }
        }
        if cls.builtin {
            return Err(attribute_error(obj, name));
        }
        return inst.set_attr(name, v);
    }
    if let Some(t) = obj.as_type() {
        if t.builtin {
            return Err(oefmt_s1(
                Kind::TypeError,
                "cannot set '%s' attribute of immutable type '%N'",
                name.as_str(),
                Value::obj(t),
            ));
        }
        invalidate_method_cache();
        return t.dict.set(Value::obj(name), v);
    }
    if let Some(f) = obj.as_function() {
        match name.as_str() {
            "__name__" => f.name.set(v),
            "__qualname__" => f.qualname.set(v),
            "__doc__" => f.doc.set(v),
            "__defaults__" => f.defaults.set(v),
            _ => {
                let d = match f.dict.get() {
                    Some(d) => d,
                    None => {
                        let d = new_dict();
                        f.dict.set(Some(d));
                        d
                    }
                };
                d.set(Value::obj(name), v)?;
            }
        }
        return Ok(());
    }
    if let Some(m) = obj.as_module() {
        return m.dict.set(Value::obj(name), v);
    }
    if getattr_opt(obj, name)?.is_some() {
        return Err(oefmt2(
            Kind::AttributeError,
            "'%T' object attribute '%S' is read-only",
            obj,
            Value::obj(name),
        ));
    }
    Err(oefmt2(
        Kind::AttributeError,
        "'%T' object has no attribute '%S'",
        obj,
        Value::obj(name),
    ))
}

/// `del obj.name`.
pub fn delattr(obj: Value, name: Gc<W_Str>) -> PyResult<()> {
    if let Some(inst) = obj.as_instance() {
        if let Some(f) = lookup(inst.cls.get(), Value::obj(name))? {
            if let Some(p) = f.as_property() {
                if !p.fdel.is_none() {
                    call_values(p.fdel, &[obj])?;
                    return Ok(());
                }
            }
        }
        if inst.del_attr(name)? {
            return Ok(());
        }
        return Err(attribute_error(obj, name));
    }
    if let Some(t) = obj.as_type() {
        invalidate_method_cache();
        if t.dict.remove(Value::obj(name))?.is_some() {
            return Ok(());
        }
    }
    if let Some(m) = obj.as_module() {
        if m.dict.remove(Value::obj(name))?.is_some() {
            return Ok(());
        }
    }
    if let Some(f) = obj.as_function() {
        if let Some(d) = f.dict.get() {
            if d.remove(Value::obj(name))?.is_some() {
                return Ok(());
            }
        }
    }
    Err(attribute_error(obj, name))
}

/// Calls `obj.name(*args)`.
pub fn call_method(obj: Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let f = getattr(obj, intern(name))?;
    call_values(f, args)
}

/// Whether `v` can be called.
pub fn callable(v: Value) -> PyResult<bool> {
    match v {
        Value::Obj(o) => {
            if o.is::<W_Instance>() {
                return has_special(v, "__call__");
            }
            Ok(matches!(
                kind_of_obj(o),
                Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type
            ) || is_callable(v))
        }
        _ => Ok(false),
    }
}

/// Builds a list value from a slice of values (for helpers).
pub fn list_value(items: &[Value]) -> Value {
    let l = new_list(items.len());
    for &v in items {
        l.append(v);
    }
    Value::obj(l)
}

/// A tuple value of a slice (re-exported for helpers).
pub fn tuple_value(items: &[Value]) -> Value {
    tuple_from(items)
}
