//! The toolchain's strings as the JIT's residual calls see them: `GcStr` and
//! `StrBuilder` (defined in `jitsupport::gc`) are one reference word each, so a shim
//! converts a register to one and back (the `jitsupport::shim` traits).

use crate::gc::{GcRef, GcStr, StrBuilder};
use crate::shim::{IntoBits, RefArg};

impl RefArg for GcStr {
    /// # Safety
    /// `addr` is the start of a live string.
    unsafe fn from_addr(addr: usize) -> Self {
        // SAFETY: the caller's promise.
        unsafe { GcStr::from_word(addr) }
    }
}

impl IntoBits for GcStr {
    fn into_bits(self) -> u64 {
        self.to_word() as u64
    }
}

impl RefArg for StrBuilder {
    /// # Safety
    /// `addr` is the start of a live builder.
    unsafe fn from_addr(addr: usize) -> Self {
        // SAFETY: the caller's promise.
        unsafe { StrBuilder::from_word(addr) }
    }
}

impl IntoBits for StrBuilder {
    fn into_bits(self) -> u64 {
        self.to_word() as u64
    }
}
