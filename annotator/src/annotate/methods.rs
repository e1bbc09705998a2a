//! Method resolution: `recv.m(args)` to a module function, a copy, or a residual call.
//!
//! The receiver's type is looked at through any number of references (auto-ref and
//! auto-deref, as rustc does):
//! - a struct or enum `S` of the module: the module function `S::m`, which must take
//!   `self`; its parameters type the arguments and its return type the result;
//! - `clone` on a `Copy` value (integers, `f64`, `bool`, `char`, `Copy` structs and
//!   enums without a module method `clone`): a copy (`same_as`, or `deref` through one
//!   reference);
//! - a primitive, `&str` or an opaque type: an external method (`Vec<u8>::push`), a
//!   residual call whose result type comes from the context, as for external calls.

use super::unify::{Ctor, Shape, TyId};
use super::{Annotator, Site, Status};
use crate::model::Op;
use crate::ops::{Callee, OpKind};

impl Annotator<'_> {
    pub(super) fn method_rule(
        &mut self,
        site: Site,
        op: &mut Op,
        args: &[TyId],
        res: TyId,
    ) -> Status {
        let span = op.span;
        let OpKind::CallMethod(call) = &op.kind else {
            return Status::Done;
        };
        let m = call.name.clone();
        let Some(&recv) = args.first() else {
            self.error(
                span,
                "a method call without a receiver; this is a bug of the flow builder, please report it",
            );
            return Status::Done;
        };
        // Count the references around the receiver's base type.
        let mut depth = 0;
        let mut base = recv;
        while let Shape::Con(Ctor::Ref(_), to) = self.tys.shape(base) {
            base = to[0];
            depth += 1;
        }
        // A `Gc<S>` dereferences to `&S`: its methods are `S`'s (the rtyper passes the
        // payload's address as `self`).
        if let Shape::Con(Ctor::Gc, to) = self.tys.shape(base) {
            base = to[0];
            depth += 1;
        }
        let shape = self.tys.shape(base);
        let copy_clone = |a: &Self| -> bool {
            m == "clone"
                && match &shape {
                    Shape::Con(Ctor::Int(_) | Ctor::F64 | Ctor::Bool | Ctor::Char, _) => true,
                    Shape::Con(Ctor::Struct(s), _) => {
                        a.program.struct_def(s).is_some_and(|d| d.is_copy)
                            && a.program.function(&format!("{s}::clone")).is_none()
                    }
                    Shape::Con(Ctor::Enum(e), _) => {
                        a.program.enum_def(e).is_some_and(|d| d.is_copy)
                            && a.program.function(&format!("{e}::clone")).is_none()
                    }
                    _ => false,
                }
        };
        if copy_clone(self) {
            if args.len() != 1 {
                self.error(span, "`clone` takes no arguments");
                return Status::Done;
            }
            match depth {
                0 => {
                    op.kind = OpKind::SameAs;
                    self.unify_at(span, res, recv);
                }
                1 => {
                    op.kind = OpKind::Deref;
                    self.unify_at(span, res, base);
                }
                _ => self.error(
                    span,
                    "`clone` through more than one reference is not supported; \
                     dereference first: `(*x).clone()`",
                ),
            }
            return Status::Done;
        }
        if let Some(status) = self.builtin_method(site, op, &m, &shape, args) {
            return status;
        }
        // `s.starts_with(p)`, `s.ends_with(p)` of a `&str` or `&[u8]`: elidable calls.
        if let (Shape::Con(c @ (Ctor::Str | Ctor::Bytes), _), "starts_with" | "ends_with", 2, 0) =
            (&shape, m.as_str(), args.len(), depth)
        {
            let t = if *c == Ctor::Str {
                crate::Type::Str
            } else {
                crate::Type::Bytes
            };
            self.unify_type(span, args[1], &t);
            self.unify_type(span, res, &crate::Type::Bool);
            if let OpKind::CallMethod(call) = &mut op.kind {
                call.resolved = Some(Callee::External(crate::strings::borrowed_path(&t, &m)));
            }
            return Status::Done;
        }
        let external = |text: String| Callee::External(format!("{text}::{m}"));
        if let Shape::Con(c @ (Ctor::GcStr | Ctor::StrBuilder), _) = &shape {
            let recv_ty = if *c == Ctor::GcStr {
                crate::Type::GcStr
            } else {
                crate::Type::StrBuilder
            };
            let Some(sig) = crate::strings::method(&recv_ty, &m) else {
                self.error(
                    span,
                    format!(
                        "method `{m}` on `{recv_ty}` is not supported in an interpreter                          module; the README lists the string operations the subset has"
                    ),
                );
                return Status::Done;
            };
            if sig.params.len() != args.len() {
                self.error(
                    span,
                    format!(
                        "`{recv_ty}::{m}` takes {} arguments besides the receiver",
                        sig.params.len() - 1
                    ),
                );
                return Status::Done;
            }
            match (&recv_ty, m.as_str()) {
                // The JIT reads the length and the bytes of a string itself.
                (crate::Type::GcStr, "len") => {
                    op.kind = OpKind::Len;
                    return self.op_rule(site, op, false);
                }
                (crate::Type::GcStr, "byte_at") => {
                    op.kind = OpKind::GetItem;
                    return self.op_rule(site, op, false);
                }
                _ => {}
            }
            for (p, &a) in sig.params.iter().zip(args).skip(1) {
                self.unify_type(span, a, p);
            }
            self.unify_type(span, res, &sig.ret);
            if let OpKind::CallMethod(call) = &mut op.kind {
                call.resolved = Some(Callee::External(crate::strings::path(&recv_ty, &m)));
            }
            return Status::Done;
        }
        let resolved = match shape {
            Shape::Unknown | Shape::IntLit => return Status::Wait,
            Shape::Con(Ctor::Struct(s) | Ctor::Enum(s), _) => {
                let name = format!("{s}::{m}");
                match self.program.function(&name) {
                    Some(f) if f.self_kind.is_some() => {
                        self.call_rule(span, &name, args, res, true);
                        Callee::Function(name)
                    }
                    Some(_) => {
                        self.error(
                            span,
                            format!("`{name}` has no `self` parameter; call it as `{name}(...)`"),
                        );
                        return Status::Done;
                    }
                    None => {
                        self.error(
                            span,
                            format!(
                                "no method `{m}` on `{s}` in the interpreter module (methods of \
                                 trait impls are not analysed); define `{m}` in an `impl {s}` \
                                 block of the module or call a function outside the module"
                            ),
                        );
                        return Status::Done;
                    }
                }
            }
            Shape::Con(Ctor::F64, _)
                if matches!(
                    m.as_str(),
                    "round" | "floor" | "ceil" | "trunc" | "fract" | "exp" | "ln" | "sin" | "cos"
                ) && args.len() == 1 =>
            {
                // `f64 -> f64` methods of std: the result type is known.
                let f = self.tys.con(Ctor::F64, vec![]);
                self.unify_at(span, res, f);
                self.externals.push(site);
                external("f64".to_string())
            }
            Shape::Con(Ctor::Int(_) | Ctor::F64 | Ctor::Bool | Ctor::Char, _) => {
                let text = self.tys.show(base);
                self.externals.push(site);
                external(text)
            }
            Shape::Con(Ctor::Str, _) => {
                self.externals.push(site);
                external("str".to_string())
            }
            Shape::Con(Ctor::Opaque(p), _) => {
                self.externals.push(site);
                external(p)
            }
            Shape::Con(Ctor::Option, _)
                if matches!(
                    m.as_str(),
                    "is_some"
                        | "is_none"
                        | "unwrap"
                        | "expect"
                        | "unwrap_or"
                        | "unwrap_or_else"
                        | "map"
                ) =>
            {
                // The flow builder rewrites these before types are known, and leaves
                // them alone where the module defines a method of the same name.
                let shown = self.tys.show(base);
                self.error(
                    span,
                    format!(
                        "`{m}` on `{shown}` is not rewritten here because the interpreter \
                         module defines a method `{m}` of its own (the rewrite happens before \
                         types are known); write the `match` out (`matches!(x, None)`, \
                         `match x {{ Some(v) => v, None => d }}`) or rename the module's method"
                    ),
                );
                return Status::Done;
            }
            Shape::Con(Ctor::Option, _) => {
                let shown = self.tys.show(base);
                self.error(
                    span,
                    format!(
                        "method `{m}` on `{shown}` is not supported in an interpreter module; \
                         the supported ones are `is_some`, `is_none`, `unwrap`, `expect`, \
                         `unwrap_or`, `unwrap_or_else` and `map`; otherwise write a `match`"
                    ),
                );
                return Status::Done;
            }
            Shape::Con(_, _) => {
                let shown = self.tys.show(base);
                self.error(
                    span,
                    format!(
                        "method `{m}` on `{shown}` is not supported in an interpreter module; \
                         write it with supported operations (match, indexing, `len`, `push`, \
                         `pop`) or move this code out of the module"
                    ),
                );
                return Status::Done;
            }
        };
        if let OpKind::CallMethod(call) = &mut op.kind {
            call.resolved = Some(resolved);
        }
        Status::Done
    }

    /// Methods of lists, arrays and numbers that have an op of their own. The flow
    /// builder leaves them as method calls when a module function has the same name
    /// (`Stack::push`); here the receiver's type tells them apart. Rewrites `op` and
    /// applies the op's rule.
    fn builtin_method(
        &mut self,
        site: Site,
        op: &mut Op,
        m: &str,
        shape: &Shape,
        args: &[TyId],
    ) -> Option<Status> {
        let kind = match (shape, m, args.len()) {
            (Shape::Con(Ctor::GcArray, _), "get", 2) => OpKind::GetItem,
            (Shape::Con(Ctor::GcArray, _), "set", 3) => OpKind::SetItem,
            (Shape::Con(Ctor::GcArray, _), "len", 1) => OpKind::Len,
            (Shape::Con(Ctor::GcCell, _), "get", 1) => OpKind::CellGet,
            (Shape::Con(Ctor::GcCell, _), "set", 2) => OpKind::CellSet,
            (Shape::Con(Ctor::List, _), "push", 2) => OpKind::ListPush,
            (Shape::Con(Ctor::List, _), "pop", 1) => OpKind::ListPop,
            (Shape::Con(Ctor::List | Ctor::Array(_) | Ctor::Str | Ctor::Bytes, _), "len", 1) => {
                OpKind::Len
            }
            (Shape::Con(Ctor::Str, _), "as_bytes", 1) => OpKind::AsBytes,
            (Shape::Con(Ctor::Int(_) | Ctor::F64, _), "abs", 1) => OpKind::Abs,
            (Shape::Con(Ctor::Int(_) | Ctor::F64, _), "min", 2) => OpKind::Min,
            (Shape::Con(Ctor::Int(_) | Ctor::F64, _), "max", 2) => OpKind::Max,
            (Shape::Con(Ctor::F64, _), "sqrt", 1) => OpKind::Sqrt,
            (Shape::Con(Ctor::Int(_), _), "wrapping_add", 2) => OpKind::Add,
            (Shape::Con(Ctor::Int(_), _), "wrapping_sub", 2) => OpKind::Sub,
            (Shape::Con(Ctor::Int(_), _), "wrapping_mul", 2) => OpKind::Mul,
            (Shape::Con(Ctor::Int(_), _), "wrapping_neg", 1) => OpKind::Neg,
            (Shape::Con(Ctor::List | Ctor::Array(_), _), "is_empty", 1) => {
                self.error(
                    op.span,
                    "`is_empty` is not supported here because the module defines a method of \
                     that name; write `x.len() == 0`",
                );
                return Some(Status::Done);
            }
            _ => return None,
        };
        // Numbers are operands by value: a reference receiver would need a `deref` op.
        if matches!(
            kind,
            OpKind::ListPush
                | OpKind::ListPop
                | OpKind::Len
                | OpKind::AsBytes
                | OpKind::CellGet
                | OpKind::CellSet
                | OpKind::GetItem
                | OpKind::SetItem
        ) || matches!(
            self.tys.shape(args[0]),
            Shape::Con(Ctor::Int(_) | Ctor::F64, _)
        ) {
            op.kind = kind;
            return Some(self.op_rule(site, op, false));
        }
        None
    }
}
