//! Bridges that enter a peeled loop at its body's label through the loop's short preamble
//! (PyPy's `jump_to_existing_trace` and `optimize_bridge`).
//!
//! A bridge traced from a failing guard ends at a merge point whose green key has a
//! compiled loop: it jumps to the loop's first label, so every pass through the bridge
//! runs the loop's preamble (an iteration optimized without the loop's knowledge) again.
//! When `unroll` peeled the loop, the loop's *short preamble* says what the body's label
//! needs besides the loop's variables: the imported values `e` (pure ops, heap reads) and
//! the facts the body relies on (guards). A bridge may then run the short preamble on its
//! own values and jump to the body's label with `x, e`, and its optimization (the normal
//! chain, without peeling) removes what the bridge knows already: the short preamble's
//! reads of fields it just read or wrote, its guards on values it has checked.
//!
//! # How, step by step
//!
//! After a loop is compiled ([`ShortPreambles::remember`]): the short preamble is kept,
//! by the loop's first label, when its inputs are the loop's variables in order
//! (`OptContext::short_preamble_takes_header`: no object is carried virtually across the
//! body's label, whose fields a bridge would have to provide), its jump goes to a label
//! of the compiled loop, and its reads cannot fault whatever the state at the loop's
//! header (`reads_are_safe`: the loop's own preamble read only after its guards, of which
//! the short preamble keeps those on invariant values only).
//!
//! When a bridge closes with `jump(a..., descr=<first label>)`
//! ([`JitState::bridge_into_body`]):
//! 1. no short preamble is known for the label, or the bridge starts at a guard of a
//!    short preamble (see below): the bridge stays as it is;
//! 2. the resume data of the closing merge point is built: the portal's frame at its
//!    `jit_merge_point`, the greens as constants and the reds as the jump's arguments. A
//!    guard that fails there resumes the interpreter at the loop's merge point with the
//!    bridge's values, where it runs the loop from its first label: the short preamble
//!    has no side effects, so nothing is done twice;
//! 3. the short preamble's ops are appended after a marker (`unroll::marker`, which no
//!    pass merges guards across: a copied guard must not strengthen one of the bridge's,
//!    whose failure would then trace a bridge that inlines the same short preamble
//!    again), its inputs renamed to `a` and its results to fresh boxes; each guard gets a
//!    fresh descr with that resume data and the distinct boxes of `a` as fail args;
//! 4. the jump goes to the body's label with the short preamble's jump arguments.
//!
//! The caller optimizes that bridge; if the optimizer refuses it (a copied guard that
//! always fails), it compiles the bridge as traced instead.
//!
//! A guard of a short preamble fails when the bridge's values do not meet a fact the body
//! relies on; the bridge traced from such a guard starts at the merge point and jumps to
//! the loop's first label, without the short preamble (which would fail again).
//!
//! A short preamble that reads an item of a `List` (bf's tape cells, which the loop
//! carries in registers) gets a bounds check before the read (`bound_list_reads`): the
//! bridge may bring another index or list.
//!
//! Limits: a short preamble that reads an item of a GC array, or a field of an object read
//! from a mutable field, is not used; no guards are generated to make a bridge's values match
//! the body label's virtual state (PyPy's `VirtualState.generate_guards`); a loop that
//! carries an object virtually across its body's label is always entered at its first
//! label.

use super::resume::{ResumeData, SnapFrame, Tagged};
use super::{JitState, Where};
use crate::List;
use jitsupport_trace::descr::FieldDescr;
use jitsupport_trace::optimizeopt::unroll;
use jitsupport_trace::{BoxId, Descr, GuardDescr, Kind, Op, Opcode, TargetToken, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A compiled loop's short preamble: a trace `[x] <ops and guards> jump(x, e,
/// descr=<body label>)`.
struct Short {
    /// The loop's first label, kept alive so that its address, the key, is not reused.
    _first: Rc<TargetToken>,
    trace: Trace,
    /// The label of the loop's body.
    body: Rc<TargetToken>,
}

/// The short preambles of the compiled loops, and the resume data that guards copied from
/// them share.
#[derive(Default)]
pub(crate) struct ShortPreambles {
    /// By the address of the loop's first label.
    by_label: HashMap<*const TargetToken, Short>,
    /// Resume data indices of closing merge points (the copied guards' resume data).
    pub(super) header_resumes: HashSet<usize>,
    /// The short preamble the last loop optimization left.
    pub(super) last: Option<Trace>,
}

impl ShortPreambles {
    /// Keeps `self.last` for the loop `optimized`, whose first label is `first`, if the
    /// short preamble jumps to one of its labels.
    pub(super) fn remember(&mut self, first: &Rc<TargetToken>, optimized: &Trace) {
        let Some(trace) = self.last.take() else {
            return;
        };
        let Some(body) = trace.ops.last().and_then(|op| op.target()).cloned() else {
            return;
        };
        let has_label = optimized.ops.iter().any(|op| {
            op.opcode == Opcode::Label && op.target().is_some_and(|t| Rc::ptr_eq(t, &body))
        });
        let trace = bound_list_reads(trace);
        if has_label && !Rc::ptr_eq(first, &body) && reads_are_safe(&trace) {
            let short = Short {
                _first: first.clone(),
                trace,
                body,
            };
            self.by_label.insert(Rc::as_ptr(first), short);
        }
    }

    /// `trace` ends in a jump to a loop's body label (it runs a short preamble first).
    pub(super) fn enters_body(&self, trace: &Trace) -> bool {
        let Some(target) = trace.ops.last().and_then(|op| op.target()) else {
            return false;
        };
        self.by_label.values().any(|s| Rc::ptr_eq(&s.body, target))
    }

    /// Forgets the short preamble of the loop whose first label is `first` (the loop is
    /// freed).
    pub(crate) fn forget_loop(&mut self, first: &Rc<TargetToken>) {
        self.by_label.remove(&Rc::as_ptr(first));
    }
}

impl JitState {
    /// Step 1 to 4 of the module doc: `bridge` (traced from a guard whose resume data is
    /// `resume`, closed at `to` by a jump to a loop's first label) rewritten to enter the
    /// loop's body through its short preamble, or `None`.
    pub(super) fn bridge_into_body(
        &mut self,
        bridge: &Trace,
        driver: usize,
        resume: usize,
        to: &Where,
    ) -> Option<Trace> {
        // 1. A short preamble for the label, and a bridge that does not start at one.
        if self.short_preambles.header_resumes.contains(&resume) {
            return None;
        }
        let jump = bridge.ops.last().filter(|op| op.opcode == Opcode::Jump)?;
        let first = jump.target()?;
        let short = self.short_preambles.by_label.get(&Rc::as_ptr(first))?;
        let inputs = short.trace.inputs.clone();
        if inputs.len() != jump.args.len()
            || inputs
                .iter()
                .zip(&jump.args)
                .any(|(x, a)| x.kind() != a.kind())
        {
            return None;
        }
        let Where::MergePoint { greens, .. } = to else {
            return None;
        };
        let short_ops = short.trace.ops.clone();
        let body = short.body.clone();
        // 2. The resume data of the closing merge point.
        let portal = self.portal(driver);
        let mut fail_args: Vec<Value> = Vec::new();
        let mut tagged = |a: Value| match a {
            Value::Box(b) => {
                let at = match fail_args.iter().position(|&f| f == a) {
                    Some(at) => at,
                    None => {
                        fail_args.push(Value::Box(b));
                        fail_args.len() - 1
                    }
                };
                Tagged::FailArg(at as u32)
            }
            c => Tagged::Const(c.const_bits().unwrap_or(0)),
        };
        let green_bits: [Vec<u64>; 3] = [
            greens.ints.iter().map(|&v| v as u64).collect(),
            greens.refs.iter().map(|&v| v as u64).collect(),
            greens.floats.iter().map(|v| v.to_bits()).collect(),
        ];
        let mut regs: [Vec<(u8, Tagged)>; 3] = Default::default();
        let mut reds = jump.args.iter();
        for k in 0..3 {
            for (&r, &bits) in portal.greens[k].iter().zip(&green_bits[k]) {
                regs[k].push((r, Tagged::Const(bits)));
            }
            for &r in &portal.reds[k] {
                let a = *reds.next()?;
                regs[k].push((r, tagged(a)));
            }
        }
        // The virtualizable's values follow the reds.
        let rest: Vec<Value> = reds.copied().collect();
        let vable = match (&portal.vable, &self.tracing_shape) {
            (Some(layout), Some(shape)) if layout.kinds(shape).len() == rest.len() => {
                let obj = jump.args.get(portal.reds[0].len() + layout.red).copied()?;
                Some(super::vable::VableResume {
                    layout: layout.clone(),
                    shape: shape.clone(),
                    obj: tagged(obj),
                    values: rest.into_iter().map(&mut tagged).collect(),
                })
            }
            _ if rest.is_empty() => None,
            _ => return None,
        };
        let index = self.resumes.add(ResumeData {
            frames: vec![SnapFrame {
                jitcode: portal.jitcode,
                pc: portal.pc,
                regs,
            }],
            vable,
        }) as usize;
        self.short_preambles.header_resumes.insert(index);
        // 3. The short preamble on the jump's arguments.
        let mut out = bridge.clone();
        let jump = out.ops.pop()?;
        let mut rename: HashMap<BoxId, Value> = inputs
            .iter()
            .copied()
            .zip(jump.args.iter().copied())
            .collect();
        out.push_op(unroll::marker());
        let renamed = |rename: &HashMap<BoxId, Value>, v: Value| match v {
            Value::Box(b) => rename.get(&b).copied().unwrap_or(v),
            c => c,
        };
        for op in short_ops {
            if op.opcode == Opcode::Jump {
                // 4. To the body's label.
                let args = op.args.iter().map(|&a| renamed(&rename, a)).collect();
                out.push_op(Op::new(Opcode::Jump, args, None).with_descr(Descr::Target(body)));
                return Some(out);
            }
            let mut new = op.clone();
            for a in &mut new.args {
                *a = renamed(&rename, *a);
            }
            if let Some(r) = op.result {
                let fresh = out.new_box(r.kind());
                rename.insert(r, Value::Box(fresh));
                new.result = Some(fresh);
            }
            if op.opcode.is_guard() {
                let number = self.next_guard;
                self.next_guard += 1;
                new.descr = Some(Descr::Guard(Rc::new(GuardDescr::new(number, index as u32))));
                new.fail_args = Some(fail_args.clone());
            }
            out.ops.push(new);
        }
        None
    }
}

/// `short` with a bounds check before each read of a `List`'s item: `len =
/// getfield_gc_i(obj, <List.len>); c = uint_ge(index, len); guard_false(c)`, where the
/// short preamble read the items pointer from `obj`. The loop's preamble checked the
/// index against the list's length before its read, but the short preamble keeps only
/// some of its guards (and an index may be in bounds there only by what the optimizer
/// derived from several guards, `i + 2 != len` after `i + 1 < len`): a bridge brings
/// another index and list. A bridge's optimizer removes the checks its facts make
/// redundant; a check that fails resumes at the loop's header like the other guards.
fn bound_list_reads(short: Trace) -> Trace {
    let mut out = short.empty_copy();
    let mut items_of: HashMap<BoxId, (Value, Rc<FieldDescr>)> = HashMap::new();
    for op in short.ops {
        if let (Opcode::GetfieldGcI, Some(r), Some(Descr::Field(d))) =
            (op.opcode, op.result, &op.descr)
        {
            if let Some(len) = list_len_descr(d) {
                items_of.insert(r, (op.args[0], Rc::new(len)));
            }
        }
        let raw_read = matches!(
            op.opcode,
            Opcode::GetarrayitemRawI | Opcode::GetarrayitemRawF
        );
        let list = op.args.first().and_then(|a| items_of.get(&a.as_box()?));
        if let (true, Some((obj, len_descr))) = (raw_read, list) {
            let len = out.new_box(Kind::Int);
            out.push_op(
                Op::new(Opcode::GetfieldGcI, vec![*obj], Some(len))
                    .with_descr(Descr::Field(len_descr.clone())),
            );
            let c = out.new_box(Kind::Int);
            out.push_op(Op::new(
                Opcode::UintGe,
                vec![op.args[1], Value::Box(len)],
                Some(c),
            ));
            let mut guard = Op::new(Opcode::GuardFalse, vec![Value::Box(c)], None)
                .with_descr(Descr::Guard(Rc::new(GuardDescr::new(0, 0))));
            guard.fail_args = Some(Vec::new());
            out.push_op(guard);
        }
        out.push_op(op);
    }
    out
}

/// The length field of the `List` whose items pointer `items` reads
/// (`List<u8>.items@16` -> `List<u8>.len@24`, `Program.code.items` -> `Program.code.len`
/// for a list immutable all the way down), or `None` for another field. Only a `List`'s
/// items pointer is a field named `items` of kind int that raw item reads go through.
fn list_len_descr(items: &FieldDescr) -> Option<FieldDescr> {
    let owner = items.declared_name().strip_suffix(".items")?;
    if items.kind != Kind::Int || items.size != 8 {
        return None;
    }
    let offset =
        (items.offset + List::<u8>::OFFSET_OF_LEN).checked_sub(List::<u8>::OFFSET_OF_ITEMS)?;
    let name = if items.name.contains('@') {
        format!("{owner}.len@{offset}")
    } else {
        format!("{owner}.len")
    };
    Some(FieldDescr {
        name,
        offset,
        signed: false,
        ..items.clone()
    })
}

/// The short preamble's reads cannot fault on any state a bridge may bring to the loop's
/// header: the loop relied on guards of its preamble to read where it did, and only the
/// guards on the loop's invariant values are in the short preamble. A field is read only
/// of an input (a value of the interpreter, of the type the loop saw there), a constant,
/// or an object read from an immutable field of those; no item of a GC array is read (its
/// index may be out of bounds for another state); an item of a `List` is read only right
/// after the check [`bound_list_reads`] puts before it; calls get no reference read from
/// memory.
fn reads_are_safe(short: &Trace) -> bool {
    let mut safe: HashSet<BoxId> = short.inputs.iter().copied().collect();
    let is_safe = |v: &Value, safe: &HashSet<BoxId>| match v {
        Value::Box(b) => safe.contains(b),
        _ => true,
    };
    // Items pointers read of safe objects, with the object.
    let mut items_of: HashMap<BoxId, Value> = HashMap::new();
    for (at, op) in short.ops.iter().enumerate() {
        let opcode = op.opcode;
        if matches!(opcode, Opcode::GetarrayitemRawI | Opcode::GetarrayitemRawF) {
            if !is_bounded(short, at, &items_of) {
                return false;
            }
            continue;
        }
        if let (Opcode::GetfieldGcI, Some(r), Some(Descr::Field(d)), Some(obj)) =
            (opcode, op.result, &op.descr, op.args.first())
        {
            if list_len_descr(d).is_some() && is_safe(obj, &safe) {
                items_of.insert(r, *obj);
            }
        }
        if opcode.is_getfield_or_getarrayitem() || opcode == Opcode::ArraylenGc {
            let item = !matches!(
                opcode,
                Opcode::GetfieldGcI
                    | Opcode::GetfieldGcR
                    | Opcode::GetfieldGcF
                    | Opcode::GetfieldRawI
                    | Opcode::GetfieldRawF
            );
            if opcode != Opcode::ArraylenGc && item {
                return false;
            }
            if !op.args.first().is_some_and(|a| is_safe(a, &safe)) {
                return false;
            }
            let immutable = matches!(&op.descr, Some(Descr::Field(f)) if f.immutable);
            if let (Some(r), true) = (op.result, immutable) {
                safe.insert(r);
            }
        } else if opcode.is_call()
            && op
                .args
                .iter()
                .any(|a| a.kind() == jitsupport_trace::Kind::Ref && !is_safe(a, &safe))
        {
            return false;
        }
    }
    true
}

/// `short.ops[at]`, a raw item read, follows the bounds check [`bound_list_reads`] puts
/// before it, on the length of the list (of a safe object) whose items it reads.
fn is_bounded(short: &Trace, at: usize, items_of: &HashMap<BoxId, Value>) -> bool {
    let ([.., len, cmp, guard], [read, ..]) = short.ops.split_at(at) else {
        return false;
    };
    let (Some(base), Some(&index)) = (read.args[0].as_box(), read.args.get(1)) else {
        return false;
    };
    let Some(&obj) = items_of.get(&base) else {
        return false;
    };
    let len_of_list = len.opcode == Opcode::GetfieldGcI
        && len.args.first() == Some(&obj)
        && matches!(&len.descr, Some(Descr::Field(d)) if d.declared_name().ends_with(".len"));
    let compares = cmp.opcode == Opcode::UintGe
        && cmp.args.len() == 2
        && cmp.args[0] == index
        && cmp.args[1].as_box() == len.result
        && cmp.args[1].as_box().is_some();
    let guards = guard.opcode == Opcode::GuardFalse
        && guard.args.first().and_then(|a| a.as_box()) == cmp.result
        && cmp.result.is_some();
    len_of_list && compares && guards
}

#[cfg(test)]
mod tests {
    use super::{bound_list_reads, reads_are_safe};
    use jitsupport_trace::descr::{ArrayDescr, DescrTable, FieldDescr};
    use jitsupport_trace::{parse, Kind};

    fn short(text: &str) -> jitsupport_trace::Trace {
        let mut t = DescrTable::new();
        t.add_field(FieldDescr::word("Node.value", 8, Kind::Int));
        t.add_field(FieldDescr::word("Node.next", 16, Kind::Ref));
        t.add_field(FieldDescr {
            immutable: true,
            ..FieldDescr::word("Node.code", 24, Kind::Ref)
        });
        t.add_array(ArrayDescr::words("Stack.items", Kind::Int));
        t.add_field(FieldDescr::word("List<u8>.items@32", 32, Kind::Int));
        t.add_array(ArrayDescr::raw_bytes("u8"));
        let _ = t.target(1);
        match parse(text, &mut t) {
            Ok(trace) => trace,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn reads_of_inputs_and_immutable_fields_are_safe() {
        let s = short(
            "[p0, i1]
i2 = getfield_gc_i(p0, descr=<FieldDescr Node.value>)
p3 = getfield_gc_r(p0, descr=<FieldDescr Node.code>)
i4 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
guard_true(i1, descr=<Guard1>) []
jump(p0, i1, i2, i4, descr=<Label1>)
",
        );
        assert!(reads_are_safe(&s));
    }

    #[test]
    fn reads_through_a_mutable_field_or_of_items_are_not() {
        // The object read from a mutable field may be another one (of another variant)
        // in a bridge's state.
        let through = short(
            "[p0]
p1 = getfield_gc_r(p0, descr=<FieldDescr Node.next>)
i2 = getfield_gc_i(p1, descr=<FieldDescr Node.value>)
jump(p0, p1, i2, descr=<Label1>)
",
        );
        assert!(!reads_are_safe(&through));
        // An item's index may be out of bounds in a bridge's state.
        let item = short(
            "[p0, i1]
i2 = getarrayitem_gc_i(p0, i1, descr=<ArrayDescr Stack.items>)
jump(p0, i1, i2, descr=<Label1>)
",
        );
        assert!(!reads_are_safe(&item));
    }

    #[test]
    fn a_lists_item_is_read_only_after_a_bounds_check_on_its_length() {
        // The loop read tape cell i1 + 1 where its preamble knew it in bounds; a bridge
        // may bring another i1 (or tape): the check goes right before the read.
        let text = "[p0, i1]
i2 = getfield_gc_i(p0, descr=<FieldDescr List<u8>.items@32>)
i3 = int_add(i1, 1)
i4 = getarrayitem_raw_i(i2, i3, descr=<ArrayDescr u8>)
jump(p0, i1, i4, descr=<Label1>)
";
        let unchecked = short(text);
        assert!(!reads_are_safe(&unchecked));
        let checked = bound_list_reads(unchecked);
        assert!(reads_are_safe(&checked), "{checked}");
        let ops: Vec<String> = checked.ops.iter().map(|op| op.to_string()).collect();
        assert!(
            ops[2].contains("getfield_gc_i(p0, descr=<FieldDescr List<u8>.len@40>)"),
            "{checked}"
        );
        assert!(ops[3].contains("uint_ge(i3, i"), "{checked}");
        assert!(ops[4].starts_with("guard_false("), "{checked}");
        assert!(ops[5].contains("getarrayitem_raw_i(i2, i3"), "{checked}");
    }

    #[test]
    fn a_raw_read_not_through_a_lists_items_stays_unsafe() {
        // The base address is an input: no list to check the index against.
        let s = bound_list_reads(short(
            "[p0, i1]
i2 = getarrayitem_raw_i(i1, 0, descr=<ArrayDescr u8>)
jump(p0, i1, i2, descr=<Label1>)
",
        ));
        assert!(!reads_are_safe(&s), "{s}");
        // A list's items read through a mutable field of an input's field: the list
        // may be another one.
        let s = bound_list_reads(short(
            "[p0]
p1 = getfield_gc_r(p0, descr=<FieldDescr Node.next>)
i2 = getfield_gc_i(p1, descr=<FieldDescr List<u8>.items@32>)
i3 = getarrayitem_raw_i(i2, 0, descr=<ArrayDescr u8>)
jump(p0, i3, descr=<Label1>)
",
        ));
        assert!(!reads_are_safe(&s), "{s}");
    }
}
