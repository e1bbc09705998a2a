// The build script of the targets whose core is one file: it writes
// `$OUT_DIR/interp_plain.rs`, `src/interp.rs` without its `#[jitsupport::interpreter]`
// attribute (and the `#[immutable]` markers the attribute removes), so that the library
// can compile the same interpreter core twice, with and without the attribute. Each
// target's `build.rs` includes this file (`include!`), so it holds no inner doc comment.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=src/interp.rs");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../plain_core.rs");
    let source = match std::fs::read_to_string("src/interp.rs") {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read src/interp.rs: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut removed = 0;
    let mut plain = String::with_capacity(source.len());
    for line in source.lines() {
        if line.trim() == "#[jitsupport::interpreter]" {
            removed += 1;
            // A comment in its place keeps the line numbers of the original for compiler
            // messages (an empty line after the doc comment would upset clippy).
            plain.push_str("// #[jitsupport::interpreter] removed by build.rs\n");
            continue;
        }
        if line.trim() == "#[immutable]" {
            // The inert marker the attribute would have removed (same line numbers).
            plain.push_str("// #[immutable] removed by build.rs\n");
            continue;
        }
        plain.push_str(line);
        plain.push('\n');
    }
    if removed != 1 {
        eprintln!(
            "error: src/interp.rs must have exactly one `#[jitsupport::interpreter]` line \
             (found {removed}); the build script removes it to make the plain core"
        );
        return ExitCode::FAILURE;
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set; run this build script through cargo");
        return ExitCode::FAILURE;
    };
    let out = PathBuf::from(out_dir).join("interp_plain.rs");
    if let Err(e) = std::fs::write(&out, plain) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
