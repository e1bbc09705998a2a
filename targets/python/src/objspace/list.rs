//! `list`: a growable `GcArray<Value>` with a length, items stored inline.

use super::object::Value;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_List {
    pub items: GcCell<GcArray<Value>>,
    pub len: GcCell<usize>,
}
crate::py_type!(W_List { items ;  });

/// An empty list with room for `cap` items.
pub fn new_list(cap: usize) -> Gc<W_List> {
    Gc::new(W_List {
        items: GcCell::new(GcArray::new(cap.max(4), Value::Null)),
        len: GcCell::new(0),
    })
}

/// A list value holding copies of `items`.
pub fn list_from(items: GcArray<Value>, start: usize, n: usize) -> Gc<W_List> {
    let l = new_list(n);
    let arr = l.items.get();
    let mut i = 0;
    while i < n {
        arr.set(i, items.get(start + i));
        i += 1;
    }
    l.len.set(n);
    l
}

impl W_List {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn len(&self) -> usize {
        self.len.get()
    }
    pub fn get(&self, i: usize) -> Value {
        self.items.get().get(i)
    }
    pub fn set(&self, i: usize, v: Value) {
        self.items.get().set(i, v)
    }

    /// Makes room for `n` items.
    pub fn reserve(&self, n: usize) {
        let arr = self.items.get();
        if n <= arr.len() {
            return;
        }
        let mut cap = arr.len() * 2;
        if cap < n {
            cap = n;
        }
        let new = GcArray::new(cap, Value::Null);
        let len = self.len.get();
        let mut i = 0;
        while i < len {
            new.set(i, arr.get(i));
            i += 1;
        }
        self.items.set(new);
    }

    pub fn append(&self, v: Value) {
        let len = self.len.get();
        self.reserve(len + 1);
        self.items.get().set(len, v);
        self.len.set(len + 1);
    }

    /// Removes and returns item `i` (`i < len`).
    pub fn pop_at(&self, i: usize) -> Value {
        let arr = self.items.get();
        let len = self.len.get();
        let v = arr.get(i);
        let mut j = i;
        while j + 1 < len {
            arr.set(j, arr.get(j + 1));
            j += 1;
        }
        arr.set(len - 1, Value::Null);
        self.len.set(len - 1);
        v
    }

    /// Removes the `n` items `start`, `start + step`, ... (`step > 0`, all in the list)
    /// in one pass over the items after `start`.
    pub fn delete_slice(&self, start: usize, step: usize, n: usize) {
        if n == 0 {
            return;
        }
        let arr = self.items.get();
        let len = self.len.get();
        // The next item to drop and how many are left to drop.
        let mut drop = start;
        let mut left = n;
        let mut dst = start;
        let mut src = start;
        while src < len {
            if left > 0 && src == drop {
                drop += step;
                left -= 1;
            } else {
                arr.set(dst, arr.get(src));
                dst += 1;
            }
            src += 1;
        }
        let mut i = dst;
        while i < len {
            arr.set(i, Value::Null);
            i += 1;
        }
        self.len.set(dst);
    }

    /// Inserts `v` before item `i` (`i <= len`).
    pub fn insert(&self, i: usize, v: Value) {
        let len = self.len.get();
        self.reserve(len + 1);
        let arr = self.items.get();
        let mut j = len;
        while j > i {
            arr.set(j, arr.get(j - 1));
            j -= 1;
        }
        arr.set(i, v);
        self.len.set(len + 1);
    }

    /// Empties the list.
    pub fn clear(&self) {
        self.items.set(GcArray::new(4, Value::Null));
        self.len.set(0);
    }

    /// A fresh array of exactly the items.
    pub fn to_array(&self) -> GcArray<Value> {
        let len = self.len.get();
        let arr = self.items.get();
        let out = GcArray::new(len, Value::None);
        let mut i = 0;
        while i < len {
            out.set(i, arr.get(i));
            i += 1;
        }
        out
    }
}
