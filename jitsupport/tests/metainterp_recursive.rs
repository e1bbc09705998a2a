//! Recursion under the meta-tracer, in the style of RPython's `test_recursive.py`: the
//! interpreter calls its own portal for a call of the user's program. The tracer records
//! such a call as `call_assembler` (never inlined, so recursion is a call in the trace);
//! the callee gets an entry trace keyed by the arguments constant at the call (the
//! program and the function), and compiled code runs the callee's compiled entry,
//! recursively. The depth of the user's recursion is bounded by a parameter of the
//! interpreter (`Code.max_depth`), whose excess is the program's error (-1), not a
//! native stack overflow. Native, blackhole and JIT runs agree.

mod common;

use common::count;
use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::{op_names, JitState};
use jitsupport::{Gc, GcCell, List};

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{Gc, GcCell, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["x", "acc", "n", "depth"]);

    /// A program: `op, arg` pairs, and the deepest recursion it may use.
    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
        #[immutable]
        pub max_depth: i64,
        #[immutable]
        pub globals: Gc<Globals>,
    }

    /// A global the functions read and the program rarely writes.
    pub struct Globals {
        #[quasi_immutable]
        pub scale: GcCell<i64>,
    }

    /// `RETSMALL _`: returns `x` if it is below 2.
    pub const RETSMALL: i64 = 1;
    /// `CALL1 f`: `acc = f(x - 1)`.
    pub const CALL1: i64 = 2;
    /// `CALL2 f`: `acc += f(x - 2)`.
    pub const CALL2: i64 = 3;
    /// `CALLX f`: `acc += f(x)`.
    pub const CALLX: i64 = 4;
    /// `DEC target`: decrements `n` and jumps back to `target` unless it is 0.
    pub const DEC: i64 = 5;
    /// `RET _`: returns `acc`.
    pub const RET: i64 = 6;
    /// `ADDG _`: adds the global `scale` to `acc`.
    pub const ADDG: i64 = 7;
    /// `SETN k`: adds 1 to the global `scale` when `n` is `k`.
    pub const SETN: i64 = 8;

    /// Runs the function at `start` with argument `x` (and loop counter `n`) at
    /// recursion depth `depth`; -1 when the recursion is too deep.
    pub fn run(code: &Code, start: i64, x: i64, n: i64, depth: i64) -> i64 {
        if depth > code.max_depth {
            return -1;
        }
        let mut pc: usize = start as usize;
        let mut acc: i64 = 0;
        let mut n = n;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, code; x, acc, n, depth);
            let op = code.ops[pc];
            let arg = code.ops[pc + 1];
            pc += 2;
            if op == RETSMALL {
                if x < 2 {
                    return x;
                }
            } else if op == CALL1 {
                let r = run(code, arg, x - 1, 0, depth + 1);
                if r < 0 {
                    return r;
                }
                acc = r;
            } else if op == CALL2 {
                let r = run(code, arg, x - 2, 0, depth + 1);
                if r < 0 {
                    return r;
                }
                acc = acc.wrapping_add(r);
            } else if op == CALLX {
                let r = run(code, arg, x, 0, depth + 1);
                if r < 0 {
                    return r;
                }
                acc = acc.wrapping_add(r);
            } else if op == ADDG {
                acc = acc.wrapping_add(code.globals.scale.get());
            } else if op == SETN {
                if n == arg {
                    jitsupport::quasi_write!(code.globals.scale.set(code.globals.scale.get() + 1));
                }
            } else if op == DEC {
                n -= 1;
                if n != 0 {
                    pc = arg as usize;
                    jitsupport::can_enter_jit!(DRIVER; pc, code; x, acc, n, depth);
                }
            } else {
                return acc;
            }
        }
    }
}

/// main (at 0): `CALLX fib; DEC 0; RET`; fib (at 6): `RETSMALL; CALL1 fib; CALL2 fib; RET`.
const PROGRAM: [i64; 14] = [4, 6, 5, 0, 6, 0, 1, 0, 2, 6, 3, 6, 6, 0];

fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// main (at 0): `CALLX fib; SETN 15; DEC 0; RET`; fib (at 8): `RETSMALL; CALL1 fib;
/// CALL2 fib; ADDG; RET`: fib plus the global at every inner node.
const PROGRAM_WITH_GLOBAL: [i64; 18] = [4, 8, 8, 15, 5, 0, 6, 0, 1, 0, 2, 8, 3, 8, 7, 0, 6, 0];

/// Runs main with `x` and `n` natively and under a fresh JIT with `params`.
fn run(x: i64, n: i64, max_depth: i64, params: &str) -> (i64, i64, JitState) {
    run_program(&PROGRAM, x, n, max_depth, params)
}

fn run_program(
    program: &[i64],
    x: i64,
    n: i64,
    max_depth: i64,
    params: &str,
) -> (i64, i64, JitState) {
    let code = || core::Code {
        ops: List::from(program.to_vec()),
        max_depth,
        globals: Gc::new(core::Globals {
            scale: GcCell::new(1),
        }),
    };
    let native = core::run(&code(), 0, x, n, 0);
    let code = code();
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let args = Args::new(&[0, x, n, 0], &[&code as *const core::Code as usize], &[]);
    // Safety: the arguments are those of `core::run`, the portal of these jitcodes.
    let result = match unsafe { run_portal(&mut jit, 0, &args) } {
        Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    };
    (native, result, jit)
}

#[test]
fn recursive_fib_runs_through_call_assembler() {
    for params in ["off", "threshold=1,function_threshold=1", "threshold=3", ""] {
        let (native, jit_result, jit) = run(12, 30, 100, params);
        assert_eq!(native, 30 * fib(12), "{params}");
        assert_eq!(jit_result, native, "{params}");
        let stats = jit.stats();
        if params == "off" || params.is_empty() {
            // Off, or the default threshold is not reached.
            assert_eq!(stats.loops, 0, "{params}");
            continue;
        }
        assert_eq!(stats.loops, 1, "{params}: {stats:?}");
        let names = op_names(&stats.loop_traces[0]);
        // One in the preamble, one in the peeled body.
        assert_eq!(
            count(&names, "call_assembler_i"),
            2,
            "{}",
            stats.loop_traces[0]
        );
        assert_eq!(count(&names, "call_i"), 0, "{}", stats.loop_traces[0]);
        // fib's entry calls itself twice through call_assembler.
        assert_eq!(stats.entries, 1, "{params}: {stats:?}");
        let entry = op_names(&stats.entry_traces[0]);
        assert_eq!(
            count(&entry, "call_assembler_i"),
            2,
            "{}",
            stats.entry_traces[0]
        );
        let entries = jit.entry_stats();
        assert!(entries.compiled_runs > 1000, "{params}: {entries:?}");
    }
}

#[test]
fn a_write_of_a_global_invalidates_the_compiled_entry() {
    for params in ["off", "threshold=1,function_threshold=1", "threshold=3"] {
        let (native, jit_result, jit) = run_program(&PROGRAM_WITH_GLOBAL, 10, 30, 100, params);
        assert_eq!(jit_result, native, "{params}");
        if params == "off" {
            continue;
        }
        let stats = jit.stats();
        assert_eq!(stats.entries, 1, "{params}: {stats:?}");
        let entry = &stats.entry_traces[0];
        let text = entry.to_string();
        assert!(!text.contains("GcCell"), "the global is folded: {text}");
        assert!(
            count(&op_names(entry), "guard_not_invalidated") >= 1,
            "{text}"
        );
        assert_eq!(
            jit.entry_stats().invalidated,
            1,
            "{params}: {:?}",
            jit.entry_stats()
        );
    }
}

#[test]
fn too_deep_recursion_is_the_programs_error() {
    for params in ["off", "threshold=1,function_threshold=1"] {
        let (native, jit_result, _) = run(12, 10, 8, params);
        assert_eq!(native, -1, "{params}");
        assert_eq!(jit_result, -1, "{params}");
    }
}
