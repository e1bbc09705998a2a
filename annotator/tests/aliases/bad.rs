// An alias whose body uses another alias wrongly (tests/aliases.rs).
pub type R<T> = Result<T, i64>;
pub type Twice = (R, R<i64>);
