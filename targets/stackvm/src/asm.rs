//! The assembler: the text of a stackvm program to a list of instructions.
//!
//! One instruction a line, `label:` lines (a label may also precede an instruction on its
//! line), `#` comments to the end of a line (outside strings). Operands: `push` takes a
//! constant (an integer `42`, a float `2.5` or `1e3`, a string `"text"` with the escapes
//! `\n`, `\t`, `\"` and `\\`, or `nil`); `load K` and `store K` a local's number;
//! `jump LABEL` and `jump_if_false LABEL` a label; `call LABEL ARGC` a label and an
//! argument count. Every malformed line is reported, with its line and column.
//!
//! Plain Rust outside the interpreter module: the JIT never sees it. The string
//! constants are GC strings, kept alive by roots that the [`Assembled`] program holds.

use crate::diagnostics::{self, Diagnostic};
use crate::interp::core::{Instr, Program, Value};
use jitsupport::gc::GcRoot;
use jitsupport::{GcStr, List};
use std::collections::HashMap;

/// A malformed line: where (line and column from 1), how wide, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsmError {
    pub line: usize,
    pub column: usize,
    pub width: usize,
    pub message: String,
}

/// Where an instruction was written, and its name (for run-time errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub line: usize,
    pub column: usize,
    pub name: &'static str,
}

/// An assembled program.
pub struct Assembled {
    pub code: Vec<Instr>,
    /// For each instruction, where it was written.
    pub lines: Vec<Line>,
    /// The string constants of `code`, alive as long as the program.
    _strings: Vec<GcRoot<GcStr>>,
}

impl Assembled {
    /// The core's program.
    pub fn program(&self) -> Program {
        Program {
            code: List::from(self.code.clone()),
        }
    }
}

/// What follows an instruction's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operand {
    None,
    Constant,
    Local,
    Label,
    /// A label and an argument count.
    Call,
}

/// The instruction set: name, operand, and the instruction when it has no operand.
const INSTRUCTIONS: &[(&str, Operand, Option<Instr>)] = &[
    ("push", Operand::Constant, None),
    ("pop", Operand::None, Some(Instr::Pop)),
    ("dup", Operand::None, Some(Instr::Dup)),
    ("load", Operand::Local, None),
    ("store", Operand::Local, None),
    ("add", Operand::None, Some(Instr::Add)),
    ("sub", Operand::None, Some(Instr::Sub)),
    ("mul", Operand::None, Some(Instr::Mul)),
    ("div", Operand::None, Some(Instr::Div)),
    ("mod", Operand::None, Some(Instr::Mod)),
    ("lt", Operand::None, Some(Instr::Lt)),
    ("eq", Operand::None, Some(Instr::Eq)),
    ("str", Operand::None, Some(Instr::Str)),
    ("len", Operand::None, Some(Instr::Len)),
    ("round", Operand::None, Some(Instr::Round)),
    ("new", Operand::None, Some(Instr::New)),
    ("get", Operand::None, Some(Instr::Get)),
    ("set", Operand::None, Some(Instr::Set)),
    ("jump", Operand::Label, None),
    ("jump_if_false", Operand::Label, None),
    ("call", Operand::Call, None),
    ("ret", Operand::None, Some(Instr::Ret)),
    ("print", Operand::None, Some(Instr::Print)),
    ("halt", Operand::None, Some(Instr::Halt)),
];

/// A word of a line: a name, a number, a label or a string literal (its text unescaped).
#[derive(Clone, Debug)]
struct Token {
    text: String,
    column: usize,
    width: usize,
    quoted: bool,
}

/// Splits a line into tokens, dropping a `#` comment; an unterminated string or an
/// unknown escape is an error at its column.
fn tokenize(line: &str) -> Result<Vec<Token>, (usize, usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            break;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == '"' {
            let mut text = String::new();
            i += 1;
            loop {
                let Some(&c) = chars.get(i) else {
                    return Err((start + 1, i - start, "unterminated string".into()));
                };
                i += 1;
                match c {
                    '"' => break,
                    '\\' => {
                        let e = chars.get(i).copied();
                        i += 1;
                        text.push(match e {
                            Some('n') => '\n',
                            Some('t') => '\t',
                            Some('"') => '"',
                            Some('\\') => '\\',
                            _ => {
                                return Err((
                                    i - 1,
                                    2,
                                    "unknown escape: write \\n, \\t, \\\" or \\\\".into(),
                                ))
                            }
                        });
                    }
                    c => text.push(c),
                }
            }
            out.push(Token {
                text,
                column: start + 1,
                width: i - start,
                quoted: true,
            });
        } else {
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '#' {
                i += 1;
            }
            out.push(Token {
                text: chars[start..i].iter().collect(),
                column: start + 1,
                width: i - start,
                quoted: false,
            });
        }
    }
    Ok(out)
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// One instruction waiting for its labels.
struct Pending {
    name: &'static str,
    operand: Operand,
    fixed: Option<Instr>,
    line: usize,
    column: usize,
    args: Vec<Token>,
}

/// Assembles `source`, or gives every error, in source order.
pub fn assemble(source: &str) -> Result<Assembled, Vec<AsmError>> {
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<AsmError>, line: usize, t: &Token, message: String| {
        errors.push(AsmError {
            line,
            column: t.column,
            width: t.width.max(1),
            message,
        })
    };
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    for (n, raw) in source.lines().enumerate() {
        let line = n + 1;
        let mut toks = match tokenize(raw) {
            Ok(t) => t,
            Err((column, width, message)) => {
                errors.push(AsmError {
                    line,
                    column,
                    width: width.max(1),
                    message,
                });
                continue;
            }
        };
        while let Some(label) = toks
            .first()
            .filter(|t| !t.quoted)
            .and_then(|t| t.text.strip_suffix(':'))
        {
            let label = label.to_owned();
            let first = toks.remove(0);
            if !is_name(&label) {
                err(
                    &mut errors,
                    line,
                    &first,
                    format!("`{label}` is not a label name"),
                );
            } else if labels.insert(label.clone(), pending.len()).is_some() {
                err(
                    &mut errors,
                    line,
                    &first,
                    format!("label `{label}` is defined twice"),
                );
            }
        }
        let Some(name) = toks.first() else {
            continue;
        };
        let Some(&(iname, operand, fixed)) = INSTRUCTIONS
            .iter()
            .find(|i| !name.quoted && i.0 == name.text)
        else {
            err(
                &mut errors,
                line,
                name,
                format!("unknown instruction `{}`", diagnostics::clip(&name.text)),
            );
            continue;
        };
        let wanted = match operand {
            Operand::None => 0,
            Operand::Call => 2,
            _ => 1,
        };
        if toks.len() - 1 != wanted {
            err(
                &mut errors,
                line,
                name,
                format!(
                    "`{iname}` takes {wanted} operand{}, got {}",
                    if wanted == 1 { "" } else { "s" },
                    toks.len() - 1
                ),
            );
            continue;
        }
        pending.push(Pending {
            name: iname,
            operand,
            fixed,
            line,
            column: name.column,
            args: toks[1..].to_vec(),
        });
    }
    let mut code = Vec::new();
    let mut lines = Vec::new();
    let mut strings = Vec::new();
    for p in &pending {
        let label = |errors: &mut Vec<AsmError>, t: &Token| -> usize {
            match labels.get(&t.text) {
                Some(&pc) if !t.quoted => pc,
                _ => {
                    err(
                        errors,
                        p.line,
                        t,
                        format!("unknown label `{}`", diagnostics::clip(&t.text)),
                    );
                    0
                }
            }
        };
        let count = |errors: &mut Vec<AsmError>, t: &Token, what: &str| -> usize {
            match t.text.parse::<usize>() {
                Ok(k) if !t.quoted => k,
                _ => {
                    err(
                        errors,
                        p.line,
                        t,
                        format!("`{}` is not {what}", diagnostics::clip(&t.text)),
                    );
                    0
                }
            }
        };
        let instr = match (p.operand, p.fixed) {
            (Operand::None, Some(i)) => i,
            (Operand::Constant, _) => {
                let t = &p.args[0];
                let value = if t.quoted {
                    let s = GcStr::new(&t.text);
                    strings.push(GcRoot::new(s));
                    Value::Str(s)
                } else if t.text == "nil" {
                    Value::Nil
                } else if let Ok(i) = t.text.parse::<i64>() {
                    Value::Int(i)
                } else if let Ok(f) = t.text.parse::<f64>() {
                    Value::Float(f)
                } else {
                    err(
                        &mut errors,
                        p.line,
                        t,
                        format!(
                            "`{}` is not a constant (an integer, a float, a \"string\" or nil)",
                            diagnostics::clip(&t.text)
                        ),
                    );
                    Value::Nil
                };
                Instr::Push(value)
            }
            (Operand::Local, _) => {
                let k = count(&mut errors, &p.args[0], "a local's number");
                if p.name == "load" {
                    Instr::Load(k)
                } else {
                    Instr::Store(k)
                }
            }
            (Operand::Label, _) => {
                let target = label(&mut errors, &p.args[0]);
                if p.name == "jump" {
                    Instr::Jump(target)
                } else {
                    Instr::JumpIfFalse(target)
                }
            }
            (Operand::Call, _) => {
                let target = label(&mut errors, &p.args[0]);
                let argc = count(&mut errors, &p.args[1], "an argument count");
                Instr::Call(target, argc)
            }
            (Operand::None, None) => unreachable!("every instruction without operand is fixed"),
        };
        code.push(instr);
        lines.push(Line {
            line: p.line,
            column: p.column,
            name: p.name,
        });
    }
    if errors.is_empty() {
        Ok(Assembled {
            code,
            lines,
            _strings: strings,
        })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// Renders `errors` as the binary prints them (`path:line:col: error: message`, the line
/// and a caret).
pub fn render_errors(path: &str, source: &str, errors: &[AsmError]) -> String {
    let diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| Diagnostic {
            line: e.line,
            column: e.column,
            width: e.width,
            message: e.message.clone(),
        })
        .collect();
    diagnostics::render(path, source, &diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_reported_with_its_place() {
        let source = "start:\n  push 1x\n  jump nowhere\n  frob\n  push \"open\n  call start\n";
        let errors = assemble(source).err().expect("malformed");
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(2, 8), (3, 8), (4, 3), (5, 8), (6, 3)], "{errors:#?}");
        assert!(errors[0].message.contains("not a constant"));
        assert!(errors[1].message.contains("unknown label `nowhere`"));
        assert!(errors[4].message.contains("takes 2 operands, got 1"));
    }

    #[test]
    fn strings_and_comments() {
        let a = assemble("push \"a # b\\n\" # comment\nprint\n").expect("assembles");
        assert_eq!(a.code.len(), 2);
        match a.code[0] {
            Instr::Push(Value::Str(s)) => assert_eq!(s.as_str(), "a # b\n"),
            _ => panic!("not a string constant"),
        }
    }
}
