// golden: graphs
mod m {
    #[dont_look_inside]
    fn checked_div(x: i64, y: i64) -> Result<i64, i64> {
        if y == 0 {
            Err(x)
        } else {
            Ok(x / y)
        }
    }

    // `?` on a `Result` in a function returning an `Option`: the error is at the `?`.
    fn ratio(x: i64, y: i64) -> Option<i64> {
        let q = checked_div(x, y)?;
        Some(q + 1)
    }
}
// ---- expected ----
// error at 14:33: type mismatch: the annotator inferred `Result<i64, i64>` here but `Option<_>` is required; add a type annotation or report this as a bug
// error at 14:16: a switch with the case `None` on a value of type `Result<i64, i64>`; add a type annotation or report this as a bug
// error at 14:16: a switch with the case `Some` on a value of type `Result<i64, i64>`; add a type annotation or report this as a bug
