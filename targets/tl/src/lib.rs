//! tl: a toy stack-based bytecode language in the spirit of RPython's tl, and Pyrite's
//! first target.
//!
//! The interpreter core ([`interp::core`]) is one `#[jitsupport::interpreter]` module;
//! the build script also compiles it without the attribute ([`plain::core`]), so the
//! benchmark can compare the two. Around the core, in plain Rust: the loader ([`asm`],
//! with the diagnostics shared by the targets, [`diagnostics`]), the output ([`io`], on
//! the sink shared by the targets, [`output`]) and the command line ([`cli`]).

pub mod asm;
#[path = "../../asm_words.rs"]
pub mod asm_words;
pub mod cli;
#[path = "../../diagnostics.rs"]
pub mod diagnostics;
pub mod io;
#[path = "../../output.rs"]
pub mod output;

/// The interpreter core, marked `#[jitsupport::interpreter]` (see `src/interp.rs`).
pub mod interp;

/// The same core as [`interp`], compiled without `#[jitsupport::interpreter]`.
pub mod plain {
    include!(concat!(env!("OUT_DIR"), "/interp_plain.rs"));
}

pub use interp::core::{Outcome, Status};

/// Which compilation of the interpreter core runs a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Core {
    /// The core compiled through `#[jitsupport::interpreter]`.
    Attributed,
    /// The core compiled as plain Rust, without the attribute.
    Plain,
}

/// Runs assembled bytecode on `core`; its output goes to [`io::print_int`]'s sink.
pub fn run(code: &[i64], core: Core) -> Outcome {
    match core {
        Core::Attributed => {
            let program = interp::core::Program::new(jitsupport::List::from(code.to_vec()));
            let outcome = interp::core::interpret(&program);
            // The JIT keys its loops by the program's address (a green), and the program
            // dies here: the next one may be built at the same address.
            #[cfg(feature = "jit")]
            jitsupport::metainterp::runtime::reset(interp::core::__pyrite::jitcodes());
            outcome
        }
        Core::Plain => {
            let program = plain::core::Program::new(jitsupport::List::from(code.to_vec()));
            let outcome = plain::core::interpret(&program);
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
        P::StackUnderflow => Status::StackUnderflow,
        P::DivisionByZero => Status::DivisionByZero,
        P::CallStackOverflow => Status::CallStackOverflow,
        P::StackOverflow => Status::StackOverflow,
        P::PickOutOfRange => Status::PickOutOfRange,
        P::BadBytecode => Status::BadBytecode,
    }
}
