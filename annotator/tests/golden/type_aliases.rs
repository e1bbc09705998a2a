// golden: graphs
mod m {
    // Aliases are expanded where types are written: the graphs name no alias.
    type Num = i64;
    type R<T> = Result<T, Num>;
    type MaybeList = Option<R<[Num; 2]>>;

    #[dont_look_inside]
    fn checked_div(x: Num, y: Num) -> R<Num> {
        if y == 0 {
            Err(x)
        } else {
            Ok(x / y)
        }
    }

    fn ratio(x: Num, y: Num) -> R<u8> {
        let q: Num = checked_div(x, y)?;
        Ok(q as u8)
    }

    fn first(m: MaybeList) -> Num {
        match m {
            Some(Ok(a)) => a[0],
            _ => -1,
        }
    }
}
// ---- expected ----
// fn ratio(v2: i64, v3: i64) -> Result<u8, i64> {
// block0(v2: i64, v3: i64):
//     v4: Result<i64, i64> = call[checked_div](v2, v3)
//     switch v4:
//         Ok => block3(v4)
//         Err => block4(v4)
// block3(v7: Result<i64, i64>):
//     v13: i64 = variant_field[Result::Ok.0](v7)
//     v14: u8 = cast[u8](v13)
//     v15: Result<u8, i64> = new_variant[Result::Ok](v14)
//     goto return(v15)
// block4(v10: Result<i64, i64>):
//     v11: i64 = variant_field[Result::Err.0](v10)
//     v12: Result<u8, i64> = new_variant[Result::Err](v11)
//     goto return(v12)
// return(v0: Result<u8, i64>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn first(v2: Option<Result<[i64; 2], i64>>) -> i64 {
// block0(v2: Option<Result<[i64; 2], i64>>):
//     switch v2:
//         Some => block3(v2)
//         _ => return(-1_i64)
// block3(v8: Option<Result<[i64; 2], i64>>):
//     v9: Result<[i64; 2], i64> = variant_field[Option::Some.0](v8)
//     switch v9:
//         Ok => block4(v9)
//         _ => return(-1_i64)
// block4(v12: Result<[i64; 2], i64>):
//     v13: [i64; 2] = variant_field[Result::Ok.0](v12)
//     v14: i64 = getitem(v13, 0_usize)
//     goto return(v14)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// # checked_div: dont_look_inside, not analysed
