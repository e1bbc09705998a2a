#[jitsupport::interpreter]
mod interp {
    use jitsupport::{jit_merge_point, JitDriver};

    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["step"]);

    pub fn step(x: i64) -> i64 {
        x + 1
    }

    pub fn run(n: usize) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVER; pc; step);
            acc = step(acc);
            pc += 1;
        }
        acc
    }
}

fn main() {
    assert_eq!(interp::run(3), 3);
}
