//! The text form of flowgraphs, stable for golden tests.
//!
//! ```text
//! fn add_one(v0: i64) -> i64 {
//! block0(v0: i64):
//!     v3: i64 = add(v0, 1_i64)
//!     goto return(v3)
//! return(v1: i64):
//!     return v1
//! panic(v2: &str):
//!     panic v2
//! }
//! ```
//!
//! Ops print as `result: type = name[payload](args)`; the payload (a field, a type, a
//! callee) sits in brackets so every op has one shape. Blocks print in depth-first order
//! from the start block, the return and panic blocks last; links name their target
//! (`goto block3(v1)`, `goto return(v5)`).

use crate::model::{Block, ConstValue, Exit, Graph, Link, Value, Var};
use crate::ops::OpKind;
use std::fmt::Write;

/// The text form of one graph.
pub fn graph_to_string(g: &Graph) -> String {
    let mut out = String::new();
    let params: Vec<String> = g.params().iter().map(|&v| typed_var(g, v)).collect();
    let ret = g
        .return_type()
        .map_or_else(|| "?".to_string(), |t| t.to_string());
    let _ = writeln!(out, "fn {}({}) -> {} {{", g.name, params.join(", "), ret);
    let hints = g.hints;
    let mut names = Vec::new();
    if hints.elidable {
        names.push("elidable");
    }
    if hints.dont_look_inside {
        names.push("dont_look_inside");
    }
    if hints.unroll_safe {
        names.push("unroll_safe");
    }
    if hints.loop_invariant {
        names.push("loop_invariant");
    }
    if !names.is_empty() {
        let _ = writeln!(out, "    # hints: {}", names.join(", "));
    }
    for b in g.reachable_blocks() {
        let data = g.block(b);
        let inputs: Vec<String> = data.inputs.iter().map(|&v| typed_var(g, v)).collect();
        let _ = writeln!(out, "{}({}):", block_name(g, b), inputs.join(", "));
        for op in &data.ops {
            let args: Vec<String> = op.args.iter().map(|&a| value(g, a)).collect();
            let payload = payload(&op.kind);
            let _ = writeln!(
                out,
                "    {} = {}{}({})",
                typed_var(g, op.result),
                op.kind.name(),
                payload,
                args.join(", ")
            );
        }
        match &data.exit {
            Exit::Goto(l) => {
                let _ = writeln!(out, "    goto {}", link(g, l));
            }
            Exit::If {
                cond,
                then_link,
                else_link,
            } => {
                let _ = writeln!(
                    out,
                    "    if {} then {} else {}",
                    value(g, *cond),
                    link(g, then_link),
                    link(g, else_link)
                );
            }
            Exit::Switch { on, cases, default } => {
                let _ = writeln!(out, "    switch {}:", value(g, *on));
                for (case, l) in cases {
                    let _ = writeln!(out, "        {case} => {}", link(g, l));
                }
                if let Some(l) = default {
                    let _ = writeln!(out, "        _ => {}", link(g, l));
                }
            }
            Exit::Overflow { ok, overflow } => {
                let _ = writeln!(
                    out,
                    "    if no overflow then {} else {}",
                    link(g, ok),
                    link(g, overflow)
                );
            }
            Exit::Return => {
                let _ = writeln!(out, "    return {}", value(g, Value::Var(data.inputs[0])));
            }
            Exit::Panic => {
                let _ = writeln!(out, "    panic {}", value(g, Value::Var(data.inputs[0])));
            }
        }
    }
    out.push_str("}\n");
    out
}

/// The text form of several graphs, separated by blank lines.
pub fn graphs_to_string<'a>(graphs: impl IntoIterator<Item = &'a Graph>) -> String {
    let texts: Vec<String> = graphs.into_iter().map(graph_to_string).collect();
    texts.join("\n")
}

fn block_name(g: &Graph, b: Block) -> String {
    if b == g.return_block {
        "return".to_string()
    } else if b == g.panic_block {
        "panic".to_string()
    } else {
        b.to_string()
    }
}

fn link(g: &Graph, l: &Link) -> String {
    let args: Vec<String> = l.args.iter().map(|&a| value(g, a)).collect();
    format!("{}({})", block_name(g, l.target), args.join(", "))
}

fn typed_var(g: &Graph, v: Var) -> String {
    match &g.var(v).ty {
        Some(t) => format!("{v}: {t}"),
        None => v.to_string(),
    }
}

/// A value as an operand: a variable name or a literal with its type as a suffix.
pub fn value(g: &Graph, v: Value) -> String {
    match v {
        Value::Var(v) => v.to_string(),
        Value::Const(c) => {
            let data = g.constant(c);
            match (&data.value, &data.ty) {
                (ConstValue::Int(i), Some(t)) => format!("{i}_{t}"),
                (ConstValue::Int(i), None) => i.to_string(),
                (ConstValue::Bool(b), _) => b.to_string(),
                (ConstValue::Char(ch), _) => format!("{ch:?}"),
                (ConstValue::F64(x), _) => format!("{x:?}_f64"),
                (ConstValue::Str(s), _) => format!("{s:?}"),
                (ConstValue::Unit, _) => "()".to_string(),
            }
        }
    }
}

/// The bracketed payload of an op, or nothing.
fn payload(kind: &OpKind) -> String {
    match kind {
        OpKind::Cast(t) => format!("[{t}]"),
        OpKind::NewStruct(s) => format!("[{s}]"),
        OpKind::GetField(f)
        | OpKind::SetField(f)
        | OpKind::GetSubstruct(f)
        | OpKind::WithField(f) => format!("[.{f}]"),
        OpKind::NewVariant(e, v) => format!("[{e}::{v}]"),
        OpKind::VariantField(e, v, i) => format!("[{e}::{v}.{i}]"),
        OpKind::TupleGet(i) => format!("[.{i}]"),
        OpKind::NewArrayRepeat(n) => format!("[{n}]"),
        OpKind::Borrow(true) => "[mut]".to_string(),
        OpKind::Call(c) => format!("[{c}]"),
        OpKind::CallMethod(m) => match &m.resolved {
            Some(c) => format!("[.{} = {c}]", m.name),
            None => format!("[.{}]", m.name),
        },
        OpKind::JitMergePoint(d) | OpKind::CanEnterJit(d) => format!("[{d}]"),
        _ => String::new(),
    }
}
