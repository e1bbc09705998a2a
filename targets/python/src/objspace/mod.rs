//! The object space: [`object::Value`] (unboxed values) and [`object::GcAny`] (untyped
//! handles), one module per type, the generic operations ([`ops`]) and the space's
//! globals ([`space`]).

pub mod bigint;
pub mod dict;
pub mod format;
pub mod function;
pub mod heapbytes;
pub mod instance;
pub mod int;
pub mod list;
pub mod misc;
pub mod mro;
pub mod object;
pub mod ops;
pub mod range;
pub mod repr;
pub mod set;
pub mod space;
pub mod str;
pub mod threadlocal;
pub mod tuple;
pub mod typeobject;
