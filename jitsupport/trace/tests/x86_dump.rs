//! The x86-64 backend's `jit-backend-dump` text: the address and bytes of a loop and its
//! bridges, and the disassembly labelled by trace op.

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::X86Backend;
use jitsupport_trace::backend::{Backend, LoopId};
use jitsupport_trace::*;

#[test]
fn dump_labels_instructions_with_trace_ops() {
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0]
i1 = same_as_i(0)
i2 = same_as_i(0)
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_add(i2, i1)
i5 = int_add(i1, 1)
jump(i0, i5, i4, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let mut backend = X86Backend::new();
    let id = backend.compile_loop(&trace).expect("the loop compiles");
    let bridge = parse("[i0, i1]\nfinish(i1, i0)\n", &mut t).expect("the bridge parses");
    backend
        .compile_bridge(&t.guard(1), &bridge)
        .expect("the bridge compiles");
    let dump = backend.dump(id);
    if std::env::var_os("PYRITE_SHOW_DUMP").is_some() {
        println!("{dump}");
    }
    assert!(dump.starts_with("loop 0 at 0x"), "{dump}");
    assert!(dump.contains("\nbridge of <Guard1> at 0x"), "{dump}");
    for line in [
        "  # i3 = int_lt(i1, i0)\n",
        "  # guard_true(i3, descr=<Guard1>) [i1, i2]\n",
        "  # jump(i0, i5, i4, descr=<Label0>)\n",
        "  # finish(i1, i0)\n",
        "  # guard stubs and the epilogue\n",
    ] {
        assert!(dump.contains(line), "no {line:?} in\n{dump}");
    }
    // The comparison feeds the guard through the flags (its only use): cmp, then jge
    // to the stub, with no setl.
    let compare = dump
        .split("# i3 = int_lt")
        .nth(1)
        .and_then(|rest| rest.split("# i4").next())
        .unwrap_or("");
    assert!(
        compare.contains(" cmp ") && compare.contains(" jge ") && !compare.contains(" setl "),
        "{compare}"
    );
    assert!(dump.contains(" ret"), "{dump}");
    assert_eq!(backend.execute(id, &[10]).values, [45, 10]);
    backend.free_loop(id);
    assert_eq!(backend.dump(id), "");
}

/// `trace` compiled as a loop by a new backend, with its dump (printed when
/// `PYRITE_SHOW_DUMP` is set).
fn compiled(trace: &Trace) -> (X86Backend, LoopId, String) {
    let mut backend = X86Backend::new();
    let id = backend.compile_loop(trace).expect("the trace compiles");
    let dump = backend.dump(id);
    if std::env::var_os("PYRITE_SHOW_DUMP").is_some() {
        println!("{dump}");
    }
    (backend, id, dump)
}

/// The instructions under the trace op whose text starts with `op`, up to the next op.
fn under<'d>(dump: &'d str, op: &str) -> &'d str {
    dump.split(&format!("# {op}"))
        .nth(1)
        .and_then(|rest| rest.split("\n  # ").next())
        .unwrap_or("")
}

#[test]
fn float_code_stays_in_xmm_registers_and_flags() {
    let mut t = DescrTable::new();
    t.add_call(CallDescr {
        name: "f".to_string(),
        arg_kinds: vec![Kind::Int],
        result: Some(Kind::Int),
        effect: EffectInfo::random(),
    });
    extern "C-unwind" fn f(_: *const i64, _: *const usize, _: *const f64, _: *mut u64) {}
    t.add_const("f", Value::ConstInt(f as *const () as usize as i64));
    let trace = parse(
        "[i0, f1, f2]
i3 = float_eq(f1, f2)
guard_false(i3, descr=<Guard1>) [i0]
i4 = float_ne(f1, 0.5)
guard_false(i4, descr=<Guard2>) [i0]
i5 = call_i(ConstClass(f), i0, descr=<CallDescr f>)
f6 = float_neg(f1)
f7 = float_add(f6, f1)
f8 = float_mul(f7, f1)
finish(i5, f8)
",
        &mut t,
    )
    .expect("the trace parses");
    let (mut backend, id, dump) = compiled(&trace);
    // float_eq failing its guard_false: jp around je, no setcc.
    let eq = under(&dump, "guard_false(i3");
    assert!(eq.contains(" jp ") && eq.contains(" je "), "{dump}");
    // float_ne failing its guard_false: jne and jp to the stub.
    let ne = under(&dump, "guard_false(i4");
    assert!(ne.contains(" jne ") && ne.contains(" jp "), "{dump}");
    assert!(
        !dump.contains(" sete ") && !dump.contains(" setne "),
        "{dump}"
    );
    // float_neg in xmm registers, not through rax.
    let neg = under(&dump, "f6 = float_neg");
    assert!(neg.contains("xorpd") && !neg.contains("rax"), "{dump}");
    // f1, read three times after the call, is loaded from its slot once.
    let after_call = dump.split("# f6 = float_neg").nth(1).unwrap_or("");
    let slot_reads = after_call.matches("movsd").count();
    assert_eq!(slot_reads, 1, "{dump}");
    // x = 0.5 passes both guards; 2.0 equals f2 (guard 1); 1.5 and NaN are not 0.5.
    for (x, exit) in [
        (0.5f64, None),
        (2.0, Some(1)),
        (1.5, Some(2)),
        (f64::NAN, Some(2)),
    ] {
        let frame = backend.execute(id, &[3, x.to_bits(), 2.0f64.to_bits()]);
        match exit {
            None => assert_eq!(frame.values, [0, ((-x + x) * x).to_bits()], "{x}"),
            Some(n) => assert_eq!(frame.guard().map(|g| g.number), Some(n), "{x}"),
        }
    }
}

#[test]
fn bridge_computes_into_the_label_registers() {
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0, i1, i2]
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_and(i1, 1)
guard_false(i4, descr=<Guard2>) [i0, i1, i2]
i5 = int_add(i2, i1)
i6 = int_add(i1, 1)
jump(i0, i6, i5, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let mut backend = X86Backend::new();
    let id = backend.compile_loop(&trace).expect("the loop compiles");
    let bridge = parse(
        "[i0, i1, i2]
i3 = int_add(i2, 100)
i4 = int_add(i1, 1)
jump(i0, i4, i3, descr=<Label0>)
",
        &mut t,
    )
    .expect("the bridge parses");
    backend
        .compile_bridge(&t.guard(2), &bridge)
        .expect("the bridge compiles");
    let dump = backend.dump(id);
    if std::env::var_os("PYRITE_SHOW_DUMP").is_some() {
        println!("{dump}");
    }
    // The label takes i0, i1, i2 in rbx, rbp, r12: the bridge keeps its i0 in rbx and
    // computes i4 and i3 into rbp and r12, so its jump is a jump only; so is the loop's.
    let bridge_code = dump.split("bridge of <Guard2>").nth(1).unwrap_or("");
    for code in [dump.as_str(), bridge_code] {
        let jump = under(code, "jump(");
        assert!(jump.contains(" jmp ") && !jump.contains(" mov "), "{dump}");
    }
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(frame.values, [10, 2 + 4 + 6 + 8 + 500]);
}

#[test]
fn results_are_computed_in_place_of_dying_operands() {
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0, i1, i2]
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_add(i2, 3)
i5 = int_and(i4, 255)
i6 = int_add(i1, 1)
jump(i0, i6, i5, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let (mut backend, id, dump) = compiled(&trace);
    // i4 has no hint but i2 dies at it: computed in i2's register; i5 then goes to the
    // register the label takes it in, where i4 dies; the jump has no move left.
    // (A mask of the low byte is a `movzx`.)
    for (op, instr) in [("i4 = int_add", " add "), ("i5 = int_and", " movzx ")] {
        let code = under(&dump, op);
        assert!(
            code.contains(instr) && !code.contains(" mov ") && !code.contains(" lea "),
            "{dump}"
        );
    }
    assert!(!under(&dump, "jump(").contains(" mov "), "{dump}");
    assert_eq!(
        backend.execute(id, &[100, 0, 7]).values,
        [100, (7 + 300) & 255]
    );
}

#[test]
fn a_loop_ending_in_a_guard_branches_back_from_it() {
    // The guard before the final jump (nothing to move) jumps back to the label when it
    // holds and falls through to its stub: one taken branch per iteration.
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0, i1]
label(i0, i1, descr=<Label0>)
i2 = int_add(i1, i0)
i3 = int_sub(i0, 1)
i4 = int_is_true(i3)
guard_true(i4, descr=<Guard1>) [i3, i2]
jump(i3, i2, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let (mut backend, id, dump) = compiled(&trace);
    let guard = under(&dump, "guard_true(i4");
    // The lines after the op's own: address, bytes, mnemonic.
    let branches: Vec<&str> = guard
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert_eq!(branches, ["jne", "jmp"], "{dump}");
    assert_eq!(under(&dump, "jump(").trim(), "", "{dump}");
    // The guard fails when i3 reaches 0: i2 = 5 + 4 + 3 + 2 + 1.
    assert_eq!(backend.execute(id, &[5, 0]).values, [0, 15]);
}
