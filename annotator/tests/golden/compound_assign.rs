// golden: graphs
mod m {
    struct Acc {
        total: i64,
        hist: [i64; 4],
    }

    fn ops(mut x: i64, y: i64) -> i64 {
        x += y;
        x -= 1;
        x *= y;
        x /= 2;
        x %= 7;
        x &= 15;
        x |= 1;
        x ^= y;
        x <<= 2;
        x >>= 1;
        x
    }

    fn fields(a: &mut Acc, i: usize) {
        a.total += 1;
        a.hist[i] *= 2;
    }
}
// ---- expected ----
// fn ops(v2: i64, v3: i64) -> i64 {
// block0(v2: i64, v3: i64):
//     v4: i64 = add(v2, v3)
//     v5: i64 = sub(v4, 1_i64)
//     v6: i64 = mul(v5, v3)
//     v7: i64 = div(v6, 2_i64)
//     v8: i64 = rem(v7, 7_i64)
//     v9: i64 = bitand(v8, 15_i64)
//     v10: i64 = bitor(v9, 1_i64)
//     v11: i64 = bitxor(v10, v3)
//     v12: i64 = shl(v11, 2_i32)
//     v13: i64 = shr(v12, 1_i32)
//     goto return(v13)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn fields(v2: &mut Acc, v3: usize) -> () {
// block0(v2: &mut Acc, v3: usize):
//     v4: i64 = getfield[.total](v2)
//     v5: i64 = add(v4, 1_i64)
//     v6: () = setfield[.total](v2, v5)
//     v7: [i64; 4] = getfield[.hist](v2)
//     v8: i64 = getitem(v7, v3)
//     v9: i64 = mul(v8, 2_i64)
//     v10: () = setitem(v7, v3, v9)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
