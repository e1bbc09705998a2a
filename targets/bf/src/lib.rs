//! bf: a Brainfuck interpreter, the RPython tutorial's classic, and Pyrite's second
//! target.
//!
//! The interpreter core ([`interp::core`]) is one `#[jitsupport::interpreter]` module;
//! the build script also compiles it without the attribute ([`plain::core`]), so the
//! benchmark can compare the two. Around the core, in plain Rust: the loader ([`load`],
//! with the diagnostics shared by the targets, [`diagnostics`]), the input and output
//! ([`io`]) and the command line ([`cli`]).

pub mod cli;
#[path = "../../diagnostics.rs"]
pub mod diagnostics;
pub mod io;
pub mod load;

/// The interpreter core, marked `#[jitsupport::interpreter]` (see `src/interp.rs`).
pub mod interp;

/// The same core as [`interp`], compiled without `#[jitsupport::interpreter]`.
pub mod plain {
    include!(concat!(env!("OUT_DIR"), "/interp_plain.rs"));
}

pub use interp::core::{Outcome, Status};
use jitsupport::List;

/// Which compilation of the interpreter core runs a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Core {
    /// The core compiled through `#[jitsupport::interpreter]`.
    Attributed,
    /// The core compiled as plain Rust, without the attribute.
    Plain,
}

/// Runs the commands `code` with the bracket map `brackets` (see [`load::Loaded`]) on
/// `core`; its input and output go through [`io`].
pub fn run(code: &[u8], brackets: &[usize], core: Core) -> Outcome {
    let code = List::from(code.to_vec());
    let brackets = List::from(brackets.to_vec());
    match core {
        Core::Attributed => {
            let outcome = interp::core::interpret(&interp::core::Program::new(code, brackets));
            // The JIT keys its loops by the program's address (a green), and the program
            // dies here: the next one may be built at the same address.
            #[cfg(feature = "jit")]
            jitsupport::metainterp::runtime::reset(interp::core::__pyrite::jitcodes());
            outcome
        }
        Core::Plain => {
            let outcome = plain::core::interpret(&plain::core::Program::new(code, brackets));
            Outcome {
                status: status_of_plain(outcome.status),
                pc: outcome.pc,
            }
        }
    }
}

/// The same status, from the plain core's copy of the enum.
fn status_of_plain(status: plain::core::Status) -> Status {
    use plain::core::Status as P;
    match status {
        P::Halted => Status::Halted,
        P::MovedLeftOfTape => Status::MovedLeftOfTape,
        P::BadProgram => Status::BadProgram,
    }
}
