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

use annotator::golden;
use std::fs;
use std::path::{Path, PathBuf};

const HEADER: &str = "// golden: jitcode";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The text a golden file expects for `source`: the jitcode registry, or every error
/// (`error at line:column: message`) of analysis, rtyping or the codewriter.
fn render(source: &str) -> Result<String, String> {
    let module: syn::ItemMod = syn::parse_str(source).map_err(|e| format!("parse: {e}"))?;
    match codewriter::write_module(&module) {
        Ok(out) => Ok(codewriter::print_jitcodes(&out)),
        Err(errors) => Ok(golden::errors_text(errors)),
    }
}

#[test]
fn golden() {
    golden::check_dir(&golden_dir(), HEADER, render);
}

#[test]
fn round_trip() {
    let mut failures = Vec::new();
    for path in golden::files(&golden_dir()) {
        let name = path.display().to_string();
        let text = fs::read_to_string(&path).expect("golden file is readable");
        let Some((source, _)) = golden::split(&text, HEADER) else {
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
                        golden::diff(&printed, &again)
                    ));
                }
            }
            Err(e) => failures.push(format!("{name}: the printed jitcode does not parse: {e:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
