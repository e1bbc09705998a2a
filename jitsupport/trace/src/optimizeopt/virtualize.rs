//! Allocation removal (J2's pass): a placeholder that keeps every allocation, so the
//! chain compiles until the pass lands. The driver contract is in `mod.rs`.

use super::{OptContext, OptError};
use crate::trace::Trace;

/// The virtuals that guards' resume data materializes on failure, by guard.
#[derive(Clone, Debug, Default)]
pub struct GuardVirtuals {}

/// Runs the pass: for now, the trace unchanged.
pub fn run(trace: Trace, _ctx: &mut OptContext) -> Result<Trace, OptError> {
    Ok(trace)
}
