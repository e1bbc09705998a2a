//! A valid interpreter core compiles under `#[jitsupport::interpreter]` and runs as
//! written: the macro keeps the items (minus `#[immutable]`) and adds only the hidden
//! layout module.

// The core is written in the analysable subset, which spells out some matches that
// clippy would shorten into method calls.
#![allow(clippy::manual_unwrap_or, clippy::manual_unwrap_or_default)]

#[jitsupport::interpreter]
mod interp {
    use jitsupport::{can_enter_jit, jit_merge_point, promote, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["frame"]);

    pub const PUSH: u8 = 0;
    pub const ADD: u8 = 1;
    pub const JUMP_IF: u8 = 2;
    pub const HALT: u8 = 3;

    /// The bytecode: opcodes and their immediates.
    pub struct Code {
        #[immutable]
        pub ops: List<i64>,
    }

    pub struct Frame {
        pub stack: List<i64>,
    }

    impl Frame {
        pub fn new() -> Frame {
            Frame { stack: List::new() }
        }

        #[jitsupport::unroll_safe]
        pub fn push(&mut self, v: i64) {
            self.stack.push(v);
        }

        pub fn pop(&mut self) -> i64 {
            match self.stack.pop() {
                Some(v) => v,
                None => 0,
            }
        }
    }

    #[jitsupport::elidable]
    pub fn op_at(code: &Code, pc: usize) -> i64 {
        code.ops[pc]
    }

    /// The JIT does not look inside: the body may use anything Rust allows.
    #[jitsupport::dont_look_inside]
    pub fn describe(op: i64) -> usize {
        let names: Vec<String> = vec![format!("op {op}")];
        names.iter().map(|n| n.len()).sum()
    }

    /// Runs `code` and returns the top of the stack.
    pub fn run(code: &Code) -> i64 {
        let mut frame = Frame::new();
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, code; frame);
            let op = promote(op_at(code, pc)) as u8;
            match op {
                PUSH => {
                    frame.push(op_at(code, pc + 1));
                    pc += 2;
                }
                ADD => {
                    let b = frame.pop();
                    let a = frame.pop();
                    frame.push(a + b);
                    pc += 1;
                }
                JUMP_IF => {
                    let target = op_at(code, pc + 1) as usize;
                    if frame.pop() != 0 {
                        pc = target;
                        can_enter_jit!(DRIVER; pc, code; frame);
                    } else {
                        pc += 2;
                    }
                }
                _ => {
                    if !jitsupport::we_are_jitted() && describe(op as i64) == 0 {
                        return -1;
                    }
                    break;
                }
            }
        }
        frame.pop()
    }
}

#[test]
fn the_core_runs_natively() {
    use interp::{ADD, HALT, JUMP_IF, PUSH};
    // 40 + 2, then a jump not taken, then halt.
    let ops: jitsupport::List<i64> = [PUSH, 40, PUSH, 2, ADD, PUSH, 0, JUMP_IF, 0, HALT]
        .iter()
        .map(|&x| x as i64)
        .collect();
    let code = interp::Code { ops };
    assert_eq!(interp::run(&code), 42);
}
