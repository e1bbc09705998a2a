//! `dict`: an insertion-ordered hash table of our own on `GcArray`s, as CPython 3.6+
//! and PyPy keep it: a dense array of entries in insertion order (a deleted entry's
//! key becomes `Null`) and a sparse open-addressed index of entry numbers.

use super::object::Value;
use super::ops;
use crate::interpreter::PyResult;
use jitsupport::gc::{
    Gc, GcArray, GcCell, GcValue, TypeInfo, VarPart, ARRAY_ITEMS_OFFSET, ARRAY_LENGTH_OFFSET,
};
use ops::eq;
use ops::hash;

/// One entry: the key's hash, the key (`Null` when deleted) and the value.
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

static ENTRY_ARRAY: TypeInfo = TypeInfo::array(
    "[Entry]",
    ARRAY_ITEMS_OFFSET as u32,
    &[],
    &[],
    VarPart {
        length_offset: ARRAY_LENGTH_OFFSET as u32,
        items_offset: ARRAY_ITEMS_OFFSET as u32,
        item_size: 40,
        item_refs: &[],
        item_maybe_refs: &[16, 32],
    },
);

// SAFETY: the payload words of `key` (16) and `value` (32) may hold references.
unsafe impl GcValue for Entry {
    const REFS: &'static [u32] = &[];
    const MAYBE_REFS: &'static [u32] = &[16, 32];
    fn array_type_info() -> &'static TypeInfo {
        &ENTRY_ARRAY
    }
}

const EMPTY: Entry = Entry {
    hash: 0,
    key: Value::Null,
    value: Value::Null,
};

pub struct W_Dict {
    pub entries: GcCell<GcArray<Entry>>,
    /// Entries in use, deleted ones included.
    pub used: GcCell<usize>,
    /// Live entries.
    pub len: GcCell<usize>,
    /// Entry number + 1 per slot, 0 for a free slot.
    pub index: GcCell<GcArray<i64>>,
}
crate::py_type!(W_Dict { entries, index ;  });

/// An empty dict.
pub fn new_dict() -> Gc<W_Dict> {
    Gc::new(W_Dict {
        entries: GcCell::new(GcArray::new(5, EMPTY)),
        used: GcCell::new(0),
        len: GcCell::new(0),
        index: GcCell::new(GcArray::new(8, 0)),
    })
}

impl W_Dict {
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn len(&self) -> usize {
        self.len.get()
    }

    /// The slot of the index holding `key`, or the free slot where it would go, and
    /// the entry number found (or -1).
    fn find(&self, key: Value, hash: i64) -> PyResult<(usize, i64)> {
        let index = self.index.get();
        let mask = index.len() - 1;
        let mut slot = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let ix = index.get(slot);
            if ix == 0 {
                return Ok((slot, -1));
            }
            let e = self.entries.get().get((ix - 1) as usize);
            if !e.key.is_null() && e.hash == hash {
                if e.key.is(key) || eq(e.key, key)? {
                    return Ok((slot, ix - 1));
                }
                // The table may have changed under a Python __eq__.
                if !GcArray::ptr_eq(index, self.index.get()) {
                    return self.find(key, hash);
                }
            }
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
    }

    /// The value for the str key with text `s` and hash `h` (`str::str_hash`), found
    /// without making a str: the lookup of `space::intern`.
    pub fn get_str(&self, s: &str, h: i64) -> Option<Value> {
        let index = self.index.get();
        let entries = self.entries.get();
        let mask = index.len() - 1;
        let mut slot = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            let ix = index.get(slot);
            if ix == 0 {
                return None;
            }
            let e = entries.get((ix - 1) as usize);
            if e.hash == h {
                if let Some(k) = e.key.as_str_obj() {
                    if k.as_str() == s {
                        return Some(e.value);
                    }
                }
            }
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
    }

    /// The value for `key`, if present.
    pub fn get(&self, key: Value) -> PyResult<Option<Value>> {
        let h = hash(key)?;
        self.get_hashed(key, h)
    }

    pub fn get_hashed(&self, key: Value, h: i64) -> PyResult<Option<Value>> {
        let (_, ix) = self.find(key, h)?;
        if ix < 0 {
            Ok(None)
        } else {
            Ok(Some(self.entries.get().get(ix as usize).value))
        }
    }

    /// Sets `key` to `value`.
    pub fn set(&self, key: Value, value: Value) -> PyResult<()> {
        let h = hash(key)?;
        self.set_hashed(key, h, value)
    }

    pub fn set_hashed(&self, key: Value, h: i64, value: Value) -> PyResult<()> {
        let (slot, ix) = self.find(key, h)?;
        if ix >= 0 {
            let entries = self.entries.get();
            let mut e = entries.get(ix as usize);
            e.value = value;
            entries.set(ix as usize, e);
            return Ok(());
        }
        let used = self.used.get();
        if used >= self.entries.get().len() || (used + 1) * 3 >= self.index.get().len() * 2 {
            self.resize();
            return self.set_hashed(key, h, value);
        }
        self.entries.get().set(
            used,
            Entry {
                hash: h,
                key,
                value,
            },
        );
        self.index.get().set(slot, used as i64 + 1);
        self.used.set(used + 1);
        self.len.set(self.len.get() + 1);
        Ok(())
    }

    /// Removes `key`, returning its value if it was present.
    pub fn remove(&self, key: Value) -> PyResult<Option<Value>> {
        let h = hash(key)?;
        let (_, ix) = self.find(key, h)?;
        if ix < 0 {
            return Ok(None);
        }
        let entries = self.entries.get();
        let e = entries.get(ix as usize);
        entries.set(
            ix as usize,
            Entry {
                hash: e.hash,
                key: Value::Null,
                value: Value::Null,
            },
        );
        self.len.set(self.len.get() - 1);
        Ok(Some(e.value))
    }

    /// Rebuilds the table with room to grow, dropping deleted entries.
    fn resize(&self) {
        let len = self.len.get();
        let mut cap = 8;
        while cap * 2 < (len + 1) * 3 * 2 {
            cap *= 2;
        }
        let old = self.entries.get();
        let used = self.used.get();
        let entries = GcArray::new(cap * 2 / 3 + 1, EMPTY);
        let index = GcArray::new(cap, 0i64);
        let mask = cap - 1;
        let mut n = 0;
        let mut i = 0;
        while i < used {
            let e = old.get(i);
            i += 1;
            if e.key.is_null() {
                continue;
            }
            entries.set(n, e);
            let mut slot = (e.hash as u64 as usize) & mask;
            let mut perturb = e.hash as u64;
            while index.get(slot) != 0 {
                perturb >>= 5;
                slot = (slot * 5 + 1 + perturb as usize) & mask;
            }
            index.set(slot, n as i64 + 1);
            n += 1;
        }
        self.entries.set(entries);
        self.index.set(index);
        self.used.set(n);
    }

    /// Empties the dict.
    pub fn clear(&self) {
        self.entries.set(GcArray::new(5, EMPTY));
        self.index.set(GcArray::new(8, 0));
        self.used.set(0);
        self.len.set(0);
    }

    /// The entry at position `i` of the dense array (`Null` key if deleted), for
    /// iteration: positions run from 0 to `used`.
    pub fn entry(&self, i: usize) -> Entry {
        self.entries.get().get(i)
    }

    pub fn used(&self) -> usize {
        self.used.get()
    }

    /// The next live entry at or after position `*i` of the dense array, advancing
    /// `*i` past it: `while let Some(e) = d.next_live_entry(&mut i)` walks the dict
    /// in insertion order, skipping deleted entries.
    pub fn next_live_entry(&self, i: &mut usize) -> Option<Entry> {
        let entries = self.entries.get();
        let used = self.used.get();
        while *i < used {
            let e = entries.get(*i);
            *i += 1;
            if !e.key.is_null() {
                return Some(e);
            }
        }
        None
    }
}
