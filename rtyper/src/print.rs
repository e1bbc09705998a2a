//! The text form of low-level graphs and layouts, stable for golden tests.
//!
//! ```text
//! fn Frame::push(r0: &mut Frame, i1: i64) {
//! block0(r0: &mut Frame, i1: i64):
//!     r2: &List<i64> = getsubstruct(r0, descr=<Field Frame.stack offset_of!(Frame, stack)>)
//!     residual_call(r2, i1, descr=<Call jitsupport::list::ll_push::<i64>(r, i) -> void can_panic>)
//!     goto return()
//! return():
//!     return
//! panic(r3: &str):
//!     panic r3
//! }
//! ```
//!
//! Variables print with their kind prefix and, where defined, their type. Payloads that
//! are not descriptors sit in brackets after the op name (`cast_float_to_int[u8]`,
//! `direct_call[Frame::push]`, `jit_merge_point[DRIVER](greens; reds)`); descriptors
//! are the last argument (`descr=<...>`). Switch cases on enums keep the variant name
//! (`0 /* Push */`). The layouts section lists every struct, enum with payload and list
//! with its size and field offsets as the Rust expressions rustc evaluates.

use crate::layout::{FieldLayout, Layouts};
use crate::lltype::LlType;
use crate::model::{LlBlock, LlExit, LlGraph, LlLink, LlProgram, LlValue, LlVar};
use crate::ops::LlOpKind;
use crate::repr::Stored;
use std::fmt::Write;

/// The text form of a whole program: every graph, then the layouts.
pub fn print_program(p: &LlProgram) -> String {
    let mut out: Vec<String> = p.graphs.iter().map(print_graph).collect();
    let layouts = print_layouts(&p.layouts);
    if !layouts.is_empty() {
        out.push(layouts);
    }
    out.join("\n")
}

/// The text form of one low-level graph.
pub fn print_graph(g: &LlGraph) -> String {
    let mut out = String::new();
    let params: Vec<String> = g.params().iter().map(|&v| typed(g, v)).collect();
    let rets: Vec<String> = g
        .block(g.return_block)
        .inputs
        .iter()
        .map(|&v| g.var_type(v).to_string())
        .collect();
    let ret = match rets.len() {
        0 => String::new(),
        1 => format!(" -> {}", rets[0]),
        _ => format!(" -> ({})", rets.join(", ")),
    };
    let _ = writeln!(out, "fn {}({}){} {{", g.name, params.join(", "), ret);
    let mut hints = Vec::new();
    if g.hints.elidable {
        hints.push("elidable");
    }
    if g.hints.dont_look_inside {
        hints.push("dont_look_inside");
    }
    if g.hints.unroll_safe {
        hints.push("unroll_safe");
    }
    if g.hints.loop_invariant {
        hints.push("loop_invariant");
    }
    if !hints.is_empty() {
        let _ = writeln!(out, "    # hints: {}", hints.join(", "));
    }
    for b in g.reachable_blocks() {
        let data = g.block(b);
        let inputs: Vec<String> = data.inputs.iter().map(|&v| typed(g, v)).collect();
        let _ = writeln!(out, "{}({}):", block_name(g, b), inputs.join(", "));
        for op in &data.ops {
            let mut args: Vec<String> = op.args.iter().map(|a| value(g, a)).collect();
            let mut payload = String::new();
            match &op.kind {
                LlOpKind::CastFloatToInt(t) => payload = format!("[{t}]"),
                LlOpKind::DirectCall(f) => payload = format!("[{f}]"),
                LlOpKind::JitMergePoint(d) | LlOpKind::CanEnterJit(d) => {
                    payload = format!("[{}]", d.name);
                    let reds = args.split_off(d.greens.min(args.len()));
                    args = vec![args.join(", "), reds.join(", ")];
                    let text = args.join("; ");
                    args = vec![text.trim().to_string()];
                }
                other => {
                    if let Some(d) = descr(other) {
                        args.push(format!("descr={d}"));
                    }
                }
            }
            let call = format!("{}{}({})", op.kind.name(), payload, args.join(", "));
            match op.results.as_slice() {
                [] => {
                    let _ = writeln!(out, "    {call}");
                }
                [r] => {
                    let _ = writeln!(out, "    {} = {call}", typed(g, *r));
                }
                rs => {
                    let rs: Vec<String> = rs.iter().map(|&r| typed(g, r)).collect();
                    let _ = writeln!(out, "    ({}) = {call}", rs.join(", "));
                }
            }
        }
        match &data.exit {
            LlExit::Goto(l) => {
                let _ = writeln!(out, "    goto {}", link(g, l));
            }
            LlExit::If {
                cond,
                then_link,
                else_link,
            } => {
                let _ = writeln!(
                    out,
                    "    if {} then {} else {}",
                    value(g, cond),
                    link(g, then_link),
                    link(g, else_link)
                );
            }
            LlExit::Switch { on, cases, default } => {
                let _ = writeln!(out, "    switch {}:", value(g, on));
                for (case, l) in cases {
                    match &case.label {
                        Some(label) => {
                            let _ = writeln!(
                                out,
                                "        {} /* {label} */ => {}",
                                case.value,
                                link(g, l)
                            );
                        }
                        None => {
                            let _ = writeln!(out, "        {} => {}", case.value, link(g, l));
                        }
                    }
                }
                if let Some(l) = default {
                    let _ = writeln!(out, "        _ => {}", link(g, l));
                }
            }
            LlExit::Overflow { ok, overflow } => {
                let _ = writeln!(
                    out,
                    "    if no overflow then {} else {}",
                    link(g, ok),
                    link(g, overflow)
                );
            }
            LlExit::Return => {
                let vals: Vec<String> = data.inputs.iter().map(|&v| g.var_name(v)).collect();
                if vals.is_empty() {
                    out.push_str("    return\n");
                } else {
                    let _ = writeln!(out, "    return {}", vals.join(", "));
                }
            }
            LlExit::Panic => {
                let vals: Vec<String> = data.inputs.iter().map(|&v| g.var_name(v)).collect();
                let _ = writeln!(out, "    panic {}", vals.join(", "));
            }
        }
    }
    out.push_str("}\n");
    out
}

fn descr(kind: &LlOpKind) -> Option<String> {
    Some(match kind {
        LlOpKind::New(d)
        | LlOpKind::Memcopy(d)
        | LlOpKind::GcClassIs(d)
        | LlOpKind::GcDowncast(d) => d.to_string(),
        LlOpKind::GetfieldI(d)
        | LlOpKind::GetfieldR(d)
        | LlOpKind::GetfieldF(d)
        | LlOpKind::Getsubstruct(d)
        | LlOpKind::Setfield(d) => d.to_string(),
        LlOpKind::GetarrayitemI(d)
        | LlOpKind::GetarrayitemR(d)
        | LlOpKind::GetarrayitemF(d)
        | LlOpKind::Getarraysubstruct(d)
        | LlOpKind::Setarrayitem(d)
        | LlOpKind::GetarrayitemRawI(d)
        | LlOpKind::GetarrayitemRawR(d)
        | LlOpKind::GetarrayitemRawF(d)
        | LlOpKind::GetarraysubstructRaw(d)
        | LlOpKind::SetarrayitemRaw(d) => d.to_string(),
        LlOpKind::ResidualCall(d) => d.to_string(),
        _ => return None,
    })
}

fn block_name(g: &LlGraph, b: LlBlock) -> String {
    if b == g.return_block {
        "return".into()
    } else if b == g.panic_block {
        "panic".into()
    } else {
        b.to_string()
    }
}

fn link(g: &LlGraph, l: &LlLink) -> String {
    let args: Vec<String> = l.args.iter().map(|a| value(g, a)).collect();
    format!("{}({})", block_name(g, l.target), args.join(", "))
}

fn typed(g: &LlGraph, v: LlVar) -> String {
    format!("{}: {}", g.var_name(v), g.var_type(v))
}

fn value(g: &LlGraph, v: &LlValue) -> String {
    match v {
        LlValue::Var(x) => g.var_name(*x),
        LlValue::Const(c) => c.to_string(),
    }
}

/// The layouts section: structs, enums with payload, lists.
pub fn print_layouts(l: &Layouts) -> String {
    let mut out = String::new();
    for s in l.structs.iter().chain(&l.lists) {
        let _ = writeln!(out, "layout {}: {}", s.name, s.size);
        for f in &s.fields {
            field_line(&mut out, "    ", f);
        }
    }
    for e in &l.enums {
        let repr = if e.repr_c { "C, " } else { "" };
        let _ = writeln!(
            out,
            "layout enum {} #[repr({repr}{})]: {}, tag {} at 0",
            e.name, e.tag, e.size, e.tag
        );
        for v in &e.variants {
            match &v.mirror {
                Some(m) => {
                    let _ = writeln!(out, "    {} = {} (mirror {m})", v.name, v.discriminant);
                }
                None => {
                    let _ = writeln!(out, "    {} = {}", v.name, v.discriminant);
                }
            }
            for f in &v.fields {
                field_line(&mut out, "        ", f);
            }
        }
    }
    out
}

fn field_line(out: &mut String, indent: &str, f: &FieldLayout) {
    let how = match &f.stored {
        Stored::Int { signed: true, .. } => "int signed",
        Stored::Int { .. } => "int",
        Stored::Float => "float",
        Stored::Ptr(_) => "ref",
        Stored::Inline(_) => "inline",
        Stored::Unit => "unit",
        Stored::Hidden(_) => "hidden",
    };
    let ty = match &f.stored {
        Stored::Int {
            ty: LlType::Addr, ..
        } => "addr".to_string(),
        _ => f.ty.to_string(),
    };
    let _ = writeln!(
        out,
        "{indent}{}: {ty} ({how}) at {}, size {}",
        f.name, f.offset, f.size
    );
}
