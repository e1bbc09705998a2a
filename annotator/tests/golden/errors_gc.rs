// golden: graphs
mod m {
    use jitsupport::{Gc, GcCell};

    struct Leaf {
        n: i64,
    }

    fn not_a_literal(l: Leaf) -> Gc<Leaf> {
        Gc::new(l)
    }

    fn cell_outside() -> i64 {
        let c = GcCell::new(3);
        c.get()
    }

    fn unknown(a: Gc<Leaf>) -> i64 {
        let b = Gc::as_ptr(a);
        0
    }
}
// ---- expected ----
// error at 10:8: `Gc::new` takes a struct literal in an interpreter module: write `Gc::new(S { field: value, .. })` (build the field values first)
// error at 14:16: `GcCell::new(v)` is supported as the value of a field in `Gc::new(S { field: GcCell::new(v), .. })`
// error at 19:16: `Gc::as_ptr` is not supported in an interpreter module; the supported ones are `Gc::new(S { .. })`, `Gc::ptr_eq(a, b)`, `GcCell::new(v)` in a field, `GcAny::of(g)` and `GcAny::ptr_eq(a, b)`
