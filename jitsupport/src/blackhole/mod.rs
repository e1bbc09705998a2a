//! The blackhole interpreter: runs jitcode on concrete values, recording nothing.
//!
//! It is how a failing guard resumes (from a `-live-` point, with the register values the
//! resume data gives, up to the next merge point), and it is the second way of the
//! three-way test harness (native, blackhole, JIT).
//!
//! - [`Blackhole`]: the entry points, [`Blackhole::call`] and [`Blackhole::resume`];
//! - `interp`: the dispatch loop, one exhaustive `match` on the opcode;
//! - [`memory`]: raw memory access through descrs, and allocation for `new`.
//!
//! Inline calls run the callee's jitcode in a new frame (a Rust call, so the depth of
//! inline calls is bounded by the Rust stack), unless a [`CallHook`] given with
//! [`Blackhole::with_call_hook`] runs the call some other way (the metainterp's compiled
//! function entries). Residual calls go through the function's
//! [`Shim`](crate::jitcode::Shim). A `panic` instruction panics with its message, as the
//! native code would.

mod interp;
pub mod memory;
mod resume;

pub use resume::FrameState;

use crate::jitcode::{JitCode, JitCodes, Kind, RefConst, MAX_RESULTS};

/// A value of one of the three kinds, or none (the result of a void function).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Void,
    Int(i64),
    Ref(usize),
    Float(f64),
}

/// Values grouped by kind, as jitcode passes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    pub ints: Vec<i64>,
    pub refs: Vec<usize>,
    pub floats: Vec<f64>,
}

impl Args {
    /// Values of the three kinds.
    pub fn new(ints: &[i64], refs: &[usize], floats: &[f64]) -> Args {
        Args {
            ints: ints.to_vec(),
            refs: refs.to_vec(),
            floats: floats.to_vec(),
        }
    }

    /// Only int values.
    pub fn ints(ints: &[i64]) -> Args {
        Args::new(ints, &[], &[])
    }
}

/// How a run of the blackhole interpreter ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Exit {
    /// The function returned.
    Return(Value),
    /// The outermost frame reached a `jit_merge_point` (only when asked to stop there):
    /// the native interpreter continues from these greens and reds.
    MergePoint {
        driver: i64,
        greens: Args,
        reds: Args,
    },
    /// The outermost frame reached a `can_enter_jit` (only when asked to stop there, by
    /// [`Blackhole::resume_frames`], which also hands back the frame, ready to go on after
    /// the instruction): the JIT decides what happens next.
    CanEnterJit {
        driver: i64,
        greens: Args,
        reds: Args,
    },
}

/// Where a run of the blackhole interpreter stops besides returning: only the
/// outermost frame stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Run until the outermost frame returns.
    Never,
    /// Stop at the first `jit_merge_point` of the outermost frame.
    MergePoint,
    /// Stop at the first `can_enter_jit` of the outermost frame.
    CanEnterJit,
}

/// Something that may run a call of a jitcode instead of the blackhole: the metainterp
/// runs the compiled entry of a function that has one.
pub trait CallHook {
    /// Runs the call of the jitcode `jitcode` with `args` and returns its value, or `None`
    /// when the blackhole must run it.
    ///
    /// # Safety
    /// As [`Blackhole::call`]: the arguments are valid for the function.
    unsafe fn call(&self, jitcode: u32, args: &Args) -> Option<Value>;
}

/// The blackhole interpreter over one registry.
#[derive(Clone, Copy)]
pub struct Blackhole<'a> {
    codes: &'a JitCodes,
    hook: Option<&'a dyn CallHook>,
}

// A blackhole without a hook is unwind safe as it always was; with one, a panic of the
// jitcode (the user's panic, as the native code would raise it) unwinds through the hook's
// calls, whose state (the metainterp's compiled entries, in `RefCell`s whose borrows end
// on unwinding) stays consistent: a call either ran or did not.
impl std::panic::UnwindSafe for Blackhole<'_> {}
impl std::panic::RefUnwindSafe for Blackhole<'_> {}

impl std::fmt::Debug for Blackhole<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blackhole")
            .field("codes", &self.codes)
            .field("hook", &self.hook.is_some())
            .finish()
    }
}

impl<'a> Blackhole<'a> {
    /// An interpreter for the jitcodes of `codes`.
    pub fn new(codes: &'a JitCodes) -> Blackhole<'a> {
        Blackhole { codes, hook: None }
    }

    /// This interpreter, asking `hook` first at every inline call (in every frame).
    pub fn with_call_hook(self, hook: &'a dyn CallHook) -> Blackhole<'a> {
        Blackhole {
            hook: Some(hook),
            ..self
        }
    }

    /// Runs the jitcode with index `jitcode` from its start, with `args` in its first
    /// registers of each kind, until it returns (merge points are passed through).
    ///
    /// # Safety
    /// The jitcode must be a faithful translation of a function that is safe to call with
    /// these arguments: refs must be valid for the parameters they stand for, and every
    /// descr and shim it uses must describe the real layouts and functions.
    ///
    /// # Panics
    /// If the jitcode panics (as the native function would), or if the jitcode or the
    /// arguments do not fit (`jitcode` out of range, too many arguments).
    pub unsafe fn call(&self, jitcode: u32, args: &Args) -> Value {
        let jc = self.jitcode(jitcode);
        let mut frame = Frame::new(jc);
        frame.set_args(args, "call");
        match self.run(&mut frame, 0, Stop::Never) {
            Exit::Return(v) => v,
            Exit::MergePoint { .. } | Exit::CanEnterJit { .. } => unreachable_merge_point(),
        }
    }

    /// Resumes the jitcode with index `jitcode` at the `-live-` instruction at byte offset
    /// `pc`, with the live registers (in the order of the liveness entry, per kind) set from
    /// `live`; the other registers are zero. With `stop_at_merge_point`, the run ends at
    /// the first `jit_merge_point` of this frame.
    ///
    /// # Safety
    /// As for [`Blackhole::call`]: the values must be those the registers held at that
    /// point of a real execution.
    ///
    /// # Panics
    /// If no `-live-` starts at `pc`, or `live` does not match its liveness entry, or the
    /// jitcode panics.
    pub unsafe fn resume(
        &self,
        jitcode: u32,
        pc: usize,
        live: &Args,
        stop_at_merge_point: bool,
    ) -> Exit {
        let jc = self.jitcode(jitcode);
        let Some(liveness) = jc.liveness_at(pc) else {
            panic!(
                "cannot resume `{}` at offset {pc}: no `-live-` starts there",
                jc.name
            );
        };
        let counts = [live.ints.len(), live.refs.len(), live.floats.len()];
        for kind in Kind::ALL {
            let want = liveness.of(kind).len();
            if counts[kind as usize] != want {
                panic!(
                    "cannot resume `{}` at offset {pc}: {want} live {kind} registers, {} values given",
                    jc.name, counts[kind as usize]
                );
            }
        }
        let mut frame = Frame::new(jc);
        for (r, v) in liveness.ints.iter().zip(&live.ints) {
            frame.ints[*r as usize] = *v;
        }
        for (r, v) in liveness.refs.iter().zip(&live.refs) {
            frame.refs[*r as usize] = *v;
        }
        for (r, v) in liveness.floats.iter().zip(&live.floats) {
            frame.floats[*r as usize] = *v;
        }
        let stop = if stop_at_merge_point {
            Stop::MergePoint
        } else {
            Stop::Never
        };
        self.run(&mut frame, pc, stop)
    }

    fn jitcode(&self, index: u32) -> &'a JitCode {
        match self.codes.jitcodes.get(index as usize) {
            Some(jc) => jc,
            None => panic!("no jitcode with index {index}"),
        }
    }
}

fn unreachable_merge_point() -> ! {
    panic!("internal error: the blackhole stopped at a merge point it was not asked to stop at")
}

/// The registers of one activation: per kind, the registers then the constants (copied in,
/// so that an operand byte indexes the array directly), and the temporary slots of
/// `*_push`/`*_pop`.
pub(crate) struct Frame<'a> {
    jitcode: &'a JitCode,
    ints: Vec<i64>,
    refs: Vec<usize>,
    floats: Vec<f64>,
    tmp_int: i64,
    tmp_ref: usize,
    tmp_float: f64,
    /// Where a run that stopped at a `can_enter_jit` goes on.
    pc: usize,
    /// The result slots of the last call of a function with several results (set by
    /// the callee's `*_set_result`, or by a residual function's shim).
    results: [u64; MAX_RESULTS],
    /// `refs` registered as a root range: the collector sees the references the frame
    /// holds (declared last: dropped after nothing, `refs` is not resized).
    _roots: crate::gcroots::RootRange,
}

impl<'a> Frame<'a> {
    fn new(jitcode: &'a JitCode) -> Frame<'a> {
        let mut ints = vec![0; jitcode.num_regs(Kind::Int)];
        ints.extend_from_slice(&jitcode.const_ints);
        let mut refs = vec![0; jitcode.num_regs(Kind::Ref)];
        refs.extend(jitcode.const_refs.iter().map(|c| match c {
            RefConst::Addr(a) => *a,
            // The address of the string inside the constant pool, which lives as long as
            // the registry (see `RefConst::Str`).
            RefConst::Str(s) => s as *const _ as usize,
        }));
        let mut floats = vec![0.0; jitcode.num_regs(Kind::Float)];
        floats.extend_from_slice(&jitcode.const_floats);
        let roots = crate::gcroots::RootRange::of_slice(&refs);
        Frame {
            _roots: roots,
            jitcode,
            ints,
            refs,
            floats,
            tmp_int: 0,
            tmp_ref: 0,
            tmp_float: 0.0,
            pc: 0,
            results: [0; MAX_RESULTS],
        }
    }

    fn set_args(&mut self, args: &Args, what: &str) {
        let jc = self.jitcode;
        for kind in Kind::ALL {
            let given = match kind {
                Kind::Int => args.ints.len(),
                Kind::Ref => args.refs.len(),
                Kind::Float => args.floats.len(),
            };
            if given > jc.num_regs(kind) {
                panic!(
                    "{what} of `{}`: {given} {kind} arguments for {} registers",
                    jc.name,
                    jc.num_regs(kind)
                );
            }
        }
        self.ints[..args.ints.len()].copy_from_slice(&args.ints);
        self.refs[..args.refs.len()].copy_from_slice(&args.refs);
        self.floats[..args.floats.len()].copy_from_slice(&args.floats);
    }
}
