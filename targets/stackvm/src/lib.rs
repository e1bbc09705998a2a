//! stackvm: a small dynamically-typed stack VM, written as a new user writes one from
//! the README: values are an enum (`Int`, `Float`, `Str`, `Obj`, `Nil`) held inline on a
//! `List` stack, a program is an `#[immutable]` list of an instruction enum with
//! payloads, and the dispatch loop pushes and pops.
//!
//! The core ([`interp::core`]) is one `#[jitsupport::interpreter]` module; around it, in
//! plain Rust: the assembler ([`asm`]), the output ([`io`]) and the command line ([`cli`]).

pub mod asm;
pub mod cli;
#[path = "../../diagnostics.rs"]
pub mod diagnostics;
pub mod interp;
pub mod io;
#[path = "../../output.rs"]
pub mod output;

pub use interp::core::{Outcome, Status};

/// Runs an assembled program; its output goes to [`io`]'s sink.
pub fn run(assembled: &asm::Assembled) -> Outcome {
    let program = assembled.program();
    let mut vm = interp::core::Vm::new();
    let outcome = interp::core::run(&program, &mut vm);
    // The JIT keys its loops by the program's address (a green), and the program dies
    // here: the next one may be built at the same address.
    #[cfg(feature = "jit")]
    jitsupport::metainterp::runtime::reset(interp::core::__pyrite::jitcodes());
    outcome
}
