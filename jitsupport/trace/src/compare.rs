//! Comparing traces modulo renaming of boxes (PyPy's `equaloplists`), for golden tests.
//!
//! Two traces are equal when a one-to-one renaming of the boxes of the first into the
//! boxes of the second makes their inputs and ops equal. Field, array, size and call
//! descrs compare by identity; guard descrs are not compared (their numbers depend on
//! the order a pass creates them); label and loop tokens compare modulo a renaming of
//! their own, as boxes do.

use crate::descr::Descr;
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::HashMap;

/// Renamings built while comparing.
#[derive(Default)]
struct Renaming {
    forward: HashMap<BoxId, BoxId>,
    backward: HashMap<BoxId, BoxId>,
    tokens: HashMap<*const (), *const ()>,
    tokens_back: HashMap<*const (), *const ()>,
}

impl Renaming {
    /// Binds `a` to `b` (a definition); false if either is already bound elsewhere.
    fn define(&mut self, a: BoxId, b: BoxId) -> bool {
        if a.kind() != b.kind() {
            return false;
        }
        match (self.forward.get(&a), self.backward.get(&b)) {
            (None, None) => {
                self.forward.insert(a, b);
                self.backward.insert(b, a);
                true
            }
            (Some(x), Some(y)) => *x == b && *y == a,
            _ => false,
        }
    }

    fn value(&mut self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Box(x), Value::Box(y)) => self.forward.get(&x) == Some(&y),
            (x, y) => x == y,
        }
    }

    fn token(&mut self, a: *const (), b: *const ()) -> bool {
        match (self.tokens.get(&a), self.tokens_back.get(&b)) {
            (None, None) => {
                self.tokens.insert(a, b);
                self.tokens_back.insert(b, a);
                true
            }
            (Some(x), Some(y)) => *x == b && *y == a,
            _ => false,
        }
    }

    fn descr(&mut self, a: &Option<Descr>, b: &Option<Descr>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(Descr::Guard(_)), Some(Descr::Guard(_))) => true,
            (Some(Descr::Target(x)), Some(Descr::Target(y))) => {
                self.token(std::rc::Rc::as_ptr(x).cast(), std::rc::Rc::as_ptr(y).cast())
            }
            (Some(Descr::Loop(x)), Some(Descr::Loop(y))) => {
                self.token(std::rc::Rc::as_ptr(x).cast(), std::rc::Rc::as_ptr(y).cast())
            }
            (Some(Descr::MergePoint(x)), Some(Descr::MergePoint(y))) => x == y,
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    fn values(&mut self, a: &[Value], b: &[Value]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| self.value(*x, *y))
    }

    fn op(&mut self, a: &Op, b: &Op) -> bool {
        if a.opcode != b.opcode || !self.values(&a.args, &b.args) || !self.descr(&a.descr, &b.descr)
        {
            return false;
        }
        match (&a.fail_args, &b.fail_args) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                if !self.values(x, y) {
                    return false;
                }
            }
            _ => return false,
        }
        match (a.result, b.result) {
            (None, None) => true,
            (Some(x), Some(y)) => self.define(x, y),
            _ => false,
        }
    }
}

/// Checks that `actual` equals `expected` modulo renaming of boxes; on a mismatch, the
/// error names the first differing op and shows both traces.
pub fn equal_traces(expected: &Trace, actual: &Trace) -> Result<(), String> {
    let mut r = Renaming::default();
    let show = |why: String| format!("{why}\n--- expected ---\n{expected}--- actual ---\n{actual}");
    if expected.inputs.len() != actual.inputs.len()
        || !expected
            .inputs
            .iter()
            .zip(&actual.inputs)
            .all(|(a, b)| r.define(*a, *b))
    {
        return Err(show("the inputs differ".to_string()));
    }
    for (i, (a, b)) in expected.ops.iter().zip(&actual.ops).enumerate() {
        if !r.op(a, b) {
            return Err(show(format!(
                "op {i} differs:\n  expected: {a}\n  actual:   {b}"
            )));
        }
    }
    if expected.ops.len() != actual.ops.len() {
        return Err(show(format!(
            "expected {} ops, found {}",
            expected.ops.len(),
            actual.ops.len()
        )));
    }
    Ok(())
}
