//! Golden tests: every `golden/*.rs` file holds a header line (`// golden: graphs`),
//! the Rust source of an inline module, then `// ---- expected ----` and the expected
//! text with every line prefixed by `// `. The harness prints the graphs of the module
//! and compares exactly; on a mismatch it shows a line diff. `BLESS=1` rewrites the
//! expected part instead.
//!
//! The graphs are printed after annotation (`annotator::analyse`); a module with
//! errors prints every error as `error at line:column: message`.

use annotator::golden;
use annotator::print;
use std::path::Path;

/// The text a golden file expects for `source`: the annotated graphs of the module, or
/// its errors (`error at line:column: message`, all of them).
fn render(source: &str) -> Result<String, String> {
    let module: syn::ItemMod = syn::parse_str(source).map_err(|e| format!("parse: {e}"))?;
    match annotator::analyse(&module) {
        Ok(analysis) => {
            let mut out = print::graphs_to_string(&analysis.graphs);
            for f in &analysis.program.functions {
                if f.hints.dont_look_inside {
                    out.push_str(&format!("\n# {}: dont_look_inside, not analysed\n", f.name));
                }
            }
            Ok(out)
        }
        Err(errors) => Ok(golden::errors_text(errors)),
    }
}

#[test]
fn golden() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    golden::check_dir(&dir, "// golden: graphs", render);
}
