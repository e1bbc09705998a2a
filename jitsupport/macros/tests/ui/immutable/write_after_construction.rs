//! Writes to `#[immutable]` fields after construction are errors, each at its span; the
//! function that creates the object may still write it.

#[jitsupport::interpreter]
mod interp {
    use jitsupport::List;

    pub struct Program {
        #[immutable]
        pub code: List<i64>,
        #[immutable]
        pub size: usize,
        pub runs: usize,
    }

    pub fn load(n: usize) -> Program {
        let mut code = List::new();
        code.push(1);
        let mut p = Program { code, size: 0, runs: 0 };
        p.code.push(2);
        p.size = n;
        p
    }

    pub fn patch(p: &mut Program, v: i64) {
        p.code[0] = v;
        p.code.push(v);
        p.size = 3;
        p.runs += 1;
    }
}

fn main() {
    let mut p = interp::load(2);
    interp::patch(&mut p, 5);
}
