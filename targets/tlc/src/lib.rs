//! tlc: tl with objects, after RPython's `rpython/jit/tl/tlc.py` — integers, nil, cons
//! lists, instances of classes with attributes, method sends — written in the analysable
//! subset with `Gc`, `GcAny` and `GcArray` (the toolchain's GC objects and classes).
//!
//! The core ([`interp::core`]) is one `#[jitsupport::interpreter]` module; around it, in
//! plain Rust: the loader ([`asm`]), the output ([`io`]) and the command line ([`cli`]).

pub mod asm;
#[path = "../../asm_words.rs"]
pub mod asm_words;
pub mod cli;
#[path = "../../diagnostics.rs"]
pub mod diagnostics;
pub mod interp;
pub mod io;
#[path = "../../output.rs"]
pub mod output;

pub use interp::core::{Outcome, Status};

/// The core's program for an assembled one.
pub fn program(assembled: &asm::Assembled) -> interp::core::Program {
    use jitsupport::List;
    interp::core::Program {
        code: List::from(assembled.code.clone()),
        attrs: List::from(assembled.attrs.clone()),
        methods: List::from(assembled.methods.clone()),
        class_sizes: List::from(assembled.class_sizes.clone()),
    }
}

/// Runs an assembled program; its output goes to [`io`]'s sink.
pub fn run(assembled: &asm::Assembled) -> Outcome {
    let program = program(assembled);
    let mut frame = interp::core::Frame::new();
    let outcome = interp::core::run(&program, &mut frame);
    // The JIT keys its loops by the program's address (a green), and the program dies
    // here: the next one may be built at the same address.
    #[cfg(feature = "jit")]
    jitsupport::metainterp::runtime::reset(interp::core::__pyrite::jitcodes());
    outcome
}
