//! The sugar a new user reaches for first (`Option`'s `is_some`, `is_none`, `map`,
//! `unwrap_or`, `unwrap_or_else`, `matches!`, `%` and `round` on `f64`), run natively
//! and as jitcode through the blackhole: the two agree.

use jitsupport::blackhole::{Args, Blackhole, Value};

#[jitsupport::interpreter]
pub mod core {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Op {
        Push(i64),
        Pop,
    }

    fn double(x: i64) -> i64 {
        x * 2
    }

    fn first_push(ops: &jitsupport::List<Op>) -> Option<i64> {
        let mut i = 0;
        while i < ops.len() {
            if let Op::Push(n) = ops[i] {
                return Some(n);
            }
            i += 1;
        }
        None
    }

    pub fn sugar(ops: &jitsupport::List<Op>, d: i64) -> i64 {
        let x = first_push(ops);
        let a = if x.is_some() { 1 } else { 0 };
        let b = if x.is_none() { 10 } else { 0 };
        let c = x.map(|v| v + 1).unwrap_or(d);
        let e = x.map(double).unwrap_or_else(|| d - 1);
        let pops = if matches!(ops[0], Op::Pop) { 1000 } else { 0 };
        a + b + c * 100 + e * 10000 + pops
    }

    pub fn float_rem(x: i64, y: i64) -> i64 {
        let r = (x as f64 + 0.75) % (y as f64);
        (r * 10.0).round() as i64
    }
}

fn jitcode(name: &str, ints: &[i64], refs: &[usize]) -> i64 {
    let args = Args::new(ints, refs, &[]);
    let codes = core::__pyrite::jitcodes();
    let index = codes.find(name).expect("the function has a jitcode");
    // Safety: the arguments are of the function's parameter types, refs live.
    let value = unsafe { Blackhole::new(codes).call(index, &args) };
    let Value::Int(v) = value else {
        panic!("{name} returned {value:?}");
    };
    v
}

#[test]
fn option_sugar_and_matches_agree() {
    use crate::core::Op;
    for ops in [vec![Op::Pop, Op::Push(4)], vec![Op::Push(7)], vec![Op::Pop]] {
        let list = jitsupport::List::from(ops);
        let native = core::sugar(&list, 5);
        let p: *const jitsupport::List<Op> = &list;
        assert_eq!(jitcode("sugar", &[5], &[p as usize]), native);
    }
}

#[test]
fn float_rem_and_round_agree() {
    for (x, y) in [(7, 3), (-7, 3), (10, 4)] {
        let native = core::float_rem(x, y);
        assert_eq!(jitcode("float_rem", &[x, y], &[]), native, "{x} % {y}");
    }
}
