//! A registry written as static data, the way the macro will emit it: it prints, and the
//! blackhole runs it, calling a residual function through its shim.

use jitsupport::blackhole::{Args, Blackhole, Value};
use jitsupport::jitcode::{
    print_registry, CallDescr, CallFlags, Descr, JitCode, JitCodes, Kind, Opcode, RefConst,
    ResidualFn,
};
use std::borrow::Cow;

fn mul_add(a: i64, b: i64) -> i64 {
    a * b + 1
}

unsafe extern "C-unwind" fn mul_add_shim(
    ints: *const i64,
    _refs: *const usize,
    _floats: *const f64,
    result: *mut u64,
) {
    *result = mul_add(*ints, *ints.add(1)) as u64;
}

// f(x) = if x == 0 { panic } else { mul_add(x + 10, 10) }, with the int constants 10 and
// 0 (the function index) after the two int registers, and the message after no refs.
#[rustfmt::skip]
static CODE: [u8; 21] = [
    Opcode::GotoIfNot as u8, 0, 19, 0,
    Opcode::IntAdd as u8, 0, 2, 1,
    Opcode::ResidualCallIrI as u8, 3, 2, 1, 2, 0, 0, 0, 1,
    Opcode::IntReturn as u8, 1,
    Opcode::Panic as u8, 0,
];

static PANIC_CODE: [u8; 2] = [Opcode::Panic as u8, 0];

static REGISTRY: JitCodes = JitCodes {
    jitcodes: Cow::Borrowed(&[JitCode {
        name: Cow::Borrowed("f"),
        code: Cow::Borrowed(&CODE),
        num_regs: [2, 0, 0],
        const_ints: Cow::Borrowed(&[10, 0]),
        const_refs: Cow::Borrowed(&[RefConst::Str(Cow::Borrowed("x is zero"))]),
        const_floats: Cow::Borrowed(&[]),
        liveness: Cow::Borrowed(&[]),
        switches: Cow::Borrowed(&[]),
    }]),
    descrs: Cow::Borrowed(&[Descr::Call(CallDescr {
        name: Cow::Borrowed("mul_add"),
        arg_kinds: Cow::Borrowed(&[Kind::Int, Kind::Int]),
        result: Some(Kind::Int),
        flags: CallFlags {
            elidable: true,
            loop_invariant: false,
            can_panic: false,
            recursive: false,
            random_effects: false,
        },
        writes: Cow::Borrowed(&[]),
    })]),
    functions: Cow::Borrowed(&[ResidualFn {
        name: Cow::Borrowed("mul_add"),
        shim: Some(mul_add_shim),
    }]),
    portals: Cow::Borrowed(&[]),
};

#[test]
fn static_registry_prints() {
    let expected = r#"function "mul_add"
descr <Call "mul_add" (i, i) -> i elidable>

jitcode "f" i=2 r=0 f=0
    goto_if_not %i0, L1
    int_add %i0, $10 -> %i1
    residual_call_ir_i <Fn "mul_add">, [%i1, $10], [], <Call "mul_add" (i, i) -> i elidable> -> %i1
    int_return %i1
L1:
    panic $"x is zero"
"#;
    assert_eq!(print_registry(&REGISTRY), expected);
}

#[test]
fn static_registry_runs() {
    let bh = Blackhole::new(&REGISTRY);
    // Safety: the jitcode touches no memory.
    let v = unsafe { bh.call(0, &Args::ints(&[5])) };
    assert_eq!(v, Value::Int(151));
    let zero = std::panic::catch_unwind(|| unsafe { bh.call(0, &Args::ints(&[0])) });
    let message = zero.expect_err("f(0) panics");
    assert_eq!(
        message.downcast_ref::<String>().map(String::as_str),
        Some("x is zero")
    );
}

#[test]
#[should_panic(expected = "explicit panic in static jitcode")]
fn static_string_constants_panic() {
    static PANICKING: JitCodes = JitCodes {
        jitcodes: Cow::Borrowed(&[JitCode {
            name: Cow::Borrowed("p"),
            code: Cow::Borrowed(&PANIC_CODE),
            num_regs: [0, 0, 0],
            const_ints: Cow::Borrowed(&[]),
            const_refs: Cow::Borrowed(&[RefConst::Str(Cow::Borrowed(
                "explicit panic in static jitcode",
            ))]),
            const_floats: Cow::Borrowed(&[]),
            liveness: Cow::Borrowed(&[]),
            switches: Cow::Borrowed(&[]),
        }]),
        descrs: Cow::Borrowed(&[]),
        functions: Cow::Borrowed(&[]),
        portals: Cow::Borrowed(&[]),
    };
    // Safety: the jitcode touches no memory.
    unsafe { Blackhole::new(&PANICKING).call(0, &Args::default()) };
}
