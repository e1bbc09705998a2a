//! Python exceptions as Rust errors: [`PyErr`] carries the exception instance, and the
//! constructors below make the builtin ones with CPython's messages.

use crate::objspace::instance::{new_instance, W_ExcState, W_Instance};
use crate::objspace::object::Value;
use crate::objspace::space::intern;
use crate::objspace::space::{root_map, ty};
use crate::objspace::str::str_value;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::{is_subtype, Kind, W_Type};
use jitsupport::gc::{Gc, GcCell};

/// A raised Python exception: the exception instance (its traceback grows as it
/// leaves frames).
#[derive(Clone, Copy)]
pub struct PyErr {
    pub exc: Gc<W_Instance>,
}

pub type PyResult<T> = Result<T, PyErr>;

/// A new exception instance of class `cls` with `args` (a tuple value).
pub fn new_exception(cls: Gc<W_Type>, args: Value) -> Gc<W_Instance> {
    let os_error = is_subtype(cls, ty(Kind::OSError));
    let cls = if os_error && Gc::ptr_eq(cls, ty(Kind::OSError)) {
        os_error_subclass(args).unwrap_or(cls)
    } else {
        cls
    };
    let inst = new_instance(cls, root_map());
    if os_error {
        set_os_error_attrs(inst, args);
    }
    inst.exc.set(Some(Gc::new(W_ExcState {
        args: GcCell::new(args),
        tb: GcCell::new(None),
        cause: GcCell::new(Value::None),
        context: GcCell::new(Value::None),
        suppress_context: GcCell::new(false),
    })));
    inst
}

/// The subclass `OSError(errno, strerror, ...)` makes for a known errno (CPython's
/// table, with Linux's numbers).
fn os_error_subclass(args: Value) -> Option<Gc<W_Type>> {
    let t = args.as_tuple()?;
    if t.len() < 2 || t.len() > 5 {
        return None;
    }
    let Value::Int(errno) = t.get(0) else {
        return None;
    };
    let kind = match errno {
        1 | 13 => Kind::PermissionError,
        2 => Kind::FileNotFoundError,
        3 => Kind::ProcessLookupError,
        4 => Kind::InterruptedError,
        10 => Kind::ChildProcessError,
        11 | 114 | 115 => Kind::BlockingIOError,
        17 => Kind::FileExistsError,
        20 => Kind::NotADirectoryError,
        21 => Kind::IsADirectoryError,
        32 | 108 => Kind::BrokenPipeError,
        104 => Kind::ConnectionResetError,
        110 => Kind::TimeoutError,
        111 => Kind::ConnectionRefusedError,
        _ => return None,
    };
    Some(ty(kind))
}

/// `errno`, `strerror`, `filename` and `filename2` of an `OSError`: the first
/// arguments when two to five are given, else `None`.
pub fn set_os_error_attrs(inst: Gc<W_Instance>, args: Value) {
    let names = ["errno", "strerror", "filename", "", "filename2"];
    let t = args.as_tuple();
    let n = match t {
        Some(t) => t.len(),
        None => 0,
    };
    let mut i = 0;
    while i < names.len() {
        if i != 3 {
            let v = match t {
                Some(t) if (2..=5).contains(&n) && i < n => t.get(i),
                _ => Value::None,
            };
            let _ = inst.set_attr(intern(names[i]), v);
        }
        i += 1;
    }
}

/// The error raising builtin exception `kind` with message `msg`.
pub fn err(kind: Kind, msg: &str) -> PyErr {
    let args = tuple_from(&[str_value(msg)]);
    PyErr {
        exc: new_exception(ty(kind), args),
    }
}

/// The error raising `kind` with `args` (a tuple value).
pub fn err_args(kind: Kind, args: Value) -> PyErr {
    PyErr {
        exc: new_exception(ty(kind), args),
    }
}

pub fn type_error<T>(msg: &str) -> PyResult<T> {
    Err(err(Kind::TypeError, msg))
}
pub fn value_error<T>(msg: &str) -> PyResult<T> {
    Err(err(Kind::ValueError, msg))
}
pub fn index_error<T>(msg: &str) -> PyResult<T> {
    Err(err(Kind::IndexError, msg))
}
pub fn zero_division<T>(msg: &str) -> PyResult<T> {
    Err(err(Kind::ZeroDivisionError, msg))
}
pub fn overflow<T>(msg: &str) -> PyResult<T> {
    Err(err(Kind::OverflowError, msg))
}

/// `KeyError(key)`.
pub fn key_error<T>(key: Value) -> PyResult<T> {
    Err(err_args(Kind::KeyError, tuple_from(&[key])))
}

/// Whether the error is an instance of builtin exception `kind`.
pub fn matches(e: PyErr, kind: Kind) -> bool {
    is_subtype(e.exc.cls.get(), ty(kind))
}
