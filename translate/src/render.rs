//! Errors at a span of a source file, printed as rustc prints them:
//!
//! ```text
//! error: closures are not supported in an interpreter module; ...
//!   --> targets/tl/src/interp.rs:12:17
//!    |
//! 12 |         let f = |x| x + 1;
//!    |                 ^^^^^^^^^
//! ```

use std::fmt::Write;
use std::path::Path;

/// Every error of `error` (a combined `syn::Error`), each with its source line.
pub fn errors(error: &syn::Error, file: &Path, source: &str) -> String {
    let mut out = String::new();
    for e in error.clone() {
        out.push_str(&one(&e, file, source));
    }
    out
}

/// The number of errors a combined `syn::Error` holds.
pub fn count(error: &syn::Error) -> usize {
    error.clone().into_iter().count()
}

fn one(error: &syn::Error, file: &Path, source: &str) -> String {
    let span = error.span();
    let start = span.start();
    let end = span.end();
    let mut out = String::new();
    let _ = writeln!(out, "error: {error}");
    if start.line == 0 {
        // A span without a location (call site): no line to show.
        let _ = writeln!(out, "  --> {}\n", file.display());
        return out;
    }
    let _ = writeln!(
        out,
        "  --> {}:{}:{}",
        file.display(),
        start.line,
        start.column + 1
    );
    let line_text = source.lines().nth(start.line - 1).unwrap_or("");
    let number = start.line.to_string();
    let pad = " ".repeat(number.len());
    let width = if end.line == start.line && end.column > start.column {
        end.column - start.column
    } else {
        line_text
            .chars()
            .count()
            .saturating_sub(start.column)
            .max(1)
    };
    let indent: String = line_text
        .chars()
        .take(start.column)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {line_text}");
    let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(width));
    out.push('\n');
    out
}
