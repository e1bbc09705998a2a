//! Assembly, and the driver of the codewriter's steps.
//!
//! [`write_program`], for every low-level graph of the program:
//! 1. jitcode-level operations with descrs, by [`crate::jtransform::transform`];
//! 2. registers, by [`crate::regalloc::allocate`];
//! 3. the linear code with labels and moves, by [`crate::flatten::flatten`];
//! 4. the registers of each `-live-` point, by [`crate::liveness::compute`];
//! 5. the encoded jitcode, by the [`Assembler`] ([`assemble`]).
//!
//! Then it fills the call descrs' effects and whether they may panic ([`effectinfo`]),
//! records the portals, and verifies every jitcode.
//!
//! Every graph gets a jitcode, including those of `#[elidable]` and `#[loop_invariant]`
//! functions (called residually, but the JIT may still want to look inside later); a
//! function of those kinds that the codewriter cannot translate simply has none.

use crate::flatten::{flatten, FItem};
use crate::jitcode::{self, Assembler, Descr, Kind};
use crate::jtransform::{self, Ctx, JGraph};
use crate::{effectinfo, liveness, regalloc, Output, Portal};
use annotator::{Analysis, Diagnostics};
use rtyper::{LlGraph, LlOpKind, LlProgram};
use std::borrow::Cow;

/// Codewrites every graph of `ll`; errors go to `diag`.
pub fn write_program(analysis: &Analysis, ll: &LlProgram, diag: &mut Diagnostics) -> Output {
    let mut ctx = Ctx::new(analysis, ll);
    // Jitcode indices in program order (for the functions that must have one: an
    // elidable or loop-invariant function that cannot be translated simply has none).
    for g in &ll.graphs {
        if !(g.hints.elidable || g.hints.loop_invariant) {
            ctx.codes.declare_jitcode(&g.name);
        }
    }
    for g in &ll.graphs {
        let span = analysis.graph(&g.name).map(|a| a.span);
        ctx.span = span.unwrap_or_else(proc_macro2::Span::call_site);
        let optional = g.hints.elidable || g.hints.loop_invariant;
        let mut local = Diagnostics::new();
        let jitcode = write_graph(&mut ctx, g, &mut local);
        match jitcode {
            Some(j) if !local.has_errors() => {
                ctx.codes.set_jitcode(j);
            }
            _ if optional => {}
            _ => {
                for e in local.errors() {
                    diag.push(e.clone());
                }
            }
        }
    }
    // Effects of residual calls.
    let effects = effectinfo::analyse(analysis, ll);
    fill_effects(&mut ctx.codes, &effects);
    let panics = effectinfo::can_panic(analysis, ll);
    for d in ctx.codes.descrs.to_mut().iter_mut() {
        if let Descr::Call(call) = d {
            call.flags.can_panic = panics.get(&*call.name).copied().unwrap_or(true);
        }
    }
    for f in &mut ctx.functions {
        f.can_panic = panics.get(&f.name).copied().unwrap_or(true);
    }
    // Portals, in driver order.
    let mut portals = Vec::new();
    for d in &analysis.program.drivers {
        let Some(function) = ctx.portals.get(&d.name).cloned() else {
            continue;
        };
        let Some(index) = ctx.codes.jitcode_index(&function) else {
            continue;
        };
        let (greens, reds) = ll
            .graph(&function)
            .map(|g| driver_vars(g, &d.name))
            .unwrap_or_default();
        ctx.codes.portals.to_mut().push(index);
        portals.push(Portal {
            driver: d.name.clone(),
            jitcode: index,
            function,
            greens,
            reds,
        });
    }
    while ctx.descr_layouts.len() < ctx.codes.descrs.len() {
        ctx.descr_layouts.push(crate::DescrLayout::None);
    }
    if !diag.has_errors() {
        if let Err(why) = jitcode::verify_all(&ctx.codes) {
            diag.error(
                proc_macro2::Span::call_site(),
                format!("internal error in the codewriter (a bug, please report it): {why}"),
            );
        }
    }
    Output {
        codes: ctx.codes,
        descr_layouts: ctx.descr_layouts,
        functions: ctx.functions,
        portals,
    }
}

/// Runs the steps on one graph.
fn write_graph(ctx: &mut Ctx<'_>, g: &LlGraph, diag: &mut Diagnostics) -> Option<jitcode::JitCode> {
    let jg = jtransform::transform(ctx, g, diag);
    if diag.has_errors() {
        return None;
    }
    let alloc = regalloc::allocate(&jg);
    for kind in Kind::ALL {
        let n = regalloc::num_regs(&jg, &alloc, kind);
        if n > 256 {
            diag.error(
                ctx.span,
                format!(
                    "function `{}` is too large for jitcode: it needs {n} {kind} registers, \
                     at most 256 exist; split it into smaller functions",
                    g.name
                ),
            );
            return None;
        }
    }
    let mut asm = Assembler::new(g.name.clone());
    let mut items = flatten(&jg, &alloc, &mut asm);
    liveness::compute(&mut items);
    assemble(&jg, items, &mut asm);
    match asm.finish() {
        Ok(j) => Some(j),
        Err(e) => {
            diag.error(ctx.span, e.to_string());
            None
        }
    }
}

/// Feeds the flat code to the assembler.
pub fn assemble(jg: &JGraph, items: Vec<FItem>, asm: &mut Assembler) {
    let mut params = [0u16; 3];
    for p in &jg.blocks[jg.start].inputs {
        params[jg.kind(*p) as usize] += 1;
    }
    for kind in Kind::ALL {
        asm.reserve_regs(kind, params[kind as usize]);
    }
    for item in items {
        match item {
            FItem::Label(l) => asm.bind(l),
            FItem::Insn(op, args) => asm.emit(op, args),
            FItem::Live([ints, refs, floats]) => asm.live(&ints, &refs, &floats),
        }
    }
}

/// Sets the effects of every call descr from the analysis.
fn fill_effects(
    codes: &mut jitcode::JitCodes,
    effects: &std::collections::BTreeMap<String, effectinfo::Effects>,
) {
    let descrs = codes.descrs.to_vec();
    for d in codes.descrs.to_mut().iter_mut() {
        let Descr::Call(call) = d else { continue };
        let effect = effects
            .get(&*call.name)
            .cloned()
            .unwrap_or(effectinfo::Effects::Random);
        if effect == effectinfo::Effects::Random {
            call.flags.random_effects = true;
            continue;
        }
        let writes: Vec<u16> = descrs
            .iter()
            .enumerate()
            .filter(|(_, d)| match d {
                Descr::Field(f) => match f.name.rsplit_once('.') {
                    Some((owner, field)) => effect.writes_field(owner, field),
                    None => false,
                },
                Descr::Array(a) => effect.writes_array(&a.name),
                _ => false,
            })
            .map(|(k, _)| k as u16)
            .collect();
        call.writes = Cow::Owned(writes);
    }
}

/// The greens and reds of the merge point of `driver` in `g`, grouped by the Rust local
/// each leaf comes from.
type DriverVars = (Vec<(String, Vec<Kind>)>, Vec<(String, Vec<Kind>)>);

fn driver_vars(g: &LlGraph, driver: &str) -> DriverVars {
    for b in &g.blocks {
        for op in &b.ops {
            let LlOpKind::JitMergePoint(d) = &op.kind else {
                continue;
            };
            if d.name != driver {
                continue;
            }
            let group = |vals: &[rtyper::LlValue]| {
                let mut out: Vec<(String, Vec<Kind>)> = Vec::new();
                for (k, v) in vals.iter().enumerate() {
                    let kind = jtransform::kind_of(g.kind(v));
                    let name = v
                        .as_var()
                        .and_then(|x| g.vars[x.index()].name.clone())
                        .unwrap_or_else(|| format!("${k}"));
                    match out.last_mut() {
                        Some((n, kinds)) if *n == name => kinds.push(kind),
                        _ => out.push((name, vec![kind])),
                    }
                }
                out
            };
            let n = d.greens.min(op.args.len());
            return (group(&op.args[..n]), group(&op.args[n..]));
        }
    }
    (Vec::new(), Vec::new())
}
