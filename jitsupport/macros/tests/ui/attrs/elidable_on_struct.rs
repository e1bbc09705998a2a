#[jitsupport::interpreter]
mod interp {
    #[jitsupport::elidable]
    pub struct Point {
        pub x: i64,
    }

    #[jitsupport::elidable]
    pub fn x_of(p: &Point) -> i64 {
        p.x
    }
}

fn main() {
    assert_eq!(interp::x_of(&interp::Point { x: 1 }), 1);
}
