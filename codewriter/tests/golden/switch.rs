// golden: jitcode
mod m {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Op {
        Add,
        Sub,
        Mul,
        Halt,
    }

    // A switch whose arms pass different values to the loop head: landing pads.
    fn eval(ops: &[Op; 4], x: i64) -> i64 {
        let mut acc = x;
        let mut i: usize = 0;
        while i < 4 {
            match ops[i] {
                Op::Add => acc += 1,
                Op::Sub => acc -= 1,
                Op::Mul => acc *= 3,
                Op::Halt => return acc,
            }
            i += 1;
        }
        acc
    }

    fn classify(c: char) -> i64 {
        match c {
            'a' => 1,
            'b' | 'c' => 2,
            _ => 0,
        }
    }
}
// ---- expected ----
// descr <Array "Op" +0 u8>
//
// jitcode "eval" i=3 r=1 f=0
//     int_copy $0 -> %i1
// L1:
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_lt %i1, $4, L7
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_ge %i1, $4, L2
//     panic $"index out of bounds"
// L2:
//     getarrayitem_gc_i %r0, %i1, <Array "Op" +0 u8> -> %i2
//     -live- %i0, %i1, %i2, %r0
//     switch %i2, <Switch 0:L3, 1:L5, 2:L6>
//     int_return %i0
// L3:
//     int_add %i0, $1 -> %i0
// L4:
//     int_add %i1, $1 -> %i1
//     goto L1
// L5:
//     int_sub %i0, $1 -> %i0
//     goto L4
// L6:
//     int_mul %i0, $3 -> %i0
//     goto L4
// L7:
//     int_return %i0
//
// jitcode "classify" i=1 r=0 f=0
//     -live- %i0
//     switch %i0, <Switch 97:L1, 98:L2, 99:L3>
//     int_return $0
// L1:
//     int_return $1
// L2:
//     int_return $2
// L3:
//     int_return $2
