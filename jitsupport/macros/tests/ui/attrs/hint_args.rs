#[jitsupport::interpreter]
mod interp {
    #[jitsupport::unroll_safe(always)]
    pub fn double(x: i64) -> i64 {
        x * 2
    }
}

fn main() {
    assert_eq!(interp::double(2), 4);
}
