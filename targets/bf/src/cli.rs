//! The command line shared by the `bf` and `bf-plain` binaries: `bf PROGRAM.b`, with
//! the program's input on stdin.
//!
//! Exit codes: 0 when the program runs to its end, 2 for bad usage, an unreadable file,
//! unbalanced brackets or a move left of cell 0, 1 when the output cannot be written.

use crate::load::{self, Loaded, Pos};
use crate::{diagnostics, io, Core, Outcome, Status};
use std::process::ExitCode;

fn usage(bin: &str) -> String {
    format!(
        "usage: {bin} PROGRAM.b\n\
         Runs a Brainfuck program on its input from stdin. Characters other than the eight\n\
         commands `><+-.,[]` are comments.\n"
    )
}

/// Runs the command line of the binary `bin` on `core` and returns its exit code.
pub fn main(bin: &str, core: Core) -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let path = match args.as_slice() {
        [] => {
            eprint!("{bin}: error: no program given\n{}", usage(bin));
            return ExitCode::from(2);
        }
        [a] if a == "-h" || a == "--help" => {
            print!("{}", usage(bin));
            return ExitCode::SUCCESS;
        }
        [a] if a.to_string_lossy().starts_with('-') => {
            eprint!(
                "{bin}: error: unknown option `{}`\n{}",
                a.to_string_lossy(),
                usage(bin)
            );
            return ExitCode::from(2);
        }
        [a] => a.clone(),
        more => {
            eprint!(
                "{bin}: error: expected one program file, got {} arguments\n{}",
                more.len(),
                usage(bin)
            );
            return ExitCode::from(2);
        }
    };
    let (shown, bytes) = match diagnostics::read_program(bin, &path) {
        Ok(read) => read,
        Err(code) => return code,
    };
    // Comments may be in any encoding: only the eight ASCII commands matter, and a
    // lossy decoding keeps them and the line structure.
    let source = String::from_utf8_lossy(&bytes);
    let loaded = match load::load(&source) {
        Ok(l) => l,
        Err(errors) => {
            let rendered = load::render_errors(&shown, &source, &errors);
            return diagnostics::not_run(bin, &shown, &rendered, errors.len());
        }
    };
    let outcome = crate::run(&loaded.code, &loaded.brackets, core);
    if let Err(code) = diagnostics::output_flushed(bin, io::flush()) {
        return code;
    }
    if let Some(e) = io::read_error() {
        eprintln!("{bin}: warning: reading the input failed ({e}); `,` read it as ended");
    }
    if outcome.status == Status::Halted {
        return ExitCode::SUCCESS;
    }
    eprint!(
        "{}",
        runtime_error_message(&shown, &source, &loaded, outcome)
    );
    ExitCode::from(2)
}

/// The message for a run that failed: `path:line:col: runtime error: ...`, the source
/// line with a caret, and the position in the commands.
pub fn runtime_error_message(
    path: &str,
    source: &str,
    loaded: &Loaded,
    outcome: Outcome,
) -> String {
    let pc = outcome.pc;
    let what = match outcome.status {
        Status::Halted => "the program ended".to_string(),
        Status::MovedLeftOfTape => {
            "`<` moved left of cell 0, the first cell of the tape (the tape grows only \
             to the right)"
                .to_string()
        }
        Status::BadProgram => "bad program (a bug in the loader, please report it)".to_string(),
    };
    let pos = loaded
        .positions
        .get(pc)
        .copied()
        .unwrap_or(Pos { line: 0, column: 0 });
    let mut out = format!(
        "{path}:{}:{}: runtime error: {what} (command {pc})\n",
        pos.line, pos.column
    );
    if pos.line > 0 {
        out.push_str(&load::source_excerpt(source, pos));
    }
    out
}
