//! `bf-plain PROGRAM.b`: runs a Brainfuck program on the same core compiled without
//! `#[jitsupport::interpreter]`, for the benchmark (bench/bf-attribute.sh).

fn main() -> std::process::ExitCode {
    bf::cli::main("bf-plain", bf::Core::Plain)
}
