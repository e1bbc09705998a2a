//! Every example program gives the same output and outcome natively and through the
//! blackhole interpreter running the portal's jitcode (`run`) from its start, with the
//! same arguments: the first two ways of the three-way harness (`jitsupport::testing`).

mod common;

use bf::interp::core::{self, Outcome, Program, Tape};
use jitsupport::blackhole::{Args, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::testing::{compare, Target, Way};
use jitsupport::List;
use std::path::Path;

/// A loaded program and its input.
struct Case {
    code: Vec<u8>,
    brackets: Vec<usize>,
    input: Vec<u8>,
}

impl Case {
    fn new(name: &str, source: &str, input: &[u8]) -> Case {
        match bf::load::load(source) {
            Ok(loaded) => Case {
                code: loaded.code,
                brackets: loaded.brackets,
                input: input.to_vec(),
            },
            Err(errors) => panic!("{name} does not load: {errors:#?}"),
        }
    }
}

/// bf as the harness sees it: the portal is `run(&Program, &mut Tape) -> Outcome`.
struct Bf;

impl Target for Bf {
    type Case = Case;
    type State = (Program, Tape);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(case: &Case) -> (Program, Tape) {
        let program = Program::new(
            List::from(case.code.clone()),
            List::from(case.brackets.clone()),
        );
        (program, Tape::new())
    }

    fn call_native((program, tape): &mut (Program, Tape)) -> Outcome {
        core::run(program, tape)
    }

    fn portal_args((program, tape): &mut (Program, Tape)) -> Args {
        let program: *const Program = program;
        let tape: *mut Tape = tape;
        Args::new(&[], &[program as usize, tape as usize], &[])
    }

    unsafe fn result_from(value: Value) -> Outcome {
        match value {
            // Safety: the portal's jitcode returns the address of an `Outcome`.
            Value::Ref(address) => unsafe { *(address as *const Outcome) },
            other => panic!("the portal's jitcode returned {other:?}, not an Outcome"),
        }
    }

    fn capture<R>(case: &Case, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        bf::io::capture(&case.input, f)
    }
}

#[test]
fn the_registry_has_the_portal() {
    let portal = core::__pyrite::portal("DRIVER").expect("DRIVER has a portal");
    assert_eq!(Bf::jitcodes().portal(0), Some(portal));
    assert_eq!(Bf::jitcodes().find("run"), Some(portal));
}

#[test]
fn examples_agree_natively_and_through_the_blackhole() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = common::programs("examples");
    assert!(!programs.is_empty(), "expected the examples");
    let mut failures = Vec::new();
    for path in &programs {
        // The benchmark runs for minutes through the blackhole (two orders of magnitude
        // slower than native), even optimised: the test below runs it with small counts.
        if path.ends_with("bench.b") {
            continue;
        }
        let source = std::fs::read_to_string(root.join(path)).expect("example is readable");
        let input = std::fs::read(root.join(path).with_extension("in")).unwrap_or_default();
        match compare::<Bf>(&Way::ALL, &Case::new(path, &source, &input)) {
            Ok(seen) => {
                let expected = root.join(path).with_extension("out");
                if let Some(mismatch) = common::check_golden_bytes(&expected, &seen.output) {
                    failures.push(format!("{path}: {mismatch}"));
                }
            }
            Err(why) => failures.push(format!("{path}:\n{why}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn small_programs_agree_natively_and_through_the_blackhole() {
    let cases = [
        ("moving left of cell 0", "+.<.", &b""[..]),
        ("end of input stores 0", ",.,.,.", &b"A"[..]),
        ("wrapping", "-.+.", &b""[..]),
        ("nested loops", "++[>+++[>++<-]<-]>>.", &b""[..]),
        ("skipped loop", "[.]+.", &b""[..]),
        ("empty", "", &b""[..]),
    ];
    let mut failures = Vec::new();
    for (name, source, input) in cases {
        if let Err(why) = compare::<Bf>(&Way::ALL, &Case::new(name, source, input)) {
            failures.push(format!("{name}:\n{why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bench_with_small_counts_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("examples/bench.b")).expect("readable");
    let small = with_counts(&source, 3);
    if let Err(why) = compare::<Bf>(&Way::ALL, &Case::new("bench.b", &small, b"")) {
        panic!("bench.b with small counts:\n{why}");
    }
}

/// Not a test: times `examples/bench.b` with its three counts of 255 set to
/// `BENCH_BF_COUNT` (default 100; 255 runs for minutes through the blackhole) natively
/// and through the blackhole, best of `BENCH_RUNS` (default 3) runs each, and prints a
/// `BENCH` line that `bench/blackhole.sh` turns into a table.
#[test]
#[ignore = "a benchmark: bench/blackhole.sh runs it in release"]
fn bench_native_against_blackhole() {
    let runs: usize = env_number("BENCH_RUNS", 3);
    let count: u64 = env_number("BENCH_BF_COUNT", 100);
    assert!(
        (1..=255).contains(&count),
        "BENCH_BF_COUNT must be 1 to 255"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("examples/bench.b")).expect("readable");
    let case = Case::new("bench.b", &with_counts(&source, count), b"");
    // The program prints (3 * count^3 + 68) mod 256 and a newline (see bench_small in
    // tests/examples.rs).
    let expected = vec![((3 * count * count * count + 68) % 256) as u8, b'\n'];
    let mut best = Vec::new();
    for way in [Way::Native, Way::Blackhole] {
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = std::time::Instant::now();
            let seen = jitsupport::testing::run::<Bf>(way, &case);
            times.push(start.elapsed().as_secs_f64());
            assert_eq!(seen.output, expected, "bench.b output {way:?}");
        }
        best.push(times.into_iter().fold(f64::INFINITY, f64::min));
    }
    println!(
        "BENCH bf bench.b(count={count}) native={:.4} blackhole={:.4}",
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

/// `bench.b` with each of its three counts of 255 (a `-` from 0 on a line saying
/// `count 255`) replaced by `count` (that many `+`).
fn with_counts(source: &str, count: u64) -> String {
    let set = "+".repeat(count as usize);
    source
        .lines()
        .map(|l| {
            if l.contains("count 255") {
                l.replacen('-', &set, 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
