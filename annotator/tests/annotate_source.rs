//! End-to-end annotation: Rust source of an interpreter module through
//! `annotator::analyse` (collect, flow, annotate).

use annotator::print::graph_to_string;

/// Analyses `module`; returns every graph printed, or the error messages.
fn analyse(module: syn::ItemMod) -> Result<String, Vec<String>> {
    match annotator::analyse(&module) {
        Ok(a) => {
            for g in &a.graphs {
                for (i, v) in g.vars.iter().enumerate() {
                    assert!(v.ty.is_some(), "v{i} of {} is untyped", g.name);
                }
                for (i, c) in g.consts.iter().enumerate() {
                    assert!(c.ty.is_some(), "c{i} of {} is untyped", g.name);
                }
            }
            Ok(a.graphs
                .iter()
                .map(graph_to_string)
                .collect::<Vec<_>>()
                .join("\n"))
        }
        Err(e) => Err(e.into_iter().map(|e| e.to_string()).collect()),
    }
}

#[track_caller]
fn ok(module: syn::ItemMod) -> String {
    match analyse(module) {
        Ok(text) => text,
        Err(errors) => panic!("unexpected errors: {errors:#?}"),
    }
}

#[track_caller]
fn errors(module: syn::ItemMod) -> Vec<String> {
    match analyse(module) {
        Ok(text) => panic!("expected errors, got:\n{text}"),
        Err(errors) => errors,
    }
}

/// Asserts that every fragment occurs in the printed graphs. Fragments avoid variable
/// numbers where they can, so that they survive changes in the flow builder.
#[track_caller]
fn has(text: &str, fragments: &[&str]) {
    for f in fragments {
        assert!(text.contains(f), "`{f}` not found in:\n{text}");
    }
}

#[test]
fn signatures_fields_lets_and_literals() {
    let text = ok(syn::parse_quote! {
        mod m {
            struct Frame { pc: usize, acc: i64, code: [u8; 4] }
            impl Frame {
                fn step(&mut self) -> i64 {
                    let op = self.code[self.pc];
                    self.pc += 1;
                    let k: u16 = 40;
                    if op == 1 { self.acc += 2; } else { self.acc = self.acc * (k as i64); }
                    self.acc
                }
            }
        }
    });
    has(
        &text,
        &[
            "fn Frame::step(v2: &mut Frame) -> i64",
            ": [u8; 4] = getfield[.code](v2)",
            ": u8 = getitem(",
            ": usize = add(",
            "1_usize)",
            ": bool = eq(",
            "1_u8)",
            "2_i64)",
            "40_u16)",
            ": i64 = cast[i64](",
        ],
    );
}

#[test]
fn unconstrained_literals_default_to_i32() {
    let text = ok(syn::parse_quote! {
        mod m {
            fn lits() -> u64 {
                let a = 5;
                let b: u8 = 7;
                let c = a << b;
                let d = 1.5 * 2.0;
                (c as u64) + (d as u64)
            }
        }
    });
    has(
        &text,
        &[
            ": i32 = shl(5_i32, 7_u8)",
            ": f64 = mul(1.5_f64, 2.0_f64)",
            ": u64 = cast[u64](",
        ],
    );
}

#[test]
fn methods_resolve_through_mut_self_and_references() {
    let text = ok(syn::parse_quote! {
        mod m {
            use jitsupport::List;
            #[derive(Clone, Copy)]
            struct P { x: i32 }
            struct Vm { stack: List<i64>, sp: usize }
            impl Vm {
                fn new() -> Vm { let stack = List::new(); Vm { stack, sp: 0 } }
                fn push(&mut self, v: i64) { self.stack.push(v); self.sp += 1; }
                fn pop(&mut self) -> Option<i64> { self.sp -= 1; self.stack.pop() }
                fn top(&self) -> i64 { self.stack[self.sp - 1] }
                fn dup(&mut self) { let t = self.top(); self.push(t); }
            }
            fn twice(vm: &&Vm) -> i64 { vm.top() * 2 }
            fn copy(p: &P) -> i32 { let q = p.clone(); q.x.clone() }
        }
    });
    has(
        &text,
        &[
            // `List::new()` takes its element type from the struct field.
            ": List<i64> = list_new()",
            // `push` and `pop` are methods of the module too: the receiver type decides.
            ": () = list_push(",
            ": Option<i64> = list_pop(",
            ": i64 = call_method[.top = Vm::top](v2)",
            ": () = call_method[.push = Vm::push](v2, ",
            "fn twice(v2: &&Vm) -> i64",
            // `clone` of a `Copy` value is a copy.
            ": P = deref(v2)",
            ": i32 = same_as(",
        ],
    );
}

#[test]
fn option_payloads_come_from_the_context() {
    let text = ok(syn::parse_quote! {
        mod m {
            fn first(xs: &[i64; 3], want: i64) -> Option<usize> {
                let mut found = None;
                let mut i = 0;
                while i < 3 {
                    if xs[i] == want { found = Some(i); }
                    i += 1;
                }
                found
            }
            fn unwrap_or_zero(o: Option<u8>) -> u8 {
                match o { Some(v) => v, None => 0 }
            }
        }
    });
    has(
        &text,
        &[
            ": Option<usize> = new_variant[Option::None]()",
            ": Option<usize> = new_variant[Option::Some](",
            ": u8 = variant_field[Option::Some.0](",
            "0_u8",
        ],
    );
}

#[test]
fn external_calls_are_typed_from_their_use() {
    let text = ok(syn::parse_quote! {
        mod m {
            fn ext(x: i64) -> i64 {
                let n = crate::io::read();
                crate::io::emit(n);
                let t: u32 = crate::io::peek();
                t as i64 + n * x
            }
        }
    });
    has(
        &text,
        &[
            ": i64 = call[extern crate::io::read]()",
            // A dropped result is `()`.
            ": () = call[extern crate::io::emit](",
            ": u32 = call[extern crate::io::peek]()",
        ],
    );
}

#[test]
fn external_call_without_a_typed_use_is_an_error() {
    let errs = errors(syn::parse_quote! {
        mod m {
            fn bad() { let y = crate::io::get(); crate::io::put(y); }
        }
    });
    assert_eq!(
        errs,
        vec![
            "cannot infer the type returned by `crate::io::get`; give it a type: `let x: T = ...`"
        ]
    );
}

#[test]
fn mismatches_and_unknowns_are_reported_together() {
    // Not valid Rust: rustc would reject it too, but the annotator must report every
    // problem at once, not stop at the first.
    let errs = errors(syn::parse_quote! {
        mod m {
            struct S { a: i64 }
            fn bad(x: i64, f: bool, s: &S) -> i64 {
                let a = x + f;
                let b = s.nope;
                let c = crate::io::get();
                crate::io::put(c);
                a
            }
            fn worse(s: S) -> u8 { s.frob(); 300 }
        }
    });
    assert_eq!(errs.len(), 5, "{errs:#?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("inferred `bool` here but `i64` is required")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("no field `nope` on struct `S`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("type returned by `crate::io::get`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("no method `frob` on `S`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("the literal `300` does not fit")),
        "{errs:#?}"
    );
}
