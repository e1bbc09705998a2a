//! The signature checks emitted for calls out of the module.

use syn::parse_quote;

fn checks(module: syn::ItemMod) -> String {
    let analysis = annotator::analyse(&module).expect("the module analyses");
    annotator::externs::signature_checks(&analysis).to_string()
}

#[test]
fn checks_arguments_and_used_results() {
    let text = checks(parse_quote! {
        mod m {
            fn f(x: i64) -> bool {
                let y: u8 = crate::io::read(x, 3u8);
                crate::io::emit(y);
                y == 0
            }
        }
    });
    assert!(
        text.contains("let _ : fn (i64 , u8) -> u8 = crate :: io :: read ;"),
        "{text}"
    );
    // An unused result is checked as `_`: the call's value may be of any type.
    assert!(
        text.contains("let _ : fn (u8) -> _ = crate :: io :: emit ;"),
        "{text}"
    );
}

#[test]
fn paths_relative_to_the_parent_get_one_more_super() {
    let text = checks(parse_quote! {
        mod m {
            fn f() -> i64 {
                let v: i64 = super::helper();
                v
            }
        }
    });
    assert!(text.contains("super :: super :: helper"), "{text}");
}

#[test]
fn no_external_calls_no_items() {
    let text = checks(parse_quote! {
        mod m {
            fn f(x: i64) -> i64 { x + 1 }
        }
    });
    assert!(text.is_empty(), "{text}");
}
