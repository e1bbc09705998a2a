//! Float operations the trace IR has no op for, as plain functions: the targets of the
//! elidable residual calls the rtyper emits for them (`x % y` on `f64`).

/// `x % y` on `f64` (IEEE 754 `fmod`, as Rust's `%`).
#[inline(never)]
pub fn ll_float_rem(x: f64, y: f64) -> f64 {
    x % y
}
