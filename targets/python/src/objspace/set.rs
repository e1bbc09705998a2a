//! The hash table of `set` and `frozenset`, laid out as CPython's `setobject.c` lays
//! it out (linear probes, then perturbation; the same resize rule), so that iterating a
//! set of ints gives CPython's order.

use super::dict::Entry;
use super::object::Value;
use super::ops;
use crate::interpreter::PyResult;
use jitsupport::gc::{Gc, GcArray, GcCell};
use ops::eq;
use ops::hash;

const MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;

/// A slot: `key` Null and `hash` 0 is unused, `key` Null and `hash` -1 a deleted key.
const UNUSED: Entry = Entry {
    hash: 0,
    key: Value::Null,
    value: Value::Null,
};

pub struct W_SetTable {
    pub table: GcCell<GcArray<Entry>>,
    /// Active and deleted slots.
    pub fill: GcCell<usize>,
    /// Active slots.
    pub used: GcCell<usize>,
    /// Where `pop` starts looking (CPython's `finger`).
    pub finger: GcCell<usize>,
}
crate::py_type!(W_SetTable { table ; });

pub fn new_set_table() -> Gc<W_SetTable> {
    Gc::new(W_SetTable {
        table: GcCell::new(GcArray::new(MINSIZE, UNUSED)),
        fill: GcCell::new(0),
        used: GcCell::new(0),
        finger: GcCell::new(0),
    })
}

impl W_SetTable {
    pub fn len(&self) -> usize {
        self.used.get()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The number of slots (iteration runs over `entry(0..used())`).
    pub fn used(&self) -> usize {
        self.table.get().len()
    }
    /// Slot `i` (`key` Null when it holds no key).
    pub fn entry(&self, i: usize) -> Entry {
        self.table.get().get(i)
    }

    /// The next slot holding a key at or after slot `*i`, advancing `*i` past it:
    /// `while let Some(e) = t.next_live_entry(&mut i)` walks the set in table order.
    pub fn next_live_entry(&self, i: &mut usize) -> Option<Entry> {
        let table = self.table.get();
        while *i < table.len() {
            let e = table.get(*i);
            *i += 1;
            if !e.key.is_null() {
                return Some(e);
            }
        }
        None
    }

    /// The slot holding `key`, if any.
    fn find(&self, key: Value, hash: i64) -> PyResult<Option<usize>> {
        let table = self.table.get();
        let mask = table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut j = i;
            let mut k = 0;
            loop {
                let e = table.get(j);
                if e.key.is_null() && e.hash == 0 {
                    return Ok(None);
                }
                if !e.key.is_null() && e.hash == hash && (e.key.is(key) || eq(e.key, key)?) {
                    return Ok(Some(j));
                }
                if k == probes {
                    break;
                }
                j += 1;
                k += 1;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn get(&self, key: Value) -> PyResult<Option<Value>> {
        let h = hash(key)?;
        self.get_hashed(key, h)
    }

    pub fn get_hashed(&self, key: Value, h: i64) -> PyResult<Option<Value>> {
        Ok(match self.find(key, h)? {
            Some(_) => Some(Value::None),
            None => None,
        })
    }

    pub fn set(&self, key: Value, _v: Value) -> PyResult<()> {
        let h = hash(key)?;
        self.add_hashed(key, h)
    }

    pub fn set_hashed(&self, key: Value, h: i64, _v: Value) -> PyResult<()> {
        self.add_hashed(key, h)
    }

    /// `set_add_entry`.
    pub fn add_hashed(&self, key: Value, hash: i64) -> PyResult<()> {
        let table = self.table.get();
        let mask = table.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut j = i;
            let mut k = 0;
            loop {
                let e = table.get(j);
                if e.key.is_null() && e.hash == 0 {
                    let slot = match freeslot {
                        Some(f) => f,
                        None => {
                            self.fill.set(self.fill.get() + 1);
                            j
                        }
                    };
                    table.set(
                        slot,
                        Entry {
                            hash,
                            key,
                            value: Value::None,
                        },
                    );
                    self.used.set(self.used.get() + 1);
                    if freeslot.is_none() && self.fill.get() * 5 >= mask * 3 {
                        let u = self.used.get();
                        self.resize(if u > 50000 { u * 2 } else { u * 4 });
                    }
                    return Ok(());
                }
                if !e.key.is_null() {
                    if e.hash == hash && (e.key.is(key) || eq(e.key, key)?) {
                        return Ok(());
                    }
                } else if e.hash == -1 && freeslot.is_none() {
                    freeslot = Some(j);
                }
                if k == probes {
                    break;
                }
                j += 1;
                k += 1;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize`: a table of the smallest power of two above `minused`.
    pub fn resize(&self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = self.table.get();
        let new = GcArray::new(size, UNUSED);
        let mask = size - 1;
        let mut n = 0;
        let mut s = 0;
        while s < old.len() {
            let e = old.get(s);
            s += 1;
            if e.key.is_null() {
                continue;
            }
            let mut i = (e.hash as u64 as usize) & mask;
            let mut perturb = e.hash as u64;
            'probe: loop {
                if new.get(i).key.is_null() {
                    new.set(i, e);
                    break;
                }
                if i + LINEAR_PROBES <= mask {
                    let mut j = 1;
                    while j <= LINEAR_PROBES {
                        if new.get(i + j).key.is_null() {
                            new.set(i + j, e);
                            break 'probe;
                        }
                        j += 1;
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
            n += 1;
        }
        self.table.set(new);
        self.fill.set(n);
        self.used.set(n);
    }

    /// Makes room before merging `extra` keys (`set_merge`'s rule).
    pub fn reserve(&self, extra: usize) {
        let mask = self.table.get().len() - 1;
        if (self.fill.get() + extra) * 5 >= mask * 3 {
            self.resize((self.used.get() + extra) * 2);
        }
    }

    pub fn remove(&self, key: Value) -> PyResult<Option<Value>> {
        let h = hash(key)?;
        match self.find(key, h)? {
            Some(j) => {
                self.table.get().set(
                    j,
                    Entry {
                        hash: -1,
                        key: Value::Null,
                        value: Value::Null,
                    },
                );
                self.used.set(self.used.get() - 1);
                Ok(Some(Value::None))
            }
            None => Ok(None),
        }
    }

    /// `set_pop`: removes and returns the key at or after the finger, wrapping around
    /// (`None` when the set is empty), as CPython picks it.
    pub fn pop(&self) -> Option<Value> {
        if self.used.get() == 0 {
            return None;
        }
        let table = self.table.get();
        let mask = table.len() - 1;
        let mut i = self.finger.get() & mask;
        while table.get(i).key.is_null() {
            i = (i + 1) & mask;
        }
        let key = table.get(i).key;
        table.set(
            i,
            Entry {
                hash: -1,
                key: Value::Null,
                value: Value::Null,
            },
        );
        self.used.set(self.used.get() - 1);
        self.finger.set(i + 1);
        Some(key)
    }

    pub fn clear(&self) {
        self.table.set(GcArray::new(MINSIZE, UNUSED));
        self.fill.set(0);
        self.used.set(0);
    }
}
