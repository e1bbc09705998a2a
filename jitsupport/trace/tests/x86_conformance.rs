//! The backend conformance suite run on the x86-64 backend (the tests live in
//! `conformance/mod.rs`, generic over `impl Backend`), once with the code near the binary
//! (direct calls and jumps) and once with it placed anywhere (the fallback through `r11`).

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

mod conformance;

use jitsupport_trace::backend::x86::{Placement, X86Backend};

conformance::conformance_tests!(X86Backend::with_placement(Placement::Near));

mod anywhere {
    use super::conformance;
    use jitsupport_trace::backend::x86::{Placement, X86Backend};

    conformance::conformance_tests!(X86Backend::with_placement(Placement::Anywhere));
}
