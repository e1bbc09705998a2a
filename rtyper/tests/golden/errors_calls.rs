// golden: lltypes
mod m {
    #[derive(Clone, Copy)]
    struct P {
        x: i64,
    }

    #[dont_look_inside]
    fn native(p: P) -> i64 {
        p.x
    }

    fn call_native(p: P) -> i64 {
        native(p)
    }

    fn call_outside(p: P) -> i64 {
        crate::io::take(p)
    }

    fn pair_from_outside() -> i64 {
        let t: (i64, i64) = crate::io::pair();
        t.0
    }
}
// ---- expected ----
// error at 18:8: a value of type P cannot be passed to `crate::io::take`, which the JIT calls without looking inside, yet; use a reference, an integer or a float
// error at 22:28: a value of type (i64, i64) cannot be returned by `crate::io::pair`, which the JIT calls without looking inside, yet; use a reference, an integer or a float
