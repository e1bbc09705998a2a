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
//     v4: i64 = mul(v3, 2_i64)
//     v5: i64 = add(v2, v4)
//     v6: i64 = sub(v5, v2)
//     v7: i64 = div(v6, v3)
//     v8: i64 = rem(v7, 7_i64)
//     v9: i64 = neg(v8)
//     goto return(v9)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn literals() -> u8 {
// block0():
//     v2: u8 = add(200_u8, 3_u8)
//     v3: u8 = mul(v2, 2_u8)
//     v4: u8 = sub(v3, 1_u8)
//     goto return(v4)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn negs(v2: i32) -> i32 {
// block0(v2: i32):
//     v3: i32 = neg(v2)
//     v4: i32 = add(v3, -5_i32)
//     goto return(v4)
// return(v0: i32):
//     return v0
// panic(v1: &str):
//     panic v1
// }
