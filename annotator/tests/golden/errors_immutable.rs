// golden: graphs
mod m {
    use jitsupport::List;

    pub struct Inner {
        pub a: i64,
        pub arr: [i64; 4],
    }

    pub struct Program {
        #[immutable]
        pub code: List<i64>,
        #[immutable]
        pub size: usize,
        #[immutable]
        pub inner: Inner,
        pub runs: usize,
    }

    pub struct Holder {
        pub program: Program,
    }

    // Allowed: the function that creates an object writes it, immutable fields included,
    // across loops; a fresh list is filled before the literal stores it.
    fn new(n: usize) -> Program {
        let mut code = List::with_capacity(n);
        let mut i = 0;
        while i < n {
            code.push(i as i64);
            i += 1;
        }
        fill(&mut code);
        let mut p = Program { code, size: 0, inner: Inner { a: 1, arr: [0; 4] }, runs: 0 };
        while p.size < n {
            p.code.push(0);
            p.inner.arr[p.size % 4] = 1;
            p.size += 1;
        }
        p.inner.a = 2;
        p
    }

    fn fill(list: &mut List<i64>) {
        list.push(7);
    }

    // Allowed: mutable fields, and reads of immutable ones.
    fn run(p: &mut Program) -> i64 {
        p.runs += 1;
        p.code[0] + p.inner.arr[1] + p.size as i64
    }

    // Every write after construction is an error at its span.
    fn writes(p: &mut Program, v: i64) {
        p.code[0] = v;
        p.code.push(v);
        let _ = p.code.pop();
        p.size = 4;
        p.inner.a = v;
        p.inner.arr[1] = v;
        let r = &mut p.inner;
        r.a = 5;
        p.inner.seta();
    }

    // Through a struct holding the object inline, and through a shared borrow.
    fn nested(h: &mut Holder, v: i64) {
        h.program.size = 1;
        let inner = &h.program.inner;
        let _ = inner.a;
        h.program.code.push(v);
    }

    // A value fresh on one path only is not fresh.
    fn join(flag: bool, other: Program) -> Program {
        let mut p = if flag { new(1) } else { other };
        p.size = 2;
        let mut q = Program { code: List::new(), size: 0, inner: Inner { a: 0, arr: [0; 4] }, runs: 0 };
        if flag {
            q.runs = 1;
        }
        q.size = 3;
        q
    }

    impl Inner {
        fn seta(&mut self) {
            self.a = 2;
        }
    }
}
// ---- expected ----
// error at 56:8: this assignment to an item writes inside `Program.code`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.code`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 57:8: this `push` writes inside `Program.code`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.code`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 58:16: this `pop` writes inside `Program.code`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.code`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 59:8: `Program.size` is #[immutable]: set it in the struct literal that creates the `Program` (only the function that creates an object may assign its immutable fields), or remove #[immutable] from `Program.size`; the JIT folds its reads to constants, so compiled code would keep the old value
// error at 60:8: this assignment to `.a` writes inside `Program.inner`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.inner`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 61:8: this assignment to an item writes inside `Program.inner`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.inner`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 62:16: this `&mut` borrow writes inside `Program.inner`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.inner`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 64:8: this call of `Inner::seta` (which takes `&mut self`) writes inside `Program.inner`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.inner`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 69:8: `Program.size` is #[immutable]: set it in the struct literal that creates the `Program` (only the function that creates an object may assign its immutable fields), or remove #[immutable] from `Program.size`; the JIT folds its reads to constants, so compiled code would keep the old value
// error at 72:8: this `push` writes inside `Program.code`, which is #[immutable] all the way down: build the value whole before it goes into the struct literal (only the function that creates a `Program` may write inside it), or remove #[immutable] from `Program.code`; the JIT folds reads inside it to constants, so compiled code would keep the old values
// error at 78:8: `Program.size` is #[immutable]: set it in the struct literal that creates the `Program` (only the function that creates an object may assign its immutable fields), or remove #[immutable] from `Program.size`; the JIT folds its reads to constants, so compiled code would keep the old value
