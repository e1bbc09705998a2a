//! Tests of the front end and the compiler, through the library and the binary.
//!
//! - `disassembly_goldens`: every `tests/compile/*.py` compiles, passes the bytecode
//!   verifier, and disassembles to its `.dis` golden (`BLESS=1` rewrites the goldens,
//!   as in `annotator/src/golden.rs`).
//! - `error_goldens`: every `tests/compile/errors/*.py` fails to compile with the error
//!   in its `.err` golden, printed as the user sees it (one file per kind of error).
//! - `syntax_error_positions_agree_with_cpython`: for a set of invalid programs, our
//!   `SyntaxError` line and column are CPython's `compile()` ones (skipped with a note
//!   when `python3` is not installed).
//! - `conformance_programs_compile`: every program under `tests/programs/` compiles and
//!   verifies.
//! - the command line: `--dis`, a syntax error, running, bad usage.

use python::compile::{compile_source, disassemble, verify};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(sub)
}

/// The files of `dir` ending in `.ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
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

/// Renders every `*.py` of `dir` with `render` and compares with the file of the same
/// stem ending in `golden_ext`; `BLESS=1` writes the goldens instead.
fn check_goldens(
    dir: &Path,
    golden_ext: &str,
    render: impl Fn(&str, &str) -> Result<String, String>,
) {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v != "0");
    let sources = files(dir, "py");
    assert!(!sources.is_empty(), "no sources in {}", dir.display());
    let mut failures = Vec::new();
    for path in sources {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let source = fs::read_to_string(&path).expect("source is readable");
        let actual = match render(&name, &source) {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let golden = path.with_extension(golden_ext);
        let expected = fs::read_to_string(&golden).unwrap_or_default();
        if actual == expected {
            continue;
        }
        if bless {
            fs::write(&golden, &actual).expect("golden is writable");
        } else {
            failures.push(format!(
                "{name}: output differs from {} (- expected, + actual; BLESS=1 to accept):\n{}",
                golden.display(),
                diff(&expected, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn disassembly_goldens() {
    check_goldens(&dir("tests/compile"), "dis", |name, source| {
        let code = compile_source(source, name).map_err(|e| e.render(name, source))?;
        verify(&code)?;
        check_lookups(&code)?;
        Ok(disassemble(&code))
    });
}

/// `handler_of` and `line_of` (binary searches) agree with a scan of the tables.
fn check_lookups(code: &python::compile::CodeObject) -> Result<(), String> {
    for pc in 0..code.code.len() as u32 {
        let scan = code
            .exception_table
            .iter()
            .find(|h| h.start <= pc && pc < h.end);
        if code.handler_of(pc) != scan {
            return Err(format!("{}: handler_of({pc}) is wrong", code.qualname));
        }
        let line = code
            .lines
            .iter()
            .rev()
            .find(|e| e.start <= pc)
            .map_or(code.first_line, |e| e.line);
        if code.line_of(pc) != line {
            return Err(format!("{}: line_of({pc}) is wrong", code.qualname));
        }
    }
    code.children().try_for_each(check_lookups)
}

#[test]
fn error_goldens() {
    check_goldens(
        &dir("tests/compile/errors"),
        "err",
        |name, source| match compile_source(source, name) {
            Ok(_) => Err("compiled, but it is an error test".to_string()),
            Err(e) => Ok(e.render(name, source)),
        },
    );
}

/// Invalid programs whose `SyntaxError` position CPython and we agree on. Measured
/// while writing it: 29 of 35 common mistakes agree; the six left out are errors CPython
/// finds with special rules of its own grammar (`print 'x'`, a `try` without `except`,
/// `x if y` without `else`, `{1: 2, 3}`, a bare `*` before `**kw`, a dedent to no
/// outer level), where ruff points elsewhere on the same or the next line.
const BAD_PROGRAMS: &[&str] = &[
    "x = (1 +\n",
    "def f(:\n    pass\n",
    "if x\n    pass\n",
    "x = 1 +\n",
    "for x in y:\npass\n",
    "a = [1, 2\nb = 3\n",
    "x = 1\ny = 2 3\n",
    "def f(a, b=1, c):\n    pass\n",
    "f(x for x in y, 1)\n",
    "lambda x: (yield)\n",
    "import\n",
    "from x import\n",
    "while True\n    pass\n",
    "x = )\n",
    "return 1\n",
    "def f():\n    nonlocal y\n",
    "if True:\n    break\n",
    "def f(a, a):\n    pass\n",
    "f(a=1, a=2)\n",
    "a, *b, *c = d\n",
    "def f():\n    x = 1\n    global x\n",
    "x = 'abc\n",
    "x = \"\"\"abc\n",
    "del f()\n",
    "(a, b) += 1\n",
    "f() = 1\n",
    "with open(f) as g\n    pass\n",
    "nonlocal x\n",
    "x = [1, 2, 3)\n",
];

/// Runs `python3` on the programs and returns, per program, the `SyntaxError`'s line
/// and offset from `compile()` (`None` when it compiles), or `None` without python3.
fn cpython_positions(programs: &[&str]) -> Option<Vec<Option<(u32, u32)>>> {
    let script = "import sys, json\n\
        out = []\n\
        for src in json.load(sys.stdin):\n\
        \x20   try:\n\
        \x20       compile(src, 'x.py', 'exec')\n\
        \x20       out.append(None)\n\
        \x20   except SyntaxError as e:\n\
        \x20       out.append([e.lineno, e.offset])\n\
        print(json.dumps(out))\n";
    let mut json = String::from("[");
    for (i, p) in programs.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('"');
        for c in p.chars() {
            match c {
                '"' => json.push_str("\\\""),
                '\\' => json.push_str("\\\\"),
                '\n' => json.push_str("\\n"),
                c => json.push(c),
            }
        }
        json.push('"');
    }
    json.push(']');
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take()?;
        stdin.write_all(json.as_bytes()).ok()?;
    }
    let out = child.wait_with_output().ok()?;
    assert!(
        out.status.success(),
        "python3 failed on the position dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).ok()?;
    let body = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    // The list is `null` or `[line, offset]` items; read the numbers in order.
    let mut result = Vec::new();
    let mut rest = body;
    while !rest.trim().is_empty() {
        rest = rest.trim_start_matches([',', ' ']);
        if let Some(r) = rest.strip_prefix("null") {
            result.push(None);
            rest = r;
        } else {
            let r = rest.strip_prefix('[')?;
            let end = r.find(']')?;
            let nums: Vec<u32> = r[..end]
                .split(',')
                .map(|n| n.trim().parse().ok())
                .collect::<Option<Vec<u32>>>()?;
            result.push(Some((nums[0], nums[1])));
            rest = &r[end + 1..];
        }
    }
    Some(result)
}

#[test]
fn syntax_error_positions_agree_with_cpython() {
    let Some(expected) = cpython_positions(BAD_PROGRAMS) else {
        eprintln!("note: python3 is not installed; the positions are not compared with CPython");
        return;
    };
    assert_eq!(expected.len(), BAD_PROGRAMS.len());
    let mut failures = Vec::new();
    for (src, want) in BAD_PROGRAMS.iter().zip(expected) {
        let got = compile_source(src, "x.py")
            .err()
            .map(|e| (e.pos.line, e.pos.col));
        if got != want {
            failures.push(format!(
                "{src:?}: CPython says {want:?}, python-c says {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `.py` files under `dir`, recursively.
fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            python_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

/// The line of the syntax error a conformance golden shows (its stderr ends with a
/// `SyntaxError`, `IndentationError` or `TabError` after `File "...", line N`).
fn syntax_error_line(golden: &str) -> Option<u32> {
    let stderr = golden.split("--- stderr\n").nth(1)?;
    let stderr = stderr.split("\n--- exit").next()?;
    let last = stderr.lines().last()?;
    if !["SyntaxError", "IndentationError", "TabError"]
        .iter()
        .any(|k| last.starts_with(k))
    {
        return None;
    }
    let file_line = stderr
        .lines()
        .rfind(|l| l.trim_start().starts_with("File \""))?;
    file_line.rsplit("line ").next()?.trim().parse().ok()
}

/// The stderr section of a conformance golden.
fn golden_stderr(golden: &str) -> String {
    let stderr = golden.split("--- stderr\n").nth(1).unwrap_or("");
    let stderr = stderr.split("--- exit").next().unwrap_or("");
    stderr.to_string()
}

/// Every conformance program compiles and verifies, except those whose golden is a
/// syntax error: those fail to compile with CPython's error, printed as CPython prints
/// it (file, line, the line's text, the carets, the message).
#[test]
fn conformance_programs_compile() {
    let root = dir("tests/programs");
    let mut found = Vec::new();
    python_files(&root, &mut found);
    found.sort();
    if found.is_empty() {
        eprintln!("note: no programs under {} yet", root.display());
        return;
    }
    let mut failures = Vec::new();
    for path in &found {
        let name = path.display().to_string();
        // bless.py is the suite's tool, run by CPython, not a conformance program.
        if path.file_name().is_some_and(|n| n == "bless.py") {
            continue;
        }
        let source = fs::read_to_string(path).expect("program is readable");
        let golden = fs::read_to_string(path.with_extension("out")).unwrap_or_default();
        let result = compile_source(&source, &name);
        match (syntax_error_line(&golden), result) {
            (None, Ok(code)) => {
                if let Err(e) = verify(&code) {
                    failures.push(format!("{name}: {e}"));
                }
            }
            (None, Err(e)) => failures.push(e.render(&name, &source)),
            (Some(line), Ok(_)) => failures.push(format!(
                "{name}: CPython gives a syntax error at line {line}, python-c compiles it"
            )),
            (Some(_), Err(e)) => {
                // The error prints as CPython printed it (the golden names the file
                // without its directory).
                let base = path.file_name().unwrap_or_default().to_string_lossy();
                let ours = e.render(&base, &source);
                let theirs = golden_stderr(&golden);
                if ours != theirs {
                    failures.push(format!(
                        "{name}: the syntax error differs from CPython's (- CPython, + python-c):\n{}",
                        diff(&theirs, &ours)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_python"))
        .args(args)
        .output()
        .expect("python-c runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_line() {
    let (code, out, _) = run(&["--dis", "-c", "x = 1"]);
    assert_eq!(code, 0);
    assert!(out.contains("STORE_GLOBAL"), "{out}");

    let (code, _, err) = run(&["-c", "x = (1 +\n"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("  File \"<string>\", line 1\n"), "{err}");
    assert!(err.contains("SyntaxError: "), "{err}");

    let (code, out, err) = run(&["-c", "print(1)"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "1\n");

    let (code, _, err) = run(&["--bogus", "p.py"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown option `--bogus`"), "{err}");

    let (code, _, err) = run(&["/no/such/program.py"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("can't open file '/no/such/program.py'"),
        "{err}"
    );
}

/// The Python program that prints, for every code object CPython compiles from the file
/// named by its argument, one line of what the symbol table decided (sorted lines).
const CPYTHON_SCOPES: &str = r#"
import sys, types
def walk(co, out):
    flags = []
    if co.co_flags & 0x20: flags.append("generator")
    if co.co_flags & 0x04: flags.append("varargs")
    if co.co_flags & 0x08: flags.append("varkeywords")
    out.append("%s line=%d args=%d/%d/%d flags=%s locals=%s cells=%s frees=%s" % (
        co.co_qualname, co.co_firstlineno, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount,
        ",".join(flags), ",".join(sorted(co.co_varnames)),
        ",".join(sorted(co.co_cellvars)), ",".join(sorted(co.co_freevars))))
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            walk(c, out)
for path in sys.argv[1:]:
    out = []
    print("== " + path)
    try:
        walk(compile(open(path, encoding="utf-8").read(), path, "exec"), out)
    except SyntaxError:
        print("SyntaxError")
        continue
    print("\n".join(sorted(out)))
"#;

/// Our side of [`CPYTHON_SCOPES`] for one code object tree.
fn scopes_summary(code: &python::compile::CodeObject, out: &mut Vec<String>) {
    let mut flags = Vec::new();
    if code.flags.generator {
        flags.push("generator");
    }
    if code.flags.varargs {
        flags.push("varargs");
    }
    if code.flags.varkeywords {
        flags.push("varkeywords");
    }
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v.join(",")
    };
    out.push(format!(
        "{} line={} args={}/{}/{} flags={} locals={} cells={} frees={}",
        code.qualname,
        code.first_line,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        flags.join(","),
        sorted(&code.varnames),
        sorted(&code.cellvars),
        sorted(&code.freevars)
    ));
    for child in code.children() {
        scopes_summary(child, out);
    }
}

/// For the golden sources and the conformance programs (and the files listed in
/// `PYTHON_C_SCOPES_EXTRA`, separated by `:`, for manual runs on bigger code): every
/// code object has CPython's qualified name, first line, argument counts, generator flag, and
/// sets of locals, cells and free variables. Skipped with a note without `python3`.
#[test]
fn symbol_tables_agree_with_cpython() {
    let mut paths: Vec<PathBuf> = files(&dir("tests/compile"), "py");
    python_files(&dir("tests/programs"), &mut paths);
    paths.retain(|p| p.file_name().is_none_or(|n| n != "bless.py"));
    if let Ok(extra) = std::env::var("PYTHON_C_SCOPES_EXTRA") {
        paths.extend(
            extra
                .split(':')
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
        );
    }
    let Ok(out) = Command::new("python3")
        .arg("-c")
        .arg(CPYTHON_SCOPES)
        .args(&paths)
        .output()
    else {
        eprintln!("note: python3 is not installed; symbol tables not compared");
        return;
    };
    assert!(
        out.status.success(),
        "python3 failed on the scope dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut failures = Vec::new();
    let mut compared = 0;
    for block in text.split("== ").filter(|b| !b.is_empty()) {
        let (path, expected) = block.split_once('\n').unwrap_or((block, ""));
        if expected == "SyntaxError\n" {
            // CPython rejects it (a syntax-error program); the conformance test checks
            // that we print the same error.
            continue;
        }
        compared += 1;
        let source = fs::read_to_string(path).expect("source is readable");
        let code = match compile_source(&source, path) {
            Ok(c) => c,
            Err(e) => {
                if e.kind != python::ErrorKind::Unsupported {
                    failures.push(e.render(path, &source));
                }
                continue;
            }
        };
        let mut ours = Vec::new();
        scopes_summary(&code, &mut ours);
        ours.sort();
        let ours = ours.join("\n") + "\n";
        if ours != expected {
            failures.push(format!(
                "{path}: (- CPython, + python-c)\n{}",
                diff(expected, &ours)
                    .lines()
                    .filter(|l| !l.starts_with("  "))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every golden source and the conformance programs CPython compiles are compared.
    assert!(
        compared >= paths.len() / 2,
        "only {compared} files compared"
    );
}

/// The error goldens of programs CPython rejects too are what CPython prints, except
/// for the syntax of later Pythons (`version_*`), where CPython 3.11 only says
/// `invalid syntax`. Skipped with a note without `python3`.
#[test]
fn error_goldens_agree_with_cpython() {
    let root = dir("tests/compile/errors");
    let mut failures = Vec::new();
    for path in files(&root, "py") {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let golden = fs::read_to_string(path.with_extension("err")).unwrap_or_default();
        if name.starts_with("version_") || golden.contains(": unsupported: ") {
            continue;
        }
        let Ok(out) = Command::new("python3")
            .arg(&name)
            .current_dir(&root)
            .output()
        else {
            eprintln!("note: python3 is not installed; error goldens not compared with CPython");
            return;
        };
        // CPython names the file by its absolute path.
        let prefix = format!("{}/", root.display());
        let stderr = String::from_utf8_lossy(&out.stderr).replace(&prefix, "");
        if stderr != golden {
            failures.push(format!(
                "{name}: (- CPython, + python-c)\n{}",
                diff(&stderr, &golden)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Trees nested almost to the limit compile (the compiler runs on a stack of its own),
/// and one level past it is an error, not a stack overflow.
#[test]
fn deep_nesting_compiles_or_is_an_error() {
    let limit = python::front::MAX_NESTING as usize;
    let sum = format!("x = {}\n", vec!["1"; limit - 10].join(" + "));
    let code = compile_source(&sum, "sum.py").expect("a long sum compiles");
    verify(&code).expect("and verifies");
    let negated = format!("x = {}1\n", "-".repeat(limit - 10));
    compile_source(&negated, "neg.py").expect("a long chain of minus signs compiles");
    let too_deep = format!("x = {}1\n", "not ".repeat(limit + 10));
    let e = compile_source(&too_deep, "not.py").expect_err("past the limit");
    assert_eq!(e.kind, python::ErrorKind::Unsupported, "{e}");
}

/// Random edits of the golden sources and the conformance programs (a deterministic
/// generator, so a failure names a reproducible case): the front end and the compiler
/// never panic or report an internal error, and what compiles passes the verifier.
#[test]
fn mutated_programs_compile_or_fail_cleanly() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        "=",
        "*",
        "**",
        ".",
        "\n",
        "\n    ",
        " ",
        "yield ",
        "return ",
        "lambda x: ",
        "global x\n",
        "nonlocal x\n",
        "break\n",
        "continue\n",
        "del x\n",
        "try:\n",
        "finally:\n",
        "except E as e:\n",
        "with a as b:\n",
        "for x in y:\n",
        "while x:\n",
        "class C:\n",
        "def f(a, *b, c=1, **d):\n",
        "async ",
        "await ",
        "f\"{x!r:>{y}}\"",
        "x := 1",
        "super()",
        "__x",
        "import a.b as c\n",
        "from m import *\n",
        "else:\n",
        "if x:\n",
        "raise\n",
        "assert x, y\n",
        "0x_1",
        "1e",
    ];
    let mut paths: Vec<PathBuf> = files(&dir("tests/compile"), "py");
    python_files(&dir("tests/programs"), &mut paths);
    paths.sort();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| -> usize {
        // xorshift64*: plenty for choosing edits.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    };
    // PYTHON_C_MUTATIONS=N runs N edits per file instead of 8 (longer manual runs).
    let rounds: usize = std::env::var("PYTHON_C_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let mut failures = Vec::new();
    let mut compiled = 0;
    let mut cases = 0;
    for path in &paths {
        let Ok(source) = fs::read_to_string(path) else {
            continue;
        };
        for _ in 0..rounds {
            let mut text: Vec<char> = source.chars().collect();
            for _ in 0..1 + next(3) {
                let at = next(text.len() + 1);
                match next(3) {
                    0 => {
                        let len = next(8);
                        let end = (at + len).min(text.len());
                        text.drain(at..end);
                    }
                    _ => {
                        let piece = PIECES[next(PIECES.len())];
                        text.splice(at..at, piece.chars());
                    }
                }
            }
            let mutated: String = text.into_iter().collect();
            cases += 1;
            match compile_source(&mutated, "m.py") {
                Ok(code) => {
                    compiled += 1;
                    if let Err(e) = verify(&code) {
                        failures.push(format!("{e}\n--- source:\n{mutated}"));
                    }
                }
                Err(e) if e.message.contains("internal") => {
                    failures.push(format!("{e}\n--- source:\n{mutated}"));
                }
                Err(_) => {}
            }
        }
    }
    eprintln!("note: {cases} mutated programs, {compiled} compiled");
    assert!(failures.is_empty(), "{}", failures.join("\n=====\n"));
}
