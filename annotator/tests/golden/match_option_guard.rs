// golden: graphs
mod m {
    fn describe(x: Option<i64>) -> i64 {
        match x {
            Some(n) if n > 10 => n,
            Some(n) => -n,
            None => 0,
        }
    }

    fn simple(x: Option<i64>) -> i64 {
        match x {
            Some(v) => v,
            None => 0,
        }
    }

    fn if_let(x: Option<i64>) -> i64 {
        if let Some(v) = x {
            v + 1
        } else {
            0
        }
    }

    fn pair(x: Option<(i64, i64)>) -> i64 {
        match x {
            Some((a, b)) => a - b,
            None => 0,
        }
    }

    fn let_else(x: Option<i64>) -> i64 {
        let Some(v) = x else {
            return -1;
        };
        v
    }
}
// ---- expected ----
// fn describe(v2: Option<i64>) -> i64 {
// block0(v2: Option<i64>):
//     switch v2:
//         Some => block4(v2)
//         _ => block3(v2)
// block4(v8: Option<i64>):
//     v9: i64 = variant_field[Option::Some.0](v8)
//     v14: bool = gt(v9, 10_i64)
//     if v14 then return(v9) else block3(v8)
// block3(v6: Option<i64>):
//     switch v6:
//         Some => block6(v6)
//         _ => block5(v6)
// block6(v18: Option<i64>):
//     v19: i64 = variant_field[Option::Some.0](v18)
//     v20: i64 = neg(v19)
//     goto return(v20)
// block5(v16: Option<i64>):
//     switch v16:
//         None => return(0_i64)
//         _ => panic("internal error: entered unreachable code")
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn simple(v2: Option<i64>) -> i64 {
// block0(v2: Option<i64>):
//     switch v2:
//         Some => block3(v2)
//         None => return(0_i64)
// block3(v6: Option<i64>):
//     v9: i64 = variant_field[Option::Some.0](v6)
//     goto return(v9)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn if_let(v2: Option<i64>) -> i64 {
// block0(v2: Option<i64>):
//     switch v2:
//         Some => block3(v2)
//         _ => return(0_i64)
// block3(v8: Option<i64>):
//     v9: i64 = variant_field[Option::Some.0](v8)
//     v10: i64 = add(v9, 1_i64)
//     goto return(v10)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn pair(v2: Option<(i64, i64)>) -> i64 {
// block0(v2: Option<(i64, i64)>):
//     switch v2:
//         Some => block3(v2)
//         None => return(0_i64)
// block3(v6: Option<(i64, i64)>):
//     v9: (i64, i64) = variant_field[Option::Some.0](v6)
//     v13: i64 = tuple_get[.0](v9)
//     v14: i64 = tuple_get[.1](v9)
//     v15: i64 = sub(v13, v14)
//     goto return(v15)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn let_else(v2: Option<i64>) -> i64 {
// block0(v2: Option<i64>):
//     switch v2:
//         Some => block3(v2)
//         _ => return(-1_i64)
// block3(v6: Option<i64>):
//     v7: i64 = variant_field[Option::Some.0](v6)
//     goto return(v7)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
