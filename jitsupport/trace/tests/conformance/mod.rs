//! The conformance suite every backend runs (PyPy `backend/test/runner_test.py`).
//!
//! Each test is a function generic over `impl Backend`; [`conformance_tests!`] makes one
//! `#[test]` per function for a backend constructor expression:
//!
//! ```ignore
//! #[path = "../../trace/tests/conformance/mod.rs"]
//! mod conformance;
//! conformance::conformance_tests!(X86Backend::new());
//! ```

#![allow(dead_code)]

mod random;

use jitsupport_trace::backend::Invalidation;
use jitsupport_trace::backend::{raise_exception, Backend, DeadFrame, Exit, Word};
use jitsupport_trace::*;
use std::mem::offset_of;
use std::rc::Rc;

/// One `#[test]` per conformance test, each on a fresh backend built by `$new`.
#[macro_export]
macro_rules! conformance_tests {
    ($new:expr) => {
        $crate::conformance_tests!(@each $new;
            int_arithmetic, int_comparisons, float_ops, overflow_guards, guard_true_false,
            guard_value, guard_null_and_class, guard_no_exception, guard_not_invalidated,
            invalidated_while_running, call_assembler_calls_its_runner,
            loop_with_label, jump_without_descr, bridge_back_to_loop, bridge_of_bridge,
            bridge_into_other_loop, fields_of_repr_c_struct, arrays, raw_memory, allocation,
            calls, finish_descr, constants_in_fail_args, compile_errors, random_loops,
            float_arrays, other_calls, loop_jumps_to_other_loop, free_loop_with_bridges,
            exception_in_bridge, jump_permutes_many_arguments, many_values_live_across_calls,
            comparisons_read_twice, comparison_guarded_after_loads_and_stores,
            floats_live_across_calls, jump_permutes_many_float_arguments,
            float_comparisons_read_twice, allocations_with_every_register_live,
            jump_permutes_arguments_through_slots, bridge_permutes_label_arguments,
            float_equality_guards_with_nan, float_sign_ops_on_bits, floats_reloaded_after_calls,
            masks_of_low_bytes_and_words);
    };
    (@each $new:expr; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let mut backend = $new;
                conformance::$name(&mut backend);
            }
        )*
    };
}
pub use conformance_tests;

/// The random-trace fuzzer over a fixed range of seeds; `PYRITE_FUZZ_SEEDS=N` runs N.
pub fn random_loops(backend: &mut impl Backend) {
    let n = std::env::var("PYRITE_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    random::random_loops(backend, 0..n);
}

// ---------------------------------------------------------------- helpers

/// The descrs and constants of the suite.
fn table() -> DescrTable {
    let mut t = DescrTable::new();
    t.add_field(FieldDescr::word("Point.x", offset_of!(Point, x), Kind::Int));
    t.add_field(FieldDescr::word(
        "Point.y",
        offset_of!(Point, y),
        Kind::Float,
    ));
    t.add_field(FieldDescr::word(
        "Point.next",
        offset_of!(Point, next),
        Kind::Ref,
    ));
    t.add_field(FieldDescr {
        size: 1,
        signed: false,
        ..FieldDescr::word("Point.tag", offset_of!(Point, tag), Kind::Int)
    });
    t.add_field(FieldDescr {
        size: 2,
        signed: true,
        ..FieldDescr::word("Point.small", offset_of!(Point, small), Kind::Int)
    });
    t.add_field(FieldDescr {
        size: 4,
        signed: true,
        ..FieldDescr::word("Point.mid", offset_of!(Point, mid), Kind::Int)
    });
    t.add_field(FieldDescr {
        size: 4,
        ..FieldDescr::word("Point.single", offset_of!(Point, single), Kind::Float)
    });
    t.add_array(ArrayDescr {
        name: "Point.arr".to_string(),
        base: offset_of!(Point, arr),
        item_size: 4,
        signed: true,
        kind: Kind::Int,
        length_offset: None,
        immutable: false,
        type_id: None,
        maybe_ref: false,
    });
    t.add_array(ArrayDescr {
        name: "IntArray".to_string(),
        base: offset_of!(IntArray, items),
        item_size: 8,
        signed: true,
        kind: Kind::Int,
        length_offset: Some(offset_of!(IntArray, len)),
        immutable: false,
        type_id: None,
        maybe_ref: false,
    });
    t.add_array(ArrayDescr::words("RefArray", Kind::Ref));
    t.add_array(ArrayDescr::words("FloatArray", Kind::Float));
    t.add_array(ArrayDescr {
        name: "Bytes".to_string(),
        base: 0,
        item_size: 1,
        signed: false,
        kind: Kind::Int,
        length_offset: None,
        immutable: false,
        type_id: None,
        maybe_ref: false,
    });
    t.add_size(SizeDescr {
        name: "Point".to_string(),
        size: std::mem::size_of::<Point>(),
        type_id: None,
        fields: Vec::new(),
    });
    t.add_size(SizeDescr {
        name: "Obj".to_string(),
        size: 24,
        type_id: Some(OBJ_CLASS as u32),
        fields: Vec::new(),
    });
    t.add_field(FieldDescr::word("Obj.value", 8, Kind::Int));
    let call = |t: &mut DescrTable, name: &str, args: &[Kind], result: Option<Kind>, f: usize| {
        t.add_call(CallDescr {
            name: name.to_string(),
            arg_kinds: args.to_vec(),
            result,
            effect: EffectInfo::random(),
        });
        t.add_const(name, Value::ConstInt(f as i64));
    };
    use Kind::*;
    call(
        &mut t,
        "sub3",
        &[Int, Int, Int],
        Some(Int),
        sub3 as *const () as usize,
    );
    call(
        &mut t,
        "mixed",
        &[Float, Int, Ref, Int, Float],
        Some(Float),
        mixed as *const () as usize,
    );
    call(
        &mut t,
        "pick",
        &[Ref, Ref, Int],
        Some(Ref),
        pick as *const () as usize,
    );
    call(&mut t, "record", &[Int], None, record as *const () as usize);
    call(
        &mut t,
        "invalidate_at_5",
        &[Int],
        None,
        invalidate_at_5 as *const () as usize,
    );
    call(
        &mut t,
        "clobber_xmm",
        &[Int],
        Some(Int),
        clobber_xmm as *const () as usize,
    );
    call(
        &mut t,
        "fail_if_negative",
        &[Int],
        Some(Int),
        fail_if_negative as *const () as usize,
    );
    t.add_const("OBJ_CLASS", Value::ConstInt(OBJ_CLASS as i64));
    t
}

const OBJ_CLASS: usize = 0x5eed;

fn parse_in(t: &mut DescrTable, text: &str) -> Trace {
    parse(text, t).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Compiles `text` as a loop and runs it on `args`.
fn run(backend: &mut impl Backend, t: &mut DescrTable, text: &str, args: &[Word]) -> DeadFrame {
    let trace = parse_in(t, text);
    let id = backend
        .compile_loop(&trace)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    backend.execute(id, args)
}

fn finish_values(frame: &DeadFrame) -> &[Word] {
    assert!(frame.is_finish(), "expected finish, got {:?}", frame.exit);
    &frame.values
}

fn guard_number(frame: &DeadFrame) -> u32 {
    match &frame.exit {
        Exit::Guard(g) => g.number,
        Exit::Finish(_) => panic!("expected a guard failure, got finish {:?}", frame.values),
    }
}

/// Runs the one-op trace `r = op(a, b)` and returns the result word.
fn binop(backend: &mut impl Backend, op: &str, a: Word, b: Word, kinds: &str) -> Word {
    let k: Vec<char> = kinds.chars().collect();
    let text = format!(
        "[{}0, {}1]\n{}2 = {op}({}0, {}1)\nfinish({}2)\n",
        k[0], k[1], k[2], k[0], k[1], k[2]
    );
    let mut t = table();
    finish_values(&run(backend, &mut t, &text, &[a, b]))[0]
}

fn f(x: f64) -> Word {
    x.to_bits()
}

fn i(x: i64) -> Word {
    x as Word
}

// ---------------------------------------------------------------- arithmetic

pub fn int_arithmetic(backend: &mut impl Backend) {
    let cases: &[(&str, i64, i64, i64)] = &[
        ("int_add", 3, 4, 7),
        ("int_add", i64::MAX, 1, i64::MIN),
        ("int_sub", 3, 10, -7),
        ("int_mul", -6, 7, -42),
        ("int_mul", i64::MAX, 2, -2),
        ("int_floordiv", 7, 2, 3),
        ("int_floordiv", -7, 2, -3),
        ("int_floordiv", 7, -2, -3),
        ("int_mod", 7, 3, 1),
        ("int_mod", -7, 3, -1),
        ("int_mod", 7, -3, 1),
        ("int_and", 0b1100, 0b1010, 0b1000),
        ("int_or", 0b1100, 0b1010, 0b1110),
        ("int_xor", 0b1100, 0b1010, 0b0110),
        ("int_lshift", 3, 4, 48),
        ("int_rshift", -16, 2, -4),
        ("uint_rshift", -16, 60, 15),
        ("uint_floordiv", -2, 2, i64::MAX),
        ("uint_mod", -1, 10, 5),
    ];
    for &(op, a, b, expected) in cases {
        let r = binop(backend, op, i(a), i(b), "iii") as i64;
        assert_eq!(r, expected, "{op}({a}, {b})");
    }
    let unary: &[(&str, i64, i64)] = &[
        ("int_neg", 5, -5),
        ("int_neg", i64::MIN, i64::MIN),
        ("int_invert", 0, -1),
        ("int_force_ge_zero", -3, 0),
        ("int_force_ge_zero", 3, 3),
        ("int_is_zero", 0, 1),
        ("int_is_zero", 7, 0),
        ("int_is_true", 7, 1),
        ("int_is_true", 0, 0),
    ];
    for &(op, a, expected) in unary {
        let mut t = table();
        let text = format!("[i0]\ni1 = {op}(i0)\nfinish(i1)\n");
        let frame = run(backend, &mut t, &text, &[i(a)]);
        assert_eq!(finish_values(&frame)[0] as i64, expected, "{op}({a})");
    }
    // int_signext with constant byte counts, and constant arguments in general.
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0]
i1 = int_signext(i0, 1)
i2 = int_signext(i0, 2)
i3 = int_signext(i0, 4)
i4 = int_add(i0, -1000)
i5 = int_sub(10, i0)
finish(i1, i2, i3, i4, i5)
",
        &[0x1_8000_80ff],
    );
    let v: Vec<i64> = finish_values(&frame).iter().map(|&w| w as i64).collect();
    assert_eq!(
        v,
        [
            -1,
            -32513,
            -2147450625,
            0x1_8000_80ff - 1000,
            10 - 0x1_8000_80ff
        ]
    );
}

pub fn int_comparisons(backend: &mut impl Backend) {
    let cases: &[(&str, i64, i64, u64)] = &[
        ("int_lt", -1, 0, 1),
        ("int_lt", 0, 0, 0),
        ("int_le", 0, 0, 1),
        ("int_eq", 5, 5, 1),
        ("int_ne", 5, 5, 0),
        ("int_gt", 1, -1, 1),
        ("int_ge", -1, 1, 0),
        ("uint_lt", -1, 0, 0),
        ("uint_le", 0, -1, 1),
        ("uint_gt", -1, 0, 1),
        ("uint_ge", 3, 3, 1),
    ];
    for &(op, a, b, expected) in cases {
        assert_eq!(
            binop(backend, op, i(a), i(b), "iii"),
            expected,
            "{op}({a}, {b})"
        );
    }
    assert_eq!(binop(backend, "ptr_eq", 8, 8, "ppi"), 1);
    assert_eq!(binop(backend, "ptr_ne", 8, 16, "ppi"), 1);
    assert_eq!(binop(backend, "ptr_ne", 0, 0, "ppi"), 0);
}

pub fn float_ops(backend: &mut impl Backend) {
    let arith: &[(&str, f64, f64, f64)] = &[
        ("float_add", 1.5, 2.25, 3.75),
        ("float_sub", 1.5, 2.25, -0.75),
        ("float_mul", 1.5, -2.0, -3.0),
        ("float_truediv", 1.0, 4.0, 0.25),
        ("float_truediv", 1.0, 0.0, f64::INFINITY),
    ];
    for &(op, a, b, expected) in arith {
        let r = f64::from_bits(binop(backend, op, f(a), f(b), "fff"));
        assert_eq!(r, expected, "{op}({a}, {b})");
    }
    let cmp: &[(&str, f64, f64, u64)] = &[
        ("float_lt", 1.0, 2.0, 1),
        ("float_le", 2.0, 2.0, 1),
        ("float_eq", f64::NAN, f64::NAN, 0),
        ("float_ne", f64::NAN, f64::NAN, 1),
        ("float_eq", 0.0, -0.0, 1),
        ("float_gt", 1.0, 2.0, 0),
        ("float_ge", 2.0, 2.0, 1),
    ];
    for &(op, a, b, expected) in cmp {
        assert_eq!(
            binop(backend, op, f(a), f(b), "ffi"),
            expected,
            "{op}({a}, {b})"
        );
    }
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[f0, i1]
f2 = float_neg(f0)
f3 = float_abs(f2)
f4 = cast_int_to_float(i1)
i5 = cast_float_to_int(f2)
f6 = float_add(f0, 0.5)
i7 = cast_float_to_int(nan)
finish(f2, f3, f4, i5, f6, i7)
",
        &[f(2.75), i(-7)],
    );
    let v = finish_values(&frame);
    assert_eq!(f64::from_bits(v[0]), -2.75);
    assert_eq!(f64::from_bits(v[1]), 2.75);
    assert_eq!(f64::from_bits(v[2]), -7.0);
    assert_eq!(v[3] as i64, -2);
    assert_eq!(f64::from_bits(v[4]), 3.25);
    assert_eq!(v[5] as i64, 0);
    assert_eq!(
        frame.kinds,
        [
            Kind::Float,
            Kind::Float,
            Kind::Float,
            Kind::Int,
            Kind::Float,
            Kind::Int
        ]
    );
}

pub fn overflow_guards(backend: &mut impl Backend) {
    for (op, a, b, overflows) in [
        ("int_add_ovf", i64::MAX, 1, true),
        ("int_add_ovf", 5, 6, false),
        ("int_sub_ovf", i64::MIN, 1, true),
        ("int_sub_ovf", 5, 6, false),
        ("int_mul_ovf", i64::MAX / 2 + 1, 2, true),
        ("int_mul_ovf", -4, 6, false),
    ] {
        let mut t = table();
        let text = format!(
            "[i0, i1]\ni2 = {op}(i0, i1)\nguard_no_overflow(descr=<Guard1>) [i0, i1]\nfinish(i2)\n"
        );
        let frame = run(backend, &mut t, &text, &[i(a), i(b)]);
        if overflows {
            assert_eq!(guard_number(&frame), 1, "{op}({a}, {b})");
            assert_eq!(frame.values, [i(a), i(b)]);
        } else {
            assert!(frame.is_finish(), "{op}({a}, {b})");
        }
        let mut t = table();
        let text = format!(
            "[i0, i1]\ni2 = {op}(i0, i1)\nguard_overflow(descr=<Guard2>) [i2]\nfinish(i2)\n"
        );
        let frame = run(backend, &mut t, &text, &[i(a), i(b)]);
        assert_eq!(
            frame.is_finish(),
            overflows,
            "{op}({a}, {b}) with guard_overflow"
        );
    }
}

// ---------------------------------------------------------------- guards

/// Runs `[inputs] guard [fail args] finish(0)`: returns `None` when the guard passes, and
/// the fail-arg values when it fails.
fn guard(
    backend: &mut impl Backend,
    inputs: &str,
    guard: &str,
    args: &[Word],
) -> Option<Vec<Word>> {
    let mut t = table();
    let text = format!("[{inputs}]\n{guard}\nfinish(0)\n");
    let frame = run(backend, &mut t, &text, args);
    match frame.exit {
        Exit::Finish(_) => None,
        Exit::Guard(_) => Some(frame.values),
    }
}

pub fn guard_true_false(backend: &mut impl Backend) {
    assert_eq!(guard(backend, "i0", "guard_true(i0) [i0]", &[1]), None);
    assert_eq!(
        guard(backend, "i0", "guard_true(i0) [i0]", &[0]),
        Some(vec![0])
    );
    assert_eq!(guard(backend, "i0", "guard_true(i0) [i0]", &[i(-5)]), None);
    assert_eq!(guard(backend, "i0", "guard_false(i0) [i0]", &[0]), None);
    assert_eq!(
        guard(backend, "i0", "guard_false(i0) [i0]", &[2]),
        Some(vec![2])
    );
}

pub fn guard_value(backend: &mut impl Backend) {
    assert_eq!(guard(backend, "i0", "guard_value(i0, 42) []", &[42]), None);
    assert_eq!(
        guard(backend, "i0", "guard_value(i0, 42) [i0]", &[41]),
        Some(vec![41])
    );
    assert_eq!(
        guard(backend, "i0", "guard_value(i0, -1) []", &[i(-1)]),
        None
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            "guard_value(p0, ConstPtr(0x1000)) []",
            &[0x1000]
        ),
        None
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            "guard_value(p0, ConstPtr(0x1000)) [p0]",
            &[0x1008]
        ),
        Some(vec![0x1008])
    );
    assert_eq!(
        guard(backend, "f0", "guard_value(f0, 1.5) []", &[f(1.5)]),
        None
    );
    assert_eq!(
        guard(backend, "f0", "guard_value(f0, 1.5) [f0]", &[f(2.5)]),
        Some(vec![f(2.5)])
    );
}

pub fn guard_null_and_class(backend: &mut impl Backend) {
    let obj = Box::new([(OBJ_CLASS as u64) << 32, 0, 0]);
    let other = Box::new([0x1234u64 << 32, 0, 0]);
    let p = &*obj as *const _ as Word;
    let q = &*other as *const _ as Word;
    assert_eq!(guard(backend, "p0", "guard_nonnull(p0) []", &[p]), None);
    assert_eq!(
        guard(backend, "p0", "guard_nonnull(p0) [p0]", &[0]),
        Some(vec![0])
    );
    assert_eq!(guard(backend, "p0", "guard_isnull(p0) []", &[0]), None);
    assert_eq!(
        guard(backend, "p0", "guard_isnull(p0) [p0]", &[p]),
        Some(vec![p])
    );
    let class = "ConstClass(OBJ_CLASS)";
    assert_eq!(
        guard(backend, "p0", &format!("guard_class(p0, {class}) []"), &[p]),
        None
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            &format!("guard_class(p0, {class}) [p0]"),
            &[q]
        ),
        Some(vec![q])
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            &format!("guard_nonnull_class(p0, {class}) []"),
            &[p]
        ),
        None
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            &format!("guard_nonnull_class(p0, {class}) [p0]"),
            &[q]
        ),
        Some(vec![q])
    );
    assert_eq!(
        guard(
            backend,
            "p0",
            &format!("guard_nonnull_class(p0, {class}) [p0]"),
            &[0]
        ),
        Some(vec![0])
    );
}

pub fn guard_no_exception(backend: &mut impl Backend) {
    let text = "[i0]
i1 = call_i(ConstClass(fail_if_negative), i0, descr=<CallDescr fail_if_negative>)
guard_no_exception(descr=<Guard7>) [i0, i1]
finish(i1)
";
    let mut t = table();
    let frame = run(backend, &mut t, text, &[5]);
    assert_eq!(finish_values(&frame), [10]);
    let mut t = table();
    let frame = run(backend, &mut t, text, &[i(-5)]);
    assert_eq!(guard_number(&frame), 7);
    assert_eq!(frame.exception, 0xe7);
    assert_eq!(frame.values, [i(-5), 0]);
    assert_eq!(
        jitsupport_trace::backend::pending_exception(),
        0,
        "the exception was taken"
    );
}

pub fn guard_not_invalidated(backend: &mut impl Backend) {
    let mut t = table();
    let trace = parse_in(
        &mut t,
        "[i0]
guard_not_invalidated(descr=<Guard1>) [i0]
finish(i0)
",
    );
    let id = backend.compile_loop(&trace).unwrap();
    assert!(backend.execute(id, &[3]).is_finish());
    backend.invalidate_loop(id);
    let frame = backend.execute(id, &[3]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [3]);
    backend.free_loop(id);
}

thread_local! {
    /// The invalidation `invalidate_at_5` invalidates.
    static FLAG: std::cell::RefCell<Option<Rc<Invalidation>>> = const { std::cell::RefCell::new(None) };
}

/// Sets the flag in `FLAG` when its argument is 5, as a write to a quasi-immutable field
/// the running loop folded does.
unsafe extern "C-unwind" fn invalidate_at_5(
    ints: *const i64,
    _: *const usize,
    _: *const f64,
    _: *mut u64,
) {
    // SAFETY: the call passes one int.
    if unsafe { *ints } == 5 {
        FLAG.with(|f| f.borrow().as_ref().map(|f| f.invalidate()));
    }
}

/// A call inside the loop invalidates it through the invalidation the backend handed
/// out: the loop's next `guard_not_invalidated` fails (a `quasiimmut_field` marker left
/// by a pass chain without `rewrite` is ignored); a bridge compiled after that has its
/// guard failing at once.
pub fn invalidated_while_running(backend: &mut impl Backend) {
    let mut t = table();
    let trace = parse_in(
        &mut t,
        "[i0]
label(i0, descr=<Label0>)
quasiimmut_field(ConstPtr(0x1000), descr=<FieldDescr Obj.value>)
guard_not_invalidated(descr=<Guard1>) [i0]
call_n(ConstClass(invalidate_at_5), i0, descr=<CallDescr invalidate_at_5>)
i1 = int_add(i0, 1)
jump(i1, descr=<Label0>)
",
    );
    let id = backend.compile_loop(&trace).unwrap();
    let invalidation = backend.invalidation(id).expect("a live loop has one");
    assert!(!invalidation.is_invalid());
    // Not invalidated: the guard passes on every iteration until the call at 5.
    FLAG.with(|f| *f.borrow_mut() = Some(invalidation.clone()));
    let frame = backend.execute(id, &[0]);
    FLAG.with(|f| *f.borrow_mut() = None);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [6]);
    assert!(invalidation.is_invalid());
    // Running it again fails at once.
    let frame = backend.execute(id, &[9]);
    assert_eq!((guard_number(&frame), frame.values.clone()), (1, vec![9]));
    // A bridge of that guard, compiled now, fails at its own guard_not_invalidated.
    let guard = trace.ops[2].guard_descr().unwrap().clone();
    let bridge = parse_in(
        &mut t,
        "[i0]
i1 = int_add(i0, 100)
guard_not_invalidated(descr=<Guard2>) [i1]
finish(i1)
",
    );
    backend.compile_bridge(&guard, &bridge).unwrap();
    let frame = backend.execute(id, &[1]);
    assert_eq!((guard_number(&frame), frame.values.clone()), (2, vec![101]));
    backend.free_loop(id);
    assert!(backend.invalidation(id).is_none());
}

/// `call_assembler_*` calls the function in its argument 0 (the runner of the callee's
/// compiled entry) as any call does.
pub fn call_assembler_calls_its_runner(backend: &mut impl Backend) {
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0]
i1 = call_assembler_i(ConstClass(sub3), i0, 1, 2, descr=<CallDescr sub3>)
call_assembler_n(ConstClass(record), i1, descr=<CallDescr record>)
finish(i1)
",
        &[10],
    );
    assert_eq!(frame.values, [7]);
    assert_eq!(RECORDED.with(|r| r.borrow_mut().pop()), Some(7));
}

// ---------------------------------------------------------------- loops and bridges

/// Sums 0..i0 in a loop: the guard leaving the loop fails with the sum.
const SUM_LOOP: &str = "[i0]
i1 = same_as_i(0)
i2 = same_as_i(0)
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_add(i2, i1)
i5 = int_add(i1, 1)
jump(i0, i5, i4, descr=<Label0>)
";

pub fn loop_with_label(backend: &mut impl Backend) {
    let mut t = table();
    let frame = run(backend, &mut t, SUM_LOOP, &[100]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [100, 4950]);
    assert_eq!(frame.kinds, [Kind::Int, Kind::Int]);
}

pub fn jump_without_descr(backend: &mut impl Backend) {
    // No label: the jump goes to the start with the inputs. The jump swaps its arguments,
    // which needs a parallel move.
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0, i1, i2]
i3 = int_le(i2, 0)
guard_false(i3, descr=<Guard1>) [i0, i1]
i4 = int_sub(i2, 1)
jump(i1, i0, i4)
",
        &[1, 2, 3],
    );
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [2, 1]);
}

/// `int_and` with 255 and 65535 (x86: `movzx`), of a value read again after (the mask
/// goes to another register) and of one that dies (in place), on negative and wide
/// values.
pub fn masks_of_low_bytes_and_words(backend: &mut impl Backend) {
    let mut t = table();
    let text = "[i0]
i1 = int_and(i0, 255)
i2 = int_and(i0, 65535)
i3 = int_add(i0, 1)
i4 = int_and(i3, 255)
i5 = int_sub(i0, 1)
i6 = int_and(i5, 65535)
finish(i1, i2, i4, i6)
";
    for x in [0i64, 255, 256, -1, -256, 0x1234_5678, i64::MIN, i64::MAX] {
        let frame = run(backend, &mut t, text, &[i(x)]);
        let want = [
            x & 255,
            x & 65535,
            x.wrapping_add(1) & 255,
            x.wrapping_sub(1) & 65535,
        ];
        let got: Vec<i64> = finish_values(&frame).iter().map(|&w| w as i64).collect();
        assert_eq!(got, want, "{x}");
    }
}

/// Counts i1 up to i0, adding i1 to i2 when i1 is even; odd i1 fail guard 2.
fn even_loop() -> &'static str {
    "[i0, i1, i2]
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_and(i1, 1)
guard_false(i4, descr=<Guard2>) [i0, i1, i2]
i5 = int_add(i2, i1)
i6 = int_add(i1, 1)
jump(i0, i6, i5, descr=<Label0>)
"
}

pub fn bridge_back_to_loop(backend: &mut impl Backend) {
    let mut t = table();
    let id = backend
        .compile_loop(&parse_in(&mut t, even_loop()))
        .unwrap();
    // Without the bridge, 1 is odd and fails guard 2.
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(guard_number(&frame), 2);
    assert_eq!(frame.values, [10, 1, 0]);
    // The bridge adds 100 for odd numbers and jumps back into the loop.
    let bridge = parse_in(
        &mut t,
        "[i0, i1, i2]
i3 = int_add(i2, 100)
i4 = int_add(i1, 1)
jump(i0, i4, i3, descr=<Label0>)
",
    );
    backend.compile_bridge(&t.guard(2), &bridge).unwrap();
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(guard_number(&frame), 1);
    // 0 + 2 + 4 + 6 + 8 plus 100 for each of the five odd numbers.
    assert_eq!(frame.values, [10, 520]);
}

pub fn bridge_of_bridge(backend: &mut impl Backend) {
    let mut t = table();
    let id = backend
        .compile_loop(&parse_in(&mut t, even_loop()))
        .unwrap();
    // The first bridge handles odd numbers below 5 and guards the rest.
    let bridge = parse_in(
        &mut t,
        "[i0, i1, i2]
i3 = int_lt(i1, 5)
guard_true(i3, descr=<Guard10>) [i0, i1, i2]
i4 = int_add(i2, 100)
i5 = int_add(i1, 1)
jump(i0, i5, i4, descr=<Label0>)
",
    );
    backend.compile_bridge(&t.guard(2), &bridge).unwrap();
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(guard_number(&frame), 10);
    assert_eq!(frame.values, [10, 5, 2 + 4 + 100 + 100]);
    // The second bridge finishes.
    let bridge2 = parse_in(
        &mut t,
        "[i0, i1, i2]
i3 = int_mul(i2, 1000)
finish(i3, i1, descr=<Finish3>)
",
    );
    backend.compile_bridge(&t.guard(10), &bridge2).unwrap();
    let frame = backend.execute(id, &[10, 0, 0]);
    match &frame.exit {
        Exit::Finish(Some(d)) => assert_eq!(d.number, 3),
        other => panic!("expected <Finish3>, got {other:?}"),
    }
    assert_eq!(frame.values, [206_000, 5]);
}

pub fn bridge_into_other_loop(backend: &mut impl Backend) {
    let mut t = table();
    let sum = backend.compile_loop(&parse_in(&mut t, SUM_LOOP)).unwrap();
    // A second loop whose guard fails into a bridge that enters the first loop's label.
    let other = parse_in(
        &mut t,
        "[i0]
i1 = int_gt(i0, 1000)
guard_false(i1, descr=<Guard20>) [i0]
finish(i0)
",
    );
    let other_id = backend.compile_loop(&other).unwrap();
    let bridge = parse_in(
        &mut t,
        "[i0]
jump(10, 0, 0, descr=<Label0>)
",
    );
    backend.compile_bridge(&t.guard(20), &bridge).unwrap();
    let frame = backend.execute(other_id, &[5000]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [10, 45]);
    assert!(backend.execute(other_id, &[7]).is_finish());
    backend.free_loop(other_id);
    let frame = backend.execute(sum, &[4]);
    assert_eq!(frame.values, [4, 6]);
}

// ---------------------------------------------------------------- memory

/// A struct with fields of every size the JIT reads.
#[repr(C)]
#[derive(Default)]
struct Point {
    x: i64,
    y: f64,
    tag: u8,
    small: i16,
    mid: i32,
    single: f32,
    next: usize,
    arr: [i32; 4],
}

#[repr(C)]
struct IntArray {
    len: usize,
    items: [i64; 5],
}

pub fn fields_of_repr_c_struct(backend: &mut impl Backend) {
    let mut a = Box::new(Point {
        x: 7,
        y: 1.25,
        tag: 200,
        small: -3,
        mid: -70000,
        single: 0.5,
        next: 0,
        arr: [1, -2, 3, -4],
    });
    let mut b = Box::new(Point::default());
    let pa = &mut *a as *mut Point as Word;
    let pb = &mut *b as *mut Point as Word;
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[p0, p1]
i2 = getfield_gc_i(p0, descr=<FieldDescr Point.x>)
f3 = getfield_gc_f(p0, descr=<FieldDescr Point.y>)
i4 = getfield_gc_i(p0, descr=<FieldDescr Point.tag>)
i5 = getfield_gc_i(p0, descr=<FieldDescr Point.small>)
i6 = getfield_gc_i(p0, descr=<FieldDescr Point.mid>)
f7 = getfield_gc_f(p0, descr=<FieldDescr Point.single>)
i8 = getarrayitem_gc_i(p0, 1, descr=<ArrayDescr Point.arr>)
setfield_gc(p1, i2, descr=<FieldDescr Point.x>)
setfield_gc(p1, 2.5, descr=<FieldDescr Point.y>)
setfield_gc(p1, 511, descr=<FieldDescr Point.tag>)
setfield_gc(p1, -5, descr=<FieldDescr Point.small>)
setfield_gc(p1, i6, descr=<FieldDescr Point.mid>)
setfield_gc(p1, f3, descr=<FieldDescr Point.single>)
setfield_gc(p1, p0, descr=<FieldDescr Point.next>)
setarrayitem_gc(p1, 3, i8, descr=<ArrayDescr Point.arr>)
p9 = getfield_gc_r(p1, descr=<FieldDescr Point.next>)
finish(i2, f3, i4, i5, i6, f7, i8, p9)
",
        &[pa, pb],
    );
    let v = finish_values(&frame);
    assert_eq!(v[0] as i64, 7);
    assert_eq!(f64::from_bits(v[1]), 1.25);
    assert_eq!(v[2] as i64, 200, "u8 zero-extends");
    assert_eq!(v[3] as i64, -3, "i16 sign-extends");
    assert_eq!(v[4] as i64, -70000);
    assert_eq!(f64::from_bits(v[5]), 0.5);
    assert_eq!(v[6] as i64, -2);
    assert_eq!(v[7], pa);
    assert_eq!(b.x, 7);
    assert_eq!(b.y, 2.5);
    assert_eq!(b.tag, 255, "a store keeps the low byte");
    assert_eq!(b.small, -5);
    assert_eq!(b.mid, -70000);
    assert_eq!(b.single, 1.25);
    assert_eq!(b.arr, [0, 0, 0, -2]);
    assert_eq!(a.x, 7, "the source is unchanged");
}

pub fn arrays(backend: &mut impl Backend) {
    let mut arr = Box::new(IntArray {
        len: 5,
        items: [10, 20, 30, 40, 50],
    });
    let p = &mut *arr as *mut IntArray as Word;
    // Sums the array in a loop and doubles each item.
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[p0, i1, i2]
label(p0, i1, i2, descr=<Label0>)
i3 = arraylen_gc(p0, descr=<ArrayDescr IntArray>)
i4 = int_lt(i1, i3)
guard_true(i4, descr=<Guard1>) [i2]
i5 = getarrayitem_gc_i(p0, i1, descr=<ArrayDescr IntArray>)
i6 = int_add(i2, i5)
i7 = int_mul(i5, 2)
setarrayitem_gc(p0, i1, i7, descr=<ArrayDescr IntArray>)
i8 = int_add(i1, 1)
jump(p0, i8, i6, descr=<Label0>)
",
        &[p, 0, 0],
    );
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [150]);
    assert_eq!(arr.items, [20, 40, 60, 80, 100]);
}

pub fn raw_memory(backend: &mut impl Backend) {
    let mut bytes = [1u8, 2, 250, 4];
    let mut point = Point {
        x: -9,
        ..Point::default()
    };
    let b = bytes.as_mut_ptr() as Word;
    let p = &mut point as *mut Point as Word;
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0, i1]
i2 = getarrayitem_raw_i(i0, 2, descr=<ArrayDescr Bytes>)
setarrayitem_raw(i0, 0, 77, descr=<ArrayDescr Bytes>)
i3 = getfield_raw_i(i1, descr=<FieldDescr Point.x>)
setfield_raw(i1, 12, descr=<FieldDescr Point.x>)
f4 = getfield_raw_f(i1, descr=<FieldDescr Point.y>)
finish(i2, i3, f4)
",
        &[b, p],
    );
    assert_eq!(finish_values(&frame), [250, i(-9), f(0.0)]);
    assert_eq!(bytes, [77, 2, 250, 4]);
    assert_eq!(point.x, 12);
}

pub fn allocation(backend: &mut impl Backend) {
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0]
p1 = new(descr=<SizeDescr Point>)
setfield_gc(p1, i0, descr=<FieldDescr Point.x>)
p2 = new_with_vtable(descr=<SizeDescr Obj>)
guard_class(p2, ConstClass(OBJ_CLASS), descr=<Guard1>) []
setfield_gc(p2, 5, descr=<FieldDescr Obj.value>)
p3 = new_array(i0, descr=<ArrayDescr IntArray>)
i4 = arraylen_gc(p3, descr=<ArrayDescr IntArray>)
setarrayitem_gc(p3, 2, 33, descr=<ArrayDescr IntArray>)
p5 = new_array_clear(3, descr=<ArrayDescr RefArray>)
setarrayitem_gc(p5, 1, p2, descr=<ArrayDescr RefArray>)
p6 = getarrayitem_gc_r(p5, 1, descr=<ArrayDescr RefArray>)
p7 = getarrayitem_gc_r(p5, 0, descr=<ArrayDescr RefArray>)
finish(p1, p2, p3, i4, p6, p7)
",
        &[3],
    );
    let v = finish_values(&frame).to_vec();
    // SAFETY: the objects were allocated by the trace with these layouts.
    unsafe {
        let point = &*(v[0] as *const Point);
        assert_eq!(point.x, 3);
        assert_eq!(point.y, 0.0, "new zeroes the object");
        let obj = v[1] as *const u64;
        assert_eq!(*obj, (OBJ_CLASS as u64) << 32);
        assert_eq!(*obj.add(1), 5);
        let arr = &*(v[2] as *const IntArray);
        assert_eq!(arr.len, 3);
        assert_eq!(arr.items[2], 33);
    }
    assert_eq!(v[3], 3);
    assert_eq!(v[4], v[1]);
    assert_eq!(v[5], 0, "new_array_clear zeroes the items");
    assert!(frame.kinds.iter().filter(|k| **k == Kind::Ref).count() == 5);
}

// ---------------------------------------------------------------- calls

unsafe extern "C-unwind" fn sub3(ints: *const i64, _: *const usize, _: *const f64, r: *mut u64) {
    // SAFETY: the call passes three ints.
    unsafe { *r = (*ints - *ints.add(1) - *ints.add(2)) as u64 };
}

/// `mixed(a: f64, n: i64, p: &i64, m: i64, b: f64) -> f64`: a * n + *p * m - b.
unsafe extern "C-unwind" fn mixed(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    r: *mut u64,
) {
    // SAFETY: the call passes two ints, one ref to an i64 and two floats.
    unsafe {
        let (a, b) = (*floats, *floats.add(1));
        let (n, m) = (*ints, *ints.add(1));
        let p = *(*refs as *const i64);
        *r = (a * n as f64 + (p * m) as f64 - b).to_bits();
    }
}

unsafe extern "C-unwind" fn pick(ints: *const i64, refs: *const usize, _: *const f64, r: *mut u64) {
    // SAFETY: the call passes two refs and an int.
    unsafe { *r = *refs.add(if *ints != 0 { 1 } else { 0 }) as u64 };
}

thread_local! {
    static RECORDED: std::cell::RefCell<Vec<i64>> = const { std::cell::RefCell::new(Vec::new()) };
}

unsafe extern "C-unwind" fn record(ints: *const i64, _: *const usize, _: *const f64, _: *mut u64) {
    // SAFETY: the call passes one int.
    let n = unsafe { *ints };
    RECORDED.with(|r| r.borrow_mut().push(n));
}

/// Returns its int argument plus one, after writing garbage to every xmm register
/// (which System V lets a callee do) so that a backend keeping floats in them across a
/// call gets caught.
unsafe extern "C-unwind" fn clobber_xmm(
    ints: *const i64,
    _: *const usize,
    _: *const f64,
    r: *mut u64,
) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only writes the caller-saved xmm registers, declared clobbered.
    unsafe {
        std::arch::asm!(
            "pcmpeqd xmm0, xmm0",
            "pcmpeqd xmm1, xmm1", "pcmpeqd xmm2, xmm2", "pcmpeqd xmm3, xmm3",
            "pcmpeqd xmm4, xmm4", "pcmpeqd xmm5, xmm5", "pcmpeqd xmm6, xmm6",
            "pcmpeqd xmm7, xmm7", "pcmpeqd xmm8, xmm8", "pcmpeqd xmm9, xmm9",
            "pcmpeqd xmm10, xmm10", "pcmpeqd xmm11, xmm11", "pcmpeqd xmm12, xmm12",
            "pcmpeqd xmm13, xmm13", "pcmpeqd xmm14, xmm14", "pcmpeqd xmm15, xmm15",
            out("xmm0") _, out("xmm1") _, out("xmm2") _, out("xmm3") _, out("xmm4") _,
            out("xmm5") _, out("xmm6") _, out("xmm7") _, out("xmm8") _, out("xmm9") _,
            out("xmm10") _, out("xmm11") _, out("xmm12") _, out("xmm13") _,
            out("xmm14") _, out("xmm15") _,
        );
    }
    // SAFETY: the call passes one int and a valid result pointer.
    unsafe { *r = (*ints + 1) as u64 };
}

unsafe extern "C-unwind" fn fail_if_negative(
    ints: *const i64,
    _: *const usize,
    _: *const f64,
    r: *mut u64,
) {
    // SAFETY: the call passes one int.
    let n = unsafe { *ints };
    if n < 0 {
        raise_exception(0xe7);
    }
    // SAFETY: the result pointer is valid.
    unsafe { *r = if n < 0 { 0 } else { (2 * n) as u64 } };
}

pub fn calls(backend: &mut impl Backend) {
    let value = 4i64;
    let pv = &value as *const i64 as Word;
    let mut t = table();
    RECORDED.with(|r| r.borrow_mut().clear());
    let frame = run(
        backend,
        &mut t,
        "[i0, p1, f2]
i3 = call_i(ConstClass(sub3), i0, 3, 4, descr=<CallDescr sub3>)
f4 = call_f(ConstClass(mixed), f2, i0, p1, 10, 0.5, descr=<CallDescr mixed>)
p5 = call_r(ConstClass(pick), ConstPtr(null), p1, 1, descr=<CallDescr pick>)
p6 = call_r(ConstClass(pick), ConstPtr(null), p1, 0, descr=<CallDescr pick>)
call_n(ConstClass(record), i3, descr=<CallDescr record>)
i7 = call_pure_i(ConstClass(sub3), 100, i0, i3, descr=<CallDescr sub3>)
call_n(ConstClass(record), i7, descr=<CallDescr record>)
finish(i3, f4, p5, p6, i7)
",
        &[20, pv, f(1.5)],
    );
    let v = finish_values(&frame);
    assert_eq!(v[0] as i64, 13);
    assert_eq!(f64::from_bits(v[1]), 1.5 * 20.0 + 40.0 - 0.5);
    assert_eq!(v[2], pv);
    assert_eq!(v[3], 0);
    assert_eq!(v[4] as i64, 100 - 20 - 13);
    assert_eq!(RECORDED.with(|r| r.borrow().clone()), [13, 67]);
}

pub fn finish_descr(backend: &mut impl Backend) {
    let mut t = table();
    let frame = run(backend, &mut t, "[i0]\nfinish(i0, descr=<Finish4>)\n", &[9]);
    match &frame.exit {
        Exit::Finish(Some(d)) => assert_eq!(d.number, 4),
        other => panic!("expected <Finish4>, got {other:?}"),
    }
    assert_eq!(frame.values, [9]);
    let frame = run(backend, &mut t, "[]\nfinish()\n", &[]);
    assert!(frame.values.is_empty());
}

pub fn constants_in_fail_args(backend: &mut impl Backend) {
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0]
guard_true(i0, descr=<Guard1>) [i0, 42, ConstPtr(0x10), -1.5, ConstPtr(null)]
finish()
",
        &[0],
    );
    assert_eq!(frame.values, [0, 42, 0x10, f(-1.5), 0]);
    assert_eq!(
        frame.kinds,
        [Kind::Int, Kind::Int, Kind::Ref, Kind::Float, Kind::Ref]
    );
}

pub fn compile_errors(backend: &mut impl Backend) {
    use jitsupport_trace::backend::CompileError;
    let mut t = table();
    // A jump to a label no compiled loop has.
    let trace = parse_in(&mut t, "[i0]\njump(i0, descr=<Label9>)\n");
    assert!(matches!(
        backend.compile_loop(&trace),
        Err(CompileError::UnknownTarget(_))
    ));
    // An invalid trace: a box used before its definition.
    let mut invalid = parse_in(&mut t, "[i0]\ni1 = int_add(i0, 1)\nfinish(i1)\n");
    invalid.ops.swap(0, 1);
    assert!(matches!(
        backend.compile_loop(&invalid),
        Err(CompileError::Invalid(_))
    ));
    // A bridge whose inputs do not match the guard's fail args.
    let id = backend
        .compile_loop(&parse_in(
            &mut t,
            "[i0]\nguard_true(i0, descr=<Guard3>) [i0]\nfinish()\n",
        ))
        .unwrap();
    let bridge = parse_in(&mut t, "[p0]\nfinish()\n");
    assert!(matches!(
        backend.compile_bridge(&t.guard(3), &bridge),
        Err(CompileError::BridgeInputs(_))
    ));
    // A bridge whose jump does not match the label it jumps to.
    let bridge = parse_in(&mut t, "[i0]\njump(i0, descr=<Label0>)\n");
    let sum = parse_in(&mut t, SUM_LOOP);
    backend.compile_loop(&sum).unwrap();
    assert!(matches!(
        backend.compile_bridge(&t.guard(3), &bridge),
        Err(CompileError::Invalid(_))
    ));
    // A bridge for a guard nobody compiled.
    let bridge = parse_in(&mut t, "[i0]\nfinish()\n");
    assert!(matches!(
        backend.compile_bridge(&t.guard(99), &bridge),
        Err(CompileError::BadGuard(_))
    ));
    // The failed compiles left the backend usable.
    assert_eq!(guard_number(&backend.execute(id, &[0])), 3);
}

// ---------------------------------------------------------------- more

pub fn float_arrays(backend: &mut impl Backend) {
    #[repr(C)]
    struct FloatArray {
        len: usize,
        items: [f64; 3],
    }
    let mut arr = Box::new(FloatArray {
        len: 3,
        items: [0.5, 1.5, 2.5],
    });
    let raw = [4.0f64, 8.0];
    let p = &mut *arr as *mut FloatArray as Word;
    let r = raw.as_ptr() as Word;
    let mut t = table();
    // FloatArray has its length at 0 and items from 8, as ArrayDescr::words says.
    let frame = run(
        backend,
        &mut t,
        "[p0, i1]
f2 = getarrayitem_gc_f(p0, 2, descr=<ArrayDescr FloatArray>)
setarrayitem_gc(p0, 0, f2, descr=<ArrayDescr FloatArray>)
f3 = getarrayitem_raw_f(i1, 1, descr=<ArrayDescr FloatArray>)
i4 = arraylen_gc(p0, descr=<ArrayDescr FloatArray>)
finish(f2, f3, i4)
",
        &[p, r - 8],
    );
    assert_eq!(finish_values(&frame), [f(2.5), f(8.0), 3]);
    assert_eq!(arr.items, [2.5, 1.5, 2.5]);
}

pub fn other_calls(backend: &mut impl Backend) {
    RECORDED.with(|r| r.borrow_mut().clear());
    let mut t = table();
    let frame = run(
        backend,
        &mut t,
        "[i0]
debug_merge_point(0, 0, 'start')
i1 = call_loopinvariant_i(ConstClass(sub3), i0, 1, 2, descr=<CallDescr sub3>)
i2 = call_may_force_i(ConstClass(sub3), i1, 1, 1, descr=<CallDescr sub3>)
guard_not_forced(descr=<Guard1>) [i0]
call_may_force_n(ConstClass(record), i2, descr=<CallDescr record>)
guard_not_forced(descr=<Guard2>) [i0]
call_pure_n(ConstClass(record), i1, descr=<CallDescr record>)
finish(i1, i2)
",
        &[10],
    );
    assert_eq!(finish_values(&frame), [7, 5]);
    assert_eq!(RECORDED.with(|r| r.borrow().clone()), [5, 7]);
}

pub fn loop_jumps_to_other_loop(backend: &mut impl Backend) {
    let mut t = table();
    backend.compile_loop(&parse_in(&mut t, SUM_LOOP)).unwrap();
    // A second loop that counts down i0 and then enters the first loop's label.
    let other = parse_in(
        &mut t,
        "[i0, i1]
label(i0, i1, descr=<Label5>)
i2 = int_sub(i0, 1)
i3 = int_add(i1, 2)
i4 = int_gt(i2, 0)
guard_true(i4, descr=<Guard6>) [i2, i3]
jump(i2, i3, descr=<Label5>)
",
    );
    let id = backend.compile_loop(&other).unwrap();
    let frame = backend.execute(id, &[3, 0]);
    assert_eq!(guard_number(&frame), 6);
    assert_eq!(frame.values, [0, 6]);
    let bridge = parse_in(
        &mut t,
        "[i0, i1]
jump(i1, 0, 0, descr=<Label0>)
",
    );
    backend.compile_bridge(&t.guard(6), &bridge).unwrap();
    let frame = backend.execute(id, &[3, 0]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [6, 15]);
}

pub fn free_loop_with_bridges(backend: &mut impl Backend) {
    let mut t = table();
    let id = backend
        .compile_loop(&parse_in(&mut t, even_loop()))
        .unwrap();
    let bridge = parse_in(
        &mut t,
        "[i0, i1, i2]
i3 = int_add(i1, 1)
jump(i0, i3, i2, descr=<Label0>)
",
    );
    backend.compile_bridge(&t.guard(2), &bridge).unwrap();
    assert_eq!(backend.execute(id, &[6, 0, 0]).values, [6, 6]);
    backend.free_loop(id);
    // The same trace compiles again: its label and guards were forgotten with the loop.
    let id = backend
        .compile_loop(&parse_in(&mut t, even_loop()))
        .unwrap();
    let frame = backend.execute(id, &[6, 0, 0]);
    assert_eq!(guard_number(&frame), 2, "the new loop has no bridge");
    backend.compile_bridge(&t.guard(2), &bridge).unwrap();
    assert_eq!(backend.execute(id, &[6, 0, 0]).values, [6, 6]);
}

pub fn exception_in_bridge(backend: &mut impl Backend) {
    let mut t = table();
    let id = backend
        .compile_loop(&parse_in(
            &mut t,
            "[i0]
i1 = int_lt(i0, 0)
guard_false(i1, descr=<Guard1>) [i0]
finish(i0)
",
        ))
        .unwrap();
    let bridge = parse_in(
        &mut t,
        "[i0]
i1 = call_i(ConstClass(fail_if_negative), i0, descr=<CallDescr fail_if_negative>)
guard_no_exception(descr=<Guard2>) [i0]
finish(i1)
",
    );
    backend.compile_bridge(&t.guard(1), &bridge).unwrap();
    let frame = backend.execute(id, &[i(-3)]);
    assert_eq!(guard_number(&frame), 2);
    assert_eq!(frame.exception, 0xe7);
    assert_eq!(frame.values, [i(-3)]);
    assert!(backend.execute(id, &[4]).is_finish());
}

// ---------------------------------------------------------------- register pressure

/// A loop whose jump permutes ten label arguments (more than a backend has registers):
/// a cycle of three, a swap, a value passed to its own place, and a new value.
pub fn jump_permutes_many_arguments(backend: &mut impl Backend) {
    let mut t = table();
    let inputs: Vec<String> = (0..10).map(|k| format!("i{k}")).collect();
    let inputs = inputs.join(", ");
    let text = format!(
        "[{inputs}]
label({inputs}, descr=<Label0>)
i10 = int_sub(i9, 1)
i11 = int_gt(i10, 0)
guard_true(i11, descr=<Guard1>) [i0, i1, i2, i3, i4, i5, i6, i7, i8, i10]
i12 = int_add(i3, i4)
jump(i1, i2, i0, i12, i3, i5, i8, i7, i6, i10, descr=<Label0>)
"
    );
    let mut s: Vec<i64> = vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 6];
    let expected = loop {
        let c = s[9] - 1;
        if c <= 0 {
            let mut v = s[..9].to_vec();
            v.push(c);
            break v;
        }
        s = vec![
            s[1],
            s[2],
            s[0],
            s[3] + s[4],
            s[3],
            s[5],
            s[8],
            s[7],
            s[6],
            c,
        ];
    };
    let args: Vec<Word> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 6].map(i).to_vec();
    let frame = run(backend, &mut t, &text, &args);
    assert_eq!(guard_number(&frame), 1);
    let values: Vec<i64> = frame.values.iter().map(|&w| w as i64).collect();
    assert_eq!(values, expected);
}

/// A loop with fifteen label arguments (so several live in slots) whose jump has a
/// cycle of three through registers and a slot, a swap of a register and a slot, a
/// swap of registers, a cycle of three through slots alone, a constant and a new value.
pub fn jump_permutes_arguments_through_slots(backend: &mut impl Backend) {
    let mut t = table();
    let inputs: Vec<String> = (0..15).map(|k| format!("i{k}")).collect();
    let inputs = inputs.join(", ");
    let kept: Vec<String> = (0..14).map(|k| format!("i{k}")).collect();
    let kept = kept.join(", ");
    let text = format!(
        "[{inputs}]
label({inputs}, descr=<Label0>)
i15 = int_sub(i14, 1)
i16 = int_gt(i15, 0)
guard_true(i16, descr=<Guard1>) [{kept}, i15]
i17 = int_add(i3, i4)
jump(i11, i1, i0, i12, i5, i4, i6, 5, i17, i10, i13, i2, i3, i9, i15, descr=<Label0>)
"
    );
    let start: Vec<i64> = (1..=14).chain([7]).collect();
    let mut s = start.clone();
    let expected = loop {
        let c = s[14] - 1;
        if c <= 0 {
            let mut v = s[..14].to_vec();
            v.push(c);
            break v;
        }
        s = vec![
            s[11],
            s[1],
            s[0],
            s[12],
            s[5],
            s[4],
            s[6],
            5,
            s[3] + s[4],
            s[10],
            s[13],
            s[2],
            s[3],
            s[9],
            c,
        ];
    };
    let args: Vec<Word> = start.iter().map(|&v| i(v)).collect();
    let frame = run(backend, &mut t, &text, &args);
    assert_eq!(guard_number(&frame), 1);
    let values: Vec<i64> = frame.values.iter().map(|&w| w as i64).collect();
    assert_eq!(values, expected);
}

/// A bridge jumps back to its loop's label, which takes more ints and floats than there
/// are registers (some arrive in slots), rotating them the other way round: the bridge's
/// boxes have the numbers of the label's, so its sources and the label's slots overlap.
pub fn bridge_permutes_label_arguments(backend: &mut impl Backend) {
    let mut t = table();
    let names = |kind: char, range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|k| format!("{kind}{k}")).collect()
    };
    let ints = names('i', 0..12);
    let floats = names('f', 12..28);
    let all = [ints.clone(), floats.clone()].concat().join(", ");
    // The loop: even counters rotate the ints 1..12 and the floats left.
    let left = [
        vec!["i30".to_string()],
        ints[2..].to_vec(),
        vec![ints[1].clone()],
        floats[1..].to_vec(),
        vec![floats[0].clone()],
    ]
    .concat()
    .join(", ");
    let text = format!(
        "[{all}]
label({all}, descr=<Label0>)
i28 = int_lt(i0, 10)
guard_true(i28, descr=<Guard1>) [{all}]
i29 = int_and(i0, 1)
guard_false(i29, descr=<Guard2>) [{all}]
i30 = int_add(i0, 1)
jump({left}, descr=<Label0>)
"
    );
    let id = backend.compile_loop(&parse_in(&mut t, &text)).unwrap();
    // The bridge: odd counters rotate right, adding 100 and 0.5 to the values that
    // wrap. Its box i10 is its first input (the counter, in a register) and goes to the
    // label's i10, which arrives in its slot: the same slot number, another value.
    let right = [
        vec!["i28".to_string(), "i29".to_string()],
        ints[..8].to_vec(),
        vec!["i10".to_string(), "i9".to_string(), "f30".to_string()],
        floats[..15].to_vec(),
    ]
    .concat()
    .join(", ");
    let bridge_inputs = [
        vec!["i10".to_string()],
        ints[..10].to_vec(),
        vec!["i11".to_string()],
        floats.clone(),
    ]
    .concat()
    .join(", ");
    let bridge = format!(
        "[{bridge_inputs}]
i28 = int_add(i10, 1)
i29 = int_add(i11, 100)
f30 = float_add(f27, 0.5)
jump({right}, descr=<Label0>)
"
    );
    backend
        .compile_bridge(&t.guard(2), &parse_in(&mut t, &bridge))
        .unwrap();
    let mut a: Vec<i64> = (0..12).map(|k| if k == 0 { 0 } else { 10 * k }).collect();
    let mut b: Vec<f64> = (0..16).map(|k| k as f64 + 0.25).collect();
    let args: Vec<Word> = a
        .iter()
        .map(|&v| i(v))
        .chain(b.iter().map(|&x| f(x)))
        .collect();
    while a[0] < 10 {
        if a[0] & 1 == 0 {
            a = [vec![a[0] + 1], a[2..].to_vec(), vec![a[1]]].concat();
            b = [b[1..].to_vec(), vec![b[0]]].concat();
        } else {
            a = [
                vec![a[0] + 1, a[11] + 100],
                a[1..9].to_vec(),
                vec![a[0], a[10]],
            ]
            .concat();
            b = [vec![b[15] + 0.5], b[..15].to_vec()].concat();
        }
    }
    let frame = backend.execute(id, &args);
    assert_eq!(guard_number(&frame), 1);
    let got_ints: Vec<i64> = frame.values[..12].iter().map(|&w| w as i64).collect();
    let got_floats: Vec<f64> = frame.values[12..]
        .iter()
        .map(|&w| f64::from_bits(w))
        .collect();
    assert_eq!((got_ints, got_floats), (a, b));
}

/// Twelve values live across calls, read by the guard after a call and after it.
pub fn many_values_live_across_calls(backend: &mut impl Backend) {
    let mut t = table();
    let mut text = String::from("[i0]\n");
    for k in 1..=12 {
        text += &format!("i{k} = int_add(i0, {k})\n");
    }
    let live: Vec<String> = (1..=12).map(|k| format!("i{k}")).collect();
    let live = live.join(", ");
    text += &format!(
        "i13 = call_i(ConstClass(fail_if_negative), i0, descr=<CallDescr fail_if_negative>)
guard_no_exception(descr=<Guard1>) [{live}]
i14 = call_i(ConstClass(sub3), i12, i1, i2, descr=<CallDescr sub3>)
i15 = int_mul(i1, i2)
i16 = int_sub(i15, i3)
finish(i13, i14, i16, {live})
"
    );
    let frame = run(backend, &mut t, &text, &[5]);
    let n = 5i64;
    let mut expected = vec![
        2 * n,
        (n + 12) - (n + 1) - (n + 2),
        (n + 1) * (n + 2) - (n + 3),
    ];
    expected.extend((1..=12).map(|k| n + k));
    let values: Vec<i64> = finish_values(&frame).iter().map(|&w| w as i64).collect();
    assert_eq!(values, expected);
    let mut t = table();
    let frame = run(backend, &mut t, &text, &[i(-3)]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.exception, 0xe7);
    let values: Vec<i64> = frame.values.iter().map(|&w| w as i64).collect();
    assert_eq!(values, (1..=12).map(|k| k - 3).collect::<Vec<_>>());
}

/// Allocations and a call while every general register holds a live value (the
/// argument registers of the calls included), and values read after them.
pub fn allocations_with_every_register_live(backend: &mut impl Backend) {
    let mut t = table();
    let mut text = String::from("[i0]\n");
    for k in 1..=9 {
        text += &format!("i{k} = int_add(i0, {k})\n");
    }
    text += "p10 = new_array(i9, descr=<ArrayDescr IntArray>)
i11 = arraylen_gc(p10, descr=<ArrayDescr IntArray>)
";
    for k in 12..=20 {
        text += &format!("i{k} = int_mul(i{}, 3)\n", k - 11);
    }
    text += "p21 = new(descr=<SizeDescr Point>)
setfield_gc(p21, i20, descr=<FieldDescr Point.x>)
";
    for k in 22..=30 {
        text += &format!("i{k} = int_sub(i{}, 1)\n", k - 10);
    }
    text += "i31 = call_i(ConstClass(sub3), i29, i30, i28, descr=<CallDescr sub3>)
i32 = getfield_gc_i(p21, descr=<FieldDescr Point.x>)
";
    let live: Vec<String> = (1..=9)
        .chain(12..=20)
        .chain(22..=30)
        .map(|k| format!("i{k}"))
        .collect();
    text += &format!("finish(i11, i31, i32, {})\n", live.join(", "));
    let n = -6i64;
    let frame = run(backend, &mut t, &text, &[i(n)]);
    let first: Vec<i64> = (1..=9).map(|k| n + k).collect();
    let second: Vec<i64> = first.iter().map(|v| v * 3).collect();
    let third: Vec<i64> = second.iter().map(|v| v - 1).collect();
    let mut expected = vec![n + 9, third[7] - third[8] - third[6], second[8]];
    expected.extend(first.iter().chain(&second).chain(&third));
    let values: Vec<i64> = finish_values(&frame).iter().map(|&w| w as i64).collect();
    assert_eq!(values, expected);
}

/// Comparisons whose results a guard reads and something else too: a later op, the
/// guard's own fail args, or a second guard.
pub fn comparisons_read_twice(backend: &mut impl Backend) {
    let text = "[i0, i1]
i2 = int_lt(i0, i1)
guard_true(i2, descr=<Guard1>) [i0, i2]
i3 = int_add(i2, i2)
i4 = int_ge(i0, 7)
guard_false(i4, descr=<Guard2>) [i4, i1]
i5 = int_eq(i0, 5)
guard_false(i5, descr=<Guard3>) [i0]
i6 = int_ne(i1, 100)
guard_true(i6, descr=<Guard4>) [i1]
guard_true(i6, descr=<Guard5>) [i6]
i7 = int_add(i3, i5)
i8 = int_add(i7, i6)
finish(i3, i8)
";
    // The finish values, or the failing guard's number and fail args.
    type Expected = Result<[i64; 2], (u32, Vec<i64>)>;
    let cases: [([i64; 2], Expected); 5] = [
        ([1, 2], Ok([2, 3])),
        ([3, 2], Err((1, vec![3, 0]))),
        ([7, 9], Err((2, vec![1, 9]))),
        ([5, 9], Err((3, vec![5]))),
        ([1, 100], Err((4, vec![100]))),
    ];
    for (args, expected) in cases {
        let mut t = table();
        let frame = run(backend, &mut t, text, &args.map(i));
        let values: Vec<i64> = frame.values.iter().map(|&w| w as i64).collect();
        match expected {
            Ok(v) => {
                assert!(frame.is_finish(), "{args:?}: {:?}", frame.exit);
                assert_eq!(values, v, "{args:?}");
            }
            Err((g, v)) => {
                assert_eq!(guard_number(&frame), g, "{args:?}");
                assert_eq!(values, v, "{args:?}");
            }
        }
    }
}

/// Comparisons whose guards come after loads and stores (which leave the flags alone on
/// the x86-64 backend, so the guard may still branch on the comparison's flags).
pub fn comparison_guarded_after_loads_and_stores(backend: &mut impl Backend) {
    let text = "[i0, p1]
i2 = int_lt(i0, 10)
setfield_gc(p1, i0, descr=<FieldDescr Point.x>)
i3 = getfield_gc_i(p1, descr=<FieldDescr Point.tag>)
setarrayitem_gc(p1, i3, i0, descr=<ArrayDescr Point.arr>)
i4 = getarrayitem_gc_i(p1, 1, descr=<ArrayDescr Point.arr>)
guard_true(i2, descr=<Guard1>) [i3, i4]
i5 = int_gt(i0, 3)
setfield_gc(p1, 7, descr=<FieldDescr Point.mid>)
guard_false(i5, descr=<Guard2>) [i0, i5]
i6 = int_eq(i0, 2)
i7 = int_is_zero(i6)
guard_true(i7, descr=<Guard3>) [i6]
finish(i3, i4)
";
    for (x, expected) in [
        (1, Ok([1, 1])),
        (12, Err((1, vec![1, 12]))),
        (5, Err((2, vec![5, 1]))),
        (2, Err((3, vec![1]))),
    ] {
        let mut p = Box::new(Point {
            tag: 1,
            ..Point::default()
        });
        let pp = &mut *p as *mut Point as Word;
        let mut t = table();
        let frame = run(backend, &mut t, text, &[i(x), pp]);
        let values: Vec<i64> = frame.values.iter().map(|&w| w as i64).collect();
        match expected {
            Ok(v) => {
                assert!(frame.is_finish(), "{x}: {:?}", frame.exit);
                assert_eq!(values, v, "{x}");
            }
            Err((g, v)) => {
                assert_eq!(guard_number(&frame), g, "{x}");
                assert_eq!(values, v, "{x}");
            }
        }
        assert_eq!((p.x, p.arr[1]), (x, x as i32), "{x}");
    }
}

/// Sixteen floats (more than the x86-64 backend's fourteen xmm registers) live across
/// calls, which may clobber every xmm register (`clobber_xmm` does): read by a guard
/// after a call, as a call's arguments, around a helper call (`cast_float_to_int`) and
/// after them all.
pub fn floats_live_across_calls(backend: &mut impl Backend) {
    let mut text = String::from("[i0, f1, p2]\n");
    for k in 0..16 {
        text += &format!("f{} = float_add(f1, {k}.5)\n", k + 3);
    }
    let live: Vec<String> = (3..19).map(|k| format!("f{k}")).collect();
    let live = live.join(", ");
    text += &format!(
        "i19 = call_i(ConstClass(fail_if_negative), i0, descr=<CallDescr fail_if_negative>)
guard_no_exception(descr=<Guard1>) [{live}]
f20 = call_f(ConstClass(mixed), f3, i0, p2, 2, f4, descr=<CallDescr mixed>)
i26 = call_i(ConstClass(clobber_xmm), i19, descr=<CallDescr clobber_xmm>)
i21 = cast_float_to_int(f18)
f22 = float_mul(f5, f6)
f23 = float_sub(f22, f17)
f24 = cast_int_to_float(i21)
f25 = float_add(f24, f20)
finish(i26, i21, f23, f25, {live})
"
    );
    let value = 3i64;
    let pv = &value as *const i64 as Word;
    for (n, x) in [(4i64, 1.25f64), (-1, -7.75)] {
        let mut t = table();
        let frame = run(backend, &mut t, &text, &[i(n), f(x), pv]);
        let floats: Vec<f64> = (0..16).map(|k| x + (k as f64 + 0.5)).collect();
        let bits: Vec<Word> = floats.iter().map(|&v| f(v)).collect();
        if n < 0 {
            assert_eq!(guard_number(&frame), 1);
            assert_eq!(frame.exception, 0xe7);
            assert_eq!(frame.values, bits);
            continue;
        }
        let called = floats[0] * n as f64 + (value * 2) as f64 - floats[1];
        let truncated = floats[15] as i64;
        let mut expected = vec![
            i(2 * n + 1),
            i(truncated),
            f(floats[2] * floats[3] - floats[14]),
            f(truncated as f64 + called),
        ];
        expected.extend(bits);
        assert_eq!(finish_values(&frame), expected);
    }
}

/// `float_eq` and `float_ne` under `guard_true` and `guard_false`, on NaN, signed zeros
/// and ordinary values: with the comparison read by its guard alone (the flags), also
/// after a store, and read again as a value.
pub fn float_equality_guards_with_nan(backend: &mut impl Backend) {
    let pairs = [
        (1.0, 1.0),
        (1.0, 2.0),
        (f64::NAN, 1.0),
        (1.0, f64::NAN),
        (f64::NAN, f64::NAN),
        (0.0, -0.0),
        (f64::INFINITY, f64::INFINITY),
    ];
    for cmp in ["float_eq", "float_ne"] {
        for guard in ["guard_true", "guard_false"] {
            let shapes = [
                format!("i2 = {cmp}(f0, f1)\n{guard}(i2, descr=<Guard1>) [f0]\nfinish(f1)\n"),
                format!(
                    "i2 = {cmp}(f0, f1)\nsetfield_gc(p3, 5, descr=<FieldDescr Point.x>)\n\
                     {guard}(i2, descr=<Guard1>) [f0]\nfinish(f1)\n"
                ),
                format!("i2 = {cmp}(f0, f1)\n{guard}(i2, descr=<Guard1>) [i2]\nfinish(i2)\n"),
                format!("i2 = {cmp}(f0, 1.0)\n{guard}(i2, descr=<Guard1>) [f1]\nfinish(f0)\n"),
            ];
            for (k, shape) in shapes.iter().enumerate() {
                let text = format!("[f0, f1, i4, p3]\n{shape}");
                for (x, y) in pairs {
                    let y = if k == 3 { 1.0 } else { y };
                    let holds = if cmp == "float_eq" { x == y } else { x != y };
                    let passes = holds == (guard == "guard_true");
                    let mut p = Box::new(Point::default());
                    let pp = &mut *p as *mut Point as Word;
                    let mut t = table();
                    let frame = run(backend, &mut t, &text, &[f(x), f(y), 0, pp]);
                    let what = format!("{text} on ({x}, {y})");
                    if !passes {
                        assert_eq!(guard_number(&frame), 1, "{what}");
                        continue;
                    }
                    let expected = match k {
                        2 => holds as Word,
                        3 => f(x),
                        _ => f(y),
                    };
                    assert_eq!(finish_values(&frame), [expected], "{what}");
                }
            }
        }
    }
}

/// `float_neg` and `float_abs` flip and clear the sign bit only, NaNs and zeros included.
pub fn float_sign_ops_on_bits(backend: &mut impl Backend) {
    let text = "[f0, f1]
f2 = float_neg(f0)
f3 = float_abs(f0)
f4 = float_neg(f1)
f5 = float_abs(f4)
f6 = float_add(f2, f5)
finish(f2, f3, f4, f5, f6, f0)
";
    let negative_nan = f64::from_bits(f64::NAN.to_bits() | (1 << 63) | 5);
    for x in [
        0.0,
        -0.0,
        1.5,
        -2.25,
        f64::NAN,
        negative_nan,
        f64::NEG_INFINITY,
    ] {
        let y = -x * 2.0;
        let mut t = table();
        let frame = run(backend, &mut t, text, &[f(x), f(y)]);
        let mut expected = [
            (-x).to_bits(),
            x.abs().to_bits(),
            (-y).to_bits(),
            (-y).abs().to_bits(),
            (-x + (-y).abs()).to_bits(),
            x.to_bits(),
        ];
        let mut got = finish_values(&frame).to_vec();
        // Which NaN a sum of two NaNs gives is the machine's choice.
        if x.is_nan() {
            (expected[4], got[4]) = (0, 0);
        }
        assert_eq!(got, expected, "{x}");
    }
}

/// Floats read several times after calls that clobber every xmm register, with a guard
/// between the reads and more floats than registers alive.
pub fn floats_reloaded_after_calls(backend: &mut impl Backend) {
    let mut text = String::from("[i0, f1, f2]\n");
    for k in 0..14 {
        text += &format!("f{} = float_add(f1, {k}.25)\n", k + 3);
    }
    let many: Vec<String> = (3..17).map(|k| format!("f{k}")).collect();
    let many = many.join(", ");
    text += &format!(
        "i17 = call_i(ConstClass(clobber_xmm), i0, descr=<CallDescr clobber_xmm>)
f18 = float_add(f1, f2)
f19 = float_mul(f18, f1)
i20 = float_lt(f19, f2)
guard_false(i20, descr=<Guard1>) [f1, f2, f18, f19]
f21 = float_sub(f19, f2)
f22 = float_add(f3, f16)
i23 = call_i(ConstClass(clobber_xmm), i17, descr=<CallDescr clobber_xmm>)
f24 = float_add(f21, f1)
f25 = float_add(f24, f2)
f26 = float_mul(f25, f22)
finish(i23, f26, f1, f2, f21, {many})
"
    );
    for (x, y) in [(1.5, 2.0), (-3.0, 0.5), (0.25, 100.0)] {
        let mut t = table();
        let frame = run(backend, &mut t, &text, &[i(10), f(x), f(y)]);
        let (f18, f3, f16) = (x + y, x + 0.25, x + 13.25);
        let f19 = f18 * x;
        if f19 < y {
            assert_eq!(guard_number(&frame), 1);
            assert_eq!(frame.values, [f(x), f(y), f(f18), f(f19)]);
            continue;
        }
        let f21 = f19 - y;
        let f26 = (f21 + x + y) * (f3 + f16);
        let mut expected = vec![12, f(f26), f(x), f(y), f(f21)];
        expected.extend((0..14).map(|k| f(x + k as f64 + 0.25)));
        assert_eq!(finish_values(&frame), expected, "{x} {y}");
    }
}

/// A loop of eighteen floats (more than the x86-64 backend's xmm registers): the jump
/// permutes them with cycles among the registers, among the slots and across both, and
/// passes a new float.
pub fn jump_permutes_many_float_arguments(backend: &mut impl Backend) {
    let floats: Vec<String> = (1..=18).map(|k| format!("f{k}")).collect();
    let floats = floats.join(", ");
    // next[j]: the box the jump passes as float argument j (box 21 is the new float).
    let next: [usize; 18] = [
        2, 3, 1, 21, 6, 5, 18, 7, 8, 9, 10, 11, 12, 13, 14, 16, 15, 17,
    ];
    let passed: Vec<String> = next.iter().map(|k| format!("f{k}")).collect();
    let passed = passed.join(", ");
    let text = format!(
        "[i0, {floats}]
label(i0, {floats}, descr=<Label0>)
i19 = int_sub(i0, 1)
i20 = int_gt(i19, 0)
guard_true(i20, descr=<Guard1>) [i19, {floats}]
f21 = float_add(f1, f2)
jump(i19, {passed}, descr=<Label0>)
"
    );
    let mut s: Vec<f64> = (1..=18).map(|k| k as f64 * 1.5).collect();
    let mut n = 7i64;
    loop {
        n -= 1;
        if n <= 0 {
            break;
        }
        let new = s[0] + s[1];
        s = next
            .iter()
            .map(|&k| if k == 21 { new } else { s[k - 1] })
            .collect();
    }
    let mut args = vec![i(7)];
    args.extend((1..=18).map(|k| f(k as f64 * 1.5)));
    let mut t = table();
    let frame = run(backend, &mut t, &text, &args);
    assert_eq!(guard_number(&frame), 1);
    let mut expected = vec![i(n)];
    expected.extend(s.iter().map(|&v| f(v)));
    assert_eq!(frame.values, expected);
}

/// Float comparisons whose results a guard reads and something else too (a later op,
/// the guard's fail args, a second guard), and one guarded after a load and a store.
pub fn float_comparisons_read_twice(backend: &mut impl Backend) {
    let text = "[f0, f1, p2]
i3 = float_lt(f0, f1)
guard_true(i3, descr=<Guard1>) [f0, i3]
i4 = int_add(i3, i3)
f5 = getfield_gc_f(p2, descr=<FieldDescr Point.y>)
i6 = float_ge(f5, f1)
setfield_gc(p2, f0, descr=<FieldDescr Point.y>)
guard_false(i6, descr=<Guard2>) [i6, f5]
i7 = float_eq(f0, f5)
guard_false(i7, descr=<Guard3>) [f0]
i8 = float_gt(f1, 100.0)
guard_false(i8, descr=<Guard4>) [f1]
guard_false(i8, descr=<Guard5>) [i8]
i9 = int_add(i4, i8)
finish(i4, i9, f5)
";
    // (f0, f1, Point.y), then the finish values or the failing guard and its fail args.
    type Expected = Result<Vec<Word>, (u32, Vec<Word>)>;
    let cases: [((f64, f64, f64), Expected); 6] = [
        ((1.0, 2.0, 0.5), Ok(vec![2, 2, f(0.5)])),
        ((3.0, 2.0, 0.5), Err((1, vec![f(3.0), 0]))),
        ((f64::NAN, 2.0, 0.5), Err((1, vec![f(f64::NAN), 0]))),
        ((1.0, 2.0, 2.0), Err((2, vec![1, f(2.0)]))),
        ((1.0, 2.0, 1.0), Err((3, vec![f(1.0)]))),
        ((1.0, 200.0, f64::NAN), Err((4, vec![f(200.0)]))),
    ];
    for ((x, y, field), expected) in cases {
        let mut p = Box::new(Point {
            y: field,
            ..Point::default()
        });
        let pp = &mut *p as *mut Point as Word;
        let mut t = table();
        let frame = run(backend, &mut t, text, &[f(x), f(y), pp]);
        match expected {
            Ok(v) => {
                assert!(frame.is_finish(), "{x} {y}: {:?}", frame.exit);
                assert_eq!(frame.values, v, "{x} {y}");
            }
            Err((g, v)) => {
                assert_eq!(guard_number(&frame), g, "{x} {y}");
                assert_eq!(frame.values, v, "{x} {y}");
            }
        }
        // The store runs once the first guard passes.
        let stored = if x < y { x } else { field };
        assert_eq!(p.y.to_bits(), f(stored), "{x} {y}");
    }
}
