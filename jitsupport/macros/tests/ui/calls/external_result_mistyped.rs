// A call out of the module is typed from its use. Here the untyped literal `0` makes the
// annotator guess `i32` for the result of `read_byte`, which returns `i64`: rustc rejects
// the guess at the call, so the JIT never reads the result at the wrong width.

fn read_byte() -> i64 {
    -1
}

#[jitsupport::interpreter]
mod interp {
    pub fn at_end() -> bool {
        crate::read_byte() < 0
    }
}

fn main() {
    assert!(interp::at_end());
}
