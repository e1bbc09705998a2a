//! The check of `#[immutable]` fields: no write after construction.
//!
//! The JIT reads an `#[immutable]` field of a constant object once, at trace time, and
//! folds the value into the machine code; a field holding a struct, list, array or tuple
//! inline is immutable all the way down (the codewriter names such reads by their path,
//! `Program.code.len`). A write after construction would leave compiled code running on
//! the old value, so every write the analysis can see is a compile error, at its span.
//!
//! The line is RPython's (`_immutable_fields_`, checked by its rtyper): a field may be
//! written only in the function that allocated the object. Here an object is *fresh* in
//! a graph when it comes from a struct literal, `List::new()`, `List::with_capacity(n)`,
//! an array or tuple expression of that graph (or from a field, item or borrow of such
//! an object); every other object is not. The errors are:
//!
//! - `x.f = v` where `f` is `#[immutable]` and `x` is not fresh;
//! - a write into an immutable field's inline value, unless the outer object is fresh:
//!   `x.code[i] = v`, `x.code.push(v)`, `x.code.pop()`, `x.inner.a = v`, `&mut x.inner`
//!   (a `&mut` borrow, reported where it is taken, since the writes through it may happen
//!   anywhere), and a call of a module method taking `&mut self` on it.
//!
//! So a list built with `List::new()` and `push`es before it goes into the struct literal,
//! or pushed through the fresh struct (`let mut p = Program { .. }; p.code.push(x)`) in
//! the function that created it, is allowed; a helper that fills `&mut Program` is not.
//!
//! Values are tracked per graph along the data flow: field and item reads of inline
//! values, borrows, `same_as` and `deref` keep where a value points; at a block input, a
//! value that may point into an immutable field on some path does (a write there is wrong
//! on that path), and a value is fresh only when it is fresh on every path.
//!
//! Not seen: the bodies of `#[dont_look_inside]` functions and of code outside the module
//! (they may write through a `&mut` they are given, which is reported at the borrow), and
//! scalar fields reached through a `&mut` (`&mut x.size`), which analysed code cannot
//! write through (`*r = v` is not supported).

use crate::diag::Diagnostics;
use crate::model::{Graph, Op, Value};
use crate::ops::{Callee, OpKind};
use crate::program::{Program, SelfKind};
use crate::types::Type;

/// Where a value points, as far as writes are concerned. The order of the variants is
/// the join order of block inputs ([`Origin::rank`]): a later state wins.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    /// Not reached yet by the fixpoint.
    Unknown,
    /// Allocated by this graph: writable, immutable fields included.
    Fresh,
    /// Any other object: its mutable fields are writable.
    Other,
    /// Inside the value of an `#[immutable]` field, named `Struct.field`.
    Frozen(String),
}

impl Origin {
    /// The position in the join order; the first path that reaches a frozen value stays.
    fn rank(&self) -> u8 {
        match self {
            Origin::Unknown => 0,
            Origin::Fresh => 1,
            Origin::Other => 2,
            Origin::Frozen(_) => 3,
        }
    }
}

/// Reports every write to an `#[immutable]` field (or inside one) after construction in
/// `graphs`, each at the span of the write. Values whose type annotation did not find
/// are skipped: their errors are reported already.
pub fn check(program: &Program, graphs: &[Graph], diag: &mut Diagnostics) {
    for g in graphs {
        let origins = origins(program, g);
        for b in g.reachable_blocks() {
            for op in &g.block(b).ops {
                if let Some(message) = violation(program, g, &origins, op) {
                    diag.error(op.span, message);
                }
            }
        }
    }
}

/// A type whose values the rtyper keeps inline in the struct that holds them, so that
/// writing into them writes into that struct.
fn is_inline(ty: Option<&Type>) -> bool {
    matches!(
        ty,
        Some(Type::Struct(_) | Type::List(_) | Type::Array(..) | Type::Tuple(_))
    )
}

/// The struct a field access on a value of type `ty` reads, through references.
fn struct_of(ty: Option<&Type>) -> Option<&str> {
    match ty?.deref_all() {
        Type::Struct(name) => Some(name),
        _ => None,
    }
}

/// Whether field `field` of the struct that `receiver`'s type names is `#[immutable]`.
fn immutable_field(program: &Program, g: &Graph, receiver: Value, field: &str) -> Option<String> {
    let owner = struct_of(g.value_type(receiver))?;
    let def = program.struct_def(owner)?.field(field)?;
    def.immutable.then(|| format!("{owner}.{field}"))
}

/// The origin of every variable of `g`, to a fixpoint over the block inputs.
fn origins(program: &Program, g: &Graph) -> Vec<Origin> {
    let mut origin = vec![Origin::Unknown; g.vars.len()];
    for &p in g.params() {
        origin[p.index()] = Origin::Other;
    }
    let of = |origin: &[Origin], v: Value| match v {
        Value::Var(v) => origin[v.index()].clone(),
        Value::Const(_) => Origin::Other,
    };
    let blocks = g.reachable_blocks();
    loop {
        let mut changed = false;
        for &b in &blocks {
            let block = g.block(b);
            for op in &block.ops {
                let new = result_origin(program, g, op, |v| of(&origin, v));
                let slot = &mut origin[op.result.index()];
                if new.rank() > slot.rank() {
                    *slot = new;
                    changed = true;
                }
            }
            for link in block.exit.links() {
                let inputs = &g.block(link.target).inputs;
                for (&input, &arg) in inputs.iter().zip(&link.args) {
                    let incoming = of(&origin, arg);
                    let slot = &mut origin[input.index()];
                    // Only a higher state replaces a lower one: the join, which
                    // terminates because the chain is finite.
                    if incoming.rank() > slot.rank() {
                        *slot = incoming;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return origin;
        }
    }
}

/// The origin of `op`'s result, given its operands' origins.
fn result_origin(program: &Program, g: &Graph, op: &Op, of: impl Fn(Value) -> Origin) -> Origin {
    // A value struct read by value is a copy, not a view into its owner; a place
    // projection (`getsubstruct`, `getarraysubstruct`) is the view itself.
    let result_inline = match &op.kind {
        OpKind::GetSubstruct(_) | OpKind::GetArraySubstruct => true,
        _ => {
            let ty = g.var(op.result).ty.as_ref();
            is_inline(ty) && !ty.is_some_and(|t| program.is_value_type(t))
        }
    };
    let first = op.args.first().copied();
    match &op.kind {
        OpKind::NewStruct(_)
        | OpKind::ListNew
        | OpKind::ListWithCapacity
        | OpKind::NewArray
        | OpKind::NewArrayRepeat(_)
        | OpKind::NewTuple => Origin::Fresh,
        OpKind::GetField(field) | OpKind::GetSubstruct(field) => {
            let Some(x) = first else {
                return Origin::Other;
            };
            if !result_inline {
                return Origin::Other;
            }
            match of(x) {
                Origin::Fresh => Origin::Fresh,
                Origin::Frozen(path) => Origin::Frozen(path),
                Origin::Unknown => Origin::Unknown,
                Origin::Other => match immutable_field(program, g, x, field) {
                    Some(path) => Origin::Frozen(path),
                    None => Origin::Other,
                },
            }
        }
        OpKind::GetItem | OpKind::GetArraySubstruct | OpKind::TupleGet(_) if result_inline => {
            first.map_or(Origin::Other, of)
        }
        // A `&mut` of a frozen value is reported where it is taken; what is written
        // through it is not reported again.
        OpKind::Borrow(true) => match first.map_or(Origin::Other, &of) {
            Origin::Frozen(_) => Origin::Other,
            o => o,
        },
        OpKind::Borrow(false) | OpKind::SameAs | OpKind::Deref => first.map_or(Origin::Other, of),
        _ => Origin::Other,
    }
}

/// The error of `op`, if it writes where `#[immutable]` forbids it.
fn violation(program: &Program, g: &Graph, origin: &[Origin], op: &Op) -> Option<String> {
    let of = |v: Value| match v {
        Value::Var(v) => origin[v.index()].clone(),
        Value::Const(_) => Origin::Other,
    };
    let first = *op.args.first()?;
    let frozen = match of(first) {
        Origin::Frozen(path) => Some(path),
        _ => None,
    };
    let what = match &op.kind {
        OpKind::WithField(_) if !matches!(g.value_type(first), Some(Type::Ref { .. })) => {
            // A local value struct: the local is rebound, no memory is written.
            return None;
        }
        OpKind::SetField(field) | OpKind::WithField(field) => {
            if let Some(path) = frozen {
                return Some(interior_message(
                    &format!("assignment to `.{field}`"),
                    &path,
                ));
            }
            if of(first) == Origin::Fresh {
                return None;
            }
            let path = immutable_field(program, g, first, field)?;
            let owner = struct_of(g.value_type(first)).unwrap_or("struct");
            return Some(format!(
                "`{path}` is #[immutable]: set it in the struct literal that creates the \
                 `{owner}` (only the function that creates an object may assign its immutable \
                 fields), or remove #[immutable] from `{path}`; the JIT folds its reads to \
                 constants, so compiled code would keep the old value"
            ));
        }
        OpKind::SetItem => "assignment to an item",
        OpKind::ListPush => "`push`",
        OpKind::ListPop => "`pop`",
        OpKind::Borrow(true) => "`&mut` borrow",
        OpKind::CallMethod(m) => match &m.resolved {
            Some(Callee::Function(name))
                if program
                    .function(name)
                    .is_some_and(|f| f.self_kind == Some(SelfKind::RefMut)) =>
            {
                return frozen.map(|path| {
                    interior_message(
                        &format!("call of `{name}` (which takes `&mut self`)"),
                        &path,
                    )
                });
            }
            _ => return None,
        },
        _ => return None,
    };
    frozen.map(|path| interior_message(what, &path))
}

/// The message for a write (`what`) into the value of the immutable field `path`.
fn interior_message(what: &str, path: &str) -> String {
    let owner = path.split('.').next().unwrap_or(path);
    format!(
        "this {what} writes inside `{path}`, which is #[immutable] all the way down: build \
         the value whole before it goes into the struct literal (only the function that \
         creates a `{owner}` may write inside it), or remove #[immutable] from `{path}`; the \
         JIT folds reads inside it to constants, so compiled code would keep the old values"
    )
}
