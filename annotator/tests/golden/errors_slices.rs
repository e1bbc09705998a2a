// golden: graphs
mod m {
    // Only a `&str` is sliced with a range.
    fn window(a: [i64; 4]) -> i64 {
        let w = &a[1..3];
        w[0]
    }
}
// ---- expected ----
// error at 5:16: a slice with a range (`&x[a..b]`) of a `[i64; 4]` is not supported in an interpreter module: only a `&str` or a `&[u8]` is sliced (index the items one by one, or move this code out of the module)
// error at 6:8: cannot infer the type of the indexed value; add a type annotation
