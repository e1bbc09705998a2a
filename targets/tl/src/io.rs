//! The output of tl programs, through the sink shared by the targets ([`crate::output`]:
//! a buffered stdout, or a buffer when capturing).
//!
//! The interpreter core prints through [`print_int`], a call out of the interpreter
//! module (residual for the JIT).

pub use crate::output::{capture, flush};

/// Prints `value` as a decimal line.
pub fn print_int(value: i64) {
    crate::output::print_line(value);
}
