//! Tests of the `translate` command: dumps and error output compared with golden files
//! (regenerate with `BLESS=1`), exit codes of bad usage, and one end-to-end build of
//! `targets/tl` per optimisation level (`-O2`, `-Ojit`) whose binary runs an example program.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs translate with `args` in the crate's directory.
fn translate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_translate"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the translate binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Compares `actual` with the golden file `tests/fixtures/<name>`; rewrites it when
/// `BLESS=1`. On a mismatch, prints a line diff and fails.
fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("the golden file is writable");
        return;
    }
    let Ok(expected) = std::fs::read_to_string(&path) else {
        panic!(
            "{} is missing: run with BLESS=1 to write it",
            path.display()
        );
    };
    if expected != actual {
        panic!(
            "{} differs from the output (rerun with BLESS=1 to accept it):\n{}",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// A simple line diff: `-` for expected lines, `+` for actual ones, from the first line
/// that differs (a longest-common-subsequence diff over the rest).
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn dump_graphs_of_a_small_target() {
    let out = translate(&["--dump=graphs", "tests/fixtures/small"]);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    check_golden("small.graphs", &text(&out.stdout));
}

#[test]
fn dump_lltypes_of_a_small_target() {
    let out = translate(&["--dump=lltypes", "tests/fixtures/small"]);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    check_golden("small.lltypes", &text(&out.stdout));
}

#[test]
fn dump_jitcode_of_a_small_target() {
    let out = translate(&["--dump=jitcode", "tests/fixtures/small"]);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    check_golden("small.jitcode", &text(&out.stdout));
}

#[test]
fn dump_graphs_as_dot() {
    let out = translate(&["--dump=graphs", "--format=dot", "tests/fixtures/small"]);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    check_golden("small.dot", &text(&out.stdout));
    // Dot is a form of the graphs only.
    let out = translate(&["--dump=jitcode", "--format=dot", "tests/fixtures/small"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--format=dot applies to --dump=graphs"));
}

#[test]
fn the_workspace_root_a_file_or_a_missing_path_is_no_target() {
    for (target, says) in [
        ("..", "is the root of a workspace, not a target crate"),
        (
            "../README.md",
            "is a file; give the directory of a target crate",
        ),
        ("../no-such-target", "does not exist"),
    ] {
        let out = translate(&["-O2", target]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{target}: {stderr}");
        assert!(stderr.contains(says), "{target}: {stderr}");
    }
    let out = translate(&["-O2", "../README.md"]);
    assert!(text(&out.stderr).contains("targets/tl"));
}

#[test]
fn analysis_errors_show_file_line_column_and_source() {
    let out = translate(&["--dump=graphs", "tests/fixtures/bad"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("  --> tests/fixtures/bad/src/main.rs:"),
        "{stderr}"
    );
    check_golden("bad.stderr", &stderr);
}

#[test]
fn analysis_errors_stop_a_build_too() {
    let out = translate(&["-O2", "tests/fixtures/bad"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error: "));
}

#[test]
fn a_directory_without_interpreter_module_is_an_error() {
    // A directory without a Cargo.toml is not a target.
    let out = translate(&["--dump=graphs", "tests"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("`tests` is not a target crate"), "{stderr}");

    let dir = scratch_dir("no-module");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    let out = translate(&["--dump=graphs", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no interpreter module found in"),
        "{stderr}"
    );
    assert!(stderr.contains("#[jitsupport::interpreter]"), "{stderr}");
}

#[test]
fn a_core_over_two_files_is_analysed_as_one() {
    // `include!("ops.rs")` in the interpreter module: translate reads the file relative to
    // the including one, and an error inside it names the included file.
    let dir = scratch_dir("include");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    let main = "#[jitsupport::interpreter]\nmod core {\n    include!(\"ops.rs\");\n\n    \
                pub fn run(n: i64) -> i64 {\n        twice(n)\n    }\n}\n\nfn main() {}\n";
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    std::fs::write(
        dir.join("src/ops.rs"),
        "fn twice(n: i64) -> i64 {\n    n + n\n}\n",
    )
    .unwrap();
    let out = translate(&["--dump=graphs", dir.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    assert!(
        stdout.contains("fn twice(") && stdout.contains("call[twice]"),
        "{stdout}"
    );

    std::fs::write(
        dir.join("src/ops.rs"),
        "fn twice(n: i64) -> i64 {\n    n + \"x\"\n}\n",
    )
    .unwrap();
    let out = translate(&["--dump=graphs", dir.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ops.rs:2"), "{stderr}");
}

#[test]
fn bad_flags_exit_2_with_clap_message() {
    for args in [
        &["-O3", "tests/fixtures/small"][..],
        &["--dump=ssa", "tests/fixtures/small"],
        &["--frobnicate", "tests/fixtures/small"],
        &["--jit-backend=arm", "-Ojit", "tests/fixtures/small"],
        &[],
    ] {
        let out = translate(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("error:"), "{args:?}");
    }
}

#[test]
fn jit_backend_without_ojit_is_an_error() {
    let out = translate(&["--jit-backend=x86", "tests/fixtures/small"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--jit-backend only applies to -Ojit"));
}

#[test]
fn ojit_needs_the_targets_jit_feature() {
    // The small fixture analyses, but its manifest has no `[features] jit`.
    let out = translate(&["-Ojit", "--jit-backend=ref", "tests/fixtures/small"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("has no cargo feature `jit`, which -Ojit builds with"),
        "{stderr}"
    );
    assert!(stderr.contains("`jit = []`"), "{stderr}");
}

#[test]
fn o2_builds_tl_and_the_binary_runs_an_example() {
    let dir = scratch_dir("tl");
    let output = dir.join("tl");
    // A binary of a -Ojit build is there already: the -O2 build says it replaces it.
    std::fs::write(&output, "old").unwrap();
    std::fs::write(dir.join("tl.report"), "build: -Ojit\n").unwrap();
    let out = translate(&["-O2", "../targets/tl", "--output", output.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("functions in"), "{stderr}");
    assert!(stderr.contains("(release profile)"), "{stderr}");
    assert!(
        stderr.contains("a `-Ojit` build, with this `-O2` build"),
        "{stderr}"
    );
    // A progress line per phase, with its time.
    for phase in [
        "located `core`",
        "annotated `core`",
        "rtyped `core`",
        "jitcode of `core`",
    ] {
        assert!(stderr.contains(&format!("[translate] {phase}")), "{stderr}");
    }
    // The report beside the binary.
    let report = std::fs::read_to_string(dir.join("tl.report")).expect("the report is written");
    for part in [
        "build: -O2\n",
        "phases:",
        "  annotate ",
        "  cargo build ",
        "jitcodes of `core`",
        "residual functions of `core`",
        "outside the interpreter module",
        "warnings: ",
    ] {
        assert!(
            report.contains(part),
            "no {part:?} in the report:\n{report}"
        );
    }
    assert!(
        stderr.contains(&format!("wrote {}", output.display())),
        "{stderr}"
    );
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../targets/tl/examples");
    let program = examples.join("countdown.tl");
    let expected = std::fs::read_to_string(examples.join("countdown.out"))
        .expect("targets/tl has examples/countdown.tl and .out");
    let run = Command::new(&output)
        .arg(&program)
        .output()
        .expect("the built binary runs");
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), expected);
}

/// A fresh directory for one test under the target's temporary directory.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("translate-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch directory can be made");
    dir
}

#[test]
fn ojit_builds_tl_with_the_jit_and_the_binary_runs_an_example() {
    let dir = scratch_dir("tl-jit");
    let output = dir.join("tl");
    let out = translate(&[
        "-Ojit",
        "../targets/tl",
        "--output",
        output.to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("(release profile) with the JIT (x86-64 backend)"),
        "{stderr}"
    );
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../targets/tl/examples");
    let program = examples.join("countdown.tl");
    let expected = std::fs::read_to_string(examples.join("countdown.out"))
        .expect("targets/tl has examples/countdown.tl and .out");
    // The same output with the JIT at its defaults, eager, and off.
    for jit in ["", "threshold=1,trace_eagerness=1", "off"] {
        let run = Command::new(&output)
            .arg(&program)
            .env("PYRITE_JIT", jit)
            .env_remove("PYRITE_LOG")
            .output()
            .expect("the built binary runs");
        assert!(
            run.status.success(),
            "PYRITE_JIT={jit}: {}",
            text(&run.stderr)
        );
        assert_eq!(text(&run.stdout), expected, "PYRITE_JIT={jit}");
    }
    // The log's summary is written at exit.
    let run = Command::new(&output)
        .arg(&program)
        .env("PYRITE_LOG", "jit-summary:-")
        .env_remove("PYRITE_JIT")
        .output()
        .expect("the built binary runs");
    assert!(run.status.success(), "{}", text(&run.stderr));
    let log = text(&run.stderr);
    assert!(log.contains("{jit-summary"), "{log}");
    assert!(log.contains("jit-summary}"), "{log}");
    // jitlog reads a full log of this binary (the committed fixtures of tests/jitlog.rs
    // could age; this one is fresh): its summary, and a page listing the loop with code.
    let full = dir.join("countdown.log");
    let run = Command::new(&output)
        .arg(&program)
        .env("PYRITE_LOG", format!("jit:{}", full.display()))
        .env("PYRITE_JIT", "threshold=1,trace_eagerness=1")
        .output()
        .expect("the built binary runs");
    assert!(run.status.success(), "{}", text(&run.stderr));
    let page = dir.join("countdown.html");
    for args in [
        vec!["summary", full.to_str().unwrap()],
        vec!["view", full.to_str().unwrap(), "-o", page.to_str().unwrap()],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_jitlog"))
            .args(&args)
            .output()
            .expect("jitlog runs");
        assert!(
            out.status.success(),
            "jitlog {args:?}: {}",
            text(&out.stderr)
        );
    }
    let html = std::fs::read_to_string(&page).expect("the page was written");
    assert!(html.contains("id=\"loop-0\""), "no loop in the page");
    assert!(
        html.contains("<div class=\"asm\">"),
        "no machine code in the page"
    );
    // A malformed PYRITE_JIT, PYRITE_JIT_PERF or PYRITE_LOG is a clear error and exit
    // code 2.
    for (var, value, says) in [
        ("PYRITE_JIT", "treshold=3", "unknown parameter 'treshold'"),
        ("PYRITE_JIT", "threshold=-1", "threshold"),
        ("PYRITE_JIT_PERF", "yes", "PYRITE_JIT_PERF: bad value 'yes'"),
        (
            "PYRITE_LOG",
            "jit-summary:/nonexistent/dir/log",
            "cannot open",
        ),
    ] {
        let run = Command::new(&output)
            .arg(&program)
            .env_remove("PYRITE_JIT")
            .env_remove("PYRITE_JIT_PERF")
            .env_remove("PYRITE_LOG")
            .env(var, value)
            .output()
            .expect("the built binary runs");
        let stderr = text(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{var}={value}: {stderr}");
        assert!(stderr.starts_with("tl: error: "), "{var}={value}: {stderr}");
        assert!(stderr.contains(says), "{var}={value}: {stderr}");
        assert!(
            run.stdout.is_empty(),
            "{var}={value}: the program did not run"
        );
    }
}
