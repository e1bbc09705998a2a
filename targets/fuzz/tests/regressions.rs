//! Programs the fuzzer once found mismatching (minimized), kept as regression tests:
//! every `tests/regressions/*.tl` and `*.b` (with its input in the `.in` beside it) must
//! agree every way.

use pyrite_fuzz::{Lang, Verdict};
use std::path::Path;

#[test]
fn every_regression_agrees_every_way() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in entries {
        let lang = match path.extension().and_then(|e| e.to_str()) {
            Some("tl") => Lang::Tl,
            Some("b") => Lang::Bf,
            _ => continue,
        };
        let source = std::fs::read_to_string(&path).expect("the program is readable");
        let input = std::fs::read(path.with_extension("in")).unwrap_or_default();
        checked += 1;
        match lang.check_program(&source, &input) {
            Verdict::Agree => {}
            other => failures.push(format!("{}: {other:?}", path.display())),
        }
    }
    assert!(checked > 0, "no programs in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
