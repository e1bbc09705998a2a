//! Type objects: the builtin types by [`Kind`] (one table), user classes, and the C3
//! method resolution order.

use super::dict::{new_dict, W_Dict};
use super::object::{GcAny, Value};
use super::str::{new_str, W_Str};
use super::tuple::W_Tuple;
use crate::interpreter::PyResult;
use jitsupport::gc::{Gc, GcArray, GcCell};

macro_rules! kinds {
    ($($kind:ident = $name:literal, $base:ident;)*) => {
        /// The builtin types. A user class records the kind of its builtin base (the
        /// layout its instances have).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        pub enum Kind { $($kind,)* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),*];
            /// The type's Python name.
            pub fn name(self) -> &'static str {
                match self { $(Kind::$kind => $name,)* }
            }
            /// The builtin base of the type (`object` for itself).
            pub fn base(self) -> Kind {
                match self { $(Kind::$kind => Kind::$base,)* }
            }
        }
    };
}

kinds! {
    Object = "object", Object;
    Type = "type", Object;
    NoneType = "NoneType", Object;
    Int = "int", Object;
    Bool = "bool", Int;
    Float = "float", Object;
    Str = "str", Object;
    Bytes = "bytes", Object;
    ByteArray = "bytearray", Object;
    List = "list", Object;
    Tuple = "tuple", Object;
    Dict = "dict", Object;
    Set = "set", Object;
    FrozenSet = "frozenset", Object;
    Range = "range", Object;
    Slice = "slice", Object;
    Function = "function", Object;
    BuiltinFunction = "builtin_function_or_method", Object;
    Method = "method", Object;
    Code = "code", Object;
    Cell = "cell", Object;
    Module = "module", Object;
    Generator = "generator", Object;
    Iterator = "iterator", Object;
    DictKeys = "dict_keys", Object;
    DictValues = "dict_values", Object;
    DictItems = "dict_items", Object;
    Property = "property", Object;
    StaticMethod = "staticmethod", Object;
    ClassMethod = "classmethod", Object;
    Super = "super", Object;
    NotImplementedType = "NotImplementedType", Object;
    Ellipsis = "ellipsis", Object;
    Deque = "deque", Object;
    DefaultDict = "defaultdict", Dict;
    StringIO = "StringIO", Object;
    Array = "array", Object;
    Random = "Random", Object;
    BaseException = "BaseException", Object;
    SystemExit = "SystemExit", BaseException;
    KeyboardInterrupt = "KeyboardInterrupt", BaseException;
    GeneratorExit = "GeneratorExit", BaseException;
    Exception = "Exception", BaseException;
    StopIteration = "StopIteration", Exception;
    ArithmeticError = "ArithmeticError", Exception;
    ZeroDivisionError = "ZeroDivisionError", ArithmeticError;
    OverflowError = "OverflowError", ArithmeticError;
    AssertionError = "AssertionError", Exception;
    AttributeError = "AttributeError", Exception;
    LookupError = "LookupError", Exception;
    IndexError = "IndexError", LookupError;
    KeyError = "KeyError", LookupError;
    NameError = "NameError", Exception;
    UnboundLocalError = "UnboundLocalError", NameError;
    RuntimeError = "RuntimeError", Exception;
    SystemError = "SystemError", Exception;
    ReferenceError = "ReferenceError", Exception;
    FloatingPointError = "FloatingPointError", ArithmeticError;
    StopAsyncIteration = "StopAsyncIteration", Exception;
    RecursionError = "RecursionError", RuntimeError;
    NotImplementedError = "NotImplementedError", RuntimeError;
    TypeError = "TypeError", Exception;
    ValueError = "ValueError", Exception;
    UnicodeError = "UnicodeError", ValueError;
    UnicodeDecodeError = "UnicodeDecodeError", UnicodeError;
    UnicodeEncodeError = "UnicodeEncodeError", UnicodeError;
    ImportError = "ImportError", Exception;
    ModuleNotFoundError = "ModuleNotFoundError", ImportError;
    OSError = "OSError", Exception;
    FileNotFoundError = "FileNotFoundError", OSError;
    FileExistsError = "FileExistsError", OSError;
    PermissionError = "PermissionError", OSError;
    IsADirectoryError = "IsADirectoryError", OSError;
    NotADirectoryError = "NotADirectoryError", OSError;
    TimeoutError = "TimeoutError", OSError;
    ConnectionError = "ConnectionError", OSError;
    BrokenPipeError = "BrokenPipeError", ConnectionError;
    ConnectionResetError = "ConnectionResetError", ConnectionError;
    ConnectionRefusedError = "ConnectionRefusedError", ConnectionError;
    InterruptedError = "InterruptedError", OSError;
    ChildProcessError = "ChildProcessError", OSError;
    ProcessLookupError = "ProcessLookupError", OSError;
    BlockingIOError = "BlockingIOError", OSError;
    EOFError = "EOFError", Exception;
    MemoryError = "MemoryError", Exception;
    BufferError = "BufferError", Exception;
    SyntaxError = "SyntaxError", Exception;
    IndentationError = "IndentationError", SyntaxError;
    Warning = "Warning", Exception;
    UserWarning = "UserWarning", Warning;
    RuntimeWarning = "RuntimeWarning", Warning;
    SyntaxWarning = "SyntaxWarning", Warning;
    FutureWarning = "FutureWarning", Warning;
    PendingDeprecationWarning = "PendingDeprecationWarning", Warning;
    ImportWarning = "ImportWarning", Warning;
    UnicodeWarning = "UnicodeWarning", Warning;
    BytesWarning = "BytesWarning", Warning;
    ResourceWarning = "ResourceWarning", Warning;
    DeprecationWarning = "DeprecationWarning", Warning;
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

fn ty(o: GcAny) -> Gc<W_Type> {
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
    let cache = super::space::method_cache();
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
        if let Some(v) = ty(mro.get(i)).dict.get(name)? {
            return Ok(Some(v));
        }
        i += 1;
    }
    Ok(None)
}

/// Computes and stores the C3 linearisation of `t`'s bases; an error message when
/// the bases have no consistent order.
pub fn compute_mro(t: Gc<W_Type>, object: Gc<W_Type>) -> Result<(), String> {
    // The MROs of the bases, and the bases themselves, as lists to merge (the
    // algorithm runs outside the core, on Rust vectors of addresses: the types stay
    // alive through `t`'s bases tuple).
    let bases = t.bases.get();
    let mut seqs: Vec<Vec<GcAny>> = Vec::new();
    let mut i = 0;
    while i < bases.len() {
        if let Value::Obj(b) = bases.get(i) {
            seqs.push(ty(b).mro.get().to_vec());
        }
        i += 1;
    }
    let mut direct = Vec::new();
    i = 0;
    while i < bases.len() {
        if let Value::Obj(b) = bases.get(i) {
            direct.push(b);
        }
        i += 1;
    }
    if direct.is_empty() && !Gc::ptr_eq(t, object) {
        seqs.push(vec![GcAny::of(object)]);
    }
    seqs.push(direct);
    let mut out = vec![GcAny::of(t)];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            break;
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        let Some(c) = found else {
            let mut names: Vec<&str> = Vec::new();
            for s in &seqs {
                let n = ty(s[0]).name_str();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
    t.mro.set(GcArray::from_slice(&out));
    super::space::invalidate_method_cache();
    Ok(())
}
