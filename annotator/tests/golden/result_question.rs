// golden: graphs
mod m {
    #[dont_look_inside]
    fn checked_div(x: i64, y: i64) -> Result<i64, i64> {
        if y == 0 {
            Err(x)
        } else {
            Ok(x / y)
        }
    }

    // `?` returns the error; a match handles it.
    fn ratio(x: i64, y: i64) -> Result<i64, i64> {
        let q = checked_div(x, y)?;
        Ok(q + 1)
    }

    fn handle(x: i64, y: i64) -> i64 {
        let r = ratio(x, y);
        if r.is_err() {
            return -1;
        }
        match r {
            Ok(v) => v,
            Err(e) => e,
        }
    }
}
// ---- expected ----
// fn ratio(v2: i64, v3: i64) -> Result<i64, i64> {
// block0(v2: i64, v3: i64):
//     v4: Result<i64, i64> = call[checked_div](v2, v3)
//     switch v4:
//         Ok => block3(v4)
//         Err => block4(v4)
// block3(v7: Result<i64, i64>):
//     v13: i64 = variant_field[Result::Ok.0](v7)
//     v14: i64 = add(v13, 1_i64)
//     v15: Result<i64, i64> = new_variant[Result::Ok](v14)
//     goto return(v15)
// block4(v10: Result<i64, i64>):
//     v11: i64 = variant_field[Result::Err.0](v10)
//     v12: Result<i64, i64> = new_variant[Result::Err](v11)
//     goto return(v12)
// return(v0: Result<i64, i64>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn handle(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v4: Result<i64, i64> = call[ratio](v2, v3)
//     switch v4:
//         Ok => block4(v4, false)
//         Err => block4(v4, true)
// block4(v17: Result<i64, i64>, v18: bool):
//     if v18 then return(-1_i64) else block3(v17)
// block3(v13: Result<i64, i64>):
//     switch v13:
//         Ok => block5(v13)
//         Err => block6(v13)
// block5(v34: Result<i64, i64>):
//     v39: i64 = variant_field[Result::Ok.0](v34)
//     goto return(v39)
// block6(v38: Result<i64, i64>):
//     v45: i64 = variant_field[Result::Err.0](v38)
//     goto return(v45)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// # checked_div: dont_look_inside, not analysed
