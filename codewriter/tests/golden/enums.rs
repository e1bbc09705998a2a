// golden: jitcode
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
// descr <Field "Instr.tag" +0 u8>
// descr <Field "Instr::Push.0" +0 i64>
// descr <Field "Instr::Binary.0" +0 u8>
// descr <Field "Instr::Jump.target" +0 u64>
// descr <Size "Instr" 0>
// descr <Field "Instr::Jump.cond" +0 u8>
//
// jitcode "eval" i=2 r=1 f=0
//     getfield_gc_i %r0, <Field "Instr.tag" +0 u8> -> %i1
//     -live- %i0, %i1, %r0
//     switch %i1, <Switch 0:L1, 1:L2, 2:L5>
//     int_return %i0
// L1:
//     getfield_gc_i %r0, <Field "Instr::Push.0" +0 i64> -> %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
// L2:
//     getfield_gc_i %r0, <Field "Instr::Binary.0" +0 u8> -> %i1
//     -live- %i0, %i1
//     switch %i1, <Switch 1:L3, 2:L4>
//     int_return $0
// L3:
//     int_add %i0, $1 -> %i0
//     int_return %i0
// L4:
//     int_sub %i0, $1 -> %i0
//     int_return %i0
// L5:
//     getfield_gc_i %r0, <Field "Instr::Jump.target" +0 u64> -> %i0
//     int_return %i0
//
// jitcode "build" i=1 r=1 f=0
//     -live- %i0
//     goto_if_not_int_gt %i0, $0, L1
//     new <Size "Instr" 0> -> %r0
//     setfield_gc_i %r0, $0, <Field "Instr.tag" +0 u8>
//     setfield_gc_i %r0, %i0, <Field "Instr::Push.0" +0 i64>
//     ref_return %r0
// L1:
//     -live- %i0
//     goto_if_not_int_eq %i0, $0, L2
//     new <Size "Instr" 0> -> %r0
//     setfield_gc_i %r0, $1, <Field "Instr.tag" +0 u8>
//     setfield_gc_i %r0, $2, <Field "Instr::Binary.0" +0 u8>
//     ref_return %r0
// L2:
//     new <Size "Instr" 0> -> %r0
//     setfield_gc_i %r0, $2, <Field "Instr.tag" +0 u8>
//     setfield_gc_i %r0, $3, <Field "Instr::Jump.target" +0 u64>
//     setfield_gc_i %r0, $1, <Field "Instr::Jump.cond" +0 u8>
//     ref_return %r0
//
// jitcode "is_add" i=1 r=0 f=0
//     int_eq %i0, $1 -> %i0
//     int_return %i0
