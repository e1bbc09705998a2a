//! The machine code of a tlc loop that allocates an escaping object per iteration (a cons
//! cell, the next cell's tail): the allocation is inline, a bump of the collector's cursor
//! with no call on its fast path, in the `jit-backend-dump` section. (A file of its own:
//! the log is process-wide.)

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::{log, JitParams};
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use tlc::interp::core::{self, Frame, Outcome, Status};

/// Three times: a list of 300 cells consed in a loop, then counted.
const CHURN: &str = "
    push 0
    push 3
outer:
    swap
    pop
    nil
    push 300
build:
    dup
    br_if more
    pop
    push 0
    swap
count:
    dup
    is_nil
    br_if counted
    cdr
    swap
    push 1
    add
    swap
    br count
counted:
    pop
    swap
    push 1
    sub
    dup
    br_if outer
    pop
    print
    halt
more:
    swap
    pick 1
    swap
    cons
    swap
    push 1
    sub
    br build
";

#[test]
fn a_loop_allocating_an_escaping_cell_allocates_inline() {
    let path = std::env::temp_dir().join(format!("pyrite-tlc-dump-{}.txt", std::process::id()));
    log::init(&format!("jit-backend-dump:{}", path.display())).expect("log opens");
    let assembled = tlc::asm::assemble(CHURN).expect("the program assembles");
    let program = tlc::program(&assembled);
    let mut frame = Frame::new();
    let mut jit = JitState::new(
        core::__pyrite::jitcodes(),
        JitParams {
            threshold: 3,
            ..JitParams::default()
        },
    );
    let program_ptr: *const core::Program = &program;
    let frame_ptr: *mut Frame = &mut frame;
    let args = Args::new(&[], &[program_ptr as usize, frame_ptr as usize], &[]);
    // SAFETY: the portal's arguments are the program and the frame, alive for the call.
    let (value, out) = tlc::io::capture(|| unsafe { run_portal(&mut jit, 0, &args) });
    let outcome = match value {
        // SAFETY: the portal's jitcode returns the address of an `Outcome`.
        Value::Ref(address) => unsafe { *(address as *const Outcome) },
        other => panic!("the portal returned {other:?}"),
    };
    assert_eq!((outcome.status, out.as_str()), (Status::Halted, "300\n"));
    log::flush();
    let dump = std::fs::read_to_string(&path).expect("the log is written");
    let _ = std::fs::remove_file(&path);
    let marker = "= new_with_vtable(descr=<SizeDescr Gc<ConsObj>>)";
    let sections: Vec<&str> = dump
        .split("\n  # ")
        .filter(|s| s.contains(marker))
        .collect();
    assert!(!sections.is_empty(), "no cons allocation in\n{dump}");
    for code in sections {
        assert!(code.contains(" ja "), "no limit check:\n{code}");
        assert!(!code.contains("call"), "a call on the fast path:\n{code}");
    }
}
