// golden: jitcode
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
//
// jitcode "add64" i=2 r=0 f=0
//     -live- %i0, %i1
//     int_add_ovf %i0, %i1, L2 -> %i0
//     int_copy $1 -> %i1
// L1:
//     -live- %i0, %i1
//     goto_if_not %i1, L3
//     int_return %i0
// L2:
//     int_copy $0 -> %i1
//     int_copy $0 -> %i0
//     goto L1
// L3:
//     int_return $0
//
// jitcode "mul32" i=2 r=0 f=0
//     int_mul %i0, %i1 -> %i0
//     int_signext %i0, $4 -> %i1
//     -live- %i0, %i1
//     goto_if_not_int_ne %i0, %i1, L1
//     int_set_result $0, $0
//     int_set_result $1, $0
//     void_return
// L1:
//     int_set_result $0, $1
//     int_set_result $1, %i1
//     void_return
//
// jitcode "sub_u64" i=2 r=0 f=0
//     -live- %i0, %i1
//     uint_sub_ovf %i0, %i1, L2 -> %i0
//     int_copy $1 -> %i1
// L1:
//     -live- %i0, %i1
//     goto_if_not %i1, L3
//     int_return %i0
// L2:
//     int_copy $0 -> %i1
//     int_copy $0 -> %i0
//     goto L1
// L3:
//     int_return $0
//
// jitcode "flags" i=3 r=0 f=0
//     int_add %i0, %i0 -> %i2
//     int_add_overflows %i0, %i0 -> %i0
//     int_mul %i1, %i1 -> %i2
//     int_and %i2, $255 -> %i2
//     int_mul %i1, %i1 -> %i1
//     int_and %i1, $255 -> %i2
//     int_ne %i1, %i2 -> %i1
//     int_or %i0, %i1 -> %i0
//     int_return %i0
//
// jitcode "wrapping" i=2 r=0 f=0
//     int_add %i0, %i1 -> %i0
//     int_signext %i0, $2 -> %i0
//     int_mul %i0, $2 -> %i0
//     int_signext %i0, $2 -> %i0
//     int_return %i0
