//! The low-level graph model: the flowgraph shape of [`annotator::model`] (blocks with
//! input variables, operations, an exit), with low-level operations and values of kind
//! int, ref or float.
//!
//! As in the flowgraphs, values flow between blocks only through links: every variable is
//! defined once, by a block input or an operation, and used only in its own block.

use crate::layout::Layouts;
use crate::lltype::{Kind, LlType};
use crate::ops::LlOpKind;
use annotator::model::FnHints;
use std::fmt;

/// A low-level variable of one graph; prints with its kind prefix (`i3`, `r1`, `f0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LlVar(pub u32);

impl LlVar {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A block of one low-level graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LlBlock(pub u32);

impl LlBlock {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for LlBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "block{}", self.0)
    }
}

#[derive(Clone, Debug)]
pub struct LlVarData {
    pub ty: LlType,
    /// The Rust local this value comes from, if any (for readers).
    pub name: Option<String>,
}

/// A constant operand.
#[derive(Clone, Debug, PartialEq)]
pub enum LlConst {
    /// An int-kind constant (integers, bools as 0/1, chars as code points, discriminants).
    Int(i128),
    Float(f64),
    /// The null pointer.
    Null,
    /// A string constant (a ref).
    Str(String),
}

impl LlConst {
    pub fn kind(&self) -> Kind {
        match self {
            LlConst::Int(_) => Kind::Int,
            LlConst::Float(_) => Kind::Float,
            LlConst::Null | LlConst::Str(_) => Kind::Ref,
        }
    }

    /// The zero constant of a kind: the undefined payload of a `None`.
    pub fn zero(kind: Kind) -> LlConst {
        match kind {
            Kind::Int => LlConst::Int(0),
            Kind::Float => LlConst::Float(0.0),
            Kind::Ref => LlConst::Null,
        }
    }
}

impl fmt::Display for LlConst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LlConst::Int(i) => write!(f, "{i}"),
            LlConst::Float(x) => write!(f, "{x:?}"),
            LlConst::Null => f.write_str("null"),
            LlConst::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// An operand.
#[derive(Clone, Debug, PartialEq)]
pub enum LlValue {
    Var(LlVar),
    Const(LlConst),
}

impl LlValue {
    pub fn int(i: i128) -> LlValue {
        LlValue::Const(LlConst::Int(i))
    }

    pub fn as_var(&self) -> Option<LlVar> {
        match self {
            LlValue::Var(v) => Some(*v),
            LlValue::Const(_) => None,
        }
    }

    pub fn as_int(&self) -> Option<i128> {
        match self {
            LlValue::Const(LlConst::Int(i)) => Some(*i),
            _ => None,
        }
    }
}

impl From<LlVar> for LlValue {
    fn from(v: LlVar) -> LlValue {
        LlValue::Var(v)
    }
}

/// `results = kind(args)`. Most operations have zero or one result; a direct call has
/// one per leaf of the callee's return type.
#[derive(Clone, Debug)]
pub struct LlOp {
    pub kind: LlOpKind,
    pub args: Vec<LlValue>,
    pub results: Vec<LlVar>,
}

#[derive(Clone, Debug)]
pub struct LlLink {
    pub target: LlBlock,
    pub args: Vec<LlValue>,
}

/// A case of [`LlExit::Switch`]: the value, and for enums the variant name for readers.
#[derive(Clone, Debug, PartialEq)]
pub struct LlCase {
    pub value: i128,
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub enum LlExit {
    Goto(LlLink),
    /// Branch on an int that is 0 or 1.
    If {
        cond: LlValue,
        then_link: LlLink,
        else_link: LlLink,
    },
    Switch {
        on: LlValue,
        cases: Vec<(LlCase, LlLink)>,
        default: Option<LlLink>,
    },
    /// After a `*_ovf` op, the block's last.
    Overflow {
        ok: LlLink,
        overflow: LlLink,
    },
    Return,
    Panic,
}

impl LlExit {
    pub fn links(&self) -> Vec<&LlLink> {
        match self {
            LlExit::Goto(l) => vec![l],
            LlExit::If {
                then_link,
                else_link,
                ..
            } => vec![then_link, else_link],
            LlExit::Switch { cases, default, .. } => cases
                .iter()
                .map(|(_, l)| l)
                .chain(default.as_ref())
                .collect(),
            LlExit::Overflow { ok, overflow } => vec![ok, overflow],
            LlExit::Return | LlExit::Panic => vec![],
        }
    }

    pub fn links_mut(&mut self) -> Vec<&mut LlLink> {
        match self {
            LlExit::Goto(l) => vec![l],
            LlExit::If {
                then_link,
                else_link,
                ..
            } => vec![then_link, else_link],
            LlExit::Switch { cases, default, .. } => cases
                .iter_mut()
                .map(|(_, l)| l)
                .chain(default.as_mut())
                .collect(),
            LlExit::Overflow { ok, overflow } => vec![ok, overflow],
            LlExit::Return | LlExit::Panic => vec![],
        }
    }

    /// The value the exit itself reads (a condition or a switch operand).
    pub fn operand_mut(&mut self) -> Option<&mut LlValue> {
        match self {
            LlExit::If { cond, .. } => Some(cond),
            LlExit::Switch { on, .. } => Some(on),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct LlBlockData {
    pub inputs: Vec<LlVar>,
    pub ops: Vec<LlOp>,
    pub exit: LlExit,
}

/// The low-level graph of one function.
#[derive(Clone, Debug)]
pub struct LlGraph {
    pub name: String,
    pub blocks: Vec<LlBlockData>,
    pub vars: Vec<LlVarData>,
    /// The start block; its inputs are the parameters' leaves.
    pub start: LlBlock,
    /// Its inputs are the leaves of the returned value.
    pub return_block: LlBlock,
    /// Its one input is the message, a `&str`.
    pub panic_block: LlBlock,
    pub hints: FnHints,
}

impl LlGraph {
    pub fn new(name: impl Into<String>, hints: FnHints) -> LlGraph {
        LlGraph {
            name: name.into(),
            blocks: Vec::new(),
            vars: Vec::new(),
            start: LlBlock(0),
            return_block: LlBlock(0),
            panic_block: LlBlock(0),
            hints,
        }
    }

    pub fn new_var(&mut self, ty: LlType, name: Option<String>) -> LlVar {
        self.vars.push(LlVarData { ty, name });
        LlVar(self.vars.len() as u32 - 1)
    }

    pub fn new_block(&mut self) -> LlBlock {
        self.blocks.push(LlBlockData {
            inputs: Vec::new(),
            ops: Vec::new(),
            exit: LlExit::Panic,
        });
        LlBlock(self.blocks.len() as u32 - 1)
    }

    pub fn block(&self, b: LlBlock) -> &LlBlockData {
        &self.blocks[b.index()]
    }

    pub fn block_mut(&mut self, b: LlBlock) -> &mut LlBlockData {
        &mut self.blocks[b.index()]
    }

    pub fn var_type(&self, v: LlVar) -> &LlType {
        &self.vars[v.index()].ty
    }

    pub fn kind(&self, v: &LlValue) -> Kind {
        match v {
            LlValue::Var(v) => self.var_type(*v).kind(),
            LlValue::Const(c) => c.kind(),
        }
    }

    /// The variable's name in the text form: kind prefix and number (`i3`).
    pub fn var_name(&self, v: LlVar) -> String {
        format!("{}{}", self.var_type(v).kind().prefix(), v.0)
    }

    pub fn params(&self) -> &[LlVar] {
        &self.block(self.start).inputs
    }

    /// Blocks reachable from the start in depth-first preorder, return and panic last.
    pub fn reachable_blocks(&self) -> Vec<LlBlock> {
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

/// The result of rtyping: one low-level graph per analysed function, and the layouts.
#[derive(Clone, Debug)]
pub struct LlProgram {
    pub graphs: Vec<LlGraph>,
    pub layouts: Layouts,
}

impl LlProgram {
    pub fn graph(&self, name: &str) -> Option<&LlGraph> {
        self.graphs.iter().find(|g| g.name == name)
    }
}
