//! Virtualizable frames under the meta-tracer, in the style of RPython's
//! `test_virtualizable.py`: a stack VM whose frame (`sp`, a `locals` array and a value
//! stack of boxed integers) is the driver's virtualizable. Its loops keep the frame in
//! boxes: no read or write of the frame and no allocation of the pushed integers in the
//! optimized loop; the results and the frame left behind agree with the native run and
//! the blackhole's; a guard failing mid-loop, residual calls that read and write the
//! frame, and leaving the loop all see and leave the right frame.

mod common;

use common::count;
use jitsupport::jit::JitParams;
use jitsupport::metainterp::{op_names, JitState};
use jitsupport::{Gc, GcArray, List};

#[jitsupport::interpreter]
pub mod vm {
    use jitsupport::{
        can_enter_jit, dont_look_inside, elidable, jit_merge_point, Gc, GcArray, JitDriver, List,
    };

    static DRIVER: JitDriver =
        JitDriver::new(&["pc", "code"], &["frame", "other"]).virtualizable("frame");

    /// `PUSH k`: pushes the integer `k`.
    pub const PUSH: i64 = 1;
    /// `LOAD i`: pushes local `i`.
    pub const LOAD: i64 = 2;
    /// `STORE i`: pops into local `i`.
    pub const STORE: i64 = 3;
    /// `ADD _`: pops two, pushes the sum.
    pub const ADD: i64 = 4;
    /// `SUB _`: pops `b` and `a`, pushes `a - b`.
    pub const SUB: i64 = 5;
    /// `JNZ target`: pops; jumps back to `target` unless it is 0.
    pub const JNZ: i64 = 6;
    /// `SUM _`: pushes the sum of the stack, read by a residual call.
    pub const SUM: i64 = 7;
    /// `POKE k`: a residual call adds `k` to local 0 and replaces the top of the stack
    /// by its double.
    pub const POKE: i64 = 8;
    /// `OVER k`: pops `x`; when `x > k`, adds `x` to local 3 (a branch that changes
    /// direction in the middle of a loop).
    pub const OVER: i64 = 9;
    /// `HALT _`: returns the frame's checksum.
    pub const HALT: i64 = 10;
    /// `PICK k`: pushes a copy of stack item `k` (counted from the bottom).
    pub const PICK: i64 = 11;
    /// `PUT k`: pops into stack item `k` (counted from the bottom).
    pub const PUT: i64 = 12;
    /// `PEER k`: pops a value and pushes it on the other frame's stack (replacing its
    /// top if it is full), adds `k` to its local 0, and pushes its depth (the other
    /// frame is a red too, but not the driver's virtualizable).
    pub const PEER: i64 = 13;

    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
    }

    /// A boxed integer: what the value stack holds.
    pub struct IntObj {
        pub value: i64,
    }

    /// The frame: compiled code keeps `sp`, the locals and the stack in registers.
    #[virtualizable(sp, locals[*], stack[*])]
    pub struct Frame {
        #[immutable]
        pub locals: GcArray<i64>,
        #[immutable]
        pub stack: GcArray<Option<Gc<IntObj>>>,
        pub sp: usize,
        /// Not kept: a plain field.
        pub steps: i64,
    }

    impl Frame {
        fn push(&mut self, x: i64) {
            self.stack.set(self.sp, Some(Gc::new(IntObj { value: x })));
            self.sp += 1;
        }

        /// Pops the top, and clears its slot (as PyPy's frames do), so that compiled
        /// code carries no dead value across a loop's iterations.
        fn pop(&mut self) -> i64 {
            self.sp -= 1;
            let top = self.stack.get(self.sp);
            self.stack.set(self.sp, None);
            match top {
                Some(x) => x.value,
                None => 0,
            }
        }
    }

    /// The sum of the values on the stack, read natively.
    #[dont_look_inside]
    pub fn stack_sum(frame: &Frame) -> i64 {
        let mut sum = 0;
        for i in 0..frame.sp {
            if let Some(x) = frame.stack.get(i) {
                sum += x.value;
            }
        }
        sum
    }

    /// Adds `k` to local 0 and doubles the top of the stack, natively.
    #[dont_look_inside]
    pub fn poke(frame: &mut Frame, k: i64) {
        frame.locals.set(0, frame.locals.get(0).wrapping_add(k));
        let top = frame.sp - 1;
        let v = frame.stack.get(top).map_or(0, |x| x.value);
        frame.stack.set(
            top,
            Some(Gc::new(IntObj {
                value: v.wrapping_mul(2),
            })),
        );
    }

    /// The word at `pc` of the program (green: folds in a trace).
    #[elidable]
    pub fn fetch(code: &Code, pc: usize) -> i64 {
        code.ops[pc]
    }

    /// A hash of what the frame holds.
    pub fn checksum(frame: &Frame) -> i64 {
        let mut h: i64 = frame.sp as i64;
        let mut i = 0;
        while i < frame.locals.len() {
            h = h.wrapping_mul(31).wrapping_add(frame.locals.get(i));
            i += 1;
        }
        let mut j = 0;
        while j < frame.sp {
            let v = match frame.stack.get(j) {
                Some(x) => x.value,
                None => -1,
            };
            h = h.wrapping_mul(31).wrapping_add(v);
            j += 1;
        }
        h.wrapping_mul(31).wrapping_add(frame.steps)
    }

    pub fn run(code: &Code, frame: &mut Frame, other: &mut Frame) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, code; frame, other);
            let op = fetch(code, pc);
            let arg = fetch(code, pc + 1);
            pc += 2;
            if op == PUSH {
                frame.push(arg);
            } else if op == LOAD {
                let v = frame.locals.get(arg as usize);
                frame.push(v);
            } else if op == STORE {
                let v = frame.pop();
                frame.locals.set(arg as usize, v);
            } else if op == ADD {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(a.wrapping_add(b));
            } else if op == SUB {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(a.wrapping_sub(b));
            } else if op == JNZ {
                if frame.pop() != 0 {
                    pc = arg as usize;
                    can_enter_jit!(DRIVER; pc, code; frame, other);
                }
            } else if op == SUM {
                frame.steps += 1;
                let s = stack_sum(frame);
                frame.push(s);
            } else if op == POKE {
                poke(frame, arg);
            } else if op == PICK {
                let v = frame.stack.get(arg as usize);
                frame.stack.set(frame.sp, v);
                frame.sp += 1;
            } else if op == PUT {
                frame.sp -= 1;
                let v = frame.stack.get(frame.sp);
                frame.stack.set(arg as usize, v);
            } else if op == PEER {
                let x = frame.pop();
                if other.sp == other.stack.len() {
                    other.pop();
                }
                other.push(x);
                other.locals.set(0, other.locals.get(0).wrapping_add(arg));
                frame.push(other.sp as i64);
            } else if op == OVER {
                let x = frame.pop();
                if x > arg {
                    frame.locals.set(3, frame.locals.get(3).wrapping_add(x));
                }
            } else {
                return checksum(frame);
            }
        }
    }
}

use vm::*;

fn new_frame(stack: usize) -> Frame {
    Frame {
        locals: GcArray::new(4, 0),
        stack: GcArray::new(stack, None),
        sp: 0,
        steps: 0,
    }
}

/// What a frame holds: sp, the locals, the live stack values, steps.
type Contents = (usize, Vec<i64>, Vec<i64>, i64);

/// The frame's contents.
fn contents(f: &Frame) -> Contents {
    (
        f.sp,
        (0..f.locals.len()).map(|i| f.locals.get(i)).collect(),
        (0..f.sp)
            .map(|i| f.stack.get(i).map_or(-1, |x: Gc<IntObj>| x.value))
            .collect(),
        f.steps,
    )
}

/// Runs `ops` with local 0 set to `n`, under `params` (`off` for the blackhole alone);
/// returns the result, the frame's contents after the run and the JIT.
fn run_with(ops: &[i64], n: i64, params: &str) -> (i64, Contents, JitState) {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let mut frame = new_frame(stack_len(ops));
    frame.locals.set(0, n);
    let mut other = new_frame(6);
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(vm::__pyrite::jitcodes(), params);
    jit.set_keep_traces(true);
    let ptrs = [
        &code as *const Code as usize,
        &mut frame as *mut Frame as usize,
        &mut other as *mut Frame as usize,
    ];
    let args = jitsupport::blackhole::Args::new(&[], &ptrs, &[]);
    // Safety: `run` is the portal (driver 0) of these jitcodes, taking `&Code` and two
    // `&mut Frame`s, which live across the call.
    let result = match unsafe { jitsupport::metainterp::runtime::run_portal(&mut jit, 0, &args) } {
        jitsupport::blackhole::Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    };
    (result, both(&frame, &other), jit)
}

/// The contents of the frame and of the other frame (its locals and stack after the
/// frame's).
fn both(frame: &Frame, other: &Frame) -> Contents {
    let mut all = contents(frame);
    let o = contents(other);
    all.1.extend(o.1);
    all.2.push(-2);
    all.2.extend(o.2);
    all
}

fn native(ops: &[i64], n: i64) -> (i64, Contents) {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let mut frame = new_frame(stack_len(ops));
    frame.locals.set(0, n);
    let mut other = new_frame(6);
    let result = run(&code, &mut frame, &mut other);
    (result, both(&frame, &other))
}

/// The stack a program gets: 6 items, or 100 for programs that start with many pushes.
fn stack_len(ops: &[i64]) -> usize {
    if ops.len() > 80 {
        100
    } else {
        6
    }
}

/// Native, blackhole and JIT (eager and not) agree on the result and the frame.
fn three_ways(ops: &[i64], n: i64) -> JitState {
    let expected = native(ops, n);
    let (r, f, _) = run_with(ops, n, "off");
    assert_eq!((r, f), expected, "blackhole");
    let mut last = None;
    for params in [
        "threshold=3,trace_eagerness=2",
        "threshold=1,trace_eagerness=1",
    ] {
        let (r, f, jit) = run_with(ops, n, params);
        assert_eq!((r, f), expected, "{params}");
        last = Some(jit);
    }
    last.expect("ran")
}

/// None of `bad` in the loop's body (after its last label).
fn assert_clean_body(jit: &JitState, bad: &[&str]) {
    let trace = &jit.stats().loop_traces[0];
    let text = trace.to_string();
    let body_at = text.rfind("label(").unwrap_or(0);
    let body = &text[body_at..];
    for bad in bad {
        assert!(!body.contains(bad), "`{bad}` in the loop's body:\n{text}");
    }
}

// LOAD 0; PUSH 1; SUB; STORE 0; LOAD 1; LOAD 0; ADD; STORE 1; LOAD 0; JNZ 0; HALT
const COUNT_DOWN: [i64; 22] = [
    LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 1, LOAD, 0, ADD, 0, STORE, 1, LOAD, 0, JNZ, 0, HALT,
    0,
];

#[test]
fn the_loop_keeps_the_frame_in_registers() {
    let jit = three_ways(&COUNT_DOWN, 100);
    let stats = jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    // No access to the frame and no allocation.
    assert_clean_body(
        &jit,
        &[
            "Frame.sp",
            "Frame.locals",
            "Frame.stack",
            "GcArray<",
            "new_with_vtable",
            "new(",
        ],
    );
    let names = op_names(&stats.loop_traces[0]);
    assert_eq!(
        count(&names, "getfield_gc_i"),
        0,
        "{}",
        stats.loop_traces[0]
    );
    println!("{}", stats.loop_traces[0]);
}

#[test]
fn a_guard_failing_mid_loop_resumes_with_the_frame() {
    // LOAD 0; PUSH 1; SUB; STORE 0; LOAD 0; OVER 50; LOAD 0; JNZ 0; HALT: the branch of
    // OVER changes direction when local 0 drops to 50.
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0, OVER, 50, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 120);
    let stats = jit.stats();
    assert!(stats.guard_failures >= 1, "{stats:?}");
    // The bridge enters the loop's body through its short preamble, with the frame's
    // values in the resume data of the preamble's guards.
    let first = stats.loop_traces[0]
        .ops
        .iter()
        .find(|op| op.opcode == jitsupport_trace::Opcode::Label)
        .and_then(|op| op.target().cloned())
        .expect("a label");
    let into_body = stats.bridge_traces.iter().any(|b| {
        b.ops
            .last()
            .and_then(|op| op.target())
            .is_some_and(|t| !std::rc::Rc::ptr_eq(t, &first))
    });
    assert!(into_body, "{stats:?}");
}

#[test]
fn a_residual_call_reads_the_frame_as_it_is() {
    // PUSH 7; LOAD 0; SUM; STORE 2; POP into 1 via ADD: counts down local 0 and adds the
    // stack's sum (7 + local 0, read natively) to local 1 each time.
    let ops = [
        PUSH, 7, LOAD, 0, SUM, 0, ADD, 0, ADD, 0, LOAD, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 1, SUB,
        0, STORE, 0, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 60);
    assert!(jit.stats().loops >= 1, "{:?}", jit.stats());
}

#[test]
fn a_residual_call_writes_the_frame() {
    // LOAD 1; POKE 3; STORE 1; ...: local 1 doubles each time (natively), local 0 gains
    // 3 natively and loses 4 in the loop.
    let ops = [
        LOAD, 1, POKE, 3, PUSH, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 4, SUB, 0, STORE, 0, LOAD, 0,
        JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 80);
    assert!(jit.stats().loops >= 1, "{:?}", jit.stats());
}

#[test]
fn leaving_the_loop_leaves_the_frame_right() {
    // The loop leaves values on the stack and in the locals when it ends.
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 1, PUSH, 3, ADD, 0, STORE, 1, LOAD, 0, JNZ, 0,
        PUSH, 5, LOAD, 1, HALT, 0,
    ];
    three_ways(&ops, 30);
}

#[test]
fn the_frame_survives_gc_stress() {
    jitsupport::gc::set_stress(true);
    let ops = COUNT_DOWN;
    let expected = native(&ops, 40);
    let results: Vec<_> = ["off", "threshold=1,trace_eagerness=1"]
        .iter()
        .map(|p| {
            let (r, f, _) = run_with(&ops, 40, p);
            (*p, (r, f))
        })
        .collect();
    jitsupport::gc::set_stress(false);
    for (p, got) in results {
        assert_eq!(got, expected, "{p}");
    }
}

#[test]
fn a_long_stack_keeps_a_window_around_the_top() {
    // 40 pushes, then a loop that copies item 2 (below the window of 32 items kept
    // around the stack's top, in memory) to the top, adds it to local 1, and pops a
    // value into item 3 (also in memory).
    let mut ops = Vec::new();
    for i in 0..40 {
        ops.extend([PUSH, i]);
    }
    let start = ops.len() as i64;
    ops.extend([
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, PICK, 2, LOAD, 1, ADD, 0, STORE, 1, LOAD, 0, PUT, 3,
        LOAD, 0, JNZ, start, HALT, 0,
    ]);
    let jit = three_ways(&ops, 50);
    // (The value `PUT` stores into item 3 is allocated: it escapes into memory.)
    assert_clean_body(&jit, &["Frame.sp", "Frame.locals"]);
    let text = jit.stats().loop_traces[0].to_string();
    // Items 2 and 3 are read and written in memory.
    assert!(text.contains("getarrayitem_gc_r"), "{text}");
    assert!(text.contains("setarrayitem_gc"), "{text}");
}

#[test]
fn another_frame_is_accessed_in_memory() {
    // Each pass pushes local 0 onto the other frame (a plain red of the same struct):
    // its accesses are plain field and item accesses after a guard that it is not the
    // virtualizable, and it ends right.
    let ops = [
        LOAD, 0, PEER, 2, STORE, 2, LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 40);
    let text = jit.stats().loop_traces[0].to_string();
    assert!(text.contains("ptr_eq"), "{text}");
    assert!(text.contains("Frame.sp"), "{text}");
}
