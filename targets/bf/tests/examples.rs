//! Every example program, given its input (`examples/NAME.in`, or none), writes its
//! expected output (`examples/NAME.out`) on both compilations of the core: through
//! `#[jitsupport::interpreter]` and plain. Also the run-time behaviour the examples do
//! not show: the end of input, moving left of cell 0, bad bracket maps.

mod common;

use bf::{Core, Outcome, Status};
use std::path::Path;

const CORES: [Core; 2] = [Core::Attributed, Core::Plain];

fn run_captured(source: &str, input: &[u8], core: Core) -> (Outcome, Vec<u8>) {
    let loaded = match bf::load::load(source) {
        Ok(l) => l,
        Err(errors) => panic!("the program does not load: {errors:#?}"),
    };
    bf::io::capture(input, || bf::run(&loaded.code, &loaded.brackets, core))
}

/// Checks one example on both cores; returns the mismatches.
fn check_example(path: &str, source: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read(root.join(path).with_extension("in")).unwrap_or_default();
    let expected_file = root.join(path).with_extension("out");
    let mut failures = Vec::new();
    for core in CORES {
        let (outcome, output) = run_captured(source, &input, core);
        if outcome.status != Status::Halted {
            failures.push(format!("{path} on {core:?}: ended with {outcome:?}"));
        }
        if let Some(mismatch) = common::check_golden_bytes(&expected_file, &output) {
            failures.push(format!("{path} on {core:?}: {mismatch}"));
        }
    }
    failures
}

#[test]
fn examples_give_their_output_on_both_cores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = common::programs("examples");
    assert!(
        programs.len() >= 6,
        "expected at least 6 examples, found {programs:?}"
    );
    let mut failures = Vec::new();
    for path in &programs {
        // The benchmark takes most of a minute unoptimised: the test below runs it with
        // small counts; a release build (`cargo test --release`) runs it whole here.
        if path.ends_with("bench.b") && cfg!(debug_assertions) {
            eprintln!("note: {path} runs with small counts in a debug build (see bench_small)");
            continue;
        }
        let source = std::fs::read_to_string(root.join(path)).expect("example is readable");
        failures.extend(check_example(path, &source));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bench_small() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("examples/bench.b")).expect("readable");
    // The three counts are set by `-` (255) at the start of three lines.
    let count_lines: Vec<&str> = source
        .lines()
        .filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with(">-"))
        .filter(|l| l.contains("count 255"))
        .collect();
    assert_eq!(count_lines.len(), 3, "bench.b sets three counts to 255");
    for n in [1u64, 2, 7] {
        let mut small = source.clone();
        for line in &count_lines {
            let set = "+".repeat(n as usize);
            small = small.replacen(line, &line.replacen('-', &set, 1), 1);
        }
        let expected = [((3 * n * n * n + 68) % 256) as u8, b'\n'];
        for core in CORES {
            let (outcome, output) = run_captured(&small, b"", core);
            assert_eq!(outcome.status, Status::Halted);
            assert_eq!(output, expected, "counts {n} on {core:?}");
        }
    }
}

#[test]
fn comma_stores_0_at_the_end_of_input() {
    for core in CORES {
        // The cell holds 5 before `,`: the end of input overwrites it with 0.
        let (outcome, output) = run_captured("+++++,.,.", b"x", core);
        assert_eq!(outcome.status, Status::Halted);
        assert_eq!(output, b"x\0", "{core:?}");
    }
}

#[test]
fn output_is_raw_bytes() {
    for core in CORES {
        let (_, output) = run_captured("-.+.", b"", core);
        assert_eq!(output, [255, 0], "{core:?}");
    }
}

#[test]
fn moving_left_of_cell_0_is_an_outcome_with_the_position() {
    let cases = [("<", 0), ("+>+<<", 4), ("comment >+[<<]", 4)];
    for (source, pc) in cases {
        for core in CORES {
            let (outcome, _) = run_captured(source, b"", core);
            assert_eq!(
                outcome,
                Outcome {
                    status: Status::MovedLeftOfTape,
                    pc
                },
                "{source:?} on {core:?}"
            );
        }
    }
}

#[test]
fn empty_program_halts_at_0() {
    for core in CORES {
        let (outcome, output) = run_captured("no commands here", b"", core);
        assert_eq!(
            outcome,
            Outcome {
                status: Status::Halted,
                pc: 0
            }
        );
        assert!(output.is_empty());
    }
}

#[test]
fn bad_bracket_maps_are_an_outcome_not_a_panic() {
    let cases: [(&[u8], &[usize], usize); 7] = [
        (b"[]", &[1], 0),
        (b"[]", &[5, 0], 0),
        (b"[]", &[0, 0], 0),
        (b"[+]", &[1, 0, 0], 0),
        (b"+][", &[0, 2, 1], 1),
        (b"+x", &[0, 0], 1),
        (b"[[]]", &[3, 2, 1, 1], 0),
    ];
    for (code, brackets, pc) in cases {
        for core in CORES {
            let (outcome, _) = bf::io::capture(b"", || bf::run(code, brackets, core));
            assert_eq!(
                outcome,
                Outcome {
                    status: Status::BadProgram,
                    pc
                },
                "{code:?} {brackets:?} on {core:?}"
            );
        }
    }
}
