// golden: jitcode
mod m {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    enum Value {
        Int(i64),
        Float(f64),
    }

    // A value enum goes to native code as its leaves (the tag and every variant's
    // fields) and comes back from an ordinary residual call as its first leaf and the
    // others read from `jitsupport::llresult`'s stash.
    #[jitsupport::elidable]
    fn twice(v: Value) -> i64 {
        match v {
            Value::Int(i) => i * 2,
            Value::Float(f) => (f * 2.0) as i64,
        }
    }

    #[jitsupport::dont_look_inside]
    fn make(n: i64) -> Value {
        Value::Int(n)
    }

    fn f(n: i64) -> i64 {
        twice(make(n))
    }

    // From an elidable function it comes back boxed: one ref, read with immutable
    // field reads (`LlResult.w1`), which fold when the call folds.
    #[jitsupport::elidable]
    fn halve(v: Value) -> Value {
        match v {
            Value::Int(i) => Value::Int(i / 2),
            Value::Float(f) => Value::Float(f / 2.0),
        }
    }

    // Outside the module: the shim rebuilds the value with its type at the call.
    fn out(v: Value) -> i64 {
        let w: Value = crate::io::swap(v);
        twice(w)
    }

    fn g(x: f64) -> Value {
        halve(Value::Float(x))
    }
}
// ---- expected ----
// function "make"
// function "jitsupport::llresult::ll_result_i"
// function "jitsupport::llresult::ll_result_f"
// function "twice"
// function "crate::io::swap"
// function "halve"
// descr <Call "make" (i) -> i>
// descr <Call "jitsupport::llresult::ll_result_i" (i) -> i>
// descr <Call "jitsupport::llresult::ll_result_f" (i) -> f>
// descr <Call "twice" (i, i, f) -> i elidable>
// descr <Call "crate::io::swap" (i, i, f) -> i can_panic random_effects>
// descr <Call "halve" (i, i, f) -> r elidable>
// descr <Field "LlResult.w0" +8 i64 immutable>
// descr <Field "LlResult.w1" +16 i64 immutable>
// descr <Field "LlResult.w2" +24 f64 immutable>
//
// jitcode "f" i=2 r=0 f=1
//     -live- %i0
//     residual_call_ir_i <Fn "make">, [%i0], [], <Call "make" (i) -> i> -> %i0
//     -live- %i0
//     residual_call_ir_i <Fn "jitsupport::llresult::ll_result_i">, [$1], [], <Call "jitsupport::llresult::ll_result_i" (i) -> i> -> %i1
//     -live- %i0, %i1
//     residual_call_ir_f <Fn "jitsupport::llresult::ll_result_f">, [$2], [], <Call "jitsupport::llresult::ll_result_f" (i) -> f> -> %f0
//     -live- %i0, %i1, %f0
//     residual_call_irf_i <Fn "twice">, [%i0, %i1], [], [%f0], <Call "twice" (i, i, f) -> i elidable> -> %i0
//     int_return %i0
//
// jitcode "out" i=2 r=0 f=1
//     -live- %i0, %i1, %f0
//     residual_call_irf_i <Fn "crate::io::swap">, [%i0, %i1], [], [%f0], <Call "crate::io::swap" (i, i, f) -> i can_panic random_effects> -> %i0
//     -live- %i0
//     residual_call_ir_i <Fn "jitsupport::llresult::ll_result_i">, [$1], [], <Call "jitsupport::llresult::ll_result_i" (i) -> i> -> %i1
//     -live- %i0, %i1
//     residual_call_ir_f <Fn "jitsupport::llresult::ll_result_f">, [$2], [], <Call "jitsupport::llresult::ll_result_f" (i) -> f> -> %f0
//     -live- %i0, %i1, %f0
//     residual_call_irf_i <Fn "twice">, [%i0, %i1], [], [%f0], <Call "twice" (i, i, f) -> i elidable> -> %i0
//     int_return %i0
//
// jitcode "g" i=2 r=1 f=1
//     -live- %f0
//     residual_call_irf_r <Fn "halve">, [$1, $0], [], [%f0], <Call "halve" (i, i, f) -> r elidable> -> %r0
//     getfield_gc_i %r0, <Field "LlResult.w0" +8 i64 immutable> -> %i0
//     getfield_gc_i %r0, <Field "LlResult.w1" +16 i64 immutable> -> %i1
//     getfield_gc_f %r0, <Field "LlResult.w2" +24 f64 immutable> -> %f0
//     int_set_result $0, %i0
//     int_set_result $1, %i1
//     float_set_result $2, %f0
//     void_return
//
// jitcode "twice" i=2 r=0 f=1
//     -live- %i0, %i1, %f0
//     switch %i0, <Switch 0:L1>
//     goto L2
// L1:
//     int_mul %i1, $2 -> %i0
//     int_return %i0
// L2:
//     float_mul %f0, $2.0 -> %f0
//     cast_float_to_int %f0 -> %i0
//     int_return %i0
//
// jitcode "halve" i=2 r=0 f=1
//     -live- %i0, %i1, %f0
//     switch %i0, <Switch 0:L1>
//     goto L2
// L1:
//     int_floordiv %i1, $2 -> %i0
//     int_set_result $0, $0
//     int_set_result $1, %i0
//     float_set_result $2, $0.0
//     void_return
// L2:
//     float_truediv %f0, $2.0 -> %f0
//     int_set_result $0, $1
//     int_set_result $1, $0
//     float_set_result $2, %f0
//     void_return
