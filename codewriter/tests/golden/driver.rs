// golden: jitcode
mod m {
    use jitsupport::{can_enter_jit, jit_merge_point, promote, we_are_jitted, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["acc", "x"]);

    fn run(code: &List<u8>, n: i64) -> i64 {
        let mut pc: usize = 0;
        let mut acc: i64 = 0;
        let mut x: f64 = 1.0;
        while pc < code.len() {
            jit_merge_point!(DRIVER; pc, code; acc, x);
            let op = promote(code[pc]);
            if op == 1 {
                acc += n;
                x = x * 2.0;
            }
            if we_are_jitted() {
                acc += 0;
            }
            if op == 2 {
                pc = 0;
                can_enter_jit!(DRIVER; pc, code; acc, x);
                continue;
            }
            pc += 1;
        }
        acc
    }
}
// ---- expected ----
// descr <Field "List<u8>.len" +0 u64>
// descr <Field "List<u8>.items" +0 u64>
// descr <Array "u8" +0 u8>
// portal "run"
//
// jitcode "run" i=4 r=1 f=1
//     int_copy $0 -> %i1
//     int_copy $0 -> %i2
//     float_copy $1.0 -> %f0
// L1:
//     getfield_gc_i %r0, <Field "List<u8>.len" +0 u64> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0, %f0
//     goto_if_not_uint_lt %i1, %i3, L5
//     -live- %i0, %i1, %i2, %r0, %f0
//     jit_merge_point $0, [%i1], [%r0], [], [%i2], [], [%f0]
//     getfield_gc_i %r0, <Field "List<u8>.len" +0 u64> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0, %f0
//     goto_if_not_uint_ge %i1, %i3, L2
//     panic $"index out of bounds"
// L2:
//     getfield_gc_i %r0, <Field "List<u8>.items" +0 u64> -> %i3
//     getarrayitem_raw_i %i3, %i1, <Array "u8" +0 u8> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0, %f0
//     int_guard_value %i3
//     -live- %i0, %i1, %i2, %i3, %r0, %f0
//     goto_if_not_int_eq %i3, $1, L3
//     int_add %i2, %i0 -> %i2
//     float_mul %f0, $2.0 -> %f0
// L3:
//     int_add %i2, $0 -> %i2
//     -live- %i0, %i1, %i2, %i3, %r0, %f0
//     goto_if_not_int_eq %i3, $2, L4
//     can_enter_jit $0, [$0], [%r0], [], [%i2], [], [%f0]
//     int_copy $0 -> %i1
//     goto L1
// L4:
//     int_add %i1, $1 -> %i1
//     goto L1
// L5:
//     int_return %i2
