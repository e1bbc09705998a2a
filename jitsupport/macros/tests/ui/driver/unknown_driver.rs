#[jitsupport::interpreter]
mod interp {
    use jitsupport::{jit_merge_point, JitDriver};

    // Used by no merge point that compiles.
    #[allow(dead_code)]
    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["acc"]);

    pub fn run(n: usize) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVR; pc; acc);
            acc += 1;
            pc += 1;
        }
        acc
    }
}

fn main() {
    assert_eq!(interp::run(3), 3);
}
