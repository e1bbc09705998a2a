// golden: graphs
mod m {
    fn both(a: bool, b: i64) -> i64 {
        match (a, b) {
            (true, 0) => 1,
            (false, n) => n,
            (_, _) => 2,
        }
    }

    fn nested(p: ((i64, i64), Option<i64>)) -> i64 {
        match p {
            ((0, y), Some(z)) => y + z,
            ((x, _), None) => x,
            _ => 0,
        }
    }

    fn chars(c: char) -> i64 {
        match c {
            'a' => 1,
            'b' | 'c' => 2,
            '0'..='9' => 3,
            _ => 0,
        }
    }

    fn bools(b: bool) -> i64 {
        match b {
            true => 1,
            false => 0,
        }
    }
}
// ---- expected ----
// fn both(v2: bool, v3: i64) -> i64 {
// block0(v2: bool, v3: i64):
//     v4: (bool, i64) = new_tuple(v2, v3)
//     v11: bool = tuple_get[.0](v4)
//     if v11 then block4(v4) else block3(v4)
// block4(v14: (bool, i64)):
//     v16: i64 = tuple_get[.1](v14)
//     v17: bool = eq(v16, 0_i64)
//     if v17 then return(1_i64) else block3(v14)
// block3(v10: (bool, i64)):
//     v26: bool = tuple_get[.0](v10)
//     if v26 then return(2_i64) else block5(v10)
// block5(v29: (bool, i64)):
//     v31: i64 = tuple_get[.1](v29)
//     goto return(v31)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nested(v2: ((i64, i64), Option<i64>)) -> i64 {
// block0(v2: ((i64, i64), Option<i64>)):
//     v7: (i64, i64) = tuple_get[.0](v2)
//     v8: i64 = tuple_get[.0](v7)
//     v9: bool = eq(v8, 0_i64)
//     if v9 then block4(v2, v7) else block3(v2)
// block4(v11: ((i64, i64), Option<i64>), v12: (i64, i64)):
//     v14: i64 = tuple_get[.1](v12)
//     v15: Option<i64> = tuple_get[.1](v11)
//     switch v15:
//         Some => block5(v14, v15)
//         _ => block3(v11)
// block5(v21: i64, v22: Option<i64>):
//     v23: i64 = variant_field[Option::Some.0](v22)
//     v24: i64 = add(v21, v23)
//     goto return(v24)
// block3(v6: ((i64, i64), Option<i64>)):
//     v27: (i64, i64) = tuple_get[.0](v6)
//     v28: i64 = tuple_get[.0](v27)
//     v29: Option<i64> = tuple_get[.1](v6)
//     switch v29:
//         None => return(v28)
//         _ => return(0_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn chars(v2: char) -> i64 {
// block0(v2: char):
//     v7: bool = eq(v2, 'a')
//     if v7 then return(1_i64) else block3(v2)
// block3(v6: char):
//     v16: bool = eq(v6, 'b')
//     if v16 then return(2_i64) else block5(v6)
// block5(v15: char):
//     v19: bool = eq(v15, 'c')
//     if v19 then return(2_i64) else block4(v15)
// block4(v11: char):
//     v24: bool = ge(v11, '0')
//     if v24 then block6(v11) else return(0_i64)
// block6(v26: char):
//     v27: bool = le(v26, '9')
//     if v27 then return(3_i64) else return(0_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn bools(v2: bool) -> i64 {
// block0(v2: bool):
//     if v2 then return(1_i64) else block3(v2)
// block3(v6: bool):
//     if v6 then panic("internal error: entered unreachable code") else return(0_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
