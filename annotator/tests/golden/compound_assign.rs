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
//     v4 = add(v2, v3)
//     v5 = sub(v4, 1)
//     v6 = mul(v5, v3)
//     v7 = div(v6, 2)
//     v8 = rem(v7, 7)
//     v9 = bitand(v8, 15)
//     v10 = bitor(v9, 1)
//     v11 = bitxor(v10, v3)
//     v12 = shl(v11, 2)
//     v13 = shr(v12, 1)
//     goto return(v13)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn fields(v2: &mut Acc, v3: usize) -> () {
// block0(v2: &mut Acc, v3: usize):
//     v4 = getfield[.total](v2)
//     v5 = add(v4, 1)
//     v6 = setfield[.total](v2, v5)
//     v7 = getfield[.hist](v2)
//     v8 = getitem(v7, v3)
//     v9 = mul(v8, 2)
//     v10 = setitem(v7, v3, v9)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
