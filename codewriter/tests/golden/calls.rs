// golden: jitcode
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
// function "crate::io::emit"
// function "crate::io::read"
// function "slow"
// function "lookup"
// function "config"
// descr <Field "Ctx.n" +0 i64>
// descr <Call "crate::io::emit" (i) -> void can_panic random_effects>
// descr <Call "crate::io::read" () -> i can_panic random_effects>
// descr <Call "slow" (i) -> i>
// descr <Call "lookup" (r, i) -> i elidable>
// descr <Call "config" () -> i loop_invariant>
// descr <JitCode "helper">
// descr <JitCode "Ctx::get">
//
// jitcode "helper" i=1 r=1 f=0
//     getfield_gc_i %r0, <Field "Ctx.n" +0 i64> -> %i0
//     int_return %i0
//
// jitcode "Ctx::get" i=1 r=1 f=0
//     getfield_gc_i %r0, <Field "Ctx.n" +0 i64> -> %i0
//     int_return %i0
//
// jitcode "run" i=3 r=1 f=0
//     getfield_gc_i %r0, <Field "Ctx.n" +0 i64> -> %i0
//     -live- %i0, %r0
//     residual_call_ir_v <Fn "crate::io::emit">, [%i0], [], <Call "crate::io::emit" (i) -> void can_panic random_effects>
//     -live- %r0
//     residual_call_r_i <Fn "crate::io::read">, [], <Call "crate::io::read" () -> i can_panic random_effects> -> %i0
//     -live- %i0, %r0
//     residual_call_ir_i <Fn "slow">, [%i0], [], <Call "slow" (i) -> i> -> %i0
//     -live- %i0, %r0
//     residual_call_ir_i <Fn "lookup">, [$1], [%r0], <Call "lookup" (r, i) -> i elidable> -> %i1
//     int_add %i0, %i1 -> %i0
//     -live- %i0, %r0
//     residual_call_r_i <Fn "config">, [], <Call "config" () -> i loop_invariant> -> %i1
//     int_add %i0, %i1 -> %i0
//     inline_call_r_i <JitCode "helper">, [%r0] -> %i1
//     -live- %i0, %i1, %r0
//     inline_call_r_i <JitCode "Ctx::get">, [%r0] -> %i2
//     -live- %i0, %i1, %i2
//     int_add %i1, %i2 -> %i1
//     int_add %i1, %i0 -> %i0
//     int_return %i0
//
// jitcode "fail" i=1 r=0 f=0
//     -live- %i0
//     goto_if_not_int_lt %i0, $0, L1
//     panic $"negative"
// L1:
//     -live- %i0
//     goto_if_not_int_ne %i0, $3, L2
//     int_return %i0
// L2:
//     panic $"three"
//
// jitcode "lookup" i=2 r=1 f=0
//     getfield_gc_i %r0, <Field "Ctx.n" +0 i64> -> %i1
//     int_add %i1, %i0 -> %i0
//     int_return %i0
//
// jitcode "config" i=0 r=0 f=0
//     int_return $3
