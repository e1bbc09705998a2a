// golden: jitcode
mod m {
    // A loop that swaps two values: the link back to the loop head is a cycle of moves,
    // broken with the temporary slot (`int_push` / `int_pop`).
    fn swaps(n: i64) -> i64 {
        let mut a: i64 = 1;
        let mut b: i64 = 2;
        let mut i: i64 = 0;
        while i < n {
            let t = a;
            a = b;
            b = t;
            i += 1;
        }
        a * 10 + b
    }

    fn fib(n: i64) -> i64 {
        let mut a: i64 = 0;
        let mut b: i64 = 1;
        let mut i: i64 = 0;
        while i < n {
            let c = a + b;
            a = b;
            b = c;
            i += 1;
        }
        a
    }

    fn rotate(x: f64, y: f64, z: f64, n: i64) -> f64 {
        let mut a = x;
        let mut b = y;
        let mut c = z;
        let mut i: i64 = 0;
        while i < n {
            let t = a;
            a = b;
            b = c;
            c = t;
            i += 1;
        }
        a + 2.0 * b + 4.0 * c
    }
}
// ---- expected ----
//
// jitcode "swaps" i=4 r=0 f=0
//     int_copy $1 -> %i1
//     int_copy $2 -> %i2
//     int_copy $0 -> %i3
// L1:
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not_int_lt %i3, %i0, L2
//     int_add %i3, $1 -> %i3
//     int_push %i1
//     int_copy %i2 -> %i1
//     int_pop -> %i2
//     goto L1
// L2:
//     int_mul %i1, $10 -> %i0
//     int_add %i0, %i2 -> %i0
//     int_return %i0
//
// jitcode "fib" i=4 r=0 f=0
//     int_copy $0 -> %i1
//     int_copy $1 -> %i2
//     int_copy $0 -> %i3
// L1:
//     -live- %i0, %i1, %i2, %i3
//     goto_if_not_int_lt %i3, %i0, L2
//     int_add %i1, %i2 -> %i1
//     int_add %i3, $1 -> %i3
//     int_push %i1
//     int_copy %i2 -> %i1
//     int_pop -> %i2
//     goto L1
// L2:
//     int_return %i1
//
// jitcode "rotate" i=2 r=0 f=3
//     int_copy $0 -> %i1
// L1:
//     -live- %i0, %i1, %f0, %f1, %f2
//     goto_if_not_int_lt %i1, %i0, L2
//     int_add %i1, $1 -> %i1
//     float_push %f0
//     float_copy %f1 -> %f0
//     float_copy %f2 -> %f1
//     float_pop -> %f2
//     goto L1
// L2:
//     float_mul $2.0, %f1 -> %f1
//     float_add %f0, %f1 -> %f0
//     float_mul $4.0, %f2 -> %f1
//     float_add %f0, %f1 -> %f0
//     float_return %f0
