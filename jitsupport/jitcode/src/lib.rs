//! Jitcode: the register bytecode the codewriter produces for every function the JIT may
//! look inside, and that the blackhole interpreter (and later the tracer) runs.
//!
//! - [`insns`]: the instruction table ([`Opcode`], argcodes, predicates);
//! - [`code`]: [`JitCode`], its constants, liveness and switch tables;
//! - [`descr`]: field, array, size and call descriptors;
//! - [`registry`]: [`JitCodes`], all jitcodes, descrs and residual functions of an interpreter;
//! - [`assembler`]: [`Assembler`], which the codewriter drives to build a jitcode;
//! - [`decode`]: a generic decoder of one instruction, for the printer and other tools;
//! - [`print`] and [`parse`]: the text form, which round-trips;
//! - [`verify`]: checks a jitcode against what the interpreters assume.
//!
//! Every type here is built from `Cow<'static, ...>` data, so the same type serves as
//! static data emitted by the macro and as owned data built at run time or in tests.

pub mod assembler;
pub mod code;
pub mod decode;
pub mod descr;
pub mod insns;
pub mod parse;
pub mod print;
pub mod registry;
pub mod verify;

pub use assembler::{Arg, AsmError, Assembler, Label};
pub use code::{JitCode, Kind, Liveness, RefConst, SwitchTable};
pub use decode::{decode, Insn, Operand};
pub use descr::{ArrayDescr, CallDescr, CallFlags, Descr, FieldDescr, GcType, SizeDescr};
pub use insns::{Opcode, MAX_RESULTS, NUM_OPCODES};
pub use parse::{parse, ParseError};
pub use print::{print_jitcode, print_registry};
pub use registry::{JitCodes, ResidualFn, Shim};
pub use verify::{verify, verify_all};
