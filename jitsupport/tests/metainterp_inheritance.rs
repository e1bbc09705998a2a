//! Single inheritance of GC classes under the meta-tracer (issue 11, item 4): structs
//! marked `#[extends(Base)]` form a hierarchy whose classes get consecutive type ids in
//! preorder, so that `x.is::<Base>()` / `x.is_instance_of::<Base>()` and
//! `x.downcast::<Base>()` accept every subclass (a range check of the header's type id)
//! and a downcast to a base reads the base's fields of a subclass object. In a trace
//! the first check of an object is one `guard_class` on its actual class and every
//! later check, exact or by range, folds. The native run, the blackhole and the JIT
//! agree.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{Gc, GcAny, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub objs: List<GcAny>,
    }
    items {
        use jitsupport::{Gc, GcAny};

        /// The root class: every object has a kind number.
        #[repr(C)]
        pub struct Object {
            pub kind: i64,
        }

        /// A boxed integer.
        #[repr(C)]
        #[extends(Object)]
        pub struct IntObj {
            pub base: Object,
            pub value: i64,
        }

        /// The base class of sequences.
        #[repr(C)]
        #[extends(Object)]
        pub struct Seq {
            pub base: Object,
            pub length: i64,
        }

        /// A tuple, a sequence.
        #[repr(C)]
        #[extends(Seq)]
        pub struct Tuple {
            pub base: Seq,
            pub first: i64,
        }

        /// A string, another sequence.
        #[repr(C)]
        #[extends(Seq)]
        pub struct Text {
            pub base: Seq,
            pub hash: i64,
        }

        /// A class of its own, outside the hierarchy.
        pub struct Other {
            pub x: i64,
        }

        pub fn other(x: i64) -> GcAny {
            GcAny::of(Gc::new(Other { x }))
        }

        /// The length of a sequence (read through its base class), -1 for others.
        fn length(o: GcAny) -> i64 {
            match o.downcast::<Seq>() {
                Some(s) => s.length,
                None => -1,
            }
        }

        /// A number for the object's classes, checked from the most general down.
        pub fn classify(o: GcAny) -> i64 {
            let mut r = 0;
            if o.is_instance_of::<Object>() {
                r += 1;
                if let Some(b) = o.downcast::<Object>() {
                    r += b.kind * 10;
                }
            }
            if o.is::<Seq>() {
                r += 100;
            }
            if o.is::<Tuple>() {
                r += 1000;
            }
            if o.is::<IntObj>() {
                r += 10000;
            }
            r + length(o)
        }
    }
    ops {
        /// `CLASSIFY i`: classifies object `i`.
        CLASSIFY = 1 => {
            let o = state.objs[arg as usize];
            state.acc = state.acc.wrapping_add(classify(o));
        }
    }
    halt => {
        return state.acc;
    }
}

fn objects() -> List<GcAny> {
    use crate::core::{IntObj, Object, Seq, Text, Tuple};
    let object = |kind| Object { kind };
    let seq = |kind, length| Seq {
        base: object(kind),
        length,
    };
    List::from(vec![
        GcAny::of(Gc::new(object(1))),
        GcAny::of(Gc::new(IntObj {
            base: object(2),
            value: 7,
        })),
        GcAny::of(Gc::new(Tuple {
            base: seq(3, 2),
            first: 5,
        })),
        GcAny::of(Gc::new(Text {
            base: seq(4, 9),
            hash: 0,
        })),
        core::other(1),
        GcAny::of(Gc::new(seq(6, 4))),
    ])
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || core::State {
        acc: 0,
        n,
        objs: objects(),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn subclass_checks_natively() {
    let objs = objects();
    let got: Vec<i64> = (0..objs.len()).map(|i| core::classify(objs[i])).collect();
    // Object; IntObj; Tuple (a Seq of length 2); Text (a Seq of 9); Other; Seq (4).
    assert_eq!(got, vec![10, 10020, 1133, 150, -1, 165]);
}

#[test]
fn subclass_checks_three_ways() {
    // CLASSIFY each object in turn, then DEC 0; HALT
    let mut program = Vec::new();
    for i in 0..6 {
        program.extend([1, i]);
    }
    program.extend([0, 0, 2, 0]);
    for params in [
        "off",
        "threshold=3,trace_eagerness=5",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(&program, 100, params);
        assert_eq!(r.result, r.native, "{params}");
    }
}

#[test]
fn one_guard_class_per_object_and_the_checks_fold() {
    // CLASSIFY 2 (a Tuple); CLASSIFY 3 (a Text); DEC 0; HALT
    let r = run(
        &[1, 2, 1, 3, 0, 0, 2, 0],
        200,
        "threshold=3,trace_eagerness=5",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    // Two objects, each checked five times by range and exactly (and downcast to two
    // bases): one guard_class each per iteration, the preamble's and the body's.
    assert_eq!(count(&names, "guard_class"), 4, "{trace}");
    let text = trace.to_string();
    let body = &text[text.rfind("label(").unwrap_or(0)..];
    assert_eq!(body.matches("guard_class").count(), 2, "{trace}");
}
