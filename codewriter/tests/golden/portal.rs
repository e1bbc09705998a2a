// golden: jitcode
mod m {
    use jitsupport::{jit_merge_point, promote, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["depth", "acc"]);

    // The portal calls itself: a recursive call, made residually with the `recursive` flag.
    fn interpret(code: &List<i64>, depth: i64) -> i64 {
        let mut pc: usize = 0;
        let mut acc: i64 = 0;
        while pc < code.len() {
            jit_merge_point!(DRIVER; pc, code; depth, acc);
            let op = promote(code[pc]);
            pc += 1;
            match op {
                0 => acc += 1,
                1 => acc -= 1,
                2 => {
                    if depth < 3 {
                        acc += interpret(code, depth + 1);
                    }
                }
                _ => return acc,
            }
        }
        acc
    }
}
// ---- expected ----
// function "interpret"
// descr <Field "List<i64>.len" +0 u64>
// descr <Call "interpret" (r, i) -> i can_panic recursive>
// descr <Field "List<i64>.items" +0 u64>
// descr <Array "i64" +0 i64>
// portal "interpret"
//
// jitcode "interpret" i=4 r=1 f=0
//     int_copy $0 -> %i1
//     int_copy $0 -> %i2
// L1:
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0
//     goto_if_not_uint_lt %i1, %i3, L6
//     -live- %i0, %i1, %i2, %r0
//     jit_merge_point $0, [%i1], [%r0], [], [%i0, %i2], [], []
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0
//     goto_if_not_uint_ge %i1, %i3, L2
//     panic $"index out of bounds"
// L2:
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i3
//     getarrayitem_raw_i %i3, %i1, <Array "i64" +0 i64> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0
//     int_guard_value %i3
//     int_add %i1, $1 -> %i1
//     -live- %i0, %i1, %i2, %i3, %r0
//     switch %i3, <Switch 0:L3, 1:L4, 2:L5>
//     int_return %i2
// L3:
//     int_add %i2, $1 -> %i2
//     goto L1
// L4:
//     int_sub %i2, $1 -> %i2
//     goto L1
// L5:
//     -live- %i0, %i1, %i2, %r0
//     goto_if_not_int_lt %i0, $3, L1
//     int_add %i0, $1 -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0
//     residual_call_ir_i <Fn "interpret">, [%i3], [%r0], <Call "interpret" (r, i) -> i can_panic recursive> -> %i3
//     int_add %i2, %i3 -> %i2
//     goto L1
// L6:
//     int_return %i2
