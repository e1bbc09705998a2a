//! The tokens of `codewriter::emit`: the `__pyrite` module parses as Rust and holds the
//! registry, one shim per residual function, and the conversions of fieldless enums.
//! (That the tokens compile and the shims call the right functions is tested where
//! rustc sees them: jitsupport/tests/emit_shims.rs and the targets' blackhole tests.)

use codewriter::emit::shim::shim_ident;

const CORE: &str = r#"
mod core {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Color { Red, Green = 5 }

    pub struct Frame { pub n: i64 }

    #[dont_look_inside]
    pub fn slow(x: i64, c: Color) -> Color { c }

    #[elidable]
    pub fn pair(x: i64) -> (i64, i64) { (x, x) }

    pub fn run(f: &mut Frame, x: i64) -> i64 {
        let c = slow(x, Color::Red);
        let (a, b) = pair(x);
        crate::io::print(a);
        f.n = a + b;
        c as i64
    }
}
"#;

fn emitted() -> syn::File {
    let module: syn::ItemMod = syn::parse_str(CORE).expect("the core parses");
    let analysis = annotator::analyse(&module).expect("the core is analysable");
    let ll = rtyper::rtype(&analysis).expect("the core rtypes");
    let out = codewriter::write(&analysis, &ll).expect("the core codewrites");
    let tokens =
        codewriter::emit::module_tokens(&out, &analysis.program, rtyper::layout_tokens(&ll));
    syn::parse2(tokens).expect("the emitted tokens are Rust items")
}

fn items_of_pyrite(file: &syn::File) -> Vec<syn::Item> {
    match file.items.as_slice() {
        [syn::Item::Mod(m)] if m.ident == "__pyrite" => m
            .content
            .as_ref()
            .map(|(_, i)| i.clone())
            .unwrap_or_default(),
        other => panic!("expected one module __pyrite, got {} items", other.len()),
    }
}

#[test]
fn the_module_holds_the_registry_and_lookups() {
    let items = items_of_pyrite(&emitted());
    let names: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Static(s) => Some(s.ident.to_string()),
            syn::Item::Const(c) => Some(c.ident.to_string()),
            syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    for want in ["JITCODES", "PORTALS", "jitcodes", "jitcode", "portal"] {
        assert!(names.iter().any(|n| n == want), "no `{want}` in {names:?}");
    }
}

#[test]
fn one_shim_per_residual_function() {
    let items = items_of_pyrite(&emitted());
    let shims: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Fn(f) if f.sig.abi.is_some() => Some(f.sig.ident.to_string()),
            _ => None,
        })
        .collect();
    for want in ["slow", "pair", "crate_io_print"] {
        assert!(
            shims.iter().any(|s| s.ends_with(want)),
            "no shim for `{want}` in {shims:?}"
        );
    }
}

#[test]
fn fieldless_enums_convert_by_discriminant() {
    let items = items_of_pyrite(&emitted());
    let impls = items
        .iter()
        .filter(|i| matches!(i, syn::Item::Impl(imp) if quote::quote!(#imp).to_string().contains("Color")))
        .count();
    assert_eq!(impls, 2, "IntArg and IntoBits for Color");
}

#[test]
fn shim_names_are_identifiers() {
    assert_eq!(
        shim_ident(3, "Frame::pop2").to_string(),
        "__pyrite_shim_3_Frame_pop2"
    );
    assert_eq!(
        shim_ident(0, "jitsupport::list::ll_push::<i64>").to_string(),
        "__pyrite_shim_0_jitsupport_list_ll_push_i64"
    );
}
