#[jitsupport::interpreter]
mod interp {
    pub fn twice(x: i64) -> i64 {
        let double = |y: i64| y * 2;
        double(x)
    }
}

fn main() {
    assert_eq!(interp::twice(2), 4);
}
