//! Lowering of each flowgraph operation (see [`annotator::OpKind`]) to low-level ones.

use super::{Lower, OvfExit};
use crate::layout::{ArrayDescr, CallDescr, FieldDescr, FieldLayout, LayoutExpr, SizeDescr};
use crate::lltype::{Kind, LlType};
use crate::model::{LlConst, LlExit, LlLink, LlOp, LlValue};
use crate::ops::{DriverDescr, LlOpKind};
use crate::repr::{self, Stored};
use annotator::{Callee, IntTy, Op, OpKind, Type, Value};
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
                        self.error(
                            span,
                            "`%` on f64 is not supported by the JIT yet; compute it in a \
                             function marked #[dont_look_inside] or outside the module",
                        );
                        vec![]
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
                op.args.first().map(|&v| self.values(v)).unwrap_or_default()
            }
            OpKind::NewStruct(name) => self.new_struct(name, &op.args, span),
            OpKind::GetField(field) => {
                let x = a(self, 0);
                self.get_field(&ty0, x, field, span)
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
                let mut args = vec![list];
                args.extend(vals);
                self.emit_void(LlOpKind::ResidualCall(descr), args);
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
    fn value_type(&self, v: &LlValue) -> LlType {
        match v {
            LlValue::Var(x) => self.out.var_type(*x).clone(),
            LlValue::Const(LlConst::Float(_)) => LlType::F64,
            LlValue::Const(LlConst::Str(_)) => LlType::Str,
            LlValue::Const(LlConst::Null) => LlType::ptr(Type::Unit),
            LlValue::Const(LlConst::Int(_)) => LlType::Int(IntTy::I64),
        }
    }

    /// The leaf type of an int-like annotator type.
    fn int_leaf(&mut self, ty: &Type) -> LlType {
        match repr::leaves(self.program, ty).as_deref() {
            Ok([t]) if t.kind() == Kind::Int => t.clone(),
            _ => LlType::Int(IntTy::I64),
        }
    }

    /// Brings a 64-bit result back into the range of a narrower type: sign extension for
    /// signed types, a mask for unsigned ones.
    fn narrow(&mut self, v: LlValue, ty: &LlType) -> LlValue {
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

    fn compare(
        &mut self,
        kind: &OpKind,
        ty: &Type,
        x: LlValue,
        y: LlValue,
        span: Span,
    ) -> Option<LlValue> {
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

    fn field_descr(owner: &str, f: &FieldLayout) -> FieldDescr {
        let ty = match &f.stored {
            Stored::Int { ty, .. } => ty.clone(),
            Stored::Float => LlType::F64,
            Stored::Ptr(t) | Stored::Inline(t) => t.clone(),
            Stored::Unit | Stored::Hidden(_) => LlType::Int(IntTy::I64),
        };
        FieldDescr {
            owner: owner.into(),
            field: f.name.clone(),
            offset: f.offset.clone(),
            ty,
            size: f.size.clone(),
            signed: f.signed(),
        }
    }

    /// Reads a field of the memory at `ptr`.
    fn load(&mut self, owner: &str, f: &FieldLayout, ptr: LlValue, span: Span) -> Vec<LlValue> {
        let descr = Self::field_descr(owner, f);
        let ty = descr.ty.clone();
        let kind = match &f.stored {
            Stored::Int { .. } => LlOpKind::GetfieldI(descr),
            Stored::Float => LlOpKind::GetfieldF(descr),
            Stored::Ptr(_) => LlOpKind::GetfieldR(descr),
            Stored::Inline(_) => LlOpKind::Getsubstruct(descr),
            Stored::Unit => return vec![],
            Stored::Hidden(why) => {
                let why = why.clone();
                self.error(
                    span,
                    format!("the JIT cannot read field `{}` of `{owner}`: {why}", f.name),
                );
                return vec![];
            }
        };
        vec![self.emit(kind, vec![ptr], ty)]
    }

    /// Writes `value` into a field of the memory at `ptr`.
    fn store(&mut self, owner: &str, f: &FieldLayout, ptr: LlValue, value: Value, span: Span) {
        let descr = Self::field_descr(owner, f);
        let vals = self.values(value);
        match &f.stored {
            Stored::Int { .. } | Stored::Float | Stored::Ptr(_) => {
                let mut args = vec![ptr];
                args.extend(vals);
                self.emit_void(LlOpKind::Setfield(descr), args);
            }
            Stored::Inline(t) => {
                let ty = descr.ty.clone();
                let dst = self.emit(LlOpKind::Getsubstruct(descr), vec![ptr], ty);
                let size = match t {
                    LlType::Ptr { to, .. } => self.layouts.size_descr(to),
                    _ => SizeDescr {
                        name: f.ty.to_string(),
                        size: LayoutExpr::SizeOf(f.ty.clone()),
                    },
                };
                let mut args = vec![dst];
                args.extend(vals);
                self.emit_void(LlOpKind::Memcopy(size), args);
            }
            Stored::Unit => {}
            Stored::Hidden(why) => {
                let why = why.clone();
                self.error(
                    span,
                    format!(
                        "the JIT cannot write field `{}` of `{owner}`: {why}",
                        f.name
                    ),
                );
            }
        }
    }

    fn struct_field(
        &mut self,
        ty: &Type,
        field: &str,
        span: Span,
    ) -> Option<(String, FieldLayout)> {
        let Type::Struct(name) = ty.deref_all() else {
            self.error(
                span,
                format!("field `{field}` of a value of type {ty}, not a struct"),
            );
            return None;
        };
        let layout = self.layouts.struct_layout(name)?;
        match layout.field(field) {
            Some(f) => Some((name.clone(), f.clone())),
            None => {
                self.error(span, format!("struct `{name}` has no field `{field}`"));
                None
            }
        }
    }

    fn new_struct(&mut self, name: &str, args: &[Value], span: Span) -> Vec<LlValue> {
        let ty = Type::Struct(name.into());
        let size = self.layouts.size_descr(&ty);
        let r = self.emit(LlOpKind::New(size), vec![], LlType::ptr(ty));
        let Some(layout) = self.layouts.struct_layout(name) else {
            return vec![r];
        };
        let fields = layout.fields.clone();
        for (f, &arg) in fields.iter().zip(args) {
            self.store(name, f, r.clone(), arg, span);
        }
        vec![r]
    }

    fn get_field(&mut self, ty: &Type, x: LlValue, field: &str, span: Span) -> Vec<LlValue> {
        match self.struct_field(ty, field, span) {
            Some((owner, f)) => self.load(&owner, &f, x, span),
            None => vec![],
        }
    }

    fn set_field(&mut self, ty: &Type, x: LlValue, field: &str, v: Value, span: Span) {
        if let Some((owner, f)) = self.struct_field(ty, field, span) {
            self.store(&owner, &f, x, v, span);
        }
    }

    fn new_variant(
        &mut self,
        e: &str,
        v: &str,
        args: &[Value],
        res_ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        if e == "Option" {
            let Type::Option(payload) = res_ty.deref_all() else {
                self.error(span, format!("`{v}` typed {res_ty}, not an Option"));
                return vec![];
            };
            let payload = (**payload).clone();
            let nullable = repr::option_is_nullable(self.program, &payload);
            return match (v, nullable) {
                ("Some", true) => args.first().map(|&x| self.values(x)).unwrap_or_default(),
                ("None", true) => vec![LlValue::Const(LlConst::Null)],
                ("Some", false) => {
                    let mut out = vec![LlValue::int(1)];
                    for &x in args {
                        out.extend(self.values(x));
                    }
                    out
                }
                _ => {
                    let mut out = vec![LlValue::int(0)];
                    for t in self.leaves(&payload, span) {
                        out.push(LlValue::Const(LlConst::zero(t.kind())));
                    }
                    out
                }
            };
        }
        let Some(def) = self.program.enum_def(e) else {
            self.error(span, format!("unknown enum `{e}`"));
            return vec![];
        };
        let disc = def
            .variants
            .iter()
            .position(|var| var.name == v)
            .map_or(0, |i| def.discriminants()[i]);
        if def.is_fieldless() {
            return vec![LlValue::int(disc)];
        }
        let Some(layout) = self.layouts.enum_layout(e).cloned() else {
            return vec![];
        };
        let ty = Type::Enum(e.into());
        let size = self.layouts.size_descr(&ty);
        let r = self.emit(LlOpKind::New(size), vec![], LlType::ptr(ty));
        self.emit_void(
            LlOpKind::Setfield(layout.tag_descr()),
            vec![r.clone(), LlValue::int(disc)],
        );
        if let Some(var) = layout.variant(v) {
            let owner = format!("{e}::{v}");
            for (f, &arg) in var.fields.iter().zip(args) {
                self.store(&owner, f, r.clone(), arg, span);
            }
        }
        vec![r]
    }

    fn variant_field(
        &mut self,
        e: &str,
        v: &str,
        i: usize,
        x: Vec<LlValue>,
        ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        if e == "Option" {
            let Type::Option(payload) = ty.deref_all() else {
                self.error(
                    span,
                    format!("`{v}.{i}` of a value of type {ty}, not an Option"),
                );
                return vec![];
            };
            return if repr::option_is_nullable(self.program, payload) {
                x
            } else {
                x.into_iter().skip(1).collect()
            };
        }
        let Some(layout) = self.layouts.enum_layout(e).cloned() else {
            if self.program.enum_def(e).is_none() {
                self.error(span, format!("unknown enum `{e}`"));
            }
            return vec![];
        };
        let Some(f) = layout.variant(v).and_then(|var| var.fields.get(i)) else {
            self.error(span, format!("variant `{e}::{v}` has no field {i}"));
            return vec![];
        };
        let ptr = x
            .into_iter()
            .next()
            .unwrap_or(LlValue::Const(LlConst::Null));
        self.load(&format!("{e}::{v}"), f, ptr, span)
    }

    fn array_descr(&mut self, item: &Type, span: Span) -> Option<ArrayDescr> {
        let stored = match repr::stored(self.program, item) {
            Ok(s) => s,
            Err(why) => {
                self.error(span, format!("items of type {item} {why}"));
                return None;
            }
        };
        let (ty, size, signed) = match &stored {
            Stored::Int { ty, bytes, signed } => {
                (ty.clone(), LayoutExpr::Const(u64::from(*bytes)), *signed)
            }
            Stored::Float => (LlType::F64, LayoutExpr::Const(8), false),
            Stored::Ptr(t) => (t.clone(), LayoutExpr::Const(8), false),
            Stored::Inline(t) => (t.clone(), LayoutExpr::SizeOf(item.clone()), false),
            Stored::Unit | Stored::Hidden(_) => {
                self.error(
                    span,
                    format!("the JIT cannot read or write items of type {item}"),
                );
                return None;
            }
        };
        Some(ArrayDescr {
            item: item.clone(),
            ty,
            stride: LayoutExpr::SizeOf(item.clone()),
            size,
            signed,
        })
    }

    fn list_field(&mut self, item: &Type, field: &str, span: Span) -> Option<FieldDescr> {
        match self.layouts.list_layout(self.program, item) {
            Ok(layout) => {
                let owner = layout.name.clone();
                layout.field(field).map(|f| Self::field_descr(&owner, f))
            }
            Err(why) => {
                self.error(
                    span,
                    format!("a list of {item}: items of type {item} {why}"),
                );
                None
            }
        }
    }

    /// Branches to the panic block unless `i < len`.
    fn bounds_check(&mut self, i: &LlValue, len: LlValue) {
        if let (Some(i), Some(n)) = (i.as_int(), len.as_int()) {
            if (0..n).contains(&i) {
                return;
            }
        }
        let fail = self.emit(LlOpKind::UintGe, vec![i.clone(), len], LlType::Bool);
        self.check(fail, "index out of bounds");
    }

    /// Checks the index and gives the item access: the op family (raw for lists), the
    /// base (the array, or the list's items address) and the descriptor.
    fn item_access(
        &mut self,
        ty: &Type,
        x: LlValue,
        i: &LlValue,
        span: Span,
    ) -> Option<(bool, LlValue, ArrayDescr)> {
        match ty.deref_all().clone() {
            Type::Array(item, n) => {
                let descr = self.array_descr(&item, span)?;
                self.bounds_check(i, LlValue::int(i128::from(n)));
                Some((false, x, descr))
            }
            Type::List(item) => {
                let descr = self.array_descr(&item, span)?;
                let len_d = self.list_field(&item, "len", span)?;
                let items_d = self.list_field(&item, "items", span)?;
                let len = self.emit(
                    LlOpKind::GetfieldI(len_d),
                    vec![x.clone()],
                    LlType::Int(IntTy::Usize),
                );
                self.bounds_check(i, len);
                let items = self.emit(LlOpKind::GetfieldI(items_d), vec![x], LlType::Addr);
                Some((true, items, descr))
            }
            other => {
                self.error(span, format!("indexing a value of type {other}; only arrays and jitsupport::List can be indexed in an interpreter module"));
                None
            }
        }
    }

    fn get_item(&mut self, ty: &Type, x: LlValue, i: LlValue, span: Span) -> Vec<LlValue> {
        let Some((raw, base, descr)) = self.item_access(ty, x, &i, span) else {
            return vec![];
        };
        let rty = descr.ty.clone();
        let inline = matches!(
            repr::stored(self.program, &descr.item),
            Ok(Stored::Inline(_))
        );
        let kind = match (raw, inline, rty.kind()) {
            (false, true, _) => LlOpKind::Getarraysubstruct(descr),
            (true, true, _) => LlOpKind::GetarraysubstructRaw(descr),
            (false, false, Kind::Int) => LlOpKind::GetarrayitemI(descr),
            (false, false, Kind::Ref) => LlOpKind::GetarrayitemR(descr),
            (false, false, Kind::Float) => LlOpKind::GetarrayitemF(descr),
            (true, false, Kind::Int) => LlOpKind::GetarrayitemRawI(descr),
            (true, false, Kind::Ref) => LlOpKind::GetarrayitemRawR(descr),
            (true, false, Kind::Float) => LlOpKind::GetarrayitemRawF(descr),
        };
        vec![self.emit(kind, vec![base, i], rty)]
    }

    fn set_item(&mut self, ty: &Type, x: LlValue, i: LlValue, v: Value, span: Span) {
        let Some((raw, base, descr)) = self.item_access(ty, x, &i, span) else {
            return;
        };
        let vals = self.values(v);
        if matches!(
            repr::stored(self.program, &descr.item),
            Ok(Stored::Inline(_))
        ) {
            let item = descr.item.clone();
            let rty = descr.ty.clone();
            let kind = if raw {
                LlOpKind::GetarraysubstructRaw(descr)
            } else {
                LlOpKind::Getarraysubstruct(descr)
            };
            let dst = self.emit(kind, vec![base, i], rty);
            let size = self.layouts.size_descr(&item);
            let mut args = vec![dst];
            args.extend(vals);
            self.emit_void(LlOpKind::Memcopy(size), args);
            return;
        }
        let kind = if raw {
            LlOpKind::SetarrayitemRaw(descr)
        } else {
            LlOpKind::Setarrayitem(descr)
        };
        let mut args = vec![base, i];
        args.extend(vals);
        self.emit_void(kind, args);
    }

    /// `[a, b, c]` and `[x; N]`: allocate, then store every item (a loop for `[x; N]`
    /// with more than 8 items).
    fn new_array(&mut self, op: &Op, res_ty: &Type, span: Span) -> Vec<LlValue> {
        let Type::Array(item, n) = res_ty.clone() else {
            self.error(span, format!("an array literal typed {res_ty}"));
            return vec![];
        };
        let size = self.layouts.size_descr(res_ty);
        let r = self.emit(LlOpKind::New(size), vec![], LlType::ptr(res_ty.clone()));
        let Some(descr) = self.array_descr(&item, span) else {
            return vec![r];
        };
        if matches!(repr::stored(self.program, &item), Ok(Stored::Inline(_))) {
            self.error(span, format!("arrays of {item} values are not supported by the JIT yet; use an array of references or of integers"));
            return vec![r];
        }
        let store = |this: &mut Self, i: LlValue, vals: Vec<LlValue>| {
            let mut args = vec![r.clone(), i];
            args.extend(vals);
            this.emit_void(LlOpKind::Setarrayitem(descr.clone()), args);
        };
        match op.kind {
            OpKind::NewArrayRepeat(_) if n > 8 => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                // cur: goto head(0); head(i): if i < n then body() else after();
                // body: setarrayitem(r, i, x); goto head(i + 1).
                let head = self.out.new_block();
                let i = self.out.new_var(LlType::Int(IntTy::Usize), None);
                self.out.block_mut(head).inputs.push(i);
                self.out.block_mut(self.cur).exit = LlExit::Goto(LlLink {
                    target: head,
                    args: vec![LlValue::int(0)],
                });
                self.cur = head;
                let more = self.emit(
                    LlOpKind::UintLt,
                    vec![i.into(), LlValue::int(i128::from(n))],
                    LlType::Bool,
                );
                let body = self.out.new_block();
                let after = self.out.new_block();
                self.out.block_mut(head).exit = LlExit::If {
                    cond: more,
                    then_link: LlLink {
                        target: body,
                        args: vec![],
                    },
                    else_link: LlLink {
                        target: after,
                        args: vec![],
                    },
                };
                self.cur = body;
                store(self, i.into(), vals);
                let next = self.emit(
                    LlOpKind::IntAdd,
                    vec![i.into(), LlValue::int(1)],
                    LlType::Int(IntTy::Usize),
                );
                self.out.block_mut(body).exit = LlExit::Goto(LlLink {
                    target: head,
                    args: vec![next],
                });
                self.cur = after;
            }
            OpKind::NewArrayRepeat(_) => {
                let vals = op.args.first().map(|&v| self.values(v)).unwrap_or_default();
                for i in 0..n {
                    store(self, LlValue::int(i128::from(i)), vals.clone());
                }
            }
            _ => {
                for (i, &arg) in op.args.iter().enumerate() {
                    let vals = self.values(arg);
                    store(self, LlValue::int(i as i128), vals);
                }
            }
        }
        vec![r]
    }

    /// `list.pop()`, inline: `None` when the length is 0, else decrement the length and
    /// read the item at the new length.
    fn list_pop(&mut self, ty: &Type, list: LlValue, res_ty: &Type, span: Span) -> Vec<LlValue> {
        let Type::List(item) = ty.deref_all().clone() else {
            self.error(span, format!("`pop` on a value of type {ty}"));
            return vec![];
        };
        let Some(descr) = self.array_descr(&item, span) else {
            return vec![];
        };
        if !self.passable_by_value(&item, span, "popped from a list by the JIT") {
            return vec![];
        }
        let (Some(len_d), Some(items_d)) = (
            self.list_field(&item, "len", span),
            self.list_field(&item, "items", span),
        ) else {
            return vec![];
        };
        let result_leaves = self.leaves(res_ty, span);
        let nullable = repr::option_is_nullable(self.program, &item);
        let usize_t = LlType::Int(IntTy::Usize);
        let len = self.emit(
            LlOpKind::GetfieldI(len_d.clone()),
            vec![list.clone()],
            usize_t.clone(),
        );
        let empty = self.emit(
            LlOpKind::IntEq,
            vec![len.clone(), LlValue::int(0)],
            LlType::Bool,
        );
        let none_b = self.out.new_block();
        let some_b = self.out.new_block();
        let join = self.out.new_block();
        self.out.block_mut(self.cur).exit = LlExit::If {
            cond: empty,
            then_link: LlLink {
                target: none_b,
                args: vec![],
            },
            else_link: LlLink {
                target: some_b,
                args: vec![],
            },
        };
        // None.
        let none_vals: Vec<LlValue> = if nullable {
            vec![LlValue::Const(LlConst::Null)]
        } else {
            std::iter::once(LlValue::int(0))
                .chain(
                    result_leaves
                        .iter()
                        .skip(1)
                        .map(|t| LlValue::Const(LlConst::zero(t.kind()))),
                )
                .collect()
        };
        self.out.block_mut(none_b).exit = LlExit::Goto(LlLink {
            target: join,
            args: none_vals,
        });
        // Some.
        self.cur = some_b;
        let new_len = self.emit(LlOpKind::IntSub, vec![len, LlValue::int(1)], usize_t);
        self.emit_void(
            LlOpKind::Setfield(len_d),
            vec![list.clone(), new_len.clone()],
        );
        let items = self.emit(LlOpKind::GetfieldI(items_d), vec![list], LlType::Addr);
        let rty = descr.ty.clone();
        let kind = match rty.kind() {
            Kind::Int => LlOpKind::GetarrayitemRawI(descr),
            Kind::Ref => LlOpKind::GetarrayitemRawR(descr),
            Kind::Float => LlOpKind::GetarrayitemRawF(descr),
        };
        let item_v = self.emit(kind, vec![items, new_len], rty);
        let some_vals = if nullable {
            vec![item_v]
        } else {
            vec![LlValue::int(1), item_v]
        };
        self.out.block_mut(some_b).exit = LlExit::Goto(LlLink {
            target: join,
            args: some_vals,
        });
        // Join.
        let mut out = Vec::new();
        for t in result_leaves {
            let v = self.out.new_var(t, None);
            self.out.block_mut(join).inputs.push(v);
            out.push(LlValue::Var(v));
        }
        self.cur = join;
        out
    }

    /// Values of type `ty` can be handed to native code by value: one leaf that is not a
    /// pointer to memory the rtyper allocated for a value.
    fn passable_by_value(&mut self, ty: &Type, span: Span, what: &str) -> bool {
        let by_pointer = matches!(ty, Type::Struct(_) | Type::List(_) | Type::Array(..))
            || matches!(ty, Type::Enum(e) if repr::is_memory_type(self.program, &Type::Enum(e.clone())));
        let leaves = self.leaves(ty, span);
        if by_pointer || leaves.len() > 1 {
            self.error(span, format!("a value of type {ty} cannot be {what} yet; use a reference, an integer or a float"));
            return false;
        }
        true
    }

    fn call(&mut self, callee: &Callee, op: &Op, res_ty: &Type) -> Vec<LlValue> {
        let span = op.span;
        let mut args = Vec::new();
        for &a in &op.args {
            args.extend(self.values(a));
        }
        let result_leaves = self.leaves(res_ty, span);
        let (func, hints) = match callee {
            Callee::Function(name) => match self.program.function(name) {
                Some(def) => (name.clone(), Some(def.hints)),
                None => {
                    self.error(
                        span,
                        format!("no function `{name}` in the interpreter module"),
                    );
                    return vec![];
                }
            },
            Callee::External(path) => (path.clone(), None),
        };
        let residual = hints.is_none_or(|h| h.dont_look_inside || h.elidable || h.loop_invariant);
        if !residual {
            let results: Vec<_> = result_leaves
                .into_iter()
                .map(|t| self.out.new_var(t, None))
                .collect();
            self.out.block_mut(self.cur).ops.push(LlOp {
                kind: LlOpKind::DirectCall(func),
                args,
                results: results.clone(),
            });
            return results.into_iter().map(LlValue::Var).collect();
        }
        // Native code takes and returns values, not pointers to copies of them.
        for &a in &op.args {
            let t = self.ty(a);
            if !self.passable_by_value(
                &t,
                span,
                &format!("passed to `{func}`, which the JIT calls without looking inside,"),
            ) {
                return vec![];
            }
        }
        // A module function returning several leaves (a tuple, an `Option<i64>`) is
        // called through a wrapper that returns them together; native code outside the
        // module has no such wrapper.
        let several_ok = hints.is_some() && result_leaves.len() > 1;
        let single = match res_ty {
            Type::Tuple(_) | Type::Option(_) if several_ok => None,
            _ => Some(res_ty),
        };
        if let Some(t) = single {
            let what = format!("returned by `{func}`, which the JIT calls without looking inside,");
            if !matches!(t, Type::Unit | Type::Never) && !self.passable_by_value(t, span, &what) {
                return vec![];
            }
        }
        let hints = hints.unwrap_or_default();
        let descr = CallDescr {
            func,
            args: args.iter().map(|a| self.out.kind(a)).collect(),
            results: result_leaves.iter().map(LlType::kind).collect(),
            elidable: hints.elidable,
            loop_invariant: hints.loop_invariant,
            can_panic: true,
        };
        let results: Vec<_> = result_leaves
            .into_iter()
            .map(|t| self.out.new_var(t, None))
            .collect();
        self.out.block_mut(self.cur).ops.push(LlOp {
            kind: LlOpKind::ResidualCall(descr),
            args,
            results: results.clone(),
        });
        results.into_iter().map(LlValue::Var).collect()
    }
}
