//! Liveness, as RPython's `liveness.py`: the registers live at each `-live-` point of
//! the flat code.
//!
//! A register is live at a point if some path from there reads it before writing it.
//! The analysis runs backwards over the flat code until nothing changes: an
//! instruction's successors are the next item (unless it ends the straight-line code)
//! and its labels (branches, switch tables). A `-live-` point's registers are those
//! live just after it: what a frame resumed there needs.

use crate::flatten::FItem;
use crate::jitcode::{Arg, Kind, Label};
use std::collections::{BTreeSet, HashMap};

/// A register: its kind and number.
type Reg = (Kind, u8);

type Live = BTreeSet<Reg>;

fn uses_defs(opcode: crate::jitcode::Opcode, args: &[Arg]) -> (Vec<Reg>, Option<Reg>) {
    let mut uses = Vec::new();
    let has_result = opcode.result_kind().is_some();
    let n = args.len();
    let mut def = None;
    for (k, a) in args.iter().enumerate() {
        if has_result && k + 1 == n {
            if let Arg::Reg(kind, r) = a {
                def = Some((*kind, *r));
            }
            continue;
        }
        match a {
            Arg::Reg(kind, r) => uses.push((*kind, *r)),
            Arg::List(items) => {
                for i in items {
                    if let Arg::Reg(kind, r) = i {
                        uses.push((*kind, *r));
                    }
                }
            }
            _ => {}
        }
    }
    (uses, def)
}

fn targets(args: &[Arg]) -> Vec<Label> {
    let mut out = Vec::new();
    for a in args {
        match a {
            Arg::Label(l) => out.push(*l),
            Arg::Switch(cases) => out.extend(cases.iter().map(|(_, l)| *l)),
            _ => {}
        }
    }
    out
}

/// Fills every `-live-` placeholder of `items` with its live registers.
pub fn compute(items: &mut [FItem]) {
    let n = items.len();
    let mut at_label: HashMap<Label, usize> = HashMap::new();
    for (k, item) in items.iter().enumerate() {
        if let FItem::Label(l) = item {
            at_label.insert(*l, k);
        }
    }
    // live_in[k]: live before item k; live_in[n] is empty.
    let mut live_in: Vec<Live> = vec![Live::new(); n + 1];
    loop {
        let mut changed = false;
        for k in (0..n).rev() {
            let new = match &items[k] {
                FItem::Label(_) | FItem::Live(_) => live_in[k + 1].clone(),
                FItem::Insn(opcode, args) => {
                    let mut out = if opcode.is_final() {
                        Live::new()
                    } else {
                        live_in[k + 1].clone()
                    };
                    for l in targets(args) {
                        if let Some(&t) = at_label.get(&l) {
                            out.extend(live_in[t].iter().copied());
                        }
                    }
                    let (uses, def) = uses_defs(*opcode, args);
                    if let Some(d) = def {
                        out.remove(&d);
                    }
                    out.extend(uses);
                    out
                }
            };
            if new != live_in[k] {
                live_in[k] = new;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (k, item) in items.iter_mut().enumerate() {
        if let FItem::Live(regs) = item {
            let mut out: [Vec<u8>; 3] = Default::default();
            for (kind, r) in &live_in[k + 1] {
                out[*kind as usize].push(*r);
            }
            *regs = out;
        }
    }
}
