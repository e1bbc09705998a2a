//! The `virtualize` pass: allocation removal (PyPy's `virtualize.py`).
//!
//! An object allocated in the trace by `new`, `new_with_vtable`, or `new_array` /
//! `new_array_clear` of a constant length is *virtual* from its allocation on: the pass
//! drops the allocation and keeps the object's fields in a table instead. While the
//! object is virtual,
//!
//! - `setfield_gc` / `setarrayitem_gc` (constant index) on it update the table and go;
//! - `getfield_gc_*` / `getarrayitem_gc_*` (constant index) on it read the table and go
//!   (an unwritten field reads as zero: allocations are zeroed);
//! - `arraylen_gc` of it is its constant length;
//! - `guard_nonnull` and a `guard_class` / `guard_nonnull_class` with its own class go, as
//!   does `ptr_eq`/`ptr_ne` against any value (a fresh object equals only itself);
//! - `same_as_r` of it is it.
//!
//! The object *escapes* when it is passed anywhere else: to a call, stored into an object
//! that is not virtual, as an argument of `jump`, `finish` or `label`, read with an index
//! that is not constant, or used by any other op. Then the pass *forces* it: it emits the
//! allocation, with the object's original box as result, and one store per written field
//! (forcing the fields' values first if they are virtual too), right before the escaping
//! op. From then on the object is an ordinary box.
//!
//! Guards do not force: a virtual in a guard's fail args stays virtual and is recorded in
//! [`GuardVirtuals`] as an object for resume to build if the guard fails. The fail arg
//! keeps its position, holding the placeholder `ConstPtr(null)`, and the values the
//! virtual's fields need are appended to the fail args (so the backend keeps them). Every
//! other pass keeps fail-arg positions, so the table stays right after later passes.
//!
//! Reading back a value stored into a field narrower than a word gives what memory would:
//! the value truncated and sign- or zero-extended (`int_signext` / `int_and` when it is a
//! box not known to fit). Allocations are distinct from every other object, which is what
//! lets `ptr_eq` fold.

use super::{Emitter, OptContext, OptError};
use crate::descr::{ArrayDescr, Descr, FieldDescr, SizeDescr};
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::rc::Rc;

/// The longest array that stays virtual; longer ones are allocated.
pub const MAX_VIRTUAL_ARRAY: i64 = 256;

// ------------------------------------------------------------------ the side table

/// The virtuals that guards' resume data materializes on failure, by guard number.
#[derive(Clone, Debug, Default)]
pub struct GuardVirtuals {
    by_guard: HashMap<u32, GuardResume>,
}

/// The virtuals of one guard.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GuardResume {
    /// The fail-arg positions that hold a virtual (the placeholder `ConstPtr(null)` in the
    /// trace), with the index in [`GuardResume::objects`] of the virtual to build there.
    pub slots: Vec<(usize, usize)>,
    /// The objects to build, each once even if several slots or fields refer to it.
    pub objects: Vec<VirtualObject>,
}

/// An object resume builds when its guard fails.
#[derive(Clone, Debug, PartialEq)]
pub struct VirtualObject {
    pub alloc: Alloc,
    /// The written fields of a struct (in the order they were first written), or the
    /// written items of an array as `(index, value)`; anything else is zero.
    pub fields: Vec<(FieldKey, Slot)>,
}

/// How a virtual was allocated.
#[derive(Clone, Debug, PartialEq)]
pub enum Alloc {
    /// `new`: a zeroed struct.
    New(Rc<SizeDescr>),
    /// `new_with_vtable`: a zeroed struct with its class word set.
    NewWithVtable(Rc<SizeDescr>),
    /// `new_array` / `new_array_clear` of a constant length.
    NewArray {
        descr: Rc<ArrayDescr>,
        length: usize,
        clear: bool,
    },
}

/// Which part of a virtual a value is stored in.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldKey {
    Field(Rc<FieldDescr>),
    Item(usize),
}

/// Where resume finds a value of a virtual's field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    /// The guard's fail arg at this position: always a value the backend saved, never a
    /// position that holds a virtual (that is `Virtual`).
    FailArg(usize),
    /// A constant.
    Const(Value),
    /// Another virtual of the same guard, by index in [`GuardResume::objects`].
    Virtual(usize),
}

impl GuardVirtuals {
    /// The virtuals of guard `number` (by [`crate::GuardDescr::number`]), if it has any.
    pub fn get(&self, number: u32) -> Option<&GuardResume> {
        self.by_guard.get(&number)
    }

    /// Records the virtuals of guard `number`, after those recorded before (a second run
    /// of the pass may find more virtuals among other fail args of the same guard).
    pub fn insert(&mut self, number: u32, resume: GuardResume) {
        let entry = self.by_guard.entry(number).or_default();
        let base = entry.objects.len();
        let shift = |slot: Slot| match slot {
            Slot::Virtual(i) => Slot::Virtual(i + base),
            other => other,
        };
        let new_slots: Vec<(usize, usize)> = resume
            .slots
            .into_iter()
            .map(|(pos, v)| (pos, v + base))
            .collect();
        // Fields recorded before that name a fail arg now holding a virtual name the
        // virtual, so that a `FailArg` slot always means a value the backend saved.
        for obj in entry.objects.iter_mut() {
            for (_, slot) in obj.fields.iter_mut() {
                if let Slot::FailArg(n) = *slot {
                    if let Some(&(_, v)) = new_slots.iter().find(|(pos, _)| *pos == n) {
                        *slot = Slot::Virtual(v);
                    }
                }
            }
        }
        entry.slots.extend(new_slots);
        entry
            .objects
            .extend(resume.objects.into_iter().map(|mut obj| {
                for (_, slot) in obj.fields.iter_mut() {
                    *slot = shift(*slot);
                }
                obj
            }));
    }

    /// No guard has virtuals.
    pub fn is_empty(&self) -> bool {
        self.by_guard.is_empty()
    }

    /// The guard numbers with virtuals, sorted.
    pub fn guards(&self) -> Vec<u32> {
        let mut numbers: Vec<u32> = self.by_guard.keys().copied().collect();
        numbers.sort_unstable();
        numbers
    }

    /// The table as comment lines for `trace`'s guards, in trace order, one per guard:
    /// `# <Guard3> virtuals: [1] = v0; v0 = new_with_vtable(<SizeDescr Node>) {Node.value:
    /// #2}`. Slots print as `#n` (fail arg n), constants as themselves, virtuals as `vN`.
    pub fn describe(&self, trace: &Trace) -> String {
        let mut text = String::new();
        for op in &trace.ops {
            let Some(g) = op.guard_descr() else { continue };
            if let Some(resume) = self.by_guard.get(&g.number) {
                let _ = writeln!(text, "# <Guard{}> virtuals: {resume}", g.number);
            }
        }
        text
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::FailArg(n) => write!(f, "#{n}"),
            Slot::Const(c) => write!(f, "{c}"),
            Slot::Virtual(n) => write!(f, "v{n}"),
        }
    }
}

impl fmt::Display for GuardResume {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let slots: Vec<String> = self
            .slots
            .iter()
            .map(|(pos, v)| format!("[{pos}] = v{v}"))
            .collect();
        f.write_str(&slots.join(", "))?;
        for (i, obj) in self.objects.iter().enumerate() {
            let alloc = match &obj.alloc {
                Alloc::New(d) => format!("new(<SizeDescr {}>)", d.name),
                Alloc::NewWithVtable(d) => format!("new_with_vtable(<SizeDescr {}>)", d.name),
                Alloc::NewArray {
                    descr,
                    length,
                    clear,
                } => format!(
                    "{}({length}, <ArrayDescr {}>)",
                    if *clear {
                        "new_array_clear"
                    } else {
                        "new_array"
                    },
                    descr.name
                ),
            };
            let fields: Vec<String> = obj
                .fields
                .iter()
                .map(|(key, slot)| match key {
                    FieldKey::Field(d) => format!("{}: {slot}", d.name),
                    FieldKey::Item(n) => format!("{n}: {slot}"),
                })
                .collect();
            write!(f, "; v{i} = {alloc} {{{}}}", fields.join(", "))?;
        }
        Ok(())
    }
}

// ------------------------------------------------------------------ helpers shared with heap

/// The zero of `kind`: what an unwritten field of a zeroed allocation reads as.
pub(super) fn zero(kind: Kind) -> Value {
    match kind {
        Kind::Int => Value::ConstInt(0),
        Kind::Ref => Value::NULL,
        Kind::Float => Value::ConstFloat(0),
    }
}

/// The width of a narrow int field or item: `(bytes, signed)`, `None` for a full word.
pub(super) fn narrow_field(descr: &Descr) -> Option<(u8, bool)> {
    let (kind, size, signed) = match descr {
        Descr::Field(f) => (f.kind, f.size, f.signed),
        Descr::Array(a) => (a.kind, a.item_size, a.signed),
        _ => return None,
    };
    (kind == Kind::Int && size < 8).then_some((size, signed))
}

/// `n` stored into `bytes` bytes and read back with or without sign extension.
pub(super) fn truncate(n: i64, bytes: u8, signed: bool) -> i64 {
    let bits = 64 - 8 * u32::from(bytes);
    if signed {
        (n << bits) >> bits
    } else {
        ((n as u64) << bits >> bits) as i64
    }
}

/// Gives `result` the value a read of a `(bytes, signed)` field holding `value` gives:
/// replaces it by the constant, or emits the truncating op defining `result`. Boxes in
/// `fits` are known to hold values of their width already. Returns whether it emitted an
/// op (then `result` holds the truncated value and fits the width).
pub(super) fn read_back(
    out: &mut Emitter,
    result: BoxId,
    value: Value,
    narrow: Option<(u8, bool)>,
    fits: &HashMap<BoxId, (u8, bool)>,
) -> bool {
    let Some((bytes, signed)) = narrow else {
        out.replace(result, value);
        return false;
    };
    match value {
        Value::ConstInt(n) => {
            out.replace(result, Value::ConstInt(truncate(n, bytes, signed)));
            false
        }
        Value::Box(b) if fits_in(fits.get(&b).copied(), bytes, signed) => {
            out.replace(result, value);
            false
        }
        _ => {
            let op = if signed {
                Op::new(
                    Opcode::IntSignext,
                    vec![value, Value::ConstInt(i64::from(bytes))],
                    Some(result),
                )
            } else {
                let mask = (1i64 << (8 * u32::from(bytes))) - 1;
                Op::new(
                    Opcode::IntAnd,
                    vec![value, Value::ConstInt(mask)],
                    Some(result),
                )
            };
            out.emit(op);
            true
        }
    }
}

/// A value read with width `have` also fits a field of `bytes` bytes and `signed`.
fn fits_in(have: Option<(u8, bool)>, bytes: u8, signed: bool) -> bool {
    match have {
        None => false,
        Some((hb, hs)) if hs == signed => hb <= bytes,
        // An unsigned value of fewer bytes fits a signed wider field.
        Some((hb, false)) => signed && hb < bytes,
        Some(_) => false,
    }
}

// ------------------------------------------------------------------ queries

/// The fields written into `obj` when the last op of `trace` is reached, if `obj` is
/// still a virtual struct there (every write counted, through whatever box it was made);
/// `None` if it escaped before, is an array, or is no allocation of the trace. For
/// `unroll`, which carries such an object's fields across the loop label.
pub fn virtual_fields(trace: &Trace, obj: BoxId) -> Option<Vec<Rc<FieldDescr>>> {
    // A scratch context: the guards' virtuals recorded here are thrown away.
    let mut ctx = OptContext::default();
    let mut pass = Virtualize {
        out: Emitter::new(trace),
        virtuals: HashMap::new(),
        fits: HashMap::new(),
    };
    let n = trace.ops.len().saturating_sub(1);
    for op in trace.ops.iter().take(n) {
        let op = pass.out.resolve_op(op.clone());
        pass.optimize(op, &mut ctx);
    }
    let virtual_ = pass.virtuals.get(&obj)?;
    if matches!(virtual_.alloc, Alloc::NewArray { .. }) {
        return None;
    }
    Some(
        virtual_
            .fields
            .iter()
            .filter_map(|(key, _)| match key {
                FieldKey::Field(f) => Some(f.clone()),
                FieldKey::Item(_) => None,
            })
            .collect(),
    )
}

// ------------------------------------------------------------------ the pass

/// A virtual object: how it was allocated and what was written into it.
#[derive(Clone, Debug)]
struct Virtual {
    alloc: Alloc,
    /// Struct fields in first-write order, or array items as `FieldKey::Item`.
    fields: Vec<(FieldKey, Value)>,
}

impl Virtual {
    fn length(&self) -> Option<usize> {
        match &self.alloc {
            Alloc::NewArray { length, .. } => Some(*length),
            _ => None,
        }
    }

    /// The class of a virtual object: the type id of a GC allocation.
    fn class(&self) -> Option<u32> {
        match &self.alloc {
            Alloc::New(d) | Alloc::NewWithVtable(d) => d.type_id,
            Alloc::NewArray { .. } => None,
        }
    }

    fn get(&self, key: &FieldKey) -> Option<Value> {
        self.fields
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| *v)
    }

    fn set(&mut self, key: FieldKey, value: Value) {
        if let FieldKey::Field(f) = &key {
            // Another variant's field of the same enum in the same bytes (`Value::Int.0`
            // after `Value::Float.0`) is overwritten: forcing must not store it again.
            self.fields.retain(|(k, _)| {
                !matches!(k, FieldKey::Field(g) if g.is_sibling_variant(f) && g.ranges_meet(0, f, 0))
            });
        }
        match self.fields.iter_mut().find(|(k, _)| same_key(k, &key)) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((key, value)),
        }
    }
}

fn same_key(a: &FieldKey, b: &FieldKey) -> bool {
    match (a, b) {
        (FieldKey::Field(x), FieldKey::Field(y)) => Rc::ptr_eq(x, y) || x == y,
        (FieldKey::Item(x), FieldKey::Item(y)) => x == y,
        _ => false,
    }
}

struct Virtualize {
    out: Emitter,
    virtuals: HashMap<BoxId, Virtual>,
    /// Results of narrow reads kept in the trace: their values fit their width.
    fits: HashMap<BoxId, (u8, bool)>,
}

/// Runs the pass over `trace`.
pub fn run(trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
    let mut pass = Virtualize {
        out: Emitter::new(&trace),
        virtuals: HashMap::new(),
        fits: HashMap::new(),
    };
    for op in trace.ops {
        let op = pass.out.resolve_op(op);
        pass.optimize(op, ctx);
    }
    Ok(pass.out.finish(ctx))
}

impl Virtualize {
    fn is_virtual(&self, v: Value) -> bool {
        v.as_box().is_some_and(|b| self.virtuals.contains_key(&b))
    }

    fn optimize(&mut self, op: Op, ctx: &mut OptContext) {
        use Opcode::*;
        match op.opcode {
            New | NewWithVtable => {
                let (Some(r), Some(Descr::Size(d))) = (op.result, &op.descr) else {
                    return self.emit(op);
                };
                let alloc = if op.opcode == New {
                    Alloc::New(d.clone())
                } else {
                    Alloc::NewWithVtable(d.clone())
                };
                self.virtuals.insert(
                    r,
                    Virtual {
                        alloc,
                        fields: Vec::new(),
                    },
                );
            }
            NewArray | NewArrayClear => match (op.result, &op.descr, op.args[0]) {
                (Some(r), Some(Descr::Array(d)), Value::ConstInt(n))
                    if (0..=MAX_VIRTUAL_ARRAY).contains(&n) && d.length_offset.is_some() =>
                {
                    let alloc = Alloc::NewArray {
                        descr: d.clone(),
                        length: n as usize,
                        clear: op.opcode == NewArrayClear,
                    };
                    self.virtuals.insert(
                        r,
                        Virtual {
                            alloc,
                            fields: Vec::new(),
                        },
                    );
                }
                _ => self.emit(op),
            },
            SetfieldGc => {
                let (p, v) = (op.args[0], op.args[1]);
                match (p.as_box(), &op.descr) {
                    (Some(b), Some(Descr::Field(f))) if self.virtuals.contains_key(&b) => {
                        if let Some(obj) = self.virtuals.get_mut(&b) {
                            obj.set(FieldKey::Field(f.clone()), v);
                        }
                    }
                    _ => self.emit(op),
                }
            }
            GetfieldGcI | GetfieldGcR | GetfieldGcF => {
                let p = op.args[0];
                match (p.as_box(), &op.descr, op.result) {
                    (Some(b), Some(d @ Descr::Field(f)), Some(r))
                        if self.virtuals.contains_key(&b) =>
                    {
                        let stored = self.virtuals[&b].get(&FieldKey::Field(f.clone()));
                        let value = stored.unwrap_or_else(|| zero(f.kind));
                        let narrow = narrow_field(d);
                        if read_back(&mut self.out, r, value, narrow, &self.fits) {
                            // Later reads reuse the truncated value.
                            if let Some(obj) = self.virtuals.get_mut(&b) {
                                obj.set(FieldKey::Field(f.clone()), Value::Box(r));
                            }
                            self.fits.extend(narrow.map(|n| (r, n)));
                        }
                    }
                    _ => self.emit(op),
                }
            }
            SetarrayitemGc => {
                let (p, index, v) = (op.args[0], op.args[1], op.args[2]);
                if let Some(i) = self.virtual_index(p, index) {
                    if let Some(obj) = p.as_box().and_then(|b| self.virtuals.get_mut(&b)) {
                        obj.set(FieldKey::Item(i), v);
                    }
                } else {
                    self.emit(op);
                }
            }
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
                let (p, index) = (op.args[0], op.args[1]);
                match (
                    self.virtual_index(p, index),
                    p.as_box(),
                    &op.descr,
                    op.result,
                ) {
                    (Some(i), Some(b), Some(d @ Descr::Array(a)), Some(r)) => {
                        let stored = self.virtuals[&b].get(&FieldKey::Item(i));
                        let value = stored.unwrap_or_else(|| zero(a.kind));
                        let narrow = narrow_field(d);
                        if read_back(&mut self.out, r, value, narrow, &self.fits) {
                            if let Some(obj) = self.virtuals.get_mut(&b) {
                                obj.set(FieldKey::Item(i), Value::Box(r));
                            }
                            self.fits.extend(narrow.map(|n| (r, n)));
                        }
                    }
                    _ => self.emit(op),
                }
            }
            ArraylenGc => {
                let length = op.args[0]
                    .as_box()
                    .and_then(|b| self.virtuals.get(&b))
                    .and_then(Virtual::length);
                match (length, op.result) {
                    (Some(n), Some(r)) => self.out.replace(r, Value::ConstInt(n as i64)),
                    _ => self.emit(op),
                }
            }
            GuardNonnull if self.is_virtual(op.args[0]) => {}
            RecordKnownClass if self.is_virtual(op.args[0]) => {}
            GuardClass | GuardNonnullClass if self.is_virtual(op.args[0]) => {
                let known = op.args[0]
                    .as_box()
                    .and_then(|b| self.virtuals.get(&b))
                    .and_then(Virtual::class);
                let class = op.args[1].const_bits();
                match (known, class) {
                    (Some(v), Some(c)) if u64::from(v) == c => {}
                    // The guard always fails; keep it, on the allocated object.
                    _ => self.emit(op),
                }
            }
            PtrEq | PtrNe if self.is_virtual(op.args[0]) || self.is_virtual(op.args[1]) => {
                let same = op.args[0] == op.args[1];
                let result = if op.opcode == PtrEq { same } else { !same };
                if let Some(r) = op.result {
                    self.out.replace(r, Value::ConstInt(i64::from(result)));
                }
            }
            SameAsR if self.is_virtual(op.args[0]) => {
                if let Some(r) = op.result {
                    // The copy is the same virtual: it reads as the original.
                    self.out.replace(r, op.args[0]);
                }
            }
            Label => {
                for arg in op.args.clone() {
                    if let Value::Box(b) = arg {
                        self.force(b);
                    }
                }
                self.out.emit_label(op);
                // Nothing defined before a label is visible after it, and its arguments
                // are new values.
                self.virtuals.clear();
                self.fits.clear();
            }
            _ if op.opcode.is_guard() => self.emit_guard(op, ctx),
            _ => self.emit(op),
        }
    }

    /// The constant in-range index of an access to a virtual array.
    fn virtual_index(&self, p: Value, index: Value) -> Option<usize> {
        let length = self.virtuals.get(&p.as_box()?)?.length()?;
        match index {
            Value::ConstInt(i) if i >= 0 && (i as usize) < length => Some(i as usize),
            _ => None,
        }
    }

    /// Emits `op` after forcing the virtuals among its arguments (guards go through
    /// [`Virtualize::emit_guard`] instead, which keeps the virtuals of their fail args).
    fn emit(&mut self, op: Op) {
        for arg in op.args.clone() {
            if let Value::Box(b) = arg {
                self.force(b);
            }
        }
        if let Some(r) = op.result {
            if op.opcode.is_getfield_or_getarrayitem() {
                if let Some(narrow) = op.descr.as_ref().and_then(narrow_field) {
                    self.fits.insert(r, narrow);
                }
            }
        }
        self.out.emit(op);
    }

    /// Emits the allocation of virtual `b` and its stores, if `b` is virtual.
    fn force(&mut self, b: BoxId) {
        // Removed first, so a cycle back to `b` sees it allocated.
        let Some(obj) = self.virtuals.remove(&b) else {
            return;
        };
        let (opcode, args, descr, clear) = match &obj.alloc {
            Alloc::New(d) => (Opcode::New, vec![], Descr::Size(d.clone()), true),
            Alloc::NewWithVtable(d) => {
                (Opcode::NewWithVtable, vec![], Descr::Size(d.clone()), true)
            }
            Alloc::NewArray {
                descr,
                length,
                clear,
            } => (
                if *clear {
                    Opcode::NewArrayClear
                } else {
                    Opcode::NewArray
                },
                vec![Value::ConstInt(*length as i64)],
                Descr::Array(descr.clone()),
                *clear,
            ),
        };
        self.out
            .emit(Op::new(opcode, args, Some(b)).with_descr(descr.clone()));
        for (key, value) in obj.fields {
            if clear && value.const_bits() == Some(0) {
                // The allocation zeroed it already.
                continue;
            }
            if let Value::Box(v) = value {
                self.force(v);
            }
            let op = match key {
                FieldKey::Field(f) => Op::new(Opcode::SetfieldGc, vec![Value::Box(b), value], None)
                    .with_descr(Descr::Field(f)),
                FieldKey::Item(i) => Op::new(
                    Opcode::SetarrayitemGc,
                    vec![Value::Box(b), Value::ConstInt(i as i64), value],
                    None,
                )
                .with_descr(descr.clone()),
            };
            self.out.emit(op);
        }
    }

    /// Emits a guard: virtuals among its arguments are forced, virtuals among its fail
    /// args are recorded for resume.
    fn emit_guard(&mut self, mut op: Op, ctx: &mut OptContext) {
        for arg in op.args.clone() {
            if let Value::Box(b) = arg {
                self.force(b);
            }
        }
        let number = op.guard_descr().map(|g| g.number);
        if let (Some(fail_args), Some(number)) = (&mut op.fail_args, number) {
            if fail_args.iter().any(|&v| self.is_virtual(v)) {
                let mut builder = ResumeBuilder {
                    virtuals: &self.virtuals,
                    fail_args,
                    index: HashMap::new(),
                    resume: GuardResume::default(),
                };
                for pos in 0..builder.fail_args.len() {
                    if let Value::Box(b) = builder.fail_args[pos] {
                        if builder.virtuals.contains_key(&b) {
                            let v = builder.object(b);
                            builder.resume.slots.push((pos, v));
                        }
                    }
                }
                for &(pos, _) in &builder.resume.slots {
                    builder.fail_args[pos] = Value::NULL;
                }
                ctx.virtuals.insert(number, builder.resume);
            }
        }
        self.out.emit(op);
    }
}

/// Builds the resume description of one guard's virtuals.
struct ResumeBuilder<'a> {
    virtuals: &'a HashMap<BoxId, Virtual>,
    fail_args: &'a mut Vec<Value>,
    /// Virtual box -> its index in `resume.objects`.
    index: HashMap<BoxId, usize>,
    resume: GuardResume,
}

impl ResumeBuilder<'_> {
    /// The index of virtual `b`'s description, built (with its fields') if new.
    fn object(&mut self, b: BoxId) -> usize {
        if let Some(&i) = self.index.get(&b) {
            return i;
        }
        let obj = &self.virtuals[&b];
        let i = self.resume.objects.len();
        self.index.insert(b, i);
        self.resume.objects.push(VirtualObject {
            alloc: obj.alloc.clone(),
            fields: Vec::new(),
        });
        let mut fields = Vec::new();
        for (key, value) in obj.fields.clone() {
            let slot = match value {
                Value::Box(v) if self.virtuals.contains_key(&v) => Slot::Virtual(self.object(v)),
                Value::Box(_) => Slot::FailArg(self.fail_arg(value)),
                c => Slot::Const(c),
            };
            fields.push((key, slot));
        }
        self.resume.objects[i].fields = fields;
        i
    }

    /// The position of `value` in the fail args, appended if absent.
    fn fail_arg(&mut self, value: Value) -> usize {
        match self.fail_args.iter().position(|&v| v == value) {
            Some(pos) => pos,
            None => {
                self.fail_args.push(value);
                self.fail_args.len() - 1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Rc<SizeDescr> {
        Rc::new(SizeDescr {
            name: "Plain".to_string(),
            size: 8,
            type_id: None,
            fields: Vec::new(),
        })
    }

    #[test]
    fn a_second_insert_for_a_guard_appends_with_shifted_indices() {
        let mut table = GuardVirtuals::default();
        let object = |fields| VirtualObject {
            alloc: Alloc::New(plain()),
            fields,
        };
        let item = |n| FieldKey::Item(n);
        table.insert(
            3,
            GuardResume {
                slots: vec![(0, 0)],
                objects: vec![object(vec![(item(0), Slot::FailArg(1))])],
            },
        );
        table.insert(
            3,
            GuardResume {
                slots: vec![(2, 0)],
                objects: vec![
                    object(vec![(item(0), Slot::Virtual(1))]),
                    object(vec![(item(0), Slot::Const(Value::ConstInt(7)))]),
                ],
            },
        );
        let resume = table.get(3).expect("recorded");
        assert_eq!(resume.slots, vec![(0, 0), (2, 1)]);
        assert_eq!(resume.objects.len(), 3);
        assert_eq!(resume.objects[1].fields[0].1, Slot::Virtual(2));
        assert_eq!(resume.objects[0].fields[0].1, Slot::FailArg(1));
        // A field naming fail arg 2, which now holds a virtual, names the virtual.
        table.insert(
            4,
            GuardResume {
                slots: vec![(0, 0)],
                objects: vec![object(vec![(item(0), Slot::FailArg(2))])],
            },
        );
        table.insert(
            4,
            GuardResume {
                slots: vec![(2, 0)],
                objects: vec![object(Vec::new())],
            },
        );
        assert_eq!(
            table.get(4).expect("recorded").objects[0].fields[0].1,
            Slot::Virtual(1)
        );
    }

    #[test]
    fn truncation_matches_memory() {
        assert_eq!(truncate(300, 1, false), 44);
        assert_eq!(truncate(-1, 1, false), 255);
        assert_eq!(truncate(255, 1, true), -1);
        assert_eq!(truncate(0x1_8000, 2, true), -32768);
        assert_eq!(truncate(-5, 4, true), -5);
        assert!(fits_in(Some((1, false)), 2, true));
        assert!(!fits_in(Some((1, true)), 2, false));
        assert!(fits_in(Some((2, true)), 2, true));
    }
}
