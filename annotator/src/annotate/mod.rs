//! Annotation: a type for every variable and constant, by whole-program unification.
//!
//! [`annotate`] runs these steps:
//! 1. Give every variable and constant of every graph a term in one [`unify::Table`]:
//!    its preset type if the flow builder set one (parameters, `let x: T`, suffixed
//!    literals, the return block's input), an integer literal for unsuffixed integers,
//!    otherwise a type variable.
//! 2. Constrain the parameters and the return value with the function's signature, the
//!    panic message with `&str`, and every link argument with its target's input.
//! 3. Apply the rule of every op and exit ([`rules`]) until nothing changes. A rule that
//!    needs an operand's type (a field read needs the struct) waits until it is known.
//!    When everything waits, a few rules may guess (a `deref` operand is a reference);
//!    when that is exhausted too, integer literals default to `i32`, as in rustc.
//! 4. Report what stays unknown, write the concrete types into the graphs, and check
//!    the operand types the rules did not force ([`check`]: arithmetic on numbers,
//!    casts, switch cases, literal ranges).
//!
//! Errors are all reported, each at the span of the value or op involved. Since rustc
//! type-checks the same source, a mismatch found here usually means a limit of this
//! annotator rather than a mistake of the author; the messages say so.

mod check;
mod methods;
mod rules;
mod unify;

use crate::diag::Diagnostics;
use crate::model::{ConstValue, Exit, Graph, Value};
use crate::ops::{Callee, OpKind};
use crate::program::Program;
use crate::types::Type;
use proc_macro2::Span;
use std::collections::{HashMap, HashSet};
use unify::{Table, TyId};

/// Gives every variable and constant of `graphs` a type; errors go to `diag`.
pub fn annotate(program: &Program, graphs: &mut [Graph], diag: &mut Diagnostics) {
    let mut a = Annotator::new(program, graphs);
    a.constrain_signatures(graphs);
    a.solve(graphs);
    a.report_stuck(graphs);
    a.write_types(graphs);
    for (gi, g) in graphs.iter().enumerate() {
        check::check_graph(&mut a, gi, g);
    }
    for (span, message) in a.errors {
        diag.error(span, message);
    }
}

/// Whether a rule could be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Done,
    /// An operand's type is not known yet; try again later.
    Wait,
}

/// Where a rule lives: an op, or a block's exit.
#[derive(Clone, Copy, Debug)]
struct Site {
    graph: usize,
    block: usize,
    /// `None` for the exit.
    op: Option<usize>,
}

pub(crate) struct Annotator<'p> {
    program: &'p Program,
    tys: Table,
    /// One term per variable, per graph.
    vars: Vec<Vec<TyId>>,
    /// One term per constant, per graph.
    consts: Vec<Vec<TyId>>,
    errors: Vec<(Span, String)>,
    /// Classes (by root at the time of reporting) already reported as unknown, so that
    /// one unknown type gives one error.
    reported: HashSet<TyId>,
    /// Calls of external functions, whose result type must come from the context.
    externals: Vec<Site>,
    /// Rules still waiting when solving ended.
    stuck: Vec<Site>,
    /// Ops whose rule reported an error: their results are not reported again as
    /// unknown, and their operands are not checked again.
    failed: HashSet<(usize, usize, usize)>,
}

impl<'p> Annotator<'p> {
    fn new(program: &'p Program, graphs: &[Graph]) -> Annotator<'p> {
        let mut a = Annotator {
            program,
            tys: Table::default(),
            vars: Vec::new(),
            consts: Vec::new(),
            errors: Vec::new(),
            reported: HashSet::new(),
            externals: Vec::new(),
            stuck: Vec::new(),
            failed: HashSet::new(),
        };
        for g in graphs {
            let vars = g
                .vars
                .iter()
                .map(|v| match &v.ty {
                    Some(t) => a.tys.term_of(t),
                    None => a.tys.fresh(),
                })
                .collect();
            let consts = g
                .consts
                .iter()
                .map(|c| a.const_term(&c.value, c.ty.as_ref(), c.span))
                .collect();
            a.vars.push(vars);
            a.consts.push(consts);
        }
        a
    }

    fn const_term(&mut self, value: &ConstValue, preset: Option<&Type>, span: Span) -> TyId {
        let natural = match value {
            ConstValue::Int(_) => None,
            ConstValue::Bool(_) => Some(Type::Bool),
            ConstValue::Char(_) => Some(Type::Char),
            ConstValue::F64(_) => Some(Type::F64),
            ConstValue::Str(_) => Some(Type::Str),
            ConstValue::Unit => Some(Type::Unit),
        };
        match (preset, natural) {
            (Some(p), Some(n)) if *p != n => {
                self.error(
                    span,
                    format!("this constant is a `{n}` but was given the type `{p}`; this is a bug of the flow builder, please report it"),
                );
                self.tys.term_of(&n)
            }
            (Some(p), _) => self.tys.term_of(p),
            (None, Some(n)) => self.tys.term_of(&n),
            (None, None) => self.tys.int_lit(),
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        let message = message.into();
        if !self
            .errors
            .iter()
            .any(|(s, m)| *m == message && format!("{s:?}") == format!("{span:?}"))
        {
            self.errors.push((span, message));
        }
    }

    /// The term of a value of graph `gi`.
    fn term(&self, gi: usize, v: Value) -> TyId {
        match v {
            Value::Var(v) => self.vars[gi][v.index()],
            Value::Const(c) => self.consts[gi][c.index()],
        }
    }

    /// Unifies the type `found` of a value with the type `required` by its use; on a
    /// mismatch reports both at `span`.
    fn unify_at(&mut self, span: Span, found: TyId, required: TyId) {
        if self.tys.unify(found, required).is_err() {
            let (f, r) = (self.tys.show(found), self.tys.show(required));
            self.error(
                span,
                format!(
                    "type mismatch: the annotator inferred `{f}` here but `{r}` is required; \
                     add a type annotation or report this as a bug"
                ),
            );
        }
    }

    fn unify_type(&mut self, span: Span, found: TyId, required: &Type) {
        let r = self.tys.term_of(required);
        self.unify_at(span, found, r);
    }

    /// Step 2: signatures, panic messages and links.
    fn constrain_signatures(&mut self, graphs: &[Graph]) {
        for (gi, g) in graphs.iter().enumerate() {
            if let Some(f) = self.program.function(&g.name) {
                let mut params: Vec<Type> = f.self_type().into_iter().collect();
                params.extend(f.params.iter().map(|(_, t)| t.clone()));
                if params.len() == g.params().len() {
                    for (&v, t) in g.params().iter().zip(&params) {
                        let span = g.var(v).span;
                        self.unify_type(span, self.vars[gi][v.index()], t);
                    }
                } else {
                    self.error(
                        g.span,
                        format!(
                            "the graph of `{}` has {} parameters but its signature {}; \
                             this is a bug of the flow builder, please report it",
                            g.name,
                            g.params().len(),
                            params.len()
                        ),
                    );
                }
                let ret = g.block(g.return_block).inputs[0];
                self.unify_type(g.var(ret).span, self.vars[gi][ret.index()], &f.ret);
            }
            let msg = g.block(g.panic_block).inputs[0];
            self.unify_type(g.var(msg).span, self.vars[gi][msg.index()], &Type::Str);
            for block in &g.blocks {
                for link in block.exit.links() {
                    let inputs = &g.block(link.target).inputs;
                    if inputs.len() != link.args.len() {
                        self.error(
                            g.span,
                            format!(
                                "a link to {} carries {} values for {} inputs; this is a bug \
                                 of the flow builder, please report it",
                                link.target,
                                link.args.len(),
                                inputs.len()
                            ),
                        );
                        continue;
                    }
                    for (&arg, &input) in link.args.iter().zip(inputs) {
                        let span = span_of(g, arg);
                        self.unify_at(span, self.term(gi, arg), self.vars[gi][input.index()]);
                    }
                }
            }
        }
    }

    /// Step 3: applies rules to a fixed point, guessing and defaulting when stuck.
    fn solve(&mut self, graphs: &mut [Graph]) {
        let mut pending: Vec<Site> = Vec::new();
        for (gi, g) in graphs.iter().enumerate() {
            for (bi, b) in g.blocks.iter().enumerate() {
                for oi in 0..b.ops.len() {
                    pending.push(Site {
                        graph: gi,
                        block: bi,
                        op: Some(oi),
                    });
                }
                pending.push(Site {
                    graph: gi,
                    block: bi,
                    op: None,
                });
            }
        }
        loop {
            // Plain rules to a fixed point.
            let before = pending.len();
            pending.retain(|&site| self.apply(graphs, site, false) == Status::Wait);
            if pending.len() < before {
                continue;
            }
            // Stuck: let the first rule that can guess do so, then go back to plain rules.
            let guessed = pending
                .iter()
                .position(|&site| self.apply(graphs, site, true) == Status::Done);
            if let Some(i) = guessed {
                pending.remove(i);
                continue;
            }
            if self.join_same_names(graphs) {
                continue;
            }
            if !self.tys.default_literals() {
                break;
            }
        }
        self.stuck = pending;
    }

    /// Every SSA version of one Rust local has the local's type, which rustc infers
    /// from all its assignments together (`let mut r = None; ... r = Some(x);`). SSA
    /// may have lost the connection when a version is dead; as a guess, a version whose
    /// type is partly unknown takes the type of another version of the same name (the
    /// first compatible one: a shadowing `let` may have another type). Returns whether
    /// anything was unified.
    fn join_same_names(&mut self, graphs: &[Graph]) -> bool {
        let mut changed = false;
        for (gi, g) in graphs.iter().enumerate() {
            let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, v) in g.vars.iter().enumerate() {
                if let Some(name) = &v.name {
                    by_name.entry(name.as_str()).or_default().push(i);
                }
            }
            let mut names: Vec<&str> = by_name.keys().copied().collect();
            names.sort_unstable();
            for name in names {
                let versions = &by_name[name];
                for &i in versions {
                    let t = self.vars[gi][i];
                    if !self.tys.has_unknown(t) {
                        continue;
                    }
                    for &j in versions {
                        let u = self.vars[gi][j];
                        if self.tys.find(t) != self.tys.find(u)
                            && self.tys.can_unify(t, u)
                            && self.tys.unify(t, u).is_ok()
                        {
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        changed
    }

    fn apply(&mut self, graphs: &mut [Graph], site: Site, guess: bool) -> Status {
        let g = &mut graphs[site.graph];
        match site.op {
            Some(oi) => {
                let mut op = g.blocks[site.block].ops[oi].clone();
                let before = self.errors.len();
                let status = self.op_rule(site, &mut op, guess);
                if self.errors.len() > before {
                    let r = self.vars[site.graph][op.result.index()];
                    self.mark(r);
                    self.failed.insert((site.graph, site.block, oi));
                }
                g.blocks[site.block].ops[oi] = op;
                status
            }
            None => self.exit_rule(site.graph, g, site.block, guess),
        }
    }
}

impl Annotator<'_> {
    /// Marks the class of `t` as reported; false if it already was.
    fn mark(&mut self, t: TyId) -> bool {
        let root = self.tys.find(t);
        self.reported.insert(root)
    }

    /// Step 4a: errors for rules still waiting, for external results never determined,
    /// and for every value whose type stays unknown.
    fn report_stuck(&mut self, graphs: &[Graph]) {
        for site in std::mem::take(&mut self.stuck) {
            let g = &graphs[site.graph];
            let b = &g.blocks[site.block];
            let (span, operand, message) = match site.op {
                None => {
                    let Exit::Switch { on, .. } = &b.exit else {
                        continue;
                    };
                    (
                        span_of(g, *on),
                        *on,
                        "cannot infer the type of the matched value; add a type annotation"
                            .to_string(),
                    )
                }
                Some(oi) => {
                    let op = &b.ops[oi];
                    let Some(&first) = op.args.first() else {
                        continue;
                    };
                    let what = match &op.kind {
                        OpKind::GetField(f)
                        | OpKind::SetField(f)
                        | OpKind::GetSubstruct(f)
                        | OpKind::WithField(f) => {
                            format!("the value whose field `{f}` is accessed")
                        }
                        OpKind::CallMethod(m) => format!("the receiver of `.{}()`", m.name),
                        OpKind::GetItem | OpKind::SetItem | OpKind::GetArraySubstruct => {
                            "the indexed value".to_string()
                        }
                        OpKind::ListPush | OpKind::ListPop => "this list".to_string(),
                        OpKind::TupleGet(_) => "this tuple".to_string(),
                        OpKind::Deref => "the dereferenced value".to_string(),
                        _ => "this operand".to_string(),
                    };
                    (
                        op.span,
                        first,
                        format!("cannot infer the type of {what}; add a type annotation"),
                    )
                }
            };
            let t = self.term(site.graph, operand);
            self.mark(t);
            if let Some(oi) = site.op {
                let r = self.vars[site.graph][b.ops[oi].result.index()];
                self.mark(r);
            }
            self.error(span, message);
        }
        let mut used: HashSet<(usize, crate::model::Var)> = HashSet::new();
        for (gi, g) in graphs.iter().enumerate() {
            for b in &g.blocks {
                let values = b
                    .ops
                    .iter()
                    .flat_map(|op| op.args.iter())
                    .chain(b.exit.links().into_iter().flat_map(|l| l.args.iter()))
                    .chain(match &b.exit {
                        Exit::If { cond, .. } => Some(cond),
                        Exit::Switch { on, .. } => Some(on),
                        _ => None,
                    });
                for v in values {
                    if let Value::Var(v) = v {
                        used.insert((gi, *v));
                    }
                }
            }
        }
        for site in std::mem::take(&mut self.externals) {
            let Some(oi) = site.op else { continue };
            let op = &graphs[site.graph].blocks[site.block].ops[oi];
            let path = match &op.kind {
                OpKind::Call(Callee::External(p)) => p.clone(),
                OpKind::CallMethod(m) => match &m.resolved {
                    Some(Callee::External(p)) => p.clone(),
                    _ => continue,
                },
                _ => continue,
            };
            let r = self.vars[site.graph][op.result.index()];
            if !used.contains(&(site.graph, op.result)) {
                // A call whose result is dropped (`emit(x);`): its result is `()` as far
                // as the JIT is concerned.
                if matches!(self.tys.shape(r), unify::Shape::Unknown) {
                    let unit = self.tys.term_of(&Type::Unit);
                    let _ = self.tys.unify(r, unit);
                }
                continue;
            }
            if self.tys.resolve(r).is_none() && self.mark(r) {
                self.error(
                    op.span,
                    format!(
                        "cannot infer the type returned by `{path}`; give it a type: \
                         `let x: T = ...`"
                    ),
                );
            }
        }
        for (gi, g) in graphs.iter().enumerate() {
            for v in used_values(g) {
                let t = self.term(gi, v);
                if self.tys.resolve(t).is_some() || !self.mark(t) {
                    continue;
                }
                let known = self.tys.show(t);
                let known = if known == "_" {
                    String::new()
                } else {
                    format!(" (only `{known}` is known)")
                };
                let message = match v {
                    Value::Var(var) => match &g.var(var).name {
                        Some(name) => format!(
                            "cannot infer the type of `{name}`{known}; add a type annotation: \
                             `let {name}: T = ...`"
                        ),
                        None => format!(
                            "cannot infer the type of this expression{known}; add a type annotation"
                        ),
                    },
                    Value::Const(_) => format!(
                        "cannot infer the type of this constant{known}; add a type annotation"
                    ),
                };
                self.error(span_of(g, v), message);
            }
        }
    }

    /// Step 4b: writes the concrete types into the graphs. A value that no reachable
    /// block uses and whose type is unknown never exists at run time: it gets `!`.
    fn write_types(&mut self, graphs: &mut [Graph]) {
        for (gi, g) in graphs.iter_mut().enumerate() {
            let used: HashSet<Value> = used_values(g).into_iter().collect();
            for i in 0..g.vars.len() {
                let t = self.vars[gi][i];
                let v = Value::Var(crate::model::Var(i as u32));
                g.vars[i].ty = self
                    .tys
                    .resolve(t)
                    .or_else(|| (!used.contains(&v)).then_some(Type::Never));
            }
            for i in 0..g.consts.len() {
                let t = self.consts[gi][i];
                let c = Value::Const(crate::model::Const(i as u32));
                g.consts[i].ty = self
                    .tys
                    .resolve(t)
                    .or_else(|| (!used.contains(&c)).then_some(Type::Never));
            }
        }
    }
}

/// The values that reachable blocks use or define, in a deterministic order.
fn used_values(g: &Graph) -> Vec<Value> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |v: Value, out: &mut Vec<Value>| {
        if seen.insert(v) {
            out.push(v);
        }
    };
    for b in g.reachable_blocks() {
        let data = g.block(b);
        for &v in &data.inputs {
            add(Value::Var(v), &mut out);
        }
        for op in &data.ops {
            for &a in &op.args {
                add(a, &mut out);
            }
            add(Value::Var(op.result), &mut out);
        }
        match &data.exit {
            Exit::If { cond, .. } => add(*cond, &mut out),
            Exit::Switch { on, .. } => add(*on, &mut out),
            _ => {}
        }
        for link in data.exit.links() {
            for &a in &link.args {
                add(a, &mut out);
            }
        }
    }
    out
}

/// The span of a value, for messages.
fn span_of(g: &Graph, v: Value) -> Span {
    match v {
        Value::Var(v) => g.var(v).span,
        Value::Const(c) => g.constant(c).span,
    }
}
