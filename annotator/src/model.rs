//! The flowgraph model: one SSA graph per function, as in RPython's `flowspace/model.py`.
//!
//! A [`Graph`] is a set of blocks. Every block has input variables, a list of operations,
//! and an [`Exit`] that says where control goes next. Values flow between blocks only
//! through [`Link`]s, which carry one value for each input variable of the target
//! block: there is no variable shared between blocks (SSA in block-argument form).
//!
//! Every graph has two special blocks without operations: the return block (one input,
//! the returned value; exit [`Exit::Return`]) and the panic block (one input, the message
//! as a `&str`; exit [`Exit::Panic`]). An early `return`, a `?` and the end of the body
//! all link to the return block; `panic!`, `unreachable!` and a failed `assert!` link to
//! the panic block. Operations that may panic implicitly (an index out of bounds, a
//! division by zero; see [`OpKind::may_panic`]) stay inside their block: the panic is a
//! property of the op, not an edge, as Rust's own MIR treats them as assertions.
//!
//! Variables and constants are `u32` indices into per-graph tables. Annotation fills in
//! the type of every variable and constant ([`VarData::ty`], [`ConstData::ty`]).

use crate::ops::OpKind;
use crate::types::Type;
use proc_macro2::Span;
use std::fmt;

macro_rules! entity {
    ($(#[$m:meta])* $name:ident, $prefix:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

entity!(
    /// A variable of one graph; prints as `v3`.
    Var,
    "v"
);
entity!(
    /// A constant of one graph; constants print as their literal.
    Const,
    "c"
);
entity!(
    /// A block of one graph; prints as `block2`.
    Block,
    "block"
);

/// An operand: a variable or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Var(Var),
    Const(Const),
}

impl From<Var> for Value {
    fn from(v: Var) -> Value {
        Value::Var(v)
    }
}

impl From<Const> for Value {
    fn from(c: Const) -> Value {
        Value::Const(c)
    }
}

/// What the graph knows about one variable.
#[derive(Clone, Debug)]
pub struct VarData {
    /// The Rust name this variable holds a version of, if any (for readers only).
    pub name: Option<String>,
    /// Filled by annotation; `None` only before it has run.
    pub ty: Option<Type>,
    /// Where the value was produced, for error messages.
    pub span: Span,
}

/// A constant's value. Integer literals keep their value as `i128` and get their type
/// from annotation (a suffix such as `1u8` gives it directly).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Int(i128),
    Bool(bool),
    Char(char),
    F64(f64),
    Str(String),
    Unit,
}

#[derive(Clone, Debug)]
pub struct ConstData {
    pub value: ConstValue,
    /// Known at creation for suffixed literals, `bool`, `char`, `&str`, `()`; otherwise
    /// filled by annotation.
    pub ty: Option<Type>,
    pub span: Span,
}

/// One operation: `result = kind(args...)`. Every op has a result variable; ops with
/// nothing to return produce a `()` value.
#[derive(Clone, Debug)]
pub struct Op {
    pub kind: OpKind,
    pub args: Vec<Value>,
    pub result: Var,
    pub span: Span,
}

/// An edge: the target block and one value per input variable of the target.
#[derive(Clone, Debug)]
pub struct Link {
    pub target: Block,
    pub args: Vec<Value>,
}

/// A case of [`Exit::Switch`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// An integer value; `char` cases use their code point.
    Int(i128),
    /// A variant of the switched enum (or `Option`'s `None` / `Some`), by name.
    Variant(String),
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Case::Int(i) => write!(f, "{i}"),
            Case::Variant(v) => f.write_str(v),
        }
    }
}

/// Where control goes at the end of a block.
#[derive(Clone, Debug)]
pub enum Exit {
    Goto(Link),
    /// Two-way branch on a `bool`.
    If {
        cond: Value,
        then_link: Link,
        else_link: Link,
    },
    /// Multi-way branch on an integer, `char` or enum value (on the tag for an enum).
    /// Without `default` the cases are exhaustive.
    Switch {
        on: Value,
        cases: Vec<(Case, Link)>,
        default: Option<Link>,
    },
    /// The block's last op is a checked operation (`add_ovf`, ...): `ok` when it did not
    /// overflow (its result is valid), `overflow` when it did (its result must not be used).
    Overflow {
        ok: Link,
        overflow: Link,
    },
    /// Only on the return block.
    Return,
    /// Only on the panic block.
    Panic,
}

impl Exit {
    /// The links leaving a block, in print order.
    pub fn links(&self) -> Vec<&Link> {
        match self {
            Exit::Goto(l) => vec![l],
            Exit::If {
                then_link,
                else_link,
                ..
            } => vec![then_link, else_link],
            Exit::Switch { cases, default, .. } => cases
                .iter()
                .map(|(_, l)| l)
                .chain(default.as_ref())
                .collect(),
            Exit::Overflow { ok, overflow } => vec![ok, overflow],
            Exit::Return | Exit::Panic => vec![],
        }
    }

    pub fn links_mut(&mut self) -> Vec<&mut Link> {
        match self {
            Exit::Goto(l) => vec![l],
            Exit::If {
                then_link,
                else_link,
                ..
            } => vec![then_link, else_link],
            Exit::Switch { cases, default, .. } => cases
                .iter_mut()
                .map(|(_, l)| l)
                .chain(default.as_mut())
                .collect(),
            Exit::Overflow { ok, overflow } => vec![ok, overflow],
            Exit::Return | Exit::Panic => vec![],
        }
    }
}

#[derive(Clone, Debug)]
pub struct BlockData {
    pub inputs: Vec<Var>,
    pub ops: Vec<Op>,
    pub exit: Exit,
}

/// JIT hints given to a function by attributes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FnHints {
    /// `#[elidable]`: pure; calls with constant arguments may be folded.
    pub elidable: bool,
    /// `#[dont_look_inside]`: the JIT calls it instead of tracing through it.
    pub dont_look_inside: bool,
    /// `#[unroll_safe]`: loops inside may be unrolled by the tracer.
    pub unroll_safe: bool,
    /// `#[loop_invariant]`: called once per loop iteration at most; result reused.
    pub loop_invariant: bool,
}

/// The flowgraph of one function.
#[derive(Clone, Debug)]
pub struct Graph {
    /// `run` for a free function, `Frame::push` for a method.
    pub name: String,
    pub blocks: Vec<BlockData>,
    pub vars: Vec<VarData>,
    pub consts: Vec<ConstData>,
    /// The start block; its inputs are the parameters (`self` first for methods).
    pub start: Block,
    pub return_block: Block,
    pub panic_block: Block,
    pub hints: FnHints,
    pub span: Span,
}

impl Graph {
    /// A graph with an empty start block, the return block and the panic block.
    pub fn new(name: impl Into<String>, span: Span) -> Graph {
        let mut g = Graph {
            name: name.into(),
            blocks: Vec::new(),
            vars: Vec::new(),
            consts: Vec::new(),
            start: Block(0),
            return_block: Block(0),
            panic_block: Block(0),
            hints: FnHints::default(),
            span,
        };
        g.start = g.new_block(Vec::new());
        let ret = g.new_var(Some("result".into()), span);
        g.return_block = g.new_block(vec![ret]);
        g.blocks[g.return_block.index()].exit = Exit::Return;
        let msg = g.new_var(Some("message".into()), span);
        g.panic_block = g.new_block(vec![msg]);
        g.blocks[g.panic_block.index()].exit = Exit::Panic;
        g
    }

    pub fn new_var(&mut self, name: Option<String>, span: Span) -> Var {
        self.vars.push(VarData {
            name,
            ty: None,
            span,
        });
        Var(self.vars.len() as u32 - 1)
    }

    pub fn new_const(&mut self, value: ConstValue, ty: Option<Type>, span: Span) -> Const {
        self.consts.push(ConstData { value, ty, span });
        Const(self.consts.len() as u32 - 1)
    }

    /// A new block with the given inputs, exiting to the panic block until its exit is set.
    pub fn new_block(&mut self, inputs: Vec<Var>) -> Block {
        let placeholder = Exit::Panic;
        self.blocks.push(BlockData {
            inputs,
            ops: Vec::new(),
            exit: placeholder,
        });
        Block(self.blocks.len() as u32 - 1)
    }

    pub fn block(&self, b: Block) -> &BlockData {
        &self.blocks[b.index()]
    }

    pub fn block_mut(&mut self, b: Block) -> &mut BlockData {
        &mut self.blocks[b.index()]
    }

    pub fn var(&self, v: Var) -> &VarData {
        &self.vars[v.index()]
    }

    pub fn constant(&self, c: Const) -> &ConstData {
        &self.consts[c.index()]
    }

    /// The parameters: the start block's inputs.
    pub fn params(&self) -> &[Var] {
        &self.block(self.start).inputs
    }

    /// The type of a value, if annotated.
    pub fn value_type(&self, v: Value) -> Option<&Type> {
        match v {
            Value::Var(v) => self.var(v).ty.as_ref(),
            Value::Const(c) => self.constant(c).ty.as_ref(),
        }
    }

    /// The return type, if annotated: the type of the return block's input.
    pub fn return_type(&self) -> Option<&Type> {
        self.var(self.block(self.return_block).inputs[0])
            .ty
            .as_ref()
    }

    /// Blocks reachable from the start, in depth-first preorder (the print order), with
    /// the return and panic blocks last.
    pub fn reachable_blocks(&self) -> Vec<Block> {
        let mut seen = vec![false; self.blocks.len()];
        let mut order = Vec::new();
        let mut stack = vec![self.start];
        seen[self.return_block.index()] = true;
        seen[self.panic_block.index()] = true;
        while let Some(b) = stack.pop() {
            if seen[b.index()] {
                continue;
            }
            seen[b.index()] = true;
            order.push(b);
            for link in self.block(b).exit.links().into_iter().rev() {
                if !seen[link.target.index()] {
                    stack.push(link.target);
                }
            }
        }
        order.push(self.return_block);
        order.push(self.panic_block);
        order
    }
}
