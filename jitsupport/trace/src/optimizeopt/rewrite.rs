//! The `rewrite` pass: constant folding, algebraic rules and guard strengthening (PyPy's
//! `rewrite.py`, LuaJIT's `lj_opt_fold.c`).
//!
//! # The engine's contract
//!
//! Every rule below is named and carries its pattern as a comment (`// sub_add:
//! int_sub(int_add(x, y), y) => x`). The engine walks the trace forward; for each op (its
//! arguments resolved through earlier replacements) it tries the rules; a rule either
//! replaces the op's result by a value (a constant or an earlier box: the op goes), or
//! rewrites the op into another op with the same result box, which is tried again. Rules
//!
//! - keep the result's kind and its value exactly, wrapping arithmetic included (no rule
//!   assumes that an int op does not overflow, and no float rule changes a NaN, `-0.0` or
//!   rounding);
//! - terminate: a rewritten op is simpler (fewer ops to reach its arguments, or a cheaper
//!   opcode) or canonical (constants to the right), and rewriting stops after
//!   [`MAX_REWRITES`] steps anyway;
//! - only look at definitions after the last `label`, so they never create references
//!   across the loop label.
//!
//! Guards: a guard known to hold is removed; a guard known to fail is kept (it fails at
//! run time, which is correct). After a guard, what it checked is known: `guard_value(x,
//! c)` and `guard_true(x)` make `x` read as the constant, `guard_nonnull` and `guard_class`
//! record non-nullness and class, so later equal guards go; so do `new`/`new_with_vtable`
//! of a GC type (whose class is the type id) and `record_known_class(p, c)`, which goes.
//! `guard_nonnull_class` records non-nullness too: a later `guard_nonnull` goes. `guard_nonnull(p)` followed by
//! `guard_class(p, c)` with no side effect between them becomes one `guard_nonnull_class`
//! at the first guard's place (with its resume data: failing there and resuming earlier
//! repeats no side effect).
//!
//! Quasi-immutable fields (PyPy's `optimize_QUASIIMMUT_FIELD` and
//! `optimize_GUARD_NOT_INVALIDATED`): `quasiimmut_field` is a marker the tracer leaves
//! where it folded a read (it registered the dependency already) and goes. Of the
//! `guard_not_invalidated`s after it, one per stretch between labels and calls stays:
//! only a call can write a quasi-immutable field (compiled code writes one through the
//! call that invalidates), so a second guard with no call since the first can never fail
//! where the first passed.

use super::{Emitter, OptContext, OptError};
use crate::descr::Descr;
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;

/// How many times one op may be rewritten before it is emitted as it is.
pub const MAX_REWRITES: u32 = 8;

/// Runs the pass over `trace`.
pub fn run(trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
    let mut pass = Rewrite {
        out: Emitter::new(&trace),
        defs: HashMap::new(),
        nonnull: HashMap::new(),
        classes: HashMap::new(),
        last_effect: 0,
        not_invalidated: false,
    };
    let mut ops = trace.ops.into_iter().peekable();
    while let Some(op) = ops.next() {
        let op = pass.out.resolve_op(op);
        if op.opcode.is_ovf()
            && ops
                .peek()
                .is_some_and(|n| n.opcode == Opcode::GuardNoOverflow)
        {
            if let Some(v) = pass.simplify_ovf(&op) {
                // The plain result is known and cannot overflow: the guard goes too.
                ops.next();
                if let Some(r) = op.result {
                    pass.out.replace(r, v);
                }
                continue;
            }
        }
        pass.optimize(op, 0);
    }
    Ok(pass.out.finish(ctx))
}

/// What a rule makes of an op.
enum Rewritten {
    /// The result is this value; the op goes.
    Value(Value),
    /// The op becomes this one (same result box).
    Op(Op),
    /// The op becomes `int_and(t, mask)` where `t` is the result of a new op
    /// `opcode(args)`, emitted (and simplified) first with a fresh box.
    MaskOf(Opcode, Vec<Value>, i64),
}

struct Rewrite {
    out: Emitter,
    /// The emitted pure ops by result box, since the last label: what rules match on.
    defs: HashMap<BoxId, Op>,
    /// Refs known to be non-null, with the index in the output of the `guard_nonnull`
    /// that proved it, if a later `guard_class` may strengthen that guard.
    nonnull: HashMap<BoxId, Option<usize>>,
    /// The known class (a constant) of refs.
    classes: HashMap<BoxId, Value>,
    /// The number of output ops up to and including the last op with a side effect.
    last_effect: usize,
    /// A `guard_not_invalidated` was emitted since the last label or call that is not
    /// elidable.
    not_invalidated: bool,
}

impl Rewrite {
    fn optimize(&mut self, op: Op, depth: u32) {
        if op.opcode == Opcode::Label {
            self.defs.clear();
            self.nonnull.clear();
            self.classes.clear();
            self.not_invalidated = false;
            self.out.emit_label(op);
            self.last_effect = self.out.trace.ops.len();
            return;
        }
        if op.opcode.is_guard() {
            self.optimize_guard(op);
            return;
        }
        if op.opcode == Opcode::QuasiimmutField {
            // quasiimmut_marker: quasiimmut_field(p) => (removed).
            return;
        }
        if op.opcode == Opcode::RecordKnownClass {
            // record_known_class: record_known_class(p, c) => (removed), the class of p
            // known to be c.
            self.record_known_class(&op);
            return;
        }
        if depth < MAX_REWRITES {
            match self.simplify(&op) {
                Some(Rewritten::Value(v)) => {
                    if let Some(r) = op.result {
                        self.out.replace(r, v);
                    }
                    return;
                }
                Some(Rewritten::Op(new)) => {
                    self.optimize(new, depth + 1);
                    return;
                }
                Some(Rewritten::MaskOf(opcode, args, mask)) => {
                    let t = self.out.trace.new_box(Kind::Int);
                    self.optimize(Op::new(opcode, args, Some(t)), depth + 1);
                    let t = self.out.resolve(Value::Box(t));
                    let and = Op::new(Opcode::IntAnd, vec![t, Value::ConstInt(mask)], op.result);
                    self.optimize(and, depth + 1);
                    return;
                }
                None => {}
            }
        }
        self.emit(op);
    }

    /// Emits a non-guard op and records what it tells.
    fn emit(&mut self, op: Op) {
        if let Some(r) = op.result {
            match op.opcode {
                Opcode::New | Opcode::NewWithVtable => {
                    self.nonnull.insert(r, None);
                    // known_class_new: a GC object's class is its type id.
                    if let Some(class) = op
                        .descr
                        .as_ref()
                        .and_then(Descr::as_size)
                        .and_then(|s| s.type_id)
                    {
                        self.classes.insert(r, Value::ConstInt(i64::from(class)));
                    }
                }
                Opcode::NewArray | Opcode::NewArrayClear => {
                    self.nonnull.insert(r, None);
                }
                _ => {}
            }
            if op.opcode.is_pure() {
                self.defs.insert(r, op.clone());
            }
        }
        if op.opcode.is_call() && !op.opcode.is_pure() {
            self.not_invalidated = false;
        }
        let effect = !(op.opcode.has_no_side_effect() || op.opcode == Opcode::DebugMergePoint);
        self.out.emit(op);
        if effect {
            self.last_effect = self.out.trace.ops.len();
        }
    }

    /// The emitted pure op defining `v`, if any.
    fn def(&self, v: Value) -> Option<&Op> {
        v.as_box().and_then(|b| self.defs.get(&b))
    }

    fn is_nonnull(&self, v: Value) -> bool {
        match v {
            Value::ConstPtr(p) => p != 0,
            Value::Box(b) => self.nonnull.contains_key(&b),
            _ => false,
        }
    }

    // ------------------------------------------------------------ guards

    fn optimize_guard(&mut self, op: Op) {
        use Opcode::*;
        match op.opcode {
            GuardTrue | GuardFalse => {
                let want = i64::from(op.opcode == GuardTrue);
                let x = op.arg(0);
                if x.as_int() == Some(want) {
                    // guard_const: guard_true(1) => (removed); guard_false(0) likewise.
                    return;
                }
                self.out.emit(op);
                if let Value::Box(b) = x {
                    // A comparison with null tells about the ref.
                    if let Some(def) = self.def(x) {
                        let nonnull_if = match def.opcode {
                            PtrNe => Some(1),
                            PtrEq => Some(0),
                            _ => None,
                        };
                        if nonnull_if == Some(want) && def.arg(1) == Value::NULL {
                            if let Some(p) = def.arg(0).as_box() {
                                self.nonnull.entry(p).or_insert(None);
                            }
                        }
                    }
                    self.out.replace(b, Value::ConstInt(want));
                }
            }
            GuardValue => {
                let (x, c) = (op.arg(0), op.arg(1));
                if x == c {
                    // guard_value_const: guard_value(c, c) => (removed).
                    return;
                }
                self.out.emit(op);
                if let Value::Box(b) = x {
                    self.out.replace(b, c);
                    if c.kind() == Kind::Ref && c != Value::NULL {
                        self.nonnull.entry(b).or_insert(None);
                    }
                }
            }
            GuardNonnull => {
                let p = op.arg(0);
                if self.is_nonnull(p) {
                    // guard_nonnull_known: guard_nonnull(p) with p known non-null => (removed).
                    return;
                }
                self.out.emit(op);
                if let Value::Box(b) = p {
                    self.nonnull.insert(b, Some(self.out.trace.ops.len() - 1));
                }
            }
            GuardIsnull => {
                let p = op.arg(0);
                if p == Value::NULL {
                    // guard_isnull_const: guard_isnull(NULL) => (removed).
                    return;
                }
                self.out.emit(op);
                if let Value::Box(b) = p {
                    if !self.nonnull.contains_key(&b) {
                        self.out.replace(b, Value::NULL);
                    }
                }
            }
            GuardClass | GuardNonnullClass => self.optimize_guard_class(op),
            GuardNotInvalidated => {
                if self.not_invalidated {
                    // guard_not_invalidated_again: a second guard_not_invalidated with
                    // no call since the first => (removed).
                    return;
                }
                self.not_invalidated = true;
                self.out.emit(op);
            }
            _ => self.out.emit(op),
        }
    }

    /// `record_known_class(p, c)`: `p` is non-null and of class `c` from here on (the
    /// interpreter says so, PyPy's hint); the op goes.
    fn record_known_class(&mut self, op: &Op) {
        if let (Value::Box(b), c) = (op.arg(0), op.arg(1)) {
            self.classes.entry(b).or_insert(c);
            self.nonnull.entry(b).or_insert(None);
        }
    }

    fn optimize_guard_class(&mut self, op: Op) {
        let (p, class) = (op.arg(0), op.arg(1));
        let Value::Box(b) = p else {
            self.out.emit(op);
            return;
        };
        if self.classes.get(&b) == Some(&class) {
            // guard_class_known: guard_class(p, c) with the class of p known to be c
            // => (removed); guard_nonnull_class likewise.
            return;
        }
        let mut op = op;
        if op.opcode == Opcode::GuardNonnullClass && self.is_nonnull(p) {
            // nonnull_class_to_class: guard_nonnull_class(p, c) with p known non-null
            // => guard_class(p, c).
            op.opcode = Opcode::GuardClass;
        }
        let strengthen = match (op.opcode, self.nonnull.get(&b)) {
            (Opcode::GuardClass, Some(Some(at)))
                if *at >= self.last_effect && !self.classes.contains_key(&b) =>
            {
                Some(*at)
            }
            _ => None,
        };
        if let Some(at) = strengthen {
            // guard_nonnull_class: guard_nonnull(p); ...; guard_class(p, c), no side effect
            // between them => guard_nonnull_class(p, c) at the first guard's place.
            let earlier = &mut self.out.trace.ops[at];
            earlier.opcode = Opcode::GuardNonnullClass;
            earlier.args = vec![p, class];
        } else {
            self.out.emit(op);
        }
        self.nonnull.insert(b, None);
        self.classes.insert(b, class);
    }

    // ------------------------------------------------------------ overflow ops

    /// The result of an ovf op followed by `guard_no_overflow`, when a rule decides it
    /// without overflow.
    fn simplify_ovf(&self, op: &Op) -> Option<Value> {
        use Opcode::*;
        let (x, y) = (op.arg(0), op.arg(1));
        let (cx, cy) = (x.as_int(), y.as_int());
        if let (Some(a), Some(b)) = (cx, cy) {
            // fold_ovf: int_add_ovf(c1, c2) => c1 + c2 when it does not overflow (sub, mul
            // likewise).
            let r = match op.opcode {
                IntAddOvf => a.checked_add(b),
                IntSubOvf => a.checked_sub(b),
                _ => a.checked_mul(b),
            };
            return r.map(Value::ConstInt);
        }
        match (op.opcode, cx, cy) {
            // add_ovf_zero: int_add_ovf(x, 0) => x; int_add_ovf(0, x) => x.
            (IntAddOvf, _, Some(0)) => Some(x),
            (IntAddOvf, Some(0), _) => Some(y),
            // sub_ovf_zero: int_sub_ovf(x, 0) => x.
            (IntSubOvf, _, Some(0)) => Some(x),
            // mul_ovf_one: int_mul_ovf(x, 1) => x; int_mul_ovf(1, x) => x.
            (IntMulOvf, _, Some(1)) => Some(x),
            (IntMulOvf, Some(1), _) => Some(y),
            // mul_ovf_zero: int_mul_ovf(x, 0) => 0.
            (IntMulOvf, _, Some(0)) | (IntMulOvf, Some(0), _) => Some(Value::ConstInt(0)),
            _ => None,
        }
    }

    // ------------------------------------------------------------ the rules

    fn simplify(&self, op: &Op) -> Option<Rewritten> {
        use Opcode::*;
        use Rewritten::Value as V;
        if op.opcode.is_pure() && !op.opcode.is_call() && op.args.iter().all(|a| a.is_const()) {
            // fold: op(c1, c2) => the constant result.
            if let Some(v) = fold(op.opcode, &op.args) {
                return Some(V(v));
            }
        }
        if let [a, b] = op.args[..] {
            if a == b {
                if let Some(v) = same_args(op.opcode, a) {
                    return Some(V(v));
                }
            }
        }
        let args = &op.args;
        let new = |opcode: Opcode, args: Vec<Value>| {
            Some(Rewritten::Op(Op::new(opcode, args, op.result)))
        };
        let int = |n: i64| Some(V(Value::ConstInt(n)));
        if op.opcode.is_commutative()
            && args.len() == 2
            && args[0].is_const()
            && !args[1].is_const()
        {
            // const_to_right: op(c, x) => op(x, c) for commutative ops.
            return new(op.opcode, vec![args[1], args[0]]);
        }
        if op.opcode.is_comparison() && args.len() == 2 && args[0].is_const() && !args[1].is_const()
        {
            // cmp_const_to_right: int_lt(c, x) => int_gt(x, c) (and the other comparisons).
            let swapped = op.opcode.swapped_comparison()?;
            return new(swapped, vec![args[1], args[0]]);
        }
        let x = *args.first()?;
        let y = args.get(1).copied();
        let cy = y.and_then(Value::as_int);
        let cx = x.as_int();
        let dx = self.def(x);
        let dy = y.and_then(|y| self.def(y));
        match op.opcode {
            SameAsI | SameAsR | SameAsF => {
                // same_as: same_as(x) => x
                Some(V(x))
            }
            IntAdd => {
                let y = y?;
                if cy == Some(0) {
                    // add_zero: int_add(x, 0) => x
                    return Some(V(x));
                }
                if let Some(c) = cy.filter(|&c| c < 0 && c != i64::MIN) {
                    // add_negative: int_add(x, -c) => int_sub(x, c), one form for
                    // `x - c` so that CSE and the heap's index arithmetic see one value
                    // (tl's `len - 1` from a pop and from `pick` folding).
                    return new(IntSub, vec![x, Value::ConstInt(-c)]);
                }
                if let Some(d) = dx.filter(|d| d.opcode == IntSub && d.arg(1) == y) {
                    // add_sub: int_add(int_sub(a, y), y) => a
                    return Some(V(d.arg(0)));
                }
                if let Some(d) = dy.filter(|d| d.opcode == IntSub && d.arg(1) == x) {
                    // add_sub_rev: int_add(x, int_sub(a, x)) => a
                    return Some(V(d.arg(0)));
                }
                if let Some(d) = dy.filter(|d| d.opcode == IntNeg) {
                    // add_neg: int_add(x, int_neg(a)) => int_sub(x, a)
                    return new(IntSub, vec![x, d.arg(0)]);
                }
                if let (Some(c2), Some(d)) = (cy, dx) {
                    match (d.opcode, d.args.get(1).and_then(|v| v.as_int())) {
                        // add_const_add: int_add(int_add(a, c1), c2) => int_add(a, c1 + c2)
                        (IntAdd, Some(c1)) => {
                            return new(
                                IntAdd,
                                vec![d.arg(0), Value::ConstInt(c1.wrapping_add(c2))],
                            )
                        }
                        // add_const_sub: int_add(int_sub(a, c1), c2) => int_add(a, c2 - c1)
                        (IntSub, Some(c1)) => {
                            return new(
                                IntAdd,
                                vec![d.arg(0), Value::ConstInt(c2.wrapping_sub(c1))],
                            )
                        }
                        _ => {}
                    }
                }
                None
            }
            IntSub => {
                let y = y?;
                if cy == Some(0) {
                    // sub_zero: int_sub(x, 0) => x
                    return Some(V(x));
                }
                if cx == Some(0) {
                    // sub_from_zero: int_sub(0, y) => int_neg(y)
                    return new(IntNeg, vec![y]);
                }
                if let Some(d) = dx.filter(|d| d.opcode == IntAdd) {
                    if d.arg(1) == y {
                        // sub_add: int_sub(int_add(a, y), y) => a
                        return Some(V(d.arg(0)));
                    }
                    if d.arg(0) == y {
                        // sub_add_left: int_sub(int_add(y, b), y) => b
                        return Some(V(d.arg(1)));
                    }
                }
                if let Some(d) = dy.filter(|d| d.opcode == IntSub && d.arg(0) == x) {
                    // sub_sub: int_sub(x, int_sub(x, b)) => b
                    return Some(V(d.arg(1)));
                }
                if let Some(d) = dy.filter(|d| d.opcode == IntNeg) {
                    // sub_neg: int_sub(x, int_neg(a)) => int_add(x, a)
                    return new(IntAdd, vec![x, d.arg(0)]);
                }
                if let (Some(c2), Some(d)) = (cy, dx) {
                    match (d.opcode, d.args.get(1).and_then(|v| v.as_int())) {
                        // sub_const_add: int_sub(int_add(a, c1), c2) => int_add(a, c1 - c2)
                        (IntAdd, Some(c1)) => {
                            return new(
                                IntAdd,
                                vec![d.arg(0), Value::ConstInt(c1.wrapping_sub(c2))],
                            )
                        }
                        // sub_const_sub: int_sub(int_sub(a, c1), c2) => int_sub(a, c1 + c2)
                        (IntSub, Some(c1)) => {
                            return new(
                                IntSub,
                                vec![d.arg(0), Value::ConstInt(c1.wrapping_add(c2))],
                            )
                        }
                        _ => {}
                    }
                }
                None
            }
            IntMul => match cy? {
                // mul_zero: int_mul(x, 0) => 0
                0 => int(0),
                // mul_one: int_mul(x, 1) => x
                1 => Some(V(x)),
                // mul_minus_one: int_mul(x, -1) => int_neg(x)
                -1 => new(IntNeg, vec![x]),
                // mul_pow2: int_mul(x, 2**k) => int_lshift(x, k)
                c if c > 0 && (c as u64).is_power_of_two() => new(
                    IntLshift,
                    vec![x, Value::ConstInt(i64::from(c.trailing_zeros()))],
                ),
                _ => None,
            },
            // floordiv_one: int_floordiv(x, 1) => x
            IntFloorDiv | UintFloorDiv if cy == Some(1) => Some(V(x)),
            // mod_one: int_mod(x, 1) => 0; int_mod(x, -1) => 0
            IntMod if cy == Some(1) || cy == Some(-1) => int(0),
            // uint_mod_one: uint_mod(x, 1) => 0
            UintMod if cy == Some(1) => int(0),
            IntAnd => {
                match cy? {
                    // and_zero: int_and(x, 0) => 0
                    0 => int(0),
                    // and_minus_one: int_and(x, -1) => x
                    -1 => Some(V(x)),
                    // and_mask_add: int_and(int_add(int_and(a, m1), c), m)
                    //   => int_and(int_add(a, c), m)
                    // when m = 2^k - 1 and m1 keeps the low k bits (m1 & m == m): the low
                    // k bits of a sum or difference depend only on the low k bits of its
                    // arguments. Likewise for int_sub. (bf's `++`: the cell is masked
                    // after every `+`; then int_add(int_add(a, 1), 1) folds.)
                    m if m > 0 && m & m.wrapping_add(1) == 0 => {
                        let d = dx.filter(|d| matches!(d.opcode, IntAdd | IntSub))?;
                        let c = d.args.get(1).copied().filter(|c| c.as_int().is_some())?;
                        let inner = self.def(d.arg(0)).filter(|i| i.opcode == IntAnd)?;
                        let m1 = inner.args.get(1).and_then(|v| v.as_int())?;
                        (m1 & m == m).then(|| Rewritten::MaskOf(d.opcode, vec![inner.arg(0), c], m))
                    }
                    _ => None,
                }
            }
            IntOr => {
                match cy? {
                    // or_zero: int_or(x, 0) => x
                    0 => Some(V(x)),
                    // or_minus_one: int_or(x, -1) => -1
                    -1 => int(-1),
                    _ => None,
                }
            }
            IntXor => {
                match cy? {
                    // xor_zero: int_xor(x, 0) => x
                    0 => Some(V(x)),
                    // xor_minus_one: int_xor(x, -1) => int_invert(x)
                    -1 => new(IntInvert, vec![x]),
                    _ => None,
                }
            }
            IntLshift | IntRshift | UintRshift => {
                if cy == Some(0) {
                    // shift_zero: int_lshift(x, 0) => x (and the right shifts)
                    return Some(V(x));
                }
                if cx == Some(0) {
                    // shift_of_zero: int_lshift(0, y) => 0 (and the right shifts)
                    return int(0);
                }
                if op.opcode == IntRshift && cx == Some(-1) {
                    // rshift_minus_one: int_rshift(-1, y) => -1
                    return int(-1);
                }
                None
            }
            IntNeg => match dx {
                // neg_neg: int_neg(int_neg(a)) => a
                Some(d) if d.opcode == IntNeg => Some(V(d.arg(0))),
                // neg_sub: int_neg(int_sub(a, b)) => int_sub(b, a)
                Some(d) if d.opcode == IntSub => new(IntSub, vec![d.arg(1), d.arg(0)]),
                _ => None,
            },
            IntInvert => match dx {
                // invert_invert: int_invert(int_invert(a)) => a
                Some(d) if d.opcode == IntInvert => Some(V(d.arg(0))),
                _ => None,
            },
            // eq_zero: int_eq(x, 0) => int_is_zero(x)
            IntEq if cy == Some(0) => new(IntIsZero, vec![x]),
            // ne_zero: int_ne(x, 0) => int_is_true(x)
            IntNe if cy == Some(0) => new(IntIsTrue, vec![x]),
            IntIsTrue => match dx {
                // is_true_bool: int_is_true(b) => b when b is a comparison (0 or 1)
                Some(d) if d.opcode.is_comparison() => Some(V(x)),
                _ => None,
            },
            IntIsZero => {
                let d = dx?;
                // is_zero_cmp: int_is_zero(int_lt(a, b)) => int_ge(a, b) (every int and
                // pointer comparison: its negation)
                let negated = negate_comparison(d.opcode)?;
                new(negated, d.args.clone())
            }
            PtrEq | PtrNe => {
                let y = y?;
                let eq = op.opcode == PtrEq;
                if y == Value::NULL && self.is_nonnull(x) {
                    // ptr_eq_null_nonnull: ptr_eq(p, NULL) => 0 when p is non-null;
                    // ptr_ne(p, NULL) => 1
                    return int(i64::from(!eq));
                }
                None
            }
            FloatNeg => match dx {
                // float_neg_neg: float_neg(float_neg(a)) => a
                Some(d) if d.opcode == FloatNeg => Some(V(d.arg(0))),
                _ => None,
            },
            FloatAbs => match dx {
                // float_abs_abs: float_abs(float_abs(a)) => float_abs(a)
                Some(d) if d.opcode == FloatAbs => Some(V(x)),
                // float_abs_neg: float_abs(float_neg(a)) => float_abs(a)
                Some(d) if d.opcode == FloatNeg => new(FloatAbs, vec![d.arg(0)]),
                _ => None,
            },
            // float_mul_one: float_mul(x, 1.0) => x; float_truediv(x, 1.0) => x. (Exact but
            // for a signalling NaN, which the multiplication would quieten and which no
            // arithmetic produces. Not x * -1.0 => -x: for a NaN, the multiplication keeps
            // the sign bit that the negation flips.)
            FloatMul | FloatTrueDiv if y?.as_float()? == 1.0 => Some(V(x)),
            _ => None,
        }
    }
}

/// The result of a binary op whose two arguments are the same value `x`, when a rule
/// knows it. The `pure` pass uses these too, as CSE makes arguments equal.
pub fn same_args(opcode: Opcode, x: Value) -> Option<Value> {
    use Opcode::*;
    let int = |n: i64| Some(Value::ConstInt(n));
    match opcode {
        // sub_self: int_sub(x, x) => 0
        // xor_self: int_xor(x, x) => 0
        IntSub | IntXor => int(0),
        // and_self: int_and(x, x) => x
        // or_self: int_or(x, x) => x
        IntAnd | IntOr => Some(x),
        // cmp_self_false: int_lt(x, x) => 0 (gt, ne, uint_lt, uint_gt likewise)
        IntLt | IntGt | IntNe | UintLt | UintGt => int(0),
        // cmp_self_true: int_le(x, x) => 1 (ge, eq, uint_le, uint_ge likewise)
        IntLe | IntGe | IntEq | UintLe | UintGe => int(1),
        // ptr_eq_self: ptr_eq(p, p) => 1; ptr_ne(p, p) => 0
        PtrEq => int(1),
        PtrNe => int(0),
        _ => None,
    }
}

/// The comparison with the opposite outcome, for int and pointer comparisons (not float:
/// NaN compares false both ways).
fn negate_comparison(opcode: Opcode) -> Option<Opcode> {
    use Opcode::*;
    Some(match opcode {
        IntLt => IntGe,
        IntGe => IntLt,
        IntLe => IntGt,
        IntGt => IntLe,
        IntEq => IntNe,
        IntNe => IntEq,
        UintLt => UintGe,
        UintGe => UintLt,
        UintLe => UintGt,
        UintGt => UintLe,
        IntIsZero => IntIsTrue,
        IntIsTrue => IntIsZero,
        PtrEq => PtrNe,
        PtrNe => PtrEq,
        _ => return None,
    })
}

/// The result of a pure op on constant arguments, or `None` when it is not defined (a
/// division by zero, a shift count out of range) or not foldable here.
pub fn fold(opcode: Opcode, args: &[Value]) -> Option<Value> {
    use Opcode::*;
    let int = |n: usize| args.get(n).and_then(|v| v.as_int());
    let flt = |n: usize| args.get(n).and_then(|v| v.as_float());
    let b = |x: bool| Some(Value::ConstInt(i64::from(x)));
    let i = |x: i64| Some(Value::ConstInt(x));
    let f = |x: f64| Some(Value::float(x));
    let shift = |n: i64| (0..64).contains(&n).then_some(n as u32);
    match opcode {
        IntAdd => i(int(0)?.wrapping_add(int(1)?)),
        IntSub => i(int(0)?.wrapping_sub(int(1)?)),
        IntMul => i(int(0)?.wrapping_mul(int(1)?)),
        IntFloorDiv => int(0)?.checked_div(int(1)?).map(Value::ConstInt),
        IntMod => int(0)?.checked_rem(int(1)?).map(Value::ConstInt),
        IntAnd => i(int(0)? & int(1)?),
        IntOr => i(int(0)? | int(1)?),
        IntXor => i(int(0)? ^ int(1)?),
        IntLshift => i(int(0)? << shift(int(1)?)?),
        IntRshift => i(int(0)? >> shift(int(1)?)?),
        UintRshift => i(((int(0)? as u64) >> shift(int(1)?)?) as i64),
        UintFloorDiv => (int(0)? as u64)
            .checked_div(int(1)? as u64)
            .map(|r| Value::ConstInt(r as i64)),
        UintMod => (int(0)? as u64)
            .checked_rem(int(1)? as u64)
            .map(|r| Value::ConstInt(r as i64)),
        IntNeg => i(int(0)?.wrapping_neg()),
        IntInvert => i(!int(0)?),
        IntSignext => {
            let x = int(0)?;
            match int(1)? {
                1 => i(x as i8 as i64),
                2 => i(x as i16 as i64),
                4 => i(x as i32 as i64),
                _ => None,
            }
        }
        IntForceGeZero => i(int(0)?.max(0)),
        IntLt => b(int(0)? < int(1)?),
        IntLe => b(int(0)? <= int(1)?),
        IntEq => b(int(0)? == int(1)?),
        IntNe => b(int(0)? != int(1)?),
        IntGt => b(int(0)? > int(1)?),
        IntGe => b(int(0)? >= int(1)?),
        UintLt => b((int(0)? as u64) < int(1)? as u64),
        UintLe => b((int(0)? as u64) <= int(1)? as u64),
        UintGt => b((int(0)? as u64) > int(1)? as u64),
        UintGe => b((int(0)? as u64) >= int(1)? as u64),
        IntIsZero => b(int(0)? == 0),
        IntIsTrue => b(int(0)? != 0),
        PtrEq => b(args.first()?.as_ptr()? == args.get(1)?.as_ptr()?),
        PtrNe => b(args.first()?.as_ptr()? != args.get(1)?.as_ptr()?),
        FloatLt => b(flt(0)? < flt(1)?),
        FloatLe => b(flt(0)? <= flt(1)?),
        FloatEq => b(flt(0)? == flt(1)?),
        FloatNe => b(flt(0)? != flt(1)?),
        FloatGt => b(flt(0)? > flt(1)?),
        FloatGe => b(flt(0)? >= flt(1)?),
        FloatAdd => f(flt(0)? + flt(1)?),
        FloatSub => f(flt(0)? - flt(1)?),
        FloatMul => f(flt(0)? * flt(1)?),
        FloatTrueDiv => f(flt(0)? / flt(1)?),
        FloatNeg => f(-flt(0)?),
        FloatAbs => f(flt(0)?.abs()),
        CastIntToFloat => f(int(0)? as f64),
        CastFloatToInt => i(flt(0)? as i64),
        SameAsI | SameAsR | SameAsF => args.first().copied(),
        _ => None,
    }
}
