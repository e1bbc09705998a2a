//! The check of `#[quasi_immutable]` fields: every write goes through `quasi_write!`.
//!
//! The JIT folds a read of a quasi-immutable field of a constant object to the value it
//! has at trace time, and a write of the field must invalidate that code (RPython's `x?`
//! in `_immutable_fields_`). RPython rewrites every store into the field; here the native
//! interpreter is the author's code, compiled as written, so the author writes
//! `jitsupport::quasi_write!(obj.field = value)`, which stores and invalidates. Inside the
//! module the analysis sees the macro as the assignment, and the codewriter adds the
//! invalidation after the store.
//!
//! This check reports, at its span, every other write it can see in the module's
//! function bodies, `#[dont_look_inside]` ones included: `x.f = v`, `x.f op= v` and
//! `&mut x.f` where `f` is the name of a quasi-immutable field (fields are matched by
//! name, since bodies the analysis does not annotate have no types). Struct literals
//! build the object and are fine. It also reports a quasi-immutable field that is
//! `#[immutable]` too, or whose type is not one word the JIT reads with one load (an
//! integer, `bool`, `char`, `f64`, a reference or an `Option` of one). Code outside the
//! module is not checked: it must write such a field with `quasi_write!` as well.

use crate::diag::Diagnostics;
use crate::program::Program;
use crate::types::Type;
use std::collections::HashMap;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// Reports every write of a `#[quasi_immutable]` field other than `quasi_write!`, and
/// quasi-immutable fields that cannot be one.
pub fn check(program: &Program, diag: &mut Diagnostics) {
    // Field name -> the struct that declares it quasi-immutable, and whether it is a
    // `GcCell` (written with `set`).
    let mut names: HashMap<String, (String, bool)> = HashMap::new();
    for s in &program.structs {
        for f in s.fields.iter().filter(|f| f.quasi_immutable) {
            if f.immutable {
                diag.error(
                    f.span,
                    format!(
                        "`{}.{}` is both #[immutable] and #[quasi_immutable]; keep one \
                         (#[quasi_immutable] if it is ever written after construction)",
                        s.name, f.name
                    ),
                );
            }
            if !is_one_word(&f.ty) {
                diag.error(
                    f.span,
                    format!(
                        "#[quasi_immutable] field `{}.{}` has type {}; a quasi-immutable \
                         field holds an integer, bool, char, f64, a reference or an \
                         Option of a reference",
                        s.name, f.name, f.ty
                    ),
                );
            }
            let cell = matches!(f.ty, Type::GcCell(_));
            names.insert(f.name.clone(), (s.name.clone(), cell));
        }
    }
    if names.is_empty() {
        return;
    }
    let mut writes = Writes {
        names: &names,
        diag,
    };
    for f in &program.functions {
        writes.visit_block(&f.body);
    }
}

/// Types read and written with one load or store of one word: a scalar, a reference,
/// an `Option` of a reference, or a `GcCell` of one of those (a field of a GC object).
fn is_one_word(ty: &Type) -> bool {
    match ty {
        Type::Int(_)
        | Type::Bool
        | Type::Char
        | Type::F64
        | Type::Ref { .. }
        | Type::Gc(_)
        | Type::GcAny => true,
        Type::Option(t) => matches!(**t, Type::Ref { .. } | Type::Gc(_) | Type::GcAny),
        Type::GcCell(t) => !matches!(**t, Type::GcCell(_)) && is_one_word(t),
        _ => false,
    }
}

struct Writes<'a> {
    names: &'a HashMap<String, (String, bool)>,
    diag: &'a mut Diagnostics,
}

impl Writes<'_> {
    /// The quasi-immutable field `e` names, with its struct and whether it is a cell, if
    /// it names one.
    fn field<'e>(&self, e: &'e syn::Expr) -> Option<(&'e syn::Ident, &str, bool)> {
        match e {
            syn::Expr::Paren(p) => self.field(&p.expr),
            syn::Expr::Group(g) => self.field(&g.expr),
            syn::Expr::Field(f) => match &f.member {
                syn::Member::Named(id) => self
                    .names
                    .get(&id.to_string())
                    .map(|(owner, cell)| (id, owner.as_str(), *cell)),
                syn::Member::Unnamed(_) => None,
            },
            _ => None,
        }
    }

    /// Reports `what` on `place` if it is a quasi-immutable field (`cells`: only if it is
    /// a `GcCell` one).
    fn report(&mut self, place: &syn::Expr, what: &str, cells: bool) {
        if let Some((id, owner, cell)) = self.field(place) {
            if cells && !cell {
                return;
            }
            let how = if cell {
                format!("`jitsupport::quasi_write!(object.{id}.set(value))`")
            } else {
                format!("`jitsupport::quasi_write!(object.{id} = value)`")
            };
            self.diag.error(
                place.span(),
                format!(
                    "`{id}` is #[quasi_immutable] (in `{owner}`): {what} does not invalidate \
                     the compiled code that folded it; write it with {how} (fields are \
                     matched by name: rename the field if this is another struct's)"
                ),
            );
        }
    }
}

impl<'ast> Visit<'ast> for Writes<'_> {
    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.report(&a.left, "an assignment", false);
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp as B;
        let compound = matches!(
            b.op,
            B::AddAssign(_)
                | B::SubAssign(_)
                | B::MulAssign(_)
                | B::DivAssign(_)
                | B::RemAssign(_)
                | B::BitXorAssign(_)
                | B::BitAndAssign(_)
                | B::BitOrAssign(_)
                | B::ShlAssign(_)
                | B::ShrAssign(_)
        );
        if compound {
            self.report(&b.left, "a compound assignment", false);
        }
        syn::visit::visit_expr_binary(self, b);
    }

    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() {
            self.report(&r.expr, "a `&mut` borrow", false);
        } else {
            // A borrowed cell could be `set` anywhere.
            self.report(&r.expr, "a borrow of its cell", true);
        }
        syn::visit::visit_expr_reference(self, r);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "set" {
            self.report(&m.receiver, "`set`", true);
        }
        syn::visit::visit_expr_method_call(self, m);
    }
}
