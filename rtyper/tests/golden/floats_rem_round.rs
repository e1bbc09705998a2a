// golden: lltypes
mod m {
    fn rem_round(x: f64, y: f64) -> f64 {
        (x % y).round()
    }
}
// ---- expected ----
// fn rem_round(f0: f64, f1: f64) -> f64 {
// block0(f0: f64, f1: f64):
//     f2: f64 = residual_call(f0, f1, descr=<Call jitsupport::llmath::ll_float_rem(f, f) -> f elidable>)
//     f3: f64 = residual_call(f2, descr=<Call f64::round(f) -> f can_panic>)
//     goto return(f3)
// return(f4: f64):
//     return f4
// panic(r5: &str):
//     panic r5
// }
