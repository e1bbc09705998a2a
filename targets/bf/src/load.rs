//! The loader: Brainfuck source to the commands and bracket map of a
//! [`Program`](crate::interp::core::Program).
//!
//! Every character other than the eight commands `><+-.,[]` is a comment and dropped.
//! Brackets are paired with a stack; every `]` without an open `[` and every `[` never
//! closed is an error at its line and column (all of them are reported). The position of
//! every command is kept for the messages of run-time errors.

use crate::diagnostics::{self, Diagnostic, Lines};
use std::fmt;

/// A position in the source: line and column, both from 1, the column counted in
/// characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A loaded program: its commands, the bracket map (for a bracket, the position of its
/// partner; 0 for other commands) and the source position of every command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub code: Vec<u8>,
    pub brackets: Vec<usize>,
    pub positions: Vec<Pos>,
}

/// An unbalanced bracket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// True for the eight commands of Brainfuck.
pub fn is_command(c: char) -> bool {
    matches!(c, '>' | '<' | '+' | '-' | '.' | ',' | '[' | ']')
}

/// Loads `source`; the errors are in source order.
pub fn load(source: &str) -> Result<Loaded, Vec<LoadError>> {
    let mut code = Vec::new();
    let mut positions = Vec::new();
    for (index, text) in source.lines().enumerate() {
        for (col, c) in text.chars().enumerate() {
            if is_command(c) {
                code.push(c as u8);
                positions.push(Pos {
                    line: index + 1,
                    column: col + 1,
                });
            }
        }
    }
    let mut brackets = vec![0; code.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    for (pc, &command) in code.iter().enumerate() {
        match command {
            b'[' => open.push(pc),
            b']' => match open.pop() {
                Some(start) => {
                    brackets[start] = pc;
                    brackets[pc] = start;
                }
                None => errors.push(LoadError {
                    pos: positions[pc],
                    message: "unbalanced `]`: there is no open `[` before it to close \
                              (remove it, or add a `[` before it)"
                        .to_string(),
                }),
            },
            _ => {}
        }
    }
    for &pc in &open {
        errors.push(LoadError {
            pos: positions[pc],
            message: "unbalanced `[`: it is never closed (add a `]` after it, or remove it)"
                .to_string(),
        });
    }
    if errors.is_empty() {
        Ok(Loaded {
            code,
            brackets,
            positions,
        })
    } else {
        errors.sort_by_key(|e| (e.pos.line, e.pos.column));
        Err(errors)
    }
}

/// The errors as `path:line:col: error: ...` lines, each with its source line and a
/// caret: the first [`MAX_SHOWN`](crate::diagnostics::MAX_SHOWN), then a count of the
/// others (`crate::diagnostics`), in time linear in the source.
pub fn render_errors(path: &str, source: &str, errors: &[LoadError]) -> String {
    let diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| Diagnostic {
            line: e.pos.line,
            column: e.pos.column,
            width: 1,
            message: e.message.clone(),
        })
        .collect();
    diagnostics::render(path, source, &diagnostics)
}

/// The line at `pos` (a window of it, if long) and a caret under `pos.column`.
pub fn source_excerpt(source: &str, pos: Pos) -> String {
    diagnostics::excerpt(&Lines::new(source), pos.line, pos.column, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(source: &str) -> Vec<String> {
        match load(source) {
            Ok(_) => Vec::new(),
            Err(es) => es.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn drops_comments_and_pairs_brackets() {
        let loaded = load("a+[b-[>]\n<]. ,").expect("balanced");
        assert_eq!(loaded.code, b"+[-[>]<].,");
        assert_eq!(loaded.brackets, vec![0, 7, 0, 5, 0, 3, 0, 1, 0, 0]);
        assert_eq!(loaded.positions[0], Pos { line: 1, column: 2 });
        assert_eq!(loaded.positions[6], Pos { line: 2, column: 1 });
        assert_eq!(loaded.positions[9], Pos { line: 2, column: 5 });
    }

    #[test]
    fn empty_and_comment_only_programs_load() {
        assert_eq!(load("").map(|l| l.code.len()), Ok(0));
        assert_eq!(load("hello world\n").map(|l| l.code.len()), Ok(0));
    }

    #[test]
    fn reports_every_unbalanced_bracket_in_source_order() {
        let es = errors("[\n]]\n[[]\n");
        assert_eq!(es.len(), 2, "{es:?}");
        assert!(es[0].starts_with("2:2: unbalanced `]`"), "{es:?}");
        assert!(es[1].starts_with("3:1: unbalanced `[`"), "{es:?}");
    }

    #[test]
    fn a_file_of_unmatched_brackets_reports_the_first_errors_and_a_count() {
        let source = "[".repeat(100_000);
        let es = load(&source).expect_err("unbalanced");
        assert_eq!(es.len(), 100_000);
        let text = render_errors("f.b", &source, &es);
        assert_eq!(
            text.matches(": error: ").count(),
            crate::diagnostics::MAX_SHOWN
        );
        assert!(text.ends_with("f.b: ... and 99980 more errors (the first 20 are shown)\n"));
        assert!(text.len() < 10_000, "{} bytes", text.len());
    }

    #[test]
    fn columns_count_characters() {
        let es = errors("é ]");
        assert!(es[0].starts_with("1:3: "), "{es:?}");
    }
}
