//! The meta-tracer (PyPy's `rpython/jit/metainterp`): traces the interpreter's jitcode
//! when a loop of the user's program gets hot, compiles the trace, runs it, and resumes
//! the interpreter when a guard fails.
//!
//! - [`JitState`]: one interpreter's JIT (warm state, compiled loops, guards, backend);
//!   [`JitState::can_enter_jit`] is what the interpreter calls at `can_enter_jit`;
//! - `frame`: the tracer's frames and its dispatch over jitcode instructions;
//! - `record`: recording ops with constant folding, guards and their snapshots;
//! - `heapcache`: the tracer's knowledge of memory;
//! - `resume`: resume data, virtuals, rebuilding frames for the blackhole or the tracer;
//! - `compile`: optimizing and handing traces to the backend;
//! - `bridge`: bridges that enter a peeled loop's body through its short preamble;
//! - `memmgr`: freeing loops unused for `loop_longevity` generations;
//! - [`quasi`]: quasi-immutable fields: who folded which, and the invalidation by writes;
//! - `entry`: functions too big to inline, traced from their own start (their module doc
//!   has the design);
//! - `vable`: virtualizable frames, whose kept fields and items live in boxes;
//! - [`abort`]: the reasons a trace is abandoned;
//! - `descrs`: trace descrs from jitcode descrs, and helper functions;
//! - [`runtime`]: the per-thread JIT state the hooks emitted in a target call, and the
//!   JIT-driven run of a portal for the test harness.
//!
//! # What happens at `can_enter_jit`, step by step
//!
//! 1. The warm state counts the green key; nothing else happens until it is hot.
//! 2. Hot: the tracer starts a frame of the portal's jitcode at its `jit_merge_point`,
//!    greens as constants and reds as the trace's inputs, records a `label`, and executes
//!    (really) and records until the outermost frame reaches its merge point with the
//!    same greens: it records a `jump`, the loop is optimized and compiled, and attached
//!    to the key.
//! 3. With a compiled loop for the key at the merge point, the loop runs with the reds.
//!    When a guard fails, its resume data rebuilds the frames (virtuals materialized)
//!    and the blackhole runs them to the outermost frame's next merge point; after
//!    `trace_eagerness` failures of the guard, the tracer runs from there instead and the
//!    bridge it records (up to the next merge point, where it `finish`es) is attached to
//!    the guard. A bridge that reaches a merge point with a compiled loop jumps into it:
//!    into the body of a peeled loop through the loop's short preamble (`bridge`), else
//!    to the loop's first label.
//! 4. At a merge point reached this way, a compiled loop of the new key runs at once;
//!    otherwise the interpreter goes on with the new greens and reds
//!    ([`Entry::Continue`]), or the portal's return value if it returned meanwhile.
//!
//! A trace that is abandoned ([`AbortReason`]) hands its frames to the blackhole, which
//! goes on to the next merge point: tracing executed everything it recorded, so nothing
//! is done twice.
//!
//! A trace abandoned for `trace_limit` marks the function that recorded most of it not to
//! be inlined; that function is then traced from its own start, and loops call its
//! compiled entry (`entry`). Loops not entered for `loop_longevity` generations are freed
//! (`memmgr`).

pub mod abort;
mod bridge;
mod compile;
mod descrs;
mod entry;
mod frame;
mod heapcache;
mod memmgr;
pub mod quasi;
mod record;
mod resume;
pub mod runtime;
mod trees;
mod vable;

/// Brings the virtualizable `frame` up to date when compiled code that keeps it in
/// registers is running a call (RPython's forcing through the `vable_token`): the JIT
/// writes its values into the frame, and the compiled code goes on in the interpreter
/// after the call (its `guard_not_forced` fails). A `#[dont_look_inside]` function (or
/// code outside the core) that reads or writes a `Gc<Frame>` virtualizable calls it
/// first: the JIT does not write a GC frame back before a residual call. Natively, and
/// when no compiled code keeps the frame, it does nothing (one thread-local look-up).
pub fn force_virtualizable<T: crate::gc::GcType>(frame: crate::Gc<T>) {
    vable::force(frame.as_ptr() as usize);
}

pub use abort::AbortReason;
pub use compile::op_names;
pub use entry::{call_entry, EntryStats};

use crate::blackhole::{Args, Blackhole, Exit, FrameState, Stop, Value as BhValue};
use crate::jit::log::{self, Phase};
use crate::jit::{Entry as WarmEntry, JitParams, WarmState};
use crate::jitcode::decode::decode_all;
use crate::jitcode::{JitCodes, Kind as JKind, Operand};
use frame::{Flow, MIFrame, TBox};
use heapcache::HeapCache;
use jitsupport_trace::backend::reference::ReferenceBackend;
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
use jitsupport_trace::backend::x86::X86Backend;
use jitsupport_trace::backend::{Backend, Exit as BackendExit, LoopId};
use jitsupport_trace::optimizeopt::virtualize::GuardResume;
use jitsupport_trace::{
    BoxId, Descr, FinishDescr, GuardDescr, Kind, Op, Opcode, TargetToken, Trace, Value,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use std::time::Instant;

/// The deepest nesting of inline calls the tracer follows.
pub const MAX_DEPTH: usize = 64;

/// The fewest ops a call of a function must record on average, in a trace that grew past
/// `trace_limit`, for the function to be called through an entry trace instead of inlined
/// (see `after_abort`).
pub const MIN_ENTRY_OPS: u32 = 24;

/// How many failures of a guard make it trace its bridge even when the time budget is
/// spent: by then its blackhole runs have cost about what compiling the bridge costs
/// (a rent-or-buy rule). With `trace_eagerness` at its default (200) bridges are never
/// put off; with `trace_eagerness=1` a guard that fails a few times waits for the budget.
pub const BRIDGE_OVER_BUDGET: u32 = 200;

/// Why the tracer stopped, with the jitcode that contributed most ops.
#[derive(Debug)]
pub struct Abort {
    pub reason: AbortReason,
}

impl Abort {
    fn new(reason: AbortReason) -> Abort {
        Abort { reason }
    }
}

/// What the interpreter does after `can_enter_jit`.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// Go on as if nothing happened.
    Interpret,
    /// The JIT ran the program on to a merge point: continue there with these greens
    /// and reds (per kind, in the order of the merge point's lists).
    Continue { greens: Args, reds: Args },
    /// The portal returned this value while the JIT ran it.
    Return(BhValue),
}

/// Counts for tests (the process-wide numbers go to `jit-summary`).
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub loops: u64,
    pub bridges: u64,
    pub aborts: BTreeMap<AbortReason, u64>,
    pub guard_failures: u64,
    pub blackhole_runs: u64,
    /// The optimized loops, in compilation order.
    pub loop_traces: Vec<Trace>,
    /// The optimized bridges, in compilation order.
    pub bridge_traces: Vec<Trace>,
    /// The jitcodes marked not to be inlined after a too long trace, by name.
    pub dont_inline: Vec<String>,
    /// Function entry traces compiled (`entry`).
    pub entries: u64,
    /// The optimized entry traces, in compilation order.
    pub entry_traces: Vec<Trace>,
    /// Loops freed by `loop_longevity`.
    pub freed_loops: u64,
    /// Loop headers not traced from any more after too many aborted traces.
    pub keys_given_up: u64,
    /// Loops closed at a loop header that a trace came back to (`trees`), counted in
    /// `loops` too.
    pub inner_loops: u64,
    /// Loops detached from their key because a quasi-immutable field their code folded
    /// was written (`quasi`); the key is traced again when hot.
    pub invalidated_loops: u64,
    /// Loops freed because the live ones took more than `memory_limit` (also counted in
    /// `freed_loops`).
    pub loops_freed_for_memory: u64,
}

/// What a JIT holds at one time ([`JitState::holdings`]): it grows with the live code,
/// not with what was ever compiled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    /// Compiled loops not freed.
    pub live_loops: usize,
    /// The entries of the JIT's table of loops (one per live loop: a freed loop's goes).
    pub loop_entries: usize,
    /// The guards of live loops and bridges, with their failure counts.
    pub guards: usize,
    /// Snapshots for resuming (swept once they double).
    pub resume_data: usize,
    /// The `finish`es of live bridges.
    pub finishes: usize,
    /// What the live loops take for `memory_limit`: machine code and the estimate of
    /// their data, in bytes.
    pub bytes: usize,
}

impl Stats {
    /// The number of aborts, all reasons together.
    pub fn total_aborts(&self) -> u64 {
        self.aborts.values().sum()
    }
}

pub(crate) struct GuardInfo {
    resume: usize,
    virtuals: Option<GuardResume>,
    /// The ref constants `virtuals` stores into the objects it builds: roots while the
    /// guard lives (the trace's own constants are the backend's `ConstRoots`).
    _virtual_consts: Option<crate::gcjit::HeldRoots>,
    failures: u32,
    bridge: bool,
    attempts: u32,
    /// A `guard_not_invalidated`: it fails only after its code was invalidated, which
    /// a bridge would not help (RPython's `ResumeGuardNotInvalidated`).
    not_invalidated: bool,
    /// A `guard_not_forced`: it fails only after the call before it forced the frame,
    /// which then holds the virtualizable's values (its resume data's are not written);
    /// it resumes after the call and grows no bridge (RPython's
    /// `ResumeGuardForcedDescr`).
    not_forced: bool,
}

/// A quasi-immutable field a trace folded: its address, layout and the value folded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QuasiDep {
    addr: usize,
    size: u8,
    signed: bool,
    kind: Kind,
    value: u64,
}

/// What a `finish` of a bridge means.
#[derive(Clone, Debug)]
enum FinishInfo {
    /// The outermost frame reached its merge point with these greens; the finish args
    /// are the reds.
    /// After the reds come the virtualizable's values, when `vable` gives the frame's
    /// position among the ref reds, its layout and its shape: the runtime writes them
    /// into the frame (knowing each item's variant, for arrays of value enums).
    MergePoint {
        greens: Args,
        red_kinds: Vec<Kind>,
        vable: Option<(usize, Rc<vable::VableLayout>, vable::Shape)>,
    },
    /// The portal returned; the finish arg (if any) is the value, of this kind. With
    /// `Some` virtualizable, the frame and its values follow, which the runtime writes
    /// into the frame.
    Return(Option<Kind>, Option<(Rc<vable::VableLayout>, vable::Shape)>),
}

/// Where the portal's merge point is and which registers it names.
#[derive(Clone, Debug)]
struct PortalInfo {
    jitcode: u32,
    /// The `jit_merge_point` instruction.
    pc: usize,
    greens: [Vec<u8>; 3],
    reds: [Vec<u8>; 3],
    /// The driver's virtualizable, if it has one (`vable`).
    vable: Option<Rc<vable::VableLayout>>,
}

/// The backend compiled code runs on: x86-64 machine code where the backend exists, or
/// the reference backend when the environment variable `PYRITE_JIT_BACKEND` is `ref` at
/// run time, or was when jitsupport was built (`translate -Ojit --jit-backend=ref` builds
/// so). Objects of GC types are allocated by the thread's collector
/// ([`crate::gcjit::gc_support`]); other allocations go to zeroed memory that is never
/// freed, so that objects a loop allocates outlive the backend.
fn new_backend() -> Box<dyn Backend> {
    let gc = crate::gcjit::gc_support();
    // `new_with_vtable` of a class (a GC type id) allocates on the GC heap.
    let hook = Box::new(|size: usize, class: u32| match class {
        0 => crate::blackhole::memory::alloc_object(size),
        type_id => crate::blackhole::memory::alloc_gc_object(type_id),
    });
    let chosen = std::env::var("PYRITE_JIT_BACKEND").ok();
    let reference = match chosen.as_deref() {
        Some(name) => name == "ref",
        None => option_env!("PYRITE_JIT_BACKEND") == Some("ref"),
    };
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    if !reference {
        return Box::new(X86Backend::with_alloc_hook(hook).with_gc(gc));
    }
    let _ = reference;
    Box::new(ReferenceBackend::with_alloc_hook(hook).with_gc(gc))
}

/// Where running compiled code or the blackhole left the program.
enum Where {
    MergePoint { greens: Args, reds: Args },
    Return(BhValue),
}

/// One interpreter's JIT.
pub struct JitState {
    codes: &'static JitCodes,
    params: JitParams,
    descrs: descrs::DescrCache,
    backend: Box<dyn Backend>,
    warm: Vec<WarmState<usize>>,
    /// Per live compiled loop, by its index (numbered in compilation order, never
    /// reused): its backend id, its driver, and the label at its start that bridges jump
    /// to (if the optimizer kept it). A freed loop's entry goes, so the map grows with
    /// the live loops, not with the compilations.
    loops: HashMap<usize, (LoopId, usize, Option<Rc<TargetToken>>)>,
    /// The index of the next loop compiled.
    next_loop: usize,
    resumes: resume::ResumeStore,
    guards: HashMap<u32, GuardInfo>,
    /// What each `finish` of a bridge means, by number; `next_finish` numbers the next.
    finishes: HashMap<u32, FinishInfo>,
    next_finish: u32,
    portals: HashMap<usize, PortalInfo>,
    next_guard: u32,
    next_label: u32,
    dont_inline: HashSet<u32>,
    /// The compiled entries of functions not inlined, shared with the code that calls them.
    entries: Rc<entry::Entries>,
    /// Which loops are used, and which jump into which (`loop_longevity`).
    memmgr: memmgr::MemoryManager,
    /// The short preambles bridges enter loops' bodies through (see `bridge`).
    short_preambles: bridge::ShortPreambles,
    stats: Stats,
    /// Whether [`Stats`] keeps the optimized traces (tests read them; the runtime of a
    /// target does not keep them).
    keep_traces: bool,
    /// The generations of `memmgr` ended so far: one per compiled loop.
    generations: u64,
    /// Inline calls per jitcode in the last trace (cleared when a trace starts).
    calls_by_jitcode: HashMap<u32, u32>,
    /// The quasi-immutable fields the traces being recorded folded: a loop's or bridge's
    /// from the start, an entry's (traced while another trace waits) after them.
    quasi_deps: Vec<QuasiDep>,
    /// The loops whose code folded quasi-immutable fields (theirs or their bridges'):
    /// their invalidation flag and green key, checked before entering them.
    quasi_loops: HashMap<usize, (Rc<jitsupport_trace::backend::Invalidation>, Vec<i64>)>,
    /// The share of the run's time the JIT may spend tracing and compiling, if limited
    /// (`compile_budget`; see [`JitState::enable_budget`]).
    budget: Option<Rc<crate::jit::Budget>>,
    /// Whether traces record `debug_merge_point`s without a log asking for them.
    record_merge_points: bool,
    /// The live loops take more than `memory_limit` even after freeing the least
    /// recently used: nothing new is traced (see `memmgr`).
    memory_full: bool,
    /// The shape of the virtualizable each loop was traced with (its arrays' lengths),
    /// by loop index: a loop is entered and jumped to only with a frame of that shape.
    loop_shapes: HashMap<usize, vable::Shape>,
    /// The call sites of compiled code that may force a GC frame (`call_may_force`):
    /// their layout and shape, named by address in the code, kept while the JIT lives.
    // Boxed: compiled code names each site by its address, which must not move.
    #[allow(clippy::vec_box)]
    force_sites: Vec<Box<vable::ForceSite>>,
    /// The shape of the virtualizable of the trace being recorded.
    tracing_shape: Option<vable::Shape>,
}

/// What the warm state says at a `can_enter_jit` ([`JitState::count`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hot {
    /// Nothing to do: go on interpreting.
    No,
    /// The key just got hot: trace from here.
    Trace,
    /// A loop is compiled for the key: enter it (its index among the JIT's loops).
    Run(usize),
}

impl JitState {
    /// A JIT for the interpreter whose registry is `codes`, with these parameters.
    pub fn new(codes: &'static JitCodes, params: JitParams) -> JitState {
        let function_threshold = params.function_threshold;
        let warm = (0..codes.portals.len().max(1))
            .map(|_| WarmState::new(&params))
            .collect();
        JitState {
            codes,
            params,
            descrs: descrs::DescrCache::default(),
            backend: new_backend(),
            warm,
            loops: HashMap::new(),
            next_loop: 0,
            resumes: resume::ResumeStore::default(),
            guards: HashMap::new(),
            finishes: HashMap::new(),
            next_finish: 0,
            portals: HashMap::new(),
            next_guard: 0,
            next_label: 0,
            dont_inline: HashSet::new(),
            entries: Rc::new(entry::Entries::new(codes, function_threshold)),
            memmgr: memmgr::MemoryManager::default(),
            short_preambles: bridge::ShortPreambles::default(),
            stats: Stats::default(),
            keep_traces: true,
            generations: 0,
            calls_by_jitcode: HashMap::new(),
            quasi_deps: Vec::new(),
            quasi_loops: HashMap::new(),
            budget: None,
            record_merge_points: false,
            memory_full: false,
            loop_shapes: HashMap::new(),
            force_sites: Vec::new(),
            tracing_shape: None,
        }
    }

    /// Makes traces record the `debug_merge_point`s of the user's program even when no
    /// trace log or perf map asks for them (for an embedder's viewer, and for tests that
    /// check that they change nothing else).
    pub fn set_record_merge_points(&mut self, on: bool) {
        self.record_merge_points = on;
    }

    /// Bounds the time this JIT spends tracing and compiling by the parameters
    /// `compile_budget` and `compile_allowance`, from now on (`jit::budget`). The runtime
    /// of a target does this; a JIT built for a test has no budget, so that what it
    /// compiles does not depend on the machine's speed.
    pub fn enable_budget(&mut self) {
        self.budget = crate::jit::Budget::new(&self.params).map(Rc::new);
        for warm in &mut self.warm {
            warm.set_budget(self.budget.clone());
        }
    }

    /// How many traces the time budget put off.
    pub fn deferred_traces(&self) -> u64 {
        self.budget.as_ref().map_or(0, |b| b.deferred())
    }

    /// The start of some work of the JIT to charge to the budget (see
    /// [`JitState::charge`]).
    fn work_started(&self) -> Option<std::time::Duration> {
        self.budget
            .as_ref()
            .map(|_| crate::jit::budget::thread_cpu_time())
    }

    /// Charges the JIT's work since `started` to the budget.
    fn charge(&self, started: Option<std::time::Duration>) {
        if let (Some(budget), Some(started)) = (&self.budget, started) {
            budget.charge_since(started);
        }
    }

    /// The portal that residual function `function` calls, when it is the shim of a
    /// portal's call of itself (the codewriter's `CallClass::Recursive`) and recursion
    /// goes through `call_assembler` (`function_threshold` is not 0, and the portal
    /// returns one value at most).
    fn recursive_portal(&self, function: usize) -> Option<u32> {
        if self.params.function_threshold == 0 {
            return None;
        }
        let name = &self.codes.functions.get(function)?.name;
        self.codes
            .portals
            .iter()
            .copied()
            .find(|&p| self.codes.jitcodes[p as usize].name == *name)
            .filter(|&p| self.entries.returns_one_value(p))
    }

    /// Whether [`Stats`] keeps every optimized trace (`loop_traces`, `bridge_traces`,
    /// `entry_traces`); on by default, for tests. A long-running program turns it off, so
    /// that memory does not grow with every compilation.
    pub fn set_keep_traces(&mut self, keep: bool) {
        self.keep_traces = keep;
    }

    /// What the JIT did so far.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// What the JIT holds now, for tests of freeing.
    pub fn holdings(&self) -> Holdings {
        Holdings {
            live_loops: self.memmgr.live_loops(),
            loop_entries: self.loops.len(),
            guards: self.guards.len(),
            resume_data: self.resumes.len(),
            finishes: self.finishes.len(),
            bytes: self.memmgr.total_bytes(),
        }
    }

    /// The parameters in force.
    pub fn params(&self) -> &JitParams {
        &self.params
    }

    /// The interpreter reached `can_enter_jit` of `driver` with these greens and reds
    /// (per kind, in the order of the merge point's lists): count, trace, or run.
    ///
    /// # Safety
    /// The values are the interpreter's real state at that point (refs valid), and the
    /// registry describes the real layouts and functions.
    pub unsafe fn can_enter_jit(&mut self, driver: usize, greens: &Args, reds: &Args) -> Entry {
        match self.count(driver, &green_key(greens)) {
            Hot::No => Entry::Interpret,
            hot => self.enter(driver, hot, greens, reds),
        }
    }

    /// The cheap half of [`JitState::can_enter_jit`]: counts a pass through
    /// `can_enter_jit` of `driver` with this green key (the greens' words, ints first,
    /// then refs, then floats) and says whether there is anything to do. Builds nothing:
    /// this is the cost of `can_enter_jit` in a native interpreter with the JIT.
    #[inline]
    pub fn count(&mut self, driver: usize, key: &[i64]) -> Hot {
        if !self.params.enabled {
            return Hot::No;
        }
        let Some(warm) = self.warm.get_mut(driver) else {
            return Hot::No;
        };
        match warm.can_enter_jit(key) {
            WarmEntry::Interpret => Hot::No,
            WarmEntry::Trace => Hot::Trace,
            WarmEntry::Run(&l) => Hot::Run(l),
        }
    }

    /// The other half: acts on what [`JitState::count`] said (trace, or run a loop) and
    /// runs compiled code for as long as it leads from loop to loop.
    ///
    /// # Safety
    /// As [`JitState::can_enter_jit`].
    pub unsafe fn enter(&mut self, driver: usize, hot: Hot, greens: &Args, reds: &Args) -> Entry {
        let mut next = match hot {
            Hot::No => return Entry::Interpret,
            Hot::Trace if self.memory_full => {
                // The live loops take all of `memory_limit`: nothing new is traced.
                let key = green_key(greens);
                self.warm[driver].finish_tracing(&key);
                self.aborted(AbortReason::MemoryLimit);
                self.key_aborted(driver, &key);
                return Entry::Interpret;
            }
            Hot::Trace => {
                let started = self.work_started();
                let there = self.trace_loop(driver, greens, reds);
                self.charge(started);
                there
            }
            Hot::Run(l) if self.drop_if_invalidated(driver, l) => return Entry::Interpret,
            Hot::Run(l) => match self.run_loop(driver, l, reds) {
                Some(there) => there,
                None => return Entry::Interpret,
            },
        };
        loop {
            match next {
                Where::Return(v) => return Entry::Return(v),
                Where::MergePoint { greens, reds } => {
                    let key = green_key(&greens);
                    match self.warm[driver].loop_token(&key).copied() {
                        Some(l) if !self.drop_if_invalidated(driver, l) => {
                            match self.run_loop(driver, l, &reds) {
                                Some(there) => next = there,
                                None => return Entry::Continue { greens, reds },
                            }
                        }
                        _ => return Entry::Continue { greens, reds },
                    }
                }
            }
        }
    }

    fn portal(&mut self, driver: usize) -> PortalInfo {
        if let Some(p) = self.portals.get(&driver) {
            return p.clone();
        }
        let Some(jitcode) = self.codes.portal(driver) else {
            panic!("the registry has no portal for driver {driver}");
        };
        let jc = &self.codes.jitcodes[jitcode as usize];
        let insn = decode_all(&jc.code)
            .unwrap_or_default()
            .into_iter()
            .find(|i| i.opcode == crate::jitcode::Opcode::JitMergePoint);
        let Some(insn) = insn else {
            panic!("the portal `{}` has no jit_merge_point", jc.name);
        };
        let lists: Vec<Vec<u8>> = insn
            .operands
            .iter()
            .filter_map(|o| match o {
                Operand::List(_, items) => Some(items.clone()),
                _ => None,
            })
            .collect();
        let vable = vable::VableLayout::of_portal(self.codes, &mut self.descrs, jitcode, &lists[4])
            .map(Rc::new);
        let info = PortalInfo {
            jitcode,
            pc: insn.pc,
            greens: [lists[0].clone(), lists[1].clone(), lists[2].clone()],
            reds: [lists[3].clone(), lists[4].clone(), lists[5].clone()],
            vable,
        };
        self.portals.insert(driver, info.clone());
        info
    }

    /// Traces from the merge point with these greens and reds; compiles the loop.
    unsafe fn trace_loop(&mut self, driver: usize, greens: &Args, reds: &Args) -> Where {
        let key = green_key(greens);
        let portal = self.portal(driver);
        let jc = &self.codes.jitcodes[portal.jitcode as usize];
        let mut frame = MIFrame::new(portal.jitcode, jc);
        frame.pc = portal.pc;
        let mut trace = Trace::new();
        let mut inputs = Vec::new();
        let words = args_words(greens);
        for (k, kind) in [Kind::Int, Kind::Ref, Kind::Float].into_iter().enumerate() {
            for (r, w) in portal.greens[k].iter().zip(&words[k]) {
                frame.regs[k][*r as usize] = TBox::constant(kind, *w);
            }
        }
        let red_words = args_words(reds);
        for (k, kind) in [Kind::Int, Kind::Ref, Kind::Float].into_iter().enumerate() {
            for (r, w) in portal.reds[k].iter().zip(&red_words[k]) {
                let b = trace.add_input(kind);
                inputs.push(Value::Box(b));
                frame.regs[k][*r as usize] = TBox {
                    v: Value::Box(b),
                    c: *w,
                };
            }
        }
        // The virtualizable's values are inputs after the reds.
        let mut vable_start = None;
        self.tracing_shape = None;
        if let Some(layout) = &portal.vable {
            let obj = frame.regs[1][portal.reds[1][layout.red] as usize];
            // Safety: the red is the live frame the interpreter runs.
            let (shape, values) = unsafe {
                let shape = layout.shape(obj.c as usize);
                let values = vable::read(layout, obj.c as usize, &shape);
                (shape, values)
            };
            let boxes: Vec<TBox> = layout
                .kinds(&shape)
                .into_iter()
                .zip(values)
                .map(|(kind, c)| {
                    let b = trace.add_input(kind);
                    inputs.push(Value::Box(b));
                    TBox {
                        v: Value::Box(b),
                        c,
                    }
                })
                .collect();
            self.tracing_shape = Some(shape.clone());
            vable_start = Some((layout.clone(), shape, obj, boxes));
        }
        let token = Rc::new(TargetToken {
            number: self.next_label,
        });
        self.next_label += 1;
        trace
            .push_op(Op::new(Opcode::Label, inputs, None).with_descr(Descr::Target(token.clone())));
        let started = Instant::now();
        log::debug_start("jit-tracing");
        self.quasi_deps.clear();
        let mut tracer = Tracer::new(self, vec![frame], trace);
        if let Some((layout, shape, obj, boxes)) = vable_start {
            tracer.set_vable(layout, shape, obj, boxes);
        }
        let end = tracer.run(TraceMode::Loop {
            driver,
            greens: greens.clone(),
            token,
        });
        let (frames, trace, ops_by_jitcode) = tracer.into_parts();
        log::debug_stop("jit-tracing");
        log::with_summary(|s| s.add_phase(Phase::Tracing, started.elapsed()));
        self.warm[driver].finish_tracing(&key);
        let closed = match end {
            Ok(End::Closed { greens, reds }) => Ok((trace, greens, reds)),
            Ok(End::Inner {
                split,
                greens,
                reds,
            }) => match self.close_inner_loop(driver, trace, &split) {
                Ok(outer) => Ok((outer, greens, reds)),
                Err(_) => Err(Where::MergePoint { greens, reds }),
            },
            end => return self.trace_loop_failed(driver, &key, end, frames, &ops_by_jitcode),
        };
        let result = match closed {
            Ok((trace, greens, reds)) => {
                if let Err(reason) = self.install_loop(driver, &key, trace) {
                    self.aborted(reason);
                    self.key_aborted(driver, &key);
                }
                Where::MergePoint { greens, reds }
            }
            Err(there) => {
                self.key_aborted(driver, &key);
                there
            }
        };
        self.free_old_loops();
        let newest = self.next_loop.checked_sub(1);
        self.enforce_memory_limit(newest);
        self.sweep_resumes();
        result
    }

    /// Optimizes and compiles `trace`, a loop from the header `key` of `driver`, and
    /// attaches it there; returns its index among the JIT's loops.
    fn install_loop(
        &mut self,
        driver: usize,
        key: &[i64],
        trace: Trace,
    ) -> Result<usize, AbortReason> {
        let token = trace.ops.first().and_then(|op| op.target().cloned());
        let (id, optimized) = self.compile_loop(trace)?;
        // Bridges may jump to the loop's first label if it is still the one the trace
        // started with (its arguments are the reds).
        let entry = optimized
            .ops
            .iter()
            .find(|op| op.opcode == Opcode::Label)
            .and_then(|op| op.target().cloned())
            .filter(|t| token.as_ref().is_some_and(|k| Rc::ptr_eq(t, k)));
        let l = self.next_loop;
        self.next_loop += 1;
        self.watch_quasi_deps(l, id, key);
        let freed_before = self.warm[driver].times_freed(key);
        let code = self.backend.code_size(id);
        self.memmgr
            .loop_compiled(l, (driver, key), freed_before, (&optimized, code));
        self.keep_trace(|s| &mut s.loop_traces, optimized);
        self.loops.insert(l, (id, driver, entry));
        if let Some(shape) = &self.tracing_shape {
            self.loop_shapes.insert(l, shape.clone());
            // The shapes of freed loops go once they are half of those kept.
            if self.loop_shapes.len() > 2 * self.loops.len() + 16 {
                let loops = &self.loops;
                self.loop_shapes.retain(|l, _| loops.contains_key(l));
            }
        }
        self.warm[driver].attach_loop(key, l);
        Ok(l)
    }

    /// The end of a loop's trace that made no loop: the portal returned, or it aborted.
    unsafe fn trace_loop_failed(
        &mut self,
        driver: usize,
        key: &[i64],
        end: Result<End, Abort>,
        frames: Vec<MIFrame>,
        ops_by_jitcode: &HashMap<u32, u32>,
    ) -> Where {
        match end {
            Ok(End::Returned(v)) => {
                self.aborted(AbortReason::PortalReturned);
                self.key_aborted(driver, key);
                Where::Return(v)
            }
            Ok(_) => unreachable_end(),
            Err(abort) => {
                self.after_abort(abort, ops_by_jitcode, driver, key);
                self.key_aborted(driver, key);
                self.blackhole(resume::frames_of_tracer(&frames))
            }
        }
    }

    /// A trace from the loop header `key` of `driver` ended without a loop: the warm state
    /// backs the key off, and gives it up after `MAX_ABORTS` aborts in a row.
    fn key_aborted(&mut self, driver: usize, key: &[i64]) {
        if !self.warm[driver].trace_aborted(key) {
            return;
        }
        self.stats.keys_given_up += 1;
        log::with_summary(|s| s.key_given_up());
        if log::have_debug_prints("jit-abort") {
            log::debug_start("jit-abort");
            log::debug_print(format_args!(
                "giving up on key {key:?} of driver {driver} after {} aborted traces",
                crate::jit::warmstate::MAX_ABORTS
            ));
            log::debug_stop("jit-abort");
        }
    }

    fn aborted(&mut self, reason: AbortReason) {
        *self.stats.aborts.entry(reason).or_insert(0) += 1;
        log::with_summary(|s| s.aborted(reason.name()));
        if log::have_debug_prints("jit-abort") {
            log::debug_start("jit-abort");
            log::debug_print(format_args!("{}: {}", reason.name(), reason.message()));
            log::debug_stop("jit-abort");
        }
    }

    /// Bookkeeping after an abandoned trace: on `trace_limit`, the jitcode that recorded
    /// most ops is not inlined again when it is not the portal, and the portal's key is
    /// not traced from here again.
    fn after_abort(
        &mut self,
        abort: Abort,
        by_jitcode: &HashMap<u32, u32>,
        driver: usize,
        key: &[i64],
    ) {
        self.aborted(abort.reason);
        if abort.reason != AbortReason::TooLong {
            return;
        }
        let portal = self.codes.portal(driver);
        let biggest = by_jitcode
            .iter()
            .filter(|(j, _)| Some(**j) == portal || self.entries.can_call_residually(**j))
            .max_by_key(|(j, n)| (**n, **j));
        if let Some((&biggest, &ops)) = biggest {
            // A function whose calls record few ops each is not worth an entry: each call
            // through `call_entry` costs more than its ops, and a loop calling it
            // would run slower than the interpreter. The loop's key backs off instead.
            let calls = self.calls_by_jitcode.get(&biggest).copied().unwrap_or(0);
            let small = calls > 0 && ops / calls < MIN_ENTRY_OPS;
            if Some(biggest) == portal || small {
                self.warm[driver].dont_trace_here(key);
            } else {
                self.mark_dont_inline(biggest);
            }
        }
    }

    /// Runs frames in the blackhole to the outermost frame's next merge point.
    unsafe fn blackhole(&mut self, frames: Vec<FrameState>) -> Where {
        let started = Instant::now();
        self.stats.blackhole_runs += 1;
        log::debug_start("jit-blackhole");
        // Calls of functions with a compiled entry run it, as from compiled code.
        let entries = Rc::clone(&self.entries);
        let (exit, _) = Blackhole::new(self.codes)
            .with_call_hook(&*entries)
            .resume_frames(frames, Stop::MergePoint);
        log::debug_stop("jit-blackhole");
        log::with_summary(|s| s.add_phase(Phase::Blackhole, started.elapsed()));
        match exit {
            Exit::Return(v) => Where::Return(v),
            Exit::MergePoint { greens, reds, .. } => Where::MergePoint { greens, reds },
            Exit::CanEnterJit { .. } => {
                panic!("internal error: the blackhole stopped at can_enter_jit")
            }
        }
    }

    /// Runs compiled loop `l` with the reds (and the values of the virtualizable, read
    /// from the frame); `None` if the frame's shape is not the loop's.
    unsafe fn run_loop(&mut self, driver: usize, l: usize, reds: &Args) -> Option<Where> {
        let (id, _, _) = self.loops[&l];
        let mut words: Vec<u64> = args_words(reds).concat();
        if let Some(layout) = self.portal(driver).vable {
            let obj = reds.refs.get(layout.red).copied().unwrap_or(0);
            let shape = self.loop_shapes.get(&l)?;
            let lengths = layout.lengths(obj);
            if !shape.iter().map(|w| w.len).eq(lengths) {
                return None;
            }
            words.extend(vable::read(&layout, obj, shape));
        }
        log::count(log::Counted::Loop, l as u32);
        self.memmgr.entered(l);
        let frame = self.backend.execute(id, &words);
        Some(match &frame.exit {
            BackendExit::Finish(descr) => {
                let number = descr.as_ref().map_or(0, |d| d.number) as usize;
                self.finished(number, &frame.values)
            }
            BackendExit::Guard(guard) => {
                let guard = guard.clone();
                self.guard_failed(driver, &guard, frame.values.clone(), frame.kinds.clone())
            }
        })
    }

    fn finished(&self, number: usize, values: &[u64]) -> Where {
        let Some(finish) = self.finishes.get(&(number as u32)) else {
            panic!("internal error: finish {number} was freed");
        };
        match finish {
            FinishInfo::MergePoint {
                greens,
                red_kinds,
                vable,
            } => {
                let reds = words_args(red_kinds, &values[..red_kinds.len().min(values.len())]);
                if let Some((red, layout, shape)) = vable {
                    let obj = reds.refs.get(*red).copied().unwrap_or(0);
                    // Safety: the frame is the live red the loop ran on, of this shape.
                    unsafe { vable::write(layout, obj, shape, &values[red_kinds.len()..]) };
                }
                Where::MergePoint {
                    greens: greens.clone(),
                    reds,
                }
            }
            FinishInfo::Return(kind, vable) => {
                if let Some((layout, shape)) = vable {
                    let at = usize::from(kind.is_some());
                    // Safety: the frame is the live red the trace ran on, of this shape.
                    unsafe { vable::write(layout, values[at] as usize, shape, &values[at + 1..]) };
                }
                Where::Return(match kind {
                    None => BhValue::Void,
                    Some(Kind::Int) => BhValue::Int(values[0] as i64),
                    Some(Kind::Ref) => BhValue::Ref(values[0] as usize),
                    Some(Kind::Float) => BhValue::Float(f64::from_bits(values[0])),
                })
            }
        }
    }

    /// A guard failed with these fail-arg values: resume in the blackhole, or trace a
    /// bridge when the guard failed often enough.
    unsafe fn guard_failed(
        &mut self,
        driver: usize,
        guard: &Rc<GuardDescr>,
        mut values: Vec<u64>,
        kinds: Vec<Kind>,
    ) -> Where {
        self.stats.guard_failures += 1;
        self.memmgr.guard_failed(guard.number);
        log::count(log::Counted::Guard, guard.number);
        let eagerness = self.params.trace_eagerness;
        let Some(info) = self.guards.get_mut(&guard.number) else {
            panic!("internal error: guard {} has no resume data", guard.number);
        };
        info.failures += 1;
        let not_forced = info.not_forced;
        let mut trace_bridge = eagerness > 0
            && !info.bridge
            && !info.not_invalidated
            && !not_forced
            && info.attempts < 3
            && info.failures >= eagerness;
        let memory_full = trace_bridge && self.memory_full;
        if memory_full {
            // No room under `memory_limit`: the guard tries again later, three times.
            info.attempts += 1;
            info.failures = 0;
            trace_bridge = false;
        }
        if trace_bridge
            && info.failures < BRIDGE_OVER_BUDGET
            && self.budget.as_ref().is_some_and(|b| !b.allows())
        {
            // The JIT spent its share of the run: the guard keeps counting, and asks
            // again at its next failure.
            if let Some(budget) = &self.budget {
                budget.defer();
            }
            trace_bridge = false;
        }
        let resume = info.resume;
        if let Some(virtuals) = &info.virtuals {
            resume::materialize(virtuals, &mut values);
        }
        if memory_full {
            self.aborted(AbortReason::MemoryLimit);
        }
        // The frame gets the virtualizable's values, for the blackhole or the tracer
        // (a forced frame holds them already, maybe changed since by the callee).
        if let Some(v) = self
            .resumes
            .get(resume)
            .vable
            .as_ref()
            .filter(|_| !not_forced)
        {
            v.write(&values);
        }
        if trace_bridge {
            let Some(info) = self.guards.get_mut(&guard.number) else {
                panic!("internal error: guard {} has no resume data", guard.number);
            };
            info.attempts += 1;
            info.failures = 0;
            let started = self.work_started();
            let there = self.trace_bridge(driver, guard, resume, values, kinds);
            self.charge(started);
            return there;
        }
        let frames = resume::blackhole_frames(self.codes, self.resumes.get(resume), &values);
        self.blackhole(frames)
    }

    /// Traces a bridge from a failing guard and attaches it.
    unsafe fn trace_bridge(
        &mut self,
        driver: usize,
        guard: &Rc<GuardDescr>,
        resume: usize,
        values: Vec<u64>,
        kinds: Vec<Kind>,
    ) -> Where {
        let mut trace = Trace::new();
        let mut args: Vec<TBox> = values
            .iter()
            .zip(&kinds)
            .map(|(&w, &kind)| TBox {
                v: Value::Box(trace.add_input(kind)),
                c: w,
            })
            .collect();
        // The virtuals of the guard are allocated again at the bridge's start (their
        // current values are the objects `materialize` built).
        if let Some(virtuals) = self.guards[&guard.number].virtuals.clone() {
            allocate_virtuals(&mut trace, &virtuals, &mut args);
        }
        let frames = resume::tracer_frames(self.codes, self.resumes.get(resume), &args);
        let vable_start = self.resumes.get(resume).vable.as_ref().map(|v| {
            let tbox = |t: resume::Tagged, kind: Kind| match t {
                resume::Tagged::FailArg(n) => args[n as usize],
                resume::Tagged::Const(c) => TBox::constant(kind, c),
                // Only registers hold item handles, never the vable values.
                resume::Tagged::VableItem(..) => TBox::constant(kind, 0),
            };
            let kinds = v.layout.kinds(&v.shape);
            let boxes: Vec<TBox> = v
                .values
                .iter()
                .zip(kinds)
                .map(|(t, k)| tbox(*t, k))
                .collect();
            (
                v.layout.clone(),
                v.shape.clone(),
                tbox(v.obj, Kind::Ref),
                boxes,
            )
        });
        self.tracing_shape = vable_start.as_ref().map(|v| v.1.clone());
        let started = Instant::now();
        log::debug_start("jit-tracing");
        self.quasi_deps.clear();
        let resume_data = self.resumes.get(resume).clone();
        let mut tracer = Tracer::new(self, frames, trace);
        if let Some((layout, shape, obj, boxes)) = vable_start {
            tracer.set_vable(layout, shape, obj, boxes);
            tracer.vable_bind_handles(&resume_data);
        }
        let end = tracer.run(TraceMode::Bridge { driver });
        let (frames, trace, ops_by_jitcode) = tracer.into_parts();
        log::debug_stop("jit-tracing");
        log::with_summary(|s| s.add_phase(Phase::Tracing, started.elapsed()));
        let traced = match end {
            Ok(End::Bridge { to }) => Ok((trace, to)),
            Ok(End::Inner {
                split,
                greens,
                reds,
            }) => {
                let to = Where::MergePoint {
                    greens: greens.clone(),
                    reds,
                };
                match self.close_inner_loop(driver, trace, &split) {
                    Ok(bridge) => Ok((bridge, to)),
                    Err(mut whole) => {
                        // One piece: the bridge leaves at the header.
                        self.push_finish(driver, &mut whole, &greens, split.end_reds());
                        Ok((whole, to))
                    }
                }
            }
            Ok(_) => unreachable_end(),
            Err(abort) => Err(abort),
        };
        let mut newest = None;
        let result = match traced {
            Ok((trace, to)) => {
                match self.compile_bridge(guard, trace, (driver, resume, &to)) {
                    Ok(optimized) => {
                        let owner = self.memmgr.owner_of(guard.number).map(|(l, _, _)| l);
                        let code = owner.map_or(0, |l| self.backend.code_size(self.loops[&l].0));
                        self.memmgr.bridge_compiled(guard.number, &optimized, code);
                        newest = owner;
                        self.watch_bridge_quasi_deps(guard.number);
                        self.keep_trace(|s| &mut s.bridge_traces, optimized);
                        if let Some(info) = self.guards.get_mut(&guard.number) {
                            info.bridge = true;
                        }
                    }
                    Err(reason) => self.aborted(reason),
                }
                to
            }
            Err(abort) => {
                let key: Vec<i64> = Vec::new();
                let reason = abort.reason;
                if reason == AbortReason::TooLong {
                    self.after_abort(abort, &ops_by_jitcode, driver, &key);
                } else {
                    self.aborted(reason);
                }
                self.blackhole(resume::frames_of_tracer(&frames))
            }
        };
        self.free_old_loops();
        self.enforce_memory_limit(newest);
        self.sweep_resumes();
        result
    }

    /// Ends a bridge with a `finish` at the merge point with these greens, whose reds are
    /// `red_values`.
    fn push_finish(
        &mut self,
        driver: usize,
        trace: &mut Trace,
        greens: &Args,
        red_values: Vec<Value>,
    ) {
        // The values of the virtualizable after the reds go back into the frame, written
        // by the runtime when the finish is reached.
        let portal = self.portal(driver);
        let n_reds: usize = portal.reds.iter().map(|r| r.len()).sum();
        let vable = match (&portal.vable, &self.tracing_shape) {
            (Some(layout), Some(shape)) if red_values.len() > n_reds => {
                Some((layout.red, layout.clone(), shape.clone()))
            }
            _ => None,
        };
        let red_kinds = red_values[..n_reds.min(red_values.len())]
            .iter()
            .map(|v| v.kind())
            .collect();
        let number = self.add_finish(FinishInfo::MergePoint {
            greens: greens.clone(),
            red_kinds,
            vable,
        });
        trace.push_op(
            Op::new(Opcode::Finish, red_values, None)
                .with_descr(Descr::Finish(Rc::new(FinishDescr { number }))),
        );
    }

    /// Whether loop `l` takes the virtualizable of the shape being traced (always, for a
    /// driver without one).
    fn same_shape(&self, l: usize) -> bool {
        self.loop_shapes.get(&l) == self.tracing_shape.as_ref()
    }

    /// Numbers a bridge's `finish`.
    fn add_finish(&mut self, info: FinishInfo) -> u32 {
        while self.finishes.contains_key(&self.next_finish) {
            self.next_finish = self.next_finish.wrapping_add(1);
        }
        let number = self.next_finish;
        self.next_finish = self.next_finish.wrapping_add(1);
        self.finishes.insert(number, info);
        number
    }

    /// Frees the resume data no guard refers to any more (of aborted traces, of guards
    /// the optimizer removed, of freed loops), once enough of it piled up.
    fn sweep_resumes(&mut self) {
        if !self.resumes.wants_sweep() {
            return;
        }
        let live: HashSet<u32> = self.guards.values().map(|g| g.resume as u32).collect();
        self.resumes.retain(|i| live.contains(&i));
        self.short_preambles
            .header_resumes
            .retain(|&i| live.contains(&(i as u32)));
    }

    /// Keeps an optimized trace in the stats, if they keep traces.
    fn keep_trace(&mut self, list: impl FnOnce(&mut Stats) -> &mut Vec<Trace>, trace: Trace) {
        if self.keep_traces {
            list(&mut self.stats).push(trace);
        }
    }
}

/// Records the allocation of a guard's virtuals at the start of its bridge; `args` (the
/// bridge's inputs) then hold the new objects at the virtuals' positions.
fn allocate_virtuals(trace: &mut Trace, virtuals: &GuardResume, args: &mut [TBox]) {
    use jitsupport_trace::optimizeopt::virtualize::{Alloc, FieldKey, Slot};
    let objects: Vec<Value> = virtuals
        .objects
        .iter()
        .map(|object| {
            let b = trace.new_box(Kind::Ref);
            let op = match &object.alloc {
                Alloc::New(size) => {
                    Op::new(Opcode::New, vec![], Some(b)).with_descr(Descr::Size(size.clone()))
                }
                Alloc::NewWithVtable(size) => Op::new(Opcode::NewWithVtable, vec![], Some(b))
                    .with_descr(Descr::Size(size.clone())),
                Alloc::NewArray {
                    descr,
                    length,
                    clear,
                } => {
                    let opcode = if *clear {
                        Opcode::NewArrayClear
                    } else {
                        Opcode::NewArray
                    };
                    Op::new(opcode, vec![Value::ConstInt(*length as i64)], Some(b))
                        .with_descr(Descr::Array(descr.clone()))
                }
            };
            trace.push_op(op);
            Value::Box(b)
        })
        .collect();
    for (object, &obj) in virtuals.objects.iter().zip(&objects) {
        for (key, slot) in &object.fields {
            let value = match *slot {
                Slot::FailArg(n) => args[n].v,
                Slot::Const(c) => c,
                Slot::Virtual(v) => objects[v],
            };
            let op = match key {
                FieldKey::Field(f) => Op::new(Opcode::SetfieldGc, vec![obj, value], None)
                    .with_descr(Descr::Field(f.clone())),
                FieldKey::Item(i) => {
                    let Alloc::NewArray { descr, .. } = &object.alloc else {
                        continue;
                    };
                    Op::new(
                        Opcode::SetarrayitemGc,
                        vec![obj, Value::ConstInt(*i as i64), value],
                        None,
                    )
                    .with_descr(Descr::Array(descr.clone()))
                }
            };
            trace.push_op(op);
        }
    }
    for &(position, object) in &virtuals.slots {
        args[position].v = objects[object];
    }
}

fn unreachable_end() -> ! {
    panic!("internal error: a trace ended in a way its mode does not allow")
}

/// The green key of the warm state: ints, then refs, then floats' bits.
fn green_key(greens: &Args) -> Vec<i64> {
    let mut key = greens.ints.clone();
    key.extend(greens.refs.iter().map(|r| *r as i64));
    key.extend(greens.floats.iter().map(|f| f.to_bits() as i64));
    key
}

/// Values per kind as words.
fn args_words(args: &Args) -> [Vec<u64>; 3] {
    [
        args.ints.iter().map(|v| *v as u64).collect(),
        args.refs.iter().map(|v| *v as u64).collect(),
        args.floats.iter().map(|v| v.to_bits()).collect(),
    ]
}

/// Words of these kinds as values per kind.
fn words_args(kinds: &[Kind], words: &[u64]) -> Args {
    let mut args = Args::default();
    for (k, w) in kinds.iter().zip(words) {
        match k {
            Kind::Int => args.ints.push(*w as i64),
            Kind::Ref => args.refs.push(*w as usize),
            Kind::Float => args.floats.push(f64::from_bits(*w)),
        }
    }
    args
}

/// What the tracer is recording.
enum TraceMode {
    /// A loop from the merge point with these greens, closed by a jump to `token` (or
    /// to the label of a loop compiled for greens it reaches).
    Loop {
        driver: usize,
        greens: Args,
        token: Rc<TargetToken>,
    },
    /// A bridge, ended at the outermost frame's first merge point whose greens have a
    /// compiled loop (by a jump to it), at a merge point once the bridge is half the
    /// trace limit long (by a `finish`), or at the portal's return.
    Bridge { driver: usize },
    /// A function's entry (`entry`), ended by a `finish` of its return value.
    Entry,
}

/// How a trace ended (the tracer's frames are at that point).
enum End {
    /// The loop closed (or entered another loop); the program is at the merge point
    /// with these values.
    Closed { greens: Args, reds: Args },
    /// The portal returned this value.
    Returned(BhValue),
    /// The bridge ended here.
    Bridge { to: Where },
    /// The trace came back to a loop header it passed before (not its own start): the
    /// ops since then are a loop of their own (`trees`); the program is at the header
    /// with these values.
    Inner {
        split: trees::Split,
        greens: Args,
        reds: Args,
    },
}

/// A tracing session: the frames, the trace being recorded and what it knows.
pub(crate) struct Tracer<'j> {
    jit: &'j mut JitState,
    frames: Vec<MIFrame>,
    trace: Trace,
    heap: HeapCache,
    bools: HashSet<BoxId>,
    derived: HashMap<BoxId, (Value, usize)>,
    ops_by_jitcode: HashMap<u32, u32>,
    last_results: Option<[Option<TBox>; crate::jitcode::MAX_RESULTS]>,
    /// The result slots the last residual call's shim wrote.
    last_bits: [u64; crate::jitcode::MAX_RESULTS],
    /// After a `call_may_force_*` recorded by `residual_call`: its `guard_not_forced`
    /// is due once the call's result is in its register (whether the callee forced
    /// the frame while tracing).
    pending_not_forced: Option<bool>,
    /// Tracing a function's entry: calls of functions not inlined are only recorded.
    entry: bool,
    /// The portal ran `can_enter_jit` since the last merge point: the next one is a loop
    /// header.
    loop_header_seen: bool,
    /// The loop headers the trace passed once, in order (see `trees`).
    headers: Vec<trees::Header>,
    /// The object and descr index of the quasi-immutable read to fold next.
    quasi_fold: Option<(Value, u16)>,
    /// The `debug_merge_point`s recorded (for logs and perf only): they do not count
    /// towards `trace_limit`, so that turning a log on changes nothing the JIT does.
    debug_ops: usize,
    /// The standard virtualizable and its values' boxes (`vable`).
    vable: Option<vable::VableBoxes>,
}

impl<'j> Tracer<'j> {
    fn new(jit: &'j mut JitState, frames: Vec<MIFrame>, trace: Trace) -> Tracer<'j> {
        jit.calls_by_jitcode.clear();
        Tracer {
            jit,
            frames,
            trace,
            heap: HeapCache::default(),
            bools: HashSet::new(),
            derived: HashMap::new(),
            ops_by_jitcode: HashMap::new(),
            last_results: None,
            last_bits: [0; crate::jitcode::MAX_RESULTS],
            pending_not_forced: None,
            entry: false,
            loop_header_seen: false,
            headers: Vec::new(),
            quasi_fold: None,
            debug_ops: 0,
            vable: None,
        }
    }

    /// The ops recorded so far that count towards `trace_limit` (not the merge points
    /// recorded for logs).
    pub(crate) fn recorded_ops(&self) -> usize {
        self.trace.ops.len() - self.debug_ops
    }

    fn into_parts(self) -> (Vec<MIFrame>, Trace, HashMap<u32, u32>) {
        (self.frames, self.trace, self.ops_by_jitcode)
    }

    /// Steps until the trace ends.
    fn run(&mut self, mode: TraceMode) -> Result<End, Abort> {
        let mut first = matches!(mode, TraceMode::Loop { .. });
        // Merge points are recorded for the trace log (the viewer groups ops by them) and
        // the perf map (which names code by its first one) only.
        let merge_points = log::have_debug_prints("jit-log-opt-loop")
            || log::have_debug_prints("jit-log-opt-bridge")
            || perf_map()
            || self.jit.record_merge_points;
        loop {
            match self.step()? {
                Flow::Next => {}
                Flow::Return(value) => {
                    let v = value.map(|b| b.c);
                    let kind = value.map(|b| b.v.kind());
                    let bh = match kind {
                        None => BhValue::Void,
                        Some(Kind::Int) => BhValue::Int(v.unwrap_or(0) as i64),
                        Some(Kind::Ref) => BhValue::Ref(v.unwrap_or(0) as usize),
                        Some(Kind::Float) => BhValue::Float(f64::from_bits(v.unwrap_or(0))),
                    };
                    return match mode {
                        TraceMode::Loop { .. } => Ok(End::Returned(bh)),
                        TraceMode::Entry => {
                            let args = value.map(|b| vec![b.v]).unwrap_or_default();
                            self.trace.push_op(
                                Op::new(Opcode::Finish, args, None)
                                    .with_descr(Descr::Finish(Rc::new(FinishDescr { number: 0 }))),
                            );
                            Ok(End::Returned(bh))
                        }
                        TraceMode::Bridge { .. } => {
                            // The frame gets the virtualizable's values from the runtime.
                            let vable = self
                                .vable
                                .as_ref()
                                .map(|v| (v.layout.clone(), v.shape.clone()));
                            let number = self.jit.add_finish(FinishInfo::Return(kind, vable));
                            let mut args = value.map(|b| vec![b.v]).unwrap_or_default();
                            if let Some(v) = &self.vable {
                                args.push(v.obj.v);
                                args.extend(v.values());
                            }
                            self.trace.push_op(
                                Op::new(Opcode::Finish, args, None)
                                    .with_descr(Descr::Finish(Rc::new(FinishDescr { number }))),
                            );
                            Ok(End::Bridge {
                                to: Where::Return(bh),
                            })
                        }
                    };
                }
                Flow::MergePoint { greens, reds } => {
                    let header = std::mem::take(&mut self.loop_header_seen);
                    if merge_points {
                        self.record_merge_point(&mode, &greens);
                    }
                    // A function's entry has no merge point of its own to stop at.
                    if first || matches!(mode, TraceMode::Entry) {
                        first = false;
                        continue;
                    }
                    for (k, kind) in [Kind::Int, Kind::Ref, Kind::Float].into_iter().enumerate() {
                        for g in &greens[k] {
                            self.promote(*g, kind)?;
                        }
                    }
                    let green_args = tbox_args(&greens);
                    let red_args = tbox_args(&reds);
                    let mut red_values: Vec<Value> = reds.iter().flatten().map(|b| b.v).collect();
                    // A jump passes the virtualizable's values after the reds.
                    red_values.extend(self.vable_jump_values(&reds[1])?);
                    match &mode {
                        TraceMode::Loop {
                            driver,
                            greens: start,
                            token,
                        } => {
                            let key = green_key(&green_args);
                            // Back at the start: the loop closes. At another loop
                            // compiled already (an inner loop): the trace enters it, as
                            // PyPy's `compile_trace`, instead of unrolling it.
                            let target = if key == green_key(start) {
                                Some(token.clone())
                            } else {
                                self.jit.warm[*driver]
                                    .loop_token(&key)
                                    .filter(|&&l| self.jit.same_shape(l))
                                    .and_then(|l| self.jit.loops.get(l)?.2.clone())
                            };
                            if let Some(target) = target {
                                self.trace.push_op(
                                    Op::new(Opcode::Jump, red_values, None)
                                        .with_descr(Descr::Target(target)),
                                );
                                return Ok(End::Closed {
                                    greens: green_args,
                                    reds: red_args,
                                });
                            }
                            if header {
                                if let Some(split) = self.loop_header(key, &red_values) {
                                    return Ok(End::Inner {
                                        split,
                                        greens: green_args,
                                        reds: red_args,
                                    });
                                }
                            }
                        }
                        TraceMode::Bridge { driver } => {
                            let to = Where::MergePoint {
                                greens: green_args.clone(),
                                reds: red_args.clone(),
                            };
                            let key = green_key(&green_args);
                            let entry = self.jit.warm[*driver]
                                .loop_token(&key)
                                .filter(|&&l| self.jit.same_shape(l))
                                .and_then(|l| self.jit.loops.get(l)?.2.clone());
                            if let Some(token) = entry {
                                self.trace.push_op(
                                    Op::new(Opcode::Jump, red_values, None)
                                        .with_descr(Descr::Target(token)),
                                );
                                return Ok(End::Bridge { to });
                            }
                            if header {
                                if let Some(split) = self.loop_header(key, &red_values) {
                                    return Ok(End::Inner {
                                        split,
                                        greens: green_args,
                                        reds: red_args,
                                    });
                                }
                            }
                            // No loop here: trace on to one, as PyPy does, while the
                            // bridge is short; else leave at this merge point.
                            if self.recorded_ops() < self.jit.params.trace_limit as usize / 2 {
                                continue;
                            }
                            self.jit
                                .push_finish(*driver, &mut self.trace, &green_args, red_values);
                            return Ok(End::Bridge {
                                to: Where::MergePoint {
                                    greens: green_args,
                                    reds: red_args,
                                },
                            });
                        }
                        TraceMode::Entry => {}
                    }
                }
            }
        }
    }
}

/// Whether the x86 backend writes a perf map (`PYRITE_JIT_PERF=1`).
fn perf_map() -> bool {
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    return jitsupport_trace::backend::x86::perf::enabled();
    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    return false;
}

impl Tracer<'_> {
    /// Records `debug_merge_point(0, 0, '<portal> #12')` at a merge point of the portal
    /// (the text names the portal and its int greens), for `jitlog view`.
    fn record_merge_point(&mut self, mode: &TraceMode, greens: &[Vec<TBox>; 3]) {
        let driver = match mode {
            TraceMode::Loop { driver, .. } | TraceMode::Bridge { driver } => *driver,
            TraceMode::Entry => return,
        };
        let portal = self
            .jit
            .codes
            .portal(driver)
            .and_then(|j| self.jit.codes.jitcodes.get(j as usize))
            .map_or("portal", |j| &*j.name);
        let mut text = format!("<{portal}>");
        for g in &greens[0] {
            text.push_str(&format!(" #{}", g.c as i64));
        }
        self.trace.push_op(
            Op::new(
                Opcode::DebugMergePoint,
                vec![Value::ConstInt(0), Value::ConstInt(0)],
                None,
            )
            .with_descr(Descr::MergePoint(Rc::from(text.as_str()))),
        );
        self.debug_ops += 1;
    }
}

fn tbox_args(boxes: &[Vec<TBox>; 3]) -> Args {
    Args {
        ints: boxes[0].iter().map(|b| b.c as i64).collect(),
        refs: boxes[1].iter().map(|b| b.c as usize).collect(),
        floats: boxes[2].iter().map(|b| f64::from_bits(b.c)).collect(),
    }
}

/// The jitcode kind of a trace kind.
#[allow(dead_code)]
fn jkind(kind: Kind) -> JKind {
    match kind {
        Kind::Int => JKind::Int,
        Kind::Ref => JKind::Ref,
        Kind::Float => JKind::Float,
    }
}
