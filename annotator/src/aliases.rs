//! Type aliases of the interpreter module: `type X = T;` and `type R<T> = Result<T, E>;`.
//!
//! The analysis expands an alias wherever a type is written (signatures, fields, `let`
//! annotations, casts, `is::<T>()` / `downcast::<T>()`, inside other types), so that
//! `fn f() -> R<i64>` is exactly `fn f() -> Result<i64, E>`: the later passes never see
//! an alias. Expansion works on the syntax ([`Aliases::expand`]) before
//! [`crate::Program::parse_type`] reads the type, so a type the subset refuses is refused
//! with the same message whether it is written out or reached through an alias, and an
//! opaque type keeps the expanded text (`Vec<Result<i64, E>>`), which names nothing of
//! the module that the generated code could not see.
//!
//! Rules (Rust's, checked at the use of the alias, where the expansion happens):
//! - the generic arguments replace the alias's type parameters; lifetime arguments and
//!   parameters are ignored (the analysis erases lifetimes); a parameter may have a
//!   default (`type R<T = i64> = ..`);
//! - an alias may name other aliases; one that reaches itself is an error at its use;
//! - too many or too few type arguments is an error at the use;
//! - an alias of a struct or enum of the module also names it in expressions and
//!   patterns (`F::new(..)`, `F::Variant`, `F { .. }`, `impl F`): function bodies and
//!   `const` values are rewritten to the item's name ([`Aliases::rewrite_body`]);
//! - the expansion keeps the spans of the alias's definition, so that an error about a
//!   type written in an alias points there, once however many uses reach it
//!   ([`crate::Program::parse_type`] reports each such error once).

use crate::diag::Diagnostics;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};

/// A `type` item of the module.
#[derive(Clone, Debug)]
pub struct AliasDef {
    pub name: String,
    /// The type parameters, in order, each with its default if it has one.
    pub params: Vec<(String, Option<syn::Type>)>,
    /// The type the alias stands for, as written.
    pub ty: syn::Type,
    pub span: Span,
}

impl AliasDef {
    /// The number of type arguments a use must give, at least.
    fn required(&self) -> usize {
        self.params.iter().filter(|(_, d)| d.is_none()).count()
    }
}

/// The type aliases of a module.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    pub defs: Vec<AliasDef>,
}

impl Aliases {
    /// Records the `type` items among `items`. A const parameter is an error here (the
    /// analysis substitutes types only); trait bounds and `where` clauses are ignored, as
    /// rustc ignores them on aliases.
    pub fn collect(items: &[syn::Item], diag: &mut Diagnostics) -> Aliases {
        let mut defs = Vec::new();
        for item in items {
            let syn::Item::Type(t) = item else {
                continue;
            };
            let mut params = Vec::new();
            for p in &t.generics.params {
                match p {
                    syn::GenericParam::Type(tp) => {
                        params.push((tp.ident.to_string(), tp.default.clone()));
                    }
                    syn::GenericParam::Lifetime(_) => {}
                    syn::GenericParam::Const(c) => diag.error(
                        c.span(),
                        format!(
                            "const parameters of type aliases are not supported in an \
                             interpreter module; write `{}` with the constant in place",
                            t.ident
                        ),
                    ),
                }
            }
            defs.push(AliasDef {
                name: t.ident.to_string(),
                params,
                ty: (*t.ty).clone(),
                span: t.ident.span(),
            });
        }
        Aliases { defs }
    }

    pub fn get(&self, name: &str) -> Option<&AliasDef> {
        self.defs.iter().find(|a| a.name == name)
    }

    /// The struct or enum of the module that the alias `name` without parameters stands
    /// for (through other aliases), if it is one (`is_item` tells the module's names).
    pub fn item_name(&self, name: &str, is_item: &dyn Fn(&str) -> bool) -> Option<String> {
        let alias = self.get(name)?;
        if !alias.params.is_empty() {
            return None;
        }
        let ident = syn::Ident::new(name, alias.span);
        let mut scratch = Diagnostics::new();
        match self.expand(&syn::parse_quote!(#ident), &mut scratch) {
            syn::Type::Path(p) if p.qself.is_none() => p
                .path
                .get_ident()
                .map(ToString::to_string)
                .filter(|n| is_item(n)),
            _ => None,
        }
    }

    /// Rewrites the paths of expressions and patterns in `body` that reach a struct or
    /// enum of the module through an alias, as Rust allows: `F::new(..)`, `F::Variant`,
    /// `F { .. }` (literal and pattern) with `type F = Frame;` become `Frame::new(..)`,
    /// ... so that the flow builder finds the item and its functions.
    pub fn rewrite_body(&self, body: &mut syn::Block, is_item: &dyn Fn(&str) -> bool) {
        if !self.defs.is_empty() {
            PathRewriter {
                aliases: self,
                is_item,
            }
            .visit_block_mut(body);
        }
    }

    /// [`Self::rewrite_body`] of an expression (a `const` item's value).
    pub fn rewrite_expr(&self, expr: &mut syn::Expr, is_item: &dyn Fn(&str) -> bool) {
        if !self.defs.is_empty() {
            PathRewriter {
                aliases: self,
                is_item,
            }
            .visit_expr_mut(expr);
        }
    }

    /// `ty` with every alias in it expanded, recursively. Errors (a cycle, a wrong number
    /// of arguments) go to `diag` at the use; the faulty use becomes `()`, as a type
    /// with a wrong number of arguments does in [`crate::Program::parse_type`].
    pub fn expand(&self, ty: &syn::Type, diag: &mut Diagnostics) -> syn::Type {
        let mut out = ty.clone();
        if !self.defs.is_empty() {
            Expander {
                aliases: self,
                stack: Vec::new(),
                diag,
            }
            .visit_type_mut(&mut out);
        }
        out
    }
}

struct Expander<'a> {
    aliases: &'a Aliases,
    /// The aliases being expanded, outermost first, to find cycles.
    stack: Vec<String>,
    diag: &'a mut Diagnostics,
}

impl Expander<'_> {
    /// The expansion of a use of `alias` with the generic arguments `args` at `span`, or
    /// `None` after reporting an error.
    fn expand_use(
        &mut self,
        alias: &AliasDef,
        args: Option<&syn::AngleBracketedGenericArguments>,
        span: Span,
    ) -> Option<syn::Type> {
        if let Some(at) = self.stack.iter().position(|n| *n == alias.name) {
            let mut chain: Vec<&str> = self.stack[at..].iter().map(String::as_str).collect();
            chain.push(&alias.name);
            self.diag.error(
                span,
                format!(
                    "the type alias `{}` expands into itself ({}); an alias cannot be \
                     recursive: name a struct or enum of the module in the cycle",
                    alias.name,
                    chain.join(" -> ")
                ),
            );
            return None;
        }
        let mut types = Vec::new();
        for arg in args.into_iter().flat_map(|a| a.args.iter()) {
            match arg {
                syn::GenericArgument::Type(t) => {
                    let mut t = t.clone();
                    self.visit_type_mut(&mut t);
                    types.push(t);
                }
                syn::GenericArgument::Lifetime(_) => {}
                other => {
                    self.diag.error(
                        other.span(),
                        format!("the type alias `{}` takes type arguments only", alias.name),
                    );
                    return None;
                }
            }
        }
        let (required, all) = (alias.required(), alias.params.len());
        if types.len() < required || types.len() > all {
            let expected = if required == all {
                format!("{all}")
            } else {
                format!("{required} to {all}")
            };
            let params: Vec<&str> = alias.params.iter().map(|(n, _)| n.as_str()).collect();
            let shape = if params.is_empty() {
                alias.name.clone()
            } else {
                format!("{}<{}>", alias.name, params.join(", "))
            };
            self.diag.error(
                span,
                format!(
                    "the type alias `{}` takes {expected} type argument{} but {} {} given; \
                     write `{shape}`",
                    alias.name,
                    if all == 1 { "" } else { "s" },
                    types.len(),
                    if types.len() == 1 { "was" } else { "were" },
                ),
            );
            return None;
        }
        // Defaults may name earlier parameters: substitute as we go.
        let mut bound: Vec<(String, syn::Type)> = Vec::new();
        for (i, (name, default)) in alias.params.iter().enumerate() {
            let t = match types.get(i) {
                Some(t) => t.clone(),
                None => {
                    let d = default.clone().expect("arity checked above");
                    let mut d = d;
                    Substitute { bound: &bound }.visit_type_mut(&mut d);
                    self.visit_type_mut(&mut d);
                    d
                }
            };
            bound.push((name.clone(), t));
        }
        let mut body = alias.ty.clone();
        Substitute { bound: &bound }.visit_type_mut(&mut body);
        self.stack.push(alias.name.clone());
        self.visit_type_mut(&mut body);
        self.stack.pop();
        Some(body)
    }
}

impl VisitMut for Expander<'_> {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(p) = ty {
            if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
                let seg = &p.path.segments[0];
                if let Some(alias) = self.aliases.get(&seg.ident.to_string()) {
                    let args = match &seg.arguments {
                        syn::PathArguments::AngleBracketed(a) => Some(a),
                        _ => None,
                    };
                    let span = seg.ident.span();
                    *ty = self
                        .expand_use(alias, args, span)
                        .unwrap_or_else(|| syn::parse_quote_spanned!(span=> ()));
                    return;
                }
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }
}

/// Replaces the type parameters of an alias by their arguments. A replaced argument is
/// not looked into again (it may itself mention a name equal to a parameter).
struct Substitute<'a> {
    bound: &'a [(String, syn::Type)],
}

impl VisitMut for Substitute<'_> {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let syn::Type::Path(p) = ty {
            if let (None, Some(id)) = (&p.qself, p.path.get_ident()) {
                if let Some((_, t)) = self.bound.iter().find(|(n, _)| id == n) {
                    *ty = t.clone();
                    return;
                }
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }
}

/// Replaces an alias of a struct or enum of the module at the head of a path.
struct PathRewriter<'a> {
    aliases: &'a Aliases,
    is_item: &'a dyn Fn(&str) -> bool,
}

impl PathRewriter<'_> {
    /// Rewrites the first segment of `path` if it names such an alias (a single-segment
    /// path only where `single` allows: a struct literal or pattern).
    fn rewrite(&self, path: &mut syn::Path, single: bool) {
        if path.leading_colon.is_some() || (path.segments.len() < 2 && !single) {
            return;
        }
        let Some(first) = path.segments.first_mut() else {
            return;
        };
        if !first.arguments.is_none() {
            return;
        }
        let name = first.ident.to_string();
        if let Some(item) = self.aliases.item_name(&name, self.is_item) {
            first.ident = syn::Ident::new(&item, first.ident.span());
        }
    }
}

impl VisitMut for PathRewriter<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        self.rewrite(path, false);
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_expr_struct_mut(&mut self, e: &mut syn::ExprStruct) {
        if e.qself.is_none() {
            self.rewrite(&mut e.path, true);
        }
        visit_mut::visit_expr_struct_mut(self, e);
    }

    fn visit_pat_struct_mut(&mut self, p: &mut syn::PatStruct) {
        if p.qself.is_none() {
            self.rewrite(&mut p.path, true);
        }
        visit_mut::visit_pat_struct_mut(self, p);
    }
}
