//! The differential fuzzer of the Python target: random programs (`fuzz/gen.rs`) run by
//! the crate's `python-c` and by CPython 3.11, whose outputs (stdout, stderr with the
//! traceback's source lines left out, exit status) must agree; and by `python-c` with the
//! JIT off and at `threshold=1,trace_eagerness=1`, which must agree always (without
//! `python3` only this comparison runs).
//!
//! `cargo test -p python --test fuzz` runs the CI range, seeds `0..40`. A longer range on
//! demand: `PYTHON_FUZZ_SEEDS=0..5000 cargo test --release -p python --test fuzz --
//! --nocapture` (the programs that disagree are written, with a minimized copy, to
//! `target/python-fuzz/`); `PYTHON_FUZZ_SHOW=SEED` prints one seed's program.

#[path = "fuzz/gen.rs"]
mod gen;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The seeds `cargo test` runs.
const CI_SEEDS: std::ops::Range<u64> = 0..40;

/// How long one run may take: a generated program takes milliseconds on CPython.
const TIMEOUT: Duration = Duration::from_secs(60);

fn out_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/python-fuzz")
}

/// Whether `python3` is CPython 3.11.
fn have_cpython() -> bool {
    Command::new("python3")
        .args([
            "-c",
            "import sys; sys.exit(sys.version_info[:2] != (3, 11))",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Runs `exe` on `file` (in its directory); the comparable text of the run: stdout, then
/// stderr without the indented source lines of a traceback and without the directory,
/// then the exit status.
fn run(exe: &str, file: &Path, env: &[(&str, &str)]) -> String {
    let dir = file.parent().expect("a program file is in a directory");
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut cmd = Command::new(exe);
    if exe == "python3" {
        cmd.arg("-B");
    }
    let mut child = match cmd
        .arg(file.file_name().expect("a program file has a name"))
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LC_ALL", "C.UTF-8")
        .env("PYTHONHASHSEED", "0")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return format!("cannot run {exe}: {e}"),
    };
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
            Ok(Some(s)) => break s.code().unwrap_or(-1),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break -2;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break -3,
        }
    };
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let stderr = stderr.replace(&format!("{}/", dir.display()), "");
    let stderr: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("    ")).collect();
    format!(
        "{stdout}--- stderr\n{}\n--- exit {status}\n",
        stderr.join("\n")
    )
}

/// The first differing line of two outputs, for the report.
fn first_difference(a: &str, b: &str) -> String {
    let (mut xs, mut ys) = (a.lines(), b.lines());
    let mut i = 0;
    loop {
        i += 1;
        match (xs.next(), ys.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => break,
            (x, y) => {
                return format!(
                    "line {i}: python-c {:?}\n              CPython  {:?}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                )
            }
        }
    }
    format!(
        "python-c printed {} lines, CPython {}",
        a.lines().count(),
        b.lines().count()
    )
}

/// The program split into its top-level chunks (a chunk starts at a line without
/// indentation).
fn chunks(program: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in program.lines() {
        let top = !line.starts_with(' ') && !line.starts_with("except");
        if top || out.is_empty() {
            out.push(String::new());
        }
        let last = out.last_mut().expect("a chunk was pushed");
        last.push_str(line);
        last.push('\n');
    }
    out
}

/// Drops top-level chunks while `bad` still holds (greedy, one pass per size).
fn minimize(program: &str, bad: &dyn Fn(&str) -> bool) -> String {
    let mut cur = chunks(program);
    let mut i = 0;
    while i < cur.len() {
        let mut cand = cur.clone();
        cand.remove(i);
        if bad(&cand.concat()) {
            cur = cand;
        } else {
            i += 1;
        }
    }
    cur.concat()
}

struct Outcome {
    seed: u64,
    what: String,
}

/// Checks one seed: `None` when every run agrees.
fn check(seed: u64, exe: &str, cpython: bool, dir: &Path) -> Option<Outcome> {
    let program = gen::generate(seed);
    let file = dir.join(format!("seed{seed}.py"));
    if std::fs::write(&file, &program).is_err() {
        return Some(Outcome {
            seed,
            what: format!("cannot write {}", file.display()),
        });
    }
    let off = run(exe, &file, &[("PYRITE_JIT", "off")]);
    let jit = run(
        exe,
        &file,
        &[("PYRITE_JIT", "threshold=1,trace_eagerness=1")],
    );
    let mut what = None;
    if off != jit {
        what = Some(format!(
            "JIT on and off disagree: {}",
            first_difference(&jit, &off)
        ));
    } else if cpython {
        let reference = run("python3", &file, &[]);
        if off != reference {
            let diff = first_difference(&off, &reference);
            // Keep the smallest program that still disagrees with CPython.
            let scratch = dir.join(format!("seed{seed}.min.py"));
            let bad = |p: &str| {
                std::fs::write(&scratch, p).is_ok()
                    && run(exe, &scratch, &[("PYRITE_JIT", "off")]) != run("python3", &scratch, &[])
            };
            let min = minimize(&program, &bad);
            let _ = std::fs::write(&scratch, &min);
            what = Some(format!(
                "differs from CPython: {diff}\n    program: {}\n    minimized: {}",
                file.display(),
                scratch.display()
            ));
        }
    }
    match what {
        None => {
            let _ = std::fs::remove_file(&file);
            None
        }
        Some(what) => Some(Outcome { seed, what }),
    }
}

fn seeds() -> std::ops::Range<u64> {
    let Ok(text) = std::env::var("PYTHON_FUZZ_SEEDS") else {
        return CI_SEEDS;
    };
    let parsed = text
        .split_once("..")
        .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
    match parsed {
        Some((a, b)) if a < b => a..b,
        _ => panic!("PYTHON_FUZZ_SEEDS={text:?} is not a range START..END with START < END"),
    }
}

#[test]
fn generator_is_deterministic() {
    assert_eq!(gen::generate(7), gen::generate(7));
    assert_ne!(gen::generate(7), gen::generate(8));
}

#[test]
fn python_c_agrees_with_cpython_on_random_programs() {
    if let Ok(s) = std::env::var("PYTHON_FUZZ_SHOW") {
        let seed: u64 = s.parse().expect("PYTHON_FUZZ_SHOW is a seed");
        println!("{}", gen::generate(seed));
        return;
    }
    let exe = env!("CARGO_BIN_EXE_python-c");
    let cpython = have_cpython();
    if !cpython {
        eprintln!(
            "note: python3 is not CPython 3.11: comparing python-c with the JIT on and off only"
        );
    }
    let dir = out_dir();
    std::fs::create_dir_all(&dir).expect("the fuzz output directory can be created");
    let range = seeds();
    let start = Instant::now();
    let next = std::sync::atomic::AtomicU64::new(range.start);
    let failures = std::sync::Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(4);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let seed = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if seed >= range.end {
                    break;
                }
                if let Some(o) = check(seed, exe, cpython, &dir) {
                    eprintln!("seed {}: {}", o.seed, o.what);
                    failures
                        .lock()
                        .expect("no thread panics holding it")
                        .push(o);
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("no thread panicked");
    failures.sort_by_key(|o| o.seed);
    eprintln!(
        "python fuzz: {} programs (seeds {}..{}) in {:.1}s, {} disagreements",
        range.end - range.start,
        range.start,
        range.end,
        start.elapsed().as_secs_f64(),
        failures.len()
    );
    if !failures.is_empty() {
        let seeds: Vec<String> = failures.iter().map(|o| o.seed.to_string()).collect();
        panic!(
            "{} of {} programs disagree (seeds {}); see the messages above",
            failures.len(),
            range.end - range.start,
            seeds.join(", ")
        );
    }
}
