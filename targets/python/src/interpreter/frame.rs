//! Frames and generators. A frame is a GC object holding its fast locals, cells and
//! value stack in one `GcArray<Value>` (so it can become virtualizable), the program
//! counter and the stack pointer; a generator is a suspended frame.

use crate::objspace::dict::W_Dict;
use crate::objspace::function::W_Code;
use crate::objspace::object::Value;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_Frame {
    pub code: Gc<W_Code>,
    pub globals: Gc<W_Dict>,
    /// The namespace of a class body (`*_NAME` ops), else `None`.
    pub locals: Option<Gc<W_Dict>>,
    /// Fast locals, then cells and free variables, then the value stack.
    pub slots: GcArray<Value>,
    /// The index in `slots` of the next free stack entry.
    pub sp: GcCell<usize>,
    /// The next instruction.
    pub pc: GcCell<u32>,
}
crate::py_type!(W_Frame { code, globals, locals, slots ; });

impl W_Frame {
    /// Where the value stack starts in `slots`.
    pub fn stack_base(&self) -> usize {
        (self.code.nlocals + self.code.ncells + self.code.nfrees) as usize
    }
}

/// A new frame for `code`, its locals all unbound.
pub fn new_frame(code: Gc<W_Code>, globals: Gc<W_Dict>, locals: Option<Gc<W_Dict>>) -> Gc<W_Frame> {
    let base = (code.nlocals + code.ncells + code.nfrees) as usize;
    let n = base + code.stacksize as usize + 1;
    Gc::new(W_Frame {
        code,
        globals,
        locals,
        slots: GcArray::new(n, Value::Null),
        sp: GcCell::new(base),
        pc: GcCell::new(0),
    })
}

/// Generator states.
pub const GEN_CREATED: u32 = 0;
pub const GEN_RUNNING: u32 = 1;
pub const GEN_SUSPENDED: u32 = 2;
pub const GEN_DONE: u32 = 3;

pub struct W_Generator {
    pub frame: Gc<W_Frame>,
    pub state: GcCell<u32>,
}
crate::py_type!(W_Generator { frame ; });
