// The interpreter core of tlc: one inline module, analysed by `#[jitsupport::interpreter]`.

/// The JIT-visible core of tlc (RPython's `rpython/jit/tl/tlc.py`): tl with objects.
///
/// Values are GC objects held as [`GcAny`]s: integers ([`IntObj`]), nil ([`NilObj`]),
/// cons cells ([`ConsObj`]) and instances of the program's classes ([`Instance`], whose
/// attributes are a `GcArray`). What an instruction does depends on the classes of its
/// operands, found with `downcast` (one `guard_class` per object in a trace). The
/// program's classes are tables of the green [`Program`] (attribute slots and method
/// pcs by class and symbol), read by `#[elidable]` lookups on the promoted class of an
/// instance, as tlc reads `promote(self.cls)`.
///
/// Bytecode is a list of `i64` words: an opcode, then its operands (`push n`, `pick n`,
/// `br`/`br_if`/`call` target pcs, `new class`, `getattr`/`setattr symbol`,
/// `send symbol argc`). The data stack is shared by callers and callees: `call` and
/// `send` push the return address on a return stack, `return` pops it (a `return` with
/// no call pending ends the program). `send name n` calls the method `name` of the
/// instance below the `n` topmost values, which stay on the stack for the method.
#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{
        can_enter_jit, elidable, jit_merge_point, promote, we_are_jitted, Gc, GcAny, GcArray,
        JitDriver, List,
    };

    /// `push n`: pushes the integer `n`.
    pub const PUSH: i64 = 1;
    /// Drops the top of the stack.
    pub const POP: i64 = 2;
    /// Exchanges the two topmost values.
    pub const SWAP: i64 = 3;
    /// `pick n`: pushes the value at depth `n` (0 is the top).
    pub const PICK: i64 = 4;
    /// Pushes the top again.
    pub const DUP: i64 = 5;
    pub const ADD: i64 = 6;
    pub const SUB: i64 = 7;
    pub const MUL: i64 = 8;
    /// Division rounding toward zero.
    pub const DIV: i64 = 9;
    pub const MOD: i64 = 10;
    /// `eq`: 1 if two integers are equal (or two objects are the same object), else 0.
    pub const EQ: i64 = 11;
    pub const NE: i64 = 12;
    pub const LT: i64 = 13;
    pub const LE: i64 = 14;
    pub const GT: i64 = 15;
    pub const GE: i64 = 16;
    /// `br target`.
    pub const BR: i64 = 17;
    /// `br_if target`: pops a value and jumps if it is true (not 0, not nil).
    pub const BR_IF: i64 = 18;
    /// `call target`.
    pub const CALL: i64 = 19;
    /// Returns to the last return address; ends the program when no call is pending.
    pub const RETURN: i64 = 20;
    /// Pops a value and prints it (an integer, `nil`, a list `(1 2 3)`, an instance).
    pub const PRINT: i64 = 21;
    pub const HALT: i64 = 22;
    /// Pushes nil.
    pub const NIL: i64 = 23;
    /// Pops the tail and the head, pushes the cons cell `(head . tail)`.
    pub const CONS: i64 = 24;
    /// Pops a cons cell, pushes its head.
    pub const CAR: i64 = 25;
    /// Pops a cons cell, pushes its tail.
    pub const CDR: i64 = 26;
    /// `new class`: pushes a new instance, its attributes nil.
    pub const NEW: i64 = 27;
    /// `getattr symbol`: pops an instance, pushes the attribute.
    pub const GETATTR: i64 = 28;
    /// `setattr symbol`: pops a value and an instance, sets the attribute.
    pub const SETATTR: i64 = 29;
    /// `send symbol argc`: calls the receiver's method (see the module doc).
    pub const SEND: i64 = 30;
    /// Pops a value, pushes 1 if it is nil, else 0.
    pub const IS_NIL: i64 = 31;

    /// The most values on the data stack.
    pub const MAX_STACK_DEPTH: usize = 1 << 16;
    /// The deepest nesting of calls and sends.
    pub const MAX_CALL_DEPTH: usize = 100000;

    static DRIVER: JitDriver =
        JitDriver::new(&["pc", "program"], &["frame"]).virtualizable("frame");

    /// How a run ended.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u8)]
    pub enum Status {
        /// `halt`, a top-level `return`, or the end of the code.
        Halted,
        /// An instruction needed more values than the stack holds.
        StackUnderflow,
        /// An operand of the wrong kind (`add` of a list, `car` of nil, ...).
        TypeError,
        /// `div` or `mod` by zero.
        DivisionByZero,
        /// `getattr`/`setattr` of an attribute the instance's class does not have.
        NoSuchAttribute,
        /// `send` of a method the receiver's class does not have.
        NoSuchMethod,
        /// More than [`MAX_CALL_DEPTH`] calls were pending.
        CallStackOverflow,
        /// A value pushed on a full data stack.
        StackOverflow,
    }

    /// The end of a run: its status and the pc of the instruction that ended it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Outcome {
        pub status: Status,
        pub pc: usize,
    }

    /// An integer object.
    pub struct IntObj {
        pub value: i64,
    }

    /// The nil object (the empty list, and every attribute not yet set).
    pub struct NilObj {
        pub unused: i64,
    }

    /// A cons cell.
    pub struct ConsObj {
        pub car: GcAny,
        pub cdr: GcAny,
    }

    /// An instance of a class of the program: its attributes by slot.
    pub struct Instance {
        /// Set when the instance is made, never written after: a loop's sends read it
        /// once, before the loop.
        #[immutable]
        pub class: i64,
        pub attrs: GcArray<Option<GcAny>>,
    }

    /// An assembled program: the code and the classes' tables. Green.
    pub struct Program {
        #[immutable]
        pub code: List<i64>,
        /// `(class, symbol, slot)` triples.
        #[immutable]
        pub attrs: List<i64>,
        /// `(class, symbol, pc)` triples.
        #[immutable]
        pub methods: List<i64>,
        /// The number of attributes of each class.
        #[immutable]
        pub class_sizes: List<i64>,
    }

    /// The state of a run: the data stack (a GC array the collector traces), the
    /// return stack and the nil object.
    ///
    /// The frame is the driver's virtualizable: compiled loops keep `sp` and the items of
    /// the stack around its top in registers.
    #[virtualizable(sp, stack[*])]
    pub struct Frame {
        #[immutable]
        pub stack: GcArray<Option<GcAny>>,
        pub sp: usize,
        pub returns: List<usize>,
        pub nil: GcAny,
    }

    impl Frame {
        pub fn new() -> Frame {
            Frame {
                stack: GcArray::new(MAX_STACK_DEPTH, None),
                sp: 0,
                returns: List::new(),
                nil: GcAny::of(Gc::new(NilObj { unused: 0 })),
            }
        }

        /// Pushes `x`; false when the stack is full.
        pub fn push(&mut self, x: GcAny) -> bool {
            if self.sp == MAX_STACK_DEPTH {
                return false;
            }
            self.stack.set(self.sp, Some(x));
            self.sp += 1;
            true
        }

        /// Pops the top value, or `None` when the stack is empty. Under the JIT the slot
        /// is cleared (as PyPy's frames clear theirs), so that a compiled loop carries
        /// no dead value from one iteration to the next; natively it is left as it is,
        /// which costs nothing (a slot above `sp` is never read).
        pub fn pop(&mut self) -> Option<GcAny> {
            if self.sp == 0 {
                return None;
            }
            self.sp -= 1;
            let top = self.stack.get(self.sp);
            if we_are_jitted() {
                self.stack.set(self.sp, None);
            }
            top
        }

        /// The value at `depth` (0 is the top), if the stack is that deep.
        pub fn peek(&self, depth: usize) -> Option<GcAny> {
            if depth >= self.sp {
                return None;
            }
            self.stack.get(self.sp - 1 - depth)
        }
    }

    impl Default for Frame {
        fn default() -> Frame {
            Frame::new()
        }
    }

    /// The word at `pc` (folded by the JIT with the program and the pc green).
    #[elidable]
    pub fn fetch(program: &Program, pc: usize) -> i64 {
        program.code[pc]
    }

    /// The slot of attribute `symbol` in instances of `class`, or -1.
    #[elidable]
    pub fn attr_slot(program: &Program, class: i64, symbol: i64) -> i64 {
        let mut i = 0;
        while i + 2 < program.attrs.len() {
            if program.attrs[i] == class && program.attrs[i + 1] == symbol {
                return program.attrs[i + 2];
            }
            i += 3;
        }
        -1
    }

    /// The pc of method `symbol` of `class`, or -1.
    #[elidable]
    pub fn method_pc(program: &Program, class: i64, symbol: i64) -> i64 {
        let mut i = 0;
        while i + 2 < program.methods.len() {
            if program.methods[i] == class && program.methods[i + 1] == symbol {
                return program.methods[i + 2];
            }
            i += 3;
        }
        -1
    }

    /// The number of attributes of `class`.
    #[elidable]
    pub fn class_size(program: &Program, class: i64) -> usize {
        program.class_sizes[class as usize] as usize
    }

    pub fn new_int(value: i64) -> GcAny {
        GcAny::of(Gc::new(IntObj { value }))
    }

    /// The integer `x` holds, if it is one.
    pub fn int_of(x: GcAny) -> Option<i64> {
        x.downcast::<IntObj>().map(|i| i.value)
    }

    /// Whether `x` counts as true: a nonzero integer, or any object but nil.
    pub fn truth(x: GcAny) -> bool {
        if let Some(i) = x.downcast::<IntObj>() {
            i.value != 0
        } else {
            !x.is::<NilObj>()
        }
    }

    fn fail(status: Status, pc: usize) -> Outcome {
        Outcome { status, pc }
    }

    /// Runs `program` from its start on `frame`.
    pub fn run(program: &Program, frame: &mut Frame) -> Outcome {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, program; frame);
            if pc >= program.code.len() {
                return fail(Status::Halted, pc);
            }
            let at = pc;
            let opcode = fetch(program, pc);
            pc += 1;
            if opcode == PUSH {
                let n = fetch(program, pc);
                pc += 1;
                if !frame.push(new_int(n)) {
                    return fail(Status::StackOverflow, at);
                }
            } else if opcode == POP {
                if frame.pop().is_none() {
                    return fail(Status::StackUnderflow, at);
                }
            } else if opcode == SWAP {
                let (Some(b), Some(a)) = (frame.pop(), frame.pop()) else {
                    return fail(Status::StackUnderflow, at);
                };
                frame.push(b);
                frame.push(a);
            } else if opcode == PICK || opcode == DUP {
                let depth = if opcode == PICK {
                    pc += 1;
                    fetch(program, pc - 1) as usize
                } else {
                    0
                };
                let Some(x) = frame.peek(depth) else {
                    return fail(Status::StackUnderflow, at);
                };
                if !frame.push(x) {
                    return fail(Status::StackOverflow, at);
                }
            } else if matches!(
                opcode,
                ADD | SUB | MUL | DIV | MOD | EQ | NE | LT | LE | GT | GE
            ) {
                let (Some(b), Some(a)) = (frame.pop(), frame.pop()) else {
                    return fail(Status::StackUnderflow, at);
                };
                if opcode == EQ || opcode == NE {
                    let same = match (int_of(a), int_of(b)) {
                        (Some(x), Some(y)) => x == y,
                        _ => GcAny::ptr_eq(a, b),
                    };
                    let r = if opcode == EQ { same } else { !same };
                    frame.push(new_int(r as i64));
                } else {
                    let (Some(x), Some(y)) = (int_of(a), int_of(b)) else {
                        return fail(Status::TypeError, at);
                    };
                    let r = match opcode {
                        ADD => x.wrapping_add(y),
                        SUB => x.wrapping_sub(y),
                        MUL => x.wrapping_mul(y),
                        DIV | MOD => {
                            if y == 0 {
                                return fail(Status::DivisionByZero, at);
                            }
                            if opcode == DIV {
                                x.wrapping_div(y)
                            } else {
                                x.wrapping_rem(y)
                            }
                        }
                        LT => (x < y) as i64,
                        LE => (x <= y) as i64,
                        GT => (x > y) as i64,
                        _ => (x >= y) as i64,
                    };
                    frame.push(new_int(r));
                }
            } else if opcode == BR || opcode == BR_IF {
                let target = fetch(program, pc) as usize;
                pc += 1;
                let jump = if opcode == BR {
                    true
                } else {
                    let Some(x) = frame.pop() else {
                        return fail(Status::StackUnderflow, at);
                    };
                    truth(x)
                };
                if jump {
                    if target <= at {
                        pc = target;
                        can_enter_jit!(DRIVER; pc, program; frame);
                    } else {
                        pc = target;
                    }
                }
            } else if opcode == CALL {
                let target = fetch(program, pc) as usize;
                pc += 1;
                if frame.returns.len() >= MAX_CALL_DEPTH {
                    return fail(Status::CallStackOverflow, at);
                }
                frame.returns.push(pc);
                pc = target;
            } else if opcode == RETURN {
                match frame.returns.pop() {
                    Some(back) => pc = back,
                    None => return fail(Status::Halted, at),
                }
            } else if opcode == PRINT {
                let Some(x) = frame.pop() else {
                    return fail(Status::StackUnderflow, at);
                };
                crate::io::print_obj(x);
            } else if opcode == HALT {
                return fail(Status::Halted, at);
            } else if opcode == NIL {
                if !frame.push(frame.nil) {
                    return fail(Status::StackOverflow, at);
                }
            } else if opcode == CONS {
                let (Some(tail), Some(head)) = (frame.pop(), frame.pop()) else {
                    return fail(Status::StackUnderflow, at);
                };
                frame.push(GcAny::of(Gc::new(ConsObj {
                    car: head,
                    cdr: tail,
                })));
            } else if opcode == CAR || opcode == CDR {
                let Some(x) = frame.pop() else {
                    return fail(Status::StackUnderflow, at);
                };
                let Some(cell) = x.downcast::<ConsObj>() else {
                    return fail(Status::TypeError, at);
                };
                frame.push(if opcode == CAR { cell.car } else { cell.cdr });
            } else if opcode == IS_NIL {
                let Some(x) = frame.pop() else {
                    return fail(Status::StackUnderflow, at);
                };
                frame.push(new_int(x.is::<NilObj>() as i64));
            } else if opcode == NEW {
                let class = fetch(program, pc);
                pc += 1;
                let n = class_size(program, class);
                let attrs: GcArray<Option<GcAny>> = GcArray::new(n, Some(frame.nil));
                let inst = GcAny::of(Gc::new(Instance { class, attrs }));
                if !frame.push(inst) {
                    return fail(Status::StackOverflow, at);
                }
            } else if opcode == GETATTR || opcode == SETATTR {
                let symbol = fetch(program, pc);
                pc += 1;
                let value = if opcode == SETATTR {
                    frame.pop()
                } else {
                    Some(frame.nil)
                };
                let (Some(value), Some(obj)) = (value, frame.pop()) else {
                    return fail(Status::StackUnderflow, at);
                };
                let Some(inst) = obj.downcast::<Instance>() else {
                    return fail(Status::TypeError, at);
                };
                let slot = attr_slot(program, promote(inst.class), symbol);
                if slot < 0 {
                    return fail(Status::NoSuchAttribute, at);
                }
                if opcode == SETATTR {
                    inst.attrs.set(slot as usize, Some(value));
                } else {
                    let v = inst.attrs.get(slot as usize).unwrap_or(frame.nil);
                    frame.push(v);
                }
            } else if opcode == SEND {
                let symbol = fetch(program, pc);
                let argc = fetch(program, pc + 1) as usize;
                pc += 2;
                let Some(receiver) = frame.peek(argc) else {
                    return fail(Status::StackUnderflow, at);
                };
                let Some(inst) = receiver.downcast::<Instance>() else {
                    return fail(Status::TypeError, at);
                };
                let target = method_pc(program, promote(inst.class), symbol);
                if target < 0 {
                    return fail(Status::NoSuchMethod, at);
                }
                if frame.returns.len() >= MAX_CALL_DEPTH {
                    return fail(Status::CallStackOverflow, at);
                }
                frame.returns.push(pc);
                pc = target as usize;
            } else {
                // The loader produces no other opcode.
                return fail(Status::TypeError, at);
            }
        }
    }
}
