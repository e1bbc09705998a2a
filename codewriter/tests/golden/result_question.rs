// golden: jitcode
mod m {
    #[dont_look_inside]
    fn checked_div(x: i64, y: i64) -> Result<i64, i64> {
        if y == 0 {
            Err(x)
        } else {
            Ok(x / y)
        }
    }

    // `?` returns the error; a match handles it.
    fn ratio(x: i64, y: i64) -> Result<i64, i64> {
        let q = checked_div(x, y)?;
        Ok(q + 1)
    }

    fn handle(x: i64, y: i64) -> i64 {
        let r = ratio(x, y);
        if r.is_err() {
            return -1;
        }
        match r {
            Ok(v) => v,
            Err(e) => e,
        }
    }
}
// ---- expected ----
// function "checked_div"
// function "jitsupport::llresult::ll_result_i"
// descr <Call "checked_div" (i, i) -> i can_panic>
// descr <Call "jitsupport::llresult::ll_result_i" (i) -> i>
// descr <JitCode "ratio">
//
// jitcode "ratio" i=3 r=0 f=0
//     -live- %i0, %i1
//     residual_call_ir_i <Fn "checked_div">, [%i0, %i1], [], <Call "checked_div" (i, i) -> i can_panic> -> %i0
//     -live- %i0
//     residual_call_ir_i <Fn "jitsupport::llresult::ll_result_i">, [$1], [], <Call "jitsupport::llresult::ll_result_i" (i) -> i> -> %i1
//     -live- %i0, %i1
//     residual_call_ir_i <Fn "jitsupport::llresult::ll_result_i">, [$2], [], <Call "jitsupport::llresult::ll_result_i" (i) -> i> -> %i2
//     -live- %i0, %i1, %i2
//     goto_if_not %i0, L1
//     int_add %i1, $1 -> %i0
//     int_set_result $0, $1
//     int_set_result $1, %i0
//     int_set_result $2, $0
//     void_return
// L1:
//     int_set_result $0, $0
//     int_set_result $1, $0
//     int_set_result $2, %i2
//     void_return
//
// jitcode "handle" i=4 r=0 f=0
//     inline_call_ir_v <JitCode "ratio">, [%i0, %i1], []
//     -live-
//     int_get_result $0 -> %i0
//     int_get_result $1 -> %i1
//     int_get_result $2 -> %i2
//     -live- %i0, %i1, %i2
//     goto_if_not %i0, L4
//     int_copy $0 -> %i3
// L1:
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not %i3, L2
//     int_return $-1
// L2:
//     -live- %i0, %i1, %i2
//     goto_if_not %i0, L3
//     int_return %i1
// L3:
//     int_return %i2
// L4:
//     int_copy $1 -> %i3
//     goto L1
