//! Annotation of hand-built flowgraphs: each test builds the graphs of a small module
//! through the model API, annotates them, and compares the printed result.

use annotator::annotate::annotate;
use annotator::model::{Exit, Link};
use annotator::print::graph_to_string;
use annotator::{
    Block, Callee, Case, ConstValue, Diagnostics, Graph, MethodCall, OpKind, Program, Type, Value,
    Var,
};
use proc_macro2::Span;

fn program(module: syn::ItemMod) -> Program {
    let mut diag = Diagnostics::new();
    let p = Program::collect(&module, &mut diag);
    assert!(!diag.has_errors(), "bad test module");
    p
}

/// A graph under construction, named after a function of the module.
struct G {
    g: Graph,
}

fn sp() -> Span {
    Span::call_site()
}

impl G {
    /// A graph whose start block has one input per name.
    fn new(name: &str, params: &[&str]) -> G {
        let mut g = Graph::new(name, sp());
        let vars: Vec<Var> = params
            .iter()
            .map(|p| g.new_var(Some(p.to_string()), sp()))
            .collect();
        g.block_mut(g.start).inputs = vars;
        G { g }
    }

    fn param(&self, i: usize) -> Value {
        Value::Var(self.g.params()[i])
    }

    fn int(&mut self, v: i128) -> Value {
        Value::Const(self.g.new_const(ConstValue::Int(v), None, sp()))
    }

    fn konst(&mut self, v: ConstValue, ty: Option<Type>) -> Value {
        Value::Const(self.g.new_const(v, ty, sp()))
    }

    fn unit(&mut self) -> Value {
        self.konst(ConstValue::Unit, Some(Type::Unit))
    }

    /// Appends `kind(args)` to `block`; returns the result.
    fn op(&mut self, block: Block, kind: OpKind, args: Vec<Value>) -> Value {
        self.named_op(block, kind, args, None)
    }

    fn named_op(
        &mut self,
        block: Block,
        kind: OpKind,
        args: Vec<Value>,
        name: Option<&str>,
    ) -> Value {
        let result = self.g.new_var(name.map(str::to_string), sp());
        self.g.block_mut(block).ops.push(annotator::Op {
            kind,
            args,
            result,
            span: sp(),
        });
        Value::Var(result)
    }

    fn ret(&mut self, block: Block, v: Value) {
        let target = self.g.return_block;
        self.g.block_mut(block).exit = Exit::Goto(Link {
            target,
            args: vec![v],
        });
    }

    fn start(&self) -> Block {
        self.g.start
    }
}

fn method(name: &str) -> OpKind {
    OpKind::CallMethod(MethodCall {
        name: name.to_string(),
        resolved: None,
    })
}

/// Annotates; returns the printed graphs or the error messages.
fn run(p: &Program, graphs: Vec<G>) -> Result<String, Vec<String>> {
    let mut graphs: Vec<Graph> = graphs.into_iter().map(|g| g.g).collect();
    let mut diag = Diagnostics::new();
    annotate(p, &mut graphs, &mut diag);
    if diag.has_errors() {
        return Err(diag.errors().iter().map(|e| e.to_string()).collect());
    }
    for g in &graphs {
        for (i, v) in g.vars.iter().enumerate() {
            assert!(v.ty.is_some(), "v{i} of {} is untyped", g.name);
        }
        for (i, c) in g.consts.iter().enumerate() {
            assert!(c.ty.is_some(), "c{i} of {} is untyped", g.name);
        }
    }
    Ok(graphs
        .iter()
        .map(graph_to_string)
        .collect::<Vec<_>>()
        .join("\n"))
}

#[track_caller]
fn ok(p: &Program, graphs: Vec<G>) -> String {
    match run(p, graphs) {
        Ok(text) => text,
        Err(errors) => panic!("unexpected errors: {errors:#?}"),
    }
}

#[track_caller]
fn errors(p: &Program, graphs: Vec<G>) -> Vec<String> {
    match run(p, graphs) {
        Ok(text) => panic!("expected errors, got:\n{text}"),
        Err(errors) => errors,
    }
}

#[track_caller]
fn assert_text(actual: &str, expected: &str) {
    let expected = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let actual_t = actual
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(actual_t, expected, "\nactual:\n{actual}");
}

#[test]
fn signature_types_parameters_literals_and_result() {
    let p = program(syn::parse_quote! {
        mod m { fn add_one(x: i64) -> i64 { x + 1 } }
    });
    let mut g = G::new("add_one", &["x"]);
    let (s, x, one) = (g.start(), g.param(0), g.int(1));
    let r = g.op(s, OpKind::Add, vec![x, one]);
    g.ret(s, r);
    assert_text(
        &ok(&p, vec![g]),
        "fn add_one(v2: i64) -> i64 {
         block0(v2: i64):
             v3: i64 = add(v2, 1_i64)
             goto return(v3)
         return(v0: i64):
             return v0
         panic(v1: &str):
             panic v1
         }",
    );
}

#[test]
fn unconstrained_literals_default_to_i32_and_shift_amounts_stay_apart() {
    let p = program(syn::parse_quote! {
        mod m { fn f(x: u8) -> u8 { let a = 1 + 2; x << a } }
    });
    let mut g = G::new("f", &["x"]);
    let (s, x) = (g.start(), g.param(0));
    let (one, two) = (g.int(1), g.int(2));
    let a = g.named_op(s, OpKind::Add, vec![one, two], Some("a"));
    let r = g.op(s, OpKind::Shl, vec![x, a]);
    g.ret(s, r);
    let text = ok(&p, vec![g]);
    assert!(text.contains("v3: i32 = add(1_i32, 2_i32)"), "{text}");
    assert!(text.contains("v4: u8 = shl(v2, v3)"), "{text}");
}

#[test]
fn struct_fields_through_mut_self_and_let_annotations() {
    let p = program(syn::parse_quote! {
        mod m {
            struct Frame { pc: usize, acc: i64 }
            impl Frame {
                fn step(&mut self, by: i64) { self.acc = self.acc + by; self.pc += 1; }
                fn new() -> Frame { Frame { pc: 0, acc: 0 } }
            }
        }
    });
    let mut g = G::new("Frame::step", &["self", "by"]);
    let (s, this, by) = (g.start(), g.param(0), g.param(1));
    let acc = g.op(s, OpKind::GetField("acc".into()), vec![this]);
    let sum = g.op(s, OpKind::Add, vec![acc, by]);
    g.op(s, OpKind::SetField("acc".into()), vec![this, sum]);
    let pc = g.op(s, OpKind::GetField("pc".into()), vec![this]);
    let one = g.int(1);
    let pc1 = g.op(s, OpKind::Add, vec![pc, one]);
    g.op(s, OpKind::SetField("pc".into()), vec![this, pc1]);
    let u = g.unit();
    g.ret(s, u);
    let mut n = G::new("Frame::new", &[]);
    let s = n.start();
    let (z1, z2) = (n.int(0), n.int(0));
    // `let f: Frame = Frame { .. }`: a preset type on the variable.
    let f = n.named_op(
        s,
        OpKind::NewStruct("Frame".into()),
        vec![z1, z2],
        Some("f"),
    );
    if let Value::Var(v) = f {
        n.g.vars[v.index()].ty = Some(Type::Struct("Frame".into()));
    }
    n.ret(s, f);
    let text = ok(&p, vec![g, n]);
    assert!(
        text.contains("fn Frame::step(v2: &mut Frame, v3: i64) -> ()"),
        "{text}"
    );
    assert!(text.contains("v4: i64 = getfield[.acc](v2)"), "{text}");
    assert!(text.contains("v6: () = setfield[.acc](v2, v5)"), "{text}");
    assert!(text.contains("v8: usize = add(v7, 1_usize)"), "{text}");
    assert!(
        text.contains("v2: Frame = new[Frame](0_usize, 0_i64)"),
        "{text}"
    );
}

#[test]
fn methods_resolve_through_mut_self_and_double_references() {
    let p = program(syn::parse_quote! {
        mod m {
            #[derive(Clone, Copy)]
            struct Frame { pc: usize }
            impl Frame {
                fn top(&self) -> usize { self.pc }
                fn bump(&mut self) -> usize { self.top() + 1 }
            }
            fn via(f: &&Frame) -> usize { f.top() }
            fn copy(f: &Frame, n: i64) -> Frame { let _k = n.clone(); f.clone() }
        }
    });
    let mut bump = G::new("Frame::bump", &["self"]);
    let (s, this) = (bump.start(), bump.param(0));
    let t = bump.op(s, method("top"), vec![this]);
    let one = bump.int(1);
    let r = bump.op(s, OpKind::Add, vec![t, one]);
    bump.ret(s, r);
    let mut via = G::new("via", &["f"]);
    let (s, f) = (via.start(), via.param(0));
    let r = via.op(s, method("top"), vec![f]);
    via.ret(s, r);
    let mut copy = G::new("copy", &["f", "n"]);
    let (s, f, n) = (copy.start(), copy.param(0), copy.param(1));
    copy.named_op(s, method("clone"), vec![n], Some("_k"));
    let r = copy.op(s, method("clone"), vec![f]);
    copy.ret(s, r);
    let text = ok(&p, vec![bump, via, copy]);
    assert!(text.contains("v4: usize = add(v3, 1_usize)"), "{text}");
    assert!(text.contains("fn via(v2: &&Frame) -> usize"), "{text}");
    assert!(
        text.contains("v3: usize = call_method[.top = Frame::top](v2)"),
        "{text}"
    );
    assert!(text.contains("v4: i64 = same_as(v3)"), "{text}");
    assert!(text.contains("v5: Frame = deref(v2)"), "{text}");
}

#[test]
fn option_payload_and_list_element_come_from_the_context() {
    let p = program(syn::parse_quote! {
        mod m {
            use jitsupport::List;
            fn none() -> Option<i64> { None }
            fn stack(x: u16) -> Option<u16> { let mut l = List::new(); l.push(x); l.pop() }
        }
    });
    let mut none = G::new("none", &[]);
    let s = none.start();
    let v = none.op(
        s,
        OpKind::NewVariant("Option".into(), "None".into()),
        vec![],
    );
    none.ret(s, v);
    let mut st = G::new("stack", &["x"]);
    let (s, x) = (st.start(), st.param(0));
    let l = st.named_op(s, OpKind::ListNew, vec![], Some("l"));
    let bl = st.op(s, OpKind::Borrow(true), vec![l]);
    st.op(s, OpKind::ListPush, vec![bl, x]);
    let bl2 = st.op(s, OpKind::Borrow(true), vec![l]);
    let r = st.op(s, OpKind::ListPop, vec![bl2]);
    st.ret(s, r);
    let text = ok(&p, vec![none, st]);
    assert!(
        text.contains("v2: Option<i64> = new_variant[Option::None]()"),
        "{text}"
    );
    assert!(text.contains("v3: List<u16> = list_new()"), "{text}");
    assert!(
        text.contains("v4: &mut List<u16> = borrow[mut](v3)"),
        "{text}"
    );
    assert!(text.contains("v7: Option<u16> = list_pop(v6)"), "{text}");
}

#[test]
fn switch_on_option_and_enum_payloads() {
    let p = program(syn::parse_quote! {
        mod m {
            enum Instr { Push(i64), Pop }
            fn arg(i: &Instr, o: Option<u8>) -> i64 { 0 }
        }
    });
    let mut g = G::new("arg", &["i", "o"]);
    let (s, i, o) = (g.start(), g.param(0), g.param(1));
    let push = g.g.new_block(vec![]);
    let other = g.g.new_block(vec![]);
    g.g.block_mut(s).exit = Exit::Switch {
        on: i,
        cases: vec![
            (
                Case::Variant("Push".into()),
                Link {
                    target: push,
                    args: vec![],
                },
            ),
            (
                Case::Variant("Pop".into()),
                Link {
                    target: other,
                    args: vec![],
                },
            ),
        ],
        default: None,
    };
    let v = g.op(
        push,
        OpKind::VariantField("Instr".into(), "Push".into(), 0),
        vec![i],
    );
    g.ret(push, v);
    let some = g.g.new_block(vec![]);
    g.g.block_mut(other).exit = Exit::Switch {
        on: o,
        cases: vec![(
            Case::Variant("Some".into()),
            Link {
                target: some,
                args: vec![],
            },
        )],
        default: Some(Link {
            target: g.g.return_block,
            args: vec![Value::Const(g.g.new_const(ConstValue::Int(0), None, sp()))],
        }),
    };
    let b = g.op(
        some,
        OpKind::VariantField("Option".into(), "Some".into(), 0),
        vec![o],
    );
    let w = g.op(
        some,
        OpKind::Cast(Type::Int(annotator::IntTy::I64)),
        vec![b],
    );
    g.ret(some, w);
    let text = ok(&p, vec![g]);
    assert!(
        text.contains("v4: i64 = variant_field[Instr::Push.0](v2)"),
        "{text}"
    );
    assert!(
        text.contains("v5: u8 = variant_field[Option::Some.0](v3)"),
        "{text}"
    );
    assert!(text.contains("_ => return(0_i64)"), "{text}");
}

#[test]
fn external_calls_are_typed_from_their_use() {
    let p = program(syn::parse_quote! {
        mod m { fn read(x: i64) -> i64 { crate::io::read() + x } }
    });
    let mut g = G::new("read", &["x"]);
    let (s, x) = (g.start(), g.param(0));
    let v = g.op(
        s,
        OpKind::Call(Callee::External("crate::io::read".into())),
        vec![],
    );
    let r = g.op(s, OpKind::Add, vec![v, x]);
    g.ret(s, r);
    let text = ok(&p, vec![g]);
    assert!(
        text.contains("v3: i64 = call[extern crate::io::read]()"),
        "{text}"
    );
}

#[test]
fn external_call_without_a_typed_use_is_an_error() {
    let p = program(syn::parse_quote! {
        mod m { fn show(x: i64) { crate::io::emit(crate::io::fmt(x)); } }
    });
    let mut g = G::new("show", &["x"]);
    let (s, x) = (g.start(), g.param(0));
    let f = g.op(
        s,
        OpKind::Call(Callee::External("crate::io::fmt".into())),
        vec![x],
    );
    g.op(
        s,
        OpKind::Call(Callee::External("crate::io::emit".into())),
        vec![f],
    );
    let u = g.unit();
    g.ret(s, u);
    // The dropped result of `emit` is `()`; the result of `fmt` is used but untyped.
    let errs = errors(&p, vec![g]);
    assert_eq!(
        errs,
        vec![
            "cannot infer the type returned by `crate::io::fmt`; give it a type: `let x: T = ...`"
        ]
    );
}

#[test]
fn opaque_receivers_become_external_methods() {
    let p = program(syn::parse_quote! {
        mod m { fn n(v: &Vec<u8>) -> usize { v.len() } }
    });
    let mut g = G::new("n", &["v"]);
    let (s, v) = (g.start(), g.param(0));
    let r = g.op(s, method("len"), vec![v]);
    g.ret(s, r);
    let text = ok(&p, vec![g]);
    assert!(
        text.contains("v3: usize = call_method[.len = extern Vec<u8>::len](v2)"),
        "{text}"
    );
}

#[test]
fn mismatches_and_unknowns_are_all_reported() {
    let p = program(syn::parse_quote! {
        mod m {
            struct S { a: i64 }
            fn bad(x: i64, s: &S) -> bool { x + true; s.nope; s.frob(); let y; x > 1 }
        }
    });
    let mut g = G::new("bad", &["x", "s"]);
    let (s, x, st) = (g.start(), g.param(0), g.param(1));
    let t = g.konst(ConstValue::Bool(true), Some(Type::Bool));
    g.op(s, OpKind::Add, vec![x, t]);
    g.op(s, OpKind::GetField("nope".into()), vec![st]);
    g.op(s, method("frob"), vec![st]);
    let unknown = g.g.new_var(Some("y".into()), sp());
    let next = g.g.new_block(vec![unknown]);
    g.g.block_mut(s).exit = Exit::Goto(Link {
        target: next,
        args: vec![Value::Var(unknown)],
    });
    let one = g.int(1);
    let r = g.op(next, OpKind::Gt, vec![x, one]);
    g.ret(next, r);
    let errs = errors(&p, vec![g]);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(
        errs[0].contains("inferred `bool` here but `i64` is required"),
        "{errs:#?}"
    );
    assert!(
        errs[1].contains("no field `nope` on struct `S`"),
        "{errs:#?}"
    );
    assert!(errs[2].contains("no method `frob` on `S`"), "{errs:#?}");
    assert!(
        errs[3].contains("cannot infer the type of `y`"),
        "{errs:#?}"
    );
}

#[test]
fn literals_must_fit_their_type() {
    let p = program(syn::parse_quote! {
        mod m { fn f() -> u8 { 300 } }
    });
    let mut g = G::new("f", &[]);
    let (s, c) = (g.start(), g.int(300));
    g.ret(s, c);
    let errs = errors(&p, vec![g]);
    assert_eq!(
        errs,
        vec!["the literal `300` does not fit its inferred type `u8` (0 ..= 255)"]
    );
}

#[test]
fn calls_tuples_arrays_and_references() {
    let p = program(syn::parse_quote! {
        mod m {
            fn pair(a: u32) -> (u32, bool) { (a, true) }
            fn use_it(r: &i64) -> u32 {
                let t = pair(7);
                let arr = [t.0; 4];
                let _d = *r;
                arr[2]
            }
        }
    });
    let mut g = G::new("use_it", &["r"]);
    let (s, r) = (g.start(), g.param(0));
    let seven = g.int(7);
    let t = g.named_op(
        s,
        OpKind::Call(Callee::Function("pair".into())),
        vec![seven],
        Some("t"),
    );
    // The builder cannot tell a tuple from a tuple struct; `.0` may come as a getfield.
    let t0 = g.op(s, OpKind::GetField("0".into()), vec![t]);
    let arr = g.named_op(s, OpKind::NewArrayRepeat(4), vec![t0], Some("arr"));
    g.named_op(s, OpKind::Deref, vec![r], Some("_d"));
    let two = g.int(2);
    let e = g.op(s, OpKind::GetItem, vec![arr, two]);
    g.ret(s, e);
    let text = ok(&p, vec![g]);
    assert!(
        text.contains("v3: (u32, bool) = call[pair](7_u32)"),
        "{text}"
    );
    assert!(text.contains("v4: u32 = tuple_get[.0](v3)"), "{text}");
    assert!(
        text.contains("v5: [u32; 4] = new_array_repeat[4](v4)"),
        "{text}"
    );
    assert!(text.contains("v6: i64 = deref(v2)"), "{text}");
    assert!(text.contains("v7: u32 = getitem(v5, 2_usize)"), "{text}");
}

#[test]
fn methods_of_enums_take_the_enum_as_self() {
    let p = program(syn::parse_quote! {
        mod m {
            #[derive(Clone, Copy)]
            enum Instr { Push, Pop }
            impl Instr { fn arity(&self) -> u8 { 0 } }
            fn total(i: Instr) -> u8 { i.arity() }
        }
    });
    // The flow builder presets `self` from `FnDef::self_type`, which names the enum as a
    // struct.
    let mut ar = G::new("Instr::arity", &["self"]);
    let this = ar.g.params()[0];
    ar.g.vars[this.index()].ty = p.function("Instr::arity").and_then(|f| f.self_type());
    let (s, zero) = (ar.start(), ar.int(0));
    ar.ret(s, zero);
    let mut t = G::new("total", &["i"]);
    let (s, i) = (t.start(), t.param(0));
    let r = t.op(s, method("arity"), vec![i]);
    t.ret(s, r);
    let text = ok(&p, vec![ar, t]);
    assert!(text.contains("fn Instr::arity(v2: &Instr) -> u8"), "{text}");
    assert!(
        text.contains("v3: u8 = call_method[.arity = Instr::arity](v2)"),
        "{text}"
    );
}

#[test]
fn comparing_references_asks_for_values() {
    let p = program(syn::parse_quote! {
        mod m { fn same(a: &i64, b: &i64) -> bool { a == b } }
    });
    let mut g = G::new("same", &["a", "b"]);
    let (s, a, b) = (g.start(), g.param(0), g.param(1));
    let r = g.op(s, OpKind::Eq, vec![a, b]);
    g.ret(s, r);
    assert_eq!(
        errors(&p, vec![g]),
        vec!["`eq` compares references (`&i64`); compare the values instead: `*a == *b`"]
    );
}

#[test]
fn stuck_rules_guess_references_and_options() {
    let p = program(syn::parse_quote! {
        mod m { fn g(flag: bool) -> u8 { 0 } }
    });
    // `y` comes from an untyped block input; `deref(y)` assumes a reference and the
    // switch on `None`/`Some` assumes an option, whose payload the return type gives.
    let mut g = G::new("g", &["flag"]);
    let s = g.start();
    let y = g.g.new_var(Some("y".into()), sp());
    let o = g.g.new_var(Some("o".into()), sp());
    let next = g.g.new_block(vec![y, o]);
    let some = g.g.new_block(vec![]);
    let (a, b) = (g.g.new_var(None, sp()), g.g.new_var(None, sp()));
    g.g.block_mut(s).exit = Exit::Goto(Link {
        target: next,
        args: vec![Value::Var(a), Value::Var(b)],
    });
    let d = g.op(next, OpKind::Deref, vec![Value::Var(y)]);
    let one = g.int(1);
    let _ = g.op(next, OpKind::Add, vec![d, one]);
    g.g.block_mut(next).exit = Exit::Switch {
        on: Value::Var(o),
        cases: vec![(
            Case::Variant("Some".into()),
            Link {
                target: some,
                args: vec![],
            },
        )],
        default: None,
    };
    let v = g.op(
        some,
        OpKind::VariantField("Option".into(), "Some".into(), 0),
        vec![Value::Var(o)],
    );
    g.ret(some, v);
    // `a` and `b` are never defined: only the types matter here.
    let text = ok(&p, vec![g]);
    assert!(text.contains("v7: i32 = deref(v3)"), "{text}");
    assert!(text.contains("block3(v3: &i32, v4: Option<u8>)"), "{text}");
}

#[test]
fn deref_of_a_pattern_binding_reads_the_value() {
    let p = program(syn::parse_quote! {
        mod m { enum I { Push(i64) } fn v(i: &I) -> i64 { match i { I::Push(v) => *v } } }
    });
    let mut g = G::new("v", &["i"]);
    let (s, i) = (g.start(), g.param(0));
    let f = g.op(
        s,
        OpKind::VariantField("I".into(), "Push".into(), 0),
        vec![i],
    );
    let d = g.op(s, OpKind::Deref, vec![f]);
    g.ret(s, d);
    let text = ok(&p, vec![g]);
    assert!(text.contains("v4: i64 = same_as(v3)"), "{text}");
}
