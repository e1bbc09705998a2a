//! `tl-plain PROGRAM.tl`: runs a tl program on the same core compiled without
//! `#[jitsupport::interpreter]`, for the benchmark (bench/tl-attribute.sh).

fn main() -> std::process::ExitCode {
    tl::cli::main("tl-plain", tl::Core::Plain)
}
