//! Fields of a GC object the JIT or the collector cannot handle, each an error at the
//! field: a `GcCell` of a struct (its references would be invisible to the barrier) and
//! a type defined outside the module (its references would be invisible to the
//! collector).

#[jitsupport::interpreter]
mod interp {
    use jitsupport::{Gc, GcCell};

    #[derive(Clone, Copy)]
    pub struct Pair {
        pub a: i64,
        pub b: i64,
    }

    pub struct Holder {
        pub pair: GcCell<Pair>,
        pub name: Box<i64>,
        pub n: i64,
    }

    pub fn holder(h: Gc<Holder>) -> i64 {
        h.n
    }
}

fn main() {}
