//! Items of `#[immutable]` lists under the meta-tracer (issue 11, item 5): with the
//! program green, reading an instruction (a value enum item: its tag and payload) and a
//! constant from lists in `#[immutable]` fields folds to constants, so the loop's trace
//! reads neither list (what tl's and bf's `#[elidable] fetch` did by hand).

mod common;

use common::count;
use jitsupport::metainterp::op_names;
use jitsupport::List;

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{can_enter_jit, jit_merge_point, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["state"]);

    /// An instruction: add the constant at an index, count down, or jump.
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Instr {
        Add(i64),
        Dec,
        Jump(i64),
    }

    pub struct Code {
        #[immutable]
        pub instrs: List<Instr>,
        #[immutable]
        pub consts: List<i64>,
    }

    pub struct State {
        pub acc: i64,
        pub n: i64,
    }

    pub fn run(code: &Code, state: &mut State) -> i64 {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, code; state);
            match code.instrs[pc] {
                Instr::Add(k) => {
                    state.acc = state.acc.wrapping_add(code.consts[k as usize]);
                    pc += 1;
                }
                Instr::Dec => {
                    state.n -= 1;
                    if state.n <= 0 {
                        return state.acc;
                    }
                    pc += 1;
                }
                Instr::Jump(t) => {
                    pc = t as usize;
                    can_enter_jit!(DRIVER; pc, code; state);
                }
            }
        }
    }
}

fn run(params: &str) -> common::Run {
    use crate::core::Instr;
    let code = || core::Code {
        instrs: List::from(vec![
            Instr::Add(1),
            Instr::Add(0),
            Instr::Dec,
            Instr::Jump(0),
        ]),
        consts: List::from(vec![7, 100]),
    };
    let state = || core::State { acc: 0, n: 300 };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    unsafe { common::run(core::__pyrite::jitcodes(), code, state, core::run, params) }
}

#[test]
fn items_of_immutable_lists_fold_on_a_green_program() {
    for params in ["off", "threshold=1,trace_eagerness=1"] {
        let r = run(params);
        assert_eq!(r.result, r.native, "{params}");
        assert_eq!(r.result, 300 * 107, "{params}");
    }
    let r = run("threshold=3,trace_eagerness=5");
    assert_eq!(r.result, r.native);
    let stats = r.jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    let trace = &stats.loop_traces[0];
    let names = op_names(trace);
    // Neither the instructions (their tags and payloads) nor the constants are read:
    // only the state is.
    for op in ["getarrayitem_raw_i", "getarrayitem_gc_i", "guard_value"] {
        assert_eq!(count(&names, op), 0, "{op}: {trace}");
    }
    assert!(!trace.to_string().contains("Instr"), "{trace}");
}
