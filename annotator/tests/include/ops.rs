// Included by the tests of annotator/tests/include.rs.

pub fn inc(x: i64) -> i64 {
    x + 1
}

pub fn bad(x: i64) -> i64 {
    let f = |y: i64| y;
    f(x)
}
