//! Recursion through `call_assembler` with a GC frame per call that is the driver's
//! virtualizable (as a Python interpreter's frames are): each call of the user's
//! program allocates its own `Gc<Frame>` and runs the portal on it. The loop records
//! the recursive call as `call_assembler` (the caller's frame is written back before it
//! and read again after it), the callee runs its compiled entry (which reads its frame
//! in memory: entry traces keep no virtualizable yet), the depth is the program's
//! parameter, and native, blackhole and JIT agree (also under GC stress).

mod common;

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use jitsupport::List;

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{Gc, GcArray, GcCell, JitDriver, List};

    static DRIVER: JitDriver =
        JitDriver::new(&["pc", "code"], &["frame", "depth"]).virtualizable("frame");

    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
        #[immutable]
        pub max_depth: i64,
    }

    /// A call's frame: `x` (its argument), `acc` and `n` (a loop counter) in `slots`.
    #[virtualizable(sp, slots[*])]
    pub struct Frame {
        #[immutable]
        pub slots: GcArray<i64>,
        pub sp: GcCell<usize>,
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

    pub fn new_frame(x: i64, n: i64) -> Gc<Frame> {
        let frame = Gc::new(Frame {
            slots: GcArray::new(3, 0),
            sp: GcCell::new(3),
        });
        frame.slots.set(0, x);
        frame.slots.set(2, n);
        frame
    }

    /// Runs the function at `start` on `frame` at recursion depth `depth`; -1 when the
    /// recursion is too deep.
    pub fn run(code: &Code, start: i64, frame: Gc<Frame>, depth: i64) -> i64 {
        if depth > code.max_depth {
            return -1;
        }
        let mut pc: usize = start as usize;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, code; frame, depth);
            let op = code.ops[pc];
            let arg = code.ops[pc + 1];
            pc += 2;
            let x = frame.slots.get(0);
            if op == RETSMALL {
                if x < 2 {
                    return x;
                }
            } else if op == CALL1 || op == CALL2 || op == CALLX {
                let d = if op == CALL1 {
                    1
                } else if op == CALL2 {
                    2
                } else {
                    0
                };
                let r = run(code, arg, new_frame(x - d, 0), depth + 1);
                if r < 0 {
                    return r;
                }
                if op == CALL1 {
                    frame.slots.set(1, r);
                } else {
                    frame.slots.set(1, frame.slots.get(1).wrapping_add(r));
                }
            } else if op == DEC {
                frame.slots.set(2, frame.slots.get(2) - 1);
                if frame.slots.get(2) != 0 {
                    pc = arg as usize;
                    jitsupport::can_enter_jit!(DRIVER; pc, code; frame, depth);
                }
            } else {
                return frame.slots.get(1);
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

/// Runs main with `x` and `n` natively and under a fresh JIT with `params`.
fn run(x: i64, n: i64, max_depth: i64, params: &str) -> (i64, i64, JitState) {
    let code = || core::Code {
        ops: List::from(PROGRAM.to_vec()),
        max_depth,
    };
    let native = core::run(&code(), 0, core::new_frame(x, n), 0);
    let code = code();
    let frame = core::new_frame(x, n);
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let args = Args::new(
        &[0, 0],
        &[&code as *const core::Code as usize, frame.as_ptr() as usize],
        &[],
    );
    // Safety: the arguments are those of `core::run`, the portal of these jitcodes.
    let result = match unsafe { run_portal(&mut jit, 0, &args) } {
        Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    };
    (native, result, jit)
}

#[test]
fn recursive_fib_with_gc_frames_three_ways() {
    for params in ["off", "threshold=1,function_threshold=1", "threshold=3", ""] {
        let (native, jit_result, jit) = run(10, 20, 100, params);
        assert_eq!(native, 20 * fib(10), "{params}");
        assert_eq!(jit_result, native, "{params}");
        if params == "threshold=1,function_threshold=1" {
            let stats = jit.stats();
            assert!(stats.loops >= 1, "{stats:?}");
            assert!(stats.entries >= 1, "{stats:?}");
            let text = stats.loop_traces[0].to_string();
            assert!(text.contains("call_assembler_i"), "{text}");
        }
    }
}

#[test]
fn too_deep_recursion_with_gc_frames_is_the_programs_error() {
    for params in ["off", "threshold=1,function_threshold=1"] {
        let (native, jit_result, _) = run(12, 3, 5, params);
        assert_eq!(native, -1, "{params}");
        assert_eq!(jit_result, -1, "{params}");
    }
}

#[test]
fn recursive_gc_frames_survive_gc_stress() {
    jitsupport::gc::set_stress(true);
    let results: Vec<_> = ["off", "threshold=1,function_threshold=1"]
        .iter()
        .map(|p| (*p, run(7, 5, 100, p)))
        .collect();
    jitsupport::gc::set_stress(false);
    for (p, (native, jit_result, _)) in results {
        assert_eq!(jit_result, native, "{p}");
        assert_eq!(native, 5 * fib(7), "{p}");
    }
}
