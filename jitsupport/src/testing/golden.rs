//! Golden files for the targets' tests: an expected output beside each example program,
//! compared exactly with a line diff on mismatch and rewritten with `BLESS=1`.

use std::path::Path;

/// True when the expected files are to be rewritten (`BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// A line diff of `expected` and `actual`: `-` lines expected, `+` lines got.
pub fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, small inputs only.
    let mut lcs = vec![vec![0usize; a.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..a.len()).rev() {
            lcs[i][j] = if e[i] == a[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < e.len() || j < a.len() {
        if i < e.len() && j < a.len() && e[i] == a[j] {
            out.push_str(&format!("  {}\n", e[i]));
            i += 1;
            j += 1;
        } else if j < a.len() && (i == e.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", a[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", e[i]));
            i += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the texts differ in their final newline)\n");
    }
    out
}

/// Compares `actual` with the contents of `expected_file`; with `BLESS=1` rewrites the
/// file instead. Returns a description of the mismatch, if any.
pub fn check_golden(expected_file: &Path, actual: &str) -> Option<String> {
    check_golden_bytes(expected_file, actual.as_bytes())
}

/// [`check_golden`] for output that need not be text (bf writes raw bytes): the bytes
/// are compared exactly, and the diff shows them decoded lossily.
pub fn check_golden_bytes(expected_file: &Path, actual: &[u8]) -> Option<String> {
    if bless() {
        if let Err(e) = std::fs::write(expected_file, actual) {
            return Some(format!("cannot write {}: {e}", expected_file.display()));
        }
        return None;
    }
    let expected = match std::fs::read(expected_file) {
        Ok(s) => s,
        Err(e) => {
            return Some(format!(
                "cannot read {}: {e} (run with BLESS=1 to create it)",
                expected_file.display()
            ))
        }
    };
    if expected == actual {
        None
    } else {
        Some(format!(
            "{} differs (- expected, + actual; BLESS=1 rewrites it):\n{}",
            expected_file.display(),
            diff(
                &String::from_utf8_lossy(&expected),
                &String::from_utf8_lossy(actual)
            )
        ))
    }
}

/// The files of `root/dir` whose names end in `.{extension}`, sorted, as paths
/// `dir/name` relative to `root` (a target's crate root).
pub fn programs(root: &Path, dir: &str, extension: &str) -> Vec<String> {
    let suffix = format!(".{extension}");
    let mut out: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(&suffix).then(|| format!("{dir}/{name}"))
        })
        .collect();
    out.sort();
    out
}
