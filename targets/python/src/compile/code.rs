//! The compiler's output: a tree of [`CodeObject`]s, plain Rust data.
//!
//! A code object holds its instructions, its immutable tables (constants, names, local,
//! cell and free variable names), its exception table and its line table. Nested code
//! (functions, lambdas, comprehensions, class bodies) is a [`Constant::Code`] in the
//! constants of the code that creates it, so the tree has no sharing and no cycles; the
//! loader turns it into the core's objects bottom up.
//!
//! The frame a code object runs in has, in order: `varnames.len()` fast locals (the
//! arguments first, in the order of [`CodeObject::argcount`] and friends), then
//! `cellvars.len()` fresh empty cells, then `freevars.len()` cells taken from the
//! function's closure, then a value stack of at most `stacksize` entries. `Deref`
//! arguments index the cells and free variables together (cells first). An argument
//! that is also a cell is copied into its cell by the code's first instructions.

use super::opcodes::Instr;

/// A constant of a code object.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    /// An integer past `i64`: decimal digits, with a leading `-` if negative.
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    Code(Box<CodeObject>),
}

impl Constant {
    /// Whether two constants may share a slot of the constants table: equal values of
    /// the same type (`1` and `True`, `0.0` and `-0.0` stay apart). Code objects are
    /// never compared (the compiler reuses the constant of a scope compiled twice).
    pub fn same(&self, other: &Constant) -> bool {
        use Constant as C;
        match (self, other) {
            (C::None, C::None) | (C::Ellipsis, C::Ellipsis) => true,
            (C::Bool(a), C::Bool(b)) => a == b,
            (C::Int(a), C::Int(b)) => a == b,
            (C::BigInt(a), C::BigInt(b)) => a == b,
            (C::Float(a), C::Float(b)) => a.to_bits() == b.to_bits(),
            (C::Str(a), C::Str(b)) => a == b,
            (C::Bytes(a), C::Bytes(b)) => a == b,
            (C::Tuple(a), C::Tuple(b)) => same_list(a, b),
            _ => false,
        }
    }
}

fn same_list(a: &[Constant], b: &[Constant]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y))
}

/// What kind of code a code object is, and how calling it behaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    /// Calling the function creates a generator (the body has `yield`).
    pub generator: bool,
    /// The function takes `*args` (the local after the keyword-only ones).
    pub varargs: bool,
    /// The function takes `**kwargs` (the last argument local).
    pub varkeywords: bool,
    /// Module-level code: names are globals.
    pub module: bool,
    /// A class body: run with the class namespace as its locals (`*_NAME` ops).
    pub class_body: bool,
}

/// One entry of the exception table: an exception raised by an instruction in
/// `start..end` pops the value stack down to `depth` entries, pushes the exception and
/// jumps to `handler`. Entries do not overlap; the innermost handler of a try is the
/// one that covers an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub depth: u32,
}

/// One entry of the line table: instructions from `start` on (until the next entry)
/// belong to source line `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineEntry {
    pub start: u32,
    pub line: u32,
}

/// A unit of compiled code: a module, function, lambda, comprehension or class body.
#[derive(Clone, Debug)]
pub struct CodeObject {
    /// The function's name (`f`, `<lambda>`, `<listcomp>`, `<module>`, the class name).
    pub name: String,
    /// The dotted path of the definition (`C.method.<locals>.inner`).
    pub qualname: String,
    pub filename: String,
    /// The line of the `def` (of its first decorator if it has one); 1 for a module.
    pub first_line: u32,
    /// A function's docstring (module and class docstrings are stored to `__doc__`
    /// by their code).
    pub docstring: Option<String>,
    pub flags: CodeFlags,
    /// Positional parameters, the positional-only ones included.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub code: Vec<Instr>,
    pub consts: Vec<Constant>,
    /// Global, attribute, import and class-body names.
    pub names: Vec<String>,
    /// Fast locals: parameters first (positional, keyword-only, `*args`, `**kwargs`).
    pub varnames: Vec<String>,
    /// Locals captured by inner functions (cells created by this frame).
    pub cellvars: Vec<String>,
    /// Variables of enclosing functions (cells passed in by the closure).
    pub freevars: Vec<String>,
    /// The deepest the value stack gets.
    pub stacksize: u32,
    pub exception_table: Vec<Handler>,
    pub lines: Vec<LineEntry>,
}

impl CodeObject {
    /// The source line of instruction `pc`.
    pub fn line_of(&self, pc: u32) -> u32 {
        let i = self.lines.partition_point(|e| e.start <= pc);
        if i == 0 {
            self.first_line
        } else {
            self.lines[i - 1].line
        }
    }

    /// The exception handler covering instruction `pc`, if any (a binary search: the
    /// entries are ordered and do not overlap).
    pub fn handler_of(&self, pc: u32) -> Option<&Handler> {
        let i = self.exception_table.partition_point(|h| h.end <= pc);
        self.exception_table.get(i).filter(|h| h.start <= pc)
    }

    /// The name of `Deref` argument `i`: a cell, then a free variable.
    pub fn deref_name(&self, i: u32) -> Option<&str> {
        let i = i as usize;
        match self.cellvars.get(i) {
            Some(n) => Some(n),
            None => self
                .freevars
                .get(i - self.cellvars.len())
                .map(String::as_str),
        }
    }

    /// The code objects among the constants, in order.
    pub fn children(&self) -> impl Iterator<Item = &CodeObject> {
        self.consts.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(&**code),
            _ => None,
        })
    }
}
