// golden: graphs
mod m {
    const LIMIT: i64 = 100;
    const SMALL: u8 = 7;
    const HALF: i64 = LIMIT / 2;
    const NAME: &str = "tl";
    const SIZE: usize = 3;

    fn use_consts(x: i64) -> i64 {
        let arr = [0u8; SIZE];
        let _ = (arr, NAME, SMALL);
        if x > LIMIT {
            HALF
        } else {
            match x {
                LIMIT => 1,
                _ => 0,
            }
        }
    }
}
// ---- expected ----
// fn use_consts(v2: i64) -> i64 {
// block0(v2: i64):
//     v3: [u8; 3] = new_array_repeat[3](0_u8)
//     v4: ([u8; 3], &str, u8) = new_tuple(v3, "tl", 7_u8)
//     v12: bool = gt(v2, 100_i64)
//     if v12 then block3() else block4(v2)
// block3():
//     v13: i64 = div(100_i64, 2_i64)
//     goto return(v13)
// block4(v7: i64):
//     switch v7:
//         100 => return(1_i64)
//         _ => return(0_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
