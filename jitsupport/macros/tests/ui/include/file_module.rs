// `mod x;` cannot go inside the module (rustc rejects file modules in an attribute's
// input); the analysis says to use `include!` instead.

#[jitsupport::interpreter]
mod core {
    mod ops;

    pub fn f(x: i64) -> i64 {
        x
    }
}

fn main() {}
