// golden: graphs
mod m {
    // Suffixed literals have their suffix's type; `2f64` is a float.
    fn suffixes(x: u64, f: f64) -> f64 {
        let a = x + 1u64;
        let b = 3i8 as i64;
        f * 2f64 + a as f64 + b as f64 + 0.5f64
    }
}
// ---- expected ----
// fn suffixes(v2: u64, v3: f64) -> f64 {
// block0(v2: u64, v3: f64):
//     v4: u64 = add(v2, 1_u64)
//     v5: i64 = cast[i64](3_i8)
//     v6: f64 = mul(v3, 2.0_f64)
//     v7: f64 = cast[f64](v4)
//     v8: f64 = add(v6, v7)
//     v9: f64 = cast[f64](v5)
//     v10: f64 = add(v8, v9)
//     v11: f64 = add(v10, 0.5_f64)
//     goto return(v11)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
