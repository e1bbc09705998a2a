// golden: graphs
mod m {
    enum Instr {
        Push(i64),
        Add,
        Jump { target: usize, cond: bool },
        Pair(i64, i64, i64),
    }

    fn eval(i: &Instr) -> i64 {
        match i {
            Instr::Push(v) => *v,
            Instr::Add => 0,
            Instr::Jump { target, .. } => *target as i64,
            Instr::Pair(a, .., c) => *a + *c,
        }
    }

    fn build(x: i64) -> Instr {
        if x > 0 {
            Instr::Push(x)
        } else if x == 0 {
            Instr::Add
        } else {
            Instr::Jump { cond: true, target: 3 }
        }
    }

    fn nested(i: Instr) -> i64 {
        match i {
            Instr::Push(0) => 1,
            Instr::Jump { cond: true, target } => target as i64,
            _ => 2,
        }
    }
}
// ---- expected ----
// fn eval(v2: &Instr) -> i64 {
// block0(v2: &Instr):
//     switch v2:
//         Push => block3(v2)
//         Add => return(0_i64)
//         Jump => block4(v2)
//         Pair => block5(v2)
// block3(v6: &Instr):
//     v13: i64 = variant_field[Instr::Push.0](v6)
//     v17: &i64 = borrow(v13)
//     v18: i64 = deref(v17)
//     goto return(v18)
// block4(v10: &Instr):
//     v19: usize = variant_field[Instr::Jump.0](v10)
//     v23: &usize = borrow(v19)
//     v24: usize = deref(v23)
//     v25: i64 = cast[i64](v24)
//     goto return(v25)
// block5(v12: &Instr):
//     v26: i64 = variant_field[Instr::Pair.0](v12)
//     v30: &i64 = borrow(v26)
//     v31: i64 = variant_field[Instr::Pair.2](v12)
//     v37: &i64 = borrow(v31)
//     v38: i64 = deref(v30)
//     v39: i64 = deref(v37)
//     v40: i64 = add(v38, v39)
//     goto return(v40)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn build(v2: i64) -> Instr {
// block0(v2: i64):
//     v7: bool = gt(v2, 0_i64)
//     if v7 then block3(v2) else block4(v2)
// block3(v3: i64):
//     v8: Instr = new_variant[Instr::Push](v3)
//     goto return(v8)
// block4(v4: i64):
//     v13: bool = eq(v4, 0_i64)
//     if v13 then block5() else block6()
// block5():
//     v14: Instr = new_variant[Instr::Add]()
//     goto return(v14)
// block6():
//     v15: Instr = new_variant[Instr::Jump](3_usize, true)
//     goto return(v15)
// return(v0: Instr):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nested(v2: Instr) -> i64 {
// block0(v2: Instr):
//     switch v2:
//         Push => block4(v2)
//         _ => block3(v2)
// block4(v8: Instr):
//     v9: i64 = variant_field[Instr::Push.0](v8)
//     v10: bool = eq(v9, 0_i64)
//     if v10 then return(1_i64) else block3(v8)
// block3(v6: Instr):
//     switch v6:
//         Jump => block5(v6)
//         _ => return(2_i64)
// block5(v17: Instr):
//     v18: bool = variant_field[Instr::Jump.1](v17)
//     if v18 then block6(v17) else return(2_i64)
// block6(v20: Instr):
//     v22: usize = variant_field[Instr::Jump.0](v20)
//     v23: i64 = cast[i64](v22)
//     goto return(v23)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
