// golden: jitcode
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
//
// jitcode "int_casts" i=4 r=0 f=0
//     int_and %i0, $255 -> %i0
//     int_and %i2, $65535 -> %i3
//     int_signext %i1, $1 -> %i1
//     int_add %i0, %i3 -> %i0
//     int_and %i0, $4294967295 -> %i0
//     int_and %i1, $4294967295 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $4294967295 -> %i0
//     int_and %i2, $4294967295 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $4294967295 -> %i0
//     int_return %i0
//
// jitcode "bool_char" i=2 r=0 f=0
//     int_and %i1, $255 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $255 -> %i0
//     int_and %i1, $255 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $255 -> %i0
//     int_return %i0
//
// jitcode "floats" i=2 r=0 f=4
//     float_add %f0, %f1 -> %f2
//     float_sub %f0, %f1 -> %f3
//     float_mul %f2, %f3 -> %f2
//     float_truediv %f2, $2.0 -> %f2
//     float_neg %f2 -> %f2
//     float_abs %f2 -> %f2
//     float_sqrt %f2 -> %f2
//     float_min %f2, %f0 -> %f0
//     float_max %f0, %f1 -> %f0
//     cast_int_to_float %i0 -> %f1
//     cast_uint_to_float %i1 -> %f2
//     float_add %f1, %f2 -> %f1
//     -live- %f0, %f1
//     goto_if_not_float_lt %f0, %f1, L1
//     float_return %f0
// L1:
//     float_return %f1
//
// jitcode "to_int" i=2 r=0 f=1
//     cast_float_to_int %f0 -> %i0
//     int_max %i0, $0 -> %i0
//     int_min %i0, $255 -> %i0
//     cast_float_to_int %f0 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
