//! Value enums under the meta-tracer (issue 11, item 2), in the style of RPython's
//! `test_virtual.py`: `enum Value { Int(i64), Float(f64), Obj(GcAny) }`, a `Copy` enum
//! with a GC reference in a variant, is its tag and its variants' fields in jitcode
//! (`rtyper::repr`), held inline in a GC object's field, in `GcArray<Value>` items and in
//! a `GcCell<Value>`, passed and returned by value, and matched on. Moving one around
//! allocates nothing in the optimized trace, the collector sees the references it holds
//! (also under GC stress), and the native run and the JIT agree.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{Gc, GcArray, GcCell, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub regs: Gc<Regs>,
        pub stack: List<Value>,
    }
    items {
        use jitsupport::{Gc, GcAny, GcArray, GcCell};

        /// A dynamic language's value: unboxed integers and floats, boxed objects.
        #[repr(u8)]
        #[derive(Clone, Copy)]
        pub enum Value {
            Int(i64),
            Float(f64),
            Obj(GcAny),
            Nil,
        }

        /// A boxed object a `Value::Obj` refers to.
        pub struct Boxed {
            pub value: i64,
        }

        /// The interpreter's registers: a value held inline in a field, an array of
        /// values, and a cell of one.
        pub struct Regs {
            pub first: Value,
            pub slots: GcArray<Value>,
            pub last: GcCell<Value>,
        }

        /// The integer a value stands for.
        fn as_int(v: Value) -> i64 {
            match v {
                Value::Int(i) => i,
                Value::Float(f) => f as i64,
                Value::Obj(o) => match o.downcast::<Boxed>() {
                    Some(b) => b.value,
                    None => -1,
                },
                Value::Nil => 0,
            }
        }

        /// `a + b` of two values, by value in and out.
        fn add(a: Value, b: Value) -> Value {
            match (a, b) {
                (Value::Int(x), Value::Int(y)) => Value::Int(x.wrapping_add(y)),
                (Value::Float(x), Value::Float(y)) => Value::Float(x + y),
                (Value::Nil, other) => other,
                _ => Value::Int(as_int(a).wrapping_add(as_int(b))),
            }
        }
    }
    ops {
        /// `ROTATE k`: shifts the slots by one (each value moved, not boxed), adds slot 0
        /// into the first register and keeps the old first in the cell.
        ROTATE = 1 => {
            let regs = state.regs;
            let slots = regs.slots;
            let n = slots.len();
            let carry = slots.get(0);
            let mut i = 0;
            while i + 1 < n {
                slots.set(i, slots.get(i + 1));
                i += 1;
            }
            slots.set(n - 1, carry);
            regs.last.set(add(regs.last.get(), Value::Int(arg)));
            state.acc = state.acc.wrapping_add(as_int(add(carry, slots.get(0))));
        }
        /// `BOX k`: puts a fresh boxed object into the last slot's place in the cell's
        /// value (an allocation that escapes into the heap).
        BOX = 3 => {
            let regs = state.regs;
            let b = Gc::new(Boxed { value: arg + state.n });
            regs.slots.set(1, Value::Obj(GcAny::of(b)));
            state.acc = state.acc.wrapping_add(as_int(regs.slots.get(1)) + as_int(regs.first));
        }
        /// `STACK k`: pushes two values on a `List<Value>` (an integer and a float;
        /// `metainterp_gc_lists.rs` has references in lists), pops them back and adds them.
        STACK = 4 => {
            state.stack.push(Value::Int(arg));
            state.stack.push(Value::Float(state.n as f64));
            let top = state.stack.pop();
            let below = state.stack.pop();
            let (Some(a), Some(b)) = (top, below) else {
                return -1;
            };
            state.stack[0] = add(state.stack[0], a);
            state.acc = state.acc.wrapping_add(as_int(add(a, b)) + as_int(state.stack[0]));
        }
    }
    halt => {
        let regs = state.regs;
        return state.acc.wrapping_add(as_int(regs.last.get()) * 1000);
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || {
        let slots = GcArray::new(4, core::Value::Nil);
        slots.set(0, core::Value::Int(3));
        slots.set(1, core::Value::Float(2.5));
        slots.set(2, core::Value::Int(-7));
        let boxed = Gc::new(core::Boxed { value: 40 });
        slots.set(3, core::Value::Obj(jitsupport::GcAny::of(boxed)));
        core::State {
            acc: 0,
            n,
            stack: List::from(vec![core::Value::Nil]),
            regs: Gc::new(core::Regs {
                first: core::Value::Obj(jitsupport::GcAny::of(boxed)),
                slots,
                last: GcCell::new(core::Value::Nil),
            }),
        }
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn value_enums_three_ways() {
    // ROTATE 1; DEC 0; HALT
    let program = [1, 1, 0, 0, 2, 0];
    for params in [
        "off",
        "threshold=3,trace_eagerness=5",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(&program, 200, params);
        assert_eq!(r.result, r.native, "{params}");
    }
}

#[test]
fn moving_value_enums_allocates_nothing() {
    // ROTATE 2; DEC 0; HALT: the slots' values are moved, matched and added in the
    // loop; the array is rotated 4 times to come back, so the loop's trace closes.
    let r = run(&[1, 2, 0, 0, 2, 0], 400, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    for trace in &stats.loop_traces {
        let names = op_names(trace);
        assert_eq!(count(&names, "new"), 0, "{trace}");
        assert_eq!(count(&names, "new_with_vtable"), 0, "{trace}");
    }
}

#[test]
fn a_list_of_value_enums_allocates_nothing() {
    // STACK 3; DEC 0; HALT
    let program = [4, 3, 0, 0, 2, 0];
    for params in ["off", "threshold=1,trace_eagerness=1"] {
        let r = run(&program, 100, params);
        assert_eq!(r.result, r.native, "{params}");
    }
    let r = run(&program, 300, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    assert_eq!(count(&names, "new"), 0, "{trace}");
    println!("{trace}");
}

#[test]
fn value_enums_survive_gc_stress_three_ways() {
    // BOX 5; ROTATE 1; DEC 0; HALT: boxed objects are only reachable through the
    // `Obj` payloads of array items and the cell, which the collector must trace.
    jitsupport::gc::set_stress(true);
    let program = [3, 5, 1, 1, 0, 0, 2, 0];
    let mut results = Vec::new();
    for params in ["off", "threshold=1,trace_eagerness=1"] {
        let r = run(&program, 40, params);
        results.push((params, r.result, r.native));
    }
    jitsupport::gc::set_stress(false);
    for (params, result, native) in results {
        assert_eq!(result, native, "{params}");
    }
}
