// golden: jitcode
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
// descr <Field "Node.value" +0 i64>
// descr <Field "Node.next" +0 ref>
//
// jitcode "sum" i=2 r=1 f=0
//     int_copy $0 -> %i0
// L1:
//     -live- %i0, %r0
//     goto_if_not_ptr_nonzero %r0, L2
//     getfield_gc_i %r0, <Field "Node.value" +0 i64> -> %i1
//     int_add %i0, %i1 -> %i0
//     getfield_gc_r %r0, <Field "Node.next" +0 ref> -> %r0
//     goto L1
// L2:
//     int_return %i0
//
// jitcode "second" i=0 r=1 f=0
//     getfield_gc_r %r0, <Field "Node.next" +0 ref> -> %r0
//     -live- %r0
//     goto_if_not_ptr_nonzero %r0, L1
//     getfield_gc_r %r0, <Field "Node.next" +0 ref> -> %r0
//     ref_return %r0
// L1:
//     ref_return $0x0
