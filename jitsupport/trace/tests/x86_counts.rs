//! Bridge entry counters for `jit-backend-counts`: with counting on, a bridge starts with
//! an increment of its own counter and `counts::counts` reports its entries by guard
//! number; off, bridges carry no such instruction. (One test: the switch is per process.)

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::{counts, X86Backend};
use jitsupport_trace::backend::{Backend, LoopId};
use jitsupport_trace::*;

/// The counting loop `[i0]` whose exit (guard 1) gets the bridge `finish(i0, i1 + 1)`.
fn loop_with_bridge(backend: &mut X86Backend) -> LoopId {
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0]
i1 = same_as_i(0)
label(i0, i1, descr=<Label0>)
i2 = int_lt(i1, i0)
guard_true(i2, descr=<Guard1>) [i1, i0]
i3 = int_add(i1, 1)
jump(i0, i3, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let id = backend.compile_loop(&trace).expect("the loop compiles");
    let bridge = parse("[i0, i1]\ni2 = int_add(i1, 1)\nfinish(i0, i2)\n", &mut t)
        .expect("the bridge parses");
    backend
        .compile_bridge(&t.guard(1), &bridge)
        .expect("the bridge compiles");
    id
}

/// The dump of the bridge's code, from its header to the end.
fn bridge_dump(backend: &X86Backend, id: LoopId) -> String {
    let dump = backend.dump(id);
    let at = dump
        .find("bridge of <Guard1>")
        .expect("the bridge is dumped");
    dump[at..].to_string()
}

#[test]
fn bridges_count_their_entries_only_while_counting() {
    // Off (the default): no counter.
    let mut backend = X86Backend::new();
    let id = loop_with_bridge(&mut backend);
    assert_eq!(backend.execute(id, &[4]).values, [4, 5]);
    let dump = bridge_dump(&backend, id);
    assert!(!dump.contains("inc "), "{dump}");
    assert_eq!(counts::counts(), []);
    // On: each entry through the guard's stub counts once; the loop's own iterations and
    // the interpreter's runs do not.
    counts::set_counting(true);
    let mut backend = X86Backend::new();
    let id = loop_with_bridge(&mut backend);
    for n in 0..5 {
        assert_eq!(backend.execute(id, &[n]).values, [n, n + 1]);
    }
    let dump = bridge_dump(&backend, id);
    assert!(dump.contains("inc qword ptr [r11]"), "{dump}");
    assert_eq!(counts::counts(), [(1, 5)]);
    // The counts stay readable after the loop is freed (the log is written at exit).
    backend.free_loop(id);
    assert_eq!(counts::counts(), [(1, 5)]);
    counts::set_counting(false);
}
