//! Where values live while a trace runs.
//!
//! This first version keeps every box in a frame slot: slot `n` of the frame (the
//! register `r15` points at it) holds box `n` of the trace, and each op loads its
//! arguments into scratch registers (`rax`, `rcx`, `rdx`, `r11`, `xmm0`, `xmm1`) and stores
//! its result back. Calls need no spilling, since nothing lives in a caller-saved
//! register across an op, and bridges and jumps between traces only move frame slots.
//!
//! One allocation decision is made: a comparison whose only use is the guard right after
//! it keeps its result in the flags, and the guard branches on them directly
//! ([`flag_fusion`]). A linear-scan allocator over the trace (spill the value whose next
//! use is farthest) is the next step; it only has to change where [`super::assemble`]
//! loads and stores.

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
