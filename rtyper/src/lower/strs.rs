//! Borrowed strings (`&str`): two leaves, a pointer to the first byte (a ref, which may
//! point into a GC string's bytes or at a literal's) and the length in bytes
//! (`crate::repr`). A literal's pointer comes from the elidable
//! `jitsupport::shim::ll_str_ptr` of its jitcode constant (a constant in a trace), its
//! length is a constant; `GcStr::as_str()` is the string's bytes (`getsubstruct` at
//! `STR_BYTES_OFFSET`) and its length field. `==` compares the lengths inline and the
//! bytes with the elidable `jitsupport::shim::ll_str_eq` only when they are equal, so
//! a `match` on literals is a chain of length tests that fold in a trace when the
//! length is known, each followed by a call that folds when both strings are.

use super::Lower;
use crate::layout::{CallDescr, FieldDescr, LayoutExpr};
use crate::lltype::{Kind, LlType};
use crate::model::{LlConst, LlExit, LlLink, LlOp, LlValue};
use crate::ops::LlOpKind;
use crate::repr;
use annotator::{IntTy, OpKind, Type};

/// The low-level type of a `&str`'s pointer leaf.
pub fn str_ptr_type() -> LlType {
    LlType::ptr(Type::Int(IntTy::U8))
}

impl Lower<'_> {
    /// The leaves of the string literal `s`.
    pub(super) fn str_literal(&mut self, s: &str) -> Vec<LlValue> {
        let descr = CallDescr {
            func: "jitsupport::shim::ll_str_ptr".into(),
            args: vec![Kind::Ref],
            results: vec![Kind::Ref],
            elidable: true,
            loop_invariant: false,
            can_panic: false,
        };
        let p = self.emit(
            LlOpKind::ResidualCall(descr),
            vec![LlValue::Const(LlConst::Str(s.into()))],
            str_ptr_type(),
        );
        vec![p, LlValue::int(s.len() as i128)]
    }

    /// `s.as_str()` of a `GcStr`: its bytes and its length, read in place (the collector
    /// does not move objects, so the pointer stays good while the string lives).
    pub(super) fn gc_str_as_str(&mut self, s: LlValue) -> Vec<LlValue> {
        let descr = FieldDescr {
            owner: "GcStr".into(),
            field: "bytes".into(),
            offset: LayoutExpr::Const(repr::STR_BYTES_OFFSET),
            ty: str_ptr_type(),
            size: LayoutExpr::Const(8),
            signed: false,
        };
        let p = self.emit(
            LlOpKind::Getsubstruct(descr),
            vec![s.clone()],
            str_ptr_type(),
        );
        let len = self.str_len(s);
        vec![p, len]
    }

    /// `a == b` or `a != b` of two `&str`s (their leaves).
    pub(super) fn str_compare(
        &mut self,
        kind: &OpKind,
        a: Vec<LlValue>,
        b: Vec<LlValue>,
    ) -> LlValue {
        let (Some(pa), Some(la), Some(pb), Some(lb)) = (a.first(), a.get(1), b.first(), b.get(1))
        else {
            return LlValue::int(0);
        };
        let same_len = self.emit(LlOpKind::IntEq, vec![la.clone(), lb.clone()], LlType::Bool);
        let bytes = self.out.new_block();
        let join = self.out.new_block();
        let eq = self.out.new_var(LlType::Bool, None);
        self.out.block_mut(join).inputs = vec![eq];
        self.out.block_mut(self.cur).exit = LlExit::If {
            cond: same_len,
            then_link: LlLink {
                target: bytes,
                args: vec![],
            },
            else_link: LlLink {
                target: join,
                args: vec![LlValue::int(0)],
            },
        };
        self.cur = bytes;
        let descr = CallDescr {
            func: "jitsupport::shim::ll_str_eq".into(),
            args: vec![Kind::Ref, Kind::Ref, Kind::Int],
            results: vec![Kind::Int],
            elidable: true,
            loop_invariant: false,
            can_panic: false,
        };
        let r = self.out.new_var(LlType::Bool, None);
        self.out.block_mut(self.cur).ops.push(LlOp {
            kind: LlOpKind::ResidualCall(descr),
            args: vec![pa.clone(), pb.clone(), la.clone()],
            results: vec![r],
        });
        self.out.block_mut(self.cur).exit = LlExit::Goto(LlLink {
            target: join,
            args: vec![LlValue::Var(r)],
        });
        self.cur = join;
        match kind {
            OpKind::Ne => self.emit(
                LlOpKind::IntEq,
                vec![LlValue::Var(eq), LlValue::int(0)],
                LlType::Bool,
            ),
            _ => LlValue::Var(eq),
        }
    }

    /// `&s[a..b]` of a `&str` (its leaves `s`): panics unless `a <= b <= len` and both
    /// are char boundaries (one elidable check, `jitsupport::shim::ll_str_slice_ok`);
    /// the pointer moved by `a` (the elidable `ll_ptr_add`) and the length `b - a`.
    /// Of a `&[u8]` (`bytes`) only the bounds are checked, inline.
    pub(super) fn str_slice(
        &mut self,
        s: Vec<LlValue>,
        a: LlValue,
        b: LlValue,
        bytes: bool,
    ) -> Vec<LlValue> {
        let (Some(p), Some(len)) = (s.first().cloned(), s.get(1).cloned()) else {
            return vec![];
        };
        let pure = |func: &str, args: Vec<Kind>, result: Kind| CallDescr {
            func: format!("jitsupport::shim::{func}"),
            args,
            results: vec![result],
            elidable: true,
            loop_invariant: false,
            can_panic: false,
        };
        if bytes {
            let reversed = self.emit(LlOpKind::UintGt, vec![a.clone(), b.clone()], LlType::Bool);
            self.check(reversed, "slice index starts after its end");
            let past = self.emit(LlOpKind::UintGt, vec![b.clone(), len], LlType::Bool);
            self.check(past, "range end index out of range for slice");
        } else {
            let ok = self.emit(
                LlOpKind::ResidualCall(pure(
                    "ll_str_slice_ok",
                    vec![Kind::Ref, Kind::Int, Kind::Int, Kind::Int],
                    Kind::Int,
                )),
                vec![p.clone(), len, a.clone(), b.clone()],
                LlType::Bool,
            );
            let bad = self.emit(LlOpKind::IntEq, vec![ok, LlValue::int(0)], LlType::Bool);
            self.check(bad, "byte index out of range or not at a char boundary");
        }
        let q = self.emit(
            LlOpKind::ResidualCall(pure("ll_ptr_add", vec![Kind::Ref, Kind::Int], Kind::Ref)),
            vec![p, a.clone()],
            str_ptr_type(),
        );
        let n = self.emit(LlOpKind::IntSub, vec![b, a], LlType::Int(IntTy::Usize));
        vec![q, n]
    }

    /// `b[i]` of a `&[u8]` (its leaves `b`): a bounds check and a read of the byte.
    pub(super) fn bytes_item(
        &mut self,
        b: Vec<LlValue>,
        i: LlValue,
        span: proc_macro2::Span,
    ) -> Option<LlValue> {
        let (Some(p), Some(len)) = (b.first().cloned(), b.get(1).cloned()) else {
            return None;
        };
        let descr = self.array_descr(&Type::Int(IntTy::U8), span)?;
        self.bounds_check(&i, len);
        let ty = descr.ty.clone();
        Some(self.emit(LlOpKind::GetarrayitemI(descr), vec![p, i], ty))
    }
}
