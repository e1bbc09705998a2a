// golden: lltypes
mod m {
    struct Node {
        value: i64,
        next: Option<&'static Node>,
    }

    fn sum(n: &Node) -> i64 {
        let mut total = 0;
        let mut cur = Some(n);
        while let Some(node) = cur {
            total += node.value;
            cur = node.next;
        }
        total
    }

    fn second(n: &Node) -> Option<&Node> {
        let next = n.next?;
        next.next
    }
}
// ---- expected ----
// fn sum(r0: &Node) -> i64 {
// block0(r0: &Node):
//     goto block1(r0, 0, r0)
// block1(r1: &Node, i2: i64, r3: Option<&Node>):
//     i4: bool = ptr_nonzero(r3)
//     if i4 then block2(r1, i2, r3) else return(i2)
// block2(r5: &Node, i6: i64, r7: Option<&Node>):
//     i8: i64 = getfield_i(r7, descr=<Field Node.value offset_of!(Node, value)>)
//     i9: i64 = int_add(i6, i8)
//     r10: Option<&Node> = getfield_r(r7, descr=<Field Node.next offset_of!(Node, next)>)
//     goto block1(r5, i9, r10)
// return(i11: i64):
//     return i11
// panic(r12: &str):
//     panic r12
// }
//
// fn second(r0: &Node) -> Option<&Node> {
// block0(r0: &Node):
//     r1: Option<&Node> = getfield_r(r0, descr=<Field Node.next offset_of!(Node, next)>)
//     i2: bool = ptr_nonzero(r1)
//     if i2 then block2(r1) else block1()
// block2(r3: Option<&Node>):
//     r4: Option<&Node> = getfield_r(r3, descr=<Field Node.next offset_of!(Node, next)>)
//     goto return(r4)
// block1():
//     goto return(null)
// return(r5: Option<&Node>):
//     return r5
// panic(r6: &str):
//     panic r6
// }
//
// layout Node: size_of::<Node>()
//     value: i64 (int signed) at offset_of!(Node, value), size 8
//     next: Option<&Node> (ref) at offset_of!(Node, next), size 8
