//! `python-c`: the Python target's binary (built into `goal/python-c` by `translate`).
//! See `cli` for the command line.

fn main() -> std::process::ExitCode {
    python::cli::main()
}
