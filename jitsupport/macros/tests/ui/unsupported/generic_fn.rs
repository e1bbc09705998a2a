#[jitsupport::interpreter]
mod interp {
    pub fn first<T: Copy>(pair: (T, T)) -> T {
        pair.0
    }
}

fn main() {
    assert_eq!(interp::first((1, 2)), 1);
}
