//! The interpreter core: frames ([`frame`]), the eval loop ([`eval`]), calls and
//! argument parsing ([`call`]), the loader of compiled code ([`loader`]) and errors
//! with their tracebacks ([`error`]).
//!
//! Shape (issue 13): this is what goes inside `#[jitsupport::interpreter]` once the
//! toolchain's subset has GC objects, classes, `Result` and strings: plain structs,
//! `Copy` values, free functions, `match` on opcodes and kinds, `Result<_, PyErr>` with
//! `?` for Python exceptions, no trait objects or closures in the eval loop, and no
//! `std` collections inside heap objects.

pub mod bytecode;
pub mod call;
pub mod error;
pub mod eval;
pub mod executioncontext;
pub mod frame;
pub mod loader;
pub mod messages;

pub use error::{PyErr, PyResult};
