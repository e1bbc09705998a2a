// golden: graphs
mod m {
    fn after_loop(n: i64) -> i64 {
        let mut i = 0;
        loop {
            if i == n {
                return i;
            }
            i += 1;
        }
    }

    fn shadow(x: i64) -> i64 {
        let y = x;
        {
            let y = y * 2;
            let _ = y;
        }
        let x = x + 1;
        if x > 0 {
            panic!("positive");
        } else {
            return y;
        }
    }

    fn nested_if_value(a: i64, b: i64) -> i64 {
        let r = a + if b > 0 { match b { 1 => 10, _ => 20 } } else { 0 };
        r
    }

    fn infinite() -> i64 {
        loop {}
    }
}
// ---- expected ----
// fn after_loop(v2: i64) -> i64 {
// block0(v2: i64):
//     goto block3(v2, 0_i64)
// block3(v3: i64, v4: i64):
//     v15: bool = eq(v4, v3)
//     if v15 then return(v4) else block4(v3, v4)
// block4(v12: i64, v13: i64):
//     v16: i64 = add(v13, 1_i64)
//     goto block3(v12, v16)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn shadow(v2: i64) -> i64 {
// block0(v2: i64):
//     v3: i64 = mul(v2, 2_i64)
//     v4: i64 = add(v2, 1_i64)
//     v15: bool = gt(v4, 0_i64)
//     if v15 then panic("positive") else return(v2)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nested_if_value(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v14: bool = gt(v3, 0_i64)
//     if v14 then block3(v3, v2) else block4(v2, 0_i64)
// block3(v5: i64, v6: i64):
//     switch v5:
//         1 => block4(v6, 10_i64)
//         _ => block4(v6, 20_i64)
// block4(v12: i64, v13: i64):
//     v27: i64 = add(v12, v13)
//     goto return(v27)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn infinite() -> i64 {
// block0():
//     goto block3()
// block3():
//     goto block3()
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
