//! A generic decoder of one instruction, for the printer, the verifier and tools. The
//! blackhole interpreter decodes inline instead, for speed.

use super::{Kind, Opcode};

/// One decoded operand, in argcode order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    /// An `i`, `r` or `f` operand: the raw byte (a register below `num_regs`, else a constant).
    Slot(Kind, u8),
    /// An `L` operand: a code offset.
    Label(u16),
    /// A `d` operand: a descr index (a switch table index for `switch`).
    Descr(u16),
    /// An `I`, `R` or `F` operand: the raw bytes.
    List(Kind, Vec<u8>),
    /// A `v` operand: a liveness index.
    Live(u16),
    /// The result register.
    Result(Kind, u8),
}

/// One decoded instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insn {
    /// Its byte offset.
    pub pc: usize,
    pub opcode: Opcode,
    pub operands: Vec<Operand>,
    /// The byte offset of the next instruction.
    pub next: usize,
}

/// Decodes the instruction at `pc`; an error says what is malformed.
pub fn decode(code: &[u8], pc: usize) -> Result<Insn, String> {
    let byte = *code
        .get(pc)
        .ok_or_else(|| format!("no instruction at offset {pc}"))?;
    let opcode =
        Opcode::from_byte(byte).ok_or_else(|| format!("bad opcode {byte} at offset {pc}"))?;
    let truncated = || format!("`{}` at offset {pc} is truncated", opcode.name());
    let mut at = pc + 1;
    let mut operands = Vec::new();
    let mut codes = opcode.argcodes().chars();
    while let Some(c) = codes.next() {
        let operand = match c {
            'i' | 'r' | 'f' => {
                let kind = Kind::from_letter(c).unwrap_or(Kind::Int);
                let b = *code.get(at).ok_or_else(truncated)?;
                at += 1;
                Operand::Slot(kind, b)
            }
            'L' | 'd' | 'v' => {
                let bytes = code.get(at..at + 2).ok_or_else(truncated)?;
                let v = u16::from_le_bytes([bytes[0], bytes[1]]);
                at += 2;
                match c {
                    'L' => Operand::Label(v),
                    'd' => Operand::Descr(v),
                    _ => Operand::Live(v),
                }
            }
            'I' | 'R' | 'F' => {
                let kind = Kind::from_letter(c).unwrap_or(Kind::Int);
                let n = *code.get(at).ok_or_else(truncated)? as usize;
                let items = code.get(at + 1..at + 1 + n).ok_or_else(truncated)?;
                at += 1 + n;
                Operand::List(kind, items.to_vec())
            }
            '>' => {
                let kind = codes
                    .next()
                    .and_then(Kind::from_letter)
                    .unwrap_or(Kind::Int);
                let b = *code.get(at).ok_or_else(truncated)?;
                at += 1;
                Operand::Result(kind, b)
            }
            _ => {
                return Err(format!(
                    "bad argcode {c:?} in the table for `{}`",
                    opcode.name()
                ))
            }
        };
        operands.push(operand);
    }
    Ok(Insn {
        pc,
        opcode,
        operands,
        next: at,
    })
}

/// Decodes every instruction of `code` in order.
pub fn decode_all(code: &[u8]) -> Result<Vec<Insn>, String> {
    let mut insns = Vec::new();
    let mut pc = 0;
    while pc < code.len() {
        let insn = decode(code, pc)?;
        pc = insn.next;
        insns.push(insn);
    }
    Ok(insns)
}
