// golden: lltypes
mod m {
    struct Ctx {
        n: i64,
    }

    #[dont_look_inside]
    fn slow(x: i64) -> i64 {
        x * 2
    }

    #[elidable]
    fn lookup(c: &Ctx, k: i64) -> i64 {
        c.n + k
    }

    #[loop_invariant]
    fn config() -> u8 {
        3
    }

    fn helper(c: &Ctx) -> i64 {
        c.n
    }

    impl Ctx {
        fn get(&self) -> i64 {
            self.n
        }
    }

    fn run(c: &Ctx) -> i64 {
        crate::io::emit(c.n);
        let a: i64 = crate::io::read();
        let b = slow(a) + lookup(c, 1) + config() as i64;
        helper(c) + c.get() + b
    }

    fn fail(x: i64) -> i64 {
        if x < 0 {
            panic!("negative");
        }
        assert!(x != 3, "three");
        x
    }
}
// ---- expected ----
// fn lookup(r0: &Ctx, i1: i64) -> i64 {
//     # hints: elidable
// block0(r0: &Ctx, i1: i64):
//     i2: i64 = getfield_i(r0, descr=<Field Ctx.n offset_of!(Ctx, n)>)
//     i3: i64 = int_add(i2, i1)
//     goto return(i3)
// return(i4: i64):
//     return i4
// panic(r5: &str):
//     panic r5
// }
//
// fn config() -> u8 {
//     # hints: loop_invariant
// block0():
//     goto return(3)
// return(i0: u8):
//     return i0
// panic(r1: &str):
//     panic r1
// }
//
// fn helper(r0: &Ctx) -> i64 {
// block0(r0: &Ctx):
//     i1: i64 = getfield_i(r0, descr=<Field Ctx.n offset_of!(Ctx, n)>)
//     goto return(i1)
// return(i2: i64):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// fn Ctx::get(r0: &Ctx) -> i64 {
// block0(r0: &Ctx):
//     i1: i64 = getfield_i(r0, descr=<Field Ctx.n offset_of!(Ctx, n)>)
//     goto return(i1)
// return(i2: i64):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// fn run(r0: &Ctx) -> i64 {
// block0(r0: &Ctx):
//     i1: i64 = getfield_i(r0, descr=<Field Ctx.n offset_of!(Ctx, n)>)
//     residual_call(i1, descr=<Call crate::io::emit(i) -> void can_panic>)
//     i2: i64 = residual_call(descr=<Call crate::io::read() -> i can_panic>)
//     i3: i64 = residual_call(i2, descr=<Call slow(i) -> i can_panic>)
//     i4: i64 = residual_call(r0, 1, descr=<Call lookup(r, i) -> i elidable can_panic>)
//     i5: i64 = int_add(i3, i4)
//     i6: u8 = residual_call(descr=<Call config() -> i loop_invariant can_panic>)
//     i7: i64 = int_add(i5, i6)
//     i8: i64 = direct_call[helper](r0)
//     i9: i64 = direct_call[Ctx::get](r0)
//     i10: i64 = int_add(i8, i9)
//     i11: i64 = int_add(i10, i7)
//     goto return(i11)
// return(i12: i64):
//     return i12
// panic(r13: &str):
//     panic r13
// }
//
// fn fail(i0: i64) -> i64 {
// block0(i0: i64):
//     i1: bool = int_lt(i0, 0)
//     if i1 then panic("negative") else block1(i0)
// block1(i2: i64):
//     i3: bool = int_ne(i2, 3)
//     if i3 then return(i2) else panic("three")
// return(i4: i64):
//     return i4
// panic(r5: &str):
//     panic r5
// }
//
// layout Ctx: size_of::<Ctx>()
//     n: i64 (int signed) at offset_of!(Ctx, n), size 8
