//! `python-c` built by cargo under its goal name (the same command as `src/main.rs`).

fn main() -> std::process::ExitCode {
    python::cli::main()
}
