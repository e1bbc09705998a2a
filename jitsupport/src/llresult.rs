//! The extra results of a residual call (RPython keeps a raised exception in a global
//! state the same way). A residual function of the interpreter module that returns
//! several leaves (a `Result`, a tuple, an `Option<i64>`, a value struct) returns the
//! first one as its call's result, as every call in a trace does, and its shim leaves
//! all of them here; the jitcode then reads the others with `ll_result_i`/`_r`/`_f`
//! calls. So such a call is traced like any other: for a `Result`, the tag comes back
//! from the call itself and its guard follows it.

use crate::jitcode::MAX_RESULTS;
use std::cell::Cell;

thread_local! {
    static STASH: Cell<[u64; MAX_RESULTS]> = const { Cell::new([0; MAX_RESULTS]) };
}

/// Keeps the leaves of the last residual call's result (called by the shims).
pub fn ll_stash(all: &[u64; MAX_RESULTS]) {
    STASH.with(|s| s.set(*all));
}

fn get(k: i64) -> u64 {
    let i = usize::try_from(k).unwrap_or(0).min(MAX_RESULTS - 1);
    STASH.with(|s| s.get()[i])
}

/// Leaf `k` of the last result, an int.
#[inline(never)]
pub fn ll_result_i(k: i64) -> i64 {
    get(k) as i64
}

/// Leaf `k` of the last result, a reference.
#[inline(never)]
pub fn ll_result_r(k: i64) -> *const u8 {
    get(k) as usize as *const u8
}

/// Leaf `k` of the last result, a float.
#[inline(never)]
pub fn ll_result_f(k: i64) -> f64 {
    f64::from_bits(get(k))
}
