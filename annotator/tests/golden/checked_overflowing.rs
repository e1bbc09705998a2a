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
//     v4 = add_ovf(v2, v3)
//     if no overflow then block3(v2, v3, v4) else block4(v2, v3)
// block3(v5: i64, v6: i64, v7):
//     v13 = new_variant[Option::Some](v7)
//     goto block5(v5, v6, v13)
// block5(v10: i64, v11: i64, v12):
//     v15 = mul_ovf(v10, v11)
//     if no overflow then block6(v12, v15) else block7(v12)
// block6(v18, v19):
//     v27 = new_variant[Option::Some](v19)
//     goto block8(v18, v27)
// block8(v25, v26):
//     switch v26:
//         None => block10()
//         Some => block9(v25, v26)
// block10():
//     v36 = new_variant[Option::None]()
//     goto return(v36)
// block9(v31, v32):
//     v37 = variant_field[Option::Some.0](v32)
//     v38 = sub_ovf(v37, 1)
//     if no overflow then block11(v31, v38) else block12(v31)
// block11(v41, v43):
//     v53 = new_variant[Option::Some](v43)
//     goto block13(v41, v53)
// block13(v50, v52):
//     switch v52:
//         None => block15()
//         Some => block14(v50, v52)
// block15():
//     v64 = new_variant[Option::None]()
//     goto return(v64)
// block14(v57, v59):
//     v65 = variant_field[Option::Some.0](v59)
//     goto return(v57)
// block12(v46):
//     v54 = new_variant[Option::None]()
//     goto block13(v46, v54)
// block7(v22):
//     v28 = new_variant[Option::None]()
//     goto block8(v22, v28)
// block4(v8: i64, v9: i64):
//     v14 = new_variant[Option::None]()
//     goto block5(v8, v9, v14)
// return(v0: Option<i64>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn overflowing(v2: u32, v3: u32) -> bool {
// block0(v2: u32, v3: u32):
//     v4 = add(v2, v3)
//     v5 = add_overflows(v2, v3)
//     v6 = new_tuple(v4, v5)
//     v7 = tuple_get[.0](v6)
//     v8 = tuple_get[.1](v6)
//     v9 = sub(v7, v3)
//     v10 = sub_overflows(v7, v3)
//     v11 = new_tuple(v9, v10)
//     v12 = tuple_get[.0](v11)
//     v13 = tuple_get[.1](v11)
//     v14 = mul(v12, 3)
//     v15 = mul_overflows(v12, 3)
//     v16 = new_tuple(v14, v15)
//     v17 = tuple_get[.1](v16)
//     if v8 then block3(v17, true) else block3(v17, v13)
// block3(v31, v32):
//     if v32 then return(true) else return(v31)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
