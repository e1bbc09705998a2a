// golden: lltypes
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
// fn box_int(i0: i64) -> &GcAny {
// block0(i0: i64):
//     r1: &Gc<IntObj> = new(descr=<Size Gc<IntObj> object_size_of::<IntObj>()>)
//     r2: &IntObj = getsubstruct(r1, descr=<Field Gc<IntObj>.payload HEADER_SIZE>)
//     setfield(r2, i0, descr=<Field IntObj.value offset_of!(IntObj, value)>)
//     goto return(r1)
// return(r3: &GcAny):
//     return r3
// panic(r4: &str):
//     panic r4
// }
//
// fn first_int(r0: &GcAny) -> i64 {
// block0(r0: &GcAny):
//     r1: Option<&Gc<IntObj>> = gc_downcast(r0, descr=<Size Gc<IntObj> object_size_of::<IntObj>()>)
//     i2: bool = ptr_nonzero(r1)
//     if i2 then block1(r1) else block2(r0)
// block1(r3: Option<&Gc<IntObj>>):
//     r4: &IntObj = getsubstruct(r3, descr=<Field Gc<IntObj>.payload HEADER_SIZE>)
//     i5: i64 = getfield_i(r4, descr=<Field IntObj.value offset_of!(IntObj, value)>)
//     goto return(i5)
// block2(r6: &GcAny):
//     r7: Option<&Gc<Cons>> = gc_downcast(r6, descr=<Size Gc<Cons> object_size_of::<Cons>()>)
//     i8: bool = ptr_nonzero(r7)
//     if i8 then block3(r7) else return(-2)
// block3(r9: Option<&Gc<Cons>>):
//     r10: &Cons = getsubstruct(r9, descr=<Field Gc<Cons>.payload HEADER_SIZE>)
//     r11: &GcAny = getfield_r(r10, descr=<Field Cons.head offset_of!(Cons, head)>)
//     r12: Option<&Gc<IntObj>> = gc_downcast(r11, descr=<Size Gc<IntObj> object_size_of::<IntObj>()>)
//     i13: bool = ptr_nonzero(r12)
//     if i13 then block4(r12) else return(-1)
// block4(r14: Option<&Gc<IntObj>>):
//     r15: &IntObj = getsubstruct(r14, descr=<Field Gc<IntObj>.payload HEADER_SIZE>)
//     i16: i64 = getfield_i(r15, descr=<Field IntObj.value offset_of!(IntObj, value)>)
//     goto return(i16)
// return(i17: i64):
//     return i17
// panic(r18: &str):
//     panic r18
// }
//
// fn is_cons(r0: &GcAny, r1: &GcAny) -> bool {
// block0(r0: &GcAny, r1: &GcAny):
//     i2: bool = gc_class_is(r0, descr=<Size Gc<Cons> object_size_of::<Cons>()>)
//     if i2 then block1(r0, r1) else return(0)
// block1(r3: &GcAny, r4: &GcAny):
//     i5: bool = ptr_eq(r3, r4)
//     i6: bool = bool_not(i5)
//     goto return(i6)
// return(i7: bool):
//     return i7
// panic(r8: &str):
//     panic r8
// }
//
// layout IntObj: size_of::<IntObj>()
//     value: i64 (int signed) at offset_of!(IntObj, value), size 8
// layout Cons: size_of::<Cons>()
//     head: GcAny (ref) at offset_of!(Cons, head), size 8
//     tail: GcCell<Option<GcAny>> (inline) at offset_of!(Cons, tail), size size_of::<GcCell<Option<GcAny>>>()
