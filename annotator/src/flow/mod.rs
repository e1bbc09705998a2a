//! Flow analysis: function bodies (syn) to SSA flowgraphs.
//!
//! The builder walks a function body once, in source order, keeping an environment
//! from Rust local names to the [`Value`] each currently holds (RPython's flow space
//! does the same with its frame state). Straight-line code appends ops to the current
//! block; control flow creates blocks whose inputs are fresh versions of every local in
//! scope, and links pass the current values into them. A small cleanup ([`simplify`])
//! then drops unused block inputs and merges chains of blocks.
//!
//! Steps of [`build_graphs`], for every function of the module:
//! 1. skip `#[dont_look_inside]` functions (their bodies may use anything);
//! 2. make the start block with the parameters (`self` first) as inputs;
//! 3. build the body ([`expr`], [`place`], [`control`], [`pattern`], [`macros`]);
//! 4. link the body's value to the return block;
//! 5. simplify, or give `None` if the body had errors (all of them are reported).

mod control;
mod desugar;
mod expr;
mod macros;
mod pattern;
mod place;
pub mod simplify;

use crate::diag::Diagnostics;
use crate::model::{Block, Const, ConstValue, Exit, Graph, Link, Op, Value, Var};
use crate::ops::OpKind;
use crate::program::{FnDef, Program};
use crate::types::Type;
use proc_macro2::Span;
use std::collections::{HashMap, HashSet};
use syn::spanned::Spanned;

/// Builds one graph per function of `program`, in order. A function whose body uses an
/// unsupported construct gets `None` (and an error in `diag` at the construct); so does
/// a `#[dont_look_inside]` function, whose body is not analysed.
pub fn build_graphs(program: &Program, diag: &mut Diagnostics) -> Vec<Option<Graph>> {
    let mut module = ModuleState::default();
    program
        .functions
        .iter()
        .map(|f| {
            if f.hints.dont_look_inside {
                return None;
            }
            let before = diag.errors().len();
            let graph = Builder::build(program, f, diag, &mut module);
            (diag.errors().len() == before).then_some(graph)
        })
        .collect()
}

/// Builds the graph of one function even if it is `#[dont_look_inside]`, reporting
/// nothing: `None` if its body uses anything the builder does not support. For analyses
/// that can use a graph when there is one (the codewriter's effect analysis).
pub fn build_graph_lenient(program: &Program, func: &FnDef) -> Option<Graph> {
    let mut diag = Diagnostics::new();
    let mut module = ModuleState::default();
    let graph = Builder::build(program, func, &mut diag, &mut module);
    (!diag.has_errors()).then_some(graph)
}

/// What the builder checks across the functions of one module.
#[derive(Default)]
struct ModuleState {
    /// The `jit_merge_point!` already seen, by driver name.
    merge_points: HashMap<String, Span>,
}

/// One local in scope: its Rust name (hidden temporaries start with `$`), its current
/// value, the type it was declared with (if any) and the type the builder knows
/// statically (declared, or obvious from the initializer; used to tell tuples from
/// tuple structs).
#[derive(Clone, Debug)]
struct Local {
    name: String,
    value: Value,
    declared: Option<Type>,
    known: Option<Type>,
    /// For a part of a matched value reached through a reference: names bound to it
    /// are references (Rust's default binding mode), `&mut` if the flag is set.
    by_ref: Option<bool>,
}

/// A block that control flow jumps to, with its inputs: one per local of the first
/// `env_len` locals of the environment when it was made, then `extra` more values (the
/// value of an `if` expression, a `break` value...).
struct Target {
    block: Block,
    env_len: usize,
    extra: usize,
    /// How many links go to it; a target nobody jumps to is dead code.
    preds: usize,
}

/// A loop being built: where `break` and `continue` go.
struct LoopCtx {
    label: Option<String>,
    break_target: Target,
    continue_target: Target,
    /// `loop` may break with a value; `while` and `for` break with `()`.
    breaks_with_value: bool,
}

/// The state of building one function's graph.
struct Builder<'a> {
    program: &'a Program,
    func: &'a FnDef,
    diag: &'a mut Diagnostics,
    module: &'a mut ModuleState,
    g: Graph,
    /// The block being filled; `None` after a `return`, `break` or panic, until the
    /// next reachable block starts.
    cur: Option<Block>,
    env: Vec<Local>,
    loops: Vec<LoopCtx>,
    /// Module consts being inlined, to stop a const that refers to itself.
    inlining: Vec<String>,
    /// The `const` items of the enclosing blocks of the function body, innermost last
    /// (each block drops its own at its end).
    local_consts: Vec<crate::program::ConstItem>,
    /// The placeholder values given after an error; using one gives no further error.
    placeholders: HashSet<Const>,
}

impl<'a> Builder<'a> {
    fn build(
        program: &'a Program,
        func: &'a FnDef,
        diag: &'a mut Diagnostics,
        module: &'a mut ModuleState,
    ) -> Graph {
        let mut g = Graph::new(func.name.clone(), func.span);
        g.hints = func.hints;
        let ret_var = g.block(g.return_block).inputs[0];
        g.vars[ret_var.index()].ty = Some(func.ret.clone());
        let msg_var = g.block(g.panic_block).inputs[0];
        g.vars[msg_var.index()].ty = Some(Type::Str);
        let start = g.start;
        let mut b = Builder {
            program,
            func,
            diag,
            module,
            g,
            cur: Some(start),
            env: Vec::new(),
            loops: Vec::new(),
            inlining: Vec::new(),
            local_consts: Vec::new(),
            placeholders: HashSet::new(),
        };
        let mut inputs = Vec::new();
        if let Some(self_ty) = func.self_type() {
            let span = func
                .sig
                .receiver()
                .map_or(func.span, |r| r.self_token.span());
            let v = b.g.new_var(Some("self".into()), span);
            b.g.vars[v.index()].ty = Some(self_ty.clone());
            inputs.push(v);
            b.env.push(Local {
                name: "self".into(),
                value: v.into(),
                declared: Some(self_ty.clone()),
                known: Some(self_ty),
                by_ref: None,
            });
        }
        let typed_params = func.sig.inputs.iter().filter_map(|a| match a {
            syn::FnArg::Typed(pt) => Some(pt),
            syn::FnArg::Receiver(_) => None,
        });
        for ((name, ty), pt) in func.params.iter().zip(typed_params) {
            let v = b.g.new_var(Some(name.clone()), pt.pat.span());
            b.g.vars[v.index()].ty = Some(ty.clone());
            inputs.push(v);
            // A `_` parameter is still an input, but no name reaches it.
            let local_name = if name == "_" {
                "$_".to_string()
            } else {
                name.clone()
            };
            b.env.push(Local {
                name: local_name,
                value: v.into(),
                declared: Some(ty.clone()),
                known: Some(ty.clone()),
                by_ref: None,
            });
        }
        b.g.block_mut(start).inputs = inputs;
        let body = &func.body;
        let value = b.block(body, body.span());
        if b.cur.is_some() {
            let ret = b.g.return_block;
            b.goto_block(ret, vec![value]);
        }
        let mut g = b.g;
        simplify::simplify(&mut g);
        g
    }

    // ---- errors ----

    /// Reports an error at `span`.
    fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.diag.error(span, message);
    }

    /// Reports an unsupported construct and gives a placeholder value.
    fn unsupported(&mut self, span: Span, message: impl std::fmt::Display) -> Value {
        self.error(span, message);
        self.placeholder(span)
    }

    /// A value standing for the result of code with an error.
    fn placeholder(&mut self, span: Span) -> Value {
        let c = self.g.new_const(ConstValue::Unit, Some(Type::Unit), span);
        self.placeholders.insert(c);
        c.into()
    }

    fn is_placeholder(&self, v: Value) -> bool {
        matches!(v, Value::Const(c) if self.placeholders.contains(&c))
    }

    // ---- values and ops ----

    fn unit(&mut self, span: Span) -> Value {
        self.g
            .new_const(ConstValue::Unit, Some(Type::Unit), span)
            .into()
    }

    fn constant(&mut self, value: ConstValue, ty: Option<Type>, span: Span) -> Value {
        self.g.new_const(value, ty, span).into()
    }

    fn str_const(&mut self, s: &str, span: Span) -> Value {
        self.constant(ConstValue::Str(s.to_string()), Some(Type::Str), span)
    }

    /// The current block, starting a fresh (unreachable) one after a jump, so that dead
    /// code is still checked; [`simplify`] drops it.
    fn cur_block(&mut self) -> Block {
        match self.cur {
            Some(b) => b,
            None => {
                let b = self.g.new_block(Vec::new());
                self.cur = Some(b);
                b
            }
        }
    }

    /// Appends `result = kind(args)` to the current block.
    fn op(&mut self, kind: OpKind, args: Vec<Value>, span: Span) -> Var {
        let block = self.cur_block();
        let result = self.g.new_var(None, span);
        self.g.block_mut(block).ops.push(Op {
            kind,
            args,
            result,
            span,
        });
        result
    }

    fn opv(&mut self, kind: OpKind, args: Vec<Value>, span: Span) -> Value {
        self.op(kind, args, span).into()
    }

    /// Ends the current block with `exit`; the code after it is unreachable until a new
    /// block starts.
    fn finish(&mut self, exit: Exit) {
        let block = self.cur_block();
        self.g.block_mut(block).exit = exit;
        self.cur = None;
    }

    fn goto_block(&mut self, target: Block, args: Vec<Value>) {
        self.finish(Exit::Goto(Link { target, args }));
    }

    /// Goes to the panic block with `message`.
    fn panic_with(&mut self, message: &str, span: Span) {
        let msg = self.str_const(message, span);
        let target = self.g.panic_block;
        self.goto_block(target, vec![msg]);
    }

    // ---- the environment ----

    fn lookup(&self, name: &str) -> Option<usize> {
        self.env.iter().rposition(|l| l.name == name)
    }

    /// Binds a new local (a `let`, a pattern binding).
    fn bind(&mut self, name: &str, value: Value, declared: Option<Type>, known: Option<Type>) {
        if let Value::Var(v) = value {
            let data = &mut self.g.vars[v.index()];
            if data.name.is_none() && !name.starts_with('$') {
                data.name = Some(name.to_string());
            }
        }
        let known = known.or_else(|| declared.clone());
        self.env.push(Local {
            name: name.to_string(),
            value,
            declared,
            known,
            by_ref: None,
        });
    }

    /// Binds a hidden temporary that must survive block boundaries (a match scrutinee,
    /// a loop counter), and gives its slot in the environment.
    fn hidden(&mut self, what: &str, value: Value, known: Option<Type>) -> usize {
        self.bind(&format!("${what}"), value, None, known);
        self.env.len() - 1
    }

    /// Builds several operands in order. Each value is kept in a hidden local while the
    /// next ones are built, so that control flow inside a later operand (an `if`
    /// expression, a `?`) passes it on to the block where all are used.
    fn operands<'e>(&mut self, es: impl IntoIterator<Item = &'e syn::Expr>) -> Vec<Value> {
        let mark = self.env.len();
        for e in es {
            let v = self.expr(e);
            self.hidden("operand", v, None);
        }
        let values = self.env[mark..].iter().map(|l| l.value).collect();
        self.env.truncate(mark);
        values
    }

    /// Builds `base` as a place base ([`Builder::place_expr`]), then `rest` as operands,
    /// keeping each value as [`Builder::operands`] does.
    fn place_operands<'e>(
        &mut self,
        base: &syn::Expr,
        rest: impl IntoIterator<Item = &'e syn::Expr>,
    ) -> Vec<Value> {
        let mark = self.env.len();
        let v = self.place_expr(base);
        self.hidden("operand", v, None);
        for e in rest {
            let v = self.expr(e);
            self.hidden("operand", v, None);
        }
        let values = self.env[mark..].iter().map(|l| l.value).collect();
        self.env.truncate(mark);
        values
    }

    // ---- consts ----

    /// The const named `name` in scope: a `const` item of an enclosing block of the
    /// function body, else one of the module (`Type::NAME` for an associated const).
    fn const_item(&self, name: &str) -> Option<&crate::program::ConstItem> {
        self.local_consts
            .iter()
            .rev()
            .find(|c| c.name == name)
            .or_else(|| self.program.const_item(name))
    }

    // ---- targets ----

    /// A new join block for the current environment and `extra` more values.
    fn target(&mut self, extra: usize) -> Target {
        let env_len = self.env.len();
        self.target_with(env_len, extra)
    }

    /// As [`Self::target`], with the extra inputs at `span` (where a desugaring's
    /// values come from, so that a type error about them points there).
    fn target_at(&mut self, extra: usize, span: Span) -> Target {
        let t = self.target(extra);
        let extra_inputs = self.g.block(t.block).inputs[t.env_len..].to_vec();
        for v in extra_inputs {
            self.g.vars[v.index()].span = span;
        }
        t
    }

    fn target_with(&mut self, env_len: usize, extra: usize) -> Target {
        let mut inputs = Vec::with_capacity(env_len + extra);
        for i in 0..env_len {
            let local = &self.env[i];
            let name = (!local.name.starts_with('$')).then(|| local.name.clone());
            let declared = local.declared.clone();
            let span = self.g.span;
            let v = self.g.new_var(name, span);
            self.g.vars[v.index()].ty = declared;
            inputs.push(v);
        }
        for _ in 0..extra {
            let span = self.g.span;
            inputs.push(self.g.new_var(None, span));
        }
        let block = self.g.new_block(inputs);
        Target {
            block,
            env_len,
            extra,
            preds: 0,
        }
    }

    /// The link from the current state to `t`, passing `extra` values.
    fn link_to(&mut self, t: &mut Target, extra: Vec<Value>) -> Link {
        debug_assert_eq!(extra.len(), t.extra);
        debug_assert!(self.env.len() >= t.env_len);
        t.preds += 1;
        let mut args: Vec<Value> = self.env[..t.env_len].iter().map(|l| l.value).collect();
        args.extend(extra);
        Link {
            target: t.block,
            args,
        }
    }

    /// Jumps from the current block to `t`. Does nothing in dead code.
    fn goto(&mut self, t: &mut Target, extra: Vec<Value>) {
        if self.cur.is_none() {
            return;
        }
        let link = self.link_to(t, extra);
        self.finish(Exit::Goto(link));
    }

    /// Continues building in `t`: the environment becomes its inputs. Gives the extra
    /// inputs. If nothing jumps to `t`, the code after is dead.
    fn enter(&mut self, t: &Target) -> Vec<Value> {
        let inputs = self.g.block(t.block).inputs.clone();
        self.env.truncate(t.env_len);
        for (local, &v) in self.env.iter_mut().zip(&inputs) {
            local.value = v.into();
        }
        if t.preds == 0 {
            self.cur = None;
        } else {
            self.cur = Some(t.block);
        }
        inputs[t.env_len..].iter().map(|&v| v.into()).collect()
    }

    // ---- blocks and statements ----

    /// Builds a `{ ... }` block in its own scope; gives its value.
    fn block(&mut self, block: &syn::Block, span: Span) -> Value {
        let mark = self.env.len();
        let consts_mark = self.local_consts.len();
        // A block's `const` items are in scope in the whole block, as in Rust.
        for stmt in &block.stmts {
            if let syn::Stmt::Item(syn::Item::Const(c)) = stmt {
                let ty = self
                    .program
                    .parse_type(&c.ty, self.func.impl_of.as_deref(), self.diag);
                self.local_consts.push(crate::program::ConstItem {
                    name: c.ident.to_string(),
                    ty,
                    expr: self.program.rewrite_const_expr(&c.expr, None),
                    span: c.ident.span(),
                });
            }
        }
        let mut value = None;
        let n = block.stmts.len();
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == n;
            match stmt {
                syn::Stmt::Local(local) => self.local(local),
                syn::Stmt::Item(syn::Item::Const(_)) => {}
                syn::Stmt::Item(item) => self.error(
                    item.span(),
                    "items inside function bodies are not supported in an interpreter \
                     module (except `const` items); move this item to the module level",
                ),
                syn::Stmt::Expr(e, semi) => {
                    let v = self.expr(e);
                    if last && semi.is_none() {
                        value = Some(v);
                    }
                }
                syn::Stmt::Macro(m) => {
                    let v = self.macro_call(&m.mac, m.span());
                    if last && m.semi_token.is_none() {
                        value = Some(v);
                    }
                }
            }
        }
        self.env.truncate(mark);
        self.local_consts.truncate(consts_mark);
        match value {
            Some(v) => v,
            None => self.unit(span),
        }
    }

    /// `let pat (: T)? = init (else { ... })?;`
    fn local(&mut self, local: &syn::Local) {
        let Some(init) = &local.init else {
            self.error(
                local.span(),
                "`let` without an initializer is not supported in an interpreter module; \
                 give the variable its value where it is declared",
            );
            self.bind_placeholders(&local.pat);
            return;
        };
        let (pat, declared) = match &local.pat {
            syn::Pat::Type(pt) => {
                let ty = self
                    .program
                    .parse_type(&pt.ty, self.func.impl_of.as_deref(), self.diag);
                (&*pt.pat, Some(ty))
            }
            other => (other, None),
        };
        let known = declared.clone().or_else(|| self.static_type(&init.expr));
        let value = self.expr(&init.expr);
        // A declared type fixes the type of the value when it is a fresh literal.
        if let (Some(ty), Value::Const(c)) = (&declared, value) {
            if self.g.consts[c.index()].ty.is_none() {
                self.g.consts[c.index()].ty = Some(ty.clone());
            }
        }
        if let Some((_, diverge)) = &init.diverge {
            self.let_else(pat, value, known, diverge);
            return;
        }
        self.bind_irrefutable(pat, value, declared, known);
    }

    /// Binds an irrefutable `let` pattern: a name, `_`, or a tuple of those.
    fn bind_irrefutable(
        &mut self,
        pat: &syn::Pat,
        value: Value,
        declared: Option<Type>,
        known: Option<Type>,
    ) {
        match pat {
            syn::Pat::Ident(id) if id.subpat.is_none() && id.by_ref.is_none() => {
                // The declared type is the value's type, except for references, which
                // Rust may coerce (`&mut T` to `&T`): annotation infers those.
                if let Value::Var(v) = value {
                    if let Some(ty) = declared.as_ref().filter(|t| !matches!(t, Type::Ref { .. })) {
                        let data = &mut self.g.vars[v.index()];
                        if data.ty.is_none() {
                            data.ty = Some(ty.clone());
                        }
                    }
                }
                self.bind(&id.ident.to_string(), value, declared, known);
            }
            syn::Pat::Wild(_) => {}
            syn::Pat::Paren(p) => self.bind_irrefutable(&p.pat, value, declared, known),
            syn::Pat::Tuple(t) => {
                let elem_types: Vec<Option<Type>> = match declared.as_ref().or(known.as_ref()) {
                    Some(Type::Tuple(ts)) if ts.len() == t.elems.len() => {
                        ts.iter().cloned().map(Some).collect()
                    }
                    _ => vec![None; t.elems.len()],
                };
                let is_declared = declared.is_some();
                for (i, (p, ty)) in t.elems.iter().zip(elem_types).enumerate() {
                    if matches!(p, syn::Pat::Wild(_)) {
                        continue;
                    }
                    if matches!(p, syn::Pat::Rest(_)) {
                        self.error(
                            p.span(),
                            "`..` in a tuple pattern is not supported; name every element",
                        );
                        continue;
                    }
                    let elem = self.opv(OpKind::TupleGet(i), vec![value], p.span());
                    let decl = if is_declared { ty.clone() } else { None };
                    self.bind_irrefutable(p, elem, decl, ty);
                }
            }
            other => {
                self.error(
                    other.span(),
                    "this pattern is not supported in `let`; use a name, `_` or a tuple \
                     of names, or a `match`",
                );
                self.bind_placeholders(other);
            }
        }
    }

    /// Best-effort static type of an expression, known without annotation: declared
    /// types of locals and parameters, field types, return types of module functions.
    fn static_type(&self, e: &syn::Expr) -> Option<Type> {
        match e {
            syn::Expr::Path(p) => {
                let name = p.path.get_ident()?.to_string();
                if let Some(i) = self.lookup(&name) {
                    return self.env[i].known.clone();
                }
                self.const_item(&name).map(|c| c.ty.clone())
            }
            syn::Expr::Paren(p) => self.static_type(&p.expr),
            syn::Expr::Group(g) => self.static_type(&g.expr),
            syn::Expr::Reference(r) => {
                let to = self.static_type(&r.expr)?;
                Some(Type::Ref {
                    mutable: r.mutability.is_some(),
                    to: Box::new(to),
                })
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                match self.static_type(&u.expr)? {
                    Type::Ref { to, .. } => Some(*to),
                    _ => None,
                }
            }
            syn::Expr::Field(f) => {
                let base = self.static_type(&f.base)?;
                let member = match &f.member {
                    syn::Member::Named(id) => id.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                match base.deref_all() {
                    Type::Struct(s) => self
                        .program
                        .struct_def(s)?
                        .field(&member)
                        .map(|f| f.ty.clone()),
                    Type::Tuple(ts) => ts.get(member.parse::<usize>().ok()?).cloned(),
                    _ => None,
                }
            }
            syn::Expr::Index(ix) => match self.static_type(&ix.expr)?.deref_all() {
                Type::Array(t, _) | Type::List(t) => Some((**t).clone()),
                _ => None,
            },
            syn::Expr::Struct(s) => {
                let name = self.path_text(&s.path);
                let name = if name == "Self" {
                    self.func.impl_of.clone()?
                } else {
                    name
                };
                self.program.struct_def(&name)?;
                Some(Type::Struct(name))
            }
            syn::Expr::Call(c) => {
                let syn::Expr::Path(p) = &*c.func else {
                    return None;
                };
                let name = self.function_name(&p.path)?;
                if let Some(f) = self.program.function(&name) {
                    return Some(f.ret.clone());
                }
                let s = self.program.struct_def(&name)?;
                Some(Type::Struct(s.name.clone()))
            }
            syn::Expr::MethodCall(m) => {
                let suffix = format!("::{}", m.method);
                let mut candidates = self
                    .program
                    .functions
                    .iter()
                    .filter(|f| f.name.ends_with(&suffix));
                let f = candidates.next()?;
                candidates.next().is_none().then(|| f.ret.clone())
            }
            syn::Expr::Cast(c) => {
                let mut scratch = Diagnostics::new();
                Some(
                    self.program
                        .parse_type(&c.ty, self.func.impl_of.as_deref(), &mut scratch),
                )
            }
            _ => None,
        }
    }

    /// A path as written, without spaces (`crate::io::emit`).
    fn path_text(&self, path: &syn::Path) -> String {
        quote::quote!(#path).to_string().replace(' ', "")
    }

    /// The module function a call path names (`run`, `Frame::new`, `Self::new`), if any
    /// naming scheme of the module fits; the name is given even if no such function
    /// exists, for struct constructors.
    fn function_name(&self, path: &syn::Path) -> Option<String> {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        match segs.as_slice() {
            [f] => Some(if f == "Self" {
                self.func.impl_of.clone()?
            } else {
                f.clone()
            }),
            [ty, f] => {
                let ty = if ty == "Self" {
                    self.func.impl_of.clone()?
                } else {
                    ty.clone()
                };
                Some(format!("{ty}::{f}"))
            }
            _ => None,
        }
    }

    /// True if some function of the module is a method called `name`; then a method
    /// call of that name is never taken for a builtin.
    fn module_has_method(&self, name: &str) -> bool {
        let suffix = format!("::{name}");
        self.program
            .functions
            .iter()
            .any(|f| f.name.ends_with(&suffix))
    }
}
