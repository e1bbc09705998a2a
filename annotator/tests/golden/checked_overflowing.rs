// golden: graphs
mod m {
    fn checked(a: i64, b: i64) -> Option<i64> {
        let s = a.checked_add(b);
        let t = a.checked_mul(b)?;
        let u = t.checked_sub(1)?;
        s
    }

    fn overflowing(a: u32, b: u32) -> bool {
        let (v, o) = a.overflowing_add(b);
        let (w, p) = v.overflowing_sub(b);
        let (_, q) = w.overflowing_mul(3);
        o || p || q
    }
}
// ---- expected ----
// fn checked(v2: i64, v3: i64) -> Option<i64> {
// block0(v2: i64, v3: i64):
//     v4: i64 = add_ovf(v2, v3)
//     if no overflow then block3(v2, v3, v4) else block4(v2, v3)
// block3(v5: i64, v6: i64, v7: i64):
//     v13: Option<i64> = new_variant[Option::Some](v7)
//     goto block5(v5, v6, v13)
// block5(v10: i64, v11: i64, v12: Option<i64>):
//     v15: i64 = mul_ovf(v10, v11)
//     if no overflow then block6(v12, v15) else block7(v12)
// block6(v18: Option<i64>, v19: i64):
//     v27: Option<i64> = new_variant[Option::Some](v19)
//     goto block8(v18, v27)
// block8(v25: Option<i64>, v26: Option<i64>):
//     switch v26:
//         None => block10()
//         Some => block9(v25, v26)
// block10():
//     v36: Option<i64> = new_variant[Option::None]()
//     goto return(v36)
// block9(v31: Option<i64>, v32: Option<i64>):
//     v37: i64 = variant_field[Option::Some.0](v32)
//     v38: i64 = sub_ovf(v37, 1_i64)
//     if no overflow then block11(v31, v38) else block12(v31)
// block11(v41: Option<i64>, v43: i64):
//     v53: Option<i64> = new_variant[Option::Some](v43)
//     goto block13(v41, v53)
// block13(v50: Option<i64>, v52: Option<i64>):
//     switch v52:
//         None => block15()
//         Some => block14(v50, v52)
// block15():
//     v64: Option<i64> = new_variant[Option::None]()
//     goto return(v64)
// block14(v57: Option<i64>, v59: Option<i64>):
//     v65: i64 = variant_field[Option::Some.0](v59)
//     goto return(v57)
// block12(v46: Option<i64>):
//     v54: Option<i64> = new_variant[Option::None]()
//     goto block13(v46, v54)
// block7(v22: Option<i64>):
//     v28: Option<i64> = new_variant[Option::None]()
//     goto block8(v22, v28)
// block4(v8: i64, v9: i64):
//     v14: Option<i64> = new_variant[Option::None]()
//     goto block5(v8, v9, v14)
// return(v0: Option<i64>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn overflowing(v2: u32, v3: u32) -> bool {
// block0(v2: u32, v3: u32):
//     v4: u32 = add(v2, v3)
//     v5: bool = add_overflows(v2, v3)
//     v6: (u32, bool) = new_tuple(v4, v5)
//     v7: u32 = tuple_get[.0](v6)
//     v8: bool = tuple_get[.1](v6)
//     v9: u32 = sub(v7, v3)
//     v10: bool = sub_overflows(v7, v3)
//     v11: (u32, bool) = new_tuple(v9, v10)
//     v12: u32 = tuple_get[.0](v11)
//     v13: bool = tuple_get[.1](v11)
//     v14: u32 = mul(v12, 3_u32)
//     v15: bool = mul_overflows(v12, 3_u32)
//     v16: (u32, bool) = new_tuple(v14, v15)
//     v17: bool = tuple_get[.1](v16)
//     if v8 then block3(v17, true) else block3(v17, v13)
// block3(v31: bool, v32: bool):
//     if v32 then return(true) else return(v31)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
