// Included into the core of `core_files.rs`; its own `include!` is relative to this file.

include!("more/helpers.rs");

/// One step of the sum: calls a function of the module's own file's sibling.
pub fn step(acc: i64, item: i64) -> i64 {
    acc + twice(item) + 1
}
