//! Every example program gives its expected output (`examples/NAME.out`) on both
//! compilations of the core: through `#[jitsupport::interpreter]` and plain.

mod common;

use std::path::Path;
use tl::{Core, Status};

fn run_captured(source: &str, core: Core) -> (tl::Outcome, String) {
    let assembled = match tl::asm::assemble(source) {
        Ok(a) => a,
        Err(errors) => panic!("the program does not assemble: {errors:#?}"),
    };
    tl::io::capture(|| tl::run(&assembled.code, core))
}

/// Checks one example on both cores; returns the mismatches.
fn check_example(path: &str, source: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected_file = root.join(path).with_extension("out");
    let mut failures = Vec::new();
    for core in [Core::Attributed, Core::Plain] {
        let (outcome, output) = run_captured(source, core);
        if outcome.status != Status::Halted {
            failures.push(format!("{path} on {core:?}: ended with {outcome:?}"));
        }
        if let Some(mismatch) = common::check_golden(&expected_file, &output) {
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
        programs.len() >= 8,
        "expected at least 8 examples, found {programs:?}"
    );
    let mut failures = Vec::new();
    for path in &programs {
        // The benchmark loop takes a minute unoptimised: the test below runs it with a
        // small N; a release build (`cargo test --release`) runs it whole here.
        if path.ends_with("loop_bench.tl") && cfg!(debug_assertions) {
            eprintln!("note: {path} runs with a small N in a debug build (see loop_bench_small_n)");
            continue;
        }
        let source = std::fs::read_to_string(root.join(path)).expect("example is readable");
        failures.extend(check_example(path, &source));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn loop_bench_small_n() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source =
        std::fs::read_to_string(root.join("examples/loop_bench.tl")).expect("example is readable");
    let n_line = source
        .lines()
        .find(|l| l.starts_with("push "))
        .expect("loop_bench.tl starts with `push N`");
    for n in [1i64, 2, 1000] {
        let small = source.replacen(n_line, &format!("push {n}"), 1);
        for core in [Core::Attributed, Core::Plain] {
            let (outcome, output) = run_captured(&small, core);
            assert_eq!(outcome.status, Status::Halted);
            assert_eq!(
                output,
                format!("{}\n", n * (n + 1) / 2),
                "N = {n} on {core:?}"
            );
        }
    }
}

#[test]
fn top_level_return_ends_the_program() {
    for core in [Core::Attributed, Core::Plain] {
        let (outcome, output) = run_captured("push 1\nprint\nreturn\npush 2\nprint\n", core);
        assert_eq!(outcome.status, Status::Halted);
        assert_eq!(outcome.pc, 3);
        assert_eq!(output, "1\n");
    }
}

#[test]
fn runtime_errors_are_outcomes_with_the_pc() {
    let cases = [
        ("push 1\nadd\n", Status::StackUnderflow, 2),
        ("pop\n", Status::StackUnderflow, 0),
        ("swap\n", Status::StackUnderflow, 0),
        ("dup\n", Status::StackUnderflow, 0),
        ("br_if x\nx:\n", Status::StackUnderflow, 0),
        ("push 1\npush 0\ndiv\n", Status::DivisionByZero, 4),
        ("push 1\npush 0\nmod\n", Status::DivisionByZero, 4),
        ("push 1\npick 1\n", Status::PickOutOfRange, 2),
        ("roll 0\n", Status::PickOutOfRange, 0),
        ("f:\ncall f\n", Status::CallStackOverflow, 0),
    ];
    for (source, status, pc) in cases {
        for core in [Core::Attributed, Core::Plain] {
            let (outcome, _) = run_captured(source, core);
            assert_eq!(
                outcome,
                tl::Outcome { status, pc },
                "{source:?} on {core:?}"
            );
        }
    }
}

#[test]
fn malformed_bytecode_is_an_outcome_not_a_panic() {
    use tl::interp::core as op;
    let cases: [(&[i64], usize); 8] = [
        (&[0], 0),
        (&[99], 0),
        (&[op::PUSH], 0),
        (&[op::PUSH, 1, op::BR], 2),
        (&[op::PUSH, 1, op::PRINT, -5], 3),
        (&[op::BR, 1, op::HALT], 0),
        (&[op::PUSH, 1, op::BR_IF, -1], 2),
        (&[op::HALT, op::CALL, 4, op::PUSH, 0], 1),
    ];
    for (code, pc) in cases {
        for core in [Core::Attributed, Core::Plain] {
            let (outcome, _) = tl::io::capture(|| tl::run(code, core));
            assert_eq!(
                outcome,
                tl::Outcome {
                    status: Status::BadBytecode,
                    pc
                },
                "{code:?} on {core:?}"
            );
        }
    }
    // A jump past the end of the code ends the program.
    let (outcome, _) = tl::io::capture(|| tl::run(&[op::BR, 1000], Core::Plain));
    assert_eq!(outcome.status, Status::Halted);
}
