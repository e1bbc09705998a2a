// golden: jitcode
mod m {
    use jitsupport::{jit_merge_point, GcArray, JitDriver};

    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["frame"]).virtualizable("frame");
    static OTHER: JitDriver = JitDriver::new(&["pc"], &["frame"]).virtualizable("nope");

    // `missing` is no field, `sp[*]` no array, `items` not immutable.
    #[virtualizable(sp[*], missing, items[*])]
    pub struct Frame {
        pub items: GcArray<i64>,
        pub sp: usize,
    }

    #[virtualizable(x)]
    pub struct Second {
        pub x: i64,
    }

    fn run(frame: &mut Frame) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc; frame);
            pc += 1;
            if pc > 10 {
                return 0;
            }
        }
    }
}
// ---- expected ----
// error at 16:15: a second virtualizable struct (`Frame` is one already): a module has at most one, the frame of its driver
// error at 9:20: `sp[*]` lists the items of an array, but `Frame.sp` is a usize, not a `GcArray`
// error at 9:27: `Frame` has no field `missing`
// error at 11:8: the virtualizable array `items` must keep its array while the frame lives: mark the field #[immutable]
// error at 6:80: the virtualizable `nope` is not a red of the driver (its reds: frame)
