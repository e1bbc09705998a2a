// golden: graphs
mod m {
    // A const outside the module, and a thread-local: neither can be read.
    fn size() -> usize {
        crate::io::BUFFER_SIZE + COUNTER
    }
}
// ---- expected ----
// error at 5:8: cannot find `crate::io::BUFFER_SIZE`: the JIT reads only the consts of the interpreter module (also associated ones, `Type::NAME`, and local `const` items); move the const into the module (or `include!` the file that defines it); a `static` or a thread-local is not a const: read it in a #[dont_look_inside] function or outside the module
// error at 5:33: cannot find `COUNTER`: the JIT reads only the consts of the interpreter module (also associated ones, `Type::NAME`, and local `const` items); move the const into the module (or `include!` the file that defines it); a `static` or a thread-local is not a const: read it in a #[dont_look_inside] function or outside the module
