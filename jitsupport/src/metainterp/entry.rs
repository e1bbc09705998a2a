//! Function entry traces: after a `trace_limit` abort, the function that contributed most
//! to the trace is called instead of inlined, and gets a trace of its own, from its start
//! to its return (PyPy's 2009 design: `disable_noninlinable_function`, then the function
//! is traced from its start and entered through `call_assembler`).
//!
//! The smallest version that fits this JIT, step by step:
//!
//! 1. [`JitState::mark_dont_inline`] marks the function (a jitcode that is not a portal).
//!    From then on the tracer records a call to it as a residual call of the shim
//!    [`call_entry`] (the [`Entries`] table's address, the jitcode, the arguments) instead
//!    of inlining it.
//! 2. The first time the tracer meets such a call (and again after `function_threshold`
//!    more calls, when an earlier attempt failed), it traces the function itself: a new
//!    tracing session whose only frame is the callee's, with the call's arguments as the
//!    trace's inputs, until that frame returns; the trace ends in a `finish` of the return
//!    value. This executes the call (once), so the outer trace records the residual call
//!    with the real result. The entry trace is optimized as a bridge (no peeling) and
//!    compiled by a backend of its own, which [`Entries`] holds.
//! 3. [`call_entry`], called by compiled loops and bridges (and by the tracer while it
//!    records), runs the function's compiled entry when there is one: a `finish` gives the
//!    return value; a failing guard rebuilds the function's frames from resume data and
//!    the blackhole runs them until the function returns. Without a compiled entry, the
//!    blackhole runs the whole call, and the call is counted. The blackhole runs of the
//!    JIT (after a guard failure or an abort, inside an entry call) also run compiled
//!    entries: [`Entries`] is their [`CallHook`], which runs the entry of a function that
//!    has one (without counting calls of those that have none).
//! 4. A too long entry trace marks the biggest function inside it in turn (unless that is
//!    the function itself, which is then never traced again); the function is traced
//!    again after `function_threshold` more calls, at most [`MAX_ATTEMPTS`] times.
//!
//! Why a backend of its own: a compiled entry runs inside a call made by compiled code of
//! the main backend, which is borrowed for that execution. The entries' backend is behind
//! a `RefCell` in a shared [`Entries`]; an entry that calls a function with an entry (while
//! the entries' backend runs) takes the blackhole for that inner call. Entries never get
//! bridges (a guard failure always resumes in the blackhole) and never jump to loops.
//!
//! Portals (issue 12's recursion): the codewriter makes a portal's call of itself a
//! residual call of its shim (`CallClass::Recursive`); the tracer traces it here instead,
//! recorded as `call_assembler_*`, never inlined. A portal's entries are keyed by the
//! values of the arguments that were constants where the tracer first met a call of it
//! (its [`Mask`]: for an interpreter, the program and the function of the user's
//! program), which stay constants in its entry trace. Compiled entries run through
//! [`Backend::execute_reentrant`] where the backend allows (x86), so a recursive function's
//! compiled entry runs its own compiled code at every depth.
//!
//! Not done: the native interpreter calls the function directly (there is no hook at
//! function entry in native code), so compiled entries run only from compiled and traced
//! code and from the JIT's blackhole runs, and `function_threshold` counts calls only after
//! a failed attempt (the first call the tracer meets is traced at once); the fast path of
//! `call_assembler` is the shim `call_entry` (a Rust call that runs the compiled entry and
//! checks its `finish`), not inline machine code; functions other than portals are still
//! keyed by function alone.

use super::frame::{MIFrame, TBox};
use super::resume::{self, ResumeData};
use super::{unreachable_end, AbortReason, End, JitState, TraceMode, Tracer};
use crate::blackhole::{Args, Blackhole, CallHook, Exit, Stop, Value as BhValue};
use crate::jit::log::{self, OpCounts, Phase};
use crate::jitcode::decode::decode_all;
use crate::jitcode::{JitCodes, Kind as JKind, Opcode as JOpcode};
use jitsupport_trace::backend::{Backend, Exit as BackendExit, Invalidation, LoopId};
use jitsupport_trace::optimizeopt::virtualize::GuardResume;
use jitsupport_trace::print::loop_header;
use jitsupport_trace::{CallDescr, Descr, EffectInfo, Kind, Opcode, Trace, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

/// How many times a function's entry is traced before the JIT gives up on it.
pub const MAX_ATTEMPTS: u32 = 3;

/// What the JIT knows about the entry of one function that is not inlined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not compiled: calls are counted towards `function_threshold` after a failed
    /// attempt (the first attempt is at once).
    Counting { calls: u32, attempts: u32 },
    /// Compiled: the entries' backend runs loop `id`, whose `finish` has the return value
    /// (of this kind, if any).
    Compiled { id: LoopId, result: Option<Kind> },
    /// Never traced (again).
    Disabled,
}

/// Counts of what the compiled entries did, for tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntryStats {
    /// Calls of not-inlined functions through [`call_entry`] (from compiled or traced code).
    pub calls: u64,
    /// Of those, the calls that ran a compiled entry.
    pub compiled_runs: u64,
    /// Guard failures in compiled entries (each resumed in the blackhole).
    pub guard_failures: u64,
    /// Compiled entries run for calls made by the blackhole (as its [`CallHook`]), also
    /// counted in `compiled_runs`.
    pub blackhole_runs: u64,
    /// Compiled entries dropped because a quasi-immutable field they folded was written.
    pub invalidated: u64,
}

/// Where a guard of a compiled entry resumes, and its virtuals.
type EntryGuard = (Rc<ResumeData>, Option<GuardResume>);

/// What an entry is keyed by: the function, and for a portal the values of the
/// arguments its entry is specialized on (its [`Mask`]; PyPy keys `call_assembler`'s
/// target by the portal's greens).
type Key = (u32, Vec<u64>);

/// Which arguments of a portal key its entries: bits of the int arguments, then of the
/// ref arguments, by position. The arguments that were constants where the tracer first
/// met a call of the portal (the program and the function of the user's program, for an
/// interpreter); its entry trace keeps them as constants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Mask {
    ints: u64,
    refs: u64,
}

impl Mask {
    fn has_int(self, i: usize) -> bool {
        i < 64 && self.ints & (1 << i) != 0
    }

    fn has_ref(self, i: usize) -> bool {
        i < 64 && self.refs & (1 << i) != 0
    }
}

/// The entries of one JIT, shared with the compiled code that calls them (by address).
pub struct Entries {
    codes: &'static JitCodes,
    function_threshold: u32,
    backend: RefCell<Option<Box<dyn Backend>>>,
    functions: RefCell<HashMap<Key, State>>,
    /// The masks of the portals called through `call_assembler`.
    portal_masks: RefCell<HashMap<u32, Mask>>,
    /// The invalidations of the compiled entries that folded quasi-immutable fields.
    invalidations: RefCell<HashMap<Key, Rc<Invalidation>>>,
    /// Per guard of a compiled entry (by number): where it resumes, and its virtuals.
    guards: RefCell<HashMap<u32, EntryGuard>>,
    stats: Cell<EntryStats>,
}

impl Entries {
    /// No entries yet, for the registry `codes`.
    pub fn new(codes: &'static JitCodes, function_threshold: u32) -> Entries {
        Entries {
            codes,
            function_threshold,
            backend: RefCell::new(None),
            functions: RefCell::new(HashMap::new()),
            portal_masks: RefCell::new(HashMap::new()),
            invalidations: RefCell::new(HashMap::new()),
            guards: RefCell::new(HashMap::new()),
            stats: Cell::new(EntryStats::default()),
        }
    }

    /// Whether calls of `jitcode` can be made residual: it is not a portal, and returns
    /// one value at most (a residual call has no way to hand over several results, which
    /// `*_set_result` sets).
    pub(super) fn can_call_residually(&self, jitcode: u32) -> bool {
        !self.codes.portals.contains(&jitcode) && self.returns_one_value(jitcode)
    }

    /// Whether `jitcode` returns one value at most (no `*_set_result`).
    pub(super) fn returns_one_value(&self, jitcode: u32) -> bool {
        let code = &self.codes.jitcodes[jitcode as usize].code;
        let Ok(insns) = decode_all(code) else {
            return false;
        };
        !insns.iter().any(|i| {
            matches!(
                i.opcode,
                JOpcode::IntSetResult | JOpcode::RefSetResult | JOpcode::FloatSetResult
            )
        })
    }

    /// What the compiled entries did so far.
    pub fn stats(&self) -> EntryStats {
        self.stats.get()
    }

    fn count(&self, f: impl FnOnce(&mut EntryStats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }

    /// The mask of `callee` (none for a function that is not a portal).
    fn mask(&self, callee: u32) -> Mask {
        self.portal_masks
            .borrow()
            .get(&callee)
            .copied()
            .unwrap_or_default()
    }

    /// The key of a call of `callee` with `args`.
    fn key(&self, callee: u32, args: &Args) -> Key {
        let mask = self.mask(callee);
        let ints = args
            .ints
            .iter()
            .enumerate()
            .filter(|(i, _)| mask.has_int(*i));
        let refs = args
            .refs
            .iter()
            .enumerate()
            .filter(|(i, _)| mask.has_ref(*i));
        let values = ints
            .map(|(_, v)| *v as u64)
            .chain(refs.map(|(_, v)| *v as u64))
            .collect();
        (callee, values)
    }

    /// The arguments a compiled entry of `callee` takes: those not in its mask.
    fn inputs(&self, callee: u32, args: &Args) -> Args {
        let mask = self.mask(callee);
        Args {
            ints: args
                .ints
                .iter()
                .enumerate()
                .filter(|(i, _)| !mask.has_int(*i))
                .map(|(_, v)| *v)
                .collect(),
            refs: args
                .refs
                .iter()
                .enumerate()
                .filter(|(i, _)| !mask.has_ref(*i))
                .map(|(_, v)| *v)
                .collect(),
            floats: args.floats.clone(),
        }
    }

    /// The state of the entry of `key`; a compiled entry that was invalidated (a
    /// quasi-immutable field it folded was written) is dropped first: calls are counted
    /// again, and it is traced anew after `function_threshold` of them (its code stays in
    /// the entries' backend, which never frees).
    fn state(&self, key: &Key) -> Option<State> {
        let invalid = self
            .invalidations
            .borrow()
            .get(key)
            .is_some_and(|i| i.is_invalid());
        if invalid {
            self.invalidations.borrow_mut().remove(key);
            self.functions.borrow_mut().insert(
                key.clone(),
                State::Counting {
                    calls: 0,
                    attempts: 0,
                },
            );
            self.count(|s| s.invalidated += 1);
        }
        self.functions.borrow().get(key).copied()
    }

    /// Whether the tracer should trace the entry of `key` now.
    fn wants_trace(&self, key: &Key) -> bool {
        if self.function_threshold == 0 {
            return false;
        }
        match self.state(key).as_ref() {
            None => true,
            Some(State::Counting { calls, attempts }) => {
                *attempts < MAX_ATTEMPTS && *calls >= self.function_threshold
            }
            Some(_) => false,
        }
    }

    /// An attempt to trace the entry of `key` failed; `give_up`: never again.
    fn failed(&self, key: Key, give_up: bool) {
        let mut functions = self.functions.borrow_mut();
        let attempts = match functions.get(&key) {
            Some(State::Counting { attempts, .. }) => *attempts + 1,
            _ => 1,
        };
        let state = if give_up || attempts >= MAX_ATTEMPTS {
            State::Disabled
        } else {
            State::Counting { calls: 0, attempts }
        };
        functions.insert(key, state);
    }

    /// Calls `callee` with `args`: its compiled entry if it has one (and the entries'
    /// backend is not running already), else the blackhole.
    ///
    /// # Safety
    /// As [`Blackhole::call`]: the arguments are valid for the function.
    pub unsafe fn call(&self, callee: u32, args: &Args) -> BhValue {
        self.count(|s| s.calls += 1);
        let key = self.key(callee, args);
        let state = self.state(&key);
        match state {
            Some(State::Compiled { id, result }) => {
                if let Some(v) = self.run_compiled(id, result, &self.inputs(callee, args)) {
                    return v;
                }
            }
            Some(State::Counting { calls, attempts }) => {
                let calls = calls.saturating_add(1);
                self.functions
                    .borrow_mut()
                    .insert(key, State::Counting { calls, attempts });
            }
            None | Some(State::Disabled) => {}
        }
        Blackhole::new(self.codes)
            .with_call_hook(self)
            .call(callee, args)
    }

    /// Runs a compiled entry; `None` if the entries' backend is busy (an entry calling
    /// another).
    unsafe fn run_compiled(
        &self,
        id: LoopId,
        result: Option<Kind>,
        args: &Args,
    ) -> Option<BhValue> {
        let words: Vec<u64> = super::args_words(args).concat();
        log::count(log::Counted::Entry, id.0);
        // Through a shared borrow where the backend allows it: a compiled entry that
        // calls a function with an entry (a recursive portal) runs that one's code too.
        let shared = match self.backend.try_borrow() {
            Ok(backend) => backend.as_ref()?.execute_reentrant(id, &words),
            Err(_) => None,
        };
        let frame = match shared {
            Some(frame) => frame,
            None => {
                let mut backend = self.backend.try_borrow_mut().ok()?;
                backend.as_mut()?.execute(id, &words)
            }
        };
        self.count(|s| s.compiled_runs += 1);
        match &frame.exit {
            BackendExit::Finish(_) => Some(value_of(result, &frame.values)),
            BackendExit::Guard(guard) => {
                self.count(|s| s.guard_failures += 1);
                log::count(log::Counted::Guard, guard.number);
                let Some((resume, virtuals)) = self.guards.borrow().get(&guard.number).cloned()
                else {
                    panic!(
                        "internal error: entry guard {} has no resume data",
                        guard.number
                    );
                };
                let mut values = frame.values.clone();
                if let Some(virtuals) = &virtuals {
                    resume::materialize(virtuals, &mut values);
                }
                let frames = resume::blackhole_frames(self.codes, &resume, &values);
                match Blackhole::new(self.codes)
                    .with_call_hook(self)
                    .resume_frames(frames, Stop::Never)
                    .0
                {
                    Exit::Return(v) => Some(v),
                    _ => panic!("internal error: the blackhole stopped inside an entry"),
                }
            }
        }
    }
}

impl CallHook for Entries {
    /// Runs the compiled entry of `jitcode` if it has one and the entries' backend is free.
    unsafe fn call(&self, jitcode: u32, args: &Args) -> Option<BhValue> {
        let key = self.key(jitcode, args);
        let state = self.state(&key);
        let Some(State::Compiled { id, result }) = state else {
            return None;
        };
        let value = self.run_compiled(id, result, &self.inputs(jitcode, args))?;
        self.count(|s| s.blackhole_runs += 1);
        Some(value)
    }
}

/// The return value of a `finish` with these values.
fn value_of(kind: Option<Kind>, values: &[u64]) -> BhValue {
    match kind {
        None => BhValue::Void,
        Some(Kind::Int) => BhValue::Int(values[0] as i64),
        Some(Kind::Ref) => BhValue::Ref(values[0] as usize),
        Some(Kind::Float) => BhValue::Float(f64::from_bits(values[0])),
    }
}

/// A value's bits.
fn bits(value: BhValue) -> u64 {
    match value {
        BhValue::Void => 0,
        BhValue::Int(i) => i as u64,
        BhValue::Ref(r) => r as u64,
        BhValue::Float(f) => f.to_bits(),
    }
}

/// Calls a function that is not inlined, through its compiled entry when it has one: the
/// ints start with the [`Entries`]' address, the jitcode's index and the numbers of int,
/// ref and float arguments, then the int arguments; the refs and floats are the
/// arguments.
///
/// # Safety
/// As a shim: the arrays hold what the ints say, the address is a live [`Entries`], and
/// the jitcode belongs to its registry.
pub unsafe extern "C-unwind" fn call_entry(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    result: *mut u64,
) {
    let entries = &*(*ints as usize as *const Entries);
    let callee = *ints.add(1) as u32;
    let (ni, nr, nf) = (
        *ints.add(2) as usize,
        *ints.add(3) as usize,
        *ints.add(4) as usize,
    );
    let args = Args {
        ints: std::slice::from_raw_parts(ints.add(5), ni).to_vec(),
        refs: std::slice::from_raw_parts(refs, nr).to_vec(),
        floats: std::slice::from_raw_parts(floats, nf).to_vec(),
    };
    let value = entries.call(callee, &args);
    if !result.is_null() {
        *result = bits(value);
    }
}

impl Tracer<'_> {
    /// A call of a function marked not to be inlined: traces its entry first if it is
    /// time to (which also executes the call), else executes it (through its compiled
    /// entry, if any); records the residual call of [`call_entry`].
    pub fn call_not_inlined(
        &mut self,
        callee: u32,
        args: [Vec<TBox>; 3],
        result: Option<JKind>,
    ) -> Result<Option<TBox>, super::Abort> {
        let bh_args = Args {
            ints: args[0].iter().map(|a| a.c as i64).collect(),
            refs: args[1].iter().map(|a| a.c as usize).collect(),
            floats: args[2].iter().map(|a| f64::from_bits(a.c)).collect(),
        };
        let portal = self.jit.codes.portals.contains(&callee);
        if portal && !self.jit.entries.portal_masks.borrow().contains_key(&callee) {
            // The arguments constant here key the portal's entries from now on.
            let mut mask = Mask::default();
            for (i, a) in args[0].iter().enumerate().take(64) {
                if a.v.is_const() {
                    mask.ints |= 1 << i;
                }
            }
            for (i, a) in args[1].iter().enumerate().take(64) {
                if a.v.is_const() {
                    mask.refs |= 1 << i;
                }
            }
            self.jit
                .entries
                .portal_masks
                .borrow_mut()
                .insert(callee, mask);
        }
        let key = self.jit.entries.key(callee, &bh_args);
        // The callee may read and write the frame (virtualizables).
        self.vable_write_back()?;
        // Entry traces are not nested: inside one, calls are only recorded.
        let trace_now = !self.entry && self.jit.entries.wants_trace(&key);
        // Safety: the arguments are the ones the inline call passes, as the interpreter
        // would.
        let value = unsafe {
            if trace_now {
                self.jit.trace_entry(callee, &args)
            } else {
                let entries = self.jit.entries.clone();
                entries.call(callee, &bh_args)
            }
        };
        let c = bits(value);
        let kind = result.map(super::descrs::kind);
        let entries = Rc::as_ptr(&self.jit.entries) as usize as i64;
        let head = [
            entries,
            callee as i64,
            args[0].len() as i64,
            args[1].len() as i64,
            args[2].len() as i64,
        ];
        let mut values = vec![Value::ConstInt(call_entry as *const () as usize as i64)];
        values.extend(head.iter().map(|h| Value::ConstInt(*h)));
        values.extend(args.iter().flatten().map(|a| a.v));
        let descr = entry_call_descr(self.jit.codes, callee, &bh_args, kind);
        let opcode = if portal {
            // The interpreter calling itself: PyPy's `call_assembler`.
            Opcode::CallAssemblerI
                .with_result(kind)
                .unwrap_or(Opcode::CallAssemblerN)
        } else {
            Opcode::CallI.with_result(kind).unwrap_or(Opcode::CallN)
        };
        let b = self.record(opcode, values, Some(Descr::Call(descr)));
        self.heap.clear();
        self.vable_reread();
        Ok(kind.map(|_| TBox {
            v: Value::Box(b),
            c,
        }))
    }
}

/// The call descr of [`call_entry`] for `callee` with these arguments: five ints of
/// header, then the arguments; any effect.
fn entry_call_descr(
    codes: &JitCodes,
    callee: u32,
    args: &Args,
    result: Option<Kind>,
) -> Rc<CallDescr> {
    let mut arg_kinds = vec![Kind::Int; 5 + args.ints.len()];
    arg_kinds.extend(std::iter::repeat_n(Kind::Ref, args.refs.len()));
    arg_kinds.extend(std::iter::repeat_n(Kind::Float, args.floats.len()));
    Rc::new(CallDescr {
        name: format!(
            "pyrite::call_entry#{}",
            codes.jitcodes[callee as usize].name
        ),
        arg_kinds,
        result,
        effect: EffectInfo {
            random_effects: true,
            can_panic: true,
            ..EffectInfo::default()
        },
    })
}

impl JitState {
    /// Marks `jitcode` not to be inlined (after a too long trace mostly inside it): calls
    /// to it are recorded as calls of its entry, which is traced from its start.
    pub(super) fn mark_dont_inline(&mut self, jitcode: u32) {
        if !self.dont_inline.insert(jitcode) {
            return;
        }
        let name = self.codes.jitcodes[jitcode as usize].name.to_string();
        log_abort_line(format_args!(
            "marked `{name}` not to be inlined: it is traced from its own start"
        ));
        self.stats.dont_inline.push(name);
    }

    /// What the compiled entries did so far.
    pub fn entry_stats(&self) -> EntryStats {
        self.entries.stats()
    }

    /// Traces the entry of `callee` with these arguments (executing the call) and
    /// compiles it; returns the call's value. On an abort the blackhole finishes the call.
    ///
    /// # Safety
    /// As [`Blackhole::call`].
    pub(super) unsafe fn trace_entry(&mut self, callee: u32, args: &[Vec<TBox>; 3]) -> BhValue {
        let codes = self.codes;
        let jc = &codes.jitcodes[callee as usize];
        let mut frame = MIFrame::new(callee, jc);
        let mut trace = Trace::new();
        let mask = self.entries.mask(callee);
        for (k, kind) in [Kind::Int, Kind::Ref, Kind::Float].into_iter().enumerate() {
            for (i, a) in args[k].iter().enumerate() {
                let keyed = match kind {
                    Kind::Int => mask.has_int(i),
                    Kind::Ref => mask.has_ref(i),
                    Kind::Float => false,
                };
                frame.regs[k][i] = if keyed {
                    TBox::constant(kind, a.c)
                } else {
                    TBox {
                        v: Value::Box(trace.add_input(kind)),
                        c: a.c,
                    }
                };
            }
        }
        let key = self.entries.key(
            callee,
            &Args {
                ints: args[0].iter().map(|a| a.c as i64).collect(),
                refs: args[1].iter().map(|a| a.c as usize).collect(),
                floats: Vec::new(),
            },
        );
        let started = Instant::now();
        log::debug_start("jit-tracing");
        // The entry's folded fields come after those of a trace that waits for it.
        let quasi_start = self.quasi_deps.len();
        let mut tracer = Tracer::new(self, vec![frame], trace);
        tracer.entry = true;
        let end = tracer.run(TraceMode::Entry);
        let (frames, trace, by_jitcode) = tracer.into_parts();
        log::debug_stop("jit-tracing");
        log::with_summary(|s| s.add_phase(Phase::Tracing, started.elapsed()));
        match end {
            Ok(End::Returned(value)) => {
                if let Err(reason) = self.compile_entry(callee, key.clone(), trace, quasi_start) {
                    self.aborted(reason);
                    self.entries.failed(key, true);
                }
                self.quasi_deps.truncate(quasi_start);
                value
            }
            Ok(_) => unreachable_end(),
            Err(abort) => {
                self.quasi_deps.truncate(quasi_start);
                let reason = abort.reason;
                self.aborted(reason);
                let mut give_up = true;
                if reason == AbortReason::TooLong {
                    let biggest = by_jitcode
                        .iter()
                        .filter(|(j, _)| **j == callee || self.entries.can_call_residually(**j))
                        .max_by_key(|(j, n)| (**n, **j));
                    if let Some((&biggest, _)) = biggest {
                        if biggest != callee {
                            self.mark_dont_inline(biggest);
                            give_up = false;
                        }
                    }
                }
                self.entries.failed(key, give_up);
                let frames = resume::frames_of_tracer(&frames);
                match Blackhole::new(codes).resume_frames(frames, Stop::Never).0 {
                    Exit::Return(v) => v,
                    _ => panic!("internal error: the blackhole stopped inside an entry"),
                }
            }
        }
    }

    /// Optimizes and compiles the entry trace of `callee` with the entries' backend.
    fn compile_entry(
        &mut self,
        callee: u32,
        key: Key,
        trace: Trace,
        quasi_start: usize,
    ) -> Result<(), AbortReason> {
        let before = op_counts(&trace);
        let trace = self.optimize(trace, true)?;
        let name = self.codes.jitcodes[callee as usize].name.to_string();
        let number = self.stats.entries as u32;
        super::compile::log_trace(
            "jit-log-opt-loop",
            &loop_header(number, &format!("entry {name}"), &trace),
            &trace,
        );
        let result = trace
            .ops
            .last()
            .filter(|op| op.opcode == Opcode::Finish)
            .and_then(|op| op.args.first())
            .map(|v| v.kind());
        let started = Instant::now();
        let compiled = {
            let mut backend = self.entries.backend.borrow_mut();
            let backend = backend.get_or_insert_with(super::new_backend);
            let _section = log::section("jit-backend");
            backend.compile_loop(&trace)
        };
        if let Err(e) = &compiled {
            log_abort_line(format_args!("{e}"));
            self.forget_guards(&trace);
        }
        let id = {
            let id = compiled.map_err(|_| AbortReason::CompileFailed)?;
            let backend = self.entries.backend.borrow();
            let Some(backend) = backend.as_ref() else {
                return Err(AbortReason::CompileFailed);
            };
            if log::have_debug_prints("jit-backend-dump") {
                log::debug_start("jit-backend-dump");
                for line in backend.dump(id).lines() {
                    log::debug_print(format_args!("{line}"));
                }
                log::debug_stop("jit-backend-dump");
            }
            // Its guard_not_invalidated fails into the blackhole once a field it folded
            // is written; the entry is then dropped at its next call.
            if self.quasi_deps.len() > quasi_start {
                if let Some(flag) = backend.invalidation(id) {
                    self.watch_deps_with(quasi_start, &flag);
                    self.entries
                        .invalidations
                        .borrow_mut()
                        .insert(key.clone(), flag);
                }
            }
            id
        };
        log::with_summary(|s| {
            s.add_phase(Phase::Backend, started.elapsed());
            s.entry_compiled(before, op_counts(&trace));
        });
        let mut guards = self.entries.guards.borrow_mut();
        for op in &trace.ops {
            let Some(guard) = op.guard_descr() else {
                continue;
            };
            // The entry's guards fail inside `Entries`, which keeps their information.
            if let Some(info) = self.guards.remove(&guard.number) {
                let resume = Rc::new(self.resumes.get(info.resume).clone());
                guards.insert(guard.number, (resume, info.virtuals.clone()));
            }
        }
        drop(guards);
        self.entries
            .functions
            .borrow_mut()
            .insert(key, State::Compiled { id, result });
        self.stats.entries += 1;
        self.keep_trace(|s| &mut s.entry_traces, trace);
        Ok(())
    }
}

/// Logs a line in a `jit-abort` section.
fn log_abort_line(args: std::fmt::Arguments<'_>) {
    if log::have_debug_prints("jit-abort") {
        log::debug_start("jit-abort");
        log::debug_print(args);
        log::debug_stop("jit-abort");
    }
}

fn op_counts(trace: &Trace) -> OpCounts {
    OpCounts {
        ops: trace.ops.len() as u64,
        guards: trace.ops.iter().filter(|o| o.opcode.is_guard()).count() as u64,
    }
}
