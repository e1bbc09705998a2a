// golden: lltypes
mod m {
    #[derive(Clone, Copy)]
    struct P {
        x: i64,
    }

    #[dont_look_inside]
    fn native(p: P) -> i64 {
        p.x
    }

    fn call_native(p: P) -> i64 {
        native(p)
    }

    fn call_outside(p: P) -> i64 {
        crate::io::take(p)
    }

    fn pair_from_outside() -> i64 {
        let t: (i64, i64) = crate::io::pair();
        t.0
    }

    // Value structs and tuples go to and come from native code as their leaves.
    #[dont_look_inside]
    fn swap(p: P, t: (i64, f64)) -> (f64, P) {
        (t.1, p)
    }

    #[jitsupport::elidable]
    fn pure_swap(t: (i64, f64)) -> (f64, i64) {
        (t.1, t.0)
    }

    fn calls(p: P) -> f64 {
        let (f, q) = swap(p, (1, 2.0));
        let (g, i) = pure_swap((q.x, f));
        g + i as f64
    }
}
// ---- expected ----
// fn call_native(i0: i64) -> i64 {
// block0(i0: i64):
//     i1: i64 = residual_call(i0, descr=<Call native(i) -> i can_panic>)
//     goto return(i1)
// return(i2: i64):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// fn call_outside(i0: i64) -> i64 {
// block0(i0: i64):
//     i1: i64 = residual_call(i0, descr=<Call crate::io::take(i) -> i can_panic>)
//     goto return(i1)
// return(i2: i64):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// fn pair_from_outside() -> i64 {
// block0():
//     i0: i64 = residual_call(descr=<Call crate::io::pair() -> i can_panic>)
//     i1: i64 = residual_call(1, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     goto return(i0)
// return(i2: i64):
//     return i2
// panic(r3: &str):
//     panic r3
// }
//
// fn pure_swap(i0: i64, f1: f64) -> (f64, i64) {
//     # hints: elidable
// block0(i0: i64, f1: f64):
//     goto return(f1, i0)
// return(f2: f64, i3: i64):
//     return f2, i3
// panic(r4: &str):
//     panic r4
// }
//
// fn calls(i0: i64) -> f64 {
// block0(i0: i64):
//     f1: f64 = residual_call(i0, 1, 2.0, descr=<Call swap(i, i, f) -> f can_panic>)
//     i2: i64 = residual_call(1, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     r3: &opaque LlResult = residual_call(i2, f1, descr=<Call pure_swap(i, f) -> r elidable can_panic>)
//     f4: f64 = getfield_f(r3, descr=<Field LlResult.w0 8>)
//     i5: i64 = getfield_i(r3, descr=<Field LlResult.w1 16>)
//     f6: f64 = cast_int_to_float(i5)
//     f7: f64 = float_add(f4, f6)
//     goto return(f7)
// return(f8: f64):
//     return f8
// panic(r9: &str):
//     panic r9
// }
//
// layout P: size_of::<P>()
//     x: i64 (int signed) at offset_of!(P, x), size 8
