//! The semantic test harness: run a target's program several ways and compare.
//!
//! A program must give the same output and the same result however its interpreter
//! runs (DESIGN's invariant "output with the JIT on equals output with it off"). The
//! [`Way`]s are the native interpreter (the author's Rust code as rustc compiled it) and
//! the blackhole interpreter running the portal's jitcode from its start, with the same
//! arguments; the JIT is the third way, added with the meta-tracer.
//!
//! A target plugs in by implementing [`Target`]: how to prepare the portal's arguments
//! for a test case, how to call the portal natively, how to pass those arguments to
//! jitcode and read its result back, and how to capture its output. [`run`] runs one
//! case one way, [`compare`] runs it every way and reports the differences.
//!
//! [`golden`] holds the expected-output files of the targets' example programs.
//!
//! This module is behind the cargo feature `testing`, which the targets enable for their
//! tests only, so that their binaries do not carry it.

pub mod golden;

use crate::blackhole::{Args, Blackhole, Value};
use crate::jitcode::JitCodes;
use crate::metainterp::runtime::run_portal;
use crate::metainterp::JitState;
use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How the interpreter runs a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Way {
    /// The native interpreter: the portal function compiled by rustc.
    Native,
    /// The blackhole interpreter running the portal's jitcode from its start.
    Blackhole,
    /// The JIT: the blackhole runs the portal and asks a fresh JIT at every
    /// `can_enter_jit` (as the native interpreter's hooks do), with these parameters;
    /// loops are traced, compiled on the reference backend and run, guards fail into
    /// the blackhole and grow bridges.
    Jit {
        threshold: u32,
        trace_eagerness: u32,
    },
}

impl Way {
    /// The JIT at its eagerest: every loop is traced the first time round, and every
    /// guard that fails grows a bridge.
    pub const JIT_EAGER: Way = Way::Jit {
        threshold: 1,
        trace_eagerness: 1,
    };

    /// The JIT with the default parameters.
    pub const JIT_DEFAULT: Way = Way::Jit {
        threshold: 1039,
        trace_eagerness: 200,
    };

    /// Every way there is, the reference (native) first.
    pub const ALL: [Way; 4] = [
        Way::Native,
        Way::Blackhole,
        Way::JIT_EAGER,
        Way::JIT_DEFAULT,
    ];
}

/// A target as the harness sees it: one portal, entered with arguments that the target
/// prepares for a test case.
pub trait Target {
    /// A test case: a program and its input.
    type Case: ?Sized;
    /// The portal's arguments, owned: the values the interpreter builds before it
    /// enters the portal (the loaded program, a fresh frame).
    type State;
    /// What the portal returns, as a plain Rust value to compare.
    type Result: PartialEq + Debug;

    /// The target's jitcode registry (`core::__pyrite::jitcodes()`).
    fn jitcodes() -> &'static JitCodes;

    /// The index of the portal's driver in the registry (the first driver by default).
    fn driver() -> usize {
        0
    }

    /// The portal's arguments for `case`, built natively.
    fn setup(case: &Self::Case) -> Self::State;

    /// Calls the portal natively.
    fn call_native(state: &mut Self::State) -> Self::Result;

    /// The portal's arguments as jitcode values, in the portal's parameter order per
    /// kind: refs are the addresses of the values inside `state`.
    fn portal_args(state: &mut Self::State) -> Args;

    /// The portal's result from the value its jitcode returned.
    ///
    /// # Safety
    /// `value` is what the portal's jitcode returned for arguments from
    /// [`Target::portal_args`] (a ref points to a live value of the result type).
    unsafe fn result_from(value: Value) -> Self::Result;

    /// Runs `f` with the target's input taken from `case` and its output captured;
    /// returns the result of `f` and the output.
    fn capture<R>(case: &Self::Case, f: impl FnOnce() -> R) -> (R, Vec<u8>);
}

/// What one run showed: the portal's result (or the message of the panic that ended
/// the run) and the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Observed<R> {
    pub result: Result<R, String>,
    pub output: Vec<u8>,
}

/// Runs the jitcode of the function `function` of `codes` in the blackhole interpreter
/// with `args` (per kind, in parameter order) and returns its result.
///
/// # Safety
/// As [`Blackhole::call`]: refs in `args` must be valid for the parameters they stand
/// for, and the registry must describe the real layouts and functions.
///
/// # Panics
/// If `codes` has no jitcode named `function`, or the jitcode panics.
pub unsafe fn run_blackhole(codes: &JitCodes, function: &str, args: &Args) -> Value {
    let Some(index) = codes.find(function) else {
        panic!("no jitcode for a function named `{function}` in the registry");
    };
    Blackhole::new(codes).call(index, args)
}

/// Runs `case` on `T`'s interpreter the way `way`, from the portal's start.
pub fn run<T: Target>(way: Way, case: &T::Case) -> Observed<T::Result> {
    let (result, output) = T::capture(case, || {
        catch_unwind(AssertUnwindSafe(|| {
            let mut state = T::setup(case);
            match way {
                Way::Native => T::call_native(&mut state),
                Way::Jit {
                    threshold,
                    trace_eagerness,
                } => {
                    let codes = T::jitcodes();
                    let params = crate::jit::JitParams {
                        threshold,
                        trace_eagerness,
                        ..Default::default()
                    };
                    let mut jit = JitState::new(codes, params);
                    let args = T::portal_args(&mut state);
                    // Safety: as for the blackhole below.
                    unsafe {
                        let value = run_portal(&mut jit, T::driver(), &args);
                        T::result_from(value)
                    }
                }
                Way::Blackhole => {
                    let codes = T::jitcodes();
                    let Some(portal) = codes.portal(T::driver()) else {
                        panic!(
                            "the registry has no portal for driver {}: does the core have a \
                             jit_merge_point?",
                            T::driver()
                        );
                    };
                    let args = T::portal_args(&mut state);
                    // Safety: the arguments point into `state`, which outlives the call,
                    // and the registry is the one the macro emitted for this core.
                    unsafe {
                        let value = Blackhole::new(codes).call(portal, &args);
                        T::result_from(value)
                    }
                }
            }
        }))
    });
    if way == Way::Native {
        // Built with its hooks (the target's `jit` feature), the native run has compiled
        // loops keyed by the addresses of the case's objects (greens), which are dead now:
        // the next case's may be built at the same addresses.
        crate::metainterp::runtime::reset(T::jitcodes());
    }
    Observed {
        result: result.map_err(|payload| panic_message(payload.as_ref())),
        output,
    }
}

/// Runs `case` every way in `ways`; returns what the first way observed if all agree,
/// else a description of every difference from the first.
pub fn compare<T: Target>(ways: &[Way], case: &T::Case) -> Result<Observed<T::Result>, String> {
    let mut observed: Vec<(Way, Observed<T::Result>)> =
        ways.iter().map(|w| (*w, run::<T>(*w, case))).collect();
    let mut differences = Vec::new();
    if let Some(((first_way, first), rest)) = observed.split_first() {
        for (way, other) in rest {
            if other.result != first.result {
                differences.push(format!(
                    "{way:?} gave {:?}, {first_way:?} gave {:?}",
                    other.result, first.result
                ));
            }
            if other.output != first.output {
                differences.push(format!(
                    "{way:?} printed {} bytes, {first_way:?} printed {}; they differ first at \
                     byte {}:\n  {way:?}: {}\n  {first_way:?}: {}",
                    other.output.len(),
                    first.output.len(),
                    first_difference(&other.output, &first.output),
                    excerpt(&other.output, &first.output),
                    excerpt(&first.output, &other.output),
                ));
            }
        }
    }
    if differences.is_empty() && !observed.is_empty() {
        Ok(observed.swap_remove(0).1)
    } else if observed.is_empty() {
        Err("no way to run the case was given".into())
    } else {
        Err(differences.join("\n"))
    }
}

fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

/// Up to 40 bytes of `a` around where it first differs from `b`, escaped.
fn excerpt(a: &[u8], b: &[u8]) -> String {
    let at = first_difference(a, b);
    let start = at.saturating_sub(20);
    let end = (at + 20).min(a.len());
    let text: String = a[start..end].escape_ascii().to_string();
    format!("...{text}...")
}

/// The message of a panic payload (`panic!` with a literal or a formatted message).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a payload that is not a string".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jitcode::{Assembler, Kind};

    /// A toy target: the portal doubles its argument and prints it; jitcode and native
    /// agree unless `broken` makes the native side add one.
    struct Toy;

    thread_local! {
        static OUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    fn codes() -> &'static JitCodes {
        static CODES: std::sync::OnceLock<JitCodes> = std::sync::OnceLock::new();
        CODES.get_or_init(|| {
            let mut codes = JitCodes::new();
            let mut asm = Assembler::new("double");
            asm.reserve_regs(Kind::Int, 2);
            asm.emit_key(
                "int_add/ii>i",
                vec![
                    crate::jitcode::Arg::Reg(Kind::Int, 0),
                    crate::jitcode::Arg::Reg(Kind::Int, 0),
                    crate::jitcode::Arg::Reg(Kind::Int, 1),
                ],
            );
            asm.emit_key("int_return/i", vec![crate::jitcode::Arg::Reg(Kind::Int, 1)]);
            let index = codes.set_jitcode(asm.finish().expect("assembles"));
            codes.portals.to_mut().push(index);
            codes
        })
    }

    impl Target for Toy {
        type Case = i64;
        type State = i64;
        type Result = i64;
        fn jitcodes() -> &'static JitCodes {
            codes()
        }
        fn setup(case: &i64) -> i64 {
            *case
        }
        fn call_native(state: &mut i64) -> i64 {
            if *state == 7 {
                panic!("seven");
            }
            *state * 2 + i64::from(*state == 3)
        }
        fn portal_args(state: &mut i64) -> Args {
            Args::ints(&[*state])
        }
        unsafe fn result_from(value: Value) -> i64 {
            match value {
                Value::Int(i) => i,
                other => panic!("unexpected {other:?}"),
            }
        }
        fn capture<R>(_case: &i64, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
            OUT.with(|o| o.borrow_mut().clear());
            let r = f();
            (r, OUT.with(|o| o.borrow().clone()))
        }
    }

    #[test]
    fn equal_ways_compare_equal() {
        let seen = compare::<Toy>(&Way::ALL, &21).expect("both ways agree");
        assert_eq!(seen.result, Ok(42));
    }

    #[test]
    fn different_results_are_reported() {
        let why =
            compare::<Toy>(&[Way::Native, Way::Blackhole], &3).expect_err("native adds one for 3");
        assert_eq!(why, "Blackhole gave Ok(6), Native gave Ok(7)");
    }

    #[test]
    fn panics_are_results() {
        let seen = run::<Toy>(Way::Native, &7);
        assert_eq!(seen.result, Err("seven".to_owned()));
    }

    #[test]
    fn run_blackhole_by_name() {
        // Safety: the jitcode touches no memory.
        let v = unsafe { run_blackhole(codes(), "double", &Args::ints(&[5])) };
        assert_eq!(v, Value::Int(10));
    }
}
