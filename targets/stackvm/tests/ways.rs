//! stackvm's examples three ways (native, blackhole, JIT eager and at its defaults): the
//! same output and result, the output the golden `.out` file holds; the run-time errors
//! the same way; and the examples under GC stress (a collection at every allocation).

use jitsupport::blackhole::{Args, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::testing::golden::{check_golden, programs};
use jitsupport::testing::{compare, Target, Way};
use stackvm::interp::core::{self, Program, Vm};
use stackvm::{Outcome, Status};
use std::path::Path;

struct StackVm;

impl Target for StackVm {
    type Case = stackvm::asm::Assembled;
    type State = (Program, Vm);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(case: &stackvm::asm::Assembled) -> (Program, Vm) {
        (case.program(), Vm::new())
    }

    fn call_native((program, vm): &mut (Program, Vm)) -> Outcome {
        core::run(program, vm)
    }

    fn portal_args((program, vm): &mut (Program, Vm)) -> Args {
        let program: *const Program = program;
        let vm: *mut Vm = vm;
        Args::new(&[], &[program as usize, vm as usize], &[])
    }

    unsafe fn result_from(value: Value) -> Outcome {
        match value {
            // Safety: the portal's jitcode returns the address of an `Outcome`.
            Value::Ref(address) => unsafe { *(address as *const Outcome) },
            other => panic!("the portal's jitcode returned {other:?}, not an Outcome"),
        }
    }

    fn capture<R>(_case: &stackvm::asm::Assembled, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        let (r, text) = stackvm::io::capture(f);
        (r, text.into_bytes())
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn assemble_source(what: &str, source: &str) -> stackvm::asm::Assembled {
    match stackvm::asm::assemble(source) {
        Ok(a) => a,
        Err(errors) => panic!("{what} does not assemble: {errors:#?}"),
    }
}

fn assemble(path: &str) -> stackvm::asm::Assembled {
    let source = std::fs::read_to_string(root().join(path)).expect("example is readable");
    assemble_source(path, &source)
}

#[test]
fn examples_agree_three_ways() {
    let examples = programs(root(), "examples", "svm");
    assert!(examples.len() >= 5, "{examples:?}");
    let mut failures = Vec::new();
    for path in &examples {
        match compare::<StackVm>(&Way::ALL, &assemble(path)) {
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

#[test]
fn runtime_errors_agree_three_ways() {
    let seen = compare::<StackVm>(&Way::ALL, &assemble("examples/bad/type_error.svm"))
        .expect("the ways agree");
    assert_eq!(
        seen.result,
        Ok(Outcome {
            status: Status::TypeError,
            pc: 13
        })
    );
}
/// The ways run under GC stress.
const STRESS_WAYS: [Way; 3] = [Way::Native, Way::Blackhole, Way::JIT_EAGER];

#[test]
fn examples_agree_under_gc_stress() {
    // A collection at every allocation: the strings and objects held on the stack and in
    // the locals (both `List<Value>`s) must survive.
    jitsupport::gc::set_stress(true);
    let mut failures = Vec::new();
    for path in ["examples/string_loop.svm", "examples/calls.svm"] {
        let source = std::fs::read_to_string(root().join(path))
            .expect("example is readable")
            .replace("push 5000\n", "push 300\n")
            .replace("push 2000\n", "push 300\n");
        if let Err(why) = compare::<StackVm>(&STRESS_WAYS, &assemble_source(path, &source)) {
            failures.push(format!("{path}:\n{why}"));
        }
    }
    jitsupport::gc::set_stress(false);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
