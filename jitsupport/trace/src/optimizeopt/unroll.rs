//! Loop peeling (J2's pass): a placeholder that runs the chain once over the loop, so the
//! driver compiles until the pass lands. The driver contract is in `mod.rs`.

use super::{run_passes, OptContext, OptError, Pass};
use crate::trace::Trace;

/// Runs `chain` over the loop (the real pass peels it first).
pub fn run(trace: Trace, ctx: &mut OptContext, chain: &[Pass]) -> Result<Trace, OptError> {
    run_passes(trace, chain, ctx)
}
