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

#[cfg(test)]
mod tests {
    use super::*;
    use syn::spanned::Spanned;

    #[test]
    fn renders_like_rustc_with_a_caret_under_the_span() {
        let source = "mod m {\n    fn f() {\n        let g = |x| x;\n    }\n}\n";
        let file = syn::parse_file(source).unwrap();
        let syn::Item::Mod(m) = &file.items[0] else {
            panic!("a module")
        };
        let syn::Item::Fn(f) = &m.content.as_ref().unwrap().1[0] else {
            panic!("a function")
        };
        let syn::Stmt::Local(local) = &f.block.stmts[0] else {
            panic!("a let")
        };
        let closure = &local.init.as_ref().unwrap().expr;
        let mut error = syn::Error::new(closure.span(), "closures are not supported");
        error.combine(syn::Error::new(f.sig.ident.span(), "second"));
        let text = errors(&error, Path::new("src/m.rs"), source);
        assert_eq!(
            text,
            "error: closures are not supported\n  --> src/m.rs:3:17\n  |\n3 |         \
             let g = |x| x;\n  |                 ^^^^^\n\nerror: second\n  --> src/m.rs:2:8\n  \
             |\n2 |     fn f() {\n  |        ^\n\n"
        );
        assert_eq!(count(&error), 2);
    }
}
