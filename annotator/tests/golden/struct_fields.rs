// golden: graphs
mod m {
    struct Point {
        x: i64,
        y: i64,
    }

    struct Pair(i64, bool);

    struct Frame {
        pos: Point,
        pc: usize,
    }

    impl Frame {
        fn new(x: i64) -> Frame {
            let y = x + 1;
            Frame { pc: 0, pos: Point { y, x } }
        }

        fn sum(&self) -> i64 {
            self.pos.x + self.pos.y
        }

        fn make() -> Frame {
            Self::new(5)
        }
    }

    fn pairs(p: Pair, t: (i64, bool)) -> bool {
        let q = Pair(p.0 + t.0, t.1);
        let (a, b) = t;
        let _ = a;
        q.1 && b
    }

    fn nested() -> i64 {
        let f = Frame::new(1);
        let s = f.sum();
        s + f.pos.x
    }
}
// ---- expected ----
// fn Frame::new(v2: i64) -> Frame {
// block0(v2: i64):
//     v3: i64 = add(v2, 1_i64)
//     v4: Point = new[Point](v2, v3)
//     v5: Frame = new[Frame](v4, 0_usize)
//     goto return(v5)
// return(v0: Frame):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::sum(v2: &Frame) -> i64 {
// block0(v2: &Frame):
//     v3: Point = getfield[.pos](v2)
//     v4: i64 = getfield[.x](v3)
//     v5: Point = getfield[.pos](v2)
//     v6: i64 = getfield[.y](v5)
//     v7: i64 = add(v4, v6)
//     goto return(v7)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::make() -> Frame {
// block0():
//     v2: Frame = call[Frame::new](5_i64)
//     goto return(v2)
// return(v0: Frame):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn pairs(v2: Pair, v3: (i64, bool)) -> bool {
// block0(v2: Pair, v3: (i64, bool)):
//     v4: i64 = getfield[.0](v2)
//     v5: i64 = tuple_get[.0](v3)
//     v6: i64 = add(v4, v5)
//     v7: bool = tuple_get[.1](v3)
//     v8: Pair = new[Pair](v6, v7)
//     v9: i64 = tuple_get[.0](v3)
//     v10: bool = tuple_get[.1](v3)
//     v11: bool = getfield[.1](v8)
//     if v11 then return(v10) else return(false)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nested() -> i64 {
// block0():
//     v2: Frame = call[Frame::new](1_i64)
//     v3: i64 = call_method[.sum = Frame::sum](v2)
//     v4: Point = getfield[.pos](v2)
//     v5: i64 = getfield[.x](v4)
//     v6: i64 = add(v3, v5)
//     goto return(v6)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
