//! `include!` items of an interpreter module, as the `translate` command analyses them
//! (outside rustc, with a known source file): the included items join the program, and
//! an error in an included file is reported at its `include!` with the file's line.

use std::path::Path;

fn module(text: &str) -> syn::ItemMod {
    syn::parse_str(text).expect("the test module parses")
}

/// The file the test modules pretend to be in: includes are relative to its directory.
fn here() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/include.rs"))
}

#[test]
fn included_functions_are_part_of_the_program() {
    let m = module(
        "mod core { include!(\"include/good.rs\"); pub fn f(x: i64) -> i64 { inc(x) * 2 } }",
    );
    let analysis = annotator::analyse_file(&m, Some(here())).expect("analyses");
    assert!(analysis.graph("inc").is_some());
    let f = annotator::print::graph_to_string(analysis.graph("f").expect("f has a graph"));
    assert!(f.contains("inc"), "{f}");
}

#[test]
fn an_error_in_an_included_file_names_its_line() {
    let text = "mod core {\n    include!(\"include/ops.rs\");\n    pub fn g() -> i64 { 0 }\n}";
    let m = module(text);
    let Err(e) = annotator::analyse_file(&m, Some(here())) else {
        panic!("a closure in the included file is an error");
    };
    let message = e.to_string();
    assert!(
        message.starts_with("closures are not supported"),
        "{message}"
    );
    assert!(message.contains("include/ops.rs:8:13"), "{message}");
    // Reported at the `include!` in the module's own text.
    assert_eq!(e.span().start().line, 2);
}

#[test]
fn missing_files_and_cycles_are_errors() {
    let m = module("mod core { include!(\"include/none.rs\"); }");
    let Err(e) = annotator::analyse_file(&m, Some(here())) else {
        panic!("a missing file is an error");
    };
    assert!(e.to_string().contains("cannot read"), "{e}");
    let m = module("mod core { include!(\"include/cycle.rs\"); }");
    let Err(e) = annotator::analyse_file(&m, Some(here())) else {
        panic!("a cycle is an error");
    };
    assert!(e.to_string().contains("includes itself"), "{e}");
}

#[test]
fn a_file_module_says_to_include_the_file() {
    let m = module("mod core { mod ops; }");
    let Err(e) = annotator::analyse_file(&m, Some(here())) else {
        panic!("`mod ops;` is an error");
    };
    assert!(
        e.to_string().contains("write `include!(\"ops.rs\");`"),
        "{e}"
    );
}
