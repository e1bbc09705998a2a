//! A Python 3 interpreter written on Pyrite (issue 13).
//!
//! In pipeline order: `front` (ruff's parser, lowered to our AST), `compile` (symbol
//! tables and the compiler to our bytecode, with its disassembler), then the core:
//! `interpreter` (frames, the eval loop, calls, the loader, errors) and `objspace`
//! (values and one module per type), with `module` (builtins and the builtin modules)
//! and `run` (the driver that runs a program on its own thread and prints uncaught
//! exceptions as CPython does).

#![allow(non_camel_case_types)]

pub mod cli;
pub mod compile;
pub mod error;
pub mod front;
// The core (in these three) is written in the toolchain's subset, which has no
// closures: an `Option` is mapped with a `match`, not `Option::map(|x| ..)`.
#[allow(clippy::manual_map)]
pub mod interpreter;
#[allow(clippy::manual_map)]
pub mod module;
#[allow(clippy::manual_map)]
pub mod objspace;
pub mod run;

pub use error::{CompileError, ErrorKind};
