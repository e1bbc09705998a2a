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
//         0 => return(10)
//         1 => return(11)
//         2 => return(12)
//         3 => return(12)
//         _ => return(-1)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn classify(v2: i64) -> i64 {
// block0(v2: i64):
//     v7 = eq(v2, -1)
//     if v7 then return(0) else block3(v2)
// block3(v6):
//     v12 = ge(v6, 0)
//     if v12 then block5(v6) else block4(v6)
// block5(v14):
//     v15 = le(v14, 9)
//     if v15 then return(1) else block4(v14)
// block4(v11):
//     v24 = eq(v11, 10)
//     if v24 then return(2) else block7(v11)
// block7(v23):
//     v29 = eq(v23, 20)
//     if v29 then return(2) else block8(v23)
// block8(v28):
//     v32 = eq(v28, 30)
//     if v32 then return(2) else block6(v28)
// block6(v19):
//     v37 = mul(v19, 2)
//     goto return(v37)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
