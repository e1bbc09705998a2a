// golden: lltypes
mod m {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    enum Value {
        Int(i64),
        Float(f64),
    }

    // Native code cannot take or return a value enum yet.
    #[jitsupport::elidable]
    fn twice(v: Value) -> i64 {
        match v {
            Value::Int(i) => i * 2,
            Value::Float(f) => (f * 2.0) as i64,
        }
    }

    #[jitsupport::dont_look_inside]
    fn make(n: i64) -> Value {
        Value::Int(n)
    }

    fn f(n: i64) -> i64 {
        twice(make(n))
    }
}
// ---- expected ----
// error at 25:14: a value of type Value cannot be returned by `make`, which the JIT calls without looking inside, yet; use a reference, an integer or a float
// error at 25:8: a value of type Value cannot be passed to `twice`, which the JIT calls without looking inside, yet; use a reference, an integer or a float
