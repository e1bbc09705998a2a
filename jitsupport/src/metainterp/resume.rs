//! Resume data (PyPy's `resume.py`): what a guard needs to rebuild the interpreter's
//! frames when it fails.
//!
//! At every guard the tracer snapshots all frames: for each, its jitcode, where it
//! resumes (the innermost at the `-live-` before the guard's instruction, which the
//! blackhole executes again with the real values; the others at the inline call they
//! wait in) and its live registers, each either a constant or a position in the guard's
//! fail args (each box once). On failure the fail args' values come back from the
//! backend; virtuals the optimizer removed are allocated and filled first (the
//! optimizer's [`GuardResume`] says how), then the frames are rebuilt for the blackhole
//! ([`FrameState`]) or, to trace a bridge, for the tracer.

use super::frame::{MIFrame, TBox};
use crate::blackhole::memory::{
    alloc_gc_object, alloc_object, item_addr, store_float, store_int, store_ref,
};
use crate::blackhole::FrameState;
use crate::jitcode::{decode, JitCodes};
use jitsupport_trace::optimizeopt::virtualize::{Alloc, FieldKey, GuardResume, Slot};
use jitsupport_trace::{Kind, Value};

/// Where resume finds a register's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagged {
    /// The guard's fail arg at this position.
    FailArg(u32),
    /// A constant, by its bits.
    Const(u64),
    /// The address of an item of an array of value enums of the virtualizable (the
    /// array's number in the layout, the index): a handle on its boxes in the trace,
    /// the item's address once the frame holds the values again.
    VableItem(u16, u32),
}

/// One frame of a snapshot.
#[derive(Clone, Debug)]
pub struct SnapFrame {
    pub jitcode: u32,
    /// The innermost frame: its `-live-`; the others: the inline call they wait in.
    pub pc: usize,
    /// Per kind, the live registers and where their values are.
    pub regs: [Vec<(u8, Tagged)>; 3],
}

/// The resume data of a guard: its frames, outermost first, and the values of the
/// driver's virtualizable, if the trace keeps some (`vable`).
#[derive(Clone, Debug)]
pub struct ResumeData {
    pub frames: Vec<SnapFrame>,
    pub vable: Option<super::vable::VableResume>,
}

/// The resume data of the guards of one JIT, by index (the `resume` of a
/// [`GuardDescr`](jitsupport_trace::GuardDescr)). A snapshot is taken at every guard the
/// tracer records, also of traces that abort and of guards the optimizer removes: the
/// store is swept ([`ResumeStore::retain`]) once it holds twice as many as were live at
/// the last sweep, so that it grows with the live guards, not with the run.
#[derive(Default)]
pub struct ResumeStore {
    slots: std::collections::HashMap<u32, ResumeData>,
    /// The ref constants of each resume data that has some: GC roots while it is kept.
    roots: std::collections::HashMap<u32, crate::gcjit::HeldRoots>,
    next: u32,
    /// How many were live after the last sweep.
    live: usize,
}

impl ResumeStore {
    /// Stores `data`; returns its index.
    pub fn add(&mut self, data: ResumeData) -> u32 {
        // Indices wrap after 2^32 snapshots; one still in use is skipped.
        while self.slots.contains_key(&self.next) {
            self.next = self.next.wrapping_add(1);
        }
        let index = self.next;
        self.next = self.next.wrapping_add(1);
        let mut consts: Vec<usize> = (data.frames.iter())
            .flat_map(|f| &f.regs[1])
            .filter_map(|&(_, t)| match t {
                Tagged::Const(c) if c != 0 => Some(c as usize),
                _ => None,
            })
            .collect();
        if let Some(v) = &data.vable {
            consts.extend(v.ref_consts());
        }
        if !consts.is_empty() {
            self.roots
                .insert(index, crate::gcjit::HeldRoots::new(consts));
        }
        self.slots.insert(index, data);
        index
    }

    /// The resume data at `index`.
    pub fn get(&self, index: usize) -> &ResumeData {
        match self.slots.get(&(index as u32)) {
            Some(data) => data,
            None => panic!("internal error: resume data {index} was freed"),
        }
    }

    /// How many are stored.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether a sweep is due.
    pub fn wants_sweep(&self) -> bool {
        self.slots.len() > 2 * self.live + 256
    }

    /// Keeps only the resume data whose index `live` accepts.
    pub fn retain(&mut self, live: impl Fn(u32) -> bool) {
        self.slots.retain(|&i, _| live(i));
        self.roots.retain(|&i, _| live(i));
        self.slots.shrink_to(2 * self.slots.len() + 16);
        self.live = self.slots.len();
    }
}

impl Tagged {
    /// The value, from the fail args' `values` or the constant.
    pub fn value(self, values: &[u64]) -> u64 {
        match self {
            Tagged::FailArg(n) => values[n as usize],
            Tagged::Const(c) => c,
            Tagged::VableItem(..) => {
                panic!("internal error: an item handle read without its frame")
            }
        }
    }
}

/// Allocates and fills the virtuals of a failing guard, and puts them into `values` at
/// the fail-arg positions that hold them.
///
/// # Safety
/// `values` are the fail-arg values of the guard that `virtuals` describes.
pub unsafe fn materialize(virtuals: &GuardResume, values: &mut [u64]) {
    // The fail args and the objects made so far are roots while later ones allocate.
    let mut objects: Vec<u64> = vec![0; virtuals.objects.len()];
    let _roots = (
        crate::gcroots::RootRange::of_slice(values),
        crate::gcroots::RootRange::of_slice(&objects),
    );
    for (n, object) in virtuals.objects.iter().enumerate() {
        let addr = match &object.alloc {
            // A GC object, of the type id its class is (header written).
            Alloc::New(size) | Alloc::NewWithVtable(size) => match size.type_id {
                Some(type_id) => alloc_gc_object(type_id),
                None => alloc_object(size.size),
            },
            Alloc::NewArray { descr, length, .. } => match descr.type_id {
                Some(t) => crate::gcjit::alloc_array(t, *length),
                None => {
                    let p = alloc_object(descr.base + length * descr.item_size as usize);
                    if let Some(at) = descr.length_offset {
                        store_int(p + at, 8, *length as i64);
                    }
                    p
                }
            },
        };
        objects[n] = addr as u64;
    }
    let slot_value = |slot: Slot, values: &[u64]| match slot {
        Slot::FailArg(n) => values[n],
        Slot::Const(c) => c.const_bits().unwrap_or(0),
        Slot::Virtual(v) => objects[v],
    };
    for (object, &addr) in virtuals.objects.iter().zip(&objects) {
        for (key, slot) in &object.fields {
            let bits = slot_value(*slot, values);
            match key {
                FieldKey::Field(f) => store(addr as usize + f.offset, f.size, f.kind, bits),
                FieldKey::Item(i) => {
                    if let Alloc::NewArray { descr, .. } = &object.alloc {
                        let at = item_addr(addr as usize, descr.base, descr.item_size, *i as i64);
                        store(at, descr.item_size, descr.kind, bits);
                    }
                }
            }
        }
    }
    for &(position, object) in &virtuals.slots {
        values[position] = objects[object];
    }
}

unsafe fn store(addr: usize, size: u8, kind: Kind, bits: u64) {
    match kind {
        Kind::Int => store_int(addr, size, bits as i64),
        Kind::Ref => store_ref(addr, bits as usize),
        Kind::Float => store_float(addr, size, f64::from_bits(bits)),
    }
}

/// The blackhole frames of `resume` with the fail args' `values`.
pub fn blackhole_frames(codes: &JitCodes, resume: &ResumeData, values: &[u64]) -> Vec<FrameState> {
    resume
        .frames
        .iter()
        .map(|f| {
            let jc = &codes.jitcodes[f.jitcode as usize];
            let mut state = FrameState {
                jitcode: f.jitcode,
                pc: f.pc,
                ints: vec![0; jc.num_regs[0] as usize],
                refs: vec![0; jc.num_regs[1] as usize],
                floats: vec![0.0; jc.num_regs[2] as usize],
                results: Vec::new(),
            };
            for &(r, t) in &f.regs[0] {
                state.ints[r as usize] = t.value(values) as i64;
            }
            for &(r, t) in &f.regs[1] {
                state.refs[r as usize] = match (t, &resume.vable) {
                    (Tagged::VableItem(a, i), Some(v)) => v.item_address(values, a, i),
                    _ => t.value(values) as usize,
                };
            }
            for &(r, t) in &f.regs[2] {
                state.floats[r as usize] = f64::from_bits(t.value(values));
            }
            state
        })
        .collect()
}

/// The tracer frames of `resume`, whose fail args are `args` (boxes of a bridge's inputs
/// or values recorded at its start) with current values.
pub fn tracer_frames(codes: &'static JitCodes, resume: &ResumeData, args: &[TBox]) -> Vec<MIFrame> {
    let last = resume.frames.len() - 1;
    resume
        .frames
        .iter()
        .enumerate()
        .map(|(depth, f)| {
            let jc = &codes.jitcodes[f.jitcode as usize];
            let mut frame = MIFrame::new(f.jitcode, jc);
            for (k, kind) in [Kind::Int, Kind::Ref, Kind::Float].into_iter().enumerate() {
                for &(r, t) in &f.regs[k] {
                    frame.regs[k][r as usize] = match t {
                        Tagged::FailArg(n) => args[n as usize],
                        Tagged::Const(c) => TBox {
                            v: Value::from_bits(kind, c),
                            c,
                        },
                        // The tracer makes it a handle again
                        // (`Tracer::vable_bind_handles`); the address for now.
                        Tagged::VableItem(a, i) => {
                            let values: Vec<u64> = args.iter().map(|b| b.c).collect();
                            let c = resume
                                .vable
                                .as_ref()
                                .map_or(0, |v| v.item_address(&values, a, i))
                                as u64;
                            TBox::constant(Kind::Ref, c)
                        }
                    };
                }
            }
            if depth == last {
                frame.pc = f.pc;
                frame.live_pc = f.pc;
            } else {
                frame.call_pc = f.pc;
                frame.pc = match decode(&jc.code, f.pc) {
                    Ok(insn) => insn.next,
                    Err(e) => panic!("internal error: {e}"),
                };
            }
            frame
        })
        .collect()
}

/// The blackhole frames of the tracer's frames, with their current values (to go on
/// after an aborted trace): the innermost at its next instruction, the others at their
/// inline call.
pub fn frames_of_tracer(frames: &[MIFrame]) -> Vec<FrameState> {
    let last = frames.len() - 1;
    frames
        .iter()
        .enumerate()
        .map(|(depth, f)| {
            let n = |k: usize| f.jc.num_regs[k] as usize;
            FrameState {
                jitcode: f.jitcode,
                pc: if depth == last { f.pc } else { f.call_pc },
                ints: f.regs[0][..n(0)].iter().map(|b| b.c as i64).collect(),
                refs: f.regs[1][..n(1)].iter().map(|b| b.c as usize).collect(),
                floats: f.regs[2][..n(2)]
                    .iter()
                    .map(|b| f64::from_bits(b.c))
                    .collect(),
                results: f
                    .results
                    .iter()
                    .zip(f.result_bits)
                    .map(|(r, bits)| r.map_or(bits, |b| b.c))
                    .collect(),
            }
        })
        .collect()
}
