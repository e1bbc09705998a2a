//! Lowering of the flowgraph operations: the dispatch over [`annotator::OpKind`], and
//! arithmetic, comparisons and casts. Memory operations are in [`super::memory`], calls in
//! [`super::calls`].

use super::{Lower, OvfExit};
use crate::layout::CallDescr;
use crate::lltype::{Kind, LlType};
use crate::model::{LlConst, LlValue};
use crate::ops::{DriverDescr, LlOpKind};
use crate::repr;
use annotator::{IntTy, Op, OpKind, Type};
use proc_macro2::Span;

/// The arithmetic family of a binary flowgraph op.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Arith {
    Add,
    Sub,
    Mul,
}

impl Lower<'_> {
    pub(super) fn lower_op(&mut self, op: &Op) {
        let span = op.span;
        let res_ty = self.var_ty(op.result);
        let arg_ty =
            |this: &Self, i: usize| -> Type { op.args.get(i).map_or(Type::Unit, |&a| this.ty(a)) };
        let ty0 = arg_ty(self, 0);
        let a = |this: &mut Self, i: usize| -> LlValue {
            match op.args.get(i) {
                Some(&v) => this.value(v),
                None => LlValue::int(0),
            }
        };
        let result = match &op.kind {
            OpKind::Add | OpKind::Sub | OpKind::Mul => {
                let (x, y) = (a(self, 0), a(self, 1));
                let family = match op.kind {
                    OpKind::Add => Arith::Add,
                    OpKind::Sub => Arith::Sub,
                    _ => Arith::Mul,
                };
                if res_ty == Type::F64 {
                    let kind = match family {
                        Arith::Add => LlOpKind::FloatAdd,
                        Arith::Sub => LlOpKind::FloatSub,
                        Arith::Mul => LlOpKind::FloatMul,
                    };
                    vec![self.emit(kind, vec![x, y], LlType::F64)]
                } else {
                    let lt = self.int_leaf(&res_ty);
                    let kind = match family {
                        Arith::Add => LlOpKind::IntAdd,
                        Arith::Sub => LlOpKind::IntSub,
                        Arith::Mul => LlOpKind::IntMul,
                    };
                    let r = self.emit(kind, vec![x, y], lt.clone());
                    vec![self.narrow(r, &lt)]
                }
            }
            OpKind::Div | OpKind::Rem => {
                let is_div = op.kind == OpKind::Div;
                let (x, y) = (a(self, 0), a(self, 1));
                if res_ty == Type::F64 {
                    if is_div {
                        vec![self.emit(LlOpKind::FloatDiv, vec![x, y], LlType::F64)]
                    } else {
                        // No trace op computes fmod: an elidable residual call, which
                        // folds on constants.
                        let descr = CallDescr {
                            func: "jitsupport::llmath::ll_float_rem".into(),
                            args: vec![Kind::Float, Kind::Float],
                            results: vec![Kind::Float],
                            elidable: true,
                            loop_invariant: false,
                            can_panic: false,
                        };
                        let r = self.out.new_var(LlType::F64, None);
                        self.out.block_mut(self.cur).ops.push(crate::model::LlOp {
                            kind: LlOpKind::ResidualCall(descr),
                            args: vec![x, y],
                            results: vec![r],
                        });
                        vec![LlValue::Var(r)]
                    }
                } else {
                    vec![self.int_divrem(is_div, x, y, &res_ty)]
                }
            }
            OpKind::Neg => {
                let x = a(self, 0);
                if res_ty == Type::F64 {
                    vec![self.emit(LlOpKind::FloatNeg, vec![x], LlType::F64)]
                } else {
                    let lt = self.int_leaf(&res_ty);
                    let r = self.emit(LlOpKind::IntNeg, vec![x], lt.clone());
                    vec![self.narrow(r, &lt)]
                }
            }
            OpKind::Not => {
                let x = a(self, 0);
                if res_ty == Type::Bool {
                    vec![self.emit(LlOpKind::BoolNot, vec![x], LlType::Bool)]
                } else {
                    let lt = self.int_leaf(&res_ty);
                    let r = self.emit(LlOpKind::IntInvert, vec![x], lt.clone());
                    let (_, signed) = repr::int_info(self.program, &lt);
                    if signed {
                        vec![r]
                    } else {
                        vec![self.narrow(r, &lt)]
                    }
                }
            }
            OpKind::BitAnd | OpKind::BitOr | OpKind::BitXor => {
                let kind = match op.kind {
                    OpKind::BitAnd => LlOpKind::IntAnd,
                    OpKind::BitOr => LlOpKind::IntOr,
                    _ => LlOpKind::IntXor,
                };
                let (x, y) = (a(self, 0), a(self, 1));
                let lt = self.int_leaf(&res_ty);
                vec![self.emit(kind, vec![x, y], lt)]
            }
            OpKind::Shl | OpKind::Shr => {
                let (x, y) = (a(self, 0), a(self, 1));
                let lt = self.int_leaf(&res_ty);
                let (bytes, signed) = repr::int_info(self.program, &lt);
                let amount_ty = self.int_leaf(&arg_ty(self, 1));
                let mask = i128::from(bytes * 8 - 1);
                let amount = match y.as_int() {
                    Some(n) => LlValue::int(n & mask),
                    None => self.emit(LlOpKind::IntAnd, vec![y, LlValue::int(mask)], amount_ty),
                };
                if op.kind == OpKind::Shl {
                    let r = self.emit(LlOpKind::IntLshift, vec![x, amount], lt.clone());
                    vec![self.narrow(r, &lt)]
                } else {
                    let kind = if signed {
                        LlOpKind::IntRshift
                    } else {
                        LlOpKind::UintRshift
                    };
                    vec![self.emit(kind, vec![x, amount], lt)]
                }
            }
            OpKind::Abs => {
                let x = a(self, 0);
                if res_ty == Type::F64 {
                    vec![self.emit(LlOpKind::FloatAbs, vec![x], LlType::F64)]
                } else {
                    let lt = self.int_leaf(&res_ty);
                    let r = self.emit(LlOpKind::IntAbs, vec![x], lt.clone());
                    vec![self.narrow(r, &lt)]
                }
            }
            OpKind::Min | OpKind::Max => {
                let is_min = op.kind == OpKind::Min;
                let (x, y) = (a(self, 0), a(self, 1));
                if res_ty == Type::F64 {
                    let kind = if is_min {
                        LlOpKind::FloatMin
                    } else {
                        LlOpKind::FloatMax
                    };
                    vec![self.emit(kind, vec![x, y], LlType::F64)]
                } else {
                    let lt = self.int_leaf(&res_ty);
                    let (_, signed) = repr::int_info(self.program, &lt);
                    let kind = match (is_min, signed) {
                        (true, true) => LlOpKind::IntMin,
                        (true, false) => LlOpKind::UintMin,
                        (false, true) => LlOpKind::IntMax,
                        (false, false) => LlOpKind::UintMax,
                    };
                    vec![self.emit(kind, vec![x, y], lt)]
                }
            }
            OpKind::Sqrt => {
                let x = a(self, 0);
                vec![self.emit(LlOpKind::FloatSqrt, vec![x], LlType::F64)]
            }
            OpKind::AddOvf | OpKind::SubOvf | OpKind::MulOvf => {
                let family = match op.kind {
                    OpKind::AddOvf => Arith::Add,
                    OpKind::SubOvf => Arith::Sub,
                    _ => Arith::Mul,
                };
                let (x, y) = (a(self, 0), a(self, 1));
                let lt = self.int_leaf(&res_ty);
                vec![self.checked(family, x, y, &lt)]
            }
            OpKind::AddOverflows | OpKind::SubOverflows | OpKind::MulOverflows => {
                let family = match op.kind {
                    OpKind::AddOverflows => Arith::Add,
                    OpKind::SubOverflows => Arith::Sub,
                    _ => Arith::Mul,
                };
                let (x, y) = (a(self, 0), a(self, 1));
                let lt = self.int_leaf(&ty0);
                vec![self.overflows(family, x, y, &lt)]
            }
            // The same two words.
            OpKind::AsBytes => op.args.first().map(|&v| self.values(v)).unwrap_or_default(),
            OpKind::GetItem if *ty0.deref_all() == Type::Bytes => {
                let b = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                let i = a(self, 1);
                self.bytes_item(b, i, span).into_iter().collect()
            }
            OpKind::Slice => {
                let x = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                let (lo, hi) = (a(self, 1), a(self, 2));
                let bytes = *ty0.deref_all() == Type::Bytes;
                self.str_slice(x, lo, hi, bytes)
            }
            OpKind::Eq | OpKind::Ne if matches!(ty0.deref_all(), Type::Str | Type::Bytes) => {
                let x = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                let y = op.args.get(1).map(|&v| self.values(v)).unwrap_or_default();
                vec![self.str_compare(&op.kind, x, y)]
            }
            OpKind::Eq | OpKind::Ne | OpKind::Lt | OpKind::Le | OpKind::Gt | OpKind::Ge => {
                let (x, y) = (a(self, 0), a(self, 1));
                self.compare(&op.kind, &ty0, x, y, span)
                    .into_iter()
                    .collect()
            }
            OpKind::Cast(to) => {
                let x = a(self, 0);
                self.cast(x, &ty0, to, span).into_iter().collect()
            }
            OpKind::SameAs | OpKind::Borrow(_) | OpKind::Deref => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                self.coerce(vals, &ty0, &res_ty, span)
            }
            OpKind::NewStruct(name) => self.new_struct(name, &op.args, span),
            OpKind::NewGc(name) => self.new_gc(name, &op.args, span),
            OpKind::ToAny => vec![a(self, 0)],
            OpKind::GcIs(t) => {
                let x = a(self, 0);
                let size = self.layouts.gc_size_descr(&Type::Struct(t.clone()));
                vec![self.emit(LlOpKind::GcClassIs(size), vec![x], LlType::Bool)]
            }
            OpKind::GcDowncast(t) => {
                let x = a(self, 0);
                let payload = Type::Struct(t.clone());
                let size = self.layouts.gc_size_descr(&payload);
                let ty = LlType::Ptr {
                    to: Type::Gc(Box::new(payload)),
                    mutable: false,
                    nullable: true,
                };
                vec![self.emit(LlOpKind::GcDowncast(size), vec![x], ty)]
            }
            OpKind::CellGet => {
                let x = a(self, 0);
                self.cell_get(&ty0, x, span)
            }
            OpKind::CellSet => {
                let x = a(self, 0);
                if let (Type::GcCell(value), Some(&v)) = (ty0.deref_all().clone(), op.args.get(1)) {
                    self.cell_store(&value, x, v, span);
                }
                vec![]
            }
            OpKind::GetField(field) => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                self.get_field(&ty0, vals, field, span)
            }
            OpKind::GetSubstruct(field) => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                self.get_substruct(&ty0, vals, field, &res_ty, span)
            }
            OpKind::WithField(field) => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                match op.args.get(1) {
                    Some(&v) => self.with_field(&ty0, vals, field, v, span),
                    None => vals,
                }
            }
            OpKind::GetArraySubstruct => {
                let (x, i) = (a(self, 0), a(self, 1));
                self.get_array_substruct(&ty0, x, i, &res_ty, span)
            }
            OpKind::SetField(field) => {
                let x = a(self, 0);
                if let Some(&v) = op.args.get(1) {
                    self.set_field(&ty0, x, field, v, span);
                }
                vec![]
            }
            OpKind::NewVariant(e, v) => self.new_variant(e, v, &op.args, &res_ty, span),
            OpKind::VariantField(e, v, i) => {
                let x = op.args.first().map(|&x| self.values(x)).unwrap_or_default();
                self.variant_field(e, v, *i, x, &ty0, span)
            }
            OpKind::NewTuple => {
                let mut out = Vec::new();
                for &arg in &op.args {
                    out.extend(self.values(arg));
                }
                out
            }
            OpKind::TupleGet(i) => {
                let vals = op.args.first().map(|&x| self.values(x)).unwrap_or_default();
                let Type::Tuple(elems) = ty0.deref_all().clone() else {
                    self.error(
                        span,
                        format!("`.{i}` on a value of type {ty0}, not a tuple"),
                    );
                    return;
                };
                let mut start = 0;
                for t in &elems[..(*i).min(elems.len())] {
                    start += self.leaves(t, span).len();
                }
                let n = elems.get(*i).map_or(0, |t| self.leaves(t, span).len());
                vals.get(start..start + n)
                    .map(<[_]>::to_vec)
                    .unwrap_or_default()
            }
            OpKind::NewArray | OpKind::NewArrayRepeat(_) => self.new_array(op, &res_ty, span),
            OpKind::GetItem => {
                let (x, i) = (a(self, 0), a(self, 1));
                self.get_item(&ty0, x, i, span)
            }
            OpKind::SetItem => {
                let (x, i) = (a(self, 0), a(self, 1));
                if let Some(&v) = op.args.get(2) {
                    self.set_item(&ty0, x, i, v, span);
                }
                vec![]
            }
            OpKind::Len => {
                let x = a(self, 0);
                match ty0.deref_all().clone() {
                    Type::Array(_, n) => vec![LlValue::int(i128::from(n))],
                    Type::GcArray(item) => vec![self.gc_array_len(&item, x)],
                    Type::GcStr => vec![self.str_len(x)],
                    // The length leaf of a `&str` or `&[u8]`.
                    Type::Str | Type::Bytes => {
                        let leaves = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                        leaves.get(1).cloned().into_iter().collect()
                    }
                    Type::List(item) => match self.list_field(&item, "len", span) {
                        Some(d) => vec![self.emit(
                            LlOpKind::GetfieldI(d),
                            vec![x],
                            LlType::Int(IntTy::Usize),
                        )],
                        None => vec![],
                    },
                    other => {
                        self.error(span, format!("`len` of a value of type {other}"));
                        vec![]
                    }
                }
            }
            OpKind::ListNew | OpKind::ListWithCapacity => {
                let Type::List(item) = res_ty.clone() else {
                    self.error(span, format!("a list constructor typed {res_ty}"));
                    return;
                };
                let size = self.layouts.size_descr(&res_ty);
                let list = self.emit(LlOpKind::New(size), vec![], LlType::ptr(res_ty.clone()));
                let item_ty = super::super::layout::rust_type(&item)
                    .to_string()
                    .replace(' ', "");
                let (func, mut args, kinds) = if op.kind == OpKind::ListNew {
                    ("ll_init", vec![], vec![Kind::Ref])
                } else {
                    (
                        "ll_init_with_capacity",
                        vec![a(self, 0)],
                        vec![Kind::Ref, Kind::Int],
                    )
                };
                args.insert(0, list.clone());
                let descr = CallDescr {
                    func: format!("jitsupport::list::{func}::<{item_ty}>"),
                    args: kinds,
                    results: vec![],
                    elidable: false,
                    loop_invariant: false,
                    can_panic: true,
                };
                self.emit_void(LlOpKind::ResidualCall(descr), args);
                vec![list]
            }
            OpKind::ListPush => {
                let list = a(self, 0);
                let item_ty = match ty0.deref_all() {
                    Type::List(t) => (**t).clone(),
                    other => {
                        self.error(span, format!("`push` on a value of type {other}"));
                        return;
                    }
                };
                if self.program.is_value_type(&item_ty)
                    || self.program.is_value_enum(&item_ty)
                    || self.inline_struct_item(&item_ty)
                {
                    let vals = match op.args.get(1) {
                        Some(&v) => {
                            let vals = self.values(v);
                            self.coerce(vals, &self.ty(v), &item_ty, span)
                        }
                        None => vec![],
                    };
                    self.list_push_value(&item_ty, list, vals, span);
                    return;
                }
                if !self.passable_by_value(&item_ty, span, "pushed onto a list by the JIT") {
                    return;
                }
                let vals = op.args.get(1).map(|&v| self.values(v)).unwrap_or_default();
                let mut kinds = vec![Kind::Ref];
                kinds.extend(vals.iter().map(|v| self.out.kind(v)));
                let rust = super::super::layout::rust_type(&item_ty)
                    .to_string()
                    .replace(' ', "");
                let descr = CallDescr {
                    func: format!("jitsupport::list::ll_push::<{rust}>"),
                    args: kinds,
                    results: vec![],
                    elidable: false,
                    loop_invariant: false,
                    can_panic: true,
                };
                self.list_push(&item_ty, list, vals, descr, span);
                vec![]
            }
            OpKind::ListPop => {
                let list = a(self, 0);
                self.list_pop(&ty0, list, &res_ty, span)
            }
            OpKind::Call(callee) => self.call(callee, op, &res_ty),
            OpKind::CallMethod(m) => match &m.resolved {
                Some(callee) => self.call(callee, op, &res_ty),
                None => {
                    self.error(
                        span,
                        format!(
                            "the method call `.{}` was not resolved by annotation",
                            m.name
                        ),
                    );
                    vec![]
                }
            },
            OpKind::JitMergePoint(d) | OpKind::CanEnterJit(d) => {
                let n_greens = self.program.driver(d).map_or(0, |dd| dd.greens.len());
                let mut args = Vec::new();
                let mut greens = 0;
                for (i, &arg) in op.args.iter().enumerate() {
                    let vals = self.values(arg);
                    if i < n_greens {
                        greens += vals.len();
                    }
                    args.extend(vals);
                }
                let descr = DriverDescr {
                    name: d.clone(),
                    greens,
                };
                let kind = if matches!(op.kind, OpKind::JitMergePoint(_)) {
                    LlOpKind::JitMergePoint(descr)
                } else {
                    LlOpKind::CanEnterJit(descr)
                };
                self.emit_void(kind, args);
                vec![]
            }
            OpKind::Promote => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                let mut out = Vec::new();
                for v in vals {
                    let ty = self.value_type(&v);
                    let kind = match ty.kind() {
                        Kind::Int => LlOpKind::PromoteI,
                        Kind::Ref => LlOpKind::PromoteR,
                        Kind::Float => LlOpKind::PromoteF,
                    };
                    out.push(self.emit(kind, vec![v], ty));
                }
                out
            }
            OpKind::WeAreJitted => vec![self.emit(LlOpKind::WeAreJitted, vec![], LlType::Bool)],
        };
        self.bind(op.result, result);
    }

    /// The low-level type of a constant or variable (constants: by kind).
    pub(super) fn value_type(&self, v: &LlValue) -> LlType {
        match v {
            LlValue::Var(x) => self.out.var_type(*x).clone(),
            LlValue::Const(LlConst::Float(_)) => LlType::F64,
            LlValue::Const(LlConst::Str(_)) => LlType::Str,
            LlValue::Const(LlConst::Null) => LlType::ptr(Type::Unit),
            LlValue::Const(LlConst::Int(_)) => LlType::Int(IntTy::I64),
        }
    }

    /// The leaf type of an int-like annotator type.
    pub(super) fn int_leaf(&mut self, ty: &Type) -> LlType {
        match repr::leaves(self.program, ty).as_deref() {
            Ok([t]) if t.kind() == Kind::Int => t.clone(),
            _ => LlType::Int(IntTy::I64),
        }
    }

    /// Brings a 64-bit result back into the range of a narrower type: sign extension for
    /// signed types, a mask for unsigned ones.
    pub(super) fn narrow(&mut self, v: LlValue, ty: &LlType) -> LlValue {
        let (bytes, signed) = repr::int_info(self.program, ty);
        if bytes >= 8 {
            return v;
        }
        let bits = bytes * 8;
        if let Some(c) = v.as_int() {
            // Fold constants: keep the low bits, then sign-extend for signed types.
            let low = c & ((1i128 << bits) - 1);
            let folded = if signed && low >= 1i128 << (bits - 1) {
                low - (1i128 << bits)
            } else {
                low
            };
            return LlValue::int(folded);
        }
        if signed {
            self.emit(
                LlOpKind::IntSignext,
                vec![v, LlValue::int(i128::from(bytes))],
                ty.clone(),
            )
        } else {
            let mask = (1i128 << bits) - 1;
            self.emit(LlOpKind::IntAnd, vec![v, LlValue::int(mask)], ty.clone())
        }
    }

    fn int_divrem(&mut self, is_div: bool, x: LlValue, y: LlValue, ty: &Type) -> LlValue {
        let lt = self.int_leaf(ty);
        let (_, signed) = repr::int_info(self.program, &lt);
        let min = match &lt {
            LlType::Int(t) => IntTy::min(*t),
            _ => 0,
        };
        if y.as_int().is_none_or(|d| d == 0) {
            let zero = self.emit(
                LlOpKind::IntEq,
                vec![y.clone(), LlValue::int(0)],
                LlType::Bool,
            );
            let msg = if is_div {
                "attempt to divide by zero"
            } else {
                "attempt to calculate the remainder with a divisor of zero"
            };
            self.check(zero, msg);
        }
        if signed && y.as_int().is_none_or(|d| d == -1) && x.as_int().is_none_or(|n| n == min) {
            let minus_one = self.emit(
                LlOpKind::IntEq,
                vec![y.clone(), LlValue::int(-1)],
                LlType::Bool,
            );
            let is_min = self.emit(
                LlOpKind::IntEq,
                vec![x.clone(), LlValue::int(min)],
                LlType::Bool,
            );
            let both = self.emit(LlOpKind::IntAnd, vec![minus_one, is_min], LlType::Bool);
            let msg = if is_div {
                "attempt to divide with overflow"
            } else {
                "attempt to calculate the remainder with overflow"
            };
            self.check(both, msg);
        }
        let kind = match (is_div, signed) {
            (true, true) => LlOpKind::IntDiv,
            (true, false) => LlOpKind::UintDiv,
            (false, true) => LlOpKind::IntRem,
            (false, false) => LlOpKind::UintRem,
        };
        self.emit(kind, vec![x, y], lt)
    }

    /// `checked_*`: on 64-bit types the `*_ovf` op and the `Overflow` exit; on narrower
    /// types the exact 64-bit result compared with its narrowed value.
    fn checked(&mut self, family: Arith, x: LlValue, y: LlValue, lt: &LlType) -> LlValue {
        let (bytes, signed) = repr::int_info(self.program, lt);
        if bytes >= 8 {
            let kind = match (family, signed) {
                (Arith::Add, true) => LlOpKind::IntAddOvf,
                (Arith::Sub, true) => LlOpKind::IntSubOvf,
                (Arith::Mul, true) => LlOpKind::IntMulOvf,
                (Arith::Add, false) => LlOpKind::UintAddOvf,
                (Arith::Sub, false) => LlOpKind::UintSubOvf,
                (Arith::Mul, false) => LlOpKind::UintMulOvf,
            };
            self.ovf = Some(OvfExit::Native);
            return self.emit(kind, vec![x, y], lt.clone());
        }
        let (wide, narrowed) = self.wide_and_narrow(family, x, y, lt);
        let flag = self.emit(LlOpKind::IntNe, vec![wide, narrowed.clone()], LlType::Bool);
        self.ovf = Some(OvfExit::Flag(flag));
        narrowed
    }

    /// The flag of `overflowing_*`.
    fn overflows(&mut self, family: Arith, x: LlValue, y: LlValue, lt: &LlType) -> LlValue {
        let (bytes, signed) = repr::int_info(self.program, lt);
        if bytes >= 8 {
            let kind = match (family, signed) {
                (Arith::Add, true) => LlOpKind::IntAddOverflows,
                (Arith::Sub, true) => LlOpKind::IntSubOverflows,
                (Arith::Mul, true) => LlOpKind::IntMulOverflows,
                (Arith::Add, false) => LlOpKind::UintAddOverflows,
                (Arith::Sub, false) => LlOpKind::UintSubOverflows,
                (Arith::Mul, false) => LlOpKind::UintMulOverflows,
            };
            return self.emit(kind, vec![x, y], LlType::Bool);
        }
        let (wide, narrowed) = self.wide_and_narrow(family, x, y, lt);
        self.emit(LlOpKind::IntNe, vec![wide, narrowed], LlType::Bool)
    }

    /// For types narrower than 64 bits the 64-bit result of add, sub or mul is exact.
    fn wide_and_narrow(
        &mut self,
        family: Arith,
        x: LlValue,
        y: LlValue,
        lt: &LlType,
    ) -> (LlValue, LlValue) {
        let kind = match family {
            Arith::Add => LlOpKind::IntAdd,
            Arith::Sub => LlOpKind::IntSub,
            Arith::Mul => LlOpKind::IntMul,
        };
        let wide = self.emit(kind, vec![x, y], LlType::Int(IntTy::I64));
        let narrowed = self.narrow(wide.clone(), lt);
        (wide, narrowed)
    }

    /// `a == b`, `a < b`, ... of two strings: their text, through the elidable
    /// `GcStr::equals` and `GcStr::compare`.
    fn compare_strings(&mut self, kind: &OpKind, x: LlValue, y: LlValue) -> LlValue {
        let call = |this: &mut Self, f: &str, ty: LlType| {
            let descr = crate::layout::CallDescr {
                func: annotator::strings::path(&Type::GcStr, f),
                args: vec![Kind::Ref, Kind::Ref],
                results: vec![ty.kind()],
                elidable: true,
                loop_invariant: false,
                can_panic: true,
            };
            this.emit(
                LlOpKind::ResidualCall(descr),
                vec![x.clone(), y.clone()],
                ty,
            )
        };
        match kind {
            OpKind::Eq => call(self, "equals", LlType::Bool),
            OpKind::Ne => {
                let eq = call(self, "equals", LlType::Bool);
                self.emit(LlOpKind::IntEq, vec![eq, LlValue::int(0)], LlType::Bool)
            }
            _ => {
                let c = call(self, "compare", LlType::Int(IntTy::I64));
                let op = match kind {
                    OpKind::Lt => LlOpKind::IntLt,
                    OpKind::Le => LlOpKind::IntLe,
                    OpKind::Gt => LlOpKind::IntGt,
                    _ => LlOpKind::IntGe,
                };
                self.emit(op, vec![c, LlValue::int(0)], LlType::Bool)
            }
        }
    }

    fn compare(
        &mut self,
        kind: &OpKind,
        ty: &Type,
        x: LlValue,
        y: LlValue,
        span: Span,
    ) -> Option<LlValue> {
        if *ty.deref_all() == Type::GcStr {
            return Some(self.compare_strings(kind, x, y));
        }
        let leaves = repr::leaves(self.program, ty).unwrap_or_default();
        let ll = match leaves.as_slice() {
            [LlType::F64] => match kind {
                OpKind::Eq => LlOpKind::FloatEq,
                OpKind::Ne => LlOpKind::FloatNe,
                OpKind::Lt => LlOpKind::FloatLt,
                OpKind::Le => LlOpKind::FloatLe,
                OpKind::Gt => LlOpKind::FloatGt,
                _ => LlOpKind::FloatGe,
            },
            // `Gc::ptr_eq(a, b)`: identity of GC objects.
            [t] if t.kind() == Kind::Ref && ty.is_gc_handle() => match kind {
                OpKind::Eq => LlOpKind::PtrEq,
                _ => LlOpKind::PtrNe,
            },
            [t] if t.kind() == Kind::Int => {
                let (_, signed) = repr::int_info(self.program, t);
                match (kind, signed) {
                    (OpKind::Eq, _) => LlOpKind::IntEq,
                    (OpKind::Ne, _) => LlOpKind::IntNe,
                    (OpKind::Lt, true) => LlOpKind::IntLt,
                    (OpKind::Le, true) => LlOpKind::IntLe,
                    (OpKind::Gt, true) => LlOpKind::IntGt,
                    (_, true) => LlOpKind::IntGe,
                    (OpKind::Lt, false) => LlOpKind::UintLt,
                    (OpKind::Le, false) => LlOpKind::UintLe,
                    (OpKind::Gt, false) => LlOpKind::UintGt,
                    (_, false) => LlOpKind::UintGe,
                }
            }
            _ => {
                self.error(
                    span,
                    format!(
                        "comparing values of type {ty} is not supported by the JIT; compare \
                         their fields (integers, floats, bools, chars, fieldless enums)"
                    ),
                );
                return None;
            }
        };
        Some(self.emit(ll, vec![x, y], LlType::Bool))
    }

    /// `x as T`.
    fn cast(&mut self, x: LlValue, from: &Type, to: &Type, span: Span) -> Option<LlValue> {
        if from == to {
            return Some(x);
        }
        let from_l = repr::leaves(self.program, from).unwrap_or_default();
        let to_l = repr::leaves(self.program, to).unwrap_or_default();
        match (from_l.as_slice(), to_l.as_slice()) {
            ([LlType::F64], [LlType::F64]) => Some(x),
            ([f], [LlType::F64]) if f.kind() == Kind::Int => {
                let (bytes, signed) = repr::int_info(self.program, f);
                let kind = if !signed && bytes >= 8 {
                    LlOpKind::CastUintToFloat
                } else {
                    LlOpKind::CastIntToFloat
                };
                Some(self.emit(kind, vec![x], LlType::F64))
            }
            ([LlType::F64], [t]) if t.kind() == Kind::Int => {
                let target = match t {
                    LlType::Int(it) => *it,
                    _ => IntTy::I64,
                };
                Some(self.emit(LlOpKind::CastFloatToInt(target), vec![x], t.clone()))
            }
            ([f], [t]) if f.kind() == Kind::Int && t.kind() == Kind::Int => {
                let (fb, fs) = repr::int_info(self.program, f);
                let (tb, ts) = repr::int_info(self.program, t);
                // A normalized value of the source type is already normalized for the
                // target when the target is 64 bits wide, or wider and able to hold every
                // source value, or of the same width and signedness.
                let already = tb >= 8 || (tb > fb && (!fs || ts)) || (tb == fb && fs == ts);
                if already {
                    Some(x)
                } else {
                    Some(self.narrow(x, t))
                }
            }
            _ => {
                self.error(
                    span,
                    format!("the JIT does not support casting {from} to {to}"),
                );
                None
            }
        }
    }
}
