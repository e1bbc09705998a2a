//! The command line: `tlc PROGRAM.tlc`.
//!
//! Exit codes: 0 when the program halts, 1 when it fails at run time (stack underflow,
//! a type error, ...), 2 for bad usage, an unreadable file or a malformed program.

use crate::{asm, diagnostics, io, Status};
use std::process::ExitCode;

fn usage(bin: &str) -> String {
    format!(
        "usage: {bin} PROGRAM.tlc\n\
         Runs a tlc program: one instruction a line, `label:` lines, `#` comments,\n\
         `class NAME attr...` and `method CLASS NAME LABEL` declarations.\n"
    )
}

/// Runs the command line of the binary `bin` and returns its exit code.
pub fn main(bin: &str) -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let path = match args.as_slice() {
        [a] if a == "-h" || a == "--help" => {
            print!("{}", usage(bin));
            return ExitCode::SUCCESS;
        }
        [a] if !a.to_string_lossy().starts_with('-') => a.clone(),
        _ => {
            eprint!("{bin}: error: expected one program file\n{}", usage(bin));
            return ExitCode::from(2);
        }
    };
    let (shown, bytes) = match diagnostics::read_program(bin, &path) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let source = match diagnostics::program_text(bin, &shown, bytes, "tlc") {
        Ok(text) => text,
        Err(code) => return code,
    };
    let assembled = match asm::assemble(&source) {
        Ok(a) => a,
        Err(errors) => {
            let rendered = asm::render_errors(&shown, &source, &errors);
            return diagnostics::not_run(bin, &shown, &rendered, errors.len());
        }
    };
    let outcome = crate::run(&assembled);
    if let Err(code) = diagnostics::output_flushed(bin, io::flush()) {
        return code;
    }
    if outcome.status == Status::Halted {
        return ExitCode::SUCCESS;
    }
    let pos = assembled
        .positions
        .get(outcome.pc)
        .copied()
        .unwrap_or_default();
    let name = asm::name_of(assembled.code.get(outcome.pc).copied().unwrap_or(0));
    let what = match outcome.status {
        Status::Halted => "halted",
        Status::StackUnderflow => "stack underflow",
        Status::TypeError => "type error: an operand of the wrong kind",
        Status::DivisionByZero => "division by zero",
        Status::NoSuchAttribute => "the instance's class has no such attribute",
        Status::NoSuchMethod => "the receiver's class has no such method",
        Status::CallStackOverflow => "call stack overflow",
        Status::StackOverflow => "stack overflow",
    };
    eprintln!(
        "{shown}:{}:{}: runtime error in `{name}`: {what} (pc {})",
        pos.line, pos.column, outcome.pc
    );
    ExitCode::from(1)
}
