//! Type terms and their unification (union-find with path compression).
//!
//! Every variable and constant of every graph owns one term. A term is a type variable
//! (`Unknown`), an integer literal of yet-unknown width (`IntLit`, defaulting to `i32` as
//! in rustc), or a constructor applied to argument terms (`Option<_>`, `&mut Frame`).
//! Constructors carry arguments, so partly known types such as `List<_>` from
//! `List::new()` take their element type from later uses.
//!
//! Two deliberate leniencies stand in for coercions rustc performs and that this
//! annotator does not model separately:
//! - `&mut T` unifies with `&T` (reborrowing a mutable reference as a shared one); the
//!   merged term is mutable if either side was.
//! - `!` unifies with anything without binding it (a diverging value fits any type).

use crate::types::{IntTy, Type};

/// A term of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct TyId(u32);

/// A type constructor; the arguments live in the node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Ctor {
    Int(IntTy),
    Bool,
    Char,
    F64,
    Unit,
    Never,
    Str,
    Bytes,
    Struct(String),
    Enum(String),
    /// `&T` (false) or `&mut T` (true); one argument.
    Ref(bool),
    /// One argument.
    Option,
    /// Two arguments: the `Ok` and the `Err` type.
    Result,
    /// One argument per element.
    Tuple,
    /// One argument.
    List,
    /// One argument, the element.
    Array(u64),
    Gc,
    GcCell,
    GcAny,
    GcArray,
    GcStr,
    StrBuilder,
    Opaque(String),
}

#[derive(Clone, Debug)]
enum Node {
    Link(TyId),
    Unknown,
    IntLit,
    Con(Ctor, Vec<TyId>),
}

/// What a root term is, as seen by the rules.
#[derive(Clone, Debug)]
pub(super) enum Shape {
    Unknown,
    IntLit,
    Con(Ctor, Vec<TyId>),
}

/// The union-find table of type terms.
#[derive(Default)]
pub(super) struct Table {
    nodes: Vec<Node>,
}

impl Table {
    fn push(&mut self, node: Node) -> TyId {
        self.nodes.push(node);
        TyId(self.nodes.len() as u32 - 1)
    }

    /// A new type variable.
    pub fn fresh(&mut self) -> TyId {
        self.push(Node::Unknown)
    }

    /// An integer literal of unknown width.
    pub fn int_lit(&mut self) -> TyId {
        self.push(Node::IntLit)
    }

    pub fn con(&mut self, ctor: Ctor, args: Vec<TyId>) -> TyId {
        self.push(Node::Con(ctor, args))
    }

    /// A fresh term for a concrete type.
    pub fn term_of(&mut self, ty: &Type) -> TyId {
        match ty {
            Type::Int(t) => self.con(Ctor::Int(*t), vec![]),
            Type::Bool => self.con(Ctor::Bool, vec![]),
            Type::Char => self.con(Ctor::Char, vec![]),
            Type::F64 => self.con(Ctor::F64, vec![]),
            Type::Unit => self.con(Ctor::Unit, vec![]),
            Type::Never => self.con(Ctor::Never, vec![]),
            Type::Str => self.con(Ctor::Str, vec![]),
            Type::Bytes => self.con(Ctor::Bytes, vec![]),
            Type::Struct(s) => self.con(Ctor::Struct(s.clone()), vec![]),
            Type::Enum(e) => self.con(Ctor::Enum(e.clone()), vec![]),
            Type::Opaque(p) => self.con(Ctor::Opaque(p.clone()), vec![]),
            Type::Ref { mutable, to } => {
                let to = self.term_of(to);
                self.con(Ctor::Ref(*mutable), vec![to])
            }
            Type::Option(t) => {
                let t = self.term_of(t);
                self.con(Ctor::Option, vec![t])
            }
            Type::Result(t, e) => {
                let t = self.term_of(t);
                let e = self.term_of(e);
                self.con(Ctor::Result, vec![t, e])
            }
            Type::List(t) => {
                let t = self.term_of(t);
                self.con(Ctor::List, vec![t])
            }
            Type::Array(t, n) => {
                let t = self.term_of(t);
                self.con(Ctor::Array(*n), vec![t])
            }
            Type::Gc(t) => {
                let t = self.term_of(t);
                self.con(Ctor::Gc, vec![t])
            }
            Type::GcCell(t) => {
                let t = self.term_of(t);
                self.con(Ctor::GcCell, vec![t])
            }
            Type::GcAny => self.con(Ctor::GcAny, vec![]),
            Type::GcStr => self.con(Ctor::GcStr, vec![]),
            Type::StrBuilder => self.con(Ctor::StrBuilder, vec![]),
            Type::GcArray(t) => {
                let t = self.term_of(t);
                self.con(Ctor::GcArray, vec![t])
            }
            Type::Tuple(ts) => {
                let ts = ts.iter().map(|t| self.term_of(t)).collect();
                self.con(Ctor::Tuple, ts)
            }
        }
    }

    /// The representative of `id`'s class.
    pub fn find(&mut self, id: TyId) -> TyId {
        let mut root = id;
        while let Node::Link(next) = self.nodes[root.0 as usize] {
            root = next;
        }
        let mut cur = id;
        while let Node::Link(next) = self.nodes[cur.0 as usize] {
            self.nodes[cur.0 as usize] = Node::Link(root);
            cur = next;
        }
        root
    }

    pub fn shape(&mut self, id: TyId) -> Shape {
        let root = self.find(id);
        match &self.nodes[root.0 as usize] {
            Node::Unknown => Shape::Unknown,
            Node::IntLit => Shape::IntLit,
            Node::Con(c, args) => Shape::Con(c.clone(), args.clone()),
            Node::Link(_) => unreachable!("find returns a root"),
        }
    }

    /// Follows references: the term a field access or a method call acts on.
    pub fn deref_all(&mut self, id: TyId) -> TyId {
        let mut cur = id;
        while let Shape::Con(Ctor::Ref(_), args) = self.shape(cur) {
            cur = args[0];
        }
        cur
    }

    /// True if `a` and `b` can be unified (nothing is changed).
    /// Strips references and `Gc` handles (auto-deref of a field access or method call).
    pub fn deref_gc_all(&mut self, id: TyId) -> TyId {
        let mut cur = id;
        while let Shape::Con(Ctor::Ref(_) | Ctor::Gc, args) = self.shape(cur) {
            cur = args[0];
        }
        cur
    }

    pub fn can_unify(&mut self, a: TyId, b: TyId) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return true;
        }
        match (self.shape(a), self.shape(b)) {
            (Shape::Unknown, _) | (_, Shape::Unknown) => true,
            (Shape::Con(Ctor::Never, _), _) | (_, Shape::Con(Ctor::Never, _)) => true,
            (Shape::IntLit, Shape::IntLit) => true,
            (Shape::IntLit, Shape::Con(c, _)) | (Shape::Con(c, _), Shape::IntLit) => {
                matches!(c, Ctor::Int(_))
            }
            (Shape::Con(ca, xa), Shape::Con(cb, xb)) => {
                let same = match (&ca, &cb) {
                    (Ctor::Ref(_), Ctor::Ref(_)) => true,
                    _ => ca == cb,
                };
                same && xa.len() == xb.len()
                    && xa.iter().zip(&xb).all(|(&x, &y)| self.can_unify(x, y))
            }
        }
    }

    /// Unifies `a` and `b`. On failure nothing is changed (the check runs first), except
    /// when binding would make a cyclic type.
    pub fn unify(&mut self, a: TyId, b: TyId) -> Result<(), ()> {
        if !self.can_unify(a, b) {
            return Err(());
        }
        self.unify_unchecked(a, b)
    }

    fn unify_unchecked(&mut self, a: TyId, b: TyId) -> Result<(), ()> {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return Ok(());
        }
        match (self.shape(a), self.shape(b)) {
            (Shape::Con(Ctor::Never, _), _) | (_, Shape::Con(Ctor::Never, _)) => Ok(()),
            (Shape::Unknown, _) => self.bind(a, b),
            (_, Shape::Unknown) => self.bind(b, a),
            (Shape::IntLit, _) => self.bind(a, b),
            (_, Shape::IntLit) => self.bind(b, a),
            (Shape::Con(ca, xa), Shape::Con(cb, xb)) => {
                if let (Ctor::Ref(ma), Ctor::Ref(mb)) = (&ca, &cb) {
                    if *mb != (*ma || *mb) {
                        self.nodes[b.0 as usize] = Node::Con(Ctor::Ref(true), xb.clone());
                    }
                }
                self.nodes[a.0 as usize] = Node::Link(b);
                for (x, y) in xa.into_iter().zip(xb) {
                    self.unify_unchecked(x, y)?;
                }
                Ok(())
            }
        }
    }

    /// Makes the root `var` (unknown or literal) point to `to`, unless `to` contains `var`.
    fn bind(&mut self, var: TyId, to: TyId) -> Result<(), ()> {
        if self.occurs(var, to) {
            return Err(());
        }
        self.nodes[var.0 as usize] = Node::Link(to);
        Ok(())
    }

    fn occurs(&mut self, var: TyId, id: TyId) -> bool {
        let root = self.find(id);
        if root == var {
            return true;
        }
        match self.shape(root) {
            Shape::Con(_, args) => args.into_iter().any(|x| self.occurs(var, x)),
            _ => false,
        }
    }

    /// True if some part of the term is a type variable.
    pub fn has_unknown(&mut self, id: TyId) -> bool {
        match self.shape(id) {
            Shape::Unknown => true,
            Shape::IntLit => false,
            Shape::Con(_, args) => args.into_iter().any(|x| self.has_unknown(x)),
        }
    }

    /// Gives every integer literal without a width its default, `i32`. Returns whether
    /// any literal was defaulted.
    pub fn default_literals(&mut self) -> bool {
        let mut changed = false;
        for node in &mut self.nodes {
            if matches!(node, Node::IntLit) {
                *node = Node::Con(Ctor::Int(IntTy::I32), vec![]);
                changed = true;
            }
        }
        changed
    }

    /// The concrete type of `id`, if it is fully known.
    pub fn resolve(&mut self, id: TyId) -> Option<Type> {
        let (ctor, args) = match self.shape(id) {
            Shape::Unknown | Shape::IntLit => return None,
            Shape::Con(c, args) => (c, args),
        };
        let one = |this: &mut Table| this.resolve(args[0]).map(Box::new);
        Some(match ctor {
            Ctor::Int(t) => Type::Int(t),
            Ctor::Bool => Type::Bool,
            Ctor::Char => Type::Char,
            Ctor::F64 => Type::F64,
            Ctor::Unit => Type::Unit,
            Ctor::Never => Type::Never,
            Ctor::Str => Type::Str,
            Ctor::Bytes => Type::Bytes,
            Ctor::Struct(s) => Type::Struct(s),
            Ctor::Enum(e) => Type::Enum(e),
            Ctor::Opaque(p) => Type::Opaque(p),
            Ctor::Ref(mutable) => Type::Ref {
                mutable,
                to: one(self)?,
            },
            Ctor::Option => Type::Option(one(self)?),
            Ctor::Result => {
                let t = self.resolve(*args.first()?)?;
                let e = self.resolve(*args.get(1)?)?;
                Type::Result(Box::new(t), Box::new(e))
            }
            Ctor::List => Type::List(one(self)?),
            Ctor::Array(n) => Type::Array(one(self)?, n),
            Ctor::Gc => Type::Gc(one(self)?),
            Ctor::GcCell => Type::GcCell(one(self)?),
            Ctor::GcAny => Type::GcAny,
            Ctor::GcStr => Type::GcStr,
            Ctor::StrBuilder => Type::StrBuilder,
            Ctor::GcArray => Type::GcArray(one(self)?),
            Ctor::Tuple => Type::Tuple(
                args.iter()
                    .map(|&x| self.resolve(x))
                    .collect::<Option<Vec<_>>>()?,
            ),
        })
    }

    /// The term as text for messages: `_` for unknown parts, `{integer}` for literals.
    pub fn show(&mut self, id: TyId) -> String {
        let (ctor, args) = match self.shape(id) {
            Shape::Unknown => return "_".to_string(),
            Shape::IntLit => return "{integer}".to_string(),
            Shape::Con(c, args) => (c, args),
        };
        let shown: Vec<String> = args.iter().map(|&x| self.show(x)).collect();
        match ctor {
            Ctor::Int(t) => t.to_string(),
            Ctor::Bool => "bool".into(),
            Ctor::Char => "char".into(),
            Ctor::F64 => "f64".into(),
            Ctor::Unit => "()".into(),
            Ctor::Never => "!".into(),
            Ctor::Str => "&str".into(),
            Ctor::Bytes => "&[u8]".into(),
            Ctor::Struct(s) | Ctor::Enum(s) => s,
            Ctor::Opaque(p) => format!("opaque {p}"),
            Ctor::Ref(m) => format!("&{}{}", if m { "mut " } else { "" }, shown[0]),
            Ctor::Option => format!("Option<{}>", shown[0]),
            Ctor::Result => format!("Result<{}, {}>", shown[0], shown[1]),
            Ctor::List => format!("List<{}>", shown[0]),
            Ctor::Array(n) => format!("[{}; {n}]", shown[0]),
            Ctor::Gc => format!("Gc<{}>", shown[0]),
            Ctor::GcCell => format!("GcCell<{}>", shown[0]),
            Ctor::GcAny => "GcAny".into(),
            Ctor::GcStr => "GcStr".into(),
            Ctor::StrBuilder => "StrBuilder".into(),
            Ctor::GcArray => format!("GcArray<{}>", shown[0]),
            Ctor::Tuple => format!("({})", shown.join(", ")),
        }
    }
}
