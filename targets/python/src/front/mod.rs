//! The front end: source text to our AST.
//!
//! `lower` parses with ruff's parser and lowers ruff's tree to `ast` (the only module
//! that names a ruff type); `lines` turns byte offsets into lines and columns.

pub mod ast;
pub mod lines;
mod lower;

pub use lower::{parse, MAX_NESTING};
