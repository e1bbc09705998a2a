// An error in an included file is reported at its `include!`, naming the file, line
// and column; errors in the module's own file keep their spans.

#[jitsupport::interpreter]
mod core {
    include!("files/bad_ops.rs");

    pub fn own(x: i64) -> i64 {
        let f = |y: i64| y + 1;
        f(x)
    }
}

fn main() {}
