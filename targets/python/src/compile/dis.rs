//! The disassembler: the text form of a code object tree, like `python -m dis` with
//! our opcode names.
//!
//! Each code object prints a header (name, file, line, flags, signature, variable
//! tables), then one instruction a line: the source line where it changes, `>>` on
//! jump targets, the index, the name, the argument and what it means in parentheses;
//! then its exception table, then the code objects among its constants, depth first.
//!
//! ```text
//! Disassembly of <module> (t.py, line 1):
//!   flags: module, stack: 2
//!    1        0 LOAD_CONST               0 (1)
//!             1 STORE_GLOBAL             0 (x)
//! ```

use super::code::{CodeObject, Constant};
use super::opcodes::{ArgKind, BinaryOp, Op, COMPARE_NAMES, FORMAT_HAS_SPEC};
use crate::objspace::repr::{bytes_repr, repr_str as str_repr};
use std::fmt::Write;

/// The disassembly of `code` and every code object nested in it.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    one(code, &mut out);
    out
}

fn one(code: &CodeObject, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of {} ({}, line {}):",
        code.qualname, code.filename, code.first_line
    );
    let f = &code.flags;
    let mut flags: Vec<&str> = Vec::new();
    for (on, name) in [
        (f.module, "module"),
        (f.class_body, "class body"),
        (f.generator, "generator"),
        (f.varargs, "varargs"),
        (f.varkeywords, "varkeywords"),
    ] {
        if on {
            flags.push(name);
        }
    }
    if flags.is_empty() {
        flags.push("function");
    }
    let _ = writeln!(
        out,
        "  flags: {}, stack: {}",
        flags.join(", "),
        code.stacksize
    );
    if !f.module && !f.class_body {
        let _ = writeln!(
            out,
            "  args: {} ({} positional-only), keyword-only: {}",
            code.argcount, code.posonlyargcount, code.kwonlyargcount
        );
    }
    for (label, list) in [
        ("locals", &code.varnames),
        ("cells", &code.cellvars),
        ("frees", &code.freevars),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "  {label}: {}", list.join(", "));
        }
    }
    if let Some(doc) = &code.docstring {
        let _ = writeln!(out, "  doc: {}", str_repr(doc));
    }
    let targets: Vec<bool> = {
        let mut t = vec![false; code.code.len()];
        for ins in &code.code {
            if ins.op.arg_kind() == ArgKind::Jump {
                if let Some(x) = t.get_mut(ins.arg as usize) {
                    *x = true;
                }
            }
        }
        for h in &code.exception_table {
            if let Some(x) = t.get_mut(h.handler as usize) {
                *x = true;
            }
        }
        t
    };
    let mut last_line = 0;
    for (pc, ins) in code.code.iter().enumerate() {
        let line = code.line_of(pc as u32);
        let line_text = if line != last_line {
            last_line = line;
            line.to_string()
        } else {
            String::new()
        };
        let marker = if targets[pc] { ">>" } else { "  " };
        let mut text = format!("{line_text:>4} {marker} {pc:>4} {}", ins.op.name());
        if ins.op.arg_kind() != ArgKind::None {
            text = format!("{text:<36} {:>4}", ins.arg);
            if let Some(meaning) = arg_meaning(code, ins.op, ins.arg) {
                let _ = write!(text, " ({meaning})");
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "  exception table:");
        for h in &code.exception_table {
            let _ = writeln!(
                out,
                "    {} to {} -> {} [{}]",
                h.start,
                h.end - 1,
                h.handler,
                h.depth
            );
        }
    }
    for child in code.children() {
        out.push('\n');
        one(child, out);
    }
}

/// What an argument means, for the parentheses after it.
fn arg_meaning(code: &CodeObject, op: Op, arg: u32) -> Option<String> {
    let i = arg as usize;
    match op.arg_kind() {
        ArgKind::None | ArgKind::Count => None,
        ArgKind::Const => code.consts.get(i).map(const_repr),
        ArgKind::Name => code.names.get(i).cloned(),
        ArgKind::Local => code.varnames.get(i).cloned(),
        ArgKind::Deref => code.deref_name(arg).map(str::to_string),
        ArgKind::Jump => Some(format!("to {arg}")),
        ArgKind::BinOp => {
            BinaryOp::from_arg(arg).map(|(op, inplace)| op.symbol(inplace).to_string())
        }
        ArgKind::Cmp => COMPARE_NAMES.get(i).map(|s| s.to_string()),
        ArgKind::Invert => Some(
            match (op, arg) {
                (Op::IsOp, 0) => "is",
                (Op::IsOp, _) => "is not",
                (_, 0) => "in",
                _ => "not in",
            }
            .to_string(),
        ),
        ArgKind::Format => {
            let conv = ["", "str", "repr", "ascii"][i & 3];
            let spec = arg & FORMAT_HAS_SPEC != 0;
            match (conv, spec) {
                ("", false) => None,
                ("", true) => Some("with format".to_string()),
                (c, false) => Some(c.to_string()),
                (c, true) => Some(format!("{c}, with format")),
            }
        }
        ArgKind::Unpack => Some(format!("{} before, {} after", arg & 0xffff, arg >> 16)),
        ArgKind::MakeFunction => {
            let names: Vec<&str> = [(1, "defaults"), (2, "kwdefaults"), (4, "closure")]
                .iter()
                .filter(|(bit, _)| arg & bit != 0)
                .map(|(_, n)| *n)
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
    }
}

/// A constant as Python's `repr` shows it (code objects as `<code name, line n>`).
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".to_string(),
        Constant::Bool(true) => "True".to_string(),
        Constant::Bool(false) => "False".to_string(),
        Constant::Ellipsis => "Ellipsis".to_string(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(s) => s.clone(),
        Constant::Float(f) => float_repr(*f),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::Code(code) => format!("<code {}, line {}>", code.name, code.first_line),
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let s = format!("{f:?}");
    match s.find('e') {
        Some(at) if !s[at + 1..].starts_with('-') => format!("{}e+{}", &s[..at], &s[at + 1..]),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_follow_python() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\nb'\""), "'a\\nb\\'\"'");
        assert_eq!(bytes_repr(b"\x00ab"), "b'\\x00ab'");
        assert_eq!(float_repr(1e100), "1e+100");
        assert_eq!(float_repr(0.5), "0.5");
        assert_eq!(float_repr(2.0), "2.0");
        assert_eq!(const_repr(&Constant::Tuple(vec![Constant::Int(1)])), "(1,)");
    }
}
