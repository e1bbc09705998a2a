//! The core's values: [`Value`], an unboxed `Copy` enum stored inline in frames, lists,
//! tuples and dicts (DESIGN decision 8), whose objects are [`GcAny`]s: the toolchain's
//! untyped handle to any GC object, whose class is the GC header's type id, with a
//! checked downcast.

use jitsupport::gc::{
    Gc, GcType, GcValue, TypeInfo, VarPart, ARRAY_ITEMS_OFFSET, ARRAY_LENGTH_OFFSET,
};

/// The untyped handle to any GC object (the toolchain's: its class is the header's
/// type id, checked by `is::<T>()` and `downcast::<T>()`).
pub use jitsupport::GcAny;

/// A Python value, unboxed: small ints and floats are not objects.
#[derive(Clone, Copy)]
#[repr(C, u64)]
pub enum Value {
    /// No value: an unbound local, the `NULL` of `LOAD_METHOD`, a deleted dict entry.
    Null,
    None,
    Bool(bool),
    /// An `int` that fits a machine word (larger ones are `W_Long` objects).
    Int(i64),
    Float(f64),
    Obj(GcAny),
}

static VALUE_ARRAY: TypeInfo = TypeInfo::array(
    "[Value]",
    ARRAY_ITEMS_OFFSET as u32,
    &[],
    &[],
    VarPart {
        length_offset: ARRAY_LENGTH_OFFSET as u32,
        items_offset: ARRAY_ITEMS_OFFSET as u32,
        item_size: 16,
        item_refs: &[],
        item_maybe_refs: &[8],
    },
);

// SAFETY: the payload word (after the 8-byte tag) may hold a reference.
unsafe impl GcValue for Value {
    const REFS: &'static [u32] = &[];
    const MAYBE_REFS: &'static [u32] = &[8];
    fn array_type_info() -> &'static TypeInfo {
        &VALUE_ARRAY
    }
}

impl Value {
    /// The value of a typed object handle.
    #[inline]
    pub fn obj<T: GcType>(g: Gc<T>) -> Value {
        Value::Obj(GcAny::of(g))
    }

    /// Whether this is the empty value.
    #[inline]
    pub fn is_null(self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is `None`.
    #[inline]
    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    /// The object handle, if the value is a `T`.
    #[inline]
    pub fn as_<T: GcType>(self) -> Option<Gc<T>> {
        match self {
            Value::Obj(o) => o.downcast::<T>(),
            _ => None,
        }
    }

    /// Identity (`is`): same object, or same unboxed value.
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a == b,
            _ => false,
        }
    }
}

/// Implements `GcType` for an object struct: the fields before `;` are reference words
/// (as `gc_type!` lists them), those after it are [`Value`]s (or `GcCell<Value>`s) whose
/// payload word may hold a reference. (`gc_type!` has no way to list the latter; this
/// belongs in the toolchain, derived by the `#[interpreter]` macro.)
#[macro_export]
macro_rules! py_type {
    ($ty:ident { $($field:ident),* ; $($vfield:ident),* }) => {
        // SAFETY: offsets from `offset_of!`; reference fields are one word each and a
        // Value's payload is its second word.
        unsafe impl jitsupport::gc::GcType for $ty {
            #[inline]
            fn type_info() -> &'static jitsupport::gc::TypeInfo {
                static INFO: jitsupport::gc::TypeInfo = jitsupport::gc::TypeInfo::fixed(
                    stringify!($ty),
                    jitsupport::gc::object_size_of::<$ty>(),
                    &[$((jitsupport::gc::HEADER_SIZE + ::core::mem::offset_of!($ty, $field)) as u32),*],
                    &[$((jitsupport::gc::HEADER_SIZE + ::core::mem::offset_of!($ty, $vfield) + 8) as u32),*],
                );
                #[allow(dead_code)]
                fn check(v: &$ty) {
                    let _ = v;
                    $(jitsupport::gc::assert_ref_word(&v.$field);)*
                }
                &INFO
            }
        }
    };
}
