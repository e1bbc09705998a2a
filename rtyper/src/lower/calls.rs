//! Lowering of calls: `direct_call` for functions of the module the JIT may look
//! inside, `residual_call` with a [`CallDescr`] for `#[dont_look_inside]`,
//! `#[elidable]` and `#[loop_invariant]` functions and for code outside the module.

use super::Lower;
use crate::layout::{CallDescr, FieldDescr, LayoutExpr};
use crate::lltype::{Kind, LlType};
use crate::model::{LlOp, LlValue};
use crate::ops::LlOpKind;
use crate::repr;
use annotator::{Callee, Op, Type};
use proc_macro2::Span;

impl Lower<'_> {
    /// Values of type `ty` can be handed to native code by value: their leaves are not
    /// a pointer to memory the rtyper allocated for a value (a struct that is not a value
    /// struct, a list, an array, an enum with payload that is not a value enum).
    pub(super) fn passable_by_value(&mut self, ty: &Type, span: Span, what: &str) -> bool {
        let by_pointer = matches!(ty, Type::Struct(_) | Type::List(_) | Type::Array(..))
            && !self.program.is_value_type(ty)
            || matches!(ty, Type::Enum(e) if repr::is_memory_type(self.program, &Type::Enum(e.clone())));
        if by_pointer {
            self.error(
                span,
                format!(
                    "a value of type {ty} cannot be {what} by value: it lives in memory; \
                     pass a reference (`&{ty}`), or make it a `#[derive(Clone, Copy)]` value \
                     struct or value enum"
                ),
            );
            return false;
        }
        // An opaque type by value: `leaves` reports it.
        if repr::leaves(self.program, ty).is_err() {
            self.leaves(ty, span);
            return false;
        }
        true
    }

    pub(super) fn call(&mut self, callee: &Callee, op: &Op, res_ty: &Type) -> Vec<LlValue> {
        let span = op.span;
        // The declared parameter types (the receiver's first): a value struct reached
        // through a `&mut` is read into leaves where the parameter takes it by value.
        let params: Vec<Type> = match callee {
            Callee::Function(name) => self
                .program
                .function(name)
                .map(|f| {
                    f.self_type()
                        .into_iter()
                        .chain(f.params.iter().map(|(_, t)| t.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            Callee::External(_) => Vec::new(),
        };
        let mut args = Vec::new();
        for (i, &a) in op.args.iter().enumerate() {
            let vals = self.values(a);
            let vals = match params.get(i) {
                Some(p) => self.coerce(vals, &self.ty(a), p, span),
                None => vals,
            };
            args.extend(vals);
        }
        // `s.as_str()` of a `GcStr` reads the string in place.
        if let Callee::External(path) = callee {
            if *path == annotator::strings::path(&Type::GcStr, "as_str") {
                return match args.first() {
                    Some(s) => self.gc_str_as_str(s.clone()),
                    None => vec![],
                };
            }
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
            // `GcArray::new(len, fill)` named with its item type, which rustc could
            // not infer through the shim's conversions.
            Callee::External(path)
                if path == "GcArray::new" || path.ends_with("::GcArray::new") =>
            {
                let item = match res_ty.deref_all() {
                    Type::GcArray(item) => {
                        crate::layout::rust_type(item).to_string().replace(' ', "")
                    }
                    _ => "_".to_string(),
                };
                (format!("::jitsupport::GcArray::<{item}>::new"), None)
            }
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
        // Native code takes and returns values, not pointers to the rtyper's copies of
        // them: a value held in memory is refused; a value of several leaves (a value
        // struct, a value enum, a tuple, an `Option<i64>`) travels leaf by leaf, and
        // the shim rebuilds it from its leaves (of the module function's parameter
        // type, or of the type at the call for a function outside the module).
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
        let what = format!("returned by `{func}`, which the JIT calls without looking inside,");
        if !matches!(res_ty, Type::Unit | Type::Never)
            && !self.passable_by_value(res_ty, span, &what)
        {
            return vec![];
        }
        let mut hints = hints.unwrap_or_default();
        // The string functions of `jitsupport::GcStr` are pure (`annotator::strings`).
        if annotator::strings::is_elidable(&func) {
            hints.elidable = true;
        }
        // A call gives one value (`jitsupport::llresult` describes how the others come
        // back). An ordinary call returns the first leaf; its shim leaves all of them
        // in `jitsupport::llresult`, read by the calls that follow. An elidable or
        // loop-invariant call returns a boxed result, an immutable GC object holding
        // the leaves, read with immutable field reads: the tracer folds the call on
        // constant arguments and the reads on the constant object, and a call the
        // optimizer removes leaves reads of the object of the call that replaces it
        // (never another call's stash). More leaves than the shims' buffer holds (8)
        // stay on the call, where the codewriter reports them.
        let passing = result_passing(result_leaves.len(), hints.elidable || hints.loop_invariant);
        let first: Vec<LlType> = match passing {
            ResultPassing::Direct => result_leaves.clone(),
            ResultPassing::Split => result_leaves.iter().take(1).cloned().collect(),
            ResultPassing::Boxed => vec![LlType::ptr(Type::Opaque(LL_RESULT.into()))],
        };
        let descr = CallDescr {
            func,
            args: args.iter().map(|a| self.out.kind(a)).collect(),
            results: first.iter().map(LlType::kind).collect(),
            elidable: hints.elidable,
            loop_invariant: hints.loop_invariant,
            can_panic: true,
        };
        let mut results: Vec<_> = first
            .into_iter()
            .map(|t| self.out.new_var(t, None))
            .collect();
        self.out.block_mut(self.cur).ops.push(LlOp {
            kind: LlOpKind::ResidualCall(descr),
            args,
            results: results.clone(),
        });
        if passing == ResultPassing::Boxed {
            let boxed = LlValue::Var(results[0]);
            return result_leaves
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let descr = FieldDescr {
                        owner: LL_RESULT.into(),
                        field: format!("w{k}"),
                        offset: LayoutExpr::Const(8 + 8 * k as u64),
                        ty: t.clone(),
                        size: LayoutExpr::Const(8),
                        signed: true,
                    };
                    let kind = match t.kind() {
                        Kind::Int => LlOpKind::GetfieldI(descr),
                        Kind::Ref => LlOpKind::GetfieldR(descr),
                        Kind::Float => LlOpKind::GetfieldF(descr),
                    };
                    self.emit(kind, vec![boxed.clone()], t.clone())
                })
                .collect();
        }
        let rest = if passing == ResultPassing::Split {
            result_leaves
        } else {
            Vec::new()
        };
        for (k, t) in rest.into_iter().enumerate().skip(1) {
            let kind = t.kind();
            let name = match kind {
                Kind::Int => "ll_result_i",
                Kind::Ref => "ll_result_r",
                Kind::Float => "ll_result_f",
            };
            let descr = CallDescr {
                func: format!("jitsupport::llresult::{name}"),
                args: vec![Kind::Int],
                results: vec![kind],
                elidable: false,
                loop_invariant: false,
                can_panic: false,
            };
            let v = self.out.new_var(t, None);
            self.out.block_mut(self.cur).ops.push(LlOp {
                kind: LlOpKind::ResidualCall(descr),
                args: vec![LlValue::int(k as i128)],
                results: vec![v],
            });
            results.push(v);
        }
        results.into_iter().map(LlValue::Var).collect()
    }
}

/// The most leaves a residual call's result may have (the shims' buffer,
/// `jitsupport::jitcode::MAX_RESULTS`).
pub const MAX_RESULTS: usize = 8;

/// The owner name of a boxed result's fields (`LlResult.w1`): `jitsupport::llresult`'s
/// GC type, whose words the codewriter reads as immutable.
pub const LL_RESULT: &str = "LlResult";

/// How a residual call whose result has `leaves` leaves gives them back; `pure` for an
/// elidable or loop-invariant call. The codewriter's shims follow the same rule.
pub fn result_passing(leaves: usize, pure: bool) -> ResultPassing {
    match leaves {
        0 | 1 => ResultPassing::Direct,
        n if n > MAX_RESULTS => ResultPassing::Direct,
        _ if pure => ResultPassing::Boxed,
        _ => ResultPassing::Split,
    }
}

/// How a residual call gives back a result of several leaves (see `jitsupport::llresult`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultPassing {
    /// All leaves on the call (one, none, or more than the shims' buffer holds).
    Direct,
    /// The first leaf from the call, the others from the per-thread stash.
    Split,
    /// A reference to an immutable GC object holding the leaves.
    Boxed,
}
