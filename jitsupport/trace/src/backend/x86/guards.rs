//! Guards: an inline conditional jump to an out-of-line stub.
//!
//! The stub stores the guard's fail args in the exit area (word `1 + j` for fail arg `j`,
//! where both the [`DeadFrame`](crate::backend::DeadFrame) reader and a bridge's entry
//! find them), each from where it was at the guard (a general or xmm register, its slot
//! or a constant;
//! the registers are those of [`Alloc::held`](super::regalloc::Alloc::held) when the
//! guard branched), then takes a `jmp rel32` whose displacement is first 0: it goes on to
//! the stub's tail, which returns the guard's exit number from compiled code. Attaching a
//! bridge patches the displacement to the bridge's address when that is in reach, else
//! writes `mov r11, imm64; jmp r11` over the tail (which has room for it and is no longer
//! needed), so a failure runs the bridge either way.

use super::assemble::{enc, exit_slot, Cc, Emitter, R, REG, STUB_TAIL_ROOM, XMM};
use super::regalloc::{self, slot};
use super::ExitInfo;
use crate::backend::CompileError;
use crate::descr::GuardDescr;
use crate::ops::Opcode;
use crate::trace::{BoxId, Op, Value};
use iced_x86::code_asm::*;
use std::rc::Rc;

/// A stub still to emit: its label, the guard, its fail args and the registers' boxes at
/// the guard.
pub struct PendingStub {
    label: CodeLabel,
    guard: Rc<GuardDescr>,
    fail_args: Vec<Value>,
    exit: u32,
    held: [Option<u32>; regalloc::ALL],
    /// For a `guard_not_invalidated`: the index of its `nop`.
    nop_instr: Option<usize>,
}

/// An emitted stub, by instruction index (the assembler turns them into byte offsets).
pub struct EmittedStub {
    pub guard: Rc<GuardDescr>,
    pub exit: u32,
    /// The `jmp rel32` to the tail, patched to a bridge.
    pub jmp_instr: usize,
    /// The tail returning the exit number.
    pub tail_instr: usize,
    /// The first instruction after the tail's room.
    pub tail_end_instr: usize,
    /// The stub's first instruction.
    pub start_instr: usize,
    /// For a `guard_not_invalidated`: the index of its `nop` in the trace's code.
    pub nop_instr: Option<usize>,
}

/// Emits the check of guard `op` (op `index` of the trace) and queues its stub. `flags`
/// is the comparison the flags hold, if the previous op left one for this guard.
pub(super) fn emit_guard(
    e: &mut Emitter<'_, '_>,
    index: usize,
    op: &Op,
    flags: Option<(BoxId, Option<Cc>)>,
) -> Result<(), CompileError> {
    let Some(guard) = op.guard_descr().cloned() else {
        return Err(CompileError::Unsupported(format!(
            "{} without a guard descr",
            op.opcode
        )));
    };
    let label = e.a.create_label();
    let fail_args = op.fail_args.clone().unwrap_or_default();
    let exit = e.env.exits.len() as u32;
    e.env.exits.push(Some(ExitInfo::Guard(
        guard.clone(),
        fail_args.iter().map(|v| v.kind()).collect(),
        op.opcode == Opcode::GuardNoException,
    )));
    // The comparison left in the flags for this guard, if any.
    let fused = match (flags, op.args.first()) {
        (Some((b, Some(cc))), Some(&Value::Box(arg))) if b == arg => Some(cc),
        _ => None,
    };
    let after_ovf = index > 0 && e.trace.ops[index - 1].opcode.is_ovf();
    let rotate = match op.opcode {
        Opcode::GuardTrue | Opcode::GuardFalse => e.rotation_target(index),
        _ => None,
    };
    let nop_instr = if op.opcode == Opcode::GuardNotInvalidated {
        // No test: a `nop` that the loop's invalidation turns into a `jmp` to the stub.
        let n = e.a.instructions().len();
        e.a.db(&super::assemble::NOP5).map_err(enc)?;
        Some(n)
    } else {
        check(e, op, (label, rotate), fused, after_ovf).map_err(enc)?;
        None
    };
    if rotate.is_some() {
        e.jump_done = true;
    }
    // After the check, which may call a helper (and so spill caller-saved registers).
    e.stubs.push(PendingStub {
        label,
        guard,
        fail_args,
        exit,
        held: e.alloc.held,
        nop_instr,
    });
    Ok(())
}

/// `label` is the stub's; `rotate`, the loop label a guard before the trace's final jump
/// branches to when it holds (then it jumps to the stub unconditionally after).
fn check(
    e: &mut Emitter<'_, '_>,
    op: &Op,
    (label, rotate): (CodeLabel, Option<CodeLabel>),
    fused: Option<Cc>,
    after_ovf: bool,
) -> R<()> {
    use Opcode::*;
    match op.opcode {
        GuardTrue | GuardFalse => {
            let fail_when_true = op.opcode == GuardFalse;
            let cc = match fused {
                Some(cc) => cc,
                None => {
                    e.test_value(op.args[0])?;
                    Cc::Ne
                }
            };
            let fails = if fail_when_true { cc } else { cc.negate() };
            match rotate {
                Some(top) => {
                    e.jcc(fails.negate(), top)?;
                    e.a.jmp(label)?;
                }
                None => e.jcc(fails, label)?,
            }
        }
        GuardValue => {
            e.compare(op.args[0], op.args[1])?;
            e.a.jne(label)?;
        }
        GuardNonnull | GuardIsnull => {
            e.test_value(op.args[0])?;
            if op.opcode == GuardNonnull {
                e.a.je(label)?;
            } else {
                e.a.jne(label)?;
            }
        }
        GuardClass | GuardNonnullClass => {
            let object = e.reg_of(op.args[0], rax)?;
            if op.opcode == GuardNonnullClass {
                e.a.test(object, object)?;
                e.a.je(label)?;
            }
            // The class is the type id, the upper half of the header word.
            let class = op.args[1].const_bits().unwrap_or(0) as u32;
            e.a.cmp(
                dword_ptr(object + crate::backend::TYPE_ID_OFFSET as i32),
                class as i32,
            )?;
            e.a.jne(label)?;
        }
        GuardNoException => {
            e.call_helper(e.env.helpers.pending_exception)?;
            e.a.test(rax, rax)?;
            e.a.jne(label)?;
        }
        GuardNoOverflow | GuardOverflow => {
            if !after_ovf {
                e.a.cmp(qword_ptr(r14), 0)?;
            }
            // Right after the ovf op the flags are its own (OF); else the stored flag
            // compared with 0 (ZF clear means overflow).
            let overflow = if after_ovf { Cc::O } else { Cc::Ne };
            let cc = if op.opcode == GuardNoOverflow {
                overflow
            } else {
                overflow.negate()
            };
            e.jcc(cc, label)?;
        }
        // A `nop` instead, emitted by `emit_guard`.
        GuardNotInvalidated => {}
        // The runtime says whether the call forced its caller's frame.
        GuardNotForced => {
            e.call_helper(e.env.helpers.forced)?;
            e.a.test(rax, rax)?;
            e.a.jne(label)?;
        }
        // Not a guard: `assemble` only calls this for guards.
        _ => {}
    }
    Ok(())
}

/// Emits a queued stub.
pub(super) fn emit_stub(e: &mut Emitter<'_, '_>, stub: PendingStub) -> R<EmittedStub> {
    let mut label = stub.label;
    e.set_label(&mut label)?;
    let start_instr = e.a.instructions().len();
    for (j, &v) in stub.fail_args.iter().enumerate() {
        let held = match v {
            Value::Box(b) => stub.held.iter().position(|&h| h == Some(b.index())),
            _ => None,
        };
        match (held, v) {
            (Some(r), _) => match r.checked_sub(regalloc::REGS) {
                None => e.a.mov(qword_ptr(r14 + exit_slot(j)), REG[r])?,
                Some(f) => e.a.movsd_2(qword_ptr(r14 + exit_slot(j)), XMM[f])?,
            },
            (None, Value::Box(b)) => {
                e.a.mov(rax, qword_ptr(r15 + slot(b.index())))?;
                e.a.mov(qword_ptr(r14 + exit_slot(j)), rax)?;
            }
            (None, c) => {
                e.load(rax, c)?;
                e.a.mov(qword_ptr(r14 + exit_slot(j)), rax)?;
            }
        }
    }
    // `jmp rel32` to the next instruction, as bytes so that the encoder keeps the
    // 4-byte displacement a bridge's address is patched into.
    let jmp_instr = e.a.instructions().len();
    e.a.db(&[0xe9, 0, 0, 0, 0])?;
    let tail_instr = e.a.instructions().len();
    e.a.mov(eax, stub.exit)?;
    e.a.jmp(e.epilogue)?;
    // Room for `mov r11, imm64; jmp r11` over the tail (at least 5 + 2 bytes above).
    e.a.db(&[0xcc; STUB_TAIL_ROOM - 7])?;
    Ok(EmittedStub {
        guard: stub.guard,
        exit: stub.exit,
        jmp_instr,
        tail_instr,
        tail_end_instr: e.a.instructions().len(),
        start_instr,
        nop_instr: stub.nop_instr,
    })
}
