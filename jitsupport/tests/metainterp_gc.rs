//! GC objects in the analysable subset under the meta-tracer (issue 10, item 2): a core
//! that allocates `Gc<T>` objects with `Gc::new`, reads their fields, mutates them
//! through `GcCell`s and compares handles with `Gc::ptr_eq` gives the native result
//! through the blackhole and with the JIT, and its trace allocates with
//! `new_with_vtable` of the object's GC type id.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::{Gc, GcCell, List};

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub head: Option<Gc<Node>>,
        pub counter: Gc<Counter>,
    }
    items {
        use jitsupport::{Gc, GcArray, GcCell};

        /// A cons cell of a list of integers.
        pub struct Node {
            pub value: i64,
            pub next: Option<Gc<Node>>,
            pub visits: GcCell<i64>,
        }

        /// A mutable cell shared by every iteration.
        pub struct Counter {
            pub total: GcCell<i64>,
            pub last: GcCell<Option<Gc<Node>>>,
        }

        impl Node {
            /// Counts a visit and gives the value plus the next node's.
            pub fn visit(&self) -> i64 {
                self.visits.set(self.visits.get() + 1);
                match self.next {
                    Some(next) => self.value + next.value,
                    None => self.value,
                }
            }
        }

        /// Builds a list of `n` nodes and sums it: the list lives only in registers.
        fn build_and_sum(n: i64) -> i64 {
            let mut list: Option<Gc<Node>> = None;
            let mut i = 0;
            while i < n {
                list = Some(Gc::new(Node { value: i, next: list, visits: GcCell::new(0) }));
                i += 1;
            }
            let mut sum = 0;
            while let Some(node) = list {
                sum += node.value;
                list = node.next;
            }
            sum
        }

        fn length(list: Option<Gc<Node>>, limit: i64) -> i64 {
            let mut n = 0;
            let mut cur = list;
            while let Some(node) = cur {
                n += 1;
                if n == limit {
                    break;
                }
                cur = node.next;
            }
            n
        }
    }
    ops {
        /// `CONS k`: conses `n + k` onto the list (keeping at most 3 nodes), visits it.
        CONS = 1 => {
            let rest = match state.head {
                Some(h) => h.next,
                None => None,
            };
            let kept = rest.map(|r| Gc::new(Node { value: r.value, next: None, visits: GcCell::new(0) }));
            let second = state
                .head
                .map(|h| Gc::new(Node { value: h.value, next: kept, visits: GcCell::new(0) }));
            let node = Gc::new(Node { value: state.n + arg, next: second, visits: GcCell::new(0) });
            state.acc = state.acc.wrapping_add(node.visit() + length(Some(node), 10));
            state.head = Some(node);
        }
        /// `BUILD k`: builds a list of `k` nodes and adds its sum.
        BUILD = 4 => {
            state.acc = state.acc.wrapping_add(build_and_sum(arg));
        }
        /// `ARRAY k`: a fresh array of ints and one of nodes, read and written.
        ARRAY = 5 => {
            let a: GcArray<i64> = GcArray::new(3, state.n);
            a.set(1, a.get(0) + arg);
            let nodes: GcArray<Option<Gc<Node>>> = GcArray::new(2, None);
            nodes.set(1, state.head);
            let v = match nodes.get(1) {
                Some(h) => h.value,
                None => 7,
            };
            state.acc = state.acc.wrapping_add(a.get(1) + a.len() as i64 + v);
        }
        /// `COUNT _`: adds to the shared counter and remembers the head.
        COUNT = 3 => {
            let c = state.counter;
            c.total.set(c.total.get() + state.n);
            let same = match (c.last.get(), state.head) {
                (Some(a), Some(b)) => Gc::ptr_eq(a, b),
                _ => false,
            };
            if same {
                state.acc = state.acc.wrapping_add(1000);
            }
            c.last.set(state.head);
            state.acc = state.acc.wrapping_add(c.total.get() & 0xff);
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
        head: None,
        counter: Gc::new(core::Counter {
            total: GcCell::new(0),
            last: GcCell::new(None),
        }),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn gc_objects_three_ways() {
    // CONS 5; COUNT 0; BUILD 7; ARRAY 3; DEC 0; HALT
    let program = [1, 5, 3, 0, 4, 7, 5, 3, 0, 0, 2, 0];
    for params in [
        "off",
        "threshold=3,trace_eagerness=5",
        "threshold=1,trace_eagerness=1",
    ] {
        let r = run(&program, 200, params);
        assert_eq!(r.result, r.native, "{params}");
    }
    let r = run(&program, 200, "threshold=3,trace_eagerness=5");
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    assert_eq!(count(&names, "new"), 0, "{trace}");
    println!("{trace}");
}

#[test]
fn objects_survive_gc_stress_three_ways() {
    // A collection at every allocation: the blackhole's registers and the tracer's boxes
    // are roots (`jitsupport::gcroots`), compiled code's frames too (the backend's part);
    // the native stack, scanned conservatively, often holds copies of them as well, so
    // these runs cannot show a missing root by themselves.
    jitsupport::gc::set_stress(true);
    let program = [1, 5, 3, 0, 4, 40, 5, 3, 0, 0, 2, 0];
    let mut results = Vec::new();
    for params in ["off", "threshold=1,trace_eagerness=1"] {
        let r = run(&program, 30, params);
        results.push((params, r.result, r.native));
    }
    jitsupport::gc::set_stress(false);
    for (params, result, native) in results {
        assert_eq!(result, native, "{params}");
    }
    let stats = jitsupport::gc::stats();
    assert!(
        stats.minor_collections + stats.major_collections > 100,
        "{stats:?}"
    );
}
