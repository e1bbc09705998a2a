#[jitsupport::interpreter]
mod interp {
    pub fn check(x: i64) -> Result<i64, i64> {
        if x < 0 {
            return Err(x);
        }
        Ok(x)
    }

    pub fn twice(x: i64) -> Result<i64, i64> {
        let y = check(x)?;
        Ok(y * 2)
    }
}

fn main() {
    assert_eq!(interp::twice(2), Ok(4));
}
