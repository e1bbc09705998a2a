// golden: graphs
mod m {
    fn count(n: i64) -> i64 {
        let mut total = 0;
        for i in 0..n {
            total += i;
        }
        total
    }

    fn inclusive(n: u8) -> u32 {
        let mut total = 0u32;
        for i in 1..=n {
            total += i as u32;
        }
        total
    }

    fn backwards(n: i64) -> i64 {
        let mut last = 0;
        for i in (0..n).rev() {
            last = i;
        }
        last
    }

    fn pairs(n: i64) -> i64 {
        let mut hits = 0;
        'outer: for i in 0..n {
            for j in 0..n {
                if j > i {
                    continue 'outer;
                }
                if i + j > 10 {
                    break 'outer;
                }
                hits += 1;
            }
        }
        hits
    }
}
// ---- expected ----
// fn count(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(0_i64, 0_i64, v2)
// block3(v6: i64, v7: i64, v8: i64):
//     v17: bool = lt(v7, v8)
//     if v17 then block4(v6, v7, v8) else return(v6)
// block4(v10: i64, v11: i64, v12: i64):
//     v18: i64 = add(v11, 1_i64)
//     v19: i64 = add(v10, v11)
//     goto block3(v19, v18, v12)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn inclusive(v2: u8) -> u32 {
// block0(v2: u8):
//     v13: bool = le(1_u8, v2)
//     if v13 then block3(0_u32, 1_u8, v2) else return(0_u32)
// block3(v10: u32, v11: u8, v12: u8):
//     v14: u32 = cast[u32](v11)
//     v15: u32 = add(v10, v14)
//     v16: bool = eq(v11, v12)
//     if v16 then return(v15) else block4(v15, v11, v12)
// block4(v18: u32, v19: u8, v20: u8):
//     v21: u8 = add(v19, 1_u8)
//     goto block3(v18, v21, v20)
// return(v0: u32):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn backwards(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(0_i64, v2, 0_i64)
// block3(v6: i64, v7: i64, v8: i64):
//     v17: bool = gt(v7, v8)
//     if v17 then block4(v7, v8) else return(v6)
// block4(v11: i64, v12: i64):
//     v18: i64 = sub(v11, 1_i64)
//     goto block3(v18, v18, v12)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn pairs(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0_i64, 0_i64, v2)
// block3(v5: i64, v6: i64, v7: i64, v8: i64):
//     v17: bool = lt(v7, v8)
//     if v17 then block4(v5, v6, v7, v8) else return(v6)
// block4(v9: i64, v10: i64, v11: i64, v12: i64):
//     v18: i64 = add(v11, 1_i64)
//     goto block5(v9, v10, v18, v12, v11, 0_i64, v9)
// block5(v24: i64, v25: i64, v26: i64, v27: i64, v28: i64, v29: i64, v30: i64):
//     v45: bool = lt(v29, v30)
//     if v45 then block6(v24, v25, v26, v27, v28, v29, v30) else block3(v24, v25, v26, v27)
// block6(v31: i64, v32: i64, v33: i64, v34: i64, v35: i64, v36: i64, v37: i64):
//     v46: i64 = add(v36, 1_i64)
//     v72: bool = gt(v36, v35)
//     if v72 then block3(v31, v32, v33, v34) else block7(v31, v32, v33, v34, v35, v46, v37, v36)
// block7(v63: i64, v64: i64, v65: i64, v66: i64, v67: i64, v68: i64, v69: i64, v70: i64):
//     v98: i64 = add(v67, v70)
//     v99: bool = gt(v98, 10_i64)
//     if v99 then return(v64) else block8(v63, v64, v65, v66, v67, v68, v69)
// block8(v89: i64, v90: i64, v91: i64, v92: i64, v93: i64, v94: i64, v95: i64):
//     v100: i64 = add(v90, 1_i64)
//     goto block5(v89, v100, v91, v92, v93, v94, v95)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
