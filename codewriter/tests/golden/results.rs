// golden: jitcode
mod m {
    use jitsupport::elidable;

    // Several results: the callee sets result slots, the caller reads them back.
    fn divmod(a: i64, b: i64) -> (i64, i64) {
        if b == 0 {
            return (0, 0);
        }
        (a / b, a % b)
    }

    // An elidable function's results come back boxed (`jitsupport::llresult`): one
    // ref, whose immutable words the caller reads.
    #[elidable]
    fn split(x: i64) -> (i64, f64) {
        (x / 2, x as f64 * 0.5)
    }

    fn first_positive(a: i64, b: i64) -> Option<i64> {
        if a > 0 {
            Some(a)
        } else if b > 0 {
            Some(b)
        } else {
            None
        }
    }

    fn use_them(a: i64, b: i64) -> f64 {
        let (q, r) = divmod(a, b);
        let (h, f) = split(q);
        let p = match first_positive(r, h) {
            Some(v) => v,
            None => -1,
        };
        f + p as f64
    }
}
// ---- expected ----
// function "split"
// descr <JitCode "divmod">
// descr <Call "split" (i) -> r elidable>
// descr <Field "LlResult.w0" +8 i64 immutable>
// descr <Field "LlResult.w1" +16 f64 immutable>
// descr <JitCode "first_positive">
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
// jitcode "first_positive" i=2 r=0 f=0
//     -live- %i0, %i1
//     goto_if_not_int_gt %i0, $0, L1
//     int_set_result $0, $1
//     int_set_result $1, %i0
//     void_return
// L1:
//     -live- %i1
//     goto_if_not_int_gt %i1, $0, L2
//     int_set_result $0, $1
//     int_set_result $1, %i1
//     void_return
// L2:
//     int_set_result $0, $0
//     int_set_result $1, $0
//     void_return
//
// jitcode "use_them" i=2 r=1 f=2
//     inline_call_ir_v <JitCode "divmod">, [%i0, %i1], []
//     -live-
//     int_get_result $0 -> %i0
//     int_get_result $1 -> %i1
//     -live- %i0, %i1
//     residual_call_ir_r <Fn "split">, [%i0], [], <Call "split" (i) -> r elidable> -> %r0
//     getfield_gc_i %r0, <Field "LlResult.w0" +8 i64 immutable> -> %i0
//     getfield_gc_f %r0, <Field "LlResult.w1" +16 f64 immutable> -> %f0
//     inline_call_ir_v <JitCode "first_positive">, [%i1, %i0], []
//     -live- %f0
//     int_get_result $0 -> %i0
//     int_get_result $1 -> %i1
//     -live- %i0, %i1, %f0
//     goto_if_not %i0, L2
// L1:
//     cast_int_to_float %i1 -> %f1
//     float_add %f0, %f1 -> %f0
//     float_return %f0
// L2:
//     int_copy $-1 -> %i1
//     goto L1
//
// jitcode "split" i=2 r=0 f=1
//     int_floordiv %i0, $2 -> %i1
//     cast_int_to_float %i0 -> %f0
//     float_mul %f0, $0.5 -> %f0
//     int_set_result $0, %i1
//     float_set_result $1, %f0
//     void_return
