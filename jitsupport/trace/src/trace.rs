//! The trace IR: boxes, values, ops and traces.
//!
//! A [`Trace`] is a list of input boxes and a straight-line list of [`Op`]s ending in
//! `jump` or `finish`. Each op has an [`Opcode`], argument [`Value`]s (a box or a
//! constant), an optional [`Descr`], and, for guards, the fail args: the values the guard
//! hands to resume data when it fails. An op with a result defines a new box.
//!
//! Boxes are numbered per trace, all kinds sharing one numbering (`[i0, p1, f2]`), and a
//! [`BoxId`] carries its kind, so it prints without context (Cranelift's entity style).

use crate::descr::{Descr, GuardDescr, TargetToken};
use crate::ops::{Kind, Opcode};
use std::fmt;
use std::rc::Rc;

/// A box: a trace-local variable holding an int, a ref or a float. Prints as `i3`, `p1`,
/// `f0`. The low two bits hold the kind, the rest the number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoxId(u32);

impl BoxId {
    /// Box number `index` of `kind`.
    ///
    /// # Panics
    /// If `index` does not fit in 30 bits.
    pub const fn new(index: u32, kind: Kind) -> BoxId {
        assert!(index < 1 << 30, "box number out of range");
        let k = match kind {
            Kind::Int => 0,
            Kind::Ref => 1,
            Kind::Float => 2,
        };
        BoxId(index << 2 | k)
    }

    /// The number, unique within the trace across kinds.
    pub const fn index(self) -> u32 {
        self.0 >> 2
    }

    /// The kind of value the box holds.
    pub const fn kind(self) -> Kind {
        match self.0 & 3 {
            0 => Kind::Int,
            1 => Kind::Ref,
            _ => Kind::Float,
        }
    }
}

impl fmt::Display for BoxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind().prefix(), self.index())
    }
}

impl fmt::Debug for BoxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// An argument: a box or a constant. Floats are held by their bits, so values compare and
/// hash exactly (`-0.0 != 0.0`, a NaN equals itself).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A box, defined by an input or an op.
    Box(BoxId),
    /// An int constant (also classes and function addresses).
    ConstInt(i64),
    /// An address (0 is null).
    ConstPtr(usize),
    /// The bits of an `f64`.
    ConstFloat(u64),
}

impl Value {
    /// A float constant.
    pub fn float(x: f64) -> Value {
        Value::ConstFloat(x.to_bits())
    }

    /// The null reference.
    pub const NULL: Value = Value::ConstPtr(0);

    /// The kind of the value.
    pub const fn kind(self) -> Kind {
        match self {
            Value::Box(b) => b.kind(),
            Value::ConstInt(_) => Kind::Int,
            Value::ConstPtr(_) => Kind::Ref,
            Value::ConstFloat(_) => Kind::Float,
        }
    }

    /// Whether the value is a constant.
    pub const fn is_const(self) -> bool {
        !matches!(self, Value::Box(_))
    }

    /// The box, if the value is one.
    pub const fn as_box(self) -> Option<BoxId> {
        match self {
            Value::Box(b) => Some(b),
            _ => None,
        }
    }

    /// The int constant, if the value is one.
    pub const fn as_int(self) -> Option<i64> {
        match self {
            Value::ConstInt(n) => Some(n),
            _ => None,
        }
    }

    /// The pointer constant, if the value is one.
    pub const fn as_ptr(self) -> Option<usize> {
        match self {
            Value::ConstPtr(p) => Some(p),
            _ => None,
        }
    }

    /// The float constant, if the value is one.
    pub fn as_float(self) -> Option<f64> {
        match self {
            Value::ConstFloat(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    /// The constant as a raw 64-bit word (as the backend holds it), `None` for a box.
    pub const fn const_bits(self) -> Option<u64> {
        match self {
            Value::Box(_) => None,
            Value::ConstInt(n) => Some(n as u64),
            Value::ConstPtr(p) => Some(p as u64),
            Value::ConstFloat(bits) => Some(bits),
        }
    }

    /// The constant of `kind` whose raw word is `bits`.
    pub const fn from_bits(kind: Kind, bits: u64) -> Value {
        match kind {
            Kind::Int => Value::ConstInt(bits as i64),
            Kind::Ref => Value::ConstPtr(bits as usize),
            Kind::Float => Value::ConstFloat(bits),
        }
    }
}

impl From<BoxId> for Value {
    fn from(b: BoxId) -> Value {
        Value::Box(b)
    }
}

impl fmt::Display for Value {
    /// Boxes by name, ints in decimal, floats with a point or exponent (`1.5`, `nan`),
    /// pointers as `ConstPtr(null)` or `ConstPtr(0x7f00)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Box(b) => write!(f, "{b}"),
            Value::ConstInt(n) => write!(f, "{n}"),
            Value::ConstPtr(0) => write!(f, "ConstPtr(null)"),
            Value::ConstPtr(p) => write!(f, "ConstPtr({p:#x})"),
            Value::ConstFloat(bits) => {
                let x = f64::from_bits(bits);
                if x.is_nan() {
                    write!(f, "nan")
                } else if x.is_infinite() {
                    write!(f, "{}", if x > 0.0 { "inf" } else { "-inf" })
                } else {
                    // `{:?}` always prints a point or an exponent, and round-trips.
                    write!(f, "{x:?}")
                }
            }
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One operation of a trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    /// What the op does.
    pub opcode: Opcode,
    /// The arguments, as many and of the kinds the opcode's signature says.
    pub args: Vec<Value>,
    /// The box the op defines, present exactly when `opcode.result()` is.
    pub result: Option<BoxId>,
    /// For ops with a descr (see [`Opcode::has_descr`]), the descr.
    pub descr: Option<Descr>,
    /// For guards: the values resume data reads when the guard fails (`None` for other
    /// ops). A bridge attached to the guard receives them as its inputs, in order.
    pub fail_args: Option<Vec<Value>>,
}

impl Op {
    /// An op without descr or fail args.
    pub fn new(opcode: Opcode, args: Vec<Value>, result: Option<BoxId>) -> Op {
        Op {
            opcode,
            args,
            result,
            descr: None,
            fail_args: None,
        }
    }

    /// The same op with `descr`.
    pub fn with_descr(mut self, descr: Descr) -> Op {
        self.descr = Some(descr);
        self
    }

    /// The same op with `fail_args`.
    pub fn with_fail_args(mut self, fail_args: Vec<Value>) -> Op {
        self.fail_args = Some(fail_args);
        self
    }

    /// Argument `n`. Panics if there is none (the verifier checks arities).
    pub fn arg(&self, n: usize) -> Value {
        self.args[n]
    }

    /// The guard descr, for a guard that has one.
    pub fn guard_descr(&self) -> Option<&Rc<GuardDescr>> {
        self.descr.as_ref().and_then(Descr::as_guard)
    }

    /// The label token of a `label` or `jump`.
    pub fn target(&self) -> Option<&Rc<TargetToken>> {
        self.descr.as_ref().and_then(Descr::as_target)
    }

    /// Every box the op reads: arguments, then fail args.
    pub fn used_boxes(&self) -> impl Iterator<Item = BoxId> + '_ {
        self.args
            .iter()
            .chain(self.fail_args.iter().flatten())
            .filter_map(|v| v.as_box())
    }
}

/// A linear trace: input boxes and ops, the last a `jump` or `finish`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// The boxes the trace starts with, set by whoever enters it.
    pub inputs: Vec<BoxId>,
    /// The ops, the last one a `jump` or `finish`.
    pub ops: Vec<Op>,
    /// The next box number [`Trace::new_box`] hands out.
    next_box: u32,
}

impl Trace {
    /// An empty trace.
    pub fn new() -> Trace {
        Trace::default()
    }

    /// A trace with inputs of `kinds`, numbered from 0.
    pub fn with_inputs(kinds: &[Kind]) -> Trace {
        let mut trace = Trace::new();
        for &kind in kinds {
            trace.add_input(kind);
        }
        trace
    }

    /// A fresh box of `kind`, not yet defined by any op.
    pub fn new_box(&mut self, kind: Kind) -> BoxId {
        let b = BoxId::new(self.next_box, kind);
        self.next_box += 1;
        b
    }

    /// Appends an input box of `kind`.
    pub fn add_input(&mut self, kind: Kind) -> BoxId {
        let b = self.new_box(kind);
        self.inputs.push(b);
        b
    }

    /// One more than the largest box number handed out: a bound for tables indexed by
    /// [`BoxId::index`].
    pub fn num_boxes(&self) -> u32 {
        self.next_box
    }

    /// Makes sure the boxes handed out later are numbered above `b` (for code that builds
    /// boxes itself, such as the parser).
    pub fn reserve_box(&mut self, b: BoxId) {
        self.next_box = self.next_box.max(b.index() + 1);
    }

    /// Appends an op; gives it a fresh result box if its opcode has a result.
    pub fn push(
        &mut self,
        opcode: Opcode,
        args: Vec<Value>,
        descr: Option<Descr>,
    ) -> Option<BoxId> {
        let result = opcode.result().map(|k| self.new_box(k));
        self.ops.push(Op {
            opcode,
            args,
            result,
            descr,
            fail_args: None,
        });
        result
    }

    /// Appends a guard with its descr and fail args.
    pub fn push_guard(
        &mut self,
        opcode: Opcode,
        args: Vec<Value>,
        descr: Rc<GuardDescr>,
        fail_args: Vec<Value>,
    ) {
        debug_assert!(opcode.is_guard());
        self.ops.push(Op {
            opcode,
            args,
            result: None,
            descr: Some(Descr::Guard(descr)),
            fail_args: Some(fail_args),
        });
    }

    /// Appends a built op, reserving its result box number.
    pub fn push_op(&mut self, op: Op) {
        if let Some(b) = op.result {
            self.reserve_box(b);
        }
        self.ops.push(op);
    }

    /// A trace with the same inputs and box numbering and no ops: the start of a pass's
    /// output.
    pub fn empty_copy(&self) -> Trace {
        Trace {
            inputs: self.inputs.clone(),
            ops: Vec::new(),
            next_box: self.next_box,
        }
    }

    /// The index of the last `label`, if any.
    pub fn last_label(&self) -> Option<usize> {
        self.ops.iter().rposition(|op| op.opcode == Opcode::Label)
    }
}
