#[jitsupport::interpreter]
mod interp {
    #[derive(Clone, Copy)]
    pub struct C {
        pub a: i64,
    }

    impl C {
        pub fn bump(&mut self) {
            self.a += 1;
        }
    }

    // A `&mut self` method of a value struct needs it in memory, not in a local.
    pub fn bumped(c: C) -> i64 {
        let mut d = c;
        d.bump();
        d.a
    }
}

fn main() {}
