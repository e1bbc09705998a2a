// golden: graphs
mod m {
    fn first_square_above(n: i64) -> i64 {
        let mut i = 0;
        let found = loop {
            let sq = i * i;
            if sq > n {
                break sq;
            }
            i += 1;
        };
        found + 1
    }

    fn spin(mut k: i64) {
        loop {
            k -= 1;
            if k == 0 {
                break;
            }
        }
    }
}
// ---- expected ----
// fn first_square_above(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0_i64)
// block3(v3: i64, v4: i64):
//     v8: i64 = mul(v4, v4)
//     v19: bool = gt(v8, v3)
//     if v19 then block4(v8) else block5(v3, v4)
// block4(v7: i64):
//     v21: i64 = add(v7, 1_i64)
//     goto return(v21)
// block5(v15: i64, v16: i64):
//     v20: i64 = add(v16, 1_i64)
//     goto block3(v15, v20)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn spin(v2: i64) -> () {
// block0(v2: i64):
//     goto block3(v2)
// block3(v3: i64):
//     v6: i64 = sub(v3, 1_i64)
//     v11: bool = eq(v6, 0_i64)
//     if v11 then return(()) else block3(v6)
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
