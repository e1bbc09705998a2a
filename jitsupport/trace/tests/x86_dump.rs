//! The x86-64 backend's `jit-backend-dump` text: the address and bytes of a loop and its
//! bridges, and the disassembly labelled by trace op.

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::X86Backend;
use jitsupport_trace::backend::Backend;
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
