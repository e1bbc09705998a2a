//! The eval loop's errors whose messages are formatted: cold, out-of-line helpers that
//! build the exception (PyPy's `oefmt`). They stay outside the core: the JIT calls them
//! as residual functions on paths that raise, and the core keeps no `format!`.

use super::error::{err, type_error, PyErr};
use super::PyResult;
use crate::objspace::function::W_Code;
use crate::objspace::object::Value;
use crate::objspace::ops;
use crate::objspace::space;
use crate::objspace::str::W_Str;
use crate::objspace::typeobject::Kind;
use jitsupport::gc::Gc;

/// The text of a name (a str value; `?` otherwise).
fn text<'a>(name: Value) -> &'a str {
    match name.as_str_obj() {
        Some(s) => s.as_str(),
        None => "?",
    }
}

/// `UnboundLocalError` for the fast local `i` of `code`.
#[cold]
#[inline(never)]
pub fn unbound_local(code: Gc<W_Code>, i: usize) -> PyErr {
    let n = text(Value::Obj(code.varnames.get(i)));
    err(
        Kind::UnboundLocalError,
        &format!("cannot access local variable '{n}' where it is not associated with a value"),
    )
}

/// `NameError` for the free variable `i` of `code`.
#[cold]
#[inline(never)]
pub fn unbound_free(code: Gc<W_Code>, i: usize) -> PyErr {
    let n = text(Value::Obj(code.derefnames.get(i)));
    err(
        Kind::NameError,
        &format!(
            "cannot access free variable '{n}' where it is not associated with a value in enclosing scope"
        ),
    )
}

/// `NameError: name 'x' is not defined`, with the exception's `name` attribute.
#[cold]
#[inline(never)]
pub fn name_not_defined(name: Gc<W_Str>) -> PyErr {
    let e = err(
        Kind::NameError,
        &format!("name '{}' is not defined", name.as_str()),
    );
    match e.exc.set_attr(space::intern("name"), Value::obj(name)) {
        Ok(()) => e,
        Err(other) => other,
    }
}

/// `ValueError` of an unpacking of `got` items into `expected` targets.
#[cold]
#[inline(never)]
pub fn unpack_count(expected: usize, got: usize) -> PyErr {
    let message = if got < expected {
        format!("not enough values to unpack (expected {expected}, got {got})")
    } else {
        format!("too many values to unpack (expected {expected})")
    };
    err(Kind::ValueError, &message)
}

/// `ValueError` of a starred unpacking of `got` items into `expected` other targets.
#[cold]
#[inline(never)]
pub fn unpack_at_least(expected: usize, got: usize) -> PyErr {
    err(
        Kind::ValueError,
        &format!("not enough values to unpack (expected at least {expected}, got {got})"),
    )
}

/// `TypeError` of an unpacking of a value that cannot be iterated.
#[cold]
#[inline(never)]
pub fn cannot_unpack(v: Value) -> PyErr {
    err(
        Kind::TypeError,
        &format!("cannot unpack non-iterable {} object", ops::type_name(v)),
    )
}

/// `ImportError` of `from m import name` when `m` has no `name`.
#[cold]
#[inline(never)]
pub fn cannot_import_name(m: Value, name: Gc<W_Str>) -> PyErr {
    let module = m.as_module();
    let mn = match module {
        Some(m) => m.name.as_str(),
        None => "?",
    };
    let file = match module {
        Some(m) => match m.dict.get(Value::obj(space::intern("__file__"))) {
            Ok(Some(f)) => ops::str_of(f).unwrap_or_default(),
            _ => "unknown location".to_string(),
        },
        None => "unknown location".to_string(),
    };
    err(
        Kind::ImportError,
        &format!(
            "cannot import name '{}' from '{mn}' ({file})",
            name.as_str()
        ),
    )
}

/// `TypeError` of `**v` for a `v` that is not a mapping.
#[cold]
#[inline(never)]
pub fn not_a_mapping<T>(v: Value) -> PyResult<T> {
    type_error(&format!("'{}' object is not a mapping", ops::type_name(v)))
}

/// `TypeError` of a keyword given twice to `callee` (`f() got multiple values for
/// keyword argument 'x'`).
#[cold]
#[inline(never)]
pub fn multiple_values<T>(callee: Value, key: Value) -> PyResult<T> {
    let who = match callee.as_function() {
        Some(f) => {
            let m = match f.globals.get(Value::obj(space::intern("__name__")))? {
                Some(n) => ops::str_of(n)?,
                None => String::new(),
            };
            let q = ops::str_of(f.qualname.get())?;
            if m.is_empty() || m == "builtins" {
                format!("{q}()")
            } else {
                format!("{m}.{q}()")
            }
        }
        None => match callee {
            Value::Null => String::new(),
            c => format!(
                "{}()",
                ops::str_of(ops::getattr(c, space::intern("__name__")).unwrap_or(Value::None))?
            ),
        },
    };
    let sep = if who.is_empty() { "" } else { " " };
    type_error(&format!(
        "{who}{sep}got multiple values for keyword argument '{}'",
        ops::str_of(key)?
    ))
}
