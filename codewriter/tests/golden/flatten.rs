// golden: jitcode
mod m {
    fn divmod(a: i64, b: i64) -> (i64, i64) {
        if b == 0 {
            return (0, 0);
        }
        (a / b, a % b)
    }

    fn find(x: i64) -> Option<i64> {
        if x > 3 {
            Some(x * 2)
        } else {
            None
        }
    }

    fn use_them(a: i64) -> i64 {
        let (q, r) = divmod(a, 3);
        let pair = (q, r > 1);
        let f = match find(a) {
            Some(v) => v,
            None => 0,
        };
        if pair.1 { f + pair.0 } else { f }
    }

    fn float_opt(x: f64) -> Option<f64> {
        if x > 0.0 { Some(x) } else { None }
    }
}
// ---- expected ----
// descr <JitCode "divmod">
// descr <JitCode "find">
//
// jitcode "divmod" i=5 r=0 f=0
//     -live- %i0, %i1
//     goto_if_not_int_eq %i1, $0, L1
//     int_set_result $0, $0
//     int_set_result $1, $0
//     void_return
// L1:
//     -live- %i0, %i1
//     goto_if_not_int_eq %i1, $0, L2
//     panic $"attempt to divide by zero"
// L2:
//     int_eq %i1, $-1 -> %i2
//     int_eq %i0, $-9223372036854775808 -> %i3
//     int_and %i2, %i3 -> %i2
//     -live- %i0, %i1, %i2
//     goto_if_not %i2, L3
//     panic $"attempt to divide with overflow"
// L3:
//     int_floordiv %i0, %i1 -> %i2
//     -live- %i0, %i1, %i2
//     goto_if_not_int_eq %i1, $0, L4
//     panic $"attempt to calculate the remainder with a divisor of zero"
// L4:
//     int_eq %i1, $-1 -> %i3
//     int_eq %i0, $-9223372036854775808 -> %i4
//     int_and %i3, %i4 -> %i3
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not %i3, L5
//     panic $"attempt to calculate the remainder with overflow"
// L5:
//     int_mod %i0, %i1 -> %i0
//     int_set_result $0, %i2
//     int_set_result $1, %i0
//     void_return
//
// jitcode "find" i=1 r=0 f=0
//     -live- %i0
//     goto_if_not_int_gt %i0, $3, L1
//     int_mul %i0, $2 -> %i0
//     int_set_result $0, $1
//     int_set_result $1, %i0
//     void_return
// L1:
//     int_set_result $0, $0
//     int_set_result $1, $0
//     void_return
//
// jitcode "use_them" i=4 r=0 f=0
//     inline_call_ir_v <JitCode "divmod">, [%i0, $3], []
//     -live- %i0
//     int_get_result $0 -> %i1
//     int_get_result $1 -> %i2
//     int_gt %i2, $1 -> %i2
//     inline_call_ir_v <JitCode "find">, [%i0], []
//     -live- %i1, %i2
//     int_get_result $0 -> %i0
//     int_get_result $1 -> %i3
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not %i0, L2
// L1:
//     -live- %i1, %i2, %i3
//     goto_if_not %i2, L3
//     int_add %i3, %i1 -> %i3
//     int_return %i3
// L2:
//     int_copy $0 -> %i3
//     goto L1
// L3:
//     int_return %i3
//
// jitcode "float_opt" i=0 r=0 f=1
//     -live- %f0
//     goto_if_not_float_gt %f0, $0.0, L1
//     int_set_result $0, $1
//     float_set_result $1, %f0
//     void_return
// L1:
//     int_set_result $0, $0
//     float_set_result $1, $0.0
//     void_return
