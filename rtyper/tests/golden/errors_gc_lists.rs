// golden: lltypes
mod m {
    use jitsupport::{Gc, GcAny, GcArray, GcCell, List};

    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Value {
        Int(i64),
        Obj(GcAny),
    }

    pub struct Stack {
        pub values: List<Value>,
    }

    pub struct W_List {
        pub items: List<GcAny>,
        pub ints: List<i64>,
        pub inline: Stack,
        pub ok: GcCell<GcArray<Value>>,
        pub len: GcCell<usize>,
    }

    pub struct Frame {
        pub objs: List<Gc<W_List>>,
        pub values: List<Value>,
    }

    fn length(l: Gc<W_List>) -> usize {
        l.len.get()
    }

    fn top(f: &Frame) -> Gc<W_List> {
        f.objs[0]
    }
}
// ---- expected ----
// error at 17:8: field `items` of `W_List`, a GC object (`Gc<W_List>`), holds a `List`, whose items are Rust memory that the collector would never free (it frees GC objects without running `Drop`): keep growable storage in a `GcCell<GcArray<V>>` with its length in a `GcCell<usize>`, growing it by copying into a larger array, or hold the `List` in a struct outside the GC heap
// error at 18:8: field `ints` of `W_List`, a GC object (`Gc<W_List>`), holds a `List`, whose items are Rust memory that the collector would never free (it frees GC objects without running `Drop`): keep growable storage in a `GcCell<GcArray<V>>` with its length in a `GcCell<usize>`, growing it by copying into a larger array, or hold the `List` in a struct outside the GC heap
// error at 19:8: field `inline` of `W_List`, a GC object (`Gc<W_List>`), holds a `List`, whose items are Rust memory that the collector would never free (it frees GC objects without running `Drop`): keep growable storage in a `GcCell<GcArray<V>>` with its length in a `GcCell<usize>`, growing it by copying into a larger array, or hold the `List` in a struct outside the GC heap
