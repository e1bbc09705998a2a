// golden: jitcode
mod m {
    use jitsupport::{dont_look_inside, jit_merge_point, GcArray, JitDriver};

    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["n", "frame"]).virtualizable("frame");

    #[virtualizable(sp, items[*])]
    pub struct Frame {
        #[immutable]
        pub items: GcArray<i64>,
        pub sp: usize,
    }

    #[dont_look_inside]
    fn consume(a: GcArray<i64>) -> i64 {
        a.len() as i64
    }

    // The array escapes into a call; the virtualizable red is a value, not a reference.
    fn run(frame: &mut Frame, n: i64) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc; n, frame);
            pc += 1;
            frame.items.set(0, n);
            if pc > 10 {
                return consume(frame.items);
            }
        }
    }

    static WRONG: JitDriver = JitDriver::new(&["pc"], &["n"]).virtualizable("n");

    fn other(n: i64) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(WRONG; pc; n);
            pc += 1;
            if pc > 10 {
                return n;
            }
        }
    }
}
// ---- expected ----
// error at 20:7: in `run`: the virtualizable array `Frame.items` is used by `residual_call`: use it only as `items.get(i)`, `items.set(i, v)` and `items.len()` right where it is read from the frame
// error at 34:7: the virtualizable red `n` of `WRONG` must be a reference to `Frame` (`&mut Frame`) or a `Gc<Frame>`, and every red of the driver one value
