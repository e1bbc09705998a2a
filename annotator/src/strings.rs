//! The API of the toolchain's strings in the analysable subset: `jitsupport::GcStr`
//! (RPython's `rstr`) and `jitsupport::StrBuilder`, as one table.
//!
//! `s.len()` and `s.byte_at(i)` have ops of their own (`len`, `getitem`), which the
//! rtyper lowers to a read of the string's immutable length and of a byte as an array
//! item, so the JIT sees and folds them. Every other method and associated function
//! here is a residual call of the function of the same name in `jitsupport`, typed by
//! this table; those of `GcStr` are elidable ([`is_elidable`]): pure, so calls with
//! constant arguments fold in a trace (a literal's `GcStr::lit("..")` becomes a
//! constant string). `==`, `!=`, `<`, ... on strings compare their text
//! (`GcStr::equals`, `GcStr::compare`), never their identity.

use crate::types::{IntTy, Type};

/// A method or associated function: its parameter types (the receiver first, for a
/// method) and its result.
pub struct Sig {
    pub params: Vec<Type>,
    pub ret: Type,
}

fn sig(params: &[Type], ret: Type) -> Option<Sig> {
    Some(Sig {
        params: params.to_vec(),
        ret,
    })
}

/// The signature of method `m` on a `recv` (`GcStr` or `StrBuilder`), receiver
/// included, or `None` if the subset has no such method.
pub fn method(recv: &Type, m: &str) -> Option<Sig> {
    let s = Type::GcStr;
    let b = Type::StrBuilder;
    let usize_t = Type::Int(IntTy::Usize);
    let i64_t = Type::Int(IntTy::I64);
    match (recv, m) {
        (Type::GcStr, "len" | "char_count") => sig(&[s], usize_t),
        (Type::GcStr, "as_str") => sig(&[s], Type::Str),
        (Type::GcStr, "byte_at") => sig(&[s, usize_t], Type::Int(IntTy::U8)),
        (Type::GcStr, "is_empty" | "is_ascii" | "is_int") => sig(&[s], Type::Bool),
        (Type::GcStr, "char_at") => sig(&[s.clone(), usize_t], s),
        (Type::GcStr, "code_point") => sig(&[s, usize_t], Type::Char),
        (Type::GcStr, "slice") => sig(&[s.clone(), usize_t.clone(), usize_t], s),
        (Type::GcStr, "concat") => sig(&[s.clone(), s.clone()], s),
        (Type::GcStr, "equals" | "starts_with") => sig(&[s.clone(), s], Type::Bool),
        (Type::GcStr, "compare") => sig(&[s.clone(), s], i64_t),
        (Type::GcStr, "hash") => sig(&[s], i64_t),
        (Type::GcStr, "find") => sig(&[s.clone(), s, usize_t], i64_t),
        (Type::GcStr, "to_int_or") => sig(&[s, i64_t.clone()], i64_t),
        (Type::GcStr, "to_float_or") => sig(&[s, Type::F64], Type::F64),
        (Type::StrBuilder, "push") => sig(&[b, s], Type::Unit),
        (Type::StrBuilder, "push_char") => sig(&[b, Type::Char], Type::Unit),
        (Type::StrBuilder, "push_int") => sig(&[b, i64_t], Type::Unit),
        (Type::StrBuilder, "build") => sig(&[b], s),
        (Type::StrBuilder, "len") => sig(&[b], usize_t),
        (Type::StrBuilder, "is_empty") => sig(&[b], Type::Bool),
        _ => None,
    }
}

/// The type and associated function of a call path (`GcStr::lit`,
/// `jitsupport::StrBuilder::new`), with its signature.
pub fn assoc(path: &str) -> Option<(Type, &'static str, Sig)> {
    let mut parts = path.rsplit("::");
    let f = parts.next()?;
    let ty = parts.next()?;
    let first = parts.last();
    if !matches!(first, None | Some("jitsupport" | "" | "gc")) {
        return None;
    }
    let s = Type::GcStr;
    let (ty, name, sig) = match (ty, f) {
        ("GcStr", "lit") => (s.clone(), "lit", sig(&[Type::Str], s)?),
        ("GcStr", "new") => (s.clone(), "new", sig(&[Type::Str], s)?),
        ("GcStr", "from_int") => (s.clone(), "from_int", sig(&[Type::Int(IntTy::I64)], s)?),
        ("GcStr", "from_float") => (s.clone(), "from_float", sig(&[Type::F64], s)?),
        ("GcStr", "from_char") => (s.clone(), "from_char", sig(&[Type::Char], s)?),
        ("GcStr", "ptr_eq") => (s.clone(), "ptr_eq", sig(&[s.clone(), s], Type::Bool)?),
        ("StrBuilder", "new") => (Type::StrBuilder, "new", sig(&[], Type::StrBuilder)?),
        _ => return None,
    };
    Some((ty, name, sig))
}

/// The path by which generated code calls function `f` of `ty`.
pub fn path(ty: &Type, f: &str) -> String {
    format!("::jitsupport::{ty}::{f}")
}

/// Whether the string function at `path` (as [`path`] gives it) is pure: every function
/// of `GcStr` (a string never changes; a new string's identity is not observable but by
/// `ptr_eq`), none of `StrBuilder`'s (they mutate the builder).
pub fn is_elidable(path: &str) -> bool {
    path.starts_with("::jitsupport::GcStr::")
        || path.starts_with("::jitsupport::shim::ll_borrowed_")
}

/// The function of `jitsupport::shim` that does method `m` of a `&str` or `&[u8]` (`ty`):
/// `starts_with` of a `&str` is `::jitsupport::shim::ll_borrowed_str_starts_with`.
pub fn borrowed_path(ty: &Type, m: &str) -> String {
    let kind = if *ty == Type::Str { "str" } else { "bytes" };
    format!("::jitsupport::shim::ll_borrowed_{kind}_{m}")
}
