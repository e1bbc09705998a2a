//! Type objects: the builtin types by [`Kind`] (one table), user classes, and the C3
//! method resolution order.

use super::dict::{new_dict, W_Dict};
use super::object::{GcAny, Value};
use super::space::method_cache;
use super::str::{new_str, W_Str};
use super::tuple::W_Tuple;
use crate::interpreter::PyResult;
use jitsupport::gc::{Gc, GcArray, GcCell};

/// The builtin types. A user class records the kind of its builtin base (the layout its
/// instances have). Written out (not made by a macro) so that the toolchain's analysis
/// sees the enum; [`KINDS`] gives each its Python name and builtin base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    Object,
    Type,
    NoneType,
    Int,
    Bool,
    Float,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Code,
    Cell,
    Module,
    Generator,
    Iterator,
    DictKeys,
    DictValues,
    DictItems,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    NotImplementedType,
    Ellipsis,
    Deque,
    DefaultDict,
    StringIO,
    Array,
    Random,
    BaseException,
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    Exception,
    StopIteration,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    AssertionError,
    AttributeError,
    LookupError,
    IndexError,
    KeyError,
    NameError,
    UnboundLocalError,
    RuntimeError,
    SystemError,
    ReferenceError,
    FloatingPointError,
    StopAsyncIteration,
    RecursionError,
    NotImplementedError,
    TypeError,
    ValueError,
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    ImportError,
    ModuleNotFoundError,
    OSError,
    FileNotFoundError,
    FileExistsError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
    TimeoutError,
    ConnectionError,
    BrokenPipeError,
    ConnectionResetError,
    ConnectionRefusedError,
    InterruptedError,
    ChildProcessError,
    ProcessLookupError,
    BlockingIOError,
    EOFError,
    MemoryError,
    BufferError,
    SyntaxError,
    IndentationError,
    Warning,
    UserWarning,
    RuntimeWarning,
    SyntaxWarning,
    FutureWarning,
    PendingDeprecationWarning,
    ImportWarning,
    UnicodeWarning,
    BytesWarning,
    ResourceWarning,
    DeprecationWarning,
}

/// Each kind's Python name and builtin base (`object` for itself), in the order of
/// [`Kind`] (checked at compile time).
pub const KINDS: &[(Kind, &str, Kind)] = &[
    (Kind::Object, "object", Kind::Object),
    (Kind::Type, "type", Kind::Object),
    (Kind::NoneType, "NoneType", Kind::Object),
    (Kind::Int, "int", Kind::Object),
    (Kind::Bool, "bool", Kind::Int),
    (Kind::Float, "float", Kind::Object),
    (Kind::Str, "str", Kind::Object),
    (Kind::Bytes, "bytes", Kind::Object),
    (Kind::ByteArray, "bytearray", Kind::Object),
    (Kind::List, "list", Kind::Object),
    (Kind::Tuple, "tuple", Kind::Object),
    (Kind::Dict, "dict", Kind::Object),
    (Kind::Set, "set", Kind::Object),
    (Kind::FrozenSet, "frozenset", Kind::Object),
    (Kind::Range, "range", Kind::Object),
    (Kind::Slice, "slice", Kind::Object),
    (Kind::Function, "function", Kind::Object),
    (
        Kind::BuiltinFunction,
        "builtin_function_or_method",
        Kind::Object,
    ),
    (Kind::Method, "method", Kind::Object),
    (Kind::Code, "code", Kind::Object),
    (Kind::Cell, "cell", Kind::Object),
    (Kind::Module, "module", Kind::Object),
    (Kind::Generator, "generator", Kind::Object),
    (Kind::Iterator, "iterator", Kind::Object),
    (Kind::DictKeys, "dict_keys", Kind::Object),
    (Kind::DictValues, "dict_values", Kind::Object),
    (Kind::DictItems, "dict_items", Kind::Object),
    (Kind::Property, "property", Kind::Object),
    (Kind::StaticMethod, "staticmethod", Kind::Object),
    (Kind::ClassMethod, "classmethod", Kind::Object),
    (Kind::Super, "super", Kind::Object),
    (Kind::NotImplementedType, "NotImplementedType", Kind::Object),
    (Kind::Ellipsis, "ellipsis", Kind::Object),
    (Kind::Deque, "deque", Kind::Object),
    (Kind::DefaultDict, "defaultdict", Kind::Dict),
    (Kind::StringIO, "StringIO", Kind::Object),
    (Kind::Array, "array", Kind::Object),
    (Kind::Random, "Random", Kind::Object),
    (Kind::BaseException, "BaseException", Kind::Object),
    (Kind::SystemExit, "SystemExit", Kind::BaseException),
    (
        Kind::KeyboardInterrupt,
        "KeyboardInterrupt",
        Kind::BaseException,
    ),
    (Kind::GeneratorExit, "GeneratorExit", Kind::BaseException),
    (Kind::Exception, "Exception", Kind::BaseException),
    (Kind::StopIteration, "StopIteration", Kind::Exception),
    (Kind::ArithmeticError, "ArithmeticError", Kind::Exception),
    (
        Kind::ZeroDivisionError,
        "ZeroDivisionError",
        Kind::ArithmeticError,
    ),
    (Kind::OverflowError, "OverflowError", Kind::ArithmeticError),
    (Kind::AssertionError, "AssertionError", Kind::Exception),
    (Kind::AttributeError, "AttributeError", Kind::Exception),
    (Kind::LookupError, "LookupError", Kind::Exception),
    (Kind::IndexError, "IndexError", Kind::LookupError),
    (Kind::KeyError, "KeyError", Kind::LookupError),
    (Kind::NameError, "NameError", Kind::Exception),
    (
        Kind::UnboundLocalError,
        "UnboundLocalError",
        Kind::NameError,
    ),
    (Kind::RuntimeError, "RuntimeError", Kind::Exception),
    (Kind::SystemError, "SystemError", Kind::Exception),
    (Kind::ReferenceError, "ReferenceError", Kind::Exception),
    (
        Kind::FloatingPointError,
        "FloatingPointError",
        Kind::ArithmeticError,
    ),
    (
        Kind::StopAsyncIteration,
        "StopAsyncIteration",
        Kind::Exception,
    ),
    (Kind::RecursionError, "RecursionError", Kind::RuntimeError),
    (
        Kind::NotImplementedError,
        "NotImplementedError",
        Kind::RuntimeError,
    ),
    (Kind::TypeError, "TypeError", Kind::Exception),
    (Kind::ValueError, "ValueError", Kind::Exception),
    (Kind::UnicodeError, "UnicodeError", Kind::ValueError),
    (
        Kind::UnicodeDecodeError,
        "UnicodeDecodeError",
        Kind::UnicodeError,
    ),
    (
        Kind::UnicodeEncodeError,
        "UnicodeEncodeError",
        Kind::UnicodeError,
    ),
    (Kind::ImportError, "ImportError", Kind::Exception),
    (
        Kind::ModuleNotFoundError,
        "ModuleNotFoundError",
        Kind::ImportError,
    ),
    (Kind::OSError, "OSError", Kind::Exception),
    (Kind::FileNotFoundError, "FileNotFoundError", Kind::OSError),
    (Kind::FileExistsError, "FileExistsError", Kind::OSError),
    (Kind::PermissionError, "PermissionError", Kind::OSError),
    (Kind::IsADirectoryError, "IsADirectoryError", Kind::OSError),
    (
        Kind::NotADirectoryError,
        "NotADirectoryError",
        Kind::OSError,
    ),
    (Kind::TimeoutError, "TimeoutError", Kind::OSError),
    (Kind::ConnectionError, "ConnectionError", Kind::OSError),
    (
        Kind::BrokenPipeError,
        "BrokenPipeError",
        Kind::ConnectionError,
    ),
    (
        Kind::ConnectionResetError,
        "ConnectionResetError",
        Kind::ConnectionError,
    ),
    (
        Kind::ConnectionRefusedError,
        "ConnectionRefusedError",
        Kind::ConnectionError,
    ),
    (Kind::InterruptedError, "InterruptedError", Kind::OSError),
    (Kind::ChildProcessError, "ChildProcessError", Kind::OSError),
    (
        Kind::ProcessLookupError,
        "ProcessLookupError",
        Kind::OSError,
    ),
    (Kind::BlockingIOError, "BlockingIOError", Kind::OSError),
    (Kind::EOFError, "EOFError", Kind::Exception),
    (Kind::MemoryError, "MemoryError", Kind::Exception),
    (Kind::BufferError, "BufferError", Kind::Exception),
    (Kind::SyntaxError, "SyntaxError", Kind::Exception),
    (
        Kind::IndentationError,
        "IndentationError",
        Kind::SyntaxError,
    ),
    (Kind::Warning, "Warning", Kind::Exception),
    (Kind::UserWarning, "UserWarning", Kind::Warning),
    (Kind::RuntimeWarning, "RuntimeWarning", Kind::Warning),
    (Kind::SyntaxWarning, "SyntaxWarning", Kind::Warning),
    (Kind::FutureWarning, "FutureWarning", Kind::Warning),
    (
        Kind::PendingDeprecationWarning,
        "PendingDeprecationWarning",
        Kind::Warning,
    ),
    (Kind::ImportWarning, "ImportWarning", Kind::Warning),
    (Kind::UnicodeWarning, "UnicodeWarning", Kind::Warning),
    (Kind::BytesWarning, "BytesWarning", Kind::Warning),
    (Kind::ResourceWarning, "ResourceWarning", Kind::Warning),
    (
        Kind::DeprecationWarning,
        "DeprecationWarning",
        Kind::Warning,
    ),
];

const _: () = {
    let mut i = 0;
    while i < KINDS.len() {
        assert!(
            KINDS[i].0 as usize == i,
            "KINDS is not in the order of Kind"
        );
        i += 1;
    }
};

impl Kind {
    /// Every kind, in order, as an array (built at compile time).
    const ALL_ARRAY: [Kind; KINDS.len()] = {
        let mut all = [Kind::Object; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].0;
            i += 1;
        }
        all
    };
    /// Every kind, in order: a reference to one static array, so that indexing it
    /// copies nothing.
    pub const ALL: &'static [Kind] = &Self::ALL_ARRAY;

    /// The type's Python name.
    pub fn name(self) -> &'static str {
        KINDS[self as usize].1
    }

    /// The builtin base of the type (`object` for itself).
    pub fn base(self) -> Kind {
        KINDS[self as usize].2
    }
}

pub struct W_Type {
    pub name: GcCell<Gc<W_Str>>,
    pub qualname: GcCell<Gc<W_Str>>,
    pub bases: GcCell<Gc<W_Tuple>>,
    /// The method resolution order, the type first.
    pub mro: GcCell<GcArray<GcAny>>,
    pub dict: Gc<W_Dict>,
    /// The builtin type whose layout instances have.
    pub kind: Kind,
    /// Whether this is a builtin type (not a class statement's).
    pub builtin: bool,
}
crate::py_type!(W_Type { name, qualname, bases, mro, dict ;  });

/// A new type object (its MRO must be computed afterwards).
pub fn new_type(name: &str, kind: Kind, builtin: bool, bases: Gc<W_Tuple>) -> Gc<W_Type> {
    let n = new_str(name);
    Gc::new(W_Type {
        name: GcCell::new(n),
        qualname: GcCell::new(n),
        bases: GcCell::new(bases),
        mro: GcCell::new(GcArray::new(0, GcAny::of(n))),
        dict: new_dict(),
        kind,
        builtin,
    })
}

impl W_Type {
    /// The type's name as Rust text.
    pub fn name_str<'a>(&self) -> &'a str {
        self.name.get().as_str()
    }
}

pub fn type_obj(o: GcAny) -> Gc<W_Type> {
    match o.downcast::<W_Type>() {
        Some(t) => t,
        None => unreachable_type(),
    }
}

#[cold]
fn unreachable_type() -> ! {
    panic!("a type's MRO holds a non-type: an interpreter bug")
}

/// Whether `t` is `other` or a subclass of it.
pub fn is_subtype(t: Gc<W_Type>, other: Gc<W_Type>) -> bool {
    if Gc::ptr_eq(t, other) {
        return true;
    }
    let mro = t.mro.get();
    let mut i = 0;
    while i < mro.len() {
        if mro.get(i) == GcAny::of(other) {
            return true;
        }
        i += 1;
    }
    false
}

/// Looks `name` up along the MRO of `t`, through the method cache (PyPy's method
/// cache; the whole cache is cleared when any type changes): one probe keyed by the
/// addresses of the type and the name, which hits for interned names.
pub fn lookup(t: Gc<W_Type>, name: Value) -> PyResult<Option<Value>> {
    let Value::Obj(n) = name else {
        return lookup_mro(t, name);
    };
    let cache = method_cache();
    let slot =
        ((GcAny::of(t).addr() >> 4) ^ (n.addr() >> 3)) & (super::space::METHOD_CACHE_SIZE - 1);
    let at = 3 * slot;
    if let (Value::Obj(ct), Value::Obj(cn)) = (cache.get(at), cache.get(at + 1)) {
        if ct == GcAny::of(t) && cn == n {
            let r = cache.get(at + 2);
            return Ok(if r.is_null() { None } else { Some(r) });
        }
    }
    let r = lookup_mro(t, name)?;
    cache.set(at, Value::obj(t));
    cache.set(at + 1, name);
    cache.set(at + 2, r.unwrap_or(Value::Null));
    Ok(r)
}

/// Looks `name` up along the MRO of `t`, in each type's dict.
fn lookup_mro(t: Gc<W_Type>, name: Value) -> PyResult<Option<Value>> {
    let mro = t.mro.get();
    let mut i = 0;
    while i < mro.len() {
        if let Some(v) = type_obj(mro.get(i)).dict.get(name)? {
            return Ok(Some(v));
        }
        i += 1;
    }
    Ok(None)
}
