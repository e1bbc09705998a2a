// Included by error_in_included.rs.

pub fn fine(x: i64) -> i64 {
    x + 1
}

pub fn first<T: Copy>(pair: (T, T)) -> T {
    pair.0
}
