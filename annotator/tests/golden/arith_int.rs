// golden: graphs
mod m {
    fn arith(a: i64, b: i64) -> i64 {
        let c = a + b * 2;
        let d = (c - a) / b % 7;
        -d
    }

    fn literals() -> u8 {
        let x: u8 = 200;
        let y = 3u8;
        x.wrapping_add(y).wrapping_mul(2).wrapping_sub(1)
    }

    fn negs(a: i32) -> i32 {
        let m = -128i8;
        let _ = m;
        a.wrapping_neg() + -5
    }
}
// ---- expected ----
// fn arith(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v4 = mul(v3, 2)
//     v5 = add(v2, v4)
//     v6 = sub(v5, v2)
//     v7 = div(v6, v3)
//     v8 = rem(v7, 7)
//     v9 = neg(v8)
//     goto return(v9)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn literals() -> u8 {
// block0():
//     v2 = add(200_u8, 3_u8)
//     v3 = mul(v2, 2)
//     v4 = sub(v3, 1)
//     goto return(v4)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn negs(v2: i32) -> i32 {
// block0(v2: i32):
//     v3 = neg(v2)
//     v4 = add(v3, -5)
//     goto return(v4)
// return(v0: i32):
//     return v0
// panic(v1: &str):
//     panic v1
// }
