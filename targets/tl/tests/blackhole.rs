//! Every example program gives the same output and outcome natively and through the
//! blackhole interpreter running the portal's jitcode (`run`) from its start, with the
//! same arguments: the first two ways of the three-way harness (`jitsupport::testing`).

mod common;

use jitsupport::blackhole::{Args, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::testing::{compare, Target, Way};
use jitsupport::List;
use std::path::Path;
use tl::interp::core::{self, Frame, Outcome, Program};

/// tl as the harness sees it: a case is assembled bytecode; the portal is
/// `run(&Program, &mut Frame) -> Outcome`.
struct Tl;

impl Target for Tl {
    type Case = [i64];
    type State = (Program, Frame);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(code: &[i64]) -> (Program, Frame) {
        (Program::new(List::from(code.to_vec())), Frame::new())
    }

    fn call_native((program, frame): &mut (Program, Frame)) -> Outcome {
        core::run(program, frame)
    }

    fn portal_args((program, frame): &mut (Program, Frame)) -> Args {
        let program: *const Program = program;
        let frame: *mut Frame = frame;
        Args::new(&[], &[program as usize, frame as usize], &[])
    }

    unsafe fn result_from(value: Value) -> Outcome {
        match value {
            // Safety: the portal's jitcode returns the address of an `Outcome`.
            Value::Ref(address) => unsafe { *(address as *const Outcome) },
            other => panic!("the portal's jitcode returned {other:?}, not an Outcome"),
        }
    }

    fn capture<R>(_code: &[i64], f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        let (r, text) = tl::io::capture(f);
        (r, text.into_bytes())
    }
}

fn assemble(path: &str, source: &str) -> Vec<i64> {
    match tl::asm::assemble(source) {
        Ok(a) => a.code,
        Err(errors) => panic!("{path} does not assemble: {errors:#?}"),
    }
}

#[test]
fn the_registry_has_the_portal() {
    let codes = Tl::jitcodes();
    let portal = core::__pyrite::portal("DRIVER").expect("DRIVER has a portal");
    assert_eq!(codes.portal(0), Some(portal));
    assert_eq!(codes.find("run"), Some(portal));
    assert!(codes.find("Frame::pop2").is_some());
}

#[test]
fn examples_agree_natively_and_through_the_blackhole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let programs = common::programs("examples");
    assert!(
        programs.len() >= 8,
        "expected the examples, found {programs:?}"
    );
    for path in &programs {
        let mut source = std::fs::read_to_string(root.join(path)).expect("example is readable");
        // The benchmark's N makes the blackhole (two orders of magnitude slower than
        // native) run for minutes even optimised: a small N shows the same code paths.
        if path.ends_with("loop_bench.tl") {
            source = small_loop_bench(&source, 2000);
        }
        let code = assemble(path, &source);
        match compare::<Tl>(&Way::ALL, code.as_slice()) {
            Ok(seen) if path.ends_with("loop_bench.tl") => {
                let n = loop_bench_n(&source);
                if seen.output != format!("{}\n", n * (n + 1) / 2).into_bytes() {
                    failures.push(format!("{path}: both ways printed a wrong sum"));
                }
            }
            Ok(seen) => {
                let expected = root.join(path).with_extension("out");
                let output = String::from_utf8_lossy(&seen.output);
                if let Some(mismatch) = common::check_golden(&expected, &output) {
                    failures.push(format!("{path}: {mismatch}"));
                }
            }
            Err(why) => failures.push(format!("{path}:\n{why}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn runtime_errors_agree_natively_and_through_the_blackhole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut sources: Vec<(String, String)> = common::programs("tests/runtime")
        .into_iter()
        .map(|p| {
            let s = std::fs::read_to_string(root.join(&p)).expect("program is readable");
            (p, s)
        })
        .collect();
    sources.push((
        "top-level return".into(),
        "push 1\nprint\nreturn\npush 2\nprint\n".into(),
    ));
    sources.push((
        "roll".into(),
        "push 1\npush 2\npush 3\nroll 2\nprint\nprint\nprint\n".into(),
    ));
    sources.push((
        "wrapping div".into(),
        format!("push {}\npush -1\ndiv\nprint\n", i64::MIN),
    ));
    for (name, source) in &sources {
        let code = assemble(name, source);
        if let Err(why) = compare::<Tl>(&Way::ALL, code.as_slice()) {
            failures.push(format!("{name}:\n{why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The N of `loop_bench.tl`: the operand of its first `push`.
fn loop_bench_n(source: &str) -> i64 {
    source
        .lines()
        .find_map(|l| l.strip_prefix("push "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("loop_bench.tl starts with `push N`")
}

/// `loop_bench.tl` with its `push N` replaced by `push n`.
fn small_loop_bench(source: &str, n: i64) -> String {
    let n_line = source
        .lines()
        .find(|l| l.starts_with("push "))
        .expect("loop_bench.tl starts with `push N`");
    source.replacen(n_line, &format!("push {n}"), 1)
}

/// Not a test: times `loop_bench.tl` (N from `BENCH_TL_N`, default 1 000 000) natively
/// and through the blackhole, best of `BENCH_RUNS` (default 3) runs each, and prints a
/// `BENCH` line that `bench/blackhole.sh` turns into a table.
#[test]
#[ignore = "a benchmark: bench/blackhole.sh runs it in release"]
fn bench_native_against_blackhole() {
    let n: i64 = env_number("BENCH_TL_N", 1_000_000);
    let runs: usize = env_number("BENCH_RUNS", 3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source =
        std::fs::read_to_string(root.join("examples/loop_bench.tl")).expect("example is readable");
    let code = assemble("loop_bench.tl", &small_loop_bench(&source, n));
    let mut best = Vec::new();
    for way in [Way::Native, Way::Blackhole] {
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let seen = jitsupport::testing::run::<Tl>(way, code.as_slice());
            times.push(start.elapsed().as_secs_f64());
            assert_eq!(seen.output, format!("{}\n", n * (n + 1) / 2).into_bytes());
        }
        best.push(times.into_iter().fold(f64::INFINITY, f64::min));
    }
    println!(
        "BENCH tl loop_bench.tl(N={n}) native={:.4} blackhole={:.4}",
        best[0], best[1]
    );
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not `{v}`")),
        Err(_) => default,
    }
}
