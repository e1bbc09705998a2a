//! Error tests of flow analysis: the message, the span, and that every error of a
//! module is reported, not only the first.

use annotator::{flow, Diagnostics, Program};

fn errors(module: syn::ItemMod) -> Vec<(usize, String)> {
    let mut diag = Diagnostics::new();
    let program = Program::collect(&module, &mut diag);
    let _ = flow::build_graphs(&program, &mut diag);
    diag.errors()
        .iter()
        .map(|e| (e.span().start().line, e.to_string()))
        .collect()
}

fn assert_has(errs: &[(usize, String)], needle: &str) {
    assert!(
        errs.iter().any(|(_, m)| m.contains(needle)),
        "no error contains {needle:?}; errors: {errs:#?}"
    );
}

#[test]
fn all_unsupported_constructs_are_reported() {
    let errs = errors(syn::parse_quote! {
        mod m {
            struct P { a: i64 }
            fn a(x: i64) -> i64 { let f = |y: i64| y; f(x) }
            fn b(x: i64) -> i64 { unsafe { x } }
            fn c() { fn inner() {} }
            fn d(x: i64) { println!("{}", x); }
            fn e(l: List<i64>) { for x in l { let _ = x; } }
            fn f(p: P) -> P { P { ..p } }
            fn g(r: &mut i64) { *r = 1; }
            fn h(x: Result<i64, i64>) -> i64 { let y = x?; y }
            fn i(a: [i64; 2]) -> i64 { match a { [x, _] => x } }
            fn j() { let x; }
        }
    });
    for needle in [
        "closures are not supported",
        "`unsafe` blocks are not supported",
        "items inside function bodies",
        "the macro `println!` is not supported",
        "`for` is only supported over integer ranges",
        "`..base` in a struct literal",
        "assign to a field or an index instead",
        "on `Result` in a function returning a `Result`",
        "slice patterns are not supported",
        "`let` without an initializer",
    ] {
        assert_has(&errs, needle);
    }
    // One error per construct: the placeholders keep later uses quiet.
    assert_eq!(errs.len(), 10, "{errs:#?}");
}

#[test]
fn errors_point_at_the_construct() {
    let errs = errors(syn::parse_str(
        "mod m {\n    fn f(x: i64) -> i64 {\n        let y = x;\n        unsafe { y }\n    }\n}",
    )
    .expect("parses"));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 4);
}

#[test]
fn driver_checks() {
    let errs = errors(syn::parse_quote! {
        mod m {
            static DRIVER: JitDriver = JitDriver::new(&["pc"], &["acc"]);
            fn run(n: usize) -> i64 {
                let mut pc = 0;
                let mut acc = 0;
                while pc < n {
                    jit_merge_point!(DRIVER; pc; acc);
                    pc += 1;
                }
                jit_merge_point!(DRIVER; pc; acc);
                jitsupport::can_enter_jit!(NOPE; pc; acc);
                can_enter_jit!(DRIVER; acc; pc);
                can_enter_jit!(DRIVER; pc; other);
                acc
            }
        }
    });
    assert_has(&errs, "must be inside the interpreter's dispatch loop");
    assert_has(&errs, "a second `jit_merge_point!` for `DRIVER`");
    assert_has(&errs, "`NOPE` is not a JIT driver of this module");
    assert_has(
        &errs,
        "the greens of `can_enter_jit!` must be the greens of `DRIVER`",
    );
    assert_has(&errs, "`other` is not a local variable in scope here");
}

#[test]
fn loop_control_errors() {
    let errs = errors(syn::parse_quote! {
        mod m {
            fn f(n: i64) -> i64 {
                while n > 0 { break 3; }
                'a: loop { break 'b; }
                continue;
                0
            }
        }
    });
    assert_has(&errs, "`break` with a value is only allowed in `loop`");
    assert_has(&errs, "no enclosing loop has the label `'b`");
    assert_has(&errs, "`continue` outside of a loop");
}

#[test]
fn unknown_names_and_fields() {
    let errs = errors(syn::parse_quote! {
        mod m {
            struct S { a: i64, b: i64 }
            fn f() -> S { let _ = nothing; S { a: 1, c: 2 } }
        }
    });
    assert_has(&errs, "cannot find `nothing`");
    assert_has(&errs, "`S` has no field `c`");
    assert_has(&errs, "missing field `b` in `S`");
}

#[test]
fn errors_inside_an_unsupported_for_are_reported() {
    let errs = errors(syn::parse_quote! {
        mod m {
            fn f(l: List<i64>) -> i64 {
                let mut t = 0;
                for x in l {
                    t += x;
                    unsafe { t += 1; }
                    if x > 3 { break; }
                }
                t
            }
        }
    });
    assert_has(&errs, "`for` is only supported over integer ranges");
    assert_has(&errs, "`unsafe` blocks are not supported");
    assert_eq!(errs.len(), 2, "{errs:#?}");
}
