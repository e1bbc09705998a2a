//! Checks on the concrete types that unification does not enforce by itself: operands
//! of arithmetic are numbers, casts go between numeric types, switch cases exist and
//! integer literals fit their type. Values of unknown type (already reported) are
//! skipped.

use super::{span_of, Annotator};
use crate::model::{Case, ConstValue, Exit, Graph, Op};
use crate::ops::OpKind;
use crate::types::{IntTy, Type};

/// Which operand types an op accepts.
#[derive(Clone, Copy)]
enum Accepts {
    /// Integers and `f64`.
    Number,
    /// Signed integers and `f64`.
    SignedNumber,
    Int,
    /// Integers and `bool`.
    IntOrBool,
    F64,
    /// Integers, `bool`, `char`, `f64`, fieldless enums: `==` and `!=`.
    Equatable,
    /// Integers, `bool`, `char`, `f64`: `<` and friends.
    Ordered,
}

impl Accepts {
    fn describe(self) -> &'static str {
        match self {
            Accepts::Number => "an integer or `f64`",
            Accepts::SignedNumber => "a signed integer or `f64`",
            Accepts::Int => "an integer",
            Accepts::IntOrBool => "an integer or `bool`",
            Accepts::F64 => "an `f64`",
            Accepts::Equatable => "an integer, `bool`, `char`, `f64` or fieldless enum",
            Accepts::Ordered => "an integer, `bool`, `char` or `f64`",
        }
    }
}

pub(super) fn check_graph(a: &mut Annotator<'_>, gi: usize, g: &Graph) {
    for c in &g.consts {
        if let (ConstValue::Int(v), Some(t)) = (&c.value, &c.ty) {
            match t {
                Type::Int(it) if *v < (*it).min() || *v > (*it).max() => a.error(
                    c.span,
                    format!(
                        "the literal `{v}` does not fit its inferred type `{it}` ({} ..= {})",
                        (*it).min(),
                        (*it).max()
                    ),
                ),
                Type::Int(_) | Type::Never => {}
                other => a.error(
                    c.span,
                    format!("an integer literal cannot have the type `{other}`"),
                ),
            }
        }
    }
    for b in g.reachable_blocks() {
        let data = g.block(b);
        for (oi, op) in data.ops.iter().enumerate() {
            if !a.failed.contains(&(gi, b.index(), oi)) {
                check_op(a, g, op);
            }
        }
        if let Exit::Switch { on, cases, .. } = &data.exit {
            let Some(t) = g.value_type(*on) else { continue };
            let span = span_of(g, *on);
            for (case, _) in cases {
                match (case, t.deref_all()) {
                    (Case::Int(v), Type::Int(it)) => {
                        if *v < (*it).min() || *v > (*it).max() {
                            a.error(span, format!("the case `{v}` does not fit `{it}`"));
                        }
                    }
                    (Case::Int(_), Type::Bool | Type::Char) => {}
                    (Case::Variant(v), Type::Option(_)) if v == "None" || v == "Some" => {}
                    (Case::Variant(v), Type::Result(..)) if v == "Ok" || v == "Err" => {}
                    (Case::Variant(v), Type::Enum(e))
                        if a.program
                            .enum_def(e)
                            .is_some_and(|d| d.variant(v).is_some()) => {}
                    (case, other) => a.error(
                        span,
                        format!(
                            "a switch with the case `{case}` on a value of type `{other}`; \
                             add a type annotation or report this as a bug"
                        ),
                    ),
                }
            }
        }
    }
}

fn check_op(a: &mut Annotator<'_>, g: &Graph, op: &Op) {
    let accepts = match &op.kind {
        OpKind::Add
        | OpKind::Sub
        | OpKind::Mul
        | OpKind::Div
        | OpKind::Rem
        | OpKind::Min
        | OpKind::Max => Some(Accepts::Number),
        OpKind::Neg | OpKind::Abs => Some(Accepts::SignedNumber),
        OpKind::Sqrt => Some(Accepts::F64),
        OpKind::Not | OpKind::BitAnd | OpKind::BitOr | OpKind::BitXor => Some(Accepts::IntOrBool),
        OpKind::Shl
        | OpKind::Shr
        | OpKind::AddOvf
        | OpKind::SubOvf
        | OpKind::MulOvf
        | OpKind::AddOverflows
        | OpKind::SubOverflows
        | OpKind::MulOverflows => Some(Accepts::Int),
        OpKind::Eq | OpKind::Ne => Some(Accepts::Equatable),
        OpKind::Lt | OpKind::Le | OpKind::Gt | OpKind::Ge => Some(Accepts::Ordered),
        _ => None,
    };
    if let Some(accepts) = accepts {
        for &arg in &op.args {
            let Some(t) = g.value_type(arg) else { continue };
            if !accepted(a, accepts, t) {
                if let (Accepts::Equatable | Accepts::Ordered, Type::Ref { to, .. }) = (accepts, t)
                {
                    if accepted(a, accepts, to.deref_all()) {
                        a.error(
                            op.span,
                            format!(
                                "`{}` compares references (`{t}`); compare the values \
                                 instead: `*a == *b`",
                                op.kind.name()
                            ),
                        );
                        break;
                    }
                }
                a.error(
                    op.span,
                    format!(
                        "`{}` needs {} here, but the annotator inferred `{t}`; add a type \
                         annotation or report this as a bug",
                        op.kind.name(),
                        accepts.describe()
                    ),
                );
                break;
            }
        }
        return;
    }
    match &op.kind {
        OpKind::Cast(to) => {
            let Some(from) = op.args.first().and_then(|&x| g.value_type(x)) else {
                return;
            };
            let from_ok = match from {
                Type::Int(_) | Type::Bool | Type::Char | Type::F64 => true,
                Type::Enum(e) => a.program.enum_def(e).is_some_and(|d| d.is_fieldless()),
                _ => false,
            };
            let to_ok = match to {
                Type::Int(_) | Type::F64 => true,
                Type::Char => *from == Type::Int(IntTy::U8) || *from == Type::Char,
                _ => false,
            };
            if !from_ok || !to_ok {
                a.error(
                    op.span,
                    format!(
                        "`as` from `{from}` to `{to}` is not supported: casts go between \
                         integers, `f64`, `bool`, `char` (from `u8`) and fieldless enums"
                    ),
                );
            }
        }
        OpKind::Len => {
            if let Some(t) = op.args.first().and_then(|&x| g.value_type(x)) {
                if !matches!(
                    t.deref_all(),
                    Type::List(_)
                        | Type::Array(..)
                        | Type::GcArray(_)
                        | Type::GcStr
                        | Type::Str
                        | Type::Bytes
                ) {
                    a.error(
                        op.span,
                        format!(
                            "`len` of a `{t}` is not supported: only `jitsupport::List` and \
                             arrays have a length the JIT can read"
                        ),
                    );
                }
            }
        }
        OpKind::VariantField(e, v, _) => {
            if let Some(t) = op.args.first().and_then(|&x| g.value_type(x)) {
                let ok = match t.deref_all() {
                    Type::Option(_) => e == "Option" && (v == "Some"),
                    Type::Result(..) => e == "Result" && (v == "Ok" || v == "Err"),
                    Type::Enum(name) => name == e,
                    _ => false,
                };
                if !ok {
                    a.error(
                        op.span,
                        format!(
                            "a field of `{e}::{v}` is read from a value of type `{t}`; add a \
                             type annotation or report this as a bug"
                        ),
                    );
                }
            }
        }
        _ => {}
    }
}

fn accepted(a: &Annotator<'_>, accepts: Accepts, t: &Type) -> bool {
    match accepts {
        Accepts::Number => matches!(t, Type::Int(_) | Type::F64),
        Accepts::SignedNumber => {
            matches!(t, Type::F64) || matches!(t, Type::Int(i) if i.is_signed())
        }
        Accepts::Int => t.is_int(),
        Accepts::IntOrBool => matches!(t, Type::Int(_) | Type::Bool),
        Accepts::F64 => *t == Type::F64,
        Accepts::Equatable => match t {
            Type::Int(_) | Type::Bool | Type::Char | Type::F64 => true,
            Type::Enum(e) => a.program.enum_def(e).is_some_and(|d| d.is_fieldless()),
            // Only from `Gc::ptr_eq` (a `Gc` has no `==`): identity.
            Type::Gc(_) | Type::GcAny => true,
            // Strings compare their text.
            Type::GcStr | Type::Str | Type::Bytes => true,
            _ => false,
        },
        Accepts::Ordered => t.is_intlike() || *t == Type::F64 || *t == Type::GcStr,
    }
}
