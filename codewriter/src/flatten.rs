//! Flattening, as RPython's `flatten.py`: the blocks of a [`JGraph`] become one list
//! of instructions with labels and registers.
//!
//! Blocks are laid out in depth-first order, so that a link to the next block falls
//! through. The arguments of a link become register moves into the target's inputs (a
//! parallel move: cycles are broken with the kind's temporary slot, `*_push` and
//! `*_pop`). Links to the return block become `*_return` (several values: one
//! `*_set_result` each, then `void_return`), links to the panic block `panic`. A branch
//! whose link needs moves (or returns, or panics) jumps to a landing pad holding them,
//! placed after the last block so that the other link can fall through. A `-live-` placeholder
//! goes before every instruction that may become a guard and after every inline call;
//! [`crate::liveness`] fills them.

use crate::jitcode::{Arg, Assembler, Kind, Label, Opcode};
use crate::jtransform::{return_opcode, set_result_opcode, JArg, JExit, JGraph, JLink, JOp};
use crate::regalloc::Allocation;

/// One item of the flat code.
#[derive(Clone, Debug, PartialEq)]
pub enum FItem {
    Label(Label),
    /// An instruction, operands in argcode order with the result register last.
    Insn(Opcode, Vec<Arg>),
    /// A `-live-` point with its live registers per kind (filled by the liveness step).
    Live([Vec<u8>; 3]),
}

struct Flattener<'a> {
    jg: &'a JGraph,
    alloc: &'a Allocation,
    labels: Vec<Label>,
    items: Vec<FItem>,
    /// Landing pads, emitted after the last block: their labels and links.
    pads: Vec<(Label, &'a JLink)>,
    asm: &'a mut Assembler,
}

/// Flattens `jg` with the registers of `alloc`, creating labels in `asm`.
pub fn flatten(jg: &JGraph, alloc: &Allocation, asm: &mut Assembler) -> Vec<FItem> {
    let labels = (0..jg.blocks.len()).map(|_| asm.new_label()).collect();
    let mut f = Flattener {
        jg,
        alloc,
        labels,
        items: Vec::new(),
        pads: Vec::new(),
        asm,
    };
    for (k, &b) in jg.order.iter().enumerate() {
        let next = jg.order.get(k + 1).copied();
        f.block(b, next);
    }
    for (label, link) in std::mem::take(&mut f.pads) {
        f.items.push(FItem::Label(label));
        f.link(link, None);
    }
    f.items
}

impl<'a> Flattener<'a> {
    fn reg(&self, v: rtyper::LlVar) -> Arg {
        Arg::Reg(self.jg.kind(v), self.alloc.reg(v) as u8)
    }

    fn arg(&self, a: &JArg) -> Arg {
        match a {
            JArg::Var(v) => self.reg(*v),
            JArg::Const(c) => c.clone(),
            JArg::Descr(d) => Arg::Descr(*d),
            JArg::List(_, items) => Arg::List(items.iter().map(|i| self.arg(i)).collect()),
        }
    }

    fn insn(&mut self, opcode: Opcode, args: Vec<Arg>) {
        // One `-live-` serves both a call before and a guard after.
        if opcode.is_guard_point() && !matches!(self.items.last(), Some(FItem::Live(_))) {
            self.items.push(FItem::Live(Default::default()));
        }
        self.items.push(FItem::Insn(opcode, args));
        if opcode.is_call() && !opcode.is_residual_call() {
            self.items.push(FItem::Live(Default::default()));
        }
    }

    fn op(&mut self, op: &JOp, label: Option<Label>) {
        let mut args: Vec<Arg> = op.args.iter().map(|a| self.arg(a)).collect();
        if let Some(l) = label {
            args.push(Arg::Label(l));
        }
        if let Some(r) = op.result {
            args.push(self.reg(r));
        }
        self.insn(op.opcode, args);
    }

    fn block(&mut self, b: usize, next: Option<usize>) {
        self.items.push(FItem::Label(self.labels[b]));
        let jg: &'a JGraph = self.jg;
        let block = &jg.blocks[b];
        for op in &block.ops {
            self.op(op, None);
        }
        match &block.exit {
            JExit::Goto(l) => self.link(l, next),
            JExit::Branch {
                opcode,
                args,
                then,
                otherwise,
            } => {
                let mut a: Vec<Arg> = args.iter().map(|x| self.arg(x)).collect();
                if self.is_plain(otherwise) {
                    a.push(Arg::Label(self.labels[otherwise.target]));
                    self.insn(*opcode, a);
                    self.link(then, next);
                } else {
                    let pad = self.asm.new_label();
                    a.push(Arg::Label(pad));
                    self.insn(*opcode, a);
                    self.pads.push((pad, otherwise));
                    self.link(then, next);
                }
            }
            JExit::Switch { on, cases, default } => {
                let mut pads = Vec::new();
                let mut table = Vec::new();
                for (value, l) in cases {
                    if self.is_plain(l) {
                        table.push((*value, self.labels[l.target]));
                    } else {
                        let pad = self.asm.new_label();
                        table.push((*value, pad));
                        pads.push((pad, l));
                    }
                }
                let on = self.arg(on);
                self.insn(Opcode::Switch, vec![on, Arg::Switch(table)]);
                self.pads.extend(pads);
                self.link(default, next);
            }
            JExit::Overflow { op, ok, overflow } => {
                if self.is_plain(overflow) {
                    self.op(op, Some(self.labels[overflow.target]));
                    self.link(ok, next);
                } else {
                    let pad = self.asm.new_label();
                    self.op(op, Some(pad));
                    self.pads.push((pad, overflow));
                    self.link(ok, next);
                }
            }
            JExit::Return | JExit::Panic => {}
        }
    }

    /// A link that is a plain jump: to a block, with no moves needed.
    fn is_plain(&self, l: &JLink) -> bool {
        if l.target == self.jg.return_block || l.target == self.jg.panic_block {
            return false;
        }
        let inputs = &self.jg.blocks[l.target].inputs;
        l.args
            .iter()
            .zip(inputs)
            .all(|(a, i)| self.arg(a) == self.reg(*i))
    }

    fn link(&mut self, l: &JLink, next: Option<usize>) {
        if l.target == self.jg.return_block {
            match l.args.as_slice() {
                [] => self.insn(Opcode::VoidReturn, vec![]),
                [a] => {
                    let kind = self.jg.arg_kind(a);
                    let a = self.arg(a);
                    self.insn(return_opcode(kind), vec![a]);
                }
                several => {
                    for (k, a) in several.iter().enumerate() {
                        let kind = self.jg.arg_kind(a);
                        let a = self.arg(a);
                        self.insn(set_result_opcode(kind), vec![Arg::Int(k as i64), a]);
                    }
                    self.insn(Opcode::VoidReturn, vec![]);
                }
            }
            return;
        }
        if l.target == self.jg.panic_block {
            let message = match l.args.first() {
                Some(a) => self.arg(a),
                None => Arg::Ref(crate::jitcode::RefConst::Str("explicit panic".into())),
            };
            self.insn(Opcode::Panic, vec![message]);
            return;
        }
        let inputs = self.jg.blocks[l.target].inputs.clone();
        for kind in Kind::ALL {
            let moves: Vec<(Arg, u8)> = l
                .args
                .iter()
                .zip(&inputs)
                .filter(|(_, i)| self.jg.kind(**i) == kind)
                .map(|(a, i)| (self.arg(a), self.alloc.reg(*i) as u8))
                .collect();
            self.parallel_move(kind, moves);
        }
        if next != Some(l.target) {
            self.insn(Opcode::Goto, vec![Arg::Label(self.labels[l.target])]);
        }
    }

    /// Emits moves so that each destination register gets its source's value as it was
    /// before any of them.
    fn parallel_move(&mut self, kind: Kind, moves: Vec<(Arg, u8)>) {
        let (copy, push, pop) = match kind {
            Kind::Int => (Opcode::IntCopy, Opcode::IntPush, Opcode::IntPop),
            Kind::Ref => (Opcode::RefCopy, Opcode::RefPush, Opcode::RefPop),
            Kind::Float => (Opcode::FloatCopy, Opcode::FloatPush, Opcode::FloatPop),
        };
        // `None` as a source is the temporary slot.
        let mut pending: Vec<(Option<Arg>, u8)> = moves
            .into_iter()
            .filter(|(src, dst)| *src != Arg::Reg(kind, *dst))
            .map(|(s, d)| (Some(s), d))
            .collect();
        while !pending.is_empty() {
            let is_source = |r: u8, pending: &[(Option<Arg>, u8)]| {
                pending.iter().any(|(s, _)| *s == Some(Arg::Reg(kind, r)))
            };
            if let Some(k) = (0..pending.len()).find(|&k| !is_source(pending[k].1, &pending)) {
                let (src, dst) = pending.remove(k);
                match src {
                    Some(src) => self.insn(copy, vec![src, Arg::Reg(kind, dst)]),
                    None => self.insn(pop, vec![Arg::Reg(kind, dst)]),
                }
                continue;
            }
            // Only cycles remain: save one destination, whose readers take it from the
            // temporary slot.
            let dst = pending[0].1;
            self.insn(push, vec![Arg::Reg(kind, dst)]);
            for (s, _) in pending.iter_mut() {
                if *s == Some(Arg::Reg(kind, dst)) {
                    *s = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the moves of `items` on a register file.
    fn simulate(items: &[FItem], regs: &mut [i64]) {
        let value = |a: &Arg, regs: &[i64]| match a {
            Arg::Reg(_, r) => regs[*r as usize],
            Arg::Int(n) => *n,
            other => panic!("unexpected operand {other:?}"),
        };
        let mut tmp = None;
        for item in items {
            match item {
                FItem::Insn(Opcode::IntCopy, args) => {
                    let v = value(&args[0], regs);
                    let Arg::Reg(_, d) = args[1] else {
                        panic!("copy to a constant")
                    };
                    regs[d as usize] = v;
                }
                FItem::Insn(Opcode::IntPush, args) => tmp = Some(value(&args[0], regs)),
                FItem::Insn(Opcode::IntPop, args) => {
                    let Arg::Reg(_, d) = args[0] else {
                        panic!("pop to a constant")
                    };
                    regs[d as usize] = tmp.expect("pop after push");
                }
                other => panic!("unexpected item {other:?}"),
            }
        }
    }

    #[test]
    fn parallel_moves_of_every_shape() {
        let jg = JGraph {
            name: "t".to_owned(),
            kinds: Vec::new(),
            blocks: Vec::new(),
            start: 0,
            return_block: 0,
            panic_block: 0,
            order: Vec::new(),
        };
        let alloc = Allocation { regs: Vec::new() };
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..2000 {
            // Distinct destinations among 8 registers; sources are registers or constants.
            let mut dsts: Vec<u8> = (0..8).collect();
            for k in (1..dsts.len()).rev() {
                dsts.swap(k, next(k as u64 + 1) as usize);
            }
            dsts.truncate(1 + next(8) as usize);
            let moves: Vec<(Arg, u8)> = dsts
                .iter()
                .map(|&d| {
                    let src = if next(5) == 0 {
                        Arg::Int(-1 - next(100) as i64)
                    } else {
                        Arg::Reg(Kind::Int, next(8) as u8)
                    };
                    (src, d)
                })
                .collect();
            let mut asm = Assembler::new("t");
            let mut f = Flattener {
                jg: &jg,
                alloc: &alloc,
                labels: Vec::new(),
                items: Vec::new(),
                pads: Vec::new(),
                asm: &mut asm,
            };
            f.parallel_move(Kind::Int, moves.clone());
            let before: Vec<i64> = (0..8).map(|r| 100 + r).collect();
            let mut regs = before.clone();
            simulate(&f.items, &mut regs);
            let mut want = before.clone();
            for (src, d) in &moves {
                want[*d as usize] = match src {
                    Arg::Reg(_, r) => before[*r as usize],
                    Arg::Int(n) => *n,
                    _ => unreachable!(),
                };
            }
            assert_eq!(regs, want, "moves {moves:?} gave {:?}", f.items);
        }
    }
}
