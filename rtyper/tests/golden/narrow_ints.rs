// golden: lltypes
mod m {
    fn wrap_u8(a: u8, b: u8) -> u8 {
        a + b * 3
    }

    fn wrap_i8(a: i8) -> i8 {
        -a - 1
    }

    fn wide(a: i64, b: u64) -> u64 {
        (a * 2) as u64 + b
    }

    fn bits(a: u16, s: u32) -> u16 {
        (a << s) | (a >> 3) ^ !a
    }

    fn signed_shift(a: i32, s: u8) -> i32 {
        (a >> s) + (a << 4)
    }

    fn compares(a: i32, b: i32, c: u32, d: u32) -> bool {
        (a < b) & (c < d) | (a >= b) & (c >= d) | (a == b)
    }

    fn divs(a: i32, b: i32, c: u8) -> i32 {
        a / b + a % 7 + (c / 2) as i32
    }
}
// ---- expected ----
// fn wrap_u8(i0: u8, i1: u8) -> u8 {
// block0(i0: u8, i1: u8):
//     i2: u8 = int_mul(i1, 3)
//     i3: u8 = int_and(i2, 255)
//     i4: u8 = int_add(i0, i3)
//     i5: u8 = int_and(i4, 255)
//     goto return(i5)
// return(i6: u8):
//     return i6
// panic(r7: &str):
//     panic r7
// }
//
// fn wrap_i8(i0: i8) -> i8 {
// block0(i0: i8):
//     i1: i8 = int_neg(i0)
//     i2: i8 = int_signext(i1, 1)
//     i3: i8 = int_sub(i2, 1)
//     i4: i8 = int_signext(i3, 1)
//     goto return(i4)
// return(i5: i8):
//     return i5
// panic(r6: &str):
//     panic r6
// }
//
// fn wide(i0: i64, i1: u64) -> u64 {
// block0(i0: i64, i1: u64):
//     i2: i64 = int_mul(i0, 2)
//     i3: u64 = int_add(i2, i1)
//     goto return(i3)
// return(i4: u64):
//     return i4
// panic(r5: &str):
//     panic r5
// }
//
// fn bits(i0: u16, i1: u32) -> u16 {
// block0(i0: u16, i1: u32):
//     i2: u32 = int_and(i1, 15)
//     i3: u16 = int_lshift(i0, i2)
//     i4: u16 = int_and(i3, 65535)
//     i5: u16 = uint_rshift(i0, 3)
//     i6: u16 = int_invert(i0)
//     i7: u16 = int_and(i6, 65535)
//     i8: u16 = int_xor(i5, i7)
//     i9: u16 = int_or(i4, i8)
//     goto return(i9)
// return(i10: u16):
//     return i10
// panic(r11: &str):
//     panic r11
// }
//
// fn signed_shift(i0: i32, i1: u8) -> i32 {
// block0(i0: i32, i1: u8):
//     i2: u8 = int_and(i1, 31)
//     i3: i32 = int_rshift(i0, i2)
//     i4: i32 = int_lshift(i0, 4)
//     i5: i32 = int_signext(i4, 4)
//     i6: i32 = int_add(i3, i5)
//     i7: i32 = int_signext(i6, 4)
//     goto return(i7)
// return(i8: i32):
//     return i8
// panic(r9: &str):
//     panic r9
// }
//
// fn compares(i0: i32, i1: i32, i2: u32, i3: u32) -> bool {
// block0(i0: i32, i1: i32, i2: u32, i3: u32):
//     i4: bool = int_lt(i0, i1)
//     i5: bool = uint_lt(i2, i3)
//     i6: bool = int_and(i4, i5)
//     i7: bool = int_ge(i0, i1)
//     i8: bool = uint_ge(i2, i3)
//     i9: bool = int_and(i7, i8)
//     i10: bool = int_or(i6, i9)
//     i11: bool = int_eq(i0, i1)
//     i12: bool = int_or(i10, i11)
//     goto return(i12)
// return(i13: bool):
//     return i13
// panic(r14: &str):
//     panic r14
// }
//
// fn divs(i0: i32, i1: i32, i2: u8) -> i32 {
// block0(i0: i32, i1: i32, i2: u8):
//     i3: bool = int_eq(i1, 0)
//     if i3 then panic("attempt to divide by zero") else block3(i1, i0, i2)
// block3(i16: i32, i17: i32, i21: u8):
//     i4: bool = int_eq(i16, -1)
//     i5: bool = int_eq(i17, -2147483648)
//     i6: bool = int_and(i4, i5)
//     if i6 then panic("attempt to divide with overflow") else block4(i17, i16, i21)
// block4(i18: i32, i19: i32, i20: u8):
//     i7: i32 = int_div(i18, i19)
//     i8: i32 = int_rem(i18, 7)
//     i9: i32 = int_add(i7, i8)
//     i10: i32 = int_signext(i9, 4)
//     i11: u8 = uint_div(i20, 2)
//     i12: i32 = int_add(i10, i11)
//     i13: i32 = int_signext(i12, 4)
//     goto return(i13)
// return(i14: i32):
//     return i14
// panic(r15: &str):
//     panic r15
// }
