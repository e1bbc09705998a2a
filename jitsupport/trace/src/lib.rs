//! Pyrite's trace IR: what the optimizer and the backends work on.
//!
//! - [`ops`]: the op table ([`Opcode`], [`Kind`]) with signatures and predicates;
//! - [`trace`]: boxes, values, ops and traces ([`Trace`], [`Op`], [`Value`], [`BoxId`]);
//! - [`descr`]: field, array, size and call descrs with effect info, guard descrs, label
//!   tokens, and the [`DescrTable`] the parser resolves names in;
//! - [`print`](mod@print) and [`parse`](mod@parse): the PYPYLOG-style text form, one the inverse of the other;
//! - [`compare`]: equality of traces modulo renaming of boxes, for golden tests;
//! - [`verify`](mod@verify): the invariants every pass keeps, checked between passes in debug builds;
//! - [`backend`]: the backend interface and the reference backend that executes traces.
//!
//! ```
//! use jitsupport_trace::backend::{reference::ReferenceBackend, Backend};
//! use jitsupport_trace::{parse, verify, DescrTable};
//!
//! let mut descrs = DescrTable::new();
//! let trace = parse(
//!     "[i0, i1]
//! label(i0, i1, descr=<Label0>)
//! i2 = int_add(i1, i0)
//! i3 = int_sub(i0, 1)
//! i4 = int_gt(i3, 0)
//! guard_true(i4, descr=<Guard1>) [i2]
//! jump(i3, i2, descr=<Label0>)
//! ",
//!     &mut descrs,
//! )?;
//! verify(&trace).expect("a valid trace");
//! let mut backend = ReferenceBackend::new();
//! let id = backend.compile_loop(&trace)?;
//! let frame = backend.execute(id, &[10, 0]);
//! assert_eq!(frame.guard().map(|g| g.number), Some(1));
//! assert_eq!(frame.values, [10 + 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2 + 1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
