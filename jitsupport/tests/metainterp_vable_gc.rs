//! Virtualizable frames that are GC objects (a `Gc<Frame>` red, as PyPy's frames are):
//! the stack VM of `metainterp_vable.rs` with its frame on the collector's heap, `sp`
//! and `steps` in `GcCell`s. The loops keep the frame in boxes exactly as for a `&mut`
//! red (no access to the frame and no allocation in the optimized loop); the results and
//! the frames left behind agree three ways; the frame, an old object once a collection
//! ran, gets its written-back references through the write barrier (GC stress).

mod common;

use common::count;
use jitsupport::jit::JitParams;
use jitsupport::metainterp::{op_names, JitState};
use jitsupport::{Gc, GcArray, GcCell, List};

#[jitsupport::interpreter]
pub mod vm {
    use jitsupport::{
        can_enter_jit, dont_look_inside, elidable, jit_merge_point, Gc, GcArray, GcCell, JitDriver,
        List,
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
    /// `OVER k`: pops `x`; when `x > k`, adds `x` to local 3.
    pub const OVER: i64 = 9;
    /// `HALT _`: returns the frame's checksum.
    pub const HALT: i64 = 10;
    /// `PEER k`: pops a value and pushes it on the other frame's stack (replacing its
    /// top if it is full), adds `k` to its local 0, and pushes its depth.
    pub const PEER: i64 = 13;
    /// `NOTE k`: a residual call that does not look at the frame (it counts `k`).
    pub const NOTE: i64 = 14;
    /// `MAYBE k`: a residual call that pokes the frame (as `POKE 0`) when local 0 is
    /// below `k`, else leaves it alone.
    pub const MAYBE: i64 = 15;

    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
    }

    /// A boxed integer: what the value stack holds.
    pub struct IntObj {
        pub value: i64,
    }

    /// The frame, a GC object: compiled code keeps `sp`, the locals and the stack in
    /// registers.
    #[virtualizable(sp, locals[*], stack[*])]
    pub struct Frame {
        #[immutable]
        pub locals: GcArray<i64>,
        #[immutable]
        pub stack: GcArray<Option<Gc<IntObj>>>,
        pub sp: GcCell<usize>,
        /// Not kept: a plain field.
        pub steps: GcCell<i64>,
    }

    impl Frame {
        fn push(&self, x: i64) {
            self.stack
                .set(self.sp.get(), Some(Gc::new(IntObj { value: x })));
            self.sp.set(self.sp.get() + 1);
        }

        /// Pops the top, and clears its slot.
        fn pop(&self) -> i64 {
            self.sp.set(self.sp.get() - 1);
            let top = self.stack.get(self.sp.get());
            self.stack.set(self.sp.get(), None);
            match top {
                Some(x) => x.value,
                None => 0,
            }
        }
    }

    /// The sum of the values on the stack, read natively.
    #[dont_look_inside]
    pub fn stack_sum(frame: Gc<Frame>) -> i64 {
        jitsupport::force_virtualizable(frame);
        let mut sum = 0;
        for i in 0..frame.sp.get() {
            if let Some(x) = frame.stack.get(i) {
                sum += x.value;
            }
        }
        sum
    }

    /// Adds `k` to local 0 and doubles the top of the stack, natively.
    #[dont_look_inside]
    pub fn poke(frame: Gc<Frame>, k: i64) {
        jitsupport::force_virtualizable(frame);
        frame.locals.set(0, frame.locals.get(0).wrapping_add(k));
        let top = frame.sp.get() - 1;
        let v = frame.stack.get(top).map_or(0, |x| x.value);
        frame.stack.set(
            top,
            Some(Gc::new(IntObj {
                value: v.wrapping_mul(2),
            })),
        );
    }

    /// Counts `k` outside the frame.
    #[dont_look_inside]
    pub fn note(k: i64) {
        crate::NOTES.with(|n| n.set(n.get().wrapping_add(k)));
    }

    /// Pokes the frame (forcing it) only when `x` is below `k`; otherwise it does not
    /// look at the frame.
    #[dont_look_inside]
    pub fn maybe_poke(frame: Gc<Frame>, k: i64, x: i64) {
        if x < k {
            poke(frame, 0);
        }
    }

    /// The word at `pc` of the program (green: folds in a trace).
    #[elidable]
    pub fn fetch(code: &Code, pc: usize) -> i64 {
        code.ops[pc]
    }

    /// A hash of what the frame holds.
    pub fn checksum(frame: Gc<Frame>) -> i64 {
        let mut h: i64 = frame.sp.get() as i64;
        let mut i = 0;
        while i < frame.locals.len() {
            h = h.wrapping_mul(31).wrapping_add(frame.locals.get(i));
            i += 1;
        }
        let mut j = 0;
        while j < frame.sp.get() {
            let v = match frame.stack.get(j) {
                Some(x) => x.value,
                None => -1,
            };
            h = h.wrapping_mul(31).wrapping_add(v);
            j += 1;
        }
        h.wrapping_mul(31).wrapping_add(frame.steps.get())
    }

    pub fn run(code: &Code, frame: Gc<Frame>, other: Gc<Frame>) -> i64 {
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
                frame.steps.set(frame.steps.get() + 1);
                let s = stack_sum(frame);
                frame.push(s);
            } else if op == POKE {
                poke(frame, arg);
            } else if op == NOTE {
                note(arg);
            } else if op == MAYBE {
                maybe_poke(frame, arg, frame.locals.get(0));
            } else if op == PEER {
                let x = frame.pop();
                if other.sp.get() == other.stack.len() {
                    other.pop();
                }
                other.push(x);
                other.locals.set(0, other.locals.get(0).wrapping_add(arg));
                frame.push(other.sp.get() as i64);
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

thread_local! {
    static NOTES: std::cell::Cell<i64> = const { std::cell::Cell::new(0) };
}

fn new_frame(stack: usize) -> Gc<Frame> {
    Gc::new(Frame {
        locals: GcArray::new(4, 0),
        stack: GcArray::new(stack, None),
        sp: GcCell::new(0),
        steps: GcCell::new(0),
    })
}

/// What a frame holds: sp, the locals, the live stack values, steps.
type Contents = (usize, Vec<i64>, Vec<i64>, i64);

fn contents(f: Gc<Frame>) -> Contents {
    (
        f.sp.get(),
        (0..f.locals.len()).map(|i| f.locals.get(i)).collect(),
        (0..f.sp.get())
            .map(|i| f.stack.get(i).map_or(-1, |x: Gc<IntObj>| x.value))
            .collect(),
        f.steps.get(),
    )
}

fn both(frame: Gc<Frame>, other: Gc<Frame>) -> Contents {
    let mut all = contents(frame);
    let o = contents(other);
    all.1.extend(o.1);
    all.2.push(-2);
    all.2.extend(o.2);
    all
}

/// Runs `ops` with local 0 set to `n`, under `params` (`off` for the blackhole alone);
/// returns the result, the frames' contents after the run and the JIT.
fn run_with(ops: &[i64], n: i64, params: &str) -> (i64, Contents, JitState) {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let frame = new_frame(6);
    frame.locals.set(0, n);
    let other = new_frame(6);
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(vm::__pyrite::jitcodes(), params);
    jit.set_keep_traces(true);
    let ptrs = [
        &code as *const Code as usize,
        frame.as_ptr() as usize,
        other.as_ptr() as usize,
    ];
    let args = jitsupport::blackhole::Args::new(&[], &ptrs, &[]);
    // Safety: `run` is the portal (driver 0) of these jitcodes, taking `&Code` and two
    // `Gc<Frame>`s, which live across the call (on this stack, scanned by the collector).
    let result = match unsafe { jitsupport::metainterp::runtime::run_portal(&mut jit, 0, &args) } {
        jitsupport::blackhole::Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    };
    (result, both(frame, other), jit)
}

fn native(ops: &[i64], n: i64) -> (i64, Contents) {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let frame = new_frame(6);
    frame.locals.set(0, n);
    let other = new_frame(6);
    let result = run(&code, frame, other);
    (result, both(frame, other))
}

/// Native, blackhole and JIT (eager and not) agree on the result and the frames.
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

/// The loop's body (after its last label).
fn body(jit: &JitState) -> String {
    let text = jit.stats().loop_traces[0].to_string();
    let at = text.rfind("label(").unwrap_or(0);
    text[at..].to_string()
}

// LOAD 0; PUSH 1; SUB; STORE 0; LOAD 1; LOAD 0; ADD; STORE 1; LOAD 0; JNZ 0; HALT
const COUNT_DOWN: [i64; 22] = [
    LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 1, LOAD, 0, ADD, 0, STORE, 1, LOAD, 0, JNZ, 0, HALT,
    0,
];

#[test]
fn a_gc_frame_stays_in_registers() {
    let jit = three_ways(&COUNT_DOWN, 100);
    let stats = jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    let body = body(&jit);
    for bad in [
        "Frame.sp",
        "Frame.locals",
        "Frame.stack",
        "GcArray<",
        "new_with_vtable",
        "ref_add",
    ] {
        assert!(!body.contains(bad), "`{bad}` in the loop's body:\n{body}");
    }
    let names = op_names(&stats.loop_traces[0]);
    assert_eq!(
        count(&names, "getfield_gc_i"),
        0,
        "{}",
        stats.loop_traces[0]
    );
}

#[test]
fn a_guard_failing_mid_loop_resumes_with_the_gc_frame() {
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0, OVER, 50, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 120);
    assert!(jit.stats().guard_failures >= 1, "{:?}", jit.stats());
}

#[test]
fn residual_calls_read_and_write_the_gc_frame() {
    let ops = [
        PUSH, 7, LOAD, 0, SUM, 0, ADD, 0, ADD, 0, LOAD, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 1, SUB,
        0, STORE, 0, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    three_ways(&ops, 60);
    let ops = [
        LOAD, 1, POKE, 3, PUSH, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 4, SUB, 0, STORE, 0, LOAD, 0,
        JNZ, 0, HALT, 0,
    ];
    three_ways(&ops, 80);
}

#[test]
fn another_gc_frame_is_accessed_in_memory() {
    let ops = [
        LOAD, 0, PEER, 2, STORE, 2, LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 40);
    let text = jit.stats().loop_traces[0].to_string();
    assert!(text.contains("ptr_eq"), "{text}");
}

#[test]
fn the_gc_frame_survives_gc_stress() {
    // Every allocation collects: the frame is old after the first one, and the boxed
    // integers the loop writes back into its stack are young, reachable only through
    // the frame (the write barrier must remember them).
    jitsupport::gc::set_stress(true);
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0, OVER, 20, PUSH, 7, LOAD, 0, SUM, 0, ADD, 0,
        ADD, 0, LOAD, 1, ADD, 0, STORE, 1, LOAD, 0, JNZ, 0, PUSH, 5, LOAD, 1, HALT, 0,
    ];
    let expected = native(&ops, 40);
    let results: Vec<_> = ["off", "threshold=1,trace_eagerness=1", "threshold=3"]
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

/// The accesses to the frame in the loop's body: reads and writes of its fields and
/// of its arrays' items. (A boxed value the frame holds is allocated before the call,
/// which gets the frame's values as arguments.)
fn memory_ops(body: &str) -> usize {
    body.lines()
        .filter(|l| {
            [
                "getfield_gc",
                "setfield_gc",
                "getarrayitem_gc",
                "setarrayitem_gc",
            ]
            .iter()
            .any(|o| l.contains(o))
                && ["Frame.", "GcArray<", "GcCell<"]
                    .iter()
                    .any(|d| l.contains(d))
        })
        .count()
}

#[test]
fn a_call_that_does_not_force_costs_no_write_back() {
    // LOAD 0; PUSH 1; SUB; STORE 0; LOAD 1; LOAD 0; ADD; STORE 1; NOTE 2; LOAD 0; JNZ 0:
    // the call does not look at the frame: `call_may_force` + `guard_not_forced`, and
    // the frame stays in registers around it (RPython's vable token).
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 1, LOAD, 0, ADD, 0, STORE, 1, NOTE, 2, LOAD, 0,
        JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 60);
    let body = body(&jit);
    assert!(body.contains("call_may_force"), "{body}");
    assert!(body.contains("guard_not_forced"), "{body}");
    assert_eq!(memory_ops(&body), 0, "{body}");
}

#[test]
fn a_call_that_forces_the_frame_fails_its_guard() {
    // The call reads the stack natively (SUM) on every pass: it forces the frame,
    // which gets the values the loop keeps, and the loop's guard_not_forced fails into
    // the interpreter after the call; the results agree.
    let ops = [
        PUSH, 7, LOAD, 0, SUM, 0, ADD, 0, ADD, 0, LOAD, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 1, SUB,
        0, STORE, 0, LOAD, 0, JNZ, 0, HALT, 0,
    ];
    three_ways(&ops, 60);
}

#[test]
fn a_call_forcing_now_and_then_writes_the_frame() {
    // MAYBE 20 pokes the frame once local 0 is below 20: until then the frame stays in
    // registers across the call; from then on each call forces it and writes it.
    let ops = [
        LOAD, 1, MAYBE, 20, PUSH, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0,
        JNZ, 0, HALT, 0,
    ];
    let jit = three_ways(&ops, 80);
    let body = body(&jit);
    assert!(body.contains("guard_not_forced"), "{body}");
    assert_eq!(memory_ops(&body), 0, "{body}");
    assert!(jit.stats().guard_failures >= 1, "{:?}", jit.stats());
}

#[test]
fn forcing_survives_gc_stress() {
    jitsupport::gc::set_stress(true);
    let ops = [
        LOAD, 1, MAYBE, 20, PUSH, 1, ADD, 0, STORE, 1, LOAD, 0, PUSH, 1, SUB, 0, STORE, 0, LOAD, 0,
        JNZ, 0, HALT, 0,
    ];
    let expected = native(&ops, 40);
    let results: Vec<_> = ["off", "threshold=1,trace_eagerness=1", "threshold=3"]
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
