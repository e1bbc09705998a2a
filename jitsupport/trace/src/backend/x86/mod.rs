//! The x86-64 backend (System V, Linux): traces to machine code.
//!
//! [`X86Backend`] implements [`Backend`] like the reference backend and runs the same
//! conformance suite. Compiling a trace goes:
//!
//! 1. verify the trace and check its jumps, labels and guards against compiled code
//!    (nothing is registered when a check fails);
//! 2. emit it ([`assemble`]): one emitter per op, registers and frame slots from
//!    [`regalloc`], guard stubs from [`guards`], calls and jumps out of the trace direct
//!    when the arena near the binary ([`codebuf`]) is in reach of their target;
//! 3. reserve executable memory for it ([`codebuf`]: in the arena, else anywhere, and
//!    then emitted again without direct branches), encode it at that address and copy it
//!    in;
//! 4. register its labels (for jumps from later traces) and guards (for bridges); for a
//!    bridge, patch the guard's stub to jump to it.
//!
//! With a collector ([`X86Backend::with_gc`]) the trace is first given its write
//! barriers ([`gcrewrite`](crate::backend::gcrewrite)); its ref constants are roots while
//! its code lives.
//!
//! Execution calls the loop's code with a frame (one word per box, sized for the largest
//! trace compiled; pushed as a root range while the code runs, so that references
//! spilled to it are seen by a collection) and an exit area; the code returns the number of the exit it took, and
//! the values it left in the exit area become the [`DeadFrame`]. [`X86Backend::dump`]
//! gives the machine code of a loop and its bridges for `jit-backend-dump`; [`perf`]
//! writes where each trace was placed to the perf map (`PYRITE_JIT_PERF=1`).

mod assemble;
mod codebuf;
pub mod counts;
mod disasm;
mod guards;
pub mod perf;
mod regalloc;

pub use codebuf::Placement;

use super::reference::AllocHook;
use super::{
    gcrewrite, take_exception, Backend, CompileError, ConstRoots, DeadFrame, Exit, FrameRoot,
    GcSupport, Invalidation, LoopId, Word,
};
use crate::descr::{Descr, FinishDescr, GuardDescr, TargetToken};
use crate::ops::{Kind, Opcode};
use crate::trace::{Trace, Value};
use crate::verify::{verify, VerifyError};
use codebuf::CodeBuf;
use std::alloc::Layout;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

/// What an exit number means.
pub(crate) enum ExitInfo {
    /// A guard's failure: the guard, its fail args' kinds, and whether it is a
    /// `guard_no_exception` (whose failure takes the pending exception).
    Guard(Rc<GuardDescr>, Vec<Kind>, bool),
    /// A `finish`, with its descr and its arguments' kinds.
    Finish(Option<Rc<FinishDescr>>, Vec<Kind>),
}

/// The addresses of the runtime functions compiled code calls.
#[derive(Clone, Copy)]
pub(crate) struct HelperAddrs {
    alloc: usize,
    alloc_ctx: usize,
    pending_exception: usize,
    forced: usize,
    float_to_int: usize,
    /// The collector, when the backend runs with one.
    pub gc: Option<GcSupport>,
}

/// The allocator behind `new`, `new_with_vtable` and `new_array`, at a stable address.
struct AllocState {
    hook: Option<AllocHook>,
    owned: Vec<(*mut u8, Layout)>,
}

extern "C" fn helper_alloc(state: *mut AllocState, size: usize, class: u32) -> usize {
    // SAFETY: compiled code passes the backend's boxed state, alive while code runs.
    let state = unsafe { &mut *state };
    if let Some(hook) = &mut state.hook {
        return hook(size, class);
    }
    let layout = match Layout::from_size_align(size.max(8), 16) {
        Ok(layout) => layout,
        Err(_) => std::process::abort(),
    };
    // SAFETY: the layout has a nonzero size.
    let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
    if ptr.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    state.owned.push((ptr, layout));
    ptr as usize
}

extern "C" fn helper_pending_exception() -> usize {
    super::pending_exception()
}

extern "C" fn helper_forced() -> usize {
    super::forced()
}

extern "C" fn helper_float_to_int(x: f64) -> i64 {
    x as i64
}

/// A placed loop or bridge.
struct Code {
    buf: CodeBuf,
    /// The numbers of its exits, freed with it.
    exits: std::ops::Range<u32>,
    /// The trace's ref constants, roots while the code lives.
    _consts: ConstRoots,
    /// (byte offset, op text) for the dump.
    ops: Vec<(usize, String)>,
    stubs_start: usize,
    header: String,
}

struct LoopInfo {
    traces: Vec<usize>,
    inputs: Vec<u32>,
    /// The loop's invalidation, which patches the `guard_not_invalidated`s of the loop
    /// and its bridges.
    invalidation: Rc<Invalidation>,
}

/// A compiled label: where jumps from other traces go, with the label's first arguments
/// in registers and the others in their slots ([`assemble`]'s `label_regs`).
pub(crate) struct TargetSite {
    pub addr: usize,
    pub trace: usize,
    /// The label's arguments, boxes of its own trace.
    pub args: Vec<Value>,
}

struct GuardSite {
    trace: usize,
    owner: LoopId,
    /// The byte offsets of the stub's `jmp rel32` and of its tail (see [`guards`]).
    jmp_at: usize,
    tail_at: usize,
    fail_kinds: Vec<Kind>,
    bridge: Option<usize>,
}

/// The x86-64 backend. See the module doc.
pub struct X86Backend {
    /// The placed loops and bridges by index; a freed one's slot is empty until
    /// `free_codes` hands it out again, so the vector grows with the live code, not with
    /// the compilations.
    codes: Vec<Option<Code>>,
    /// The empty slots of `codes`.
    free_codes: Vec<usize>,
    loops: HashMap<LoopId, LoopInfo>,
    targets: HashMap<*const TargetToken, TargetSite>,
    guards: HashMap<*const GuardDescr, GuardSite>,
    exits: ExitTable,
    alloc: Box<AllocState>,
    max_boxes: usize,
    max_exit: usize,
    next_loop: u32,
    placement: Placement,
    gc: Option<GcSupport>,
}

impl Default for X86Backend {
    fn default() -> X86Backend {
        X86Backend::new()
    }
}

impl Drop for X86Backend {
    fn drop(&mut self) {
        for &(ptr, layout) in &self.alloc.owned {
            // SAFETY: allocated by `helper_alloc` with this layout, freed once.
            unsafe { std::alloc::dealloc(ptr, layout) };
        }
    }
}

impl X86Backend {
    /// A backend allocating with the default allocator (zeroed memory that lives as long
    /// as the backend). It places code near the binary, unless the environment variable
    /// `PYRITE_X86_CODE` is `anywhere` (to run a whole suite on the fallback).
    pub fn new() -> X86Backend {
        let placement = match std::env::var("PYRITE_X86_CODE").as_deref() {
            Ok("anywhere") => Placement::Anywhere,
            _ => Placement::Near,
        };
        X86Backend::with_placement(placement)
    }

    /// A backend placing its code as `placement` says.
    pub fn with_placement(placement: Placement) -> X86Backend {
        X86Backend {
            codes: Vec::new(),
            free_codes: Vec::new(),
            loops: HashMap::new(),
            targets: HashMap::new(),
            guards: HashMap::new(),
            exits: ExitTable::default(),
            alloc: Box::new(AllocState {
                hook: None,
                owned: Vec::new(),
            }),
            max_boxes: 1,
            max_exit: 1,
            next_loop: 0,
            placement,
            gc: None,
        }
    }

    /// The backend running with the collector `gc`: objects of a GC type are allocated
    /// inline (a bump of the collector's cursor, a call on the slow path), stores of
    /// references into objects that may be old take the inline barrier, the frame of
    /// running code is a root range and the code's ref constants are roots.
    pub fn with_gc(mut self, gc: GcSupport) -> X86Backend {
        self.gc = Some(gc);
        self
    }

    /// Places the code of the traces compiled from now on as `placement` says (tests
    /// mix placements to reach the far forms of jumps and guard patches).
    pub fn set_placement(&mut self, placement: Placement) {
        self.placement = placement;
    }

    /// A backend allocating through `hook` (the GC's allocator).
    pub fn with_alloc_hook(hook: AllocHook) -> X86Backend {
        let mut backend = X86Backend::new();
        backend.alloc.hook = Some(hook);
        backend
    }

    fn helpers(&mut self) -> HelperAddrs {
        HelperAddrs {
            alloc: helper_alloc as *const () as usize,
            alloc_ctx: &mut *self.alloc as *mut AllocState as usize,
            pending_exception: helper_pending_exception as *const () as usize,
            forced: helper_forced as *const () as usize,
            float_to_int: helper_float_to_int as *const () as usize,
            gc: self.gc,
        }
    }

    /// Checks `trace` against compiled code, as the reference backend does.
    fn check(&self, trace: &Trace) -> Result<(), CompileError> {
        verify(trace).map_err(CompileError::Invalid)?;
        let own: Vec<*const TargetToken> = trace
            .ops
            .iter()
            .filter_map(|op| (op.opcode == Opcode::Label).then(|| op.target()).flatten())
            .map(Rc::as_ptr)
            .collect();
        for op in &trace.ops {
            match (&op.opcode, &op.descr) {
                (Opcode::Jump, Some(Descr::Target(t))) if !own.contains(&Rc::as_ptr(t)) => {
                    let Some(site) = self.targets.get(&Rc::as_ptr(t)) else {
                        return Err(CompileError::UnknownTarget(format!(
                            "jump to <Label{}>, which no compiled loop has",
                            t.number
                        )));
                    };
                    let passes: Vec<Kind> = op.args.iter().map(|v| v.kind()).collect();
                    let takes: Vec<Kind> = site.args.iter().map(|v| v.kind()).collect();
                    if passes != takes {
                        return Err(CompileError::Invalid(vec![VerifyError {
                            op: Some(trace.ops.len() - 1),
                            message: format!(
                                "jump passes {passes:?} to <Label{}>, which takes {:?}",
                                t.number, takes
                            ),
                        }]));
                    }
                }
                (Opcode::Jump, Some(Descr::Loop(_))) => {
                    return Err(CompileError::Unsupported(
                        "jump to a loop token: jump to a label token".to_string(),
                    ))
                }
                (Opcode::Label, Some(Descr::Target(t)))
                    if self.targets.contains_key(&Rc::as_ptr(t)) =>
                {
                    return Err(CompileError::UnknownTarget(format!(
                        "<Label{}> is already compiled in another trace",
                        t.number
                    )));
                }
                _ => {}
            }
            if let Some(g) = op.guard_descr() {
                if self.guards.contains_key(&Rc::as_ptr(g)) {
                    return Err(CompileError::BadGuard(format!(
                        "guard descr <Guard{}> is already compiled in another trace",
                        g.number
                    )));
                }
            }
        }
        Ok(())
    }

    /// Checks, assembles, places and registers `trace`; returns its index.
    fn install(
        &mut self,
        trace: &Trace,
        owner: LoopId,
        bridge: Option<u32>,
        header: String,
    ) -> Result<usize, CompileError> {
        self.check(trace)?;
        let rewritten;
        let trace = match self.gc {
            Some(_) => {
                rewritten = gcrewrite::rewrite(trace);
                &rewritten
            }
            None => trace,
        };
        if !self.loops.contains_key(&owner) {
            return Err(CompileError::BadGuard("the loop was freed".to_string()));
        }
        let helpers = self.helpers();
        let exits_before = self.exits.len();
        // A bridge counts its entries for `jit-backend-counts` while that is on.
        let count_at = bridge
            .filter(|_| counts::counting())
            .map(counts::new_counter);
        let mut region = match self.placement {
            Placement::Near => codebuf::arena_range(),
            Placement::Anywhere => None,
        };
        // Emitted for the arena, then again for anywhere if the arena has no room.
        let (buf, assembled) = loop {
            self.exits.truncate(exits_before);
            let mut env = assemble::Env {
                targets: &self.targets,
                exits: &mut self.exits,
                helpers,
                bridge: bridge.is_some(),
                count_at,
                region: region.clone(),
            };
            let emitted = match assemble::emit(trace, &mut env) {
                Ok(e) => e,
                Err(e) => {
                    self.exits.truncate(exits_before);
                    return Err(e);
                }
            };
            let placement = match region {
                Some(_) => Placement::Near,
                None => Placement::Anywhere,
            };
            let mut buf = match CodeBuf::reserve(emitted.size_bound(), placement) {
                Ok(buf) => buf,
                Err(e) => {
                    self.exits.truncate(exits_before);
                    return Err(CompileError::Unsupported(format!(
                        "cannot map executable memory: {e}"
                    )));
                }
            };
            if region.is_some() && !buf.in_arena() {
                region = None;
                continue;
            }
            let assembled = match emitted.encode(buf.addr()) {
                Ok(a) if a.code.len() <= buf.capacity() => a,
                Ok(_) => {
                    self.exits.truncate(exits_before);
                    return Err(CompileError::Unsupported(
                        "the code outgrew its reservation".to_string(),
                    ));
                }
                Err(e) => {
                    self.exits.truncate(exits_before);
                    return Err(e);
                }
            };
            if let Err(e) = buf.finish(&assembled.code) {
                self.exits.truncate(exits_before);
                return Err(CompileError::Unsupported(format!(
                    "cannot protect executable memory: {e}"
                )));
            }
            break (buf, assembled);
        };
        // An empty slot if there is one (nothing below can fail: the slot is filled).
        let index = self.free_codes.pop().unwrap_or(self.codes.len());
        let base = buf.addr();
        if perf::enabled() {
            perf::code_placed(base, buf.bytes(), &perf::name(&header, trace));
        }
        // Register labels and guards, and size the frame and exit area.
        for (token, offset) in &assembled.labels {
            let args = trace
                .ops
                .iter()
                .find(|op| op.target().is_some_and(|t| Rc::ptr_eq(t, token)))
                .map(|op| op.args.clone())
                .unwrap_or_default();
            self.targets.insert(
                Rc::as_ptr(token),
                TargetSite {
                    addr: base + offset,
                    trace: index,
                    args,
                },
            );
        }
        for stub in &assembled.stubs {
            let fail_kinds = match &self.exits[stub.exit as usize] {
                Some(ExitInfo::Guard(_, kinds, _)) => kinds.clone(),
                _ => Vec::new(),
            };
            self.guards.insert(
                Rc::as_ptr(&stub.guard),
                GuardSite {
                    trace: index,
                    owner,
                    jmp_at: stub.jmp_at,
                    tail_at: stub.tail_at,
                    fail_kinds,
                    bridge: None,
                },
            );
        }
        self.max_boxes = self.max_boxes.max(trace.num_boxes() as usize);
        let widest = trace
            .ops
            .iter()
            .map(|op| op.args.len().max(op.fail_args.as_ref().map_or(0, Vec::len)))
            .chain([trace.inputs.len()])
            .max()
            .unwrap_or(0);
        self.max_exit = self.max_exit.max(1 + widest);
        let entry = if bridge.is_some() {
            "(entry: the inputs from the exit area)"
        } else {
            "(prologue)"
        };
        let ops = std::iter::once((0, entry.to_string()))
            .chain(
                assembled
                    .op_offsets
                    .iter()
                    .map(|&(offset, i)| (offset, trace.ops[i].to_string())),
            )
            .collect();
        let code = Some(Code {
            _consts: ConstRoots::of(trace, self.gc.as_ref()),
            exits: exits_before as u32..self.exits.len() as u32,
            buf,
            ops,
            stubs_start: assembled.stubs_start,
            header,
        });
        if index == self.codes.len() {
            self.codes.push(code);
        } else {
            self.codes[index] = code;
        }
        if let Some(info) = self.loops.get_mut(&owner) {
            info.traces.push(index);
            // Each guard_not_invalidated's `nop` becomes a `jmp rel32` to its stub.
            for stub in &assembled.stubs {
                let Some((nop_at, stub_at)) = stub.invalidation else {
                    continue;
                };
                let rel = (stub_at as i64 - (nop_at as i64 + 5)) as i32;
                let mut jmp = [0xe9, 0, 0, 0, 0];
                jmp[1..].copy_from_slice(&rel.to_le_bytes());
                let addr = base + nop_at;
                // SAFETY: the patch is dropped (`free_loop`) before the code is freed.
                info.invalidation
                    .add_patch(Box::new(move || unsafe { codebuf::patch_at(addr, &jmp) }));
            }
        }
        Ok(index)
    }
}

impl Backend for X86Backend {
    fn name(&self) -> &'static str {
        "x86-64"
    }

    fn compile_loop(&mut self, trace: &Trace) -> Result<LoopId, CompileError> {
        let id = LoopId(self.next_loop);
        self.loops.insert(
            id,
            LoopInfo {
                traces: Vec::new(),
                inputs: trace.inputs.iter().map(|b| b.index()).collect(),
                invalidation: Rc::new(Invalidation::default()),
            },
        );
        match self.install(trace, id, None, format!("loop {}", id.0)) {
            Ok(_) => {
                self.next_loop += 1;
                Ok(id)
            }
            Err(e) => {
                self.loops.remove(&id);
                Err(e)
            }
        }
    }

    fn compile_bridge(
        &mut self,
        guard: &Rc<GuardDescr>,
        bridge: &Trace,
    ) -> Result<(), CompileError> {
        let key = Rc::as_ptr(guard);
        let (owner, trace, jmp_at, tail_at) = match self.guards.get(&key) {
            None => {
                return Err(CompileError::BadGuard(format!(
                    "no compiled guard <Guard{}> to attach a bridge to",
                    guard.number
                )))
            }
            Some(site) if site.bridge.is_some() => {
                return Err(CompileError::BadGuard(format!(
                    "guard <Guard{}> already has a bridge",
                    guard.number
                )))
            }
            Some(site) => {
                let inputs: Vec<Kind> = bridge.inputs.iter().map(|b| b.kind()).collect();
                if inputs != site.fail_kinds {
                    return Err(CompileError::BridgeInputs(format!(
                        "the bridge's inputs are {inputs:?}, the fail args of <Guard{}> {:?}",
                        guard.number, site.fail_kinds
                    )));
                }
                (site.owner, site.trace, site.jmp_at, site.tail_at)
            }
        };
        let header = format!("bridge of <Guard{}>", guard.number);
        let index = self.install(bridge, owner, Some(guard.number), header)?;
        let entry = match &self.codes[index] {
            Some(code) => code.buf.addr(),
            None => unreachable!("just installed"),
        };
        if let Some(Some(code)) = self.codes.get(trace) {
            patch_stub(&code.buf, jmp_at, tail_at, entry);
        }
        if let Some(site) = self.guards.get_mut(&key) {
            site.bridge = Some(index);
        }
        Ok(())
    }

    fn execute(&mut self, id: LoopId, args: &[Word]) -> DeadFrame {
        self.run(id, args)
    }

    /// Compiled code keeps no state in the backend (its frame and exit area are the
    /// call's own), so it runs through a shared borrow.
    fn execute_reentrant(&self, id: LoopId, args: &[Word]) -> Option<DeadFrame> {
        Some(self.run(id, args))
    }

    fn invalidate_loop(&mut self, id: LoopId) {
        if let Some(info) = self.loops.get_mut(&id) {
            info.invalidation.invalidate();
        }
    }

    fn invalidation(&self, id: LoopId) -> Option<Rc<Invalidation>> {
        self.loops.get(&id).map(|info| info.invalidation.clone())
    }

    /// The machine code of loop `id` and its bridges: for each, its address and size,
    /// the bytes in hex, and the disassembly with each instruction under the trace op it
    /// came from (the body of a `jit-backend-dump` section). Empty for an unknown loop.
    fn dump(&self, id: LoopId) -> String {
        let mut out = String::new();
        if let Some(info) = self.loops.get(&id) {
            for &t in &info.traces {
                self.dump_trace(t, &mut out);
            }
        }
        out
    }

    fn dump_bridge(&self, guard: &GuardDescr) -> String {
        let mut out = String::new();
        let key = guard as *const GuardDescr;
        if let Some(t) = self.guards.get(&key).and_then(|site| site.bridge) {
            self.dump_trace(t, &mut out);
        }
        out
    }

    fn free_loop(&mut self, id: LoopId) {
        let Some(info) = self.loops.remove(&id) else {
            return;
        };
        info.invalidation.clear_patches();
        self.targets
            .retain(|_, site| !info.traces.contains(&site.trace));
        self.guards.retain(|_, site| site.owner != id);
        for t in info.traces {
            if let Some(code) = self.codes[t].take() {
                self.exits.free(code.exits);
                self.free_codes.push(t);
            }
        }
    }

    fn code_size(&self, id: LoopId) -> usize {
        self.loops.get(&id).map_or(0, |info| {
            info.traces
                .iter()
                .filter_map(|&t| self.codes[t].as_ref())
                .map(|code| code.buf.capacity())
                .sum()
        })
    }
}

/// The exits of compiled code by number. Numbers are handed out in order, as a
/// vector's indices (`len`, `push`, `truncate` undo a failed emission), but a freed
/// loop's exits go ([`ExitTable::free`]), so the table holds the live code's exits only.
#[derive(Default)]
pub(crate) struct ExitTable {
    live: HashMap<u32, Option<ExitInfo>>,
    next: u32,
    none: Option<ExitInfo>,
}

impl ExitTable {
    /// The number the next exit gets.
    pub fn len(&self) -> usize {
        self.next as usize
    }

    /// Adds the exit numbered [`ExitTable::len`].
    pub fn push(&mut self, info: Option<ExitInfo>) {
        self.live.insert(self.next, info);
        self.next += 1;
    }

    /// Drops the exits numbered `n` and above (a failed emission's).
    pub fn truncate(&mut self, n: usize) {
        let n = n as u32;
        self.live.retain(|&k, _| k < n);
        self.next = self.next.min(n);
    }

    /// Drops the exits of freed code.
    fn free(&mut self, numbers: std::ops::Range<u32>) {
        for n in numbers {
            self.live.remove(&n);
        }
    }
}

impl std::ops::Index<usize> for ExitTable {
    type Output = Option<ExitInfo>;

    fn index(&self, n: usize) -> &Option<ExitInfo> {
        u32::try_from(n)
            .ok()
            .and_then(|n| self.live.get(&n))
            .unwrap_or(&self.none)
    }
}

impl X86Backend {
    /// How many slots the backend's tables have: placed code (live or free for reuse),
    /// loops, labels, guards and exits. They grow with the live code, not with the
    /// compilations (tests of freeing).
    pub fn table_sizes(&self) -> [usize; 5] {
        [
            self.codes.len(),
            self.loops.len(),
            self.targets.len(),
            self.guards.len(),
            self.exits.live.len(),
        ]
    }

    /// Runs loop `id` (see [`Backend::execute`]).
    fn run(&self, id: LoopId, args: &[Word]) -> DeadFrame {
        let Some(info) = self.loops.get(&id) else {
            panic!("loop {} was freed or never compiled", id.0);
        };
        assert_eq!(
            args.len(),
            info.inputs.len(),
            "loop {} takes {} inputs",
            id.0,
            info.inputs.len()
        );
        let entry = match &self.codes[info.traces[0]] {
            Some(code) => code.buf.addr(),
            None => panic!("loop {} was freed", id.0),
        };
        let mut frame = vec![0 as Word; self.max_boxes];
        let mut exit_area = vec![0 as Word; self.max_exit];
        for (&b, &w) in info.inputs.iter().zip(args) {
            frame[b as usize] = w;
        }
        // SAFETY: the frame and exit area live, unmoved, until the roots are dropped
        // (before this function returns), in reverse order.
        let roots = unsafe {
            (
                FrameRoot::push(self.gc.as_ref(), &frame),
                FrameRoot::push(self.gc.as_ref(), &exit_area),
            )
        };
        // SAFETY: `entry` is the prologue of compiled code with this signature; the frame
        // and exit area are as large as every compiled trace needs (module doc).
        let exit = unsafe {
            let code: extern "C" fn(*mut Word, *mut Word) -> u64 = std::mem::transmute(entry);
            code(frame.as_mut_ptr(), exit_area.as_mut_ptr())
        };
        drop(roots.1);
        drop(roots.0);
        let values = |n: usize| exit_area[1..1 + n].to_vec();
        match &self.exits[exit as usize] {
            Some(ExitInfo::Guard(guard, kinds, no_exception)) => DeadFrame {
                exit: Exit::Guard(guard.clone()),
                values: values(kinds.len()),
                kinds: kinds.clone(),
                exception: if *no_exception { take_exception() } else { 0 },
            },
            Some(ExitInfo::Finish(descr, kinds)) => DeadFrame {
                exit: Exit::Finish(descr.clone()),
                values: values(kinds.len()),
                kinds: kinds.clone(),
                exception: 0,
            },
            None => panic!("compiled code returned an unknown exit {exit}"),
        }
    }
}

/// Sends the guard stub whose `jmp rel32` is at `jmp_at` (its tail at `tail_at`) to
/// `entry`: the displacement when `entry` is in reach, else `mov r11, entry; jmp r11`
/// over the tail, which the displacement (0) already goes to.
fn patch_stub(buf: &CodeBuf, jmp_at: usize, tail_at: usize, entry: usize) {
    let next = (buf.addr() + jmp_at + 5) as i128;
    match i32::try_from(entry as i128 - next) {
        Ok(rel) => buf.patch(jmp_at + 1, &rel.to_le_bytes()),
        Err(_) => {
            let mut far = [0u8; assemble::STUB_TAIL_ROOM];
            far[..2].copy_from_slice(&[0x49, 0xbb]);
            far[2..10].copy_from_slice(&(entry as u64).to_le_bytes());
            far[10..].copy_from_slice(&[0x41, 0xff, 0xe3]);
            buf.patch(tail_at, &far);
        }
    }
}

impl X86Backend {
    /// Appends the machine code of compiled trace `t` to `out`: a header line with its
    /// address and size, the bytes, then the disassembly under each trace op.
    fn dump_trace(&self, t: usize, out: &mut String) {
        let Some(code) = self.codes[t].as_ref().filter(|c| !c.buf.is_empty()) else {
            return;
        };
        let addr = code.buf.addr();
        let _ = writeln!(
            out,
            "{} at 0x{addr:x}, {} bytes",
            code.header,
            code.buf.len()
        );
        out.push_str(&disasm::hex_dump(code.buf.bytes(), addr));
        out.push_str(&disasm::disassemble(
            code.buf.bytes(),
            addr,
            &code.ops,
            code.stubs_start,
        ));
    }
}
