//! A `Copy` struct read out of a place (`let mut c = h.c`) is a copy in Rust, and in
//! jitcode too: a value struct is held in variables as its fields' leaves
//! (`rtyper::repr`), a place base in memory (`h.c.a = 5`) is a `getsubstruct`, and a
//! write to a local copy (`c.a = 3`) rebuilds the local (`with_field`). These once were
//! the smallest tests of the miscompile where the copy aliased the original.

use jitsupport::blackhole::{Args, Blackhole, Value};

#[jitsupport::interpreter]
pub mod core {
    #[derive(Clone, Copy)]
    pub struct C {
        pub a: i64,
    }

    pub struct H {
        pub c: C,
        pub items: jitsupport::List<C>,
        pub pair: Pair,
        pub cells: jitsupport::List<Cell>,
    }

    /// Not `Copy`: held in memory, moved into a list by copying its bytes.
    pub struct Cell {
        pub x: i64,
        pub y: i64,
    }

    /// A list of structs in memory: push moves the struct in, pop gives a copy the list
    /// no longer owns (a later push reuses the slot).
    pub fn list_of_structs(h: &mut H) -> i64 {
        h.cells.push(Cell { x: 1, y: 2 });
        h.cells.push(Cell { x: 3, y: 4 });
        let top = match h.cells.pop() {
            Some(c) => c,
            None => Cell { x: 0, y: 0 },
        };
        h.cells.push(Cell { x: 50, y: 60 });
        h.cells[0].y += 10;
        top.x * 1000 + top.y * 100 + h.cells[1].x + h.cells[0].y
    }

    /// A value struct holding value structs.
    #[derive(Clone, Copy)]
    pub struct Pair {
        pub left: C,
        pub right: C,
        pub weight: f64,
    }

    impl C {
        pub fn get(&self) -> i64 {
            self.a
        }

        pub fn bump(&mut self) {
            self.a += 1;
        }

        pub fn doubled(self) -> C {
            C { a: self.a * 2 }
        }
    }

    fn sum(p: Pair) -> i64 {
        p.left.a + p.right.a + p.weight as i64
    }

    fn swap(p: Pair) -> Pair {
        Pair {
            left: p.right,
            right: p.left,
            weight: p.weight,
        }
    }

    /// Nested writes: to a local copy's inner field, and through `h` to the original's.
    pub fn write_nested(h: &mut H) -> i64 {
        let mut p = h.pair;
        p.left.a = 7;
        h.pair.right.a = 9;
        let q = swap(p);
        sum(q) * 1000 + sum(h.pair)
    }

    /// Items held by value: a copy out of a list, a write to an item's field, push and
    /// pop, and methods on a field (`&mut self` reaches the original, `&self` and
    /// `self` read it).
    pub fn list_items(h: &mut H) -> i64 {
        h.items.push(h.c);
        h.items.push(C { a: 4 });
        let mut first = h.items[0];
        first.a = 100;
        h.items[1].a += 1;
        h.c.bump();
        let d = h.c.doubled();
        let top = match h.items.pop() {
            Some(c) => c.a,
            None => -1,
        };
        first.a + h.items[0].get() * 10 + top * 1000 + d.a * 100000 + h.c.get() * 10000000
    }

    /// Writes the copy: natively `h.c` keeps its value.
    pub fn write_copy(h: &mut H) -> i64 {
        let mut c = h.c;
        c.a = 3;
        c.a + h.c.a
    }

    /// Writes the original: natively the copy keeps the old value.
    pub fn write_original(h: &mut H) -> i64 {
        let c = h.c;
        h.c.a = 5;
        c.a + h.c.a
    }
}

fn new_h() -> core::H {
    core::H {
        c: core::C { a: 10 },
        items: jitsupport::List::new(),
        pair: core::Pair {
            left: core::C { a: 1 },
            right: core::C { a: 2 },
            weight: 3.5,
        },
        cells: jitsupport::List::new(),
    }
}

/// `f` natively and its jitcode through the blackhole, each on `new_h()`: the results
/// and `h.c.a` after the call.
fn both(f: fn(&mut core::H) -> i64, name: &str) -> ((i64, i64), (i64, i64)) {
    let mut h = new_h();
    let native = f(&mut h);
    let mut jit_h = new_h();
    let p: *mut core::H = &mut jit_h;
    let args = Args::new(&[], &[p as usize], &[]);
    let codes = core::__pyrite::jitcodes();
    let index = codes.find(name).expect("the function has a jitcode");
    // Safety: the argument points to a live `H`, the function's parameter type.
    let value = unsafe { Blackhole::new(codes).call(index, &args) };
    let Value::Int(jitcode) = value else {
        panic!("{name} returned {value:?}");
    };
    ((native, h.c.a), (jitcode, jit_h.c.a))
}

#[test]
fn a_write_to_a_copy_leaves_the_original() {
    let (native, jitcode) = both(core::write_copy, "write_copy");
    assert_eq!(native, (13, 10));
    assert_eq!(jitcode, native);
}

#[test]
fn a_copy_keeps_its_value_when_the_original_changes() {
    let (native, jitcode) = both(core::write_original, "write_original");
    assert_eq!(native, (15, 5));
    assert_eq!(jitcode, native);
}

#[test]
fn nested_value_structs_are_copied_whole() {
    let (native, jitcode) = both(core::write_nested, "write_nested");
    assert_eq!(native, (12_013, 10));
    assert_eq!(jitcode, native);
}

#[test]
fn list_items_held_by_value() {
    let (native, jitcode) = both(core::list_items, "list_items");
    assert_eq!(native.0 % 1000, 200);
    assert_eq!(jitcode, native);
}

#[test]
fn lists_of_structs_in_memory_push_and_pop() {
    let (native, jitcode) = both(core::list_of_structs, "list_of_structs");
    assert_eq!(native.0, 3462);
    assert_eq!(jitcode, native);
}
