//! Classes of GC objects under the meta-tracer (issue 11, item 1), in the style of
//! RPython's `test_send.py`: a `GcAny`'s class is its header's type id; `downcast` and
//! `is` become one `guard_class` on the object's class, after which every check of it
//! folds, so dispatch by class runs only the taken branch in a trace. The native run,
//! the blackhole and the JIT agree.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{Gc, GcAny, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub x: GcAny,
    }
    items {
        use jitsupport::{Gc, GcAny};

        /// A boxed integer.
        pub struct IntObj {
            pub value: i64,
        }

        /// A boxed float.
        pub struct FloatObj {
            pub value: f64,
        }

        /// A pair of objects.
        pub struct Pair {
            pub left: GcAny,
            pub right: GcAny,
        }

        fn int(value: i64) -> GcAny {
            GcAny::of(Gc::new(IntObj { value }))
        }

        /// `a + b` by the classes of both (ints, floats, pairs added item by item).
        fn add(a: GcAny, b: GcAny) -> GcAny {
            if let Some(x) = a.downcast::<IntObj>() {
                if let Some(y) = b.downcast::<IntObj>() {
                    return int(x.value.wrapping_add(y.value));
                }
                if let Some(y) = b.downcast::<FloatObj>() {
                    return GcAny::of(Gc::new(FloatObj { value: x.value as f64 + y.value }));
                }
            }
            if let Some(x) = a.downcast::<FloatObj>() {
                if let Some(y) = b.downcast::<FloatObj>() {
                    return GcAny::of(Gc::new(FloatObj { value: x.value + y.value }));
                }
                if let Some(y) = b.downcast::<IntObj>() {
                    return GcAny::of(Gc::new(FloatObj { value: x.value + y.value as f64 }));
                }
            }
            if let Some(p) = a.downcast::<Pair>() {
                return GcAny::of(Gc::new(Pair { left: p.left, right: b }));
            }
            b
        }

        /// An integer view of an object (the kind's number for other classes).
        fn as_int(a: GcAny) -> i64 {
            if let Some(i) = a.downcast::<IntObj>() {
                i.value
            } else if let Some(f) = a.downcast::<FloatObj>() {
                f.value as i64
            } else if a.is::<Pair>() {
                -1
            } else {
                -2
            }
        }
    }
    ops {
        /// `ADD k`: `x = x + k` (an int) by dispatch on `x`'s class.
        ADD = 1 => {
            state.x = add(state.x, int(arg));
            state.acc = state.acc.wrapping_add(as_int(state.x));
        }
        /// `FADD k`: `x = x + k.5` (a float).
        FADD = 3 => {
            let f = GcAny::of(Gc::new(FloatObj { value: arg as f64 + 0.5 }));
            state.x = add(state.x, f);
            state.acc = state.acc.wrapping_add(as_int(state.x));
        }
        /// `SAME _`: counts whether `x` is the same object as itself through a pair.
        SAME = 4 => {
            let p = GcAny::of(Gc::new(Pair { left: state.x, right: state.x }));
            if let Some(pair) = p.downcast::<Pair>() {
                if GcAny::ptr_eq(pair.left, pair.right) {
                    state.acc = state.acc.wrapping_add(1);
                }
            }
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
        x: GcAny::of(Gc::new(core::IntObj { value: 1 })),
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
fn dispatch_by_class_three_ways() {
    // ADD 2; SAME 0; DEC 0; HALT
    let ints = [1, 2, 4, 0, 0, 0, 2, 0];
    // ADD 2; FADD 1; DEC 0; HALT: the class of `x` changes from int to float once.
    let floats = [1, 2, 3, 1, 0, 0, 2, 0];
    for program in [&ints[..], &floats[..]] {
        for params in WAYS {
            let r = run(program, 150, params);
            assert_eq!(r.result, r.native, "{program:?} {params}");
        }
    }
}

#[test]
fn a_known_class_leaves_no_guard_in_the_loop() {
    // ADD 2; SAME 0; DEC 0; HALT
    let r = run(
        &[1, 2, 4, 0, 0, 0, 2, 0],
        200,
        "threshold=3,trace_eagerness=5",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    // The preamble checks `x`'s class once and every later check of it folds (one
    // guard for the eight `downcast`s and `is` of an iteration). In the peeled body `x`
    // is the object the last iteration allocated with `new_with_vtable`, of a known
    // class: the one guard left there goes once the optimizer's `unroll` carries known
    // classes across the label (the optimizer's part of known-class propagation).
    let body: Vec<&str> = {
        let text = trace.to_string();
        let at = text.rfind("label(").unwrap_or(0);
        text[at..]
            .lines()
            .filter_map(|l| l.split('(').next())
            .map(|l| l.rsplit(' ').next().unwrap_or(l))
            .map(|s| Box::leak(s.to_string().into_boxed_str()) as &str)
            .collect()
    };
    let classes = count(&names, "guard_class") + count(&names, "guard_nonnull_class");
    assert!((1..=2).contains(&classes), "{trace}");
    assert!(
        count(&body, "guard_class") + count(&body, "guard_nonnull_class") <= 1,
        "{trace}"
    );
    assert_eq!(
        count(&body, "call_i") + count(&body, "call_r") + count(&body, "call_n"),
        0,
        "{trace}"
    );
    println!("{trace}");
}
