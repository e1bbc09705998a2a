//! The output of stackvm programs, through the sink shared by the targets
//! ([`crate::output`]: a buffered stdout, or a buffer when capturing).
//!
//! The interpreter core prints through [`print`], a call out of the interpreter module
//! (residual for the JIT).

use crate::interp::core::Value;
pub use crate::output::{capture, flush};

/// Prints `v` and a newline.
pub fn print(v: Value) {
    crate::output::print_line(show(v));
}

/// The printed form of a value: `nil`, an integer, a float (always with a `.` or an
/// exponent, so that `2.0` does not print as `2`), a string's text, `<object>`.
pub fn show(v: Value) -> String {
    match v {
        Value::Nil => "nil".to_owned(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => s.as_str().to_owned(),
        Value::Obj(_) => "<object>".to_owned(),
    }
}
