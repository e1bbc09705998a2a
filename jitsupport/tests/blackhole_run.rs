//! The blackhole interpreter on hand-written jitcode: every arithmetic and comparison
//! instruction against Rust's own operators, branches, loops, switch, overflow, memory
//! through descrs on real `#[repr(C)]` structs and `jitsupport::List`, inline and residual
//! calls, `new`, `panic`, and resuming at a `-live-` point.

use jitsupport::blackhole::{Args, Blackhole, Exit, Value};
use jitsupport::jitcode::{parse, JitCodes, Shim};
use jitsupport::List;
use std::mem::offset_of;

fn load(text: &str) -> JitCodes {
    match parse(text) {
        Ok(codes) => codes,
        Err(errors) => panic!("bad test jitcode: {errors:?}\n{text}"),
    }
}

/// Runs the jitcode named `name` from its start.
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

const SAMPLES: [i64; 9] = [0, 1, -1, 7, -13, 255, i64::MAX, i64::MIN, 0x1234_5678_9abc];

#[test]
fn int_binary_ops_match_rust() {
    type Op = fn(i64, i64) -> i64;
    let ops: &[(&str, Op)] = &[
        ("int_add", |a, b| a.wrapping_add(b)),
        ("int_sub", |a, b| a.wrapping_sub(b)),
        ("int_mul", |a, b| a.wrapping_mul(b)),
        ("int_and", |a, b| a & b),
        ("int_or", |a, b| a | b),
        ("int_xor", |a, b| a ^ b),
        ("int_lshift", |a, b| a.wrapping_shl(b as u32)),
        ("int_rshift", |a, b| a.wrapping_shr(b as u32)),
        ("uint_rshift", |a, b| {
            (a as u64).wrapping_shr(b as u32) as i64
        }),
        ("int_lt", |a, b| (a < b) as i64),
        ("int_le", |a, b| (a <= b) as i64),
        ("int_gt", |a, b| (a > b) as i64),
        ("int_ge", |a, b| (a >= b) as i64),
        ("int_eq", |a, b| (a == b) as i64),
        ("int_ne", |a, b| (a != b) as i64),
        ("uint_lt", |a, b| ((a as u64) < (b as u64)) as i64),
        ("uint_le", |a, b| ((a as u64) <= (b as u64)) as i64),
        ("uint_gt", |a, b| ((a as u64) > (b as u64)) as i64),
        ("uint_ge", |a, b| ((a as u64) >= (b as u64)) as i64),
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
}

#[test]
fn division_truncates_like_rust() {
    type Op = fn(i64, i64) -> i64;
    let ops: &[(&str, Op)] = &[
        ("int_floordiv", |a, b| a.wrapping_div(b)),
        ("int_mod", |a, b| a.wrapping_rem(b)),
        ("uint_floordiv", |a, b| ((a as u64) / (b as u64)) as i64),
        ("uint_mod", |a, b| ((a as u64) % (b as u64)) as i64),
    ];
    for (name, op) in ops {
        let codes = load(&format!(
            "jitcode \"f\" i=3 r=0 f=0\n    {name} %i0, %i1 -> %i2\n    int_return %i2\n"
        ));
        for a in SAMPLES {
            for b in SAMPLES.into_iter().filter(|b| *b != 0) {
                assert_eq!(
                    call_int(&codes, "f", Args::ints(&[a, b])),
                    op(a, b),
                    "{name} {a} {b}"
                );
            }
        }
    }
    let codes =
        load("jitcode \"f\" i=2 r=0 f=0\n    int_floordiv $-7, $2 -> %i1\n    int_return %i1\n");
    assert_eq!(call_int(&codes, "f", Args::default()), -3);
}

#[test]
fn unary_ops_and_signext() {
    type Op = fn(i64) -> i64;
    let ops: &[(&str, Op)] = &[
        ("int_neg", |a| a.wrapping_neg()),
        ("int_invert", |a| !a),
        ("int_is_zero", |a| (a == 0) as i64),
        ("int_is_true", |a| (a != 0) as i64),
        ("int_copy", |a| a),
    ];
    for (name, op) in ops {
        let codes = load(&format!(
            "jitcode \"f\" i=2 r=0 f=0\n    {name} %i0 -> %i1\n    int_return %i1\n"
        ));
        for a in SAMPLES {
            assert_eq!(call_int(&codes, "f", Args::ints(&[a])), op(a), "{name} {a}");
        }
    }
    // u8 arithmetic: 200 + 100 wraps to 44; as i8 it is 44, and 200 as i8 is -56.
    let codes = load(
        "jitcode \"f\" i=3 r=0 f=0\n    int_add %i0, %i1 -> %i2\n    int_signext %i2, $1 -> %i2\n    int_return %i2\n",
    );
    assert_eq!(call_int(&codes, "f", Args::ints(&[200, 100])), 44);
    assert_eq!(call_int(&codes, "f", Args::ints(&[200, 0])), -56);
    for (bytes, a, expected) in [(2, 0x1_8000, -0x8000), (4, 0xffff_ffff, -1), (8, -5, -5)] {
        let codes = load(&format!(
            "jitcode \"f\" i=2 r=0 f=0\n    int_signext %i0, ${bytes} -> %i1\n    int_return %i1\n"
        ));
        assert_eq!(call_int(&codes, "f", Args::ints(&[a])), expected);
    }
}

#[test]
fn float_ops_and_casts() {
    type FloatOp = fn(f64, f64) -> f64;
    let binops: &[(&str, FloatOp)] = &[
        ("float_add", |a, b| a + b),
        ("float_sub", |a, b| a - b),
        ("float_mul", |a, b| a * b),
        ("float_truediv", |a, b| a / b),
    ];
    let samples = [0.0, -0.5, 1.5, 1e300, f64::INFINITY, f64::NAN];
    for (name, op) in binops {
        let codes = load(&format!(
            "jitcode \"f\" i=0 r=0 f=3\n    {name} %f0, %f1 -> %f2\n    float_return %f2\n"
        ));
        for a in samples {
            for b in samples {
                let Value::Float(v) = call(&codes, "f", Args::new(&[], &[], &[a, b])) else {
                    panic!("{name}: not a float");
                };
                assert_eq!(v.to_bits(), op(a, b).to_bits(), "{name} {a} {b}");
            }
        }
    }
    type FloatCmp = fn(f64, f64) -> bool;
    let cmps: &[(&str, FloatCmp)] = &[
        ("float_lt", |a, b| a < b),
        ("float_le", |a, b| a <= b),
        ("float_gt", |a, b| a > b),
        ("float_ge", |a, b| a >= b),
        ("float_eq", |a, b| a == b),
        ("float_ne", |a, b| a != b),
    ];
    for (name, op) in cmps {
        let codes = load(&format!(
            "jitcode \"f\" i=1 r=0 f=2\n    {name} %f0, %f1 -> %i0\n    int_return %i0\n"
        ));
        let branch = load(&format!(
            "jitcode \"f\" i=0 r=0 f=2\n    goto_if_not_{name} %f0, %f1, L1\n    int_return $1\nL1:\n    int_return $0\n"
        ));
        for a in samples {
            for b in samples {
                let args = Args::new(&[], &[], &[a, b]);
                assert_eq!(
                    call_int(&codes, "f", args.clone()),
                    op(a, b) as i64,
                    "{name} {a} {b}"
                );
                assert_eq!(
                    call_int(&branch, "f", args),
                    op(a, b) as i64,
                    "goto_if_not_{name} {a} {b}"
                );
            }
        }
    }
    let codes = load(
        "jitcode \"f\" i=2 r=0 f=2\n    float_neg %f0 -> %f1\n    float_abs %f1 -> %f1\n    float_sqrt %f1 -> %f1\n    cast_float_to_int %f1 -> %i1\n    int_return %i1\n",
    );
    assert_eq!(call_int(&codes, "f", Args::new(&[], &[], &[144.0])), 12);
    let codes =
        load("jitcode \"f\" i=1 r=0 f=1\n    cast_float_to_int %f0 -> %i0\n    int_return %i0\n");
    for x in [1e30, -1e30, f64::NAN, -7.9] {
        assert_eq!(
            call_int(&codes, "f", Args::new(&[], &[], &[x])),
            x as i64,
            "{x}"
        );
    }
    let codes =
        load("jitcode \"f\" i=1 r=0 f=1\n    cast_float_to_uint %f0 -> %i0\n    int_return %i0\n");
    assert_eq!(call_int(&codes, "f", Args::new(&[], &[], &[-3.0])), 0);
    let codes = load(
        "jitcode \"f\" i=1 r=0 f=1\n    cast_uint_to_float %i0 -> %f0\n    float_return %f0\n",
    );
    assert_eq!(
        call(&codes, "f", Args::ints(&[-1])),
        Value::Float(u64::MAX as f64)
    );
    let codes =
        load("jitcode \"f\" i=1 r=0 f=1\n    cast_int_to_float %i0 -> %f0\n    float_return %f0\n");
    assert_eq!(call(&codes, "f", Args::ints(&[-1])), Value::Float(-1.0));
}

/// Sums `0..n` with a fused compare-and-branch loop.
const SUM_LOOP: &str = "
jitcode \"sum\" i=3 r=0 f=0
    int_copy $0 -> %i1
    int_copy $0 -> %i2
L1:
    -live- %i0, %i1, %i2
    goto_if_not_int_lt %i2, %i0, L2
    int_add %i1, %i2 -> %i1
    int_add %i2, $1 -> %i2
    goto L1
L2:
    int_return %i1
";

#[test]
fn fused_branch_loop() {
    let codes = load(SUM_LOOP);
    assert_eq!(call_int(&codes, "sum", Args::ints(&[10])), 45);
    assert_eq!(
        call_int(&codes, "sum", Args::ints(&[100_000])),
        4_999_950_000
    );
    assert_eq!(call_int(&codes, "sum", Args::ints(&[-5])), 0);
}

#[test]
fn other_fused_branches() {
    type IntCmp = fn(i64, i64) -> bool;
    let cases: &[(&str, &str, IntCmp)] = &[
        ("goto_if_not_int_le", "%i0, %i1", |a, b| a <= b),
        ("goto_if_not_int_gt", "%i0, %i1", |a, b| a > b),
        ("goto_if_not_int_ge", "%i0, %i1", |a, b| a >= b),
        ("goto_if_not_int_eq", "%i0, %i1", |a, b| a == b),
        ("goto_if_not_int_ne", "%i0, %i1", |a, b| a != b),
        ("goto_if_not_uint_lt", "%i0, %i1", |a, b| {
            (a as u64) < (b as u64)
        }),
        ("goto_if_not_uint_le", "%i0, %i1", |a, b| {
            (a as u64) <= (b as u64)
        }),
        ("goto_if_not_uint_gt", "%i0, %i1", |a, b| {
            (a as u64) > (b as u64)
        }),
        ("goto_if_not_uint_ge", "%i0, %i1", |a, b| {
            (a as u64) >= (b as u64)
        }),
        ("goto_if_not", "%i0", |a, _| a != 0),
        ("goto_if_not_int_is_true", "%i0", |a, _| a != 0),
        ("goto_if_not_int_is_zero", "%i0", |a, _| a == 0),
    ];
    for (name, operands, cond) in cases {
        let codes = load(&format!(
            "jitcode \"f\" i=2 r=0 f=0\n    {name} {operands}, L1\n    int_return $1\nL1:\n    int_return $0\n"
        ));
        for a in [-1, 0, 1, 5] {
            for b in [-1, 0, 1, 5] {
                assert_eq!(
                    call_int(&codes, "f", Args::ints(&[a, b])),
                    cond(a, b) as i64,
                    "{name} {a} {b}"
                );
            }
        }
    }
}

#[test]
fn switch_and_fallthrough() {
    let codes = load(
        "jitcode \"f\" i=1 r=0 f=0
    switch %i0, <Switch 1:L1, 7:L2, -3:L1>
    int_return $0
L1:
    int_return $100
L2:
    int_return $700
",
    );
    let results: Vec<i64> = [1, 7, -3, 2]
        .iter()
        .map(|v| call_int(&codes, "f", Args::ints(&[*v])))
        .collect();
    assert_eq!(results, [100, 700, 100, 0]);
}

#[test]
fn overflow_branches() {
    for (op, a, b, plain) in [
        ("int_add_ovf", i64::MAX, 1, 23),
        ("int_sub_ovf", i64::MIN, 1, 17),
        ("int_mul_ovf", i64::MAX / 2, 3, 60),
    ] {
        let codes = load(&format!(
            "jitcode \"f\" i=3 r=0 f=0\n    {op} %i0, %i1, L1 -> %i2\n    int_return %i2\nL1:\n    int_return $-1\n"
        ));
        assert_eq!(
            call_int(&codes, "f", Args::ints(&[a, b])),
            -1,
            "{op} overflows"
        );
        assert_eq!(call_int(&codes, "f", Args::ints(&[20, 3])), plain, "{op}");
    }
}

#[repr(C)]
struct Point {
    x: i64,
    tag: u8,
    delta: i16,
    next: *const Point,
    weight: f64,
    small: f32,
}

fn field_descr(name: &str, offset: usize, ty: &str) -> String {
    format!("<Field \"Point.{name}\" +{offset} {ty}>")
}

#[test]
fn fields_of_a_repr_c_struct() {
    let x = field_descr("x", offset_of!(Point, x), "i64");
    let tag = field_descr("tag", offset_of!(Point, tag), "u8");
    let delta = field_descr("delta", offset_of!(Point, delta), "i16");
    let next = field_descr("next", offset_of!(Point, next), "ref");
    let weight = field_descr("weight", offset_of!(Point, weight), "f64");
    let small = field_descr("small", offset_of!(Point, small), "f32");
    // Returns p.next.x + p.tag + p.delta + (p.weight * p.small) as i64, after setting
    // p.tag = 300 (truncated to 44), p.delta = -2 and p.next.x += 1.
    let codes = load(&format!(
        "jitcode \"f\" i=6 r=2 f=2
    setfield_gc_i %r0, $300, {tag}
    setfield_gc_i %r0, $-2, {delta}
    getfield_gc_r %r0, {next} -> %r1
    getfield_gc_i %r1, {x} -> %i0
    int_add %i0, $1 -> %i0
    setfield_gc_i %r1, %i0, {x}
    getfield_gc_i %r0, {tag} -> %i1
    getfield_gc_i %r0, {delta} -> %i2
    getfield_gc_f %r0, {weight} -> %f0
    getfield_gc_f %r0, {small} -> %f1
    float_mul %f0, %f1 -> %f0
    setfield_gc_f %r0, %f0, {small}
    cast_float_to_int %f0 -> %i3
    int_add %i0, %i1 -> %i0
    int_add %i0, %i2 -> %i0
    int_add %i0, %i3 -> %i0
    int_return %i0
"
    ));
    let mut q = Point {
        x: 1000,
        tag: 0,
        delta: 0,
        next: std::ptr::null(),
        weight: 0.0,
        small: 0.0,
    };
    let mut p = Point {
        x: 0,
        tag: 1,
        delta: 5,
        next: &mut q,
        weight: 2.5,
        small: 4.0,
    };
    let result = call_int(
        &codes,
        "f",
        Args::new(&[], &[&mut p as *mut Point as usize], &[]),
    );
    assert_eq!(result, 1001 + 44 - 2 + 10);
    assert_eq!((p.tag, p.delta, p.small), (44, -2, 10.0));
    assert_eq!(q.x, 1001);
}

#[test]
fn list_items_through_the_items_pointer() {
    // Sums the list, then doubles every item: `getfield_gc_i` reads the items pointer as
    // a raw address, `getarrayitem_raw_i` and `setarrayitem_raw_i` index it.
    let items = format!(
        "<Field \"List<i32>.items\" +{} u64>",
        List::<i32>::OFFSET_OF_ITEMS
    );
    let len = format!(
        "<Field \"List<i32>.len\" +{} u64>",
        List::<i32>::OFFSET_OF_LEN
    );
    let codes = load(&format!(
        "jitcode \"sum_and_double\" i=6 r=1 f=0
    getfield_gc_i %r0, {items} -> %i0
    getfield_gc_i %r0, {len} -> %i1
    int_copy $0 -> %i2
    int_copy $0 -> %i3
L1:
    goto_if_not_int_lt %i3, %i1, L2
    getarrayitem_raw_i %i0, %i3, <Array \"[i32]\" +0 i32> -> %i4
    int_add %i2, %i4 -> %i2
    int_mul %i4, $2 -> %i4
    setarrayitem_raw_i %i0, %i3, %i4, <Array \"[i32]\" +0 i32>
    int_add %i3, $1 -> %i3
    goto L1
L2:
    int_return %i2
"
    ));
    let mut list: List<i32> = List::from(vec![3, -4, 10, i32::MAX]);
    let sum = call_int(
        &codes,
        "sum_and_double",
        Args::new(&[], &[&mut list as *mut List<i32> as usize], &[]),
    );
    assert_eq!(sum, 3 - 4 + 10 + i32::MAX as i64);
    assert_eq!(list.as_slice(), &[6, -8, 20, i32::MAX.wrapping_mul(2)]);
}

#[test]
fn gc_array_items_and_refs() {
    // An array of refs at base 8 inside an object (a header word first).
    #[repr(C)]
    struct Table {
        header: i64,
        slots: [*const Point; 3],
    }
    let x = field_descr("x", offset_of!(Point, x), "i64");
    let slots = format!("<Array \"Table.slots\" +{} ref>", offset_of!(Table, slots));
    let codes = load(&format!(
        "jitcode \"f\" i=2 r=3 f=0
    getarrayitem_gc_r %r0, $2, {slots} -> %r1
    setarrayitem_gc_r %r0, $0, %r1, {slots}
    getarrayitem_gc_r %r0, $0, {slots} -> %r2
    getfield_gc_i %r2, {x} -> %i0
    int_return %i0
"
    ));
    let p = Point {
        x: 77,
        tag: 0,
        delta: 0,
        next: std::ptr::null(),
        weight: 0.0,
        small: 0.0,
    };
    let mut table = Table {
        header: 0,
        slots: [std::ptr::null(), std::ptr::null(), &p],
    };
    assert_eq!(
        call_int(
            &codes,
            "f",
            Args::new(&[], &[&mut table as *mut Table as usize], &[])
        ),
        77
    );
    assert_eq!(table.slots[0], &p as *const Point);
    assert_eq!(table.header, 0);
}

#[test]
fn new_allocates_zeroed_objects() {
    let x = field_descr("x", offset_of!(Point, x), "i64");
    let weight = field_descr("weight", offset_of!(Point, weight), "f64");
    let codes = load(&format!(
        "jitcode \"f\" i=2 r=1 f=1
    new <Size \"Point\" {}> -> %r0
    getfield_gc_f %r0, {weight} -> %f0
    cast_float_to_int %f0 -> %i1
    setfield_gc_i %r0, $41, {x}
    getfield_gc_i %r0, {x} -> %i0
    int_add %i0, %i1 -> %i0
    int_return %i0
",
        std::mem::size_of::<Point>()
    ));
    assert_eq!(call_int(&codes, "f", Args::default()), 41);
}

#[test]
fn inline_calls_pass_arguments_by_kind() {
    let codes = load(
        "jitcode \"main\" i=3 r=1 f=1
    inline_call_irf_i <JitCode \"mix\">, [%i0, $10], [%r0], [$0.5] -> %i1
    inline_call_ir_i <JitCode \"sum\">, [%i1], [] -> %i2
    int_return %i2

jitcode \"mix\" i=2 r=1 f=2
    int_mul %i0, %i1 -> %i0
    cast_int_to_float %i0 -> %f1
    float_mul %f1, %f0 -> %f1
    cast_float_to_int %f1 -> %i0
    int_return %i0
",
    );
    let mut codes = codes;
    let sum = load(SUM_LOOP).jitcodes[0].clone();
    codes.set_jitcode(sum);
    // mix(4, 10, 0.5) = 20; sum(20) = 190.
    assert_eq!(call_int(&codes, "main", Args::new(&[4], &[0], &[])), 190);
}

/// A residual function and its shim, as the macro will generate them.
fn weighted(a: i64, p: &Point, b: i64, scale: f64) -> f64 {
    (a + p.x - b) as f64 * scale
}

unsafe extern "C-unwind" fn weighted_shim(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    result: *mut u64,
) {
    let p = &*(*refs as *const Point);
    let v = weighted(*ints, p, *ints.add(1), *floats);
    *result = v.to_bits();
}

unsafe extern "C-unwind" fn count_shim(
    _ints: *const i64,
    refs: *const usize,
    _floats: *const f64,
    result: *mut u64,
) {
    let p = &mut *(*refs as *mut Point);
    p.x += 1;
    *result = p.x as u64;
}

unsafe extern "C-unwind" fn fail_shim(_: *const i64, _: *const usize, _: *const f64, _: *mut u64) {
    panic!("residual failure");
}

#[test]
fn residual_calls_go_through_shims() {
    let mut codes = load(
        "jitcode \"f\" i=3 r=1 f=1
    residual_call_irf_f <Fn \"weighted\">, [%i0, $5], [%r0], [$0.5], <Call \"weighted\" (i, r, i, f) -> f elidable> -> %f0
    residual_call_r_i <Fn \"count\">, [%r0], <Call \"count\" (r) -> i> -> %i1
    residual_call_r_v <Fn \"count\">, [%r0], <Call \"count\" (r) -> i>
    cast_float_to_int %f0 -> %i2
    int_mul %i1, $1000 -> %i1
    int_add %i1, %i2 -> %i1
    int_return %i1
",
    );
    codes.add_function("weighted", Some(weighted_shim as Shim));
    codes.add_function("count", Some(count_shim as Shim));
    let mut p = Point {
        x: 7,
        tag: 0,
        delta: 0,
        next: std::ptr::null(),
        weight: 0.0,
        small: 0.0,
    };
    let r = call_int(
        &codes,
        "f",
        Args::new(&[100], &[&mut p as *mut Point as usize], &[]),
    );
    // weighted(100, p, 5, 0.5) = 51; count gives 8, then p.x is 9.
    assert_eq!(r, 8 * 1000 + 51);
    assert_eq!(p.x, 9);
}

#[test]
#[should_panic(expected = "residual failure")]
fn panics_unwind_through_shims() {
    let mut codes = load("jitcode \"f\" i=0 r=0 f=0\n    residual_call_r_v <Fn \"fail\">, [], <Call \"fail\" () -> void can_panic>\n    void_return\n");
    codes.add_function("fail", Some(fail_shim as Shim));
    call(&codes, "f", Args::default());
}

#[test]
#[should_panic(expected = "attempt to pop from an empty stack")]
fn panic_instruction_panics_with_its_message() {
    let codes = load(
        "jitcode \"f\" i=1 r=0 f=0\n    goto_if_not %i0, L1\n    void_return\nL1:\n    panic $\"attempt to pop from an empty stack\"\n",
    );
    assert_eq!(call(&codes, "f", Args::ints(&[1])), Value::Void);
    call(&codes, "f", Args::ints(&[0]));
}

#[test]
fn push_pop_swaps_registers() {
    let codes = load(
        "jitcode \"f\" i=2 r=0 f=0
    int_push %i0
    int_copy %i1 -> %i0
    int_pop -> %i1
    int_mul %i1, $10 -> %i1
    int_add %i0, %i1 -> %i0
    int_return %i0
",
    );
    assert_eq!(call_int(&codes, "f", Args::ints(&[3, 4])), 34);
}

#[test]
fn resume_at_a_live_point() {
    let codes = load(SUM_LOOP);
    let jc = &codes.jitcodes[0];
    // The `-live-` is after two three-byte copies.
    let pc = 6;
    let live = jc.liveness_at(pc).expect("the loop's -live-");
    assert_eq!(&*live.ints, &[0, 1, 2]);
    // As if a guard failed at i = 5 with the sum so far 10, n = 10: 10 + 5 + ... + 9 = 45.
    let exit = unsafe { Blackhole::new(&codes).resume(0, pc, &Args::ints(&[10, 10, 5]), true) };
    assert_eq!(exit, Exit::Return(Value::Int(45)));
}

#[test]
fn resume_stops_at_the_next_merge_point() {
    let codes = load(
        "jitcode \"portal\" i=3 r=1 f=0
L1:
    -live- %i0, %i1, %r0
    jit_merge_point $0, [%i0], [%r0], [], [%i1], [], []
    goto_if_not_int_lt %i0, $5, L2
    int_add %i1, %i0 -> %i1
    int_add %i0, $1 -> %i0
    -live- %i0, %i1, %r0
    loop_header $0
    can_enter_jit $0, [%i0], [%r0], [], [%i1], [], []
    goto L1
L2:
    int_return %i1
",
    );
    let bh = Blackhole::new(&codes);
    // From the start, merge points pass through: 0 + 1 + 2 + 3 + 4 = 10.
    assert_eq!(
        unsafe { bh.call(0, &Args::new(&[0, 0], &[0x1000], &[])) },
        Value::Int(10)
    );
    // Resuming after the increment (the second `-live-`) stops at the merge point.
    let second_live = jitsupport::jitcode::decode::decode_all(&codes.jitcodes[0].code)
        .expect("decodes")
        .iter()
        .filter(|i| i.opcode == jitsupport::jitcode::Opcode::Live)
        .nth(1)
        .expect("two -live-")
        .pc;
    let exit = unsafe { bh.resume(0, second_live, &Args::new(&[3, 6], &[0x1000], &[]), true) };
    assert_eq!(
        exit,
        Exit::MergePoint {
            driver: 0,
            greens: Args::new(&[3], &[0x1000], &[]),
            reds: Args::ints(&[6])
        }
    );
}
