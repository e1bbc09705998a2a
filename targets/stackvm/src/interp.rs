// The interpreter core of stackvm: one inline module, analysed by `#[jitsupport::interpreter]`.

/// The JIT-visible core of stackvm, written the way a new user writes a dynamic-typed
/// stack VM from the README: values are a [`Value`] enum (integers, floats, strings,
/// boxed objects, nil) held inline on a `List` stack; a program is an `#[immutable]`
/// list of [`Instr`]s, an enum with payloads; the dispatch loop fetches one, matches on
/// it and pushes and pops.
///
/// Locals live in one `List` shared by all calls: a call's locals start at `vm.base`
/// (its arguments first), and `store k` grows the list to reach slot `k`. `call f n`
/// moves the top `n` values into a new set of locals and remembers where to return;
/// `ret` pops the return value, drops the callee's locals and pushes the value back.
#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{can_enter_jit, jit_merge_point, Gc, GcCell, GcStr, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "program"], &["vm"]);

    /// The deepest nesting of calls.
    pub const MAX_CALL_DEPTH: usize = 10000;

    /// A value of the user's language.
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Value {
        Nil,
        Int(i64),
        Float(f64),
        Str(GcStr),
        Obj(Gc<Object>),
    }

    /// A boxed object with one mutable field (`new`, `get`, `set`).
    pub struct Object {
        pub field: GcCell<Value>,
    }

    /// An instruction.
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Instr {
        /// Pushes a constant.
        Push(Value),
        /// Drops the top.
        Pop,
        /// Pushes the top again.
        Dup,
        /// Pushes local `k`.
        Load(usize),
        /// Pops into local `k`.
        Store(usize),
        Add,
        Sub,
        Mul,
        Div,
        Mod,
        Lt,
        Eq,
        /// Pops a value, pushes its string form.
        Str,
        /// Pops a string, pushes its length in characters.
        Len,
        /// Pops a number, pushes the nearest integer.
        Round,
        /// Pops a value, pushes a new object holding it.
        New,
        /// Pops an object, pushes its field.
        Get,
        /// Pops a value and an object, sets the object's field.
        Set,
        /// Jumps to a pc.
        Jump(usize),
        /// Pops a value, jumps if it is false (nil, 0, 0.0, "").
        JumpIfFalse(usize),
        /// `Call(target, argc)`.
        Call(usize, usize),
        /// Returns the top to the caller.
        Ret,
        /// Pops a value and prints it.
        Print,
        Halt,
    }

    /// How a run ended.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u8)]
    pub enum Status {
        /// `halt`, a `ret` outside any call, or the end of the code.
        Halted,
        StackUnderflow,
        /// An operand of the wrong kind (`add` of a string and an integer, ...).
        TypeError,
        /// Integer `div` or `mod` by zero.
        DivisionByZero,
        /// `load` of a local never stored (or holding nil).
        UnsetLocal,
        /// More than [`MAX_CALL_DEPTH`] calls were pending.
        CallStackOverflow,
    }

    /// The end of a run: its status and the pc of the instruction that ended it. (The
    /// natural `Result<(), Fault>` cannot be the portal's result yet: its jitcode
    /// returns nothing, so the JIT would lose it.)
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Outcome {
        pub status: Status,
        pub pc: usize,
    }

    /// A loaded program. Green.
    pub struct Program {
        #[immutable]
        pub code: List<Instr>,
    }

    /// Where a call returns to.
    #[derive(Clone, Copy)]
    pub struct Return {
        pub pc: usize,
        pub base: usize,
    }

    /// The machine's state.
    pub struct Vm {
        pub stack: List<Value>,
        pub locals: List<Value>,
        pub calls: List<Return>,
        pub base: usize,
    }

    impl Vm {
        pub fn new() -> Vm {
            Vm {
                stack: List::new(),
                locals: List::new(),
                calls: List::new(),
                base: 0,
            }
        }

        pub fn push(&mut self, v: Value) {
            self.stack.push(v);
        }

        pub fn pop(&mut self) -> Result<Value, Status> {
            match self.stack.pop() {
                Some(v) => Ok(v),
                None => Err(Status::StackUnderflow),
            }
        }
    }

    impl Default for Vm {
        fn default() -> Vm {
            Vm::new()
        }
    }

    fn truthy(v: Value) -> bool {
        match v {
            Value::Nil => false,
            Value::Int(i) => i != 0,
            Value::Float(f) => f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Obj(_) => true,
        }
    }

    fn arith(op: Instr, a: Value, b: Value) -> Result<Value, Status> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => match op {
                Instr::Add => Ok(Value::Int(x.wrapping_add(y))),
                Instr::Sub => Ok(Value::Int(x.wrapping_sub(y))),
                Instr::Mul => Ok(Value::Int(x.wrapping_mul(y))),
                Instr::Div => {
                    if y == 0 {
                        Err(Status::DivisionByZero)
                    } else {
                        Ok(Value::Int(x.wrapping_div(y)))
                    }
                }
                Instr::Mod => {
                    if y == 0 {
                        Err(Status::DivisionByZero)
                    } else {
                        Ok(Value::Int(x.wrapping_rem(y)))
                    }
                }
                Instr::Lt => Ok(Value::Int((x < y) as i64)),
                _ => Ok(Value::Int((x == y) as i64)),
            },
            (Value::Str(x), Value::Str(y)) => match op {
                Instr::Add => Ok(Value::Str(x.concat(y))),
                Instr::Lt => Ok(Value::Int((x < y) as i64)),
                Instr::Eq => Ok(Value::Int((x == y) as i64)),
                _ => Err(Status::TypeError),
            },
            _ => {
                let (Some(x), Some(y)) = (as_float(a), as_float(b)) else {
                    return Err(Status::TypeError);
                };
                match op {
                    Instr::Add => Ok(Value::Float(x + y)),
                    Instr::Sub => Ok(Value::Float(x - y)),
                    Instr::Mul => Ok(Value::Float(x * y)),
                    Instr::Div => Ok(Value::Float(x / y)),
                    Instr::Mod => Ok(Value::Float(x % y)),
                    Instr::Lt => Ok(Value::Int((x < y) as i64)),
                    _ => Ok(Value::Int((x == y) as i64)),
                }
            }
        }
    }

    fn as_float(v: Value) -> Option<f64> {
        match v {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }

    fn to_str(v: Value) -> GcStr {
        match v {
            Value::Nil => GcStr::lit("nil"),
            Value::Int(i) => GcStr::from_int(i),
            Value::Float(f) => GcStr::from_float(f),
            Value::Str(s) => s,
            Value::Obj(_) => GcStr::lit("<object>"),
        }
    }

    /// Runs one instruction; gives the next pc, or `None` when the program ends.
    fn step(program: &Program, pc: usize, vm: &mut Vm) -> Result<Option<usize>, Status> {
        let instr = program.code[pc];
        match instr {
            Instr::Push(v) => vm.push(v),
            Instr::Pop => {
                vm.pop()?;
            }
            Instr::Dup => {
                let v = vm.pop()?;
                vm.push(v);
                vm.push(v);
            }
            Instr::Load(k) => {
                if vm.base + k >= vm.locals.len() {
                    return Err(Status::UnsetLocal);
                }
                let v = vm.locals[vm.base + k];
                if matches!(v, Value::Nil) {
                    return Err(Status::UnsetLocal);
                }
                vm.push(v);
            }
            Instr::Store(k) => {
                let v = vm.pop()?;
                while vm.locals.len() <= vm.base + k {
                    vm.locals.push(Value::Nil);
                }
                vm.locals[vm.base + k] = v;
            }
            Instr::Add
            | Instr::Sub
            | Instr::Mul
            | Instr::Div
            | Instr::Mod
            | Instr::Lt
            | Instr::Eq => {
                let b = vm.pop()?;
                let a = vm.pop()?;
                let r = arith(instr, a, b)?;
                vm.push(r);
            }
            Instr::Str => {
                let v = vm.pop()?;
                vm.push(Value::Str(to_str(v)));
            }
            Instr::Len => match vm.pop()? {
                Value::Str(s) => vm.push(Value::Int(s.char_count() as i64)),
                _ => return Err(Status::TypeError),
            },
            Instr::Round => match vm.pop()? {
                Value::Int(i) => vm.push(Value::Int(i)),
                Value::Float(f) => vm.push(Value::Int(f.round() as i64)),
                _ => return Err(Status::TypeError),
            },
            Instr::New => {
                let v = vm.pop()?;
                vm.push(Value::Obj(Gc::new(Object {
                    field: GcCell::new(v),
                })));
            }
            Instr::Get => match vm.pop()? {
                Value::Obj(o) => vm.push(o.field.get()),
                _ => return Err(Status::TypeError),
            },
            Instr::Set => {
                let v = vm.pop()?;
                match vm.pop()? {
                    Value::Obj(o) => o.field.set(v),
                    _ => return Err(Status::TypeError),
                }
            }
            Instr::Jump(target) => return Ok(Some(target)),
            Instr::JumpIfFalse(target) => {
                if !truthy(vm.pop()?) {
                    return Ok(Some(target));
                }
            }
            Instr::Call(target, argc) => {
                if vm.calls.len() >= MAX_CALL_DEPTH {
                    return Err(Status::CallStackOverflow);
                }
                if vm.stack.len() < argc {
                    return Err(Status::StackUnderflow);
                }
                vm.calls.push(Return {
                    pc: pc + 1,
                    base: vm.base,
                });
                vm.base = vm.locals.len();
                let first = vm.stack.len() - argc;
                for i in 0..argc {
                    vm.locals.push(vm.stack[first + i]);
                }
                for _ in 0..argc {
                    vm.stack.pop();
                }
                return Ok(Some(target));
            }
            Instr::Ret => {
                let v = vm.pop()?;
                let Some(back) = vm.calls.pop() else {
                    return Ok(None);
                };
                while vm.locals.len() > vm.base {
                    vm.locals.pop();
                }
                vm.base = back.base;
                vm.push(v);
                return Ok(Some(back.pc));
            }
            Instr::Print => crate::io::print(vm.pop()?),
            Instr::Halt => return Ok(None),
        }
        Ok(Some(pc + 1))
    }

    /// Runs `program` from its start.
    pub fn run(program: &Program, vm: &mut Vm) -> Outcome {
        let mut pc: usize = 0;
        loop {
            jit_merge_point!(DRIVER; pc, program; vm);
            if pc >= program.code.len() {
                return Outcome {
                    status: Status::Halted,
                    pc,
                };
            }
            let next = match step(program, pc, vm) {
                Ok(Some(next)) => next,
                Ok(None) => {
                    return Outcome {
                        status: Status::Halted,
                        pc,
                    }
                }
                Err(status) => return Outcome { status, pc },
            };
            if next <= pc {
                pc = next;
                can_enter_jit!(DRIVER; pc, program; vm);
            } else {
                pc = next;
            }
        }
    }
}
