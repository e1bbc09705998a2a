//! The C library's math functions that std lacks (`erf`, `tgamma`, `lgamma`),
//! outside the core: calling them is `unsafe` (an `extern` block), so the core calls
//! these safe wrappers, residual calls as PyPy's `math` makes into libm.

unsafe extern "C" {
    fn erf(x: f64) -> f64;
    fn tgamma(x: f64) -> f64;
    fn lgamma(x: f64) -> f64;
}

/// `erf` of the C library (std has none).
pub fn libm_erf(x: f64) -> f64 {
    // SAFETY: a pure libm function of one double.
    unsafe { erf(x) }
}

/// `tgamma` of the C library.
pub fn libm_tgamma(x: f64) -> f64 {
    // SAFETY: a pure libm function of one double.
    unsafe { tgamma(x) }
}

/// `lgamma` of the C library.
pub fn libm_lgamma(x: f64) -> f64 {
    // SAFETY: a pure libm function of one double (it sets `signgam`, unused here).
    unsafe { lgamma(x) }
}
