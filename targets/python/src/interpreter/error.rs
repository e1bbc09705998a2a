//! Python exceptions as Rust errors: [`PyErr`] carries the exception instance, and the
//! constructors below make the builtin ones with CPython's messages.

use crate::objspace::instance::{new_instance, W_ExcState, W_Instance};
use crate::objspace::object::Value;
use crate::objspace::space::{root_map, ty};
use crate::objspace::str::str_value;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::{Kind, W_Type};
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
    let inst = new_instance(cls, root_map());
    inst.exc.set(Some(Gc::new(W_ExcState {
        args: GcCell::new(args),
        tb: GcCell::new(None),
        cause: GcCell::new(Value::None),
        context: GcCell::new(Value::None),
        suppress_context: GcCell::new(false),
    })));
    inst
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
    crate::objspace::typeobject::is_subtype(e.exc.cls.get(), ty(kind))
}
