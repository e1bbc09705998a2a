//! The `tl` binary: exit code 2 and the expected message for malformed programs
//! (`examples/bad/NAME.err`), exit code 1 for runtime errors (`tests/runtime/NAME.err`
//! and `.out`), and usage errors.

mod common;

use std::path::Path;
use std::process::{Command, Output};

const TL: &str = env!("CARGO_BIN_EXE_tl");
const TL_PLAIN: &str = env!("CARGO_BIN_EXE_tl-plain");

fn run(bin: &str, args: &[&str]) -> Output {
    Command::new(bin)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn malformed_programs_exit_2_with_their_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = common::programs("examples/bad");
    assert!(
        programs.len() >= 6,
        "expected at least 6 bad programs, found {programs:?}"
    );
    let mut failures = Vec::new();
    for path in &programs {
        let out = run(TL, &[path]);
        if out.status.code() != Some(2) {
            failures.push(format!("{path}: exit status {:?}, expected 2", out.status));
        }
        if !out.stdout.is_empty() {
            failures.push(format!("{path}: printed to stdout: {}", text(&out.stdout)));
        }
        let err_file = root.join(path).with_extension("err");
        if let Some(mismatch) = common::check_golden(&err_file, &text(&out.stderr)) {
            failures.push(mismatch);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn runtime_errors_exit_1_after_the_output_so_far() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = common::programs("tests/runtime");
    assert!(!programs.is_empty());
    let mut failures = Vec::new();
    for path in &programs {
        for bin in [TL, TL_PLAIN] {
            let out = run(bin, &[path]);
            if out.status.code() != Some(1) {
                failures.push(format!("{path}: exit status {:?}, expected 1", out.status));
            }
            let stderr = text(&out.stderr).replace("tl-plain", "tl");
            for (ext, actual) in [("out", text(&out.stdout)), ("err", stderr)] {
                let file = root.join(path).with_extension(ext);
                if let Some(mismatch) = common::check_golden(&file, &actual) {
                    failures.push(mismatch);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn both_binaries_run_an_example() {
    for bin in [TL, TL_PLAIN] {
        let out = run(bin, &["examples/countdown.tl"]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "5\n4\n3\n2\n1\n0\n");
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    let cases: [(&[&str], &str); 4] = [
        (&[], "tl: error: no program given\nusage: tl PROGRAM.tl\n"),
        (
            &["a.tl", "b.tl"],
            "tl: error: expected one program file, got 2 arguments\nusage: tl PROGRAM.tl\n",
        ),
        (
            &["--fast"],
            "tl: error: unknown option `--fast`\nusage: tl PROGRAM.tl\n",
        ),
        (
            &["examples/no_such_program.tl"],
            "tl: error: cannot read `examples/no_such_program.tl`: ",
        ),
    ];
    for (args, start) in cases {
        let out = run(TL, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(start), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_directory_or_binary_file_is_rejected() {
    let out = run(TL, &["examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("tl: error: cannot read `examples`: "));
    let dir = std::env::temp_dir().join(format!("tl-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("binary.tl");
    std::fs::write(&file, [0xff, 0xfe, 0x00]).expect("temp file");
    let path = file.to_string_lossy().into_owned();
    let out = run(TL, &[&path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not UTF-8 text"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_exits_0() {
    let out = run(TL, &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("usage: tl PROGRAM.tl"));
}

#[test]
fn a_runaway_push_loop_is_a_stack_overflow_of_the_program() {
    // Not in `tests/runtime`, whose programs also run through the blackhole: ten
    // million pushes are quick natively only.
    let dir = std::env::temp_dir().join(format!("tl-cli-overflow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("overflow.tl");
    std::fs::write(&file, "push 7\nprint\nloop:\n    push 1\n    br loop\n").expect("temp file");
    let path = file.to_string_lossy().into_owned();
    for bin in [TL, TL_PLAIN] {
        let out = run(bin, &[&path]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "7\n");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(":4:5: runtime error: stack overflow: the data stack holds 10000000"),
            "{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
