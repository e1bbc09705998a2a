//! Reprs and strs of the builtin objects as Rust text, outside the core: the JIT
//! calls [`repr`] and [`str_of`] as residual functions (PyPy's JIT calls out for
//! its string formatting too). A user-defined `__repr__` or `__str__` is still run by
//! the core's call machinery, from here. Numbers are formatted by [`super::format`].

use super::dict::W_Dict;
use super::format::float_repr;
use super::format::str_digits_error;
use super::function::*;
use super::instance::W_Instance;
use super::int::{str_digits_exceeded, to_big};
use super::list::W_List;
use super::misc::*;
use super::object::{GcAny, Value};
use super::ops::{as_str, bytes_of, call_special, has_special, isinstance, type_name};
use super::range::W_Range;
use super::space::{ec, ellipsis, intern, not_implemented, ty};
use super::str::W_Str;
use super::tuple::W_Tuple;
use super::typeobject::{is_subtype, Kind, W_Type};
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::module::builtins::list_of;
use crate::module::collections::collections_repr;
use jitsupport::gc::Gc;

/// `repr(v)` as Rust text.
pub fn repr(v: Value) -> PyResult<String> {
    match v {
        Value::Null => Ok("<NULL>".into()),
        Value::None => Ok("None".into()),
        Value::Bool(b) => Ok(if b { "True".into() } else { "False".into() }),
        Value::Int(i) => Ok(i.to_string()),
        Value::Float(f) => Ok(float_repr(f)),
        Value::Obj(o) => repr_obj(v, o),
    }
}

fn repr_obj(v: Value, o: GcAny) -> PyResult<String> {
    let container = o.is::<W_List>() || o.is::<W_Dict>() || o.is::<W_Instance>();
    if !container {
        return repr_obj_inner(v, o);
    }
    // The containers whose repr is being built (to print `[...]` for a cycle).
    let ec = ec();
    let guard = ec.repr_guard;
    let depth = ec.repr_depth.get();
    let mut seen = false;
    let mut i = 0;
    while i < depth {
        if guard.get(i).is(v) {
            seen = true;
            break;
        }
        i += 1;
    }
    if seen {
        if o.is::<W_List>() {
            return Ok("[...]".into());
        }
        if o.is::<W_Dict>() {
            return Ok("{...}".into());
        }
    }
    if depth > crate::interpreter::executioncontext::MAX_REPR_DEPTH {
        return Err(err(
            Kind::RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    guard.set(depth, v);
    ec.repr_depth.set(depth + 1);
    let r = repr_obj_inner(v, o);
    ec.repr_depth.set(depth);
    r
}

fn repr_obj_inner(v: Value, o: GcAny) -> PyResult<String> {
    if let Some(s) = o.downcast::<W_Str>() {
        return Ok(repr_str(s.as_str()));
    }
    if let Some(inst) = o.downcast::<W_Instance>() {
        if let Some(r) = call_special(v, "__repr__", &[])? {
            return match as_str(r) {
                Some(s) => Ok(s.as_str().to_string()),
                None => type_error(&format!(
                    "__repr__ returned non-string (type {})",
                    type_name(r)
                )),
            };
        }
        let cls = inst.cls.get();
        if let Some(st) = inst.exc.get() {
            return exception_repr(cls.name_str(), st.args.get());
        }
        if v.is(not_implemented()) {
            return Ok("NotImplemented".into());
        }
        if v.is(ellipsis()) {
            return Ok("Ellipsis".into());
        }
        if let Value::Obj(b) = inst.base.get() {
            if cls.kind != Kind::Object {
                return repr(Value::Obj(b));
            }
        }
        return Ok(format!(
            "<{}.{} object at {:#x}>",
            module_of_type(cls),
            cls.qualname.get().as_str(),
            o.addr()
        ));
    }
    if let Some(l) = o.downcast::<W_List>() {
        let mut s = String::from("[");
        let mut i = 0;
        while i < l.len() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&repr(l.get(i))?);
            i += 1;
        }
        s.push(']');
        return Ok(s);
    }
    if let Some(t) = o.downcast::<W_Tuple>() {
        let mut s = String::from("(");
        let mut i = 0;
        while i < t.len() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&repr(t.get(i))?);
            i += 1;
        }
        if t.len() == 1 {
            s.push(',');
        }
        s.push(')');
        return Ok(s);
    }
    if let Some(d) = o.downcast::<W_Dict>() {
        return repr_dict(d);
    }
    if let Some(s) = o.downcast::<W_Set>() {
        let name = if s.frozen { "frozenset" } else { "set" };
        if s.dict.is_empty() {
            return Ok(format!("{name}()"));
        }
        let mut out = String::new();
        if s.frozen {
            out.push_str("frozenset(");
        }
        out.push('{');
        let d = s.dict;
        let mut first = true;
        let mut i = 0;
        while let Some(e) = d.next_live_entry(&mut i) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(&repr(e.key)?);
        }
        out.push('}');
        if s.frozen {
            out.push(')');
        }
        return Ok(out);
    }
    if o.is::<W_Long>() {
        let text = to_big(v).map(|b| b.to_string()).unwrap_or_default();
        if str_digits_exceeded(text.trim_start_matches('-').len()) {
            return value_error(&str_digits_error());
        }
        return Ok(text);
    }
    if let Some(r) = o.downcast::<W_Range>() {
        return Ok(if matches!(r.step, Value::Int(1)) {
            format!("range({}, {})", repr(r.start)?, repr(r.stop)?)
        } else {
            format!(
                "range({}, {}, {})",
                repr(r.start)?,
                repr(r.stop)?,
                repr(r.step)?
            )
        });
    }
    if let Some(s) = o.downcast::<W_Slice>() {
        return Ok(format!(
            "slice({}, {}, {})",
            repr(s.start)?,
            repr(s.stop)?,
            repr(s.step)?
        ));
    }
    if let Some(t) = o.downcast::<W_Type>() {
        let m = module_of_type(t);
        if m == "builtins" {
            return Ok(format!("<class '{}'>", t.name_str()));
        }
        return Ok(format!("<class '{}.{}'>", m, t.qualname.get().as_str()));
    }
    if let Some(f) = o.downcast::<W_Function>() {
        let q = as_str(f.qualname.get()).map(|s| s.as_str()).unwrap_or("?");
        return Ok(format!("<function {} at {:#x}>", q, o.addr()));
    }
    if let Some(b) = o.downcast::<W_Builtin>() {
        if b.bound.is_null() || b.bound.as_module().is_some() {
            return Ok(format!("<built-in function {}>", b.name.as_str()));
        }
        return Ok(format!(
            "<built-in method {} of {} object at {:#x}>",
            b.name.as_str(),
            type_name(b.bound),
            o.addr()
        ));
    }
    if let Some(m) = o.downcast::<W_Method>() {
        let q = match m.func.as_function() {
            Some(f) => as_str(f.qualname.get()).map(|s| s.as_str()).unwrap_or("?"),
            None => "?",
        };
        return Ok(format!("<bound method {} of {}>", q, repr(m.self_)?));
    }
    if let Some(m) = o.downcast::<W_Module>() {
        return Ok(format!("<module '{}'>", m.name.as_str()));
    }
    if let Some(b) = bytes_of(v) {
        let r = bytes_repr(b);
        if o.is::<W_ByteArray>() {
            return Ok(format!("bytearray({r})"));
        }
        return Ok(r);
    }
    if let Some(d) = o.downcast::<W_DictView>() {
        let name = ["dict_keys", "dict_values", "dict_items"][d.kind as usize];
        let l = list_of(v)?;
        return Ok(format!("{name}({})", repr(Value::obj(l))?));
    }
    if let Some(g) = o.downcast::<crate::interpreter::frame::W_Generator>() {
        return Ok(format!(
            "<generator object {} at {:#x}>",
            g.frame.code.qualname.as_str(),
            o.addr()
        ));
    }
    if let Some(r) = collections_repr(v)? {
        return Ok(r);
    }
    if let Some(c) = o.downcast::<W_Cell>() {
        return Ok(format!(
            "<cell at {:#x}: {}>",
            o.addr(),
            type_name(c.value.get())
        ));
    }
    Ok(format!("<{} object at {:#x}>", type_name(v), o.addr()))
}

fn repr_dict(d: Gc<W_Dict>) -> PyResult<String> {
    let mut s = String::from("{");
    let mut first = true;
    let mut i = 0;
    while let Some(e) = d.next_live_entry(&mut i) {
        if !first {
            s.push_str(", ");
        }
        first = false;
        s.push_str(&repr(e.key)?);
        s.push_str(": ");
        s.push_str(&repr(e.value)?);
    }
    s.push('}');
    Ok(s)
}

/// The repr of bytes, `b'...'`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::from("b");
    s.push(quote);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            c if c as char == quote => {
                s.push('\\');
                s.push(quote)
            }
            0x20..=0x7e => s.push(c as char),
            c => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(quote);
    s
}

/// The `__module__` of a class, as text.
pub fn module_of_type<'a>(t: Gc<W_Type>) -> &'a str {
    if t.builtin {
        // The one builtin type a module defines.
        return if t.kind == Kind::Random {
            "random"
        } else {
            "builtins"
        };
    }
    match t.dict.get(Value::obj(intern("__module__"))) {
        Ok(Some(v)) => as_str(v).map(|s| s.as_str()).unwrap_or("__main__"),
        _ => "__main__",
    }
}

/// `str(v)` as Rust text.
pub fn str_of(v: Value) -> PyResult<String> {
    if let Some(s) = as_str(v) {
        return Ok(s.as_str().to_string());
    }
    if let Some(inst) = v.as_instance() {
        if let Some(r) = call_special(v, "__str__", &[])? {
            return match as_str(r) {
                Some(s) => Ok(s.as_str().to_string()),
                None => type_error(&format!(
                    "__str__ returned non-string (type {})",
                    type_name(r)
                )),
            };
        }
        if let Some(st) = inst.exc.get() {
            if has_special(v, "__repr__")? && !inst.cls.get().builtin {
                // A user exception with __repr__ only still prints its args.
            }
            let args = st.args.get();
            return match args.as_tuple() {
                Some(t) if t.is_empty() => Ok(String::new()),
                Some(t) if t.len() == 1 => {
                    if is_subtype(inst.cls.get(), ty(Kind::KeyError)) {
                        repr(t.get(0))
                    } else {
                        str_of(t.get(0))
                    }
                }
                _ => repr(args),
            };
        }
    }
    repr(v)
}

/// The repr of a str, as CPython writes it (quotes chosen the same way).
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !is_printable(c) => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Whether `repr` shows `c` as it is (an approximation of `str.isprintable` for one
/// character: controls, separators other than space, format characters and
/// unassigned code points are escaped).
pub fn is_printable(c: char) -> bool {
    let n = c as u32;
    !(n < 0x20
        || (0x7f..=0xa0).contains(&n)
        || n == 0xad
        || n == 0x1680
        || (0x2000..=0x200f).contains(&n)
        || (0x2028..=0x202f).contains(&n)
        || (0x205f..=0x2064).contains(&n)
        || n == 0x3000
        || n == 0xfeff
        || (0xd800..=0xdfff).contains(&n)
        || (0xe000..=0xf8ff).contains(&n)
        || (0xfff0..=0xfffb).contains(&n))
}

/// `ascii(repr)`: non-ASCII characters escaped.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// The repr of an exception of class `name` with the tuple `args`: `ValueError('x')`,
/// `KeyError(1, 2)`.
pub fn exception_repr(name: &str, args: Value) -> PyResult<String> {
    let inner = match args.as_tuple() {
        Some(t) if t.len() == 1 => format!("({})", repr(t.get(0))?),
        _ => repr(args)?,
    };
    Ok(format!("{name}{inner}"))
}

/// `object.__repr__(v)`: `<module.Class object at 0x...>`.
pub fn default_repr(v: Value) -> String {
    let t = super::ops::type_of(v);
    let addr = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    format!(
        "<{}.{} object at {:#x}>",
        module_of_type(t),
        t.qualname.get().as_str(),
        addr
    )
}

/// The str of an `OSError` with an errno and a strerror: `[Errno 2] No such file`,
/// with `: 'name'` when it has a filename (and ` -> 'name2'` with a second one).
pub fn os_error_str(e: Value) -> PyResult<Option<String>> {
    let Some(i) = e.as_instance() else {
        return Ok(None);
    };
    if !isinstance(e, ty(Kind::OSError)) {
        return Ok(None);
    }
    let get = |n: &str| i.get_attr(intern(n)).unwrap_or(Value::None);
    let (errno, strerror) = (get("errno"), get("strerror"));
    if errno.is_none() || strerror.is_none() {
        return Ok(None);
    }
    let mut s = format!("[Errno {}] {}", str_of(errno)?, str_of(strerror)?);
    let f = get("filename");
    if !f.is_none() {
        s.push_str(&format!(": {}", repr(f)?));
        let f2 = get("filename2");
        if !f2.is_none() {
            s.push_str(&format!(" -> {}", repr(f2)?));
        }
    }
    Ok(Some(s))
}
