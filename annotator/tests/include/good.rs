// Included by the tests of annotator/tests/include.rs.

pub fn inc(x: i64) -> i64 {
    x + 1
}
