#[jitsupport::interpreter]
mod interp {
    #[derive(Clone, Copy)]
    pub struct Point {
        pub x: i64,
        pub y: i64,
    }

    pub fn with_x(p: Point, x: i64) -> Point {
        Point { x, ..p }
    }
}

fn main() {
    let p = interp::with_x(interp::Point { x: 1, y: 2 }, 3);
    assert_eq!((p.x, p.y), (3, 2));
}
