//! `bf PROGRAM.b`: runs a Brainfuck program on the core compiled through
//! `#[jitsupport::interpreter]`, reading its input from stdin.

fn main() -> std::process::ExitCode {
    bf::cli::main("bf", bf::Core::Attributed)
}
