//! The golden file harness shared by the toolchain's text-form tests (flowgraphs here,
//! low-level graphs in rtyper, jitcode in codewriter).
//!
//! A golden file holds a header line (`// golden: graphs`), the Rust source of an inline
//! module, a line `// ---- expected ----`, and the expected text with every line
//! prefixed by `// `. [`check_dir`] renders every `*.rs` file of a directory and compares
//! exactly; a mismatch shows a line diff, and `BLESS=1` rewrites the expected part
//! instead (Cranelift's filetests, rust-analyzer's `UPDATE_EXPECT`).

use std::fs;
use std::path::{Path, PathBuf};

/// The line between a golden file's source and its expected text.
pub const SEPARATOR: &str = "// ---- expected ----";

/// The `*.rs` files of `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

/// Splits a golden file after `header` into its source and the tail from the separator
/// on (the separator's line excluded).
pub fn split<'a>(text: &'a str, header: &str) -> Option<(&'a str, &'a str)> {
    let rest = text.strip_prefix(header)?;
    let at = rest.find(SEPARATOR)?;
    Some((&rest[..at], &rest[at + SEPARATOR.len()..]))
}

/// The expected text of a tail: its lines without their `// ` prefix.
fn expected_of(tail: &str) -> String {
    let mut out = String::new();
    for line in tail.lines().skip(1) {
        let l = line.strip_prefix("// ").or_else(|| line.strip_prefix("//"));
        out.push_str(l.unwrap_or(line));
        out.push('\n');
    }
    out
}

/// `text` with every line prefixed by `// `.
fn commented(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.is_empty() {
            out.push_str("//\n");
        } else {
            out.push_str("// ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Every error of `errors`, one line each: `error at line:column: message`.
pub fn errors_text(errors: syn::Error) -> String {
    let mut out = String::new();
    for e in errors {
        let start = e.span().start();
        out.push_str(&format!(
            "error at {}:{}: {}\n",
            start.line, start.column, e
        ));
    }
    out
}

/// A line diff (longest common subsequence) of `expected` and `actual`.
pub fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

/// Checks (or with `BLESS=1` rewrites) every golden file of `dir` whose first line is
/// `header`, rendering each file's source with `render`. Panics listing every failure.
pub fn check_dir(dir: &Path, header: &str, render: impl Fn(&str) -> Result<String, String>) {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v != "0");
    let mut failures = Vec::new();
    let files = files(dir);
    assert!(!files.is_empty(), "no golden files in {}", dir.display());
    for path in files {
        let name = path.display().to_string();
        let text = fs::read_to_string(&path).expect("golden file is readable");
        let Some((source, tail)) = split(&text, header) else {
            failures.push(format!(
                "{name}: expected `{header}` on the first line and a `{SEPARATOR}` line"
            ));
            continue;
        };
        let actual = match render(source) {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let expected = expected_of(tail);
        if actual == expected {
            continue;
        }
        if bless {
            let new = format!("{header}{source}{SEPARATOR}\n{}", commented(&actual));
            fs::write(&path, new).expect("golden file is writable");
        } else {
            failures.push(format!(
                "{name}: output differs (- expected, + actual; BLESS=1 to accept):\n{}",
                diff(&expected, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
