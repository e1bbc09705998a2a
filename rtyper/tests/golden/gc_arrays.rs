// golden: lltypes
mod m {
    use jitsupport::{Gc, GcArray};

    struct Node {
        value: i64,
        items: GcArray<i64>,
    }

    fn make(n: usize, fill: i64) -> Gc<Node> {
        Gc::new(Node { value: 0, items: GcArray::new(n, fill) })
    }

    fn nodes(head: Option<Gc<Node>>) -> i64 {
        let all: GcArray<Option<Gc<Node>>> = GcArray::new(2, None);
        all.set(1, head);
        match all.get(1) {
            Some(h) => h.value + h.items.get(0) + h.items.len() as i64,
            None => -1,
        }
    }
}
// ---- expected ----
// fn make(i0: usize, i1: i64) -> &Gc<Node> {
// block0(i0: usize, i1: i64):
//     r2: &GcArray<i64> = residual_call(i0, i1, descr=<Call ::jitsupport::GcArray::<i64>::new(i, i) -> r can_panic>)
//     r3: &Gc<Node> = new(descr=<Size Gc<Node> object_size_of::<Node>()>)
//     r4: &Node = getsubstruct(r3, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     setfield(r4, 0, descr=<Field Node.value offset_of!(Node, value)>)
//     setfield(r4, r2, descr=<Field Node.items offset_of!(Node, items)>)
//     goto return(r3)
// return(r5: &Gc<Node>):
//     return r5
// panic(r6: &str):
//     panic r6
// }
//
// fn nodes(r0: Option<&Gc<Node>>) -> i64 {
// block0(r0: Option<&Gc<Node>>):
//     r1: &GcArray<Option<Gc<Node>>> = residual_call(2, null, descr=<Call ::jitsupport::GcArray::<::core::option::Option<::jitsupport::Gc<Node>>>::new(i, r) -> r can_panic>)
//     i2: usize = getfield_i(r1, descr=<Field GcArray<Option<Gc<Node>>>.len ARRAY_LENGTH_OFFSET>)
//     i3: bool = uint_ge(1, i2)
//     if i3 then panic("index out of bounds") else block4(r1, r0)
// block4(r23: &GcArray<Option<Gc<Node>>>, r24: Option<&Gc<Node>>):
//     setarrayitem(r23, 1, r24, descr=<Array Option<Gc<Node>> size_of::<Option<Gc<Node>>>()>)
//     i4: usize = getfield_i(r23, descr=<Field GcArray<Option<Gc<Node>>>.len ARRAY_LENGTH_OFFSET>)
//     i5: bool = uint_ge(1, i4)
//     if i5 then panic("index out of bounds") else block5(r23)
// block5(r25: &GcArray<Option<Gc<Node>>>):
//     r6: Option<&Gc<Node>> = getarrayitem_r(r25, 1, descr=<Array Option<Gc<Node>> size_of::<Option<Gc<Node>>>()>)
//     i7: bool = ptr_nonzero(r6)
//     if i7 then block1(r6) else return(-1)
// block1(r8: Option<&Gc<Node>>):
//     r9: &Node = getsubstruct(r8, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     i10: i64 = getfield_i(r9, descr=<Field Node.value offset_of!(Node, value)>)
//     r11: &Node = getsubstruct(r8, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     r12: &GcArray<i64> = getfield_r(r11, descr=<Field Node.items offset_of!(Node, items)>)
//     i13: usize = getfield_i(r12, descr=<Field GcArray<i64>.len ARRAY_LENGTH_OFFSET>)
//     i14: bool = uint_ge(0, i13)
//     if i14 then panic("index out of bounds") else block6(r12, i10, r8)
// block6(r26: &GcArray<i64>, i27: i64, r28: Option<&Gc<Node>>):
//     i15: i64 = getarrayitem_i(r26, 0, descr=<Array i64 size_of::<i64>()>)
//     i16: i64 = int_add(i27, i15)
//     r17: &Node = getsubstruct(r28, descr=<Field Gc<Node>.payload HEADER_SIZE>)
//     r18: &GcArray<i64> = getfield_r(r17, descr=<Field Node.items offset_of!(Node, items)>)
//     i19: usize = getfield_i(r18, descr=<Field GcArray<i64>.len ARRAY_LENGTH_OFFSET>)
//     i20: i64 = int_add(i16, i19)
//     goto return(i20)
// return(i21: i64):
//     return i21
// panic(r22: &str):
//     panic r22
// }
//
// layout Node: size_of::<Node>()
//     value: i64 (int signed) at offset_of!(Node, value), size 8
//     items: GcArray<i64> (ref) at offset_of!(Node, items), size 8
