//! Where values live while a trace runs.
//!
//! Every box has a home, a frame slot: slot `n` of the frame (the register `r15` points
//! at it) holds box `n` of the trace, and every result is stored there (write-through).
//! Each op loads its arguments into scratch registers (`rax`, `rcx`, `rdx`, `r11`, `xmm0`,
//! `xmm1`) and stores its result back. On top of that, a [`Cache`] keeps int and ref
//! boxes in registers as well (the callee-saved `rbx`, `rbp`, `r12`, `r13`, and `r8`, `r9`,
//! `r10`, which calls clobber), so loads of them are register moves: when all are taken,
//! the value whose next use is farthest leaves (nothing is spilled, the slot already holds
//! it). A label's first four
//! int/ref arguments arrive in those registers: the code falling into the label, a jump
//! back to it (a parallel move) and its entry from other traces set them. Since the
//! slots always hold every box, guard stubs, bridges and jumps between traces read
//! slots as before, and calls need no spilling (values in caller-saved registers are
//! just forgotten).
//!
//! One more decision: a comparison whose only use is the guard right after it keeps its
//! result in the flags, and the guard branches on them directly ([`flag_fusion`]).
//! Next steps: drop the write-through stores of values that no guard, jump or later
//! reload needs (stubs then save registers).

use crate::ops::Opcode;
use crate::trace::{Trace, Value};

/// The byte offset of box `index`'s slot from the frame pointer.
pub fn slot(index: u32) -> i32 {
    8 * index as i32
}

/// The largest box index a frame can address with a 32-bit displacement.
pub const MAX_BOXES: u32 = (i32::MAX / 8) as u32;

/// For each op, whether it is a comparison whose result the next op (a `guard_true` or
/// `guard_false`) reads from the flags. The result is still stored to its slot (the store
/// leaves the flags alone), so other uses and fail args stay correct.
pub fn flag_fusion(trace: &Trace) -> Vec<bool> {
    let ops = &trace.ops;
    let mut fused = vec![false; ops.len()];
    for i in 0..ops.len().saturating_sub(1) {
        let (op, next) = (&ops[i], &ops[i + 1]);
        let Some(result) = op.result else { continue };
        if op.opcode.is_comparison()
            && matches!(next.opcode, Opcode::GuardTrue | Opcode::GuardFalse)
            && next.args.first() == Some(&Value::Box(result))
        {
            fused[i] = true;
        }
    }
    fused
}

/// For each box (by index), the positions of the ops that read it as an argument, in
/// order. Fail args are not uses: guard stubs read the frame slots.
pub fn use_positions(trace: &Trace) -> Vec<Vec<u32>> {
    let mut uses = vec![Vec::new(); trace.num_boxes() as usize];
    for (i, op) in trace.ops.iter().enumerate() {
        for v in &op.args {
            if let Value::Box(b) = v {
                if let Some(u) = uses.get_mut(b.index() as usize) {
                    u.push(i as u32);
                }
            }
        }
    }
    uses
}

/// A write-through register cache: some int and ref boxes also live in one of
/// [`CACHE_REGS`] registers (the first [`LABEL_REGS`] callee-saved, so calls keep them;
/// the others caller-saved, forgotten at every call). The frame slot stays the home of
/// every box, so guard stubs, bridges and calls need no spilling; the registers save the
/// reloads. When all registers are taken, the value whose next use is farthest leaves.
pub struct Cache {
    /// The box each cache register holds, if any.
    pub held: [Option<u32>; CACHE_REGS],
    uses: Vec<Vec<u32>>,
}

/// How many registers the cache has (`rbx`, `rbp`, `r12`, `r13`, then the caller-saved
/// `r8`, `r9`, `r10` in the emitter).
pub const CACHE_REGS: usize = 7;

/// How many of the cache registers are callee-saved; a label's arguments arrive in them.
pub const LABEL_REGS: usize = 4;

impl Cache {
    pub fn new(trace: &Trace) -> Cache {
        Cache {
            held: [None; CACHE_REGS],
            uses: use_positions(trace),
        }
    }

    /// The register holding box `b`, if one does.
    pub fn find(&self, b: u32) -> Option<usize> {
        self.held.iter().position(|&h| h == Some(b))
    }

    /// Forgets every register.
    pub fn clear(&mut self) {
        self.held = [None; CACHE_REGS];
    }

    /// Forgets the caller-saved registers (after a call).
    pub fn forget_caller_saved(&mut self) {
        for h in &mut self.held[LABEL_REGS..] {
            *h = None;
        }
    }

    /// The first use of box `b` after op `pos`, or `u32::MAX` if none.
    fn next_use(&self, b: u32, pos: u32) -> u32 {
        let Some(u) = self.uses.get(b as usize) else {
            return u32::MAX;
        };
        let k = u.partition_point(|&p| p <= pos);
        u.get(k).copied().unwrap_or(u32::MAX)
    }

    /// The register box `b`, defined at op `pos`, should be cached in, evicting what it
    /// holds; `None` when `b` has no later use or every held value is needed sooner.
    pub fn place(&mut self, b: u32, pos: u32) -> Option<usize> {
        let mine = self.next_use(b, pos);
        if mine == u32::MAX {
            return None;
        }
        if let Some(r) = self.find(b) {
            return Some(r);
        }
        let (r, far) = self
            .held
            .iter()
            .enumerate()
            .map(|(r, h)| (r, h.map_or(u32::MAX, |h| self.next_use(h, pos))))
            .max_by_key(|&(_, n)| n)?;
        if far <= mine && self.held[r].is_some() {
            return None;
        }
        self.held[r] = Some(b);
        Some(r)
    }
}
