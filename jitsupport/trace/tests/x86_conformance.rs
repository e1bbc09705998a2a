//! The backend conformance suite run on the x86-64 backend (the tests live in
//! `conformance/mod.rs`, generic over `impl Backend`).

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

mod conformance;

use jitsupport_trace::backend::x86::X86Backend;

conformance::conformance_tests!(X86Backend::new());
