//! The heap cache (J2's pass): a placeholder that keeps every read and write, so the chain
//! compiles until the pass lands. The driver contract is in `mod.rs`.

use super::{OptContext, OptError};
use crate::trace::Trace;

/// Runs the pass: for now, the trace unchanged.
pub fn run(trace: Trace, _ctx: &mut OptContext) -> Result<Trace, OptError> {
    Ok(trace)
}
