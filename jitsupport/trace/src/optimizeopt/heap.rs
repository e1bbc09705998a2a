//! The `heap` pass: a cache of what memory holds (PyPy's `heap.py`).
//!
//! Walking forward, the pass remembers, per field descr, which value each object's field
//! holds (learnt from a read or a write), per array descr which value each `(array,
//! index)` holds, and the length of arrays. Then
//!
//! - a read whose answer is known goes, its result replaced by the known value (a
//!   narrow field reads back truncated, as from memory);
//! - a write of the value the field is known to hold goes;
//! - `setfield_gc` is *delayed*: the pass keeps at most one pending write per field descr
//!   and emits it (with the pending writes before it, keeping their order) when something
//!   could observe memory: a read of memory it may have written (see families below), a
//!   write of that descr to another object, and before every call,
//!   guard, ovf op (nothing may come between an ovf op and its guard), `label`, `jump` and
//!   `finish`. A pending write overwritten before that is never emitted, and when the
//!   overwriting value is the one memory held before the pending write, neither is
//!   (`write_back`). (Emitting pending
//!   writes before guards is the simple correct choice: resume never has to redo them.)
//!   GC array writes are emitted where they are (a write of the known value still goes).
//!
//! What a write or call makes unknown:
//!
//! - `setfield_gc(p, v, descr=f)` forgets `f` of every object that may be `p`;
//!   `setarrayitem_gc(a, i, v)` forgets the items of arrays that may be `a` at indices
//!   that may equal `i` (indices are apart when they are different constants, or the same
//!   box plus different constants: `i4` and `int_add(i4, 1)`). Two objects are known
//!   apart when they are different constants, or one was allocated in the trace after the
//!   other was defined (or both were allocated, separately). Different declared fields
//!   never share memory (the type-based assumption PyPy makes too), nor do different array
//!   descrs, except the fields of different variants of one enum
//!   ([`FieldDescr::is_sibling_variant`]): `Value::Int.0` and `Value::Float.0` are one
//!   payload word, so where their byte ranges meet they are the same memory, like the
//!   family below (a write of one forgets the other, a read of one emits a pending write
//!   of the other, and pending writes of both keep their order). The descrs of one declared field are a *family*: `List.len`, and
//!   `List.len@24` for a `List` held inline at offset 24 of another struct, which the
//!   tracer reads through the outer object. Through an interior pointer (`p3 = p2 + 24`,
//!   an argument of a call or a value from resume data) `p3.len` is `p2.len@24`: a write
//!   of a family member forgets the members on every other object not known apart (two
//!   constants: when the addresses are equal), and a read flushes such pending writes. On
//!   one object, family members are different memory.
//! - A call forgets the fields and arrays its descr's [`EffectInfo`] says it may write
//!   (everything with random effects); `call_pure_*` (elidable) forgets nothing. Immutable
//!   fields, immutable arrays and array lengths are never forgotten by a call.
//! - Raw array items (`getarrayitem_raw`, `setarrayitem_raw`, as `List` items are read
//!   through their `items` pointer) are cached apart from the GC heap, per array descr and
//!   `(base, index)`: a read after a read or write of the same base and index is replaced
//!   as for GC items. Raw memory has no types: the same buffer may be read through
//!   descrs of different item sizes, and two base boxes may be the same address or
//!   overlap. So `setarrayitem_raw(b, i, v, descr=d)` forgets every raw item except those
//!   of `d` at the same base `b` with an index known apart from `i`; `setfield_raw`
//!   forgets every raw item; a call forgets every raw item unless its [`EffectInfo`] says
//!   it writes no array at all (effect info names descrs, not address ranges). Raw
//!   accesses never touch the GC heap's cache and GC writes never touch the raw cache
//!   (raw memory is not GC memory: `List` items are their own allocation, and a `List` of
//!   inline structs is only reached through field descrs). A raw write of the value the
//!   item is known to hold goes. Raw writes are delayed like `setfield_gc`, one per
//!   item: a pending raw write goes out before anything that could observe it (a raw
//!   read the cache does not answer or a raw write, unless of the same base and descr at
//!   an index known apart, and everything that emits the pending GC writes), and a
//!   second write to the same base, index and descr before that replaces it (bf's `++`:
//!   one store instead of two; tl's stack slots: one store per slot per iteration). Raw
//!   accesses do not emit pending GC writes.
//! - A `label` forgets everything: it redefines its arguments.
//!
//! Addresses: the tracer reads an item of a `List` of structs through a ref it makes of
//! the item's address, `p = int_to_ref(items + (i << 4))` (`INT_TO_REF`), and a struct
//! held inline at an offset through `p = ref_add(k, q)` (`REF_ADD`), calls of helpers
//! that read no memory (pending writes wait past them). The pass keeps such a ref's
//! address as a `Linear` form (a sum of boxes times constants plus a constant, from
//! `int_add`, `int_sub`, and `int_lshift` and `int_mul` by constants): the same address
//! made again is the ref made before (`address_cse`), and two fields of objects whose
//! addresses have the same boxes and factors are apart when their byte ranges at the
//! constants do not meet (item `i` and item `i + 1`), which refines, never widens, what
//! may overlap. A guard the forwarded reads decide goes (`guard_known`). On the output,
//! `raw_field` reads and writes the int and float fields of an `int_to_ref` object raw, at
//! the address, so the helper call stays only where a ref field or a guard needs the ref.
//!
//! A fresh allocation (`new`, `new_with_vtable`) is known to hold zero in the fields its
//! size descr lists, and `new_array*` of length `n` to have length `n`.
//!
//! [`EffectInfo`]: crate::descr::EffectInfo

use super::virtualize::{narrow_field, read_back, zero};
use super::{Emitter, OptContext, OptError};
use crate::descr::{Descr, FieldDescr};
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;
use std::rc::Rc;

/// Runs the pass over `trace`.
pub fn run(trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
    let mut heap = Heap::new(&trace);
    for op in trace.ops {
        let op = heap.out.resolve_op(op);
        heap.optimize(op);
    }
    Ok(raw_fields(heap.out.finish(ctx)))
}

/// raw_field: `getfield_gc_i(p, f)` and `setfield_gc(p, v, f)` of an int or float field
/// where `p = int_to_ref(a)` (an item of a `List` of structs, which is not GC memory)
/// => `getfield_raw_i(a, f)` and `setfield_raw(a, v, f)`: the same load or store at
/// `a` plus the field's offset, without the ref, so that the helper call goes where
/// nothing else needs the ref (a ref field, or a guard's fail args, still do). Run on
/// the pass's output, after the cache has done its work on the GC form.
fn raw_fields(mut trace: Trace) -> Trace {
    let mut address_of: HashMap<BoxId, Value> = HashMap::new();
    for op in &mut trace.ops {
        match op.opcode {
            Opcode::Label => address_of.clear(),
            Opcode::CallPureR => {
                let helper = op.descr.as_ref().and_then(Descr::as_call);
                if let (Some(r), Some(call), [_, a]) = (op.result, helper, op.args.as_slice()) {
                    if call.name == INT_TO_REF {
                        address_of.insert(r, *a);
                    }
                }
            }
            Opcode::GetfieldGcI | Opcode::GetfieldGcF | Opcode::SetfieldGc => {
                let Some(&a) = op.args[0].as_box().and_then(|p| address_of.get(&p)) else {
                    continue;
                };
                let kind = op.descr.as_ref().and_then(Descr::as_field).map(|f| f.kind);
                op.opcode = match (op.opcode, kind) {
                    (Opcode::GetfieldGcI, _) => Opcode::GetfieldRawI,
                    (Opcode::GetfieldGcF, _) => Opcode::GetfieldRawF,
                    (_, Some(Kind::Int | Kind::Float)) => Opcode::SetfieldRaw,
                    _ => continue,
                };
                op.args[0] = a;
            }
            _ => {}
        }
    }
    trace
}

/// A value memory is known to hold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Known {
    pub value: Value,
    /// The width `(bytes, signed)` of a narrow field or item holding `value` truncated (a
    /// raw value was written), `None` when memory holds `value` itself.
    pub narrow: Option<(u8, bool)>,
}

/// What the cache knows about fields at the end of `trace` (before its last op): `(object,
/// field, value)` in a deterministic order. For `unroll`, which imports these facts into
/// the loop body.
pub fn known_fields(trace: &Trace) -> Vec<(Value, Rc<FieldDescr>, Known)> {
    let mut heap = Heap::new(trace);
    let n = trace.ops.len().saturating_sub(1);
    for op in trace.ops.iter().take(n) {
        let op = heap.out.resolve_op(op.clone());
        heap.optimize(op);
    }
    let mut known = Vec::new();
    for (descr, entries) in &heap.fields {
        let Descr::Field(f) = descr else { continue };
        for &(obj, value) in entries {
            if obj == Value::NULL {
                continue;
            }
            let value = heap.out.resolve(value);
            let narrow = narrow_field(descr).filter(|_| !heap.fits_exactly(value, descr));
            known.push((obj, f.clone(), Known { value, narrow }));
        }
    }
    known.sort_by(|a, b| {
        (a.1.name.as_str(), a.0.to_string()).cmp(&(b.1.name.as_str(), b.0.to_string()))
    });
    known
}

/// What the cache knows about array items at the end of `trace` (before its last op):
/// `(array, index, descr, value)` with a non-constant array, in a deterministic order. For `unroll`, like [`known_fields`].
pub fn known_items(trace: &Trace) -> Vec<(Value, Value, Descr, Known)> {
    known_items_of(trace, false)
}

/// What the cache knows about raw array items (a `List`'s items) at the end of `trace`,
/// as [`known_items`] for GC arrays: `(base address, index, descr, value)`.
pub fn known_raw_items(trace: &Trace) -> Vec<(Value, Value, Descr, Known)> {
    known_items_of(trace, true)
}

fn known_items_of(trace: &Trace, raw: bool) -> Vec<(Value, Value, Descr, Known)> {
    let mut heap = Heap::new(trace);
    let n = trace.ops.len().saturating_sub(1);
    for op in trace.ops.iter().take(n) {
        let op = heap.out.resolve_op(op.clone());
        heap.optimize(op);
    }
    let mut known = Vec::new();
    let items = if raw { &heap.raw_items } else { &heap.items };
    for (descr, entries) in items {
        for &(array, index, value) in entries {
            let value = heap.out.resolve(value);
            if array.is_const() {
                continue;
            }
            let narrow = narrow_field(descr).filter(|_| !heap.fits_exactly(value, descr));
            known.push((array, index, descr.clone(), Known { value, narrow }));
        }
    }
    known.sort_by_key(|(a, i, d, _)| (d.to_string(), a.to_string(), i.to_string()));
    known
}

/// Array descr -> `(array, index, value)` triples: what the items hold.
type Items = HashMap<Descr, Vec<(Value, Value, Value)>>;

/// The name of the metainterp's helper (`jitsupport::metainterp::descrs`) that makes a
/// ref of an address (an item of a `List` of structs: `int_to_ref(items + i * size)`).
/// It reads no memory.
const INT_TO_REF: &str = "pyrite::int_to_ref";
/// The name of the helper that makes the ref `k` bytes into `p` (`ref_add(k, p)`: a
/// struct held inline at an offset). It reads no memory.
const REF_ADD: &str = "pyrite::ref_add";

/// An address or an index as a sum of boxes times constants plus a constant, the boxes
/// in order: equal forms are equal values, and forms with the same boxes and factors
/// differ by the difference of their constants.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Linear {
    terms: Vec<(BoxId, i64)>,
    c: i64,
}

impl Linear {
    /// Forms with more boxes are not tracked (the box stands for itself).
    const MAX_TERMS: usize = 4;

    fn leaf(b: BoxId) -> Linear {
        Linear {
            terms: vec![(b, 1)],
            c: 0,
        }
    }

    fn constant(c: i64) -> Linear {
        Linear {
            terms: Vec::new(),
            c,
        }
    }

    /// `self + factor * other`.
    fn add(&self, other: &Linear, factor: i64) -> Linear {
        let mut terms = self.terms.clone();
        for &(b, k) in &other.terms {
            let k = k.wrapping_mul(factor);
            match terms.binary_search_by_key(&b, |t| t.0) {
                Ok(i) => terms[i].1 = terms[i].1.wrapping_add(k),
                Err(i) => terms.insert(i, (b, k)),
            }
        }
        terms.retain(|t| t.1 != 0);
        Linear {
            terms,
            c: self.c.wrapping_add(other.c.wrapping_mul(factor)),
        }
    }

    /// `self * k`.
    fn scale(&self, k: i64) -> Linear {
        Linear::constant(0).add(self, k)
    }
}

/// A guard that its (resolved) arguments decide to pass: `guard_value(c, c)`,
/// `guard_true` of a nonzero constant, `guard_false(0)`, `guard_nonnull` of a non-null
/// constant.
fn always_passes(op: &Op) -> bool {
    match (op.opcode, op.args.as_slice()) {
        (Opcode::GuardValue, &[a, b]) => a.is_const() && a == b,
        (Opcode::GuardTrue, &[Value::ConstInt(c)]) => c != 0,
        (Opcode::GuardFalse, &[Value::ConstInt(c)]) => c == 0,
        (Opcode::GuardNonnull, &[Value::ConstPtr(p)]) => p != 0,
        _ => false,
    }
}

struct Heap {
    out: Emitter,
    /// Field descr -> (object, value) pairs.
    fields: HashMap<Descr, Vec<(Value, Value)>>,
    /// Array descr -> (array, index, value) triples of GC arrays.
    items: Items,
    /// The same for raw arrays (`getarrayitem_raw`), keyed by base address and index.
    raw_items: Items,
    /// Known array lengths.
    lengths: HashMap<Value, Value>,
    /// Delayed `setfield_gc` ops, at most one per descr, and at most one `setarrayitem_raw`,
    /// oldest first.
    pending: Vec<Op>,
    /// For the pending `setfield_gc` of a descr: its object and the value memory held
    /// there before it, when known.
    pending_before: HashMap<Descr, (Value, Value)>,
    /// When each box was defined (inputs at 0), and which were allocated in the trace.
    defined_at: HashMap<BoxId, usize>,
    allocated: HashMap<BoxId, usize>,
    /// Results of narrow reads: their values fit their width.
    fits: HashMap<BoxId, (u8, bool)>,
    /// Int boxes known to be another value plus a constant (`i5 = int_add(i4, 1)`).
    offsets: HashMap<BoxId, (Value, i64)>,
    /// Int boxes that are a sum of other boxes times constants plus a constant
    /// (`i12 = int_add(i9, int_lshift(i1, 4))`), for addresses.
    linear: HashMap<BoxId, Linear>,
    /// Refs made by the address helpers ([`INT_TO_REF`], [`REF_ADD`]): their addresses.
    addresses: HashMap<BoxId, Linear>,
    /// The helper result already made for each address.
    by_address: HashMap<Linear, BoxId>,
    /// The number of ops seen.
    clock: usize,
}

impl Heap {
    fn new(trace: &Trace) -> Heap {
        Heap {
            out: Emitter::new(trace),
            fields: HashMap::new(),
            items: HashMap::new(),
            raw_items: HashMap::new(),
            lengths: HashMap::new(),
            pending: Vec::new(),
            pending_before: HashMap::new(),
            defined_at: trace.inputs.iter().map(|&b| (b, 0)).collect(),
            allocated: HashMap::new(),
            fits: HashMap::new(),
            offsets: HashMap::new(),
            linear: HashMap::new(),
            addresses: HashMap::new(),
            by_address: HashMap::new(),
            clock: 1,
        }
    }

    fn optimize(&mut self, op: Op) {
        use Opcode::*;
        self.clock += 1;
        match op.opcode {
            GetfieldGcI | GetfieldGcR | GetfieldGcF => self.getfield(op),
            SetfieldGc => self.setfield(op),
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => self.getarrayitem(op, false),
            SetarrayitemGc => self.setarrayitem(op, false),
            GetarrayitemRawI | GetarrayitemRawF => self.getarrayitem(op, true),
            SetarrayitemRaw => self.setarrayitem(op, true),
            ArraylenGc => {
                let a = op.args[0];
                match (self.lengths.get(&a).copied(), op.result) {
                    (Some(n), Some(r)) => self.out.replace(r, n),
                    (_, r) => {
                        if let Some(r) = r {
                            self.lengths.insert(a, Value::Box(r));
                        }
                        self.emit(op);
                    }
                }
            }
            New | NewWithVtable => {
                if let (Some(r), Some(Descr::Size(size))) = (op.result, &op.descr) {
                    self.allocated.insert(r, self.clock);
                    for f in &size.fields {
                        self.fields
                            .entry(Descr::Field(f.clone()))
                            .or_default()
                            .push((Value::Box(r), zero(f.kind)));
                    }
                }
                self.emit(op);
            }
            NewArray | NewArrayClear => {
                if let Some(r) = op.result {
                    self.allocated.insert(r, self.clock);
                    self.lengths.insert(Value::Box(r), op.args[0]);
                }
                self.emit(op);
            }
            Label => {
                self.flush();
                self.forget_all(true);
                // The label's arguments are new values: what was known of them is not.
                self.fits.clear();
                self.offsets.clear();
                self.linear.clear();
                self.addresses.clear();
                self.by_address.clear();
                self.out.emit_label(op);
            }
            Jump | Finish => {
                self.flush();
                self.emit(op);
            }
            CallPureR if self.address_call(&op).is_some() => self.address_helper(op),
            CallPureI | CallPureR | CallPureF | CallPureN => {
                // Elidable: reads only immutable memory (which pending writes may still be
                // building), writes nothing.
                self.flush();
                self.emit(op);
            }
            _ if op.opcode.is_call() => {
                self.flush();
                match op.descr.as_ref().and_then(Descr::as_call) {
                    Some(call) if !call.effect.random_effects => {
                        let effect = &call.effect;
                        // Effect info names array descrs, not memory ranges, and a raw
                        // buffer may be read through several descrs: a call that may
                        // write any array may write any raw item.
                        if !effect.write_arrays.is_empty() {
                            self.raw_items.clear();
                        }
                        self.fields.retain(|d, _| match d {
                            Descr::Field(f) => f.immutable || !effect.may_write_field(f),
                            _ => false,
                        });
                        self.items.retain(|d, _| match d {
                            Descr::Array(a) => a.immutable || !effect.may_write_array(a),
                            _ => false,
                        });
                    }
                    _ => self.forget_all(false),
                }
                self.emit(op);
            }
            _ if op.opcode.is_guard() && always_passes(&op) => {
                // guard_known: the reads it checks were forwarded to the values it wants
                // (`guard_value(1, 1)` after `setfield_gc(p, 1)` and a read of `p`).
            }
            _ if op.opcode.is_guard() || op.opcode.is_ovf() => {
                self.flush();
                self.emit(op);
            }
            SetfieldRaw => {
                // A raw field may overlap any raw item. Flushing keeps the order of all
                // stores.
                self.flush();
                self.raw_items.clear();
                self.emit(op);
            }
            GetfieldRawI | GetfieldRawF => {
                self.flush();
                self.emit(op);
            }
            DebugMergePoint => self.emit(op),
            _ if op.opcode.has_no_side_effect() => self.emit(op),
            _ => {
                // An op this pass does not know: it may read or write anything.
                self.flush();
                self.forget_all(false);
                self.emit(op);
            }
        }
    }

    fn emit(&mut self, op: Op) {
        if let Some(r) = op.result {
            self.defined_at.insert(r, self.clock);
            // Indices as a base plus a constant, to tell items apart.
            let offset = match (op.opcode, op.args.as_slice()) {
                (Opcode::IntAdd, &[x, Value::ConstInt(c)] | &[Value::ConstInt(c), x]) => {
                    Some((x, c))
                }
                (Opcode::IntSub, &[x, Value::ConstInt(c)]) => Some((x, c.wrapping_neg())),
                _ => None,
            };
            if let Some((x, c)) = offset {
                if !x.is_const() {
                    let (base, off) = self.base_offset(x);
                    self.offsets.insert(r, (base, off.wrapping_add(c)));
                }
            }
            if let Some(form) = self.linear_of_op(&op) {
                self.linear.insert(r, form);
            }
            // Values that fit a narrow item: they read back as themselves.
            let fits = match (op.opcode, op.args.as_slice()) {
                (Opcode::IntAnd, &[_, Value::ConstInt(m)] | &[Value::ConstInt(m), _]) => {
                    [1u8, 2, 4]
                        .into_iter()
                        .find(|&bytes| (0..1i64 << (8 * u32::from(bytes))).contains(&m))
                        .map(|bytes| (bytes, false))
                }
                (Opcode::IntSignext, &[_, Value::ConstInt(n @ (1 | 2 | 4))]) => {
                    Some((n as u8, true))
                }
                _ => None,
            };
            if let Some(fits) = fits {
                self.fits.insert(r, fits);
            }
        }
        self.out.emit(op);
    }

    /// `v` as a base value plus a constant (a constant is `(0, c)`).
    fn base_offset(&self, v: Value) -> (Value, i64) {
        match v {
            Value::ConstInt(c) => (Value::ConstInt(0), c),
            Value::Box(b) => self.offsets.get(&b).copied().unwrap_or((v, 0)),
            _ => (v, 0),
        }
    }

    /// Indices `i` and `j` may be equal: not when they are the same base plus different
    /// constants (two constants included).
    fn may_equal(&self, i: Value, j: Value) -> bool {
        let ((bi, oi), (bj, oj)) = (self.base_offset(i), self.base_offset(j));
        bi != bj || oi == oj
    }

    /// Forgets the cached heap; immutable fields and lengths survive unless `all`.
    fn forget_all(&mut self, all: bool) {
        self.raw_items.clear();
        if all {
            self.fields.clear();
            self.items.clear();
            self.lengths.clear();
            self.allocated.clear();
        } else {
            self.fields
                .retain(|d, _| matches!(d, Descr::Field(f) if f.immutable));
            self.items
                .retain(|d, _| matches!(d, Descr::Array(a) if a.immutable));
        }
    }

    /// Emits, in order, the pending raw writes that may touch item `index` of `array`
    /// with `descr`: all but those of the same descr and base at an index known apart
    /// (tl's stack slots `i1`, `i1 - 1`, `i1 - 2`), which may wait in any order.
    fn flush_raw(&mut self, array: Value, index: Value, descr: &Descr) {
        let mut kept = Vec::with_capacity(self.pending.len());
        for p in std::mem::take(&mut self.pending) {
            let apart = p.descr.as_ref() == Some(descr)
                && p.args[0] == array
                && !self.may_equal(p.args[1], index);
            if p.opcode == Opcode::SetarrayitemRaw && !apart {
                self.out.emit(p);
            } else {
                kept.push(p);
            }
        }
        self.pending = kept;
    }

    /// Emits every pending write.
    fn flush(&mut self) {
        for op in std::mem::take(&mut self.pending) {
            self.out.emit(op);
        }
    }

    /// Emits the pending writes up to the last `setfield_gc` that may write the memory
    /// `descr` names in `obj`, oldest first (emitting a prefix keeps the order of stores
    /// that may overlap).
    fn flush_field(&mut self, obj: Value, descr: &Descr) {
        let last = self.pending.iter().rposition(|p| {
            p.opcode == Opcode::SetfieldGc
                && p.descr
                    .as_ref()
                    .is_some_and(|d| self.fields_may_overlap(p.args[0], d, obj, descr))
        });
        if let Some(last) = last {
            for op in self.pending.drain(..=last).collect::<Vec<_>>() {
                self.out.emit(op);
            }
        }
    }

    /// Field `a` of `oa` and field `b` of `ob` may be the same memory. The descrs of one
    /// declared field form a *family*: `List.len`, and `List.len@24` for the `List` held
    /// inline at offset 24 of another struct. Through an interior pointer (`p3 = p2 + 24`,
    /// passed to a call or coming from resume data) `p3.len` is `p2.len@24`, so family
    /// members may overlap on different objects, even constants; on one object they are
    /// different memory (different offsets), as different declared fields are, except
    /// the fields of different variants of one enum, which are the same memory where
    /// their byte ranges meet.
    fn fields_may_overlap(&self, oa: Value, a: &Descr, ob: Value, b: &Descr) -> bool {
        if a == b {
            if let (Descr::Field(fa), Descr::Field(fb)) = (a, b) {
                if self.fields_apart(oa, fa, ob, fb) {
                    return false;
                }
            }
            return self.may_alias(oa, ob);
        }
        let (Descr::Field(fa), Descr::Field(fb)) = (a, b) else {
            return false;
        };
        let siblings = fa.is_sibling_variant(fb);
        let family = fa.declared_name() == fb.declared_name();
        if !siblings && (!family || oa == ob) {
            return false;
        }
        if oa == ob {
            // Sibling variants' fields on one object: the same memory where they meet.
            return fa.ranges_meet(0, fb, 0);
        }
        if self.fields_apart(oa, fa, ob, fb) {
            return false;
        }
        match (oa, ob) {
            (Value::ConstPtr(x), Value::ConstPtr(y)) => fa.ranges_meet(x as i64, fb, y as i64),
            _ => !self.known_apart(oa, ob),
        }
    }

    /// The descrs that may share memory with `descr` that the cache knows about, itself
    /// included: its family and the fields of the other variants of its enum.
    fn family(&self, descr: &Descr) -> Vec<Descr> {
        let Descr::Field(f) = descr else {
            return vec![descr.clone()];
        };
        let mut members: Vec<Descr> = self
            .fields
            .keys()
            .filter(|d| {
                matches!(d, Descr::Field(g)
                    if g.declared_name() == f.declared_name() || g.is_sibling_variant(f))
            })
            .cloned()
            .collect();
        if !members.contains(descr) {
            members.push(descr.clone());
        }
        members
    }

    /// The address of a ref as a [`Linear`] form: what an address helper made it from,
    /// or the ref itself.
    fn address(&self, v: Value) -> Option<Linear> {
        match v {
            Value::Box(b) => Some(
                self.addresses
                    .get(&b)
                    .cloned()
                    .unwrap_or_else(|| Linear::leaf(b)),
            ),
            Value::ConstPtr(p) => Some(Linear::constant(p as i64)),
            _ => None,
        }
    }

    /// `v` (an int) as a [`Linear`] form.
    fn linear_of(&self, v: Value) -> Option<Linear> {
        match v {
            Value::ConstInt(c) => Some(Linear::constant(c)),
            Value::Box(b) => Some(
                self.linear
                    .get(&b)
                    .cloned()
                    .unwrap_or_else(|| Linear::leaf(b)),
            ),
            _ => None,
        }
    }

    /// The [`Linear`] form of the result of an int op, when it is not a leaf.
    fn linear_of_op(&self, op: &Op) -> Option<Linear> {
        let arg = |i: usize| self.linear_of(op.args[i]);
        let form = match (op.opcode, op.args.as_slice()) {
            (Opcode::IntAdd, [_, _]) => arg(0)?.add(&arg(1)?, 1),
            (Opcode::IntSub, [_, _]) => arg(0)?.add(&arg(1)?, -1),
            (Opcode::IntLshift, &[_, Value::ConstInt(n @ 0..=32)]) => arg(0)?.scale(1 << n),
            (Opcode::IntMul, &[_, Value::ConstInt(k)]) => arg(0)?.scale(k),
            (Opcode::IntMul, &[Value::ConstInt(k), _]) => arg(1)?.scale(k),
            _ => return None,
        };
        (form.terms.len() <= Linear::MAX_TERMS).then_some(form)
    }

    /// The address a call of an address helper makes, if `op` is one.
    fn address_call(&self, op: &Op) -> Option<Linear> {
        let call = op.descr.as_ref()?.as_call()?;
        match (call.name.as_str(), op.args.as_slice()) {
            (INT_TO_REF, [_, a]) => self.linear_of(*a),
            (REF_ADD, [_, k, p]) => self.address(*p)?.add(&self.linear_of(*k)?, 1).into(),
            _ => None,
        }
        .filter(|form| form.terms.len() <= Linear::MAX_TERMS)
    }

    /// `p = int_to_ref(a)` or `p = ref_add(k, q)`: no memory is read, so pending writes
    /// wait; the same address made again is the ref made before (address_cse:
    /// `int_to_ref(int_add(i9, 16))` twice, or from two boxes of equal forms => one).
    fn address_helper(&mut self, op: Op) {
        let (Some(form), Some(r)) = (self.address_call(&op), op.result) else {
            return self.emit(op);
        };
        if let Some(&earlier) = self.by_address.get(&form) {
            self.out.replace(r, Value::Box(earlier));
            return;
        }
        self.by_address.insert(form.clone(), r);
        self.addresses.insert(r, form);
        self.emit(op);
    }

    /// Field `fa` of `oa` and field `fb` of `ob` are known to be different bytes: the
    /// objects' addresses are the same sum of boxes plus constants, and the fields' byte
    /// ranges at those constants do not meet (the items of a `List` of structs: `tag` of
    /// item `i` and of item `i + 1` are 16 bytes apart).
    fn fields_apart(&self, oa: Value, fa: &FieldDescr, ob: Value, fb: &FieldDescr) -> bool {
        let (Some(la), Some(lb)) = (self.address(oa), self.address(ob)) else {
            return false;
        };
        if la.terms != lb.terms {
            return false;
        }
        let start_a = la.c.wrapping_add(fa.offset as i64);
        let start_b = lb.c.wrapping_add(fb.offset as i64);
        let (end_a, end_b) = (
            start_a.wrapping_add(i64::from(fa.size)),
            start_b.wrapping_add(i64::from(fb.size)),
        );
        end_a <= start_b || end_b <= start_a
    }

    /// `a` and `b` may be the same object.
    fn may_alias(&self, a: Value, b: Value) -> bool {
        if a == b {
            return true;
        }
        if a.is_const() && b.is_const() {
            return false;
        }
        !self.known_apart(a, b)
    }

    /// `a` and `b` are different objects, neither inside the other: one was allocated in
    /// the trace after the other was defined, or both were allocated.
    fn known_apart(&self, a: Value, b: Value) -> bool {
        let apart = |x: Value, y: Value| {
            // `x` was allocated in the trace after `y` was defined, or `y` is a constant:
            // `y` cannot be the new object.
            let Some(&t) = x.as_box().and_then(|b| self.allocated.get(&b)) else {
                return false;
            };
            match y {
                Value::Box(yb) => {
                    self.allocated.contains_key(&yb)
                        || self.defined_at.get(&yb).is_some_and(|&d| d < t)
                }
                _ => true,
            }
        };
        a != b && (apart(a, b) || apart(b, a))
    }

    /// `value`, stored raw into a narrow `descr`, reads back as itself.
    fn fits_exactly(&self, value: Value, descr: &Descr) -> bool {
        let Some((bytes, signed)) = narrow_field(descr) else {
            return true;
        };
        match value {
            Value::ConstInt(n) => super::virtualize::truncate(n, bytes, signed) == n,
            Value::Box(b) => self.fits.get(&b) == Some(&(bytes, signed)),
            _ => true,
        }
    }

    fn lookup_field(&self, descr: &Descr, obj: Value) -> Option<Value> {
        self.fields
            .get(descr)?
            .iter()
            .find(|(o, _)| *o == obj)
            .map(|(_, v)| *v)
    }

    fn getfield(&mut self, op: Op) {
        let (Some(descr), Some(r)) = (op.descr.clone(), op.result) else {
            return self.emit(op);
        };
        let obj = op.args[0];
        if let Some(value) = self.lookup_field(&descr, obj) {
            // read_after_read / read_after_write: getfield(p) after p.f is known => value.
            let narrow = narrow_field(&descr);
            if read_back(&mut self.out, r, value, narrow, &self.fits) {
                // Later reads reuse the truncated value, which is what memory holds.
                self.fits.extend(narrow.map(|n| (r, n)));
                if let Some(entries) = self.fields.get_mut(&descr) {
                    for entry in entries.iter_mut().filter(|(o, _)| *o == obj) {
                        entry.1 = Value::Box(r);
                    }
                }
            }
            return;
        }
        // The read must see a pending write that may be to the same memory.
        self.flush_field(obj, &descr);
        if let Some(narrow) = narrow_field(&descr) {
            self.fits.insert(r, narrow);
        }
        self.fields
            .entry(descr)
            .or_default()
            .push((obj, Value::Box(r)));
        self.emit(op);
    }

    fn setfield(&mut self, op: Op) {
        let Some(descr) = op.descr.clone() else {
            return self.emit(op);
        };
        let (obj, value) = (op.args[0], op.args[1]);
        let known = self.lookup_field(&descr, obj);
        if known == Some(value) {
            // write_same: setfield(p, v) when p.f is known to hold v => nothing.
            return;
        }
        // What memory holds just before this write, if known.
        let mut before = known;
        // One pending write per descr: one to the same object is overwritten, unobserved
        // (a pending write of the family between them that may overlap it stays before
        // this one); an earlier one to another object goes out first, with the writes
        // before it.
        if let Some(i) = self
            .pending
            .iter()
            .position(|p| p.descr.as_ref() == Some(&descr))
        {
            if self.pending[i].args[0] == obj {
                self.pending.remove(i);
                let overlapped = self.pending[i..].iter().any(|p| {
                    p.opcode == Opcode::SetfieldGc
                        && p.descr
                            .as_ref()
                            .is_some_and(|d| self.fields_may_overlap(p.args[0], d, obj, &descr))
                });
                before = self
                    .pending_before
                    .get(&descr)
                    .filter(|&&(o, _)| o == obj && !overlapped)
                    .map(|&(_, v)| v);
                if before == Some(value) {
                    // write_back: setfield(p, v1) pending, then setfield(p, v0) where p.f
                    // held v0 before the first => neither (bf's tape position, moved
                    // right and back within an iteration).
                    if let Some(entries) = self.fields.get_mut(&descr) {
                        for entry in entries.iter_mut().filter(|(o, _)| *o == obj) {
                            entry.1 = value;
                        }
                    }
                    return;
                }
            } else {
                for earlier in self.pending.drain(..=i).collect::<Vec<_>>() {
                    self.out.emit(earlier);
                }
            }
        }
        // setfield forgets what any member of the family may have held there.
        for member in self.family(&descr) {
            let entries = self.fields.remove(&member).unwrap_or_default();
            let kept: Vec<(Value, Value)> = entries
                .into_iter()
                .filter(|&(o, _)| !self.fields_may_overlap(o, &member, obj, &descr))
                .collect();
            if !kept.is_empty() {
                self.fields.insert(member, kept);
            }
        }
        match before {
            Some(v) => self.pending_before.insert(descr.clone(), (obj, v)),
            None => self.pending_before.remove(&descr),
        };
        self.fields.entry(descr).or_default().push((obj, value));
        self.pending.push(op);
    }

    /// The cache of GC items, or of raw items when `raw`.
    fn items_of(&mut self, raw: bool) -> &mut Items {
        if raw {
            &mut self.raw_items
        } else {
            &mut self.items
        }
    }

    fn getarrayitem(&mut self, op: Op, raw: bool) {
        let (Some(descr), Some(r)) = (op.descr.clone(), op.result) else {
            return self.emit(op);
        };
        let (array, index) = (op.args[0], op.args[1]);
        let known = self.items_of(raw).get(&descr).and_then(|entries| {
            entries
                .iter()
                .find(|(a, i, _)| *a == array && *i == index)
                .map(|(_, _, v)| *v)
        });
        if let Some(value) = known {
            // item_after_read / item_after_write: getarrayitem(a, i) after a[i] is known.
            let narrow = narrow_field(&descr);
            if read_back(&mut self.out, r, value, narrow, &self.fits) {
                self.fits.extend(narrow.map(|n| (r, n)));
                if let Some(entries) = self.items_of(raw).get_mut(&descr) {
                    for entry in entries
                        .iter_mut()
                        .filter(|(a, i, _)| *a == array && *i == index)
                    {
                        entry.2 = Value::Box(r);
                    }
                }
            }
            return;
        }
        if raw {
            // The read must see a pending raw write that may be to the item; pending GC
            // writes are not raw memory.
            self.flush_raw(array, index, &descr);
        }
        if let Some(narrow) = narrow_field(&descr) {
            self.fits.insert(r, narrow);
        }
        self.items_of(raw)
            .entry(descr)
            .or_default()
            .push((array, index, Value::Box(r)));
        self.emit(op);
    }

    fn setarrayitem(&mut self, op: Op, raw: bool) {
        let Some(descr) = op.descr.clone() else {
            return self.emit(op);
        };
        let (array, index, value) = (op.args[0], op.args[1], op.args[2]);
        let known_same = self.items_of(raw).get(&descr).is_some_and(|entries| {
            entries
                .iter()
                .any(|&(a, i, v)| a == array && i == index && v == value)
        });
        if known_same {
            // item_write_same: setarrayitem(a, i, v) when a[i] is known to hold v.
            return;
        }
        if raw {
            // Only the same base with the same descr at an index known apart is untouched:
            // other bases may be the same address or overlap, other descrs other item sizes.
            let mut raw_items = std::mem::take(&mut self.raw_items);
            raw_items.retain(|d, _| *d == descr);
            if let Some(entries) = raw_items.get_mut(&descr) {
                entries.retain(|&(a, i, _)| a == array && !self.may_equal(i, index));
            }
            self.raw_items = raw_items;
            // raw_write_twice: setarrayitem_raw(b, i, v1); setarrayitem_raw(b, i, v2)
            // with nothing between that reads memory => setarrayitem_raw(b, i, v2).
            self.pending.retain(|p| {
                p.opcode != Opcode::SetarrayitemRaw
                    || p.descr.as_ref() != Some(&descr)
                    || p.args[..2] != [array, index]
            });
            // A pending write to an item that may overlap this one goes first; this one
            // waits as setfield_gc does.
            self.flush_raw(array, index, &descr);
            self.pending.push(op);
            self.raw_items
                .entry(descr)
                .or_default()
                .push((array, index, value));
            return;
        } else {
            let entries = self.items.remove(&descr).unwrap_or_default();
            let kept: Vec<(Value, Value, Value)> = entries
                .into_iter()
                .filter(|&(a, i, _)| {
                    let same_item = a == array && i == index;
                    let may_be = self.may_alias(a, array) && self.may_equal(i, index);
                    !same_item && !may_be
                })
                .collect();
            self.items.insert(descr.clone(), kept);
        }
        self.items_of(raw)
            .entry(descr)
            .or_default()
            .push((array, index, value));
        self.emit(op);
    }
}
