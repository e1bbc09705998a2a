//! Shims: one `unsafe extern "C-unwind" fn(ints, refs, floats, result)` per residual
//! function, the uniform signature through which jitcode calls native code
//! (`jitsupport::jitcode::Shim`).
//!
//! A shim reads the function's arguments from the three arrays, each kind in the
//! callee's parameter order (the `k`-th int-kind leaf from `ints[k]`, and so on),
//! converts each to its parameter type, calls the function by its path, and writes the
//! leaves of the result to `result[0]`, `result[1]`, ... as bits. The conversions mirror
//! the rtyper's representation of values (`rtyper::repr`):
//!
//! | parameter or result type | leaves | argument from the leaves | result to bits |
//! |---|---|---|---|
//! | integers | one int | `x as T` | `v as i64` (sign- or zero-extended) |
//! | `bool` | one int | `x != 0` | 0 or 1 |
//! | `char` | one int | the code point | the code point |
//! | fieldless enum | one int | the variant with that discriminant | the discriminant |
//! | `f64` | one float | as is | `to_bits` |
//! | `&T`, `&mut T` of a struct, list, array or enum with payload | one ref | the address as a reference | the address |
//! | `&T` of any other type | the leaves of `T` | a reference to the value | the leaves of `*v` |
//! | `Option<&T>` | one ref, null for `None` | `as_ref` / `as_mut` | the address or 0 |
//! | other `Option<T>` | an int tag, then the leaves of `T` | `Some` when the tag is 1 | 1 and the leaves, or 0 and zeros |
//! | tuples | the leaves of each element | a tuple | each element's leaves |
//! | value struct | the leaves of its fields | the struct | each field's leaves |
//! | value enum | an int tag, then every variant's fields' leaves | the variant the tag names | the discriminant, this variant's leaves, zeros for the others |
//! | `&str`, `&[u8]` | a ref to its first byte and an int, its length | the string or bytes | its pointer and length |
//!
//! That table is for functions of the interpreter module, whose exact signature the
//! analysis knows. A function outside the module is known only by the types at its
//! call, which may differ from its declaration (an `i64` literal for a `bool`, a
//! `&mut List<T>` for a `*mut List<T>`): its shim converts each leaf by its kind with
//! the `jitsupport::shim` traits (`IntArg`, `RefArg`, `IntoBits`), so that rustc picks
//! the conversion from the real signature. The module's fieldless enums get those
//! traits too ([`enum_conversions`]). A parameter or result of several leaves (or a
//! value struct or enum) is converted with the type at the call, as in the table.
//!
//! A result of several leaves goes back as `rtyper::lower::result_passing` says (see
//! `jitsupport::llresult`): the first leaf in `result[0]` and all of them in the
//! per-thread stash, or, for an elidable or loop-invariant function, the address of a
//! boxed result (an immutable GC object holding them) in `result[0]`.
//!
//! Types the rtyper never lets through a residual call (values of opaque types, struct
//! values passed by value) still get code, which panics with an internal error.

use crate::jitcode::Kind;
use crate::{CallClass, ResidualFunction};
use annotator::{Program, Type};
use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use rtyper::layout::rust_type;
use rtyper::lower::ResultPassing;
use rtyper::repr;

/// The name of the shim of function `index` named `name`: `__pyrite_shim_3_Frame__pop2`.
pub fn shim_ident(index: usize, name: &str) -> syn::Ident {
    let mut clean = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            clean.push(c);
        } else if !clean.ends_with('_') {
            clean.push('_');
        }
    }
    let clean = clean.trim_matches('_');
    syn::Ident::new(&format!("__pyrite_shim_{index}_{clean}"), Span::call_site())
}

/// The shim of `f`, the function with index `index` of the registry.
pub fn shim_tokens(index: usize, f: &ResidualFunction, program: &Program) -> TokenStream {
    let name = shim_ident(index, &f.name);
    let doc = format!("Calls `{}` for jitcode (a residual call).", f.name);
    let mut gen = Gen {
        program,
        next: [0; 3],
        temps: 0,
    };
    let body = match callee_path(f) {
        Ok(path) if !f.in_module => gen.outside_call(f, &path),
        Ok(path) => {
            let args: Vec<TokenStream> = f.params.iter().map(|p| gen.arg(p)).collect();
            let call = quote!(#path(#(#args),*));
            match &f.ret {
                Type::Unit => quote!(#call;),
                Type::Never => quote!(#call),
                ret => {
                    let pure = matches!(f.class, CallClass::Elidable | CallClass::LoopInvariant);
                    gen.result(ret, call, pure)
                }
            }
        }
        Err(why) => internal_error(&why),
    };
    quote! {
        #[doc = #doc]
        unsafe extern "C-unwind" fn #name(
            ints: *const i64,
            refs: *const usize,
            floats: *const f64,
            result: *mut u64,
        ) {
            let _ = (ints, refs, floats, result);
            // Safety: the caller passes the arguments of this function's signature, as
            // `jitsupport::jitcode::Shim` requires.
            unsafe {
                #body
            }
        }
    }
}

/// The path that calls `f` from the `__pyrite` module, one below the interpreter module.
fn callee_path(f: &ResidualFunction) -> Result<TokenStream, String> {
    let path = if f.in_module {
        format!("super::{}", f.path)
    } else if let Some(rest) = f.path.strip_prefix("self::") {
        format!("super::{rest}")
    } else if f.path.starts_with("super::") {
        format!("super::{}", f.path)
    } else {
        f.path.clone()
    };
    match syn::parse_str::<syn::ExprPath>(&path) {
        Ok(p) => Ok(quote!(#p)),
        Err(e) => Err(format!(
            "cannot parse the path `{path}` of a residual call: {e}"
        )),
    }
}

fn internal_error(why: &str) -> TokenStream {
    let msg = format!("internal error in the codewriter's shims (a bug, please report it): {why}");
    quote!(::core::panic!(#msg))
}

/// The state of one shim's generation: the next leaf index of each kind to read, and a
/// counter for the names of temporaries.
struct Gen<'a> {
    program: &'a Program,
    next: [usize; 3],
    temps: usize,
}

impl Gen<'_> {
    /// `*ints.add(k)` for the next int leaf (likewise refs, floats).
    fn leaf(&mut self, kind: usize) -> TokenStream {
        let k = Literal::usize_unsuffixed(self.next[kind]);
        self.next[kind] += 1;
        match kind {
            0 => quote!((*ints.add(#k))),
            1 => quote!((*refs.add(#k))),
            _ => quote!((*floats.add(#k))),
        }
    }

    fn temp(&mut self) -> syn::Ident {
        self.temps += 1;
        syn::Ident::new(&format!("__t{}", self.temps), Span::call_site())
    }

    fn is_memory(&self, ty: &Type) -> bool {
        repr::is_memory_type(self.program, ty)
    }

    /// Statements that call `call` and write its result of type `ret` as the rtyper
    /// calls it (`rtyper::lower::result_passing`): every leaf to `result`, or, for
    /// several leaves, the first to `result[0]` and all of them to
    /// `jitsupport::llresult`'s stash, or (`pure`: elidable, loop-invariant) a boxed
    /// result, the address of an immutable GC object holding them, to `result[0]`.
    fn result(&mut self, ret: &Type, call: TokenStream, pure: bool) -> TokenStream {
        let mut slot = 0;
        let store = self.store(ret, quote!(__value), &mut slot);
        let give = match rtyper::lower::result_passing(slot, pure) {
            ResultPassing::Direct => {
                return quote! {
                    let __value = #call;
                    #store
                }
            }
            ResultPassing::Split => quote! {
                *result = __all[0];
                ::jitsupport::llresult::ll_stash(&__all);
            },
            ResultPassing::Boxed => quote! {
                *result = ::jitsupport::llresult::ll_box(&__all);
            },
        };
        quote! {
            let __value = #call;
            let mut __all = [0u64; ::jitsupport::jitcode::MAX_RESULTS];
            {
                let result = __all.as_mut_ptr();
                #store
            }
            #give
        }
    }

    /// The call of a function outside the module, whose real signature only rustc
    /// knows: one leaf per parameter, converted by the `jitsupport::shim` traits.
    fn outside_call(&mut self, f: &ResidualFunction, path: &TokenStream) -> TokenStream {
        // A parameter of several leaves (a value struct or enum, a tuple, an
        // `Option<i64>`) is rebuilt with its type at the call; one leaf is converted by
        // its kind, so that rustc picks the conversion from the real signature.
        let mut kinds = f.arg_kinds.iter();
        let mut args = Vec::new();
        // Types that do not account for the leaves (a signature made up from the leaves'
        // kinds, for a helper the rtyper calls) convert every leaf by its kind.
        let leaves = |p: &Type| repr::leaves(self.program, p).map_or(1, |l| l.len());
        let typed = f.params.iter().map(leaves).sum::<usize>() == f.arg_kinds.len();
        for p in &f.params {
            let n = leaves(p);
            if typed && (n != 1 || self.is_value(p)) {
                for _ in 0..n {
                    kinds.next();
                }
                args.push(self.arg(p));
                continue;
            }
            let Some(k) = kinds.next() else { break };
            args.push(match k {
                Kind::Int => {
                    let x = self.leaf(0);
                    quote!(::jitsupport::shim::IntArg::from_int(#x))
                }
                Kind::Ref => {
                    let x = self.leaf(1);
                    quote!(::jitsupport::shim::RefArg::from_addr(#x))
                }
                Kind::Float => self.leaf(2),
            });
        }
        let call = quote!(#path(#(#args),*));
        let several = repr::leaves(self.program, &f.ret).map_or(1, |l| l.len()) > 1;
        match f.results.len() {
            0 => quote!(let _ = #call;),
            _ if several || self.is_value(&f.ret) => {
                let pure = matches!(f.class, CallClass::Elidable | CallClass::LoopInvariant);
                self.result(&f.ret, call, pure)
            }
            1 => quote!(*result = ::jitsupport::shim::IntoBits::into_bits(#call);),
            n => internal_error(&format!(
                "`{}` is outside the module and returns {n} values",
                f.name
            )),
        }
    }

    /// A value struct or value enum (rebuilt from its leaves even when it has one).
    fn is_value(&self, ty: &Type) -> bool {
        self.program.is_value_type(ty) || self.program.is_value_enum(ty)
    }

    /// An argument of type `ty` built from the next leaves.
    fn arg(&mut self, ty: &Type) -> TokenStream {
        match ty {
            Type::Int(t) => {
                let x = self.leaf(0);
                let t = syn::Ident::new(t.name(), Span::call_site());
                quote!((#x as #t))
            }
            Type::Bool => {
                let x = self.leaf(0);
                quote!((#x != 0))
            }
            Type::Char => {
                let x = self.leaf(0);
                quote!(<char as ::jitsupport::shim::IntArg>::from_int(#x))
            }
            Type::F64 => self.leaf(2),
            Type::Unit => quote!(()),
            Type::Str => {
                // Its first byte and its length.
                let p = self.leaf(1);
                let n = self.leaf(0);
                quote!(::core::str::from_utf8_unchecked(::core::slice::from_raw_parts(
                    #p as *const u8,
                    #n as usize,
                )))
            }
            Type::Bytes => {
                let p = self.leaf(1);
                let n = self.leaf(0);
                quote!(::core::slice::from_raw_parts(#p as *const u8, #n as usize))
            }
            Type::Enum(name) if !self.is_memory(ty) && !self.program.is_value_enum(ty) => {
                let x = self.leaf(0);
                let e = syn::Ident::new(name, Span::call_site());
                quote!(<#e as ::jitsupport::shim::IntArg>::from_int(#x))
            }
            Type::Struct(name) if self.program.is_value_type(ty) => {
                // A value struct travels as its fields' leaves: rebuild it.
                let fields: Vec<(String, Type)> = self
                    .program
                    .struct_def(name)
                    .map(|d| {
                        d.fields
                            .iter()
                            .map(|f| (f.name.clone(), f.ty.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let inits: Vec<TokenStream> = fields
                    .iter()
                    .map(|(f, t)| {
                        let member = member(f);
                        let v = self.arg(t);
                        quote!(#member: #v)
                    })
                    .collect();
                let s = rust_type(ty);
                quote!(#s { #(#inits,)* })
            }
            Type::Ref { mutable, to } => {
                if !matches!(**to, Type::Ref { .. })
                    && (self.is_memory(to) || repr::is_value_ptr(self.program, ty))
                {
                    let x = self.leaf(1);
                    let t = rust_type(to);
                    if *mutable {
                        quote!(&mut *(#x as *mut #t))
                    } else {
                        quote!(&*(#x as *const #t))
                    }
                } else {
                    let inner = self.arg(to);
                    if *mutable {
                        quote!(&mut { #inner })
                    } else {
                        quote!(&{ #inner })
                    }
                }
            }
            Type::Gc(to) => {
                let x = self.leaf(1);
                let to = rust_type(to);
                quote!(::jitsupport::Gc::<#to>::from_ptr(#x as *mut u8))
            }
            Type::GcAny => {
                let x = self.leaf(1);
                quote!(::jitsupport::GcAny::from_ptr(#x as *mut u8))
            }
            Type::GcStr | Type::StrBuilder => {
                let x = self.leaf(1);
                let t = rust_type(ty);
                quote!(<#t as ::jitsupport::gc::GcRef>::from_word(#x))
            }
            Type::GcArray(item) => {
                let x = self.leaf(1);
                let item = rust_type(item);
                quote!(<::jitsupport::GcArray<#item> as ::jitsupport::gc::GcRef>::from_word(#x))
            }
            Type::Option(t) if repr::option_is_nullable(self.program, t) => match &**t {
                Type::Gc(to) => {
                    let x = self.leaf(1);
                    let to = rust_type(to);
                    quote! {
                        if #x == 0 {
                            ::core::option::Option::None
                        } else {
                            ::core::option::Option::Some(
                                ::jitsupport::Gc::<#to>::from_ptr(#x as *mut u8),
                            )
                        }
                    }
                }
                Type::GcAny => {
                    let x = self.leaf(1);
                    quote! {
                        if #x == 0 {
                            ::core::option::Option::None
                        } else {
                            ::core::option::Option::Some(::jitsupport::GcAny::from_ptr(#x as *mut u8))
                        }
                    }
                }
                Type::Ref { mutable, to } => {
                    let x = self.leaf(1);
                    let to = rust_type(to);
                    if *mutable {
                        quote!((#x as *mut #to).as_mut())
                    } else {
                        quote!((#x as *const #to).as_ref())
                    }
                }
                other => internal_error(&format!("an argument of type Option<{other}>")),
            },
            Type::Option(t) => {
                let tag = self.leaf(0);
                let inner = self.arg(t);
                quote! {
                    if #tag != 0 {
                        ::core::option::Option::Some(#inner)
                    } else {
                        ::core::option::Option::None
                    }
                }
            }
            Type::Tuple(ts) => {
                let items: Vec<TokenStream> = ts.iter().map(|t| self.arg(t)).collect();
                quote!((#(#items,)*))
            }
            Type::Result(t, e) => {
                let tag = self.leaf(0);
                let ok = self.arg(t);
                let err = self.arg(e);
                quote! {
                    if #tag != 0 {
                        ::core::result::Result::Ok(#ok)
                    } else {
                        ::core::result::Result::Err(#err)
                    }
                }
            }
            Type::Enum(name) if self.program.is_value_enum(ty) => {
                // A value enum travels as its tag and every variant's fields: rebuild
                // the variant the tag names from its fields' leaves.
                let Some(def) = self.program.enum_def(name) else {
                    return internal_error(&format!("no enum `{name}`"));
                };
                let tag = self.leaf(0);
                let e = rust_type(ty);
                let mut arms = Vec::new();
                for (v, d) in def.variants.iter().zip(def.discriminants()) {
                    let vname = syn::Ident::new(&v.name, Span::call_site());
                    let inits: Vec<TokenStream> = v
                        .fields
                        .iter()
                        .map(|f| {
                            let member = member(&f.name);
                            let x = self.arg(&f.ty);
                            quote!(#member: #x)
                        })
                        .collect();
                    let d = Literal::i64_unsuffixed(d as i64);
                    arms.push(quote!(if __tag == #d { #e::#vname { #(#inits,)* } }));
                }
                let msg = format!("no variant of `{name}` has the discriminant {{}}");
                quote!({
                    let __tag: i64 = #tag;
                    #(#arms else)* { ::core::panic!(#msg, __tag) }
                })
            }
            Type::Struct(_) | Type::Enum(_) | Type::List(_) | Type::Array(..) => {
                // A value in memory: the leaf is its address; the callee gets a copy.
                let x = self.leaf(1);
                let t = rust_type(ty);
                quote!(::core::ptr::read(#x as *const #t))
            }
            Type::Never | Type::Opaque(_) | Type::GcCell(_) => internal_error(&format!(
                "an argument of type {ty} passed to a residual call"
            )),
        }
    }

    /// Statements writing the leaves of `value` (of type `ty`) to `result[*slot..]`.
    fn store(&mut self, ty: &Type, value: TokenStream, slot: &mut usize) -> TokenStream {
        let put = |bits: TokenStream, slot: &mut usize| {
            let s = Literal::usize_unsuffixed(*slot);
            *slot += 1;
            quote!(*result.add(#s) = #bits;)
        };
        match ty {
            Type::Int(_) | Type::Bool => put(quote!(((#value) as i64) as u64), slot),
            Type::Char => put(quote!(((#value) as u32) as u64), slot),
            Type::Enum(_) if !self.is_memory(ty) && !self.program.is_value_enum(ty) => {
                put(quote!(((#value) as i64) as u64), slot)
            }
            Type::F64 => put(quote!((#value).to_bits()), slot),
            Type::Unit | Type::Never => quote!(let _ = #value;),
            Type::Str | Type::Bytes => {
                let t = self.temp();
                let p = put(quote!((#t.as_ptr() as usize as u64)), slot);
                let n = put(quote!((#t.len() as u64)), slot);
                quote! {
                    let #t = #value;
                    #p
                    #n
                }
            }
            Type::Struct(name) if self.program.is_value_type(ty) => {
                let fields: Vec<(String, Type)> = self
                    .program
                    .struct_def(name)
                    .map(|d| {
                        d.fields
                            .iter()
                            .map(|f| (f.name.clone(), f.ty.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let t = self.temp();
                let stores: Vec<TokenStream> = fields
                    .iter()
                    .map(|(f, ft)| {
                        let member = member(f);
                        self.store(ft, quote!(#t.#member), slot)
                    })
                    .collect();
                quote! {
                    let #t = #value;
                    #(#stores)*
                }
            }
            Type::Enum(name) if self.program.is_value_enum(ty) => {
                // The tag, then every variant's fields: this variant's, zeros elsewhere.
                let Some(def) = self.program.enum_def(name) else {
                    return internal_error(&format!("no enum `{name}`"));
                };
                let tag = Literal::usize_unsuffixed(*slot);
                *slot += 1;
                let e = rust_type(ty);
                let mut ranges = Vec::new();
                let mut bodies = Vec::new();
                for v in &def.variants {
                    let first = *slot;
                    let mut binds = Vec::new();
                    let mut stores = Vec::new();
                    for f in &v.fields {
                        let member = member(&f.name);
                        let t = self.temp();
                        binds.push(quote!(#member: #t));
                        stores.push(self.store(&f.ty, quote!(#t), slot));
                    }
                    ranges.push(first..*slot);
                    bodies.push((v.name.clone(), binds, stores));
                }
                let arms = bodies.into_iter().zip(def.discriminants()).enumerate().map(
                    |(i, ((vname, binds, stores), d))| {
                        let vname = syn::Ident::new(&vname, Span::call_site());
                        let d = Literal::i64_unsuffixed(d as i64);
                        let zeros = ranges
                            .iter()
                            .enumerate()
                            .filter(|&(j, _)| j != i)
                            .flat_map(|(_, r)| r.clone())
                            .map(|s| {
                                let s = Literal::usize_unsuffixed(s);
                                quote!(*result.add(#s) = 0;)
                            });
                        quote! {
                            #e::#vname { #(#binds,)* } => {
                                *result.add(#tag) = (#d as i64) as u64;
                                #(#stores)*
                                #(#zeros)*
                            }
                        }
                    },
                );
                quote! {
                    match #value {
                        #(#arms)*
                    }
                }
            }
            Type::Ref { to, .. } => {
                if !matches!(**to, Type::Ref { .. })
                    && (self.is_memory(to) || repr::is_value_ptr(self.program, ty))
                {
                    put(address(&value), slot)
                } else {
                    self.store(to, quote!((*#value)), slot)
                }
            }
            Type::Gc(_) | Type::GcAny | Type::GcArray(_) => {
                put(quote!(((#value).as_ptr() as usize as u64)), slot)
            }
            Type::GcStr | Type::StrBuilder => put(
                quote!((::jitsupport::gc::GcRef::to_word(#value) as u64)),
                slot,
            ),
            Type::Option(t) if matches!(**t, Type::Gc(_) | Type::GcAny) => {
                let p = self.temp();
                put(
                    quote! {
                        match #value {
                            ::core::option::Option::Some(#p) => #p.as_ptr() as usize as u64,
                            ::core::option::Option::None => 0,
                        }
                    },
                    slot,
                )
            }
            Type::Option(t) if repr::option_is_nullable(self.program, t) => {
                let p = self.temp();
                let addr = address(&quote!(#p));
                put(
                    quote! {
                        match #value {
                            ::core::option::Option::Some(#p) => #addr,
                            ::core::option::Option::None => 0,
                        }
                    },
                    slot,
                )
            }
            Type::Option(t) => {
                let tag = Literal::usize_unsuffixed(*slot);
                *slot += 1;
                let first = *slot;
                let x = self.temp();
                let some = self.store(t, quote!(#x), slot);
                let zeros = (first..*slot).map(|s| {
                    let s = Literal::usize_unsuffixed(s);
                    quote!(*result.add(#s) = 0;)
                });
                quote! {
                    match #value {
                        ::core::option::Option::Some(#x) => {
                            *result.add(#tag) = 1;
                            #some
                        }
                        ::core::option::Option::None => {
                            *result.add(#tag) = 0;
                            #(#zeros)*
                        }
                    }
                }
            }
            Type::Result(t, e) => {
                let tag = Literal::usize_unsuffixed(*slot);
                *slot += 1;
                let zeros = |from: usize, to: usize| -> Vec<TokenStream> {
                    (from..to)
                        .map(|s| {
                            let s = Literal::usize_unsuffixed(s);
                            quote!(*result.add(#s) = 0;)
                        })
                        .collect()
                };
                let x = self.temp();
                let ok_first = *slot;
                let ok = self.store(t, quote!(#x), slot);
                let err_first = *slot;
                let err = self.store(e, quote!(#x), slot);
                let ok_zeros = zeros(ok_first, err_first);
                let err_zeros = zeros(err_first, *slot);
                quote! {
                    match #value {
                        ::core::result::Result::Ok(#x) => {
                            *result.add(#tag) = 1;
                            #ok
                            #(#err_zeros)*
                        }
                        ::core::result::Result::Err(#x) => {
                            *result.add(#tag) = 0;
                            #(#ok_zeros)*
                            #err
                        }
                    }
                }
            }
            Type::Tuple(ts) => {
                let names: Vec<syn::Ident> = ts.iter().map(|_| self.temp()).collect();
                let stores: Vec<TokenStream> = ts
                    .iter()
                    .zip(&names)
                    .map(|(t, n)| self.store(t, quote!(#n), slot))
                    .collect();
                quote! {
                    let (#(#names,)*) = #value;
                    #(#stores)*
                }
            }
            Type::Struct(_) | Type::Enum(_) | Type::List(_) | Type::Array(..) => {
                // A value the jitcode holds by address: moved to memory of its own,
                // which lives as long as the blackhole's allocations do (for ever).
                put(
                    quote!((::std::boxed::Box::into_raw(::std::boxed::Box::new(#value)) as usize as u64)),
                    slot,
                )
            }
            Type::Opaque(_) | Type::GcCell(_) => {
                internal_error(&format!("a result of type {ty} from a residual call"))
            }
        }
    }
}

/// `IntArg` and `IntoBits` for every fieldless enum of the module, so that functions
/// outside the module can take and return them (by discriminant).
pub fn enum_conversions(program: &Program) -> TokenStream {
    let impls = program.enums.iter().filter(|e| e.is_fieldless()).map(|e| {
        let name = syn::Ident::new(&e.name, Span::call_site());
        let arms = e.variants.iter().zip(e.discriminants()).map(|(v, d)| {
            let v = syn::Ident::new(&v.name, Span::call_site());
            let d = Literal::i64_unsuffixed(d as i64);
            quote!(#d => #name::#v,)
        });
        let msg = format!("no variant of `{}` has the discriminant {{}}", e.name);
        quote! {
            impl ::jitsupport::shim::IntArg for #name {
                fn from_int(x: i64) -> #name {
                    match x {
                        #(#arms)*
                        _ => ::core::panic!(#msg, x),
                    }
                }
            }
            impl ::jitsupport::shim::IntoBits for #name {
                fn into_bits(self) -> u64 {
                    self as i64 as u64
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The address of the reference `r` as result bits.
fn address(r: &TokenStream) -> TokenStream {
    quote!({
        let __p: *const _ = #r;
        __p as *const u8 as usize as u64
    })
}

/// A field name as a member: `x`, or `0` for a tuple struct's field.
fn member(name: &str) -> syn::Member {
    match name.parse::<u32>() {
        Ok(i) => syn::Member::Unnamed(syn::Index {
            index: i,
            span: Span::call_site(),
        }),
        Err(_) => syn::Member::Named(syn::Ident::new(name, Span::call_site())),
    }
}
