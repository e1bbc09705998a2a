//! The extra results of a residual call. Jitcode calls native code like RPython's
//! traces do: a call gives one value. A residual function of the interpreter module, or
//! a function outside it, whose result has several leaves (a `Result`, a tuple, an
//! `Option<i64>`, a value struct, a value enum) is called through a shim that gives one
//! leaf and keeps the others, in one of two ways (`rtyper::lower::calls` decides,
//! the codewriter's shims follow):
//!
//! - An ordinary residual call (`#[dont_look_inside]`, code outside the module) returns
//!   the first leaf, and its shim leaves all of them in a per-thread stash (RPython
//!   keeps a raised exception in a global state the same way); the jitcode reads the
//!   others with `ll_result_i`/`_r`/`_f` calls right after it. So such a call is traced
//!   like any other: for a `Result`, the tag comes back from the call itself and its
//!   guard follows it.
//! - An `#[elidable]` or `#[loop_invariant]` call returns a reference to a fresh
//!   immutable GC object holding the leaves ([`ll_box`], PyPy's way of returning a
//!   tuple from an elidable function), read back with immutable field reads
//!   (`LlResult.w1`, ...). The optimizer may remove a repeated elidable call or fold
//!   one on constant arguments: the reads then read the object of the call that stays
//!   (or, folded, a constant object whose fields fold too), never another call's stash.

use crate::gc::{TypeInfo, HEADER_SIZE};
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

/// Where leaf `k` of a boxed result is, from the object's start (`rtyper` reads it at
/// this offset).
pub const fn leaf_offset(k: usize) -> usize {
    HEADER_SIZE + 8 * k
}

const fn leaf_offsets() -> [u32; MAX_RESULTS] {
    let mut out = [0; MAX_RESULTS];
    let mut k = 0;
    while k < MAX_RESULTS {
        out[k] = leaf_offset(k) as u32;
        k += 1;
    }
    out
}

static LEAF_OFFSETS: [u32; MAX_RESULTS] = leaf_offsets();

/// The GC type of a boxed result: the header and `MAX_RESULTS` words, each of which may
/// hold a reference (a leaf of any kind), so the collector keeps what they refer to.
static LEAVES: TypeInfo = TypeInfo::fixed(
    "LlResult",
    leaf_offset(MAX_RESULTS) as u32,
    &[],
    &LEAF_OFFSETS,
);

/// A new immutable GC object holding the leaves `all` of an elidable call's result;
/// the address of its start (its header), as result bits.
pub fn ll_box(all: &[u64; MAX_RESULTS]) -> u64 {
    let p = match crate::gc::alloc_object(LEAVES.id()) {
        Ok(p) => p.as_ptr(),
        Err(e) => crate::gc::out_of_memory(&e),
    };
    for (k, &bits) in all.iter().enumerate() {
        // Safety: the object has `MAX_RESULTS` words after its header; it was just
        // allocated, so it is young and its stores need no write barrier.
        unsafe { (p.add(leaf_offset(k)) as *mut u64).write(bits) };
    }
    p as usize as u64
}
