// Included by `core_files/ops.rs`.

pub fn twice(x: i64) -> i64 {
    x * 2
}
