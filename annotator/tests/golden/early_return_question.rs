// golden: graphs
mod m {
    fn first_positive(a: i64, b: i64) -> i64 {
        if a > 0 {
            return a;
        }
        if b > 0 {
            return b;
        }
        0
    }

    fn add_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
        let x = a?;
        let y = b?;
        Some(x + y)
    }

    fn unwraps(a: Option<i64>, b: Option<i64>) -> i64 {
        a.unwrap() + b.expect("b is set")
    }

    fn dead(x: i64) -> i64 {
        return x;
        let y = x + 1;
        y
    }
}
// ---- expected ----
// fn first_positive(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v11: bool = gt(v2, 0_i64)
//     if v11 then return(v2) else block3(v3)
// block3(v9: i64):
//     v19: bool = gt(v9, 0_i64)
//     if v19 then return(v9) else return(0_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn add_opt(v2: Option<i64>, v3: Option<i64>) -> Option<i64> {
// block0(v2: Option<i64>, v3: Option<i64>):
//     switch v2:
//         None => block4()
//         Some => block3(v3, v2)
// block4():
//     v9: Option<i64> = new_variant[Option::None]()
//     goto return(v9)
// block3(v5: Option<i64>, v6: Option<i64>):
//     v10: i64 = variant_field[Option::Some.0](v6)
//     switch v5:
//         None => block6()
//         Some => block5(v10, v5)
// block6():
//     v18: Option<i64> = new_variant[Option::None]()
//     goto return(v18)
// block5(v13: i64, v14: Option<i64>):
//     v19: i64 = variant_field[Option::Some.0](v14)
//     v20: i64 = add(v13, v19)
//     v21: Option<i64> = new_variant[Option::Some](v20)
//     goto return(v21)
// return(v0: Option<i64>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn unwraps(v2: Option<i64>, v3: Option<i64>) -> i64 {
// block0(v2: Option<i64>, v3: Option<i64>):
//     switch v2:
//         None => panic("called `Option::unwrap()` on a `None` value")
//         Some => block3(v3, v2)
// block3(v5: Option<i64>, v6: Option<i64>):
//     v7: i64 = variant_field[Option::Some.0](v6)
//     switch v5:
//         None => panic("b is set")
//         Some => block4(v7, v5)
// block4(v10: i64, v11: Option<i64>):
//     v12: i64 = variant_field[Option::Some.0](v11)
//     v13: i64 = add(v10, v12)
//     goto return(v13)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn dead(v2: i64) -> i64 {
// block0(v2: i64):
//     goto return(v2)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
