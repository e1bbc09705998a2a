//! tlc's examples three ways (native, blackhole, JIT eager and at its defaults): the same
//! output and outcome, the output the golden `.out` file holds; under GC stress
//! (a collection at every allocation) natively, in the blackhole and with the eager JIT;
//! and the JIT's view of a method send on instances of two classes.

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::jitcode::JitCodes;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::{op_names, JitState};
use jitsupport::testing::golden::{check_golden, programs};
use jitsupport::testing::{compare, Target, Way};
use std::path::Path;
use tlc::interp::core::{self, Frame, Outcome, Program};

struct Tlc;

impl Target for Tlc {
    type Case = tlc::asm::Assembled;
    type State = (Program, Frame);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(case: &tlc::asm::Assembled) -> (Program, Frame) {
        (tlc::program(case), Frame::new())
    }

    fn call_native((program, frame): &mut (Program, Frame)) -> Outcome {
        core::run(program, frame)
    }

    fn portal_args((program, frame): &mut (Program, Frame)) -> Args {
        let program: *const Program = program;
        let frame: *mut Frame = frame;
        Args::new(&[], &[program as usize, frame as usize], &[])
    }

    unsafe fn result_from(value: Value) -> Outcome {
        match value {
            // Safety: the portal's jitcode returns the address of an `Outcome`.
            Value::Ref(address) => unsafe { *(address as *const Outcome) },
            other => panic!("the portal's jitcode returned {other:?}, not an Outcome"),
        }
    }

    fn capture<R>(_case: &tlc::asm::Assembled, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        let (r, text) = tlc::io::capture(f);
        (r, text.into_bytes())
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn assemble(path: &str) -> tlc::asm::Assembled {
    let source = std::fs::read_to_string(root().join(path)).expect("example is readable");
    match tlc::asm::assemble(&source) {
        Ok(a) => a,
        Err(errors) => panic!("{path} does not assemble: {errors:#?}"),
    }
}

#[test]
fn examples_agree_three_ways() {
    let examples = programs(root(), "examples", "tlc");
    assert!(examples.len() >= 4, "{examples:?}");
    let mut failures = Vec::new();
    for path in &examples {
        match compare::<Tlc>(&Way::ALL, &assemble(path)) {
            Ok(seen) => {
                let expected = root().join(path).with_extension("out");
                let output = String::from_utf8_lossy(&seen.output);
                if let Some(mismatch) = check_golden(&expected, &output) {
                    failures.push(format!("{path}: {mismatch}"));
                }
            }
            Err(why) => failures.push(format!("{path}:\n{why}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The ways run under GC stress.
const STRESS_WAYS: [Way; 3] = [Way::Native, Way::Blackhole, Way::JIT_EAGER];

#[test]
fn examples_agree_under_gc_stress() {
    // A collection at every allocation: objects held only by the interpreter's stack
    // array, the blackhole's registers, the tracer's boxes, compiled code's frame or a
    // native local survive.
    jitsupport::gc::set_stress(true);
    let mut failures = Vec::new();
    for path in [
        "examples/lists.tlc",
        "examples/shapes.tlc",
        "examples/counter.tlc",
    ] {
        if let Err(why) = compare::<Tlc>(&STRESS_WAYS, &assemble(path)) {
            failures.push(format!("{path}:\n{why}"));
        }
    }
    // Binary trees, smaller: 4 trees of depth 5 (the example's 50 of depth 8 take a
    // minute in a debug build when every allocation collects).
    let source = std::fs::read_to_string(root().join("examples/binary_trees.tlc"))
        .expect("example is readable")
        .replace("push 50         # i", "push 4          # i")
        .replace("    push 8\n", "    push 5\n");
    let small = tlc::asm::assemble(&source).expect("the smaller trees assemble");
    match compare::<Tlc>(&STRESS_WAYS, &small) {
        Ok(seen) => assert_eq!(seen.output, b"252\n"),
        Err(why) => failures.push(format!("small binary trees:\n{why}")),
    }
    jitsupport::gc::set_stress(false);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let stats = jitsupport::gc::stats();
    assert!(stats.minor_collections > 10_000, "{stats:?}");
}

#[test]
fn runtime_errors_agree_three_ways() {
    let seen = compare::<Tlc>(&Way::ALL, &assemble("examples/bad/type_error.tlc"))
        .expect("the ways agree");
    assert_eq!(seen.result.map(|o| o.status), Ok(core::Status::TypeError));
}

#[test]
fn a_send_loop_is_compiled_with_its_classes_known() {
    let case = assemble("examples/shapes.tlc");
    let mut state = Tlc::setup(&case);
    let params = JitParams {
        threshold: 3,
        ..JitParams::default()
    };
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let args = Tlc::portal_args(&mut state);
    let (value, out) = tlc::io::capture(|| unsafe { run_portal(&mut jit, 0, &args) });
    // Safety: as in `result_from`.
    let outcome = unsafe { Tlc::result_from(value) };
    assert_eq!(outcome.status, core::Status::Halted);
    assert_eq!(out, "1900\n");
    let stats = jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let text = trace.to_string();
    // The method lookups, attribute slots and bytecode fetches fold on the promoted
    // classes and the green program: no call of them is left.
    for folded in ["method_pc", "attr_slot", "class_size", "fetch"] {
        assert!(!text.contains(folded), "{folded} left in\n{text}");
    }
    // Every send guards its receiver's class; its method is inlined.
    let names = op_names(trace);
    assert!(names.contains(&"guard_nonnull_class") || names.contains(&"guard_class"));
    println!("{trace}");
    drop(state);
    println!("{trace}");
}
