#[jitsupport::interpreter]
mod interp {
    pub fn show(x: i64) {
        println!("{}", x);
    }
}

fn main() {
    interp::show(1);
}
