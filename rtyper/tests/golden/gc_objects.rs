// golden: lltypes
mod m {
    use jitsupport::{Gc, GcCell};

    struct Node {
        value: i64,
        next: Option<Gc<Node>>,
        hits: GcCell<i64>,
        link: GcCell<Option<Gc<Node>>>,
    }

    impl Node {
        fn bump(&self) -> i64 {
            self.hits.set(self.hits.get() + 1);
            self.value
        }
    }

    fn cons(value: i64, next: Option<Gc<Node>>) -> Gc<Node> {
        Gc::new(Node { value, next, hits: GcCell::new(0), link: GcCell::new(None) })
    }

    fn second(list: Gc<Node>) -> i64 {
        match list.next {
            Some(n) => n.bump(),
            None => list.value,
        }
    }

    fn relink(a: Gc<Node>, b: Gc<Node>) -> bool {
        a.link.set(Some(b));
        match a.link.get() {
            Some(l) => Gc::ptr_eq(l, b),
            None => false,
        }
    }
}
// ---- expected ----
// fn Node::bump(r0: &Node) -> i64 {
// block0(r0: &Node):
//     r1: &GcCell<i64> = getsubstruct(r0, descr=<Field Node.hits offset_of!(Node, hits)>)
//     r2: &GcCell<i64> = getsubstruct(r0, descr=<Field Node.hits offset_of!(Node, hits)>)
//     i3: i64 = getfield_i(r2, descr=<Field GcCell<i64>.value 0>)
//     i4: i64 = int_add(i3, 1)
//     setfield(r1, i4, descr=<Field GcCell<i64>.value 0>)
//     i5: i64 = getfield_i(r0, descr=<Field Node.value offset_of!(Node, value)>)
//     goto return(i5)
// return(i6: i64):
//     return i6
// panic(r7: &str):
//     panic r7
// }
//
// fn cons(i0: i64, r1: Option<&Gc<Node>>) -> &Gc<Node> {
// block0(i0: i64, r1: Option<&Gc<Node>>):
//     r2: &Gc<Node> = new(descr=<Size Gc<Node> object_size_of::<Node>()>)
//     r3: &Node = getsubstruct(r2, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     setfield(r3, i0, descr=<Field Node.value offset_of!(Node, value)>)
//     setfield(r3, r1, descr=<Field Node.next offset_of!(Node, next)>)
//     r4: &GcCell<i64> = getsubstruct(r3, descr=<Field Node.hits offset_of!(Node, hits)>)
//     setfield(r4, 0, descr=<Field GcCell<i64>.value 0>)
//     r5: &GcCell<Option<Gc<Node>>> = getsubstruct(r3, descr=<Field Node.link offset_of!(Node, link)>)
//     setfield(r5, null, descr=<Field GcCell<Option<Gc<Node>>>.value 0>)
//     goto return(r2)
// return(r6: &Gc<Node>):
//     return r6
// panic(r7: &str):
//     panic r7
// }
//
// fn second(r0: &Gc<Node>) -> i64 {
// block0(r0: &Gc<Node>):
//     r1: &Node = getsubstruct(r0, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     r2: Option<&Gc<Node>> = getfield_r(r1, descr=<Field Node.next offset_of!(Node, next)>)
//     i3: bool = ptr_nonzero(r2)
//     if i3 then block1(r2) else block2(r0)
// block1(r4: Option<&Gc<Node>>):
//     r5: &Node = getsubstruct(r4, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     i6: i64 = direct_call[Node::bump](r5)
//     goto return(i6)
// block2(r7: &Gc<Node>):
//     r8: &Node = getsubstruct(r7, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     i9: i64 = getfield_i(r8, descr=<Field Node.value offset_of!(Node, value)>)
//     goto return(i9)
// return(i10: i64):
//     return i10
// panic(r11: &str):
//     panic r11
// }
//
// fn relink(r0: &Gc<Node>, r1: &Gc<Node>) -> bool {
// block0(r0: &Gc<Node>, r1: &Gc<Node>):
//     r2: &Node = getsubstruct(r0, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     r3: &GcCell<Option<Gc<Node>>> = getsubstruct(r2, descr=<Field Node.link offset_of!(Node, link)>)
//     setfield(r3, r1, descr=<Field GcCell<Option<Gc<Node>>>.value 0>)
//     r4: &Node = getsubstruct(r0, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     r5: &GcCell<Option<Gc<Node>>> = getsubstruct(r4, descr=<Field Node.link offset_of!(Node, link)>)
//     r6: Option<&Gc<Node>> = getfield_r(r5, descr=<Field GcCell<Option<Gc<Node>>>.value 0>)
//     i7: bool = ptr_nonzero(r6)
//     if i7 then block1(r1, r6) else return(0)
// block1(r8: &Gc<Node>, r9: Option<&Gc<Node>>):
//     i10: bool = ptr_eq(r9, r8)
//     goto return(i10)
// return(i11: bool):
//     return i11
// panic(r12: &str):
//     panic r12
// }
//
// layout Node: size_of::<Node>()
//     value: i64 (int signed) at offset_of!(Node, value), size 8
//     next: Option<Gc<Node>> (ref) at offset_of!(Node, next), size 8
//     hits: GcCell<i64> (inline) at offset_of!(Node, hits), size size_of::<GcCell<i64>>()
//     link: GcCell<Option<Gc<Node>>> (inline) at offset_of!(Node, link), size size_of::<GcCell<Option<Gc<Node>>>>()
