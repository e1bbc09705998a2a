//! Quasi-immutable fields under the meta-tracer, in the style of RPython's
//! `test_quasiimmut.py`: a read of a `#[quasi_immutable]` field of a constant object
//! folds to its value under `guard_not_invalidated` (the loop has no read of the field);
//! a write, in the blackhole, in compiled code or natively in a residual call, invalidates
//! the loop, which falls back to the interpreter and is traced again; the results agree
//! with the native run throughout.

mod common;

use common::{count, counter_core, Run};
use jitsupport::metainterp::op_names;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
        pub globals: &'static mut Globals,
    }
    items {
        /// What the program reads often and writes rarely (a global's value).
        pub struct Globals {
            #[quasi_immutable]
            pub scale: i64,
        }

        /// Adds `by` to the scale, natively (a residual call).
        #[jitsupport::dont_look_inside]
        pub fn bump(g: &mut Globals, by: i64) {
            jitsupport::quasi_write!(g.scale = g.scale + by);
        }
    }
    ops {
        /// `ADD _`: adds the scale, read through the promoted globals, to `acc`.
        ADD = 1 => {
            let g: &Globals = jitsupport::promote(&*state.globals);
            state.acc = state.acc.wrapping_mul(3).wrapping_add(g.scale);
        }
        /// `SET k`: when the counter is `k`, adds 4 to the scale.
        SET = 3 => {
            if state.n == arg {
                jitsupport::quasi_write!(state.globals.scale = state.globals.scale + 4);
            }
        }
        /// `BUMP k`: when the counter is `k`, adds 5 to the scale in a residual call.
        BUMP = 4 => {
            if state.n == arg {
                bump(state.globals, 5);
            }
        }
        /// `WRITE by`: adds `by` to the scale on every pass.
        WRITE = 5 => {
            jitsupport::quasi_write!(state.globals.scale = state.globals.scale + arg);
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
        globals: Box::leak(Box::new(core::Globals { scale: 3 })),
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

/// The loop's reads of the scale are folded: no read of `Globals.scale`, one
/// `guard_not_invalidated`.
fn assert_folded(r: &Run) {
    let trace = &r.jit.stats().loop_traces[0];
    let text = trace.to_string();
    assert!(!text.contains("Globals.scale"), "{text}");
    let names = op_names(trace);
    assert_eq!(count(&names, "quasiimmut_field"), 0, "{text}");
    // One in the preamble, one in the peeled body.
    assert!(count(&names, "guard_not_invalidated") <= 2, "{text}");
    assert!(count(&names, "guard_not_invalidated") >= 1, "{text}");
}

#[test]
fn a_write_in_the_interpreter_invalidates_the_loop() {
    for params in [
        "threshold=3,trace_eagerness=200",
        "threshold=3,trace_eagerness=1",
        "",
    ] {
        // ADD 0; SET 150; DEC 0; HALT
        let r = run(&[1, 0, 3, 150, 0, 0, 2, 0], 300, params);
        assert_eq!(r.result, r.native, "{params}");
        if params.is_empty() {
            // The default threshold is not reached.
            continue;
        }
        let stats = r.jit.stats();
        assert_folded(&r);
        assert_eq!(stats.invalidated_loops, 1, "{params}: {stats:?}");
        assert_eq!(stats.loops, 2, "{params}: traced again: {stats:?}");
    }
}

#[test]
fn a_residual_call_that_writes_natively_invalidates_the_running_loop() {
    // ADD 0; BUMP 100; DEC 0; HALT
    let r = run(
        &[1, 0, 4, 100, 0, 0, 2, 0],
        300,
        "threshold=3,trace_eagerness=200",
    );
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_folded(&r);
    assert_eq!(stats.invalidated_loops, 1, "{stats:?}");
    assert_eq!(stats.loops, 2, "{stats:?}");
}

#[test]
fn a_loop_that_writes_on_every_pass_stays_right() {
    for by in [0, 1] {
        // ADD 0; WRITE by; DEC 0; HALT
        let r = run(
            &[1, 0, 5, by, 0, 0, 2, 0],
            200,
            "threshold=3,trace_eagerness=2",
        );
        assert_eq!(r.result, r.native, "by {by}");
    }
}

/// The same with the quasi-immutable field in a `GcCell` of a GC object (how a core
/// written with `Gc<T>` holds mutable fields).
pub mod in_a_gc_object {
    use super::common::{self, count, counter_core, Run};
    use jitsupport::metainterp::op_names;
    use jitsupport::{Gc, GcCell, List};

    counter_core! {
        run(code, state, pc, arg);
        state {
            pub acc: i64,
            pub n: i64,
            pub globals: Gc<Globals>,
        }
        items {
            use jitsupport::{Gc, GcCell};

            /// What the program reads often and writes rarely.
            pub struct Globals {
                #[quasi_immutable]
                pub scale: GcCell<i64>,
            }
        }
        ops {
            /// `ADD _`: adds the scale, read through the promoted globals, to `acc`.
            ADD = 1 => {
                let g = jitsupport::promote(state.globals);
                state.acc = state.acc.wrapping_mul(3).wrapping_add(g.scale.get());
            }
            /// `SET k`: when the counter is `k`, adds 4 to the scale.
            SET = 3 => {
                if state.n == arg {
                    let g = state.globals;
                    jitsupport::quasi_write!(g.scale.set(g.scale.get() + 4));
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
            globals: Gc::new(core::Globals {
                scale: GcCell::new(3),
            }),
        };
        // Safety: `core::run` is the portal of `core`'s jitcodes.
        unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
    }

    #[test]
    fn a_write_of_a_cell_invalidates_the_loop() {
        // ADD 0; SET 150; DEC 0; HALT
        let r = run(
            &[1, 0, 3, 150, 0, 0, 2, 0],
            300,
            "threshold=3,trace_eagerness=200",
        );
        assert_eq!(r.result, r.native);
        let stats = r.jit.stats();
        let text = stats.loop_traces[0].to_string();
        assert!(!text.contains("GcCell"), "{text}");
        let names = op_names(&stats.loop_traces[0]);
        assert!(count(&names, "guard_not_invalidated") >= 1, "{text}");
        assert_eq!(stats.invalidated_loops, 1, "{stats:?}");
        assert_eq!(stats.loops, 2, "{stats:?}");
    }
}
