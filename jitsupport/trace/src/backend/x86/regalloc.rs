//! Where values live while a trace runs: a register allocator for linear traces.
//!
//! Every box has a home, a frame slot: slot `n` of the frame (the register `r15` points
//! at it) belongs to box `n` of the trace. Int and ref boxes live in the nine allocatable
//! general registers (`rbx`, `rbp`, `r12`, `r13`, callee-saved, and `r8`, `r9`, `r10`,
//! `rsi`, `rdi`, which calls clobber; a call or an allocation empties them before it
//! sets its argument registers `rdi` and `rsi`), float boxes in the fourteen SSE2 registers `xmm2`-`xmm15`
//! ([`FREGS`]; `xmm0` and `xmm1` stay scratch). [`Alloc::held`] numbers them all: the
//! general registers first ([`REGS`]), then the xmm ones, and a box only ever goes to a
//! register of its own class. A box is written to its slot only when it must leave its
//! register while it is still needed (the register of its class with the farthest next
//! use is taken for a new value, Belady's rule), or when the rest of the system reads
//! memory (a label's arguments past the registers, a bridge's inputs). A box nothing
//! reads is not written anywhere, and a pure op defining one emits no code at all.
//!
//! Hints: a box a jump passes to a label (or a label takes) goes, when it gets a
//! register, to the one the label takes it in if that holds nothing still read, so that
//! the jump's parallel move has nothing to do for it; else a result goes to the register
//! of its op's first operand when that box is read no more (the op computes in place,
//! the emitter's `result_reg`); boxes without a hint prefer the registers no box is
//! hinted to ([`Alloc::set_hint`]).
//!
//! Calls: System V keeps no xmm register across a call, so before a call every float
//! box still needed after it (or by the call's own guard stub) is written to its slot,
//! like the boxes of the caller-saved general registers, and all those registers are
//! forgotten. The first read of such a float after the call that is not its last loads
//! it into a free xmm register (one holding nothing or a box nothing reads any more), so
//! the later reads find it there; with no free register, reads go to the slot until a
//! later definition takes a register again.
//!
//! Uses are the ops' arguments and the guards' fail args: a guard's stub copies each
//! fail arg from where it is at the guard (a register of either class, its slot or a
//! constant) to the exit area, so a fail arg keeps its value alive until the guard.
//!
//! The invariant the emitter keeps: a live box is in a register, in its slot, or both
//! ([`Alloc::in_slot`] records which slots hold their box's value).
//!
//! Labels: a label's first [`REGS`] int and ref arguments arrive in the general
//! registers in order (the first in `rbx`, ...) and its first [`FREGS`] float arguments
//! in `xmm2`, `xmm3`, ..., the others in their slots. Whoever reaches the label sets
//! them: the code falling into it and a `jump`, from its own trace or from another one
//! (a bridge, another loop): one parallel move over registers and slots (the frame is
//! shared, so a slot of the label's trace is the slot of the same number), slot to slot
//! through `r11`, whose cycles are broken through `rax` or `xmm0`, then a direct jump.
//!
//! A comparison whose only use is its guard (the next guard, with only loads and stores
//! in between) leaves its result in the flags, and the guard branches on them directly
//! ([`flag_fusion`]); float comparisons (`ucomisd`) too, `float_eq` and `float_ne`
//! with two branches (the parity flag says unordered: `jp` around the `je` of a failing
//! `float_eq`, `jne` and `jp` to the stub for a failing `float_ne`).

use crate::descr::Descr;
use crate::ops::{Kind, Opcode};
use crate::trace::{Op, Trace, Value};

/// The byte offset of box `index`'s slot from the frame pointer.
pub fn slot(index: u32) -> i32 {
    8 * index as i32
}

/// The largest box index a frame can address with a 32-bit displacement.
pub const MAX_BOXES: u32 = (i32::MAX / 8) as u32;

/// How many allocatable general registers there are (`rbx`, `rbp`, `r12`, `r13`, then
/// the caller-saved `r8`, `r9`, `r10`, `rsi`, `rdi` in the emitter).
pub const REGS: usize = 9;

/// How many allocatable xmm registers there are (`xmm2`-`xmm15`, all caller-saved).
pub const FREGS: usize = 14;

/// How many registers [`Alloc::held`] tracks: the general ones, then the xmm ones.
pub const ALL: usize = REGS + FREGS;

/// How many of the allocatable registers are callee-saved (the first ones; every
/// register from this index on, xmm ones included, is clobbered by calls).
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
        DebugMergePoint | QuasiimmutField | SetfieldGc | SetfieldRaw | GetfieldGcI
        | GetfieldGcR | GetfieldGcF | GetfieldRawI | GetfieldRawF | ArraylenGc => true,
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
    /// whose jump passes one value twice): the general registers, then the xmm ones.
    pub held: [Option<u32>; ALL],
    /// For each box, whether its slot holds its value.
    pub in_slot: Vec<bool>,
    /// For each box, whether it is a float (and so lives in an xmm register).
    float: Vec<bool>,
    uses: Vec<Vec<u32>>,
    /// For each box, the register a label expects it in, if a jump or a label passes it
    /// to one ([`Alloc::set_hint`]).
    hints: Vec<Option<usize>>,
    /// Whether some box is hinted to each register.
    hinted: [bool; ALL],
}

impl Alloc {
    pub fn new(trace: &Trace) -> Alloc {
        let n = trace.num_boxes() as usize;
        let mut float = vec![false; n];
        let boxes = trace
            .inputs
            .iter()
            .copied()
            .chain(trace.ops.iter().flat_map(|op| {
                op.result
                    .into_iter()
                    .chain(op.args.iter().filter_map(|v| v.as_box()))
            }));
        for b in boxes {
            if let Some(f) = float.get_mut(b.index() as usize) {
                *f = b.kind() == Kind::Float;
            }
        }
        Alloc {
            held: [None; ALL],
            in_slot: vec![false; n],
            float,
            uses: use_positions(trace),
            hints: vec![None; n],
            hinted: [false; ALL],
        }
    }

    /// Records that a label takes box `b` in register `r` (of its class), unless an
    /// earlier hint did: [`Alloc::choose`] then prefers `r` for `b` when it is free, so
    /// that the jump to the label has fewer moves to make.
    pub fn set_hint(&mut self, b: u32, r: usize) {
        if !self.class(b).contains(&r) {
            return;
        }
        if let Some(h @ None) = self.hints.get_mut(b as usize) {
            *h = Some(r);
            self.hinted[r] = true;
        }
    }

    /// The registers box `b` may live in: the general ones or the xmm ones.
    pub fn class(&self, b: u32) -> std::ops::Range<usize> {
        if self.is_float(b) {
            REGS..ALL
        } else {
            0..REGS
        }
    }

    /// Whether box `b` is a float (and so lives in an xmm register).
    pub fn is_float(&self, b: u32) -> bool {
        self.float.get(b as usize).copied().unwrap_or(false)
    }

    /// The register holding box `b`, if one does.
    pub fn find(&self, b: u32) -> Option<usize> {
        self.held.iter().position(|&h| h == Some(b))
    }

    /// Forgets every register.
    pub fn clear(&mut self) {
        self.held = [None; ALL];
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

    /// The register box `b` is hinted to, if it holds nothing read from op `from` on.
    pub fn free_hint(&self, b: u32, from: u32) -> Option<usize> {
        let r = (*self.hints.get(b as usize)?)?;
        self.held[r]
            .is_none_or(|h| !self.live_from(h, from))
            .then_some(r)
    }

    /// The register for box `b`, whose reads start at op `from`: its hint if that holds
    /// nothing read from `from` on, else a free one of its class, else the one whose value
    /// is next read farthest away (the caller spills it, see [`Alloc::needs_spill`]).
    /// `None` when `b` is never read, or when every held value is read before `b` is.
    pub fn choose(&self, b: u32, from: u32) -> Option<usize> {
        let mine = self.use_from(b, from);
        if mine == u32::MAX {
            return None;
        }
        if let Some(r) = self.free_hint(b, from) {
            return Some(r);
        }
        // Among equally good registers, one no box is hinted to comes first.
        let (r, far) = self
            .class(b)
            .map(|r| (r, self.held[r].map_or(u32::MAX, |h| self.use_from(h, from))))
            .max_by_key(|&(r, n)| (n, !self.hinted[r], std::cmp::Reverse(r)))?;
        if far <= mine {
            return None;
        }
        Some(r)
    }
}
