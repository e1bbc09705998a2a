// golden: jitcode
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
//
// jitcode "wrap_u8" i=2 r=0 f=0
//     int_mul %i1, $3 -> %i1
//     int_and %i1, $255 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $255 -> %i0
//     int_return %i0
//
// jitcode "wrap_i8" i=1 r=0 f=0
//     int_neg %i0 -> %i0
//     int_signext %i0, $1 -> %i0
//     int_sub %i0, $1 -> %i0
//     int_signext %i0, $1 -> %i0
//     int_return %i0
//
// jitcode "wide" i=2 r=0 f=0
//     int_mul %i0, $2 -> %i0
//     int_add %i0, %i1 -> %i0
//     int_return %i0
//
// jitcode "bits" i=3 r=0 f=0
//     int_and %i1, $15 -> %i1
//     int_lshift %i0, %i1 -> %i1
//     int_and %i1, $65535 -> %i1
//     uint_rshift %i0, $3 -> %i2
//     int_invert %i0 -> %i0
//     int_and %i0, $65535 -> %i0
//     int_xor %i2, %i0 -> %i0
//     int_or %i1, %i0 -> %i0
//     int_return %i0
//
// jitcode "signed_shift" i=2 r=0 f=0
//     int_and %i1, $31 -> %i1
//     int_rshift %i0, %i1 -> %i1
//     int_lshift %i0, $4 -> %i0
//     int_signext %i0, $4 -> %i0
//     int_add %i1, %i0 -> %i0
//     int_signext %i0, $4 -> %i0
//     int_return %i0
//
// jitcode "compares" i=6 r=0 f=0
//     int_lt %i0, %i1 -> %i4
//     uint_lt %i2, %i3 -> %i5
//     int_and %i4, %i5 -> %i4
//     int_ge %i0, %i1 -> %i5
//     uint_ge %i2, %i3 -> %i2
//     int_and %i5, %i2 -> %i2
//     int_or %i4, %i2 -> %i2
//     int_eq %i0, %i1 -> %i0
//     int_or %i2, %i0 -> %i0
//     int_return %i0
//
// jitcode "divs" i=5 r=0 f=0
//     -live- %i0, %i1, %i2
//     goto_if_not_int_eq %i1, $0, L1
//     panic $"attempt to divide by zero"
// L1:
//     int_eq %i1, $-1 -> %i3
//     int_eq %i0, $-2147483648 -> %i4
//     int_and %i3, %i4 -> %i3
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not %i3, L2
//     panic $"attempt to divide with overflow"
// L2:
//     int_floordiv %i0, %i1 -> %i1
//     int_mod %i0, $7 -> %i0
//     int_add %i1, %i0 -> %i0
//     int_signext %i0, $4 -> %i0
//     uint_floordiv %i2, $2 -> %i1
//     int_add %i0, %i1 -> %i0
//     int_signext %i0, $4 -> %i0
//     int_return %i0
