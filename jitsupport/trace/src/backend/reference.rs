//! The reference backend: executes trace ops directly (PyPy's llgraph backend).
//!
//! It is the semantics of the trace IR in executable form: the optimizer's semantic tests
//! and the metainterp run on it before any machine code exists, and the x86-64 backend
//! must agree with it on the conformance suite.
//!
//! Each compiled trace (a loop or a bridge) keeps its ops and runs on a register file of
//! one word per box. A `jump` to a label of the same trace moves the arguments into the
//! label's boxes (as a parallel move); a `jump` to a label of another trace switches to
//! that trace's register file. A failing guard with a bridge continues in the bridge.
//!
//! Where a trace is undefined (a division by zero, an out-of-range shift), it gives 0 or
//! masks the count, without panicking. `call_may_force_*` is a plain call and
//! `guard_not_forced` fails when the runtime says the call forced its caller's frame
//! ([`super::set_forced`]); `guard_not_invalidated`
//! fails once [`Backend::invalidate_loop`] was called for the loop.
//!
//! # Safety
//! Memory ops read and write real memory: the object's (or, for raw ops, the int's)
//! address plus the descr's offset, with the descr's size. Calls call the shim whose
//! address is the call's argument 0. The trace's producer guarantees that those
//! addresses and functions are valid, as machine code would assume; the backend cannot
//! check it. Allocations go through an [`AllocHook`]; the default one hands out zeroed
//! memory that lives as long as the backend. With a [`GcSupport`] ([`ReferenceBackend::with_gc`]),
//! objects of a GC type are allocated by calls of the collector's slow paths, the
//! barriers of [`gcrewrite`] test the line table and call the collector's slow path,
//! the register file of the running trace is a root range and the traces' ref
//! constants are roots.

use super::{
    gcrewrite, pending_exception, take_exception, Backend, CompileError, ConstRoots, DeadFrame,
    Exit, FrameRoot, GcSupport, Invalidation, LoopId, Shim, Word, TYPE_ID_OFFSET, TYPE_ID_SHIFT,
};
use crate::descr::{Descr, GuardDescr, TargetToken};
use crate::ops::{Kind, Opcode};
use crate::trace::{Op, Trace, Value};
use crate::verify::{verify, VerifyError};
use std::alloc::Layout;
use std::collections::HashMap;
use std::rc::Rc;

/// Allocates `size` bytes of zeroed memory aligned to 8 and returns the address; the
/// second argument is the object's class (its GC type id; 0 for none or an array),
/// for a hook that allocates GC objects itself. Backends with a [`GcSupport`] use it
/// only for objects without a GC type.
pub type AllocHook = Box<dyn FnMut(usize, u32) -> usize>;

/// A compiled loop or bridge.
struct Compiled {
    trace: Trace,
    /// The trace's ref constants, roots while it lives.
    _consts: ConstRoots,
    /// The loop this trace belongs to (for a bridge: the loop it grows from).
    owner: LoopId,
    /// Where the final `jump` goes, resolved at compile time: a trace (by index) and the
    /// position of a label in it, or `None` for the start of this trace (its inputs).
    jump: Option<(usize, usize)>,
}

/// Where a guard is, and its bridge.
struct GuardSite {
    guard: Rc<GuardDescr>,
    owner: LoopId,
    bridge: Option<usize>,
}

/// Where a label is.
struct TargetSite {
    _token: Rc<TargetToken>,
    trace: usize,
    op: usize,
}

/// The reference backend. See the module doc.
pub struct ReferenceBackend {
    traces: Vec<Option<Rc<Compiled>>>,
    /// Per loop: its traces (the loop first, then bridges) and whether it is invalidated.
    loops: HashMap<LoopId, (Vec<usize>, Rc<Invalidation>)>,
    targets: HashMap<*const TargetToken, TargetSite>,
    guards: HashMap<*const GuardDescr, GuardSite>,
    alloc: Option<AllocHook>,
    /// Memory the default allocator handed out, freed on drop.
    owned: Vec<(*mut u8, Layout)>,
    next_loop: u32,
    gc: Option<GcSupport>,
}

impl Default for ReferenceBackend {
    fn default() -> ReferenceBackend {
        ReferenceBackend::new()
    }
}

impl ReferenceBackend {
    /// A backend allocating with the default allocator.
    pub fn new() -> ReferenceBackend {
        ReferenceBackend {
            traces: Vec::new(),
            loops: HashMap::new(),
            targets: HashMap::new(),
            guards: HashMap::new(),
            alloc: None,
            owned: Vec::new(),
            next_loop: 0,
            gc: None,
        }
    }

    /// The backend running with the collector `gc` (see the module doc).
    pub fn with_gc(mut self, gc: GcSupport) -> ReferenceBackend {
        self.gc = Some(gc);
        self
    }

    /// Allocates an object of `size` bytes whose header holds `type_id`: through the
    /// collector when there is one, else from the hook with the header written.
    fn allocate_gc(&mut self, type_id: u32, size: usize) -> usize {
        match &self.gc {
            // SAFETY: the collector's entry point, on its thread.
            Some(gc) => unsafe { (gc.malloc_fixed)(type_id) as usize },
            None => {
                let p = self.allocate(size.max(8), type_id);
                // SAFETY: freshly allocated, at least a word.
                unsafe { store(p, 8, Kind::Int, u64::from(type_id) << TYPE_ID_SHIFT) };
                p
            }
        }
    }

    /// The write barrier for a store at `slot` (see [`GcSupport`]).
    fn barrier(&self, slot: usize) {
        let Some(gc) = &self.gc else { return };
        if (gc.heap_start..gc.heap_end).contains(&slot) {
            let line = gc.lines_biased.wrapping_add(slot >> gc.line_shift);
            // SAFETY: the line table covers the heap's range.
            if unsafe { *(line as *const u8) } == gc.barrier_line_value {
                // SAFETY: a slot of the heap, on the collector's thread.
                unsafe { (gc.write_barrier_slow)(slot) }
            }
        }
    }

    /// A backend allocating through `hook` (the GC's allocator).
    pub fn with_alloc_hook(hook: AllocHook) -> ReferenceBackend {
        let mut backend = ReferenceBackend::new();
        backend.alloc = Some(hook);
        backend
    }

    fn allocate(&mut self, size: usize, class: u32) -> usize {
        if let Some(hook) = &mut self.alloc {
            return hook(size, class);
        }
        let layout = match Layout::from_size_align(size.max(8), 16) {
            Ok(layout) => layout,
            Err(_) => panic!("allocation of {size} bytes is too large"),
        };
        // SAFETY: the layout has a nonzero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        if ptr.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        self.owned.push((ptr, layout));
        ptr as usize
    }

    /// Registers a verified trace's labels and guards.
    fn install(&mut self, trace: &Trace, owner: LoopId) -> Result<usize, CompileError> {
        verify(trace).map_err(CompileError::Invalid)?;
        let rewritten;
        let trace = match self.gc {
            Some(_) => {
                rewritten = gcrewrite::rewrite(trace);
                &rewritten
            }
            None => trace,
        };
        let index = self.traces.len();
        // Check jump targets first, so that a failed compile registers nothing.
        let own: Vec<*const TargetToken> = trace
            .ops
            .iter()
            .filter_map(|op| (op.opcode == Opcode::Label).then(|| op.target()).flatten())
            .map(Rc::as_ptr)
            .collect();
        for op in &trace.ops {
            match (&op.opcode, &op.descr) {
                (Opcode::Jump, Some(Descr::Target(t))) => {
                    let p = Rc::as_ptr(t);
                    if !own.contains(&p) {
                        let Some(site) = self.targets.get(&p) else {
                            return Err(CompileError::UnknownTarget(format!(
                                "jump to <Label{}>, which no compiled loop has",
                                t.number
                            )));
                        };
                        // The verifier checked jumps within the trace; check this one.
                        let label = &self.trace(site.trace).trace.ops[site.op];
                        let takes: Vec<Kind> = label.args.iter().map(|v| v.kind()).collect();
                        let passes: Vec<Kind> = op.args.iter().map(|v| v.kind()).collect();
                        if takes != passes {
                            return Err(CompileError::Invalid(vec![VerifyError {
                                op: Some(trace.ops.len() - 1),
                                message: format!(
                                    "jump passes {passes:?} to <Label{}>, which takes {takes:?}",
                                    t.number
                                ),
                            }]));
                        }
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
        for (i, op) in trace.ops.iter().enumerate() {
            if let (Opcode::Label, Some(Descr::Target(t))) = (op.opcode, &op.descr) {
                self.targets.insert(
                    Rc::as_ptr(t),
                    TargetSite {
                        _token: t.clone(),
                        trace: index,
                        op: i,
                    },
                );
            }
            if let Some(g) = op.guard_descr() {
                self.guards.insert(
                    Rc::as_ptr(g),
                    GuardSite {
                        guard: g.clone(),
                        owner,
                        bridge: None,
                    },
                );
            }
        }
        let jump = match trace.ops.last() {
            Some(op) if op.opcode == Opcode::Jump => match op.target() {
                Some(t) => match trace.ops.iter().position(|l| {
                    l.opcode == Opcode::Label && l.target().is_some_and(|lt| Rc::ptr_eq(lt, t))
                }) {
                    Some(position) => Some((index, position)),
                    None => self.targets.get(&Rc::as_ptr(t)).map(|s| (s.trace, s.op)),
                },
                None => trace.last_label().map(|position| (index, position)),
            },
            _ => None,
        };
        self.traces.push(Some(Rc::new(Compiled {
            _consts: ConstRoots::of(trace, self.gc.as_ref()),
            trace: trace.clone(),
            owner,
            jump,
        })));
        self.loops.entry(owner).or_default().0.push(index);
        Ok(index)
    }

    fn trace(&self, index: usize) -> Rc<Compiled> {
        match &self.traces[index] {
            Some(c) => c.clone(),
            None => panic!("trace {index} was freed but is still reached"),
        }
    }
}

impl Drop for ReferenceBackend {
    fn drop(&mut self) {
        for &(ptr, layout) in &self.owned {
            // SAFETY: allocated in `allocate` with this layout, freed once.
            unsafe { std::alloc::dealloc(ptr, layout) };
        }
    }
}

/// The register file of one trace.
struct Frame {
    code: Rc<Compiled>,
    regs: Vec<Word>,
}

impl Frame {
    fn new(code: Rc<Compiled>) -> Frame {
        let regs = vec![0; code.trace.num_boxes() as usize];
        Frame { code, regs }
    }

    fn get(&self, v: Value) -> Word {
        match v {
            Value::Box(b) => self.regs[b.index() as usize],
            c => c.const_bits().unwrap_or(0),
        }
    }

    fn values(&self, vs: &[Value]) -> Vec<Word> {
        vs.iter().map(|&v| self.get(v)).collect()
    }

    /// Sets the boxes `targets` (box values) to `words`.
    fn set_all(&mut self, targets: &[Value], words: &[Word]) {
        for (t, w) in targets.iter().zip(words) {
            if let Value::Box(b) = t {
                self.regs[b.index() as usize] = *w;
            }
        }
    }
}

impl Backend for ReferenceBackend {
    fn name(&self) -> &'static str {
        "reference"
    }

    fn compile_loop(&mut self, trace: &Trace) -> Result<LoopId, CompileError> {
        let id = LoopId(self.next_loop);
        self.install(trace, id)?;
        self.next_loop += 1;
        Ok(id)
    }

    fn compile_bridge(
        &mut self,
        guard: &Rc<GuardDescr>,
        bridge: &Trace,
    ) -> Result<(), CompileError> {
        let key = Rc::as_ptr(guard);
        let (owner, fail_kinds) = match self.guards.get(&key) {
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
                let kinds = self.fail_arg_kinds(&site.guard);
                (site.owner, kinds)
            }
        };
        let input_kinds: Vec<Kind> = bridge.inputs.iter().map(|b| b.kind()).collect();
        if Some(&input_kinds) != fail_kinds.as_ref() {
            return Err(CompileError::BridgeInputs(format!(
                "the bridge's inputs are {input_kinds:?}, the fail args of <Guard{}> {:?}",
                guard.number,
                fail_kinds.unwrap_or_default()
            )));
        }
        let index = self.install(bridge, owner)?;
        if let Some(site) = self.guards.get_mut(&key) {
            site.bridge = Some(index);
        }
        Ok(())
    }

    fn execute(&mut self, id: LoopId, args: &[Word]) -> DeadFrame {
        let start = match self.loops.get(&id) {
            Some((traces, _)) => traces[0],
            None => panic!("loop {} was freed or never compiled", id.0),
        };
        let code = self.trace(start);
        assert_eq!(
            args.len(),
            code.trace.inputs.len(),
            "loop {} takes {} inputs",
            id.0,
            code.trace.inputs.len()
        );
        let mut frame = Frame::new(code);
        let inputs: Vec<Value> = frame.code.trace.inputs.iter().map(|&b| b.into()).collect();
        frame.set_all(&inputs, args);
        self.run(frame, 0)
    }

    fn invalidate_loop(&mut self, id: LoopId) {
        if let Some((_, invalidation)) = self.loops.get(&id) {
            invalidation.invalidate();
        }
    }

    fn invalidation(&self, id: LoopId) -> Option<Rc<Invalidation>> {
        self.loops.get(&id).map(|(_, i)| i.clone())
    }

    fn free_loop(&mut self, id: LoopId) {
        let Some((traces, _)) = self.loops.remove(&id) else {
            return;
        };
        self.targets.retain(|_, site| !traces.contains(&site.trace));
        self.guards.retain(|_, site| site.owner != id);
        for t in traces {
            self.traces[t] = None;
        }
    }
}

impl ReferenceBackend {
    /// The kinds of the fail args of compiled guard `guard`.
    fn fail_arg_kinds(&self, guard: &Rc<GuardDescr>) -> Option<Vec<Kind>> {
        self.traces.iter().flatten().find_map(|c| {
            c.trace.ops.iter().find_map(|op| {
                let g = op.guard_descr()?;
                Rc::ptr_eq(g, guard)
                    .then(|| op.fail_args.iter().flatten().map(|v| v.kind()).collect())
            })
        })
    }

    /// Runs `frame` from op `pc` on.
    fn run(&mut self, mut frame: Frame, mut pc: usize) -> DeadFrame {
        // SAFETY: the register file is not resized while pushed; the root is dropped
        // (popped) before a new one is pushed and before this function returns.
        let mut root = unsafe { FrameRoot::push(self.gc.as_ref(), &frame.regs) };
        let mut overflow = false;
        let mut scratch: Vec<Word> = Vec::new();
        // The outer loop runs once per switch of trace, the inner one once per op.
        'trace: loop {
            let code = frame.code.clone();
            loop {
                let op = &code.trace.ops[pc];
                pc += 1;
                let a = |n: usize| frame.get(op.args[n]);
                let int = |n: usize| a(n) as i64;
                let float = |n: usize| f64::from_bits(a(n));
                let bool_ = |b: bool| b as Word;
                use Opcode::*;
                let result: Option<Word> = match op.opcode {
                    IntAdd => Some(int(0).wrapping_add(int(1)) as Word),
                    IntSub => Some(int(0).wrapping_sub(int(1)) as Word),
                    IntMul => Some(int(0).wrapping_mul(int(1)) as Word),
                    // Division by zero never happens in a correct trace; 0 keeps this total.
                    IntFloorDiv => Some(int(0).checked_div(int(1)).unwrap_or(0) as Word),
                    IntMod => Some(int(0).checked_rem(int(1)).unwrap_or(0) as Word),
                    IntAnd => Some(a(0) & a(1)),
                    IntOr => Some(a(0) | a(1)),
                    IntXor => Some(a(0) ^ a(1)),
                    IntLshift => Some(a(0).wrapping_shl(a(1) as u32)),
                    IntRshift => Some(int(0).wrapping_shr(a(1) as u32) as Word),
                    UintRshift => Some(a(0).wrapping_shr(a(1) as u32)),
                    UintFloorDiv => Some(a(0).checked_div(a(1)).unwrap_or(0)),
                    UintMod => Some(a(0).checked_rem(a(1)).unwrap_or(0)),
                    IntNeg => Some(int(0).wrapping_neg() as Word),
                    IntInvert => Some(!a(0)),
                    IntSignext => {
                        let bits = 64 - 8 * (a(1).clamp(1, 8) as u32);
                        Some(((int(0) << bits) >> bits) as Word)
                    }
                    IntForceGeZero => Some(int(0).max(0) as Word),
                    IntAddOvf => {
                        let (r, o) = int(0).overflowing_add(int(1));
                        overflow = o;
                        Some(r as Word)
                    }
                    IntSubOvf => {
                        let (r, o) = int(0).overflowing_sub(int(1));
                        overflow = o;
                        Some(r as Word)
                    }
                    IntMulOvf => {
                        let (r, o) = int(0).overflowing_mul(int(1));
                        overflow = o;
                        Some(r as Word)
                    }
                    IntLt => Some(bool_(int(0) < int(1))),
                    IntLe => Some(bool_(int(0) <= int(1))),
                    IntEq => Some(bool_(a(0) == a(1))),
                    IntNe => Some(bool_(a(0) != a(1))),
                    IntGt => Some(bool_(int(0) > int(1))),
                    IntGe => Some(bool_(int(0) >= int(1))),
                    UintLt => Some(bool_(a(0) < a(1))),
                    UintLe => Some(bool_(a(0) <= a(1))),
                    UintGt => Some(bool_(a(0) > a(1))),
                    UintGe => Some(bool_(a(0) >= a(1))),
                    IntIsZero => Some(bool_(a(0) == 0)),
                    IntIsTrue => Some(bool_(a(0) != 0)),
                    PtrEq => Some(bool_(a(0) == a(1))),
                    PtrNe => Some(bool_(a(0) != a(1))),
                    FloatLt => Some(bool_(float(0) < float(1))),
                    FloatLe => Some(bool_(float(0) <= float(1))),
                    FloatEq => Some(bool_(float(0) == float(1))),
                    FloatNe => Some(bool_(float(0) != float(1))),
                    FloatGt => Some(bool_(float(0) > float(1))),
                    FloatGe => Some(bool_(float(0) >= float(1))),
                    FloatAdd => Some((float(0) + float(1)).to_bits()),
                    FloatSub => Some((float(0) - float(1)).to_bits()),
                    FloatMul => Some((float(0) * float(1)).to_bits()),
                    FloatTrueDiv => Some((float(0) / float(1)).to_bits()),
                    FloatNeg => Some((-float(0)).to_bits()),
                    FloatAbs => Some(float(0).abs().to_bits()),
                    CastIntToFloat => Some((int(0) as f64).to_bits()),
                    CastFloatToInt => Some(float(0) as i64 as Word),
                    SameAsI | SameAsR | SameAsF => Some(a(0)),

                    GetfieldGcI | GetfieldGcR | GetfieldGcF | GetfieldRawI | GetfieldRawF => {
                        let f = field(op);
                        // SAFETY: the producer guarantees the object has this field.
                        Some(unsafe { load(a(0) as usize + f.offset, f.size, f.signed, f.kind) })
                    }
                    SetfieldGc | SetfieldRaw => {
                        let f = field(op);
                        // SAFETY: as for getfield.
                        unsafe { store(a(0) as usize + f.offset, f.size, f.kind, a(1)) };
                        None
                    }
                    GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF | GetarrayitemRawI
                    | GetarrayitemRawF => {
                        let d = array(op);
                        let addr = item_address(a(0), a(1), d.base, d.item_size);
                        // SAFETY: the producer guarantees the index is in bounds.
                        Some(unsafe { load(addr, d.item_size, d.signed, d.kind) })
                    }
                    SetarrayitemGc | SetarrayitemRaw => {
                        let d = array(op);
                        let addr = item_address(a(0), a(1), d.base, d.item_size);
                        // SAFETY: as for getarrayitem.
                        unsafe { store(addr, d.item_size, d.kind, a(2)) };
                        None
                    }
                    ArraylenGc => {
                        let d = array(op);
                        let offset = d.length_offset.unwrap_or(0);
                        // SAFETY: the verifier checked the descr has a length; the producer
                        // guarantees the array is one of this descr.
                        Some(unsafe { load(a(0) as usize + offset, 8, false, Kind::Int) })
                    }
                    New | NewWithVtable => {
                        let d = match &op.descr {
                            Some(Descr::Size(d)) => d.clone(),
                            _ => unreachable!("verified: new has a size descr"),
                        };
                        let p = match d.type_id {
                            Some(t) => self.allocate_gc(t, d.size),
                            None => self.allocate(d.size.max(8), 0),
                        };
                        Some(p as Word)
                    }
                    NewArray | NewArrayClear => {
                        let d = array(op).clone();
                        let len = a(0) as usize;
                        let p = match (d.type_id, &self.gc) {
                            // SAFETY: the collector's entry point, on its thread.
                            (Some(t), Some(gc)) => unsafe { (gc.malloc_array)(t, len) as usize },
                            (Some(t), None) => {
                                let size = d.gc_size(len).unwrap_or(usize::MAX);
                                self.allocate_gc(t, size)
                            }
                            (None, _) => {
                                let end_of_items = d.base + len * d.item_size as usize;
                                self.allocate(
                                    end_of_items.max(d.length_offset.map_or(0, |o| o + 8)),
                                    0,
                                )
                            }
                        };
                        if let Some(o) = d.length_offset {
                            // SAFETY: freshly allocated with room for the length word.
                            unsafe { store(p + o, 8, Kind::Int, len as Word) };
                        }
                        Some(p as Word)
                    }
                    CondCallGcWb => {
                        self.barrier(a(0) as usize + field(op).offset);
                        None
                    }
                    CondCallGcWbArray => {
                        let d = array(op);
                        self.barrier(item_address(a(0), a(1), d.base, d.item_size));
                        None
                    }
                    RecordKnownClass => None,
                    _ if op.opcode.is_call() => {
                        let r = call(&frame, op);
                        op.result.map(|_| r)
                    }
                    GuardTrue | GuardFalse | GuardValue | GuardClass | GuardNonnull
                    | GuardIsnull | GuardNonnullClass | GuardNoException | GuardNoOverflow
                    | GuardOverflow | GuardNotInvalidated | GuardNotForced => {
                        let passes = match op.opcode {
                            GuardTrue => a(0) != 0,
                            GuardFalse => a(0) == 0,
                            GuardValue => a(0) == a(1),
                            // SAFETY: guard_class is on a non-null object with a class word.
                            GuardClass => (unsafe { class_of(a(0)) }) == a(1),
                            GuardNonnull => a(0) != 0,
                            GuardIsnull => a(0) == 0,
                            // SAFETY: read only when non-null.
                            GuardNonnullClass => a(0) != 0 && (unsafe { class_of(a(0)) }) == a(1),
                            GuardNoException => pending_exception() == 0,
                            GuardNoOverflow => !overflow,
                            GuardOverflow => overflow,
                            GuardNotInvalidated => self
                                .loops
                                .get(&code.owner)
                                .is_none_or(|l| !l.1.is_invalid()),
                            GuardNotForced => super::forced() == 0,
                            _ => true,
                        };
                        if !passes {
                            let fail_args = op.fail_args.as_deref().unwrap_or(&[]);
                            let values = frame.values(fail_args);
                            let guard = match op.guard_descr() {
                                Some(g) => g.clone(),
                                None => unreachable!("verified: guards have guard descrs"),
                            };
                            let bridge = self
                                .guards
                                .get(&Rc::as_ptr(&guard))
                                .and_then(|site| site.bridge);
                            match bridge {
                                Some(b) => {
                                    drop(root);
                                    frame = Frame::new(self.trace(b));
                                    // SAFETY: as above.
                                    root =
                                        unsafe { FrameRoot::push(self.gc.as_ref(), &frame.regs) };
                                    let inputs: Vec<Value> =
                                        frame.code.trace.inputs.iter().map(|&b| b.into()).collect();
                                    frame.set_all(&inputs, &values);
                                    pc = 0;
                                    continue 'trace;
                                }
                                None => {
                                    let exception = if op.opcode == GuardNoException {
                                        take_exception()
                                    } else {
                                        0
                                    };
                                    return DeadFrame {
                                        exit: Exit::Guard(guard),
                                        values,
                                        kinds: fail_args.iter().map(|v| v.kind()).collect(),
                                        exception,
                                    };
                                }
                            }
                        }
                        None
                    }
                    Label | DebugMergePoint | QuasiimmutField => None,
                    Jump => {
                        // A parallel move: read every argument before writing any.
                        scratch.clear();
                        scratch.extend(op.args.iter().map(|&v| frame.get(v)));
                        match code.jump {
                            Some((trace, label)) => {
                                let switch = match &self.traces[trace] {
                                    Some(target) => !Rc::ptr_eq(target, &code),
                                    None => panic!("a jump to the label of a freed loop"),
                                };
                                let target = if switch {
                                    self.trace(trace)
                                } else {
                                    code.clone()
                                };
                                let label_args = &target.trace.ops[label].args;
                                if switch {
                                    drop(root);
                                    frame = Frame::new(target.clone());
                                    // SAFETY: as above.
                                    root =
                                        unsafe { FrameRoot::push(self.gc.as_ref(), &frame.regs) };
                                }
                                frame.set_all(label_args, &scratch);
                                pc = label + 1;
                                if switch {
                                    continue 'trace;
                                }
                            }
                            None => {
                                for (b, w) in code.trace.inputs.iter().zip(&scratch) {
                                    frame.regs[b.index() as usize] = *w;
                                }
                                pc = 0;
                            }
                        }
                        None
                    }
                    Finish => {
                        let descr = match &op.descr {
                            Some(Descr::Finish(f)) => Some(f.clone()),
                            _ => None,
                        };
                        return DeadFrame {
                            exit: Exit::Finish(descr),
                            values: frame.values(&op.args),
                            kinds: op.args.iter().map(|v| v.kind()).collect(),
                            exception: 0,
                        };
                    }
                    other => unreachable!("{other} is handled above"),
                };
                if let (Some(b), Some(w)) = (op.result, result) {
                    frame.regs[b.index() as usize] = w;
                }
            }
        }
    }
}

fn field(op: &Op) -> &crate::descr::FieldDescr {
    match &op.descr {
        Some(Descr::Field(f)) => f,
        _ => unreachable!("verified: {} has a field descr", op.opcode),
    }
}

fn array(op: &Op) -> &crate::descr::ArrayDescr {
    match &op.descr {
        Some(Descr::Array(d)) => d,
        _ => unreachable!("verified: {} has an array descr", op.opcode),
    }
}

fn item_address(base_addr: Word, index: Word, base: usize, item_size: u8) -> usize {
    (base_addr as usize)
        .wrapping_add(base)
        .wrapping_add((index as usize).wrapping_mul(item_size as usize))
}

/// Calls the shim at argument 0 with the other arguments grouped by kind.
fn call(frame: &Frame, op: &Op) -> Word {
    let addr = frame.get(op.args[0]) as usize;
    assert!(addr != 0, "{} of a null function", op.opcode);
    let (mut ints, mut refs, mut floats) = (Vec::new(), Vec::new(), Vec::new());
    for &arg in &op.args[1..] {
        let w = frame.get(arg);
        match arg.kind() {
            Kind::Int => ints.push(w as i64),
            Kind::Ref => refs.push(w as usize),
            Kind::Float => floats.push(f64::from_bits(w)),
        }
    }
    let mut result: u64 = 0;
    // SAFETY: the producer guarantees argument 0 is the address of a `Shim` taking these
    // arguments (module doc).
    unsafe {
        let shim: Shim = std::mem::transmute::<usize, Shim>(addr);
        shim(ints.as_ptr(), refs.as_ptr(), floats.as_ptr(), &mut result);
    }
    result
}

/// Reads the class (the header's type id) of the object at `p`.
///
/// # Safety
/// `p` is the address of an object with a header.
unsafe fn class_of(p: Word) -> Word {
    // SAFETY: by the caller.
    unsafe { load(p as usize + TYPE_ID_OFFSET, 4, false, Kind::Int) }
}

/// Reads a value of `kind` and `size` bytes at `addr`, extended to a word.
///
/// # Safety
/// `addr` is valid for reading `size` bytes.
unsafe fn load(addr: usize, size: u8, signed: bool, kind: Kind) -> Word {
    let p = addr as *const u8;
    // SAFETY: by the caller; unaligned reads, as the layout may pack fields.
    unsafe {
        match (kind, size, signed) {
            (Kind::Float, 4, _) => (p.cast::<f32>().read_unaligned() as f64).to_bits(),
            (_, 1, true) => p.cast::<i8>().read_unaligned() as i64 as Word,
            (_, 1, false) => p.read_unaligned() as Word,
            (_, 2, true) => p.cast::<i16>().read_unaligned() as i64 as Word,
            (_, 2, false) => p.cast::<u16>().read_unaligned() as Word,
            (_, 4, true) => p.cast::<i32>().read_unaligned() as i64 as Word,
            (_, 4, false) => p.cast::<u32>().read_unaligned() as Word,
            _ => p.cast::<u64>().read_unaligned(),
        }
    }
}

/// Writes the low `size` bytes of `w` (for a 4-byte float: `w` as `f32`) at `addr`.
///
/// # Safety
/// `addr` is valid for writing `size` bytes.
unsafe fn store(addr: usize, size: u8, kind: Kind, w: Word) {
    let p = addr as *mut u8;
    // SAFETY: by the caller.
    unsafe {
        match (kind, size) {
            (Kind::Float, 4) => p.cast::<f32>().write_unaligned(f64::from_bits(w) as f32),
            (_, 1) => p.write_unaligned(w as u8),
            (_, 2) => p.cast::<u16>().write_unaligned(w as u16),
            (_, 4) => p.cast::<u32>().write_unaligned(w as u32),
            _ => p.cast::<u64>().write_unaligned(w),
        }
    }
}
