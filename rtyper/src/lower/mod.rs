//! Lowering one annotated flowgraph to a low-level graph.
//!
//! 1. Create one low-level block per reachable flowgraph block, in print order.
//! 2. For each block: give its inputs low-level variables (the leaves of their types,
//!    see [`crate::repr`]), lower its operations (`ops.rs`, `memory.rs`, `calls.rs`),
//!    then its exit. Operations that can fail (an index out of bounds, a zero divisor)
//!    end the current low-level block with a branch to the panic block and continue in
//!    a new block; a few operations (`list_pop`, `[x; N]`) build small diamonds or
//!    loops the same way.
//! 3. Thread the values used across those new blocks through links (`ssa::repair`),
//!    so that every variable is again used only in the block that defines it.

mod calls;
mod strs;
pub use calls::{result_passing, ResultPassing, LL_RESULT, MAX_RESULTS};
pub use strs::str_ptr_type;
mod memory;
mod ops;
mod ssa;

use crate::layout::Layouts;
use crate::lltype::LlType;
use crate::model::{LlBlock, LlCase, LlConst, LlExit, LlGraph, LlLink, LlOp, LlValue};
use crate::ops::LlOpKind;
use crate::repr;
use annotator::model::{Case, ConstValue, Exit, Link};
use annotator::{Diagnostics, Graph, Program, Type, Value, Var};
use proc_macro2::Span;
use std::collections::HashSet;

/// Lowers `g`; errors go to `diag`.
pub fn lower_graph(
    program: &Program,
    layouts: &mut Layouts,
    g: &Graph,
    diag: &mut Diagnostics,
) -> LlGraph {
    let mut lower = Lower {
        program,
        layouts,
        g,
        out: LlGraph::new(g.name.clone(), g.hints),
        map: vec![None; g.vars.len()],
        blocks: vec![None; g.blocks.len()],
        cur: LlBlock(0),
        diag,
        reported: HashSet::new(),
        ovf: None,
    };
    lower.run();
    let mut out = lower.out;
    ssa::repair(&mut out);
    out
}

/// How the `Overflow` exit of the current block is lowered, decided by its last op.
enum OvfExit {
    /// The block ends in a `*_ovf` op: keep the `Overflow` exit.
    Native,
    /// The op was lowered to plain arithmetic and this flag (1 on overflow).
    Flag(LlValue),
}

struct Lower<'a> {
    program: &'a Program,
    layouts: &'a mut Layouts,
    g: &'a Graph,
    out: LlGraph,
    /// The leaves of each flowgraph variable, once defined.
    map: Vec<Option<Vec<LlValue>>>,
    blocks: Vec<Option<LlBlock>>,
    /// The low-level block operations are appended to.
    cur: LlBlock,
    diag: &'a mut Diagnostics,
    reported: HashSet<String>,
    ovf: Option<OvfExit>,
}

impl Lower<'_> {
    fn run(&mut self) {
        let order = self.g.reachable_blocks();
        for &b in &order {
            let ll = self.out.new_block();
            self.blocks[b.index()] = Some(ll);
        }
        self.out.start = self.ll_block(self.g.start);
        self.out.return_block = self.ll_block(self.g.return_block);
        self.out.panic_block = self.ll_block(self.g.panic_block);
        for &b in &order {
            self.cur = self.ll_block(b);
            let data = self.g.block(b);
            let mut inputs = Vec::new();
            for &v in &data.inputs {
                // The panic block's message is one string constant (see `link`).
                if b == self.g.panic_block {
                    let m = self.out.new_var(LlType::Str, None);
                    inputs.push(m);
                    self.map[v.index()] = Some(vec![LlValue::Var(m)]);
                    continue;
                }
                let vals = self.fresh_vars(v);
                inputs.extend(vals.iter().filter_map(LlValue::as_var));
                self.map[v.index()] = Some(vals);
            }
            self.out.block_mut(self.cur).inputs = inputs;
            self.ovf = None;
            for op in &data.ops {
                self.lower_op(op);
            }
            let exit = self.lower_exit(&data.exit);
            self.out.block_mut(self.cur).exit = exit;
        }
    }

    fn ll_block(&self, b: annotator::Block) -> LlBlock {
        self.blocks[b.index()].expect("every reachable block has a low-level block")
    }

    /// Reports an error once per message and place.
    fn error(&mut self, span: Span, msg: impl Into<String>) {
        let msg = msg.into();
        if self.reported.insert(format!("{span:?} {msg}")) {
            self.diag.error(span, msg);
        }
    }

    /// The annotated type of a value (`()` if annotation left it out, after an error).
    fn ty(&self, v: Value) -> Type {
        self.g.value_type(v).cloned().unwrap_or(Type::Unit)
    }

    fn var_ty(&self, v: Var) -> Type {
        self.ty(Value::Var(v))
    }

    /// The leaves of a type; an unrepresentable type is reported at `span`.
    fn leaves(&mut self, ty: &Type, span: Span) -> Vec<LlType> {
        match repr::leaves(self.program, ty) {
            Ok(l) => l,
            Err(msg) => {
                // Once per graph: every version of the same variable would repeat it.
                if self.reported.insert(msg.clone()) {
                    self.diag.error(span, msg);
                }
                Vec::new()
            }
        }
    }

    /// New variables for the leaves of `v`.
    fn fresh_vars(&mut self, v: Var) -> Vec<LlValue> {
        let data = self.g.var(v);
        let span = data.span;
        let name = data.name.clone();
        let ty = self.var_ty(v);
        self.leaves(&ty, span)
            .into_iter()
            .map(|t| LlValue::Var(self.out.new_var(t, name.clone())))
            .collect()
    }

    /// The leaves of an operand.
    fn values(&mut self, v: Value) -> Vec<LlValue> {
        match v {
            Value::Var(var) => self.map[var.index()].clone().unwrap_or_default(),
            Value::Const(c) => {
                let data = self.g.constant(c);
                let c = match (&data.value, &data.ty) {
                    (ConstValue::Int(i), Some(Type::F64)) => LlConst::Float(*i as f64),
                    (ConstValue::Int(i), _) => LlConst::Int(*i),
                    (ConstValue::Bool(b), _) => LlConst::Int(i128::from(*b)),
                    (ConstValue::Char(ch), _) => LlConst::Int(i128::from(u32::from(*ch))),
                    (ConstValue::F64(x), _) => LlConst::Float(*x),
                    (ConstValue::Str(s), _) => {
                        let s = s.clone();
                        return self.str_literal(&s);
                    }
                    (ConstValue::Unit, _) => return Vec::new(),
                };
                vec![LlValue::Const(c)]
            }
        }
    }

    /// The single leaf of an operand of a one-leaf type.
    fn value(&mut self, v: Value) -> LlValue {
        self.values(v)
            .into_iter()
            .next()
            .unwrap_or(LlValue::Const(LlConst::Int(0)))
    }

    fn bind(&mut self, v: Var, vals: Vec<LlValue>) {
        self.map[v.index()] = Some(vals);
    }

    /// Appends an op with no result.
    fn emit_void(&mut self, kind: LlOpKind, args: Vec<LlValue>) {
        self.out.block_mut(self.cur).ops.push(LlOp {
            kind,
            args,
            results: Vec::new(),
        });
    }

    /// Appends an op with one result of type `ty`.
    fn emit(&mut self, kind: LlOpKind, args: Vec<LlValue>, ty: LlType) -> LlValue {
        let v = self.out.new_var(ty, None);
        self.out.block_mut(self.cur).ops.push(LlOp {
            kind,
            args,
            results: vec![v],
        });
        LlValue::Var(v)
    }

    /// Ends the current block with `exit` and continues in a new block.
    fn split(&mut self, make_exit: impl FnOnce(LlBlock) -> LlExit) -> LlBlock {
        let next = self.out.new_block();
        let exit = make_exit(next);
        self.out.block_mut(self.cur).exit = exit;
        self.cur = next;
        next
    }

    /// Branches to the panic block with `msg` when `fail` is 1.
    fn check(&mut self, fail: LlValue, msg: &str) {
        let panic = LlLink {
            target: self.out.panic_block,
            args: vec![LlValue::Const(LlConst::Str(msg.into()))],
        };
        self.split(|next| LlExit::If {
            cond: fail,
            then_link: panic,
            else_link: LlLink {
                target: next,
                args: Vec::new(),
            },
        });
    }

    fn link(&mut self, l: &Link) -> LlLink {
        let mut args = Vec::new();
        for &a in &l.args {
            // The panic block takes its message as one jitcode string constant.
            if l.target == self.g.panic_block {
                if let Value::Const(c) = a {
                    if let ConstValue::Str(s) = &self.g.constant(c).value {
                        args.push(LlValue::Const(LlConst::Str(s.clone())));
                        continue;
                    }
                }
            }
            args.extend(self.values(a));
        }
        LlLink {
            target: self.ll_block(l.target),
            args,
        }
    }

    fn lower_exit(&mut self, exit: &Exit) -> LlExit {
        match exit {
            Exit::Goto(l) => LlExit::Goto(self.link(l)),
            Exit::If {
                cond,
                then_link,
                else_link,
            } => LlExit::If {
                cond: self.value(*cond),
                then_link: self.link(then_link),
                else_link: self.link(else_link),
            },
            Exit::Switch { on, cases, default } => self.lower_switch(*on, cases, default.as_ref()),
            Exit::Overflow { ok, overflow } => {
                let ok = self.link(ok);
                let overflow = self.link(overflow);
                match self.ovf.take() {
                    Some(OvfExit::Flag(flag)) => LlExit::If {
                        cond: flag,
                        then_link: overflow,
                        else_link: ok,
                    },
                    Some(OvfExit::Native) | None => LlExit::Overflow { ok, overflow },
                }
            }
            Exit::Return => LlExit::Return,
            Exit::Panic => LlExit::Panic,
        }
    }

    fn lower_switch(
        &mut self,
        on: Value,
        cases: &[(Case, Link)],
        default: Option<&Link>,
    ) -> LlExit {
        let ty = self.ty(on);
        let span = match on {
            Value::Var(v) => self.g.var(v).span,
            Value::Const(c) => self.g.constant(c).span,
        };
        let vals = self.values(on);
        match ty.deref_all() {
            Type::Option(payload) => {
                let payload = (**payload).clone();
                let mut some = None;
                let mut none = None;
                for (case, l) in cases {
                    match case {
                        Case::Variant(v) if v == "Some" => some = Some(self.link(l)),
                        Case::Variant(v) if v == "None" => none = Some(self.link(l)),
                        other => self.error(span, format!("`{other}` is not a variant of Option")),
                    }
                }
                let dflt = default.map(|l| self.link(l));
                let (Some(then_link), Some(else_link)) =
                    (some.or_else(|| dflt.clone()), none.or(dflt))
                else {
                    self.error(span, "a switch on an Option must cover Some and None");
                    return LlExit::Panic;
                };
                let first = vals.first().cloned().unwrap_or(LlValue::int(0));
                let cond = if repr::option_is_nullable(self.program, &payload) {
                    self.emit(LlOpKind::PtrNonzero, vec![first], LlType::Bool)
                } else {
                    first
                };
                LlExit::If {
                    cond,
                    then_link,
                    else_link,
                }
            }
            Type::Result(..) => {
                let mut ok = None;
                let mut err = None;
                for (case, l) in cases {
                    match case {
                        Case::Variant(v) if v == "Ok" => ok = Some(self.link(l)),
                        Case::Variant(v) if v == "Err" => err = Some(self.link(l)),
                        other => self.error(span, format!("`{other}` is not a variant of Result")),
                    }
                }
                let dflt = default.map(|l| self.link(l));
                let (Some(then_link), Some(else_link)) =
                    (ok.or_else(|| dflt.clone()), err.or(dflt))
                else {
                    self.error(span, "a switch on a Result must cover Ok and Err");
                    return LlExit::Panic;
                };
                LlExit::If {
                    cond: vals.first().cloned().unwrap_or(LlValue::int(0)),
                    then_link,
                    else_link,
                }
            }
            Type::Enum(name) => {
                let name = name.clone();
                let Some(def) = self.program.enum_def(&name) else {
                    self.error(span, format!("unknown enum `{name}`"));
                    return LlExit::Panic;
                };
                let discriminants: Vec<(String, i128)> = def
                    .variants
                    .iter()
                    .map(|v| v.name.clone())
                    .zip(def.discriminants())
                    .collect();
                let on = if def.is_fieldless() || self.program.is_value_enum(ty.deref_all()) {
                    // A fieldless enum is its tag; a value enum's tag is its first leaf.
                    vals.first().cloned().unwrap_or(LlValue::int(0))
                } else {
                    let Some(layout) = self.layouts.enum_layout(&name) else {
                        // The missing repr was reported at the enum.
                        return LlExit::Panic;
                    };
                    let descr = layout.tag_descr();
                    let ty = descr.ty.clone();
                    let ptr = vals
                        .first()
                        .cloned()
                        .unwrap_or(LlValue::Const(LlConst::Null));
                    self.emit(LlOpKind::GetfieldI(descr), vec![ptr], ty)
                };
                let mut ll_cases = Vec::new();
                for (case, l) in cases {
                    let found = match case {
                        Case::Variant(v) => discriminants.iter().find(|(n, _)| n == v),
                        Case::Int(_) => None,
                    };
                    match found {
                        Some((label, value)) => {
                            let case = LlCase {
                                value: *value,
                                label: Some(label.clone()),
                            };
                            let link = self.link(l);
                            ll_cases.push((case, link));
                        }
                        None => self.error(span, format!("`{case}` is not a variant of `{name}`")),
                    }
                }
                let default = default.map(|l| self.link(l));
                LlExit::Switch {
                    on,
                    cases: ll_cases,
                    default,
                }
            }
            _ => {
                let mut ll_cases = Vec::new();
                for (case, l) in cases {
                    let value = match case {
                        Case::Int(i) => *i,
                        Case::Variant(v) if v == "true" => 1,
                        Case::Variant(v) if v == "false" => 0,
                        Case::Variant(v) => {
                            self.error(span, format!("cannot switch on `{v}` of a `{ty}`"));
                            continue;
                        }
                    };
                    let link = self.link(l);
                    ll_cases.push((LlCase { value, label: None }, link));
                }
                let default = default.map(|l| self.link(l));
                LlExit::Switch {
                    on: vals.first().cloned().unwrap_or(LlValue::int(0)),
                    cases: ll_cases,
                    default,
                }
            }
        }
    }
}
