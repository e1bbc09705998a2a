//! Our own Python AST: what the compiler reads.
//!
//! It is the subset of Python 3.11 that python-c implements, after `lower` has turned
//! ruff's tree into it: no `async`, no `match`, no type parameters, no annotations (they
//! are not evaluated), `elif` chains as nested `If`s, and every string literal already
//! decoded. Each node carries the [`Pos`] of its first character; nothing else of the
//! source survives, so the compiler never sees a byte offset.

use std::fmt;

/// A position in the source: 1-based line, 1-based column counted in characters (the
/// convention of CPython's `SyntaxError.offset`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A module: its statements.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
}

/// A statement, where it starts and where it ends (just past its last character).
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub pos: Pos,
    pub end: Pos,
    pub kind: StmtKind,
}

/// The statement forms.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Expr>),
    Delete(Vec<Expr>),
    /// `a = b = value`: the targets left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation = value`; the annotation is dropped. Without a value it
    /// only declares the name (a local of the scope, as in CPython).
    AnnAssign {
        target: Expr,
        value: Option<Expr>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if`; an `elif` is an `If` alone in `orelse`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import names` (absolute only); `*` is the one alias named `*`.
    ImportFrom {
        module: String,
        names: Vec<Alias>,
    },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Expr(Expr),
    Pass,
    Break,
    Continue,
}

/// `def name(params): body`, with its decorators (outermost first).
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    pub name: String,
    pub params: Parameters,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

/// `class name(bases, keywords): body`, with its decorators (outermost first).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub name: String,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
}

/// A parameter list in CPython's order: positional-only, positional-or-keyword,
/// `*args`, keyword-only, `**kwargs`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Parameters {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
}

impl Parameters {
    /// Every parameter name in frame order: positional ones, keyword-only ones, then
    /// `*args` and `**kwargs` (CPython's `co_varnames` order).
    pub fn names_in_frame_order(&self) -> Vec<&Param> {
        let mut out: Vec<&Param> = self.posonly.iter().chain(&self.args).collect();
        out.extend(&self.kwonly);
        out.extend(&self.vararg);
        out.extend(&self.kwarg);
        out
    }
}

/// One parameter and its default, if it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub pos: Pos,
    pub name: String,
    pub default: Option<Expr>,
}

/// `context as target` of a `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// `except type as name: body`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    pub pos: Pos,
    pub type_: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
}

/// `name as asname` of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub pos: Pos,
    pub name: String,
    pub asname: Option<String>,
}

/// An expression, where it starts and where it ends (just past its last character).
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub pos: Pos,
    pub end: Pos,
    pub kind: ExprKind,
}

/// The expression forms.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `name := value`.
    Named {
        target: String,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Lambda {
        params: Box<Parameters>,
        body: Box<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}`: a `None` key is a `**` unpacking of its value.
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    Set(Vec<Expr>),
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `left op0 c0 op1 c1 ...`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// A call; `args` may hold `Starred` expressions, a keyword without a name is `**`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// An f-string (implicit concatenations with plain strings merged into it).
    FString(Vec<FPart>),
    Constant(Constant),
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    Subscript {
        value: Box<Expr>,
        slice: Box<Expr>,
    },
    Starred(Box<Expr>),
    Name(String),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

/// `for target in iter if cond ...` of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

/// `name=value`, or `**value` when `name` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub pos: Pos,
    pub end: Pos,
    pub name: Option<String>,
    pub value: Expr,
}

/// One piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    Literal(String),
    /// `{expr!conversion:spec}`; the spec is itself a list of pieces.
    Value {
        expr: Box<Expr>,
        conversion: Conversion,
        spec: Option<Vec<FPart>>,
    },
}

/// The `!s`, `!r`, `!a` of an f-string replacement field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    /// An integer past `i64`, as decimal digits with an optional leading `-`.
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// The binary operators, in CPython's `NB_*` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    And,
    FloorDiv,
    LShift,
    MatMult,
    Mult,
    Mod,
    Or,
    Pow,
    RShift,
    Sub,
    Div,
    Xor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
