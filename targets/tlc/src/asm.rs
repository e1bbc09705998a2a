//! The loader: assembles the text of a tlc program into bytecode and class tables.
//!
//! One instruction a line (`push 3`), `label:` lines (a label may also precede an
//! instruction on its line), `#` comments to the end of a line, and two declarations:
//! `class NAME attr...` (a class and its attributes; classes are numbered in order) and
//! `method CLASS NAME LABEL` (the method `NAME` of `CLASS` starts at `LABEL`). Operands:
//! `push N`, `pick N`, `br`/`br_if`/`call LABEL`, `new CLASS`, `getattr`/`setattr ATTR`,
//! `send NAME ARGC`. Every malformed line is reported, with its line and column.
//!
//! Plain Rust outside the interpreter module: the JIT never sees it.

use crate::asm_words::{is_name, tokens, Token};
pub use crate::asm_words::{render_errors, AsmError, Pos};
use crate::interp::core as op;
use std::collections::HashMap;

/// What follows an instruction's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operand {
    None,
    Number,
    Depth,
    Label,
    Class,
    Symbol,
    /// A method name and an argument count.
    Send,
}

/// The instruction set: name, opcode, operand.
const INSTRUCTIONS: &[(&str, i64, Operand)] = &[
    ("push", op::PUSH, Operand::Number),
    ("pop", op::POP, Operand::None),
    ("swap", op::SWAP, Operand::None),
    ("pick", op::PICK, Operand::Depth),
    ("dup", op::DUP, Operand::None),
    ("add", op::ADD, Operand::None),
    ("sub", op::SUB, Operand::None),
    ("mul", op::MUL, Operand::None),
    ("div", op::DIV, Operand::None),
    ("mod", op::MOD, Operand::None),
    ("eq", op::EQ, Operand::None),
    ("ne", op::NE, Operand::None),
    ("lt", op::LT, Operand::None),
    ("le", op::LE, Operand::None),
    ("gt", op::GT, Operand::None),
    ("ge", op::GE, Operand::None),
    ("br", op::BR, Operand::Label),
    ("br_if", op::BR_IF, Operand::Label),
    ("call", op::CALL, Operand::Label),
    ("return", op::RETURN, Operand::None),
    ("print", op::PRINT, Operand::None),
    ("halt", op::HALT, Operand::None),
    ("nil", op::NIL, Operand::None),
    ("cons", op::CONS, Operand::None),
    ("car", op::CAR, Operand::None),
    ("cdr", op::CDR, Operand::None),
    ("new", op::NEW, Operand::Class),
    ("getattr", op::GETATTR, Operand::Symbol),
    ("setattr", op::SETATTR, Operand::Symbol),
    ("send", op::SEND, Operand::Send),
    ("is_nil", op::IS_NIL, Operand::None),
];

/// The name of `opcode`, for messages.
pub fn name_of(opcode: i64) -> &'static str {
    INSTRUCTIONS
        .iter()
        .find(|i| i.1 == opcode)
        .map_or("?", |i| i.0)
}

/// An assembled program: the bytecode and the tables of `interp::core::Program`.
#[derive(Clone, Debug, Default)]
pub struct Assembled {
    pub code: Vec<i64>,
    /// For each word of `code`, the position of its instruction.
    pub positions: Vec<Pos>,
    /// `(class, symbol, slot)` triples.
    pub attrs: Vec<i64>,
    /// `(class, symbol, pc)` triples.
    pub methods: Vec<i64>,
    pub class_sizes: Vec<i64>,
}

/// One instruction waiting for its labels.
struct Pending<'a> {
    opcode: i64,
    operand: Operand,
    args: Vec<Token<'a>>,
    name: Token<'a>,
}

/// Assembles `source`, or gives every error.
pub fn assemble(source: &str) -> Result<Assembled, Vec<AsmError>> {
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<AsmError>, t: &Token<'_>, message: String| {
        errors.push(AsmError {
            pos: t.pos,
            width: t.width().max(1),
            message,
        })
    };
    // Pass 1: declarations, labels and instructions.
    let mut classes: HashMap<&str, (usize, Vec<&str>)> = HashMap::new();
    let mut class_order: Vec<&str> = Vec::new();
    let mut method_decls: Vec<[Token<'_>; 3]> = Vec::new();
    let mut labels: HashMap<&str, usize> = HashMap::new();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    let mut pc = 0usize;
    for (n, raw) in source.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("");
        let mut toks = tokens(line, n + 1);
        if toks.is_empty() {
            continue;
        }
        match toks[0].text {
            "class" => {
                let Some(name) = toks.get(1).copied() else {
                    err(&mut errors, &toks[0], "`class` needs a name".into());
                    continue;
                };
                if !is_name(name.text) || classes.contains_key(name.text) {
                    err(
                        &mut errors,
                        &name,
                        format!("`{}` is not a new class name", name.text),
                    );
                    continue;
                }
                let attrs: Vec<&str> = toks[2..].iter().map(|t| t.text).collect();
                for t in &toks[2..] {
                    if !is_name(t.text) || attrs.iter().filter(|a| **a == t.text).count() > 1 {
                        err(
                            &mut errors,
                            t,
                            format!("`{}` is not a new attribute name", t.text),
                        );
                    }
                }
                classes.insert(name.text, (class_order.len(), attrs));
                class_order.push(name.text);
                continue;
            }
            "method" => {
                if toks.len() != 4 {
                    err(
                        &mut errors,
                        &toks[0],
                        "`method` takes a class, a name and a label: `method CLASS NAME LABEL`"
                            .into(),
                    );
                    continue;
                }
                method_decls.push([toks[1], toks[2], toks[3]]);
                continue;
            }
            _ => {}
        }
        while let Some(first) = toks.first().copied() {
            let Some(label) = first.text.strip_suffix(':') else {
                break;
            };
            if !is_name(label) {
                err(
                    &mut errors,
                    &first,
                    format!("`{label}` is not a label name"),
                );
            } else if labels.insert(label, pc).is_some() {
                err(
                    &mut errors,
                    &first,
                    format!("label `{label}` is defined twice"),
                );
            }
            toks.remove(0);
        }
        let Some(name) = toks.first().copied() else {
            continue;
        };
        let Some(&(_, opcode, operand)) = INSTRUCTIONS.iter().find(|i| i.0 == name.text) else {
            err(
                &mut errors,
                &name,
                format!("unknown instruction `{}`", name.text),
            );
            continue;
        };
        let wanted = match operand {
            Operand::None => 0,
            Operand::Send => 2,
            _ => 1,
        };
        let args: Vec<Token<'_>> = toks[1..].to_vec();
        if args.len() != wanted {
            err(
                &mut errors,
                &name,
                format!(
                    "`{}` takes {wanted} operand{}, got {}",
                    name.text,
                    if wanted == 1 { "" } else { "s" },
                    args.len()
                ),
            );
            continue;
        }
        pc += 1 + wanted;
        pending.push(Pending {
            opcode,
            operand,
            args,
            name,
        });
    }
    // Symbols: every attribute and method name, numbered in order of appearance.
    let mut symbols: HashMap<&str, i64> = HashMap::new();
    let mut out = Assembled::default();
    for (ci, cname) in class_order.iter().enumerate() {
        let attrs = &classes[cname].1;
        out.class_sizes.push(attrs.len() as i64);
        for (slot, a) in attrs.iter().enumerate() {
            let next = symbols.len() as i64;
            let s = *symbols.entry(a).or_insert(next);
            out.attrs.extend([ci as i64, s, slot as i64]);
        }
    }
    for [class, name, label] in &method_decls {
        let Some(&(ci, _)) = classes.get(class.text) else {
            err(
                &mut errors,
                class,
                format!("unknown class `{}`", class.text),
            );
            continue;
        };
        if !is_name(name.text) {
            err(
                &mut errors,
                name,
                format!("`{}` is not a method name", name.text),
            );
            continue;
        }
        let Some(&target) = labels.get(label.text) else {
            err(
                &mut errors,
                label,
                format!("unknown label `{}`", label.text),
            );
            continue;
        };
        let next = symbols.len() as i64;
        let s = *symbols.entry(name.text).or_insert(next);
        if out
            .methods
            .chunks(3)
            .any(|m| m[0] == ci as i64 && m[1] == s)
        {
            err(
                &mut errors,
                name,
                format!(
                    "method `{}` of `{}` is declared twice",
                    name.text, class.text
                ),
            );
        }
        out.methods.extend([ci as i64, s, target as i64]);
    }
    // Pass 2: operands.
    for p in &pending {
        out.code.push(p.opcode);
        out.positions.push(p.name.pos);
        let mut words = Vec::new();
        match p.operand {
            Operand::None => {}
            Operand::Number | Operand::Depth => match p.args[0].text.parse::<i64>() {
                Ok(v) if p.operand == Operand::Number || v >= 0 => words.push(v),
                _ => err(
                    &mut errors,
                    &p.args[0],
                    format!(
                        "`{}` is not {}",
                        p.args[0].text,
                        if p.operand == Operand::Depth {
                            "a stack depth (a non-negative integer)"
                        } else {
                            "an integer"
                        }
                    ),
                ),
            },
            Operand::Label => match labels.get(p.args[0].text) {
                Some(&t) => words.push(t as i64),
                None => err(
                    &mut errors,
                    &p.args[0],
                    format!("unknown label `{}`", p.args[0].text),
                ),
            },
            Operand::Class => match classes.get(p.args[0].text) {
                Some(&(ci, _)) => words.push(ci as i64),
                None => err(
                    &mut errors,
                    &p.args[0],
                    format!("unknown class `{}`", p.args[0].text),
                ),
            },
            Operand::Symbol | Operand::Send => {
                match symbols.get(p.args[0].text) {
                    Some(&s) => words.push(s),
                    None => err(
                        &mut errors,
                        &p.args[0],
                        format!(
                            "`{}` is not an attribute or method of any class",
                            p.args[0].text
                        ),
                    ),
                }
                if p.operand == Operand::Send {
                    match p.args[1].text.parse::<i64>() {
                        Ok(v) if v >= 0 => words.push(v),
                        _ => err(
                            &mut errors,
                            &p.args[1],
                            format!("`{}` is not an argument count", p.args[1].text),
                        ),
                    }
                }
            }
        }
        for w in words {
            out.code.push(w);
            out.positions.push(p.name.pos);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by_key(|e| (e.pos.line, e.pos.column));
        Err(errors)
    }
}
