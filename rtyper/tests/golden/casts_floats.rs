// golden: lltypes
mod m {
    fn int_casts(a: i64, b: u8, c: i8) -> u32 {
        let x = a as u8;
        let y = c as u16;
        let z = b as i8;
        let w = c as i64;
        (x as u32) + (y as u32) + (z as u32) + (w as u32)
    }

    fn bool_char(b: bool, ch: char) -> u8 {
        let n = b as u8;
        let c = ch as u8;
        let back = c as char;
        n + c + (back as u32) as u8
    }

    fn floats(a: f64, b: f64, n: i32, u: u64) -> f64 {
        let x = (a + b) * (a - b) / 2.0;
        let y = -x;
        let z = y.abs().sqrt().min(a).max(b);
        let s = n as f64 + u as f64;
        if z < s { z } else { s }
    }

    fn to_int(a: f64) -> i64 {
        (a as u8) as i64 + (a as i64)
    }
}
// ---- expected ----
// fn int_casts(i0: i64, i1: u8, i2: i8) -> u32 {
// block0(i0: i64, i1: u8, i2: i8):
//     i3: u8 = int_and(i0, 255)
//     i4: u16 = int_and(i2, 65535)
//     i5: i8 = int_signext(i1, 1)
//     i6: u32 = int_add(i3, i4)
//     i7: u32 = int_and(i6, 4294967295)
//     i8: u32 = int_and(i5, 4294967295)
//     i9: u32 = int_add(i7, i8)
//     i10: u32 = int_and(i9, 4294967295)
//     i11: u32 = int_and(i2, 4294967295)
//     i12: u32 = int_add(i10, i11)
//     i13: u32 = int_and(i12, 4294967295)
//     goto return(i13)
// return(i14: u32):
//     return i14
// panic(r15: &str):
//     panic r15
// }
//
// fn bool_char(i0: bool, i1: char) -> u8 {
// block0(i0: bool, i1: char):
//     i2: u8 = int_and(i1, 255)
//     i3: u8 = int_add(i0, i2)
//     i4: u8 = int_and(i3, 255)
//     i5: u8 = int_and(i2, 255)
//     i6: u8 = int_add(i4, i5)
//     i7: u8 = int_and(i6, 255)
//     goto return(i7)
// return(i8: u8):
//     return i8
// panic(r9: &str):
//     panic r9
// }
//
// fn floats(f0: f64, f1: f64, i2: i32, i3: u64) -> f64 {
// block0(f0: f64, f1: f64, i2: i32, i3: u64):
//     f4: f64 = float_add(f0, f1)
//     f5: f64 = float_sub(f0, f1)
//     f6: f64 = float_mul(f4, f5)
//     f7: f64 = float_div(f6, 2.0)
//     f8: f64 = float_neg(f7)
//     f9: f64 = float_abs(f8)
//     f10: f64 = float_sqrt(f9)
//     f11: f64 = float_min(f10, f0)
//     f12: f64 = float_max(f11, f1)
//     f13: f64 = cast_int_to_float(i2)
//     f14: f64 = cast_uint_to_float(i3)
//     f15: f64 = float_add(f13, f14)
//     i16: bool = float_lt(f12, f15)
//     if i16 then return(f12) else return(f15)
// return(f17: f64):
//     return f17
// panic(r18: &str):
//     panic r18
// }
//
// fn to_int(f0: f64) -> i64 {
// block0(f0: f64):
//     i1: u8 = cast_float_to_int[u8](f0)
//     i2: i64 = cast_float_to_int[i64](f0)
//     i3: i64 = int_add(i1, i2)
//     goto return(i3)
// return(i4: i64):
//     return i4
// panic(r5: &str):
//     panic r5
// }
