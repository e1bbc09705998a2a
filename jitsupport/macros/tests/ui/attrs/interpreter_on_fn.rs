#[jitsupport::interpreter]
pub fn double(x: i64) -> i64 {
    x * 2
}

fn main() {
    assert_eq!(double(2), 4);
}
