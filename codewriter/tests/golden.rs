//! Golden tests: every `golden/*.rs` file holds a header line (`// golden: jitcode`),
//! the Rust source of an inline module, then `// ---- expected ----` and the expected
//! text with every line prefixed by `// `. The harness prints the jitcode registry
//! and compares exactly; on a mismatch it shows a line diff. `BLESS=1` rewrites the
//! expected part instead.
//!
//! The module goes through `codewriter::write_module`; the output is
//! `codewriter::print_jitcodes` (functions, descrs, portals, then every jitcode). A
//! module with errors prints every error as `error at line:column: message`.
//!
//! The round-trip test parses every golden jitcode text with jitsupport's parser and
//! prints it again: the text must come back identical.

use std::fs;
use std::path::{Path, PathBuf};

const HEADER: &str = "// golden: jitcode";
const SEPARATOR: &str = "// ---- expected ----";

/// The text a golden file expects for `source`: the low-level program, or every error
/// (`error at line:column: message`) of analysis or rtyping.
fn render(source: &str) -> Result<String, String> {
    let module: syn::ItemMod = syn::parse_str(source).map_err(|e| format!("parse: {e}"))?;
    match codewriter::write_module(&module) {
        Ok(out) => Ok(codewriter::print_jitcodes(&out)),
        Err(errors) => {
            let mut out = String::new();
            for e in errors {
                let start = e.span().start();
                out.push_str(&format!(
                    "error at {}:{}: {}\n",
                    start.line, start.column, e
                ));
            }
            Ok(out)
        }
    }
}

fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix(HEADER)?;
    let at = rest.find(SEPARATOR)?;
    Some((&rest[..at], &rest[at + SEPARATOR.len()..]))
}

fn expected_of(tail: &str) -> String {
    let mut out = String::new();
    for line in tail.lines().skip(1) {
        let l = line.strip_prefix("// ").or_else(|| line.strip_prefix("//"));
        out.push_str(l.unwrap_or(line));
        out.push('\n');
    }
    out
}

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

/// A line diff (longest common subsequence) of `expected` and `actual`.
fn diff(expected: &str, actual: &str) -> String {
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

fn golden_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v != "0");
    let mut failures = Vec::new();
    let files = golden_files();
    assert!(!files.is_empty(), "no golden files found");
    for path in files {
        let name = path.display().to_string();
        let text = fs::read_to_string(&path).expect("golden file is readable");
        let Some((source, tail)) = split(&text) else {
            failures.push(format!(
                "{name}: expected `{HEADER}` on the first line and a `{SEPARATOR}` line"
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
            let new = format!("{HEADER}{source}{SEPARATOR}\n{}", commented(&actual));
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

#[test]
fn round_trip() {
    let mut failures = Vec::new();
    for path in golden_files() {
        let name = path.display().to_string();
        let text = fs::read_to_string(&path).expect("golden file is readable");
        let Some((source, _)) = split(&text) else {
            continue;
        };
        let module: syn::ItemMod = match syn::parse_str(source) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{name}: parse: {e}"));
                continue;
            }
        };
        let Ok(out) = codewriter::write_module(&module) else {
            continue;
        };
        let printed = codewriter::print_jitcodes(&out);
        match jitsupport::jitcode::parse(&printed) {
            Ok(codes) => {
                if let Err(why) = jitsupport::jitcode::verify_all(&codes) {
                    failures.push(format!(
                        "{name}: the parsed registry does not verify: {why}"
                    ));
                }
                let again = jitsupport::jitcode::print_registry(&codes);
                if again != printed {
                    failures.push(format!(
                        "{name}: printed, parsed and printed again differs:\n{}",
                        diff(&printed, &again)
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: the printed jitcode does not parse: {e:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
