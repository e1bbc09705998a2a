//! Pyrite's runtime crate: what an interpreter author writes against.
//!
//! The core of an interpreter lives in an inline module marked
//! [`#[jitsupport::interpreter]`](interpreter). Inside it, the author declares a
//! [`JitDriver`] with its greens and reds, marks the top of the dispatch loop with
//! [`jit_merge_point!`] and backward jumps of the user's program with [`can_enter_jit!`],
//! and gives hints: [`promote`], [`we_are_jitted`], and the function attributes
//! [`elidable`], [`dont_look_inside`], [`unroll_safe`], [`loop_invariant`]; struct fields
//! may be marked `#[immutable]`.
//!
//! Natively, all of these compile to nothing: the interpreter runs as the author wrote it.
//!
//! # `#[immutable]` fields
//!
//! A field marked `#[immutable]` is never written after construction, and the JIT folds
//! its reads on a constant object to constants. A field holding a struct, `List`, array or
//! tuple inline is immutable all the way down: its length, items and fields are folded
//! too. The macro checks the promise (`annotator::immutable`, RPython's rule for
//! `_immutable_fields_`): only the function that creates the object (the struct literal,
//! or the `List::new()` / `List::with_capacity(n)` / array that goes into it) may write
//! such a field or inside it; anywhere else `p.code[i] = v`, `p.code.push(v)`,
//! `p.code.pop()`, `p.size = n`, `&mut p.code` and calls of `&mut self` methods on it are
//! compile errors. Build the value whole (fill a list, then write the struct literal), or
//! drop `#[immutable]`. Bodies the analysis does not see (`#[dont_look_inside]`
//! functions, code outside the module) are not checked.
//! The JIT (a later part of the toolchain) gives them their meaning.
//!
//! # `#[quasi_immutable]` fields
//!
//! A field marked `#[quasi_immutable]` (RPython's `x?`) is rarely written: the JIT folds
//! its reads on a constant object and invalidates that code when the field is written.
//! Every write goes through [`quasi_write!`] (the analysis rejects any other write it
//! sees), which stores and invalidates; see [`metainterp::quasi`].
//!
//! Beside the native code, the macro emits the module's jitcode as static data
//! (`core::__pyrite::jitcodes()`, a [`jitcode::JitCodes`]), which the [`blackhole`]
//! interpreter runs; with the cargo feature `testing`, the module `testing` (not in the docs of
//! a default build) runs a target's programs natively and through the blackhole and
//! compares them.

pub mod blackhole;
mod driver;
pub mod gcjit;
mod hints;
pub mod jit;
/// The collector of interpreter objects (`jitsupport/gc`): `Gc<T>`, `GcCell`, `GcArray`.
pub use jitsupport_gc as gc;
pub mod gcroots;
pub use jitsupport_jitcode as jitcode;
pub mod list;
pub mod llmath;
pub mod llresult;
pub mod metainterp;
#[doc(hidden)]
pub mod shim;
mod strings;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use driver::JitDriver;
pub use hints::{promote, we_are_jitted};
pub use jitsupport_gc::{Gc, GcAny, GcArray, GcCell, GcStr, StrBuilder};
pub use jitsupport_macros::{dont_look_inside, elidable, interpreter, loop_invariant, unroll_safe};
pub use list::List;
pub use metainterp::force_virtualizable;
