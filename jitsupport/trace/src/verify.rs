//! The verifier: the invariants every trace keeps, checked between optimizer passes in
//! debug builds (Cranelift's `verifier`).
//!
//! Invariants:
//! 1. Every box is defined once: as an input or as the result of one op.
//! 2. Every box is defined before it is used (in arguments and fail args), and a `label`
//!    is a barrier: after it only the label's arguments and the boxes defined after it are
//!    visible (no references across the loop label).
//! 3. An op has a result exactly when its opcode has one, of the opcode's kind.
//! 4. The number of arguments matches the opcode's signature, and each argument's kind
//!    the signature's kind; `guard_value`'s two arguments are of one kind and the second
//!    is a constant; `guard_class`'s class is a constant; `int_signext`'s byte count is a
//!    constant 1, 2 or 4.
//! 5. Ops with a descr have one of the right sort: field ops a field descr whose kind is
//!    the value's kind, array ops an array descr likewise, `new`/`new_with_vtable` a size
//!    descr (with a type id for the latter), `new_array*` an array descr, calls a call descr
//!    whose argument and result kinds match the call, guards a guard descr, `label` a
//!    label token, `debug_merge_point` its text; `jump` takes a label token or none,
//!    `finish` a finish descr or none; no other op has a descr.
//! 6. Guards have fail args and other ops have none, and no two guards share a guard
//!    descr (a bridge attaches to one guard; copies of a guard, as in a peeled loop, get
//!    descrs of their own, which may share the resume index).
//! 7. An ovf op is directly followed by `guard_no_overflow` or `guard_overflow`, and
//!    those guards directly follow an ovf op; `guard_no_exception` directly follows a
//!    call that can raise, `guard_not_forced` a `call_may_force_*`.
//! 8. The trace ends in `jump` or `finish`, and neither occurs elsewhere.
//! 9. Labels have distinct tokens and their arguments are distinct boxes; a `jump` to a
//!    label of this trace (by token, or without descr to the last label, or to the trace
//!    inputs when there is no label) passes as many arguments as the label has, of the
//!    same kinds. Jumps to labels of other traces (bridges) are not checked here.

use crate::descr::Descr;
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A broken invariant, at an op (`None`: the trace as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The index of the op in the trace, `None` for the trace as a whole.
    pub op: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.op {
            Some(i) => write!(f, "op {i}: {}", self.message),
            None => write!(f, "trace: {}", self.message),
        }
    }
}

/// Checks every invariant of the module doc; returns all broken ones.
pub fn verify(trace: &Trace) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier {
        errors: Vec::new(),
        defined: HashSet::new(),
        visible: HashSet::new(),
        index: 0,
    };
    v.run(trace);
    if v.errors.is_empty() {
        Ok(())
    } else {
        Err(v.errors)
    }
}

/// Verifies in debug builds and panics with the errors and the trace; does nothing in
/// release builds. `after` names what produced the trace (a pass), for the message.
pub fn debug_verify(trace: &Trace, after: &str) {
    if cfg!(debug_assertions) {
        if let Err(errors) = verify(trace) {
            let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!(
                "the trace after {after} is invalid:\n{}\n{trace}",
                list.join("\n")
            );
        }
    }
}

struct Verifier {
    errors: Vec<VerifyError>,
    /// Every box defined so far.
    defined: HashSet<BoxId>,
    /// The boxes usable at this point (reset at labels).
    visible: HashSet<BoxId>,
    index: usize,
}

impl Verifier {
    fn error(&mut self, message: String) {
        self.errors.push(VerifyError {
            op: Some(self.index),
            message,
        });
    }

    fn define(&mut self, b: BoxId) {
        if !self.defined.insert(b) {
            self.error(format!("box {b} is defined twice"));
        }
        self.visible.insert(b);
    }

    fn use_value(&mut self, v: Value) {
        if let Value::Box(b) = v {
            if !self.visible.contains(&b) {
                if self.defined.contains(&b) {
                    self.error(format!("box {b} is used across a label"));
                } else {
                    self.error(format!("box {b} is used before it is defined"));
                }
            }
        }
    }

    fn run(&mut self, trace: &Trace) {
        for &b in &trace.inputs {
            if !self.defined.insert(b) {
                self.errors.push(VerifyError {
                    op: None,
                    message: format!("input {b} is listed twice"),
                });
            }
            self.visible.insert(b);
        }
        let mut guard_descrs = HashSet::new();
        // Labels of this trace: token identity -> argument kinds.
        let mut labels: HashMap<*const (), Vec<Kind>> = HashMap::new();
        let mut last_label: Option<Vec<Kind>> = None;
        let n = trace.ops.len();
        for (i, op) in trace.ops.iter().enumerate() {
            self.index = i;
            let prev = i.checked_sub(1).map(|p| &trace.ops[p]);
            let next = trace.ops.get(i + 1);
            if op.opcode == Opcode::Label {
                for &arg in &op.args {
                    self.use_value(arg);
                }
                self.visible.clear();
                let mut seen = HashSet::new();
                for &arg in &op.args {
                    match arg {
                        Value::Box(b) if seen.insert(b) => {
                            self.visible.insert(b);
                        }
                        Value::Box(b) => self.error(format!("label lists {b} twice")),
                        c => self.error(format!("label argument {c} is a constant, not a box")),
                    }
                }
                let kinds: Vec<Kind> = op.args.iter().map(|v| v.kind()).collect();
                if let Some(Descr::Target(t)) = &op.descr {
                    let key = std::rc::Rc::as_ptr(t).cast();
                    if labels.insert(key, kinds.clone()).is_some() {
                        self.error(format!("label token <Label{}> is used twice", t.number));
                    }
                }
                last_label = Some(kinds);
            } else {
                for &arg in &op.args {
                    self.use_value(arg);
                }
                for &arg in op.fail_args.iter().flatten() {
                    self.use_value(arg);
                }
            }
            if let Some(g) = op.guard_descr() {
                if !guard_descrs.insert(std::rc::Rc::as_ptr(g)) {
                    self.error(format!(
                        "guard descr {} is used by two guards",
                        Descr::Guard(g.clone())
                    ));
                }
            }
            self.check_result(op);
            self.check_args(op);
            self.check_descr(op);
            self.check_neighbours(op, prev, next);
            if op.opcode.is_final() && i + 1 != n {
                self.error(format!("{} before the end of the trace", op.opcode));
            }
            if op.opcode == Opcode::Jump {
                let target = match &op.descr {
                    Some(Descr::Target(t)) => labels.get(&std::rc::Rc::as_ptr(t).cast()).cloned(),
                    None => Some(
                        last_label
                            .clone()
                            .unwrap_or_else(|| trace.inputs.iter().map(|b| b.kind()).collect()),
                    ),
                    _ => None,
                };
                if let Some(kinds) = target {
                    let actual: Vec<Kind> = op.args.iter().map(|v| v.kind()).collect();
                    if actual != kinds {
                        self.error(format!(
                            "jump passes {} but its target takes {}",
                            kinds_text(&actual),
                            kinds_text(&kinds)
                        ));
                    }
                }
            }
            if let Some(b) = op.result {
                self.define(b);
            }
        }
        match trace.ops.last() {
            Some(op) if op.opcode.is_final() => {}
            _ => self.errors.push(VerifyError {
                op: None,
                message: "the trace does not end in jump or finish".to_string(),
            }),
        }
    }

    fn check_result(&mut self, op: &Op) {
        match (op.opcode.result(), op.result) {
            (Some(k), Some(b)) if b.kind() != k => self.error(format!(
                "{} gives {}, but its result box {b} is {}",
                op.opcode,
                a(k),
                a(b.kind())
            )),
            (Some(_), None) => self.error(format!("{} has no result box", op.opcode)),
            (None, Some(b)) => self.error(format!("{} has no result, yet defines {b}", op.opcode)),
            _ => {}
        }
    }

    fn check_args(&mut self, op: &Op) {
        let (fixed, variadic) = op.opcode.arity();
        let count = op.args.len();
        if count < fixed || (!variadic && count > fixed) {
            self.error(format!(
                "{} takes {}{fixed} arguments, not {count}",
                op.opcode,
                if variadic { "at least " } else { "" }
            ));
            return;
        }
        for (n, arg) in op.args.iter().take(fixed).enumerate() {
            if let Some(k) = op.opcode.arg_kind(n) {
                if arg.kind() != k {
                    self.error(format!(
                        "argument {n} of {} must be {}, not {arg} ({})",
                        op.opcode,
                        a(k),
                        a(arg.kind())
                    ));
                }
            }
        }
        match op.opcode {
            Opcode::GuardValue => {
                if op.args[0].kind() != op.args[1].kind() {
                    self.error("guard_value compares values of two kinds".to_string());
                }
                if !op.args[1].is_const() {
                    self.error("guard_value's second argument must be a constant".to_string());
                }
            }
            Opcode::GuardClass | Opcode::GuardNonnullClass | Opcode::RecordKnownClass
                if !op.args[1].is_const() =>
            {
                self.error(format!("{}'s class must be a constant", op.opcode));
            }
            Opcode::IntSignext if !matches!(op.args[1], Value::ConstInt(1 | 2 | 4)) => {
                self.error("int_signext's byte count must be a constant 1, 2 or 4".to_string());
            }
            _ => {}
        }
        if op.fail_args.is_some() != op.opcode.is_guard() {
            if op.opcode.is_guard() {
                self.error(format!("{} has no fail args", op.opcode));
            } else {
                self.error(format!("{} is not a guard but has fail args", op.opcode));
            }
        }
    }

    fn check_descr(&mut self, op: &Op) {
        use Opcode::*;
        let opcode = op.opcode;
        let descr = op.descr.as_ref();
        let wrong = |what: &str| format!("{opcode} needs {what}");
        match opcode {
            GetfieldGcI | GetfieldGcR | GetfieldGcF | GetfieldRawI | GetfieldRawF => {
                match descr.and_then(Descr::as_field) {
                    Some(f) if Some(f.kind) != opcode.result() => self.error(format!(
                        "{opcode} reads field {} of kind {}",
                        f.name, f.kind
                    )),
                    Some(_) => {}
                    None => self.error(wrong("a field descr")),
                }
            }
            SetfieldGc | SetfieldRaw => match descr.and_then(Descr::as_field) {
                Some(f) if op.args.len() == 2 && op.args[1].kind() != f.kind => {
                    self.error(format!(
                        "{opcode} stores {} into field {} of kind {}",
                        a(op.args[1].kind()),
                        f.name,
                        f.kind
                    ))
                }
                Some(_) => {}
                None => self.error(wrong("a field descr")),
            },
            QuasiimmutField => {
                if descr.and_then(Descr::as_field).is_none() {
                    self.error(wrong("a field descr"));
                }
            }
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF | GetarrayitemRawI
            | GetarrayitemRawF => match descr.and_then(Descr::as_array) {
                Some(d) if Some(d.kind) != opcode.result() => self.error(format!(
                    "{opcode} reads items of {} of kind {}",
                    d.name, d.kind
                )),
                Some(_) => {}
                None => self.error(wrong("an array descr")),
            },
            SetarrayitemGc | SetarrayitemRaw => match descr.and_then(Descr::as_array) {
                Some(d) if op.args.len() == 3 && op.args[2].kind() != d.kind => {
                    self.error(format!(
                        "{opcode} stores {} into items of {} of kind {}",
                        a(op.args[2].kind()),
                        d.name,
                        d.kind
                    ))
                }
                Some(_) => {}
                None => self.error(wrong("an array descr")),
            },
            ArraylenGc => match descr.and_then(Descr::as_array) {
                Some(d) if d.length_offset.is_none() => {
                    self.error(format!("arraylen_gc of {}, which stores no length", d.name))
                }
                Some(_) => {}
                None => self.error(wrong("an array descr")),
            },
            NewArray | NewArrayClear => match descr.and_then(Descr::as_array) {
                Some(d) if d.type_id.is_some() && d.length_offset.is_none() => self.error(format!(
                    "{opcode} of the GC array {}, which stores no length",
                    d.name
                )),
                Some(_) => {}
                None => self.error(wrong("an array descr")),
            },
            CondCallGcWb => {
                if descr.and_then(Descr::as_field).is_none() {
                    self.error(wrong("a field descr"));
                }
            }
            CondCallGcWbArray => {
                if descr.and_then(Descr::as_array).is_none() {
                    self.error(wrong("an array descr"));
                }
            }
            New => {
                if descr.and_then(Descr::as_size).is_none() {
                    self.error(wrong("a size descr"));
                }
            }
            NewWithVtable => match descr.and_then(Descr::as_size) {
                Some(s) if s.type_id.is_none() => self.error(format!(
                    "new_with_vtable of {}, which has no type id (class)",
                    s.name
                )),
                Some(_) => {}
                None => self.error(wrong("a size descr")),
            },
            _ if opcode.is_call() => match descr.and_then(Descr::as_call) {
                Some(c) => {
                    let kinds: Vec<Kind> = op.args.iter().skip(1).map(|v| v.kind()).collect();
                    if kinds != c.arg_kinds {
                        self.error(format!(
                            "{opcode} passes {} to {}, which takes {}",
                            kinds_text(&kinds),
                            c.name,
                            kinds_text(&c.arg_kinds)
                        ));
                    }
                    if c.result != opcode.result() {
                        self.error(format!(
                            "{opcode} expects {} result from {}, which gives {}",
                            kind_text(opcode.result()),
                            c.name,
                            kind_text(c.result)
                        ));
                    }
                }
                None => self.error(wrong("a call descr")),
            },
            _ if opcode.is_guard() => {
                if !matches!(descr, Some(Descr::Guard(_))) {
                    self.error(wrong("a guard descr"));
                }
            }
            Label => {
                if !matches!(descr, Some(Descr::Target(_))) {
                    self.error(wrong("a label token"));
                }
            }
            Jump => {
                if !matches!(descr, None | Some(Descr::Target(_)) | Some(Descr::Loop(_))) {
                    self.error("jump takes a label token or no descr".to_string());
                }
            }
            Finish => {
                if !matches!(descr, None | Some(Descr::Finish(_))) {
                    self.error("finish takes a finish descr or no descr".to_string());
                }
            }
            DebugMergePoint => {
                if !matches!(descr, Some(Descr::MergePoint(_))) {
                    self.error(wrong("its text"));
                }
            }
            _ => {
                if descr.is_some() {
                    self.error(format!("{opcode} takes no descr"));
                }
            }
        }
    }

    fn check_neighbours(&mut self, op: &Op, prev: Option<&Op>, next: Option<&Op>) {
        let opcode = op.opcode;
        if opcode.is_ovf()
            && !matches!(
                next.map(|o| o.opcode),
                Some(Opcode::GuardNoOverflow | Opcode::GuardOverflow)
            )
        {
            self.error(format!(
                "{opcode} must be followed by guard_no_overflow or guard_overflow"
            ));
        }
        let prev_opcode = prev.map(|o| o.opcode);
        match opcode {
            Opcode::GuardNoOverflow | Opcode::GuardOverflow
                if !prev_opcode.is_some_and(Opcode::is_ovf) =>
            {
                self.error(format!("{opcode} must directly follow an ovf op"));
            }
            Opcode::GuardNoException if !prev_opcode.is_some_and(Opcode::can_raise) => {
                self.error(
                    "guard_no_exception must directly follow a call that can raise".to_string(),
                );
            }
            Opcode::GuardNotForced
                if !matches!(
                    prev_opcode,
                    Some(
                        Opcode::CallMayForceI
                            | Opcode::CallMayForceR
                            | Opcode::CallMayForceF
                            | Opcode::CallMayForceN
                    )
                ) =>
            {
                self.error("guard_not_forced must directly follow a call_may_force".to_string());
            }
            _ => {}
        }
    }
}

/// `an int`, `a ref`, `a float`.
fn a(kind: Kind) -> &'static str {
    match kind {
        Kind::Int => "an int",
        Kind::Ref => "a ref",
        Kind::Float => "a float",
    }
}

/// `an int`, ..., or `no` for no result.
fn kind_text(kind: Option<Kind>) -> &'static str {
    kind.map_or("no", a)
}

fn kinds_text(kinds: &[Kind]) -> String {
    let names: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
    format!("({})", names.join(", "))
}
