//! The random-trace fuzzer comparing the x86-64 backend with the reference backend on the
//! conformance suite's generated loops and bridges, over a fixed range of seeds
//! (`PYRITE_FUZZ_SEEDS=N` runs seeds 0..N; CI runs the default).

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

#[allow(dead_code)]
#[path = "conformance/random.rs"]
mod random;

use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::x86::X86Backend;

#[test]
fn x86_agrees_with_reference() {
    let n = std::env::var("PYRITE_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    random::compare_backends(&mut ReferenceBackend::new(), &mut X86Backend::new(), 0..n);
}
