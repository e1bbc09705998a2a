// golden: jitcode
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
// function "::jitsupport::GcArray::<i64>::new"
// function "::jitsupport::GcArray::<::core::option::Option<::jitsupport::Gc<Node>>>::new"
// descr <Call "::jitsupport::GcArray::<i64>::new" (i, i) -> r can_panic random_effects>
// descr <Size "Gc<Node>" 0 gc>
// descr <Field "Gc<Node>.payload" +0 ref>
// descr <Field "Node.value" +0 i64>
// descr <Field "Node.items" +0 ref>
// descr <Call "::jitsupport::GcArray::<::core::option::Option<::jitsupport::Gc<Node>>>::new" (i, r) -> r can_panic random_effects>
// descr <Field "GcArray<Option<Gc<Node>>>.len" +0 u64 immutable>
// descr <Field "GcArray<i64>.len" +0 u64 immutable>
// descr <Array "GcArray<Option<Gc<Node>>>" +0 ref:0>
// descr <Array "GcArray<i64>" +0 i64>
//
// jitcode "make" i=2 r=3 f=0
//     -live- %i0, %i1
//     residual_call_ir_r <Fn "::jitsupport::GcArray::<i64>::new">, [%i0, %i1], [], <Call "::jitsupport::GcArray::<i64>::new" (i, i) -> r can_panic random_effects> -> %r0
//     new <Size "Gc<Node>" 0 gc> -> %r1
//     getsubstruct_gc %r1, <Field "Gc<Node>.payload" +0 ref> -> %r2
//     setfield_gc_i %r2, $0, <Field "Node.value" +0 i64>
//     setfield_gc_r %r2, %r0, <Field "Node.items" +0 ref>
//     ref_return %r1
//
// jitcode "nodes" i=2 r=2 f=0
//     -live- %r0
//     residual_call_ir_r <Fn "::jitsupport::GcArray::<::core::option::Option<::jitsupport::Gc<Node>>>::new">, [$2], [$0x0], <Call "::jitsupport::GcArray::<::core::option::Option<::jitsupport::Gc<Node>>>::new" (i, r) -> r can_panic random_effects> -> %r1
//     getfield_gc_i %r1, <Field "GcArray<Option<Gc<Node>>>.len" +0 u64 immutable> -> %i0
//     -live- %i0, %r0, %r1
//     goto_if_not_uint_ge $1, %i0, L1
//     panic $"index out of bounds"
// L1:
//     setarrayitem_gc_r %r1, $1, %r0, <Array "GcArray<Option<Gc<Node>>>" +0 ref:0>
//     getfield_gc_i %r1, <Field "GcArray<Option<Gc<Node>>>.len" +0 u64 immutable> -> %i0
//     -live- %i0, %r1
//     goto_if_not_uint_ge $1, %i0, L2
//     panic $"index out of bounds"
// L2:
//     getarrayitem_gc_r %r1, $1, <Array "GcArray<Option<Gc<Node>>>" +0 ref:0> -> %r0
//     -live- %r0
//     goto_if_not_ptr_nonzero %r0, L4
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "Node.value" +0 i64> -> %i0
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r1
//     getfield_gc_r %r1, <Field "Node.items" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "GcArray<i64>.len" +0 u64 immutable> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_ge $0, %i1, L3
//     panic $"index out of bounds"
// L3:
//     getarrayitem_gc_i %r1, $0, <Array "GcArray<i64>" +0 i64> -> %i1
//     int_add %i0, %i1 -> %i0
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r0
//     getfield_gc_r %r0, <Field "Node.items" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "GcArray<i64>.len" +0 u64 immutable> -> %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
// L4:
//     int_return $-1
