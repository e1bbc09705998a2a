//! Structural tests of flow analysis: every graph built from the golden sources and a
//! few modules here is well formed SSA, and the builder sets what it promises
//! (names, hints, declared types, one entry per function).

use annotator::model::{Block, Graph};
use annotator::{flow, Diagnostics, Exit, OpKind, Program, Type, Value};
use std::collections::HashSet;
use std::path::Path;

fn build(module: &syn::ItemMod) -> (Program, Vec<Option<Graph>>, Diagnostics) {
    let mut diag = Diagnostics::new();
    let program = Program::collect(module, &mut diag);
    let graphs = flow::build_graphs(&program, &mut diag);
    (program, graphs, diag)
}

/// Checks SSA in block-argument form: every variable used in a block is an input of
/// it or the result of an earlier op of it; links carry one value per target input;
/// a checked op is last in a block with an `Overflow` exit and vice versa; no block
/// but the return and panic blocks has their exits.
fn verify(g: &Graph) -> Result<(), String> {
    let reachable = g.reachable_blocks();
    let mut defined_anywhere = HashSet::new();
    for &b in &reachable {
        let data = g.block(b);
        let mut defined: HashSet<_> = data.inputs.iter().copied().collect();
        for &v in &data.inputs {
            if !defined_anywhere.insert(v) {
                return Err(format!("{}: {v} defined twice", g.name));
            }
        }
        let check = |defined: &HashSet<_>, v: Value, what: &str| match v {
            Value::Var(x) if !defined.contains(&x) => Err(format!(
                "{}: {b} uses {x} in {what} but does not define it",
                g.name
            )),
            _ => Ok(()),
        };
        for (i, op) in data.ops.iter().enumerate() {
            for &a in &op.args {
                check(&defined, a, op.kind.name())?;
            }
            let last_before_overflow =
                i + 1 == data.ops.len() && matches!(data.exit, Exit::Overflow { .. });
            if op.kind.is_ovf() && !last_before_overflow {
                return Err(format!(
                    "{}: {b}: {} is not last before an overflow exit",
                    g.name, op.kind
                ));
            }
            if !defined.insert(op.result) || !defined_anywhere.insert(op.result) {
                return Err(format!("{}: {} defined twice", g.name, op.result));
            }
        }
        match &data.exit {
            Exit::If { cond, .. } => check(&defined, *cond, "if")?,
            Exit::Switch { on, .. } => check(&defined, *on, "switch")?,
            Exit::Overflow { .. } if !data.ops.last().is_some_and(|op| op.kind.is_ovf()) => {
                return Err(format!(
                    "{}: {b}: overflow exit without a checked op",
                    g.name
                ));
            }
            Exit::Return if b != g.return_block => {
                return Err(format!(
                    "{}: {b} returns but is not the return block",
                    g.name
                ))
            }
            Exit::Panic if b != g.panic_block => {
                return Err(format!("{}: {b} has no exit", g.name))
            }
            _ => {}
        }
        for link in data.exit.links() {
            for &a in &link.args {
                check(&defined, a, "a link")?;
            }
            let want = g.block(link.target).inputs.len();
            if link.args.len() != want {
                return Err(format!(
                    "{}: {b} passes {} values to {} which has {want} inputs",
                    g.name,
                    link.args.len(),
                    link.target
                ));
            }
        }
    }
    if reachable.len() != g.blocks.len() {
        return Err(format!(
            "{}: unreachable blocks were left in the graph",
            g.name
        ));
    }
    Ok(())
}

fn golden_sources() -> Vec<(String, syn::ItemMod)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("readable");
        let source = text
            .split("// ---- expected ----")
            .next()
            .expect("a source part");
        let module: syn::ItemMod = syn::parse_str(source).expect("golden sources parse");
        out.push((p.display().to_string(), module));
    }
    out
}

#[test]
fn every_golden_graph_is_well_formed() {
    let sources = golden_sources();
    assert!(sources.len() >= 22);
    for (name, module) in sources {
        let (_, graphs, _) = build(&module);
        for g in graphs.iter().flatten() {
            if let Err(e) = verify(g) {
                panic!("{name}: {e}\n{}", annotator::print::graph_to_string(g));
            }
        }
    }
}

#[test]
fn one_entry_per_function_none_for_dont_look_inside_and_errors() {
    let module: syn::ItemMod = syn::parse_quote! {
        mod m {
            struct S { a: i64 }
            impl S {
                #[elidable]
                fn get(&self) -> i64 { self.a }
            }
            #[dont_look_inside]
            fn opaque(x: i64) -> i64 { let v = vec![x]; v[0] }
            fn broken(x: i64) -> i64 { let f = |y: i64| y; f(x) }
            fn ok(x: i64) -> i64 { x }
        }
    };
    let (program, graphs, diag) = build(&module);
    assert_eq!(graphs.len(), program.functions.len());
    let names: Vec<Option<&str>> = graphs
        .iter()
        .map(|g| g.as_ref().map(|g| g.name.as_str()))
        .collect();
    assert_eq!(names, vec![Some("S::get"), None, None, Some("ok")]);
    let get = graphs[0].as_ref().expect("S::get is built");
    assert!(get.hints.elidable);
    assert_eq!(diag.errors().len(), 1, "only the closure is an error");
}

#[test]
fn declared_types_and_names() {
    let module: syn::ItemMod = syn::parse_quote! {
        mod m {
            struct S { a: i64 }
            impl S {
                fn f(&mut self, n: u8) -> u16 {
                    let mut x: u16 = 0;
                    let c = 'c';
                    while x < 10 { x += 1; }
                    let _ = c;
                    x + n as u16
                }
            }
        }
    };
    let (_, graphs, diag) = build(&module);
    assert!(!diag.has_errors());
    let g = graphs[0].as_ref().expect("built");
    let params = g.params();
    assert_eq!(
        g.var(params[0]).ty,
        Some(Type::mut_ref(Type::Struct("S".into())))
    );
    assert_eq!(g.var(params[0]).name.as_deref(), Some("self"));
    assert_eq!(g.var(params[1]).ty, Some(Type::Int(annotator::IntTy::U8)));
    assert_eq!(g.return_type(), Some(&Type::Int(annotator::IntTy::U16)));
    // The loop header's version of `x` keeps its declared type and its name.
    let header: Block = g
        .reachable_blocks()
        .into_iter()
        .find(|&b| {
            b != g.start
                && g.block(b)
                    .inputs
                    .iter()
                    .any(|&v| g.var(v).name.as_deref() == Some("x"))
        })
        .expect("a block with `x` as input");
    let x = g
        .block(header)
        .inputs
        .iter()
        .copied()
        .find(|&v| g.var(v).name.as_deref() == Some("x"))
        .expect("x");
    assert_eq!(g.var(x).ty, Some(Type::Int(annotator::IntTy::U16)));
    // The char literal carries its type.
    assert!(g.consts.iter().any(|c| c.ty == Some(Type::Char)));
}

#[test]
fn simple_match_is_one_switch() {
    let module: syn::ItemMod = syn::parse_quote! {
        mod m {
            enum Op { A, B(i64), C { x: i64 } }
            fn f(op: Op) -> i64 {
                match op { Op::A => 0, Op::B(v) => v, Op::C { x } => x }
            }
        }
    };
    let (_, graphs, diag) = build(&module);
    assert!(!diag.has_errors());
    let g = graphs[0].as_ref().expect("built");
    let switches: Vec<&Exit> = g
        .blocks
        .iter()
        .map(|b| &b.exit)
        .filter(|e| matches!(e, Exit::Switch { .. }))
        .collect();
    assert_eq!(switches.len(), 1);
    let Exit::Switch { cases, default, .. } = switches[0] else {
        unreachable!("filtered above")
    };
    assert_eq!(cases.len(), 3);
    assert!(default.is_none());
    let fields = g
        .blocks
        .iter()
        .flat_map(|b| &b.ops)
        .filter(|op| matches!(op.kind, OpKind::VariantField(..)))
        .count();
    assert_eq!(fields, 2);
}

#[test]
fn builtin_names_defer_to_module_methods() {
    let module: syn::ItemMod = syn::parse_quote! {
        mod m {
            struct S { l: List<i64> }
            impl S {
                fn len(&self) -> usize { 0 }
                fn g(&self) -> usize { self.l.len() }
            }
            fn h(l: List<i64>, a: i64) -> i64 { let _ = l.len(); a.wrapping_add(1) }
        }
    };
    let (_, graphs, diag) = build(&module);
    assert!(!diag.has_errors());
    let ops = |i: usize| -> Vec<String> {
        graphs[i]
            .as_ref()
            .expect("built")
            .blocks
            .iter()
            .flat_map(|b| &b.ops)
            .map(|op| op.kind.name().to_string())
            .collect()
    };
    assert!(ops(1).contains(&"call_method".to_string()));
    assert!(!ops(1).contains(&"len".to_string()));
    assert!(
        ops(2).contains(&"call_method".to_string()),
        "len is a module method name"
    );
    assert!(ops(2).contains(&"add".to_string()));
}
