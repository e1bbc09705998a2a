// golden: graphs
mod m {
    // 128-bit integers are not JIT values.
    fn wide() -> i64 {
        let big = 0i128;
        big as i64
    }
}
// ---- expected ----
// error at 5:18: the integer suffix `i128` is not supported: the JIT's integers are at most 64 bits wide (i8 to i64, u8 to u64, isize, usize)
