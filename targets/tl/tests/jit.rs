//! The JIT on tl: loops of the examples are traced, compiled and run, guards fail into
//! the blackhole and grow bridges, and the output is the native one.

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use jitsupport::List;
use tl::interp::core::{self, Frame, Outcome, Program};

fn run(source: &str, threshold: u32, eagerness: u32) -> (Outcome, String, JitState) {
    let code = tl::asm::assemble(source).expect("assembles").code;
    let mut program = Program::new(List::from(code));
    let mut frame = Frame::new();
    let params = JitParams {
        threshold,
        trace_eagerness: eagerness,
        ..JitParams::default()
    };
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let program_ptr: *const Program = &mut program;
    let frame_ptr: *mut Frame = &mut frame;
    let args = Args::new(&[], &[program_ptr as usize, frame_ptr as usize], &[]);
    let (value, out) = tl::io::capture(|| unsafe { run_portal(&mut jit, 0, &args) });
    let outcome = match value {
        Value::Ref(a) => unsafe { *(a as *const Outcome) },
        other => panic!("{other:?}"),
    };
    (outcome, out, jit)
}

const COUNT: &str =
    "push 0\npush 100\nloop:\nswap\npick 1\nadd\nswap\npush 1\nsub\ndup\nbr_if loop\npop\nprint\n";

#[test]
fn a_counting_loop_is_compiled() {
    let (outcome, out, jit) = run(COUNT, 3, 1000);
    assert_eq!(out, "5050\n");
    assert_eq!(outcome.status, core::Status::Halted);
    let stats = jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    for t in &stats.loop_traces {
        eprintln!("{t}");
    }
}

#[test]
fn a_tiny_trace_limit_gives_the_loop_up_instead_of_calling_tiny_entries() {
    // With trace_limit=20 the counting loop never fits; its biggest callee records only a
    // few ops a call, so it is not made an entry that the loop would call every
    // iteration (slower than interpreting): the key backs off and is given up.
    let code = tl::asm::assemble(COUNT).expect("assembles").code;
    let mut program = Program::new(List::from(code));
    let mut frame = Frame::new();
    let params = JitParams {
        threshold: 3,
        trace_limit: 20,
        ..JitParams::default()
    };
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let program_ptr: *const Program = &mut program;
    let frame_ptr: *mut Frame = &mut frame;
    let args = Args::new(&[], &[program_ptr as usize, frame_ptr as usize], &[]);
    let (_, out) = tl::io::capture(|| unsafe { run_portal(&mut jit, 0, &args) });
    assert_eq!(out, "5050\n");
    let stats = jit.stats();
    assert_eq!(stats.entries, 0, "{stats:?}");
    assert!(stats.dont_inline.is_empty(), "{stats:?}");
    assert_eq!(stats.keys_given_up, 1, "{stats:?}");
}
