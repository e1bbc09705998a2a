//! The typing rule of every op and exit.
//!
//! A rule unifies the terms of an op's operands and result as the op's semantics require
//! (see `crate::ops`). Rules that must look at an operand's type first (a field read
//! needs the struct, a method call its receiver) return [`Status::Wait`] while that type
//! is unknown. With `guess` set, the solver is stuck, and a waiting rule may assume the
//! most likely shape (the operand of `deref` is a reference, a switch on `None`/`Some`
//! is on an `Option`).

use super::unify::{Ctor, Shape, TyId};
use super::{span_of, Annotator, Site, Status};
use crate::model::{Case, Exit, Graph, Op};
use crate::ops::{Callee, OpKind};
use crate::types::{IntTy, Type};
use proc_macro2::Span;

impl Annotator<'_> {
    /// The rule of one op. `op` may be rewritten (a resolved method call, `clone` of a
    /// `Copy` value turned into a copy).
    pub(super) fn op_rule(&mut self, site: Site, op: &mut Op, guess: bool) -> Status {
        let gi = site.graph;
        let span = op.span;
        let res = self.vars[gi][op.result.index()];
        let args: Vec<TyId> = op.args.iter().map(|&a| self.term(gi, a)).collect();
        if let Some(n) = fixed_arity(&op.kind) {
            if args.len() != n {
                self.error(
                    span,
                    format!(
                        "`{}` takes {n} operands but has {}; this is a bug of the flow \
                         builder, please report it",
                        op.kind.name(),
                        args.len()
                    ),
                );
                return Status::Done;
            }
        }
        match &op.kind {
            OpKind::Add
            | OpKind::Sub
            | OpKind::Mul
            | OpKind::Div
            | OpKind::Rem
            | OpKind::BitAnd
            | OpKind::BitOr
            | OpKind::BitXor
            | OpKind::Min
            | OpKind::Max
            | OpKind::AddOvf
            | OpKind::SubOvf
            | OpKind::MulOvf => {
                self.unify_at(span, args[1], args[0]);
                self.unify_at(span, res, args[0]);
            }
            OpKind::Neg
            | OpKind::Not
            | OpKind::Abs
            | OpKind::Sqrt
            | OpKind::SameAs
            | OpKind::Promote
            | OpKind::Shl
            | OpKind::Shr => self.unify_at(span, res, args[0]),
            OpKind::AddOverflows
            | OpKind::SubOverflows
            | OpKind::MulOverflows
            | OpKind::Eq
            | OpKind::Ne
            | OpKind::Lt
            | OpKind::Le
            | OpKind::Gt
            | OpKind::Ge => {
                self.unify_at(span, args[1], args[0]);
                self.unify_type(span, res, &Type::Bool);
            }
            OpKind::Cast(t) => self.unify_type(span, res, t),
            OpKind::WeAreJitted => self.unify_type(span, res, &Type::Bool),
            OpKind::JitMergePoint(_) | OpKind::CanEnterJit(_) => {
                self.unify_type(span, res, &Type::Unit)
            }
            OpKind::NewStruct(s) => {
                let Some(def) = self.program.struct_def(s) else {
                    self.error(span, format!("no struct `{s}` in the interpreter module"));
                    return Status::Done;
                };
                if def.fields.len() != args.len() {
                    self.error(
                        span,
                        format!(
                            "struct `{s}` has {} fields but {} values are given",
                            def.fields.len(),
                            args.len()
                        ),
                    );
                } else {
                    let fields: Vec<Type> = def.fields.iter().map(|f| f.ty.clone()).collect();
                    for (&a, t) in args.iter().zip(&fields) {
                        self.unify_type(span, a, t);
                    }
                }
                self.unify_type(span, res, &Type::Struct(s.clone()));
            }
            OpKind::NewGc(s) => {
                let Some(def) = self.program.struct_def(s) else {
                    self.error(span, format!("no struct `{s}` in the interpreter module"));
                    return Status::Done;
                };
                if def.fields.len() == args.len() {
                    let fields: Vec<Type> = def
                        .fields
                        .iter()
                        .map(|f| match &f.ty {
                            Type::GcCell(v) => (**v).clone(),
                            t => t.clone(),
                        })
                        .collect();
                    for (&a, t) in args.iter().zip(&fields) {
                        self.unify_type(span, a, t);
                    }
                }
                self.unify_type(span, res, &Type::Gc(Box::new(Type::Struct(s.clone()))));
            }
            OpKind::ToAny => {
                let t = self.tys.fresh();
                let g = self.tys.con(Ctor::Gc, vec![t]);
                self.unify_at(span, args[0], g);
                self.unify_type(span, res, &Type::GcAny);
            }
            OpKind::GcIs(t) | OpKind::GcDowncast(t) => {
                let base = self.tys.deref_all(args[0]);
                match self.tys.shape(base) {
                    Shape::Unknown => return Status::Wait,
                    Shape::Con(Ctor::GcAny, _) => {}
                    _ => {
                        let shown = self.tys.show(args[0]);
                        self.error(
                            span,
                            format!("`is`/`downcast` on `{shown}`: they are methods of `GcAny`"),
                        );
                        return Status::Done;
                    }
                }
                if self.program.struct_def(t).is_none() {
                    self.error(
                        span,
                        format!("`{t}` is not a struct of the interpreter module"),
                    );
                    return Status::Done;
                }
                let gc = Type::Gc(Box::new(Type::Struct(t.clone())));
                let res_ty = match op.kind {
                    OpKind::GcIs(_) => Type::Bool,
                    _ => Type::Option(Box::new(gc)),
                };
                self.unify_type(span, res, &res_ty);
            }
            OpKind::CellGet | OpKind::CellSet => {
                let base = self.tys.deref_all(args[0]);
                let value = match self.tys.shape(base) {
                    Shape::Unknown => return Status::Wait,
                    Shape::Con(Ctor::GcCell, v) => v[0],
                    _ => {
                        let shown = self.tys.show(args[0]);
                        self.error(span, format!("`get`/`set` on `{shown}`, not a `GcCell`"));
                        return Status::Done;
                    }
                };
                if op.kind == OpKind::CellGet {
                    self.unify_at(span, res, value);
                } else {
                    self.unify_at(span, args[1], value);
                    self.unify_type(span, res, &Type::Unit);
                }
            }
            OpKind::GetField(f) | OpKind::SetField(f) | OpKind::WithField(f) => {
                let f = f.clone();
                return self.field_rule(op, &args, res, &f);
            }
            OpKind::GetSubstruct(f) => {
                let f = f.clone();
                return self.substruct_rule(op, &args, res, &f);
            }
            OpKind::GetArraySubstruct => {
                self.unify_type(span, args[1], &Type::Int(IntTy::Usize));
                let elem = match self.element(span, args[0]) {
                    Err(wait) => return wait,
                    Ok(None) => return Status::Done,
                    Ok(Some(elem)) => elem,
                };
                let value = match self.tys.shape(elem) {
                    Shape::Unknown if !guess => return Status::Wait,
                    Shape::Con(Ctor::Struct(s), _) => {
                        self.program.is_value_type(&Type::Struct(s.clone()))
                    }
                    _ => false,
                };
                if value {
                    let m = self.place_mutability(args[0]);
                    let t = self.tys.con(Ctor::Ref(m), vec![elem]);
                    self.unify_at(span, res, t);
                } else {
                    op.kind = OpKind::GetItem;
                    self.unify_at(span, res, elem);
                }
            }
            OpKind::NewVariant(e, v) => self.new_variant_rule(span, e, v, &args, res),
            OpKind::VariantField(e, v, _) if e == "Result" => {
                let base = self.tys.deref_all(args[0]);
                match self.tys.shape(base) {
                    Shape::Unknown if !guess => return Status::Wait,
                    Shape::Con(Ctor::Result, inner) => {
                        let i = usize::from(v != "Ok");
                        self.unify_at(span, res, inner[i]);
                    }
                    _ => {
                        let other = self.tys.fresh();
                        let pair = if v == "Ok" {
                            vec![res, other]
                        } else {
                            vec![other, res]
                        };
                        let r = self.tys.con(Ctor::Result, pair);
                        self.unify_at(span, args[0], r);
                    }
                }
            }
            OpKind::VariantField(e, v, i) => {
                if e == "Option" {
                    let base = self.tys.deref_all(args[0]);
                    match self.tys.shape(base) {
                        Shape::Unknown if !guess => return Status::Wait,
                        Shape::Con(Ctor::Option, inner) => self.unify_at(span, res, inner[0]),
                        _ => {
                            let o = self.tys.con(Ctor::Option, vec![res]);
                            self.unify_at(span, args[0], o);
                        }
                    }
                } else {
                    let field = self
                        .program
                        .enum_def(e)
                        .and_then(|d| d.variant(v))
                        .and_then(|var| var.fields.get(*i))
                        .map(|fd| fd.ty.clone());
                    match field {
                        Some(t) => self.unify_type(span, res, &t),
                        None => self.error(
                            span,
                            format!("no field {i} in variant `{e}::{v}` of the interpreter module"),
                        ),
                    }
                    let base = self.tys.deref_all(args[0]);
                    if matches!(self.tys.shape(base), Shape::Unknown) {
                        if !guess {
                            return Status::Wait;
                        }
                        self.unify_type(span, base, &Type::Enum(e.clone()));
                    }
                }
            }
            OpKind::NewTuple => match args.len() {
                0 => self.unify_type(span, res, &Type::Unit),
                1 => self.unify_at(span, res, args[0]),
                _ => {
                    let t = self.tys.con(Ctor::Tuple, args.clone());
                    self.unify_at(span, res, t);
                }
            },
            OpKind::TupleGet(i) => {
                let i = *i;
                return self.tuple_get_rule(op, &args, res, i);
            }
            OpKind::NewArray => {
                let elem = match args.first() {
                    Some(&first) => {
                        for &a in &args[1..] {
                            self.unify_at(span, a, first);
                        }
                        first
                    }
                    None => self.tys.fresh(),
                };
                let t = self.tys.con(Ctor::Array(args.len() as u64), vec![elem]);
                self.unify_at(span, res, t);
            }
            OpKind::NewArrayRepeat(n) => {
                let t = self.tys.con(Ctor::Array(*n), vec![args[0]]);
                self.unify_at(span, res, t);
            }
            OpKind::Slice => {
                let base = self.tys.deref_all(args[0]);
                let sliced = match self.tys.shape(base) {
                    Shape::Unknown if !guess => return Status::Wait,
                    Shape::Con(Ctor::Bytes, _) => Type::Bytes,
                    Shape::Con(Ctor::Str, _) | Shape::Unknown => Type::Str,
                    _ => {
                        let shown = self.tys.show(args[0]);
                        self.error(
                            span,
                            format!(
                                "a slice with a range (`&x[a..b]`) of a `{shown}` is not \
                                 supported in an interpreter module: only a `&str` or a \
                                 `&[u8]` is sliced \
                                 (index the items one by one, or move this code out of the \
                                 module)"
                            ),
                        );
                        return Status::Done;
                    }
                };
                self.unify_type(span, args[0], &sliced);
                self.unify_type(span, args[1], &Type::Int(IntTy::Usize));
                self.unify_type(span, args[2], &Type::Int(IntTy::Usize));
                self.unify_type(span, res, &sliced);
            }
            OpKind::AsBytes => {
                self.unify_type(span, args[0], &Type::Str);
                self.unify_type(span, res, &Type::Bytes);
            }
            OpKind::GetItem | OpKind::SetItem => {
                self.unify_type(span, args[1], &Type::Int(IntTy::Usize));
                let elem = match self.element(span, args[0]) {
                    Err(wait) => return wait,
                    Ok(None) => return Status::Done,
                    Ok(Some(elem)) => elem,
                };
                if op.kind == OpKind::GetItem {
                    self.unify_at(span, res, elem);
                } else {
                    self.unify_at(span, args[2], elem);
                    self.unify_type(span, res, &Type::Unit);
                }
            }
            OpKind::Len => self.unify_type(span, res, &Type::Int(IntTy::Usize)),
            OpKind::ListNew | OpKind::ListWithCapacity => {
                if op.kind == OpKind::ListWithCapacity {
                    self.unify_type(span, args[0], &Type::Int(IntTy::Usize));
                }
                let elem = self.tys.fresh();
                let t = self.tys.con(Ctor::List, vec![elem]);
                self.unify_at(span, res, t);
            }
            OpKind::ListPush | OpKind::ListPop => {
                let base = self.tys.deref_all(args[0]);
                let elem = match self.tys.shape(base) {
                    Shape::Unknown if !guess => return Status::Wait,
                    Shape::Con(Ctor::List, elem) => elem[0],
                    // `b.push(s)` of a string builder: its own (residual) method.
                    Shape::Con(Ctor::StrBuilder, _) if op.kind == OpKind::ListPush => {
                        for (p, &a) in [Type::StrBuilder, Type::GcStr].iter().zip(args.iter()) {
                            self.unify_type(span, a, p);
                        }
                        self.unify_type(span, res, &Type::Unit);
                        op.kind = OpKind::Call(Callee::External(crate::strings::path(
                            &Type::StrBuilder,
                            "push",
                        )));
                        return Status::Done;
                    }
                    Shape::Unknown => {
                        let elem = self.tys.fresh();
                        let t = self.tys.con(Ctor::List, vec![elem]);
                        self.unify_at(span, base, t);
                        elem
                    }
                    _ => {
                        let shown = self.tys.show(args[0]);
                        let what = if op.kind == OpKind::ListPush {
                            "push"
                        } else {
                            "pop"
                        };
                        self.error(
                            span,
                            format!(
                                "`{what}` is supported on `jitsupport::List` only, not on \
                                 `{shown}`; use a List or move this code out of the module"
                            ),
                        );
                        return Status::Done;
                    }
                };
                if op.kind == OpKind::ListPush {
                    self.unify_at(span, args[1], elem);
                    self.unify_type(span, res, &Type::Unit);
                } else {
                    let t = self.tys.con(Ctor::Option, vec![elem]);
                    self.unify_at(span, res, t);
                }
            }
            OpKind::Borrow(m) => {
                let t = self.tys.con(Ctor::Ref(*m), vec![args[0]]);
                self.unify_at(span, res, t);
            }
            OpKind::Deref => match self.tys.shape(args[0]) {
                Shape::Unknown if !guess => return Status::Wait,
                Shape::Con(Ctor::Ref(_), to) => self.unify_at(span, res, to[0]),
                Shape::Unknown => {
                    let t = self.tys.con(Ctor::Ref(false), vec![res]);
                    self.unify_at(span, args[0], t);
                }
                _ => {
                    // rustc accepted `*x`, so `x` is a reference in the source: a binding
                    // of a pattern matched through a reference (`match &instr {
                    // Instr::Push(v) => *v }`), which the flow builder binds to the field's
                    // value. Reading the value is then what `*v` means.
                    op.kind = OpKind::SameAs;
                    self.unify_at(span, res, args[0]);
                }
            },
            OpKind::Call(Callee::Function(name)) => {
                let name = name.clone();
                self.call_rule(span, &name, &args, res, false);
            }
            // `GcArray::new(len, fill)`: a residual call whose types are the array's.
            OpKind::Call(Callee::External(p))
                if (p == "GcArray::new" || p.ends_with("::GcArray::new")) && args.len() == 2 =>
            {
                self.unify_type(span, args[0], &Type::Int(IntTy::Usize));
                let t = self.tys.con(Ctor::GcArray, vec![args[1]]);
                self.unify_at(span, res, t);
                self.externals.push(site);
            }
            // `GcStr::lit("..")`, `StrBuilder::new()`, ...: typed by the strings' table.
            OpKind::Call(Callee::External(p)) if crate::strings::assoc(p).is_some() => {
                let Some((ty, name, sig)) = crate::strings::assoc(p) else {
                    return Status::Done;
                };
                if sig.params.len() != args.len() {
                    self.error(
                        span,
                        format!("`{ty}::{name}` takes {} arguments", sig.params.len()),
                    );
                    return Status::Done;
                }
                for (p, &a) in sig.params.iter().zip(args.iter()) {
                    self.unify_type(span, a, p);
                }
                self.unify_type(span, res, &sig.ret);
                op.kind = OpKind::Call(Callee::External(crate::strings::path(&ty, name)));
            }
            OpKind::Call(Callee::External(_)) => self.externals.push(site),
            OpKind::CallMethod(_) => return self.method_rule(site, op, &args, res),
        }
        Status::Done
    }

    /// The element type of an indexed value (a list or array, through references), or
    /// `Err(Status::Wait)` while it is unknown. `Ok(None)` after an error.
    fn element(&mut self, span: Span, x: TyId) -> Result<Option<TyId>, Status> {
        let base = self.tys.deref_all(x);
        match self.tys.shape(base) {
            Shape::Unknown => Err(Status::Wait),
            Shape::Con(Ctor::List | Ctor::Array(_) | Ctor::GcArray, elem) => Ok(Some(elem[0])),
            // `s.byte_at(i)` of a string.
            Shape::Con(Ctor::GcStr, _) => Ok(Some(self.tys.con(Ctor::Int(IntTy::U8), vec![]))),
            // `b[i]` of borrowed bytes.
            Shape::Con(Ctor::Bytes, _) => Ok(Some(self.tys.con(Ctor::Int(IntTy::U8), vec![]))),
            _ => {
                let shown = self.tys.show(x);
                self.error(
                    span,
                    format!(
                        "cannot index a value of type `{shown}`: only `jitsupport::List`, \
                         arrays and `&[u8]` can be indexed in an interpreter module"
                    ),
                );
                Ok(None)
            }
        }
    }

    fn field_rule(&mut self, op: &mut Op, args: &[TyId], res: TyId, f: &str) -> Status {
        let span = op.span;
        let base = self.tys.deref_gc_all(args[0]);
        let field_ty = match self.tys.shape(base) {
            Shape::Unknown => return Status::Wait,
            Shape::Con(Ctor::Struct(s), _) => {
                match self.program.struct_def(&s).and_then(|d| d.field(f)) {
                    Some(fd) => fd.ty.clone(),
                    None => {
                        self.error(span, format!("no field `{f}` on struct `{s}`"));
                        return Status::Done;
                    }
                }
            }
            Shape::Con(Ctor::Tuple, elems) if f.parse::<usize>().is_ok_and(|i| i < elems.len()) => {
                // `.0` on a tuple (the flow builder cannot tell tuples from tuple structs).
                let i = f.parse::<usize>().unwrap_or(0);
                let is_get = matches!(op.kind, OpKind::GetField(_));
                if !is_get {
                    self.error(
                        span,
                        "assigning to an element of a tuple is not supported; build a new tuple",
                    );
                    return Status::Done;
                }
                op.kind = OpKind::TupleGet(i);
                self.unify_at(span, res, elems[i]);
                return Status::Done;
            }
            _ => {
                let shown = self.tys.show(args[0]);
                self.error(
                    span,
                    format!(
                        "no field `{f}` on `{shown}`: only structs of the interpreter module \
                         have fields the JIT can see"
                    ),
                );
                return Status::Done;
            }
        };
        match op.kind {
            OpKind::GetField(_) => self.unify_type(span, res, &field_ty),
            OpKind::WithField(_) => {
                if args.len() == 2 {
                    self.unify_type(span, args[1], &field_ty);
                }
                self.unify_at(span, res, args[0]);
            }
            _ => {
                if args.len() == 2 {
                    self.unify_type(span, args[1], &field_ty);
                }
                self.unify_type(span, res, &Type::Unit);
            }
        }
        Status::Done
    }

    /// `getsubstruct(x, .f)`: a reference into `x` for a value-struct field of memory
    /// reached through a reference (or held in an owned memory struct), the field's value
    /// for a value-struct base; a plain `getfield` for every other field type.
    fn substruct_rule(&mut self, op: &mut Op, args: &[TyId], res: TyId, f: &str) -> Status {
        let span = op.span;
        let base = self.tys.deref_gc_all(args[0]);
        let owner = match self.tys.shape(base) {
            Shape::Unknown => return Status::Wait,
            Shape::Con(Ctor::Struct(s), _) => s,
            _ => {
                op.kind = OpKind::GetField(f.to_string());
                return self.field_rule(op, args, res, f);
            }
        };
        let field_ty = self
            .program
            .struct_def(&owner)
            .and_then(|d| d.field(f))
            .map(|fd| fd.ty.clone());
        let Some(field_ty) = field_ty.filter(|t| self.program.is_value_type(t)) else {
            op.kind = OpKind::GetField(f.to_string());
            return self.field_rule(op, args, res, f);
        };
        let through_gc = {
            let d = self.tys.deref_all(args[0]);
            matches!(self.tys.shape(d), Shape::Con(Ctor::Gc, _))
        };
        let through_ref =
            through_gc || matches!(self.tys.shape(args[0]), Shape::Con(Ctor::Ref(_), _));
        let owner_is_value = self.program.is_value_type(&Type::Struct(owner));
        if !through_ref && owner_is_value {
            self.unify_type(span, res, &field_ty);
        } else {
            let m = self.place_mutability(args[0]);
            let t = Type::Ref {
                mutable: m,
                to: Box::new(field_ty),
            };
            self.unify_type(span, res, &t);
        }
        Status::Done
    }

    /// Whether a place reached from a value of type `x` may be written: through a `&mut`
    /// anywhere in its references, or held by value (an owned struct or list).
    fn place_mutability(&mut self, x: TyId) -> bool {
        let mut cur = x;
        let mut any_ref = false;
        while let Shape::Con(Ctor::Ref(m), to) = self.tys.shape(cur) {
            if m {
                return true;
            }
            any_ref = true;
            cur = to[0];
        }
        !any_ref
    }

    fn tuple_get_rule(&mut self, op: &mut Op, args: &[TyId], res: TyId, i: usize) -> Status {
        let span = op.span;
        let base = self.tys.deref_all(args[0]);
        match self.tys.shape(base) {
            Shape::Unknown => return Status::Wait,
            Shape::Con(Ctor::Tuple, elems) if i < elems.len() => {
                self.unify_at(span, res, elems[i]);
            }
            Shape::Con(Ctor::Struct(_), _) => {
                // `.0` on a tuple struct.
                op.kind = OpKind::GetField(i.to_string());
                return self.field_rule(op, args, res, &i.to_string());
            }
            _ => {
                let shown = self.tys.show(args[0]);
                self.error(span, format!("no element {i} in a value of type `{shown}`"));
            }
        }
        Status::Done
    }

    fn new_variant_rule(&mut self, span: Span, e: &str, v: &str, args: &[TyId], res: TyId) {
        if e == "Result" {
            let (t, err) = (self.tys.fresh(), self.tys.fresh());
            let r = self.tys.con(Ctor::Result, vec![t, err]);
            self.unify_at(span, res, r);
            match (v, args) {
                ("Ok", [x]) => self.unify_at(span, *x, t),
                ("Err", [x]) => self.unify_at(span, *x, err),
                _ => self.error(
                    span,
                    format!("`Result::{v}` takes one value, {} are given", args.len()),
                ),
            }
            return;
        }
        if e == "Option" {
            let inner = self.tys.fresh();
            let t = self.tys.con(Ctor::Option, vec![inner]);
            self.unify_at(span, res, t);
            match (v, args) {
                ("Some", [x]) => self.unify_at(span, *x, inner),
                ("None", []) => {}
                _ => self.error(
                    span,
                    format!(
                        "`Option::{v}` with {} values is not an Option variant",
                        args.len()
                    ),
                ),
            }
            return;
        }
        self.unify_type(span, res, &Type::Enum(e.to_string()));
        let Some(variant) = self.program.enum_def(e).and_then(|d| d.variant(v)) else {
            self.error(
                span,
                format!("no variant `{e}::{v}` in the interpreter module"),
            );
            return;
        };
        if variant.fields.len() != args.len() {
            self.error(
                span,
                format!(
                    "variant `{e}::{v}` has {} fields but {} values are given",
                    variant.fields.len(),
                    args.len()
                ),
            );
            return;
        }
        let fields: Vec<Type> = variant.fields.iter().map(|f| f.ty.clone()).collect();
        for (&a, t) in args.iter().zip(&fields) {
            self.unify_type(span, a, t);
        }
    }

    /// A call of the module function `name`; with `method`, `args[0]` is the receiver
    /// (auto-referenced or dereferenced as needed, so it is not unified with `self`).
    pub(super) fn call_rule(
        &mut self,
        span: Span,
        name: &str,
        args: &[TyId],
        res: TyId,
        method: bool,
    ) {
        let Some(f) = self.program.function(name) else {
            self.error(
                span,
                format!("no function `{name}` in the interpreter module"),
            );
            return;
        };
        let mut params: Vec<Type> = Vec::new();
        if !method {
            params.extend(f.self_type());
        }
        params.extend(f.params.iter().map(|(_, t)| t.clone()));
        let ret = f.ret.clone();
        let given = if method { &args[1..] } else { args };
        if given.len() != params.len() {
            self.error(
                span,
                format!(
                    "`{name}` takes {} arguments but {} are given",
                    params.len(),
                    given.len()
                ),
            );
        } else {
            for (&a, t) in given.iter().zip(&params) {
                self.unify_type(span, a, t);
            }
        }
        self.unify_type(span, res, &ret);
    }

    /// The rule of a block's exit.
    pub(super) fn exit_rule(&mut self, gi: usize, g: &Graph, bi: usize, guess: bool) -> Status {
        match &g.blocks[bi].exit {
            Exit::If { cond, .. } => {
                let t = self.term(gi, *cond);
                self.unify_type(span_of(g, *cond), t, &Type::Bool);
            }
            Exit::Switch { on, cases, .. } => {
                let names: Vec<&str> = cases
                    .iter()
                    .filter_map(|(c, _)| match c {
                        Case::Variant(v) => Some(v.as_str()),
                        Case::Int(_) => None,
                    })
                    .collect();
                if names.is_empty() {
                    return Status::Done;
                }
                let t = self.term(gi, *on);
                let base = self.tys.deref_all(t);
                if !matches!(self.tys.shape(base), Shape::Unknown) {
                    return Status::Done;
                }
                if !guess {
                    return Status::Wait;
                }
                let span = span_of(g, *on);
                if names.iter().all(|n| *n == "None" || *n == "Some") {
                    let inner = self.tys.fresh();
                    let o = self.tys.con(Ctor::Option, vec![inner]);
                    self.unify_at(span, base, o);
                    return Status::Done;
                }
                let owners: Vec<String> = self
                    .program
                    .enums
                    .iter()
                    .filter(|e| names.iter().all(|n| e.variant(n).is_some()))
                    .map(|e| e.name.clone())
                    .collect();
                if let [only] = owners.as_slice() {
                    self.unify_type(span, base, &Type::Enum(only.clone()));
                    return Status::Done;
                }
                return Status::Wait;
            }
            Exit::Goto(_) | Exit::Overflow { .. } | Exit::Return | Exit::Panic => {}
        }
        Status::Done
    }
}

/// The number of operands of ops that have a fixed number.
fn fixed_arity(kind: &OpKind) -> Option<usize> {
    Some(match kind {
        OpKind::Add
        | OpKind::Sub
        | OpKind::Mul
        | OpKind::Div
        | OpKind::Rem
        | OpKind::BitAnd
        | OpKind::BitOr
        | OpKind::BitXor
        | OpKind::Shl
        | OpKind::Shr
        | OpKind::Min
        | OpKind::Max
        | OpKind::AddOvf
        | OpKind::SubOvf
        | OpKind::MulOvf
        | OpKind::AddOverflows
        | OpKind::SubOverflows
        | OpKind::MulOverflows
        | OpKind::Eq
        | OpKind::Ne
        | OpKind::Lt
        | OpKind::Le
        | OpKind::Gt
        | OpKind::Ge
        | OpKind::GetItem
        | OpKind::GetArraySubstruct
        | OpKind::ListPush
        | OpKind::CellSet => 2,
        OpKind::SetItem | OpKind::Slice => 3,
        OpKind::Neg
        | OpKind::Not
        | OpKind::Abs
        | OpKind::Sqrt
        | OpKind::Cast(_)
        | OpKind::SameAs
        | OpKind::Promote
        | OpKind::GetField(_)
        | OpKind::GetSubstruct(_)
        | OpKind::VariantField(..)
        | OpKind::TupleGet(_)
        | OpKind::NewArrayRepeat(_)
        | OpKind::Len
        | OpKind::AsBytes
        | OpKind::ListWithCapacity
        | OpKind::ListPop
        | OpKind::CellGet
        | OpKind::ToAny
        | OpKind::GcIs(_)
        | OpKind::GcDowncast(_)
        | OpKind::Borrow(_)
        | OpKind::Deref => 1,
        OpKind::SetField(_) | OpKind::WithField(_) => 2,
        OpKind::WeAreJitted | OpKind::ListNew => 0,
        OpKind::NewStruct(_)
        | OpKind::NewGc(_)
        | OpKind::NewVariant(..)
        | OpKind::NewTuple
        | OpKind::NewArray
        | OpKind::Call(_)
        | OpKind::JitMergePoint(_)
        | OpKind::CanEnterJit(_) => return None,
        OpKind::CallMethod(_) => return None,
    })
}
