//! `tl PROGRAM.tl`: runs a tl program on the core compiled through
//! `#[jitsupport::interpreter]`.

fn main() -> std::process::ExitCode {
    tl::cli::main("tl", tl::Core::Attributed)
}
