#[jitsupport::interpreter]
mod interp {
    pub trait Shape {
        fn area(&self) -> i64;
    }

    pub fn double(x: i64) -> i64 {
        x * 2
    }
}

fn main() {
    assert_eq!(interp::double(2), 4);
}
