// golden: graphs
mod m {
    use jitsupport::Gc;

    type R<T> = Result<T, i64>;
    type Loop = Option<Pair>;
    type Pair = (i64, Loop);
    type G = Gc<i64>;

    fn too_few() -> R {
        Ok(1)
    }

    fn too_many(x: R<i64, bool>) -> i64 {
        0
    }

    fn cycle(x: Loop) -> i64 {
        0
    }

    fn refused(g: G) -> i64 {
        0
    }
}
// ---- expected ----
// error at 10:20: the type alias `R` takes 1 type argument but 0 were given; write `R<T>`
// error at 14:19: the type alias `R` takes 1 type argument but 2 were given; write `R<T>`
// error at 7:22: the type alias `Loop` expands into itself (Loop -> Pair -> Loop); an alias cannot be recursive: name a struct or enum of the module in the cycle
// error at 8:13: `Gc<i64>`: the JIT handles `Gc` of structs of the interpreter module only; wrap the value in a struct
// error at 11:8: type mismatch: the annotator inferred `()` here but `Result<_, _>` is required; add a type annotation or report this as a bug
