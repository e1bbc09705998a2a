//! The jitcode verifier: checks what the blackhole interpreter and the tracer assume, so
//! that a codewriter bug shows as a clear message instead of a wrong run.
//!
//! Invariants checked, for every instruction of a jitcode:
//! - the code decodes completely and its last instruction ends the straight-line code;
//! - every `i`/`r`/`f` operand and list item is a register or an existing constant;
//! - every result operand is a register, not a constant;
//! - every label is the offset of an instruction;
//! - every descr index exists and has the variant the instruction needs (field, array,
//!   size, call, jitcode), and every switch and liveness index exists;
//! - every residual call's constant callee is an existing function;
//! - liveness entries name registers only.

use super::decode::{decode_all, Operand};
use super::{Descr, JitCode, JitCodes, Kind, Opcode};
use std::collections::HashSet;

/// Checks `jitcode` against the registry; the error lists every problem found.
pub fn verify(codes: &JitCodes, jitcode: &JitCode) -> Result<(), String> {
    let mut problems = Vec::new();
    let insns = match decode_all(&jitcode.code) {
        Ok(insns) => insns,
        Err(message) => return Err(format!("`{}`: {message}", jitcode.name)),
    };
    match insns.last() {
        Some(last) if last.opcode.is_final() => {}
        Some(last) => problems.push(format!(
            "the last instruction, `{}`, falls off the end",
            last.opcode.name()
        )),
        None => problems.push("the code is empty".to_owned()),
    }
    let starts: HashSet<usize> = insns.iter().map(|i| i.pc).collect();
    let slot_ok =
        |kind: Kind, b: u8| (b as usize) < jitcode.num_regs(kind) + jitcode.num_consts(kind);
    for insn in &insns {
        let at = format!("`{}` at offset {}", insn.opcode.name(), insn.pc);
        for (n, operand) in insn.operands.iter().enumerate() {
            match operand {
                Operand::Slot(kind, b) => {
                    if !slot_ok(*kind, *b) {
                        problems.push(format!(
                            "{at}: operand {b} is neither a {kind} register nor a constant"
                        ));
                    } else if n == 0 && insn.opcode.is_residual_call() {
                        let regs = jitcode.num_regs(Kind::Int);
                        if let Some(index) = (*b as usize).checked_sub(regs) {
                            let function = jitcode.const_ints[index];
                            if function < 0 || function as usize >= codes.functions.len() {
                                problems.push(format!("{at}: no residual function {function}"));
                            }
                        }
                    }
                }
                Operand::List(kind, items) => {
                    for b in items.iter().filter(|b| !slot_ok(*kind, **b)) {
                        problems.push(format!(
                            "{at}: list item {b} is neither a {kind} register nor a constant"
                        ));
                    }
                }
                Operand::Result(kind, b) => {
                    if *b as usize >= jitcode.num_regs(*kind) {
                        problems.push(format!("{at}: the result {b} is not a {kind} register"));
                    }
                }
                Operand::Label(target) => {
                    if !starts.contains(&(*target as usize)) {
                        problems.push(format!(
                            "{at}: label {target} is not the start of an instruction"
                        ));
                    }
                }
                Operand::Live(index) => match jitcode.liveness.get(*index as usize) {
                    None => problems.push(format!("{at}: no liveness entry {index}")),
                    Some(live) => {
                        for kind in Kind::ALL {
                            let bad = live
                                .of(kind)
                                .iter()
                                .filter(|r| **r as usize >= jitcode.num_regs(kind));
                            for r in bad {
                                problems
                                    .push(format!("{at}: live {kind} register {r} does not exist"));
                            }
                        }
                    }
                },
                Operand::Descr(index) if insn.opcode == Opcode::Switch => {
                    match jitcode.switches.get(*index as usize) {
                        None => problems.push(format!("{at}: no switch table {index}")),
                        Some(table) => {
                            for (value, target) in table.cases.iter() {
                                if !starts.contains(&(*target as usize)) {
                                    problems.push(format!(
                                        "{at}: the case {value} goes to {target}, not the start of an instruction"
                                    ));
                                }
                            }
                        }
                    }
                }
                Operand::Descr(index) => {
                    let nth = insn.operands[..n]
                        .iter()
                        .filter(|o| matches!(o, Operand::Descr(_)))
                        .count();
                    let want = descr_wanted(insn.opcode, nth);
                    match codes.descrs.get(*index as usize) {
                        None => problems.push(format!("{at}: no descr {index}")),
                        Some(descr) if descr_variant(descr) != want => problems.push(format!(
                            "{at}: descr {index} is a {} descr, a {want} descr is needed",
                            descr_variant(descr)
                        )),
                        Some(Descr::JitCode(j)) if *j as usize >= codes.jitcodes.len() => {
                            problems.push(format!("{at}: no jitcode {j}"))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`{}` is malformed:\n  {}",
            jitcode.name,
            problems.join("\n  ")
        ))
    }
}

fn descr_variant(descr: &Descr) -> &'static str {
    match descr {
        Descr::Field(_) => "field",
        Descr::Array(_) => "array",
        Descr::Size(_) => "size",
        Descr::Call(_) => "call",
        Descr::JitCode(_) => "jitcode",
    }
}

/// The descr variant the `nth` `d` operand of `op` needs.
fn descr_wanted(op: Opcode, nth: usize) -> &'static str {
    let name = op.name();
    let vable_array = name.contains("arrayitem_vable")
        || matches!(
            op,
            Opcode::ArraylenVable | Opcode::VableArray | Opcode::GetarraysubstructVable
        );
    if vable_array {
        // The array field of the virtualizable, then its array's items.
        return if nth == 0 { "field" } else { "array" };
    }
    if name.starts_with("getfield")
        || op == Opcode::VableField
        || op == Opcode::VableBase
        || op == Opcode::VableLeaf
        || name.contains("interior_vable")
        || name.starts_with("setfield")
        || name.starts_with("getsubstruct")
        || op == Opcode::RecordQuasiimmutField
        || op == Opcode::QuasiimmutWritten
    {
        "field"
    } else if name.contains("arrayitem") || name.contains("arraysubstruct") {
        "array"
    } else if matches!(
        op,
        Opcode::New | Opcode::Memcopy | Opcode::GcClassIs | Opcode::GcDowncast
    ) {
        "size"
    } else if op.is_residual_call() {
        "call"
    } else {
        "jitcode"
    }
}

/// Verifies every jitcode of the registry.
pub fn verify_all(codes: &JitCodes) -> Result<(), String> {
    let errors: Vec<String> = codes
        .jitcodes
        .iter()
        .filter_map(|j| verify(codes, j).err())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}
