// golden: lltypes
mod m {
    #[derive(Clone, Copy, PartialEq)]
    #[repr(u8)]
    enum Op {
        Add = 1,
        Sub,
        Halt = 10,
    }

    #[repr(u8)]
    enum Instr {
        Push(i64),
        Binary(Op),
        Jump { target: usize, cond: bool },
        Halt,
    }

    fn eval(i: &Instr, acc: i64) -> i64 {
        match i {
            Instr::Push(v) => acc + *v,
            Instr::Binary(op) => match op {
                Op::Add => acc + 1,
                Op::Sub => acc - 1,
                Op::Halt => 0,
            },
            Instr::Jump { target, .. } => *target as i64,
            Instr::Halt => acc,
        }
    }

    fn build(x: i64) -> Instr {
        if x > 0 {
            Instr::Push(x)
        } else if x == 0 {
            Instr::Binary(Op::Sub)
        } else {
            Instr::Jump { cond: true, target: 3 }
        }
    }

    fn is_add(op: Op) -> bool {
        op == Op::Add
    }
}
// ---- expected ----
// fn eval(r0: &Instr, i1: i64) -> i64 {
// block0(r0: &Instr, i1: i64):
//     i2: u8 = getfield_i(r0, descr=<Field Instr.tag 0>)
//     switch i2:
//         0 /* Push */ => block1(i1, r0)
//         1 /* Binary */ => block2(i1, r0)
//         2 /* Jump */ => block5(r0)
//         3 /* Halt */ => return(i1)
// block1(i3: i64, r4: &Instr):
//     i5: i64 = getfield_i(r4, descr=<Field Instr::Push.0 offset_of!(__Instr_Push, 1)>)
//     i6: i64 = int_add(i3, i5)
//     goto return(i6)
// block2(i7: i64, r8: &Instr):
//     i9: Op = getfield_i(r8, descr=<Field Instr::Binary.0 offset_of!(__Instr_Binary, 1)>)
//     switch i9:
//         1 /* Add */ => block3(i7)
//         2 /* Sub */ => block4(i7)
//         10 /* Halt */ => return(0)
// block3(i10: i64):
//     i11: i64 = int_add(i10, 1)
//     goto return(i11)
// block4(i12: i64):
//     i13: i64 = int_sub(i12, 1)
//     goto return(i13)
// block5(r14: &Instr):
//     i15: usize = getfield_i(r14, descr=<Field Instr::Jump.target offset_of!(__Instr_Jump, 1)>)
//     goto return(i15)
// return(i16: i64):
//     return i16
// panic(r17: &str):
//     panic r17
// }
//
// fn build(i0: i64) -> &Instr {
// block0(i0: i64):
//     i1: bool = int_gt(i0, 0)
//     if i1 then block1(i0) else block2(i0)
// block1(i2: i64):
//     r3: &Instr = new(descr=<Size Instr size_of::<Instr>()>)
//     setfield(r3, 0, descr=<Field Instr.tag 0>)
//     setfield(r3, i2, descr=<Field Instr::Push.0 offset_of!(__Instr_Push, 1)>)
//     goto return(r3)
// block2(i4: i64):
//     i5: bool = int_eq(i4, 0)
//     if i5 then block3() else block4()
// block3():
//     r6: &Instr = new(descr=<Size Instr size_of::<Instr>()>)
//     setfield(r6, 1, descr=<Field Instr.tag 0>)
//     setfield(r6, 2, descr=<Field Instr::Binary.0 offset_of!(__Instr_Binary, 1)>)
//     goto return(r6)
// block4():
//     r7: &Instr = new(descr=<Size Instr size_of::<Instr>()>)
//     setfield(r7, 2, descr=<Field Instr.tag 0>)
//     setfield(r7, 3, descr=<Field Instr::Jump.target offset_of!(__Instr_Jump, 1)>)
//     setfield(r7, 1, descr=<Field Instr::Jump.cond offset_of!(__Instr_Jump, 2)>)
//     goto return(r7)
// return(r8: &Instr):
//     return r8
// panic(r9: &str):
//     panic r9
// }
//
// fn is_add(i0: Op) -> bool {
// block0(i0: Op):
//     i1: bool = int_eq(i0, 1)
//     goto return(i1)
// return(i2: bool):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// layout enum Instr #[repr(u8)]: size_of::<Instr>(), tag u8 at 0
//     Push = 0 (mirror __Instr_Push)
//         0: i64 (int signed) at offset_of!(__Instr_Push, 1), size 8
//     Binary = 1 (mirror __Instr_Binary)
//         0: Op (int) at offset_of!(__Instr_Binary, 1), size 1
//     Jump = 2 (mirror __Instr_Jump)
//         target: usize (int) at offset_of!(__Instr_Jump, 1), size 8
//         cond: bool (int) at offset_of!(__Instr_Jump, 2), size 1
//     Halt = 3
