//! The `intbounds` pass: what is known about the value of every int box, and what that
//! decides (PyPy's `intbounds.py`).
//!
//! Walking the trace forward, the pass keeps an [`IntBound`] (a range and known bits) for
//! every int box: constants, the results of arithmetic (forward propagation), reads of
//! narrow fields and array lengths, and what guards prove (a passed `guard_true(i3)` where
//! `i3 = int_lt(i1, i2)` narrows `i1` and `i2`, and through `i1 = int_add(i0, 1)` narrows
//! `i0` too: backward propagation). With the bounds it
//!
//! - replaces a pure op whose result is a known constant (a decided comparison) by the
//!   constant;
//! - removes a guard whose condition is known to hold;
//! - turns `int_add_ovf`/`int_sub_ovf`/`int_mul_ovf` into the plain op, and removes its
//!   `guard_no_overflow`, when the bounds show the op cannot overflow;
//! - decides `uint_lt`/`uint_ge` from relations guards proved, which ranges cannot hold
//!   (`x <u y`, `x != y`, `x != 0`), one step of `+ 1` or `- 1` at a time: bf checks the
//!   tape head against the tape's length after every move;
//! - drops ops that are the identity on the argument's range (`int_and(x, 255)` with `x` in
//!   `0..=255`, `int_signext`, `int_force_ge_zero`), and turns division and modulo of a
//!   non-negative value by a power of two into a shift and a mask.
//!
//! A guard known to fail is kept (it fails at run time, which is correct). At a `label`
//! the pass forgets everything: the label redefines its arguments.

use super::intutils::IntBound;
use super::{Emitter, OptContext, OptError};
use crate::descr::Descr;
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;

/// How deep backward propagation follows the definitions of narrowed boxes.
const MAX_BACKWARD_DEPTH: u32 = 4;

/// Runs the pass over `trace`.
pub fn run(trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
    let mut pass = IntBounds {
        out: Emitter::new(&trace),
        bounds: HashMap::new(),
        defs: HashMap::new(),
        ult: Vec::new(),
        ne: Vec::new(),
    };
    let mut ops = trace.ops.into_iter().peekable();
    while let Some(op) = ops.next() {
        let op = pass.out.resolve_op(op);
        let next_is_no_overflow = ops
            .peek()
            .is_some_and(|n| n.opcode == Opcode::GuardNoOverflow);
        if op.opcode.is_ovf() && next_is_no_overflow && pass.ovf_cannot_overflow(&op) {
            // ovf_to_plain: int_add_ovf(x, y); guard_no_overflow() => int_add(x, y)
            // when the bounds of x and y exclude overflow.
            ops.next();
            let plain = op.opcode.without_ovf().unwrap_or(op.opcode);
            pass.optimize(Op {
                opcode: plain,
                ..op
            });
            continue;
        }
        if op.opcode.is_ovf() && next_is_no_overflow {
            // The ovf op stays; after its guard, its result is the exact, unwrapped one.
            let (opcode, a, b) = (op.opcode, op.arg(0), op.arg(1));
            let result = op.result;
            pass.out.emit(op);
            if let Some(guard) = ops.next() {
                let guard = pass.out.resolve_op(guard);
                pass.out.emit(guard);
            }
            if let Some(r) = result {
                let bound = pass.no_overflow_bound(opcode, a, b);
                pass.set(r, bound);
                pass.defs.insert(r, (opcode, vec![a, b]));
            }
            continue;
        }
        pass.optimize(op);
    }
    Ok(pass.out.finish(ctx))
}

struct IntBounds {
    out: Emitter,
    /// The bound of every int box about which something is known.
    bounds: HashMap<BoxId, IntBound>,
    /// The defining op of int boxes (opcode and arguments), for backward propagation.
    defs: HashMap<BoxId, (Opcode, Vec<Value>)>,
    /// Relations guards proved, which ranges cannot hold: `x <u y` ...
    ult: Vec<(Value, Value)>,
    /// ... and `x != y`.
    ne: Vec<(Value, Value)>,
}

impl IntBounds {
    /// The bound of an int value.
    fn bound(&self, v: Value) -> IntBound {
        match v {
            Value::ConstInt(c) => IntBound::constant(c),
            Value::Box(b) => self.bounds.get(&b).copied().unwrap_or_default(),
            _ => IntBound::unbounded(),
        }
    }

    fn set(&mut self, b: BoxId, bound: IntBound) {
        if bound.is_unbounded() {
            self.bounds.remove(&b);
        } else {
            self.bounds.insert(b, bound);
        }
    }

    fn ovf_cannot_overflow(&self, op: &Op) -> bool {
        let (a, b) = (self.bound(op.arg(0)), self.bound(op.arg(1)));
        match op.opcode {
            Opcode::IntAddOvf => a.add_cannot_overflow(&b),
            Opcode::IntSubOvf => a.sub_cannot_overflow(&b),
            Opcode::IntMulOvf => a.mul_cannot_overflow(&b),
            _ => false,
        }
    }

    /// The bound of the result of an ovf op that did not overflow.
    fn no_overflow_bound(&self, opcode: Opcode, a: Value, b: Value) -> IntBound {
        let (a, b) = (self.bound(a), self.bound(b));
        match opcode {
            Opcode::IntAddOvf => IntBound::range(
                a.lower.saturating_add(b.lower),
                a.upper.saturating_add(b.upper),
            ),
            Opcode::IntSubOvf => IntBound::range(
                a.lower.saturating_sub(b.upper),
                a.upper.saturating_sub(b.lower),
            ),
            Opcode::IntMulOvf => {
                // The exact products lie between the products of the corners.
                let corners = [
                    i128::from(a.lower) * i128::from(b.lower),
                    i128::from(a.lower) * i128::from(b.upper),
                    i128::from(a.upper) * i128::from(b.lower),
                    i128::from(a.upper) * i128::from(b.upper),
                ];
                let clamp = |x: i128| x.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
                let lo = corners.iter().copied().min().map_or(i64::MIN, clamp);
                let hi = corners.iter().copied().max().map_or(i64::MAX, clamp);
                IntBound::range(lo, hi)
            }
            _ => IntBound::unbounded(),
        }
    }

    /// Handles one op whose arguments are resolved.
    fn optimize(&mut self, op: Op) {
        use Opcode::*;
        match op.opcode {
            Label => {
                // The label redefines its arguments: forget everything.
                self.bounds.clear();
                self.defs.clear();
                self.ult.clear();
                self.ne.clear();
                self.out.emit_label(op);
            }
            GuardTrue | GuardFalse => {
                let want = i64::from(op.opcode == GuardTrue);
                let cond = op.arg(0);
                let bound = self.bound(cond);
                if bound.get_constant() == Some(want) {
                    // guard_decided: the condition is known to hold.
                    return;
                }
                self.out.emit(op);
                self.narrow(cond, &IntBound::constant(want), 0);
            }
            GuardValue if op.arg(0).kind() == Kind::Int => {
                let (x, c) = (op.arg(0), self.bound(op.arg(1)));
                if self.bound(x).known_eq(&c) {
                    // guard_value_decided: the value is known to be the constant.
                    return;
                }
                self.out.emit(op);
                self.narrow(x, &c, 0);
            }
            _ => self.optimize_plain(op),
        }
    }

    /// Handles an op that is not a label or an int guard.
    fn optimize_plain(&mut self, op: Op) {
        let Some(r) = op.result.filter(|r| r.kind() == Kind::Int) else {
            self.out.emit(op);
            return;
        };
        if let (Opcode::UintLt | Opcode::UintGe, [x, y]) = (op.opcode, op.args.as_slice()) {
            if self.proves_ult(*x, *y) {
                // ult_related: uint_lt(x, y) => 1 and uint_ge(x, y) => 0 when guards
                // proved x <u y, or a <u y for x = a + 1 with x != y, or for x = a - 1 with
                // a != 0 (bf's bounds check after moving the tape head by one).
                self.ult.push((*x, *y));
                let known = i64::from(op.opcode == Opcode::UintLt);
                self.out.replace(r, Value::ConstInt(known));
                return;
            }
        }
        let bound = self.result_bound(&op);
        if op.opcode.is_pure() && !op.opcode.is_call() {
            if let Some(c) = bound.get_constant() {
                // known_constant: a pure op whose result the bounds decide.
                self.out.replace(r, Value::ConstInt(c));
                return;
            }
            if let Some(v) = self.identity(&op) {
                self.out.replace(r, v);
                return;
            }
            if let Some(strength_reduced) = self.strength_reduce(&op) {
                self.set(r, bound);
                self.defs
                    .insert(r, (strength_reduced.opcode, strength_reduced.args.clone()));
                self.out.emit(strength_reduced);
                return;
            }
        }
        self.set(r, bound);
        if matches!(op.opcode, Opcode::IntAdd | Opcode::IntSub) || op.opcode.is_comparison() {
            self.defs.insert(r, (op.opcode, op.args.clone()));
        }
        self.out.emit(op);
    }

    /// The argument an op returns unchanged given the bounds, if any.
    fn identity(&self, op: &Op) -> Option<Value> {
        use Opcode::*;
        let a = op.args.first().copied()?;
        let ba = self.bound(a);
        match op.opcode {
            // and_mask_noop: int_and(x, 2**k - 1) => x when 0 <= x < 2**k.
            IntAnd => {
                let b = op.arg(1);
                let bb = self.bound(b);
                let is_noop = |x: &IntBound, mask: &IntBound| {
                    mask.get_constant().is_some_and(|m| {
                        m >= 0
                            && (m as u64).wrapping_add(1).is_power_of_two()
                            && x.lower >= 0
                            && x.upper <= m
                    })
                };
                if is_noop(&ba, &bb) {
                    Some(a)
                } else if is_noop(&bb, &ba) {
                    Some(b)
                } else {
                    None
                }
            }
            // signext_noop: int_signext(x, n) => x when x fits in n bytes.
            IntSignext => {
                (ba.signext(&self.bound(op.arg(1))) == ba && !ba.is_unbounded()).then_some(a)
            }
            // force_ge_zero_noop: int_force_ge_zero(x) => x when x >= 0.
            IntForceGeZero => ba.known_nonnegative().then_some(a),
            _ => None,
        }
    }

    /// A cheaper op computing the same result given the bounds, if any.
    fn strength_reduce(&self, op: &Op) -> Option<Op> {
        use Opcode::*;
        if !matches!(op.opcode, IntFloorDiv | IntMod) {
            return None;
        }
        let (x, c) = (op.arg(0), self.bound(op.arg(1)).get_constant()?);
        if !self.bound(x).known_nonnegative() || c <= 0 || !(c as u64).is_power_of_two() {
            return None;
        }
        let (opcode, arg) = match op.opcode {
            // floordiv_pow2: int_floordiv(x, 2**k) => int_rshift(x, k) when x >= 0.
            IntFloorDiv => (IntRshift, Value::ConstInt(i64::from(c.trailing_zeros()))),
            // mod_pow2: int_mod(x, 2**k) => int_and(x, 2**k - 1) when x >= 0.
            _ => (IntAnd, Value::ConstInt(c - 1)),
        };
        Some(Op::new(opcode, vec![x, arg], op.result))
    }

    /// The bound of the int result of `op` (forward propagation).
    fn result_bound(&self, op: &Op) -> IntBound {
        use Opcode::*;
        let arg = |n: usize| self.bound(op.arg(n));
        match op.opcode {
            IntAdd => arg(0).add(&arg(1)),
            IntSub => arg(0).sub(&arg(1)),
            IntMul => arg(0).mul(&arg(1)),
            IntFloorDiv => arg(0).floordiv(&arg(1)),
            IntMod => arg(0).modulo(&arg(1)),
            IntAnd => arg(0).and(&arg(1)),
            IntOr => arg(0).or(&arg(1)),
            IntXor => arg(0).xor(&arg(1)),
            IntLshift => arg(0).lshift(&arg(1)),
            IntRshift => arg(0).rshift(&arg(1)),
            UintRshift => arg(0).urshift(&arg(1)),
            IntNeg => arg(0).neg(),
            IntInvert => arg(0).invert(),
            IntSignext => arg(0).signext(&arg(1)),
            IntForceGeZero => arg(0).force_ge_zero(),
            SameAsI => arg(0),
            IntLt | IntLe | IntGt | IntGe | IntEq | IntNe | UintLt | UintLe | UintGt | UintGe
            | IntIsZero | IntIsTrue => match self.decide(op.opcode, &op.args) {
                Some(known) => IntBound::constant(i64::from(known)),
                None => IntBound::boolean(),
            },
            _ if op.opcode.is_comparison() => IntBound::boolean(),
            ArraylenGc => IntBound::nonnegative(),
            GetfieldGcI | GetfieldRawI => match &op.descr {
                Some(Descr::Field(f)) => IntBound::of_memory(usize::from(f.size), f.signed),
                _ => IntBound::unbounded(),
            },
            GetarrayitemGcI | GetarrayitemRawI => match &op.descr {
                Some(Descr::Array(a)) => IntBound::of_memory(usize::from(a.item_size), a.signed),
                _ => IntBound::unbounded(),
            },
            _ => IntBound::unbounded(),
        }
    }

    /// The outcome of an int comparison, if the bounds decide it.
    fn decide(&self, opcode: Opcode, args: &[Value]) -> Option<bool> {
        use Opcode::*;
        let a = self.bound(args[0]);
        if let IntIsZero | IntIsTrue = opcode {
            let zero = IntBound::constant(0);
            let is_zero = if a.known_eq(&zero) {
                true
            } else if a.known_ne(&zero) {
                false
            } else {
                return None;
            };
            return Some(if opcode == IntIsZero {
                is_zero
            } else {
                !is_zero
            });
        }
        let b = self.bound(args[1]);
        let decided = |yes: bool, no: bool| {
            if yes {
                Some(true)
            } else if no {
                Some(false)
            } else {
                None
            }
        };
        // Unsigned comparisons of non-negative values are the signed ones.
        let both_nonneg = a.known_nonnegative() && b.known_nonnegative();
        match opcode {
            IntLt => decided(a.known_lt(&b), a.known_ge(&b)),
            IntLe => decided(a.known_le(&b), a.known_gt(&b)),
            IntGt => decided(a.known_gt(&b), a.known_le(&b)),
            IntGe => decided(a.known_ge(&b), a.known_lt(&b)),
            IntEq => decided(a.known_eq(&b), a.known_ne(&b)),
            IntNe => decided(a.known_ne(&b), a.known_eq(&b)),
            UintLt if both_nonneg => decided(a.known_lt(&b), a.known_ge(&b)),
            UintLe if both_nonneg => decided(a.known_le(&b), a.known_gt(&b)),
            UintGt if both_nonneg => decided(a.known_gt(&b), a.known_le(&b)),
            UintGe if both_nonneg => decided(a.known_ge(&b), a.known_lt(&b)),
            _ => None,
        }
    }

    /// Narrows the bound of `v` to `to` and propagates backward through its definition.
    /// A contradiction (the code is unreachable) narrows nothing.
    fn narrow(&mut self, v: Value, to: &IntBound, depth: u32) {
        let Value::Box(b) = v else { return };
        if b.kind() != Kind::Int {
            return;
        }
        let mut bound = self.bound(v);
        match bound.intersect(to) {
            Ok(true) => self.set(b, bound),
            Ok(false) | Err(_) => return,
        }
        if depth >= MAX_BACKWARD_DEPTH {
            return;
        }
        let Some((opcode, args)) = self.defs.get(&b).cloned() else {
            return;
        };
        self.propagate_backward(opcode, &args, &bound, depth + 1);
    }

    /// What a result's narrowed `bound` says about the arguments of its op.
    fn propagate_backward(&mut self, opcode: Opcode, args: &[Value], bound: &IntBound, depth: u32) {
        use Opcode::*;
        if opcode.is_comparison() {
            if let Some(outcome) = bound.get_constant() {
                self.narrow_comparison(opcode, args, outcome != 0, depth);
            }
            return;
        }
        let (a, b) = (args[0], args[1]);
        let (ba, bb) = (self.bound(a), self.bound(b));
        match opcode {
            // r = a + b (wrapping): a = r - b and b = r - a, exactly.
            IntAdd | IntAddOvf => {
                self.narrow(a, &bound.sub(&bb), depth);
                self.narrow(b, &bound.sub(&ba), depth);
            }
            // r = a - b: a = r + b and b = a - r.
            IntSub | IntSubOvf => {
                self.narrow(a, &bound.add(&bb), depth);
                self.narrow(b, &ba.sub(bound), depth);
            }
            _ => {}
        }
    }

    /// `v` as a value plus a constant, through the `int_add`/`int_sub` of constants that
    /// define it (wrapping: equal results mean equal values modulo 2^64).
    fn base_offset(&self, v: Value) -> (Value, i64) {
        use Opcode::*;
        let (mut v, mut offset) = (v, 0i64);
        for _ in 0..MAX_BACKWARD_DEPTH {
            let Value::Box(b) = v else { break };
            let (next, c) = match self.defs.get(&b) {
                Some((IntAdd, args)) => match args[..] {
                    [x, Value::ConstInt(c)] | [Value::ConstInt(c), x] => (x, c),
                    _ => break,
                },
                Some((IntSub, args)) => match args[..] {
                    [x, Value::ConstInt(c)] => (x, c.wrapping_neg()),
                    _ => break,
                },
                _ => break,
            };
            v = next;
            offset = offset.wrapping_add(c);
        }
        (v, offset)
    }

    /// `x != y` is known.
    fn known_ne(&self, x: Value, y: Value) -> bool {
        self.ne.contains(&(x, y))
            || self.ne.contains(&(y, x))
            || self.bound(x).known_ne(&self.bound(y))
    }

    /// `x <u y` follows from the relations guards proved: directly, or from `a <u y` where
    /// `x = a + 1` and `x != y` (`a + 1` cannot wrap: `a < y <= u64::MAX`, so `x <= y`), or
    /// where `x = a - 1` and `a != 0` (no wrap: `x < a < y`).
    fn proves_ult(&self, x: Value, y: Value) -> bool {
        if self.ult.contains(&(x, y)) {
            return true;
        }
        let (bx, ox) = self.base_offset(x);
        self.ult.iter().any(|&(a, b)| {
            if b != y {
                return false;
            }
            let (ba, oa) = self.base_offset(a);
            if ba != bx {
                return false;
            }
            if ox == oa.wrapping_add(1) {
                self.known_ne(x, y)
            } else if oa == ox.wrapping_add(1) {
                self.known_ne(a, Value::ConstInt(0))
            } else {
                false
            }
        })
    }

    /// Narrows the arguments of a comparison known to be `outcome`.
    fn narrow_comparison(&mut self, opcode: Opcode, args: &[Value], outcome: bool, depth: u32) {
        use Opcode::*;
        let a = args[0];
        let ba = self.bound(a);
        match (opcode, outcome) {
            (IntIsTrue, false) | (IntIsZero, true) => self.narrow(a, &IntBound::constant(0), depth),
            (IntIsTrue, true) | (IntIsZero, false) => {
                self.ne.push((a, Value::ConstInt(0)));
                let mut nonzero = ba;
                if nonzero.make_ne_const(0).is_ok() {
                    self.narrow(a, &nonzero, depth);
                }
            }
            _ => {}
        }
        if args.len() < 2 {
            return;
        }
        let b = args[1];
        let bb = self.bound(b);
        // Reduce to `a < b`, `a <= b`, `a == b` or `a != b` by swapping and negating.
        let (op, x, y, bx, by) = match (opcode, outcome) {
            (IntLt, true) | (IntGe, false) => (IntLt, a, b, ba, bb),
            (IntLe, true) | (IntGt, false) => (IntLe, a, b, ba, bb),
            (IntGt, true) | (IntLe, false) => (IntLt, b, a, bb, ba),
            (IntGe, true) | (IntLt, false) => (IntLe, b, a, bb, ba),
            (IntEq, true) | (IntNe, false) => (IntEq, a, b, ba, bb),
            (IntEq, false) | (IntNe, true) => (IntNe, a, b, ba, bb),
            (UintLt, true) | (UintGe, false) => (UintLt, a, b, ba, bb),
            (UintLe, true) | (UintGt, false) => (UintLe, a, b, ba, bb),
            (UintGt, true) | (UintLe, false) => (UintLt, b, a, bb, ba),
            (UintGe, true) | (UintLt, false) => (UintLe, b, a, bb, ba),
            _ => return,
        };
        match op {
            UintLt => self.ult.push((x, y)),
            IntNe => self.ne.push((x, y)),
            _ => {}
        }
        let mut nx = bx;
        let mut ny = by;
        let ok = match op {
            IntLt => nx.make_lt(&by).is_ok() && ny.make_gt(&bx).is_ok(),
            IntLe => nx.make_le(&by).is_ok() && ny.make_ge(&bx).is_ok(),
            IntEq => nx.intersect(&by).is_ok() && ny.intersect(&bx).is_ok(),
            IntNe => {
                let okx = match by.get_constant() {
                    Some(c) => nx.make_ne_const(c).is_ok(),
                    None => true,
                };
                let oky = match bx.get_constant() {
                    Some(c) => ny.make_ne_const(c).is_ok(),
                    None => true,
                };
                okx && oky
            }
            // x <u y with y >= 0 (signed): x is in 0..y (signed); y > 0.
            UintLt if by.known_nonnegative() => {
                nx.intersect(&IntBound::nonnegative()).is_ok() && nx.make_lt(&by).is_ok()
            }
            UintLe if by.known_nonnegative() => {
                nx.intersect(&IntBound::nonnegative()).is_ok() && nx.make_le(&by).is_ok()
            }
            _ => false,
        };
        if ok {
            self.narrow(x, &nx, depth);
            self.narrow(y, &ny, depth);
        }
    }
}
