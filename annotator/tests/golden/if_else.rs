// golden: graphs
mod m {
    fn sign(x: i64) -> i64 {
        if x < 0 {
            -1
        } else if x == 0 {
            0
        } else {
            1
        }
    }

    fn clamp(mut x: i64, lo: i64, hi: i64) -> i64 {
        if x < lo {
            x = lo;
        }
        if x > hi && hi > lo {
            x = hi;
        }
        x
    }

    fn either(a: bool, b: bool) -> bool {
        let c = a || b;
        let d = !a && b;
        c && !d
    }
}
// ---- expected ----
// fn sign(v2: i64) -> i64 {
// block0(v2: i64):
//     v7: bool = lt(v2, 0_i64)
//     if v7 then return(-1_i64) else block3(v2)
// block3(v4: i64):
//     v12: bool = eq(v4, 0_i64)
//     if v12 then return(0_i64) else return(1_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn clamp(v2: i64, v3: i64, v4: i64) -> i64 {
// block0(v2: i64, v3: i64, v4: i64):
//     v15: bool = lt(v2, v3)
//     if v15 then block3(v3, v3, v4) else block3(v2, v3, v4)
// block3(v11: i64, v12: i64, v13: i64):
//     v29: bool = gt(v11, v13)
//     if v29 then block4(v11, v12, v13) else return(v11)
// block4(v26: i64, v27: i64, v28: i64):
//     v30: bool = gt(v28, v27)
//     if v30 then return(v28) else return(v26)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn either(v2: bool, v3: bool) -> bool {
// block0(v2: bool, v3: bool):
//     if v2 then block3(v2, v3, true) else block3(v2, v3, v3)
// block3(v6: bool, v7: bool, v8: bool):
//     v9: bool = not(v6)
//     if v9 then block4(v8, v7) else block4(v8, false)
// block4(v15: bool, v16: bool):
//     if v15 then block5(v16) else return(false)
// block5(v20: bool):
//     v26: bool = not(v20)
//     goto return(v26)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
