//! The JIT on bf: the loops of the examples are traced, compiled and run, guards fail
//! into the blackhole and grow bridges, and the output is the native one.

use bf::interp::core::{self, Program, Tape};
use jitsupport::blackhole::Args;
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use jitsupport::List;
use std::path::Path;

/// Runs `source` with the JIT; returns the output and the JIT.
fn run(source: &str, input: &[u8], params: &str) -> (Vec<u8>, JitState) {
    let loaded = bf::load::load(source).expect("the example loads");
    let mut program = Program::new(List::from(loaded.code), List::from(loaded.brackets));
    let mut tape = Tape::new();
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let program_ptr: *const Program = &mut program;
    let tape_ptr: *mut Tape = &mut tape;
    let args = Args::new(&[], &[program_ptr as usize, tape_ptr as usize], &[]);
    // Safety: the arguments point to live values of the portal's parameter types.
    let (_, out) = bf::io::capture(input, || unsafe { run_portal(&mut jit, 0, &args) });
    (out, jit)
}

#[test]
fn the_examples_compile_loops_and_bridges() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (mut loops, mut bridges) = (0, 0);
    for name in ["hello", "reverse", "wrap", "tape_growth"] {
        let source = std::fs::read_to_string(root.join(format!("{name}.b"))).expect("readable");
        let input = std::fs::read(root.join(format!("{name}.in"))).unwrap_or_default();
        let expected = std::fs::read(root.join(format!("{name}.out"))).expect("readable");
        let (out, jit) = run(&source, &input, "threshold=1,trace_eagerness=1");
        assert_eq!(out, expected, "{name}");
        let stats = jit.stats();
        assert_eq!(stats.total_aborts(), 0, "{name}: {stats:?}");
        loops += stats.loops;
        bridges += stats.bridges;
    }
    assert!(loops >= 4, "{loops} loops");
    assert!(bridges >= 4, "{bridges} bridges");
}
