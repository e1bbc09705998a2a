//! A Python 3 interpreter written on Pyrite (issue 13), being written.
//!
//! Outside the core, in pipeline order: `front` (ruff's parser, lowered to our AST),
//! `compile` (symbol tables and the compiler to our bytecode, with its disassembler).
//! The core (eval loop and object space inside `#[jitsupport::interpreter]`) comes next.

pub mod cli;
pub mod compile;
pub mod error;
pub mod front;

pub use error::{CompileError, ErrorKind};
