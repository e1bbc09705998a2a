//! Virtualizable arrays of value enums held inline (`GcArray<Value>` with `stack[*]`),
//! in a GC frame: a stack VM whose locals and stack hold `enum Value { Int(i64),
//! Float(f64), Obj(GcAny) }`. In a trace each item is a group of boxes (its tag and
//! every variant's fields), read at the loop's start, carried by resume data and written
//! back as the tag and that variant's fields. The optimized loop neither touches the
//! frame nor allocates; native, blackhole and JIT agree, also under GC stress (the `Obj`
//! payloads written back are young objects reachable only through the old frame).

mod common;

use jitsupport::jit::JitParams;
use jitsupport::metainterp::JitState;
use jitsupport::{Gc, GcArray, GcCell, List};

#[jitsupport::interpreter]
pub mod vm {
    use jitsupport::{
        can_enter_jit, dont_look_inside, elidable, jit_merge_point, Gc, GcAny, GcArray, GcCell,
        JitDriver, List,
    };

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["frame"]).virtualizable("frame");

    /// `PUSH k`: pushes `Int(k)`.
    pub const PUSH: i64 = 1;
    /// `LOAD i`: pushes local `i`.
    pub const LOAD: i64 = 2;
    /// `STORE i`: pops into local `i`.
    pub const STORE: i64 = 3;
    /// `ADD _`: pops two, pushes the sum (a float if either is one; a boxed integer
    /// counts as its value).
    pub const ADD: i64 = 4;
    /// `SUB _`: pops `b` and `a`, pushes `a - b`.
    pub const SUB: i64 = 5;
    /// `JNZ target`: pops; jumps back to `target` unless it is zero.
    pub const JNZ: i64 = 6;
    /// `FLOAT k`: pushes `Float(k / 2)`.
    pub const FLOAT: i64 = 7;
    /// `BOX _`: pops an integer, pushes it boxed (`Obj`).
    pub const BOX: i64 = 8;
    /// `SUM _`: pushes the integer part of the sum of the stack, read natively.
    pub const SUM: i64 = 9;
    /// `DUP _`: pushes a copy of the top.
    pub const DUP: i64 = 10;
    /// `POP _`: drops the top.
    pub const POP: i64 = 11;
    /// `HALT _`: returns the frame's checksum.
    pub const HALT: i64 = 12;

    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
    }

    pub struct IntObj {
        pub value: i64,
    }

    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Value {
        Int(i64),
        Float(f64),
        Obj(GcAny),
    }

    #[virtualizable(sp, locals[*], stack[*])]
    pub struct Frame {
        #[immutable]
        pub locals: GcArray<Value>,
        #[immutable]
        pub stack: GcArray<Value>,
        pub sp: GcCell<usize>,
    }

    impl Frame {
        fn push(&self, v: Value) {
            self.stack.set(self.sp.get(), v);
            self.sp.set(self.sp.get() + 1);
        }

        /// Pops the top and clears its slot.
        fn pop(&self) -> Value {
            self.sp.set(self.sp.get() - 1);
            let top = self.stack.get(self.sp.get());
            self.stack.set(self.sp.get(), Value::Int(0));
            top
        }
    }

    /// The value as a float, and whether it is one.
    pub fn as_float(v: Value) -> f64 {
        match v {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            Value::Obj(o) => match o.downcast::<IntObj>() {
                Some(b) => b.value as f64,
                None => 0.0,
            },
        }
    }

    pub fn as_int(v: Value) -> i64 {
        match v {
            Value::Int(i) => i,
            Value::Float(f) => f as i64,
            Value::Obj(o) => match o.downcast::<IntObj>() {
                Some(b) => b.value,
                None => 0,
            },
        }
    }

    pub fn is_float(v: Value) -> bool {
        matches!(v, Value::Float(_))
    }

    pub fn add(a: Value, b: Value, sign: i64) -> Value {
        if is_float(a) || is_float(b) {
            Value::Float(as_float(a) + (sign as f64) * as_float(b))
        } else {
            Value::Int(as_int(a).wrapping_add(sign.wrapping_mul(as_int(b))))
        }
    }

    /// The integer part of the sum of the stack, read natively.
    #[dont_look_inside]
    pub fn stack_sum(frame: Gc<Frame>) -> i64 {
        jitsupport::force_virtualizable(frame);
        let mut sum = 0;
        for i in 0..frame.sp.get() {
            sum += value_bits(frame.stack.get(i));
        }
        sum
    }

    /// A number standing for the value (its variant and payload).
    #[dont_look_inside]
    pub fn value_bits(v: Value) -> i64 {
        match v {
            Value::Int(i) => i,
            Value::Float(f) => 1_000_000 + (f * 2.0) as i64,
            Value::Obj(o) => 2_000_000 + o.downcast::<IntObj>().map_or(-1, |b| b.value),
        }
    }

    #[elidable]
    pub fn fetch(code: &Code, pc: usize) -> i64 {
        code.ops[pc]
    }

    pub fn run(code: &Code, frame: Gc<Frame>) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, code; frame);
            let op = fetch(code, pc);
            let arg = fetch(code, pc + 1);
            pc += 2;
            if op == PUSH {
                frame.push(Value::Int(arg));
            } else if op == FLOAT {
                frame.push(Value::Float(arg as f64 / 2.0));
            } else if op == LOAD {
                let v = frame.locals.get(arg as usize);
                frame.push(v);
            } else if op == STORE {
                let v = frame.pop();
                frame.locals.set(arg as usize, v);
            } else if op == ADD {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(add(a, b, 1));
            } else if op == SUB {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(add(a, b, -1));
            } else if op == BOX {
                let v = frame.pop();
                frame.push(Value::Obj(GcAny::of(Gc::new(IntObj { value: as_int(v) }))));
            } else if op == DUP {
                let v = frame.pop();
                frame.push(v);
                frame.push(v);
            } else if op == POP {
                frame.pop();
            } else if op == SUM {
                let s = stack_sum(frame);
                frame.push(Value::Int(s));
            } else if op == JNZ {
                if as_float(frame.pop()) != 0.0 {
                    pc = arg as usize;
                    can_enter_jit!(DRIVER; pc, code; frame);
                }
            } else {
                return 0;
            }
        }
    }
}

use vm::*;

fn new_frame() -> Gc<Frame> {
    Gc::new(Frame {
        locals: GcArray::new(4, Value::Int(0)),
        stack: GcArray::new(8, Value::Int(0)),
        sp: GcCell::new(0),
    })
}

/// What the frame holds: sp, the locals' and the live stack's values.
fn contents(f: Gc<Frame>) -> (usize, Vec<i64>, Vec<i64>) {
    (
        f.sp.get(),
        (0..f.locals.len())
            .map(|i| value_bits(f.locals.get(i)))
            .collect(),
        (0..f.sp.get())
            .map(|i| value_bits(f.stack.get(i)))
            .collect(),
    )
}

type Outcome = (usize, Vec<i64>, Vec<i64>);

fn run_with(ops: &[i64], n: i64, params: &str) -> (Outcome, JitState) {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let frame = new_frame();
    frame.locals.set(0, Value::Int(n));
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(vm::__pyrite::jitcodes(), params);
    jit.set_keep_traces(true);
    let ptrs = [&code as *const Code as usize, frame.as_ptr() as usize];
    let args = jitsupport::blackhole::Args::new(&[], &ptrs, &[]);
    // Safety: `run` is the portal (driver 0), taking `&Code` and a `Gc<Frame>`, which
    // live across the call.
    unsafe { jitsupport::metainterp::runtime::run_portal(&mut jit, 0, &args) };
    (contents(frame), jit)
}

fn native(ops: &[i64], n: i64) -> Outcome {
    let code = Code {
        ops: List::from(ops.to_vec()),
    };
    let frame = new_frame();
    frame.locals.set(0, Value::Int(n));
    run(&code, frame);
    contents(frame)
}

fn three_ways(ops: &[i64], n: i64) -> JitState {
    let expected = native(ops, n);
    let (got, _) = run_with(ops, n, "off");
    assert_eq!(got, expected, "blackhole");
    let mut last = None;
    for params in [
        "threshold=3,trace_eagerness=2",
        "threshold=1,trace_eagerness=1",
    ] {
        let (got, jit) = run_with(ops, n, params);
        assert_eq!(got, expected, "{params}");
        last = Some(jit);
    }
    last.expect("ran")
}

fn body(jit: &JitState) -> String {
    let text = jit.stats().loop_traces[0].to_string();
    let at = text.rfind("label(").unwrap_or(0);
    text[at..].to_string()
}

// local 0 counts down; local 1 accumulates a float; local 2 holds a box it keeps.
// LOAD 0; PUSH 1; SUB; DUP; STORE 0; LOAD 1; FLOAT 3; ADD; STORE 1; JNZ 0; HALT
const COUNT_DOWN: [i64; 22] = [
    LOAD, 0, PUSH, 1, SUB, 0, DUP, 0, STORE, 0, LOAD, 1, FLOAT, 3, ADD, 0, STORE, 1, JNZ, 0, HALT,
    0,
];

#[test]
fn value_items_stay_in_registers() {
    let jit = three_ways(&COUNT_DOWN, 50);
    let stats = jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    let body = body(&jit);
    for bad in ["Frame.", "GcArray<", "Value", "new_with_vtable", "ref_add"] {
        assert!(!body.contains(bad), "`{bad}` in the loop's body:\n{body}");
    }
}

#[test]
fn value_items_change_variant_in_the_loop() {
    // Local 1 is an integer at the start and a float after the first pass; local 2 is
    // boxed on every pass: LOAD 0; PUSH 1; SUB; DUP; STORE 0; LOAD 1; FLOAT 1; ADD;
    // STORE 1; LOAD 0; BOX; STORE 2; JNZ 0; HALT
    let ops = [
        LOAD, 0, PUSH, 1, SUB, 0, DUP, 0, STORE, 0, LOAD, 1, FLOAT, 1, ADD, 0, STORE, 1, LOAD, 0,
        BOX, 0, STORE, 2, JNZ, 0, HALT, 0,
    ];
    three_ways(&ops, 40);
}

#[test]
fn a_residual_call_reads_value_items() {
    // PUSH 5; FLOAT 3; LOAD 0; BOX; SUM; STORE 3; POP; POP; LOAD 0; PUSH 1; SUB; DUP;
    // STORE 0; JNZ 0; HALT
    let ops = [
        PUSH, 5, FLOAT, 3, LOAD, 0, BOX, 0, SUM, 0, STORE, 3, POP, 0, POP, 0, POP, 0, LOAD, 0,
        PUSH, 1, SUB, 0, DUP, 0, STORE, 0, JNZ, 0, HALT, 0,
    ];
    three_ways(&ops, 30);
}

#[test]
fn value_items_survive_gc_stress() {
    jitsupport::gc::set_stress(true);
    let ops = [
        PUSH, 5, FLOAT, 3, LOAD, 0, BOX, 0, SUM, 0, STORE, 3, POP, 0, POP, 0, POP, 0, LOAD, 0, BOX,
        0, STORE, 2, LOAD, 0, PUSH, 1, SUB, 0, DUP, 0, STORE, 0, JNZ, 0, HALT, 0,
    ];
    let expected = native(&ops, 30);
    let results: Vec<_> = ["off", "threshold=1,trace_eagerness=1", "threshold=3"]
        .iter()
        .map(|p| (*p, run_with(&ops, 30, p).0))
        .collect();
    jitsupport::gc::set_stress(false);
    for (p, got) in results {
        assert_eq!(got, expected, "{p}");
    }
}
