//! Golden tests: every `golden/*.rs` file holds a header line (`// golden: lltypes`),
//! the Rust source of an inline module, then `// ---- expected ----` and the expected
//! text with every line prefixed by `// `. The harness prints the low-level graphs
//! and compares exactly; on a mismatch it shows a line diff. `BLESS=1` rewrites the
//! expected part instead.
//!
//! The module goes through `annotator::analyse` and `rtyper::rtype`; the output is
//! `rtyper::print_program` (every low-level graph, then the layouts). A module with
//! errors prints every error as `error at line:column: message`.

use annotator::golden;
use std::path::Path;

/// The text a golden file expects for `source`: the low-level program, or every error
/// (`error at line:column: message`) of analysis or rtyping.
fn render(source: &str) -> Result<String, String> {
    let module: syn::ItemMod = syn::parse_str(source).map_err(|e| format!("parse: {e}"))?;
    let result = annotator::analyse(&module).and_then(|analysis| rtyper::rtype(&analysis));
    match result {
        Ok(program) => Ok(rtyper::print_program(&program)),
        Err(errors) => Ok(golden::errors_text(errors)),
    }
}

#[test]
fn golden() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    golden::check_dir(&dir, "// golden: lltypes", render);
}
