//! The `pure` pass: common subexpression elimination (PyPy's `pure.py`).
//!
//! Walking forward, the pass remembers every op it keeps that computes its result from its
//! arguments alone, keyed by opcode, resolved arguments and descr; a later op with the same
//! key is dropped and its result replaced by the earlier one. Such ops are
//!
//! - the pure ops of the table (arithmetic, comparisons, casts, `arraylen_gc`), a
//!   commutative op matching with its arguments in either order;
//! - `call_pure_*`: calls of elidable functions, equal when function and arguments are;
//! - reads of immutable fields and items (`getfield_gc_*` with an immutable field descr,
//!   `getarrayitem_gc_*` with an immutable array descr): nothing writes them once the
//!   object is built;
//! - `call_loopinvariant_*`: the callee returns the same result for the whole loop, so it
//!   is called once per loop iteration trace (the first call with given arguments).
//!
//! An op whose arguments became equal or constant through the replacements (rewrite ran
//! before them) is decided by rewrite's folding and `same_args` rules instead, and a
//! `call_pure_*` whose arguments are all constant by the result the tracer recorded for
//! them ([`OptContext::call_pure_results`]), if it did.
//!
//! A removed call takes its `guard_no_exception` with it: the first call's guard already
//! checked. A guard that tests what an earlier guard already tested (the same guard
//! opcode on the same resolved arguments: `guard_false(i8)` twice once CSE made two
//! comparisons one) is dropped: boxes never change, so it cannot fail. The tables are
//! emptied at a `label`, which redefines its arguments.

use super::{rewrite, Emitter, OptContext, OptError};
use crate::descr::Descr;
use crate::ops::Opcode;
use crate::trace::{Op, Trace, Value};
use std::collections::{HashMap, HashSet};

/// What identifies the result of a CSE-able op.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    opcode: Opcode,
    args: Vec<Value>,
    descr: Option<Descr>,
}

/// Runs the pass over `trace`.
pub fn run(trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
    let mut out = Emitter::new(&trace);
    let mut seen: HashMap<Key, Option<Value>> = HashMap::new();
    let mut guarded: HashSet<(Opcode, Vec<Value>)> = HashSet::new();
    let mut ops = trace.ops.into_iter().peekable();
    while let Some(op) = ops.next() {
        let op = out.resolve_op(op);
        if op.opcode == Opcode::Label {
            seen.clear();
            guarded.clear();
            out.emit_label(op);
            continue;
        }
        if is_repeatable_guard(op.opcode) {
            // guard_cse: guard(args) after an equal guard(args) => nothing.
            if guarded.insert((op.opcode, op.args.clone())) {
                out.emit(op);
            }
            continue;
        }
        if !is_cse_able(&op) {
            out.emit(op);
            continue;
        }
        if let Some(v) = simplified(&op).or_else(|| recorded_result(&op, ctx)) {
            // CSE made the arguments equal or constant: rewrite's rules decide the op.
            if let Some(r) = op.result {
                out.replace(r, v);
            }
            continue;
        }
        let key = Key {
            opcode: op.opcode,
            args: op.args.clone(),
            descr: op.descr.clone(),
        };
        let earlier = seen.get(&key).cloned().or_else(|| {
            // A commutative op matches with its arguments swapped.
            if op.opcode.is_commutative() && op.args.len() == 2 {
                let swapped = Key {
                    args: vec![op.args[1], op.args[0]],
                    ..key.clone()
                };
                seen.get(&swapped).cloned()
            } else {
                None
            }
        });
        match earlier {
            Some(result) => {
                // cse: op(args) after an equal op(args) => the earlier result.
                if let (Some(r), Some(v)) = (op.result, result) {
                    out.replace(r, v);
                }
                if op.opcode.is_call()
                    && ops
                        .peek()
                        .is_some_and(|n| n.opcode == Opcode::GuardNoException)
                {
                    ops.next();
                }
            }
            None => {
                seen.insert(key, op.result.map(Value::Box));
                out.emit(op);
            }
        }
    }
    Ok(out.finish(ctx))
}

/// The value of a pure op that rewrite's rules decide once earlier replacements made its
/// arguments constant or equal (rewrite ran before the replacements existed).
fn simplified(op: &Op) -> Option<Value> {
    if !op.opcode.is_pure() || op.opcode.is_call() {
        return None;
    }
    if op.args.iter().all(|a| a.is_const()) {
        return rewrite::fold(op.opcode, &op.args);
    }
    match op.args[..] {
        [a, b] if a == b => rewrite::same_args(op.opcode, a),
        _ => None,
    }
}

/// The result the tracer saw for an elidable call with these constant arguments.
fn recorded_result(op: &Op, ctx: &OptContext) -> Option<Value> {
    let kind = op.opcode.result()?;
    if !matches!(
        op.opcode,
        Opcode::CallPureI | Opcode::CallPureR | Opcode::CallPureF
    ) || !op.args.iter().all(|a| a.is_const())
    {
        return None;
    }
    // call_pure_fold: call_pure(f, c1, c2) => the result recorded for f(c1, c2).
    ctx.call_pure_results
        .get(&op.args)
        .copied()
        .filter(|v| v.kind() == kind)
}

/// Guards whose outcome depends only on their arguments (not on the op before them, as
/// `guard_no_overflow` and `guard_no_exception` do), so that an equal earlier guard
/// decides them.
fn is_repeatable_guard(opcode: Opcode) -> bool {
    use Opcode::*;
    matches!(
        opcode,
        GuardTrue
            | GuardFalse
            | GuardValue
            | GuardClass
            | GuardNonnull
            | GuardIsnull
            | GuardNonnullClass
    )
}

/// Ops whose result depends only on opcode, arguments and descr.
fn is_cse_able(op: &Op) -> bool {
    use Opcode::*;
    match op.opcode {
        CallLoopinvariantI | CallLoopinvariantR | CallLoopinvariantF | CallLoopinvariantN => true,
        GetfieldGcI | GetfieldGcR | GetfieldGcF => {
            matches!(&op.descr, Some(Descr::Field(f)) if f.immutable)
        }
        GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
            matches!(&op.descr, Some(Descr::Array(a)) if a.immutable)
        }
        // Copies are the rewrite pass's business; they have nothing to share.
        SameAsI | SameAsR | SameAsF => false,
        opcode => opcode.is_pure(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descr::{CallDescr, DescrTable, EffectInfo};
    use crate::ops::Kind;
    use crate::parse::parse;

    #[test]
    fn elidable_calls_on_recorded_constants_fold() {
        let mut t = DescrTable::new();
        t.add_call(CallDescr {
            name: "f".to_string(),
            arg_kinds: vec![Kind::Int, Kind::Int],
            result: Some(Kind::Int),
            effect: EffectInfo::elidable(),
        });
        let trace = parse(
            "[i0]
i1 = call_pure_i(4660, 3, 2, descr=<CallDescr f>)
i2 = call_pure_i(4660, 3, 5, descr=<CallDescr f>)
i3 = int_add(i1, i2)
finish(i3)
",
            &mut t,
        )
        .unwrap();
        let mut ctx = OptContext::new(&trace);
        ctx.call_pure_results.insert(
            vec![
                Value::ConstInt(4660),
                Value::ConstInt(3),
                Value::ConstInt(2),
            ],
            Value::ConstInt(7),
        );
        let out = run(trace, &mut ctx).unwrap();
        // The first call folds to the recorded 7; the second was not recorded.
        assert_eq!(
            out.to_string(),
            "[i0]
i2 = call_pure_i(4660, 3, 5, descr=<CallDescr f>)
i3 = int_add(7, i2)
finish(i3)
"
        );
    }
}
