//! The backend interface: what the metainterp asks of a backend (PyPy's `AbstractCPU`).
//!
//! A backend compiles a loop (a [`Trace`] ending in `jump` or `finish`) into a
//! [`LoopId`], attaches bridges to guards of compiled code, and executes a loop with
//! input values until a guard without bridge fails or a `finish` is reached, returning a
//! [`DeadFrame`]. Values cross the interface as raw 64-bit words ([`Word`]): an int's
//! bits, a ref's address, a float's `to_bits`.
//!
//! Conventions every backend shares:
//! - The class of an object (`guard_class`, `new_with_vtable`) is the word at offset
//!   [`CLASS_OFFSET`] of the object.
//! - A call's argument 0 is the address of a [`Shim`]; the other arguments are passed to
//!   it in three arrays, one per kind, in call order within each kind.
//! - A callee raises by calling [`raise_exception`]; `guard_no_exception` fails while an
//!   exception is pending, and the failure takes it into [`DeadFrame::exception`].
//! - A bridge's inputs receive the failing guard's fail args, in order; a bridge ends in
//!   a `finish` or in a `jump` to a label of any compiled loop (by its token).
//!
//! [`reference`](mod@reference) is the reference implementation; the x86-64 backend implements the same
//! trait and runs the same conformance suite (`tests/backend_conformance.rs`).

pub mod reference;
pub mod x86;

use crate::descr::{FinishDescr, GuardDescr};
use crate::ops::Kind;
use crate::trace::Trace;
use crate::verify::VerifyError;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

/// A raw value: an int's bits, a ref's address, or a float's bits.
pub type Word = u64;

/// The uniform signature of a function a trace calls (the same shape as the jitcode's
/// residual-call shims): the arguments in three arrays by kind, the result's bits written
/// to `*result` (nothing for no result).
///
/// # Safety
/// Callers pass arrays holding at least as many values of each kind as the function
/// takes, and refs valid for the function's parameter types.
pub type Shim = unsafe extern "C-unwind" fn(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    result: *mut u64,
);

/// The offset of the class word in an object.
pub const CLASS_OFFSET: usize = 0;

/// The class of an object is the upper half of the word at [`CLASS_OFFSET`]: objects on
/// the GC heap keep their type id there (`type_id << 32`, the collector's flags in the
/// low byte), so `new_with_vtable` writes `vtable << CLASS_SHIFT` and `guard_class`
/// compares `word >> CLASS_SHIFT` with its constant, the type id.
pub const CLASS_SHIFT: u32 = 32;

/// A compiled loop, as the backend numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LoopId(pub u32);

/// How execution left compiled code.
#[derive(Clone, Debug)]
pub enum Exit {
    /// A guard failed (and had no bridge).
    Guard(Rc<GuardDescr>),
    /// A `finish` was reached, with its descr if it had one.
    Finish(Option<Rc<FinishDescr>>),
}

/// The state compiled code leaves behind (PyPy's deadframe): which exit was taken and the
/// values of the guard's fail args or of the finish's arguments.
#[derive(Clone, Debug)]
pub struct DeadFrame {
    /// Which exit was taken.
    pub exit: Exit,
    /// The values, in the order of the fail args or finish args.
    pub values: Vec<Word>,
    /// The kind of each value.
    pub kinds: Vec<Kind>,
    /// The exception a failing `guard_no_exception` took (0: none).
    pub exception: usize,
}

impl DeadFrame {
    /// Value `n` as an int.
    pub fn int(&self, n: usize) -> i64 {
        self.values[n] as i64
    }

    /// Value `n` as a ref.
    pub fn ref_(&self, n: usize) -> usize {
        self.values[n] as usize
    }

    /// Value `n` as a float.
    pub fn float(&self, n: usize) -> f64 {
        f64::from_bits(self.values[n])
    }

    /// The guard that failed, if a guard did.
    pub fn guard(&self) -> Option<&Rc<GuardDescr>> {
        match &self.exit {
            Exit::Guard(g) => Some(g),
            Exit::Finish(_) => None,
        }
    }

    /// Whether execution ended in a `finish`.
    pub fn is_finish(&self) -> bool {
        matches!(self.exit, Exit::Finish(_))
    }
}

/// Why a trace could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// A bug in whoever produced the trace: it breaks the verifier's invariants.
    Invalid(Vec<VerifyError>),
    /// A bug: a `jump` names a label that no compiled loop has.
    UnknownTarget(String),
    /// A bug: a bridge for a guard that no compiled code has, or that has a bridge.
    BadGuard(String),
    /// A bug: the bridge's inputs do not match the guard's fail args.
    BridgeInputs(String),
    /// A limit of the backend (an op it does not support yet).
    Unsupported(String),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Invalid(errors) => {
                write!(f, "invalid trace (a bug in the trace's producer):")?;
                for e in errors {
                    write!(f, "\n  {e}")?;
                }
                Ok(())
            }
            CompileError::UnknownTarget(m)
            | CompileError::BadGuard(m)
            | CompileError::BridgeInputs(m) => write!(f, "{m} (a bug in the caller)"),
            CompileError::Unsupported(m) => write!(f, "not supported by this backend: {m}"),
        }
    }
}

impl std::error::Error for CompileError {}

/// What the metainterp needs of a backend.
pub trait Backend {
    /// A short name for logs (`reference`, `x86-64`).
    fn name(&self) -> &'static str;

    /// Compiles a loop. Its labels become targets that bridges and later loops may jump
    /// to; execution starts at its first op with the inputs set.
    fn compile_loop(&mut self, trace: &Trace) -> Result<LoopId, CompileError>;

    /// Compiles `bridge` and attaches it to `guard` (a guard of compiled code): from now
    /// on the guard's failure runs the bridge, its inputs set to the guard's fail args.
    fn compile_bridge(
        &mut self,
        guard: &Rc<GuardDescr>,
        bridge: &Trace,
    ) -> Result<(), CompileError>;

    /// Runs loop `id` with `args` (one word per input) until a guard without bridge fails
    /// or a `finish` is reached.
    ///
    /// # Panics
    /// If `id` was freed or `args` does not match the loop's inputs in number.
    fn execute(&mut self, id: LoopId, args: &[Word]) -> DeadFrame;

    /// [`Backend::execute`] through a shared borrow, for code that may run again while
    /// it runs (a compiled function entry whose code calls the same function through
    /// `call_assembler`); `None` when the backend cannot (then the caller runs the call
    /// some other way).
    ///
    /// # Panics
    /// As [`Backend::execute`].
    fn execute_reentrant(&self, id: LoopId, args: &[Word]) -> Option<DeadFrame> {
        let _ = (id, args);
        None
    }

    /// Makes every `guard_not_invalidated` of loop `id` (and of its bridges) fail from
    /// now on (a quasi-immutable field it relied on was written).
    fn invalidate_loop(&mut self, id: LoopId);

    /// What makes the `guard_not_invalidated`s of loop `id` (and of its bridges) fail,
    /// as [`Backend::invalidate_loop`] does. Whoever holds it may invalidate at any time,
    /// also while the loop runs (a residual call writes a quasi-immutable field the loop
    /// folded); `None` for a freed loop.
    fn invalidation(&self, id: LoopId) -> Option<Rc<Invalidation>>;

    /// Frees loop `id` and its bridges. Jumps into its labels from other code must be gone
    /// first.
    fn free_loop(&mut self, id: LoopId);

    /// The machine code of loop `id` and its bridges for the `jit-backend-dump` log
    /// section (address, bytes and disassembly labelled by trace op); empty for a backend
    /// without machine code.
    fn dump(&self, id: LoopId) -> String {
        let _ = id;
        String::new()
    }

    /// The machine code of the bridge attached to `guard`, as [`Backend::dump`] gives a
    /// loop's; empty when it has none or the backend has no machine code.
    fn dump_bridge(&self, guard: &GuardDescr) -> String {
        let _ = guard;
        String::new()
    }
}

/// The invalidation of one loop and its bridges: a flag, and the backend's patches
/// (the x86 backend turns each `guard_not_invalidated`, a 5-byte `nop` in the code, into a
/// `jmp` to its stub, so the guard costs nothing until then).
#[derive(Default)]
pub struct Invalidation {
    flag: Cell<bool>,
    patches: RefCell<Vec<Box<dyn Fn()>>>,
}

impl Invalidation {
    /// Makes the guards fail from now on: sets the flag and applies the patches (once).
    pub fn invalidate(&self) {
        if !self.flag.replace(true) {
            for patch in self.patches.borrow().iter() {
                patch();
            }
        }
    }

    /// Whether [`Invalidation::invalidate`] was called.
    pub fn is_invalid(&self) -> bool {
        self.flag.get()
    }

    /// Adds a patch to apply on invalidation; applies it now if that happened already.
    /// The backend removes its patches ([`Invalidation::clear_patches`]) before it frees
    /// the code they write.
    pub fn add_patch(&self, patch: Box<dyn Fn()>) {
        if self.is_invalid() {
            patch();
        }
        self.patches.borrow_mut().push(patch);
    }

    /// Drops the patches (their code is about to be freed).
    pub fn clear_patches(&self) {
        self.patches.borrow_mut().clear();
    }
}

impl fmt::Debug for Invalidation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invalidation")
            .field("invalid", &self.is_invalid())
            .field("patches", &self.patches.borrow().len())
            .finish()
    }
}

thread_local! {
    static EXCEPTION: Cell<usize> = const { Cell::new(0) };
}

/// Sets the pending exception (a nonzero value) for the current thread; called by
/// callees, or by their shims, to raise.
pub fn raise_exception(exception: usize) {
    EXCEPTION.with(|e| e.set(exception));
}

/// The pending exception (0: none), left pending.
pub fn pending_exception() -> usize {
    EXCEPTION.with(|e| e.get())
}

/// Takes the pending exception (0: none), clearing it.
pub fn take_exception() -> usize {
    EXCEPTION.with(|e| e.replace(0))
}
