//! The bytecode verifier: the invariants the core may rely on, checked on a code
//! object tree (the tests run it on everything they compile).
//!
//! 1. Every argument is in range for its kind (constants, names, locals, cells and
//!    free variables, jump targets, operator tables).
//! 2. Control never falls off the end of the code.
//! 3. Every jump to an earlier (or the same) instruction is a `JUMP_BACKWARD`, and a
//!    `JUMP_BACKWARD` never jumps forward: the core counts loops at one op.
//! 4. The stack depth at each reachable instruction is the same on every path
//!    (exception handlers entered at their depth plus the exception), never negative,
//!    and at most `stacksize`.
//! 5. Exception table entries are ordered, do not overlap, point inside the code, and
//!    never unwind to a depth above the depth of an instruction they cover.
//! 6. The line table is ordered.

use super::code::{CodeObject, Constant};
use super::opcodes::{ArgKind, BinaryOp, Flow, Op, COMPARE_NAMES};

/// Checks `code` and the code objects nested in it; the error names the code object
/// and the instruction.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    one(code).map_err(|e| format!("{} ({}): {e}", code.qualname, code.filename))?;
    for c in &code.consts {
        if let Constant::Code(child) = c {
            verify(child)?;
        }
    }
    Ok(())
}

fn one(code: &CodeObject) -> Result<(), String> {
    let n = code.code.len() as u32;
    let nderef = (code.cellvars.len() + code.freevars.len()) as u32;
    for (pc, ins) in code.code.iter().enumerate() {
        let pc = pc as u32;
        let a = ins.arg;
        let ok = match ins.op.arg_kind() {
            ArgKind::None => a == 0,
            ArgKind::Const => a < code.consts.len() as u32,
            ArgKind::Name => a < code.names.len() as u32,
            ArgKind::Local => a < code.varnames.len() as u32,
            ArgKind::Deref => a < nderef,
            ArgKind::Jump => a < n,
            ArgKind::Count => match ins.op {
                Op::BuildSlice => a == 2 || a == 3,
                Op::RaiseVarargs => a <= 2,
                Op::CallEx => a <= 1,
                Op::Copy | Op::Swap => a >= 1,
                _ => true,
            },
            ArgKind::BinOp => BinaryOp::from_arg(a).is_some(),
            ArgKind::Cmp => (a as usize) < COMPARE_NAMES.len(),
            ArgKind::Invert => a <= 1,
            ArgKind::Format => a < 8,
            ArgKind::Unpack => true,
            ArgKind::MakeFunction => a < 8,
        };
        if !ok {
            return Err(format!("{pc}: {} has a bad argument {a}", ins.op.name()));
        }
        if ins.op.arg_kind() == ArgKind::Jump {
            let backward = a <= pc;
            if backward != (ins.op == Op::JumpBackward) {
                return Err(format!(
                    "{pc}: {} to {a}: backward jumps, and only they, are JUMP_BACKWARD",
                    ins.op.name()
                ));
            }
        }
    }
    let mut prev: Option<u32> = None;
    for h in &code.exception_table {
        if h.start >= h.end || h.end > n || h.handler >= n {
            return Err(format!("exception entry {h:?} is out of the code"));
        }
        if prev.is_some_and(|p| h.start < p) {
            return Err(format!("exception entry {h:?} overlaps the one before"));
        }
        prev = Some(h.end);
    }
    if code.lines.windows(2).any(|w| w[0].start >= w[1].start) {
        return Err("the line table is not ordered".to_string());
    }

    // Stack depths by a worklist over the control flow and the handlers.
    let mut depth: Vec<Option<i32>> = vec![None; n as usize];
    let mut work: Vec<(u32, i32)> = Vec::new();
    if n > 0 {
        work.push((0, 0));
    }
    let mut handlers_seen = vec![false; code.exception_table.len()];
    let mut max = 0;
    while let Some((pc, d)) = work.pop() {
        if pc >= n {
            return Err(format!(
                "control falls off the end of the code (from {})",
                pc - 1
            ));
        }
        match depth[pc as usize] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "{pc}: stack depth {d} on one path, {old} on another"
                ))
            }
            None => depth[pc as usize] = Some(d),
        }
        if d < 0 {
            return Err(format!("{pc}: the stack underflows"));
        }
        max = max.max(d);
        for (i, h) in code.exception_table.iter().enumerate() {
            if h.start <= pc && pc < h.end {
                if h.depth as i32 > d {
                    return Err(format!(
                        "{pc}: its handler unwinds to depth {} above the stack's {d}",
                        h.depth
                    ));
                }
                if !handlers_seen[i] {
                    handlers_seen[i] = true;
                    work.push((h.handler, h.depth as i32 + 1));
                }
            }
        }
        let ins = code.code[pc as usize];
        let fall = d + ins.op.stack_effect(ins.arg, false);
        let jump = d + ins.op.stack_effect(ins.arg, true);
        max = max.max(fall).max(jump);
        match ins.op.flow() {
            Flow::Next => work.push((pc + 1, fall)),
            Flow::Branch => {
                work.push((pc + 1, fall));
                work.push((ins.arg, jump));
            }
            Flow::Goto => work.push((ins.arg, jump)),
            Flow::Stop => {
                if fall < 0 {
                    return Err(format!("{pc}: the stack underflows"));
                }
            }
        }
    }
    if max > code.stacksize as i32 {
        return Err(format!(
            "the stack reaches {max}, more than stacksize {}",
            code.stacksize
        ));
    }
    Ok(())
}
