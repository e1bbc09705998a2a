//! The `bf` and `bf-plain` binaries: exit code 2 and the expected message for bad
//! programs (`examples/bad/NAME.err`, and `.out` for the output written before a
//! run-time error), input from stdin, output flushed before every read, and usage
//! errors.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BF: &str = env!("CARGO_BIN_EXE_bf");
const BF_PLAIN: &str = env!("CARGO_BIN_EXE_bf-plain");

fn run(bin: &str, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // A program that does not read its input closes the pipe early: ignore the error.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn bad_programs_exit_2_with_their_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let programs = common::programs("examples/bad");
    assert!(
        programs.len() >= 3,
        "expected at least 3 bad programs, found {programs:?}"
    );
    let mut failures = Vec::new();
    for path in &programs {
        for bin in [BF, BF_PLAIN] {
            let out = run(bin, &[path], b"");
            if out.status.code() != Some(2) {
                failures.push(format!("{path}: exit status {:?}, expected 2", out.status));
            }
            let out_file = root.join(path).with_extension("out");
            if out_file.exists() {
                if let Some(mismatch) = common::check_golden_bytes(&out_file, &out.stdout) {
                    failures.push(mismatch);
                }
            } else if !out.stdout.is_empty() {
                failures.push(format!("{path}: printed to stdout: {}", text(&out.stdout)));
            }
            let stderr = text(&out.stderr).replace("bf-plain", "bf");
            let err_file = root.join(path).with_extension("err");
            if let Some(mismatch) = common::check_golden(&err_file, &stderr) {
                failures.push(mismatch);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn both_binaries_read_stdin_and_write_raw_bytes() {
    for bin in [BF, BF_PLAIN] {
        let out = run(bin, &["examples/reverse.b"], b"ab\xffc");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(out.stdout, b"c\xffba");
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn output_is_flushed_before_each_read() {
    // Writes `A`, then reads a byte and writes it back: the `A` must arrive before the
    // program waits for its input, as a prompt must.
    let dir = std::env::temp_dir().join(format!("bf-cli-prompt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let program = dir.join("prompt.b");
    std::fs::write(&program, "++++++++[>++++++++<-]>+.,.").expect("temp file");
    let mut child = Command::new(BF)
        .arg(&program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut prompt = [0u8; 1];
        let got = stdout.read_exact(&mut prompt).map(|_| prompt[0]);
        let _ = tx.send(got.ok());
    });
    // The input stays open: without the flush, the `A` would wait for the exit.
    let got = rx.recv_timeout(Duration::from_secs(20));
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let _ = stdin.write_all(b"z");
    drop(stdin);
    let status = child.wait().expect("the binary exits");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        got,
        Ok(Some(b'A')),
        "the prompt did not arrive before the read"
    );
    assert!(status.success());
}

#[test]
fn usage_errors_exit_2() {
    let cases: [(&[&str], &str); 4] = [
        (&[], "bf: error: no program given\nusage: bf PROGRAM.b\n"),
        (
            &["a.b", "b.b"],
            "bf: error: expected one program file, got 2 arguments\nusage: bf PROGRAM.b\n",
        ),
        (
            &["--fast"],
            "bf: error: unknown option `--fast`\nusage: bf PROGRAM.b\n",
        ),
        (
            &["examples/no_such_program.b"],
            "bf: error: cannot read `examples/no_such_program.b`: ",
        ),
    ];
    for (args, start) in cases {
        let out = run(BF, args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(start), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_directory_is_rejected_and_binary_comments_are_fine() {
    let out = run(BF, &["examples"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("bf: error: cannot read `examples`: "));
    let dir = std::env::temp_dir().join(format!("bf-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("binary.b");
    // Bytes that are not UTF-8 are comments like any other.
    let mut program = vec![0xff, 0xfe, 0x00, b'\n'];
    program.extend_from_slice(b"++++++++[>++++++++<-]>++.");
    std::fs::write(&file, program).expect("temp file");
    let path = file.to_string_lossy().into_owned();
    let out = run(BF, &[&path], b"");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(out.stdout, b"B");
}

#[test]
fn help_exits_0() {
    let out = run(BF, &["--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("usage: bf PROGRAM.b"));
}
