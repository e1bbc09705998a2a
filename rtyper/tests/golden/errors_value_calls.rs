// golden: lltypes
mod m {
    // A struct that is not a value struct (it holds a `List`) lives in memory: native
    // code takes it by reference only.
    struct Big {
        items: jitsupport::List<i64>,
    }

    #[jitsupport::dont_look_inside]
    fn consume(b: Big) -> i64 {
        b.items.len() as i64
    }

    #[jitsupport::dont_look_inside]
    fn produce() -> Big {
        Big { items: jitsupport::List::new() }
    }

    fn f(b: Big) -> i64 {
        consume(b) + crate::io::size(produce())
    }
}
// ---- expected ----
// error at 20:8: a value of type Big cannot be passed to `consume`, which the JIT calls without looking inside, by value: it lives in memory; pass a reference (`&Big`), or make it a `#[derive(Clone, Copy)]` value struct or value enum
// error at 20:37: a value of type Big cannot be returned by `produce`, which the JIT calls without looking inside, by value: it lives in memory; pass a reference (`&Big`), or make it a `#[derive(Clone, Copy)]` value struct or value enum
// error at 20:21: a value of type Big cannot be passed to `crate::io::size`, which the JIT calls without looking inside, by value: it lives in memory; pass a reference (`&Big`), or make it a `#[derive(Clone, Copy)]` value struct or value enum
