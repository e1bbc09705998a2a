//! The words of a line-oriented assembly text, shared by the loaders of tl and tlc (each
//! includes this file as its module `asm_words`): positions, errors, whitespace-separated
//! tokens with their columns, names, and errors rendered through `diagnostics`.

use crate::diagnostics::{self, Diagnostic};
use std::fmt;

/// A position in the source text, 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A malformed line: where, how wide (for the caret line) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsmError {
    pub pos: Pos,
    pub width: usize,
    pub message: String,
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// A whitespace-separated word of a line, with its column.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    pub text: &'a str,
    pub pos: Pos,
}

impl Token<'_> {
    /// The word's width in characters.
    pub fn width(&self) -> usize {
        self.text.chars().count()
    }
}

/// Splits a line (its comment already removed) into tokens.
pub fn tokens(line: &str, line_no: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut column = 0;
    for (byte, c) in line.char_indices() {
        column += 1;
        if c.is_whitespace() {
            if let Some((b, col)) = start.take() {
                out.push(Token {
                    text: &line[b..byte],
                    pos: Pos {
                        line: line_no,
                        column: col,
                    },
                });
            }
        } else if start.is_none() {
            start = Some((byte, column));
        }
    }
    if let Some((b, col)) = start {
        out.push(Token {
            text: &line[b..],
            pos: Pos {
                line: line_no,
                column: col,
            },
        });
    }
    out
}

/// Whether `s` is a name: a letter or `_`, then letters, digits and `_`.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Renders `errors` for the program at `path` (whose text is `source`) as the binaries
/// print them: `path:line:col: error: message`, then the line and a caret under the
/// offending word; the first [`MAX_SHOWN`](crate::diagnostics::MAX_SHOWN) errors, then a
/// count of the others (`crate::diagnostics`), in time linear in the source.
pub fn render_errors(path: &str, source: &str, errors: &[AsmError]) -> String {
    let diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| Diagnostic {
            line: e.pos.line,
            column: e.pos.column,
            width: e.width,
            message: e.message.clone(),
        })
        .collect();
    diagnostics::render(path, source, &diagnostics)
}
