//! `tuple`: a fixed `GcArray<Value>`, items stored inline.

use super::object::Value;
use jitsupport::gc::{Gc, GcArray};

pub struct W_Tuple {
    pub items: GcArray<Value>,
}
crate::py_type!(W_Tuple { items ;  });

/// A tuple of `n` items, all `None` (to be filled).
pub fn new_tuple(n: usize) -> Gc<W_Tuple> {
    Gc::new(W_Tuple {
        items: GcArray::new(n, Value::None),
    })
}

/// A tuple value holding the items.
pub fn tuple_from(items: &[Value]) -> Value {
    Value::obj(Gc::new(W_Tuple {
        items: GcArray::from_slice(items),
    }))
}

impl W_Tuple {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn get(&self, i: usize) -> Value {
        self.items.get(i)
    }
}
