// The interpreter core of tl. This file holds ONE inline module and nothing else: the
// build script copies it without its `#[jitsupport::interpreter]` line to make the plain
// core (`tl::plain`), so it has no inner doc comment and its doc is the module's outer doc.

/// The JIT-visible core of tl: the bytecode, the frame and the dispatch loop.
///
/// Bytecode is a list of `i64` words: an opcode, followed by its immediate operand for
/// `push`, `pick`, `roll` (a number) and `br`, `br_if`, `call` (an absolute target pc).
/// The loader (`crate::asm`) only produces well-formed bytecode; [`interpret`] still
/// checks it first ([`first_bad_instruction`]) and reports an unknown opcode, a missing
/// operand or a jump into the middle of an instruction as [`Status::BadBytecode`], so
/// that the dispatch loop can read operands without checking them.
///
/// The data stack is shared by callers and callees (as in Forth): `call` pushes the
/// return address on a separate return stack, `return` pops it, and a `return` with no
/// call pending ends the program (as RPython's tl does). Errors of the user's program are
/// never panics: [`run`] returns them as an [`Outcome`].
#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{dont_look_inside, promote, JitDriver, List};

    /// Pushes its operand.
    pub const PUSH: i64 = 1;
    /// Drops the top of the stack.
    pub const POP: i64 = 2;
    /// Exchanges the two topmost values.
    pub const SWAP: i64 = 3;
    /// `roll N`: moves the value at depth N (0 is the top) to the top.
    pub const ROLL: i64 = 4;
    /// `pick N`: pushes a copy of the value at depth N (0 is the top).
    pub const PICK: i64 = 5;
    /// Pushes a copy of the top.
    pub const DUP: i64 = 6;
    pub const ADD: i64 = 7;
    pub const SUB: i64 = 8;
    pub const MUL: i64 = 9;
    /// Division rounding toward zero, as Rust's `/`.
    pub const DIV: i64 = 10;
    /// Remainder with the sign of the dividend, as Rust's `%`.
    pub const MOD: i64 = 11;
    pub const EQ: i64 = 12;
    pub const NE: i64 = 13;
    pub const LT: i64 = 14;
    pub const LE: i64 = 15;
    pub const GT: i64 = 16;
    pub const GE: i64 = 17;
    /// Pops a value and jumps to the operand if it is not zero.
    pub const BR_IF: i64 = 18;
    /// Jumps to the operand.
    pub const BR: i64 = 19;
    /// Pushes the return address on the return stack and jumps to the operand.
    pub const CALL: i64 = 20;
    /// Jumps to the popped return address; ends the program when no call is pending.
    pub const RETURN: i64 = 21;
    /// Pops a value and prints it as a decimal line.
    pub const PRINT: i64 = 22;
    /// Ends the program.
    pub const HALT: i64 = 23;

    /// The deepest nesting of calls before the program fails with a call stack overflow.
    pub const MAX_CALL_DEPTH: usize = 100000;

    /// The most values the data stack holds before the program fails with a stack
    /// overflow (80 MB of values): a runaway `push` loop is the program's error, not the
    /// process's.
    pub const MAX_STACK_DEPTH: usize = 10_000_000;

    static DRIVER: JitDriver = JitDriver::new(&["pc", "program"], &["frame"]);

    /// How a run ended.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u8)]
    pub enum Status {
        /// `halt`, a top-level `return`, or the end of the code.
        Halted,
        /// An instruction needed more values than the stack holds.
        StackUnderflow,
        /// `div` or `mod` by zero.
        DivisionByZero,
        /// More than [`MAX_CALL_DEPTH`] calls were pending.
        CallStackOverflow,
        /// A value pushed on a data stack holding [`MAX_STACK_DEPTH`] values already.
        StackOverflow,
        /// `pick N` or `roll N` with fewer than N + 1 values on the stack.
        PickOutOfRange,
        /// An unknown opcode, a missing operand or a bad branch target (the loader never
        /// produces them).
        BadBytecode,
    }

    /// The end of a run: its status and the pc of the instruction that ended it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Outcome {
        pub status: Status,
        pub pc: usize,
    }

    /// An assembled program. It never changes while it runs: it is green.
    pub struct Program {
        #[immutable]
        pub code: List<i64>,
    }

    impl Program {
        pub fn new(code: List<i64>) -> Program {
            Program { code }
        }
    }

    /// The state of a run: the data stack and the return stack.
    pub struct Frame {
        pub stack: List<i64>,
        pub returns: List<usize>,
    }

    impl Frame {
        pub fn new() -> Frame {
            Frame {
                stack: List::with_capacity(64),
                returns: List::new(),
            }
        }

        /// Pops the top value, or `None` when the stack is empty.
        pub fn pop(&mut self) -> Option<i64> {
            self.stack.pop()
        }

        /// Pops the two topmost values `(below, top)`, or `None` when there are fewer
        /// than two; then the stack is left unchanged.
        pub fn pop2(&mut self) -> Option<(i64, i64)> {
            if self.stack.len() < 2 {
                return None;
            }
            let top = self.stack.pop()?;
            let below = self.stack.pop()?;
            Some((below, top))
        }

        pub fn push(&mut self, value: i64) {
            self.stack.push(value);
        }
    }

    impl Default for Frame {
        fn default() -> Frame {
            Frame::new()
        }
    }

    /// The word at `pc`, which must be in the code. The code is an `#[immutable]`
    /// list, so with the program and the pc green, the JIT folds the read to a
    /// constant (as RPython's tl reads its green bytecode string).
    pub fn fetch(program: &Program, pc: usize) -> i64 {
        program.code[pc]
    }

    /// The number of operand words after `opcode`, or -1 for an unknown opcode.
    pub fn operand_count(opcode: i64) -> i64 {
        match opcode {
            PUSH | ROLL | PICK | BR_IF | BR | CALL => 1,
            POP | SWAP | DUP | ADD | SUB | MUL | DIV | MOD | EQ | NE | LT | LE | GT | GE
            | RETURN | PRINT | HALT => 0,
            _ => -1,
        }
    }

    /// The pc of the first malformed instruction of `program` (an unknown opcode, a
    /// missing operand, a branch or call to a negative pc or into an instruction), or
    /// the length of the code when there is none. A target at or past the end of the
    /// code is fine: reaching it ends the program.
    pub fn first_bad_instruction(program: &Program) -> usize {
        let len = program.code.len();
        // starts[pc]: an instruction starts at pc.
        let mut starts: List<bool> = List::with_capacity(len);
        while starts.len() < len {
            starts.push(false);
        }
        let mut pc: usize = 0;
        while pc < len {
            let count = operand_count(program.code[pc]);
            if count < 0 || pc + count as usize >= len {
                return pc;
            }
            starts[pc] = true;
            pc += 1 + count as usize;
        }
        pc = 0;
        while pc < len {
            let opcode = program.code[pc];
            if opcode == BR_IF || opcode == BR || opcode == CALL {
                let target = program.code[pc + 1];
                if target < 0 || ((target as usize) < len && !starts[target as usize]) {
                    return pc;
                }
            }
            pc += 1 + operand_count(opcode) as usize;
        }
        len
    }

    /// `1` if `cond` holds, else `0`: the truth values of tl.
    pub fn truth(cond: bool) -> i64 {
        if cond {
            1
        } else {
            0
        }
    }

    /// Moves the value at depth `n` (0 is the top) to the top; false if there is none.
    /// Its loop runs a number of times the trace cannot know: the JIT calls it whole.
    #[dont_look_inside]
    pub fn roll(stack: &mut List<i64>, n: usize) -> bool {
        let len = stack.len();
        if n >= len {
            return false;
        }
        let mut i = len - 1 - n;
        let value = stack[i];
        while i + 1 < len {
            stack[i] = stack[i + 1];
            i += 1;
        }
        stack[len - 1] = value;
        true
    }

    /// Checks `program`, then runs it from its first instruction on a fresh frame.
    pub fn interpret(program: &Program) -> Outcome {
        let bad = first_bad_instruction(program);
        if bad < program.code.len() {
            return failure(Status::BadBytecode, bad);
        }
        let mut frame = Frame::new();
        run(program, &mut frame)
    }

    /// The dispatch loop: runs `program` from pc 0 on `frame` until it halts or fails.
    /// The program must be well-formed (see [`first_bad_instruction`]): operands are read
    /// without checks.
    pub fn run(program: &Program, frame: &mut Frame) -> Outcome {
        let mut pc: usize = 0;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, program; frame);
            if pc >= program.code.len() {
                return Outcome {
                    status: Status::Halted,
                    pc,
                };
            }
            let start = pc;
            let opcode = fetch(program, pc);
            pc += 1;
            match opcode {
                PUSH => {
                    let value = fetch(program, pc);
                    pc += 1;
                    if frame.stack.len() >= MAX_STACK_DEPTH {
                        return failure(Status::StackOverflow, start);
                    }
                    frame.push(value);
                }
                POP => {
                    if frame.stack.is_empty() {
                        return failure(Status::StackUnderflow, start);
                    }
                    let _ = frame.pop();
                }
                SWAP => match frame.pop2() {
                    Some((a, b)) => {
                        frame.push(b);
                        frame.push(a);
                    }
                    None => return failure(Status::StackUnderflow, start),
                },
                ROLL => {
                    let n = fetch(program, pc);
                    pc += 1;
                    if n < 0 || !roll(&mut frame.stack, n as usize) {
                        return failure(Status::PickOutOfRange, start);
                    }
                }
                PICK => {
                    let n = fetch(program, pc);
                    pc += 1;
                    let len = frame.stack.len();
                    if n < 0 || n as usize >= len {
                        return failure(Status::PickOutOfRange, start);
                    }
                    if len >= MAX_STACK_DEPTH {
                        return failure(Status::StackOverflow, start);
                    }
                    let value = frame.stack[len - 1 - n as usize];
                    frame.push(value);
                }
                DUP => {
                    let len = frame.stack.len();
                    if len == 0 {
                        return failure(Status::StackUnderflow, start);
                    }
                    if len >= MAX_STACK_DEPTH {
                        return failure(Status::StackOverflow, start);
                    }
                    let value = frame.stack[len - 1];
                    frame.push(value);
                }
                ADD => match frame.pop2() {
                    Some((a, b)) => frame.push(a.wrapping_add(b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                SUB => match frame.pop2() {
                    Some((a, b)) => frame.push(a.wrapping_sub(b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                MUL => match frame.pop2() {
                    Some((a, b)) => frame.push(a.wrapping_mul(b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                DIV => match frame.pop2() {
                    Some((a, b)) => {
                        if b == 0 {
                            return failure(Status::DivisionByZero, start);
                        }
                        // i64::MIN / -1 overflows; it wraps, as the other operations do.
                        if b == -1 {
                            frame.push(a.wrapping_neg());
                        } else {
                            frame.push(a / b);
                        }
                    }
                    None => return failure(Status::StackUnderflow, start),
                },
                MOD => match frame.pop2() {
                    Some((a, b)) => {
                        if b == 0 {
                            return failure(Status::DivisionByZero, start);
                        }
                        if b == -1 {
                            frame.push(0);
                        } else {
                            frame.push(a % b);
                        }
                    }
                    None => return failure(Status::StackUnderflow, start),
                },
                EQ => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a == b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                NE => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a != b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                LT => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a < b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                LE => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a <= b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                GT => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a > b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                GE => match frame.pop2() {
                    Some((a, b)) => frame.push(truth(a >= b)),
                    None => return failure(Status::StackUnderflow, start),
                },
                BR_IF => {
                    let target = fetch(program, pc) as usize;
                    pc += 1;
                    let cond = match frame.pop() {
                        Some(c) => c,
                        None => return failure(Status::StackUnderflow, start),
                    };
                    if cond != 0 {
                        pc = target;
                        if target < start {
                            jitsupport::can_enter_jit!(DRIVER; pc, program; frame);
                        }
                    }
                }
                BR => {
                    let target = fetch(program, pc) as usize;
                    pc = target;
                    if target < start {
                        jitsupport::can_enter_jit!(DRIVER; pc, program; frame);
                    }
                }
                CALL => {
                    let target = fetch(program, pc) as usize;
                    if frame.returns.len() >= MAX_CALL_DEPTH {
                        return failure(Status::CallStackOverflow, start);
                    }
                    frame.returns.push(pc + 1);
                    pc = target;
                    if target < start {
                        jitsupport::can_enter_jit!(DRIVER; pc, program; frame);
                    }
                }
                RETURN => match frame.returns.pop() {
                    Some(back) => {
                        // The return address comes from the frame (red), but the pc is
                        // green: the trace guards on the address it saw.
                        pc = promote(back);
                    }
                    None => {
                        return Outcome {
                            status: Status::Halted,
                            pc: start,
                        }
                    }
                },
                PRINT => match frame.pop() {
                    Some(value) => crate::io::print_int(value),
                    None => return failure(Status::StackUnderflow, start),
                },
                HALT => {
                    return Outcome {
                        status: Status::Halted,
                        pc: start,
                    }
                }
                _ => return failure(Status::BadBytecode, start),
            }
        }
    }

    /// The outcome of a run that failed at `pc`.
    pub fn failure(status: Status, pc: usize) -> Outcome {
        Outcome { status, pc }
    }
}
