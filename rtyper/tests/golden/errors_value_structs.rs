// golden: lltypes
mod m {
    #[derive(Clone, Copy)]
    struct C {
        a: i64,
    }

    impl C {
        fn bump(&mut self) {
            self.a += 1;
        }
    }

    // A `&mut self` method needs a place in memory; a local copy has none.
    fn bump_local(c: C) -> i64 {
        let mut d = c;
        d.bump();
        d.a
    }
}
// ---- expected ----
// error at 17:8: a `C` held by value (a `Copy` struct in a local, an argument or a result) has no address the JIT can write through: take `self` or the argument by value and return the new value, or keep the `C` in a field or a list and borrow that
