//! The GC rewrite a backend applies to a trace before it compiles it, when it runs with
//! the collector (PyPy's `llsupport/rewrite.py`): write barriers.
//!
//! A store of a reference, or of a word that may be one ([`FieldDescr::may_hold_ref`]),
//! into a GC object that may be old needs the barrier: `setfield_gc(p, v, descr=f)`
//! gets a `cond_call_gc_wb(p, descr=f)` right before it, `setarrayitem_gc(p, i, v,
//! descr=a)` a `cond_call_gc_wb_array(p, i, descr=a)`. No barrier is needed
//!
//! - for a store of the constant null (it creates no reference);
//! - into an object allocated in the trace since the last *collection point*: it lies in
//!   the young space until the next collection (PyPy: "the object is young, no write
//!   barrier"). A collection point is an allocation (whose slow path may collect) or a
//!   call of any kind (the callee may allocate); a label starts afresh (the loop comes
//!   back to it after collection points);
//! - for a second store into the same field of the same object (or the same constant
//!   index of the same array) with no collection point since the first barrier: the
//!   barrier remembered that slot's line already. (Two different fields of one object
//!   may lie in two lines: each gets its barrier.)
//!
//! The barrier's slot is the address the store writes, because the collector remembers
//! lines, not objects.

use crate::descr::Descr;
use crate::ops::Opcode;
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashSet;

/// The slots whose barrier ran since the last collection point: the object, and the
/// field (by descr) or the constant item index.
#[derive(PartialEq, Eq, Hash)]
enum Slot {
    Field(BoxId, Descr),
    Item(BoxId, Descr, i64),
}

/// Whether `op` may collect: an allocation or a call.
pub fn is_collection_point(op: &Op) -> bool {
    use Opcode::*;
    op.opcode.is_call() || matches!(op.opcode, New | NewWithVtable | NewArray | NewArrayClear)
}

/// `trace` with the write barriers it needs (see the module doc).
pub fn rewrite(trace: &Trace) -> Trace {
    let mut out = trace.empty_copy();
    let mut fresh: HashSet<BoxId> = HashSet::new();
    let mut done: HashSet<Slot> = HashSet::new();
    for op in &trace.ops {
        if is_collection_point(op) || op.opcode == Opcode::Label {
            fresh.clear();
            done.clear();
        }
        match op.opcode {
            Opcode::SetfieldGc => {
                let needs = matches!(&op.descr, Some(Descr::Field(f)) if f.may_hold_ref());
                if let (true, Value::Box(p), Some(d)) = (needs, op.arg(0), &op.descr) {
                    if op.arg(1) != Value::NULL
                        && op.arg(1) != Value::ConstInt(0)
                        && !fresh.contains(&p)
                        && done.insert(Slot::Field(p, d.clone()))
                    {
                        out.push_op(
                            Op::new(Opcode::CondCallGcWb, vec![op.arg(0)], None)
                                .with_descr(d.clone()),
                        );
                    }
                }
            }
            Opcode::SetarrayitemGc => {
                let needs = matches!(&op.descr, Some(Descr::Array(a)) if a.may_hold_ref());
                if let (true, Value::Box(p), Some(d)) = (needs, op.arg(0), &op.descr) {
                    let again = match op.arg(1) {
                        Value::ConstInt(i) => !done.insert(Slot::Item(p, d.clone(), i)),
                        _ => false,
                    };
                    if op.arg(2) != Value::NULL
                        && op.arg(2) != Value::ConstInt(0)
                        && !fresh.contains(&p)
                        && !again
                    {
                        out.push_op(
                            Op::new(Opcode::CondCallGcWbArray, vec![op.arg(0), op.arg(1)], None)
                                .with_descr(d.clone()),
                        );
                    }
                }
            }
            _ => {}
        }
        out.push_op(op.clone());
        if let (true, Some(r)) = (is_allocation(op.opcode), op.result) {
            fresh.insert(r);
        }
    }
    out
}

fn is_allocation(opcode: Opcode) -> bool {
    use Opcode::*;
    matches!(opcode, New | NewWithVtable | NewArray | NewArrayClear)
}
