//! Disassembly of compiled code (iced-x86, Intel syntax), each instruction labelled with
//! the trace op it came from: the text of `jit-backend-dump`.

use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};
use std::fmt::Write;

/// Disassembles `code` placed at `addr`. `ops` lists (byte offset, op text) in order: each
/// op's text is printed as a comment before its first instruction; `stubs` is the offset
/// where the out-of-line guard stubs start.
pub fn disassemble(code: &[u8], addr: usize, ops: &[(usize, String)], stubs: usize) -> String {
    let mut out = String::new();
    let mut decoder = Decoder::with_ip(64, code, addr as u64, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    let mut instruction = Instruction::default();
    let mut text = String::new();
    let mut next_op = 0;
    let mut stubs_said = false;
    while decoder.can_decode() {
        decoder.decode_out(&mut instruction);
        let offset = instruction.ip() as usize - addr;
        while next_op < ops.len() && ops[next_op].0 <= offset {
            let _ = writeln!(out, "  # {}", ops[next_op].1);
            next_op += 1;
        }
        if !stubs_said && offset >= stubs {
            let _ = writeln!(out, "  # guard stubs and the epilogue");
            stubs_said = true;
        }
        text.clear();
        formatter.format(&instruction, &mut text);
        let start = offset;
        let bytes: String = code[start..start + instruction.len()]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let _ = writeln!(out, "{:016x}  {bytes:<24} {text}", instruction.ip());
    }
    out
}

/// The bytes in hex, 32 a line, each line starting with its address.
pub fn hex_dump(code: &[u8], addr: usize) -> String {
    let mut out = String::new();
    for (n, chunk) in code.chunks(32).enumerate() {
        let _ = write!(out, "{:016x} ", addr + 32 * n);
        for b in chunk {
            let _ = write!(out, "{b:02x}");
        }
        out.push('\n');
    }
    out
}
