//! Expressions: literals, operators, paths, calls, constructors, field and index reads.

use super::Builder;
use crate::model::{ConstValue, Exit, Value};
use crate::ops::{Callee, MethodCall, OpKind};
use crate::types::{IntTy, Type};
use proc_macro2::Span;
use syn::spanned::Spanned;

impl Builder<'_> {
    /// Builds `e` and gives its value (a `()` constant for expressions without one, and
    /// after an error, which is reported).
    pub(super) fn expr(&mut self, e: &syn::Expr) -> Value {
        let span = e.span();
        match e {
            syn::Expr::Lit(l) => self.lit(&l.lit),
            syn::Expr::Paren(p) => self.expr(&p.expr),
            syn::Expr::Group(g) => self.expr(&g.expr),
            syn::Expr::Path(p) => self.path_expr(p),
            syn::Expr::Binary(b) => self.binary(b),
            syn::Expr::Unary(u) => self.unary(u),
            syn::Expr::Assign(a) => self.assign(a),
            syn::Expr::Cast(c) => {
                let ty = self
                    .program
                    .parse_type(&c.ty, self.func.impl_of.as_deref(), self.diag);
                let v = self.expr(&c.expr);
                self.opv(OpKind::Cast(ty), vec![v], span)
            }
            syn::Expr::Reference(r) => {
                // `&s[a..b]`: a `&str` of the bytes from `a` to `b`.
                if let syn::Expr::Index(ix) = &*r.expr {
                    if let syn::Expr::Range(range) = &*ix.index {
                        return self.str_slice(&ix.expr, range, span);
                    }
                }
                let v = self.place_expr(&r.expr);
                self.opv(OpKind::Borrow(r.mutability.is_some()), vec![v], span)
            }
            syn::Expr::Field(f) => self.field(f),
            syn::Expr::Index(ix) => {
                let args = self.place_operands(&ix.expr, [&*ix.index]);
                self.opv(OpKind::GetItem, args, span)
            }
            syn::Expr::Tuple(t) => {
                if t.elems.is_empty() {
                    return self.unit(span);
                }
                let args = self.operands(&t.elems);
                self.opv(OpKind::NewTuple, args, span)
            }
            syn::Expr::Array(a) => {
                let args = self.operands(&a.elems);
                self.opv(OpKind::NewArray, args, span)
            }
            syn::Expr::Repeat(r) => {
                let Some(n) = self.program.const_usize(&r.len) else {
                    return self.unsupported(
                        r.len.span(),
                        "the length of `[x; N]` must be an integer literal or a const of \
                         the module",
                    );
                };
                let v = self.expr(&r.expr);
                self.opv(OpKind::NewArrayRepeat(n), vec![v], span)
            }
            syn::Expr::Struct(s) => self.struct_lit(s),
            syn::Expr::Call(c) => self.call(c),
            syn::Expr::MethodCall(m) => self.method_call(m),
            syn::Expr::Block(b) => {
                if let Some(label) = &b.label {
                    return self.unsupported(
                        label.span(),
                        "labelled blocks are not supported; use a labelled `loop` with \
                         `break 'label value`",
                    );
                }
                self.block(&b.block, span)
            }
            syn::Expr::If(i) => self.if_expr(i),
            syn::Expr::Match(m) => self.match_expr(m),
            syn::Expr::While(w) => self.while_loop(w),
            syn::Expr::Loop(l) => self.loop_expr(l),
            syn::Expr::ForLoop(f) => self.for_loop(f),
            syn::Expr::Break(b) => self.break_expr(b),
            syn::Expr::Continue(c) => self.continue_expr(c),
            syn::Expr::Return(r) => {
                let v = match &r.expr {
                    Some(e) => self.expr(e),
                    None => self.unit(span),
                };
                let ret = self.g.return_block;
                if self.cur.is_some() {
                    self.goto_block(ret, vec![v]);
                }
                self.unit(span)
            }
            syn::Expr::Try(t) => self.try_expr(t),
            syn::Expr::Macro(m) => self.macro_call(&m.mac, span),
            syn::Expr::Let(l) => self.unsupported(
                l.span(),
                "`let` is only supported directly as the condition of `if let` and \
                 `while let` (no `&&` chains); nest the conditions instead",
            ),
            syn::Expr::Closure(_) => self.unsupported(
                span,
                "closures are not supported in an interpreter module; move this code into \
                 a function outside the module (calls out of the module are opaque to the \
                 JIT) or mark the function #[dont_look_inside]",
            ),
            syn::Expr::Unsafe(_) => self.unsupported(
                span,
                "`unsafe` blocks are not supported in an interpreter module; move the \
                 unsafe code into a function outside the module and call it, or mark the \
                 function #[dont_look_inside]",
            ),
            syn::Expr::Async(_) | syn::Expr::Await(_) => self.unsupported(
                span,
                "async/await is not supported in an interpreter module; move this code \
                 out of the module or mark the function #[dont_look_inside]",
            ),
            syn::Expr::Range(_) => self.unsupported(
                span,
                "ranges are only supported as the iterator of a `for` loop \
                 (`for i in a..b`); write the bounds out",
            ),
            _ => self.unsupported(
                span,
                "this expression is not supported in an interpreter module; move it into \
                 a function outside the module or mark the function #[dont_look_inside]",
            ),
        }
    }

    /// `&s[a..b]`, `&s[a..]`, `&s[..b]`, `&s[a..=b]` of a `&str`: the `slice` op, the
    /// omitted bounds filled in (0, the length).
    fn str_slice(&mut self, s: &syn::Expr, range: &syn::ExprRange, span: Span) -> Value {
        let x = self.expr(s);
        let usize_t = Some(Type::Int(IntTy::Usize));
        let start = match &range.start {
            Some(a) => self.expr(a),
            None => self.constant(ConstValue::Int(0), usize_t.clone(), span),
        };
        let end = match (&range.end, &range.limits) {
            (Some(b), syn::RangeLimits::HalfOpen(_)) => self.expr(b),
            (Some(b), syn::RangeLimits::Closed(_)) => {
                let b = self.expr(b);
                let one = self.constant(ConstValue::Int(1), usize_t, span);
                self.opv(OpKind::Add, vec![b, one], span)
            }
            (None, _) => self.opv(OpKind::Len, vec![x], span),
        };
        self.opv(OpKind::Slice, vec![x, start, end], span)
    }

    // ---- literals ----

    pub(super) fn lit(&mut self, lit: &syn::Lit) -> Value {
        let span = lit.span();
        match lit {
            // `2f64` is a float literal written as an integer.
            syn::Lit::Int(i) if i.suffix() == "f64" => match i.base10_parse::<f64>() {
                Ok(v) => self.constant(ConstValue::F64(v), Some(Type::F64), span),
                Err(_) => self.unsupported(span, "this float literal cannot be read"),
            },
            syn::Lit::Int(i) => {
                let ty = match i.suffix() {
                    "" => None,
                    s => match IntTy::from_name(s) {
                        Some(t) => Some(Type::Int(t)),
                        None => {
                            return self.unsupported(
                                span,
                                format!(
                                    "the integer suffix `{s}` is not supported: the \
                                     JIT's integers are at most 64 bits wide (i8 to i64, u8 to \
                                     u64, isize, usize)"
                                ),
                            )
                        }
                    },
                };
                match i.base10_parse::<i128>() {
                    Ok(v) => self.constant(ConstValue::Int(v), ty, span),
                    Err(_) => self.unsupported(span, "this integer literal is too large"),
                }
            }
            syn::Lit::Float(f) => {
                if !matches!(f.suffix(), "" | "f64") {
                    return self.unsupported(
                        span,
                        "only f64 floats are supported in an interpreter module; write the \
                         literal without suffix or with `f64`",
                    );
                }
                match f.base10_parse::<f64>() {
                    Ok(v) => self.constant(ConstValue::F64(v), Some(Type::F64), span),
                    Err(_) => self.unsupported(span, "this float literal cannot be read"),
                }
            }
            syn::Lit::Bool(b) => self.constant(ConstValue::Bool(b.value), Some(Type::Bool), span),
            syn::Lit::Char(c) => self.constant(ConstValue::Char(c.value()), Some(Type::Char), span),
            syn::Lit::Str(s) => self.constant(ConstValue::Str(s.value()), Some(Type::Str), span),
            syn::Lit::Byte(b) => self.constant(
                ConstValue::Int(i128::from(b.value())),
                Some(Type::Int(IntTy::U8)),
                span,
            ),
            _ => self.unsupported(
                span,
                "this kind of literal is not supported in an interpreter module; use \
                 integer, float, bool, char, byte or string literals",
            ),
        }
    }

    // ---- paths ----

    fn path_expr(&mut self, p: &syn::ExprPath) -> Value {
        let span = p.span();
        if p.qself.is_some() {
            return self.unsupported(
                span,
                "qualified paths (`<T as Trait>::x`) are not supported",
            );
        }
        let segs: Vec<String> = p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if let [name] = segs.as_slice() {
            if let Some(i) = self.lookup(name) {
                return self.env[i].value;
            }
            if name == "None" {
                return self.opv(
                    OpKind::NewVariant("Option".into(), "None".into()),
                    Vec::new(),
                    span,
                );
            }
            if self.const_item(name).is_some() {
                return self.inline_const(name, span);
            }
        }
        if let Some(name) = self.const_path(&segs) {
            return self.inline_const(&name, span);
        }
        // `std::f64::consts::PI` (also `core::`, or `f64::consts::PI` after a `use`).
        if let [.., f, consts, name] = segs.as_slice() {
            if f == "f64" && consts == "consts" {
                if let Some(v) = f64_const(name) {
                    return self.constant(ConstValue::F64(v), Some(Type::F64), span);
                }
            }
        }
        if let [ty, name] = segs.as_slice() {
            if let Some(t) = IntTy::from_name(ty) {
                let v = match name.as_str() {
                    "MAX" => Some(t.max()),
                    "MIN" => Some(t.min()),
                    "BITS" => Some(i128::from(t.bits())),
                    _ => None,
                };
                if let Some(v) = v {
                    let ty = if name == "BITS" { IntTy::U32 } else { t };
                    return self.constant(ConstValue::Int(v), Some(Type::Int(ty)), span);
                }
            }
            if ty == "f64" {
                let v = match name.as_str() {
                    "MAX" => Some(f64::MAX),
                    "MIN" => Some(f64::MIN),
                    "MIN_POSITIVE" => Some(f64::MIN_POSITIVE),
                    "EPSILON" => Some(f64::EPSILON),
                    "INFINITY" => Some(f64::INFINITY),
                    "NEG_INFINITY" => Some(f64::NEG_INFINITY),
                    "NAN" => Some(f64::NAN),
                    _ => None,
                };
                if let Some(v) = v {
                    return self.constant(ConstValue::F64(v), Some(Type::F64), span);
                }
            }
            if let Some((e, v)) = self.variant_path(&p.path) {
                return self.opv(OpKind::NewVariant(e, v), Vec::new(), span);
            }
        }
        let text = self.path_text(&p.path);
        let last = segs.last().map_or("", String::as_str);
        if last.len() > 1
            && last
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            return self.unsupported(
                span,
                format!(
                    "cannot find `{text}`: the JIT reads only the consts of the interpreter \
                     module (also associated ones, `Type::NAME`, and local `const` items); \
                     move the const into the module (or `include!` the file that defines \
                     it); a `static` or a thread-local is not a const: read it in a \
                     #[dont_look_inside] function or outside the module"
                ),
            );
        }
        self.unsupported(
            span,
            format!(
                "cannot find `{text}` in this interpreter function; only locals, consts of the \
                 module and enum variants may be named here"
            ),
        )
    }

    /// The const a path of several segments names, if any: an associated const
    /// (`Kind::ALL`, `Self::ALL` in an impl of `Kind`), or a const of the module
    /// reached through Rust's module path (`super::int::MAX_DIGITS`,
    /// `crate::core::bytecode::NAMES`): the core is one namespace.
    pub(super) fn const_path(&self, segs: &[String]) -> Option<String> {
        let n = segs.len();
        if n < 2 {
            return None;
        }
        let owner = if segs[n - 2] == "Self" {
            self.func.impl_of.clone()?
        } else {
            segs[n - 2].clone()
        };
        let assoc = format!("{owner}::{}", segs[n - 1]);
        let through_modules = matches!(segs[0].as_str(), "crate" | "super" | "self");
        if (n == 2 || through_modules) && self.const_item(&assoc).is_some() {
            return Some(assoc);
        }
        if through_modules && self.const_item(&segs[n - 1]).is_some() {
            return Some(segs[n - 1].clone());
        }
        None
    }

    /// Inlines the initializer of a module const; its declared type fixes the type of a
    /// literal.
    fn inline_const(&mut self, name: &str, span: Span) -> Value {
        if self.inlining.iter().any(|n| n == name) {
            return self.unsupported(span, format!("the const `{name}` refers to itself"));
        }
        let Some(item) = self.const_item(name).cloned() else {
            return self.unsupported(span, format!("cannot find the const `{name}`"));
        };
        self.inlining.push(name.to_string());
        let v = self.expr(&item.expr);
        self.inlining.pop();
        if let Value::Const(c) = v {
            let data = &mut self.g.consts[c.index()];
            if data.ty.is_none() {
                data.ty = Some(item.ty.clone());
            }
        }
        v
    }

    /// `E::V`, `Self::V` (in an impl of an enum), or `Some` / `None`, as (enum, variant),
    /// if the path names a variant.
    pub(super) fn variant_path(&self, path: &syn::Path) -> Option<(String, String)> {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match segs.as_slice() {
            [v] if v == "Some" || v == "None" => Some(("Option".into(), v.clone())),
            [o, v] if o == "Option" && (v == "Some" || v == "None") => {
                Some(("Option".into(), v.clone()))
            }
            [v] if v == "Ok" || v == "Err" => Some(("Result".into(), v.clone())),
            [r, v] if r == "Result" && (v == "Ok" || v == "Err") => {
                Some(("Result".into(), v.clone()))
            }
            [e, v] => {
                let e = if e == "Self" {
                    self.func.impl_of.clone()?
                } else {
                    e.clone()
                };
                self.program.enum_def(&e)?.variant(v)?;
                Some((e, v.clone()))
            }
            _ => None,
        }
    }

    // ---- operators ----

    fn binary(&mut self, b: &syn::ExprBinary) -> Value {
        let span = b.span();
        use syn::BinOp as B;
        let kind = match b.op {
            B::And(_) | B::Or(_) => return self.short_circuit(b),
            B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::BitXorAssign(_)
            | B::BitAndAssign(_)
            | B::BitOrAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_) => return self.compound_assign(b),
            op => match binop_kind(&op) {
                Some(k) => k,
                None => return self.unsupported(span, "this operator is not supported"),
            },
        };
        let args = self.operands([&*b.left, &*b.right]);
        self.opv(kind, args, span)
    }

    fn unary(&mut self, u: &syn::ExprUnary) -> Value {
        let span = u.span();
        match u.op {
            syn::UnOp::Neg(_) => {
                // `-1` is a negative literal, not `neg(1)`: `-128i8` must stay in range.
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(_) | syn::Lit::Float(_),
                    ..
                }) = &*u.expr
                {
                    let v = self.expr(&u.expr);
                    if let Value::Const(c) = v {
                        let data = &mut self.g.consts[c.index()];
                        match &mut data.value {
                            ConstValue::Int(i) => *i = -*i,
                            ConstValue::F64(x) => *x = -*x,
                            _ => {}
                        }
                        data.span = span;
                        return v;
                    }
                }
                let v = self.expr(&u.expr);
                self.opv(OpKind::Neg, vec![v], span)
            }
            syn::UnOp::Not(_) => {
                let v = self.expr(&u.expr);
                self.opv(OpKind::Not, vec![v], span)
            }
            syn::UnOp::Deref(_) => {
                let v = self.expr(&u.expr);
                self.opv(OpKind::Deref, vec![v], span)
            }
            _ => self.unsupported(span, "this unary operator is not supported"),
        }
    }

    // ---- fields ----

    fn field(&mut self, f: &syn::ExprField) -> Value {
        let span = f.span();
        let is_tuple = self.is_tuple_base(&f.base);
        let base = if is_tuple {
            self.expr(&f.base)
        } else {
            self.place_expr(&f.base)
        };
        match &f.member {
            syn::Member::Named(id) => self.opv(OpKind::GetField(id.to_string()), vec![base], span),
            syn::Member::Unnamed(i) => {
                let i = i.index as usize;
                if is_tuple {
                    self.opv(OpKind::TupleGet(i), vec![base], span)
                } else {
                    self.opv(OpKind::GetField(i.to_string()), vec![base], span)
                }
            }
        }
    }

    /// Builds `e` where it is the base of a longer place: `e.f`, `e[i]`, a method's
    /// receiver, `&e`. A field or item is projected (`getsubstruct`,
    /// `getarraysubstruct`: a reference into its owner when the owner is in memory), so
    /// that a write or a `&mut self` call through it reaches the owner; anything else is
    /// an ordinary expression. See `place.rs` for why value structs need this.
    pub(super) fn place_expr(&mut self, e: &syn::Expr) -> Value {
        let span = e.span();
        match e {
            syn::Expr::Paren(p) => self.place_expr(&p.expr),
            syn::Expr::Group(g) => self.place_expr(&g.expr),
            syn::Expr::Field(f) if !self.is_tuple_base(&f.base) => {
                let base = self.place_expr(&f.base);
                let name = match &f.member {
                    syn::Member::Named(id) => id.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                self.opv(OpKind::GetSubstruct(name), vec![base], span)
            }
            syn::Expr::Index(ix) => {
                let args = self.place_operands(&ix.expr, [&*ix.index]);
                self.opv(OpKind::GetArraySubstruct, args, span)
            }
            _ => self.expr(e),
        }
    }

    /// True if `.0` on `base` reads a tuple element rather than a tuple struct's field:
    /// the base's static type is a tuple, or it is not known to be a struct.
    pub(super) fn is_tuple_base(&self, base: &syn::Expr) -> bool {
        !matches!(
            self.static_type(base).as_ref().map(Type::deref_all),
            Some(Type::Struct(_))
        )
    }

    // ---- constructors ----

    fn struct_lit(&mut self, s: &syn::ExprStruct) -> Value {
        let span = s.span();
        if let Some(rest) = &s.rest {
            self.error(
                rest.span(),
                "`..base` in a struct literal is not supported in an interpreter module; \
                 write every field out",
            );
        }
        if let Some((e, v)) = self.variant_path(&s.path) {
            let names: Vec<String> = self
                .program
                .enum_def(&e)
                .and_then(|d| d.variant(&v))
                .map(|vd| vd.fields.iter().map(|f| f.name.clone()).collect())
                .unwrap_or_default();
            let args = self.fields_in_order(s, &names, &format!("{e}::{v}"));
            return self.opv(OpKind::NewVariant(e, v), args, span);
        }
        let name = self.path_text(&s.path);
        let name = if name == "Self" {
            self.func.impl_of.clone().unwrap_or(name)
        } else {
            name
        };
        let Some(def) = self.program.struct_def(&name) else {
            return self.unsupported(
                s.path.span(),
                format!("`{name}` is not a struct or enum variant of the interpreter module"),
            );
        };
        let names: Vec<String> = def.fields.iter().map(|f| f.name.clone()).collect();
        let args = self.fields_in_order(s, &names, &name);
        self.opv(OpKind::NewStruct(name), args, span)
    }

    /// The field values of a struct literal, in declaration order; fields are evaluated
    /// in the order written, as Rust does.
    fn fields_in_order(&mut self, s: &syn::ExprStruct, names: &[String], what: &str) -> Vec<Value> {
        let mut values: Vec<Option<Value>> = vec![None; names.len()];
        let written = self.operands(s.fields.iter().map(|fv| &fv.expr));
        for (fv, v) in s.fields.iter().zip(written) {
            let fname = match &fv.member {
                syn::Member::Named(id) => id.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            match names.iter().position(|n| *n == fname) {
                Some(i) => values[i] = Some(v),
                None => self.error(fv.member.span(), format!("`{what}` has no field `{fname}`")),
            }
        }
        let mut out = Vec::with_capacity(names.len());
        for (name, v) in names.iter().zip(values) {
            match v {
                Some(v) => out.push(v),
                None => {
                    if s.rest.is_none() {
                        self.error(s.span(), format!("missing field `{name}` in `{what}`"));
                    }
                    out.push(self.unit(s.span()));
                }
            }
        }
        out
    }

    // ---- calls ----

    fn call(&mut self, c: &syn::ExprCall) -> Value {
        let span = c.span();
        let syn::Expr::Path(p) = &*c.func else {
            return self.unsupported(
                c.func.span(),
                "only functions named by a path can be called in an interpreter module; \
                 calls of closures and function values are not supported",
            );
        };
        let path = &p.path;
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let text = self.path_text(path);
        if let [name] = segs.as_slice() {
            if let Some(i) = self.lookup(name) {
                if self.is_placeholder(self.env[i].value) {
                    return self.placeholder(c.span());
                }
                return self.unsupported(
                    c.func.span(),
                    format!(
                        "`{name}` is a local variable: calls of closures and function values \
                         are not supported in an interpreter module; call a function by name"
                    ),
                );
            }
        }
        let args_of = |b: &mut Self| -> Vec<Value> { b.operands(&c.args) };
        if let Some((e, v)) = self.variant_path(path) {
            let args = args_of(self);
            return self.opv(OpKind::NewVariant(e, v), args, span);
        }
        let is_js = |name: &str| {
            segs.len() == 1 && segs[0] == name
                || segs.len() == 2 && segs[0] == "jitsupport" && segs[1] == name
        };
        if is_js("promote") && self.program.function("promote").is_none() {
            let args = args_of(self);
            if args.len() != 1 {
                return self.unsupported(span, "`promote` takes one argument");
            }
            return self.opv(OpKind::Promote, args, span);
        }
        if is_js("we_are_jitted") && self.program.function("we_are_jitted").is_none() {
            return self.opv(OpKind::WeAreJitted, Vec::new(), span);
        }
        let is_gc_name = |g: &str| g == "Gc" || g == "GcCell" || g == "GcAny";
        let gc_fn = match segs.as_slice() {
            [g, f] if is_gc_name(g) => Some((g.as_str(), f.as_str())),
            [j, g, f] if j == "jitsupport" && is_gc_name(g) => Some((g.as_str(), f.as_str())),
            [j, m, g, f] if j == "jitsupport" && m == "gc" && is_gc_name(g) => {
                Some((g.as_str(), f.as_str()))
            }
            _ => None,
        };
        if let Some((g, f)) = gc_fn {
            if self.program.struct_def(g).is_none() {
                return self.gc_call(c, g, f);
            }
        }
        let list_ctor = match segs.as_slice() {
            [l, f] if l == "List" => Some(f.as_str()),
            [j, l, f] if j == "jitsupport" && l == "List" => Some(f.as_str()),
            _ => None,
        };
        if let Some(f) = list_ctor {
            if self.program.struct_def("List").is_none() {
                match f {
                    "new" => {
                        let args = args_of(self);
                        return self.opv(OpKind::ListNew, args, span);
                    }
                    "with_capacity" => {
                        let args = args_of(self);
                        return self.opv(OpKind::ListWithCapacity, args, span);
                    }
                    _ => {}
                }
            }
        }
        if let Some(name) = self.function_name(path) {
            if self.program.function(&name).is_some() {
                let args = args_of(self);
                return self.opv(OpKind::Call(Callee::Function(name)), args, span);
            }
            if let Some(def) = self.program.struct_def(&name) {
                let n = def.fields.len();
                let args = args_of(self);
                if args.len() != n {
                    return self.unsupported(
                        span,
                        format!(
                            "`{name}` has {n} fields but {} values are given",
                            args.len()
                        ),
                    );
                }
                return self.opv(OpKind::NewStruct(name), args, span);
            }
        }
        let args = args_of(self);
        self.opv(OpKind::Call(Callee::External(text)), args, span)
    }

    /// `Gc::new(S { .. })`, `Gc::ptr_eq(a, b)`; `GcCell::new(v)` only as a field of the
    /// literal `Gc::new` takes.
    fn gc_call(&mut self, c: &syn::ExprCall, g: &str, f: &str) -> Value {
        let span = c.span();
        match (g, f) {
            ("Gc", "new") => {
                let lit = match c.args.first() {
                    Some(syn::Expr::Struct(s)) if c.args.len() == 1 => s,
                    _ => {
                        return self.unsupported(
                            span,
                            "`Gc::new` takes a struct literal in an interpreter module: write \
                             `Gc::new(S { field: value, .. })` (build the field values first)",
                        )
                    }
                };
                let name = self.path_text(&lit.path);
                let name = if name == "Self" {
                    self.func.impl_of.clone().unwrap_or(name)
                } else {
                    name
                };
                let Some(def) = self.program.struct_def(&name) else {
                    return self.unsupported(
                        lit.path.span(),
                        format!("`{name}` is not a struct of the interpreter module"),
                    );
                };
                if let Some(rest) = &lit.rest {
                    self.error(rest.span(), "`..base` in a struct literal is not supported");
                }
                let names: Vec<String> = def.fields.iter().map(|f| f.name.clone()).collect();
                let mut values: Vec<Option<Value>> = vec![None; names.len()];
                for fv in &lit.fields {
                    let fname = match &fv.member {
                        syn::Member::Named(id) => id.to_string(),
                        syn::Member::Unnamed(i) => i.index.to_string(),
                    };
                    // `GcCell::new(v)` initializes a cell field with `v`.
                    let init = match &fv.expr {
                        syn::Expr::Call(call) if is_cell_new(call) && call.args.len() == 1 => {
                            &call.args[0]
                        }
                        e => e,
                    };
                    let v = self.expr(init);
                    match names.iter().position(|n| *n == fname) {
                        Some(i) => values[i] = Some(v),
                        None => {
                            self.error(fv.member.span(), format!("`{name}` has no field `{fname}`"))
                        }
                    }
                }
                let mut args = Vec::with_capacity(names.len());
                for (n, v) in names.iter().zip(values) {
                    match v {
                        Some(v) => args.push(v),
                        None => {
                            self.error(lit.span(), format!("missing field `{n}` in `{name}`"));
                            args.push(self.unit(lit.span()));
                        }
                    }
                }
                self.opv(OpKind::NewGc(name), args, span)
            }
            ("GcAny", "of") if c.args.len() == 1 => {
                let args = self.operands(&c.args);
                self.opv(OpKind::ToAny, args, span)
            }
            ("Gc" | "GcAny", "ptr_eq") if c.args.len() == 2 => {
                let args = self.operands(&c.args);
                self.opv(OpKind::Eq, args, span)
            }
            ("GcCell", "new") => self.unsupported(
                span,
                "`GcCell::new(v)` is supported as the value of a field in \
                 `Gc::new(S { field: GcCell::new(v), .. })`",
            ),
            _ => self.unsupported(
                span,
                format!(
                    "`{g}::{f}` is not supported in an interpreter module; the supported ones \
                     are `Gc::new(S {{ .. }})`, `Gc::ptr_eq(a, b)`, `GcCell::new(v)` in a field, \
                     `GcAny::of(g)` and `GcAny::ptr_eq(a, b)`"
                ),
            ),
        }
    }

    fn method_call(&mut self, m: &syn::ExprMethodCall) -> Value {
        let span = m.span();
        let name = m.method.to_string();
        if let Some(tf) = &m.turbofish {
            // `x.is::<T>()` and `x.downcast::<T>()` of a `GcAny`.
            if matches!(name.as_str(), "is" | "is_instance_of" | "downcast") && m.args.is_empty() {
                // The struct may be named through a type alias of the module.
                let args: Vec<syn::GenericArgument> = tf
                    .args
                    .iter()
                    .map(|a| match a {
                        syn::GenericArgument::Type(t) => {
                            syn::GenericArgument::Type(self.program.aliases.expand(t, self.diag))
                        }
                        other => other.clone(),
                    })
                    .collect();
                if let [syn::GenericArgument::Type(syn::Type::Path(p))] = args.as_slice() {
                    if let Some(id) = p.path.get_ident() {
                        let t = id.to_string();
                        let x = self.expr(&m.receiver);
                        let kind = if name != "downcast" {
                            OpKind::GcIs(t)
                        } else {
                            OpKind::GcDowncast(t)
                        };
                        return self.opv(kind, vec![x], span);
                    }
                }
                return self.unsupported(
                    tf.span(),
                    "`is::<T>()` and `downcast::<T>()` take a struct of the interpreter module \
                     by its name",
                );
            }
            return self.unsupported(m.turbofish.span(), "turbofish (`::<T>`) is not supported");
        }
        // `(a..b).contains(&x)`: a range is no value, but this is two comparisons.
        if name == "contains" {
            if let Some(v) = self.range_contains(m) {
                return v;
            }
        }
        if !self.module_has_method(&name) {
            if let Some(v) = self.builtin_method(m, &name) {
                return v;
            }
            if let Some(v) = self.option_method(m, &name) {
                return v;
            }
        }
        let args = self.place_operands(&m.receiver, &m.args);
        self.opv(
            OpKind::CallMethod(MethodCall {
                name,
                resolved: None,
            }),
            args,
            span,
        )
    }

    /// The builtin methods (`wrapping_add`, `checked_add`, `len`, `push`, `unwrap`, ...)
    /// as ops; `None` if `name` is not one (or has the wrong number of arguments).
    fn builtin_method(&mut self, m: &syn::ExprMethodCall, name: &str) -> Option<Value> {
        let span = m.span();
        let nargs = m.args.len();
        let simple = |kind: OpKind, n: usize| (nargs == n).then_some(kind);
        let kind = match name {
            "wrapping_add" => simple(OpKind::Add, 1),
            "wrapping_sub" => simple(OpKind::Sub, 1),
            "wrapping_mul" => simple(OpKind::Mul, 1),
            "wrapping_neg" => simple(OpKind::Neg, 0),
            "abs" => simple(OpKind::Abs, 0),
            "min" => simple(OpKind::Min, 1),
            "max" => simple(OpKind::Max, 1),
            "sqrt" => simple(OpKind::Sqrt, 0),
            "len" => simple(OpKind::Len, 0),
            "push" => simple(OpKind::ListPush, 1),
            "pop" => simple(OpKind::ListPop, 0),
            "checked_add" | "checked_sub" | "checked_mul" if nargs == 1 => {
                let kind = match name {
                    "checked_add" => OpKind::AddOvf,
                    "checked_sub" => OpKind::SubOvf,
                    _ => OpKind::MulOvf,
                };
                let xy = self.operands([&*m.receiver, &m.args[0]]);
                return Some(self.checked(kind, xy[0], xy[1], span));
            }
            "overflowing_add" | "overflowing_sub" | "overflowing_mul" if nargs == 1 => {
                let (plain, flag) = match name {
                    "overflowing_add" => (OpKind::Add, OpKind::AddOverflows),
                    "overflowing_sub" => (OpKind::Sub, OpKind::SubOverflows),
                    _ => (OpKind::Mul, OpKind::MulOverflows),
                };
                let xy = self.operands([&*m.receiver, &m.args[0]]);
                let (x, y) = (xy[0], xy[1]);
                let r = self.opv(plain, vec![x, y], span);
                let o = self.opv(flag, vec![x, y], span);
                return Some(self.opv(OpKind::NewTuple, vec![r, o], span));
            }
            "is_empty" if nargs == 0 => {
                let x = self.expr(&m.receiver);
                let n = self.opv(OpKind::Len, vec![x], span);
                let zero = self.constant(ConstValue::Int(0), Some(Type::Int(IntTy::Usize)), span);
                return Some(self.opv(OpKind::Eq, vec![n, zero], span));
            }
            "unwrap" if nargs == 0 => {
                let x = self.expr(&m.receiver);
                return Some(self.unwrap_option(
                    x,
                    "called `Option::unwrap()` on a `None` value",
                    span,
                ));
            }
            "expect" if nargs == 1 => {
                let msg = match &m.args[0] {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => s.value(),
                    other => {
                        self.error(
                            other.span(),
                            "the message of `expect` must be a string literal",
                        );
                        String::new()
                    }
                };
                let x = self.expr(&m.receiver);
                return Some(self.unwrap_option(x, &msg, span));
            }
            _ => None,
        }?;
        let args = self.operands(std::iter::once(&*m.receiver).chain(&m.args));
        Some(self.opv(kind, args, span))
    }

    /// `x.checked_op(y)`: the ovf op ends the block; the ok path builds `Some(r)`, the
    /// overflow path `None`, and both join with the `Option` as input.
    fn checked(&mut self, kind: OpKind, x: Value, y: Value, span: Span) -> Value {
        let r = self.op(kind, vec![x, y], span);
        let mut ok = self.target(1);
        let mut ovf = self.target(0);
        let mut join = self.target(1);
        if self.cur.is_some() {
            let ok_link = self.link_to(&mut ok, vec![r.into()]);
            let ovf_link = self.link_to(&mut ovf, Vec::new());
            self.finish(Exit::Overflow {
                ok: ok_link,
                overflow: ovf_link,
            });
        }
        let r = self.enter(&ok)[0];
        let some = self.opv(
            OpKind::NewVariant("Option".into(), "Some".into()),
            vec![r],
            span,
        );
        self.goto(&mut join, vec![some]);
        self.enter(&ovf);
        let none = self.opv(
            OpKind::NewVariant("Option".into(), "None".into()),
            Vec::new(),
            span,
        );
        self.goto(&mut join, vec![none]);
        self.enter(&join)[0]
    }

    /// `x.unwrap()` / `x.expect(msg)` on an `Option`: `None` panics with `msg`.
    fn unwrap_option(&mut self, x: Value, msg: &str, span: Span) -> Value {
        let mut some = self.target(1);
        if self.cur.is_some() {
            let some_link = self.link_to(&mut some, vec![x]);
            let m = self.str_const(msg, span);
            let panic = crate::model::Link {
                target: self.g.panic_block,
                args: vec![m],
            };
            self.finish(Exit::Switch {
                on: x,
                cases: vec![
                    (crate::model::Case::Variant("None".into()), panic),
                    (crate::model::Case::Variant("Some".into()), some_link),
                ],
                default: None,
            });
        }
        let x = self.enter(&some)[0];
        self.opv(
            OpKind::VariantField("Option".into(), "Some".into(), 0),
            vec![x],
            span,
        )
    }

    /// `x?` on a `Result`: `Err(e)` returns `Err(e)` from the function (the error types
    /// must be the same: there is no `From` conversion), `Ok(v)` gives `v`.
    fn try_result(&mut self, x: Value, span: Span) -> Value {
        let mut ok = self.target_at(1, span);
        let mut err = self.target_at(1, span);
        if self.cur.is_some() {
            let ok_link = self.link_to(&mut ok, vec![x]);
            let err_link = self.link_to(&mut err, vec![x]);
            self.finish(Exit::Switch {
                on: x,
                cases: vec![
                    (crate::model::Case::Variant("Ok".into()), ok_link),
                    (crate::model::Case::Variant("Err".into()), err_link),
                ],
                default: None,
            });
        }
        let r = self.enter(&err)[0];
        let e = self.opv(
            OpKind::VariantField("Result".into(), "Err".into(), 0),
            vec![r],
            span,
        );
        let back = self.opv(
            OpKind::NewVariant("Result".into(), "Err".into()),
            vec![e],
            span,
        );
        let ret = self.g.return_block;
        if self.cur.is_some() {
            self.goto_block(ret, vec![back]);
        }
        let x = self.enter(&ok)[0];
        self.opv(
            OpKind::VariantField("Result".into(), "Ok".into(), 0),
            vec![x],
            span,
        )
    }

    /// `x?` on an `Option`: `None` returns `None` from the function.
    /// The desugaring's ops and values are at the `?` token, where errors about them
    /// (a `?` on a `Result` in a function returning an `Option`) point.
    fn try_expr(&mut self, t: &syn::ExprTry) -> Value {
        let span = t.question_token.span();
        let x = self.expr(&t.expr);
        if matches!(self.func.ret, Type::Result(..)) {
            return self.try_result(x, span);
        }
        if !matches!(self.func.ret, Type::Option(_)) {
            return self.unsupported(
                t.question_token.span(),
                "`?` is only supported on `Option` in a function returning an `Option`, and \
                 on `Result` in a function returning a `Result` (with the same error type)",
            );
        }
        let mut some = self.target_at(1, span);
        let mut none = self.target(0);
        if self.cur.is_some() {
            let some_link = self.link_to(&mut some, vec![x]);
            let none_link = self.link_to(&mut none, Vec::new());
            self.finish(Exit::Switch {
                on: x,
                cases: vec![
                    (crate::model::Case::Variant("None".into()), none_link),
                    (crate::model::Case::Variant("Some".into()), some_link),
                ],
                default: None,
            });
        }
        self.enter(&none);
        let n = self.opv(
            OpKind::NewVariant("Option".into(), "None".into()),
            Vec::new(),
            span,
        );
        let ret = self.g.return_block;
        if self.cur.is_some() {
            self.goto_block(ret, vec![n]);
        }
        let x = self.enter(&some)[0];
        self.opv(
            OpKind::VariantField("Option".into(), "Some".into(), 0),
            vec![x],
            span,
        )
    }
}

/// The op of a (non-assigning, non-short-circuit) binary operator.
pub(super) fn binop_kind(op: &syn::BinOp) -> Option<OpKind> {
    use syn::BinOp as B;
    Some(match op {
        B::Add(_) | B::AddAssign(_) => OpKind::Add,
        B::Sub(_) | B::SubAssign(_) => OpKind::Sub,
        B::Mul(_) | B::MulAssign(_) => OpKind::Mul,
        B::Div(_) | B::DivAssign(_) => OpKind::Div,
        B::Rem(_) | B::RemAssign(_) => OpKind::Rem,
        B::BitAnd(_) | B::BitAndAssign(_) => OpKind::BitAnd,
        B::BitOr(_) | B::BitOrAssign(_) => OpKind::BitOr,
        B::BitXor(_) | B::BitXorAssign(_) => OpKind::BitXor,
        B::Shl(_) | B::ShlAssign(_) => OpKind::Shl,
        B::Shr(_) | B::ShrAssign(_) => OpKind::Shr,
        B::Eq(_) => OpKind::Eq,
        B::Ne(_) => OpKind::Ne,
        B::Lt(_) => OpKind::Lt,
        B::Le(_) => OpKind::Le,
        B::Gt(_) => OpKind::Gt,
        B::Ge(_) => OpKind::Ge,
        _ => return None,
    })
}

/// Whether `call` is `GcCell::new(..)` (or `jitsupport::GcCell::new`).
fn is_cell_new(call: &syn::ExprCall) -> bool {
    let syn::Expr::Path(p) = &*call.func else {
        return false;
    };
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs.len() >= 2 && segs[segs.len() - 2] == "GcCell" && segs[segs.len() - 1] == "new"
}

/// The value of `std::f64::consts::NAME`.
fn f64_const(name: &str) -> Option<f64> {
    use std::f64::consts as c;
    Some(match name {
        "PI" => c::PI,
        "TAU" => c::TAU,
        "E" => c::E,
        "SQRT_2" => c::SQRT_2,
        "FRAC_1_SQRT_2" => c::FRAC_1_SQRT_2,
        "LN_2" => c::LN_2,
        "LN_10" => c::LN_10,
        "LOG2_E" => c::LOG2_E,
        "LOG10_E" => c::LOG10_E,
        "LOG2_10" => c::LOG2_10,
        "LOG10_2" => c::LOG10_2,
        "FRAC_PI_2" => c::FRAC_PI_2,
        "FRAC_PI_3" => c::FRAC_PI_3,
        "FRAC_PI_4" => c::FRAC_PI_4,
        "FRAC_PI_6" => c::FRAC_PI_6,
        "FRAC_PI_8" => c::FRAC_PI_8,
        "FRAC_1_PI" => c::FRAC_1_PI,
        "FRAC_2_PI" => c::FRAC_2_PI,
        "FRAC_2_SQRT_PI" => c::FRAC_2_SQRT_PI,
        _ => return None,
    })
}
