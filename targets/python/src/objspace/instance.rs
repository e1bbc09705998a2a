//! Instances of user classes, with attributes kept by maps (PyPy's hidden classes): an
//! instance points to a shared [`W_Map`] that lists its attribute names in order, and
//! keeps the values in a slot array. Adding an attribute follows (or creates) the
//! map's transition for that name, so instances built the same way share one map.

use super::dict::{new_dict, W_Dict};
use super::object::{GcAny, Value};
use super::str::new_str;
use super::str::{str_eq, W_Str};
use super::typeobject::W_Type;
use crate::interpreter::PyResult;
use crate::objspace::space::root_map;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_Map {
    /// Attribute names (strs), in the order they were added.
    pub names: GcArray<GcAny>,
    /// Name -> the map with that name added.
    pub transitions: Gc<W_Dict>,
}
crate::py_type!(W_Map { names, transitions ;  });

/// State an exception instance carries besides its attributes.
pub struct W_ExcState {
    pub args: GcCell<Value>,
    /// The traceback: the innermost frame last.
    pub tb: GcCell<Option<Gc<W_Traceback>>>,
    pub cause: GcCell<Value>,
    pub context: GcCell<Value>,
    pub suppress_context: GcCell<bool>,
}
crate::py_type!(W_ExcState { tb ; args, cause, context });

/// One frame of a traceback, a linked list from the outermost frame.
pub struct W_Traceback {
    pub name: Gc<W_Str>,
    pub filename: Gc<W_Str>,
    pub line: u32,
    pub next: Option<Gc<W_Traceback>>,
}
crate::py_type!(W_Traceback { name, filename, next ;  });

pub struct W_Instance {
    pub cls: GcCell<Gc<W_Type>>,
    pub map: GcCell<Gc<W_Map>>,
    pub slots: GcCell<GcArray<Value>>,
    /// The builtin part of an instance of a subclass of a builtin type: the exception
    /// state of an exception, the `dict` of a dict subclass, ...
    pub base: GcCell<Value>,
    pub exc: GcCell<Option<Gc<W_ExcState>>>,
}
crate::py_type!(W_Instance { cls, map, slots, exc ; base });

/// The empty map (the root of the transition tree).
pub fn new_root_map() -> Gc<W_Map> {
    Gc::new(W_Map {
        names: GcArray::new(0, GcAny::of(new_str(""))),
        transitions: new_dict(),
    })
}

impl W_Map {
    /// The slot of attribute `name`, if the map has it.
    pub fn index_of(&self, name: Gc<W_Str>) -> Option<usize> {
        // Names are interned, so the first pass (by identity) finds them; the second
        // compares text, for a name made at run time (`getattr(o, "a" + "b")`).
        let names = self.names;
        let mut i = 0;
        while i < names.len() {
            if names.get(i) == GcAny::of(name) {
                return Some(i);
            }
            i += 1;
        }
        i = 0;
        while i < names.len() {
            if let Some(s) = names.get(i).downcast::<W_Str>() {
                if str_eq(s, name) {
                    return Some(i);
                }
            }
            i += 1;
        }
        None
    }

    /// The map with `name` added after this map's names.
    pub fn with(&self, name: Gc<W_Str>) -> PyResult<Gc<W_Map>> {
        if let Some(Value::Obj(m)) = self.transitions.get(Value::obj(name))? {
            if let Some(m) = m.downcast::<W_Map>() {
                return Ok(m);
            }
        }
        let old = self.names;
        let names = GcArray::new(old.len() + 1, GcAny::of(name));
        let mut i = 0;
        while i < old.len() {
            names.set(i, old.get(i));
            i += 1;
        }
        let m = Gc::new(W_Map {
            names,
            transitions: new_dict(),
        });
        self.transitions.set(Value::obj(name), Value::obj(m))?;
        Ok(m)
    }
}

/// A new instance of `cls` with no attributes.
pub fn new_instance(cls: Gc<W_Type>, root: Gc<W_Map>) -> Gc<W_Instance> {
    Gc::new(W_Instance {
        cls: GcCell::new(cls),
        map: GcCell::new(root),
        slots: GcCell::new(GcArray::new(2, Value::Null)),
        base: GcCell::new(Value::Null),
        exc: GcCell::new(None),
    })
}

impl W_Instance {
    /// The attribute `name` stored on the instance.
    pub fn get_attr(&self, name: Gc<W_Str>) -> Option<Value> {
        let i = self.map.get().index_of(name)?;
        let v = self.slots.get().get(i);
        if v.is_null() {
            None
        } else {
            Some(v)
        }
    }

    /// Stores attribute `name`.
    pub fn set_attr(&self, name: Gc<W_Str>, v: Value) -> PyResult<()> {
        let map = self.map.get();
        if let Some(i) = map.index_of(name) {
            self.slots.get().set(i, v);
            return Ok(());
        }
        let new = map.with(name)?;
        let n = new.names.len();
        let slots = self.slots.get();
        if n > slots.len() {
            let grown = GcArray::new(n * 2, Value::Null);
            let mut i = 0;
            while i < slots.len() {
                grown.set(i, slots.get(i));
                i += 1;
            }
            self.slots.set(grown);
        }
        self.slots.get().set(n - 1, v);
        self.map.set(new);
        Ok(())
    }

    /// Deletes attribute `name`; false if it was not there. The instance moves to the
    /// map of its remaining attributes (so a re-added one goes last, as in CPython).
    pub fn del_attr(&self, name: Gc<W_Str>) -> PyResult<bool> {
        let map = self.map.get();
        let Some(i) = map.index_of(name) else {
            return Ok(false);
        };
        let old = self.slots.get();
        if old.get(i).is_null() {
            return Ok(false);
        }
        let mut m = root_map();
        let slots = GcArray::new(old.len(), Value::Null);
        let mut n = 0;
        let mut j = 0;
        while j < map.names.len() {
            let v = old.get(j);
            if j != i && !v.is_null() {
                if let Some(s) = map.names.get(j).downcast::<W_Str>() {
                    m = m.with(s)?;
                    slots.set(n, v);
                    n += 1;
                }
            }
            j += 1;
        }
        self.slots.set(slots);
        self.map.set(m);
        Ok(true)
    }
}
