//! The low-level graph checker accepts what the rtyper builds and rejects broken graphs.

use annotator::model::FnHints;
use annotator::{IntTy, Type};
use rtyper::verify::verify;
use rtyper::{LlExit, LlGraph, LlLink, LlOp, LlOpKind, LlType, LlValue};

/// `fn f(i0: i64) -> i64 { return i0 + 1 }` built by hand; `arity` is the number of
/// values the link to the return block carries.
fn graph(arity: usize) -> LlGraph {
    let mut g = LlGraph::new("f", FnHints::default());
    g.start = g.new_block();
    g.return_block = g.new_block();
    g.panic_block = g.new_block();
    let x = g.new_var(LlType::Int(IntTy::I64), Some("x".into()));
    let y = g.new_var(LlType::Int(IntTy::I64), None);
    let r = g.new_var(LlType::Int(IntTy::I64), None);
    let msg = g.new_var(LlType::Str, None);
    g.block_mut(g.start).inputs = vec![x];
    g.block_mut(g.start).ops.push(LlOp {
        kind: LlOpKind::IntAdd,
        args: vec![LlValue::Var(x), LlValue::int(1)],
        results: vec![y],
    });
    g.block_mut(g.start).exit = LlExit::Goto(LlLink {
        target: g.return_block,
        args: vec![LlValue::Var(y); arity],
    });
    g.block_mut(g.return_block).inputs = vec![r];
    g.block_mut(g.return_block).exit = LlExit::Return;
    g.block_mut(g.panic_block).inputs = vec![msg];
    g
}

#[test]
fn accepts_a_well_formed_graph() {
    assert_eq!(verify(&graph(1)), Ok(()));
}

#[test]
fn rejects_a_link_of_the_wrong_arity() {
    let err = verify(&graph(2)).expect_err("two values for one input");
    assert!(err.contains("carries 2 values for 1 inputs"), "{err}");
}

#[test]
fn rejects_a_use_from_another_block() {
    let mut g = graph(1);
    let x = g.params()[0];
    let ret = g.return_block;
    g.block_mut(ret).ops.push(LlOp {
        kind: LlOpKind::IntNeg,
        args: vec![LlValue::Var(x)],
        results: vec![],
    });
    let err = verify(&g).expect_err("x is not an input of the return block");
    assert!(err.contains("uses i0"), "{err}");
}

#[test]
fn rejects_a_result_of_the_wrong_kind() {
    let mut g = graph(1);
    let start = g.start;
    let p = g.new_var(LlType::ptr(Type::Struct("S".into())), None);
    g.block_mut(start).ops.push(LlOp {
        kind: LlOpKind::IntMul,
        args: vec![LlValue::int(2), LlValue::int(3)],
        results: vec![p],
    });
    let err = verify(&g).expect_err("int_mul gives an int");
    assert!(err.contains("kind i"), "{err}");
}
