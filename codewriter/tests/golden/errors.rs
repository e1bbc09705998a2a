// golden: jitcode
mod m {
    use jitsupport::dont_look_inside;

    // More results than the result slots hold: reported at the function...
    fn nine(x: i64) -> (i64, i64, i64, i64, i64, i64, i64, i64, i64) {
        (x, x, x, x, x, x, x, x, x)
    }

    // ... or, for a function without jitcode, at the call.
    #[dont_look_inside]
    fn also_nine(x: i64) -> (i64, i64, i64, i64, i64, i64, i64, i64, i64) {
        (x, x, x, x, x, x, x, x, x)
    }

    fn caller(x: i64) -> i64 {
        let (a, _, _, _, _, _, _, _, i) = nine(x);
        let (b, _, _, _, _, _, _, _, j) = also_nine(x);
        a + i + b + j
    }
}
// ---- expected ----
// error at 6:7: `nine` returns 9 values (the leaves of its return type), and jitcode passes at most 8: return fewer values, or a struct by reference
// error at 18:42: `also_nine` returns 9 values (the leaves of its return type), and a call passes at most 8: return fewer values, or a struct by reference
