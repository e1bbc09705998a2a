// golden: graphs
mod m {
    struct Point {
        x: i64,
        y: i64,
    }

    struct Frame {
        pos: Point,
        stack: [i64; 8],
        sp: usize,
    }

    fn write(f: &mut Frame, v: i64) {
        f.pos.x = v;
        f.stack[f.sp] = v;
        f.sp += 1;
        f.pos.y = if v > 0 { v } else { -v };
        let r = &mut f.pos;
        r.x = 3;
        let b = &f.pos;
        let _ = *b;
    }

    impl Frame {
        fn push(&mut self, v: i64) {
            self.stack[self.sp] = v;
            self.sp += 1;
        }

        fn pop(&mut self) -> i64 {
            self.sp -= 1;
            self.stack[self.sp]
        }
    }
}
// ---- expected ----
// fn write(v2: &mut Frame, v3: i64) -> () {
// block0(v2: &mut Frame, v3: i64):
//     v4: Point = getfield[.pos](v2)
//     v5: () = setfield[.x](v4, v3)
//     v6: [i64; 8] = getfield[.stack](v2)
//     v7: usize = getfield[.sp](v2)
//     v8: () = setitem(v6, v7, v3)
//     v9: usize = getfield[.sp](v2)
//     v10: usize = add(v9, 1_usize)
//     v11: () = setfield[.sp](v2, v10)
//     v19: bool = gt(v3, 0_i64)
//     if v19 then block4(v2, v3) else block3(v2, v3)
// block4(v16: &mut Frame, v18: i64):
//     v21: Point = getfield[.pos](v16)
//     v22: () = setfield[.y](v21, v18)
//     v23: Point = getfield[.pos](v16)
//     v24: &mut Point = borrow[mut](v23)
//     v25: () = setfield[.x](v24, 3_i64)
//     v26: Point = getfield[.pos](v16)
//     v27: &Point = borrow(v26)
//     v28: Point = deref(v27)
//     goto return(())
// block3(v14: &mut Frame, v15: i64):
//     v20: i64 = neg(v15)
//     goto block4(v14, v20)
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::push(v2: &mut Frame, v3: i64) -> () {
// block0(v2: &mut Frame, v3: i64):
//     v4: [i64; 8] = getfield[.stack](v2)
//     v5: usize = getfield[.sp](v2)
//     v6: () = setitem(v4, v5, v3)
//     v7: usize = getfield[.sp](v2)
//     v8: usize = add(v7, 1_usize)
//     v9: () = setfield[.sp](v2, v8)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::pop(v2: &mut Frame) -> i64 {
// block0(v2: &mut Frame):
//     v3: usize = getfield[.sp](v2)
//     v4: usize = sub(v3, 1_usize)
//     v5: () = setfield[.sp](v2, v4)
//     v6: [i64; 8] = getfield[.stack](v2)
//     v7: usize = getfield[.sp](v2)
//     v8: i64 = getitem(v6, v7)
//     goto return(v8)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
