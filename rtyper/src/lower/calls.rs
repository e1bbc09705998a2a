//! Lowering of calls: `direct_call` for functions of the module the JIT may look
//! inside, `residual_call` with a [`CallDescr`] for `#[dont_look_inside]`,
//! `#[elidable]` and `#[loop_invariant]` functions and for code outside the module.

use super::Lower;
use crate::layout::CallDescr;
use crate::lltype::LlType;
use crate::model::{LlOp, LlValue};
use crate::ops::LlOpKind;
use crate::repr;
use annotator::{Callee, Op, Type};
use proc_macro2::Span;

impl Lower<'_> {
    /// Values of type `ty` can be handed to native code by value: one leaf that is not a
    /// pointer to memory the rtyper allocated for a value.
    pub(super) fn passable_by_value(&mut self, ty: &Type, span: Span, what: &str) -> bool {
        let by_pointer = matches!(ty, Type::Struct(_) | Type::List(_) | Type::Array(..))
            || matches!(ty, Type::Enum(e) if repr::is_memory_type(self.program, &Type::Enum(e.clone())));
        let leaves = self.leaves(ty, span);
        if by_pointer || leaves.len() > 1 {
            self.error(span, format!("a value of type {ty} cannot be {what} yet; use a reference, an integer or a float"));
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
        // Native code takes and returns values, not pointers to copies of them.
        for &a in &op.args {
            let t = self.ty(a);
            // A module function's shim rebuilds a value struct from its leaves.
            if hints.is_some() && self.program.is_value_type(t.deref_all()) {
                continue;
            }
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
            Type::Tuple(_) | Type::Option(_) | Type::Result(..) if several_ok => None,
            Type::Struct(_) if hints.is_some() && self.program.is_value_type(res_ty) => None,
            _ => Some(res_ty),
        };
        if let Some(t) = single {
            let what = format!("returned by `{func}`, which the JIT calls without looking inside,");
            if !matches!(t, Type::Unit | Type::Never) && !self.passable_by_value(t, span, &what) {
                return vec![];
            }
        }
        let mut hints = hints.unwrap_or_default();
        // The string functions of `jitsupport::GcStr` are pure (`annotator::strings`).
        if annotator::strings::is_elidable(&func) {
            hints.elidable = true;
        }
        // A call gives one value; the other leaves of a result come from
        // `jitsupport::llresult`, where the shim leaves them (see there). More leaves than
        // the shims' buffer holds (8) stay on the call, where the codewriter reports them.
        // An elidable or loop-invariant call keeps its results together too: the tracer
        // folds it on constants with all of them, and a call the optimizer removes
        // would leave the reads behind it reading another call's results.
        let split = result_leaves.len() <= 8 && !hints.elidable && !hints.loop_invariant;
        let first: Vec<LlType> = if split {
            result_leaves.iter().take(1).cloned().collect()
        } else {
            result_leaves.clone()
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
        let rest = if split { result_leaves } else { Vec::new() };
        for (k, t) in rest.into_iter().enumerate().skip(1) {
            let kind = t.kind();
            let name = match kind {
                crate::lltype::Kind::Int => "ll_result_i",
                crate::lltype::Kind::Ref => "ll_result_r",
                crate::lltype::Kind::Float => "ll_result_f",
            };
            let descr = CallDescr {
                func: format!("jitsupport::llresult::{name}"),
                args: vec![crate::lltype::Kind::Int],
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
