//! The core's values: [`Value`], an unboxed `Copy` enum stored inline in frames, lists,
//! tuples and dicts (DESIGN decision 8), whose objects are [`GcAny`]s: the toolchain's
//! untyped handle to any GC object, whose class is the GC header's type id, with a
//! checked downcast.

use crate::interpreter::frame::{W_Frame, W_Generator};
use crate::objspace::dict::W_Dict;
use crate::objspace::function::{
    W_Builtin, W_Cell, W_ClassMethod, W_Code, W_Function, W_Method, W_Module, W_Property,
    W_StaticMethod, W_Super,
};
use crate::objspace::instance::W_Instance;
use crate::objspace::list::W_List;
use crate::objspace::misc::{W_ByteArray, W_Bytes, W_DictView, W_Iter, W_Long, W_Set, W_Slice};
use crate::objspace::range::W_Range;
use crate::objspace::set::W_SetTable;
use crate::objspace::str::W_Str;
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::W_Type;
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

    // The object of each class, if the value is one: monomorphic, one `downcast`
    // (a class guard in traces) each.

    /// The `W_Instance` object, if the value is one.
    #[inline]
    pub fn as_instance(self) -> Option<Gc<W_Instance>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Instance>(),
            _ => None,
        }
    }

    /// The `W_Tuple` object, if the value is one.
    #[inline]
    pub fn as_tuple(self) -> Option<Gc<W_Tuple>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Tuple>(),
            _ => None,
        }
    }

    /// The `W_List` object, if the value is one.
    #[inline]
    pub fn as_list(self) -> Option<Gc<W_List>> {
        match self {
            Value::Obj(o) => o.downcast::<W_List>(),
            _ => None,
        }
    }

    /// The `W_Type` object, if the value is one.
    #[inline]
    pub fn as_type(self) -> Option<Gc<W_Type>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Type>(),
            _ => None,
        }
    }

    /// The `W_Function` object, if the value is one.
    #[inline]
    pub fn as_function(self) -> Option<Gc<W_Function>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Function>(),
            _ => None,
        }
    }

    /// The `W_Dict` object, if the value is one.
    #[inline]
    pub fn as_dict(self) -> Option<Gc<W_Dict>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Dict>(),
            _ => None,
        }
    }

    /// The `W_Module` object, if the value is one.
    #[inline]
    pub fn as_module(self) -> Option<Gc<W_Module>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Module>(),
            _ => None,
        }
    }

    /// The `W_Set` object, if the value is one.
    #[inline]
    pub fn as_set(self) -> Option<Gc<W_Set>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Set>(),
            _ => None,
        }
    }

    /// The `W_Slice` object, if the value is one.
    #[inline]
    pub fn as_slice(self) -> Option<Gc<W_Slice>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Slice>(),
            _ => None,
        }
    }

    /// The `W_Generator` object, if the value is one.
    #[inline]
    pub fn as_generator(self) -> Option<Gc<W_Generator>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Generator>(),
            _ => None,
        }
    }

    /// The `W_Property` object, if the value is one.
    #[inline]
    pub fn as_property(self) -> Option<Gc<W_Property>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Property>(),
            _ => None,
        }
    }

    /// The `W_Cell` object, if the value is one.
    #[inline]
    pub fn as_cell(self) -> Option<Gc<W_Cell>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Cell>(),
            _ => None,
        }
    }

    /// The `W_Builtin` object, if the value is one.
    #[inline]
    pub fn as_builtin(self) -> Option<Gc<W_Builtin>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Builtin>(),
            _ => None,
        }
    }

    /// The `W_ByteArray` object, if the value is one.
    #[inline]
    pub fn as_bytearray(self) -> Option<Gc<W_ByteArray>> {
        match self {
            Value::Obj(o) => o.downcast::<W_ByteArray>(),
            _ => None,
        }
    }

    /// The `W_StaticMethod` object, if the value is one.
    #[inline]
    pub fn as_staticmethod(self) -> Option<Gc<W_StaticMethod>> {
        match self {
            Value::Obj(o) => o.downcast::<W_StaticMethod>(),
            _ => None,
        }
    }

    /// The `W_ClassMethod` object, if the value is one.
    #[inline]
    pub fn as_classmethod(self) -> Option<Gc<W_ClassMethod>> {
        match self {
            Value::Obj(o) => o.downcast::<W_ClassMethod>(),
            _ => None,
        }
    }

    /// The `W_Range` object, if the value is one.
    #[inline]
    pub fn as_range(self) -> Option<Gc<W_Range>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Range>(),
            _ => None,
        }
    }

    /// The `W_Str` object, if the value is one.
    #[inline]
    pub fn as_str_obj(self) -> Option<Gc<W_Str>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Str>(),
            _ => None,
        }
    }

    /// The `W_Iter` object, if the value is one.
    #[inline]
    pub fn as_iter(self) -> Option<Gc<W_Iter>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Iter>(),
            _ => None,
        }
    }

    /// The `W_Code` object, if the value is one.
    #[inline]
    pub fn as_code(self) -> Option<Gc<W_Code>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Code>(),
            _ => None,
        }
    }

    /// The `W_SetTable` object, if the value is one.
    #[inline]
    pub fn as_set_table(self) -> Option<Gc<W_SetTable>> {
        match self {
            Value::Obj(o) => o.downcast::<W_SetTable>(),
            _ => None,
        }
    }

    /// The `W_Frame` object, if the value is one.
    #[inline]
    pub fn as_frame(self) -> Option<Gc<W_Frame>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Frame>(),
            _ => None,
        }
    }

    /// The `W_Super` object, if the value is one.
    #[inline]
    pub fn as_super(self) -> Option<Gc<W_Super>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Super>(),
            _ => None,
        }
    }

    /// The `W_Method` object, if the value is one.
    #[inline]
    pub fn as_method(self) -> Option<Gc<W_Method>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Method>(),
            _ => None,
        }
    }

    /// The `W_Long` object, if the value is one.
    #[inline]
    pub fn as_long(self) -> Option<Gc<W_Long>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Long>(),
            _ => None,
        }
    }

    /// The `W_DictView` object, if the value is one.
    #[inline]
    pub fn as_dict_view(self) -> Option<Gc<W_DictView>> {
        match self {
            Value::Obj(o) => o.downcast::<W_DictView>(),
            _ => None,
        }
    }

    /// The `W_Bytes` object, if the value is one.
    #[inline]
    pub fn as_bytes(self) -> Option<Gc<W_Bytes>> {
        match self {
            Value::Obj(o) => o.downcast::<W_Bytes>(),
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
