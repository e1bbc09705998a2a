//! The registry as a constant expression: `JitCodes { jitcodes: Cow::Borrowed(&[...]), ... }`
//! with every table borrowed from static data, and the numbers of field, array and size
//! descrs written as the rtyper's layout expressions so that rustc computes them.

use crate::jitcode::{Descr, JitCode, Kind, Liveness, RefConst, SwitchTable};
use crate::{DescrLayout, Output};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `::std::borrow::Cow::Borrowed(&[items...])`.
fn cow_slice(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let items = items.into_iter();
    quote!(::std::borrow::Cow::Borrowed(&[#(#items),*]))
}

/// `::std::borrow::Cow::Borrowed("text")`.
fn cow_str(text: &str) -> TokenStream {
    quote!(::std::borrow::Cow::Borrowed(#text))
}

fn kind(k: Kind) -> TokenStream {
    match k {
        Kind::Int => quote!(::jitsupport::jitcode::Kind::Int),
        Kind::Ref => quote!(::jitsupport::jitcode::Kind::Ref),
        Kind::Float => quote!(::jitsupport::jitcode::Kind::Float),
    }
}

fn u8s(bytes: &[u8]) -> TokenStream {
    let bytes = bytes.iter().map(|b| Literal::u8_unsuffixed(*b));
    quote!(::std::borrow::Cow::Borrowed(&[#(#bytes),*]))
}

/// The `JitCodes` value of `out`; `shims[i]` is the shim of function `i`.
pub fn jitcodes_tokens(out: &Output, shims: &[syn::Ident]) -> TokenStream {
    let codes = &out.codes;
    let jitcodes = cow_slice(codes.jitcodes.iter().map(jitcode));
    let descrs = cow_slice(
        codes
            .descrs
            .iter()
            .enumerate()
            .map(|(i, d)| descr(d, out.descr_layouts.get(i))),
    );
    let functions = cow_slice(codes.functions.iter().enumerate().map(|(i, f)| {
        let name = cow_str(&f.name);
        let shim = match shims.get(i) {
            Some(s) => quote!(::core::option::Option::Some(#s)),
            None => quote!(::core::option::Option::None),
        };
        quote!(::jitsupport::jitcode::ResidualFn { name: #name, shim: #shim })
    }));
    let portals = cow_slice(codes.portals.iter().map(|p| {
        let p = Literal::u32_unsuffixed(*p);
        quote!(#p)
    }));
    quote! {
        ::jitsupport::jitcode::JitCodes {
            jitcodes: #jitcodes,
            descrs: #descrs,
            functions: #functions,
            portals: #portals,
        }
    }
}

fn jitcode(jc: &JitCode) -> TokenStream {
    let name = cow_str(&jc.name);
    let code = u8s(&jc.code);
    let [ni, nr, nf] = jc.num_regs.map(Literal::u16_unsuffixed);
    let ints = cow_slice(jc.const_ints.iter().map(|i| {
        let i = Literal::i64_suffixed(*i);
        quote!(#i)
    }));
    let refs = cow_slice(jc.const_refs.iter().map(|r| match r {
        RefConst::Addr(a) => {
            let a = Literal::usize_suffixed(*a);
            quote!(::jitsupport::jitcode::RefConst::Addr(#a))
        }
        RefConst::Str(s) => {
            let s = cow_str(s);
            quote!(::jitsupport::jitcode::RefConst::Str(#s))
        }
    }));
    let floats = cow_slice(jc.const_floats.iter().map(|f| {
        // By bits, so that NaNs, infinities and -0.0 survive exactly.
        let bits = Literal::u64_suffixed(f.to_bits());
        quote!(f64::from_bits(#bits))
    }));
    let liveness = cow_slice(jc.liveness.iter().map(live));
    let switches = cow_slice(jc.switches.iter().map(switch));
    quote! {
        ::jitsupport::jitcode::JitCode {
            name: #name,
            code: #code,
            num_regs: [#ni, #nr, #nf],
            const_ints: #ints,
            const_refs: #refs,
            const_floats: #floats,
            liveness: #liveness,
            switches: #switches,
        }
    }
}

fn live(l: &Liveness) -> TokenStream {
    let (ints, refs, floats) = (u8s(&l.ints), u8s(&l.refs), u8s(&l.floats));
    quote!(::jitsupport::jitcode::Liveness { ints: #ints, refs: #refs, floats: #floats })
}

fn switch(s: &SwitchTable) -> TokenStream {
    let cases = cow_slice(s.cases.iter().map(|(v, t)| {
        let v = Literal::i64_suffixed(*v);
        let t = Literal::u16_suffixed(*t);
        quote!((#v, #t))
    }));
    quote!(::jitsupport::jitcode::SwitchTable { cases: #cases })
}

/// A descr; field, array and size descrs take their numbers from `layout` when it
/// matches (else the numbers computed so far, which a test may have resolved).
fn descr(d: &Descr, layout: Option<&DescrLayout>) -> TokenStream {
    match d {
        Descr::Field(f) => {
            let (offset, size) = match layout {
                Some(DescrLayout::Field { offset, size }) => (offset.tokens(), size.tokens()),
                _ => (usize_lit(f.offset), usize_lit(usize::from(f.size))),
            };
            let name = cow_str(&f.name);
            let (signed, k, immutable) = (f.signed, kind(f.kind), f.immutable);
            quote! {
                ::jitsupport::jitcode::Descr::Field(::jitsupport::jitcode::FieldDescr {
                    name: #name,
                    offset: #offset,
                    size: (#size) as u8,
                    signed: #signed,
                    kind: #k,
                    immutable: #immutable,
                })
            }
        }
        Descr::Array(a) => {
            let (base, item_size) = match layout {
                Some(DescrLayout::Array { base, item_size }) => (base.tokens(), item_size.tokens()),
                _ => (usize_lit(a.base), usize_lit(usize::from(a.item_size))),
            };
            let name = cow_str(&a.name);
            let (signed, k, immutable) = (a.signed, kind(a.kind), a.immutable);
            quote! {
                ::jitsupport::jitcode::Descr::Array(::jitsupport::jitcode::ArrayDescr {
                    name: #name,
                    base: #base,
                    item_size: (#item_size) as u8,
                    signed: #signed,
                    kind: #k,
                    immutable: #immutable,
                })
            }
        }
        Descr::Size(s) => {
            let (size, gc) = match layout {
                Some(DescrLayout::Size { size, gc }) => (size.tokens(), gc.clone()),
                _ => (usize_lit(s.size), None),
            };
            let name = cow_str(&s.name);
            let gc = match gc {
                Some(payload) => {
                    let t = rtyper::layout::rust_type(&payload);
                    quote! {
                        ::core::option::Option::Some(::jitsupport::jitcode::GcType {
                            name: #name,
                            type_id: || <#t as ::jitsupport::gc::GcType>::type_info().id().0,
                        })
                    }
                }
                None => quote!(::core::option::Option::None),
            };
            quote! {
                ::jitsupport::jitcode::Descr::Size(::jitsupport::jitcode::SizeDescr {
                    name: #name,
                    size: #size,
                    gc: #gc,
                })
            }
        }
        Descr::Call(c) => {
            let name = cow_str(&c.name);
            let args = cow_slice(c.arg_kinds.iter().map(|k| kind(*k)));
            let result = match c.result {
                Some(k) => {
                    let k = kind(k);
                    quote!(::core::option::Option::Some(#k))
                }
                None => quote!(::core::option::Option::None),
            };
            let f = &c.flags;
            let (elidable, loop_invariant, can_panic, recursive, random_effects) = (
                f.elidable,
                f.loop_invariant,
                f.can_panic,
                f.recursive,
                f.random_effects,
            );
            let writes = cow_slice(c.writes.iter().map(|w| {
                let w = Literal::u16_suffixed(*w);
                quote!(#w)
            }));
            quote! {
                ::jitsupport::jitcode::Descr::Call(::jitsupport::jitcode::CallDescr {
                    name: #name,
                    arg_kinds: #args,
                    result: #result,
                    flags: ::jitsupport::jitcode::CallFlags {
                        elidable: #elidable,
                        loop_invariant: #loop_invariant,
                        can_panic: #can_panic,
                        recursive: #recursive,
                        random_effects: #random_effects,
                    },
                    writes: #writes,
                })
            }
        }
        Descr::JitCode(j) => {
            let j = Literal::u32_suffixed(*j);
            quote!(::jitsupport::jitcode::Descr::JitCode(#j))
        }
    }
}

fn usize_lit(n: usize) -> TokenStream {
    let n = Literal::usize_suffixed(n);
    quote!(#n)
}
