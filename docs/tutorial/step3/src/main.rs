#[path = "../../common.rs"]
mod common;
mod interp;

fn main() -> std::process::ExitCode {
    common::main(|code| {
        let program = interp::core::Program::new(code.into());
        let mut tape = interp::core::Tape::new();
        interp::core::run(&program, &mut tape);
    })
}
