//! `List`s of GC references under the meta-tracer and the collector (issue 10): a core
//! whose state holds a `List<GcAny>` and a `List<Value>` (a value enum with an
//! `Obj(GcAny)` variant) pushes fresh objects that only the lists refer to, pops them
//! and reads them back after allocating garbage, natively, through the blackhole and
//! with the JIT, with a collection at every allocation. The lists' storage is a root
//! (`jitsupport::list`), so every run gives the result of a run without collections;
//! before it was, the objects were freed and reused under the lists.

mod common;

use common::{counter_core, Run};
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub objs: List<GcAny>,
        pub values: List<Value>,
    }
    items {
        use jitsupport::{Gc, GcAny};

        /// A dynamic language's value.
        #[repr(u8)]
        #[derive(Clone, Copy)]
        pub enum Value {
            Int(i64),
            Obj(GcAny),
        }

        /// A boxed integer.
        pub struct Boxed {
            pub value: i64,
        }

        /// The integer `o` boxes, or a marker no run produces when its class is wrong
        /// (a freed object whose memory was reused).
        fn unbox(o: GcAny) -> i64 {
            match o.downcast::<Boxed>() {
                Some(b) => b.value,
                None => -1_000_000,
            }
        }

        fn value_of(v: Value) -> i64 {
            match v {
                Value::Int(i) => i,
                Value::Obj(o) => unbox(o),
            }
        }
    }
    ops {
        /// `PUSH k`: boxes `n + k` into both lists (an integer value between), keeping
        /// at most four objects in each.
        PUSH = 1 => {
            if state.objs.len() >= 4 {
                state.objs.pop();
                state.values.pop();
                state.values.pop();
            }
            let b = Gc::new(Boxed { value: state.n + arg });
            state.objs.push(GcAny::of(b));
            state.values.push(Value::Obj(GcAny::of(Gc::new(Boxed { value: state.n * 2 + arg }))));
            state.values.push(Value::Int(arg));
        }
        /// `SUM k`: allocates `k` objects that die, then adds up both lists.
        SUM = 3 => {
            let mut i = 0;
            while i < arg {
                let g = Gc::new(Boxed { value: i });
                state.acc = state.acc.wrapping_add(g.value & 1);
                i += 1;
            }
            let mut j = 0;
            while j < state.objs.len() {
                state.acc = state.acc.wrapping_add(unbox(state.objs[j]));
                j += 1;
            }
            let mut k = 0;
            while k < state.values.len() {
                state.acc = state.acc.wrapping_mul(3).wrapping_add(value_of(state.values[k]));
                k += 1;
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
        objs: List::new(),
        values: List::new(),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn objects_held_only_by_lists_survive_gc_stress_three_ways() {
    // PUSH 5; SUM 3; DEC 0; HALT
    let program = [1, 5, 3, 3, 0, 0, 2, 0];
    let expected = run(&program, 40, "off").native;
    jitsupport::gc::set_stress(true);
    let mut results = Vec::new();
    for params in [
        "off",
        "threshold=3,trace_eagerness=5",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(&program, 40, params);
        results.push((params, r.result, r.native, r.jit.stats().loops));
    }
    jitsupport::gc::set_stress(false);
    for (params, result, native, _) in &results {
        assert_eq!(*native, expected, "native under stress ({params})");
        assert_eq!(*result, expected, "{params}");
    }
    assert!(results[2].3 >= 1, "a loop was compiled: {results:?}");
    let stats = jitsupport::gc::stats();
    assert!(
        stats.minor_collections + stats.major_collections > 200,
        "{stats:?}"
    );
}
