//! The Rust surface of GC objects: [`Gc<T>`], [`GcCell<T>`], [`GcArray<T>`],
//! [`GcRoot<R>`], the traits that give a type its [`TypeInfo`], and the macros that
//! implement them.
//!
//! The handle types carry no bounds in their definitions, so that structs (generic ones
//! too) can hold them without repeating bounds; creating one needs `GcType` or
//! `GcValue`. A `Gc<T>` dereferences to `&T` only. A field that changes after construction is a
//! `GcCell<V>` whose `set` stores and runs the write barrier, so mutation through a
//! shared, copyable handle is sound and never skips the barrier. GC objects must not
//! need `Drop` (the collector frees memory without running code): `Gc::new` of such a
//! type is a compile error.
//!
//! ```compile_fail
//! struct Owner { name: String }
//! jitsupport_gc::gc_type!(Owner {});
//! let _ = jitsupport_gc::Gc::new(Owner { name: String::new() }); // needs Drop: refused
//! ```

use crate::layout::*;
use crate::OutOfMemory;
use std::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A type that can be the payload of a `Gc<T>`.
///
/// # Safety
/// `type_info()` describes an object of [`object_size_of::<Self>()`] bytes whose
/// payload, at [`HEADER_SIZE`], is a `Self`; it lists (offsets from the object start)
/// every word that holds a GC reference. [`gc_type!`](crate::gc_type) implements it.
pub unsafe trait GcType: Sized + 'static {
    /// The type's registered description.
    fn type_info() -> &'static TypeInfo;
}

/// A `Copy` value that may live in GC memory: in a [`GcCell`] or as a [`GcArray`] item.
///
/// # Safety
/// `REFS` lists the offsets within the value of every word that holds a GC reference
/// (null or an object start), `MAYBE_REFS` the words that may; `array_type_info()`
/// describes `GcArray<Self>`: length at [`ARRAY_LENGTH_OFFSET`], items of
/// `size_of::<Self>()` bytes at [`ARRAY_ITEMS_OFFSET`], with these offsets.
pub unsafe trait GcValue: Copy + 'static {
    /// Offsets of reference words within the value.
    const REFS: &'static [u32];
    /// Offsets of words that may hold a reference.
    const MAYBE_REFS: &'static [u32] = &[];
    /// The type of an array of such values.
    fn array_type_info() -> &'static TypeInfo;
}

/// A one-word handle to a GC object: `Gc<T>` and `GcArray<T>`.
///
/// # Safety
/// `to_word` gives the object's start and `from_word` accepts only such a word.
pub unsafe trait GcRef: Copy + 'static {
    /// The object's address.
    fn to_word(self) -> usize;
    /// The handle of the object at `word`.
    ///
    /// # Safety
    /// `word` is the start of a live object of the handle's type.
    unsafe fn from_word(word: usize) -> Self;
}

/// A field type that is one reference word: what [`gc_type!`](crate::gc_type) accepts in its list.
///
/// # Safety
/// Values of the type are one word, null or the start of an object.
pub unsafe trait RefWord {}

// SAFETY (all three): one word that is a handle, or null for `None`.
unsafe impl<R: GcRef> RefWord for R {}
unsafe impl<R: GcRef> RefWord for Option<R> {}
unsafe impl<V: GcValue + RefWord> RefWord for GcCell<V> {}

/// Checks at compile time that a field listed in [`gc_type!`](crate::gc_type) is a reference word.
pub fn assert_ref_word<W: RefWord>(_: &W) {}

/// Where an array's length (a `usize`) is.
pub const ARRAY_LENGTH_OFFSET: usize = HEADER_SIZE;
/// Where an array's item 0 is.
pub const ARRAY_ITEMS_OFFSET: usize = HEADER_SIZE + 8;

/// The identity hash of the object at `addr`: the address mixed. Objects never move,
/// so it is stable; a moving collector would keep it in a word appended to objects
/// with `FLAG_HASHED` when it moves them (the scheme of PyPy and Jikes RVM).
pub fn hash_address(addr: usize) -> u64 {
    let x = (addr as u64) >> 3;
    (x ^ (x >> 31)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

// ---- Gc<T> ----

/// A handle to a GC object holding a `T`: `Copy`, one word, never null
/// (`Option<Gc<T>>` is one word too). Neither `Send` nor `Sync`.
#[repr(transparent)]
pub struct Gc<T> {
    ptr: NonNull<u8>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Gc<T> {}

impl<T: GcType> Gc<T> {
    /// Refuses, at compile time, payloads that need `Drop` or more than 8-byte
    /// alignment (evaluated where `new` or `try_new` is instantiated).
    const PAYLOAD_OK: () = {
        assert!(
            !std::mem::needs_drop::<T>(),
            "a GC object must not need Drop: the collector frees it without running code; \
             hold owned Rust data (String, Vec, Box, jitsupport::List) outside the object \
             or as GC objects (growable storage: a GcArray with its length in a GcCell)"
        );
        assert!(
            std::mem::align_of::<T>() <= 8,
            "a GC object's payload must be aligned to at most 8 bytes"
        );
    };

    /// Allocates an object holding `value`. Out of memory calls the OOM handler
    /// (`set_oom_handler`), which by default prints a message and exits.
    #[inline]
    pub fn new(value: T) -> Gc<T> {
        let () = Self::PAYLOAD_OK;
        match Self::try_new(value) {
            Ok(g) => g,
            Err(e) => crate::out_of_memory(&e),
        }
    }

    /// Allocates an object holding `value`, or says that the heap is full.
    #[inline]
    pub fn try_new(value: T) -> Result<Gc<T>, OutOfMemory> {
        let () = Self::PAYLOAD_OK;
        let info = T::type_info();
        let size = object_size_of::<T>() as usize;
        debug_assert_eq!(
            info.size as usize, size,
            "the TypeInfo of `{}` has the wrong size",
            info.name
        );
        let p = crate::try_alloc(size, info.id().header())?;
        // SAFETY: `p` is a fresh object of the right size; its payload is written once.
        unsafe {
            std::ptr::write((p + HEADER_SIZE) as *mut T, value);
            Ok(Gc::from_raw(p))
        }
    }

    /// Whether two handles are the same object (the trace's `ptr_eq`).
    #[inline]
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The object's start (its header), as JIT code sees a reference.
    #[inline]
    pub fn as_ptr(self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// The handle of the object at `p`.
    ///
    /// # Safety
    /// `p` is the start of a live `T` object of this thread's heap.
    #[inline]
    pub unsafe fn from_ptr(p: *mut u8) -> Gc<T> {
        // SAFETY: the caller says `p` is an object start, so not null.
        unsafe { Gc::from_raw(p as usize) }
    }

    #[inline]
    unsafe fn from_raw(p: usize) -> Gc<T> {
        Gc {
            // SAFETY: heap addresses are not null.
            ptr: unsafe { NonNull::new_unchecked(p as *mut u8) },
            _marker: PhantomData,
        }
    }

    /// The object's identity hash, stable for its lifetime.
    pub fn identity_hash(self) -> u64 {
        identity_hash(self.ptr.as_ptr() as usize)
    }

    /// The type id of every `Gc<T>` (what `guard_class` compares with a header).
    pub fn type_id_of() -> TypeId {
        T::type_info().id()
    }

    /// The object's type id, from its header.
    pub fn type_id(self) -> TypeId {
        // SAFETY: the header of a live object.
        TypeId((unsafe { *(self.ptr.as_ptr() as *const u64) } >> TYPE_ID_SHIFT) as u32)
    }
}

fn identity_hash(obj: usize) -> u64 {
    // SAFETY: the header word of a live object; only flags change.
    unsafe { *(obj as *mut u64) |= FLAG_HASHED };
    hash_address(obj)
}

impl<T> std::ops::Deref for Gc<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: a live object's payload; only shared references are ever made and
        // mutation goes through `UnsafeCell`s (`GcCell`).
        unsafe { &*((self.ptr.as_ptr() as usize + HEADER_SIZE) as *const T) }
    }
}

impl<T: GcType> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Gc<{}>({:p})", T::type_info().name, self.ptr)
    }
}

// SAFETY: a `Gc` is its object's start.
unsafe impl<T: 'static> GcRef for Gc<T> {
    fn to_word(self) -> usize {
        self.ptr.as_ptr() as usize
    }
    unsafe fn from_word(word: usize) -> Self {
        Gc {
            // SAFETY: the caller's promise (an object start is not null).
            ptr: unsafe { NonNull::new_unchecked(word as *mut u8) },
            _marker: PhantomData,
        }
    }
}

/// The type of arrays of references (any `Gc`, `GcArray`, or `Option` of them).
static REF_ARRAY: TypeInfo = TypeInfo::array(
    "[ref]",
    ARRAY_ITEMS_OFFSET as u32,
    &[],
    &[],
    VarPart {
        length_offset: ARRAY_LENGTH_OFFSET as u32,
        items_offset: ARRAY_ITEMS_OFFSET as u32,
        item_size: 8,
        item_refs: &[0],
        item_maybe_refs: &[],
    },
);

/// The collector's type of arrays of one-word references (for `GcValue` impls of
/// other handle types, such as `GcStr`).
pub(crate) fn ref_array_type() -> &'static TypeInfo {
    &REF_ARRAY
}

// SAFETY (four impls): one reference word at offset 0; `REF_ARRAY` describes them.
unsafe impl<T: 'static> GcValue for Gc<T> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &REF_ARRAY
    }
}
unsafe impl<T: 'static> GcValue for Option<Gc<T>> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &REF_ARRAY
    }
}
unsafe impl<T: GcValue> GcValue for GcArray<T> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &REF_ARRAY
    }
}
unsafe impl<T: GcValue> GcValue for Option<GcArray<T>> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &REF_ARRAY
    }
}

macro_rules! plain_values {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        // SAFETY: no references; the array type matches the layout of `GcArray`.
        unsafe impl GcValue for $t {
            const REFS: &'static [u32] = &[];
            fn array_type_info() -> &'static TypeInfo {
                static INFO: TypeInfo = TypeInfo::array(
                    $name,
                    ARRAY_ITEMS_OFFSET as u32,
                    &[],
                    &[],
                    VarPart {
                        length_offset: ARRAY_LENGTH_OFFSET as u32,
                        items_offset: ARRAY_ITEMS_OFFSET as u32,
                        item_size: std::mem::size_of::<$t>() as u32,
                        item_refs: &[],
                        item_maybe_refs: &[],
                    },
                );
                &INFO
            }
        }
    )*};
}

plain_values! {
    u8 => "[u8]", i8 => "[i8]", u16 => "[u16]", i16 => "[i16]", u32 => "[u32]",
    i32 => "[i32]", u64 => "[u64]", i64 => "[i64]", usize => "[usize]", isize => "[isize]",
    f32 => "[f32]", f64 => "[f64]", bool => "[bool]", char => "[char]",
}

// ---- GcCell<V> ----

/// A mutable field of a GC object (or of anything): `get` copies the value out, `set`
/// stores a new one and runs the write barrier for its references. Not `Sync`.
#[repr(transparent)]
pub struct GcCell<V> {
    value: UnsafeCell<V>,
}

impl<V: GcValue> GcCell<V> {
    /// A cell holding `value`.
    pub const fn new(value: V) -> GcCell<V> {
        GcCell {
            value: UnsafeCell::new(value),
        }
    }

    /// The value.
    #[inline]
    pub fn get(&self) -> V {
        // SAFETY: no reference into the cell is ever handed out.
        unsafe { *self.value.get() }
    }

    /// Stores `value`, then runs the write barrier for each of its reference words.
    #[inline]
    pub fn set(&self, value: V) {
        let p = self.value.get();
        // SAFETY: as in `get`; the cell is not shared across threads.
        unsafe { *p = value };
        if !V::REFS.is_empty() || !V::MAYBE_REFS.is_empty() {
            for &off in V::REFS.iter().chain(V::MAYBE_REFS) {
                write_barrier(p as usize + off as usize);
            }
        }
    }
}

impl<V: GcValue + fmt::Debug> fmt::Debug for GcCell<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("GcCell").field(&self.get()).finish()
    }
}

/// The write barrier for a reference (or a word that may be one) just stored at
/// `addr`: nothing unless `addr` is on a line of old objects not yet remembered.
/// `GcCell::set` and `GcArray::set` run it; runtime code that stores into objects
/// through raw pointers (the blackhole's `setfield_gc`) calls it. Addresses outside
/// the heap are ignored.
#[inline]
pub fn write_barrier(addr: usize) {
    let h = crate::CURRENT.with(|c| c.get());
    if h.is_null() {
        return;
    }
    // SAFETY: the thread's heap; the line table covers the committed blocks, which hold
    // every address below `hw` blocks from the base.
    unsafe {
        let off = addr.wrapping_sub((*h).base);
        if off < (*h).hw << crate::layout::LOG_BLOCK
            && *(*h).lines_base.add(off >> crate::layout::LOG_LINE) == crate::heap::L_OLD
        {
            (*h).remember(addr);
        }
    }
}

// ---- GcArray<V> ----

/// A handle to a GC array of `V` items (`Copy`, one word, never null). Items are read
/// and written by value; writes run the barrier. Layout: header, length (`usize`) at
/// [`ARRAY_LENGTH_OFFSET`], items at [`ARRAY_ITEMS_OFFSET`].
#[repr(transparent)]
pub struct GcArray<V> {
    ptr: NonNull<u8>,
    _marker: PhantomData<*const V>,
}

impl<V> Clone for GcArray<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for GcArray<V> {}

impl<V: GcValue> GcArray<V> {
    /// An array of `len` copies of `fill`. Out of memory calls the OOM handler.
    pub fn new(len: usize, fill: V) -> GcArray<V> {
        match Self::try_new(len, fill) {
            Ok(a) => a,
            Err(e) => crate::out_of_memory(&e),
        }
    }

    /// An array of `len` copies of `fill`, or an error when the heap is full.
    pub fn try_new(len: usize, fill: V) -> Result<GcArray<V>, OutOfMemory> {
        let a = Self::alloc(len)?;
        for i in 0..len {
            // SAFETY: a fresh (young) array: no barrier needed.
            unsafe { std::ptr::write(a.item_ptr(i), fill) };
        }
        Ok(a)
    }

    /// An array holding a copy of `items`.
    pub fn from_slice(items: &[V]) -> GcArray<V> {
        let a = match Self::alloc(items.len()) {
            Ok(a) => a,
            Err(e) => crate::out_of_memory(&e),
        };
        for (i, &v) in items.iter().enumerate() {
            // SAFETY: as in `try_new`.
            unsafe { std::ptr::write(a.item_ptr(i), v) };
        }
        a
    }

    fn alloc(len: usize) -> Result<GcArray<V>, OutOfMemory> {
        const {
            assert!(std::mem::align_of::<V>() <= 8 && std::mem::size_of::<V>() > 0);
        }
        let info = V::array_type_info();
        let size = array_size(ARRAY_ITEMS_OFFSET, std::mem::size_of::<V>(), len);
        if size == usize::MAX {
            return Err(crate::with_heap(|h| h.oom(size)));
        }
        let p = crate::try_alloc(size, info.id().header())?;
        // SAFETY: a fresh array object; its length is written before anything else
        // can allocate.
        unsafe {
            *((p + ARRAY_LENGTH_OFFSET) as *mut usize) = len;
            Ok(GcArray {
                ptr: NonNull::new_unchecked(p as *mut u8),
                _marker: PhantomData,
            })
        }
    }

    #[inline]
    fn item_ptr(self, i: usize) -> *mut V {
        (self.ptr.as_ptr() as usize + ARRAY_ITEMS_OFFSET + i * std::mem::size_of::<V>()) as *mut V
    }

    /// The number of items.
    #[inline]
    pub fn len(self) -> usize {
        // SAFETY: the length word of a live array.
        unsafe { *((self.ptr.as_ptr() as usize + ARRAY_LENGTH_OFFSET) as *const usize) }
    }

    /// Whether the array has no items.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Item `i`.
    ///
    /// # Panics
    /// When `i >= len()`, as slice indexing does.
    #[inline]
    pub fn get(self, i: usize) -> V {
        let len = self.len();
        assert!(i < len, "GcArray index {i} out of bounds (length {len})");
        // SAFETY: in bounds; items are only ever accessed by value.
        unsafe { std::ptr::read(self.item_ptr(i)) }
    }

    /// Stores item `i`, with the write barrier.
    ///
    /// # Panics
    /// When `i >= len()`.
    #[inline]
    pub fn set(self, i: usize, value: V) {
        let len = self.len();
        assert!(i < len, "GcArray index {i} out of bounds (length {len})");
        let p = self.item_ptr(i);
        // SAFETY: as in `get`.
        unsafe { std::ptr::write(p, value) };
        for &off in V::REFS.iter().chain(V::MAYBE_REFS) {
            write_barrier(p as usize + off as usize);
        }
    }

    /// The items, copied into a `Vec`.
    pub fn to_vec(self) -> Vec<V> {
        self.iter().collect()
    }

    /// The items by value, in order (each read when the iterator reaches it).
    pub fn iter(self) -> impl Iterator<Item = V> {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Whether two handles are the same array.
    #[inline]
    pub fn ptr_eq(a: GcArray<V>, b: GcArray<V>) -> bool {
        a.ptr == b.ptr
    }

    /// The array's start (its header).
    #[inline]
    pub fn as_ptr(self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// The array's identity hash.
    pub fn identity_hash(self) -> u64 {
        identity_hash(self.ptr.as_ptr() as usize)
    }
}

impl<V: GcValue> fmt::Debug for GcArray<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "GcArray<{}>({:p}, len {})",
            V::array_type_info().name,
            self.ptr,
            self.len()
        )
    }
}

// SAFETY: a `GcArray` is its object's start.
unsafe impl<V: GcValue> GcRef for GcArray<V> {
    fn to_word(self) -> usize {
        self.ptr.as_ptr() as usize
    }
    unsafe fn from_word(word: usize) -> Self {
        GcArray {
            // SAFETY: the caller's promise.
            ptr: unsafe { NonNull::new_unchecked(word as *mut u8) },
            _marker: PhantomData,
        }
    }
}

// ---- GcRoot<R> ----

/// A reference held in Rust memory (a `Vec`, a `Box`, a struct of the runtime) that
/// keeps its object alive: a slot of the heap's root table. Not `Send`.
pub struct GcRoot<R: GcRef> {
    slot: u32,
    _marker: PhantomData<*const R>,
}

impl<R: GcRef> GcRoot<R> {
    /// A root holding `r`.
    pub fn new(r: R) -> GcRoot<R> {
        let slot = crate::with_heap(|h| {
            let roots = &mut h.roots;
            match roots.free_slots.pop() {
                Some(s) => {
                    roots.slots[s as usize] = r.to_word();
                    s
                }
                None => {
                    roots.slots.push(r.to_word());
                    (roots.slots.len() - 1) as u32
                }
            }
        });
        GcRoot {
            slot,
            _marker: PhantomData,
        }
    }

    /// The reference.
    pub fn get(&self) -> R {
        // SAFETY: the slot holds a live object of type `R` (it is a root).
        crate::with_heap(|h| unsafe { R::from_word(h.roots.slots[self.slot as usize]) })
    }

    /// Replaces the reference.
    pub fn set(&self, r: R) {
        crate::with_heap(|h| h.roots.slots[self.slot as usize] = r.to_word())
    }
}

impl<R: GcRef> Drop for GcRoot<R> {
    fn drop(&mut self) {
        let h = crate::CURRENT.with(|c| c.get());
        if !h.is_null() {
            // SAFETY: the thread's live heap.
            let roots = unsafe { &mut (*h).roots };
            roots.slots[self.slot as usize] = 0;
            roots.free_slots.push(self.slot);
        }
    }
}

// ---- Macros ----

/// Implements [`GcType`] for a struct, listing the fields that hold references (each
/// one word: `Gc`, `GcArray`, an `Option` of one, or a `GcCell` of those; nested
/// fields as `inner.field`). The field types are checked; that no reference field is
/// missing from the list is the caller's promise (the `#[interpreter]` macro will
/// derive the list).
///
/// ```
/// use jitsupport_gc::{gc_type, Gc, GcCell};
/// struct Node { left: Option<Gc<Node>>, right: GcCell<Option<Gc<Node>>>, value: i64 }
/// gc_type!(Node { left, right });
/// let leaf = Gc::new(Node { left: None, right: GcCell::new(None), value: 1 });
/// let root = Gc::new(Node { left: Some(leaf), right: GcCell::new(None), value: 2 });
/// root.right.set(Some(leaf));
/// assert_eq!(root.left.unwrap().value + root.value, 3);
/// ```
#[macro_export]
macro_rules! gc_type {
    ($ty:ident { $($($field:ident).+),* $(,)? }) => {
        // SAFETY: the offsets come from `offset_of!` and each field's type is checked
        // to be one reference word.
        unsafe impl $crate::GcType for $ty {
            #[inline]
            fn type_info() -> &'static $crate::TypeInfo {
                static INFO: $crate::TypeInfo = $crate::TypeInfo::fixed(
                    stringify!($ty),
                    $crate::object_size_of::<$ty>(),
                    &[$(($crate::HEADER_SIZE + ::core::mem::offset_of!($ty, $($field).+)) as u32),*],
                    &[],
                );
                #[allow(dead_code)]
                fn check(v: &$ty) {
                    $($crate::assert_ref_word(&v.$($field).+);)*
                }
                &INFO
            }
        }
    };
}

/// Implements [`GcValue`] for a `Copy` struct, listing its reference fields as
/// [`gc_type!`](crate::gc_type) does, so that it can be a [`GcArray`] item or the value of a [`GcCell`].
///
/// ```
/// use jitsupport_gc::{gc_type, gc_value, Gc, GcArray};
/// struct Leaf { n: i64 }
/// gc_type!(Leaf {});
/// #[derive(Clone, Copy)]
/// struct Entry { key: i64, value: Option<Gc<Leaf>> }
/// gc_value!(Entry { value });
/// let table = GcArray::new(4, Entry { key: 0, value: None });
/// table.set(2, Entry { key: 7, value: Some(Gc::new(Leaf { n: 8 })) });
/// assert_eq!(table.get(2).value.unwrap().n, 8);
/// ```
#[macro_export]
macro_rules! gc_value {
    ($ty:ident { $($($field:ident).+),* $(,)? }) => {
        // SAFETY: as in `gc_type!`; the array type follows `GcArray`'s layout.
        unsafe impl $crate::GcValue for $ty {
            const REFS: &'static [u32] = &[$(::core::mem::offset_of!($ty, $($field).+) as u32),*];
            #[inline]
            fn array_type_info() -> &'static $crate::TypeInfo {
                static INFO: $crate::TypeInfo = $crate::TypeInfo::array(
                    concat!("[", stringify!($ty), "]"),
                    $crate::ARRAY_ITEMS_OFFSET as u32,
                    &[],
                    &[],
                    $crate::VarPart {
                        length_offset: $crate::ARRAY_LENGTH_OFFSET as u32,
                        items_offset: $crate::ARRAY_ITEMS_OFFSET as u32,
                        item_size: ::core::mem::size_of::<$ty>() as u32,
                        item_refs: <$ty as $crate::GcValue>::REFS,
                        item_maybe_refs: &[],
                    },
                );
                #[allow(dead_code)]
                fn check(v: &$ty) {
                    $($crate::assert_ref_word(&v.$($field).+);)*
                }
                &INFO
            }
        }
    };
}
