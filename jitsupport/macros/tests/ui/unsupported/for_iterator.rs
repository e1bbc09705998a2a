#[jitsupport::interpreter]
mod interp {
    use jitsupport::List;

    pub fn sum(xs: &List<i64>) -> i64 {
        let mut total = 0;
        for (i, x) in xs.iter().enumerate() {
            total += *x + i as i64;
        }
        total
    }
}

fn main() {
    let xs: jitsupport::List<i64> = (1..4).collect();
    assert_eq!(interp::sum(&xs), 9);
}
