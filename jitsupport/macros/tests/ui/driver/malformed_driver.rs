#[jitsupport::interpreter]
mod interp {
    use jitsupport::JitDriver;

    static DRIVER: JitDriver = JitDriver::new(&["pc"], &[]);

    pub fn run(n: i64) -> i64 {
        let _ = &DRIVER;
        n
    }
}

fn main() {
    assert_eq!(interp::run(3), 3);
}
