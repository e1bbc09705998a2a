//! Type aliases in a core under the meta-tracer: `type R<T> = Result<T, Fault>;` (the
//! shape of an interpreter's `PyResult<T>`) is expanded by the analysis wherever it is
//! written, so `?` through helpers returning `R<T>` traces as the written-out `Result`
//! does, and the JIT gives the native result whether the calls fail or not. An alias of
//! a struct names it in `impl E`, `E::new(..)` and `E { .. }`.

mod common;

use common::{counter_core, Run};
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: Num,
        pub n: Num,
        pub errors: Num,
    }
    items {
        pub type Num = i64;
        pub type Small = i32;
        pub type E = Fault;
        pub type R<T> = Result<T, E>;
        /// An alias of an alias, with a tuple payload.
        pub type Pair = R<(Num, Small)>;

        #[derive(Clone, Copy)]
        pub struct Fault {
            pub code: Num,
        }

        /// An alias of a struct names it in code too.
        impl E {
            fn new(code: Num) -> E {
                E { code }
            }
        }

        /// Fails on multiples of `every`.
        #[jitsupport::dont_look_inside]
        pub fn risky(x: Num, every: Num) -> R<Num> {
            if x % every == 0 {
                Err(E::new(x))
            } else {
                Ok(x + 1)
            }
        }

        fn step(x: Num, every: Num) -> Pair {
            let v: Num = risky(x, every)?;
            let w = risky(v as Small as Num, every + 1)?;
            if w % 5 == 0 {
                return Err(E::new(w / 5));
            }
            Ok((v * 2, w as Small))
        }

        fn total(x: Num, every: Num) -> R<Num> {
            let (a, b) = step(x, every)?;
            Ok(a + b as Num)
        }
    }
    ops {
        /// `CALL every`: adds `total(n)` to the accumulator, or its error to `errors`.
        CALL = 1 => {
            match total(state.n, arg) {
                Ok(v) => state.acc = state.acc.wrapping_add(v),
                Err(e) => state.errors += e.code,
            }
        }
    }
    halt => {
        return state.acc * 1000 + state.errors;
    }
}

fn run(ops: &[i64], n: i64, params: &str) -> Run {
    let code = || core::Code {
        ops: List::from(ops.to_vec()),
    };
    let state = || core::State {
        acc: 0,
        n,
        errors: 0,
    };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn a_loop_of_calls_gives_the_native_result() {
    // CALL 1000; DEC 0; HALT (n < 999: `risky` never fails, `step` on multiples of 5)
    let r = run(&[1, 1000, 0, 0, 2, 0], 500, "threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let text = stats.loop_traces[0].to_string();
    assert!(text.contains("descr=<CallDescr risky>"), "{text}");
}

#[test]
fn calls_that_fail_now_and_then_give_the_native_result() {
    // CALL 7; DEC 0; HALT: `risky` fails on multiples of 7 and of 8, `step` on
    // multiples of 5.
    for n in [50, 300] {
        let r = run(&[1, 7, 0, 0, 2, 0], n, "threshold=3,trace_eagerness=5");
        assert_eq!(r.result, r.native, "n={n}");
        assert!(r.native % 1000 != 0, "some calls fail: {}", r.native);
        let stats = r.jit.stats();
        assert!(stats.loops >= 1, "{stats:?}");
        assert!(stats.guard_failures >= 1, "{stats:?}");
    }
}
