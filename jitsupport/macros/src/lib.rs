//! The procedural macros of `jitsupport`: `#[interpreter]` and the hint attributes.
//!
//! `#[interpreter]` is glue: the analysis lives in the `annotator`, `rtyper` and
//! `codewriter` crates, and this crate only runs it and turns its result into tokens.
//! The steps are:
//!
//! 1. parse the input as an inline module (`mod core { ... }`) and check the arguments;
//! 2. run [`annotator::analyse`], [`rtyper::rtype`] and [`codewriter::write`] on it;
//! 3. re-emit the module's items, minus the inert `#[immutable]` field markers, and on
//!    success append `#[doc(hidden)] pub mod __pyrite` ([`codewriter::emit`]): the
//!    layouts the rtyper asks rustc to evaluate, the static jitcode registry
//!    (`__pyrite::JITCODES`, `jitcodes()`, `portal(driver)`) and the shims; on failure
//!    emit every error instead, still with the items, so that only the real errors show
//!    (thiserror's `fallback.rs` does the same).

mod emit;
mod hooks;

use proc_macro::TokenStream;
use quote::quote;

/// Marks the inline module that holds the JIT-visible core of an interpreter.
///
/// The module's items are analysed as one program (flowgraphs, types, layouts); code
/// outside the subset the analysis supports is reported as compile errors at its span.
/// Natively the items compile as written.
#[proc_macro_attribute]
pub fn interpreter(args: TokenStream, input: TokenStream) -> TokenStream {
    emit::interpreter(args.into(), input.into()).into()
}

/// Checks that a hint attribute has no arguments and sits on a function, then returns
/// the function unchanged. `name` is the attribute's name, for the messages.
fn hint(name: &str, args: TokenStream, input: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let input = proc_macro2::TokenStream::from(input);
    let mut errors = Vec::new();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(
            &args,
            format!("#[{name}] takes no arguments; write `#[{name}]`"),
        ));
    }
    // Methods in an impl parse as `ItemFn` too (a receiver is a valid first argument).
    if syn::parse2::<syn::ItemFn>(input.clone()).is_err() {
        let span = match syn::parse2::<syn::Item>(input.clone()) {
            Ok(item) => item_name_span(&item),
            Err(_) => proc_macro2::Span::call_site(),
        };
        errors.push(syn::Error::new(
            span,
            format!("#[{name}] goes on a function; remove it from this item"),
        ));
    }
    let errors = errors.iter().map(syn::Error::to_compile_error);
    quote!(#(#errors)* #input).into()
}

/// The span of an item's name, or of the whole item when it has none.
fn item_name_span(item: &syn::Item) -> proc_macro2::Span {
    use syn::spanned::Spanned;
    match item {
        syn::Item::Struct(s) => s.ident.span(),
        syn::Item::Enum(e) => e.ident.span(),
        syn::Item::Union(u) => u.ident.span(),
        syn::Item::Const(c) => c.ident.span(),
        syn::Item::Static(s) => s.ident.span(),
        syn::Item::Mod(m) => m.ident.span(),
        syn::Item::Trait(t) => t.ident.span(),
        syn::Item::Type(t) => t.ident.span(),
        other => other.span(),
    }
}

macro_rules! hint_attribute {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, input: TokenStream) -> TokenStream {
            hint(stringify!($name), args, input)
        }
    )*};
}

hint_attribute! {
    /// The function is pure: same arguments, same result, no side effect the program can
    /// see. The JIT may fold calls with constant arguments and remove repeated calls.
    elidable;
    /// The JIT does not trace through this function: it is called as a whole (a residual call).
    dont_look_inside;
    /// The loops of this function may be unrolled into the trace (they run a bounded
    /// number of times for a given green key).
    unroll_safe;
    /// The result does not change during one iteration of a jitted loop: computed once
    /// per loop and reused.
    loop_invariant;
}
