//! The `unroll` pass: loop peeling with a short preamble (PyPy's `unroll.py` and
//! `shortpreamble.py`).
//!
//! A loop `[a] ops(a) jump(b)` becomes
//!
//! ```text
//! [a]
//! <preamble: ops(a), optimized>                  the first iteration
//! label(x..., e..., descr=<LabelN>)
//! <body: ops(x), optimized knowing what the preamble proved>
//! jump(x'..., e'..., descr=<LabelN>)
//! ```
//!
//! The body runs every later iteration. Its label carries the loop's variables `x` (the
//! values the preamble's `jump` passed) and *imported* values `e`, which the body would
//! otherwise recompute. What the preamble proved about a variable holds in every
//! iteration only if the variable is *invariant* (the loop passes it back unchanged, as
//! `jump(.., i0, ..)` at the position of input `i0`, or as the optimized preamble shows
//! after simplifying: `int_sub(int_add(i0, 1), 1)`), so imports are built on invariant
//! variables and constants only. An int variable the preamble ends with as a constant
//! (`jump(.., 4, ..)`, a frame's stack depth after a `guard_value`) is invariant from the
//! second iteration on when the body passes the same constant back: the short preamble
//! checks it with a `guard_value` (for bridges entering the body), the body folds it, and
//! nothing of the preamble computed from the first iteration's value is imported.
//! Imports are:
//!
//! - *pure imports*: pure ops, `call_pure_*`, reads of immutable fields and items, and
//!   `call_loopinvariant_*` of the preamble whose arguments are imported or invariant.
//!   Their value never changes: the body's jump passes them back as they are (loop-
//!   invariant code motion);
//! - *heap imports*: what the preamble's heap cache knows at its end about fields of
//!   invariant objects (`p0.value == i7`) and items of invariant arrays at invariant
//!   indices (`p3[i1] == i9`; GC arrays and the raw items of a `List`). The value may change in the body, so the body
//!   reads it again right before its jump (usually from its own heap cache, for free) and
//!   passes the new value around. A value the body passes back unchanged is then taken as
//!   invariant too, so that pure imports and guards may build on it (checked again after
//!   the body is optimized);
//! - *guards* of the preamble on invariant values (class, non-null, `guard_true` of an
//!   imported comparison, `guard_value`): they hold for the whole loop;
//! - *virtual state*: an object allocated in the iteration and passed to the next one
//!   (`jump(.., p9, ..)`, `p9 = new_with_vtable(..)`) stays virtual across the label when
//!   it does not escape: the label carries its fields instead (PyPy's virtual state), and
//!   the body starts from a virtual copy built from them. A copy is indistinguishable from
//!   the object because nothing else refers to an object that never escaped.
//!
//! # How, step by step
//!
//! [`run`]:
//! 1. split the loop into its inputs, an optional leading label, the ops and the jump, and
//!    find the objects that may be carried virtually; a trace of another shape is
//!    optimized without peeling;
//! 2. optimize the preamble: the loop with its jump replaced by a `finish` of the loop's
//!    *state* (the variables, with carried objects replaced by reads of their fields),
//!    with the chain. If a carried object was allocated after all (it escaped), carry it
//!    as an object and start again;
//! 3. build the *short preamble* (the import ops) from the optimized preamble: the pure
//!    imports and guards found by walking its ops, the heap imports from
//!    [`heap::known_fields`];
//! 4. optimize the body: a trace `[x] <short preamble> <marker> <virtual copies of the
//!    carried objects> ops(x) <reads of the carried fields and heap imports>
//!    finish(x', e')` (a `finish`, so that its arguments need not match the inputs), with
//!    the chain, twice (so that what `heap` forwards reaches `pure` and `intbounds`,
//!    which run before it). The short preamble tells every pass its facts; the marker (a
//!    `call_n` of address 0 without effects) keeps passes from merging body guards into
//!    short-preamble guards, and a body whose short preamble a pass changed anyway is
//!    refused;
//! 5. check the result: a carried object must not escape in the body either, nor get a
//!    field the label does not carry (else back to 2 without it), an invariant variable
//!    or heap value must still be passed back unchanged, and a heap import the body does
//!    not use is dropped; on a mismatch, go back to 3 with fewer assumptions (this terminates: every round removes some, and a bounded number of
//!    rounds falls back to the loop optimized without peeling);
//! 6. join: the preamble without its `finish`, a label over the preamble's values of `x`
//!    and the used `e` (a `same_as` where a value is a constant or listed twice; a value
//!    written into a narrow field or item, truncated as memory holds it), the body without
//!    its short preamble and marker, and a jump to the label. When the label would carry
//!    more values than the backends keep in registers ([`LABEL_REGISTERS`]), cheap pure
//!    imports (`int_add(i1, 2)`, a tape cell's index next to another's) are recomputed
//!    right before their first use in the body instead, as many as it takes.
//!
//! The short preamble of the final loop, as a trace `[x] <import ops and guards>
//! jump(x, e, descr=<LabelN>)`, is left in [`OptContext::short_preamble`]: a bridge that
//! wants to enter the peeled loop at its label runs it first to compute `e` and to check
//! the facts the body relies on (its guards carry the resume data of the preamble guards
//! they copy; a bridge replaces it with resume data at its own jump). When no object is
//! carried virtually, its inputs `x` are the loop's variables in order
//! ([`OptContext::short_preamble_takes_header`]), and the metainterp's bridges that close
//! at the loop inline it and jump to the body's label (`jitsupport`'s
//! `metainterp::bridge`); otherwise a bridge jumps to the preamble, which is always
//! correct.
//!
//! Limits: only objects allocated in the iteration itself are carried virtually, one
//! level deep (a virtual in a carried object's field is allocated at the jump); guards of
//! the preamble on variables that change are not imported (they would need resume data at
//! the loop header).

use super::{heap, run_passes, virtualize, OptContext, OptError, Pass};
use crate::descr::{CallDescr, Descr, EffectInfo, FieldDescr, TargetToken};
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// At most this many imports (the label's width grows with them).
pub const MAX_IMPORTS: usize = 64;

/// How many label arguments the backends keep in registers (x86-64: nine general
/// registers); beyond it, [`join`] recomputes cheap imports instead of carrying them.
const LABEL_REGISTERS: usize = 8;

/// How many rounds step 5 may take before giving up on imports.
const MAX_ROUNDS: usize = 12;

/// Runs the passes of `chain` over the loop `trace`, peeled as the module doc says.
pub fn run(trace: Trace, ctx: &mut OptContext, chain: &[Pass]) -> Result<Trace, OptError> {
    ctx.short_preamble = None;
    ctx.short_preamble_takes_header = false;
    // 1. The loop's shape.
    let Some(shape) = Shape::of(&trace) else {
        return run_passes(trace, chain, ctx);
    };
    let saved_virtuals = ctx.virtuals.clone();
    let mut exploded: Vec<usize> = shape.candidates.iter().map(|c| c.position).collect();
    let mut next_box = trace.num_boxes();
    for _ in 0..MAX_ROUNDS {
        ctx.virtuals = saved_virtuals.clone();
        let state = shape.state(&exploded);
        // 2. The preamble, ending in a `finish` of the loop's state.
        let preamble_in = shape.preamble_input(&trace, &state, &mut next_box);
        let preamble = run_passes(preamble_in, chain, ctx)?;
        next_box = next_box.max(preamble.num_boxes());
        let forced = shape.forced(&preamble, &exploded, |j| shape.jump_args[j]);
        if !forced.is_empty() {
            exploded.retain(|j| !forced.contains(j));
            continue;
        }
        let pre_args = match preamble.ops.last() {
            Some(op) if op.opcode == Opcode::Finish && op.args.len() == state.len() => {
                op.args.clone()
            }
            _ => break,
        };
        match peel(
            &trace,
            &shape,
            &state,
            preamble,
            &pre_args,
            ctx,
            chain,
            &mut next_box,
        )? {
            Peeled::Done(result) => return Ok(result),
            Peeled::Escaped(js) => exploded.retain(|j| !js.contains(j)),
            Peeled::Failed => break,
        }
    }
    // No body could be built: the loop optimized as it is, without peeling.
    ctx.virtuals = saved_virtuals;
    run_passes(trace, chain, ctx)
}

/// How peeling with a given state went.
enum Peeled {
    Done(Trace),
    /// The objects carried virtually at these header positions escape in the body.
    Escaped(Vec<usize>),
    Failed,
}

/// Steps 3 to 6 for one loop state.
#[allow(clippy::too_many_arguments)]
fn peel(
    trace: &Trace,
    shape: &Shape,
    state: &[StateSlot],
    preamble: Trace,
    pre_args: &[Value],
    ctx: &mut OptContext,
    chain: &[Pass],
    next_box: &mut u32,
) -> Result<Peeled, OptError> {
    let saved_virtuals = ctx.virtuals.clone();
    // A variable the preamble passes back as it is (maybe only after simplifying) is
    // taken as invariant; step 5 checks that the body passes it back too. So is an int
    // variable the preamble ends with as a constant (a frame's stack depth): the short
    // preamble checks it (`guard_value`), so that the body may fold it.
    let has_guard = preamble.ops.iter().any(|op| op.guard_descr().is_some());
    let mut invariant: Vec<bool> = state
        .iter()
        .zip(pre_args)
        .map(|(slot, &pre)| match slot {
            StateSlot::Var(j) => {
                shape.jump_args[*j] == Value::Box(shape.header[*j])
                    || pre == Value::Box(shape.header[*j])
                    || (has_guard && pre.is_const() && pre.kind() == Kind::Int)
            }
            StateSlot::Field(..) => false,
        })
        .collect();
    let mut dropped: HashSet<ImportKey> = HashSet::new();
    let mut promoted: HashSet<ImportKey> = HashSet::new();
    let mut demoted: HashSet<ImportKey> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        ctx.virtuals = saved_virtuals.clone();
        // 3. The short preamble.
        let mut builder = Builder::new(ctx, state, shape, &invariant, next_box);
        builder.imports(&preamble, pre_args, &dropped, &promoted);
        let (body_in, allocations) = builder.body(trace, shape, state);
        // The objects the body passes on must have no field the label does not carry.
        let lost: Vec<usize> = allocations
            .iter()
            .filter(|(j, obj)| {
                let carried: Vec<&Rc<FieldDescr>> = state
                    .iter()
                    .filter_map(|slot| match slot {
                        StateSlot::Field(k, f) if k == *j => Some(f),
                        _ => None,
                    })
                    .collect();
                match obj
                    .as_box()
                    .and_then(|b| virtualize::virtual_fields(&body_in, b))
                {
                    Some(written) => written
                        .iter()
                        .any(|f| !carried.iter().any(|c| Rc::ptr_eq(c, f))),
                    None => true,
                }
            })
            .map(|(j, _)| *j)
            .collect();
        if !lost.is_empty() {
            return Ok(Peeled::Escaped(lost));
        }
        let imports = builder.imports;
        let short_ops = builder.short_ops;
        let inputs = builder.inputs;
        // 4. The body, twice through the chain: what `heap` forwards from the short
        // preamble is then seen by the passes before it (`pure` matching an imported
        // comparison, `intbounds` an imported guard).
        let body = run_passes(body_in, chain, ctx)?;
        let body = run_passes(body, chain, ctx)?;
        *next_box = (*next_box).max(body.num_boxes());
        let escaped = shape.forced(
            &body,
            &allocations.keys().copied().collect::<Vec<_>>(),
            |j| allocations[&j],
        );
        if !escaped.is_empty() {
            return Ok(Peeled::Escaped(escaped));
        }
        // 5. Check it.
        match check(&body, &inputs, &imports, &short_ops, &invariant, pre_args) {
            Check::Ok(parts) => {
                // Heap imports the body passes back unchanged could be invariant: try
                // again taking them as such, once.
                let n = inputs.len();
                let more: Vec<ImportKey> = imports
                    .iter()
                    .enumerate()
                    .filter(|(k, i)| {
                        !i.promoted
                            && i.reread.is_some()
                            && !demoted.contains(&i.key)
                            && parts.finish[n + k] == Value::Box(i.body)
                    })
                    .map(|(_, i)| i.key.clone())
                    .collect();
                if !more.is_empty() {
                    demoted.extend(more.iter().cloned());
                    promoted.extend(more);
                    continue;
                }
                // 6. Join.
                let joined = join(
                    preamble, parts, &inputs, &imports, &short_ops, ctx, next_box,
                );
                ctx.short_preamble_takes_header = state.len() == shape.header.len()
                    && state
                        .iter()
                        .enumerate()
                        .all(|(i, slot)| matches!(slot, StateSlot::Var(j) if *j == i));
                return Ok(Peeled::Done(joined));
            }
            Check::NotInvariant(js) => {
                for j in js {
                    invariant[j] = false;
                }
            }
            Check::Unused(keys) => dropped.extend(keys),
            Check::Demote(keys) => {
                for key in keys {
                    promoted.remove(&key);
                }
            }
            Check::Broken => {
                if !promoted.is_empty() {
                    // Taking heap values as invariant broke something: not again.
                    promoted.clear();
                } else if imports.is_empty() {
                    break;
                } else {
                    dropped.extend(imports.iter().map(|i| i.key.clone()));
                }
            }
        }
    }
    ctx.virtuals = saved_virtuals;
    Ok(Peeled::Failed)
}

// ------------------------------------------------------------------ the loop's shape

/// A loop split into its parts.
struct Shape {
    /// The loop's variables: the leading label's arguments, or the inputs.
    header: Vec<BoxId>,
    /// Where the ops of one iteration start (after the leading label).
    start: usize,
    /// The final jump's arguments, one per header variable.
    jump_args: Vec<Value>,
    /// Header positions whose next value is an object allocated in the iteration, which
    /// may stay virtual across the label.
    candidates: Vec<Candidate>,
}

/// An object allocated in the loop and passed to the next iteration.
struct Candidate {
    position: usize,
    /// The allocation op (its opcode and size descr).
    alloc: Op,
    /// The fields the iteration writes into it, in order.
    fields: Vec<Rc<FieldDescr>>,
}

/// One value the label carries for the loop's variables.
#[derive(Clone, Debug)]
enum StateSlot {
    /// Header variable `j` as it is.
    Var(usize),
    /// A field of the object passed at header position `j`, which stays virtual.
    Field(usize, Rc<FieldDescr>),
}

impl Shape {
    fn of(trace: &Trace) -> Option<Shape> {
        let last = trace.ops.last()?;
        if last.opcode != Opcode::Jump {
            return None;
        }
        let first_label = trace.ops.first().filter(|op| op.opcode == Opcode::Label);
        // A label anywhere else: already peeled, or a shape this pass does not know.
        let labels = trace
            .ops
            .iter()
            .filter(|op| op.opcode == Opcode::Label)
            .count();
        if labels > usize::from(first_label.is_some()) {
            return None;
        }
        let (header, start) = match first_label {
            Some(label) => {
                let header: Option<Vec<BoxId>> = label.args.iter().map(|a| a.as_box()).collect();
                // The jump must go to this label.
                match (last.target(), label.target()) {
                    (Some(t), Some(l)) if !Rc::ptr_eq(t, l) => return None,
                    _ => {}
                }
                (header?, 1)
            }
            None => {
                if last.descr.is_some() {
                    return None;
                }
                (trace.inputs.clone(), 0)
            }
        };
        if last.args.len() != header.len() {
            return None;
        }
        let ops = &trace.ops[start..trace.ops.len() - 1];
        let mut candidates = Vec::new();
        for (j, &arg) in last.args.iter().enumerate() {
            let Value::Box(p) = arg else { continue };
            if last.args.iter().filter(|&&a| a == arg).count() != 1 {
                continue;
            }
            let Some(alloc) = ops.iter().find(|op| {
                op.result == Some(p) && matches!(op.opcode, Opcode::New | Opcode::NewWithVtable)
            }) else {
                continue;
            };
            // The fields written into it, through whatever box: none may be left behind.
            let Some(fields) = virtualize::virtual_fields(trace, p) else {
                continue;
            };
            candidates.push(Candidate {
                position: j,
                alloc: Op::new(alloc.opcode, Vec::new(), None).with_descr(
                    alloc
                        .descr
                        .clone()
                        .unwrap_or_else(|| Descr::MergePoint(Rc::from("no descr"))),
                ),
                fields,
            });
        }
        Some(Shape {
            header,
            start,
            jump_args: last.args.clone(),
            candidates,
        })
    }

    /// The loop's state with the objects at the positions of `exploded` carried virtually.
    fn state(&self, exploded: &[usize]) -> Vec<StateSlot> {
        let mut state = Vec::new();
        for j in 0..self.header.len() {
            match self.candidates.iter().find(|c| c.position == j) {
                Some(c) if exploded.contains(&j) => {
                    state.extend(c.fields.iter().map(|f| StateSlot::Field(j, f.clone())));
                }
                _ => state.push(StateSlot::Var(j)),
            }
        }
        state
    }

    /// The loop with its jump replaced by the reads of the virtual objects' fields and a
    /// `finish` of the state.
    fn preamble_input(&self, trace: &Trace, state: &[StateSlot], next_box: &mut u32) -> Trace {
        let mut out = trace.clone();
        out.ops.pop();
        let mut args = Vec::new();
        for slot in state {
            match slot {
                StateSlot::Var(j) => args.push(self.jump_args[*j]),
                StateSlot::Field(j, f) => {
                    let v = fresh_box(next_box, f.kind);
                    if let Some(opcode) = Opcode::GetfieldGcI.with_result(Some(f.kind)) {
                        out.push_op(
                            Op::new(opcode, vec![self.jump_args[*j]], Some(v))
                                .with_descr(Descr::Field(f.clone())),
                        );
                    }
                    args.push(Value::Box(v));
                }
            }
        }
        out.push_op(Op::new(Opcode::Finish, args, None));
        out
    }

    /// The positions among `exploded` whose object `optimized` allocates (it escaped);
    /// `object(j)` is the object's box in that trace.
    fn forced(
        &self,
        optimized: &Trace,
        exploded: &[usize],
        object: impl Fn(usize) -> Value,
    ) -> Vec<usize> {
        exploded
            .iter()
            .copied()
            .filter(|&j| {
                let p = object(j).as_box();
                optimized
                    .ops
                    .iter()
                    .any(|op| op.result.is_some() && op.result == p)
            })
            .collect()
    }
}

// ------------------------------------------------------------------ imports

/// What identifies an import across rounds: the preamble value it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ImportKey {
    Pure(Value),
    Field(Value, Descr),
    Item(Value, Value, Descr),
    /// An item of raw memory (a `List`'s items): base address, index, descr.
    RawItem(Value, Value, Descr),
}

impl ImportKey {
    /// The key of item `index` of `array`, in raw memory or a GC array.
    fn item(array: Value, index: Value, descr: Descr, raw: bool) -> ImportKey {
        if raw {
            ImportKey::RawItem(array, index, descr)
        } else {
            ImportKey::Item(array, index, descr)
        }
    }
}

/// A value the body receives through the label instead of computing it.
#[derive(Clone, Debug)]
struct Import {
    key: ImportKey,
    /// The box the body knows it by (defined by the short preamble).
    body: BoxId,
    /// Its value at the end of the preamble...
    pre: Value,
    /// ...truncated to this width (a raw value written into a narrow field or item).
    narrow: Option<(u8, bool)>,
    /// For heap imports, the read the body does before its jump: `(object, field descr)`
    /// in body terms. `None`: the value is invariant.
    reread: Option<Op>,
    /// A heap import taken as invariant (the body leaves the field alone): pure imports
    /// and guards may build on it.
    promoted: bool,
}

struct Builder<'a> {
    ctx: &'a mut OptContext,
    /// Which state slots are taken as invariant this round.
    invariant: Vec<bool>,
    /// Which state slots the loop's jump passes back as its input (the header's value
    /// is the slot's value in every iteration; not so for a slot invariant only because
    /// the preamble ends with a constant there).
    passed_back: Vec<bool>,
    /// The loop's state and header variables.
    state: Vec<StateSlot>,
    header: Vec<BoxId>,
    next_box: &'a mut u32,
    /// The body's inputs, one per header variable.
    inputs: Vec<BoxId>,
    /// Preamble value -> body value, for invariant values.
    env: HashMap<Value, Value>,
    imports: Vec<Import>,
    short_ops: Vec<Op>,
}

impl<'a> Builder<'a> {
    fn new(
        ctx: &'a mut OptContext,
        state: &[StateSlot],
        shape: &Shape,
        invariant: &[bool],
        next_box: &'a mut u32,
    ) -> Builder<'a> {
        let mut b = Builder {
            ctx,
            invariant: invariant.to_vec(),
            passed_back: state
                .iter()
                .map(|slot| {
                    matches!(slot, StateSlot::Var(j)
                        if shape.jump_args[*j] == Value::Box(shape.header[*j]))
                })
                .collect(),
            state: state.to_vec(),
            header: shape.header.clone(),
            next_box,
            inputs: Vec::new(),
            env: HashMap::new(),
            imports: Vec::new(),
            short_ops: Vec::new(),
        };
        b.inputs = state
            .iter()
            .map(|slot| match slot {
                StateSlot::Var(j) => b.fresh(shape.header[*j].kind()),
                StateSlot::Field(_, f) => b.fresh(f.kind),
            })
            .collect();
        b
    }

    fn fresh(&mut self, kind: Kind) -> BoxId {
        let b = BoxId::new(*self.next_box, kind);
        *self.next_box += 1;
        b
    }

    /// `v` in body terms, if it is a constant or an invariant value.
    fn map(&self, v: Value) -> Option<Value> {
        if v.is_const() {
            Some(v)
        } else {
            self.env.get(&v).copied()
        }
    }

    /// Step 3: the imports from the optimized `preamble`, whose jump passes `pre_args`.
    fn imports(
        &mut self,
        preamble: &Trace,
        pre_args: &[Value],
        dropped: &HashSet<ImportKey>,
        promoted: &HashSet<ImportKey>,
    ) {
        let like = preamble.ops.iter().find_map(|op| op.guard_descr().cloned());
        for (j, ((&pre, &inv), &x)) in pre_args
            .iter()
            .zip(&self.invariant)
            .zip(&self.inputs)
            .enumerate()
        {
            if !inv {
                continue;
            }
            let by_constant = pre.is_const() && !self.passed_back[j];
            if !pre.is_const() {
                self.env.entry(pre).or_insert(Value::Box(x));
            } else if let Some(like) = like.clone() {
                // A constant the loop passes on: checked, then folded in the body.
                let g = self.ctx.fresh_guard(&like);
                self.short_ops.push(Op {
                    opcode: Opcode::GuardValue,
                    args: vec![Value::Box(x), pre],
                    result: None,
                    descr: Some(Descr::Guard(g)),
                    fail_args: Some(Vec::new()),
                });
            }
            if by_constant {
                // The first iteration's value (the header's box) is another one: what
                // the preamble computed from it is not the body's.
                continue;
            }
            // The header's own box, as ops before a replacement name it.
            if let Some(StateSlot::Var(h)) = self.state.get(j) {
                self.env
                    .entry(Value::Box(self.header[*h]))
                    .or_insert(Value::Box(x));
            }
        }
        let body_ops = match preamble.ops.first() {
            Some(op) if op.opcode == Opcode::Label => &preamble.ops[1..],
            _ => &preamble.ops[..],
        };
        let body_ops = &body_ops[..body_ops.len().saturating_sub(1)];
        let known = heap::known_fields(preamble);
        // Heap imports taken as invariant come first: what follows may build on them.
        let known_items: Vec<_> = heap::known_items(preamble)
            .into_iter()
            .map(|(a, i, d, k)| (a, i, d, k, false))
            .chain(
                heap::known_raw_items(preamble)
                    .into_iter()
                    .map(|(a, i, d, k)| (a, i, d, k, true)),
            )
            .collect();
        // Heap imports taken as invariant are read where the preamble first touches the
        // field or item (after the guards that make the read safe), so that pure imports
        // and guards after that may build on them.
        let mut waiting: Vec<(ImportKey, Option<usize>, Option<usize>)> = Vec::new();
        for (i, (obj, field, _)) in known.iter().enumerate() {
            let key = ImportKey::Field(*obj, Descr::Field(field.clone()));
            if promoted.contains(&key) && !dropped.contains(&key) {
                waiting.push((key, Some(i), None));
            }
        }
        for (i, (array, index, descr, _, raw)) in known_items.iter().enumerate() {
            let key = ImportKey::item(*array, *index, descr.clone(), *raw);
            if promoted.contains(&key) && !dropped.contains(&key) {
                waiting.push((key, None, Some(i)));
            }
        }
        let mut import_waiting = |b: &mut Self, at: Option<&ImportKey>| {
            waiting.retain(|(key, field, item)| {
                if at.is_some_and(|k| k != key) {
                    return true;
                }
                if let Some(i) = field {
                    let (obj, f, k) = &known[*i];
                    b.import_field(*obj, f, (k.value, k.narrow), key.clone(), true);
                }
                if let Some(i) = item {
                    let (array, index, descr, k, raw) = &known_items[*i];
                    b.import_item(
                        (*array, *index, *raw),
                        descr,
                        (k.value, k.narrow),
                        key.clone(),
                        true,
                    );
                }
                false
            });
        };
        // Pure imports and guards, in preamble order.
        for op in body_ops {
            if self.imports.len() >= MAX_IMPORTS {
                break;
            }
            let touched = match (op.opcode, &op.descr) {
                (Opcode::GetfieldGcI | Opcode::GetfieldGcR | Opcode::GetfieldGcF, Some(d))
                | (Opcode::SetfieldGc, Some(d)) => Some(ImportKey::Field(op.args[0], d.clone())),
                (
                    Opcode::GetarrayitemGcI
                    | Opcode::GetarrayitemGcR
                    | Opcode::GetarrayitemGcF
                    | Opcode::SetarrayitemGc,
                    Some(d),
                ) => Some(ImportKey::Item(op.args[0], op.args[1], d.clone())),
                (
                    Opcode::GetarrayitemRawI | Opcode::GetarrayitemRawF | Opcode::SetarrayitemRaw,
                    Some(d),
                ) => Some(ImportKey::RawItem(op.args[0], op.args[1], d.clone())),
                _ => None,
            };
            if let Some(key) = touched {
                import_waiting(self, Some(&key));
            }
            if op.opcode.is_guard() {
                self.import_guard(op);
                continue;
            }
            let Some(r) = op.result else { continue };
            if !is_pure_import(op) || dropped.contains(&ImportKey::Pure(Value::Box(r))) {
                continue;
            }
            let Some(args) = op
                .args
                .iter()
                .map(|&a| self.map(a))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let constant_args = args.iter().all(|a| a.is_const());
            if constant_args && !op.opcode.is_call() {
                continue;
            }
            let e = self.fresh(r.kind());
            let mut new = Op::new(op.opcode, args, Some(e));
            new.descr = op.descr.clone();
            self.short_ops.push(new);
            self.env.insert(Value::Box(r), Value::Box(e));
            self.imports.push(Import {
                key: ImportKey::Pure(Value::Box(r)),
                body: e,
                pre: Value::Box(r),
                narrow: None,
                reread: None,
                promoted: false,
            });
        }
        import_waiting(self, None);
        // The other heap imports.
        for (obj, field, k) in &known {
            let key = ImportKey::Field(*obj, Descr::Field(field.clone()));
            if !promoted.contains(&key) && !dropped.contains(&key) {
                self.import_field(*obj, field, (k.value, k.narrow), key, false);
            }
        }
        for (array, index, descr, k, raw) in &known_items {
            let key = ImportKey::item(*array, *index, descr.clone(), *raw);
            if !promoted.contains(&key) && !dropped.contains(&key) {
                self.import_item(
                    (*array, *index, *raw),
                    descr,
                    (k.value, k.narrow),
                    key,
                    false,
                );
            }
        }
    }

    /// Imports the value `value` of field `field` of `obj` (preamble terms); `value.1` is
    /// the width memory truncates `value.0` to, if it does.
    fn import_field(
        &mut self,
        obj: Value,
        field: &Rc<FieldDescr>,
        value: (Value, Option<(u8, bool)>),
        key: ImportKey,
        promoted: bool,
    ) {
        if field.immutable {
            return;
        }
        let Some(body_obj) = self.map(obj) else {
            return;
        };
        let Some(opcode) = Opcode::GetfieldGcI.with_result(Some(field.kind)) else {
            return;
        };
        let read = Op::new(opcode, vec![body_obj], None).with_descr(Descr::Field(field.clone()));
        self.import_read(read, value, key, promoted);
    }

    /// Imports the value `value` of item `index` of `array` (preamble terms; raw memory
    /// when `raw`), as [`Builder::import_field`].
    fn import_item(
        &mut self,
        (array, index, raw): (Value, Value, bool),
        descr: &Descr,
        value: (Value, Option<(u8, bool)>),
        key: ImportKey,
        promoted: bool,
    ) {
        let Descr::Array(a) = descr else {
            return;
        };
        if a.immutable {
            return;
        }
        let (Some(body_array), Some(body_index)) = (self.map(array), self.map(index)) else {
            return;
        };
        let read_op = if raw {
            Opcode::GetarrayitemRawI
        } else {
            Opcode::GetarrayitemGcI
        };
        let Some(opcode) = read_op.with_result(Some(a.kind)) else {
            return;
        };
        let read = Op::new(opcode, vec![body_array, body_index], None).with_descr(descr.clone());
        self.import_read(read, value, key, promoted);
    }

    /// Imports the value `value.0` (truncated to `value.1`) that `read` (body terms, no
    /// result yet) reads.
    fn import_read(
        &mut self,
        read: Op,
        (value, narrow): (Value, Option<(u8, bool)>),
        key: ImportKey,
        promoted: bool,
    ) {
        if self.imports.len() >= MAX_IMPORTS {
            return;
        }
        let Some(kind) = read.opcode.result() else {
            return;
        };
        let e = self.fresh(kind);
        let mut op = read.clone();
        op.result = Some(e);
        self.short_ops.push(op);
        // A truncated value is another value: nothing in the preamble computed it.
        if promoted && !value.is_const() && narrow.is_none() {
            self.env.entry(value).or_insert(Value::Box(e));
        }
        let value = match (value, narrow) {
            (Value::ConstInt(n), Some((bytes, signed))) => {
                Value::ConstInt(super::virtualize::truncate(n, bytes, signed))
            }
            _ => value,
        };
        self.imports.push(Import {
            key,
            body: e,
            pre: value,
            narrow: narrow.filter(|_| !value.is_const()),
            reread: Some(read),
            promoted,
        });
    }

    /// A guard of the preamble on invariant values, as a short-preamble guard.
    fn import_guard(&mut self, op: &Op) {
        use Opcode::*;
        let Some(like) = op.guard_descr().cloned() else {
            return;
        };
        let args: Option<Vec<Value>> = op.args.iter().map(|&a| self.map(a)).collect();
        let Some(args) = args else { return };
        if args.iter().all(|a| a.is_const()) {
            return;
        }
        let push = |b: &mut Self, opcode: Opcode, args: Vec<Value>| {
            // Once is enough (an invariant constant's `guard_value` is there already).
            if b.short_ops
                .iter()
                .any(|s| s.opcode == opcode && s.args == args)
            {
                return;
            }
            let g = b.ctx.fresh_guard(&like);
            b.short_ops.push(Op {
                opcode,
                args,
                result: None,
                descr: Some(Descr::Guard(g)),
                fail_args: Some(Vec::new()),
            });
        };
        match op.opcode {
            GuardTrue | GuardFalse | GuardValue | GuardNonnull | GuardNonnullClass => {
                push(self, op.opcode, args)
            }
            // A class check implies non-null.
            GuardClass => push(self, GuardNonnullClass, args),
            _ => {}
        }
    }

    /// Step 4: the body trace, and for each position carried virtually the box of the
    /// object the body passes there.
    fn body(
        &mut self,
        trace: &Trace,
        shape: &Shape,
        state: &[StateSlot],
    ) -> (Trace, HashMap<usize, Value>) {
        let mut body = Trace::new();
        body.reserve_box(BoxId::new(self.next_box.saturating_sub(1), Kind::Int));
        body.inputs = self.inputs.clone();
        for op in &self.short_ops {
            body.push_op(op.clone());
        }
        body.push_op(marker());
        let mut rename: HashMap<BoxId, Value> = HashMap::new();
        for (slot, &x) in state.iter().zip(&self.inputs) {
            if let StateSlot::Var(j) = slot {
                rename.insert(shape.header[*j], Value::Box(x));
            }
        }
        // The objects carried virtually: allocated again from their fields (virtualize
        // removes the allocation again).
        let mut carried = Vec::new();
        for c in &shape.candidates {
            let fields: Vec<(Rc<FieldDescr>, BoxId)> = state
                .iter()
                .zip(&self.inputs)
                .filter_map(|(slot, &y)| match slot {
                    StateSlot::Field(j, f) if *j == c.position => Some((f.clone(), y)),
                    _ => None,
                })
                .collect();
            // Carried virtually exactly when the state has no slot for the object itself.
            let exploded = !state
                .iter()
                .any(|slot| matches!(slot, StateSlot::Var(j) if *j == c.position));
            if !exploded {
                continue;
            }
            let h = self.fresh(Kind::Ref);
            let mut alloc = c.alloc.clone();
            alloc.result = Some(h);
            body.push_op(alloc);
            for (f, y) in fields {
                body.push_op(
                    Op::new(Opcode::SetfieldGc, vec![Value::Box(h), Value::Box(y)], None)
                        .with_descr(Descr::Field(f)),
                );
            }
            rename.insert(shape.header[c.position], Value::Box(h));
            carried.push(c.position);
        }
        let n = trace.ops.len() - 1;
        for op in &trace.ops[shape.start..n] {
            let mut op = op.clone();
            for a in op.args.iter_mut().chain(op.fail_args.iter_mut().flatten()) {
                if let Value::Box(b) = *a {
                    if let Some(&v) = rename.get(&b) {
                        *a = v;
                    }
                }
            }
            if let Some(r) = op.result {
                let fresh = self.fresh(r.kind());
                rename.insert(r, Value::Box(fresh));
                op.result = Some(fresh);
            }
            if let Some(g) = op.guard_descr().cloned() {
                op.descr = Some(Descr::Guard(self.ctx.fresh_guard(&g)));
            }
            body.push_op(op);
        }
        let renamed = |v: Value| match v {
            Value::Box(b) => rename.get(&b).copied().unwrap_or(v),
            c => c,
        };
        // The values the label needs next time round.
        let allocations: HashMap<usize, Value> = carried
            .iter()
            .map(|&j| (j, renamed(shape.jump_args[j])))
            .collect();
        let mut finish_args: Vec<Value> = Vec::new();
        for slot in state {
            match slot {
                StateSlot::Var(j) => finish_args.push(renamed(shape.jump_args[*j])),
                StateSlot::Field(j, f) => {
                    let obj = renamed(shape.jump_args[*j]);
                    let v = self.fresh(f.kind);
                    if let Some(opcode) = Opcode::GetfieldGcI.with_result(Some(f.kind)) {
                        body.push_op(
                            Op::new(opcode, vec![obj], Some(v)).with_descr(Descr::Field(f.clone())),
                        );
                    }
                    finish_args.push(Value::Box(v));
                }
            }
        }
        for import in self.imports.clone() {
            match &import.reread {
                None => finish_args.push(Value::Box(import.body)),
                Some(read) => {
                    let e = self.fresh(import.body.kind());
                    let mut read = read.clone();
                    read.result = Some(e);
                    body.push_op(read);
                    finish_args.push(Value::Box(e));
                }
            }
        }
        body.push_op(Op::new(Opcode::Finish, finish_args, None));
        body.reserve_box(BoxId::new(self.next_box.saturating_sub(1), Kind::Int));
        (body, allocations)
    }
}

/// Ops whose result the body may take from the preamble when their arguments are
/// invariant: they compute it from their arguments and immutable memory only.
fn is_pure_import(op: &Op) -> bool {
    use Opcode::*;
    match op.opcode {
        SameAsI | SameAsR | SameAsF => false,
        GetfieldGcI | GetfieldGcR | GetfieldGcF => {
            matches!(&op.descr, Some(Descr::Field(f)) if f.immutable)
        }
        GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
            matches!(&op.descr, Some(Descr::Array(a)) if a.immutable)
        }
        CallLoopinvariantI | CallLoopinvariantR | CallLoopinvariantF => true,
        opcode => opcode.is_pure() && opcode.result().is_some(),
    }
}

/// The op between the short preamble and the body: a call of nothing, without effects,
/// that every pass passes through and treats as a side effect (so that no pass merges a
/// guard after it into one before it). A bridge that inlines a short preamble puts one
/// before it too; it must be removed before the trace is compiled.
pub fn marker() -> Op {
    thread_local! {
        static MARKER: Rc<CallDescr> = Rc::new(CallDescr {
            name: "unroll: end of short preamble".to_string(),
            arg_kinds: Vec::new(),
            result: None,
            effect: EffectInfo::default(),
        });
    }
    let descr = MARKER.with(Rc::clone);
    Op::new(Opcode::CallN, vec![Value::ConstInt(0)], None).with_descr(Descr::Call(descr))
}

/// `op` is a [`marker`].
pub fn is_marker(op: &Op) -> bool {
    op.opcode == Opcode::CallN
        && matches!(&op.descr, Some(Descr::Call(c)) if c.name == "unroll: end of short preamble")
}

// ------------------------------------------------------------------ checking the body

/// The optimized body split at the marker.
struct Parts {
    /// The ops after the marker, without the finish.
    ops: Vec<Op>,
    /// The finish's arguments.
    finish: Vec<Value>,
    /// The imports the body uses, by index in the import list.
    used: Vec<usize>,
}

enum Check {
    Ok(Parts),
    /// These header positions are not passed back unchanged.
    NotInvariant(Vec<usize>),
    /// These imports are not used by the body.
    Unused(Vec<ImportKey>),
    /// These heap imports taken as invariant change in the body.
    Demote(Vec<ImportKey>),
    /// The short preamble did not survive the passes as expected.
    Broken,
}

fn check(
    body: &Trace,
    inputs: &[BoxId],
    imports: &[Import],
    short_ops: &[Op],
    invariant: &[bool],
    pre_args: &[Value],
) -> Check {
    let Some(m) = body.ops.iter().position(is_marker) else {
        return Check::Broken;
    };
    let Some(finish) = body.ops.last().filter(|op| op.opcode == Opcode::Finish) else {
        return Check::Broken;
    };
    // The ops before the marker must be (some of) the short preamble's, unchanged: a pass
    // that rewrote one with what it learnt from the body (a strengthened guard) would
    // take that knowledge away with the short preamble.
    let unchanged = |op: &Op| {
        short_ops.iter().any(|s| {
            s.opcode == op.opcode
                && s.args == op.args
                && s.result == op.result
                && s.descr == op.descr
        })
    };
    if !body.ops[..m].iter().all(unchanged) {
        return Check::Broken;
    }
    let defined_before: HashSet<BoxId> = body.ops[..m].iter().filter_map(|op| op.result).collect();
    let ops: Vec<Op> = body.ops[m + 1..body.ops.len() - 1].to_vec();
    let n = inputs.len();
    if finish.args.len() != n + imports.len() {
        return Check::Broken;
    }
    // Invariant variables come back unchanged.
    let not_invariant: Vec<usize> = (0..n)
        .filter(|&j| invariant[j])
        .filter(|&j| {
            let a = finish.args[j];
            a != Value::Box(inputs[j]) && !(a.is_const() && a == pre_args[j])
        })
        .collect();
    if !not_invariant.is_empty() {
        return Check::NotInvariant(not_invariant);
    }
    // Heap imports taken as invariant come back unchanged.
    let changed: Vec<ImportKey> = imports
        .iter()
        .enumerate()
        .filter(|(k, i)| i.promoted && finish.args[n + k] != Value::Box(i.body))
        .map(|(_, i)| i.key.clone())
        .collect();
    if !changed.is_empty() {
        return Check::Demote(changed);
    }
    // Which short-preamble boxes the body uses (the finish's import positions aside).
    let mut uses: HashSet<BoxId> = HashSet::new();
    for op in &ops {
        uses.extend(op.used_boxes());
    }
    for a in &finish.args[..n] {
        if let Value::Box(b) = a {
            uses.insert(*b);
        }
    }
    // What a carried import passes to the next iteration may be another import's box
    // (an imported comparison CSE'd with the re-read): that one is carried too.
    loop {
        let before = uses.len();
        for (k, import) in imports.iter().enumerate() {
            if uses.contains(&import.body) && defined_before.contains(&import.body) {
                if let Value::Box(b) = finish.args[n + k] {
                    uses.insert(b);
                }
            }
        }
        if uses.len() == before {
            break;
        }
    }
    // A used box of the short preamble must be an import's (guards' helper boxes are
    // not carried).
    let import_boxes: HashSet<BoxId> = imports.iter().map(|i| i.body).collect();
    for b in &uses {
        if defined_before.contains(b) && !import_boxes.contains(b) {
            return Check::Broken;
        }
    }
    let mut used = Vec::new();
    let mut unused = Vec::new();
    for (k, import) in imports.iter().enumerate() {
        if uses.contains(&import.body) && defined_before.contains(&import.body) {
            used.push(k);
        } else if import.reread.is_some() && !import.promoted {
            // The read before the jump would be wasted: drop the import. (One taken as
            // invariant stays: facts built on it may be what made it unused.)
            unused.push(import.key.clone());
        }
    }
    if !unused.is_empty() {
        return Check::Unused(unused);
    }
    Check::Ok(Parts {
        ops,
        finish: finish.args.clone(),
        used,
    })
}

// ------------------------------------------------------------------ joining

/// A box numbered `*next_box`, which moves on.
fn fresh_box(next_box: &mut u32, kind: Kind) -> BoxId {
    let b = BoxId::new(*next_box, kind);
    *next_box += 1;
    b
}

fn join(
    preamble: Trace,
    parts: Parts,
    inputs: &[BoxId],
    imports: &[Import],
    short_ops: &[Op],
    ctx: &mut OptContext,
    next_box: &mut u32,
) -> Trace {
    let mut out = preamble.empty_copy();
    let mut ops = preamble.ops;
    let jump = ops.pop();
    let pre_args = jump.map(|j| j.args).unwrap_or_default();
    for op in ops {
        out.push_op(op);
    }
    // The label's boxes: the preamble's values, copied where constant or repeated.
    let mut label_args: Vec<Value> = Vec::new();
    let mut taken: HashSet<BoxId> = HashSet::new();
    let mut rename: HashMap<BoxId, Value> = HashMap::new();
    let mut pre_values: Vec<(BoxId, Value)> = inputs
        .iter()
        .zip(&pre_args)
        .map(|(&x, &v)| (x, v))
        .collect();
    // A label wider than the backends' registers makes them spill: cheap pure imports
    // (`int_add(x, 3)` of a value the body has) are then recomputed after the label
    // instead of carried, as many as it takes.
    let mut too_many = (inputs.len() + parts.used.len()).saturating_sub(LABEL_REGISTERS);
    let mut available: HashSet<BoxId> = inputs.iter().copied().collect();
    let mut recomputed: Vec<Op> = Vec::new();
    let mut carried: Vec<usize> = Vec::new();
    for &k in &parts.used {
        let import = &imports[k];
        if too_many > 0 {
            if let Some(op) = recomputable(import, short_ops, &available) {
                too_many -= 1;
                available.insert(import.body);
                recomputed.push(op);
                continue;
            }
        }
        available.insert(import.body);
        carried.push(k);
        let pre = match import.narrow {
            // What memory holds: the written value truncated, as a read would give it.
            Some((bytes, signed)) => {
                let t = fresh_box(next_box, Kind::Int);
                let op = if signed {
                    Op::new(
                        Opcode::IntSignext,
                        vec![import.pre, Value::ConstInt(i64::from(bytes))],
                        Some(t),
                    )
                } else {
                    let mask = (1i64 << (8 * u32::from(bytes))) - 1;
                    Op::new(
                        Opcode::IntAnd,
                        vec![import.pre, Value::ConstInt(mask)],
                        Some(t),
                    )
                };
                out.push_op(op);
                Value::Box(t)
            }
            None => import.pre,
        };
        pre_values.push((import.body, pre));
    }
    for (body_box, pre) in pre_values {
        let label_box = match pre {
            Value::Box(b) if taken.insert(b) => b,
            _ => {
                let t = fresh_box(next_box, body_box.kind());
                out.push_op(Op::new(Opcode::same_as(t.kind()), vec![pre], Some(t)));
                taken.insert(t);
                t
            }
        };
        label_args.push(Value::Box(label_box));
        rename.insert(body_box, Value::Box(label_box));
    }
    let number = out
        .ops
        .iter()
        .filter_map(|op| op.target().map(|t| t.number + 1))
        .max()
        .unwrap_or(0)
        .max(1);
    let token = Rc::new(TargetToken { number });
    out.push_op(
        Op::new(Opcode::Label, label_args.clone(), None).with_descr(Descr::Target(token.clone())),
    );
    let renamed = |v: Value| match v {
        Value::Box(b) => rename.get(&b).copied().unwrap_or(v),
        c => c,
    };
    // A recomputed import goes right before its first use, so that it takes a register
    // only where needed (before an op and the guard that must directly follow it, for a
    // use in that guard).
    let mut pending: HashMap<BoxId, Op> = recomputed
        .into_iter()
        .filter_map(|op| Some((op.result?, op)))
        .collect();
    let uses = |op: &Op| -> Vec<Value> {
        op.args
            .iter()
            .chain(op.fail_args.iter().flatten())
            .copied()
            .collect()
    };
    let n = inputs.len();
    let mut jump_args: Vec<Value> = parts.finish[..n].to_vec();
    jump_args.extend(carried.iter().map(|&k| parts.finish[n + k]));
    let jump = Op::new(Opcode::Jump, jump_args, None).with_descr(Descr::Target(token.clone()));
    let body: Vec<Op> = parts.ops.into_iter().chain([jump]).collect();
    for (i, op) in body.iter().enumerate() {
        let mut wanted = uses(op);
        if let Some(next) = body.get(i + 1).filter(|n| follows_directly(n.opcode)) {
            wanted.extend(uses(next));
        }
        // Recomputed ops in dependency order: an op's arguments before it.
        let mut todo: Vec<Op> = wanted
            .iter()
            .rev()
            .filter_map(|a| pending.remove(&a.as_box()?))
            .collect();
        let mut ready: Vec<Op> = Vec::new();
        while let Some(r) = todo.pop() {
            let deps: Vec<Op> = r
                .args
                .iter()
                .filter_map(|a| pending.remove(&a.as_box()?))
                .collect();
            if deps.is_empty() {
                ready.push(r);
            } else {
                todo.push(r);
                todo.extend(deps);
            }
        }
        for mut op in ready.into_iter().chain([op.clone()]) {
            for a in op.args.iter_mut().chain(op.fail_args.iter_mut().flatten()) {
                *a = renamed(*a);
            }
            out.push_op(op);
        }
    }
    out.reserve_box(BoxId::new(next_box.saturating_sub(1), Kind::Int));

    // The short preamble a bridge runs to enter at the label: every import op and guard,
    // on the label's boxes for the loop's variables.
    let mut short = Trace::new();
    short.reserve_box(BoxId::new(next_box.saturating_sub(1), Kind::Int));
    short.inputs = label_args[..n].iter().filter_map(|a| a.as_box()).collect();
    let mut short_rename: HashMap<BoxId, Value> = inputs
        .iter()
        .zip(&label_args)
        .map(|(&x, &l)| (x, l))
        .collect();
    for op in short_ops {
        let mut op = op.clone();
        for a in op.args.iter_mut() {
            if let Value::Box(b) = *a {
                if let Some(&v) = short_rename.get(&b) {
                    *a = v;
                }
            }
        }
        if let Some(r) = op.result {
            let t = fresh_box(next_box, r.kind());
            op.result = Some(t);
            short_rename.insert(r, Value::Box(t));
        }
        short.push_op(op);
    }
    let mut short_jump: Vec<Value> = label_args[..n].to_vec();
    short_jump.extend(carried.iter().map(|&k| {
        short_rename
            .get(&imports[k].body)
            .copied()
            .unwrap_or(Value::NULL)
    }));
    short.push_op(Op::new(Opcode::Jump, short_jump, None).with_descr(Descr::Target(token)));
    short.reserve_box(BoxId::new(next_box.saturating_sub(1), Kind::Int));
    ctx.short_preamble = Some(short);
    out
}

/// Guards that must directly follow the op before them (an ovf op, a call).
fn follows_directly(opcode: Opcode) -> bool {
    matches!(
        opcode,
        Opcode::GuardNoOverflow
            | Opcode::GuardOverflow
            | Opcode::GuardNoException
            | Opcode::GuardNotForced
    )
}

/// The op that recomputes pure import `import` in the body, if that is cheaper than
/// carrying it through the label: an `int_add` or `int_sub` of a constant and a value in
/// `available` (the body's inputs and the imports before it).
fn recomputable(import: &Import, short_ops: &[Op], available: &HashSet<BoxId>) -> Option<Op> {
    if !matches!(import.key, ImportKey::Pure(_)) || import.narrow.is_some() {
        return None;
    }
    let op = short_ops.iter().find(|op| op.result == Some(import.body))?;
    let cheap = matches!(op.opcode, Opcode::IntAdd | Opcode::IntSub)
        && op.args.iter().filter(|a| a.is_const()).count() == 1
        && op.args.iter().all(|a| match a {
            Value::Box(b) => available.contains(b),
            _ => true,
        });
    cheap.then(|| op.clone())
}

/// The short preamble left in `ctx` as comment lines for golden files (`# short preamble:
/// [i0, p1]`, then one `# short preamble: <op>` line per op), or nothing.
pub fn describe(ctx: &OptContext) -> String {
    let Some(short) = &ctx.short_preamble else {
        return String::new();
    };
    short
        .to_string()
        .lines()
        .map(|line| format!("# short preamble: {line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{optimize, OptContext, ALL_PASSES};
    use crate::descr::{DescrTable, FieldDescr, SizeDescr};
    use crate::ops::Kind;
    use crate::parse::parse;

    /// Peels `text` with every pass; the short preamble's inputs are the loop's variables.
    fn takes_header(text: &str) -> bool {
        let mut t = DescrTable::new();
        let value = t.add_field(FieldDescr::word("Node.value", 8, Kind::Int));
        t.add_size(SizeDescr {
            name: "Node".to_string(),
            size: 16,
            type_id: None,
            fields: vec![value],
        });
        let trace = match parse(text, &mut t) {
            Ok(trace) => trace,
            Err(e) => panic!("{e}"),
        };
        let mut ctx = OptContext::new(&trace);
        ctx.verify = true;
        if let Err(e) = optimize(trace, &ALL_PASSES, &mut ctx) {
            panic!("{e}");
        }
        assert!(ctx.short_preamble.is_some(), "the loop is peeled");
        ctx.short_preamble_takes_header
    }

    #[test]
    fn the_short_preamble_takes_the_header_unless_an_object_is_carried_virtually() {
        assert!(takes_header(
            "[p0, i1]
i2 = getfield_gc_i(p0, descr=<FieldDescr Node.value>)
i3 = int_add(i1, i2)
i4 = int_lt(i3, 100)
guard_true(i4, descr=<Guard1>) [i3]
jump(p0, i3)
"
        ));
        // The object allocated every iteration crosses the body's label as its field.
        assert!(!takes_header(
            "[p0]
i1 = getfield_gc_i(p0, descr=<FieldDescr Node.value>)
i2 = int_add(i1, 1)
i3 = int_lt(i2, 100)
guard_true(i3, descr=<Guard1>) [p0]
p4 = new(descr=<SizeDescr Node>)
setfield_gc(p4, i2, descr=<FieldDescr Node.value>)
jump(p4)
"
        ));
    }
}
