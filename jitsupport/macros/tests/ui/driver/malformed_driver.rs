#[jitsupport::interpreter]
mod interp {
    use jitsupport::JitDriver;

    // Used by no merge point that compiles.
    #[allow(dead_code)]
    static DRIVER: JitDriver = JitDriver::new(&["pc"], &[]);

    pub fn run(n: i64) -> i64 {
        n
    }
}

fn main() {
    assert_eq!(interp::run(3), 3);
}
