// golden: graphs
mod m {
    enum Op {
        Push(i64),
        Pop,
    }

    fn double(x: i64) -> i64 {
        x * 2
    }

    fn option_sugar(x: Option<i64>, d: i64) -> i64 {
        let a = if x.is_some() { 1 } else { 0 };
        let b = if x.is_none() { 10 } else { 0 };
        let c = x.map(|v| v + 1).unwrap_or(d);
        let e = x.map(double).unwrap_or_else(|| d - 1);
        a + b + c + e
    }

    fn is_push(op: &Op) -> bool {
        matches!(op, Op::Push(n) if *n > 0)
    }
}
// ---- expected ----
// fn double(v2: i64) -> i64 {
// block0(v2: i64):
//     v3: i64 = mul(v2, 2_i64)
//     goto return(v3)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn option_sugar(v2: Option<i64>, v3: i64) -> i64 {
// block0(v2: Option<i64>, v3: i64):
//     switch v2:
//         Some => block4(v2, v3, true)
//         None => block4(v2, v3, false)
// block4(v11: Option<i64>, v12: i64, v13: bool):
//     if v13 then block3(v11, v12, 1_i64) else block3(v11, v12, 0_i64)
// block3(v8: Option<i64>, v9: i64, v10: i64):
//     switch v8:
//         Some => block6(v8, v9, v10, false)
//         None => block6(v8, v9, v10, true)
// block6(v30: Option<i64>, v31: i64, v32: i64, v33: bool):
//     if v33 then block5(v30, v31, v32, 10_i64) else block5(v30, v31, v32, 0_i64)
// block5(v26: Option<i64>, v27: i64, v28: i64, v29: i64):
//     switch v26:
//         Some => block8(v26, v27, v28, v29, v26)
//         None => block9(v26, v27, v28, v29)
// block8(v47: Option<i64>, v48: i64, v49: i64, v50: i64, v51: Option<i64>):
//     v57: i64 = variant_field[Option::Some.0](v51)
//     v64: i64 = add(v57, 1_i64)
//     v65: Option<i64> = new_variant[Option::Some](v64)
//     goto block7(v47, v48, v49, v50, v65)
// block7(v42: Option<i64>, v43: i64, v44: i64, v45: i64, v46: Option<i64>):
//     switch v46:
//         Some => block11(v42, v43, v44, v45, v46)
//         None => block10(v42, v43, v44, v45, v43)
// block11(v74: Option<i64>, v75: i64, v76: i64, v77: i64, v80: Option<i64>):
//     v88: i64 = variant_field[Option::Some.0](v80)
//     goto block10(v74, v75, v76, v77, v88)
// block10(v67: Option<i64>, v68: i64, v69: i64, v70: i64, v73: i64):
//     switch v67:
//         Some => block13(v68, v69, v70, v73, v67)
//         None => block14(v68, v69, v70, v73)
// block13(v104: i64, v105: i64, v106: i64, v107: i64, v108: Option<i64>):
//     v115: i64 = variant_field[Option::Some.0](v108)
//     v123: i64 = call[double](v115)
//     v124: Option<i64> = new_variant[Option::Some](v123)
//     goto block12(v104, v105, v106, v107, v124)
// block12(v98: i64, v99: i64, v100: i64, v101: i64, v102: Option<i64>):
//     switch v102:
//         Some => block16(v99, v100, v101, v102)
//         None => block17(v98, v99, v100, v101)
// block16(v134: i64, v135: i64, v136: i64, v137: Option<i64>):
//     v144: i64 = variant_field[Option::Some.0](v137)
//     goto block15(v134, v135, v136, v144)
// block15(v128: i64, v129: i64, v130: i64, v131: i64):
//     v153: i64 = add(v128, v129)
//     v154: i64 = add(v153, v130)
//     v155: i64 = add(v154, v131)
//     goto return(v155)
// block17(v139: i64, v140: i64, v141: i64, v142: i64):
//     v152: i64 = sub(v139, 1_i64)
//     goto block15(v140, v141, v142, v152)
// block14(v110: i64, v111: i64, v112: i64, v113: i64):
//     v125: Option<i64> = new_variant[Option::None]()
//     goto block12(v110, v111, v112, v113, v125)
// block9(v52: Option<i64>, v53: i64, v54: i64, v55: i64):
//     v66: Option<i64> = new_variant[Option::None]()
//     goto block7(v52, v53, v54, v55, v66)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn is_push(v2: &Op) -> bool {
// block0(v2: &Op):
//     switch v2:
//         Push => block3(v2)
//         _ => return(false)
// block3(v8: &Op):
//     v9: i64 = variant_field[Op::Push.0](v8)
//     v10: &i64 = borrow(v9)
//     v15: i64 = deref(v10)
//     v16: bool = gt(v15, 0_i64)
//     if v16 then return(true) else return(false)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
