//! Misuses of GC objects in an interpreter core, each an error at its span: `Gc::new`
//! of something other than a struct literal, `GcCell::new` outside such a literal, a
//! `Gc` of a non-struct. The GC types still get their `GcType`: no rustc error follows.

#[jitsupport::interpreter]
mod interp {
    use jitsupport::{Gc, GcCell};

    pub struct Leaf {
        pub n: i64,
    }

    pub fn not_a_literal(l: Leaf) -> Gc<Leaf> {
        Gc::new(l)
    }

    pub fn cell_outside() -> i64 {
        let c = GcCell::new(3);
        c.get()
    }

    pub fn not_a_struct(_x: Gc<i64>) -> i64 {
        0
    }

}

fn main() {}
