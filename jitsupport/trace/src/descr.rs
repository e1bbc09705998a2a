//! Descrs: what an op needs to know about memory layouts, calls, guards and labels.
//!
//! A [`Descr`] is a cheap handle (`Rc`) on one of the descr structs. Two handles are equal
//! when they point to the same descr (identity, as in PyPy), so descrs can key heap caches.
//! Every descr prints as `<...>` in the text form (`descr=<FieldDescr Frame.pc>`,
//! `descr=<Guard3>`, `descr=<Label0>`); a [`DescrTable`] maps those texts back to descrs
//! for the parser, and is how a test declares the descrs of a trace before parsing it
//! (PyPy oparser's namespace).

use crate::ops::Kind;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// A field of a struct: read or written at `offset` from the object's address.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDescr {
    /// The name readers see: `Frame.pc`.
    pub name: String,
    /// The offset of the field from the object's (or raw address's) start, in bytes.
    pub offset: usize,
    /// The size in bytes: 1, 2, 4 or 8 for ints, 8 for refs and floats.
    pub size: u8,
    /// For ints narrower than 8 bytes: sign-extend (true) or zero-extend (false) on read.
    pub signed: bool,
    /// The kind of the field's value.
    pub kind: Kind,
    /// Never written after the object is built: reads of it are pure.
    pub immutable: bool,
    /// Quasi-immutable: rarely written; reads are constant-folded under
    /// `guard_not_invalidated`.
    pub quasi_immutable: bool,
    /// An int word that may hold a GC reference (the payload of an enum such as
    /// `Value::Int(i64) | Value::Obj(Gc<..>)`): a store into it takes the write barrier
    /// as a ref store does.
    pub maybe_ref: bool,
}

impl FieldDescr {
    /// The name of the declared field this descr reads: its name without the `@offset`
    /// the tracer appends to a field of a struct held inline in another object
    /// (`List<usize>.len@24`). A callee that writes a field writes it wherever it is.
    pub fn declared_name(&self) -> &str {
        self.name
            .split_once('@')
            .map_or(&self.name, |(name, _)| name)
    }

    /// The enum and variant this descr reads a field of (`Value::Int.0@16` reads field
    /// `0` of variant `Int` of `Value`), or `None` for a struct's field.
    pub fn variant(&self) -> Option<(&str, &str)> {
        let name = self.declared_name();
        let ty = name.split_once('.').map_or(name, |(ty, _)| ty);
        ty.rsplit_once("::")
    }

    /// `self` and `other` are fields of different variants of one enum: the variants of
    /// a value enum share its payload words (`Value::Int.0` and `Value::Float.0` are one
    /// word), so where their byte ranges meet on one object they are the same memory.
    pub fn is_sibling_variant(&self, other: &FieldDescr) -> bool {
        match (self.variant(), other.variant()) {
            (Some((ea, va)), Some((eb, vb))) => ea == eb && va != vb,
            _ => false,
        }
    }

    /// The byte ranges of `self` at `a` and of `other` at `b` meet.
    pub fn ranges_meet(&self, a: i64, other: &FieldDescr, b: i64) -> bool {
        let start_a = a.wrapping_add(self.offset as i64);
        let start_b = b.wrapping_add(other.offset as i64);
        start_a < start_b.wrapping_add(i64::from(other.size))
            && start_b < start_a.wrapping_add(i64::from(self.size))
    }

    /// A mutable, word-sized field of `kind` (a shorthand for tests).
    pub fn word(name: &str, offset: usize, kind: Kind) -> FieldDescr {
        FieldDescr {
            name: name.to_string(),
            offset,
            size: 8,
            signed: true,
            kind,
            immutable: false,
            quasi_immutable: false,
            maybe_ref: false,
        }
    }

    /// Whether a store into this field may store a GC reference (and so takes the
    /// write barrier).
    pub fn may_hold_ref(&self) -> bool {
        self.kind == Kind::Ref || self.maybe_ref
    }
}

/// The items of an array: item `n` is at `base + n * item_size` from the array's address.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrayDescr {
    /// The name readers see: `Stack.items`.
    pub name: String,
    /// The offset of item 0.
    pub base: usize,
    /// The item size in bytes (the stride), as for [`FieldDescr::size`].
    pub item_size: u8,
    /// For ints narrower than 8 bytes: sign-extend (true) or zero-extend (false) on read.
    pub signed: bool,
    /// The kind of the items.
    pub kind: Kind,
    /// Where the length (a `usize` word) is stored, for `arraylen_gc` and `new_array`;
    /// `None` for arrays without a stored length.
    pub length_offset: Option<usize>,
    /// Items are never written after the array is built.
    pub immutable: bool,
    /// The GC type id of the array (for `new_array`): the collector allocates it, its
    /// header holds the id and its length is at `length_offset`, its size rounded up
    /// to 8 bytes; `None`: raw memory from the backend's allocation hook.
    pub type_id: Option<u32>,
    /// Int items that may hold a GC reference: their stores take the write barrier.
    pub maybe_ref: bool,
}

impl ArrayDescr {
    /// A GC array of word-sized items of `kind` with its length at offset 0 and the items
    /// from offset 8 (a shorthand for tests).
    pub fn words(name: &str, kind: Kind) -> ArrayDescr {
        ArrayDescr {
            name: name.to_string(),
            base: 8,
            item_size: 8,
            signed: true,
            kind,
            length_offset: Some(0),
            immutable: false,
            type_id: None,
            maybe_ref: false,
        }
    }

    /// Whether a store of an item may store a GC reference (and so takes the write
    /// barrier).
    pub fn may_hold_ref(&self) -> bool {
        self.kind == Kind::Ref || self.maybe_ref
    }

    /// The bytes of a GC array of this descr with `length` items: the collector's
    /// `array_size` (items from `base`, rounded up to 8); `None` on overflow.
    pub fn gc_size(&self, length: usize) -> Option<usize> {
        let n = (self.item_size as usize).checked_mul(length)?;
        Some(n.checked_add(self.base + 7)? & !7)
    }

    /// Raw memory of unsigned bytes from the address on, without a stored length (a
    /// `List<u8>`'s items; a shorthand for tests).
    pub fn raw_bytes(name: &str) -> ArrayDescr {
        ArrayDescr {
            base: 0,
            item_size: 1,
            signed: false,
            length_offset: None,
            ..ArrayDescr::words(name, Kind::Int)
        }
    }
}

/// The size of an object that `new` or `new_with_vtable` allocates.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeDescr {
    /// The name readers see: the struct's name.
    pub name: String,
    /// The size in bytes, the header word included for a GC object.
    pub size: usize,
    /// The GC type id of the object, which is also its class (DESIGN decision 8): the
    /// header word at offset 0 is `type_id << 32`, `guard_class` compares the upper half
    /// ([`crate::backend::TYPE_ID_OFFSET`]) and the collector allocates it. `None`: raw
    /// zeroed memory from the backend's allocation hook, without header (plain `new`
    /// only; `new_with_vtable` needs a type id).
    pub type_id: Option<u32>,
    /// The fields of the object, for the optimizer's virtuals (may be empty).
    pub fields: Vec<Rc<FieldDescr>>,
}

/// What a callee may do besides computing its result (PyPy's `EffectInfo`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EffectInfo {
    /// The result depends only on the arguments and immutable memory, and the callee
    /// writes nothing: calls with equal arguments may be merged or removed.
    pub elidable: bool,
    /// The result is the same for the whole loop.
    pub loop_invariant: bool,
    /// May leave a pending exception.
    pub can_raise: bool,
    /// May panic (unwinds through the trace).
    pub can_panic: bool,
    /// The effect analysis could not bound the writes: the callee may write anything and
    /// the write sets below are meaningless.
    pub random_effects: bool,
    /// Fields the callee may write.
    pub write_fields: Vec<Rc<FieldDescr>>,
    /// Arrays whose items the callee may write.
    pub write_arrays: Vec<Rc<ArrayDescr>>,
}

impl EffectInfo {
    /// A callee that may write anything.
    pub fn random() -> EffectInfo {
        EffectInfo {
            random_effects: true,
            can_raise: true,
            ..EffectInfo::default()
        }
    }

    /// An elidable callee that writes nothing and cannot raise.
    pub fn elidable() -> EffectInfo {
        EffectInfo {
            elidable: true,
            ..EffectInfo::default()
        }
    }

    /// Whether the callee may write `field` (compared by identity or by equal contents).
    pub fn may_write_field(&self, field: &FieldDescr) -> bool {
        self.random_effects
            || self.write_fields.iter().any(|f| {
                std::ptr::eq(&**f, field)
                    || **f == *field
                    || f.declared_name() == field.declared_name()
                    || f.is_sibling_variant(field)
            })
    }

    /// Whether the callee may write items of `array`.
    pub fn may_write_array(&self, array: &ArrayDescr) -> bool {
        self.random_effects
            || self
                .write_arrays
                .iter()
                .any(|a| std::ptr::eq(&**a, array) || **a == *array)
    }

    /// Whether the callee may write any memory at all.
    pub fn writes_memory(&self) -> bool {
        self.random_effects || !self.write_fields.is_empty() || !self.write_arrays.is_empty()
    }
}

/// The signature and effects of a residual call.
#[derive(Clone, Debug, PartialEq)]
pub struct CallDescr {
    /// The callee's name, for readers.
    pub name: String,
    /// The kinds of the arguments after the function (the call's argument 0).
    pub arg_kinds: Vec<Kind>,
    /// The result kind, `None` for no result.
    pub result: Option<Kind>,
    /// What the callee does besides computing its result.
    pub effect: EffectInfo,
}

/// A guard's identity: a number for the text form (`<Guard3>`) and the index of its
/// resume data, which the optimizer carries along without looking inside.
/// It holds no mutable state, so that descrs can key hash maps; counters of failures
/// live with the metainterp, keyed by the guard's number.
#[derive(Debug)]
pub struct GuardDescr {
    /// The number the text form shows: `<Guard3>`.
    pub number: u32,
    /// The resume data of the guard, an index into a table the metainterp owns.
    pub resume: u32,
}

impl GuardDescr {
    /// A guard descr numbered `number` whose resume data is at `resume`.
    pub fn new(number: u32, resume: u32) -> GuardDescr {
        GuardDescr { number, resume }
    }
}

/// A label in a loop, the target of jumps (PyPy's `TargetToken`): `<Label0>`.
#[derive(Debug)]
pub struct TargetToken {
    /// The number the text form shows: `<Label0>`.
    pub number: u32,
}

/// A compiled loop as a whole (PyPy's `JitCellToken`): `<Loop0>`.
#[derive(Debug)]
pub struct LoopToken {
    /// The number the text form shows: `<Loop0>`.
    pub number: u32,
}

/// The descr of a `finish`: which exit of the trace was taken, `<Finish0>`.
#[derive(Debug)]
pub struct FinishDescr {
    /// The number the text form shows: `<Finish0>`.
    pub number: u32,
}

/// A handle on a descr. Equality and hashing are by identity.
#[derive(Clone, Debug)]
pub enum Descr {
    /// A field of a struct.
    Field(Rc<FieldDescr>),
    /// The items of an array.
    Array(Rc<ArrayDescr>),
    /// The size of an object to allocate.
    Size(Rc<SizeDescr>),
    /// A residual call's signature and effects.
    Call(Rc<CallDescr>),
    /// A guard's identity and resume data.
    Guard(Rc<GuardDescr>),
    /// A label, the target of jumps.
    Target(Rc<TargetToken>),
    /// A compiled loop as a whole.
    Loop(Rc<LoopToken>),
    /// An exit of the trace through `finish`.
    Finish(Rc<FinishDescr>),
    /// The text of a `debug_merge_point` (`<code> #12 PUSH`).
    MergePoint(Rc<str>),
}

impl Descr {
    /// The address of the pointee, the identity of the descr.
    fn addr(&self) -> *const () {
        match self {
            Descr::Field(d) => Rc::as_ptr(d).cast(),
            Descr::Array(d) => Rc::as_ptr(d).cast(),
            Descr::Size(d) => Rc::as_ptr(d).cast(),
            Descr::Call(d) => Rc::as_ptr(d).cast(),
            Descr::Guard(d) => Rc::as_ptr(d).cast(),
            Descr::Target(d) => Rc::as_ptr(d).cast(),
            Descr::Loop(d) => Rc::as_ptr(d).cast(),
            Descr::Finish(d) => Rc::as_ptr(d).cast(),
            Descr::MergePoint(d) => Rc::as_ptr(d).cast(),
        }
    }

    /// The field descr, if this is one.
    pub fn as_field(&self) -> Option<&Rc<FieldDescr>> {
        match self {
            Descr::Field(d) => Some(d),
            _ => None,
        }
    }

    /// The array descr, if this is one.
    pub fn as_array(&self) -> Option<&Rc<ArrayDescr>> {
        match self {
            Descr::Array(d) => Some(d),
            _ => None,
        }
    }

    /// The size descr, if this is one.
    pub fn as_size(&self) -> Option<&Rc<SizeDescr>> {
        match self {
            Descr::Size(d) => Some(d),
            _ => None,
        }
    }

    /// The call descr, if this is one.
    pub fn as_call(&self) -> Option<&Rc<CallDescr>> {
        match self {
            Descr::Call(d) => Some(d),
            _ => None,
        }
    }

    /// The guard descr, if this is one.
    pub fn as_guard(&self) -> Option<&Rc<GuardDescr>> {
        match self {
            Descr::Guard(d) => Some(d),
            _ => None,
        }
    }

    /// The label token, if this is one.
    pub fn as_target(&self) -> Option<&Rc<TargetToken>> {
        match self {
            Descr::Target(d) => Some(d),
            _ => None,
        }
    }
}

impl PartialEq for Descr {
    fn eq(&self, other: &Descr) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other) && self.addr() == other.addr()
    }
}

impl Eq for Descr {}

impl Hash for Descr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.addr().hash(state);
    }
}

impl fmt::Display for Descr {
    /// The text form: `<FieldDescr Frame.pc>`, `<Guard3>`, `<Label0>`; a merge point's
    /// text prints quoted (`'<code> #12 PUSH'`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Descr::Field(d) => write!(f, "<FieldDescr {}>", d.name),
            Descr::Array(d) => write!(f, "<ArrayDescr {}>", d.name),
            Descr::Size(d) => write!(f, "<SizeDescr {}>", d.name),
            Descr::Call(d) => write!(f, "<CallDescr {}>", d.name),
            Descr::Guard(d) if d.resume == d.number => write!(f, "<Guard{}>", d.number),
            Descr::Guard(d) => write!(f, "<Guard{} resume={}>", d.number, d.resume),
            Descr::Target(d) => write!(f, "<Label{}>", d.number),
            Descr::Loop(d) => write!(f, "<Loop{}>", d.number),
            Descr::Finish(d) => write!(f, "<Finish{}>", d.number),
            Descr::MergePoint(text) => write!(f, "'{text}'"),
        }
    }
}

/// The descrs and named constants a trace text refers to, by their text form.
///
/// Tests declare field, array, size and call descrs (and constants such as function
/// addresses, written `ConstClass(name)` in the text) before parsing; the parser adds the
/// guard descrs and tokens it meets, so that a bridge parsed later with the same table
/// refers to the guards and labels of the loop parsed before it.
#[derive(Clone, Debug, Default)]
pub struct DescrTable {
    by_text: HashMap<String, Descr>,
    consts: HashMap<String, crate::trace::Value>,
    next_guard: u32,
    next_target: u32,
}

impl DescrTable {
    /// An empty table.
    pub fn new() -> DescrTable {
        DescrTable::default()
    }

    /// Adds `descr` under its text form and returns it.
    pub fn add(&mut self, descr: Descr) -> Descr {
        self.by_text.insert(descr.to_string(), descr.clone());
        descr
    }

    /// Adds a field descr under its text form and returns it.
    pub fn add_field(&mut self, field: FieldDescr) -> Rc<FieldDescr> {
        let rc = Rc::new(field);
        self.add(Descr::Field(rc.clone()));
        rc
    }

    /// Adds an array descr under its text form and returns it.
    pub fn add_array(&mut self, array: ArrayDescr) -> Rc<ArrayDescr> {
        let rc = Rc::new(array);
        self.add(Descr::Array(rc.clone()));
        rc
    }

    /// Adds a size descr under its text form and returns it.
    pub fn add_size(&mut self, size: SizeDescr) -> Rc<SizeDescr> {
        let rc = Rc::new(size);
        self.add(Descr::Size(rc.clone()));
        rc
    }

    /// Adds a call descr under its text form and returns it.
    pub fn add_call(&mut self, call: CallDescr) -> Rc<CallDescr> {
        let rc = Rc::new(call);
        self.add(Descr::Call(rc.clone()));
        rc
    }

    /// Names a constant: the parser reads `ConstClass(name)` and `ConstPtr(name)` as it.
    pub fn add_const(&mut self, name: &str, value: crate::trace::Value) {
        self.consts.insert(name.to_string(), value);
    }

    /// The constant named `name`.
    pub fn constant(&self, name: &str) -> Option<crate::trace::Value> {
        self.consts.get(name).copied()
    }

    /// The descr whose text form is `text` (with the angle brackets).
    pub fn get(&self, text: &str) -> Option<&Descr> {
        self.by_text.get(text)
    }

    /// The guard descr `<Guard{number}>`, created (with resume index `number`) if new.
    pub fn guard(&mut self, number: u32) -> Rc<GuardDescr> {
        let text = format!("<Guard{number}>");
        if let Some(Descr::Guard(g)) = self.by_text.get(&text) {
            return g.clone();
        }
        let g = Rc::new(GuardDescr::new(number, number));
        self.by_text.insert(text, Descr::Guard(g.clone()));
        self.reserve_guard_number(number);
        g
    }

    /// The guard descr `<Guard{number} resume={resume}>`, created if new.
    pub fn guard_with_resume(&mut self, number: u32, resume: u32) -> Rc<GuardDescr> {
        let g = Rc::new(GuardDescr::new(number, resume));
        let text = Descr::Guard(g.clone()).to_string();
        if let Some(Descr::Guard(old)) = self.by_text.get(&text) {
            return old.clone();
        }
        self.by_text.insert(text, Descr::Guard(g.clone()));
        self.reserve_guard_number(number);
        g
    }

    /// Makes [`DescrTable::fresh_guard`] number its guards above `number`.
    pub fn reserve_guard_number(&mut self, number: u32) {
        self.next_guard = self.next_guard.max(number.saturating_add(1));
    }

    /// A new guard descr with a number not used in this table yet.
    pub fn fresh_guard(&mut self) -> Rc<GuardDescr> {
        let number = self.next_guard;
        self.guard(number)
    }

    /// The label token `<Label{number}>`, created if new.
    pub fn target(&mut self, number: u32) -> Rc<TargetToken> {
        let text = format!("<Label{number}>");
        if let Some(Descr::Target(t)) = self.by_text.get(&text) {
            return t.clone();
        }
        let t = Rc::new(TargetToken { number });
        self.by_text.insert(text, Descr::Target(t.clone()));
        self.next_target = self.next_target.max(number.saturating_add(1));
        t
    }

    /// A new label token with a number not used in this table yet.
    pub fn fresh_target(&mut self) -> Rc<TargetToken> {
        let number = self.next_target;
        self.target(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A callee that writes `List<usize>.len` writes it in lists held inline in other
    /// objects too, whose reads the tracer names `List<usize>.len@24`, even when that
    /// descr was made after the call's.
    #[test]
    fn a_field_write_covers_the_field_read_through_an_outer_object() {
        let len = Rc::new(FieldDescr::word("List<usize>.len", 8, Kind::Int));
        let mut shifted = FieldDescr::word("List<usize>.len@24", 32, Kind::Int);
        let effect = EffectInfo {
            write_fields: vec![len],
            ..EffectInfo::default()
        };
        assert!(effect.may_write_field(&shifted));
        shifted.name = "List<i64>.len@24".to_string();
        assert!(!effect.may_write_field(&shifted));
    }
}
