//! Checks, by rustc, of the types annotation gave to calls out of the module.
//!
//! A function outside the interpreter module is opaque: annotation types a call to it
//! from its use (the arguments' types, the context of the result). When that guess is
//! wrong (say an untyped literal `0` compared with the result made it `i32` while the
//! function returns `i64`), the JIT would read the result with the wrong width: a
//! miscompile. So for every call of an external function by path, the macro emits
//!
//! ```text
//! let _: fn(i64, &Frame) -> bool = crate::io::emit;
//! ```
//!
//! at the span of the call, inside a function that is never called. rustc checks it like
//! any other line: if the guess is wrong, the build fails at the call with both types
//! named, and the author adds a type annotation. A result that the code never uses is
//! checked as `_` (any type). Method calls on opaque receivers are not checked this way:
//! the receiver's adjustment (`&`, `&mut`, by value) is not known here.

use crate::model::{Graph, Value};
use crate::ops::{Callee, OpKind};
use crate::types::Type;
use crate::Analysis;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

/// The items that make rustc check every external call's annotated signature, to be
/// placed inside the interpreter module (they refer to its items through `super::*`).
pub fn signature_checks(analysis: &Analysis) -> TokenStream {
    let mut checks = Vec::new();
    for g in &analysis.graphs {
        for block in &g.blocks {
            for op in &block.ops {
                if let OpKind::Call(Callee::External(path)) = &op.kind {
                    // The strings' functions are typed by their table, not guessed.
                    if path.starts_with("::jitsupport::GcStr::")
                        || path.starts_with("::jitsupport::StrBuilder::")
                    {
                        continue;
                    }
                    if let Some(check) = check_call(g, path, &op.args, op.result, op.span) {
                        checks.push(check);
                    }
                }
            }
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[doc(hidden)]
        #[allow(dead_code, unused_imports, clippy::all)]
        mod __pyrite_externs {
            use super::*;
            fn check_external_signatures() {
                #(#checks)*
            }
        }
    }
}

fn check_call(
    g: &Graph,
    path: &str,
    args: &[Value],
    result: crate::model::Var,
    span: Span,
) -> Option<TokenStream> {
    // The check lives one module deeper than the call: a path relative to the parent
    // module needs one more `super`.
    let path = if path.starts_with("super::") {
        format!("super::{path}")
    } else {
        path.to_string()
    };
    let path: syn::Path = syn::parse_str(&path).ok()?;
    let path = respan(quote!(#path), span);
    let arg_types = args
        .iter()
        .map(|&a| g.value_type(a).map(type_tokens))
        .collect::<Option<Vec<_>>>()?;
    let result = match g.var(result).ty.as_ref()? {
        Type::Unit => quote!(_),
        t => type_tokens(t),
    };
    Some(quote_spanned! {span=>
        let _: fn(#(#arg_types),*) -> #result = #path;
    })
}

/// The Rust spelling of an annotated type, as seen from inside the module.
pub fn type_tokens(t: &Type) -> TokenStream {
    match t {
        Type::Int(i) => {
            let id = syn::Ident::new(i.name(), Span::call_site());
            quote!(#id)
        }
        Type::Bool => quote!(bool),
        Type::Char => quote!(char),
        Type::F64 => quote!(f64),
        Type::Unit => quote!(()),
        Type::Never => quote!(!),
        Type::Str => quote!(&str),
        Type::Bytes => quote!(&[u8]),
        Type::Struct(name) | Type::Enum(name) => {
            let id = syn::Ident::new(name, Span::call_site());
            quote!(#id)
        }
        Type::Ref { mutable, to } => {
            let to = type_tokens(to);
            if *mutable {
                quote!(&mut #to)
            } else {
                quote!(&#to)
            }
        }
        Type::Option(t) => {
            let t = type_tokens(t);
            quote!(::core::option::Option<#t>)
        }
        Type::Result(t, e) => {
            let t = type_tokens(t);
            let e = type_tokens(e);
            quote!(::core::result::Result<#t, #e>)
        }
        Type::Tuple(ts) => {
            let ts = ts.iter().map(type_tokens);
            quote!((#(#ts),*))
        }
        Type::List(t) => {
            let t = type_tokens(t);
            quote!(::jitsupport::List<#t>)
        }
        Type::Array(t, n) => {
            let t = type_tokens(t);
            let n = *n as usize;
            quote!([#t; #n])
        }
        Type::Gc(t) => {
            let t = type_tokens(t);
            quote!(::jitsupport::Gc<#t>)
        }
        Type::GcCell(t) => {
            let t = type_tokens(t);
            quote!(::jitsupport::GcCell<#t>)
        }
        Type::GcAny => quote!(::jitsupport::GcAny),
        Type::GcStr => quote!(::jitsupport::GcStr),
        Type::StrBuilder => quote!(::jitsupport::StrBuilder),
        Type::GcArray(t) => {
            let t = type_tokens(t);
            quote!(::jitsupport::GcArray<#t>)
        }
        Type::Opaque(text) => syn::parse_str::<syn::Type>(text)
            .map(|ty| quote!(#ty))
            .unwrap_or_else(|_| quote!(_)),
    }
}

/// Gives every token of `tokens` the span `span`, so that rustc reports at the call.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let TokenTree::Group(g) = &tt {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                tt = TokenTree::Group(group);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}
