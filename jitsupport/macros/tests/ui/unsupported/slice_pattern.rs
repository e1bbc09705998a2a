#[jitsupport::interpreter]
mod interp {
    pub fn first(xs: [i64; 2]) -> i64 {
        match xs {
            [a, _] => a,
        }
    }
}

fn main() {
    assert_eq!(interp::first([1, 2]), 1);
}
