//! Freeing compiled code gives its slots back: a backend that compiles and frees loops
//! again and again keeps tables the size of its live code (issue 16: memory grew with the
//! compilations), and code placed in a reused slot runs and dumps as its own.

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::X86Backend;
use jitsupport_trace::backend::{Backend, LoopId};
use jitsupport_trace::*;

/// Compiles the counting loop with a bridge at its exit (`finish(i1, i0 + k)`) into
/// `backend`; runs it and checks the result.
fn compile_and_run(backend: &mut X86Backend, k: u64) -> LoopId {
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
    let bridge = parse(
        &format!("[i0, i1]\ni2 = int_add(i1, {k})\nfinish(i0, i2)\n"),
        &mut t,
    )
    .expect("the bridge parses");
    backend
        .compile_bridge(&t.guard(1), &bridge)
        .expect("the bridge compiles");
    assert_eq!(backend.execute(id, &[7]).values, [7, 7 + k]);
    id
}

#[test]
fn freed_loops_give_their_table_slots_back() {
    let mut backend = X86Backend::new();
    // Two loops stay alive throughout; a third is compiled and freed again and again.
    let a = compile_and_run(&mut backend, 1);
    let b = compile_and_run(&mut backend, 2);
    let first = compile_and_run(&mut backend, 3);
    let sizes = backend.table_sizes();
    backend.free_loop(first);
    for round in 0..300 {
        let id = compile_and_run(&mut backend, 100 + round);
        assert!(
            backend
                .dump(id)
                .starts_with(&format!("loop {} at 0x", id.0)),
            "round {round}: {}",
            backend.dump(id)
        );
        assert_eq!(backend.table_sizes(), sizes, "round {round}");
        backend.free_loop(id);
        assert_eq!(backend.dump(id), "");
    }
    // The loops alive all along still run.
    assert_eq!(backend.execute(a, &[5]).values, [5, 6]);
    assert_eq!(backend.execute(b, &[5]).values, [5, 7]);
    backend.free_loop(a);
    backend.free_loop(b);
    let [codes, loops, targets, guards, exits] = backend.table_sizes();
    assert_eq!((loops, targets, guards, exits), (0, 0, 0, 0));
    assert_eq!(
        codes, sizes[0],
        "the vector keeps its (empty) slots for reuse"
    );
}
