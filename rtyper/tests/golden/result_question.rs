// golden: lltypes
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
// fn ratio(i0: i64, i1: i64) -> (bool, i64, i64) {
// block0(i0: i64, i1: i64):
//     i2: bool = residual_call(i0, i1, descr=<Call checked_div(i, i) -> i can_panic>)
//     i3: i64 = residual_call(1, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     i4: i64 = residual_call(2, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     if i2 then block1(i2, i3, i4) else block2(i2, i3, i4)
// block1(i5: bool, i6: i64, i7: i64):
//     i8: i64 = int_add(i6, 1)
//     goto return(1, i8, 0)
// block2(i9: bool, i10: i64, i11: i64):
//     goto return(0, 0, i11)
// return(i12: bool, i13: i64, i14: i64):
//     return i12, i13, i14
// panic(r15: &str):
//     panic r15
// }
//
// fn handle(i0: i64, i1: i64) -> i64 {
// block0(i0: i64, i1: i64):
//     (i2: bool, i3: i64, i4: i64) = direct_call[ratio](i0, i1)
//     if i2 then block1(i2, i3, i4, 0) else block1(i2, i3, i4, 1)
// block1(i5: bool, i6: i64, i7: i64, i8: bool):
//     if i8 then return(-1) else block2(i5, i6, i7)
// block2(i9: bool, i10: i64, i11: i64):
//     if i9 then block3(i9, i10, i11) else block4(i9, i10, i11)
// block3(i12: bool, i13: i64, i14: i64):
//     goto return(i13)
// block4(i15: bool, i16: i64, i17: i64):
//     goto return(i17)
// return(i18: i64):
//     return i18
// panic(r19: &str):
//     panic r19
// }
