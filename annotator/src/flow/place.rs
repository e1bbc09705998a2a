//! Places: assignment to locals, fields (`a.b.c = v`) and items (`a[i] = v`), and
//! compound assignment (`a op= b` is read, op, write).

use super::expr::binop_kind;
use super::Builder;
use crate::model::Value;
use crate::ops::OpKind;
use syn::spanned::Spanned;

/// Where an assignment writes.
enum Place {
    /// The local at this slot of the environment.
    Local(usize),
    /// Field `name` of `base` (`base.name`), or a tuple struct's `.0`.
    Field(Value, String),
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
                let base = self.expr(&f.base);
                match &f.member {
                    syn::Member::Named(id) => Some(Place::Field(base, id.to_string())),
                    syn::Member::Unnamed(i) if !tuple => {
                        Some(Place::Field(base, i.index.to_string()))
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
                let v = self.operands([&*ix.expr, &*ix.index]);
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

    fn read(&mut self, place: &Place, span: proc_macro2::Span) -> Value {
        match place {
            Place::Local(i) => self.env[*i].value,
            Place::Field(base, f) => self.opv(OpKind::GetField(f.clone()), vec![*base], span),
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
            Place::Field(base, f) => {
                self.op(OpKind::SetField(f), vec![base, v], span);
            }
            Place::Item(base, ix) => {
                self.op(OpKind::SetItem, vec![base, ix, v], span);
            }
        }
    }
}
