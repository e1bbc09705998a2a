//! The variants' fields of a value enum share memory: `Int.0`, `Float.0` and `Obj.0` of
//! `enum Value { Int(i64), Float(f64), Obj(GcAny) }` are one word, read and written
//! through different descrs. The trace optimizer's heap cache must treat them as the
//! same memory: a write of `Float.0` makes a known `Int.0` unknown (else writing the
//! old `Int` back is dropped as "already held" and memory keeps the tag of one variant
//! and the bits of another), and pending writes of them keep their order. Each op
//! saves a value, overwrites it with a value of another variant, reads it, and writes
//! the saved value back, in the state's field, a `GcArray` item, a `GcCell` and a
//! `List` item; the halt reads all four from memory. Native, blackhole and JIT agree.

mod common;

use common::{counter_core, Run};
use jitsupport::{Gc, GcArray, GcCell, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub first: Value,
        pub regs: Gc<Regs>,
        pub stack: List<Value>,
    }
    items {
        use jitsupport::{Gc, GcAny, GcArray, GcCell};

        /// A dynamic language's value.
        #[repr(u8)]
        #[derive(Clone, Copy)]
        pub enum Value {
            Int(i64),
            Float(f64),
            Obj(GcAny),
        }

        /// Values held inline in a field, an array and a state.regs.last.
        pub struct Regs {
            pub slots: GcArray<Value>,
            pub last: GcCell<Value>,
        }

        /// The integer a value stands for (a float's integer part, -1 for an object).
        fn as_int(v: Value) -> i64 {
            match v {
                Value::Int(i) => i,
                Value::Float(f) => f as i64,
                Value::Obj(_) => -1,
            }
        }

        /// The value `v` with another variant: an int becomes a float, a float an int.
        fn other(v: Value, n: i64) -> Value {
            match v {
                Value::Int(_) => Value::Float(n as f64 + 0.5),
                _ => Value::Int(n * 3),
            }
        }
    }
    ops {
        /// `FIELD k`: overwrites the field with another variant, reads it, writes the
        /// saved value back (plus `k` when `n` is a multiple of 5: a guard that fails).
        FIELD = 1 => {
            let saved = state.first;
            state.first = other(saved, state.n);
            state.acc = state.acc.wrapping_add(as_int(state.first));
            state.first = saved;
            if state.n % 5 == 0 {
                state.first = Value::Int(as_int(saved) + arg);
            }
            state.acc = state.acc.wrapping_add(as_int(state.first));
        }
        /// `ITEM k`: the same in item `k` of the array.
        ITEM = 3 => {
            let slots = state.regs.slots;
            let k = arg as usize;
            let saved = slots.get(k);
            slots.set(k, other(saved, state.n));
            state.acc = state.acc.wrapping_add(as_int(slots.get(k)));
            slots.set(k, saved);
            if state.n % 5 == 0 {
                slots.set(k, Value::Int(as_int(saved) + 1));
            }
            state.acc = state.acc.wrapping_add(as_int(slots.get(k)));
        }
        /// `CELL k`: the same in the state.regs.last.
        CELL = 4 => {
            let saved = state.regs.last.get();
            state.regs.last.set(other(saved, state.n));
            state.acc = state.acc.wrapping_add(as_int(state.regs.last.get()));
            state.regs.last.set(saved);
            if state.n % 5 == 0 {
                state.regs.last.set(Value::Int(as_int(saved) + arg));
            }
            state.acc = state.acc.wrapping_add(as_int(state.regs.last.get()));
        }
        /// `LIST k`: the same in item 0 of the list.
        LIST = 5 => {
            let saved = state.stack[0];
            state.stack[0] = other(saved, state.n);
            state.acc = state.acc.wrapping_add(as_int(state.stack[0]));
            state.stack[0] = saved;
            if state.n % 5 == 0 {
                state.stack[0] = Value::Int(as_int(saved) + arg);
            }
            state.acc = state.acc.wrapping_add(as_int(state.stack[0]));
        }
        /// `VIRTUAL k`: a fresh object's cell holds an `Int`, then a `Float`, then
        /// (unless `n` is a multiple of 3) the `Int` `k`, and the object escapes.
        VIRTUAL = 7 => {
            let regs = Gc::new(Regs {
                slots: state.regs.slots,
                last: GcCell::new(Value::Int(state.n * 2)),
            });
            regs.last.set(Value::Float(state.n as f64 + 0.25));
            if state.n % 3 != 0 {
                regs.last.set(Value::Int(arg));
            }
            state.regs = regs;
            state.acc = state.acc.wrapping_add(as_int(state.regs.last.get()));
        }
        /// `ALTERNATE k`: writes an `Int` then a `Float` (or, every other iteration, a
        /// `Float` then an `Int`) to the field, the item `k` and the cell, and reads them.
        ALTERNATE = 6 => {
            let regs = state.regs;
            let k = arg as usize;
            let n = state.n;
            if n % 2 == 0 {
                state.first = Value::Int(n);
                regs.slots.set(k, Value::Int(n + 1));
                regs.last.set(Value::Int(n + 2));
                state.first = Value::Float(n as f64 * 0.25);
                regs.slots.set(k, Value::Float(n as f64 * 0.5));
                regs.last.set(Value::Float(n as f64 * 0.75));
            } else {
                state.first = Value::Float(n as f64 * 0.25);
                regs.slots.set(k, Value::Float(n as f64 * 0.5));
                regs.last.set(Value::Float(n as f64 * 0.75));
                state.first = Value::Int(n);
                regs.slots.set(k, Value::Int(n + 1));
                regs.last.set(Value::Int(n + 2));
            }
            state.acc = state.acc.wrapping_add(
                as_int(state.first) + as_int(regs.slots.get(k)) * 7 + as_int(regs.last.get()) * 13,
            );
        }
    }
    halt => {
        let regs = state.regs;
        let mut h = state.acc;
        h = h.wrapping_mul(31).wrapping_add(as_int(state.first));
        h = h.wrapping_mul(31).wrapping_add(as_int(regs.slots.get(0)));
        h = h.wrapping_mul(31).wrapping_add(as_int(regs.slots.get(1)));
        h = h.wrapping_mul(31).wrapping_add(as_int(regs.last.get()));
        h = h.wrapping_mul(31).wrapping_add(as_int(state.stack[0]));
        return h;
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || {
        let slots = GcArray::new(2, core::Value::Int(11));
        slots.set(1, core::Value::Float(2.5));
        core::State {
            acc: 0,
            n,
            first: core::Value::Int(7),
            stack: List::from(vec![core::Value::Int(13), core::Value::Float(1.5)]),
            regs: Gc::new(core::Regs {
                slots,
                last: GcCell::new(core::Value::Int(9)),
            }),
        }
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

/// Runs `program` natively, in the blackhole and under the JIT (compiling early), and
/// checks that the JIT compiled a loop.
fn three_ways(program: &[i64]) {
    for params in [
        "off",
        "threshold=3,trace_eagerness=2",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(program, 41, params);
        assert_eq!(r.result, r.native, "{program:?} {params}");
        if params != "off" {
            let stats = r.jit.stats();
            assert!(stats.loops >= 1, "{program:?} {params}: {stats:?}");
        }
    }
}

#[test]
fn writing_another_variant_back_in_a_field() {
    // FIELD 1; DEC 0; HALT
    three_ways(&[1, 1, 0, 0, 2, 0]);
}

#[test]
fn writing_another_variant_back_in_an_array_item() {
    // ITEM 0; DEC 0; HALT, and item 1 (a float first)
    three_ways(&[3, 0, 0, 0, 2, 0]);
    three_ways(&[3, 1, 0, 0, 2, 0]);
}

#[test]
fn writing_another_variant_back_in_a_cell() {
    // CELL 2; DEC 0; HALT
    three_ways(&[4, 2, 0, 0, 2, 0]);
}

#[test]
fn writing_another_variant_back_in_a_list_item() {
    // LIST 2; DEC 0; HALT
    three_ways(&[5, 2, 0, 0, 2, 0]);
}

#[test]
fn alternating_variants_in_one_word() {
    // ALTERNATE 0; DEC 0; HALT, and item 1
    three_ways(&[6, 0, 0, 0, 2, 0]);
    three_ways(&[6, 1, 0, 0, 2, 0]);
}

#[test]
fn the_trace_writes_the_saved_int_back_after_the_float() {
    // FIELD 1; DEC 0; HALT: every loop trace that stores `Float.0` stores `Int.0` after
    // it (the same word), before the iteration ends.
    let r = run(&[1, 1, 0, 0, 2, 0], 41, "threshold=3,trace_eagerness=2");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert!(stats.loops >= 1, "{stats:?}");
    for trace in &stats.loop_traces {
        let text = trace.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let last = |variant: &str| {
            lines
                .iter()
                .rposition(|l| l.starts_with("setfield") && l.contains(variant))
        };
        let float = last("Value::Float.0>");
        assert!(float.is_some(), "{trace}");
        assert!(last("Value::Int.0>") > float, "{trace}");
    }
}

#[test]
fn a_virtual_holding_another_variant_escapes() {
    // VIRTUAL 5; DEC 0; HALT: forcing the virtual stores only the last variant's word.
    three_ways(&[7, 5, 0, 0, 2, 0]);
}
