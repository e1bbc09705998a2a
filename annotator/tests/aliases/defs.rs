// Aliases of the core of `tests/aliases.rs`, in a file of their own.
pub type Num = i64;
pub type R<T> = Result<T, Err>;
