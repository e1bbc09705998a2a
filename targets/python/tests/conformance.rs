//! The conformance suite of the Python target: the programs under `tests/programs/`, each
//! with the golden output CPython 3.11 gave it (`tests/programs/README.md` has the format).
//!
//! Three tests:
//! - every program has a golden, every golden a program, and `PASSING` names only programs;
//! - when `python3` is CPython 3.11, it still prints every golden (a note and a skip when
//!   it is missing or another version);
//! - every program listed in `PASSING` prints its golden on the crate's `python-c` binary
//!   with `PYRITE_JIT=off`, at the JIT's defaults and at `threshold=1,trace_eagerness=1`.
//!   Programs not listed are not run there: the list grows with the interpreter.
//!
//! `tests/programs/bless.py` rewrites the goldens; the normalisation below is the one it
//! applies, and the second test checks that the two agree.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one run of one program may take before it counts as hung. Programs take well
/// under a second on CPython; the interpreter is a debug build in `cargo test`.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The suite never shrinks below this many programs (a guard against a lost directory).
const MIN_PROGRAMS: usize = 300;

/// The ways each program in `PASSING` is run on `python-c`: a name for messages and the
/// value of `PYRITE_JIT` (`None`: unset, the JIT's defaults).
const MODES: [(&str, Option<&str>); 3] = [
    ("PYRITE_JIT=off", Some("off")),
    ("the JIT at its defaults", None),
    (
        "PYRITE_JIT=threshold=1,trace_eagerness=1",
        Some("threshold=1,trace_eagerness=1"),
    ),
];

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

/// Every program as `AREA/NAME`, sorted. Files starting with `_` are modules that programs
/// import, not programs.
fn programs() -> Vec<String> {
    let root = programs_dir();
    let mut found = Vec::new();
    let mut areas: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|a| !a.starts_with(['.', '_']))
        .collect();
    areas.sort();
    for area in areas {
        let dir = root.join(&area);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".py") && !f.starts_with('_'))
            .map(|f| format!("{area}/{}", &f[..f.len() - 3]))
            .collect();
        names.sort();
        found.extend(names);
    }
    found
}

/// The golden text of one run (the format of `tests/programs/README.md`): stdout; then,
/// when stderr is not empty, `--- stderr` and stderr with the program's directory left out
/// of paths and, unless the error is a syntax error, the source and caret lines of the
/// traceback (indented by four spaces) left out; then `--- exit N` when N is not zero.
fn normalise(dir: &str, stdout: &str, stderr: &str, status: i32) -> String {
    let mut out = stdout.to_string();
    let mut tail: Vec<String> = Vec::new();
    if !stderr.is_empty() {
        let stderr = stderr.replace(&format!("{dir}/"), "");
        let mut lines: Vec<&str> = stderr.split('\n').collect();
        if lines.last() == Some(&"") {
            lines.pop();
        }
        let last = lines.last().copied().unwrap_or("");
        let syntax = ["SyntaxError:", "IndentationError:", "TabError:"]
            .iter()
            .any(|p| last.starts_with(p));
        tail.push("--- stderr".to_string());
        tail.extend(
            lines
                .iter()
                .filter(|l| syntax || !l.starts_with("    "))
                .map(|l| l.to_string()),
        );
    }
    if status != 0 {
        tail.push(format!("--- exit {status}"));
    }
    if !tail.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str("\n--- no newline at end of stdout\n");
        }
        out.push_str(&tail.join("\n"));
        out.push('\n');
    }
    out
}

/// Runs `exe` on one program in the program's directory, as `exe NAME.py ARGS...` with the
/// arguments of `NAME.args`, an empty stdin and only `PATH`, `LC_ALL` and `extra_env` in the
/// environment; returns the golden text of the run, or why there is none.
fn run_program(exe: &str, program: &str, extra_env: &[(&str, &str)]) -> Result<String, String> {
    let path = programs_dir().join(program);
    let dir = path.parent().expect("a program is inside an area");
    let base = path
        .file_name()
        .expect("a program has a name")
        .to_string_lossy()
        .into_owned();
    let mut args = vec![format!("{base}.py")];
    let args_file = dir.join(format!("{base}.args"));
    if args_file.exists() {
        let text = std::fs::read_to_string(&args_file)
            .map_err(|e| format!("{}: {e}", args_file.display()))?;
        args.extend(text.lines().map(str::to_string));
    }
    let mut cmd = Command::new(exe);
    if exe == "python3" {
        cmd.arg("-B");
    }
    cmd.args(&args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LC_ALL", "C.UTF-8")
        .envs(extra_env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot run {exe}: {e}"))?;
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "still running after {}s; killed",
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for {exe}: {e}")),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    // A death by a signal shows as 128 + the signal, as a shell shows it.
    let code = status.code().unwrap_or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        128 + status.signal().unwrap_or(0)
    });
    Ok(normalise(
        &dir.to_string_lossy(),
        &String::from_utf8_lossy(&stdout),
        &String::from_utf8_lossy(&stderr),
        code,
    ))
}

/// A line diff of `expected` against `actual` (longest common subsequence): `-` lines are
/// the golden's, `+` lines the run's, two lines of context around each change.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(c, _)| *c != ' ')
    };
    let mut text = String::new();
    let mut skipped = false;
    for (k, (c, line)) in ops.iter().enumerate() {
        if near(k) {
            text.push_str(&format!("{c} {line}\n"));
            skipped = false;
        } else if !skipped {
            text.push_str("  ...\n");
            skipped = true;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        text.push_str("(the two differ in the newline at the end)\n");
    }
    text
}

/// Runs `check` on every program of `list` on two threads (the machine the suite runs on
/// has two cores); returns the failures' messages in the list's order.
fn for_each_parallel(
    list: &[String],
    check: impl Fn(&str) -> Option<String> + Sync,
) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let Some(program) = list.get(k) else { break };
                if let Some(message) = check(program) {
                    failures
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((k, message));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    failures.into_iter().map(|(_, m)| m).collect()
}

fn golden(program: &str) -> Result<String, String> {
    let path = programs_dir().join(format!("{program}.out"));
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run `python3 tests/programs/bless.py {program}`)",
            path.display()
        )
    })
}

/// The programs `PASSING` names: one `AREA/NAME` a line; blank lines and `#` comments are
/// skipped.
fn passing() -> Vec<String> {
    let path = programs_dir().join("PASSING");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_end_matches(".py").to_string())
        .collect()
}

#[test]
fn every_program_has_a_golden_and_passing_names_programs() {
    let all = programs();
    assert!(
        all.len() >= MIN_PROGRAMS,
        "the suite has {} programs, fewer than {MIN_PROGRAMS}: was one deleted by mistake?",
        all.len()
    );
    let mut problems = Vec::new();
    for p in &all {
        if let Err(e) = golden(p) {
            problems.push(e);
        }
    }
    let root = programs_dir();
    for area in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        if !area.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(area.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = f.file_name().to_string_lossy().into_owned();
            for ext in [".out", ".args"] {
                if let Some(stem) = name.strip_suffix(ext) {
                    let program = format!("{}/{stem}", area.file_name().to_string_lossy());
                    if !all.contains(&program) {
                        problems.push(format!("tests/programs/{program}{ext} has no program"));
                    }
                }
            }
        }
    }
    let listed = passing();
    for (k, p) in listed.iter().enumerate() {
        if !all.contains(p) {
            problems.push(format!("PASSING line for `{p}`: there is no such program"));
        }
        if listed[..k].contains(p) {
            problems.push(format!("PASSING lists `{p}` twice"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn goldens_match_cpython_3_11() {
    let version = Command::new("python3").arg("--version").output();
    let version = match version {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        _ => {
            eprintln!("note: no python3 on PATH; the goldens are not checked against CPython");
            return;
        }
    };
    if !version.starts_with("Python 3.11.") {
        eprintln!("note: python3 is {version}, not 3.11; the goldens are not checked against it");
        return;
    }
    let failures = for_each_parallel(&programs(), |program| {
        let expected = match golden(program) {
            Ok(g) => g,
            Err(e) => return Some(e),
        };
        match run_program("python3", program, &[]) {
            Err(e) => Some(format!("{program}: python3: {e}")),
            Ok(actual) if actual == expected => None,
            Ok(actual) => Some(format!(
                "{program}: python3 no longer prints the golden (- golden, + python3; \
                 `python3 tests/programs/bless.py {program}` rewrites it):\n{}",
                diff(&expected, &actual)
            )),
        }
    });
    assert!(
        failures.is_empty(),
        "{} of the goldens differ from {version}:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn passing_programs_print_their_goldens_on_python_c() {
    let listed = passing();
    if listed.is_empty() {
        eprintln!("note: tests/programs/PASSING is empty; no program is run on python-c");
        return;
    }
    let Some(exe) = option_env!("CARGO_BIN_EXE_python-c") else {
        panic!(
            "tests/programs/PASSING lists {} programs but the crate builds no `python-c` binary",
            listed.len()
        );
    };
    let failures = for_each_parallel(&listed, |program| {
        let expected = match golden(program) {
            Ok(g) => g,
            Err(e) => return Some(e),
        };
        let mut messages = Vec::new();
        for (mode, value) in MODES {
            let env: Vec<(&str, &str)> = value.map(|v| ("PYRITE_JIT", v)).into_iter().collect();
            match run_program(exe, program, &env) {
                Err(e) => messages.push(format!("{program} with {mode}: {e}")),
                Ok(actual) if actual == expected => {}
                Ok(actual) => messages.push(format!(
                    "{program} with {mode} does not print its golden (- golden, + python-c):\n{}",
                    diff(&expected, &actual)
                )),
            }
        }
        (!messages.is_empty()).then(|| messages.join("\n"))
    });
    assert!(
        failures.is_empty(),
        "{} of the {} programs in tests/programs/PASSING fail on python-c \
         (fix the interpreter, or take the program off the list and say why in the commit):\n\n{}",
        failures.len(),
        listed.len(),
        failures.join("\n")
    );
}

#[test]
fn normalise_keeps_what_a_user_sees() {
    let stderr = "Traceback (most recent call last):\n  File \"/p/a/t.py\", line 3, in <module>\n    f()\n    ^^^\nZeroDivisionError: division by zero\n";
    assert_eq!(
        normalise("/p/a", "hi", stderr, 1),
        "hi\n--- no newline at end of stdout\n--- stderr\nTraceback (most recent call last):\n  File \"t.py\", line 3, in <module>\nZeroDivisionError: division by zero\n--- exit 1\n"
    );
    let syntax = "  File \"/p/a/s.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n";
    assert_eq!(
        normalise("/p/a", "", syntax, 1),
        "--- stderr\n  File \"s.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n--- exit 1\n"
    );
    assert_eq!(normalise("/p/a", "ok\n", "", 0), "ok\n");
    assert_eq!(normalise("/p/a", "", "", 3), "--- exit 3\n");
}

#[test]
fn diff_shows_the_changed_lines() {
    let d = diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nX\ne\nf\ng\n");
    assert_eq!(d, "  ...\n  b\n  c\n- d\n+ X\n  e\n  f\n  ...\n");
}
