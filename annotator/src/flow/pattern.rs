//! Patterns: `match`, `if let`, `while let` and `let ... else`.
//!
//! A pattern is tested against a value kept in a hidden local of the environment, so
//! that it survives the blocks a test creates. Each test that fails jumps to a
//! failure target (the next arm); bindings are added to the environment as the tests
//! pass. A `match` whose arms are all plain literals or variants without guards is one
//! [`Exit::Switch`]; other matches test their arms in order.

use super::{Builder, Target};
use crate::model::{Case, Exit, Link, Value};
use crate::ops::OpKind;
use crate::program::int_literal;
use crate::types::Type;
use proc_macro2::Span;
use syn::spanned::Spanned;

/// What one arm of a switch-shaped match tests.
enum SimpleArm {
    /// Literal cases (`1 | 2`, `'a'`).
    Ints(Vec<i128>),
    /// A variant (enum, variant), with its payload patterns (names or `_`).
    Variant(String, String),
    /// `_` or a binding: every other value.
    Default,
}

impl Builder<'_> {
    /// `match e { arms }`.
    pub(super) fn match_expr(&mut self, m: &syn::ExprMatch) -> Value {
        let span = m.span();
        let mark = self.env.len();
        let v = self.expr(&m.expr);
        let known = self.static_type(&m.expr);
        let slot = self.hidden("scrutinee", v, known);
        let mut join = self.target_with(mark, 1);
        if let Some(simple) = self.simple_arms(m) {
            self.switch_match(m, slot, simple, &mut join);
        } else {
            for arm in &m.arms {
                let mut next = self.target(0);
                self.pattern(&arm.pat, slot, &mut next);
                if let Some((_, guard)) = &arm.guard {
                    let mut body = self.target(0);
                    self.branch(guard, &mut body, &mut next);
                    self.enter(&body);
                }
                let v = self.expr(&arm.body);
                self.goto(&mut join, vec![v]);
                self.enter(&next);
            }
            // Rust checks that matches are exhaustive: this point is never reached.
            if self.cur.is_some() {
                self.panic_with("internal error: entered unreachable code", span);
            }
        }
        self.enter(&join)[0]
    }

    /// The arms as switch cases, if every arm is a literal or a variant whose payload
    /// patterns are names or `_`, no arm has a guard, and only the last arm is a
    /// catch-all.
    fn simple_arms(&self, m: &syn::ExprMatch) -> Option<Vec<SimpleArm>> {
        let mut out = Vec::new();
        let mut enum_name: Option<String> = None;
        let mut ints = false;
        for (i, arm) in m.arms.iter().enumerate() {
            if arm.guard.is_some() {
                return None;
            }
            let simple = self.simple_pat(&arm.pat)?;
            match &simple {
                SimpleArm::Ints(_) => ints = true,
                SimpleArm::Variant(e, _) => {
                    if enum_name.get_or_insert_with(|| e.clone()) != e {
                        return None;
                    }
                }
                SimpleArm::Default => {
                    if i + 1 != m.arms.len() {
                        return None;
                    }
                }
            }
            out.push(simple);
        }
        if ints && enum_name.is_some() {
            return None;
        }
        // A match with only a catch-all is not worth a switch.
        if !ints && enum_name.is_none() {
            return None;
        }
        Some(out)
    }

    fn simple_pat(&self, pat: &syn::Pat) -> Option<SimpleArm> {
        match pat {
            syn::Pat::Paren(p) => self.simple_pat(&p.pat),
            syn::Pat::Lit(l) => Some(SimpleArm::Ints(vec![lit_case(&l.lit)?])),
            syn::Pat::Or(o) => {
                let mut all = Vec::new();
                for case in &o.cases {
                    match self.simple_pat(case)? {
                        SimpleArm::Ints(v) => all.extend(v),
                        _ => return None,
                    }
                }
                Some(SimpleArm::Ints(all))
            }
            syn::Pat::Wild(_) => Some(SimpleArm::Default),
            syn::Pat::Ident(id) => {
                if id.subpat.is_some() {
                    return None;
                }
                let name = id.ident.to_string();
                if name == "None" {
                    return Some(SimpleArm::Variant("Option".into(), "None".into()));
                }
                if let Some(item) = self.const_item(&name) {
                    return int_literal(&item.expr).map(|v| SimpleArm::Ints(vec![v]));
                }
                Some(SimpleArm::Default)
            }
            syn::Pat::Path(p) => {
                let name = match p.path.get_ident() {
                    Some(id) => Some(id.to_string()).filter(|n| self.const_item(n).is_some()),
                    None => self.const_path(&path_segments(&p.path)),
                };
                if let Some(item) = name.and_then(|n| self.const_item(&n)) {
                    return int_literal(&item.expr).map(|v| SimpleArm::Ints(vec![v]));
                }
                let (e, v) = self.variant_path(&p.path)?;
                Some(SimpleArm::Variant(e, v))
            }
            syn::Pat::TupleStruct(ts) => {
                let (e, v) = self.variant_path(&ts.path)?;
                ts.elems
                    .iter()
                    .all(|p| self.is_irrefutable(p))
                    .then_some(SimpleArm::Variant(e, v))
            }
            syn::Pat::Struct(s) => {
                let (e, v) = self.variant_path(&s.path)?;
                s.fields
                    .iter()
                    .all(|f| self.is_irrefutable(&f.pat))
                    .then_some(SimpleArm::Variant(e, v))
            }
            _ => None,
        }
    }

    /// One switch over all arms, then each arm's bindings and body.
    fn switch_match(
        &mut self,
        m: &syn::ExprMatch,
        slot: usize,
        arms: Vec<SimpleArm>,
        join: &mut Target,
    ) {
        let span = m.span();
        let mut targets: Vec<Target> = arms.iter().map(|_| self.target(0)).collect();
        let on = self.env[slot].value;
        let mut cases: Vec<(Case, Link)> = Vec::new();
        let mut default = None;
        if self.cur.is_some() {
            for (arm, t) in arms.iter().zip(targets.iter_mut()) {
                let arm_cases: Vec<Case> = match arm {
                    SimpleArm::Ints(v) => v.iter().map(|&i| Case::Int(i)).collect(),
                    SimpleArm::Variant(_, v) => vec![Case::Variant(v.clone())],
                    SimpleArm::Default => {
                        default = Some(self.link_to(t, Vec::new()));
                        continue;
                    }
                };
                for case in arm_cases {
                    // A value already taken by an earlier arm never reaches this one.
                    if cases.iter().any(|(c, _)| *c == case) {
                        continue;
                    }
                    let link = self.link_to(t, Vec::new());
                    cases.push((case, link));
                }
            }
            self.finish(Exit::Switch { on, cases, default });
        }
        for ((arm, simple), t) in m.arms.iter().zip(&arms).zip(&targets) {
            self.enter(t);
            match simple {
                SimpleArm::Variant(e, v) => {
                    let (e, v) = (e.clone(), v.clone());
                    self.variant_payload(&arm.pat, slot, &e, &v, &mut None);
                }
                SimpleArm::Default => {
                    if let syn::Pat::Ident(id) = &arm.pat {
                        let (value, known) = self.binding_value(slot, id.span());
                        self.bind(&id.ident.to_string(), value, None, known);
                    }
                }
                SimpleArm::Ints(_) => {}
            }
            let v = self.expr(&arm.body);
            self.goto(join, vec![v]);
        }
        let _ = span;
    }

    /// `if let pat = e { .. } else { .. }`.
    pub(super) fn if_let(
        &mut self,
        l: &syn::ExprLet,
        then: &syn::Block,
        els: Option<&syn::Expr>,
        span: Span,
    ) -> Value {
        let mark = self.env.len();
        let v = self.expr(&l.expr);
        let known = self.static_type(&l.expr);
        let slot = self.hidden("scrutinee", v, known);
        let mut join = self.target_with(mark, 1);
        let mut else_t = self.target(0);
        self.pattern(&l.pat, slot, &mut else_t);
        let v = self.block(then, span);
        self.goto(&mut join, vec![v]);
        self.enter(&else_t);
        let v = match els {
            Some(e) => self.expr(e),
            None => self.unit(span),
        };
        self.goto(&mut join, vec![v]);
        self.enter(&join)[0]
    }

    /// `let pat = value else { diverge };`: the bindings stay in scope after it.
    pub(super) fn let_else(
        &mut self,
        pat: &syn::Pat,
        value: Value,
        known: Option<Type>,
        diverge: &syn::Expr,
    ) {
        let slot = self.hidden("scrutinee", value, known);
        let mut fail = self.target(0);
        self.pattern(pat, slot, &mut fail);
        let (cur, env) = (self.cur, self.env.clone());
        self.enter(&fail);
        self.expr(diverge);
        if self.cur.is_some() {
            self.error(
                diverge.span(),
                "the `else` of `let ... else` must not finish normally; end it with \
                 `return`, `break`, `continue` or a panic",
            );
        }
        self.cur = cur;
        self.env = env;
    }

    /// Tests `pat` against the local at `slot`: jumps to `fail` if it does not match,
    /// otherwise continues with the pattern's bindings in the environment.
    pub(super) fn pattern(&mut self, pat: &syn::Pat, slot: usize, fail: &mut Target) {
        let span = pat.span();
        match pat {
            syn::Pat::Wild(_) => {}
            syn::Pat::Paren(p) => self.pattern(&p.pat, slot, fail),
            syn::Pat::Reference(r) => {
                // `&p` matches through the reference: `p` sees the value itself.
                if self.env[slot].by_ref.is_some() {
                    self.env[slot].by_ref = None;
                    self.pattern(&r.pat, slot, fail);
                } else {
                    let v = self.env[slot].value;
                    let inner = match &self.env[slot].known {
                        Some(Type::Ref { to, .. }) => Some((**to).clone()),
                        _ => None,
                    };
                    let d = self.opv(OpKind::Deref, vec![v], span);
                    let sub = self.hidden("deref", d, inner);
                    self.pattern(&r.pat, sub, fail);
                }
            }
            syn::Pat::Ident(id) => {
                let name = id.ident.to_string();
                if id.subpat.is_none() {
                    if name == "None" {
                        self.variant_test(slot, "None", fail, span);
                        return;
                    }
                    if self.const_item(&name).is_some() && self.lookup(&name).is_none() {
                        let c = self.inline_const_value(&name, span);
                        self.eq_test(slot, c, fail, span);
                        return;
                    }
                }
                if let Some((_, sub)) = &id.subpat {
                    self.pattern(sub, slot, fail);
                }
                let (value, known) = self.binding_value(slot, span);
                self.bind(&name, value, None, known);
            }
            syn::Pat::Lit(l) => {
                if let syn::Lit::Bool(b) = &l.lit {
                    let v = self.env[slot].value;
                    let mut ok = self.target(0);
                    if b.value {
                        self.if_exit(v, &mut ok, fail);
                    } else {
                        self.if_exit(v, fail, &mut ok);
                    }
                    self.enter(&ok);
                    return;
                }
                let c = self.lit(&l.lit);
                self.eq_test(slot, c, fail, span);
            }
            syn::Pat::Range(r) => {
                if let Some(start) = &r.start {
                    let lo = self.expr(start);
                    let v = self.env[slot].value;
                    let c = self.opv(OpKind::Ge, vec![v, lo], span);
                    let mut ok = self.target(0);
                    self.if_exit(c, &mut ok, fail);
                    self.enter(&ok);
                }
                if let Some(end) = &r.end {
                    let hi = self.expr(end);
                    let kind = match r.limits {
                        syn::RangeLimits::Closed(_) => OpKind::Le,
                        syn::RangeLimits::HalfOpen(_) => OpKind::Lt,
                    };
                    let v = self.env[slot].value;
                    let c = self.opv(kind, vec![v, hi], span);
                    let mut ok = self.target(0);
                    self.if_exit(c, &mut ok, fail);
                    self.enter(&ok);
                }
            }
            syn::Pat::Or(o) => {
                if o.cases.iter().any(|p| self.binds(p)) {
                    self.error(
                        span,
                        "`|` patterns that bind variables are not supported; write one \
                         arm per alternative",
                    );
                    self.bind_placeholders(pat);
                    return;
                }
                let mut ok = self.target(0);
                let n = o.cases.len();
                for (i, case) in o.cases.iter().enumerate() {
                    if i + 1 == n {
                        self.pattern(case, slot, fail);
                    } else {
                        let mut next = self.target(0);
                        self.pattern(case, slot, &mut next);
                        self.goto(&mut ok, Vec::new());
                        self.enter(&next);
                    }
                }
                self.goto(&mut ok, Vec::new());
                self.enter(&ok);
            }
            syn::Pat::Path(p) => {
                if let Some((_, v)) = self.variant_path(&p.path) {
                    self.variant_test(slot, &v, fail, span);
                } else if let Some(name) = p.path.get_ident().map(ToString::to_string) {
                    if self.const_item(&name).is_some() {
                        let c = self.inline_const_value(&name, span);
                        self.eq_test(slot, c, fail, span);
                    } else {
                        self.error(
                            span,
                            format!("`{name}` is not a const or enum variant of the module"),
                        );
                    }
                } else if let Some(name) = self.const_path(&path_segments(&p.path)) {
                    // `Kind::FIRST`, `super::ops::LIMIT`.
                    let c = self.inline_const_value(&name, span);
                    self.eq_test(slot, c, fail, span);
                } else {
                    self.error(
                        span,
                        "this path pattern is not supported; name a variant or a const of \
                         the module",
                    );
                }
            }
            syn::Pat::TupleStruct(syn::PatTupleStruct { path, .. })
            | syn::Pat::Struct(syn::PatStruct { path, .. }) => {
                if let Some((e, v)) = self.variant_path(path) {
                    self.variant_test(slot, &v, fail, span);
                    self.variant_payload(pat, slot, &e, &v, &mut Some(fail));
                } else {
                    self.struct_payload(pat, slot, fail);
                }
            }
            syn::Pat::Tuple(t) => {
                let n = t.elems.len();
                let elems = self.with_rest(t.elems.iter(), n, span);
                let known: Option<Vec<Type>> =
                    match self.env[slot].known.as_ref().map(Type::deref_all) {
                        Some(Type::Tuple(ts)) => Some(ts.clone()),
                        _ => None,
                    };
                let mode = self.child_mode(slot);
                for (i, p) in elems {
                    if matches!(p, syn::Pat::Wild(_)) {
                        continue;
                    }
                    let v = self.env[slot].value;
                    let e = self.opv(OpKind::TupleGet(i), vec![v], p.span());
                    let k = known.as_ref().and_then(|ts| ts.get(i).cloned());
                    let sub = self.hidden("elem", e, k);
                    self.env[sub].by_ref = mode;
                    self.pattern(p, sub, fail);
                }
            }
            syn::Pat::Slice(_) => {
                self.error(
                    span,
                    "slice patterns are not supported in an interpreter module; test the \
                     length and index the elements",
                );
                self.bind_placeholders(pat);
            }
            _ => {
                self.error(
                    span,
                    "this pattern is not supported in an interpreter module; use literals, \
                     ranges, variants, tuples, names and `_`",
                );
                self.bind_placeholders(pat);
            }
        }
    }

    /// The (index, pattern) pairs of a tuple-like pattern list with at most one `..`,
    /// for `total` elements.
    fn with_rest<'p>(
        &mut self,
        pats: impl Iterator<Item = &'p syn::Pat>,
        total: usize,
        span: Span,
    ) -> Vec<(usize, &'p syn::Pat)> {
        let pats: Vec<&syn::Pat> = pats.collect();
        match pats.iter().position(|p| matches!(p, syn::Pat::Rest(_))) {
            None => pats.into_iter().enumerate().collect(),
            Some(r) => {
                let after = pats.len() - r - 1;
                if r + after > total {
                    self.error(span, "this pattern has more elements than the value");
                    return Vec::new();
                }
                let mut out: Vec<(usize, &syn::Pat)> =
                    pats[..r].iter().copied().enumerate().collect();
                for (k, p) in pats[r + 1..].iter().enumerate() {
                    if matches!(p, syn::Pat::Rest(_)) {
                        self.error(p.span(), "only one `..` is allowed in a pattern");
                        continue;
                    }
                    out.push((total - after + k, *p));
                }
                out
            }
        }
    }

    /// Binds (and tests) the payload of a variant pattern, in a block where the value at
    /// `slot` is known to be that variant. `fail` is `None` in a switch arm, where the
    /// payload patterns are names or `_` only.
    fn variant_payload(
        &mut self,
        pat: &syn::Pat,
        slot: usize,
        e: &str,
        v: &str,
        fail: &mut Option<&mut Target>,
    ) {
        let fields: Vec<(String, Option<Type>)> = if e == "Option" {
            let inner = match self.env[slot].known.as_ref().map(Type::deref_all) {
                Some(Type::Option(t)) => Some((**t).clone()),
                _ => None,
            };
            vec![("0".into(), inner)]
        } else if e == "Result" {
            let inner = match self.env[slot].known.as_ref().map(Type::deref_all) {
                Some(Type::Result(t, _)) if v == "Ok" => Some((**t).clone()),
                Some(Type::Result(_, err)) => Some((**err).clone()),
                _ => None,
            };
            vec![("0".into(), inner)]
        } else {
            self.program
                .enum_def(e)
                .and_then(|d| d.variant(v))
                .map(|vd| {
                    vd.fields
                        .iter()
                        .map(|f| (f.name.clone(), Some(f.ty.clone())))
                        .collect()
                })
                .unwrap_or_default()
        };
        let subs: Vec<(usize, &syn::Pat)> = match pat {
            syn::Pat::TupleStruct(ts) => self.with_rest(ts.elems.iter(), fields.len(), pat.span()),
            syn::Pat::Struct(s) => {
                let mut out = Vec::new();
                for f in &s.fields {
                    let name = member_name(&f.member);
                    match fields.iter().position(|(n, _)| *n == name) {
                        Some(i) => out.push((i, &*f.pat)),
                        None => self.error(
                            f.member.span(),
                            format!("the variant `{e}::{v}` has no field `{name}`"),
                        ),
                    }
                }
                out
            }
            _ => Vec::new(),
        };
        let mode = self.child_mode(slot);
        for (i, p) in subs {
            if matches!(p, syn::Pat::Wild(_)) {
                continue;
            }
            if i >= fields.len() {
                self.error(p.span(), format!("the variant `{e}::{v}` has no field {i}"));
                continue;
            }
            let value = self.env[slot].value;
            let x = self.opv(
                OpKind::VariantField(e.to_string(), v.to_string(), i),
                vec![value],
                p.span(),
            );
            let sub = self.hidden("field", x, fields[i].1.clone());
            self.env[sub].by_ref = mode;
            match fail {
                Some(f) => self.pattern(p, sub, f),
                None => {
                    // An irrefutable pattern (see `is_irrefutable`) never jumps to
                    // this target, which is dropped as unreachable.
                    let mut never = self.target(0);
                    self.pattern(p, sub, &mut never);
                }
            }
        }
    }

    /// `S { a, b: p, .. }` or `S(p, q)` for a struct of the module: reads the fields.
    fn struct_payload(&mut self, pat: &syn::Pat, slot: usize, fail: &mut Target) {
        let path = match pat {
            syn::Pat::TupleStruct(ts) => &ts.path,
            syn::Pat::Struct(s) => &s.path,
            _ => return,
        };
        let name = self.path_text(path);
        let name = if name == "Self" {
            self.func.impl_of.clone().unwrap_or(name)
        } else {
            name
        };
        let Some(def) = self.program.struct_def(&name) else {
            self.error(
                path.span(),
                format!("`{name}` is not a struct or enum variant of the interpreter module"),
            );
            return;
        };
        let fields: Vec<(String, Type)> = def
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.ty.clone()))
            .collect();
        let subs: Vec<(usize, &syn::Pat)> = match pat {
            syn::Pat::TupleStruct(ts) => self.with_rest(ts.elems.iter(), fields.len(), pat.span()),
            syn::Pat::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| {
                    let n = member_name(&f.member);
                    fields
                        .iter()
                        .position(|(fname, _)| *fname == n)
                        .map(|i| (i, &*f.pat))
                })
                .collect(),
            _ => Vec::new(),
        };
        let mode = self.child_mode(slot);
        for (i, p) in subs {
            if matches!(p, syn::Pat::Wild(_)) || i >= fields.len() {
                continue;
            }
            let value = self.env[slot].value;
            let x = self.opv(OpKind::GetField(fields[i].0.clone()), vec![value], p.span());
            let sub = self.hidden("field", x, Some(fields[i].1.clone()));
            self.env[sub].by_ref = mode;
            self.pattern(p, sub, fail);
        }
    }

    /// The binding mode of the parts of the value at `slot`: by reference if the value
    /// is a reference or was itself reached through one.
    fn child_mode(&self, slot: usize) -> Option<bool> {
        let local = &self.env[slot];
        local.by_ref.or(match &local.known {
            Some(Type::Ref { mutable, .. }) => Some(*mutable),
            _ => None,
        })
    }

    /// The value a name bound to the value at `slot` gets, and its known type: a
    /// `borrow` of it under a by-reference binding mode.
    fn binding_value(&mut self, slot: usize, span: Span) -> (Value, Option<Type>) {
        let local = &self.env[slot];
        let (value, known) = (local.value, local.known.clone());
        match local.by_ref {
            None => (value, known),
            Some(mutable) => {
                let r = self.opv(OpKind::Borrow(mutable), vec![value], span);
                let known = known.map(|t| Type::Ref {
                    mutable,
                    to: Box::new(t),
                });
                (r, known)
            }
        }
    }

    /// Continues if the value at `slot` is variant `v`, else jumps to `fail`.
    fn variant_test(&mut self, slot: usize, v: &str, fail: &mut Target, _span: Span) {
        let mut ok = self.target(0);
        if self.cur.is_some() {
            let on = self.env[slot].value;
            let ok_link = self.link_to(&mut ok, Vec::new());
            let fail_link = self.link_to(fail, Vec::new());
            self.finish(Exit::Switch {
                on,
                cases: vec![(Case::Variant(v.to_string()), ok_link)],
                default: Some(fail_link),
            });
        }
        self.enter(&ok);
    }

    /// Continues if the value at `slot` equals `c`, else jumps to `fail`.
    fn eq_test(&mut self, slot: usize, c: Value, fail: &mut Target, span: Span) {
        let v = self.env[slot].value;
        let eq = self.opv(OpKind::Eq, vec![v, c], span);
        let mut ok = self.target(0);
        self.if_exit(eq, &mut ok, fail);
        self.enter(&ok);
    }

    /// The value of a module const used as a pattern.
    fn inline_const_value(&mut self, name: &str, span: Span) -> Value {
        let path: syn::ExprPath = syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: syn::Ident::new(name, span).into(),
        };
        self.expr(&syn::Expr::Path(path))
    }

    /// After an error in `pat`: binds every name in it to a placeholder, so that the
    /// uses of those names do not give more errors.
    pub(super) fn bind_placeholders(&mut self, pat: &syn::Pat) {
        struct Names(Vec<String>);
        impl<'ast> syn::visit::Visit<'ast> for Names {
            fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
                self.0.push(p.ident.to_string());
                syn::visit::visit_pat_ident(self, p);
            }
        }
        let mut names = Names(Vec::new());
        syn::visit::Visit::visit_pat(&mut names, pat);
        for name in names.0 {
            let v = self.placeholder(pat.span());
            self.bind(&name, v, None, None);
        }
    }

    /// True if `pat` matches every value: a name (not a const or a variant), `_`, `..`,
    /// or a tuple of those. Such payload patterns keep a match switch-shaped.
    fn is_irrefutable(&self, p: &syn::Pat) -> bool {
        match p {
            syn::Pat::Wild(_) | syn::Pat::Rest(_) => true,
            syn::Pat::Paren(q) => self.is_irrefutable(&q.pat),
            syn::Pat::Tuple(t) => t.elems.iter().all(|q| self.is_irrefutable(q)),
            syn::Pat::Ident(id) => {
                let name = id.ident.to_string();
                id.subpat.is_none() && name != "None" && self.const_item(&name).is_none()
            }
            _ => false,
        }
    }

    /// True if `pat` binds a variable.
    fn binds(&self, pat: &syn::Pat) -> bool {
        match pat {
            syn::Pat::Ident(id) => {
                let name = id.ident.to_string();
                id.subpat.is_some() || (name != "None" && self.const_item(&name).is_none())
            }
            syn::Pat::Paren(p) => self.binds(&p.pat),
            syn::Pat::Reference(r) => self.binds(&r.pat),
            syn::Pat::Or(o) => o.cases.iter().any(|p| self.binds(p)),
            syn::Pat::Tuple(t) => t.elems.iter().any(|p| self.binds(p)),
            syn::Pat::TupleStruct(t) => t.elems.iter().any(|p| self.binds(p)),
            syn::Pat::Struct(s) => s.fields.iter().any(|f| self.binds(&f.pat)),
            _ => false,
        }
    }
}

fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(id) => id.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// The switch case of a literal pattern: an integer or a char's code point.
fn lit_case(lit: &syn::Lit) -> Option<i128> {
    match lit {
        syn::Lit::Int(i) => i.base10_parse::<i128>().ok(),
        syn::Lit::Char(c) => Some(i128::from(u32::from(c.value()))),
        syn::Lit::Byte(b) => Some(i128::from(b.value())),
        _ => None,
    }
}

/// The identifiers of a path's segments.
fn path_segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}
