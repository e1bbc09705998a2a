// golden: graphs
mod m {
    fn floats(a: f64, b: f64) -> f64 {
        let c = a * b + 1.5 - 2.0 / a;
        let d = -c;
        if d < 0.0 { d % 3.0 } else { d.sqrt() }
    }

    fn limits(x: f64) -> f64 {
        if x > f64::MAX {
            f64::INFINITY
        } else {
            x.max(f64::MIN)
        }
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
//     v4: f64 = mul(v2, v3)
//     v5: f64 = add(v4, 1.5_f64)
//     v6: f64 = div(2.0_f64, v2)
//     v7: f64 = sub(v5, v6)
//     v8: f64 = neg(v7)
//     v22: bool = lt(v8, 0.0_f64)
//     if v22 then block3(v8) else block4(v8)
// block3(v12: f64):
//     v23: f64 = rem(v12, 3.0_f64)
//     goto return(v23)
// block4(v16: f64):
//     v24: f64 = sqrt(v16)
//     goto return(v24)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn limits(v2: f64) -> f64 {
// block0(v2: f64):
//     v7: bool = gt(v2, 1.7976931348623157e308_f64)
//     if v7 then return(inf_f64) else block3(v2)
// block3(v4: f64):
//     v8: f64 = max(v4, -1.7976931348623157e308_f64)
//     goto return(v8)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn bits(v2: u64, v3: u64) -> u64 {
// block0(v2: u64, v3: u64):
//     v4: u64 = bitand(v2, v3)
//     v5: u64 = not(v3)
//     v6: u64 = bitxor(v2, v5)
//     v7: u64 = bitor(v4, v6)
//     v8: u64 = shl(v7, 3_i32)
//     v9: u64 = bitand(v3, 63_u64)
//     v10: u64 = shr(v8, v9)
//     v11: u64 = add(v10, 18446744073709551615_u64)
//     v12: u64 = cast[u64](-9223372036854775808_i64)
//     v13: u64 = add(v11, v12)
//     goto return(v13)
// return(v0: u64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
