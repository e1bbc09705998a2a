//! [`List<T>`]: the toolchain's resizable list, with a layout the JIT can read.
//!
//! `std::vec::Vec` has no guaranteed layout, so the JIT could not read its length or
//! items through offsets (DESIGN decision 4). `List<T>` is `#[repr(C)]`: an items
//! pointer, a length and a capacity, each at an offset `core::mem::offset_of!` gives. The
//! storage is allocated by a `Vec<T>` and handed back to one to grow or to free.
//!
//! A list's items may be GC references (`List<GcAny>`, `List<Gc<T>>`, a value enum with
//! an `Obj(GcAny)` variant), and its storage is Rust memory, which the collector does
//! not see by itself: while a list owns storage that may hold a reference (item types
//! of at least a word, aligned to one, other than the plain integers and `f64`), the
//! storage is registered with the collector as a root ([`crate::gc::add_buffer_root`]),
//! scanned conservatively over its whole capacity at each collection. So a reference
//! held only by a list keeps its object alive wherever the list is: on the stack, in a
//! struct in a `Box`, in another list, in memory the JIT allocated. Writes need no
//! barrier (roots are scanned at every collection, minor ones too), which is why the
//! JIT's inline `push`, `pop` and `list[i] = v` work unchanged. `truncate` clears the
//! slots it gives up; `pop`, native or the JIT's inline one, does not (a store per pop
//! cost a stack VM's native run 15%): a popped slot keeps its object alive until it is
//! written again or the list's storage is freed, so a list keeps at most its capacity's
//! worth of objects.
//!
//! A GC object cannot hold a `List` (the list owns Rust memory, and the collector frees
//! objects without running `Drop`): growable storage in a GC object is a `GcArray` with
//! its length in a `GcCell<usize>` (PyPy's resizable list: a GC struct pointing at a GC
//! array).

use std::fmt;
use std::mem::ManuallyDrop;
use std::ops::{Index, IndexMut};

/// A resizable list with a known layout. Indexing out of bounds panics, as for `Vec`.
#[repr(C)]
pub struct List<T> {
    items: *mut T,
    len: usize,
    capacity: usize,
}

// Safety: List<T> owns its items exactly as Vec<T> does. The registration of its storage
// with the collector is by address in a table of the process, removed wherever the
// storage is freed; GC references are neither `Send` nor `Sync`, so a list that holds
// them stays on its thread.
unsafe impl<T: Send> Send for List<T> {}
unsafe impl<T: Sync> Sync for List<T> {}

/// Whether items of type `T` may hold a GC reference, so that the storage of a
/// `List<T>` is registered as a root: a reference is an aligned word, so an item
/// smaller than a word or less aligned holds none, and neither does a plain integer or
/// float. (An item type named otherwise is registered: conservative, never unsound.)
#[inline]
fn may_hold_refs<T>() -> bool {
    std::mem::size_of::<T>() >= 8
        && std::mem::align_of::<T>() >= 8
        && !matches!(
            std::any::type_name::<T>(),
            "i64" | "u64" | "isize" | "usize" | "f64" | "i128" | "u128"
        )
}

impl<T> List<T> {
    /// The byte offset of the items pointer, for the JIT.
    pub const OFFSET_OF_ITEMS: usize = std::mem::offset_of!(List<T>, items);
    /// The byte offset of the length, for the JIT.
    pub const OFFSET_OF_LEN: usize = std::mem::offset_of!(List<T>, len);
    /// The byte offset of the capacity, for the JIT (`push` stores inline while there is
    /// room).
    pub const OFFSET_OF_CAPACITY: usize = std::mem::offset_of!(List<T>, capacity);

    /// An empty list.
    pub fn new() -> List<T> {
        List::from(Vec::new())
    }

    /// An empty list with room for `capacity` items.
    pub fn with_capacity(capacity: usize) -> List<T> {
        List::from(Vec::with_capacity(capacity))
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `item`, growing the storage when full.
    #[inline]
    pub fn push(&mut self, item: T) {
        if self.len == self.capacity {
            self.grow_one();
        }
        // Safety: len < capacity after the reserve, so the slot is allocated and unused.
        unsafe { self.items.add(self.len).write(item) };
        self.len += 1;
    }

    /// Makes room for one more item: the slow path of [`List::push`], kept out of line so
    /// that `push` itself (a compare and a store) inlines into an interpreter's dispatch
    /// loop; with the collector's root registration inlined here, `push` stopped being
    /// inlined and a stack VM's native run took 1.8x as long.
    #[cold]
    #[inline(never)]
    fn grow_one(&mut self) {
        self.with_vec(|v| v.reserve(1));
    }

    /// Removes and returns the last item.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // Safety: the slot at the old last index is initialised and no longer counted.
        // Its bytes stay (as after the JIT's inline pop): clearing them cost a stack VM's
        // native run 15%, and a reference left there keeps its object alive only until
        // the slot is written again or the storage is freed.
        Some(unsafe { self.items.add(self.len).read() })
    }

    /// Shortens the list to `len` items, dropping the rest (their slots are cleared).
    pub fn truncate(&mut self, len: usize) {
        let old = self.len;
        self.with_vec(|v| v.truncate(len));
        if may_hold_refs::<T>() && len < old {
            // Safety: slots `len..old` are allocated and no longer hold items.
            unsafe { self.items.add(len).write_bytes(0, old - len) };
        }
    }

    pub fn as_slice(&self) -> &[T] {
        // Safety: items points to len initialised items (dangling and len 0 when empty).
        unsafe { std::slice::from_raw_parts(self.items, self.len) }
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // Safety: as in as_slice, and &mut self gives exclusive access.
        unsafe { std::slice::from_raw_parts_mut(self.items, self.len) }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// Converts back into a `Vec<T>` without copying (the storage is no longer a root:
    /// a `Vec` is not seen by the collector).
    pub fn into_vec(self) -> Vec<T> {
        let this = ManuallyDrop::new(self);
        this.unregister();
        // Safety: the parts came from a Vec<T> and are owned by `this`, which is not dropped.
        unsafe { Vec::from_raw_parts(this.items, this.len, this.capacity) }
    }

    /// Runs `f` on the storage as a `Vec<T>`, then takes the storage back.
    fn with_vec<R>(&mut self, f: impl FnOnce(&mut Vec<T>) -> R) -> R {
        // The storage may move or be freed in `f`: it is registered again afterwards.
        self.unregister();
        // Safety: the parts came from a Vec<T>; `self` is left holding a valid empty list
        // while the Vec exists, so a panic in `f` leaks instead of freeing twice.
        let mut v = unsafe { Vec::from_raw_parts(self.items, self.len, self.capacity) };
        let empty = ManuallyDrop::new(Vec::<T>::new());
        self.items = empty.as_ptr() as *mut T;
        self.len = 0;
        self.capacity = 0;
        let result = f(&mut v);
        let mut v = ManuallyDrop::new(v);
        self.items = v.as_mut_ptr();
        self.len = v.len();
        self.capacity = v.capacity();
        self.register();
        result
    }

    /// The bytes of storage the list owns.
    #[inline]
    fn storage_bytes(&self) -> usize {
        self.capacity * std::mem::size_of::<T>()
    }

    /// Registers the storage with the collector as a root, if its items may hold
    /// references.
    #[inline]
    fn register(&self) {
        if may_hold_refs::<T>() && self.storage_bytes() > 0 {
            // Safety: the storage stays allocated until `unregister` runs (in `Drop`,
            // `with_vec` and `into_vec`, before it is freed or handed on).
            unsafe { crate::gc::add_buffer_root(self.items as *const u8, self.storage_bytes()) };
        }
    }

    /// Unregisters the storage (see [`List::register`]).
    #[inline]
    fn unregister(&self) {
        if may_hold_refs::<T>() && self.storage_bytes() > 0 {
            crate::gc::remove_buffer_root(self.items as *const u8);
        }
    }
}

/// `list.push(item)` as a plain function: the target of the residual call the rtyper
/// emits for `list_push`.
#[inline(never)]
pub fn ll_push<T>(list: &mut List<T>, item: T) {
    list.push(item);
}

/// Makes room for one more item (the length is unchanged): the residual call the rtyper
/// emits before storing a value struct's fields in place (`list_push` of items held
/// by value).
#[inline(never)]
pub fn ll_reserve<T>(list: &mut List<T>) {
    list.with_vec(|v| v.reserve(1));
}

/// Writes an empty list into `dst`: the rtyper lowers `List::new()` to an allocation of
/// `size_of::<List<T>>()` bytes followed by a residual call of this function.
///
/// # Safety
/// `dst` must be valid for writes and aligned for `List<T>`; a list it held is leaked.
#[inline(never)]
pub unsafe fn ll_init<T>(dst: *mut List<T>) {
    // Safety: the caller guarantees dst is writable and aligned.
    unsafe { dst.write(List::new()) };
}

/// As [`ll_init`], for `List::with_capacity(capacity)`.
///
/// # Safety
/// As for [`ll_init`].
#[inline(never)]
pub unsafe fn ll_init_with_capacity<T>(dst: *mut List<T>, capacity: usize) {
    // Safety: the caller guarantees dst is writable and aligned.
    unsafe { dst.write(List::with_capacity(capacity)) };
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List::new()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> List<T> {
        let mut v = ManuallyDrop::new(v);
        let list = List {
            items: v.as_mut_ptr(),
            len: v.len(),
            capacity: v.capacity(),
        };
        list.register();
        list
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> List<T> {
        List::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T> Drop for List<T> {
    fn drop(&mut self) {
        self.unregister();
        // Safety: the parts came from a Vec<T> and are dropped once, here.
        drop(unsafe { Vec::from_raw_parts(self.items, self.len, self.capacity) });
    }
}

impl<T: Clone> Clone for List<T> {
    fn clone(&self) -> List<T> {
        List::from(self.as_slice().to_vec())
    }
}

impl<T: fmt::Debug> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: PartialEq> PartialEq for List<T> {
    fn eq(&self, other: &List<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T> Index<usize> for List<T> {
    type Output = T;
    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.as_slice()[i]
    }
}

impl<T> IndexMut<usize> for List<T> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.as_mut_slice()[i]
    }
}

#[cfg(test)]
mod tests {
    use super::List;

    #[test]
    fn push_pop_index_grow() {
        let mut l = List::new();
        for i in 0..1000 {
            l.push(i);
        }
        assert_eq!(l.len(), 1000);
        assert_eq!(l[500], 500);
        l[500] = -1;
        assert_eq!(l[500], -1);
        assert_eq!(l.pop(), Some(999));
        l.truncate(2);
        assert_eq!(l.as_slice(), &[0, 1]);
        assert_eq!(l.clone().into_vec(), vec![0, 1]);
    }

    #[test]
    fn drops_owned_items() {
        let mut l = List::new();
        l.push(String::from("a"));
        l.push(String::from("b"));
        assert_eq!(l.pop().as_deref(), Some("b"));
        drop(l);
    }

    #[test]
    fn layout_is_items_len_capacity() {
        assert_eq!(List::<u8>::OFFSET_OF_ITEMS, 0);
        assert_eq!(List::<u8>::OFFSET_OF_LEN, 8);
    }
}
