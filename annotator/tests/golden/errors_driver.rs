// golden: graphs
mod m {
    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["acc"]);

    fn wrong_order(n: usize) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVER; acc; pc);
            acc += 1;
            pc += 1;
        }
        acc
    }

    fn second(n: usize) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVER; pc; acc);
            pc += 1;
        }
        acc
    }

    fn outside(pc: usize, acc: i64) {
        jit_merge_point!(OTHER; pc; acc);
        can_enter_jit!(DRIVER; pc; missing);
        jit_merge_point!(DRIVER pc acc);
    }

    fn not_in_loop(pc: usize, acc: i64) {
        can_enter_jit!(DRIVER; pc; acc);
        break;
    }
}
// ---- expected ----
// error at 9:37: the greens of `jit_merge_point!` must be the greens of `DRIVER` in its order: `pc`, but `acc` is given
// error at 9:42: the reds of `jit_merge_point!` must be the reds of `DRIVER` in its order: `acc`, but `pc` is given
// error at 20:12: a second `jit_merge_point!` for `DRIVER`: a driver has exactly one merge point; use `can_enter_jit!` at other loop heads
// error at 27:25: `OTHER` is not a JIT driver of this module; declare it as `static OTHER: JitDriver = JitDriver::new(&[greens], &[reds]);`
// error at 28:35: the reds of `can_enter_jit!` must be the reds of `DRIVER` in its order: `acc`, but `missing` is given
// error at 28:35: `missing` is not a local variable in scope here; the greens and reds of `can_enter_jit!` must be locals
// error at 29:32: `jit_merge_point!` takes `DRIVER; green, ...; red, ...` (the driver's variables, in its order): expected `;`
// error at 34:8: `break` outside of a loop
