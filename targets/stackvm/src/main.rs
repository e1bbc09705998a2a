//! `stackvm PROGRAM.svm`: runs a stackvm program.
//!
//! Built with the cargo feature `jit` (`translate -Ojit targets/stackvm`), the binary
//! reads `PYRITE_JIT` and `PYRITE_LOG` first (a malformed value is an error, exit code 2)
//! and writes the log's `jit-summary` when the program ends.

use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(feature = "jit")]
    if let Err(message) = jitsupport::jit::init_from_env() {
        eprintln!("stackvm: error: {message}");
        return ExitCode::from(2);
    }
    let code = stackvm::cli::main("stackvm");
    #[cfg(feature = "jit")]
    jitsupport::jit::log::finish();
    code
}
