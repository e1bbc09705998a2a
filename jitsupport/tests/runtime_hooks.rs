//! The runtime side of the native hooks (`metainterp::runtime`): a portal written here as
//! the `#[interpreter]` macro rewrites it with the cargo feature `jit` (this crate has no
//! such feature, so the test spells the expansion out) counts its passes in line in the
//! thread's counter table, calls the JIT only when that fails, gets its loop compiled and
//! run, and the table is closed while the JIT works and after a reset.

use jitsupport::jitcode::Kind;
use jitsupport::metainterp::runtime::{self, green_hash, HookExit, Word};

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
    }

    pub struct State {
        pub n: i64,
        pub acc: i64,
    }

    /// `0 _`: adds `n` to `acc`; `1 target`: decrements `n` and jumps to `target` unless
    /// it is 0; anything else returns `acc`.
    pub fn run(code: &Code, state: &mut State) -> i64 {
        let mut pc: usize = 0;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, code; state);
            let op = code.ops[pc];
            let arg = code.ops[pc + 1];
            pc += 2;
            if op == 0 {
                state.acc += state.n;
            } else if op == 1 {
                state.n -= 1;
                if state.n != 0 {
                    pc = arg as usize;
                    jitsupport::can_enter_jit!(DRIVER; pc, code; state);
                }
            } else {
                return state.acc;
            }
        }
    }
}

use crate::core::{Code, State};

const GREENS: [Kind; 2] = [Kind::Int, Kind::Ref];
const REDS: [Kind; 1] = [Kind::Ref];

/// How a hooked run went.
struct Hooked {
    result: i64,
    /// Passes counted in line.
    in_line: u64,
    /// Passes that called the JIT.
    called: u64,
}

/// `core::run` as the macro rewrites it with the feature `jit`.
fn hooked_run(code: &Code, state: &mut State) -> Hooked {
    let codes = core::__pyrite::jitcodes();
    let table = runtime::hot_table(codes, 0);
    let (mut in_line, mut called) = (0, 0);
    let mut pc: usize = 0;
    let mut code = code;
    let mut state = state;
    loop {
        let op = code.ops[pc];
        let arg = code.ops[pc + 1];
        pc += 2;
        if op == 0 {
            state.acc += state.n;
        } else if op == 1 {
            state.n -= 1;
            if state.n != 0 {
                pc = arg as usize;
                let greens = [pc.to_word(), code.to_word()];
                if table.count(green_hash(&GREENS, &greens)) {
                    in_line += 1;
                    continue;
                }
                called += 1;
                let mut greens = greens;
                let mut reds = [state.to_word()];
                // Safety: the words are this portal's variables, and `codes` its registry.
                let exit = unsafe {
                    runtime::enter_in_place(codes, 0, &GREENS, &REDS, &mut greens, &mut reds)
                };
                match exit {
                    HookExit::Interpret => {}
                    HookExit::Continue => {
                        // Safety: the JIT hands back words of the variables' values.
                        unsafe {
                            pc = usize::from_word(greens[0]);
                            code = <&Code>::from_word(greens[1]);
                            state = <&mut State>::from_word(reds[0]);
                        }
                    }
                    HookExit::Return(word) => {
                        return Hooked {
                            result: word as i64,
                            in_line,
                            called,
                        }
                    }
                }
            }
        } else {
            return Hooked {
                result: state.acc,
                in_line,
                called,
            };
        }
    }
}

fn program() -> Code {
    Code {
        ops: vec![0, 0, 1, 0, 2, 0].into(),
    }
}

#[test]
fn a_hooked_loop_counts_in_line_then_runs_compiled() {
    let code = program();
    let n = 100_000;
    let native = core::run(&code, &mut State { n, acc: 0 });
    let run = hooked_run(&code, &mut State { n, acc: 0 });
    assert_eq!(run.result, native);
    let threshold = jitsupport::jit::params().threshold;
    assert!(u64::from(threshold) < 50_000, "threshold {threshold}");
    // Every pass below the threshold is counted in line; the one reaching it traces and
    // the loop then runs compiled to the end.
    assert_eq!(run.in_line, u64::from(threshold) - 1);
    assert!(run.called <= 2, "{} calls of the JIT", run.called);
    let codes = core::__pyrite::jitcodes();
    let loops = runtime::with_jit(codes, |jit| jit.stats().loops).expect("the JIT is idle");
    assert_eq!(loops, 1);
    // Again on the same program: the compiled loop's slot asks the JIT at every pass,
    // which runs the loop at the first.
    let again = hooked_run(&code, &mut State { n, acc: 0 });
    assert_eq!(again.result, native);
    assert_eq!((again.in_line, again.called), (0, 1));
    runtime::reset(codes);
}

#[test]
fn the_table_is_closed_while_the_jit_works_and_after_a_reset() {
    let codes = core::__pyrite::jitcodes();
    runtime::reset(codes);
    let table = runtime::hot_table(codes, 0);
    let hash = green_hash(&GREENS, &[4, 0x1000]);
    assert!(table.count(hash));
    let inside = runtime::with_jit(codes, |_| table.count(hash)).expect("the JIT is idle");
    assert!(!inside, "counted in line while the JIT is out of its slot");
    assert!(table.count(hash));
    runtime::reset(codes);
    assert!(
        !table.count(hash),
        "counted in line in a forgotten JIT's table"
    );
    let fresh = runtime::hot_table(codes, 0);
    assert!(fresh.count(hash));
    // A driver the registry does not have: every pass goes to the JIT, which ignores it.
    assert!(!runtime::hot_table(codes, 7).count(hash));
    runtime::reset(codes);
}

#[test]
fn a_program_built_where_a_dead_one_was_needs_a_reset() {
    // The JIT keys the loop by the program's address and folds its (immutable) ops into
    // the trace; a second program built at the same address after the first died runs the
    // first one's loop until the interpreter resets the JIT (README: green references).
    let codes = core::__pyrite::jitcodes();
    let n = 100_000;
    let second = || Code {
        // Counts n down to 0 and returns acc = 0. Run by the first program's stale loop
        // (entered at the same key, its ops folded into it), it adds n each round and
        // leaves at pc 4, which returns here too: a wrong result, not an endless loop.
        ops: vec![1, 0, 2, 0, 2, 0].into(),
    };
    let native = core::run(&second(), &mut State { n, acc: 0 });
    for reset in [false, true] {
        runtime::reset(codes);
        let mut slot: Box<std::mem::MaybeUninit<Code>> = Box::new(std::mem::MaybeUninit::uninit());
        let first = slot.write(program());
        hooked_run(first, &mut State { n, acc: 0 });
        // Safety: `first` is initialized and not used again.
        unsafe { slot.assume_init_drop() };
        if reset {
            runtime::reset(codes);
        }
        let again = slot.write(second());
        let run = hooked_run(again, &mut State { n, acc: 0 });
        if reset {
            assert_eq!(run.result, native);
        } else {
            assert_ne!(
                run.result, native,
                "the JIT told the programs apart: update the README"
            );
        }
        // Safety: as above.
        unsafe { slot.assume_init_drop() };
    }
    runtime::reset(codes);
}
