// golden: jitcode
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
// descr <Field "Node.hits" +0 ref>
// descr <Field "GcCell<i64>.value" +0 i64>
// descr <Field "Node.value" +0 i64>
// descr <Size "Gc<Node>" 0 gc>
// descr <Field "Gc<Node>.payload" +0 ref>
// descr <Field "Node.next" +0 ref>
// descr <Field "Node.link" +0 ref>
// descr <Field "GcCell<Option<Gc<Node>>>.value" +0 ref>
// descr <JitCode "Node::bump">
//
// jitcode "Node::bump" i=1 r=3 f=0
//     getsubstruct_gc %r0, <Field "Node.hits" +0 ref> -> %r1
//     getsubstruct_gc %r0, <Field "Node.hits" +0 ref> -> %r2
//     getfield_gc_i %r2, <Field "GcCell<i64>.value" +0 i64> -> %i0
//     int_add %i0, $1 -> %i0
//     setfield_gc_i %r1, %i0, <Field "GcCell<i64>.value" +0 i64>
//     getfield_gc_i %r0, <Field "Node.value" +0 i64> -> %i0
//     int_return %i0
//
// jitcode "cons" i=1 r=3 f=0
//     new <Size "Gc<Node>" 0 gc> -> %r1
//     getsubstruct_gc %r1, <Field "Gc<Node>.payload" +0 ref> -> %r2
//     setfield_gc_i %r2, %i0, <Field "Node.value" +0 i64>
//     setfield_gc_r %r2, %r0, <Field "Node.next" +0 ref>
//     getsubstruct_gc %r2, <Field "Node.hits" +0 ref> -> %r0
//     setfield_gc_i %r0, $0, <Field "GcCell<i64>.value" +0 i64>
//     getsubstruct_gc %r2, <Field "Node.link" +0 ref> -> %r0
//     setfield_gc_r %r0, $0x0, <Field "GcCell<Option<Gc<Node>>>.value" +0 ref>
//     ref_return %r1
//
// jitcode "second" i=1 r=2 f=0
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r1
//     getfield_gc_r %r1, <Field "Node.next" +0 ref> -> %r1
//     -live- %r0, %r1
//     goto_if_not_ptr_nonzero %r1, L1
//     getsubstruct_gc %r1, <Field "Gc<Node>.payload" +0 ref> -> %r0
//     inline_call_r_i <JitCode "Node::bump">, [%r0] -> %i0
//     -live- %i0
//     int_return %i0
// L1:
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "Node.value" +0 i64> -> %i0
//     int_return %i0
//
// jitcode "relink" i=1 r=3 f=0
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r2
//     getsubstruct_gc %r2, <Field "Node.link" +0 ref> -> %r2
//     setfield_gc_r %r2, %r1, <Field "GcCell<Option<Gc<Node>>>.value" +0 ref>
//     getsubstruct_gc %r0, <Field "Gc<Node>.payload" +0 ref> -> %r0
//     getsubstruct_gc %r0, <Field "Node.link" +0 ref> -> %r0
//     getfield_gc_r %r0, <Field "GcCell<Option<Gc<Node>>>.value" +0 ref> -> %r0
//     -live- %r0, %r1
//     goto_if_not_ptr_nonzero %r0, L1
//     ptr_eq %r0, %r1 -> %i0
//     int_return %i0
// L1:
//     int_return $0
