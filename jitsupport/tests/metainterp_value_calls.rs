//! Value enums, value structs and tuples across residual calls (issue 11): passed to
//! native code as their leaves (the tag and every variant's fields), rebuilt by the
//! shim, and given back as `jitsupport::llresult` says: from a `#[dont_look_inside]`
//! function (or one outside the module) the first leaf on the call and the others from
//! the per-thread stash; from an `#[elidable]` one a boxed result whose immutable words
//! the trace reads, so that the call still folds on constant arguments. The native run,
//! the blackhole and the JIT agree, and the optimized traces have the calls they should.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{Gc, GcAny, List};

/// Code outside the interpreter module, which the JIT calls by its real signature: a
/// value enum and a tuple in, a value enum out.
pub mod outside {
    use super::core::Value;

    pub fn mirror(v: Value, by: (i64, f64)) -> Value {
        match v {
            Value::Int(i) => Value::Float(i as f64 * by.1),
            Value::Float(f) => Value::Int(f as i64 + by.0),
            other => other,
        }
    }
}

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub obj: GcAny,
    }
    items {
        use jitsupport::GcAny;

        /// A dynamic language's value.
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

        /// A value struct, by value in and out.
        #[derive(Clone, Copy)]
        pub struct Pair {
            pub a: i64,
            pub b: f64,
        }

        /// Native code the JIT does not look inside: a value enum round trip.
        #[jitsupport::dont_look_inside]
        pub fn bump(v: Value, by: i64) -> Value {
            match v {
                Value::Int(i) => Value::Int(i.wrapping_add(by)),
                Value::Float(f) => Value::Float(f + by as f64),
                Value::Obj(o) => Value::Obj(o),
                Value::Nil => Value::Int(by),
            }
        }

        /// A pure function of a value, returning a value: folds on a constant one.
        #[jitsupport::elidable]
        pub fn weight(v: Value) -> Value {
            match v {
                Value::Int(i) => Value::Float(i as f64 * 0.5),
                Value::Float(f) => Value::Int(f as i64),
                Value::Obj(o) => match o.downcast::<Boxed>() {
                    Some(b) => Value::Int(b.value),
                    None => Value::Nil,
                },
                Value::Nil => Value::Nil,
            }
        }

        /// A value struct and a tuple through native code.
        #[jitsupport::dont_look_inside]
        pub fn split(p: Pair, t: (i64, i64)) -> (Pair, i64) {
            (Pair { a: p.a + t.0, b: p.b * 2.0 }, t.1 - p.a)
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
    }
    ops {
        /// `ROUND k`: a value through `bump` (native) and then `weight` (elidable, on a
        /// value the trace does not know).
        ROUND = 1 => {
            let v = bump(Value::Int(state.n), arg);
            let w = weight(v);
            state.acc = state.acc.wrapping_add(as_int(w)).wrapping_add(as_int(v));
        }
        /// `FOLD k`: `weight` of a constant value (the argument is green): folded.
        FOLD = 3 => {
            let w = weight(Value::Int(arg));
            let x = weight(w);
            state.acc = state.acc.wrapping_add(as_int(w) * 3 + as_int(x));
        }
        /// `OBJ k`: a reference in a value through native code and back.
        OBJ = 4 => {
            let v = bump(Value::Obj(state.obj), arg);
            let w = weight(v);
            state.acc = state.acc.wrapping_add(as_int(w) + as_int(v) + arg);
        }
        /// `OUT k`: a value enum and a tuple through code outside the module.
        OUT = 5 => {
            let v: Value = crate::outside::mirror(Value::Int(state.n), (arg, 1.5));
            let w: Value = crate::outside::mirror(v, (arg, 1.5));
            state.acc = state.acc.wrapping_add(as_int(v) + as_int(w));
        }
        /// `PAIR k`: a value struct and a tuple through native code.
        PAIR = 6 => {
            let (p, d) = split(Pair { a: state.n, b: 0.25 }, (arg, state.acc & 7));
            state.acc = state.acc.wrapping_add(p.a + (p.b * 4.0) as i64 + d);
        }
    }
    halt => {
        return state.acc;
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || core::State {
        acc: 0,
        n,
        obj: GcAny::of(Gc::new(core::Boxed { value: 40 })),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

const WAYS: [&str; 3] = [
    "off",
    "threshold=3,trace_eagerness=5",
    "threshold=1,trace_eagerness=1",
];

#[test]
fn value_calls_three_ways() {
    // Each op, then all of them, in a loop: DEC 0 jumps back to the start.
    let all = [1, 2, 3, 7, 4, 3, 5, 2, 6, 5, 0, 0, 2, 0];
    for program in [
        &[1, 2, 0, 0, 2, 0][..],
        &[3, 7, 0, 0, 2, 0],
        &[4, 3, 0, 0, 2, 0],
        &[5, 2, 0, 0, 2, 0],
        &[6, 5, 0, 0, 2, 0],
        &all,
    ] {
        for params in WAYS {
            let r = run(program, 60, params);
            assert_eq!(r.result, r.native, "{program:?} {params}");
        }
    }
}

/// The op names of the peeled body of the loop's one optimized trace (after its last
/// label: the program is not `#[immutable]`, so the preamble reads it, and the body
/// has its values as constants), and the trace's text.
fn loop_body(program: &[i64]) -> (Vec<&'static str>, String) {
    let r = run(program, 200, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    let body = names
        .iter()
        .rposition(|n| *n == "label")
        .map_or(0, |i| i + 1);
    (names[body..].to_vec(), trace.to_string())
}

#[test]
fn an_elidable_value_call_folds_on_a_constant_value() {
    // FOLD 7: `weight(Int(7))` and `weight(Float(3.5))` are constants.
    let (names, trace) = loop_body(&[3, 7, 0, 0, 2, 0]);
    let calls = names.iter().filter(|n| n.starts_with("call")).count();
    assert_eq!(calls, 0, "{trace}");
    assert_eq!(
        count(&names, "getfield_gc_i") + count(&names, "getfield_gc_f"),
        0,
        "{trace}"
    );
}

#[test]
fn a_value_round_trips_through_native_code() {
    // ROUND 2: `bump` is a call whose other leaves come from the stash; `weight` of
    // its result is one pure call returning the boxed result, read by field reads.
    let (names, trace) = loop_body(&[1, 2, 0, 0, 2, 0]);
    println!("{trace}");
    assert_eq!(count(&names, "call_pure_r"), 1, "{trace}");
    assert!(count(&names, "getfield_gc_i") >= 1, "{trace}");
    assert!(count(&names, "call_i") >= 1, "{trace}");
}
