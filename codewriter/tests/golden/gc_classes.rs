// golden: jitcode
mod m {
    use jitsupport::{Gc, GcAny, GcCell};

    struct IntObj {
        value: i64,
    }

    struct Cons {
        head: GcAny,
        tail: GcCell<Option<GcAny>>,
    }

    fn box_int(value: i64) -> GcAny {
        GcAny::of(Gc::new(IntObj { value }))
    }

    fn first_int(x: GcAny) -> i64 {
        if let Some(i) = x.downcast::<IntObj>() {
            i.value
        } else if let Some(c) = x.downcast::<Cons>() {
            match c.head.downcast::<IntObj>() {
                Some(i) => i.value,
                None => -1,
            }
        } else {
            -2
        }
    }

    fn is_cons(x: GcAny, y: GcAny) -> bool {
        x.is::<Cons>() && !GcAny::ptr_eq(x, y)
    }
}
// ---- expected ----
// descr <Size "Gc<IntObj>" 0 gc>
// descr <Field "Gc<IntObj>.payload" +0 ref>
// descr <Field "IntObj.value" +0 i64>
// descr <Size "Gc<Cons>" 0 gc>
// descr <Field "Gc<Cons>.payload" +0 ref>
// descr <Field "Cons.head" +0 ref>
//
// jitcode "box_int" i=1 r=2 f=0
//     new <Size "Gc<IntObj>" 0 gc> -> %r0
//     getsubstruct_gc %r0, <Field "Gc<IntObj>.payload" +0 ref> -> %r1
//     setfield_gc_i %r1, %i0, <Field "IntObj.value" +0 i64>
//     ref_return %r0
//
// jitcode "first_int" i=1 r=2 f=0
//     -live- %r0
//     gc_downcast %r0, <Size "Gc<IntObj>" 0 gc> -> %r1
//     -live- %r0, %r1
//     goto_if_not_ptr_nonzero %r1, L1
//     getsubstruct_gc %r1, <Field "Gc<IntObj>.payload" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "IntObj.value" +0 i64> -> %i0
//     int_return %i0
// L1:
//     -live- %r0
//     gc_downcast %r0, <Size "Gc<Cons>" 0 gc> -> %r0
//     -live- %r0
//     goto_if_not_ptr_nonzero %r0, L2
//     getsubstruct_gc %r0, <Field "Gc<Cons>.payload" +0 ref> -> %r0
//     getfield_gc_r %r0, <Field "Cons.head" +0 ref> -> %r0
//     -live- %r0
//     gc_downcast %r0, <Size "Gc<IntObj>" 0 gc> -> %r0
//     -live- %r0
//     goto_if_not_ptr_nonzero %r0, L3
//     getsubstruct_gc %r0, <Field "Gc<IntObj>.payload" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "IntObj.value" +0 i64> -> %i0
//     int_return %i0
// L2:
//     int_return $-2
// L3:
//     int_return $-1
//
// jitcode "is_cons" i=1 r=2 f=0
//     -live- %r0, %r1
//     gc_class_is %r0, <Size "Gc<Cons>" 0 gc> -> %i0
//     -live- %i0, %r0, %r1
//     goto_if_not %i0, L1
//     ptr_eq %r0, %r1 -> %i0
//     int_is_zero %i0 -> %i0
//     int_return %i0
// L1:
//     int_return $0
