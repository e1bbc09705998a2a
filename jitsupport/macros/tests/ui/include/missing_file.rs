// An `include!` of a file that does not exist.

#[jitsupport::interpreter]
mod core {
    include!("files/no_such_file.rs");

    pub fn f(x: i64) -> i64 {
        x
    }
}

fn main() {}
