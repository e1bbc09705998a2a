//! A field of a GC object is assigned through its shared handle: `Gc` dereferences to
//! `&T` only, so rustc refuses it at the assignment (mutable fields are `GcCell`s).

#[jitsupport::interpreter]
mod interp {
    use jitsupport::{Gc, GcCell};

    pub struct Counter {
        pub fixed: i64,
        pub count: GcCell<i64>,
    }

    pub fn bump(c: Gc<Counter>) {
        c.count.set(c.count.get() + 1);
        c.fixed = 3;
    }
}

fn main() {}
