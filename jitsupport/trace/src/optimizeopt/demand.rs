//! Masks nobody needs: which bits of each int box are *demanded* (read by something that
//! depends on them), and the `int_and(x, C)` / `int_signext(x, n)` uses that demand only
//! bits the mask or the sign extension leaves as they are, which then read `x` instead.
//!
//! bf's cells are bytes: the body of its loop computes `c' = (c + 3) & 255`, stores `c'`
//! as a byte and passes it to the next iteration, which adds to it again. The store reads
//! the low 8 bits only, and so does the next iteration's add, whose result is masked or
//! stored in turn: the mask changes no bit anyone reads, so the store and the jump take
//! `c + 3` and the `int_and` goes (gcc keeps such cells in byte registers).
//!
//! Demand flows backwards, from each use to the operands (a bit mask per box):
//! - `int_add`, `int_sub`, `int_mul`, `int_neg`: the low bits of the result depend only on
//!   the low bits of the operands, so an operand is demanded up to the result's highest
//!   demanded bit;
//! - `int_and`, `int_or`, `int_xor`, `int_invert`: bit by bit (an `int_and` with a
//!   constant demands only the constant's bits of its other operand); `int_lshift` by a
//!   constant: shifted; `int_signext(x, n)`: the low `8n` bits;
//! - a narrow store (field or item of fewer than 8 bytes): the stored bits of its value;
//! - the loop's `jump`: what the label's argument at that position is demanded for in the
//!   body (a fixpoint: the body demands its label arguments through its own jump);
//! - anything else (comparisons, guards' fail args, calls, a `finish`, a jump to another
//!   trace's label): every bit.
//!
//! A label argument then holds a value right in its demanded bits only, which is all its
//! readers look at; a bridge or a preamble that jumps to the label passes the exact value,
//! which is right in every bit. Only uses after the loop's label are rewritten (the label
//! redefines its arguments there), and ops before it keep their exact values.

use crate::ops::Opcode;
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;
use std::rc::Rc;

/// Every bit.
const ALL: u64 = u64::MAX;

/// `trace` with each use of a mask or sign extension that changes no demanded bit reading
/// the unmasked value instead (run `remove_dead_ops` after: the masks may be unused).
pub fn drop_undemanded_masks(trace: Trace) -> Trace {
    let Some(label_at) = loop_label(&trace) else {
        return trace;
    };
    // The label's arguments get boxes of their own after it, so that what the preamble
    // does with the values it passes (a guard's fail args) does not count as a use of the
    // label's arguments.
    let (mut trace, back) = split_params(trace, label_at);
    let params: Vec<Value> = trace.ops[label_at].args.clone();
    let demand = demanded_bits(&trace, &params);
    // What each box is, as a mask or sign extension of another, after the label.
    let mut masks: HashMap<BoxId, (Value, u64)> = HashMap::new();
    for i in label_at + 1..trace.ops.len() {
        let op = &trace.ops[i];
        let wanted: Vec<u64> = operand_demands(op, &demand, &params);
        let mut op = op.clone();
        for (a, &d) in op.args.iter_mut().zip(&wanted) {
            while let Some(&(x, kept)) = a.as_box().and_then(|b| masks.get(&b)) {
                if d & !kept != 0 {
                    break;
                }
                *a = x;
            }
        }
        if let Some((r, m)) = op.result.zip(mask_of(&op)) {
            masks.insert(r, m);
        }
        trace.ops[i] = op;
    }
    for op in &mut trace.ops[label_at..] {
        for a in op.args.iter_mut().chain(op.fail_args.iter_mut().flatten()) {
            if let Some(&b) = a.as_box().and_then(|b| back.get(&b)) {
                *a = Value::Box(b);
            }
        }
    }
    trace
}

/// `trace` with each box argument of the label at `label_at` renamed to a fresh box from
/// the label on, and the map back.
fn split_params(mut trace: Trace, label_at: usize) -> (Trace, HashMap<BoxId, BoxId>) {
    let mut fresh: HashMap<BoxId, BoxId> = HashMap::new();
    let params: Vec<BoxId> = trace.ops[label_at]
        .args
        .iter()
        .filter_map(|a| a.as_box())
        .collect();
    for p in params {
        fresh.entry(p).or_insert_with(|| trace.new_box(p.kind()));
    }
    for op in &mut trace.ops[label_at..] {
        for a in op.args.iter_mut().chain(op.fail_args.iter_mut().flatten()) {
            if let Some(&f) = a.as_box().and_then(|b| fresh.get(&b)) {
                *a = Value::Box(f);
            }
        }
    }
    let back = fresh.into_iter().map(|(p, f)| (f, p)).collect();
    (trace, back)
}

/// The position of the label the trace's final jump goes to, if it is in the trace.
fn loop_label(trace: &Trace) -> Option<usize> {
    let jump = trace.ops.last().filter(|op| op.opcode == Opcode::Jump)?;
    let target = jump.target()?;
    trace.ops.iter().position(|op| {
        op.opcode == Opcode::Label && op.target().is_some_and(|t| Rc::ptr_eq(t, target))
    })
}

/// `(x, bits)` when `op`'s result equals `x` in `bits`: `int_and(x, C)` (the bits of `C`),
/// `int_signext(x, n)` (the low `8n`).
fn mask_of(op: &Op) -> Option<(Value, u64)> {
    match op.opcode {
        Opcode::IntAnd => {
            let (x, c) = match (op.args[0].as_int(), op.args[1].as_int()) {
                (None, Some(c)) => (op.args[0], c),
                (Some(c), None) => (op.args[1], c),
                _ => return None,
            };
            Some((x, c as u64))
        }
        Opcode::IntSignext => {
            let n = op.args[1].as_int()?;
            Some((op.args[0], low_bits(8 * u32::try_from(n).ok()?)))
        }
        _ => None,
    }
}

/// The demanded bits of every int box of `trace`, whose final jump goes to the label
/// with arguments `params` (boxes not in the map: none).
fn demanded_bits(trace: &Trace, params: &[Value]) -> HashMap<BoxId, u64> {
    let mut demand: HashMap<BoxId, u64> = HashMap::new();
    // The jump feeds the label's arguments, which the body reads: repeat until nothing
    // grows (each round only adds bits, so this ends).
    loop {
        let mut changed = false;
        for op in trace.ops.iter().rev() {
            let result_demand = op
                .result
                .map_or(0, |r| demand.get(&r).copied().unwrap_or(0));
            let mut wanted = operand_demands(op, &demand, params);
            if op.result.is_some() && result_demand == 0 && op.opcode.has_no_side_effect() {
                // A dead op demands nothing.
                wanted.iter_mut().for_each(|d| *d = 0);
            }
            let fail_args = op.fail_args.iter().flatten().map(|&a| (a, ALL));
            for (a, d) in op.args.iter().copied().zip(wanted).chain(fail_args) {
                if let Some(b) = a.as_box() {
                    let e = demand.entry(b).or_insert(0);
                    if *e | d != *e {
                        *e |= d;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return demand;
        }
    }
}

/// The demanded bits of each of `op`'s arguments, given the demand of its result and, for
/// the loop's jump, of the label's arguments `params`.
fn operand_demands(op: &Op, demand: &HashMap<BoxId, u64>, params: &[Value]) -> Vec<u64> {
    use Opcode::*;
    let of = |v: &Value| {
        v.as_box()
            .map_or(0, |b| demand.get(&b).copied().unwrap_or(0))
    };
    let d = op
        .result
        .map_or(ALL, |r| demand.get(&r).copied().unwrap_or(0));
    let n = op.args.len();
    match op.opcode {
        IntAdd | IntSub | IntMul | IntNeg => vec![up_to_highest(d); n],
        IntOr | IntXor | IntInvert => vec![d; n],
        IntAnd => op
            .args
            .iter()
            .enumerate()
            .map(|(k, _)| match op.args[1 - k].as_int() {
                Some(c) => d & c as u64,
                None => d,
            })
            .collect(),
        IntLshift => match op.args[1].as_int().and_then(|c| u32::try_from(c).ok()) {
            Some(c) if c < 64 => vec![d >> c, ALL],
            _ => vec![ALL; n],
        },
        IntSignext => match op.args[1].as_int().and_then(|c| u32::try_from(c).ok()) {
            Some(bytes) if bytes < 8 => vec![low_bits(8 * bytes), ALL],
            _ => vec![ALL; n],
        },
        SetarrayitemRaw | SetarrayitemGc | SetfieldGc | SetfieldRaw => {
            let stored = stored_bytes(op).map_or(ALL, |bytes| low_bits(8 * bytes));
            let value_at = n - 1;
            (0..n)
                .map(|k| if k == value_at { stored } else { ALL })
                .collect()
        }
        Jump if params.len() == n && op.target().is_some() => params.iter().map(of).collect(),
        // A label's arguments are the boxes its body reads: their demand is their own.
        Label => vec![0; n],
        _ => vec![ALL; n],
    }
}

/// How many bytes a narrow int store writes (`None`: a word, a ref or a float).
fn stored_bytes(op: &Op) -> Option<u32> {
    use crate::descr::Descr;
    let (size, kind) = match &op.descr {
        Some(Descr::Field(f)) => (f.size, f.kind),
        Some(Descr::Array(a)) => (a.item_size, a.kind),
        _ => return None,
    };
    (kind == crate::ops::Kind::Int && size < 8).then_some(u32::from(size))
}

/// The low `bits` bits.
fn low_bits(bits: u32) -> u64 {
    if bits >= 64 {
        ALL
    } else {
        (1u64 << bits) - 1
    }
}

/// Every bit up to the highest bit of `d`.
fn up_to_highest(d: u64) -> u64 {
    low_bits(64 - d.leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::drop_undemanded_masks;
    use crate::descr::{ArrayDescr, DescrTable};
    use crate::optimizeopt::remove_dead_ops;
    use crate::parse::parse;

    fn run(text: &str) -> String {
        let mut t = DescrTable::new();
        t.add_array(ArrayDescr::raw_bytes("u8"));
        let _ = t.target(1);
        let trace = parse(text, &mut t).unwrap();
        remove_dead_ops(drop_undemanded_masks(trace)).to_string()
    }

    #[test]
    fn a_byte_cell_carried_and_stored_needs_no_mask() {
        // i2 (cell 2) is only added to, stored and passed on: its mask goes. i1 (the
        // counter) is tested: its mask stays for the test and the fail args, the store
        // and the jump take the unmasked value.
        let out = run("[i0, i1, i2]
label(i0, i1, i2, descr=<Label1>)
i3 = int_add(i2, 3)
i4 = int_and(i3, 255)
i5 = int_sub(i1, 1)
i6 = int_and(i5, 255)
setarrayitem_raw(i0, 1, i4, descr=<ArrayDescr u8>)
setarrayitem_raw(i0, 0, i6, descr=<ArrayDescr u8>)
i7 = int_is_true(i6)
guard_true(i7, descr=<Guard1>) [i6]
jump(i0, i6, i4, descr=<Label1>)
");
        assert_eq!(
            out,
            "[i0, i1, i2]
label(i0, i1, i2, descr=<Label1>)
i3 = int_add(i2, 3)
i5 = int_sub(i1, 1)
i6 = int_and(i5, 255)
setarrayitem_raw(i0, 1, i3, descr=<ArrayDescr u8>)
setarrayitem_raw(i0, 0, i5, descr=<ArrayDescr u8>)
i7 = int_is_true(i6)
guard_true(i7, descr=<Guard1>) [i6]
jump(i0, i5, i3, descr=<Label1>)
"
        );
    }

    #[test]
    fn what_the_preamble_does_with_a_label_argument_does_not_count() {
        // i4 is in the preamble guard's fail args (every bit read there), but the body
        // reads only its low byte.
        let out = run("[i0, i1]
i3 = int_add(i1, 1)
i4 = int_and(i3, 255)
guard_true(i0, descr=<Guard1>) [i4]
label(i0, i4, descr=<Label1>)
i5 = int_add(i4, 1)
i6 = int_and(i5, 255)
setarrayitem_raw(i0, 0, i6, descr=<ArrayDescr u8>)
jump(i0, i6, descr=<Label1>)
");
        assert!(out.ends_with("setarrayitem_raw(i0, 0, i5, descr=<ArrayDescr u8>)\njump(i0, i5, descr=<Label1>)\n"), "{out}");
    }

    #[test]
    fn a_mask_whose_bits_are_read_stays() {
        // i2's next value is compared (every bit demanded), or divided, or passed to a
        // guard's fail args, or shifted right: no mask goes.
        for read in [
            "i8 = int_lt(i2, 100)\nguard_true(i8, descr=<Guard2>) []",
            "i8 = int_rshift(i2, 1)\nsetarrayitem_raw(i0, 2, i8, descr=<ArrayDescr u8>)",
            "guard_true(i0, descr=<Guard2>) [i2]",
        ] {
            let text = format!(
                "[i0, i2]
label(i0, i2, descr=<Label1>)
{read}
i3 = int_add(i2, 3)
i4 = int_and(i3, 255)
setarrayitem_raw(i0, 1, i4, descr=<ArrayDescr u8>)
jump(i0, i4, descr=<Label1>)
"
            );
            let out = run(&text);
            assert!(out.contains("i4 = int_and(i3, 255)"), "{read}:\n{out}");
            assert!(out.contains("jump(i0, i4,"), "{read}:\n{out}");
        }
    }
}
