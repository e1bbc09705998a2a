//! The errors of the front end and the compiler, and how they print.
//!
//! A program that does not compile fails the way CPython fails: the first error only,
//! printed as CPython 3.11 prints an uncaught `SyntaxError` (the file and line, the line's
//! text, a caret under the column, then `SyntaxError: message`), and exit status 1. A
//! construct python-c does not implement is not a syntax error: it prints
//! `file:line:col: unsupported: ...` naming the construct, with the line and a caret.

use crate::front::ast::Pos;
use crate::front::lines::LineIndex;
use std::fmt;

/// What kind of error a [`CompileError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Invalid Python: CPython raises `SyntaxError` at compile time.
    Syntax,
    /// Invalid indentation: CPython raises `IndentationError`.
    Indentation,
    /// Valid Python that python-c does not implement (`async`, `match`, ...).
    Unsupported,
}

/// One compile-time error at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub pos: Pos,
    /// The end of the offending range when it is on the same line (for the carets).
    pub end: Option<Pos>,
    pub message: String,
}

impl CompileError {
    /// A `SyntaxError` at `pos`.
    pub fn syntax(pos: Pos, message: impl Into<String>) -> CompileError {
        CompileError {
            kind: ErrorKind::Syntax,
            pos,
            end: None,
            message: message.into(),
        }
    }

    /// A `SyntaxError` over `pos..end` (the carets cover it when it is on one line).
    pub fn syntax_span(pos: Pos, end: Pos, message: impl Into<String>) -> CompileError {
        CompileError {
            kind: ErrorKind::Syntax,
            pos,
            end: Some(end),
            message: message.into(),
        }
    }

    /// An unsupported construct at `pos`; `what` names it (`the match statement`).
    pub fn unsupported(pos: Pos, what: impl fmt::Display) -> CompileError {
        CompileError {
            kind: ErrorKind::Unsupported,
            pos,
            end: None,
            message: format!("{what} is not supported by python-c"),
        }
    }

    /// The error as the program's user sees it, for the program `filename` whose text
    /// is `source`; ends with a newline.
    pub fn render(&self, filename: &str, source: &str) -> String {
        let index = LineIndex::new(source);
        let raw = index.line_text(self.pos.line);
        let text = raw.trim_start();
        let stripped = (raw.chars().count() - text.chars().count()) as u32;
        let text = text.trim_end();
        let col = self.pos.col.saturating_sub(stripped).max(1);
        let line_len = raw.trim_end().chars().count() as u32;
        let width = match self.end {
            Some(end) if end.line == self.pos.line && end.col > self.pos.col => {
                end.col - self.pos.col
            }
            // A node over several lines: CPython marks the rest of its first line.
            Some(end) if end.line > self.pos.line && line_len >= self.pos.col => {
                line_len + 1 - self.pos.col
            }
            _ => 1,
        };
        let mut caret = String::new();
        // CPython shows no caret for these two indentation errors.
        let no_caret = matches!(
            self.message.as_str(),
            "unexpected indent" | "too many levels of indentation"
        );
        if !text.is_empty() && !no_caret {
            caret = format!(
                "    {}{}\n",
                " ".repeat(col as usize - 1),
                "^".repeat(width as usize)
            );
        }
        let shown = if text.is_empty() {
            String::new()
        } else {
            format!("    {text}\n")
        };
        match self.kind {
            ErrorKind::Syntax | ErrorKind::Indentation => {
                let name = if self.kind == ErrorKind::Syntax {
                    "SyntaxError"
                } else {
                    "IndentationError"
                };
                format!(
                    "  File \"{filename}\", line {}\n{shown}{caret}{name}: {}\n",
                    self.pos.line, self.message
                )
            }
            ErrorKind::Unsupported => format!(
                "{filename}:{}:{}: unsupported: {}\n{shown}{caret}",
                self.pos.line, self.pos.col, self.message
            ),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Unsupported => "unsupported",
        };
        write!(f, "{}: {kind}: {}", self.pos, self.message)
    }
}

impl std::error::Error for CompileError {}
