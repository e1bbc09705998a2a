// golden: graphs
mod m {
    // `(a..b).contains(&x)` is two comparisons; `x` is evaluated once.
    fn in_ranges(n: i64, c: u8) -> bool {
        (0..64).contains(&n) && !(2..=36).contains(&n) || (b'a'..=b'z').contains(&c)
    }

    fn half_open(n: i64) -> bool {
        (10..).contains(&n) || (..-5).contains(&n)
    }
}
// ---- expected ----
// fn in_ranges(v2: i64, v3: u8) -> bool {
// block0(v2: i64, v3: u8):
//     v4: &i64 = borrow(v2)
//     v5: i64 = deref(v4)
//     v6: bool = le(0_i64, v5)
//     if v6 then block3(v2, v3, v5) else block4(v2, v3, false)
// block3(v7: i64, v8: u8, v9: i64):
//     v14: bool = lt(v9, 64_i64)
//     goto block4(v7, v8, v14)
// block4(v10: i64, v11: u8, v13: bool):
//     if v13 then block5(v10, v11) else block6(v11, false)
// block5(v15: i64, v16: u8):
//     v20: &i64 = borrow(v15)
//     v21: i64 = deref(v20)
//     v22: bool = le(2_i64, v21)
//     if v22 then block7(v16, v21) else block8(v16, false)
// block7(v24: u8, v25: i64):
//     v30: bool = le(v25, 36_i64)
//     goto block8(v24, v30)
// block8(v27: u8, v29: bool):
//     v31: bool = not(v29)
//     goto block6(v27, v31)
// block6(v18: u8, v19: bool):
//     if v19 then return(true) else block9(v18)
// block9(v33: u8):
//     v37: &u8 = borrow(v33)
//     v38: u8 = deref(v37)
//     v39: bool = le(97_u8, v38)
//     if v39 then block10(v38) else return(false)
// block10(v42: u8):
//     v47: bool = le(v42, 122_u8)
//     goto return(v47)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn half_open(v2: i64) -> bool {
// block0(v2: i64):
//     v3: &i64 = borrow(v2)
//     v4: i64 = deref(v3)
//     v5: bool = le(10_i64, v4)
//     if v5 then return(true) else block3(v2)
// block3(v6: i64):
//     v9: &i64 = borrow(v6)
//     v10: i64 = deref(v9)
//     v11: bool = lt(v10, -5_i64)
//     goto return(v11)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
