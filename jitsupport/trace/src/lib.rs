//! Pyrite's trace IR: what the optimizer and the backends work on.
//!
//! - [`ops`]: the op table ([`Opcode`], [`Kind`]) with signatures and predicates;
//! - [`trace`]: boxes, values, ops and traces ([`Trace`], [`Op`], [`Value`], [`BoxId`]);
//! - [`descr`]: field, array, size and call descrs with effect info, guard descrs, label
//!   tokens, and the [`DescrTable`] the parser resolves names in;
//! - [`print`] and [`parse`]: the PYPYLOG-style text form, one the inverse of the other;
//! - [`compare`]: equality of traces modulo renaming of boxes, for golden tests;
//! - [`verify`]: the invariants every pass keeps, checked between passes in debug builds;
//! - [`backend`]: the backend interface and the reference backend that executes traces.
//!
//! **Architecture invariant:** this crate knows nothing about jitcode, flowgraphs or
//! interpreters; it depends on nothing but `std`.

pub mod backend;
pub mod compare;
pub mod descr;
pub mod ops;
pub mod optimizeopt;
pub mod parse;
pub mod print;
pub mod trace;
pub mod verify;

pub use compare::equal_traces;
pub use descr::{
    ArrayDescr, CallDescr, Descr, DescrTable, EffectInfo, FieldDescr, FinishDescr, GuardDescr,
    LoopToken, SizeDescr, TargetToken,
};
pub use ops::{Kind, Opcode};
pub use parse::{parse, parse_log, LogSection, ParseError, ParseErrors};
pub use trace::{BoxId, Op, Trace, Value};
pub use verify::{verify, VerifyError};
