// golden: graphs
mod m {
    fn floats(a: f64, b: f64) -> f64 {
        let c = a * b + 1.5 - 2.0 / a;
        let d = -c;
        if d < 0.0 { d % 3.0 } else { d.sqrt() }
    }

    fn bits(a: u64, b: u64) -> u64 {
        let c = (a & b) | (a ^ !b);
        let d = c << 3;
        let e = d >> (b & 63);
        e.wrapping_add(u64::MAX) + i64::MIN as u64
    }
}
// ---- expected ----
// fn floats(v2: f64, v3: f64) -> f64 {
// block0(v2: f64, v3: f64):
//     v4 = mul(v2, v3)
//     v5 = add(v4, 1.5_f64)
//     v6 = div(2.0_f64, v2)
//     v7 = sub(v5, v6)
//     v8 = neg(v7)
//     v22 = lt(v8, 0.0_f64)
//     if v22 then block3(v8) else block4(v8)
// block3(v12):
//     v23 = rem(v12, 3.0_f64)
//     goto return(v23)
// block4(v16):
//     v24 = sqrt(v16)
//     goto return(v24)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn bits(v2: u64, v3: u64) -> u64 {
// block0(v2: u64, v3: u64):
//     v4 = bitand(v2, v3)
//     v5 = not(v3)
//     v6 = bitxor(v2, v5)
//     v7 = bitor(v4, v6)
//     v8 = shl(v7, 3)
//     v9 = bitand(v3, 63)
//     v10 = shr(v8, v9)
//     v11 = add(v10, 18446744073709551615_u64)
//     v12 = cast[u64](-9223372036854775808_i64)
//     v13 = add(v11, v12)
//     goto return(v13)
// return(v0: u64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
