// golden: lltypes
mod m {
    fn add64(a: i64, b: i64) -> i64 {
        match a.checked_add(b) {
            Some(v) => v,
            None => 0,
        }
    }

    fn mul32(a: i32, b: i32) -> Option<i32> {
        a.checked_mul(b)
    }

    fn sub_u64(a: u64, b: u64) -> u64 {
        if let Some(d) = a.checked_sub(b) {
            d
        } else {
            0
        }
    }

    fn flags(a: i64, b: u8) -> bool {
        let (_, o1) = a.overflowing_add(a);
        let (_, o2) = b.overflowing_mul(b);
        o1 | o2
    }

    fn wrapping(a: i16, b: i16) -> i16 {
        a.wrapping_add(b).wrapping_mul(2)
    }
}
// ---- expected ----
// fn add64(i0: i64, i1: i64) -> i64 {
// block0(i0: i64, i1: i64):
//     i2: i64 = int_add_ovf(i0, i1)
//     if no overflow then block1(i2) else block4()
// block1(i3: i64):
//     goto block2(1, i3)
// block2(i4: bool, i5: i64):
//     if i4 then block3(i4, i5) else return(0)
// block3(i6: bool, i7: i64):
//     goto return(i7)
// block4():
//     goto block2(0, 0)
// return(i8: i64):
//     return i8
// panic(r9: &str):
//     panic r9
// }
//
// fn mul32(i0: i32, i1: i32) -> (bool, i32) {
// block0(i0: i32, i1: i32):
//     i2: i64 = int_mul(i0, i1)
//     i3: i32 = int_signext(i2, 4)
//     i4: bool = int_ne(i2, i3)
//     if i4 then block2() else block1(i3)
// block2():
//     goto return(0, 0)
// block1(i5: i32):
//     goto return(1, i5)
// return(i6: bool, i7: i32):
//     return i6, i7
// panic(r8: &str):
//     panic r8
// }
//
// fn sub_u64(i0: u64, i1: u64) -> u64 {
// block0(i0: u64, i1: u64):
//     i2: u64 = uint_sub_ovf(i0, i1)
//     if no overflow then block1(i2) else block4()
// block1(i3: u64):
//     goto block2(1, i3)
// block2(i4: bool, i5: u64):
//     if i4 then block3(i4, i5) else return(0)
// block3(i6: bool, i7: u64):
//     goto return(i7)
// block4():
//     goto block2(0, 0)
// return(i8: u64):
//     return i8
// panic(r9: &str):
//     panic r9
// }
//
// fn flags(i0: i64, i1: u8) -> bool {
// block0(i0: i64, i1: u8):
//     i2: i64 = int_add(i0, i0)
//     i3: bool = int_add_overflows(i0, i0)
//     i4: u8 = int_mul(i1, i1)
//     i5: u8 = int_and(i4, 255)
//     i6: i64 = int_mul(i1, i1)
//     i7: u8 = int_and(i6, 255)
//     i8: bool = int_ne(i6, i7)
//     i9: bool = int_or(i3, i8)
//     goto return(i9)
// return(i10: bool):
//     return i10
// panic(r11: &str):
//     panic r11
// }
//
// fn wrapping(i0: i16, i1: i16) -> i16 {
// block0(i0: i16, i1: i16):
//     i2: i16 = int_add(i0, i1)
//     i3: i16 = int_signext(i2, 2)
//     i4: i16 = int_mul(i3, 2)
//     i5: i16 = int_signext(i4, 2)
//     goto return(i5)
// return(i6: i16):
//     return i6
// panic(r7: &str):
//     panic r7
// }
