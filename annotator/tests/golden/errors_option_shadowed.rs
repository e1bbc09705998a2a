// golden: graphs
mod m {
    #[derive(Clone, Copy)]
    struct V {
        x: i64,
    }

    impl V {
        fn is_none(self) -> bool {
            self.x == 0
        }
    }

    // The module's own `is_none` keeps `Option::is_none` from being rewritten.
    fn f(o: Option<i64>, v: V) -> bool {
        o.is_none() || v.is_none()
    }
}
// ---- expected ----
// error at 16:8: `is_none` on `Option<i64>` is not rewritten here because the interpreter module defines a method `is_none` of its own (the rewrite happens before types are known); write the `match` out (`matches!(x, None)`, `match x { Some(v) => v, None => d }`) or rename the module's method
