// golden: lltypes
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

    fn g(x: f64) -> Value {
        halve(Value::Float(x))
    }
}
// ---- expected ----
// fn twice(i0: Value, i1: i64, f2: f64) -> i64 {
//     # hints: elidable
// block0(i0: Value, i1: i64, f2: f64):
//     switch i0:
//         0 /* Int */ => block1(i0, i1, f2)
//         1 /* Float */ => block2(i0, i1, f2)
// block1(i3: Value, i4: i64, f5: f64):
//     i6: i64 = int_mul(i4, 2)
//     goto return(i6)
// block2(i7: Value, i8: i64, f9: f64):
//     f10: f64 = float_mul(f9, 2.0)
//     i11: i64 = cast_float_to_int[i64](f10)
//     goto return(i11)
// return(i12: i64):
//     return i12
// panic(r13: &str):
//     panic r13
// }
//
// fn f(i0: i64) -> i64 {
// block0(i0: i64):
//     i1: Value = residual_call(i0, descr=<Call make(i) -> i can_panic>)
//     i2: i64 = residual_call(1, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     f3: f64 = residual_call(2, descr=<Call jitsupport::llresult::ll_result_f(i) -> f>)
//     i4: i64 = residual_call(i1, i2, f3, descr=<Call twice(i, i, f) -> i elidable can_panic>)
//     goto return(i4)
// return(i5: i64):
//     return i5
// panic(r6: &str):
//     panic r6
// }
//
// fn halve(i0: Value, i1: i64, f2: f64) -> (Value, i64, f64) {
//     # hints: elidable
// block0(i0: Value, i1: i64, f2: f64):
//     switch i0:
//         0 /* Int */ => block1(i0, i1, f2)
//         1 /* Float */ => block2(i0, i1, f2)
// block1(i3: Value, i4: i64, f5: f64):
//     i6: i64 = int_div(i4, 2)
//     goto return(0, i6, 0.0)
// block2(i7: Value, i8: i64, f9: f64):
//     f10: f64 = float_div(f9, 2.0)
//     goto return(1, 0, f10)
// return(i11: Value, i12: i64, f13: f64):
//     return i11, i12, f13
// panic(r14: &str):
//     panic r14
// }
//
// fn g(f0: f64) -> (Value, i64, f64) {
// block0(f0: f64):
//     r1: &opaque LlResult = residual_call(1, 0, f0, descr=<Call halve(i, i, f) -> r elidable can_panic>)
//     i2: Value = getfield_i(r1, descr=<Field LlResult.w0 8>)
//     i3: i64 = getfield_i(r1, descr=<Field LlResult.w1 16>)
//     f4: f64 = getfield_f(r1, descr=<Field LlResult.w2 24>)
//     goto return(i2, i3, f4)
// return(i5: Value, i6: i64, f7: f64):
//     return i5, i6, f7
// panic(r8: &str):
//     panic r8
// }
//
// layout enum Value #[repr(u8)]: size_of::<Value>(), tag u8 at 0
//     Int = 0 (mirror __Value_Int)
//         0: i64 (int signed) at offset_of!(__Value_Int, 1), size 8
//     Float = 1 (mirror __Value_Float)
//         0: f64 (float) at offset_of!(__Value_Float, 1), size 8
