//! [`GcAny`]: an untyped handle to a GC object whose class is its header's type id, the
//! toolchain's form of a dynamic language's object reference (RPython's instance
//! pointer of a root class).
//!
//! `is::<T>()` and `downcast::<T>()` compare the object's type id with `T`'s; in an
//! interpreter core they become `gc_class_is` and `gc_downcast` in jitcode, which the
//! tracer records as one `guard_class` on the object's actual class, after which every
//! check of that object's class is a constant: dispatch by class (a chain of
//! `if let Some(x) = obj.downcast::<A>()`) runs only the taken branch in a trace.
//!
//! ```
//! use jitsupport_gc::{gc_type, Gc, GcAny};
//! struct Int { value: i64 }
//! gc_type!(Int {});
//! struct Pair { left: GcAny, right: GcAny }
//! gc_type!(Pair { left, right });
//! let one = GcAny::of(Gc::new(Int { value: 1 }));
//! let pair = GcAny::of(Gc::new(Pair { left: one, right: one }));
//! assert!(one.is::<Int>() && !one.is::<Pair>());
//! let p = pair.downcast::<Pair>().unwrap();
//! assert_eq!(p.left.downcast::<Int>().unwrap().value, 1);
//! assert!(GcAny::ptr_eq(p.left, p.right));
//! ```

use crate::{
    Gc, GcRef, GcType, GcValue, TypeId, TypeInfo, VarPart, ARRAY_ITEMS_OFFSET, ARRAY_LENGTH_OFFSET,
    TYPE_ID_SHIFT,
};
use std::fmt;
use std::ptr::NonNull;

/// A one-word handle to a GC object of any type (never null; `Option<GcAny>` is one
/// word too). `Copy`, neither `Send` nor `Sync`. `==` is identity (native code only: in
/// an interpreter core, compare with [`GcAny::ptr_eq`]).
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct GcAny(NonNull<u8>);

impl GcAny {
    /// The untyped handle of `g`.
    #[inline]
    pub fn of<T: GcType>(g: Gc<T>) -> GcAny {
        // SAFETY: a `Gc`'s pointer is its object's start, never null.
        GcAny(unsafe { NonNull::new_unchecked(g.as_ptr()) })
    }

    /// The object's class: the type id in its header.
    #[inline]
    pub fn class(self) -> TypeId {
        // SAFETY: the header word of a live object.
        TypeId((unsafe { *(self.0.as_ptr() as *const u64) } >> TYPE_ID_SHIFT) as u32)
    }

    /// Whether the object is a `T`: of class `T` or of a subclass of it (a struct that
    /// the interpreter module declares `#[extends(T)]`, directly or not).
    #[inline]
    pub fn is<T: GcType>(self) -> bool {
        crate::is_subclass(self.class(), T::type_info())
    }

    /// The same as [`GcAny::is`], in RPython's words.
    #[inline]
    pub fn is_instance_of<T: GcType>(self) -> bool {
        self.is::<T>()
    }

    /// The object as a `Gc<T>`, if it is a `T` (or of a subclass of `T`, whose layout
    /// starts with a `T`).
    #[inline]
    pub fn downcast<T: GcType>(self) -> Option<Gc<T>> {
        if self.is::<T>() {
            // SAFETY: the object's type id is `T`'s, so it holds a `T`.
            Some(unsafe { Gc::from_ptr(self.0.as_ptr()) })
        } else {
            None
        }
    }

    /// Whether two handles are the same object.
    #[inline]
    pub fn ptr_eq(a: GcAny, b: GcAny) -> bool {
        a.0 == b.0
    }

    /// The object's address: its identity while it lives (the collector never moves
    /// objects), as a language's `id()` gives it.
    #[inline]
    pub fn addr(self) -> usize {
        self.0.as_ptr() as usize
    }

    /// The object's start, as JIT code sees a reference.
    #[inline]
    pub fn as_ptr(self) -> *mut u8 {
        self.0.as_ptr()
    }

    /// The handle of the object at `p`.
    ///
    /// # Safety
    /// `p` is the start of a live object of this thread's heap.
    #[inline]
    pub unsafe fn from_ptr(p: *mut u8) -> GcAny {
        // SAFETY: the caller's promise: an object start is not null.
        GcAny(unsafe { NonNull::new_unchecked(p) })
    }
}

impl fmt::Debug for GcAny {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GcAny(class {}, {:p})", self.class().0, self.0)
    }
}

// SAFETY: a `GcAny` is its object's start.
unsafe impl GcRef for GcAny {
    fn to_word(self) -> usize {
        self.0.as_ptr() as usize
    }
    unsafe fn from_word(word: usize) -> Self {
        // SAFETY: the caller's promise.
        GcAny(unsafe { NonNull::new_unchecked(word as *mut u8) })
    }
}

/// The type of arrays of `GcAny` (or `Option<GcAny>`): one reference word per item.
static ANY_ARRAY: TypeInfo = TypeInfo::array(
    "[GcAny]",
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

// SAFETY (both): one reference word at offset 0; `ANY_ARRAY` describes the arrays.
unsafe impl GcValue for GcAny {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &ANY_ARRAY
    }
}
unsafe impl GcValue for Option<GcAny> {
    const REFS: &'static [u32] = &[0];
    fn array_type_info() -> &'static TypeInfo {
        &ANY_ARRAY
    }
}
