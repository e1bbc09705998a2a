//! Every error of a module is reported at once, each at its own span.

#[jitsupport::interpreter]
mod interp {
    use jitsupport::{jit_merge_point, JitDriver};

    static DRIVER: JitDriver = JitDriver::new(&["pc"], &["acc"]);

    pub fn run(n: usize) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        while pc < n {
            jit_merge_point!(DRIVER; acc; pc);
            acc += 1;
            pc += 1;
        }
        acc
    }

    pub fn twice(x: i64) -> i64 {
        let double = |y: i64| y * 2;
        double(x)
    }

    pub fn show(x: i64) {
        println!("{}", x);
    }

    pub fn first<T: Copy>(pair: (T, T)) -> T {
        pair.0
    }
}

fn main() {
    interp::show(interp::run(3) + interp::twice(2) + interp::first((1, 2)));
}
