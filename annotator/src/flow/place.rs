//! Places: assignment to locals, fields (`a.b.c = v`) and items (`a[i] = v`), and
//! compound assignment (`a op= b` is read, op, write).
//!
//! A value struct ([`crate::Program::is_value_type`]) is copied when Rust copies it, so
//! two kinds of place base are told apart here, by the static types the builder knows:
//! a base in memory (`h.c.a = 1` with `h: &mut H`) is projected with `getsubstruct` /
//! `getarraysubstruct`, a reference into `h`; a base held in a local (`c.a = 1`, or
//! `c.p.x = 1` with `c` a local value struct) is rebuilt with `with_field` and the local
//! is rebound, as SSA wants, so that other copies of the old value keep it.

use super::expr::binop_kind;
use super::Builder;
use crate::model::Value;
use crate::ops::OpKind;
use syn::spanned::Spanned;

/// Where an assignment writes.
enum Place {
    /// The local at this slot of the environment.
    Local(usize),
    /// Field `name` of `base` (`base.name`), or a tuple struct's `.0`. With a parent,
    /// `base` is a value read from that place (a local, or a field of one), which a write
    /// rebuilds with `with_field` and writes back.
    Field(Value, String, Option<Box<Place>>),
    /// Element `index` of `base`.
    Item(Value, Value),
}

impl Builder<'_> {
    /// `place = value`.
    pub(super) fn assign(&mut self, a: &syn::ExprAssign) -> Value {
        let span = a.span();
        // Rust evaluates the assigned value before the place.
        let v = self.expr(&a.right);
        let mark = self.env.len();
        self.hidden("value", v, None);
        let Some(place) = self.place(&a.left) else {
            self.env.truncate(mark);
            return self.unit(span);
        };
        let v = self.env[mark].value;
        self.env.truncate(mark);
        self.write(place, v, span);
        self.unit(span)
    }

    /// `place op= value`.
    pub(super) fn compound_assign(&mut self, b: &syn::ExprBinary) -> Value {
        let span = b.span();
        let Some(kind) = binop_kind(&b.op) else {
            return self.unsupported(span, "this operator is not supported");
        };
        // As for primitive types in Rust, the right side is evaluated before the place.
        let rhs = self.expr(&b.right);
        let mark = self.env.len();
        self.hidden("value", rhs, None);
        let Some(place) = self.place(&b.left) else {
            self.env.truncate(mark);
            return self.unit(span);
        };
        let rhs = self.env[mark].value;
        self.env.truncate(mark);
        let old = self.read(&place, b.left.span());
        let new = self.opv(kind, vec![old, rhs], span);
        self.write(place, new, span);
        self.unit(span)
    }

    /// Evaluates the base of a place; reports what cannot be assigned to.
    fn place(&mut self, e: &syn::Expr) -> Option<Place> {
        match e {
            syn::Expr::Paren(p) => self.place(&p.expr),
            syn::Expr::Group(g) => self.place(&g.expr),
            syn::Expr::Path(p) => {
                let name = p.path.get_ident().map(ToString::to_string);
                match name.and_then(|n| self.lookup(&n)) {
                    Some(i) => Some(Place::Local(i)),
                    None => {
                        self.error(
                            p.span(),
                            "only locals, fields and items can be assigned to in an \
                             interpreter module",
                        );
                        None
                    }
                }
            }
            syn::Expr::Field(f) => {
                let tuple = self.is_tuple_base(&f.base);
                let (base, parent) = if !tuple && self.is_value_chain(&f.base, true) {
                    let parent = self.place(&f.base)?;
                    let base = self.read(&parent, f.base.span());
                    (base, Some(Box::new(parent)))
                } else {
                    (self.place_expr(&f.base), None)
                };
                match &f.member {
                    syn::Member::Named(id) => Some(Place::Field(base, id.to_string(), parent)),
                    syn::Member::Unnamed(i) if !tuple => {
                        Some(Place::Field(base, i.index.to_string(), parent))
                    }
                    syn::Member::Unnamed(_) => {
                        self.error(
                            f.span(),
                            "assigning to a tuple element is not supported; build a new \
                             tuple, or use a struct",
                        );
                        None
                    }
                }
            }
            syn::Expr::Index(ix) => {
                let v = self.place_operands(&ix.expr, [&*ix.index]);
                Some(Place::Item(v[0], v[1]))
            }
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                ..
            }) => {
                self.error(
                    e.span(),
                    "assignment through `*` is not supported in an interpreter module; \
                     assign to a field or an index instead",
                );
                None
            }
            other => {
                self.error(
                    other.span(),
                    "this cannot be assigned to in an interpreter module; assign to a \
                     local, a field or an index",
                );
                None
            }
        }
    }

    /// True if `e` names a value held in locals, not in memory: a local whose static type
    /// is a value struct (or unknown, where `unknown` allows it: `with_field` on a
    /// reference writes through it, so a one-step place is right either way), or a
    /// value-struct field of such a value.
    fn is_value_chain(&self, e: &syn::Expr, unknown: bool) -> bool {
        match e {
            syn::Expr::Paren(p) => self.is_value_chain(&p.expr, unknown),
            syn::Expr::Group(g) => self.is_value_chain(&g.expr, unknown),
            syn::Expr::Path(p) => {
                let Some(i) = p.path.get_ident().and_then(|n| self.lookup(&n.to_string())) else {
                    return false;
                };
                match &self.env[i].known {
                    Some(t) => self.program.is_value_type(t),
                    None => unknown,
                }
            }
            syn::Expr::Field(f) => {
                self.static_type(e)
                    .is_some_and(|t| self.program.is_value_type(&t))
                    && self.is_value_chain(&f.base, false)
            }
            _ => false,
        }
    }

    fn read(&mut self, place: &Place, span: proc_macro2::Span) -> Value {
        match place {
            Place::Local(i) => self.env[*i].value,
            Place::Field(base, f, _) => self.opv(OpKind::GetField(f.clone()), vec![*base], span),
            Place::Item(base, ix) => self.opv(OpKind::GetItem, vec![*base, *ix], span),
        }
    }

    fn write(&mut self, place: Place, v: Value, span: proc_macro2::Span) {
        match place {
            Place::Local(i) => {
                if let Value::Var(var) = v {
                    let data = &mut self.g.vars[var.index()];
                    if data.name.is_none() && !self.env[i].name.starts_with('$') {
                        data.name = Some(self.env[i].name.clone());
                    }
                }
                self.env[i].value = v;
            }
            Place::Field(base, f, None) => {
                self.op(OpKind::SetField(f), vec![base, v], span);
            }
            Place::Field(base, f, Some(parent)) => {
                let rebuilt = self.opv(OpKind::WithField(f), vec![base, v], span);
                self.write(*parent, rebuilt, span);
            }
            Place::Item(base, ix) => {
                self.op(OpKind::SetItem, vec![base, ix, v], span);
            }
        }
    }
}
