//! Memory layouts and the descriptors that name them.
//!
//! The JIT reads memory only through offsets and sizes that rustc computes (DESIGN
//! decision 4). A layout therefore records *expressions*, not numbers:
//! `::core::mem::offset_of!(Frame, pc)`, `::core::mem::size_of::<Frame>()`. The
//! `#[interpreter]` macro emits [`layout_tokens`] inside the interpreter module as
//! `mod __pyrite { use super::*; ... }`, so rustc evaluates every one of them,
//! and the mirror structs of enum variants live there too. Every expression names items
//! as seen from that module.
//!
//! An enum with payload and an integer `#[repr(u8)]` has, per RFC 2195, the layout of a
//! union of `#[repr(C)]` structs, one per variant, each starting with the tag; the mirror
//! `#[repr(C)] struct __Instr_Push(u8, i64);` gives the payload offsets
//! (`offset_of!(__Instr_Push, 1)`). With `#[repr(C, u8)]` the enum is a `#[repr(C)]`
//! struct of the tag and a `#[repr(C)]` union of the variants' field structs, mirrored
//! the same way (`__Instr_Tagged`, `__Instr_Payload`, `__Instr_Push_Fields`).
//!
//! Descriptors ([`FieldDescr`], [`ArrayDescr`], [`SizeDescr`], [`CallDescr`]) are what
//! low-level operations carry; the codewriter turns them into descriptor tables.

use crate::lltype::{Kind, LlType};
use crate::repr::{self, Stored};
use annotator::{Diagnostics, IntTy, Program, Type};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use std::fmt;

/// A size or offset, as a Rust constant expression evaluated by rustc.
#[derive(Clone, Debug, PartialEq)]
pub enum LayoutExpr {
    Const(u64),
    /// `::core::mem::size_of::<T>()`.
    SizeOf(Type),
    /// `::core::mem::offset_of!(T, field)`.
    OffsetOf(Type, String),
    /// `::jitsupport::List::<T>::OFFSET_OF_<FIELD>` (the fields of `List` are private).
    ListOffset(Type, &'static str),
    /// `::jitsupport::gc::HEADER_SIZE`: where a GC object's payload starts.
    GcHeader,
    /// `::jitsupport::gc::ARRAY_LENGTH_OFFSET`: a `GcArray`'s length word.
    GcArrayLength,
    /// `::jitsupport::gc::ARRAY_ITEMS_OFFSET`: a `GcArray`'s item 0.
    GcArrayItems,
    /// `::jitsupport::gc::object_size_of::<T>()`: header and payload, rounded up.
    GcObjectSize(Type),
    Sum(Vec<LayoutExpr>),
}

impl LayoutExpr {
    /// The expression as Rust tokens, with absolute paths.
    pub fn tokens(&self) -> TokenStream {
        match self {
            LayoutExpr::Const(n) => {
                let n = proc_macro2::Literal::usize_unsuffixed(*n as usize);
                quote!(#n)
            }
            LayoutExpr::SizeOf(t) => {
                let t = rust_type(t);
                quote!(::core::mem::size_of::<#t>())
            }
            LayoutExpr::OffsetOf(t, field) => {
                let t = rust_type(t);
                let field = field_tokens(field);
                quote!(::core::mem::offset_of!(#t, #field))
            }
            LayoutExpr::ListOffset(t, field) => {
                let t = rust_type(t);
                let name = syn::Ident::new(&format!("OFFSET_OF_{field}"), Span::call_site());
                quote!(::jitsupport::List::<#t>::#name)
            }
            LayoutExpr::GcHeader => quote!(::jitsupport::gc::HEADER_SIZE),
            LayoutExpr::GcArrayLength => quote!(::jitsupport::gc::ARRAY_LENGTH_OFFSET),
            LayoutExpr::GcArrayItems => quote!(::jitsupport::gc::ARRAY_ITEMS_OFFSET),
            LayoutExpr::GcObjectSize(t) => {
                let t = rust_type(t);
                quote!((::jitsupport::gc::object_size_of::<#t>() as usize))
            }
            LayoutExpr::Sum(parts) => {
                let parts = parts.iter().map(LayoutExpr::tokens);
                quote!((0 #(+ #parts)*))
            }
        }
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a LayoutExpr>) {
        match self {
            LayoutExpr::Const(_) => {}
            LayoutExpr::Sum(parts) => parts.iter().for_each(|p| p.collect(out)),
            other => out.push(other),
        }
    }
}

impl fmt::Display for LayoutExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutExpr::Const(n) => write!(f, "{n}"),
            LayoutExpr::SizeOf(t) => write!(f, "size_of::<{t}>()"),
            LayoutExpr::OffsetOf(t, field) => write!(f, "offset_of!({t}, {field})"),
            LayoutExpr::ListOffset(t, field) => write!(f, "List::<{t}>::OFFSET_OF_{field}"),
            LayoutExpr::GcHeader => write!(f, "HEADER_SIZE"),
            LayoutExpr::GcArrayLength => write!(f, "ARRAY_LENGTH_OFFSET"),
            LayoutExpr::GcArrayItems => write!(f, "ARRAY_ITEMS_OFFSET"),
            LayoutExpr::GcObjectSize(t) => write!(f, "object_size_of::<{t}>()"),
            LayoutExpr::Sum(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" + ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

fn field_tokens(field: &str) -> TokenStream {
    match field.parse::<usize>() {
        Ok(i) => {
            let index = syn::Index::from(i);
            quote!(#index)
        }
        Err(_) => {
            let id = syn::Ident::new(field, Span::call_site());
            quote!(#id)
        }
    }
}

/// A Rust type as tokens, as written inside the layout module. References get a
/// `'static` lifetime (only their layout matters there).
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::Int(t) => {
            let id = syn::Ident::new(t.name(), Span::call_site());
            quote!(#id)
        }
        Type::Bool => quote!(bool),
        Type::Char => quote!(char),
        Type::F64 => quote!(f64),
        Type::Unit => quote!(()),
        Type::Never => quote!(!),
        Type::Str => quote!(&'static str),
        Type::Bytes => quote!(&'static [u8]),
        Type::GcStr => quote!(::jitsupport::GcStr),
        Type::StrBuilder => quote!(::jitsupport::StrBuilder),
        Type::Struct(name) | Type::Enum(name) => {
            let id = syn::Ident::new(name, Span::call_site());
            quote!(#id)
        }
        Type::Ref { mutable, to } => {
            let to = rust_type(to);
            if *mutable {
                quote!(&'static mut #to)
            } else {
                quote!(&'static #to)
            }
        }
        Type::Option(t) => {
            let t = rust_type(t);
            quote!(::core::option::Option<#t>)
        }
        Type::Result(t, e) => {
            let t = rust_type(t);
            let e = rust_type(e);
            quote!(::core::result::Result<#t, #e>)
        }
        Type::Tuple(ts) => {
            let ts = ts.iter().map(rust_type);
            quote!((#(#ts),*))
        }
        Type::List(t) => {
            let t = rust_type(t);
            quote!(::jitsupport::List<#t>)
        }
        Type::Array(t, n) => {
            let t = rust_type(t);
            let n = proc_macro2::Literal::usize_unsuffixed(*n as usize);
            quote!([#t; #n])
        }
        Type::Gc(t) => {
            let t = rust_type(t);
            quote!(::jitsupport::Gc<#t>)
        }
        Type::GcCell(t) => {
            let t = rust_type(t);
            quote!(::jitsupport::GcCell<#t>)
        }
        Type::GcAny => quote!(::jitsupport::GcAny),
        Type::GcArray(t) => {
            let t = rust_type(t);
            quote!(::jitsupport::GcArray<#t>)
        }
        Type::Opaque(text) => match syn::parse_str::<syn::Type>(text) {
            Ok(t) => quote!(#t),
            Err(_) => quote!(()),
        },
    }
}

/// A field of a struct, of a variant mirror, or of `List<T>`.
#[derive(Clone, Debug)]
pub struct FieldLayout {
    pub name: String,
    pub ty: Type,
    pub stored: Stored,
    pub offset: LayoutExpr,
    /// The size in bytes of the value in memory.
    pub size: LayoutExpr,
}

impl FieldLayout {
    pub fn signed(&self) -> bool {
        matches!(self.stored, Stored::Int { signed: true, .. })
    }
}

/// The layout of a struct, or of `List<T>`.
#[derive(Clone, Debug)]
pub struct StructLayout {
    /// The name readers see: `Frame`, `List<i64>`.
    pub name: String,
    pub ty: Type,
    pub size: LayoutExpr,
    pub fields: Vec<FieldLayout>,
}

impl StructLayout {
    pub fn field(&self, name: &str) -> Option<&FieldLayout> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One variant of an enum with payload.
#[derive(Clone, Debug)]
pub struct VariantLayout {
    pub name: String,
    pub discriminant: i128,
    /// The mirror struct whose fields give the payload offsets, if the variant has fields.
    pub mirror: Option<String>,
    pub fields: Vec<FieldLayout>,
}

/// The layout of an enum with payload (`#[repr(u8)]` or `#[repr(C, u8)]`).
#[derive(Clone, Debug)]
pub struct EnumLayout {
    pub name: String,
    pub tag: IntTy,
    /// `#[repr(C, u8)]` rather than `#[repr(u8)]`.
    pub repr_c: bool,
    pub size: LayoutExpr,
    pub variants: Vec<VariantLayout>,
}

impl EnumLayout {
    pub fn variant(&self, name: &str) -> Option<&VariantLayout> {
        self.variants.iter().find(|v| v.name == name)
    }

    /// The descriptor of the tag, at offset 0 in both layouts.
    pub fn tag_descr(&self) -> FieldDescr {
        FieldDescr {
            owner: self.name.clone(),
            field: "tag".into(),
            offset: LayoutExpr::Const(0),
            ty: LlType::Int(self.tag),
            size: LayoutExpr::Const(u64::from(self.tag.bytes())),
            signed: self.tag.is_signed(),
        }
    }
}

/// Every layout of a program: its structs and enums with payload, and the lists it uses.
#[derive(Clone, Debug, Default)]
pub struct Layouts {
    pub structs: Vec<StructLayout>,
    pub enums: Vec<EnumLayout>,
    /// `List<T>` for every item type used, in order of first use.
    pub lists: Vec<StructLayout>,
    /// Types whose size a `new` needs and that are not structs (arrays), in order of use.
    pub sizes: Vec<Type>,
    /// Structs allocated on the GC heap (`Gc::new`) or named in a `Gc<S>`: the
    /// interpreter macro derives their `GcType`.
    pub gc_types: Vec<Type>,
    /// The value enums of the program (`Program::is_value_enum`): the macro derives their
    /// `GcValue`, so that they can be `GcArray` items and `GcCell` values.
    pub value_enums: Vec<Type>,
    /// The class hierarchies of `#[extends(Base)]` structs: each in preorder (a class,
    /// then its subclasses' subtrees), every class with its number of descendants, so
    /// that the collector gives a class's subclasses the ids right after its own and a
    /// subclass check is a range check (`jitsupport::gc::is_subclass`).
    pub hierarchies: Vec<Vec<(String, u32)>>,
}

impl Layouts {
    /// The layouts of every struct and enum with payload of `program`. Fields without a
    /// guaranteed layout and enums with payload but without an integer repr are reported.
    pub fn build(program: &Program, diag: &mut Diagnostics) -> Layouts {
        let mut layouts = Layouts::default();
        for s in &program.structs {
            let ty = Type::Struct(s.name.clone());
            let fields = s
                .fields
                .iter()
                .map(|f| {
                    let stored = stored_or_report(program, &f.name, &f.ty, f.span, diag);
                    FieldLayout {
                        name: f.name.clone(),
                        ty: f.ty.clone(),
                        size: size_expr(&stored, &f.ty),
                        stored,
                        offset: LayoutExpr::OffsetOf(ty.clone(), f.name.clone()),
                    }
                })
                .collect();
            layouts.structs.push(StructLayout {
                name: s.name.clone(),
                size: LayoutExpr::SizeOf(ty.clone()),
                ty,
                fields,
            });
        }
        for e in &program.enums {
            if e.is_fieldless() {
                continue;
            }
            let Some(tag) = e.repr.int else {
                diag.error(
                    e.span,
                    format!(
                        "enum `{}` carries data: add #[repr(u8)] so the JIT can read its layout",
                        e.name
                    ),
                );
                continue;
            };
            let repr_c = e.repr.c;
            let discriminants = e.discriminants();
            let variants = e
                .variants
                .iter()
                .zip(discriminants)
                .map(|(v, discriminant)| {
                    let mirror = (!v.fields.is_empty()).then(|| {
                        if repr_c {
                            format!("__{}_{}_Fields", e.name, v.name)
                        } else {
                            format!("__{}_{}", e.name, v.name)
                        }
                    });
                    let fields = v
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let stored = stored_or_report(program, &f.name, &f.ty, f.span, diag);
                            let mirror_ty = Type::Struct(mirror.clone().unwrap_or_default());
                            let offset = if repr_c {
                                LayoutExpr::Sum(vec![
                                    LayoutExpr::OffsetOf(
                                        Type::Struct(format!("__{}_Tagged", e.name)),
                                        "1".into(),
                                    ),
                                    LayoutExpr::OffsetOf(mirror_ty, i.to_string()),
                                ])
                            } else {
                                LayoutExpr::OffsetOf(mirror_ty, (i + 1).to_string())
                            };
                            FieldLayout {
                                name: f.name.clone(),
                                ty: f.ty.clone(),
                                size: size_expr(&stored, &f.ty),
                                stored,
                                offset,
                            }
                        })
                        .collect();
                    VariantLayout {
                        name: v.name.clone(),
                        discriminant,
                        mirror,
                        fields,
                    }
                })
                .collect();
            layouts.enums.push(EnumLayout {
                name: e.name.clone(),
                tag,
                repr_c,
                size: LayoutExpr::SizeOf(Type::Enum(e.name.clone())),
                variants,
            });
        }
        // Every struct a `Gc<S>` names, in fields and signatures: the macro derives its
        // `GcType`. Its fields must be types whose references the analysis sees.
        let mut gc_types = Vec::new();
        for s in &program.structs {
            s.fields
                .iter()
                .for_each(|f| collect_gc_types(&f.ty, &mut gc_types));
        }
        for e in &program.enums {
            for v in &e.variants {
                v.fields
                    .iter()
                    .for_each(|f| collect_gc_types(&f.ty, &mut gc_types));
            }
        }
        for f in &program.functions {
            f.params
                .iter()
                .for_each(|(_, t)| collect_gc_types(t, &mut gc_types));
            collect_gc_types(&f.ret, &mut gc_types);
        }
        for ty in &gc_types {
            let Type::Struct(name) = ty else { continue };
            let Some(def) = program.struct_def(name) else {
                continue;
            };
            for f in &def.fields {
                if holds_list(program, &f.ty, 0) {
                    diag.error(
                        f.span,
                        format!(
                            "field `{}` of `{name}`, a GC object (`Gc<{name}>`), holds a `List`, \
                             whose items are Rust memory that the collector would never free \
                             (it frees GC objects without running `Drop`): keep growable \
                             storage in a `GcCell<GcArray<V>>` with its length in a \
                             `GcCell<usize>`, growing it by copying into a larger array, or \
                             hold the `List` in a struct outside the GC heap",
                            f.name
                        ),
                    );
                }
                if let Type::Opaque(text) = f.ty.deref_all() {
                    diag.error(
                        f.span,
                        format!(
                            "field `{}` of `{name}`, a GC object (`Gc<{name}>`), has the type \
                             `{text}` defined outside the module, whose GC references the \
                             collector could not see: use `Gc`, `Option<Gc>`, `GcCell`, \
                             integers, floats or structs of the module",
                            f.name
                        ),
                    );
                }
            }
        }
        layouts.hierarchies = hierarchies(program, &mut gc_types, diag);
        layouts.gc_types = gc_types;
        layouts.value_enums = program
            .enums
            .iter()
            .map(|e| Type::Enum(e.name.clone()))
            .filter(|t| program.is_value_enum(t) && layouts.enum_layout(&t.to_string()).is_some())
            .collect();
        layouts
    }

    pub fn struct_layout(&self, name: &str) -> Option<&StructLayout> {
        self.structs.iter().find(|s| s.name == name)
    }

    pub fn enum_layout(&self, name: &str) -> Option<&EnumLayout> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// The layout of `List<item>`, registered on first use. The error says why `item`
    /// cannot be stored in a list the JIT reads.
    pub fn list_layout(&mut self, program: &Program, item: &Type) -> Result<&StructLayout, String> {
        if let Some(i) = self
            .lists
            .iter()
            .position(|l| l.ty == Type::List(Box::new(item.clone())))
        {
            return Ok(&self.lists[i]);
        }
        repr::stored(program, item)?;
        let ty = Type::List(Box::new(item.clone()));
        let word = |name: &str, stored_ty: LlType, field: &'static str| FieldLayout {
            name: name.into(),
            ty: Type::Int(IntTy::Usize),
            stored: Stored::Int {
                ty: stored_ty,
                bytes: 8,
                signed: false,
            },
            offset: LayoutExpr::ListOffset(item.clone(), field),
            size: LayoutExpr::Const(8),
        };
        self.lists.push(StructLayout {
            name: ty.to_string(),
            size: LayoutExpr::SizeOf(ty.clone()),
            fields: vec![
                word("items", LlType::Addr, "ITEMS"),
                word("len", LlType::Int(IntTy::Usize), "LEN"),
                word("capacity", LlType::Int(IntTy::Usize), "CAPACITY"),
            ],
            ty,
        });
        Ok(self.lists.last().expect("just pushed"))
    }

    /// The size descriptor of `ty`, recording non-struct types for [`layout_tokens`].
    pub fn size_descr(&mut self, ty: &Type) -> SizeDescr {
        if !matches!(ty, Type::Struct(_) | Type::Enum(_) | Type::List(_))
            && !self.sizes.contains(ty)
        {
            self.sizes.push(ty.clone());
        }
        SizeDescr {
            name: ty.to_string(),
            size: LayoutExpr::SizeOf(ty.clone()),
            gc: None,
        }
    }

    /// The size descriptor of a GC object holding a `payload` (`Gc::new`).
    pub fn gc_size_descr(&mut self, payload: &Type) -> SizeDescr {
        if !self.gc_types.contains(payload) {
            self.gc_types.push(payload.clone());
        }
        SizeDescr {
            name: format!("Gc<{payload}>"),
            size: LayoutExpr::GcObjectSize(payload.clone()),
            gc: Some(payload.clone()),
        }
    }

    /// The descriptor of the payload of a `Gc<payload>`: a pointer to the `payload`
    /// struct at `HEADER_SIZE` from the object's start.
    pub fn gc_payload_descr(payload: &Type) -> FieldDescr {
        FieldDescr {
            owner: format!("Gc<{payload}>"),
            field: "payload".into(),
            offset: LayoutExpr::GcHeader,
            ty: LlType::ptr(payload.clone()),
            size: LayoutExpr::SizeOf(payload.clone()),
            signed: false,
        }
    }

    /// The layout of the value of a `GcCell<value>` (at offset 0 of the cell).
    pub fn cell_field(program: &Program, value: &Type) -> Result<FieldLayout, String> {
        let stored = repr::stored(program, value)?;
        Ok(FieldLayout {
            name: "value".into(),
            ty: value.clone(),
            size: size_expr(&stored, value),
            stored,
            offset: LayoutExpr::Const(0),
        })
    }
}

fn stored_or_report(
    program: &Program,
    name: &str,
    ty: &Type,
    span: Span,
    diag: &mut Diagnostics,
) -> Stored {
    match repr::stored(program, ty) {
        Ok(s) => s,
        Err(why) => {
            diag.error(span, format!("field `{name}` of type {ty} {why}"));
            Stored::Hidden(format!("type {ty} {why}"))
        }
    }
}

fn size_expr(stored: &Stored, ty: &Type) -> LayoutExpr {
    match stored {
        Stored::Int { bytes, .. } => LayoutExpr::Const(u64::from(*bytes)),
        Stored::Float | Stored::Ptr(_) => LayoutExpr::Const(8),
        Stored::Unit => LayoutExpr::Const(0),
        Stored::Inline(_) | Stored::Hidden(_) => LayoutExpr::SizeOf(ty.clone()),
    }
}

/// Describes a field read or written by `getfield_*`, `setfield`, `getsubstruct`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDescr {
    /// `Frame`, `Instr::Push`, `List<i64>`.
    pub owner: String,
    pub field: String,
    pub offset: LayoutExpr,
    /// The type of the value read (a pointer for inline memory).
    pub ty: LlType,
    pub size: LayoutExpr,
    pub signed: bool,
}

impl fmt::Display for FieldDescr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Field {}.{} {}>", self.owner, self.field, self.offset)
    }
}

/// Describes the items of an array or of a list's storage.
#[derive(Clone, Debug, PartialEq)]
pub struct ArrayDescr {
    pub item: Type,
    /// Items of a `GcArray` (from `ARRAY_ITEMS_OFFSET` of the array object) rather
    /// than of an array or a list's storage (from offset 0).
    pub gc: bool,
    /// Items of another GC object laid out as an array, from this offset, with the
    /// descr's name (a `GcStr`'s bytes: `("GcStr.bytes", STR_BYTES_OFFSET)`).
    pub base: Option<(String, LayoutExpr)>,
    /// The type of a value read (a pointer for inline items).
    pub ty: LlType,
    /// The distance between items, `size_of::<T>()`.
    pub stride: LayoutExpr,
    /// The size of one item's value in memory (as stride for inline items).
    pub size: LayoutExpr,
    pub signed: bool,
}

impl fmt::Display for ArrayDescr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Array {} {}>", self.item, self.stride)
    }
}

/// Describes an allocation by `new`.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeDescr {
    pub name: String,
    pub size: LayoutExpr,
    /// For a GC object (`Gc::new`): the payload struct, whose `GcType` gives the type
    /// id `new` allocates with.
    pub gc: Option<Type>,
}

impl fmt::Display for SizeDescr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Size {} {}>", self.name, self.size)
    }
}

/// Describes a residual call: the native function, its argument and result kinds, and
/// what the JIT may assume about it.
#[derive(Clone, Debug, PartialEq)]
pub struct CallDescr {
    /// The function's path as seen from the interpreter module.
    pub func: String,
    pub args: Vec<Kind>,
    /// The kinds of the results: none for `()`, several when a module function returns
    /// a tuple or an `Option` of a non-pointer (the codewriter calls it through a wrapper
    /// returning the leaves in a `#[repr(C)]` struct).
    pub results: Vec<Kind>,
    /// `#[elidable]`: calls with equal arguments give equal results, without effects.
    pub elidable: bool,
    /// `#[loop_invariant]`: one call per loop iteration is enough.
    pub loop_invariant: bool,
    pub can_panic: bool,
}

impl fmt::Display for CallDescr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let args: Vec<String> = self.args.iter().map(Kind::to_string).collect();
        let results: Vec<String> = self.results.iter().map(Kind::to_string).collect();
        let result = match results.len() {
            0 => "void".to_string(),
            1 => results[0].clone(),
            _ => format!("({})", results.join(", ")),
        };
        write!(f, "<Call {}({}) -> {}", self.func, args.join(", "), result)?;
        if self.elidable {
            f.write_str(" elidable")?;
        }
        if self.loop_invariant {
            f.write_str(" loop_invariant")?;
        }
        if self.can_panic {
            f.write_str(" can_panic")?;
        }
        f.write_str(">")
    }
}

/// The Rust items that make rustc evaluate every layout expression of `layouts`: the
/// mirror structs of enum variants and one constant listing every size and offset. The
/// `#[interpreter]` macro puts them in `mod __pyrite { use super::*; ... }` inside
/// the interpreter module, which is also where the expressions are meant to be evaluated.
pub fn layout_tokens(layouts: &Layouts) -> TokenStream {
    let mut items = Vec::new();
    let mut exprs: Vec<&LayoutExpr> = Vec::new();
    for s in layouts.structs.iter().chain(&layouts.lists) {
        s.size.collect(&mut exprs);
        for f in &s.fields {
            f.offset.collect(&mut exprs);
            f.size.collect(&mut exprs);
        }
    }
    let sizes: Vec<LayoutExpr> = layouts
        .sizes
        .iter()
        .cloned()
        .map(LayoutExpr::SizeOf)
        .collect();
    for s in &sizes {
        s.collect(&mut exprs);
    }
    for e in &layouts.enums {
        e.size.collect(&mut exprs);
        let tag = rust_type(&Type::Int(e.tag));
        let mut union_fields = Vec::new();
        for v in &e.variants {
            for f in &v.fields {
                f.offset.collect(&mut exprs);
                f.size.collect(&mut exprs);
            }
            let Some(mirror) = &v.mirror else { continue };
            let name = syn::Ident::new(mirror, Span::call_site());
            let tys: Vec<TokenStream> = v.fields.iter().map(|f| rust_type(&f.ty)).collect();
            if e.repr_c {
                items.push(quote! {
                    #[repr(C)]
                    #[allow(non_camel_case_types, dead_code)]
                    struct #name(#(#tys),*);
                });
                let field = syn::Ident::new(&v.name, Span::call_site());
                union_fields.push(quote!(#field: ::core::mem::ManuallyDrop<#name>));
            } else {
                items.push(quote! {
                    #[repr(C)]
                    #[allow(non_camel_case_types, dead_code)]
                    struct #name(#tag, #(#tys),*);
                });
            }
        }
        if e.repr_c {
            let payload = syn::Ident::new(&format!("__{}_Payload", e.name), Span::call_site());
            let tagged = syn::Ident::new(&format!("__{}_Tagged", e.name), Span::call_site());
            items.push(quote! {
                #[repr(C)]
                #[allow(non_camel_case_types, non_snake_case, dead_code)]
                union #payload { #(#union_fields),* }
                #[repr(C)]
                #[allow(non_camel_case_types, dead_code)]
                struct #tagged(#tag, #payload);
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    let exprs: Vec<TokenStream> = exprs
        .iter()
        .map(|e| e.tokens())
        .filter(|t| seen.insert(t.to_string()))
        .collect();
    items.extend(gc_impls(layouts));
    for ty in &layouts.value_enums {
        items.push(gc_value_enum_impl(layouts, ty));
    }

    quote! {
        #(#items)*
        /// Every size and offset the JIT uses, so that rustc evaluates (and checks) them.
        #[allow(dead_code)]
        pub const __PYRITE_LAYOUT: &[usize] = &[#(#exprs),*];
    }
}

/// The `GcType` impls of the structs named in a `Gc<S>` of `module`'s fields and
/// signatures, from its items alone: what the interpreter macro emits when the analysis
/// fails, so that the module's `Gc::new` and `downcast` do not add errors of their own
/// to the ones reported.
pub fn gc_stub_tokens(module: &syn::ItemMod) -> TokenStream {
    let mut diag = Diagnostics::new();
    let program = Program::collect(module, &mut diag);
    let layouts = Layouts::build(&program, &mut diag);
    let impls = gc_impls(&layouts);
    let values = layouts
        .value_enums
        .iter()
        .map(|t| gc_value_enum_impl(&layouts, t));
    quote! {
        #[doc(hidden)]
        mod __pyrite_gc {
            #[allow(unused_imports)]
            use super::*;
            #(#impls)*
            #(#values)*
        }
    }
}

/// Whether a value of type `ty` holds a `List` inline (itself, or in a struct or array
/// field it holds by value).
fn holds_list(program: &Program, ty: &Type, depth: u32) -> bool {
    match ty {
        Type::List(_) => true,
        Type::Array(t, _) => holds_list(program, t, depth + 1),
        Type::Struct(name) if depth < 16 => program.struct_def(name).is_some_and(|d| {
            d.fields
                .iter()
                .any(|f| holds_list(program, &f.ty, depth + 1))
        }),
        _ => false,
    }
}

/// Whether a field of type `ty` is one word holding a GC reference (or null).
fn is_gc_ref_word(ty: &Type) -> bool {
    match ty {
        Type::Gc(_) | Type::GcAny | Type::GcArray(_) | Type::GcStr | Type::StrBuilder => true,
        Type::Option(t) => matches!(
            **t,
            Type::Gc(_) | Type::GcAny | Type::GcArray(_) | Type::GcStr | Type::StrBuilder
        ),
        Type::GcCell(t) => is_gc_ref_word(t),
        _ => false,
    }
}

/// The offsets (from the start of a `ty` value) of its words that hold GC references:
/// its reference fields and those of the value structs it holds inline, into `out`;
/// the words of enums it holds inline that hold a reference in some variant, into
/// `maybe` (the collector checks those, as it does conservative roots: the tag says
/// which variant is there, and the non-moving collector only needs to keep the object
/// a real reference points to).
fn gc_ref_offsets(
    layouts: &Layouts,
    ty: &Type,
    depth: u32,
    out: &mut Vec<LayoutExpr>,
    maybe: &mut Vec<LayoutExpr>,
    base: &[LayoutExpr],
) {
    match ty {
        Type::Struct(name) => {
            let Some(layout) = layouts.struct_layout(name) else {
                return;
            };
            for f in &layout.fields {
                let mut at = base.to_vec();
                at.push(f.offset.clone());
                if is_gc_ref_word(&f.ty) {
                    out.push(LayoutExpr::Sum(at));
                } else if matches!(f.stored, Stored::Inline(_)) && depth < 16 {
                    gc_ref_offsets(layouts, &f.ty, depth + 1, out, maybe, &at);
                }
            }
        }
        Type::Enum(name) => {
            let Some(layout) = layouts.enum_layout(name) else {
                return;
            };
            let mut inner = Vec::new();
            for v in &layout.variants {
                for f in &v.fields {
                    let mut at = base.to_vec();
                    at.push(f.offset.clone());
                    if is_gc_ref_word(&f.ty) {
                        maybe.push(LayoutExpr::Sum(at));
                    } else if matches!(f.stored, Stored::Inline(_)) && depth < 16 {
                        gc_ref_offsets(layouts, &f.ty, depth + 1, &mut inner, maybe, &at);
                    }
                }
            }
            maybe.extend(inner);
        }
        // A cell holds its value at offset 0.
        Type::GcCell(v) => gc_ref_offsets(layouts, v, depth + 1, out, maybe, base),
        _ => {}
    }
}

/// `unsafe impl GcValue for V` of a value enum: no word is always a reference, the
/// words that are one in some variant are `MAYBE_REFS`, so that the enum can be a
/// `GcArray` item or the value of a `GcCell`.
fn gc_value_enum_impl(layouts: &Layouts, ty: &Type) -> TokenStream {
    let t = rust_type(ty);
    let name = format!("[{ty}]");
    let mut refs = Vec::new();
    let mut maybe = Vec::new();
    gc_ref_offsets(
        layouts,
        ty,
        0,
        &mut refs,
        &mut maybe,
        &[LayoutExpr::Const(0)],
    );
    maybe.extend(refs);
    let maybe = maybe.iter().map(|o| {
        let o = o.tokens();
        quote!((#o) as u32)
    });
    quote! {
        // SAFETY: every word that holds a GC reference in some variant of the enum is
        // listed in `MAYBE_REFS` (offsets from the enum's start through its variants'
        // `#[repr(C)]` mirror structs); the array type follows `GcArray`'s layout.
        unsafe impl ::jitsupport::gc::GcValue for #t {
            const REFS: &'static [u32] = &[];
            const MAYBE_REFS: &'static [u32] = &[#(#maybe),*];
            #[inline]
            fn array_type_info() -> &'static ::jitsupport::gc::TypeInfo {
                static INFO: ::jitsupport::gc::TypeInfo = ::jitsupport::gc::TypeInfo::array(
                    #name,
                    ::jitsupport::gc::ARRAY_ITEMS_OFFSET as u32,
                    &[],
                    &[],
                    ::jitsupport::gc::VarPart {
                        length_offset: ::jitsupport::gc::ARRAY_LENGTH_OFFSET as u32,
                        items_offset: ::jitsupport::gc::ARRAY_ITEMS_OFFSET as u32,
                        item_size: ::core::mem::size_of::<#t>() as u32,
                        item_refs: &[],
                        item_maybe_refs: <#t as ::jitsupport::gc::GcValue>::MAYBE_REFS,
                    },
                );
                &INFO
            }
        }
    }
}

/// The class hierarchies of `program` ([`Layouts::hierarchies`]); every class of one
/// joins `gc_types`. A class's base must be a struct of the module, both `#[repr(C)]`,
/// and its first field must hold the base by value, so that a `Gc<Base>` of a subclass
/// object reads the base's fields where they are; a cycle is an error.
fn hierarchies(
    program: &Program,
    gc_types: &mut Vec<Type>,
    diag: &mut Diagnostics,
) -> Vec<Vec<(String, u32)>> {
    let mut ok: Vec<(&str, &str)> = Vec::new();
    for s in &program.structs {
        let Some((base, span)) = &s.extends else {
            continue;
        };
        // Every class gets its `GcType` (exact, if its declaration is wrong), so that
        // rustc adds no errors of its own to the ones reported here.
        for name in [&s.name, base] {
            let t = Type::Struct(name.clone());
            if program.struct_def(name).is_some() && !gc_types.contains(&t) {
                gc_types.push(t);
            }
        }
        let Some(b) = program.struct_def(base) else {
            diag.error(
                *span,
                format!("`#[extends({base})]`: the base class must be a struct of the module"),
            );
            continue;
        };
        let first = s.fields.first().map(|f| &f.ty);
        if !s.repr.c || !b.repr.c || first != Some(&Type::Struct(base.clone())) {
            diag.error(
                *span,
                format!(
                    "`{}` extends `{base}`: mark both `#[repr(C)]` and make the base the \
                     first field of `{}` (`base: {base}`), so that its objects start with \
                     the base's fields",
                    s.name, s.name
                ),
            );
            continue;
        }
        // The chain of bases must end.
        let mut at = base.as_str();
        let mut steps = 0;
        while let Some((next, _)) = program.struct_def(at).and_then(|d| d.extends.as_ref()) {
            at = next;
            steps += 1;
            if steps > program.structs.len() {
                break;
            }
        }
        if steps > program.structs.len() {
            diag.error(
                *span,
                format!("`{}` extends itself through its bases", s.name),
            );
            continue;
        }
        ok.push((&s.name, base));
    }
    let children = |name: &str| -> Vec<&str> {
        ok.iter()
            .filter(|(_, b)| *b == name)
            .map(|(c, _)| *c)
            .collect()
    };
    fn preorder<'a>(
        name: &'a str,
        children: &dyn Fn(&str) -> Vec<&'a str>,
        out: &mut Vec<(String, u32)>,
    ) {
        let at = out.len();
        out.push((name.to_string(), 0));
        for c in children(name) {
            preorder(c, children, out);
        }
        out[at].1 = (out.len() - at - 1) as u32;
    }
    let roots: Vec<&str> = program
        .structs
        .iter()
        .map(|s| s.name.as_str())
        .filter(|n| !ok.iter().any(|(c, _)| c == n) && ok.iter().any(|(_, b)| b == n))
        .collect();
    let mut out = Vec::new();
    for root in roots {
        let mut h = Vec::new();
        preorder(root, &children, &mut h);
        for (name, _) in &h {
            let t = Type::Struct(name.clone());
            if !gc_types.contains(&t) {
                gc_types.push(t);
            }
        }
        out.push(h);
    }
    out
}

/// The name of the static `TypeInfo` of class `name` of a hierarchy, and of the static
/// array of a hierarchy's classes (by its root).
fn class_info_ident(name: &str) -> syn::Ident {
    syn::Ident::new(&format!("__PYRITE_CLASS_{name}"), Span::call_site())
}

fn hierarchy_ident(root: &str) -> syn::Ident {
    syn::Ident::new(&format!("__PYRITE_HIERARCHY_{root}"), Span::call_site())
}

/// The `GcType` impls of every GC struct and the class hierarchies' arrays.
fn gc_impls(layouts: &Layouts) -> Vec<TokenStream> {
    let mut out: Vec<TokenStream> = layouts
        .gc_types
        .iter()
        .map(|t| gc_type_impl(layouts, t))
        .collect();
    for h in &layouts.hierarchies {
        let root = hierarchy_ident(&h[0].0);
        let n = h.len();
        let members = h.iter().map(|(c, _)| class_info_ident(c));
        out.push(quote! {
            #[allow(non_upper_case_globals)]
            static #root: [&::jitsupport::gc::TypeInfo; #n] = [#(&#members),*];
        });
    }
    out
}

/// `unsafe impl GcType for S`: the type of a `Gc<S>`, with every reference word of
/// the object listed (the collector traces the heap from these offsets).
fn gc_type_impl(layouts: &Layouts, ty: &Type) -> TokenStream {
    let t = rust_type(ty);
    let name = ty.to_string();
    let mut offsets = Vec::new();
    let mut maybe = Vec::new();
    gc_ref_offsets(
        layouts,
        ty,
        0,
        &mut offsets,
        &mut maybe,
        &[LayoutExpr::GcHeader],
    );
    let words = |list: &[LayoutExpr]| -> Vec<TokenStream> {
        list.iter()
            .map(|o| {
                let o = o.tokens();
                quote!((#o) as u32)
            })
            .collect()
    };
    let offsets = words(&offsets);
    let maybe = words(&maybe);
    let class = layouts.hierarchies.iter().find_map(|h| {
        h.iter()
            .find(|(c, _)| *c == name)
            .map(|(_, d)| (h[0].0.clone(), *d))
    });
    if let Some((root, descendants)) = class {
        let info = class_info_ident(&name);
        let root = hierarchy_ident(&root);
        return quote! {
            #[allow(non_upper_case_globals)]
            static #info: ::jitsupport::gc::TypeInfo = ::jitsupport::gc::TypeInfo::fixed(
                #name,
                ::jitsupport::gc::object_size_of::<#t>(),
                &[#(#offsets),*],
                &[#(#maybe),*],
            )
            .in_hierarchy(&#root, #descendants);
            // SAFETY: as below; the class's id is in its hierarchy's range.
            unsafe impl ::jitsupport::gc::GcType for #t {
                #[inline]
                fn type_info() -> &'static ::jitsupport::gc::TypeInfo {
                    &#info
                }
            }
        };
    }
    quote! {
        // SAFETY: the offsets are `offset_of!` expressions of every field of the struct
        // (and of the value structs it holds inline) whose type is one GC reference word
        // (`Gc`, `Option<Gc>`, `GcCell` of one); the analysis rejects fields whose
        // references it cannot see.
        unsafe impl ::jitsupport::gc::GcType for #t {
            #[inline]
            fn type_info() -> &'static ::jitsupport::gc::TypeInfo {
                static INFO: ::jitsupport::gc::TypeInfo = ::jitsupport::gc::TypeInfo::fixed(
                    #name,
                    ::jitsupport::gc::object_size_of::<#t>(),
                    &[#(#offsets),*],
                    &[#(#maybe),*],
                );
                &INFO
            }
        }
    }
}

/// Collects every struct named in a `Gc<S>` of `ty` into `out`.
fn collect_gc_types(ty: &Type, out: &mut Vec<Type>) {
    match ty {
        Type::Gc(s) if matches!(**s, Type::Struct(_)) && !out.contains(s) => {
            out.push((**s).clone())
        }
        Type::Gc(_) => {}
        Type::Ref { to: t, .. }
        | Type::Option(t)
        | Type::List(t)
        | Type::Array(t, _)
        | Type::GcCell(t) => collect_gc_types(t, out),
        Type::Result(t, e) => {
            collect_gc_types(t, out);
            collect_gc_types(e, out);
        }
        Type::Tuple(ts) => ts.iter().for_each(|t| collect_gc_types(t, out)),
        _ => {}
    }
}
