//! A checker for low-level graphs, run on every graph the rtyper produces.
//!
//! Invariants:
//! - every variable is defined once, as a block input or an operation result;
//! - an operation or exit uses only variables of its own block, defined before the use;
//! - a link carries one value per input of its target, of the same kind;
//! - an operation's results have the kind its table entry says (`ResultKind`);
//! - an `Overflow` exit follows a `*_ovf` operation, and `*_ovf` operations come last;
//! - the return block exits with `Return`, the panic block with `Panic` and one ref input.
//!
//! A violation is a bug in the rtyper, never a problem of the interpreter's source.

use crate::lltype::Kind;
use crate::model::{LlExit, LlGraph, LlValue, LlVar};
use crate::ops::ResultKind;
use std::collections::HashSet;

/// The first broken invariant of `g`, if any.
pub fn verify(g: &LlGraph) -> Result<(), String> {
    let mut defined_anywhere: HashSet<LlVar> = HashSet::new();
    let mut define = |v: LlVar, what: &str| -> Result<(), String> {
        if defined_anywhere.insert(v) {
            Ok(())
        } else {
            Err(format!("{} is defined twice ({what})", g.var_name(v)))
        }
    };
    for b in g.reachable_blocks() {
        let data = g.block(b);
        let mut local: HashSet<LlVar> = HashSet::new();
        for &v in &data.inputs {
            define(v, "block input")?;
            local.insert(v);
        }
        let check_use = |v: &LlValue, local: &HashSet<LlVar>, at: &str| -> Result<(), String> {
            match v {
                LlValue::Var(x) if !local.contains(x) => Err(format!(
                    "{b}: {at} uses {}, which is not defined before it in the block",
                    g.var_name(*x)
                )),
                _ => Ok(()),
            }
        };
        for (i, op) in data.ops.iter().enumerate() {
            for a in &op.args {
                check_use(a, &local, op.kind.name())?;
            }
            match op.kind.result_kind() {
                ResultKind::Void if !op.results.is_empty() => {
                    return Err(format!("{b}: {} has a result", op.kind.name()))
                }
                ResultKind::Kind(k)
                    if op.results.len() != 1 || g.var_type(op.results[0]).kind() != k =>
                {
                    return Err(format!(
                        "{b}: {} must have one result of kind {k}",
                        op.kind.name()
                    ))
                }
                _ => {}
            }
            if op.kind.is_ovf()
                && (i + 1 != data.ops.len() || !matches!(data.exit, LlExit::Overflow { .. }))
            {
                return Err(format!(
                    "{b}: {} must be the last op of a block with an Overflow exit",
                    op.kind.name()
                ));
            }
            for &r in &op.results {
                define(r, op.kind.name())?;
                local.insert(r);
            }
        }
        let mut exit = data.exit.clone();
        if let Some(v) = exit.operand_mut() {
            check_use(v, &local, "the exit")?;
        }
        if let LlExit::Overflow { .. } = &data.exit {
            if !data.ops.last().is_some_and(|op| op.kind.is_ovf()) {
                return Err(format!("{b}: an Overflow exit needs a *_ovf op last"));
            }
        }
        for l in data.exit.links() {
            let target = g.block(l.target);
            if l.args.len() != target.inputs.len() {
                return Err(format!(
                    "{b}: a link to {} carries {} values for {} inputs",
                    l.target,
                    l.args.len(),
                    target.inputs.len()
                ));
            }
            for (a, &input) in l.args.iter().zip(&target.inputs) {
                check_use(a, &local, "a link")?;
                if g.kind(a) != g.var_type(input).kind() {
                    return Err(format!(
                        "{b}: a link passes a {} value to {} input {}",
                        g.kind(a),
                        l.target,
                        g.var_name(input)
                    ));
                }
            }
        }
        let is_return = b == g.return_block;
        let is_panic = b == g.panic_block;
        match data.exit {
            LlExit::Return if !is_return => return Err(format!("{b} returns")),
            LlExit::Panic if !is_panic => return Err(format!("{b} has no exit")),
            _ if is_return && !matches!(data.exit, LlExit::Return) => {
                return Err("the return block must return".into())
            }
            _ => {}
        }
        if is_panic && (data.inputs.len() != 1 || g.var_type(data.inputs[0]).kind() != Kind::Ref) {
            return Err("the panic block needs one ref input, the message".into());
        }
    }
    Ok(())
}
