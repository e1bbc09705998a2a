//! Where values live while a trace runs: a register allocator for linear traces.
//!
//! Every box has a home, a frame slot: slot `n` of the frame (the register `r15` points
//! at it) belongs to box `n` of the trace. Int and ref boxes live in the seven allocatable
//! registers ([`REGS`]: `rbx`, `rbp`, `r12`, `r13`, callee-saved, and `r8`, `r9`, `r10`,
//! which calls clobber); a box is written to its slot only when it must leave its
//! register while it is still needed (the register with the farthest next use is taken
//! for a new value, Belady's rule; a call clobbers the caller-saved ones), or when the
//! rest of the system reads memory (a label's arguments past the registers, a bridge's
//! inputs). A box nothing reads is not written anywhere, and a pure op defining one
//! emits no code at all. Floats keep their
//! slots (written at every definition) and go through `xmm0`/`xmm1`.
//!
//! Uses are the ops' arguments and the guards' fail args: a guard's stub copies each
//! fail arg from where it is at the guard (a register, its slot or a constant) to the
//! exit area, so a fail arg keeps its value alive until the guard.
//!
//! The invariant the emitter keeps: a live int or ref box is in a register, in its slot,
//! or both ([`Alloc::in_slot`] records which slots hold their box's value).
//!
//! Labels: a label's first [`REGS`] int and ref arguments arrive in the registers in
//! order (the first argument in `rbx`, ...), the others in their slots. Whoever reaches
//! the label sets them: the code falling into it, a `jump` (a parallel move), and the
//! label's entry for jumps from other traces (which copies them from the exit area).
//!
//! A comparison whose only use is its guard (the next guard, with only loads and stores
//! in between) leaves its result in the flags, and the guard branches on them directly
//! ([`flag_fusion`]).

use crate::descr::Descr;
use crate::ops::Opcode;
use crate::trace::{Op, Trace, Value};

/// The byte offset of box `index`'s slot from the frame pointer.
pub fn slot(index: u32) -> i32 {
    8 * index as i32
}

/// The largest box index a frame can address with a 32-bit displacement.
pub const MAX_BOXES: u32 = (i32::MAX / 8) as u32;

/// How many allocatable registers there are (`rbx`, `rbp`, `r12`, `r13`, then the
/// caller-saved `r8`, `r9`, `r10` in the emitter).
pub const REGS: usize = 7;

/// How many of the allocatable registers are callee-saved (the first ones).
pub const CALLEE_SAVED: usize = 4;

/// For each op, the position of the `guard_true` or `guard_false` that reads its result
/// from the flags, if it is a comparison with such a guard: the first guard after it,
/// with only ops that keep the flags ([`keeps_flags`]) in between.
pub fn flag_fusion(trace: &Trace) -> Vec<Option<u32>> {
    let ops = &trace.ops;
    let mut fused = vec![None; ops.len()];
    for (i, op) in ops.iter().enumerate() {
        let Some(result) = op.result else { continue };
        if !op.opcode.is_comparison() {
            continue;
        }
        let Some(k) = (i + 1..ops.len()).find(|&k| !keeps_flags(&ops[k])) else {
            continue;
        };
        let guard = &ops[k];
        if matches!(guard.opcode, Opcode::GuardTrue | Opcode::GuardFalse)
            && guard.args.first() == Some(&Value::Box(result))
        {
            fused[i] = Some(k as u32);
        }
    }
    fused
}

/// Whether the emitter's code for `op` leaves the flags alone (only moves and loads,
/// stores and address arithmetic in the addressing mode).
pub fn keeps_flags(op: &Op) -> bool {
    use Opcode::*;
    match op.opcode {
        DebugMergePoint | SetfieldGc | SetfieldRaw | GetfieldGcI | GetfieldGcR | GetfieldGcF
        | GetfieldRawI | GetfieldRawF | ArraylenGc => true,
        // An item size that is no scale factor of the addressing mode takes an `imul`.
        GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF | GetarrayitemRawI
        | GetarrayitemRawF | SetarrayitemGc | SetarrayitemRaw => {
            matches!(&op.descr, Some(Descr::Array(d)) if matches!(d.item_size, 1 | 2 | 4 | 8))
        }
        _ => false,
    }
}

/// For each box (by index), the positions of the ops that read it as an argument or a
/// fail arg, in order (a position may repeat).
pub fn use_positions(trace: &Trace) -> Vec<Vec<u32>> {
    let mut uses = vec![Vec::new(); trace.num_boxes() as usize];
    for (i, op) in trace.ops.iter().enumerate() {
        for v in op.args.iter().chain(op.fail_args.iter().flatten()) {
            if let Value::Box(b) = v {
                if let Some(u) = uses.get_mut(b.index() as usize) {
                    u.push(i as u32);
                }
            }
        }
    }
    uses
}

/// The allocation state at one point of the trace, which the emitter updates as it goes.
pub struct Alloc {
    /// The box each register holds, if any (a box may be in two registers at a label
    /// whose jump passes one value twice).
    pub held: [Option<u32>; REGS],
    /// For each box, whether its slot holds its value.
    pub in_slot: Vec<bool>,
    uses: Vec<Vec<u32>>,
}

impl Alloc {
    pub fn new(trace: &Trace) -> Alloc {
        Alloc {
            held: [None; REGS],
            in_slot: vec![false; trace.num_boxes() as usize],
            uses: use_positions(trace),
        }
    }

    /// The register holding box `b`, if one does.
    pub fn find(&self, b: u32) -> Option<usize> {
        self.held.iter().position(|&h| h == Some(b))
    }

    /// Forgets every register.
    pub fn clear(&mut self) {
        self.held = [None; REGS];
    }

    /// Whether the slot of box `b` holds its value.
    pub fn slot_valid(&self, b: u32) -> bool {
        self.in_slot.get(b as usize).copied().unwrap_or(false)
    }

    /// Records whether the slot of box `b` holds its value.
    pub fn set_in_slot(&mut self, b: u32, valid: bool) {
        if let Some(s) = self.in_slot.get_mut(b as usize) {
            *s = valid;
        }
    }

    /// The first use of box `b` at op `from` or later, or `u32::MAX` if none.
    pub fn use_from(&self, b: u32, from: u32) -> u32 {
        let Some(u) = self.uses.get(b as usize) else {
            return u32::MAX;
        };
        let k = u.partition_point(|&p| p < from);
        u.get(k).copied().unwrap_or(u32::MAX)
    }

    /// Whether box `b` is read at op `from` or later.
    pub fn live_from(&self, b: u32, from: u32) -> bool {
        self.use_from(b, from) != u32::MAX
    }

    /// Whether register `r` holds a box that must be written to its slot before the
    /// register is reused at op `pos`: read later, and in no slot or other register.
    pub fn needs_spill(&self, r: usize, from: u32) -> Option<u32> {
        let h = self.held[r]?;
        let elsewhere = self
            .held
            .iter()
            .enumerate()
            .any(|(o, &x)| o != r && x == Some(h));
        (self.live_from(h, from) && !self.slot_valid(h) && !elsewhere).then_some(h)
    }

    /// The register for box `b`, whose reads start at op `from`: a free one, else the one
    /// whose value is next read farthest away (the caller spills it, see
    /// [`Alloc::needs_spill`]). `None` when `b` is never read, or when every held value
    /// is read before `b` is.
    pub fn choose(&self, b: u32, from: u32) -> Option<usize> {
        let mine = self.use_from(b, from);
        if mine == u32::MAX {
            return None;
        }
        let (r, far) = self
            .held
            .iter()
            .enumerate()
            .map(|(r, h)| (r, h.map_or(u32::MAX, |h| self.use_from(h, from))))
            .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))?;
        if far <= mine {
            return None;
        }
        Some(r)
    }
}
