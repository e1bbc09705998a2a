//! The types of the analysable subset ("RRust") as the annotator sees them.
//!
//! A [`Type`] is what a flowgraph variable holds after annotation. It is still a
//! high-level type (structs, enums, references, `Option`, tuples); the rtyper maps it
//! to a low-level representation of kind int, ref or float.

use std::fmt;

/// The width and signedness of an integer type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntTy {
    I8,
    I16,
    I32,
    I64,
    Isize,
    U8,
    U16,
    U32,
    U64,
    Usize,
}

impl IntTy {
    /// All integer types, in the order they print.
    pub const ALL: [IntTy; 10] = [
        IntTy::I8,
        IntTy::I16,
        IntTy::I32,
        IntTy::I64,
        IntTy::Isize,
        IntTy::U8,
        IntTy::U16,
        IntTy::U32,
        IntTy::U64,
        IntTy::Usize,
    ];

    /// The Rust spelling, `i8` ... `usize`.
    pub fn name(self) -> &'static str {
        match self {
            IntTy::I8 => "i8",
            IntTy::I16 => "i16",
            IntTy::I32 => "i32",
            IntTy::I64 => "i64",
            IntTy::Isize => "isize",
            IntTy::U8 => "u8",
            IntTy::U16 => "u16",
            IntTy::U32 => "u32",
            IntTy::U64 => "u64",
            IntTy::Usize => "usize",
        }
    }

    /// Parses a Rust integer type name.
    pub fn from_name(name: &str) -> Option<IntTy> {
        IntTy::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn is_signed(self) -> bool {
        matches!(
            self,
            IntTy::I8 | IntTy::I16 | IntTy::I32 | IntTy::I64 | IntTy::Isize
        )
    }

    /// Size in bytes on the only supported target, x86-64.
    pub fn bytes(self) -> u32 {
        match self {
            IntTy::I8 | IntTy::U8 => 1,
            IntTy::I16 | IntTy::U16 => 2,
            IntTy::I32 | IntTy::U32 => 4,
            IntTy::I64 | IntTy::U64 | IntTy::Isize | IntTy::Usize => 8,
        }
    }

    pub fn bits(self) -> u32 {
        self.bytes() * 8
    }

    /// Smallest value, as an `i128`.
    pub fn min(self) -> i128 {
        if self.is_signed() {
            -(1i128 << (self.bits() - 1))
        } else {
            0
        }
    }

    /// Largest value, as an `i128`.
    pub fn max(self) -> i128 {
        if self.is_signed() {
            (1i128 << (self.bits() - 1)) - 1
        } else {
            (1i128 << self.bits()) - 1
        }
    }
}

impl fmt::Display for IntTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The type of a flowgraph variable or constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Int(IntTy),
    Bool,
    Char,
    F64,
    /// `()`.
    Unit,
    /// `!`: the type of expressions that never produce a value (`panic!`, `return`).
    Never,
    /// `&str`: a borrowed string (its first byte's address and its length).
    Str,
    /// `&[u8]`: borrowed bytes (as a `&str`: the first byte's address and the length).
    Bytes,
    /// A struct defined in the interpreter module, by name.
    Struct(String),
    /// An enum defined in the interpreter module, by name.
    Enum(String),
    /// `&T` or `&mut T`.
    Ref {
        mutable: bool,
        to: Box<Type>,
    },
    /// `Option<T>`.
    Option(Box<Type>),
    /// `Result<T, E>`: interpreter-level errors (RPython's exceptions). Held as a tag
    /// (1 for `Ok`) and the leaves of both payloads; `?` returns the `Err` early.
    Result(Box<Type>, Box<Type>),
    /// `(A, B, ...)` with at least two elements.
    Tuple(Vec<Type>),
    /// `jitsupport::List<T>`: the toolchain's resizable list with a known layout.
    List(Box<Type>),
    /// `[T; N]`.
    Array(Box<Type>, u64),
    /// `jitsupport::Gc<S>`: a one-word handle to a struct `S` of the module on the GC
    /// heap (a ref to the object's start, its header; the payload follows the header).
    Gc(Box<Type>),
    /// `jitsupport::GcCell<V>`: a mutable field of a GC object (`get`, `set` with the
    /// write barrier); held inline, read through a pointer to it.
    GcCell(Box<Type>),
    /// `jitsupport::GcAny`: a handle to a GC object of any class (its header's type id):
    /// `is::<T>()`, `downcast::<T>()`, `GcAny::of(g)`.
    GcAny,
    /// `jitsupport::GcArray<V>`: a GC array of `V` items (`get`, `set`, `len`), its
    /// length fixed at allocation (`GcArray::new(len, fill)`, a residual call).
    GcArray(Box<Type>),
    /// `jitsupport::GcStr`: the toolchain's immutable GC string (one ref); its length
    /// and bytes are read by the JIT, its other operations are elidable calls.
    GcStr,
    /// `jitsupport::StrBuilder`: a handle to a string builder on the GC heap (one ref);
    /// its operations are residual calls.
    StrBuilder,
    /// A type defined outside the interpreter module (or a std type the JIT cannot see
    /// inside), kept as written. Values of opaque types can only be passed around and
    /// handed to residual calls.
    Opaque(String),
}

impl Type {
    pub fn is_int(&self) -> bool {
        matches!(self, Type::Int(_))
    }

    /// Integer-like types: integers, `bool` and `char` (all of kind int after rtyping).
    pub fn is_intlike(&self) -> bool {
        matches!(self, Type::Int(_) | Type::Bool | Type::Char)
    }

    /// Strips any number of references: the type a field access or method call acts on.
    pub fn deref_all(&self) -> &Type {
        let mut t = self;
        while let Type::Ref { to, .. } = t {
            t = to;
        }
        t
    }

    /// Strips references and `Gc` handles: the struct a field access or method call
    /// through a `Gc<S>` acts on (`Gc` dereferences to `&S`).
    pub fn deref_gc_all(&self) -> &Type {
        let mut t = self;
        loop {
            match t {
                Type::Ref { to, .. } | Type::Gc(to) => t = to,
                _ => return t,
            }
        }
    }

    /// A handle to a GC object: `Gc<S>` or `GcAny` (seen through references).
    pub fn is_gc_handle(&self) -> bool {
        matches!(
            self.deref_all(),
            Type::Gc(_) | Type::GcAny | Type::GcArray(_) | Type::GcStr | Type::StrBuilder
        )
    }

    /// The struct `S` of a `Gc<S>`, seen through references.
    pub fn gc_payload(&self) -> Option<&Type> {
        match self.deref_all() {
            Type::Gc(to) => Some(to),
            _ => None,
        }
    }

    pub fn shared_ref(to: Type) -> Type {
        Type::Ref {
            mutable: false,
            to: Box::new(to),
        }
    }

    pub fn mut_ref(to: Type) -> Type {
        Type::Ref {
            mutable: true,
            to: Box::new(to),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int(t) => write!(f, "{t}"),
            Type::Bool => f.write_str("bool"),
            Type::Char => f.write_str("char"),
            Type::F64 => f.write_str("f64"),
            Type::Unit => f.write_str("()"),
            Type::Never => f.write_str("!"),
            Type::Str => f.write_str("&str"),
            Type::Bytes => f.write_str("&[u8]"),
            Type::Struct(name) | Type::Enum(name) => f.write_str(name),
            Type::Ref { mutable, to } => {
                write!(f, "&{}{to}", if *mutable { "mut " } else { "" })
            }
            Type::Option(t) => write!(f, "Option<{t}>"),
            Type::Result(t, e) => write!(f, "Result<{t}, {e}>"),
            Type::Tuple(ts) => {
                f.write_str("(")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str(")")
            }
            Type::List(t) => write!(f, "List<{t}>"),
            Type::Array(t, n) => write!(f, "[{t}; {n}]"),
            Type::Gc(t) => write!(f, "Gc<{t}>"),
            Type::GcCell(t) => write!(f, "GcCell<{t}>"),
            Type::GcAny => f.write_str("GcAny"),
            Type::GcArray(t) => write!(f, "GcArray<{t}>"),
            Type::GcStr => f.write_str("GcStr"),
            Type::StrBuilder => f.write_str("StrBuilder"),
            Type::Opaque(path) => write!(f, "opaque {path}"),
        }
    }
}
