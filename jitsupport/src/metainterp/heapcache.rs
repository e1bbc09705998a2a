//! The tracer's heap cache (PyPy's `heapcache.py`): what the trace already knows about
//! memory, so that redundant reads are never recorded.
//!
//! It remembers, per field descr, the value each object's field holds (learnt from a
//! recorded read or write), and per array descr the value of `(array, index)` items.
//! A write through a descr forgets what other objects (which may be the same object)
//! hold there; a call forgets what its effect info says it may write (everything for
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
        let entry = self
            .fields
            .entry(Rc::as_ptr(descr))
            .or_insert_with(|| (descr.clone(), HashMap::new()));
        if write {
            entry.1.retain(|o, _| distinct(fresh, *o, obj));
        }
        entry.1.insert(obj, value);
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
