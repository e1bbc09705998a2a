//! How each annotator [`Type`] is represented at the low level.
//!
//! In variables (registers), a value of type `T` becomes zero or more low-level values,
//! its *leaves* ([`leaves`]):
//!
//! | annotator type | leaves |
//! |---|---|
//! | `i8` ... `usize`, `bool`, `char` | one int, kept normalized: signed types sign-extended to 64 bits, unsigned ones zero-extended |
//! | fieldless enum | one int: the discriminant ([`annotator::program::EnumDef::discriminants`]) |
//! | `f64` | one float |
//! | `()`, `!` | none: the value vanishes |
//! | `&str`, `&[u8]` | a ref to its first byte (into a literal, or a `GcStr`'s bytes) and its length in bytes, a `usize` (`lower::strs`); a panic message is one ref, a jitcode string constant |
//! | value struct `C` (a `#[derive(Copy)]` struct of scalars, shared references and value structs: [`annotator::Program::is_value_type`]) | the leaves of its fields, in declaration order: a literal allocates nothing, a copy is a copy |
//! | other struct value `S` | one ref to memory holding the `S`: a struct literal allocates (`new`), a move copies the pointer |
//! | `List<T>`, `[T; N]` | one ref to the `jitsupport::List<T>` or the array in memory |
//! | value enum `V` (a `#[derive(Copy)]` enum with payload, an integer `#[repr]` and flat fields: [`annotator::Program::is_value_enum`]) | an int tag (the discriminant), then the leaves of every variant's fields in declaration order; the fields of the other variants are zero constants, so `Int(3)` of `enum Value { Int(i64), Float(f64), Obj(GcAny) }` is `[0, 3, 0.0, null]`. In memory it is held inline with Rust's layout; a read switches on the tag and reads only that variant's fields, a write switches on the tag and writes the tag and those fields, so no word is read as the wrong kind |
//! | other enum with payload `E` | one ref to memory holding the `E`; the enum must have an integer `#[repr]` |
//! | `&T`, `&mut T` | the representation of `T`: for the memory types above the reference *is* the pointer (so `borrow` and `deref` are no-ops); for value types (integers, floats, tuples, `Option`, `&C` of a value struct) the value itself, since the analysable subset never writes through such a reference |
//! | `&mut C` of a value struct | one ref: a pointer into the memory that holds the `C` (a field, a list item), from a place projection (`getsubstruct`); where a `C` or `&C` is wanted it is read into leaves ([`crate::lower`]'s `coerce`) |
//! | `Option<T>` where `T` is one non-null ref | one nullable ref: `None` is null, `Some(x)` is `x` |
//! | other `Option<T>` | an int tag (0 for `None`, 1 for `Some`) followed by the leaves of `T`; a `None` carries zero constants |
//! | `Result<T, E>` | an int tag (1 for `Ok`, 0 for `Err`), the leaves of `T`, then the leaves of `E`; the payload of the other variant is zero constants. A residual call returning a `Result` returns all of them, and the tag's switch is the cheap check (a guard on the tag) after the call in a trace |
//! | tuples | the leaves of every element, in order |
//! | opaque types | rejected by value; `&Opaque` is one ref |
//! | `Gc<S>` | one non-null ref: the GC object's start (its header word); `S`'s fields are at `HEADER_SIZE` plus their offset, reached through a `getsubstruct` of the payload (`Gc<S>.payload`), which is also the `&S` a method of `S` gets as `self`. `Option<Gc<S>>` is a nullable ref |
//! | `GcAny` | one non-null ref to a GC object of any class, as `Gc<S>`; `Option<GcAny>` is nullable |
//! | `GcArray<V>` | one non-null ref to the array object: its length at `ARRAY_LENGTH_OFFSET`, items from `ARRAY_ITEMS_OFFSET` |
//! | `GcCell<V>` | held inline in a GC object (stored as its `V`); as a place, one ref to the cell, which `get` reads and `set` writes at offset 0 |
//!
//! Links, block inputs, call arguments and results carry the leaves, so a function
//! returning a tuple or an `Option<i64>` returns several values (a direct call has one
//! result variable per leaf). Residual calls, which go to native code, take the leaves
//! of their arguments (the shim rebuilds each value) and give one value back: a result
//! of several leaves comes back as `jitsupport::llresult` describes
//! ([`crate::lower::result_passing`]). A value held in memory (a struct that is not a
//! value struct, a list, an array) is refused by value at the call.
//!
//! In memory (fields, array items, list items, variant payloads) a type is [`Stored`]:
//! integers with their size and signedness, floats, pointers (`&T`, `Option<&T>` with
//! its guaranteed null niche), and inline memory (a struct, list, array or enum value
//! held inside another, read as a pointer to it with `getsubstruct`). `Option<T>` of a
//! non-pointer and tuples have no guaranteed layout and are rejected at the field, as are
//! fieldless enums without an integer `#[repr]`.
//!
//! Value structs are copied where Rust copies them. The flow builder tells a place in
//! memory from a value in locals (`annotator::flow::place`): `h.c.a = 5` projects `h.c`
//! with `getsubstruct` (a `&mut C` into `h`) and stores one leaf; `let mut c = h.c`
//! loads the leaves; `c.a = 3` rebuilds the local with `with_field`. In memory a value
//! struct is held inline (`Stored::Inline`) and read or written leaf by leaf through a
//! `getsubstruct` (or `getarraysubstruct` for a list item), which the tracer folds into
//! field offsets: moving a value struct allocates nothing in jitcode or in traces.
//! A `&mut self` method of a value struct needs a place in memory (`h.c.bump()`); on a
//! local copy it is an error that says to take `self` by value and return the result.
//! Enums with payload are still memory (a ref to a tagged allocation), and so is a
//! `Copy` struct a portal returns (`Program::portal_results`): the JIT hands a portal's
//! result to native code as one value.

use crate::lltype::{Kind, LlType};

/// Where a `jitsupport::GcStr`'s length (bytes) is, from the object's start
/// (`jitsupport::gc::STR_LENGTH_OFFSET`, which asserts that it is this value).
pub const STR_LENGTH_OFFSET: u64 = 8;
/// Where its bytes start (`jitsupport::gc::STR_BYTES_OFFSET`).
pub const STR_BYTES_OFFSET: u64 = 32;
use annotator::program::EnumDef;
use annotator::{IntTy, Program, Type};

/// True for types held in memory and handled through a pointer: structs, lists, arrays,
/// enums with payload and opaque types (which can only be reached by reference).
pub fn is_memory_type(program: &Program, ty: &Type) -> bool {
    match ty {
        Type::Struct(_) => !program.is_value_type(ty),
        Type::List(_) | Type::Array(..) | Type::Opaque(_) | Type::GcCell(_) => true,
        Type::Enum(name) => !is_fieldless(program, name) && !program.is_value_enum(ty),
        _ => false,
    }
}

/// Where the fields of `variant` of the value enum `name` are among its leaves: the
/// index of the first and their number. The tag is leaf 0.
pub fn variant_leaves(
    program: &Program,
    name: &str,
    variant: &str,
) -> Result<(usize, usize), String> {
    let def = program
        .enum_def(name)
        .ok_or_else(|| format!("unknown enum `{name}`"))?;
    let mut at = 1;
    for v in &def.variants {
        let mut n = 0;
        for f in &v.fields {
            n += leaves(program, &f.ty)?.len();
        }
        if v.name == variant {
            return Ok((at, n));
        }
        at += n;
    }
    Err(format!("enum `{name}` has no variant `{variant}`"))
}

fn is_fieldless(program: &Program, name: &str) -> bool {
    program.enum_def(name).is_none_or(EnumDef::is_fieldless)
}

/// The low-level values that represent a value of type `ty` in variables. The error says
/// why the type cannot be represented.
pub fn leaves(program: &Program, ty: &Type) -> Result<Vec<LlType>, String> {
    Ok(match ty {
        Type::Int(t) => vec![LlType::Int(*t)],
        Type::Bool => vec![LlType::Bool],
        Type::Char => vec![LlType::Char],
        Type::F64 => vec![LlType::F64],
        Type::Unit | Type::Never => Vec::new(),
        Type::Str | Type::Bytes => vec![crate::lower::str_ptr_type(), LlType::Int(IntTy::Usize)],
        Type::Enum(name) if is_fieldless(program, name) => vec![LlType::Enum(name.clone())],
        Type::Struct(name) if program.is_value_type(ty) => {
            let mut out = Vec::new();
            for f in program.struct_def(name).map_or(&[][..], |d| &d.fields) {
                out.extend(leaves(program, &f.ty)?);
            }
            out
        }
        Type::Enum(name) if program.is_value_enum(ty) => {
            let mut out = vec![LlType::Enum(name.clone())];
            for v in program.enum_def(name).map_or(&[][..], |d| &d.variants) {
                for f in &v.fields {
                    out.extend(leaves(program, &f.ty)?);
                }
            }
            out
        }
        Type::Struct(_) | Type::Enum(_) | Type::List(_) | Type::Array(..) => {
            vec![LlType::ptr(ty.clone())]
        }
        // A GC handle is the object's start (its header); a cell is reached through a
        // pointer into the object that holds it.
        Type::Gc(_)
        | Type::GcCell(_)
        | Type::GcAny
        | Type::GcArray(_)
        | Type::GcStr
        | Type::StrBuilder => vec![LlType::ptr(ty.clone())],
        Type::Opaque(text) => {
            return Err(format!(
                "a value of type `{text}` (defined outside the interpreter module) cannot be \
                 handled by the JIT: pass it by reference (`&{text}`) or move this code out of \
                 the module"
            ))
        }
        Type::Ref { mutable, .. } => {
            let inner = ty.deref_all();
            let mutable = *mutable;
            if is_memory_type(program, inner) || is_value_ptr(program, ty) {
                vec![LlType::Ptr {
                    to: inner.clone(),
                    mutable,
                    nullable: false,
                }]
            } else {
                leaves(program, inner)?
            }
        }
        Type::Option(t) => {
            let inner = leaves(program, t)?;
            match inner.as_slice() {
                [LlType::Ptr {
                    to,
                    mutable,
                    nullable: false,
                }] => vec![LlType::Ptr {
                    to: to.clone(),
                    mutable: *mutable,
                    nullable: true,
                }],
                _ => std::iter::once(LlType::Bool).chain(inner).collect(),
            }
        }
        Type::Tuple(ts) => {
            let mut out = Vec::new();
            for t in ts {
                out.extend(leaves(program, t)?);
            }
            out
        }
        Type::Result(t, e) => {
            let mut out = vec![LlType::Bool];
            out.extend(leaves(program, t)?);
            out.extend(leaves(program, e)?);
            out
        }
    })
}

/// True for a reference to a value struct with a `&mut` in its chain of references
/// (`&mut C`, `&&mut C`): a pointer into memory that holds the struct, where `&C` is
/// the struct's leaves.
pub fn is_value_ptr(program: &Program, ty: &Type) -> bool {
    let mut t = ty;
    let mut mutable = false;
    while let Type::Ref { mutable: m, to } = t {
        mutable |= *m;
        t = to;
    }
    mutable && program.is_value_type(t)
}

/// The value struct a value of type `ty` is or points to, if any: `Some((name, true))`
/// for a pointer ([`is_value_ptr`]), `Some((name, false))` for the struct's leaves.
pub fn value_struct<'a>(program: &Program, ty: &'a Type) -> Option<(&'a str, bool)> {
    match ty.deref_all() {
        Type::Struct(name) if program.is_value_type(ty.deref_all()) => {
            Some((name.as_str(), is_value_ptr(program, ty)))
        }
        _ => None,
    }
}

/// How an `Option<T>` is represented: as one nullable pointer, or as a tag and payload.
pub fn option_is_nullable(program: &Program, payload: &Type) -> bool {
    matches!(
        leaves(program, payload).as_deref(),
        Ok([LlType::Ptr {
            nullable: false,
            ..
        }])
    )
}

/// The size in bytes and signedness of an int-kind value.
pub fn int_info(program: &Program, ty: &LlType) -> (u32, bool) {
    match ty {
        LlType::Int(t) => (t.bytes(), t.is_signed()),
        LlType::Bool => (1, false),
        LlType::Char => (4, false),
        LlType::Enum(name) => {
            let t = enum_int_ty(program, name);
            (t.bytes(), t.is_signed())
        }
        LlType::Addr | LlType::F64 | LlType::Ptr { .. } | LlType::Str => (8, false),
    }
}

/// The integer type of an enum's discriminant: its `#[repr]`, or `isize` as in Rust.
pub fn enum_int_ty(program: &Program, name: &str) -> IntTy {
    program
        .enum_def(name)
        .and_then(|e| e.repr.int)
        .unwrap_or(IntTy::Isize)
}

/// How a value of some type is held in memory.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// An int-kind value: `ty` is what a load gives, `bytes` its size in memory.
    Int {
        ty: LlType,
        bytes: u32,
        signed: bool,
    },
    Float,
    /// A pointer (`&T`, or `Option<&T>` as nullable).
    Ptr(LlType),
    /// A struct, list, array or enum value held inline; reading it gives a pointer to it.
    Inline(LlType),
    /// `()`: takes no room.
    Unit,
    /// A value the JIT cannot read or write (an opaque type, a `&str`, a reference to a
    /// non-memory value); the reason says why. Accessing it is an error at the access.
    Hidden(String),
}

impl Stored {
    /// The kind of a value read from memory, if it can be read.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Stored::Int { .. } => Some(Kind::Int),
            Stored::Float => Some(Kind::Float),
            Stored::Ptr(_) | Stored::Inline(_) => Some(Kind::Ref),
            Stored::Unit | Stored::Hidden(_) => None,
        }
    }
}

/// How a value of type `ty` is stored in memory. The error says why the type has no
/// guaranteed layout (it completes "field `f` of type T ...").
pub fn stored(program: &Program, ty: &Type) -> Result<Stored, String> {
    Ok(match ty {
        Type::Int(t) => Stored::Int {
            ty: LlType::Int(*t),
            bytes: t.bytes(),
            signed: t.is_signed(),
        },
        Type::Bool => Stored::Int {
            ty: LlType::Bool,
            bytes: 1,
            signed: false,
        },
        Type::Char => Stored::Int {
            ty: LlType::Char,
            bytes: 4,
            signed: false,
        },
        Type::F64 => Stored::Float,
        Type::Unit | Type::Never => Stored::Unit,
        Type::Enum(name) if is_fieldless(program, name) => {
            match program.enum_def(name).and_then(|e| e.repr.int) {
                Some(t) => Stored::Int {
                    ty: LlType::Enum(name.clone()),
                    bytes: t.bytes(),
                    signed: t.is_signed(),
                },
                None => {
                    return Err(format!(
                        "has no guaranteed layout: add #[repr(u8)] (or another integer repr) \
                         to enum `{name}` so the JIT can read it from memory"
                    ))
                }
            }
        }
        Type::Struct(_) | Type::Enum(_) | Type::List(_) => Stored::Inline(LlType::ptr(ty.clone())),
        Type::Gc(_) | Type::GcAny | Type::GcArray(_) | Type::GcStr | Type::StrBuilder => {
            Stored::Ptr(LlType::ptr(ty.clone()))
        }
        Type::GcCell(v) if program.is_value_enum(v) => Stored::Inline(LlType::ptr(ty.clone())),
        Type::GcCell(v) => match stored(program, v)? {
            Stored::Int { .. } | Stored::Float | Stored::Ptr(_) => {
                Stored::Inline(LlType::ptr(ty.clone()))
            }
            _ => {
                return Err(format!(
                    "holds a `{v}`: a `GcCell` the JIT reads holds an integer, a float, a \
                     `bool`, a `char`, a `Gc<T>`, a `GcAny`, a `GcArray<V>` or an `Option` of one"
                ))
            }
        },
        Type::Array(elem, _) => {
            stored(program, elem)?;
            Stored::Inline(LlType::ptr(ty.clone()))
        }
        Type::Bytes => Stored::Hidden(
            "a `&[u8]` is two words the JIT keeps in registers, not in memory; keep it out of \
             JIT-visible fields"
                .into(),
        ),
        Type::Str => Stored::Hidden(
            "a `&str` is a fat pointer the JIT does not read; keep strings out of JIT-visible \
             fields or read them in a #[dont_look_inside] function"
                .into(),
        ),
        Type::Opaque(text) => Stored::Hidden(format!(
            "`{text}` is defined outside the interpreter module; the JIT can only pass \
             references to it"
        )),
        Type::Ref { .. } => {
            let inner = ty.deref_all();
            if is_memory_type(program, inner) {
                Stored::Ptr(leaves(program, ty)?.remove(0))
            } else {
                Stored::Hidden(format!(
                    "the JIT does not follow references to `{inner}` stored in memory; store \
                     the `{inner}` itself"
                ))
            }
        }
        Type::Option(t)
            if option_is_nullable(program, t)
                && matches!(
                    **t,
                    Type::Ref { .. }
                        | Type::Gc(_)
                        | Type::GcAny
                        | Type::GcArray(_)
                        | Type::GcStr
                        | Type::StrBuilder
                ) =>
        {
            Stored::Ptr(leaves(program, ty)?.remove(0))
        }
        Type::Option(_) => {
            return Err(
                "has no guaranteed layout, so the JIT cannot read it: store a flag and a value \
                 as separate fields, or use Option<&T>, whose null niche is guaranteed"
                    .into(),
            )
        }
        Type::Tuple(_) => {
            return Err(
                "has no guaranteed layout, so the JIT cannot read it: store its elements as \
                 separate fields, or make it a #[repr(C)] struct of the module"
                    .into(),
            )
        }
        Type::Result(..) => {
            return Err(
                "has no guaranteed layout, so the JIT cannot read it: a `Result` is for \
                 returning errors; store a flag and the values as separate fields"
                    .into(),
            )
        }
    })
}
