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
//     v4 = new_tuple(v2, v3)
//     v11 = tuple_get[.0](v4)
//     if v11 then block4(v4) else block3(v4)
// block4(v14):
//     v16 = tuple_get[.1](v14)
//     v17 = eq(v16, 0)
//     if v17 then return(1) else block3(v14)
// block3(v10):
//     v26 = tuple_get[.0](v10)
//     if v26 then return(2) else block5(v10)
// block5(v29):
//     v31 = tuple_get[.1](v29)
//     goto return(v31)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nested(v2: ((i64, i64), Option<i64>)) -> i64 {
// block0(v2: ((i64, i64), Option<i64>)):
//     v7 = tuple_get[.0](v2)
//     v8 = tuple_get[.0](v7)
//     v9 = eq(v8, 0)
//     if v9 then block4(v2, v7) else block3(v2)
// block4(v11, v12):
//     v14 = tuple_get[.1](v12)
//     v15 = tuple_get[.1](v11)
//     switch v15:
//         Some => block5(v14, v15)
//         _ => block3(v11)
// block5(v21, v22):
//     v23 = variant_field[Option::Some.0](v22)
//     v24 = add(v21, v23)
//     goto return(v24)
// block3(v6):
//     v27 = tuple_get[.0](v6)
//     v28 = tuple_get[.0](v27)
//     v29 = tuple_get[.1](v6)
//     switch v29:
//         None => return(v28)
//         _ => return(0)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn chars(v2: char) -> i64 {
// block0(v2: char):
//     v7 = eq(v2, 'a')
//     if v7 then return(1) else block3(v2)
// block3(v6):
//     v16 = eq(v6, 'b')
//     if v16 then return(2) else block5(v6)
// block5(v15):
//     v19 = eq(v15, 'c')
//     if v19 then return(2) else block4(v15)
// block4(v11):
//     v24 = ge(v11, '0')
//     if v24 then block6(v11) else return(0)
// block6(v26):
//     v27 = le(v26, '9')
//     if v27 then return(3) else return(0)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn bools(v2: bool) -> i64 {
// block0(v2: bool):
//     if v2 then return(1) else block3(v2)
// block3(v6):
//     if v6 then panic("internal error: entered unreachable code") else return(0)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
