//! The blackhole interpreter on the instructions the codewriter added to the table:
//! unsigned overflow branches and overflow flags, `int_abs`/`min`/`max`, `float_min`/`max`,
//! `getsubstruct_gc`, `getarraysubstruct_*`, `memcopy`, and the result slots of calls
//! with several results (inline, and residual through a shim).

use jitsupport::blackhole::{Args, Blackhole, Value};
use jitsupport::jitcode::{parse, JitCodes, Shim};
use std::mem::{offset_of, size_of};

fn load(text: &str) -> JitCodes {
    match parse(text) {
        Ok(codes) => codes,
        Err(errors) => panic!("bad test jitcode: {errors:?}\n{text}"),
    }
}

fn call(codes: &JitCodes, name: &str, args: Args) -> Value {
    let index = codes.jitcode_index(name).expect("a jitcode of that name");
    // Safety: the test jitcodes only touch memory the tests pass to them.
    unsafe { Blackhole::new(codes).call(index, &args) }
}

fn call_int(codes: &JitCodes, name: &str, args: Args) -> i64 {
    match call(codes, name, args) {
        Value::Int(v) => v,
        other => panic!("expected an int, got {other:?}"),
    }
}

const SAMPLES: [i64; 8] = [0, 1, -1, 7, -13, i64::MAX, i64::MIN, 0x1234_5678_9abc];

#[test]
fn unsigned_overflow_branches() {
    type Op = fn(u64, u64) -> Option<u64>;
    let ops: &[(&str, Op)] = &[
        ("uint_add_ovf", u64::checked_add),
        ("uint_sub_ovf", u64::checked_sub),
        ("uint_mul_ovf", u64::checked_mul),
    ];
    for (name, op) in ops {
        let codes = load(&format!(
            "jitcode \"f\" i=3 r=0 f=0\n    {name} %i0, %i1, L1 -> %i2\n    int_return %i2\nL1:\n    int_return $-7\n"
        ));
        for a in SAMPLES {
            for b in SAMPLES {
                let want = op(a as u64, b as u64).map_or(-7, |v| v as i64);
                assert_eq!(
                    call_int(&codes, "f", Args::ints(&[a, b])),
                    want,
                    "{name} {a} {b}"
                );
            }
        }
    }
}

#[test]
fn overflow_flags_and_min_max() {
    type Op = fn(i64, i64) -> i64;
    let ops: &[(&str, Op)] = &[
        ("int_add_overflows", |a, b| {
            a.checked_add(b).is_none() as i64
        }),
        ("int_sub_overflows", |a, b| {
            a.checked_sub(b).is_none() as i64
        }),
        ("int_mul_overflows", |a, b| {
            a.checked_mul(b).is_none() as i64
        }),
        ("uint_add_overflows", |a, b| {
            (a as u64).checked_add(b as u64).is_none() as i64
        }),
        ("uint_sub_overflows", |a, b| {
            (a as u64).checked_sub(b as u64).is_none() as i64
        }),
        ("uint_mul_overflows", |a, b| {
            (a as u64).checked_mul(b as u64).is_none() as i64
        }),
        ("int_min", |a, b| a.min(b)),
        ("int_max", |a, b| a.max(b)),
        ("uint_min", |a, b| (a as u64).min(b as u64) as i64),
        ("uint_max", |a, b| (a as u64).max(b as u64) as i64),
    ];
    for (name, op) in ops {
        let codes = load(&format!(
            "jitcode \"f\" i=3 r=0 f=0\n    {name} %i0, %i1 -> %i2\n    int_return %i2\n"
        ));
        for a in SAMPLES {
            for b in SAMPLES {
                assert_eq!(
                    call_int(&codes, "f", Args::ints(&[a, b])),
                    op(a, b),
                    "{name} {a} {b}"
                );
            }
        }
    }
    let codes = load("jitcode \"f\" i=2 r=0 f=0\n    int_abs %i0 -> %i1\n    int_return %i1\n");
    for a in SAMPLES {
        assert_eq!(
            call_int(&codes, "f", Args::ints(&[a])),
            a.wrapping_abs(),
            "int_abs {a}"
        );
    }
}

#[test]
fn float_min_max() {
    let samples = [0.0, -0.5, 3.25, f64::INFINITY, f64::NEG_INFINITY, f64::NAN];
    for (name, op) in [
        ("float_min", f64::min as fn(f64, f64) -> f64),
        ("float_max", f64::max),
    ] {
        let codes = load(&format!(
            "jitcode \"f\" i=0 r=0 f=3\n    {name} %f0, %f1 -> %f2\n    float_return %f2\n"
        ));
        for a in samples {
            for b in samples {
                let Value::Float(got) = call(&codes, "f", Args::new(&[], &[], &[a, b])) else {
                    panic!("expected a float");
                };
                let want = op(a, b);
                assert!(
                    got == want || (got.is_nan() && want.is_nan()),
                    "{name} {a} {b}"
                );
            }
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
struct Inner {
    a: i64,
    b: u16,
}

#[repr(C)]
struct Outer {
    tag: u8,
    inner: Inner,
    items: [Inner; 3],
}

#[test]
fn substructs_and_memcopy() {
    let inner = format!("<Field \"Outer.inner\" +{} ref>", offset_of!(Outer, inner));
    let items = format!("<Field \"Outer.items\" +{} ref>", offset_of!(Outer, items));
    let a = format!("<Field \"Inner.a\" +{} i64>", offset_of!(Inner, a));
    let b = format!("<Field \"Inner.b\" +{} u16>", offset_of!(Inner, b));
    let array = format!("<Array \"Inner\" +0 ref:{}>", size_of::<Inner>());
    let size = format!("<Size \"Inner\" {}>", size_of::<Inner>());
    assert!(size_of::<Inner>() < 256);
    // Copies items[2] into `inner`, then returns inner.a * 10 + items[1].b.
    let text = format!(
        "jitcode \"f\" i=2 r=4 f=0
    getsubstruct_gc %r0, {inner} -> %r1
    getsubstruct_gc %r0, {items} -> %r2
    getarraysubstruct_gc %r2, $2, {array} -> %r3
    memcopy %r1, %r3, {size}
    getfield_gc_i %r1, {a} -> %i0
    int_mul %i0, $10 -> %i0
    getarraysubstruct_gc %r2, $1, {array} -> %r3
    getfield_gc_i %r3, {b} -> %i1
    int_add %i0, %i1 -> %i0
    int_return %i0
"
    );
    let codes = load(&text);
    let mut o = Outer {
        tag: 1,
        inner: Inner { a: 0, b: 0 },
        items: [
            Inner { a: 1, b: 10 },
            Inner { a: 2, b: 20 },
            Inner { a: 3, b: 30 },
        ],
    };
    let r = call_int(
        &codes,
        "f",
        Args::new(&[], &[&mut o as *mut Outer as usize], &[]),
    );
    assert_eq!(r, 3 * 10 + 20);
    assert_eq!(o.inner, Inner { a: 3, b: 30 });
    assert_eq!(o.tag, 1);

    // The raw form indexes from an address held in an int register.
    let raw = load(&format!(
        "jitcode \"g\" i=2 r=1 f=0
    getarraysubstruct_raw %i0, %i1, {array} -> %r0
    getfield_gc_i %r0, {a} -> %i0
    int_return %i0
"
    ));
    let base = o.items.as_ptr() as i64;
    assert_eq!(call_int(&raw, "g", Args::ints(&[base, 1])), 2);
}

/// `(x / 2, x as f64 * 0.5, x < 0)` into result slots 0, 1, 2.
unsafe extern "C-unwind" fn split_shim(
    ints: *const i64,
    _: *const usize,
    _: *const f64,
    result: *mut u64,
) {
    let x = *ints;
    *result = (x / 2) as u64;
    *result.add(1) = (x as f64 * 0.5).to_bits();
    *result.add(2) = (x < 0) as u64;
}

#[test]
fn several_results_through_slots() {
    let mut codes = load(
        "jitcode \"divmod\" i=2 r=0 f=0
    int_floordiv %i0, %i1 -> %i2
    int_mod %i0, %i1 -> %i3
    int_set_result $0, %i2
    int_set_result $1, %i3
    void_return

jitcode \"f\" i=4 r=0 f=1
    inline_call_ir_v <JitCode \"divmod\">, [%i0, %i1], []
    int_get_result $0 -> %i2
    int_get_result $1 -> %i3
    int_mul %i2, $1000 -> %i2
    int_add %i2, %i3 -> %i2
    residual_call_ir_v <Fn \"split\">, [%i0], [], <Call \"split\" (i) -> void elidable>
    int_get_result $0 -> %i0
    float_get_result $1 -> %f0
    int_get_result $2 -> %i1
    cast_float_to_int %f0 -> %i3
    int_add %i2, %i0 -> %i2
    int_mul %i3, $100 -> %i3
    int_add %i2, %i3 -> %i2
    int_mul %i1, $7 -> %i1
    int_add %i2, %i1 -> %i2
    int_return %i2
",
    );
    codes.add_function("split", Some(split_shim as Shim));
    for (a, b) in [(17, 5), (-17, 5), (100, 7)] {
        let want =
            (a / b) * 1000 + a % b + a / 2 + ((a as f64 * 0.5) as i64) * 100 + 7 * (a < 0) as i64;
        assert_eq!(call_int(&codes, "f", Args::ints(&[a, b])), want, "{a} {b}");
    }
}
