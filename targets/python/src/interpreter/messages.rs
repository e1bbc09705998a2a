//! The errors of the eval loop and of calls whose messages are formatted: cold, out-of-line helpers that
//! build the exception (PyPy's `oefmt`). They stay outside the core: the JIT calls them
//! as residual functions on paths that raise, and the core keeps no `format!`.

use super::error::{err, type_error, PyErr};
use super::PyResult;
use crate::objspace::function::W_Code;
use crate::objspace::object::Value;
use crate::objspace::ops;
use crate::objspace::space;
use crate::objspace::str::W_Str;
use crate::objspace::typeobject::{Kind, W_Type};
use jitsupport::gc::{Gc, GcArray};

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

/// `TypeError` of a call with `given` positional arguments, more than `code` takes
/// (CPython's `too_many_positional`, after the keywords are bound in `slots`).
#[cold]
#[inline(never)]
pub fn too_many_positional(
    code: Gc<W_Code>,
    given: usize,
    ndefaults: usize,
    slots: GcArray<Value>,
) -> PyErr {
    let name = code.qualname.as_str();
    let argc = code.argcount as usize;
    // The keyword-only parameters given, bound already.
    let mut kwonly_given = 0;
    let mut i = argc;
    while i < argc + code.kwonlyargcount as usize {
        if !slots.get(i).is_null() {
            kwonly_given += 1;
        }
        i += 1;
    }
    let takes = if ndefaults > 0 {
        format!("from {} to {} positional arguments", argc - ndefaults, argc)
    } else if argc == 1 {
        "1 positional argument".to_string()
    } else {
        format!("{argc} positional arguments")
    };
    let kwonly = if kwonly_given > 0 {
        format!(
            " positional argument{} (and {kwonly_given} keyword-only argument{})",
            if given == 1 { "" } else { "s" },
            if kwonly_given == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let was = if given == 1 && kwonly_given == 0 {
        "was"
    } else {
        "were"
    };
    err(
        Kind::TypeError,
        &format!("{name}() takes {takes} but {given}{kwonly} {was} given"),
    )
}

fn missing(code: Gc<W_Code>, names: &[String], kind: &str) -> PyErr {
    let n = names.len();
    let list = match n {
        1 => format!("'{}'", names[0]),
        2 => format!("'{}' and '{}'", names[0], names[1]),
        _ => {
            let init: Vec<String> = names[..n - 1].iter().map(|s| format!("'{s}'")).collect();
            format!("{}, and '{}'", init.join(", "), names[n - 1])
        }
    };
    err(
        Kind::TypeError,
        &format!(
            "{}() missing {n} required {kind} argument{}: {list}",
            code.qualname.as_str(),
            if n == 1 { "" } else { "s" }
        ),
    )
}

/// `TypeError` of a call that left parameters `from..to` of `code` without a value
/// (those still empty in `slots` are named).
#[cold]
#[inline(never)]
pub fn missing_arguments(
    code: Gc<W_Code>,
    slots: GcArray<Value>,
    from: usize,
    to: usize,
    kind: &str,
) -> PyErr {
    let mut names = Vec::new();
    let mut i = from;
    while i < to {
        if slots.get(i).is_null() {
            names.push(text(Value::Obj(code.varnames.get(i))).to_string());
        }
        i += 1;
    }
    missing(code, &names, kind)
}

/// `TypeError` of calling something that is not callable.
#[cold]
#[inline(never)]
pub fn not_callable(f: Value) -> PyErr {
    err(
        Kind::TypeError,
        &format!("'{}' object is not callable", ops::type_name(f)),
    )
}

/// `TypeError` of an `__init__` that returned `r`, not `None`.
#[cold]
#[inline(never)]
pub fn init_returned(r: Value) -> PyErr {
    err(
        Kind::TypeError,
        &format!("__init__() should return None, not '{}'", ops::type_name(r)),
    )
}

/// `TypeError` of arguments given to a class whose instances take none.
#[cold]
#[inline(never)]
pub fn takes_no_arguments(t: Gc<W_Type>) -> PyErr {
    err(
        Kind::TypeError,
        &format!("{}() takes no arguments", t.name_str()),
    )
}

/// `TypeError` of a parameter given both by position and by keyword.
#[cold]
#[inline(never)]
pub fn multiple_values_for(code: Gc<W_Code>, name: Gc<W_Str>) -> PyErr {
    err(
        Kind::TypeError,
        &format!(
            "{}() got multiple values for argument '{}'",
            code.qualname.as_str(),
            name.as_str()
        ),
    )
}

/// `TypeError` of a positional-only parameter passed by keyword.
#[cold]
#[inline(never)]
pub fn positional_only_as_keyword(code: Gc<W_Code>, name: Gc<W_Str>) -> PyErr {
    err(
        Kind::TypeError,
        &format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            code.qualname.as_str(),
            name.as_str()
        ),
    )
}

/// `TypeError` of a keyword naming no parameter.
#[cold]
#[inline(never)]
pub fn unexpected_keyword(code: Gc<W_Code>, name: Gc<W_Str>) -> PyErr {
    err(
        Kind::TypeError,
        &format!(
            "{}() got an unexpected keyword argument '{}'",
            code.qualname.as_str(),
            name.as_str()
        ),
    )
}

// ---- oefmt: messages with conversions (PyPy's `oefmt`) ----
//
// The core raises a formatted error by naming the conversions in a constant template
// and passing the values: `Err(oefmt(Kind::TypeError, "'%T' object is not iterable",
// v))`. The helper builds the text out of line, so the core keeps no `format!`, and the
// template is a constant the JIT passes as it is. Conversions, each taking the next
// value: `%T` the name of the value's type, `%N` the name of a type object (the value
// itself), `%R` its repr, `%S` its str, `%d` an int value in decimal, `%c` an int value
// as a character; `%s` takes the
// text argument of [`oefmt_s`] and friends; `%%` is a `%`. A repr or str that raises
// makes that error the result (as `format!("{}", repr(x)?)` did).

/// The message of `fmt` with its conversions applied to `text` and `args`.
fn expand(fmt: &str, text: &str, args: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let conv = chars.next().unwrap_or('%');
        if conv == '%' {
            out.push('%');
            continue;
        }
        if conv == 's' {
            out.push_str(text);
            continue;
        }
        let v = args.get(next).copied().unwrap_or(Value::None);
        next += 1;
        match conv {
            'T' => out.push_str(ops::type_name(v)),
            'N' => match v.as_type() {
                Some(t) => out.push_str(t.name_str()),
                None => out.push('?'),
            },
            'R' => out.push_str(&ops::repr(v)?),
            'S' => out.push_str(&ops::str_of(v)?),
            'c' => match v {
                Value::Int(i) => out.push(char::from_u32(i as u32).unwrap_or('?')),
                other => out.push_str(&ops::repr(other)?),
            },
            'd' => match v {
                Value::Int(i) => out.push_str(&i.to_string()),
                other => out.push_str(&ops::repr(other)?),
            },
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn build(kind: Kind, fmt: &str, text: &str, args: &[Value]) -> PyErr {
    match expand(fmt, text, args) {
        Ok(message) => err(kind, &message),
        Err(e) => e,
    }
}

/// The error `kind` with the message `fmt` applied to `a` (see the conversions above).
#[cold]
#[inline(never)]
pub fn oefmt(kind: Kind, fmt: &str, a: Value) -> PyErr {
    build(kind, fmt, "", &[a])
}

/// [`oefmt`] with two values.
#[cold]
#[inline(never)]
pub fn oefmt2(kind: Kind, fmt: &str, a: Value, b: Value) -> PyErr {
    build(kind, fmt, "", &[a, b])
}

/// [`oefmt`] with three values.
#[cold]
#[inline(never)]
pub fn oefmt3(kind: Kind, fmt: &str, a: Value, b: Value, c: Value) -> PyErr {
    build(kind, fmt, "", &[a, b, c])
}

/// [`oefmt`] with a text (`%s`) and no value.
#[cold]
#[inline(never)]
pub fn oefmt_s(kind: Kind, fmt: &str, text: &str) -> PyErr {
    build(kind, fmt, text, &[])
}

/// [`oefmt`] with a text (`%s`) and a value.
#[cold]
#[inline(never)]
pub fn oefmt_s1(kind: Kind, fmt: &str, text: &str, a: Value) -> PyErr {
    build(kind, fmt, text, &[a])
}

/// [`oefmt`] with a text (`%s`) and two values.
#[cold]
#[inline(never)]
pub fn oefmt_s2(kind: Kind, fmt: &str, text: &str, a: Value, b: Value) -> PyErr {
    build(kind, fmt, text, &[a, b])
}
