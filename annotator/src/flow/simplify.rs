//! The cleanup after building, in order: drop unreachable blocks; skip empty blocks
//! that only forward to another block (links go straight to the final target); drop
//! block inputs whose value is never needed (to a fixed point); merge a block into its
//! only predecessor when that one ends in a `goto` to it. Block numbers are compacted,
//! keeping their relative order; variable numbers are left as built.

use crate::model::{Block, Exit, Graph, Value, Var};
use std::collections::HashMap;

/// Runs the cleanup on `g`.
pub fn simplify(g: &mut Graph) {
    remove_unreachable(g);
    skip_forwarders(g);
    remove_unreachable(g);
    remove_unused_inputs(g);
    merge_chains(g);
    remove_unreachable(g);
}

fn is_special(g: &Graph, b: Block) -> bool {
    b == g.start || b == g.return_block || b == g.panic_block
}

/// Drops the blocks not reachable from the start (the return and panic blocks stay)
/// and renumbers the rest in their original order.
pub fn remove_unreachable(g: &mut Graph) {
    let mut keep = vec![false; g.blocks.len()];
    for b in g.reachable_blocks() {
        keep[b.index()] = true;
    }
    let mut map = vec![None; g.blocks.len()];
    let mut n = 0u32;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            map[i] = Some(Block(n));
            n += 1;
        }
    }
    let blocks = std::mem::take(&mut g.blocks);
    g.blocks = blocks
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b)
        .collect();
    let renumber = |b: Block| map[b.index()].expect("a kept block links only to kept blocks");
    for data in &mut g.blocks {
        for link in data.exit.links_mut() {
            link.target = renumber(link.target);
        }
    }
    g.start = renumber(g.start);
    g.return_block = renumber(g.return_block);
    g.panic_block = renumber(g.panic_block);
}

/// Redirects every link to an ordinary block without ops that ends in a `goto` to
/// another block, to that block, with the forwarded arguments.
fn skip_forwarders(g: &mut Graph) {
    loop {
        let mut changed = false;
        for bi in 0..g.blocks.len() {
            let b = Block(bi as u32);
            if is_special(g, b) || !g.blocks[bi].ops.is_empty() {
                continue;
            }
            let Exit::Goto(out) = &g.blocks[bi].exit else {
                continue;
            };
            if out.target == b {
                continue;
            }
            let out = out.clone();
            let inputs = g.blocks[bi].inputs.clone();
            for pi in 0..g.blocks.len() {
                if pi == bi {
                    continue;
                }
                for link in g.blocks[pi].exit.links_mut() {
                    if link.target != b {
                        continue;
                    }
                    let subst: HashMap<Var, Value> = inputs
                        .iter()
                        .copied()
                        .zip(link.args.iter().copied())
                        .collect();
                    link.target = out.target;
                    link.args = out
                        .args
                        .iter()
                        .map(|&a| match a {
                            Value::Var(x) => subst.get(&x).copied().unwrap_or(a),
                            c => c,
                        })
                        .collect();
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Drops inputs of ordinary blocks whose value is never needed, and the matching
/// arguments of every link to them. A value is needed if an op or an exit uses it, or
/// if a link passes it to an input that is needed (a fixed point, so that a local
/// only carried around a loop is dropped too).
fn remove_unused_inputs(g: &mut Graph) {
    let mut needed = vec![false; g.vars.len()];
    for data in &g.blocks {
        for op in &data.ops {
            mark(&mut needed, &op.args);
        }
        match &data.exit {
            Exit::If { cond, .. } => mark(&mut needed, &[*cond]),
            Exit::Switch { on, .. } => mark(&mut needed, &[*on]),
            _ => {}
        }
    }
    for &b in &[g.start, g.return_block, g.panic_block] {
        let inputs = g.block(b).inputs.clone();
        for v in inputs {
            needed[v.index()] = true;
        }
    }
    loop {
        let mut changed = false;
        for data in &g.blocks {
            for link in data.exit.links() {
                let inputs = &g.block(link.target).inputs;
                for (arg, input) in link.args.iter().zip(inputs) {
                    if let (true, Value::Var(v)) = (needed[input.index()], arg) {
                        if !needed[v.index()] {
                            needed[v.index()] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    for bi in 0..g.blocks.len() {
        let b = Block(bi as u32);
        if is_special(g, b) {
            continue;
        }
        let keep: Vec<bool> = g.blocks[bi]
            .inputs
            .iter()
            .map(|v| needed[v.index()])
            .collect();
        if keep.iter().all(|k| *k) {
            continue;
        }
        let inputs = std::mem::take(&mut g.blocks[bi].inputs);
        g.blocks[bi].inputs = filter(inputs, &keep);
        for data in &mut g.blocks {
            for link in data.exit.links_mut() {
                if link.target == b {
                    let args = std::mem::take(&mut link.args);
                    link.args = filter(args, &keep);
                }
            }
        }
    }
}

fn mark(used: &mut [bool], values: &[Value]) {
    for v in values {
        if let Value::Var(v) = v {
            used[v.index()] = true;
        }
    }
}

fn filter<T>(items: Vec<T>, keep: &[bool]) -> Vec<T> {
    items
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(x, _)| x)
        .collect()
}

/// Merges every ordinary block into its predecessor when that predecessor is the only
/// one (one link in the whole graph) and ends in a `goto` to it.
fn merge_chains(g: &mut Graph) {
    loop {
        let mut preds: HashMap<Block, usize> = HashMap::new();
        for data in &g.blocks {
            for link in data.exit.links() {
                *preds.entry(link.target).or_default() += 1;
            }
        }
        let mut merged = false;
        for pi in 0..g.blocks.len() {
            let Exit::Goto(link) = &g.blocks[pi].exit else {
                continue;
            };
            let b = link.target;
            if is_special(g, b) || b.index() == pi || preds.get(&b) != Some(&1) {
                continue;
            }
            let args = link.args.clone();
            let data = std::mem::replace(
                &mut g.blocks[b.index()],
                crate::model::BlockData {
                    inputs: Vec::new(),
                    ops: Vec::new(),
                    exit: Exit::Panic,
                },
            );
            let subst: HashMap<Var, Value> = data.inputs.iter().copied().zip(args).collect();
            let s = |v: Value| match v {
                Value::Var(x) => subst.get(&x).copied().unwrap_or(v),
                c => c,
            };
            let mut ops = data.ops;
            for op in &mut ops {
                for a in &mut op.args {
                    *a = s(*a);
                }
            }
            let mut exit = data.exit;
            match &mut exit {
                Exit::If { cond, .. } => *cond = s(*cond),
                Exit::Switch { on, .. } => *on = s(*on),
                _ => {}
            }
            for l in exit.links_mut() {
                for a in &mut l.args {
                    *a = s(*a);
                }
            }
            let pred = &mut g.blocks[pi];
            pred.ops.extend(ops);
            pred.exit = exit;
            merged = true;
            break;
        }
        if !merged {
            break;
        }
    }
    remove_unreachable(g);
}
