// golden: graphs
mod m {
    struct P {
        a: i64,
        b: i64,
    }

    fn closures(x: i64) -> i64 {
        let f = |y: i64| y + 1;
        f(x)
    }

    fn unsafe_block(x: i64) -> i64 {
        unsafe { x }
    }

    fn item_inside() -> i64 {
        fn inner() -> i64 {
            1
        }
        inner()
    }

    fn macros(x: i64) {
        println!("{}", x);
        let v = vec![x];
        let _ = format!("{}", x);
    }

    fn iterate(v: List<i64>) -> i64 {
        let mut t = 0;
        for x in v {
            t += x;
        }
        t
    }

    fn slices(a: [i64; 2]) -> i64 {
        match a {
            [x, _] => x,
        }
    }

    fn base(p: P) -> P {
        P { a: 1, ..p }
    }

    fn deref_assign(r: &mut i64) {
        *r = 3;
        *r += 1;
    }

    fn no_init() -> i64 {
        let x;
        x = 1;
        x
    }

    fn result(x: Result<i64, i64>) -> Result<i64, i64> {
        let y = x?;
        Ok(y)
    }

    async fn later() {}

    fn awaits(x: i64) -> i64 {
        let _ = async { x };
        x
    }

    fn fine(x: i64) -> i64 {
        x + 1
    }
}
// ---- expected ----
// error at 64:4: async functions are not supported in an interpreter module
// error at 9:16: closures are not supported in an interpreter module; move this code into a function outside the module (calls out of the module are opaque to the JIT) or mark the function #[dont_look_inside]
// error at 14:8: `unsafe` blocks are not supported in an interpreter module; move the unsafe code into a function outside the module and call it, or mark the function #[dont_look_inside]
// error at 18:8: items inside function bodies are not supported in an interpreter module (except `const` items); move this item to the module level
// error at 25:8: the macro `println!` is not supported in an interpreter module; move this code into a function outside the module (calls out of the module are opaque to the JIT) or mark the function #[dont_look_inside]
// error at 26:16: the macro `vec!` is not supported in an interpreter module; move this code into a function outside the module (calls out of the module are opaque to the JIT) or mark the function #[dont_look_inside]
// error at 27:16: the macro `format!` is not supported in an interpreter module; move this code into a function outside the module (calls out of the module are opaque to the JIT) or mark the function #[dont_look_inside]
// error at 32:17: `for` is only supported over integer ranges (`a..b`, `a..=b`, `(a..b).rev()`), bytes (`s.bytes()`, `&b` in a `&[u8]`) and items (`&x` in `e` or `e.iter()`, `x` in `&e` or `e.iter()`) in an interpreter module; use a `while` loop with an index
// error at 40:12: slice patterns are not supported in an interpreter module; test the length and index the elements
// error at 45:20: `..base` in a struct literal is not supported in an interpreter module; write every field out
// error at 49:8: assignment through `*` is not supported in an interpreter module; assign to a field or an index instead
// error at 50:8: assignment through `*` is not supported in an interpreter module; assign to a field or an index instead
// error at 54:8: `let` without an initializer is not supported in an interpreter module; give the variable its value where it is declared
// error at 67:16: async/await is not supported in an interpreter module; move this code out of the module or mark the function #[dont_look_inside]
