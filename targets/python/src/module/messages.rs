//! The errors of the builtin functions and modules whose messages need more than
//! [`oefmt`](crate::interpreter::messages::oefmt)'s conversions: cold, out-of-line
//! helpers outside the core, called on paths that raise (as
//! `interpreter/messages.rs` is for the eval loop).

use super::table::{Bi, Place, TABLE};
use crate::interpreter::error::{err, PyErr};
use crate::objspace::typeobject::Kind;

/// CPython's errors for a `METH_NOARGS` (`no_args`) or `METH_O` builtin called with
/// `given` positional arguments or with keywords: `len() takes exactly one argument
/// (2 given)`, `str.upper() takes no arguments (1 given)`, `len() takes no keyword
/// arguments`.
#[cold]
#[inline(never)]
pub fn arity_error(bi: Bi, keywords: bool, no_args: bool, given: usize) -> PyErr {
    let (_, name, place) = TABLE[bi as usize];
    let qual = match place {
        Place::Type(k) => format!("{}.{name}", k.name()),
        Place::Module(_) => name.to_string(),
    };
    let message = if keywords {
        format!("{qual}() takes no keyword arguments")
    } else if no_args {
        format!("{qual}() takes no arguments ({given} given)")
    } else {
        format!("{qual}() takes exactly one argument ({given} given)")
    };
    err(Kind::TypeError, &message)
}

/// `zip(strict=True)`'s error: argument `i` (0-based, `i > 0`) is `what` ("shorter"
/// or "longer") than the ones before it.
#[cold]
#[inline(never)]
pub fn zip_length_error(i: usize, what: &str) -> PyErr {
    let before = if i > 1 {
        format!("s 1-{i}")
    } else {
        " 1".to_string()
    };
    err(
        Kind::ValueError,
        &format!("zip() argument {} is {what} than argument{before}", i + 1),
    )
}
