//! Restores the block-argument form after lowering split blocks.
//!
//! Lowering may end a block in the middle (a bounds check branches to the panic block and
//! continues in a new block) while later operations still use values defined before the
//! split. [`repair`] makes every such value a new input of the block that uses it and
//! passes it along every link into that block, repeating until each block uses only its
//! own inputs and results: RPython's block-argument SSA again.

use crate::model::{LlBlock, LlGraph, LlValue, LlVar};
use std::collections::{HashMap, HashSet};

/// Threads values used outside their defining block through block inputs and links.
pub fn repair(g: &mut LlGraph) {
    let mut preds: HashMap<LlBlock, Vec<LlBlock>> = HashMap::new();
    for (i, b) in g.blocks.iter().enumerate() {
        for l in b.exit.links() {
            let list = preds.entry(l.target).or_default();
            if !list.contains(&LlBlock(i as u32)) {
                list.push(LlBlock(i as u32));
            }
        }
    }
    // For each block, the new input standing for an outside variable.
    let mut renamed: HashMap<(LlBlock, LlVar), LlVar> = HashMap::new();
    loop {
        let mut changed = false;
        for i in 0..g.blocks.len() {
            let b = LlBlock(i as u32);
            let needed = needed(g, b);
            if needed.is_empty() || !preds.contains_key(&b) {
                continue;
            }
            for x in needed {
                let ty = g.var_type(x).clone();
                let name = g.vars[x.index()].name.clone();
                let fresh = g.new_var(ty, name);
                g.block_mut(b).inputs.push(fresh);
                renamed.insert((b, x), fresh);
                rename_uses(g, b, x, fresh);
                for &p in &preds[&b] {
                    let arg = renamed.get(&(p, x)).copied().unwrap_or(x);
                    for l in g.block_mut(p).exit.links_mut() {
                        if l.target == b {
                            l.args.push(LlValue::Var(arg));
                        }
                    }
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Variables used in `b` but defined elsewhere, in order of first use.
fn needed(g: &LlGraph, b: LlBlock) -> Vec<LlVar> {
    let data = g.block(b);
    let mut defined: HashSet<LlVar> = data.inputs.iter().copied().collect();
    let mut out = Vec::new();
    let use_value = |v: &LlValue, defined: &HashSet<LlVar>, out: &mut Vec<LlVar>| {
        if let LlValue::Var(x) = v {
            if !defined.contains(x) && !out.contains(x) {
                out.push(*x);
            }
        }
    };
    for op in &data.ops {
        for a in &op.args {
            use_value(a, &defined, &mut out);
        }
        defined.extend(op.results.iter().copied());
    }
    let mut exit = data.exit.clone();
    if let Some(v) = exit.operand_mut() {
        use_value(v, &defined, &mut out);
    }
    for l in exit.links() {
        for a in &l.args {
            use_value(a, &defined, &mut out);
        }
    }
    out
}

fn rename_uses(g: &mut LlGraph, b: LlBlock, from: LlVar, to: LlVar) {
    let data = g.block_mut(b);
    let fix = |v: &mut LlValue| {
        if *v == LlValue::Var(from) {
            *v = LlValue::Var(to);
        }
    };
    for op in &mut data.ops {
        op.args.iter_mut().for_each(fix);
    }
    if let Some(v) = data.exit.operand_mut() {
        fix(v);
    }
    for l in data.exit.links_mut() {
        l.args.iter_mut().for_each(fix);
    }
}
