//! Register allocation, as RPython's `regalloc.py`: one register per variable, per kind,
//! by greedy colouring of the interference graph.
//!
//! In a [`JGraph`] values flow between blocks only through links, so liveness is local
//! to each block: walking a block backwards from its exit (whose links and operands read
//! values), every variable defined interferes with everything live after its definition;
//! the inputs of a block are all written at once by the moves of the incoming link, so
//! they interfere pairwise. A link argument and the input it feeds are coalesced (given
//! one register, so that no move is needed) when they do not interfere. The parameters
//! (the start block's inputs) are precoloured: the `k`-th parameter of a kind arrives in
//! register `k` of that kind.

use crate::jitcode::Kind;
use crate::jtransform::{JArg, JExit, JGraph};
use rtyper::LlVar;
use std::collections::{BTreeSet, HashSet};

/// The register of every variable that needs one, indexed by [`LlVar`].
#[derive(Clone, Debug)]
pub struct Allocation {
    pub regs: Vec<Option<u16>>,
}

impl Allocation {
    /// The register of `v`.
    pub fn reg(&self, v: LlVar) -> u16 {
        self.regs.get(v.index()).copied().flatten().unwrap_or(0)
    }
}

fn arg_vars(a: &JArg, out: &mut Vec<LlVar>) {
    match a {
        JArg::Var(v) => out.push(*v),
        JArg::List(_, items) => items.iter().for_each(|i| arg_vars(i, out)),
        _ => {}
    }
}

/// The variables `args` read.
pub fn vars_of<'a>(args: impl IntoIterator<Item = &'a JArg>) -> Vec<LlVar> {
    let mut out = Vec::new();
    for a in args {
        arg_vars(a, &mut out);
    }
    out
}

struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn find(&mut self, v: u32) -> u32 {
        let mut r = v;
        while self.parent[r as usize] != r {
            r = self.parent[r as usize];
        }
        let mut x = v;
        while self.parent[x as usize] != r {
            let next = self.parent[x as usize];
            self.parent[x as usize] = r;
            x = next;
        }
        r
    }
}

/// Allocates registers for every variable of `jg`.
pub fn allocate(jg: &JGraph) -> Allocation {
    let n = jg.kinds.len();
    let mut neigh: Vec<HashSet<u32>> = vec![HashSet::new(); n];
    let mut defined = vec![false; n];
    let interfere = |a: LlVar, b: LlVar, neigh: &mut Vec<HashSet<u32>>| {
        if a != b && jg.kind(a) == jg.kind(b) {
            neigh[a.index()].insert(b.0);
            neigh[b.index()].insert(a.0);
        }
    };
    let mut pairs = Vec::new();
    for &bi in &jg.order {
        let block = &jg.blocks[bi];
        let mut live: BTreeSet<LlVar> = BTreeSet::new();
        for l in block.exit.links() {
            live.extend(vars_of(&l.args));
            if let Some(target) = jg.blocks.get(l.target) {
                for (a, i) in l.args.iter().zip(&target.inputs) {
                    if let JArg::Var(a) = a {
                        pairs.push((*a, *i));
                    }
                }
            }
        }
        match &block.exit {
            JExit::Overflow { op, .. } => {
                if let Some(r) = op.result {
                    defined[r.index()] = true;
                    for &v in &live {
                        interfere(r, v, &mut neigh);
                    }
                    live.remove(&r);
                }
                live.extend(vars_of(&op.args));
            }
            other => live.extend(vars_of(other.operands())),
        }
        for op in block.ops.iter().rev() {
            if let Some(r) = op.result {
                defined[r.index()] = true;
                for &v in &live {
                    interfere(r, v, &mut neigh);
                }
                live.remove(&r);
            }
            live.extend(vars_of(&op.args));
        }
        for (k, &a) in block.inputs.iter().enumerate() {
            defined[a.index()] = true;
            for &b in &block.inputs[k + 1..] {
                interfere(a, b, &mut neigh);
            }
            for &v in &live {
                interfere(a, v, &mut neigh);
            }
        }
    }
    // Coalescing.
    let mut uf = UnionFind {
        parent: (0..n as u32).collect(),
    };
    let mut class_neigh: Vec<HashSet<u32>> = neigh.clone();
    for (a, i) in pairs {
        if jg.kind(a) != jg.kind(i) {
            continue;
        }
        let (ra, ri) = (uf.find(a.0), uf.find(i.0));
        if ra == ri {
            continue;
        }
        let clash = class_neigh[ra as usize]
            .iter()
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .any(|x| uf.find(x) == ri);
        if clash {
            continue;
        }
        uf.parent[ri as usize] = ra;
        let moved = std::mem::take(&mut class_neigh[ri as usize]);
        class_neigh[ra as usize].extend(moved);
    }
    // Colouring: parameters first, at their fixed registers.
    let mut color: Vec<Option<u16>> = vec![None; n];
    let mut counts = [0u16; 3];
    for &p in &jg.blocks[jg.start].inputs {
        let kind = jg.kind(p) as usize;
        let root = uf.find(p.0) as usize;
        if color[root].is_none() {
            color[root] = Some(counts[kind]);
        }
        counts[kind] += 1;
    }
    for v in 0..n as u32 {
        if !defined[v as usize] {
            continue;
        }
        let root = uf.find(v) as usize;
        if color[root].is_some() {
            continue;
        }
        let taken: HashSet<u16> = class_neigh[root]
            .iter()
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .filter_map(|x| color[uf.find(x) as usize])
            .collect();
        let mut c = 0;
        while taken.contains(&c) {
            c += 1;
        }
        color[root] = Some(c);
    }
    let regs = (0..n as u32)
        .map(|v| {
            if defined[v as usize] || jg.blocks[jg.start].inputs.contains(&LlVar(v)) {
                color[uf.find(v) as usize]
            } else {
                None
            }
        })
        .collect();
    Allocation { regs }
}

/// The number of registers of `kind` the allocation uses.
pub fn num_regs(jg: &JGraph, alloc: &Allocation, kind: Kind) -> usize {
    alloc
        .regs
        .iter()
        .enumerate()
        .filter(|(v, r)| r.is_some() && jg.kinds[*v] == kind)
        .filter_map(|(_, r)| *r)
        .map(|r| r as usize + 1)
        .max()
        .unwrap_or(0)
}
