// golden: graphs
mod m {
    fn sum_to(n: i64) -> i64 {
        let mut i = 0;
        let mut total = 0;
        while i < n {
            total += i;
            i += 1;
        }
        total
    }

    fn pop_all(list: &mut List<i64>) -> i64 {
        let mut total = 0;
        while let Some(x) = list.pop() {
            if x < 0 {
                continue;
            }
            total += x;
        }
        total
    }
}
// ---- expected ----
// fn sum_to(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0_i64, 0_i64)
// block3(v3: i64, v4: i64, v5: i64):
//     v12: bool = lt(v4, v3)
//     if v12 then block4(v3, v4, v5) else return(v5)
// block4(v9: i64, v10: i64, v11: i64):
//     v13: i64 = add(v11, v10)
//     v14: i64 = add(v10, 1_i64)
//     goto block3(v9, v14, v13)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn pop_all(v2: &mut List<i64>) -> i64 {
// block0(v2: &mut List<i64>):
//     goto block3(v2, 0_i64)
// block3(v3: &mut List<i64>, v4: i64):
//     v7: Option<i64> = list_pop(v3)
//     switch v7:
//         Some => block4(v3, v4, v7)
//         _ => return(v4)
// block4(v8: &mut List<i64>, v9: i64, v10: Option<i64>):
//     v11: i64 = variant_field[Option::Some.0](v10)
//     v28: bool = lt(v11, 0_i64)
//     if v28 then block3(v8, v9) else block5(v8, v9, v11)
// block5(v22: &mut List<i64>, v23: i64, v26: i64):
//     v29: i64 = add(v23, v26)
//     goto block3(v22, v29)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
