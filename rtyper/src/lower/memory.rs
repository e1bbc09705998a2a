//! Lowering of memory operations: structs, enums with payload, arrays and lists.
//!
//! Fields are read and written through the layouts of [`crate::layout`]; values held
//! inline (a struct in a struct, a list in a frame) are reached with `getsubstruct` and
//! written with `memcopy`. Item accesses check the index first and branch to the panic
//! block, which is the guard the JIT will record.

use super::Lower;
use crate::layout::{ArrayDescr, CallDescr, FieldDescr, FieldLayout, LayoutExpr, SizeDescr};
use crate::lltype::{Kind, LlType};
use crate::model::{LlBlock, LlCase, LlConst, LlExit, LlLink, LlValue};
use crate::ops::LlOpKind;
use crate::repr::{self, Stored};
use annotator::{IntTy, Op, OpKind, Type, Value};
use proc_macro2::Span;

impl Lower<'_> {
    pub(super) fn field_descr(owner: &str, f: &FieldLayout) -> FieldDescr {
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
    pub(super) fn load(
        &mut self,
        owner: &str,
        f: &FieldLayout,
        ptr: LlValue,
        span: Span,
    ) -> Vec<LlValue> {
        let descr = Self::field_descr(owner, f);
        let ty = descr.ty.clone();
        if matches!(f.stored, Stored::Inline(_)) && self.is_inline_value(&f.ty) {
            let p = self.emit(LlOpKind::Getsubstruct(descr), vec![ptr], ty);
            return self.load_inline_value(&f.ty, p, span);
        }
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
    pub(super) fn store(
        &mut self,
        owner: &str,
        f: &FieldLayout,
        ptr: LlValue,
        value: Value,
        span: Span,
    ) {
        let vals = self.values(value);
        let vals = self.coerce(vals, &self.ty(value), &f.ty, span);
        self.store_vals(owner, f, ptr, vals, span);
    }

    /// Reads the value struct `name` (all its leaves) from the memory at `ptr`.
    /// Whether `ty` is held as its leaves: a value struct or a value enum.
    fn is_inline_value(&self, ty: &Type) -> bool {
        self.program.is_value_type(ty) || self.program.is_value_enum(ty)
    }

    /// Reads the value struct or value enum `ty` at `ptr` into its leaves.
    fn load_inline_value(&mut self, ty: &Type, ptr: LlValue, span: Span) -> Vec<LlValue> {
        match ty {
            Type::Enum(name) => self.load_value_enum(name, ptr, span),
            Type::Struct(name) => self.load_value(name, ptr, span),
            _ => vec![],
        }
    }

    /// Writes the leaves of the value struct or value enum `ty` to `ptr`.
    fn store_inline_value(&mut self, ty: &Type, ptr: LlValue, vals: &[LlValue], span: Span) {
        match ty {
            Type::Enum(name) => self.store_value_enum(name, ptr, vals, span),
            Type::Struct(name) => self.store_value(name, ptr, vals, span),
            _ => {}
        }
    }

    /// The address of an array item held inline (a raw `List`'s or a `GcArray`'s).
    fn array_substruct(raw: bool, descr: ArrayDescr) -> LlOpKind {
        if raw {
            LlOpKind::GetarraysubstructRaw(descr)
        } else {
            LlOpKind::Getarraysubstruct(descr)
        }
    }

    pub(super) fn load_value(&mut self, name: &str, ptr: LlValue, span: Span) -> Vec<LlValue> {
        let Some(layout) = self.layouts.struct_layout(name) else {
            return vec![];
        };
        let mut out = Vec::new();
        for f in layout.fields.clone() {
            out.extend(self.load(name, &f, ptr.clone(), span));
        }
        out
    }

    /// Writes the leaves of a value struct `name` into the memory at `ptr`.
    pub(super) fn store_value(&mut self, name: &str, ptr: LlValue, vals: &[LlValue], span: Span) {
        let Some(layout) = self.layouts.struct_layout(name) else {
            return;
        };
        let mut at = 0;
        for f in layout.fields.clone() {
            let n = self.leaves(&f.ty, span).len();
            let part = vals.get(at..at + n).map(<[_]>::to_vec).unwrap_or_default();
            at += n;
            self.store_vals(name, &f, ptr.clone(), part, span);
        }
    }

    /// The tag descr of the value enum `name`, typed as the enum's leaf.
    fn value_enum_tag(&mut self, name: &str) -> Option<(FieldDescr, Vec<(i128, String)>)> {
        let layout = self.layouts.enum_layout(name)?.clone();
        let mut tag = layout.tag_descr();
        tag.ty = LlType::Enum(name.into());
        let variants = layout
            .variants
            .iter()
            .map(|v| (v.discriminant, v.name.clone()))
            .collect();
        Some((tag, variants))
    }

    /// Ends the current block with a switch on a value enum's `tag`, one new empty block
    /// per variant (in `variants`' order, no default); returns each case with its block.
    fn switch_on_variants(
        &mut self,
        tag: LlValue,
        variants: &[(i128, String)],
    ) -> Vec<(LlCase, LlBlock)> {
        let cases: Vec<(LlCase, LlBlock)> = variants
            .iter()
            .map(|(d, v)| {
                let case = LlCase {
                    value: *d,
                    label: Some(v.clone()),
                };
                (case, self.out.new_block())
            })
            .collect();
        let links = cases
            .iter()
            .map(|(c, b)| {
                let link = LlLink {
                    target: *b,
                    args: Vec::new(),
                };
                (c.clone(), link)
            })
            .collect();
        self.out.block_mut(self.cur).exit = LlExit::Switch {
            on: tag,
            cases: links,
            default: None,
        };
        cases
    }

    /// Reads the value enum `name` from the memory at `ptr` into its leaves: the tag,
    /// then a switch on it whose every case reads that variant's fields (the other
    /// variants' leaves are zeros), joined in a new block whose inputs are the leaves.
    /// No word is read as another kind than the variant stored there, and a trace
    /// records one guard on the tag, after which the tag is a constant.
    pub(super) fn load_value_enum(&mut self, name: &str, ptr: LlValue, span: Span) -> Vec<LlValue> {
        let ty = Type::Enum(name.into());
        let leaf_types = self.leaves(&ty, span);
        let Some((tag_descr, variants)) = self.value_enum_tag(name) else {
            return vec![];
        };
        let tag = self.emit(
            LlOpKind::GetfieldI(tag_descr),
            vec![ptr.clone()],
            LlType::Enum(name.into()),
        );
        let join = self.out.new_block();
        let inputs: Vec<_> = leaf_types
            .iter()
            .map(|t| self.out.new_var(t.clone(), None))
            .collect();
        self.out.block_mut(join).inputs = inputs.clone();
        let cases = self.switch_on_variants(tag, &variants);
        for ((case, block), (_, vname)) in cases.iter().zip(&variants) {
            self.cur = *block;
            let mut vals = vec![LlValue::int(case.value)];
            let layout = self.layouts.enum_layout(name).cloned();
            for (d, other) in &variants {
                let fields = layout
                    .as_ref()
                    .and_then(|l| l.variant(other))
                    .map(|v| v.fields.clone())
                    .unwrap_or_default();
                let owner = format!("{name}::{other}");
                for f in &fields {
                    if other == vname && *d == case.value {
                        vals.extend(self.load(&owner, f, ptr.clone(), span));
                    } else {
                        vals.extend(
                            self.leaves(&f.ty, span)
                                .into_iter()
                                .map(|l| LlValue::Const(LlConst::zero(l.kind()))),
                        );
                    }
                }
            }
            self.out.block_mut(self.cur).exit = LlExit::Goto(LlLink {
                target: join,
                args: vals,
            });
        }
        self.cur = join;
        inputs.into_iter().map(LlValue::Var).collect()
    }

    /// Writes the leaves of the value enum `name` into the memory at `ptr`: a switch on
    /// the tag whose every case writes the tag and that variant's fields.
    pub(super) fn store_value_enum(
        &mut self,
        name: &str,
        ptr: LlValue,
        vals: &[LlValue],
        span: Span,
    ) {
        let Some((tag_descr, variants)) = self.value_enum_tag(name) else {
            return;
        };
        let Some(tag) = vals.first().cloned() else {
            return;
        };
        let layout = self.layouts.enum_layout(name).cloned();
        let write = |this: &mut Self, vname: &str, disc: i128| {
            this.emit_void(
                LlOpKind::Setfield(tag_descr.clone()),
                vec![ptr.clone(), LlValue::int(disc)],
            );
            let Ok((mut at, _)) = repr::variant_leaves(this.program, name, vname) else {
                return;
            };
            let fields = layout
                .as_ref()
                .and_then(|l| l.variant(vname))
                .map(|v| v.fields.clone())
                .unwrap_or_default();
            let owner = format!("{name}::{vname}");
            for f in &fields {
                let n = this.leaves(&f.ty, span).len();
                let part = vals.get(at..at + n).map(<[_]>::to_vec).unwrap_or_default();
                at += n;
                this.store_vals(&owner, f, ptr.clone(), part, span);
            }
        };
        // A tag known here (a variant literal) needs no switch.
        if let Some(d) = tag.as_int() {
            if let Some((_, v)) = variants.iter().find(|(disc, _)| *disc == d) {
                write(self, &v.clone(), d);
            }
            return;
        }
        let join = self.out.new_block();
        let cases = self.switch_on_variants(tag, &variants);
        for (case, block) in &cases {
            self.cur = *block;
            let vname = case.label.clone().unwrap_or_default();
            write(self, &vname, case.value);
            self.out.block_mut(self.cur).exit = LlExit::Goto(LlLink {
                target: join,
                args: Vec::new(),
            });
        }
        self.cur = join;
    }

    /// The leaves of field `field` of the value struct `name`: where they start among the
    /// struct's leaves, how many there are, and the field's type.
    pub(super) fn value_field(
        &mut self,
        name: &str,
        field: &str,
        span: Span,
    ) -> Option<(usize, usize, Type)> {
        let fields: Vec<(String, Type)> = self
            .program
            .struct_def(name)?
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.ty.clone()))
            .collect();
        let mut at = 0;
        for (n, t) in fields {
            let len = self.leaves(&t, span).len();
            if n == field {
                return Some((at, len, t));
            }
            at += len;
        }
        self.error(span, format!("struct `{name}` has no field `{field}`"));
        None
    }

    /// Converts the leaves of a value of type `from` to the representation of `to`, where
    /// the two differ only in how a value struct is held: a pointer to it (`&mut C`) is
    /// read into the struct's leaves (`C`, `&C`). The other way, a value held in
    /// variables has no address, which is an error at `span`.
    pub(super) fn coerce(
        &mut self,
        vals: Vec<LlValue>,
        from: &Type,
        to: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        // A `Gc<S>` where an `&S` is wanted (a method of `S` called on the handle).
        if from.gc_payload().is_some() && to.gc_payload().is_none() {
            if let Type::Struct(_) = to.deref_all() {
                let x = vals
                    .into_iter()
                    .next()
                    .unwrap_or(LlValue::Const(LlConst::Null));
                let (payload_ty, p) = self.gc_deref(from, x);
                return self.coerce(vec![p], &payload_ty, to, span);
            }
        }
        match (
            repr::value_struct(self.program, from),
            repr::value_struct(self.program, to),
        ) {
            (Some((name, true)), Some((_, false))) => {
                let name = name.to_string();
                let ptr = vals
                    .into_iter()
                    .next()
                    .unwrap_or(LlValue::Const(LlConst::Null));
                self.load_value(&name, ptr, span)
            }
            (Some((name, false)), Some((_, true))) => {
                self.error(
                    span,
                    format!(
                        "a `{name}` held by value (a `Copy` struct in a local, an argument or a \
                         result) has no address the JIT can write through: take `self` or the \
                         argument by value and return the new value, or keep the `{name}` in a \
                         field or a list and borrow that"
                    ),
                );
                vec![LlValue::Const(LlConst::Null)]
            }
            _ => vals,
        }
    }

    /// Writes the leaves `vals` into a field of the memory at `ptr`.
    pub(super) fn store_vals(
        &mut self,
        owner: &str,
        f: &FieldLayout,
        ptr: LlValue,
        vals: Vec<LlValue>,
        span: Span,
    ) {
        let descr = Self::field_descr(owner, f);
        if matches!(f.stored, Stored::Inline(_)) && self.is_inline_value(&f.ty) {
            let ty = descr.ty.clone();
            let p = self.emit(LlOpKind::Getsubstruct(descr), vec![ptr], ty);
            self.store_inline_value(&f.ty, p, &vals, span);
            return;
        }
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
                        gc: None,
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

    pub(super) fn struct_field(
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

    pub(super) fn new_struct(&mut self, name: &str, args: &[Value], span: Span) -> Vec<LlValue> {
        let ty = Type::Struct(name.into());
        if self.program.is_value_type(&ty) {
            // A value struct is its fields' leaves: nothing to allocate.
            let field_tys: Vec<Type> = self
                .program
                .struct_def(name)
                .map(|d| d.fields.iter().map(|f| f.ty.clone()).collect())
                .unwrap_or_default();
            let mut out = Vec::new();
            for (&arg, t) in args.iter().zip(&field_tys) {
                let vals = self.values(arg);
                out.extend(self.coerce(vals, &self.ty(arg), t, span));
            }
            return out;
        }
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

    pub(super) fn get_field(
        &mut self,
        ty: &Type,
        vals: Vec<LlValue>,
        field: &str,
        span: Span,
    ) -> Vec<LlValue> {
        if let Some((name, false)) = repr::value_struct(self.program, ty) {
            let name = name.to_string();
            let Some((at, n, _)) = self.value_field(&name, field, span) else {
                return vec![];
            };
            return vals.get(at..at + n).map(<[_]>::to_vec).unwrap_or_default();
        }
        let x = vals
            .into_iter()
            .next()
            .unwrap_or(LlValue::Const(LlConst::Null));
        let (ty, x) = self.gc_deref(ty, x);
        match self.struct_field(&ty, field, span) {
            Some((owner, f)) => self.load(&owner, &f, x, span),
            None => vec![],
        }
    }

    /// A `Gc<S>` (through references) is the object's start: its fields are reached
    /// through the payload, a `&S` at `HEADER_SIZE` (`getsubstruct`, which the tracer
    /// folds into the field offsets). Other values are returned as they are.
    pub(super) fn gc_deref(&mut self, ty: &Type, x: LlValue) -> (Type, LlValue) {
        match ty.gc_payload() {
            Some(payload) => {
                let payload = payload.clone();
                let descr = crate::layout::Layouts::gc_payload_descr(&payload);
                let pty = descr.ty.clone();
                let p = self.emit(LlOpKind::Getsubstruct(descr), vec![x], pty);
                (Type::shared_ref(payload), p)
            }
            None => (ty.clone(), x),
        }
    }

    /// The length of the `GcArray<item>` at `x` (its length word, never written after
    /// the allocation).
    pub(super) fn gc_array_len(&mut self, item: &Type, x: LlValue) -> LlValue {
        let descr = FieldDescr {
            owner: format!("GcArray<{item}>"),
            field: "len".into(),
            offset: LayoutExpr::GcArrayLength,
            ty: LlType::Int(IntTy::Usize),
            size: LayoutExpr::Const(8),
            signed: false,
        };
        self.emit(
            LlOpKind::GetfieldI(descr),
            vec![x],
            LlType::Int(IntTy::Usize),
        )
    }

    /// `s.len()` of a `GcStr`: its length word, which never changes.
    pub(super) fn str_len(&mut self, x: LlValue) -> LlValue {
        let descr = FieldDescr {
            owner: "GcStr".into(),
            field: "len".into(),
            offset: LayoutExpr::Const(repr::STR_LENGTH_OFFSET),
            ty: LlType::Int(IntTy::Usize),
            size: LayoutExpr::Const(8),
            signed: false,
        };
        self.emit(
            LlOpKind::GetfieldI(descr),
            vec![x],
            LlType::Int(IntTy::Usize),
        )
    }

    /// `Gc::new(S { .. })`: allocates the object on the GC heap (`new` with the type's
    /// GC type id) and writes the fields through its payload; a `GcCell` field takes
    /// its value.
    pub(super) fn new_gc(&mut self, name: &str, args: &[Value], span: Span) -> Vec<LlValue> {
        let payload = Type::Struct(name.into());
        let gc_ty = Type::Gc(Box::new(payload.clone()));
        let size = self.layouts.gc_size_descr(&payload);
        let r = self.emit(LlOpKind::New(size), vec![], LlType::ptr(gc_ty.clone()));
        let (_, p) = self.gc_deref(&gc_ty, r.clone());
        let Some(layout) = self.layouts.struct_layout(name) else {
            return vec![r];
        };
        let fields = layout.fields.clone();
        for (f, &arg) in fields.iter().zip(args) {
            if let Type::GcCell(value) = &f.ty {
                let descr = Self::field_descr(name, f);
                let pty = descr.ty.clone();
                let cell = self.emit(LlOpKind::Getsubstruct(descr), vec![p.clone()], pty);
                self.cell_store(value, cell, arg, span);
            } else {
                self.store(name, f, p.clone(), arg, span);
            }
        }
        vec![r]
    }

    /// `cell.get()`: the value at offset 0 of the cell.
    pub(super) fn cell_get(&mut self, ty: &Type, cell: LlValue, span: Span) -> Vec<LlValue> {
        let Type::GcCell(value) = ty.deref_all().clone() else {
            self.error(span, format!("`get` on a value of type {ty}, not a GcCell"));
            return vec![];
        };
        match crate::layout::Layouts::cell_field(self.program, &value) {
            Ok(f) => self.load(&format!("GcCell<{value}>"), &f, cell, span),
            Err(why) => {
                self.error(span, format!("a GcCell of type {value} {why}"));
                vec![]
            }
        }
    }

    /// `cell.set(v)`: stores `v` at offset 0 of the cell (the write barrier is the
    /// runtime's: the blackhole and the tracer run it after a reference store, the
    /// backends for `setfield_gc` of a reference into a GC object).
    pub(super) fn cell_store(&mut self, value: &Type, cell: LlValue, v: Value, span: Span) {
        match crate::layout::Layouts::cell_field(self.program, value) {
            Ok(f) => self.store(&format!("GcCell<{value}>"), &f, cell, v, span),
            Err(why) => self.error(span, format!("a GcCell of type {value} {why}")),
        }
    }

    pub(super) fn set_field(&mut self, ty: &Type, x: LlValue, field: &str, v: Value, span: Span) {
        if let Some((name, false)) = repr::value_struct(self.program, ty) {
            self.error(
                span,
                format!(
                    "this assigns to a field of a `{name}` held by value whose place the flow \
                     analysis cannot see; give the local a type (`let mut c: {name} = ...`) or \
                     assign the whole value (`c = {name} {{ ... }}`)"
                ),
            );
            return;
        }
        let (ty, x) = self.gc_deref(ty, x);
        if let Some((owner, f)) = self.struct_field(&ty, field, span) {
            self.store(&owner, &f, x, v, span);
        }
    }

    /// `with_field(x, .f, v)`: a value struct rebuilt with `v` in field `f`, or, for a
    /// base in memory, `v` stored and the base returned.
    pub(super) fn with_field(
        &mut self,
        ty: &Type,
        vals: Vec<LlValue>,
        field: &str,
        v: Value,
        span: Span,
    ) -> Vec<LlValue> {
        if let Some((name, false)) = repr::value_struct(self.program, ty) {
            let name = name.to_string();
            let Some((at, n, fty)) = self.value_field(&name, field, span) else {
                return vals;
            };
            let new = self.values(v);
            let new = self.coerce(new, &self.ty(v), &fty, span);
            let mut out = vals;
            if at + n <= out.len() && new.len() == n {
                out.splice(at..at + n, new);
            }
            return out;
        }
        if let Some(x) = vals.first().cloned() {
            self.set_field(ty, x, field, v, span);
        }
        vals
    }

    /// `getsubstruct(x, .f)` of a value-struct field: a pointer to it when `x` is in
    /// memory, its leaves when `x` is held by value; then as the result type wants.
    pub(super) fn get_substruct(
        &mut self,
        ty: &Type,
        vals: Vec<LlValue>,
        field: &str,
        res_ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        if let Some((_, false)) = repr::value_struct(self.program, ty) {
            return self.get_field(ty, vals, field, span);
        }
        let x = vals
            .into_iter()
            .next()
            .unwrap_or(LlValue::Const(LlConst::Null));
        let (ty, x) = self.gc_deref(ty, x);
        let Some((owner, f)) = self.struct_field(&ty, field, span) else {
            return vec![];
        };
        let descr = Self::field_descr(&owner, &f);
        let pty = descr.ty.clone();
        let p = self.emit(LlOpKind::Getsubstruct(descr), vec![x], pty);
        let ptr_ty = Type::mut_ref(f.ty.clone());
        self.coerce(vec![p], &ptr_ty, res_ty, span)
    }

    /// `getarraysubstruct(x, i)` of value-struct items: a pointer to the item, checked.
    pub(super) fn get_array_substruct(
        &mut self,
        ty: &Type,
        x: LlValue,
        i: LlValue,
        res_ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        let Some((raw, base, descr)) = self.item_access(ty, x, &i, span) else {
            return vec![];
        };
        let item = descr.item.clone();
        let rty = descr.ty.clone();
        let p = self.emit(Self::array_substruct(raw, descr), vec![base, i], rty);
        self.coerce(vec![p], &Type::mut_ref(item), res_ty, span)
    }

    pub(super) fn new_variant(
        &mut self,
        e: &str,
        v: &str,
        args: &[Value],
        res_ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        if e == "Result" {
            let Type::Result(t, err) = res_ty.deref_all().clone() else {
                self.error(span, format!("`{v}` typed {res_ty}, not a Result"));
                return vec![];
            };
            let zeros = |this: &mut Self, ty: &Type| -> Vec<LlValue> {
                this.leaves(ty, span)
                    .into_iter()
                    .map(|l| LlValue::Const(LlConst::zero(l.kind())))
                    .collect()
            };
            let payload = args.first().map(|&x| self.values(x)).unwrap_or_default();
            let mut out = vec![LlValue::int(i128::from(v == "Ok"))];
            if v == "Ok" {
                out.extend(payload);
                out.extend(zeros(self, &err));
            } else {
                out.extend(zeros(self, &t));
                out.extend(payload);
            }
            return out;
        }
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
        let ty = Type::Enum(e.into());
        if self.program.is_value_enum(&ty) {
            // The tag, this variant's fields, zeros for the other variants' fields.
            let variants: Vec<(String, Vec<Type>)> = def
                .variants
                .iter()
                .map(|var| {
                    (
                        var.name.clone(),
                        var.fields.iter().map(|f| f.ty.clone()).collect(),
                    )
                })
                .collect();
            let mut out = vec![LlValue::int(disc)];
            for (name, fields) in variants {
                for (k, fty) in fields.iter().enumerate() {
                    match args.get(k) {
                        Some(&arg) if name == v => {
                            let vals = self.values(arg);
                            let vals = self.coerce(vals, &self.ty(arg), fty, span);
                            out.extend(vals);
                        }
                        _ => out.extend(
                            self.leaves(fty, span)
                                .into_iter()
                                .map(|l| LlValue::Const(LlConst::zero(l.kind()))),
                        ),
                    }
                }
            }
            return out;
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

    pub(super) fn variant_field(
        &mut self,
        e: &str,
        v: &str,
        i: usize,
        x: Vec<LlValue>,
        ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        if e == "Result" {
            let Type::Result(t, _) = ty.deref_all().clone() else {
                self.error(
                    span,
                    format!("`{v}.{i}` of a value of type {ty}, not a Result"),
                );
                return vec![];
            };
            let n_ok = self.leaves(&t, span).len();
            let rest = x.into_iter().skip(1);
            return if v == "Ok" {
                rest.take(n_ok).collect()
            } else {
                rest.skip(n_ok).collect()
            };
        }
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
        if self.program.is_value_enum(&Type::Enum(e.into())) {
            let Some(def) = self.program.enum_def(e) else {
                return vec![];
            };
            let Some(var) = def.variant(v) else {
                self.error(span, format!("enum `{e}` has no variant `{v}`"));
                return vec![];
            };
            let fields: Vec<Type> = var.fields.iter().map(|f| f.ty.clone()).collect();
            let start = match repr::variant_leaves(self.program, e, v) {
                Ok((start, _)) => start,
                Err(msg) => {
                    self.error(span, msg);
                    return vec![];
                }
            };
            let mut at = start;
            for fty in &fields[..i.min(fields.len())] {
                at += self.leaves(fty, span).len();
            }
            let n = fields.get(i).map_or(0, |t| self.leaves(t, span).len());
            return x.get(at..at + n).map(<[_]>::to_vec).unwrap_or_default();
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

    pub(super) fn array_descr(&mut self, item: &Type, span: Span) -> Option<ArrayDescr> {
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
            gc: false,
            base: None,
            item: item.clone(),
            ty,
            stride: LayoutExpr::SizeOf(item.clone()),
            size,
            signed,
        })
    }

    pub(super) fn list_field(
        &mut self,
        item: &Type,
        field: &str,
        span: Span,
    ) -> Option<FieldDescr> {
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
    pub(super) fn bounds_check(&mut self, i: &LlValue, len: LlValue) {
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
    pub(super) fn item_access(
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
            Type::GcArray(item) => {
                let mut descr = self.array_descr(&item, span)?;
                descr.gc = true;
                let len = self.gc_array_len(&item, x.clone());
                self.bounds_check(i, len);
                Some((false, x, descr))
            }
            // `s.byte_at(i)`: the string's bytes, an array of `u8` from its
            // `STR_BYTES_OFFSET`.
            Type::GcStr => {
                let mut descr = self.array_descr(&Type::Int(IntTy::U8), span)?;
                descr.gc = true;
                descr.base = Some((
                    "GcStr.bytes".into(),
                    LayoutExpr::Const(repr::STR_BYTES_OFFSET),
                ));
                let len = self.str_len(x.clone());
                self.bounds_check(i, len);
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

    pub(super) fn get_item(
        &mut self,
        ty: &Type,
        x: LlValue,
        i: LlValue,
        span: Span,
    ) -> Vec<LlValue> {
        let Some((raw, base, descr)) = self.item_access(ty, x, &i, span) else {
            return vec![];
        };
        let rty = descr.ty.clone();
        let inline = matches!(
            repr::stored(self.program, &descr.item),
            Ok(Stored::Inline(_))
        );
        if self.is_inline_value(&descr.item) {
            let item = descr.item.clone();
            let p = self.emit(Self::array_substruct(raw, descr), vec![base, i], rty);
            return self.load_inline_value(&item, p, span);
        }
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

    pub(super) fn set_item(&mut self, ty: &Type, x: LlValue, i: LlValue, v: Value, span: Span) {
        let Some((raw, base, descr)) = self.item_access(ty, x, &i, span) else {
            return;
        };
        let vals = self.values(v);
        let vals = self.coerce(vals, &self.ty(v), &descr.item, span);
        if self.is_inline_value(&descr.item) {
            let item = descr.item.clone();
            let rty = descr.ty.clone();
            let p = self.emit(Self::array_substruct(raw, descr), vec![base, i], rty);
            self.store_inline_value(&item, p, &vals, span);
            return;
        }
        if matches!(
            repr::stored(self.program, &descr.item),
            Ok(Stored::Inline(_))
        ) {
            let item = descr.item.clone();
            let rty = descr.ty.clone();
            let dst = self.emit(Self::array_substruct(raw, descr), vec![base, i], rty);
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
    pub(super) fn new_array(&mut self, op: &Op, res_ty: &Type, span: Span) -> Vec<LlValue> {
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
    /// `list.push(v)` (PyPy's `ll_append`): while the list has room, the item is stored
    /// and the length bumped inline, so that the JIT sees two writes it can optimize;
    /// a full list takes `grow`, the residual call of `jitsupport::list::ll_push` that
    /// reallocates and pushes. Items stored inline (structs) always take the call.
    pub(super) fn list_push(
        &mut self,
        item: &Type,
        list: LlValue,
        vals: Vec<LlValue>,
        grow: CallDescr,
        span: Span,
    ) {
        let inline_item = matches!(repr::stored(self.program, item), Ok(Stored::Inline(_)));
        let fields = (
            self.list_field(item, "len", span),
            self.list_field(item, "capacity", span),
            self.list_field(item, "items", span),
        );
        let descr = self.array_descr(item, span);
        let (Some(len_d), Some(cap_d), Some(items_d), Some(descr), [val], false) = (
            fields.0,
            fields.1,
            fields.2,
            descr,
            vals.as_slice(),
            inline_item,
        ) else {
            let mut args = vec![list];
            args.extend(vals);
            self.emit_void(LlOpKind::ResidualCall(grow), args);
            return;
        };
        let usize_t = LlType::Int(IntTy::Usize);
        let len = self.emit(
            LlOpKind::GetfieldI(len_d.clone()),
            vec![list.clone()],
            usize_t.clone(),
        );
        let cap = self.emit(
            LlOpKind::GetfieldI(cap_d),
            vec![list.clone()],
            usize_t.clone(),
        );
        let room = self.emit(LlOpKind::UintLt, vec![len.clone(), cap], LlType::Bool);
        let store_b = self.out.new_block();
        let grow_b = self.out.new_block();
        let join = self.out.new_block();
        self.out.block_mut(self.cur).exit = LlExit::If {
            cond: room,
            then_link: LlLink {
                target: store_b,
                args: vec![],
            },
            else_link: LlLink {
                target: grow_b,
                args: vec![],
            },
        };
        // Room: store the item, then the length (as Vec::push does).
        self.cur = store_b;
        let items = self.emit(
            LlOpKind::GetfieldI(items_d),
            vec![list.clone()],
            LlType::Addr,
        );
        self.emit_void(
            LlOpKind::SetarrayitemRaw(descr),
            vec![items, len.clone(), val.clone()],
        );
        let new_len = self.emit(LlOpKind::IntAdd, vec![len, LlValue::int(1)], usize_t);
        self.emit_void(LlOpKind::Setfield(len_d), vec![list.clone(), new_len]);
        self.out.block_mut(store_b).exit = LlExit::Goto(LlLink {
            target: join,
            args: vec![],
        });
        // Full: grow.
        self.cur = grow_b;
        self.emit_void(LlOpKind::ResidualCall(grow), vec![list, val.clone()]);
        self.out.block_mut(grow_b).exit = LlExit::Goto(LlLink {
            target: join,
            args: vec![],
        });
        self.cur = join;
    }

    /// True for a struct or enum item held inline in a list that is not a value struct:
    /// pushed by copying its memory, popped into a fresh copy.
    pub(super) fn inline_struct_item(&self, item: &Type) -> bool {
        matches!(item, Type::Struct(_) | Type::Enum(_))
            && repr::is_memory_type(self.program, item)
            && !self.program.is_value_type(item)
    }

    /// `list.push(v)` of a value struct: a full list first takes the residual
    /// `jitsupport::list::ll_reserve` (room for one more), then the item's leaves are
    /// stored in place and the length bumped, all inline. A struct or enum in memory is
    /// copied into the item with `memcopy`.
    pub(super) fn list_push_value(
        &mut self,
        item: &Type,
        list: LlValue,
        vals: Vec<LlValue>,
        span: Span,
    ) {
        if !matches!(item, Type::Struct(_) | Type::Enum(_)) {
            return;
        }
        let fields = (
            self.list_field(item, "len", span),
            self.list_field(item, "capacity", span),
            self.list_field(item, "items", span),
        );
        let descr = self.array_descr(item, span);
        let (Some(len_d), Some(cap_d), Some(items_d), Some(descr)) =
            (fields.0, fields.1, fields.2, descr)
        else {
            return;
        };
        let usize_t = LlType::Int(IntTy::Usize);
        let len = self.emit(
            LlOpKind::GetfieldI(len_d.clone()),
            vec![list.clone()],
            usize_t.clone(),
        );
        let cap = self.emit(
            LlOpKind::GetfieldI(cap_d),
            vec![list.clone()],
            usize_t.clone(),
        );
        let room = self.emit(LlOpKind::UintLt, vec![len.clone(), cap], LlType::Bool);
        let grow_b = self.out.new_block();
        let join = self.out.new_block();
        self.out.block_mut(self.cur).exit = LlExit::If {
            cond: room,
            then_link: LlLink {
                target: join,
                args: vec![],
            },
            else_link: LlLink {
                target: grow_b,
                args: vec![],
            },
        };
        self.cur = grow_b;
        let rust = crate::layout::rust_type(item).to_string().replace(' ', "");
        let reserve = CallDescr {
            func: format!("jitsupport::list::ll_reserve::<{rust}>"),
            args: vec![Kind::Ref],
            results: vec![],
            elidable: false,
            loop_invariant: false,
            can_panic: true,
        };
        self.emit_void(LlOpKind::ResidualCall(reserve), vec![list.clone()]);
        self.out.block_mut(grow_b).exit = LlExit::Goto(LlLink {
            target: join,
            args: vec![],
        });
        self.cur = join;
        let items = self.emit(
            LlOpKind::GetfieldI(items_d),
            vec![list.clone()],
            LlType::Addr,
        );
        let rty = descr.ty.clone();
        let p = self.emit(
            LlOpKind::GetarraysubstructRaw(descr),
            vec![items, len.clone()],
            rty,
        );
        if self.is_inline_value(item) {
            self.store_inline_value(item, p, &vals, span);
        } else {
            let size = self.layouts.size_descr(item);
            let mut args = vec![p];
            args.extend(vals);
            self.emit_void(LlOpKind::Memcopy(size), args);
        }
        let new_len = self.emit(LlOpKind::IntAdd, vec![len, LlValue::int(1)], usize_t);
        self.emit_void(LlOpKind::Setfield(len_d), vec![list, new_len]);
    }

    pub(super) fn list_pop(
        &mut self,
        ty: &Type,
        list: LlValue,
        res_ty: &Type,
        span: Span,
    ) -> Vec<LlValue> {
        let Type::List(item) = ty.deref_all().clone() else {
            self.error(span, format!("`pop` on a value of type {ty}"));
            return vec![];
        };
        let Some(descr) = self.array_descr(&item, span) else {
            return vec![];
        };
        let value_item = self.is_inline_value(&item);
        let inline_item = self.inline_struct_item(&item);
        if !value_item
            && !inline_item
            && !self.passable_by_value(&item, span, "popped from a list by the JIT")
        {
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
        let some_vals = if inline_item {
            // The item's memory is the list's to reuse: the result is a fresh copy.
            let p = self.emit(
                LlOpKind::GetarraysubstructRaw(descr),
                vec![items, new_len],
                rty.clone(),
            );
            let size = self.layouts.size_descr(&item);
            let copy = self.emit(LlOpKind::New(size.clone()), vec![], rty);
            self.emit_void(LlOpKind::Memcopy(size), vec![copy.clone(), p]);
            vec![copy]
        } else if value_item {
            let p = self.emit(
                LlOpKind::GetarraysubstructRaw(descr),
                vec![items, new_len],
                rty,
            );
            let mut out = vec![LlValue::int(1)];
            out.extend(self.load_inline_value(&item, p, span));
            out
        } else {
            let kind = match rty.kind() {
                Kind::Int => LlOpKind::GetarrayitemRawI(descr),
                Kind::Ref => LlOpKind::GetarrayitemRawR(descr),
                Kind::Float => LlOpKind::GetarrayitemRawF(descr),
            };
            let item_v = self.emit(kind, vec![items, new_len], rty);
            if nullable {
                vec![item_v]
            } else {
                vec![LlValue::int(1), item_v]
            }
        };
        // Reading a value enum ends `some_b` in a switch: continue where it left off.
        self.out.block_mut(self.cur).exit = LlExit::Goto(LlLink {
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
}
