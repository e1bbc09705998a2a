// golden: graphs
mod m {
    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["acc"]);

    #[derive(Clone, Copy)]
    pub struct Fault {
        pub pc: usize,
    }

    // The natural result of an interpreter's run: lost by the portal's jitcode.
    fn run(n: usize) -> Result<i64, Fault> {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVER; pc; acc);
            if acc > 100 {
                return Err(Fault { pc });
            }
            acc += 1;
            pc += 1;
        }
        Ok(acc)
    }
}
// ---- expected ----
// error at 11:21: `run` is a portal (it has the `jit_merge_point!`), and a portal returns `()`, a primitive, a reference or a struct of the module, not `Result<i64, Fault>`: return a struct holding it (the JIT hands a portal's result back to native code as one value)
