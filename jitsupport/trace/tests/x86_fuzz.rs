//! The random-trace fuzzer comparing the x86-64 backend with the reference backend on the
//! conformance suite's generated loops and bridges, over a fixed range of seeds
//! (`PYRITE_FUZZ_SEEDS=N` runs seeds 0..N; CI runs the default), with the code near the
//! binary and placed anywhere.

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

#[allow(dead_code)]
#[path = "conformance/random.rs"]
mod random;

use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::x86::{Placement, X86Backend};

fn seeds() -> std::ops::Range<u64> {
    let n = std::env::var("PYRITE_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    0..n
}

#[test]
fn x86_agrees_with_reference() {
    let mut x86 = X86Backend::with_placement(Placement::Near);
    random::compare_backends(&mut ReferenceBackend::new(), &mut x86, seeds());
}

#[test]
fn x86_placed_anywhere_agrees_with_reference() {
    let mut x86 = X86Backend::with_placement(Placement::Anywhere);
    random::compare_backends(&mut ReferenceBackend::new(), &mut x86, seeds());
}
