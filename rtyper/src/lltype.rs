//! Low-level types: what a low-level variable holds, and its kind (int, ref or float).
//!
//! The kind decides the register class in jitcode and the box class in traces. The
//! [`LlType`] keeps more than the kind so that the rtyper can choose operations (signed or
//! unsigned compares, narrowing after arithmetic) and so that readers see what a value is.

use annotator::{IntTy, Type};
use std::fmt;

/// The three kinds of low-level values, as in RPython.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Integers of every width, `bool`, `char`, enum discriminants and raw addresses.
    Int,
    /// Pointers to memory: references, struct values, lists, arrays, enums with payload.
    Ref,
    /// `f64`.
    Float,
}

impl Kind {
    /// The one-letter prefix of variables of this kind (`i3`, `r1`, `f0`).
    pub fn prefix(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'r',
            Kind::Float => 'f',
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.prefix())
    }
}

/// The type of one low-level value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LlType {
    Int(IntTy),
    /// 0 or 1.
    Bool,
    /// A Unicode scalar value, zero-extended.
    Char,
    /// The discriminant of a fieldless enum of the module.
    Enum(String),
    /// A raw machine address (the items of a list).
    Addr,
    F64,
    /// A pointer to memory holding a `to` (never itself a reference). `nullable` pointers
    /// represent `Option<&T>`, with `None` as null.
    Ptr {
        to: Type,
        mutable: bool,
        nullable: bool,
    },
    /// A string constant (`&'static str`), only as a call argument or panic message.
    Str,
}

impl LlType {
    pub fn kind(&self) -> Kind {
        match self {
            LlType::Int(_) | LlType::Bool | LlType::Char | LlType::Enum(_) | LlType::Addr => {
                Kind::Int
            }
            LlType::F64 => Kind::Float,
            LlType::Ptr { .. } | LlType::Str => Kind::Ref,
        }
    }

    /// A non-null pointer to `to`.
    pub fn ptr(to: Type) -> LlType {
        LlType::Ptr {
            to,
            mutable: false,
            nullable: false,
        }
    }
}

impl fmt::Display for LlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LlType::Int(t) => write!(f, "{t}"),
            LlType::Bool => f.write_str("bool"),
            LlType::Char => f.write_str("char"),
            LlType::Enum(name) => f.write_str(name),
            LlType::Addr => f.write_str("addr"),
            LlType::F64 => f.write_str("f64"),
            LlType::Ptr {
                to,
                mutable,
                nullable,
            } => {
                let m = if *mutable { "mut " } else { "" };
                if *nullable {
                    write!(f, "Option<&{m}{to}>")
                } else {
                    write!(f, "&{m}{to}")
                }
            }
            LlType::Str => f.write_str("&str"),
        }
    }
}
