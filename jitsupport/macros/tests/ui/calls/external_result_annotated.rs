// The same call with its result annotated passes the check; this case fails only
// because of the deliberate error below it, which shows that the annotated call itself
// is accepted (no error is reported at it).

fn read_byte() -> i64 {
    -1
}

#[jitsupport::interpreter]
mod interp {
    pub fn at_end() -> bool {
        let byte: i64 = crate::read_byte();
        byte < 0
    }
}

fn main() {
    let _: () = interp::at_end();
}
