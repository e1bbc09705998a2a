//! Hints for the JIT that are plain functions natively.

/// Asks the JIT to treat `x` as a constant in the trace: the trace records a guard that
/// `x` has the value seen while tracing, and everything computed from it folds.
/// Natively (and in the blackhole interpreter) it returns `x`.
#[inline(always)]
pub fn promote<T: Copy>(x: T) -> T {
    x
}

/// `true` in code the JIT has compiled, `false` when the interpreter runs natively or in
/// the blackhole interpreter. Lets an interpreter take a different but equivalent path
/// when jitted; both paths must give the same results.
#[inline(always)]
pub fn we_are_jitted() -> bool {
    false
}
