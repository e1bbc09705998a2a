//! The backend interface: what the metainterp asks of a backend (PyPy's `AbstractCPU`).
//!
//! A backend compiles a loop (a [`Trace`] ending in `jump` or `finish`) into a
//! [`LoopId`], attaches bridges to guards of compiled code, and executes a loop with
//! input values until a guard without bridge fails or a `finish` is reached, returning a
//! [`DeadFrame`]. Values cross the interface as raw 64-bit words ([`Word`]): an int's
//! bits, a ref's address, a float's `to_bits`.
//!
//! Conventions every backend shares:
//! - The class of an object (`guard_class`, `new_with_vtable`) is the GC type id in
//!   its header word: the `u32` at [`TYPE_ID_OFFSET`] (the header is `type_id << 32`).
//! - With a [`GcSupport`], objects whose descr has a type id are allocated by the
//!   collector (inline bump allocation, a call on the slow path), the write barriers
//!   [`gcrewrite`] inserts run, the frame of running code is a root range, and the
//!   references that compiled code holds as constants are roots while the code lives.
//!   Without one, every allocation goes to the allocation hook (zeroed memory), the
//!   backend writing the header of objects with a type id, and barriers do nothing.
//! - A call's argument 0 is the address of a [`Shim`]; the other arguments are passed to
//!   it in three arrays, one per kind, in call order within each kind.
//! - A callee raises by calling [`raise_exception`]; `guard_no_exception` fails while an
//!   exception is pending, and the failure takes it into [`DeadFrame::exception`].
//! - A bridge's inputs receive the failing guard's fail args, in order; a bridge ends in
//!   a `finish` or in a `jump` to a label of any compiled loop (by its token).
//!
//! [`reference`](mod@reference) is the reference implementation; the x86-64 backend implements the same
//! trait and runs the same conformance suite (`tests/backend_conformance.rs`).

pub mod gcrewrite;
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

/// The offset of the class (the `u32` type id in the upper half of the header word) in
/// an object.
pub const TYPE_ID_OFFSET: usize = 4;

/// The shift of the type id in the header word: a new object's header is
/// `type_id << TYPE_ID_SHIFT`.
pub const TYPE_ID_SHIFT: u32 = 32;

/// What compiled code needs of the collector (PyPy's `gc_ll_descr`): the addresses and
/// entry points of jitsupport-gc's `GcDescr`, copied by the runtime, so that this crate
/// depends on no collector. Valid while the thread's heap lives; a backend with one runs
/// on that thread only.
#[derive(Clone, Copy, Debug)]
pub struct GcSupport {
    /// The address of the bump cursor (a `usize`).
    pub cursor: usize,
    /// The address of the bump limit (a `usize`; 0 in stress mode, so that every
    /// allocation takes the slow path).
    pub limit: usize,
    /// The largest object the inline path allocates.
    pub max_inline_size: usize,
    /// The line byte of address `a` is at `lines_biased + (a >> line_shift)`, for `a`
    /// in `[heap_start, heap_end)`.
    pub lines_biased: usize,
    /// log2 of a line.
    pub line_shift: u32,
    /// The line byte value for which the barrier calls its slow path.
    pub barrier_line_value: u8,
    /// The heap's address range.
    pub heap_start: usize,
    /// See `heap_start`.
    pub heap_end: usize,
    /// Allocates an object of a type id (header written, zeroed); may collect.
    pub malloc_fixed: unsafe extern "C" fn(type_id: u32) -> *mut u8,
    /// Allocates an array of a type id and length (header and length written); may
    /// collect.
    pub malloc_array: unsafe extern "C" fn(type_id: u32, length: usize) -> *mut u8,
    /// The barrier's slow path for the slot at `addr`.
    pub write_barrier_slow: unsafe extern "C" fn(addr: usize),
    /// Pushes a root range that lives as a call does (a frame while its code runs).
    pub push_root_range: unsafe extern "C" fn(start: *const usize, words: usize),
    /// Pops the range pushed last.
    pub pop_root_range: unsafe extern "C" fn(),
    /// Registers a root range until removed (a trace's constants); returns its id.
    pub add_root_range: unsafe extern "C" fn(start: *const usize, words: usize) -> usize,
    /// Unregisters a range `add_root_range` registered.
    pub remove_root_range: unsafe extern "C" fn(id: usize),
}

/// The constants of one compiled trace that are references, kept alive as roots while
/// the trace's code lives (RPython keeps them in the loop token).
pub(crate) struct ConstRoots {
    words: Box<[usize]>,
    id: Option<(usize, unsafe extern "C" fn(usize))>,
}

impl ConstRoots {
    /// The nonzero ref constants of `trace` (arguments and fail args), registered as a
    /// root range with `gc` if there is one.
    pub(crate) fn of(trace: &Trace, gc: Option<&GcSupport>) -> ConstRoots {
        let mut words: Vec<usize> = trace
            .ops
            .iter()
            .flat_map(|op| op.args.iter().chain(op.fail_args.iter().flatten()))
            .filter_map(|v| match v {
                crate::trace::Value::ConstPtr(p) if *p != 0 => Some(*p),
                _ => None,
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        let words = words.into_boxed_slice();
        let id = match gc {
            Some(gc) if !words.is_empty() => {
                // SAFETY: the boxed slice lives (and does not move) until `drop`
                // removes the range.
                let id = unsafe { (gc.add_root_range)(words.as_ptr(), words.len()) };
                Some((id, gc.remove_root_range))
            }
            _ => None,
        };
        ConstRoots { words, id }
    }

    /// How many references are held.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }
}

impl Drop for ConstRoots {
    fn drop(&mut self) {
        if let Some((id, remove)) = self.id.take() {
            // SAFETY: registered by `of`, removed once.
            unsafe { remove(id) }
        }
    }
}

/// A frame (one word per value) pushed as a root range while compiled code runs on it.
pub(crate) struct FrameRoot {
    pop: Option<unsafe extern "C" fn()>,
}

impl FrameRoot {
    /// Pushes `words` as a root range with `gc`, if there is one, until the result is
    /// dropped.
    ///
    /// # Safety
    /// `words` stays alive and in place until the result is dropped; results are
    /// dropped in the reverse order of their creation.
    pub(crate) unsafe fn push(gc: Option<&GcSupport>, words: &[Word]) -> FrameRoot {
        match gc {
            Some(gc) => {
                // SAFETY: by the caller.
                unsafe { (gc.push_root_range)(words.as_ptr().cast(), words.len()) };
                FrameRoot {
                    pop: Some(gc.pop_root_range),
                }
            }
            None => FrameRoot { pop: None },
        }
    }
}

impl Drop for FrameRoot {
    fn drop(&mut self) {
        if let Some(pop) = self.pop {
            // SAFETY: pushed by `push`.
            unsafe { pop() }
        }
    }
}

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

    /// The bytes of machine code loop `id` and its bridges take (0 for a backend without
    /// machine code): what the JIT's `memory_limit` counts.
    fn code_size(&self, id: LoopId) -> usize {
        let _ = id;
        0
    }

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
    static FORCED: Cell<usize> = const { Cell::new(0) };
}

/// Says whether the last `call_may_force_*` of the current thread forced the frame of
/// its caller (RPython's virtualizable token): the runtime sets it before the call
/// returns, and `guard_not_forced` fails when it is nonzero.
pub fn set_forced(forced: bool) {
    FORCED.with(|f| f.set(usize::from(forced)));
}

/// Whether the last `call_may_force_*` forced its caller's frame (see [`set_forced`]).
pub fn forced() -> usize {
    FORCED.with(|f| f.get())
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
