//! The items of an interpreter module: structs, enums, constants, functions, drivers.
//!
//! [`Program::collect`] walks the `#[jitsupport::interpreter]` module once and records
//! every item the later passes need, with Rust types parsed into [`Type`]. Items it cannot
//! support are reported through [`Diagnostics`], all of them, not only the first.

use crate::aliases::Aliases;
use crate::diag::Diagnostics;
use crate::model::FnHints;
use crate::types::{IntTy, Type};
use proc_macro2::Span;
use syn::spanned::Spanned;

/// A field of a struct, or of an enum variant.
#[derive(Clone, Debug)]
pub struct FieldDef {
    /// The field name; `0`, `1`, ... for tuple fields.
    pub name: String,
    pub ty: Type,
    /// `#[immutable]`: never written after construction; the JIT may constant-fold
    /// reads from a constant object, inside an inline struct or list too. Writes outside
    /// the function that creates the object are errors ([`crate::immutable`]).
    pub immutable: bool,
    /// `#[quasi_immutable]` (RPython's `x?`): rarely written; the JIT folds reads from a
    /// constant object and invalidates that code when the field is written. Every write
    /// goes through `jitsupport::quasi_write!` ([`crate::quasi`]).
    pub quasi_immutable: bool,
    pub span: Span,
}

/// The `#[repr]` of a struct or enum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Repr {
    pub c: bool,
    /// `#[repr(u8)]` and friends.
    pub int: Option<IntTy>,
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub fields: Vec<FieldDef>,
    /// `#[derive(Copy)]`.
    pub is_copy: bool,
    pub repr: Repr,
    /// `#[virtualizable(sp, stack[*])]`: the fields (and arrays, whose items) compiled
    /// code keeps in registers while the struct is a driver's virtualizable.
    pub virtualizable: Option<Vec<VableField>>,
    /// `#[extends(Base)]`: a class of a `GcAny` hierarchy whose base class is `Base`
    /// (its first field holds the `Base`), with the span of the marker.
    pub extends: Option<(String, Span)>,
    pub span: Span,
}

/// An entry of `#[virtualizable(..)]`: a field, or an array field (`name[*]`) whose
/// items are kept.
#[derive(Clone, Debug)]
pub struct VableField {
    pub name: String,
    pub array: bool,
    pub span: Span,
}

impl StructDef {
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[derive(Clone, Debug)]
pub struct VariantDef {
    pub name: String,
    pub fields: Vec<FieldDef>,
    /// The explicit discriminant (`A = 3`), if any.
    pub discriminant: Option<i128>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub name: String,
    pub variants: Vec<VariantDef>,
    pub is_copy: bool,
    pub repr: Repr,
    pub span: Span,
}

impl EnumDef {
    pub fn variant(&self, name: &str) -> Option<&VariantDef> {
        self.variants.iter().find(|v| v.name == name)
    }

    /// True if no variant carries fields.
    pub fn is_fieldless(&self) -> bool {
        self.variants.iter().all(|v| v.fields.is_empty())
    }

    /// The discriminant of each variant, following Rust's rule (previous + 1, from 0).
    pub fn discriminants(&self) -> Vec<i128> {
        let mut next = 0;
        self.variants
            .iter()
            .map(|v| {
                let d = v.discriminant.unwrap_or(next);
                next = d + 1;
                d
            })
            .collect()
    }
}

/// How a method takes `self`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfKind {
    Value,
    Ref,
    RefMut,
}

/// A function or method of the module, with its signature parsed.
#[derive(Clone, Debug)]
pub struct FnDef {
    /// `run`, or `Frame::push` for a method of `impl Frame`.
    pub name: String,
    /// The name of the type of the `impl` block this function is in, if any.
    pub impl_of: Option<String>,
    /// That type: a struct or an enum of the module.
    pub impl_type: Option<Type>,
    pub self_kind: Option<SelfKind>,
    /// The declared parameters after `self`: name (or `_`) and type.
    pub params: Vec<(String, Type)>,
    pub ret: Type,
    pub hints: FnHints,
    pub sig: syn::Signature,
    pub body: syn::Block,
    pub span: Span,
}

impl FnDef {
    /// Whether this is a portal: a function with a `jit_merge_point!`.
    pub fn is_portal(&self) -> bool {
        let body = &self.body;
        quote::quote!(#body).to_string().contains("jit_merge_point")
    }

    /// The type of `self`, if the function has a receiver.
    pub fn self_type(&self) -> Option<Type> {
        let base = self.impl_type.clone()?;
        Some(match self.self_kind? {
            SelfKind::Value => base,
            SelfKind::Ref => Type::shared_ref(base),
            SelfKind::RefMut => Type::mut_ref(base),
        })
    }
}

/// A `const` item: its type and its initializer expression.
#[derive(Clone, Debug)]
pub struct ConstItem {
    pub name: String,
    pub ty: Type,
    pub expr: syn::Expr,
    pub span: Span,
}

/// A `static NAME: JitDriver = JitDriver::new(&[greens], &[reds]);` declaration.
#[derive(Clone, Debug)]
pub struct DriverDef {
    pub name: String,
    pub greens: Vec<String>,
    pub reds: Vec<String>,
    /// `.virtualizable("frame")`: the red that is the driver's virtualizable.
    pub virtualizable: Option<(String, Span)>,
    pub span: Span,
}

/// Everything the analysis knows about the module before looking inside function bodies.
#[derive(Clone, Debug, Default)]
pub struct Program {
    /// The module's name.
    pub name: String,
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub consts: Vec<ConstItem>,
    pub functions: Vec<FnDef>,
    pub drivers: Vec<DriverDef>,
    /// The module's `type` aliases, expanded wherever a type is parsed.
    pub aliases: Aliases,
    /// The structs a portal (a function with a `jit_merge_point!`) returns by value: the
    /// JIT hands a portal's result back to native code as one value, so these stay in
    /// memory rather than being value structs.
    pub portal_results: Vec<String>,
}

impl Program {
    pub fn struct_def(&self, name: &str) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.name == name)
    }

    pub fn enum_def(&self, name: &str) -> Option<&EnumDef> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// True for a *value struct*: a `#[derive(Copy)]` struct of the module whose fields
    /// are all scalars (integers, `bool`, `char`, `f64`, fieldless enums), shared
    /// references to memory, `Option` of such a reference, or value structs themselves.
    /// The rtyper flattens a value struct into the leaves of its fields (see
    /// `rtyper::repr`), so that a copy is a copy; the flow builder asks this to decide
    /// where a place must stay a pointer (`h.c.a = 1`) and where a local must be rebound
    /// (`c.a = 1`).
    pub fn is_value_type(&self, ty: &Type) -> bool {
        self.is_value_type_in(ty, 0)
    }

    fn is_value_type_in(&self, ty: &Type, depth: u32) -> bool {
        let Type::Struct(name) = ty else {
            return false;
        };
        let Some(def) = self.struct_def(name) else {
            return false;
        };
        // A recursive value struct cannot exist in Rust; the depth bound only keeps a
        // malformed module from looping here.
        def.is_copy
            && depth < 16
            && !self.portal_results.contains(name)
            && !def.fields.is_empty()
            && def
                .fields
                .iter()
                .all(|f| self.is_flat_field(&f.ty, depth + 1))
    }

    /// True for a *value enum*: a `#[derive(Clone, Copy)]` enum with payload and an
    /// integer `#[repr]` whose variants' fields are all flat (integers, floats, `bool`,
    /// `char`, GC references, value structs and enums, shared references to memory),
    /// such as `enum Value { Int(i64), Float(f64), Obj(GcAny) }`. Like a value struct it
    /// is held in variables as leaves (its tag, then every variant's fields: see
    /// `rtyper::repr`), so that a copy is a copy and moving one allocates nothing; in
    /// memory it has Rust's `#[repr(u8)]` layout, held inline.
    pub fn is_value_enum(&self, ty: &Type) -> bool {
        self.is_value_enum_in(ty, 0)
    }

    fn is_value_enum_in(&self, ty: &Type, depth: u32) -> bool {
        let Type::Enum(name) = ty else {
            return false;
        };
        let Some(def) = self.enum_def(name) else {
            return false;
        };
        def.is_copy
            && depth < 16
            && def.repr.int.is_some()
            && !def.is_fieldless()
            && def.variants.iter().all(|v| {
                v.fields
                    .iter()
                    .all(|f| self.is_flat_field(&f.ty, depth + 1))
            })
    }

    fn is_flat_field(&self, ty: &Type, depth: u32) -> bool {
        let is_memory = |t: &Type| match t {
            Type::Struct(_) | Type::List(_) | Type::Array(..) | Type::Opaque(_) => true,
            Type::Enum(e) => {
                self.enum_def(e).is_some_and(|d| !d.is_fieldless()) && !self.is_value_enum(t)
            }
            _ => false,
        };
        match ty {
            Type::Int(_)
            | Type::Bool
            | Type::Char
            | Type::F64
            | Type::Gc(_)
            | Type::GcAny
            | Type::GcArray(_)
            | Type::GcStr
            | Type::StrBuilder => true,
            Type::Option(t)
                if matches!(
                    **t,
                    Type::Gc(_) | Type::GcAny | Type::GcArray(_) | Type::GcStr | Type::StrBuilder
                ) =>
            {
                true
            }
            Type::Enum(e) => {
                self.enum_def(e).is_some_and(EnumDef::is_fieldless)
                    || self.is_value_enum_in(ty, depth)
            }
            Type::Struct(_) => self.is_value_type_in(ty, depth),
            Type::Ref { mutable: false, to } => is_memory(to) && !self.is_value_type(to),
            Type::Option(t) => {
                matches!(&**t, Type::Ref { mutable: false, to } if is_memory(to) && !self.is_value_type(to))
            }
            _ => false,
        }
    }

    pub fn function(&self, name: &str) -> Option<&FnDef> {
        self.functions.iter().find(|f| f.name == name)
    }

    pub fn const_item(&self, name: &str) -> Option<&ConstItem> {
        self.consts.iter().find(|c| c.name == name)
    }

    pub fn driver(&self, name: &str) -> Option<&DriverDef> {
        self.drivers.iter().find(|d| d.name == name)
    }

    /// Collects the items of `module`; errors go to `diag`.
    pub fn collect(module: &syn::ItemMod, diag: &mut Diagnostics) -> Program {
        let mut program = Program {
            name: module.ident.to_string(),
            ..Program::default()
        };
        let Some((_, items)) = &module.content else {
            diag.error(
                module.span(),
                "#[jitsupport::interpreter] needs an inline module (`mod core { ... }`): \
                 the analysis must see every item of the core",
            );
            return program;
        };
        // Names first, so that types may refer to items declared later.
        program.aliases = Aliases::collect(items, diag);
        for item in items {
            match item {
                syn::Item::Struct(s) => program.structs.push(StructDef {
                    name: s.ident.to_string(),
                    fields: Vec::new(),
                    is_copy: derives_copy(&s.attrs),
                    repr: parse_repr(&s.attrs),
                    virtualizable: parse_virtualizable(&s.attrs, diag),
                    extends: parse_extends(&s.attrs, diag),
                    span: s.ident.span(),
                }),
                syn::Item::Enum(e) => program.enums.push(EnumDef {
                    name: e.ident.to_string(),
                    variants: Vec::new(),
                    is_copy: derives_copy(&e.attrs),
                    repr: parse_repr(&e.attrs),
                    span: e.ident.span(),
                }),
                _ => {}
            }
        }
        for item in items {
            program.collect_item(item, diag);
        }
        let portal_results: Vec<String> = program
            .functions
            .iter()
            .filter(|f| f.is_portal())
            .filter_map(|f| match f.ret.deref_all() {
                Type::Struct(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        program.portal_results = portal_results;
        program.check_portal_results(diag);
        program.check_virtualizables(diag);
        program
    }

    /// A portal's result goes back to native code as one word (a primitive or a
    /// reference) or as the address of a struct of the module: a `Result`, an `Option`,
    /// an enum, a tuple or a `Gc` handle would be lost by its jitcode and is refused by a
    /// JIT build's hooks, so it is an error here, where the blackhole and the tests see it
    /// too.
    fn check_portal_results(&self, diag: &mut Diagnostics) {
        for f in self.functions.iter().filter(|f| f.is_portal()) {
            let ok = matches!(
                f.ret,
                Type::Unit
                    | Type::Never
                    | Type::Int(_)
                    | Type::Bool
                    | Type::Char
                    | Type::F64
                    | Type::Ref { .. }
                    | Type::Struct(_)
            );
            if !ok {
                diag.error(
                    syn::spanned::Spanned::span(&f.sig.output),
                    format!(
                        "`{}` is a portal (it has the `jit_merge_point!`), and a portal returns \
                         `()`, a primitive, a reference or a struct of the module, not `{}`: \
                         return a struct holding it (the JIT hands a portal's result back to \
                         native code as one value)",
                        f.name, f.ret
                    ),
                );
            }
        }
    }

    /// The struct marked `#[virtualizable(..)]`, if any.
    pub fn virtualizable_struct(&self) -> Option<&StructDef> {
        self.structs.iter().find(|s| s.virtualizable.is_some())
    }

    /// The checks of `#[virtualizable(..)]` and `.virtualizable(red)`: one virtualizable
    /// struct at most; its entries name its fields, `name[*]` a `GcArray` field marked
    /// `#[immutable]` (the array lives as long as the frame, so its length is fixed); a
    /// driver's virtualizable is one of its reds, and needs the struct.
    fn check_virtualizables(&self, diag: &mut Diagnostics) {
        let marked: Vec<&StructDef> = self
            .structs
            .iter()
            .filter(|s| s.virtualizable.is_some())
            .collect();
        for extra in marked.iter().skip(1) {
            diag.error(
                extra.span,
                format!(
                    "a second virtualizable struct (`{}` is one already): a module has at \
                     most one, the frame of its driver",
                    marked[0].name
                ),
            );
        }
        for s in &marked {
            for entry in s.virtualizable.iter().flatten() {
                let Some(field) = s.field(&entry.name) else {
                    diag.error(
                        entry.span,
                        format!("`{}` has no field `{}`", s.name, entry.name),
                    );
                    continue;
                };
                if entry.array {
                    if !matches!(field.ty, Type::GcArray(_)) {
                        diag.error(
                            entry.span,
                            format!(
                                "`{}[*]` lists the items of an array, but `{}.{}` is a {}, \
                                 not a `GcArray`",
                                entry.name, s.name, entry.name, field.ty
                            ),
                        );
                    } else if !field.immutable {
                        diag.error(
                            field.span,
                            format!(
                                "the virtualizable array `{}` must keep its array while the \
                                 frame lives: mark the field #[immutable]",
                                entry.name
                            ),
                        );
                    }
                } else if field.immutable || field.quasi_immutable {
                    diag.error(
                        entry.span,
                        format!(
                            "`{}` is immutable: list only fields the interpreter writes",
                            entry.name
                        ),
                    );
                }
            }
        }
        for d in &self.drivers {
            let Some((red, span)) = &d.virtualizable else {
                continue;
            };
            if !d.reds.contains(red) {
                diag.error(
                    *span,
                    format!(
                        "the virtualizable `{red}` is not a red of the driver (its reds: {})",
                        d.reds.join(", ")
                    ),
                );
            } else if marked.is_empty() {
                diag.error(
                    *span,
                    "a driver with a virtualizable needs a struct marked \
                     `#[virtualizable(field, array[*], ...)]` in the module, the type of the red",
                );
            }
        }
    }

    fn collect_item(&mut self, item: &syn::Item, diag: &mut Diagnostics) {
        match item {
            syn::Item::Struct(s) => {
                let fields = self.fields(&s.fields, diag);
                let name = s.ident.to_string();
                if let Some(def) = self.structs.iter_mut().find(|d| d.name == name) {
                    def.fields = fields;
                }
                if !s.generics.params.is_empty() {
                    diag.error(
                        s.generics.span(),
                        "generic structs are not supported in an interpreter module; \
                         make the struct concrete or move it out of the module",
                    );
                }
            }
            syn::Item::Enum(e) => {
                let mut variants = Vec::new();
                for v in &e.variants {
                    let discriminant = v.discriminant.as_ref().and_then(|(_, expr)| {
                        let value = int_literal(expr);
                        if value.is_none() {
                            diag.error(expr.span(), "enum discriminants must be integer literals");
                        }
                        value
                    });
                    variants.push(VariantDef {
                        name: v.ident.to_string(),
                        fields: self.fields(&v.fields, diag),
                        discriminant,
                        span: v.ident.span(),
                    });
                }
                let name = e.ident.to_string();
                if let Some(def) = self.enums.iter_mut().find(|d| d.name == name) {
                    def.variants = variants;
                }
                if !e.generics.params.is_empty() {
                    diag.error(
                        e.generics.span(),
                        "generic enums are not supported in an interpreter module; \
                         make the enum concrete or move it out of the module",
                    );
                }
            }
            syn::Item::Const(c) => {
                let ty = self.parse_type(&c.ty, None, diag);
                let expr = self.rewrite_const_expr(&c.expr, None);
                self.consts.push(ConstItem {
                    name: c.ident.to_string(),
                    ty,
                    expr,
                    span: c.ident.span(),
                });
            }
            syn::Item::Static(s) => {
                if let Some(driver) = parse_driver(s, diag) {
                    self.drivers.push(driver);
                } else {
                    diag.error(
                        s.span(),
                        "a static in an interpreter module must be a JIT driver: \
                         `static DRIVER: JitDriver = JitDriver::new(&[\"green\", ...], &[\"red\", ...]);`; \
                         move other statics out of the module",
                    );
                }
            }
            syn::Item::Fn(f) => {
                let def = self.fn_def(&f.sig, &f.block, &f.attrs, None, diag);
                self.functions.push(def);
            }
            syn::Item::Impl(imp) => self.collect_impl(imp, diag),
            syn::Item::Use(_) | syn::Item::Macro(_) | syn::Item::Type(_) => {}
            other => diag.error(
                other.span(),
                "this kind of item is not supported in an interpreter module; \
                 move it out of the module (code outside is opaque to the JIT)",
            ),
        }
    }

    fn collect_impl(&mut self, imp: &syn::ItemImpl, diag: &mut Diagnostics) {
        if let Some((_, path, _)) = &imp.trait_ {
            // Trait impls (Clone, Debug, Display, ...) are for the native build only: the
            // JIT never looks inside them, and calls to their methods from the core are
            // residual.
            let _ = path;
            return;
        }
        let self_name = match &*imp.self_ty {
            syn::Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                // `impl F` with `type F = Frame;` is `impl Frame`.
                self.aliases
                    .item_name(&name, &|n| self.is_item(n))
                    .unwrap_or(name)
            }
            other => {
                diag.error(
                    other.span(),
                    "an impl in an interpreter module must be for a struct or enum of the module",
                );
                return;
            }
        };
        if !imp.generics.params.is_empty() {
            diag.error(
                imp.generics.span(),
                "generic impls are not supported in an interpreter module",
            );
        }
        for item in &imp.items {
            match item {
                syn::ImplItem::Fn(m) => {
                    let def = self.fn_def(&m.sig, &m.block, &m.attrs, Some(&self_name), diag);
                    self.functions.push(def);
                }
                // An associated const is a const of the module named `Type::NAME`;
                // `Self` in its value is the impl's type.
                syn::ImplItem::Const(c) => {
                    let ty = self.parse_type(&c.ty, Some(&self_name), diag);
                    let expr = self.rewrite_const_expr(&c.expr, Some(&self_name));
                    self.consts.push(ConstItem {
                        name: format!("{self_name}::{}", c.ident),
                        ty,
                        expr,
                        span: c.ident.span(),
                    });
                }
                other => diag.error(
                    other.span(),
                    "only methods and consts are supported in an impl of an interpreter module",
                ),
            }
        }
    }

    fn fn_def(
        &self,
        sig: &syn::Signature,
        body: &syn::Block,
        attrs: &[syn::Attribute],
        impl_of: Option<&str>,
        diag: &mut Diagnostics,
    ) -> FnDef {
        if !sig.generics.params.is_empty() {
            let only_lifetimes = sig
                .generics
                .params
                .iter()
                .all(|p| matches!(p, syn::GenericParam::Lifetime(_)));
            if !only_lifetimes {
                diag.error(
                    sig.generics.span(),
                    "generic functions are not supported in an interpreter module; \
                     write a concrete function or move it out of the module",
                );
            }
        }
        if let Some(a) = &sig.asyncness {
            diag.error(
                a.span(),
                "async functions are not supported in an interpreter module",
            );
        }
        if let Some(u) = &sig.unsafety {
            diag.error(
                u.span(),
                "unsafe functions are not supported in an interpreter module; \
                 move them out of the module and call them from it",
            );
        }
        let mut self_kind = None;
        let mut params = Vec::new();
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(r) => {
                    self_kind = Some(match (&r.reference, r.mutability) {
                        (None, _) => SelfKind::Value,
                        (Some(_), None) => SelfKind::Ref,
                        (Some(_), Some(_)) => SelfKind::RefMut,
                    });
                }
                syn::FnArg::Typed(pt) => {
                    let name = match &*pt.pat {
                        syn::Pat::Ident(id) => id.ident.to_string(),
                        syn::Pat::Wild(_) => "_".to_string(),
                        other => {
                            diag.error(
                                other.span(),
                                "parameters must be plain names in an interpreter module",
                            );
                            "_".to_string()
                        }
                    };
                    params.push((name, self.parse_type(&pt.ty, impl_of, diag)));
                }
            }
        }
        let ret = match &sig.output {
            syn::ReturnType::Default => Type::Unit,
            syn::ReturnType::Type(_, t) => self.parse_type(t, impl_of, diag),
        };
        let name = match impl_of {
            Some(ty) => format!("{ty}::{}", sig.ident),
            None => sig.ident.to_string(),
        };
        FnDef {
            name,
            impl_of: impl_of.map(str::to_string),
            impl_type: impl_of.map(|name| self.named_type(name)),
            self_kind,
            params,
            ret,
            hints: parse_hints(attrs),
            sig: sig.clone(),
            body: {
                let mut body = body.clone();
                self.aliases.rewrite_body(&mut body, &|n| self.is_item(n));
                body
            },
            span: sig.ident.span(),
        }
    }

    fn fields(&self, fields: &syn::Fields, diag: &mut Diagnostics) -> Vec<FieldDef> {
        fields
            .iter()
            .enumerate()
            .map(|(i, f)| FieldDef {
                name: f
                    .ident
                    .as_ref()
                    .map_or_else(|| i.to_string(), |id| id.to_string()),
                ty: self.parse_type(&f.ty, None, diag),
                immutable: f.attrs.iter().any(|a| attr_is(a, "immutable")),
                quasi_immutable: f.attrs.iter().any(|a| attr_is(a, "quasi_immutable")),
                span: f.span(),
            })
            .collect()
    }

    /// Parses a Rust type as written in the module. `self_ty` is the type `Self` stands for.
    /// Types the analysis cannot look inside become [`Type::Opaque`]. The module's type
    /// aliases are expanded first ([`crate::aliases`]).
    /// The value of a `const` as the flow builder inlines it: aliases of the module's
    /// items resolved, and `Self` (in an impl of `self_ty`) replaced by the type's name,
    /// since the value is inlined into functions of other impls too.
    pub fn rewrite_const_expr(&self, expr: &syn::Expr, self_ty: Option<&str>) -> syn::Expr {
        let mut expr = expr.clone();
        self.aliases.rewrite_expr(&mut expr, &|n| self.is_item(n));
        if let Some(name) = self_ty {
            struct SelfPaths<'a>(&'a str);
            impl syn::visit_mut::VisitMut for SelfPaths<'_> {
                fn visit_path_mut(&mut self, p: &mut syn::Path) {
                    if p.segments.len() > 1 && p.segments[0].ident == "Self" {
                        p.segments[0].ident = syn::Ident::new(self.0, p.segments[0].ident.span());
                    }
                    syn::visit_mut::visit_path_mut(self, p);
                }
            }
            syn::visit_mut::VisitMut::visit_expr_mut(&mut SelfPaths(name), &mut expr);
        }
        expr
    }

    pub fn parse_type(
        &self,
        ty: &syn::Type,
        self_ty: Option<&str>,
        diag: &mut Diagnostics,
    ) -> Type {
        if self.aliases.defs.is_empty() {
            return self.parse_expanded(ty, self_ty, diag);
        }
        // An error in a type written in an alias is reported once, at the alias, not
        // once per use.
        let mut scratch = Diagnostics::new();
        let expanded = self.aliases.expand(ty, &mut scratch);
        let parsed = self.parse_expanded(&expanded, self_ty, &mut scratch);
        let key = |e: &syn::Error| (format!("{:?}", e.span()), e.to_string());
        for e in scratch.errors() {
            if !diag.errors().iter().any(|d| key(d) == key(e)) {
                diag.push(e.clone());
            }
        }
        parsed
    }

    /// [`Self::parse_type`] of a type without aliases.
    fn parse_expanded(
        &self,
        ty: &syn::Type,
        self_ty: Option<&str>,
        diag: &mut Diagnostics,
    ) -> Type {
        match ty {
            syn::Type::Reference(r) => {
                let to = self.parse_expanded(&r.elem, self_ty, diag);
                if to == Type::Str {
                    return Type::Str;
                }
                // `&[u8]`: borrowed bytes.
                if let (syn::Type::Slice(sl), None) = (&*r.elem, r.mutability) {
                    if matches!(&*sl.elem, syn::Type::Path(p) if p.path.is_ident("u8")) {
                        return Type::Bytes;
                    }
                }
                Type::Ref {
                    mutable: r.mutability.is_some(),
                    to: Box::new(to),
                }
            }
            syn::Type::Paren(p) => self.parse_expanded(&p.elem, self_ty, diag),
            syn::Type::Group(g) => self.parse_expanded(&g.elem, self_ty, diag),
            syn::Type::Never(_) => Type::Never,
            syn::Type::Tuple(t) => match t.elems.len() {
                0 => Type::Unit,
                1 => self.parse_expanded(&t.elems[0], self_ty, diag),
                _ => Type::Tuple(
                    t.elems
                        .iter()
                        .map(|e| self.parse_expanded(e, self_ty, diag))
                        .collect(),
                ),
            },
            syn::Type::Array(a) => {
                let elem = self.parse_expanded(&a.elem, self_ty, diag);
                match self.const_usize(&a.len) {
                    Some(n) => Type::Array(Box::new(elem), n),
                    None => {
                        diag.error(
                            a.len.span(),
                            "array lengths must be integer literals or constants of the module",
                        );
                        Type::Array(Box::new(elem), 0)
                    }
                }
            }
            syn::Type::Path(p) if p.qself.is_none() => self.parse_path_type(&p.path, self_ty, diag),
            other => {
                let text = quote::quote!(#other).to_string();
                Type::Opaque(text)
            }
        }
    }

    fn parse_path_type(
        &self,
        path: &syn::Path,
        self_ty: Option<&str>,
        diag: &mut Diagnostics,
    ) -> Type {
        let last = path.segments.last().expect("a path has a segment");
        let name = last.ident.to_string();
        let single = path.segments.len() == 1;
        let generic_args: Vec<&syn::Type> = match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => a
                .args
                .iter()
                .filter_map(|arg| match arg {
                    syn::GenericArgument::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let one_arg = |this: &Program, diag: &mut Diagnostics| -> Type {
            match generic_args.as_slice() {
                [t] => this.parse_expanded(t, self_ty, diag),
                _ => {
                    diag.error(last.span(), format!("`{name}` takes one type argument"));
                    Type::Unit
                }
            }
        };
        if single {
            if let Some(t) = IntTy::from_name(&name) {
                return Type::Int(t);
            }
            match name.as_str() {
                "bool" => return Type::Bool,
                "char" => return Type::Char,
                "f64" => return Type::F64,
                "str" => return Type::Str,
                "Self" => {
                    if let Some(s) = self_ty {
                        return self.named_type(s);
                    }
                }
                _ => {}
            }
            if self.struct_def(&name).is_some() || self.enum_def(&name).is_some() {
                return self.named_type(&name);
            }
        }
        let std_prelude = single
            || path
                .segments
                .iter()
                .next()
                .is_some_and(|s| s.ident == "std" || s.ident == "core");
        if name == "Option" && std_prelude {
            return Type::Option(Box::new(one_arg(self, diag)));
        }
        if name == "Result" && std_prelude {
            if let [t, e] = generic_args.as_slice() {
                let t = self.parse_expanded(t, self_ty, diag);
                let e = self.parse_expanded(e, self_ty, diag);
                return Type::Result(Box::new(t), Box::new(e));
            }
        }
        let is_jitsupport = single
            || path
                .segments
                .iter()
                .next()
                .is_some_and(|s| s.ident == "jitsupport");
        if name == "List" && is_jitsupport {
            return Type::List(Box::new(one_arg(self, diag)));
        }
        let is_gc = is_jitsupport
            || path.segments.len() == 3
                && path.segments[0].ident == "jitsupport"
                && path.segments[1].ident == "gc";
        if is_gc && self.struct_def(&name).is_none() {
            match name.as_str() {
                "Gc" => {
                    let to = one_arg(self, diag);
                    if !matches!(to, Type::Struct(_)) {
                        diag.error(
                            last.span(),
                            format!(
                                "`Gc<{to}>`: the JIT handles `Gc` of structs of the interpreter \
                                 module only; wrap the value in a struct"
                            ),
                        );
                    }
                    return Type::Gc(Box::new(to));
                }
                "GcCell" => return Type::GcCell(Box::new(one_arg(self, diag))),
                "GcAny" if generic_args.is_empty() => return Type::GcAny,
                "GcStr" if generic_args.is_empty() => return Type::GcStr,
                "StrBuilder" if generic_args.is_empty() => return Type::StrBuilder,
                "GcArray" => return Type::GcArray(Box::new(one_arg(self, diag))),
                _ => {}
            }
        }
        Type::Opaque(quote::quote!(#path).to_string().replace(' ', ""))
    }

    /// True if `name` is a struct or enum of the module.
    fn is_item(&self, name: &str) -> bool {
        self.struct_def(name).is_some() || self.enum_def(name).is_some()
    }

    fn named_type(&self, name: &str) -> Type {
        if self.enum_def(name).is_some() {
            Type::Enum(name.to_string())
        } else {
            Type::Struct(name.to_string())
        }
    }

    /// Evaluates an array length: an integer literal or a constant of the module.
    pub fn const_usize(&self, expr: &syn::Expr) -> Option<u64> {
        if let Some(v) = int_literal(expr) {
            return u64::try_from(v).ok();
        }
        if let syn::Expr::Path(p) = expr {
            let name = p.path.get_ident()?.to_string();
            let item = self.const_item(&name)?;
            return int_literal(&item.expr).and_then(|v| u64::try_from(v).ok());
        }
        None
    }
}

/// The value of an integer literal expression (possibly negated), if it is one.
pub fn int_literal(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse::<i128>().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => int_literal(expr).map(|v| -v),
        syn::Expr::Paren(p) => int_literal(&p.expr),
        syn::Expr::Group(g) => int_literal(&g.expr),
        _ => None,
    }
}

/// True if the attribute's path ends in `name` (`#[elidable]`, `#[jitsupport::elidable]`).
/// The base class of `#[extends(Base)]` among `attrs`, with the marker's span.
fn parse_extends(attrs: &[syn::Attribute], diag: &mut Diagnostics) -> Option<(String, Span)> {
    let attr = attrs.iter().find(|a| attr_is(a, "extends"))?;
    match attr.parse_args::<syn::Ident>() {
        Ok(base) => Some((base.to_string(), attr.span())),
        Err(_) => {
            diag.error(
                attr.span(),
                "write `#[extends(Base)]` with the name of the base class, a struct of the module",
            );
            None
        }
    }
}

pub fn attr_is(attr: &syn::Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
}

/// The JIT hints among a function's attributes.
pub fn parse_hints(attrs: &[syn::Attribute]) -> FnHints {
    FnHints {
        elidable: attrs.iter().any(|a| attr_is(a, "elidable")),
        dont_look_inside: attrs.iter().any(|a| attr_is(a, "dont_look_inside")),
        unroll_safe: attrs.iter().any(|a| attr_is(a, "unroll_safe")),
        loop_invariant: attrs.iter().any(|a| attr_is(a, "loop_invariant")),
    }
}

fn derives_copy(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            let mut copy = false;
            let _ = a.parse_nested_meta(|meta| {
                if meta.path.segments.last().is_some_and(|s| s.ident == "Copy") {
                    copy = true;
                }
                Ok(())
            });
            copy
        })
}

fn parse_repr(attrs: &[syn::Attribute]) -> Repr {
    let mut repr = Repr::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let _ = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("C") {
                repr.c = true;
            } else if let Some(id) = meta.path.get_ident() {
                if let Some(t) = IntTy::from_name(&id.to_string()) {
                    repr.int = Some(t);
                }
            }
            Ok(())
        });
    }
    repr
}

/// Recognises `static NAME: JitDriver = JitDriver::new(&["g", ...], &["r", ...]);`.
fn parse_driver(s: &syn::ItemStatic, diag: &mut Diagnostics) -> Option<DriverDef> {
    let is_driver_type = matches!(&*s.ty, syn::Type::Path(p)
        if p.path.segments.last().is_some_and(|seg| seg.ident == "JitDriver"));
    if !is_driver_type {
        return None;
    }
    // `JitDriver::new(..).virtualizable("frame")`.
    let mut virtualizable = None;
    let mut expr = &*s.expr;
    if let syn::Expr::MethodCall(m) = expr {
        if m.method != "virtualizable" || m.args.len() != 1 {
            diag.error(
                m.method.span(),
                "the only method of a driver's declaration is `.virtualizable(\"red\")`",
            );
            return None;
        }
        match &m.args[0] {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => virtualizable = Some((s.value(), s.span())),
            other => {
                diag.error(
                    other.span(),
                    "the virtualizable is a string literal naming a red",
                );
                return None;
            }
        }
        expr = &m.receiver;
    }
    let call = match expr {
        syn::Expr::Call(c) => c,
        other => {
            diag.error(
                other.span(),
                "declare a driver as `JitDriver::new(&[\"green\", ...], &[\"red\", ...])`",
            );
            return None;
        }
    };
    let names = |expr: &syn::Expr, diag: &mut Diagnostics| -> Vec<String> {
        let array = match expr {
            syn::Expr::Reference(r) => match &*r.expr {
                syn::Expr::Array(a) => Some(a),
                _ => None,
            },
            _ => None,
        };
        let Some(array) = array else {
            diag.error(
                expr.span(),
                "greens and reds are given as `&[\"name\", ...]`, naming local variables",
            );
            return Vec::new();
        };
        array
            .elems
            .iter()
            .filter_map(|e| match e {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                other => {
                    diag.error(
                        other.span(),
                        "a green or red is a string literal naming a variable",
                    );
                    None
                }
            })
            .collect()
    };
    if call.args.len() != 2 {
        diag.error(
            call.span(),
            "JitDriver::new takes two arguments: the greens and the reds",
        );
        return None;
    }
    let greens = names(&call.args[0], diag);
    let reds = names(&call.args[1], diag);
    if reds.is_empty() {
        diag.error(
            call.args[1].span(),
            "a JIT driver needs at least one red variable",
        );
    }
    Some(DriverDef {
        name: s.ident.to_string(),
        greens,
        reds,
        virtualizable,
        span: s.ident.span(),
    })
}

/// Parses `#[virtualizable(sp, stack[*])]` on a struct.
fn parse_virtualizable(
    attrs: &[syn::Attribute],
    diag: &mut Diagnostics,
) -> Option<Vec<VableField>> {
    let attr = attrs.iter().find(|a| attr_is(a, "virtualizable"))?;
    let parsed = attr.parse_args_with(|input: syn::parse::ParseStream| {
        let mut entries = Vec::new();
        while !input.is_empty() {
            let name: syn::Ident = input.parse()?;
            let mut array = false;
            if input.peek(syn::token::Bracket) {
                let inner;
                syn::bracketed!(inner in input);
                inner.parse::<syn::Token![*]>()?;
                array = true;
            }
            entries.push(VableField {
                name: name.to_string(),
                array,
                span: name.span(),
            });
            if input.is_empty() {
                break;
            }
            input.parse::<syn::Token![,]>()?;
        }
        Ok(entries)
    });
    match parsed {
        Ok(entries) if !entries.is_empty() => Some(entries),
        Ok(_) => {
            diag.error(
                attr.span(),
                "list the fields the JIT keeps: `#[virtualizable(sp, stack[*])]`",
            );
            None
        }
        Err(e) => {
            diag.error(
                e.span(),
                format!("{e}: list fields and arrays as `#[virtualizable(sp, stack[*])]`"),
            );
            None
        }
    }
}
