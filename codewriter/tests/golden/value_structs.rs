// golden: jitcode
mod m {
    #[derive(Clone, Copy)]
    struct C {
        a: i64,
        f: f64,
    }

    #[derive(Clone, Copy)]
    struct Pair {
        left: C,
        right: C,
    }

    struct H {
        pair: Pair,
        items: jitsupport::List<C>,
    }

    impl C {
        fn bump(&mut self) {
            self.a += 1;
        }
    }

    // A copy out of a field, a write to the copy, a write through `h`.
    fn copy_and_write(h: &mut H) -> i64 {
        let mut p = h.pair;
        p.left.a = 3;
        h.pair.right.a = 4;
        h.pair.left.bump();
        p.left.a + h.pair.left.a
    }

    // Items held by value: push, an item's field, pop.
    fn items(h: &mut H, c: C) -> f64 {
        h.items.push(c);
        h.items[0].f = 2.5;
        match h.items.pop() {
            Some(x) => x.f,
            None => 0.0,
        }
    }
}
// ---- expected ----
// function "jitsupport::list::ll_reserve::<C>"
// descr <Field "C.a" +0 i64>
// descr <Field "H.pair" +0 ref>
// descr <Field "Pair.left" +0 ref>
// descr <Field "C.f" +0 f64>
// descr <Field "Pair.right" +0 ref>
// descr <JitCode "C::bump">
// descr <Field "H.items" +0 ref>
// descr <Field "List<C>.len" +0 u64>
// descr <Field "List<C>.capacity" +0 u64>
// descr <Call "jitsupport::list::ll_reserve::<C>" (r) -> void can_panic writes=[7, 8, 10, 11]>
// descr <Field "List<C>.items" +0 u64>
// descr <Array "C" +0 ref:0>
//
// jitcode "C::bump" i=1 r=1 f=0
//     getfield_gc_i %r0, <Field "C.a" +0 i64> -> %i0
//     int_add %i0, $1 -> %i0
//     setfield_gc_i %r0, %i0, <Field "C.a" +0 i64>
//     void_return
//
// jitcode "copy_and_write" i=1 r=3 f=1
//     getsubstruct_gc %r0, <Field "H.pair" +0 ref> -> %r1
//     getsubstruct_gc %r1, <Field "Pair.left" +0 ref> -> %r2
//     getfield_gc_i %r2, <Field "C.a" +0 i64> -> %i0
//     getfield_gc_f %r2, <Field "C.f" +0 f64> -> %f0
//     getsubstruct_gc %r1, <Field "Pair.right" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "C.a" +0 i64> -> %i0
//     getfield_gc_f %r1, <Field "C.f" +0 f64> -> %f0
//     getsubstruct_gc %r0, <Field "H.pair" +0 ref> -> %r1
//     getsubstruct_gc %r1, <Field "Pair.right" +0 ref> -> %r1
//     setfield_gc_i %r1, $4, <Field "C.a" +0 i64>
//     getsubstruct_gc %r0, <Field "H.pair" +0 ref> -> %r1
//     getsubstruct_gc %r1, <Field "Pair.left" +0 ref> -> %r1
//     inline_call_r_v <JitCode "C::bump">, [%r1]
//     -live- %r0
//     getsubstruct_gc %r0, <Field "H.pair" +0 ref> -> %r0
//     getsubstruct_gc %r0, <Field "Pair.left" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "C.a" +0 i64> -> %i0
//     int_add $3, %i0 -> %i0
//     int_return %i0
//
// jitcode "items" i=3 r=3 f=1
//     getsubstruct_gc %r0, <Field "H.items" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "List<C>.len" +0 u64> -> %i1
//     getfield_gc_i %r1, <Field "List<C>.capacity" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1, %f0
//     goto_if_not_uint_lt %i1, %i2, L5
// L1:
//     getfield_gc_i %r1, <Field "List<C>.items" +0 u64> -> %i2
//     getarraysubstruct_raw %i2, %i1, <Array "C" +0 ref:0> -> %r2
//     setfield_gc_i %r2, %i0, <Field "C.a" +0 i64>
//     setfield_gc_f %r2, %f0, <Field "C.f" +0 f64>
//     int_add %i1, $1 -> %i0
//     setfield_gc_i %r1, %i0, <Field "List<C>.len" +0 u64>
//     getsubstruct_gc %r0, <Field "H.items" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "List<C>.len" +0 u64> -> %i0
//     -live- %i0, %r0, %r1
//     goto_if_not_uint_ge $0, %i0, L2
//     panic $"index out of bounds"
// L2:
//     getfield_gc_i %r1, <Field "List<C>.items" +0 u64> -> %i0
//     getarraysubstruct_raw %i0, $0, <Array "C" +0 ref:0> -> %r1
//     setfield_gc_f %r1, $2.5, <Field "C.f" +0 f64>
//     getsubstruct_gc %r0, <Field "H.items" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "List<C>.len" +0 u64> -> %i0
//     -live- %i0, %r0
//     goto_if_not_int_eq %i0, $0, L4
//     int_copy $0 -> %i1
//     int_copy $0 -> %i0
//     float_copy $0.0 -> %f0
// L3:
//     -live- %i1, %f0
//     goto_if_not %i1, L6
//     float_return %f0
// L4:
//     int_sub %i0, $1 -> %i0
//     setfield_gc_i %r0, %i0, <Field "List<C>.len" +0 u64>
//     getfield_gc_i %r0, <Field "List<C>.items" +0 u64> -> %i1
//     getarraysubstruct_raw %i1, %i0, <Array "C" +0 ref:0> -> %r0
//     getfield_gc_i %r0, <Field "C.a" +0 i64> -> %i0
//     getfield_gc_f %r0, <Field "C.f" +0 f64> -> %f0
//     int_copy $1 -> %i1
//     goto L3
// L5:
//     -live- %i0, %i1, %r0, %r1, %f0
//     residual_call_r_v <Fn "jitsupport::list::ll_reserve::<C>">, [%r1], <Call "jitsupport::list::ll_reserve::<C>" (r) -> void can_panic writes=[7, 8, 10, 11]>
//     goto L1
// L6:
//     float_return $0.0
