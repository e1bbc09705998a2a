//! What the meta-tracer's tests share (RPython's `LLJitMixin.meta_interp`): a counted-loop
//! interpreter core, declared per test by [`counter_core!`] (the `#[interpreter]` macro
//! must expand in the test's own crate, and every test gives it other instructions), and
//! the harness that runs a program natively and under a fresh [`JitState`] ([`run`]).
//!
//! Every test crate compiles this module and uses a part of it.
#![allow(dead_code, unused_macros)]

use jitsupport::blackhole::{Args, Value};
use jitsupport::jit::JitParams;
use jitsupport::jitcode::JitCodes;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::{AbortReason, JitState};

/// Declares `pub mod core`, an interpreter core under `#[jitsupport::interpreter]` whose
/// program is a `List<i64>` (`Code`) and whose `DRIVER` has the greens `pc, code` and the
/// red `state` (`State`, with the given fields, `acc` and `n` among them). `fn mix;` adds
/// `mix(x, salt)`, eight rounds of a hash, with the doc comments before it; `items` are
/// more items of the module. The names of `run`'s parameters and its `pc` (and `arg`)
/// are given first, so that the bodies written in the test can use them. Two forms:
///
/// - `ops { NAME = value => { body } ... } halt => { body }`: the program is `op, arg`
///   pairs, and `run(code, state)` dispatches in an `if` chain that starts with
///   `DEC target` (decrements `state.n` and jumps back to `target` unless it is 0: the
///   loop's `can_enter_jit`), goes on with the test's ops in their order (each a
///   constant `NAME`) and ends in `halt` for any other op (`HALT` is 2);
/// - `one op => { body }`: one-word ops; op 0 runs the body, decrements `state.n` and
///   jumps back to 0 while it is positive; any other op returns `state.acc`.
macro_rules! counter_core {
    (
        run($code:ident, $state:ident, $pc:ident, $arg:ident);
        state { $($fields:tt)* }
        $( $(#[doc = $mix_doc:literal])* fn mix; )?
        items { $($items:tt)* }
        ops {
            $( $(#[doc = $doc:literal])* $name:ident = $value:literal => $body:tt )*
        }
        halt => $halt:tt
    ) => {
        counter_core! {
            @module
            state { $($fields)* }
            mix { $( $(#[doc = $mix_doc])* fn mix; )? }
            items {
                /// `DEC target`: decrements the counter and jumps back to `target`
                /// unless it is 0.
                pub const DEC: i64 = 0;
                /// `HALT _`: ends the run.
                pub const HALT: i64 = 2;
                $( $(#[doc = $doc])* pub const $name: i64 = $value; )*
                $($items)*
            }
            run {
                pub fn run($code: &Code, $state: &mut State) -> i64 {
                    let mut $pc: usize = 0;
                    loop {
                        jitsupport::jit_merge_point!(DRIVER; $pc, $code; $state);
                        let op = $code.ops[$pc];
                        let $arg = $code.ops[$pc + 1];
                        $pc += 2;
                        if op == DEC {
                            $state.n -= 1;
                            if $state.n != 0 {
                                $pc = $arg as usize;
                                jitsupport::can_enter_jit!(DRIVER; $pc, $code; $state);
                            }
                        } $( else if op == $name $body )* else $halt
                    }
                }
            }
        }
    };
    (
        run($code:ident, $state:ident, $pc:ident);
        state { $($fields:tt)* }
        $( $(#[doc = $mix_doc:literal])* fn mix; )?
        one op => { $($body:tt)* }
    ) => {
        counter_core! {
            @module
            state { $($fields)* }
            mix { $( $(#[doc = $mix_doc])* fn mix; )? }
            items {}
            run {
                /// `0`: the body, then the loop's end; any other op: return.
                pub fn run($code: &Code, $state: &mut State) -> i64 {
                    let mut $pc: usize = 0;
                    loop {
                        jitsupport::jit_merge_point!(DRIVER; $pc, $code; $state);
                        let op = $code.ops[$pc];
                        $pc += 1;
                        if op == 0 {
                            $($body)*
                            $state.n -= 1;
                            if $state.n > 0 {
                                $pc = 0;
                                jitsupport::can_enter_jit!(DRIVER; $pc, $code; $state);
                            }
                        } else {
                            return $state.acc;
                        }
                    }
                }
            }
        }
    };
    (
        @module
        state { $($fields:tt)* }
        mix { $( $(#[doc = $mix_doc:literal])* fn mix; )? }
        items { $($items:tt)* }
        run { $($run:tt)* }
    ) => {
        #[jitsupport::interpreter]
        pub mod core {
            use jitsupport::{JitDriver, List};

            static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

            pub struct Code {
                pub ops: List<i64>,
            }

            pub struct State {
                $($fields)*
            }

            $(
                $(#[doc = $mix_doc])*
                pub fn mix(x: i64, salt: i64) -> i64 {
                    let mut h = x ^ salt;
                    let mut i = 0;
                    while i < 8 {
                        h = h.wrapping_mul(31).wrapping_add(i);
                        h ^= h >> 7;
                        i += 1;
                    }
                    h
                }
            )?

            $($items)*

            $($run)*
        }
    };
}

#[allow(unused_imports)]
pub(crate) use counter_core;

/// A program's result under the JIT, the native result, and the `JitState` that ran it
/// (for its statistics).
pub struct Run {
    pub result: i64,
    pub native: i64,
    pub jit: JitState,
}

/// Runs a portal `run(&code, &mut state)` natively, then under a fresh `JitState` of
/// `jitcodes` with `params`, each on its own `code()` and `state()`.
///
/// # Safety
/// `native` is the portal of `jitcodes` (`core::run` and `core::__pyrite::jitcodes()`), so
/// that `C` and `S` are the types of its parameters.
pub unsafe fn run<C, S>(
    jitcodes: &'static JitCodes,
    code: impl Fn() -> C,
    state: impl Fn() -> S,
    native: fn(&C, &mut S) -> i64,
    params: &str,
) -> Run {
    let native = native(&code(), &mut state());
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(jitcodes, params);
    // Safety: as the caller promises.
    let result = unsafe { run_jit(&mut jit, &code(), &mut state()) };
    Run {
        result,
        native,
        jit,
    }
}

/// Runs the portal (driver 0) of `jit`'s registry on `code` and `state` in the
/// blackhole, with `jit` answering its `can_enter_jit`s, and returns its `i64` result.
///
/// # Safety
/// `C` and `S` are the types of the portal's parameters (`&C`, `&mut S`).
pub unsafe fn run_jit<C, S>(jit: &mut JitState, code: &C, state: &mut S) -> i64 {
    let code_ptr: *const C = code;
    let state_ptr: *mut S = state;
    let args = Args::new(&[], &[code_ptr as usize, state_ptr as usize], &[]);
    // Safety: the arguments point to live values of the portal's parameter types, as
    // the caller promises.
    match unsafe { run_portal(jit, 0, &args) } {
        Value::Int(v) => v,
        other => panic!("the portal returned {other:?}"),
    }
}

/// How many of `names` are `name` (`check_resops` for one op).
pub fn count(names: &[&str], name: &str) -> usize {
    names.iter().filter(|n| **n == name).count()
}

/// How many traces of `jit` were aborted for being too long.
pub fn too_long(jit: &JitState) -> u64 {
    jit.stats()
        .aborts
        .get(&AbortReason::TooLong)
        .copied()
        .unwrap_or(0)
}
