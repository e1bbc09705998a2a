//! The expansion of `#[interpreter]`: analysis, then the items plus the generated
//! `__pyrite` module (layouts, jitcode registry, shims), or the items plus every error.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Expands `#[interpreter]` with arguments `args` on `input`.
pub fn interpreter(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut module = match syn::parse2::<syn::ItemMod>(input.clone()) {
        Ok(m) if m.content.is_some() => m,
        _ => {
            let error = syn::Error::new(
                Span::call_site(),
                "put #[jitsupport::interpreter] on an inline module: `mod core { ... }`",
            )
            .to_compile_error();
            return quote!(#error #input);
        }
    };
    let mut errors = Vec::new();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(
            &args,
            "#[jitsupport::interpreter] takes no arguments; write `#[jitsupport::interpreter]`",
        ));
    }
    let generated = match analyse(&module) {
        Ok((generated, portals)) => {
            crate::hooks::rewrite(&mut module, &portals);
            Some(generated)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    strip_immutable(&mut module);
    if let (Some(generated), true) = (generated, errors.is_empty()) {
        if let Some((_, items)) = &mut module.content {
            items.push(syn::Item::Verbatim(generated));
        }
        quote!(#module)
    } else {
        let errors = errors.iter().map(syn::Error::to_compile_error);
        // The GC types still get their `GcType`, so that rustc reports no unsatisfied
        // bound for them on top of the analysis's errors.
        let stubs = rtyper::layout::gc_stub_tokens(&module);
        if let Some((_, items)) = &mut module.content {
            items.push(syn::Item::Verbatim(stubs));
        }
        quote!(#(#errors)* #module)
    }
}

/// Runs the analysis, the rtyper and the codewriter on `module` and returns the
/// `__pyrite` module to append to it: the layout items the rtyper wants rustc to
/// evaluate, the static jitcode registry and the residual call shims
/// (`codewriter::emit`), followed by the checks that make rustc confirm the types
/// annotation gave to calls out of the module (`annotator::externs`). The one place
/// that knows the pipeline's API.
/// Also returns each portal function with its driver's index and green kinds, for the hooks.
fn analyse(module: &syn::ItemMod) -> Result<(TokenStream, Vec<crate::hooks::Portal>), syn::Error> {
    let analysis = annotator::analyse(module)?;
    let ll = rtyper::rtype(&analysis)?;
    let out = codewriter::write(&analysis, &ll)?;
    let layout = rtyper::layout_tokens(&ll);
    let generated = codewriter::emit::module_tokens(&out, &analysis.program, layout);
    let extern_checks = annotator::externs::signature_checks(&analysis);
    let portals = out
        .portals
        .iter()
        .enumerate()
        .map(|(i, p)| crate::hooks::Portal {
            function: p.function.clone(),
            driver: i,
            green_kinds: kind_tokens(&p.greens),
            red_kinds: kind_tokens(&p.reds),
        })
        .collect();
    Ok((quote!(#generated #extern_checks), portals))
}

/// The kinds of the words of `vars` (each variable's leaves, in order), as the tokens of
/// `::jitsupport::jitcode::Kind`s.
fn kind_tokens(vars: &[(String, Vec<codewriter::jitcode::Kind>)]) -> Vec<TokenStream> {
    vars.iter()
        .flat_map(|(_, kinds)| kinds)
        .map(|k| match k {
            codewriter::jitcode::Kind::Int => quote!(::jitsupport::jitcode::Kind::Int),
            codewriter::jitcode::Kind::Ref => quote!(::jitsupport::jitcode::Kind::Ref),
            codewriter::jitcode::Kind::Float => quote!(::jitsupport::jitcode::Kind::Float),
        })
        .collect()
}

/// Removes `#[immutable]` and `#[quasi_immutable]` from the fields of structs and enum
/// variants: they are inert markers that only the analysis reads, and rustc would reject
/// them as unknown.
fn strip_immutable(module: &mut syn::ItemMod) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let strip = |fields: &mut syn::Fields| {
        for field in fields.iter_mut() {
            field.attrs.retain(|a| {
                !annotator::program::attr_is(a, "immutable")
                    && !annotator::program::attr_is(a, "quasi_immutable")
            });
        }
    };
    for item in items {
        match item {
            syn::Item::Struct(s) => strip(&mut s.fields),
            syn::Item::Enum(e) => e.variants.iter_mut().for_each(|v| strip(&mut v.fields)),
            _ => {}
        }
    }
}
