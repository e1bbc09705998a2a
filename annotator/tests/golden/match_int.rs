// golden: graphs
mod m {
    const ADD: u8 = 1;
    const SUB: u8 = 2;

    fn opcode(op: u8) -> i64 {
        match op {
            0 => 10,
            ADD => 11,
            SUB | 3 => 12,
            _ => -1,
        }
    }

    fn negatives(x: i64) -> i64 {
        match x {
            -1 => 0,
            -2 | 5 => 1,
            _ => 2,
        }
    }

    fn classify(x: i64) -> i64 {
        match x {
            -1 => 0,
            0..=9 => 1,
            10 | 20 | 30 => 2,
            n => n * 2,
        }
    }
}
// ---- expected ----
// fn opcode(v2: u8) -> i64 {
// block0(v2: u8):
//     switch v2:
//         0 => return(10_i64)
//         1 => return(11_i64)
//         2 => return(12_i64)
//         3 => return(12_i64)
//         _ => return(-1_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn negatives(v2: i64) -> i64 {
// block0(v2: i64):
//     switch v2:
//         -1 => return(0_i64)
//         -2 => return(1_i64)
//         5 => return(1_i64)
//         _ => return(2_i64)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn classify(v2: i64) -> i64 {
// block0(v2: i64):
//     v7: bool = eq(v2, -1_i64)
//     if v7 then return(0_i64) else block3(v2)
// block3(v6: i64):
//     v12: bool = ge(v6, 0_i64)
//     if v12 then block5(v6) else block4(v6)
// block5(v14: i64):
//     v15: bool = le(v14, 9_i64)
//     if v15 then return(1_i64) else block4(v14)
// block4(v11: i64):
//     v24: bool = eq(v11, 10_i64)
//     if v24 then return(2_i64) else block7(v11)
// block7(v23: i64):
//     v29: bool = eq(v23, 20_i64)
//     if v29 then return(2_i64) else block8(v23)
// block8(v28: i64):
//     v32: bool = eq(v28, 30_i64)
//     if v32 then return(2_i64) else block6(v28)
// block6(v19: i64):
//     v37: i64 = mul(v19, 2_i64)
//     goto return(v37)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
