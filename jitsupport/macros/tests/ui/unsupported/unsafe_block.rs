#[jitsupport::interpreter]
mod interp {
    pub fn first(xs: &[i64; 4]) -> i64 {
        unsafe { *xs.as_ptr() }
    }
}

fn main() {
    assert_eq!(interp::first(&[1, 2, 3, 4]), 1);
}
