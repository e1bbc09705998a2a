//! The tracer's heap cache (PyPy's `heapcache.py`): what the trace already knows about
//! memory, so that redundant reads are never recorded.
//!
//! It remembers, per field descr, the value each object's field holds (learnt from a
//! recorded read or write), and per array descr the value of `(array, index)` items.
//! A write through a descr forgets what other objects (which may be the same object)
//! hold there, and what they hold in the same field read through another pointer (the
//! `@offset` descrs of fields of inline structs, [`FieldDescr::declared_name`]) and
//! in the other variants' fields of a value enum, which share its payload words
//! ([`FieldDescr::is_sibling_variant`]); a call forgets what its effect info says it may write (everything for
//! random effects); raw memory (`*_raw`) is not cached at all. Objects are told apart
//! only when both are distinct constants or both were allocated in the trace.

use jitsupport_trace::{ArrayDescr, CallDescr, FieldDescr, Value};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The known items of one array descr: its descr and `(array, index) -> value`.
type Items = (Rc<ArrayDescr>, HashMap<(Value, Value), Value>);

/// Field and item values known to the tracer.
#[derive(Default)]
pub struct HeapCache {
    fields: HashMap<*const FieldDescr, (Rc<FieldDescr>, HashMap<Value, Value>)>,
    items: HashMap<*const ArrayDescr, Items>,
    /// Objects allocated in the trace: distinct from every other object.
    fresh: HashSet<Value>,
    /// The classes (GC type ids) of objects the trace guarded or allocated: a class
    /// never changes, so no write or call forgets them.
    classes: HashMap<Value, u32>,
}

impl HeapCache {
    /// The known value of `obj`'s field.
    pub fn field(&self, obj: Value, descr: &Rc<FieldDescr>) -> Option<Value> {
        self.fields
            .get(&Rc::as_ptr(descr))
            .and_then(|(_, m)| m.get(&obj).copied())
    }

    /// The field was read or written: it holds `value` now.
    pub fn set_field(&mut self, obj: Value, descr: &Rc<FieldDescr>, value: Value, write: bool) {
        let fresh = &self.fresh;
        if write {
            // The same field read through an inline struct's own pointer (`List.len` on
            // p3) or through the outer object (`List.len@24` on p2) is the same memory:
            // a write forgets the whole family on every object that may be `obj`, apart
            // from `obj`'s other members, which are at other offsets.
            let family = descr.declared_name();
            for (d, known) in self.fields.values_mut() {
                if Rc::ptr_eq(d, descr) {
                    known.retain(|o, _| distinct(fresh, *o, obj));
                } else if d.declared_name() == family {
                    known.retain(|o, _| *o == obj || distinct(fresh, *o, obj));
                } else if d.is_sibling_variant(descr) {
                    // Another variant's field of the same enum: on `obj` the same
                    // memory where their bytes meet (`Value::Int.0`, `Value::Float.0`).
                    let meet = d.ranges_meet(0, descr, 0);
                    known.retain(|o, _| {
                        if *o == obj {
                            !meet
                        } else {
                            distinct(fresh, *o, obj)
                        }
                    });
                }
            }
        }
        self.fields
            .entry(Rc::as_ptr(descr))
            .or_insert_with(|| (descr.clone(), HashMap::new()))
            .1
            .insert(obj, value);
    }

    /// The known value of an item.
    pub fn item(&self, array: Value, index: Value, descr: &Rc<ArrayDescr>) -> Option<Value> {
        self.items
            .get(&Rc::as_ptr(descr))
            .and_then(|(_, m)| m.get(&(array, index)).copied())
    }

    /// The item was read or written: it holds `value` now.
    pub fn set_item(
        &mut self,
        array: Value,
        index: Value,
        descr: &Rc<ArrayDescr>,
        value: Value,
        write: bool,
    ) {
        let fresh = &self.fresh;
        let entry = self
            .items
            .entry(Rc::as_ptr(descr))
            .or_insert_with(|| (descr.clone(), HashMap::new()));
        if write {
            // Another index may be the same item unless both indices are constants.
            entry.1.retain(|(a, i), _| {
                distinct(fresh, *a, array) || (i.is_const() && index.is_const() && *i != index)
            });
        }
        entry.1.insert((array, index), value);
    }

    /// `obj` was allocated in the trace.
    pub fn new_object(&mut self, obj: Value) {
        self.fresh.insert(obj);
    }

    /// The class of `obj`, if the trace knows it (`record_known_class`).
    pub fn class(&self, obj: Value) -> Option<u32> {
        self.classes.get(&obj).copied()
    }

    /// `obj` is known to be of `class` (a `guard_class` or a `new_with_vtable`).
    pub fn record_known_class(&mut self, obj: Value, class: u32) {
        self.classes.insert(obj, class);
    }

    /// A call with `descr` happened: forget what it may write.
    pub fn call(&mut self, descr: &CallDescr) {
        let effect = &descr.effect;
        if effect.elidable {
            return;
        }
        self.fields
            .retain(|_, (d, _)| d.immutable || !effect.may_write_field(d));
        self.items.retain(|_, (d, _)| !effect.may_write_array(d));
    }

    /// Forgets everything (a call whose effects are unknown).
    pub fn clear(&mut self) {
        self.fields.clear();
        self.items.clear();
    }
}

/// `a` and `b` are certainly different objects.
fn distinct(fresh: &HashSet<Value>, a: Value, b: Value) -> bool {
    if a == b {
        return false;
    }
    (a.is_const() && b.is_const())
        || (fresh.contains(&a) && fresh.contains(&b))
        || (fresh.contains(&a) && b.is_const())
        || (fresh.contains(&b) && a.is_const())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jitsupport_trace::{BoxId, Kind};

    fn len_field(offset: usize) -> Rc<FieldDescr> {
        let mut f = FieldDescr::word("List<usize>.len", 8 + offset, Kind::Int);
        if offset != 0 {
            f.name = format!("List<usize>.len@{offset}");
        }
        Rc::new(f)
    }

    /// A list held inline at offset 24 of a frame is read through the frame (`len@24`
    /// on p2) and through its own pointer (`len` on p3): a write through one must not
    /// leave the other's value cached (found by pyrite-fuzz, tl seed 19).
    #[test]
    fn a_write_forgets_the_same_field_read_through_another_pointer() {
        let (p2, p3) = (
            Value::Box(BoxId::new(2, Kind::Ref)),
            Value::Box(BoxId::new(3, Kind::Ref)),
        );
        let (outer, inner) = (len_field(24), len_field(0));
        let mut cache = HeapCache::default();
        cache.set_field(p2, &outer, Value::ConstInt(4), false);
        cache.set_field(p3, &inner, Value::ConstInt(5), true);
        assert_eq!(cache.field(p2, &outer), None);
        assert_eq!(cache.field(p3, &inner), Some(Value::ConstInt(5)));
    }

    /// Two lists of one type in one object are different memory: writing one keeps the
    /// other's length.
    #[test]
    fn a_write_keeps_the_same_object_s_other_offsets() {
        let p2 = Value::Box(BoxId::new(2, Kind::Ref));
        let (first, second) = (len_field(0), len_field(24));
        let mut cache = HeapCache::default();
        cache.set_field(p2, &second, Value::ConstInt(4), false);
        cache.set_field(p2, &first, Value::ConstInt(5), true);
        assert_eq!(cache.field(p2, &second), Some(Value::ConstInt(4)));
    }
}
