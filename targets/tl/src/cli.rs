//! The command line shared by the `tl` and `tl-plain` binaries: `tl PROGRAM.tl`.
//!
//! Exit codes: 0 when the program halts, 1 when it fails at run time (stack underflow,
//! division by zero, ...), 2 for bad usage, an unreadable file or a malformed program.

use crate::asm::{self, Assembled, Instruction, Pos};
use crate::{diagnostics, io, Core, Outcome, Status};
use std::process::ExitCode;

fn usage(bin: &str) -> String {
    format!(
        "usage: {bin} PROGRAM.tl\n\
         Runs a tl program: one instruction a line, `label:` lines, `#` comments.\n"
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
        [a] if a.to_string_lossy().starts_with('-') && a != "-" => {
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
    let source = match diagnostics::program_text(bin, &shown, bytes, "tl") {
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
    let outcome = crate::run(&assembled.code, core);
    if let Err(code) = diagnostics::output_flushed(bin, io::flush()) {
        return code;
    }
    if outcome.status == Status::Halted {
        return ExitCode::SUCCESS;
    }
    eprint!(
        "{}",
        runtime_error_message(&shown, &source, &assembled, outcome)
    );
    ExitCode::from(1)
}

/// The message for a run that failed: `path:line:col: runtime error: ...`, the source
/// line with a caret, and the pc.
pub fn runtime_error_message(
    path: &str,
    source: &str,
    assembled: &Assembled,
    outcome: Outcome,
) -> String {
    let pc = outcome.pc;
    let opcode = assembled.code.get(pc).copied().unwrap_or(0);
    let insn = Instruction::of_opcode(opcode);
    let name = insn.map_or("?", |i| i.name);
    let operand = assembled.code.get(pc + 1).copied().unwrap_or(0);
    let what = match outcome.status {
        Status::Halted => "the program halted".to_string(),
        Status::StackUnderflow => {
            let pops = insn.map_or(1, |i| i.pops);
            let s = if pops == 1 { "" } else { "s" };
            format!("stack underflow: `{name}` needs {pops} value{s} on the stack")
        }
        Status::DivisionByZero => format!("division by zero in `{name}`"),
        Status::CallStackOverflow => format!(
            "call stack overflow: more than {} nested calls (is a recursion missing its \
             base case?)",
            crate::interp::core::MAX_CALL_DEPTH
        ),
        Status::StackOverflow => format!(
            "stack overflow: the data stack holds {} values already (is a loop pushing \
             without popping?)",
            crate::interp::core::MAX_STACK_DEPTH
        ),
        Status::PickOutOfRange => format!(
            "`{name} {operand}` needs at least {} values on the stack",
            operand.saturating_add(1)
        ),
        Status::BadBytecode => {
            format!("bad bytecode `{opcode}` (a bug in the loader, please report it)")
        }
    };
    let pos = assembled
        .positions
        .get(pc)
        .copied()
        .unwrap_or(Pos { line: 0, column: 0 });
    let mut out = format!(
        "{path}:{}:{}: runtime error: {what} (pc {pc})\n",
        pos.line, pos.column
    );
    if pos.line > 0 {
        out.push_str(&asm::source_excerpt(source, pos, name.chars().count()));
    }
    out
}
