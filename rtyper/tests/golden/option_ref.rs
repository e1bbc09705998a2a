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
//     goto block1(0, r0)
// block1(i1: i64, r2: Option<&Node>):
//     i3: bool = ptr_nonzero(r2)
//     if i3 then block2(i1, r2) else return(i1)
// block2(i4: i64, r5: Option<&Node>):
//     i6: i64 = getfield_i(r5, descr=<Field Node.value offset_of!(Node, value)>)
//     i7: i64 = int_add(i4, i6)
//     r8: Option<&Node> = getfield_r(r5, descr=<Field Node.next offset_of!(Node, next)>)
//     goto block1(i7, r8)
// return(i9: i64):
//     return i9
// panic(r10: &str):
//     panic r10
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
