//! The expansion of `#[interpreter]`: analysis, then the items plus the generated
//! `__pyrite` module (layouts, jitcode registry, shims), or the items plus every error.

use proc_macro2::{Span, TokenStream};
use quote::quote;

/// Expands `#[interpreter]` with arguments `args` on `input`.
pub fn interpreter(args: TokenStream, input: TokenStream) -> TokenStream {
    let module = match syn::parse2::<syn::ItemMod>(input.clone()) {
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
    // The items of `include!`d files join the module (annotator::include).
    let original = module.clone();
    let mut diag = annotator::Diagnostics::new();
    let expanded = annotator::include::expand(&module, None, &mut diag);
    let include_errors = diag.finish();
    let mut module = expanded.module.clone();
    let generated = match include_errors {
        Err(e) => {
            errors.push(e);
            None
        }
        Ok(()) => match analyse(&module) {
            Ok((generated, portals)) => {
                crate::hooks::rewrite(&mut module, &portals);
                Some(generated)
            }
            Err(e) => {
                errors.push(locate_included(e, &original, &expanded));
                None
            }
        },
    };
    strip_immutable(&mut module);
    let tracked = collapse_includes(&mut module, &original, &expanded);
    if let (Some(generated), true) = (generated, errors.is_empty()) {
        if let Some((_, items)) = &mut module.content {
            items.push(syn::Item::Verbatim(quote!(#generated #tracked)));
        }
        quote!(#module)
    } else {
        let errors = errors.iter().map(syn::Error::to_compile_error);
        // The GC types still get their `GcType`, so that rustc reports no unsatisfied
        // bound for them on top of the analysis's errors.
        let stubs = rtyper::layout::gc_stub_tokens(&expanded.module);
        if let Some((_, items)) = &mut module.content {
            items.push(syn::Item::Verbatim(quote!(#stubs #tracked)));
        }
        quote!(#(#errors)* #module)
    }
}

/// Puts back, in the module to emit, the `include!` of every included file whose items
/// the expansion left as they were (no `#[immutable]` marker stripped, no hook added),
/// so that rustc reads the file itself and its messages name the file's own lines.
/// Returns items that make rustc track the files whose items are emitted expanded (a
/// change to them must rebuild the crate): an unused `include_bytes!` of each.
fn collapse_includes(
    module: &mut syn::ItemMod,
    original: &syn::ItemMod,
    expanded: &annotator::include::Expanded,
) -> TokenStream {
    let (Some((_, items)), Some((_, before)), Some((_, originals))) = (
        &mut module.content,
        &expanded.module.content,
        &original.content,
    ) else {
        return TokenStream::new();
    };
    let mut out = Vec::new();
    let mut tracked = Vec::new();
    for (i, range) in expanded.item_ranges.iter().enumerate() {
        if annotator::include::include_path(&originals[i]).is_none() {
            out.extend(items[range.clone()].iter().cloned());
            continue;
        }
        // A file that could not be read has no items and gets no `include!`: the
        // analysis already said why.
        let unchanged = items[range.clone()]
            .iter()
            .zip(&before[range.clone()])
            .all(|(a, b)| quote!(#a).to_string() == quote!(#b).to_string());
        let read = expanded.files.iter().any(|f| f.top == i);
        if unchanged && read {
            out.push(originals[i].clone());
        } else {
            out.extend(items[range.clone()].iter().cloned());
            for file in expanded.files.iter().filter(|f| f.top == i) {
                let path = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
                let path = path.display().to_string();
                tracked.push(quote!(
                    const _: &[u8] = include_bytes!(#path);
                ));
            }
        }
    }
    // Items the rewrite appended after the module's own (the portals' plain copies,
    // `hooks::plain_copy`) stay.
    let end = expanded.item_ranges.last().map_or(0, |r| r.end);
    out.extend(items.iter().skip(end).cloned());
    *items = out;
    quote!(#(#tracked)*)
}

/// Inside rustc the tokens of an included file have no location, so an error in one
/// would only point at its `include!`. When there are such errors, this runs the
/// analysis again on a copy of the module whose tokens carry locations (proc-macro2's
/// fallback), and puts each of those errors at its `include!` with the included file's
/// path, line and column.
fn locate_included(
    error: syn::Error,
    original: &syn::ItemMod,
    expanded: &annotator::include::Expanded,
) -> syn::Error {
    use annotator::include::Included;
    let at_include = |e: &syn::Error, files: &[Included]| {
        let (s, f) = (e.span(), e.span().file());
        files
            .iter()
            .any(|inc| inc.at.file() == f && inc.at.start() == s.start() && inc.at.end() == s.end())
    };
    if expanded.files.is_empty()
        || !error
            .clone()
            .into_iter()
            .any(|e| at_include(&e, &expanded.files))
    {
        return error;
    }
    let Some(base) = expanded.files.first().and_then(|f| f.at.local_file()) else {
        return error;
    };
    let text = quote!(#original).to_string();
    proc_macro2::fallback::force();
    let located = std::panic::catch_unwind(|| {
        let copy: syn::ItemMod = syn::parse_str(&text).ok()?;
        let mut diag = annotator::Diagnostics::new();
        let again = annotator::include::expand(&copy, Some(&base), &mut diag);
        let e = analyse(&again.module).err()?;
        let (_, located) = annotator::include::locate(e, &again.files);
        Some(located)
    });
    proc_macro2::fallback::unforce();
    let Ok(Some(located)) = located else {
        return error;
    };
    if located.is_empty() {
        return error;
    }
    let own = error
        .into_iter()
        .filter(|e| !at_include(e, &expanded.files))
        .collect();
    annotator::include::combine(own, located, &expanded.files)
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
/// variants, and `#[virtualizable(..)]` from structs: they are inert markers that only
/// the analysis reads, and rustc would reject them as unknown.
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
            syn::Item::Struct(s) => {
                // `#[virtualizable(..)]` and `#[extends(Base)]` are read by the analysis.
                s.attrs.retain(|a| {
                    !annotator::program::attr_is(a, "virtualizable")
                        && !annotator::program::attr_is(a, "extends")
                });
                strip(&mut s.fields)
            }
            syn::Item::Enum(e) => e.variants.iter_mut().for_each(|v| strip(&mut v.fields)),
            _ => {}
        }
    }
}
