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
//     goto block3(v2, 0, 0, v2)
// block3(v5: i64, v6, v7, v8):
//     v17 = lt(v7, v8)
//     if v17 then block4(v5, v6, v7, v8) else return(v6)
// block4(v9: i64, v10, v11, v12):
//     v18 = add(v11, 1)
//     v19 = add(v10, v11)
//     goto block3(v9, v19, v18, v12)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn inclusive(v2: u8) -> u32 {
// block0(v2: u8):
//     v13 = le(1, v2)
//     if v13 then block3(v2, 0_u32, 1, v2) else return(0_u32)
// block3(v9: u8, v10, v11, v12):
//     v14 = cast[u32](v11)
//     v15 = add(v10, v14)
//     v16 = eq(v11, v12)
//     if v16 then return(v15) else block4(v9, v15, v11, v12)
// block4(v17: u8, v18, v19, v20):
//     v21 = add(v19, 1)
//     goto block3(v17, v18, v21, v20)
// return(v0: u32):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn backwards(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0, v2, 0)
// block3(v5: i64, v6, v7, v8):
//     v17 = gt(v7, v8)
//     if v17 then block4(v5, v7, v8) else return(v6)
// block4(v9: i64, v11, v12):
//     v18 = sub(v11, 1)
//     goto block3(v9, v18, v18, v12)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn pairs(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0, 0, v2)
// block3(v5: i64, v6, v7, v8):
//     v17 = lt(v7, v8)
//     if v17 then block4(v5, v6, v7, v8) else return(v6)
// block4(v9: i64, v10, v11, v12):
//     v18 = add(v11, 1)
//     goto block5(v9, v10, v18, v12, v11, 0, v9)
// block5(v24: i64, v25, v26, v27, v28, v29, v30):
//     v45 = lt(v29, v30)
//     if v45 then block6(v24, v25, v26, v27, v28, v29, v30) else block3(v24, v25, v26, v27)
// block6(v31: i64, v32, v33, v34, v35, v36, v37):
//     v46 = add(v36, 1)
//     v72 = gt(v36, v35)
//     if v72 then block3(v31, v32, v33, v34) else block7(v31, v32, v33, v34, v35, v46, v37, v36)
// block7(v63: i64, v64, v65, v66, v67, v68, v69, v70):
//     v98 = add(v67, v70)
//     v99 = gt(v98, 10)
//     if v99 then return(v64) else block8(v63, v64, v65, v66, v67, v68, v69)
// block8(v89: i64, v90, v91, v92, v93, v94, v95):
//     v100 = add(v90, 1)
//     goto block5(v89, v100, v91, v92, v93, v94, v95)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
