// golden: graphs
mod m {
    fn checks(x: i64, y: i64) -> i64 {
        assert!(x > 0);
        assert!(y > 0, "y must be positive, got {}", y);
        assert_eq!(x, y);
        assert_ne!(x, 3, "x is not {}", 3);
        debug_assert!(x < 100);
        debug_assert_eq!(x, y);
        x
    }

    fn panics(op: u8) -> i64 {
        match op {
            0 => panic!("bad opcode {}", op),
            1 => unreachable!(),
            2 => todo!("later"),
            3 => panic!(),
            _ => 7,
        }
    }
}
// ---- expected ----
// fn checks(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v4: bool = gt(v2, 0_i64)
//     if v4 then block3(v2, v3) else panic("assertion failed: x > 0")
// block3(v5: i64, v6: i64):
//     v9: bool = gt(v6, 0_i64)
//     if v9 then block4(v5, v6) else panic("y must be positive, got {}")
// block4(v10: i64, v11: i64):
//     v14: bool = eq(v10, v11)
//     if v14 then block5(v10) else panic("assertion `left == right` failed")
// block5(v15: i64):
//     v19: bool = ne(v15, 3_i64)
//     if v19 then return(v15) else panic("assertion `left != right` failed: x is not {}")
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn panics(v2: u8) -> i64 {
// block0(v2: u8):
//     switch v2:
//         0 => panic("bad opcode {}")
//         1 => panic("internal error: entered unreachable code")
//         2 => panic("not yet implemented: later")
//         3 => panic("explicit panic")
//         _ => return(7_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
