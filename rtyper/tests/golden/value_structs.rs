// golden: lltypes
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
// fn C::bump(r0: &mut C) {
// block0(r0: &mut C):
//     i1: i64 = getfield_i(r0, descr=<Field C.a offset_of!(C, a)>)
//     i2: i64 = int_add(i1, 1)
//     setfield(r0, i2, descr=<Field C.a offset_of!(C, a)>)
//     goto return()
// return():
//     return
// panic(r3: &str):
//     panic r3
// }
//
// fn copy_and_write(r0: &mut H) -> i64 {
// block0(r0: &mut H):
//     r1: &Pair = getsubstruct(r0, descr=<Field H.pair offset_of!(H, pair)>)
//     r2: &C = getsubstruct(r1, descr=<Field Pair.left offset_of!(Pair, left)>)
//     i3: i64 = getfield_i(r2, descr=<Field C.a offset_of!(C, a)>)
//     f4: f64 = getfield_f(r2, descr=<Field C.f offset_of!(C, f)>)
//     r5: &C = getsubstruct(r1, descr=<Field Pair.right offset_of!(Pair, right)>)
//     i6: i64 = getfield_i(r5, descr=<Field C.a offset_of!(C, a)>)
//     f7: f64 = getfield_f(r5, descr=<Field C.f offset_of!(C, f)>)
//     r8: &Pair = getsubstruct(r0, descr=<Field H.pair offset_of!(H, pair)>)
//     r9: &C = getsubstruct(r8, descr=<Field Pair.right offset_of!(Pair, right)>)
//     setfield(r9, 4, descr=<Field C.a offset_of!(C, a)>)
//     r10: &Pair = getsubstruct(r0, descr=<Field H.pair offset_of!(H, pair)>)
//     r11: &C = getsubstruct(r10, descr=<Field Pair.left offset_of!(Pair, left)>)
//     direct_call[C::bump](r11)
//     r12: &Pair = getsubstruct(r0, descr=<Field H.pair offset_of!(H, pair)>)
//     r13: &C = getsubstruct(r12, descr=<Field Pair.left offset_of!(Pair, left)>)
//     i14: i64 = getfield_i(r13, descr=<Field C.a offset_of!(C, a)>)
//     i15: i64 = int_add(3, i14)
//     goto return(i15)
// return(i16: i64):
//     return i16
// panic(r17: &str):
//     panic r17
// }
//
// fn items(r0: &mut H, i1: i64, f2: f64) -> f64 {
// block0(r0: &mut H, i1: i64, f2: f64):
//     r3: &List<C> = getsubstruct(r0, descr=<Field H.items offset_of!(H, items)>)
//     i4: usize = getfield_i(r3, descr=<Field List<C>.len List::<C>::OFFSET_OF_LEN>)
//     i5: usize = getfield_i(r3, descr=<Field List<C>.capacity List::<C>::OFFSET_OF_CAPACITY>)
//     i6: bool = uint_lt(i4, i5)
//     if i6 then block5(r3, i4, i1, f2, r0) else block4(r3, i4, i1, f2, r0)
// block5(r32: &List<C>, i33: usize, i34: i64, f35: f64, r36: &mut H):
//     i7: addr = getfield_i(r32, descr=<Field List<C>.items List::<C>::OFFSET_OF_ITEMS>)
//     r8: &C = getarraysubstruct_raw(i7, i33, descr=<Array C size_of::<C>()>)
//     setfield(r8, i34, descr=<Field C.a offset_of!(C, a)>)
//     setfield(r8, f35, descr=<Field C.f offset_of!(C, f)>)
//     i9: usize = int_add(i33, 1)
//     setfield(r32, i9, descr=<Field List<C>.len List::<C>::OFFSET_OF_LEN>)
//     r10: &List<C> = getsubstruct(r36, descr=<Field H.items offset_of!(H, items)>)
//     i11: usize = getfield_i(r10, descr=<Field List<C>.len List::<C>::OFFSET_OF_LEN>)
//     i12: bool = uint_ge(0, i11)
//     if i12 then panic("index out of bounds") else block6(r10, r36)
// block6(r37: &List<C>, r38: &mut H):
//     i13: addr = getfield_i(r37, descr=<Field List<C>.items List::<C>::OFFSET_OF_ITEMS>)
//     r14: &C = getarraysubstruct_raw(i13, 0, descr=<Array C size_of::<C>()>)
//     setfield(r14, 2.5, descr=<Field C.f offset_of!(C, f)>)
//     r15: &List<C> = getsubstruct(r38, descr=<Field H.items offset_of!(H, items)>)
//     i16: usize = getfield_i(r15, descr=<Field List<C>.len List::<C>::OFFSET_OF_LEN>)
//     i17: bool = int_eq(i16, 0)
//     if i17 then block7() else block8(i16, r15)
// block7():
//     goto block9(0, 0, 0.0)
// block9(i23: bool, i24: i64, f25: f64):
//     if i23 then block1(i23, i24, f25) else return(0.0)
// block1(i26: bool, i27: i64, f28: f64):
//     goto return(f28)
// block8(i39: usize, r40: &List<C>):
//     i18: usize = int_sub(i39, 1)
//     setfield(r40, i18, descr=<Field List<C>.len List::<C>::OFFSET_OF_LEN>)
//     i19: addr = getfield_i(r40, descr=<Field List<C>.items List::<C>::OFFSET_OF_ITEMS>)
//     r20: &C = getarraysubstruct_raw(i19, i18, descr=<Array C size_of::<C>()>)
//     i21: i64 = getfield_i(r20, descr=<Field C.a offset_of!(C, a)>)
//     f22: f64 = getfield_f(r20, descr=<Field C.f offset_of!(C, f)>)
//     goto block9(1, i21, f22)
// block4(r31: &List<C>, i41: usize, i42: i64, f43: f64, r44: &mut H):
//     residual_call(r31, descr=<Call jitsupport::list::ll_reserve::<C>(r) -> void can_panic>)
//     goto block5(r31, i41, i42, f43, r44)
// return(f29: f64):
//     return f29
// panic(r30: &str):
//     panic r30
// }
//
// layout C: size_of::<C>()
//     a: i64 (int signed) at offset_of!(C, a), size 8
//     f: f64 (float) at offset_of!(C, f), size 8
// layout Pair: size_of::<Pair>()
//     left: C (inline) at offset_of!(Pair, left), size size_of::<C>()
//     right: C (inline) at offset_of!(Pair, right), size size_of::<C>()
// layout H: size_of::<H>()
//     pair: Pair (inline) at offset_of!(H, pair), size size_of::<Pair>()
//     items: List<C> (inline) at offset_of!(H, items), size size_of::<List<C>>()
// layout List<C>: size_of::<List<C>>()
//     items: addr (int) at List::<C>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<C>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<C>::OFFSET_OF_CAPACITY, size 8
