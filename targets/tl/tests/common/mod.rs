//! Helpers shared by the test files: the golden comparison of
//! `jitsupport::testing::golden`, and this target's example programs.

// Each test file includes this module and uses a part of it.
#![allow(dead_code, unused_imports)]

pub use jitsupport::testing::golden::{check_golden, check_golden_bytes};

/// The `.tl` files of `dir`, sorted, as paths relative to the crate root.
pub fn programs(dir: &str) -> Vec<String> {
    jitsupport::testing::golden::programs(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        dir,
        "tl",
    )
}
