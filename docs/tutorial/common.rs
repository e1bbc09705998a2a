//! What every step of the tutorial shares, outside the interpreter's core: reading the
//! program, writing bytes, and starting the JIT (when built with `-Ojit`).

use std::io::Write;

/// Writes one byte of the program's output (a residual call from the core).
pub fn write_byte(byte: u8) {
    let _ = std::io::stdout().lock().write_all(&[byte]);
}

/// The commands of the file `path` (everything else is a comment).
pub fn load(path: &str) -> Result<Vec<u8>, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(text
        .into_iter()
        .filter(|c| b"<>+-.,[]".contains(c))
        .collect())
}

/// Reads `PYRITE_JIT` and `PYRITE_LOG` (with `-Ojit`), runs `run` on the program named
/// on the command line, and ends the JIT's log.
pub fn main(run: fn(Vec<u8>)) -> std::process::ExitCode {
    #[cfg(feature = "jit")]
    if let Err(message) = jitsupport::jit::init_from_env() {
        eprintln!("error: {message}");
        return std::process::ExitCode::from(2);
    }
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: PROGRAM.b");
        return std::process::ExitCode::from(2);
    };
    match load(&path) {
        Ok(code) => run(code),
        Err(message) => {
            eprintln!("error: {message}");
            return std::process::ExitCode::from(1);
        }
    }
    #[cfg(feature = "jit")]
    jitsupport::jit::log::finish();
    std::process::ExitCode::SUCCESS
}
