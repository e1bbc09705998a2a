//! The loader: assembles the text of a tl program into bytecode for the core.
//!
//! A program has one instruction a line (`push 3`), `label:` lines (a label may also
//! precede an instruction on its line: `loop: dup`), and `#` comments to the end of a
//! line. Branches and calls name labels; the loader resolves them to absolute pcs. Every
//! malformed line is reported, with its line and column, not only the first.
//!
//! This is plain Rust outside the interpreter module: the JIT never sees it.

use crate::asm_words::{is_name, tokens, Token};
pub use crate::asm_words::{render_errors, AsmError, Pos};
use crate::diagnostics::{self, clip, Lines};
use crate::interp::core as op;
use std::collections::HashMap;

/// What follows an instruction's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    None,
    /// Any `i64`.
    Number,
    /// A stack depth: a non-negative integer.
    Depth,
    /// A label.
    Label,
}

/// One instruction of the language: its name, opcode, operand and how many values it
/// pops (for runtime error messages).
#[derive(Clone, Copy, Debug)]
pub struct Instruction {
    pub name: &'static str,
    pub opcode: i64,
    pub operand: Operand,
    pub pops: usize,
}

macro_rules! instructions {
    ($($name:literal => $opcode:ident, $operand:ident, $pops:literal;)*) => {
        /// The instruction set, in the order of the opcodes.
        pub const INSTRUCTIONS: &[Instruction] = &[$(Instruction {
            name: $name,
            opcode: op::$opcode,
            operand: Operand::$operand,
            pops: $pops,
        },)*];
    };
}

instructions! {
    "push" => PUSH, Number, 0;
    "pop" => POP, None, 1;
    "swap" => SWAP, None, 2;
    "roll" => ROLL, Depth, 0;
    "pick" => PICK, Depth, 0;
    "dup" => DUP, None, 1;
    "add" => ADD, None, 2;
    "sub" => SUB, None, 2;
    "mul" => MUL, None, 2;
    "div" => DIV, None, 2;
    "mod" => MOD, None, 2;
    "eq" => EQ, None, 2;
    "ne" => NE, None, 2;
    "lt" => LT, None, 2;
    "le" => LE, None, 2;
    "gt" => GT, None, 2;
    "ge" => GE, None, 2;
    "br_if" => BR_IF, Label, 1;
    "br" => BR, Label, 0;
    "call" => CALL, Label, 0;
    "return" => RETURN, None, 0;
    "print" => PRINT, None, 1;
    "halt" => HALT, None, 0;
}

// The table is indexed by opcode - 1 in `Instruction::of_opcode`.
const _: () = {
    let mut i = 0;
    while i < INSTRUCTIONS.len() {
        assert!(INSTRUCTIONS[i].opcode == i as i64 + 1);
        i += 1;
    }
};

impl Instruction {
    pub fn by_name(name: &str) -> Option<&'static Instruction> {
        INSTRUCTIONS.iter().find(|i| i.name == name)
    }

    pub fn of_opcode(opcode: i64) -> Option<&'static Instruction> {
        let index = usize::try_from(opcode.checked_sub(1)?).ok()?;
        INSTRUCTIONS.get(index)
    }
}

/// An assembled program.
#[derive(Clone, Debug, Default)]
pub struct Assembled {
    /// The bytecode: opcodes, each followed by its operand if it has one.
    pub code: Vec<i64>,
    /// For each word of `code`, the position of the instruction it belongs to.
    pub positions: Vec<Pos>,
}

fn instruction_names() -> String {
    let names: Vec<&str> = INSTRUCTIONS.iter().map(|i| i.name).collect();
    names.join(", ")
}

/// The assembler's state while it reads the lines.
#[derive(Default)]
struct Assembler<'a> {
    out: Assembled,
    errors: Vec<AsmError>,
    /// Label name -> (pc, where it is defined).
    labels: HashMap<&'a str, (usize, Pos)>,
    /// Operand slots waiting for a label: (slot, label token).
    fixups: Vec<(usize, Token<'a>)>,
}

impl<'a> Assembler<'a> {
    fn error(&mut self, token: &Token<'_>, message: String) {
        self.errors.push(AsmError {
            pos: token.pos,
            width: token.width(),
            message,
        });
    }

    fn line(&mut self, text: &'a str, line_no: usize) {
        let code_part = match text.find('#') {
            Some(i) => &text[..i],
            None => text,
        };
        let mut words = tokens(code_part, line_no);
        if words.is_empty() {
            return;
        }
        let first = words[0];
        if let Some(name) = first.text.strip_suffix(':') {
            words.remove(0);
            self.define_label(name, &first);
        } else if first.text.contains(':') {
            self.error(
                &first,
                format!(
                    "bad label `{}`: write a label as its name followed by `:` and then \
                     a space or the end of the line (`loop:`)",
                    clip(first.text)
                ),
            );
            return;
        }
        if let Some((name, operands)) = words.split_first() {
            self.instruction(name, operands);
        }
    }

    fn define_label(&mut self, name: &'a str, token: &Token<'_>) {
        if !is_name(name) {
            let message = if name.is_empty() {
                "missing label name before `:`; write `name:`".to_string()
            } else {
                format!(
                    "bad label name `{name}`: a label starts with a letter or `_` and \
                     has only letters, digits and `_`",
                    name = clip(name)
                )
            };
            self.error(token, message);
            return;
        }
        if let Some(&(_, first)) = self.labels.get(name) {
            self.error(
                token,
                format!(
                    "duplicate label `{}`: it is already defined on line {}; \
                     rename one of them",
                    clip(name),
                    first.line
                ),
            );
            return;
        }
        self.labels.insert(name, (self.out.code.len(), token.pos));
    }

    fn instruction(&mut self, name: &Token<'a>, operands: &[Token<'a>]) {
        let Some(insn) = Instruction::by_name(name.text) else {
            let hint = if name.text.ends_with(':') || operands.iter().any(|t| t.text.ends_with(':'))
            {
                "; a label must come first on its line".to_string()
            } else {
                format!("; the instructions are: {}", instruction_names())
            };
            let text = clip(name.text);
            self.error(name, format!("unknown instruction `{text}`{hint}"));
            return;
        };
        let wanted = match insn.operand {
            Operand::None => 0,
            _ => 1,
        };
        if operands.len() > wanted {
            let extra = &operands[wanted];
            let message = if wanted == 0 {
                format!(
                    "`{}` takes no operand; remove `{}` (one instruction a line)",
                    insn.name,
                    clip(extra.text)
                )
            } else {
                format!(
                    "`{}` takes one operand; remove the extra operand `{}` \
                     (one instruction a line)",
                    insn.name,
                    clip(extra.text)
                )
            };
            self.error(extra, message);
            return;
        }
        let pos = name.pos;
        let operand = match (insn.operand, operands.first()) {
            (Operand::None, _) => None,
            (kind, None) => {
                let what = match kind {
                    Operand::Number => format!("a number, as in `{} 42`", insn.name),
                    Operand::Depth => {
                        format!("a stack depth, as in `{} 1` (0 is the top)", insn.name)
                    }
                    _ => format!("a label, as in `{} loop`", insn.name),
                };
                self.error(name, format!("`{}` needs an operand: {what}", insn.name));
                return;
            }
            (Operand::Number, Some(t)) => match t.text.parse::<i64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    self.error(
                        t,
                        format!(
                            "bad number `{}`: `{}` takes a decimal integer from {} to {}",
                            clip(t.text),
                            insn.name,
                            i64::MIN,
                            i64::MAX
                        ),
                    );
                    return;
                }
            },
            (Operand::Depth, Some(t)) => match t.text.parse::<u32>() {
                Ok(v) => Some(i64::from(v)),
                Err(_) => {
                    self.error(
                        t,
                        format!(
                            "bad depth `{}`: `{}` takes a non-negative decimal integer \
                             (0 is the top of the stack)",
                            clip(t.text),
                            insn.name
                        ),
                    );
                    return;
                }
            },
            (Operand::Label, Some(t)) => {
                if !is_name(t.text) {
                    self.error(
                        t,
                        format!(
                            "bad label name `{}`: `{}` takes a label (a letter or `_`, \
                             then letters, digits and `_`)",
                            clip(t.text),
                            insn.name
                        ),
                    );
                    return;
                }
                self.fixups.push((self.out.code.len() + 1, *t));
                Some(0)
            }
        };
        self.out.code.push(insn.opcode);
        self.out.positions.push(pos);
        if let Some(v) = operand {
            self.out.code.push(v);
            self.out.positions.push(pos);
        }
    }

    fn finish(mut self) -> Result<Assembled, Vec<AsmError>> {
        for (slot, token) in std::mem::take(&mut self.fixups) {
            match self.labels.get(token.text) {
                Some(&(pc, _)) => self.out.code[slot] = pc as i64,
                None => self.error(
                    &token,
                    format!(
                        "undefined label `{}`; define it with a line `{}:`",
                        clip(token.text),
                        clip(token.text)
                    ),
                ),
            }
        }
        if self.errors.is_empty() {
            Ok(self.out)
        } else {
            self.errors.sort_by_key(|e| (e.pos.line, e.pos.column));
            Err(self.errors)
        }
    }
}

/// Assembles the text of a program; on failure, returns every error, in source order.
pub fn assemble(source: &str) -> Result<Assembled, Vec<AsmError>> {
    let mut asm = Assembler::default();
    for (i, line) in source.lines().enumerate() {
        asm.line(line, i + 1);
    }
    asm.finish()
}

/// The line at `pos` (a window of it, if long) and a caret line `width` wide under
/// `pos.column`.
pub fn source_excerpt(source: &str, pos: Pos, width: usize) -> String {
    diagnostics::excerpt(&Lines::new(source), pos.line, pos.column, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(source: &str) -> Vec<String> {
        match assemble(source) {
            Ok(_) => Vec::new(),
            Err(es) => es.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn assembles_labels_operands_and_comments() {
        let asm = assemble(
            "# a comment\n\
             push 3        # three\n\
             loop: dup\n\
             print\n\
             push -1\n\
             add\n\
             dup\n\
             br_if loop\n\
             end:\n",
        )
        .expect("valid program");
        assert_eq!(
            asm.code,
            vec![
                op::PUSH,
                3,
                op::DUP,
                op::PRINT,
                op::PUSH,
                -1,
                op::ADD,
                op::DUP,
                op::BR_IF,
                2
            ]
        );
        assert_eq!(asm.positions[2], Pos { line: 3, column: 7 });
        assert_eq!(asm.positions.len(), asm.code.len());
    }

    #[test]
    fn forward_labels_and_label_at_end() {
        let asm = assemble("br end\npush 1\nend:\n").expect("valid program");
        assert_eq!(asm.code, vec![op::BR, 4, op::PUSH, 1]);
    }

    #[test]
    fn reports_every_error_in_order() {
        let es = errors(
            "psuh 1\n\
             push\n\
             pop 3\n\
             push 12x\n\
             pick -1\n\
             br nowhere\n\
             a:\n\
             a:\n\
             push 1 2\n\
             1x:\n\
             :\n\
             x:y\n",
        );
        assert_eq!(es.len(), 11, "{es:#?}");
        assert!(es[0].starts_with("1:1: unknown instruction `psuh`"));
        assert!(es[1].starts_with("2:1: `push` needs an operand"));
        assert!(es[2].starts_with("3:5: `pop` takes no operand"));
        assert!(es[3].starts_with("4:6: bad number `12x`"));
        assert!(es[4].starts_with("5:6: bad depth `-1`"));
        assert!(es[5].starts_with("6:4: undefined label `nowhere`"));
        assert!(es[6].starts_with("8:1: duplicate label `a`: it is already defined on line 7"));
        assert!(es[7].starts_with("9:8: `push` takes one operand"));
        assert!(es[8].starts_with("10:1: bad label name `1x`"));
        assert!(es[9].starts_with("11:1: missing label name"));
        assert!(es[10].starts_with("12:1: bad label `x:y`"));
    }

    #[test]
    fn opcodes_round_trip_through_the_table() {
        for insn in INSTRUCTIONS {
            assert_eq!(
                Instruction::of_opcode(insn.opcode).map(|i| i.name),
                Some(insn.name)
            );
            assert_eq!(
                Instruction::by_name(insn.name).map(|i| i.opcode),
                Some(insn.opcode)
            );
        }
        assert!(Instruction::of_opcode(0).is_none());
        assert!(Instruction::of_opcode(i64::MIN).is_none());
    }

    #[test]
    fn many_bad_lines_report_the_first_errors_and_a_count() {
        let source = "frob 1\n".repeat(12_000);
        let es = assemble(&source).expect_err("unknown instructions");
        assert_eq!(es.len(), 12_000);
        let text = render_errors("f.tl", &source, &es);
        assert_eq!(
            text.matches(": error: ").count(),
            crate::diagnostics::MAX_SHOWN
        );
        assert!(text.ends_with("f.tl: ... and 11980 more errors (the first 20 are shown)\n"));
    }

    #[test]
    fn a_huge_word_is_quoted_clipped() {
        let source = format!("{}\n", "x".repeat(100_000));
        let es = assemble(&source).expect_err("an unknown instruction");
        let text = render_errors("f.tl", &source, &es);
        assert!(text.len() < 2_000, "{} bytes:\n{text}", text.len());
    }

    #[test]
    fn excerpt_puts_the_caret_under_the_word() {
        let s = source_excerpt("push 1\n\tpsuh 2\n", Pos { line: 2, column: 2 }, 4);
        assert_eq!(s, " 2 |  psuh 2\n   |  ^^^^\n");
    }
}
