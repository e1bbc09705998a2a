// golden: lltypes
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
// fn divmod(i0: i64, i1: i64) -> (i64, i64) {
// block0(i0: i64, i1: i64):
//     i2: bool = int_eq(i1, 0)
//     if i2 then block1() else block2(i0, i1)
// block1():
//     goto return(0, 0)
// block2(i3: i64, i4: i64):
//     i5: bool = int_eq(i4, 0)
//     if i5 then panic("attempt to divide by zero") else block5(i4, i3)
// block5(i18: i64, i19: i64):
//     i6: bool = int_eq(i18, -1)
//     i7: bool = int_eq(i19, -9223372036854775808)
//     i8: bool = int_and(i6, i7)
//     if i8 then panic("attempt to divide with overflow") else block6(i19, i18)
// block6(i20: i64, i21: i64):
//     i9: i64 = int_div(i20, i21)
//     i10: bool = int_eq(i21, 0)
//     if i10 then panic("attempt to calculate the remainder with a divisor of zero") else block7(i21, i20, i9)
// block7(i22: i64, i23: i64, i27: i64):
//     i11: bool = int_eq(i22, -1)
//     i12: bool = int_eq(i23, -9223372036854775808)
//     i13: bool = int_and(i11, i12)
//     if i13 then panic("attempt to calculate the remainder with overflow") else block8(i23, i22, i27)
// block8(i24: i64, i25: i64, i26: i64):
//     i14: i64 = int_rem(i24, i25)
//     goto return(i26, i14)
// return(i15: i64, i16: i64):
//     return i15, i16
// panic(r17: &str):
//     panic r17
// }
//
// fn find(i0: i64) -> (bool, i64) {
// block0(i0: i64):
//     i1: bool = int_gt(i0, 3)
//     if i1 then block1(i0) else block2()
// block1(i2: i64):
//     i3: i64 = int_mul(i2, 2)
//     goto return(1, i3)
// block2():
//     goto return(0, 0)
// return(i4: bool, i5: i64):
//     return i4, i5
// panic(r6: &str):
//     panic r6
// }
//
// fn use_them(i0: i64) -> i64 {
// block0(i0: i64):
//     (i1: i64, i2: i64) = direct_call[divmod](i0, 3)
//     i3: bool = int_gt(i2, 1)
//     (i4: bool, i5: i64) = direct_call[find](i0)
//     if i4 then block1(i1, i3, i4, i5) else block2(i1, i3, 0)
// block1(i6: i64, i7: bool, i8: bool, i9: i64):
//     goto block2(i6, i7, i9)
// block2(i10: i64, i11: bool, i12: i64):
//     if i11 then block3(i10, i11, i12) else return(i12)
// block3(i13: i64, i14: bool, i15: i64):
//     i16: i64 = int_add(i15, i13)
//     goto return(i16)
// return(i17: i64):
//     return i17
// panic(r18: &str):
//     panic r18
// }
//
// fn float_opt(f0: f64) -> (bool, f64) {
// block0(f0: f64):
//     i1: bool = float_gt(f0, 0.0)
//     if i1 then block1(f0) else block2()
// block1(f2: f64):
//     goto return(1, f2)
// block2():
//     goto return(0, 0.0)
// return(i3: bool, f4: f64):
//     return i3, f4
// panic(r5: &str):
//     panic r5
// }
