//! Recording: how the tracer's instructions become trace ops, with constant folding, the
//! heap cache, guards with their resume snapshots, and residual calls.

use super::descrs::Helper;
use super::frame::{Flow, TBox};
use super::resume::{SnapFrame, Tagged};
use super::{Abort, AbortReason, Tracer};
use crate::blackhole::memory::{load_float, load_int, load_ref};
use crate::jitcode::{decode, MAX_RESULTS};
use jitsupport_trace::descr::CallDescr;
use jitsupport_trace::{BoxId, Descr, GuardDescr, Kind, Op, Opcode as T, Value};
use std::collections::HashMap;
use std::rc::Rc;

impl Tracer<'_> {
    /// Appends an op; returns its result box (a dummy for ops without one).
    pub fn record(&mut self, opcode: T, args: Vec<Value>, descr: Option<Descr>) -> BoxId {
        let result = opcode.result().map(|k| self.trace.new_box(k));
        let mut op = Op::new(opcode, args, result);
        op.descr = descr;
        self.trace.push_op(op);
        if let Some(frame) = self.frames.last() {
            *self.ops_by_jitcode.entry(frame.jitcode).or_insert(0) += 1;
        }
        result.unwrap_or(BoxId::new(0, Kind::Int))
    }

    /// A pure op with current result `c`: a constant when every argument is one.
    pub fn pure(&mut self, opcode: T, args: Vec<TBox>, c: u64) -> TBox {
        let kind = opcode.result().unwrap_or(Kind::Int);
        if args.iter().all(|a| a.v.is_const()) {
            return TBox::constant(kind, c);
        }
        let values = args.iter().map(|a| a.v).collect();
        let b = self.record(opcode, values, None);
        if opcode.is_comparison() {
            self.bools.insert(b);
        }
        TBox {
            v: Value::Box(b),
            c,
        }
    }

    /// A helper call with current result `c`, folded when every argument is constant.
    pub fn helper(&mut self, helper: Helper, args: Vec<TBox>, c: u64) -> TBox {
        let kind = helper.signature().1.unwrap_or(Kind::Int);
        if args.iter().all(|a| a.v.is_const()) {
            return TBox::constant(kind, c);
        }
        let values = args.iter().map(|a| a.v).collect();
        TBox {
            v: self.call(helper, values),
            c,
        }
    }

    /// Records a call of a helper (`call_pure_*`, or `call_*` for memory helpers).
    pub fn call(&mut self, helper: Helper, args: Vec<Value>) -> Value {
        let descr = self.jit.descrs.helper(helper);
        let result = descr.result;
        let opcode = if descr.effect.elidable {
            T::CallPureI.with_result(result)
        } else {
            T::CallI.with_result(result)
        }
        .unwrap_or(T::CallN);
        let mut all = vec![helper.address()];
        all.extend(args);
        let b = self.record(opcode, all, Some(Descr::Call(descr)));
        if result.is_some() {
            Value::Box(b)
        } else {
            Value::ConstInt(0)
        }
    }

    /// Records the `guard_not_forced` after a `call_may_force` (the innermost frame at
    /// the instruction after the call, its result in `result`: register bank and
    /// number); if the callee forced the frame while tracing, the frame's values are
    /// read again (the callee may have written it; compiled code fails the guard then).
    pub fn not_forced_guard(&mut self, result: Option<(usize, usize)>, forced: bool) {
        let (fail_args, resume) = self.snapshot_at(Some(result));
        self.record_guard(T::GuardNotForced, Vec::new(), fail_args, resume);
        if forced {
            self.vable_reread();
        }
    }

    /// Takes a snapshot of every frame's live registers for a guard: the fail args and
    /// the index of the resume data.
    pub fn snapshot(&mut self) -> (Vec<Value>, u32) {
        self.snapshot_at(None)
    }

    /// [`Tracer::snapshot`]; with `after_call`, the innermost frame resumes at its `pc`
    /// (right after a residual call) instead of its `-live-`, with the registers live
    /// there and the call's result register, if any.
    fn snapshot_at(&mut self, after_call: Option<Option<(usize, usize)>>) -> (Vec<Value>, u32) {
        let mut fail_args: Vec<Value> = Vec::new();
        let mut positions: HashMap<BoxId, u32> = HashMap::new();
        let mut frames = Vec::with_capacity(self.frames.len());
        let last = self.frames.len() - 1;
        for (depth, f) in self.frames.iter().enumerate() {
            let (pc, live_at) = if depth == last {
                match after_call {
                    Some(_) => (f.pc, f.live_pc),
                    None => (f.live_pc, f.live_pc),
                }
            } else {
                match decode(&f.jc.code, f.call_pc) {
                    Ok(insn) => (f.call_pc, insn.next),
                    Err(e) => panic!("internal error: {e}"),
                }
            };
            let Some(liveness) = f.jc.liveness_at(live_at) else {
                panic!(
                    "internal error: no `-live-` at offset {live_at} of `{}` for a guard",
                    f.jc.name
                );
            };
            let mut regs: [Vec<(u8, Tagged)>; 3] = Default::default();
            let extra = match after_call {
                Some(Some((k, r))) if depth == last => Some((k, r as u8)),
                _ => None,
            };
            for (k, kind) in crate::jitcode::Kind::ALL.iter().enumerate() {
                let mut live: Vec<u8> = liveness.of(*kind).to_vec();
                if let Some((_, r)) = extra.filter(|&(ek, r)| ek == k && !live.contains(&r)) {
                    live.push(r);
                }
                for &r in &live {
                    let tbox = f.regs[k][r as usize];
                    let handle = match (&self.vable, tbox.v) {
                        (Some(v), Value::Box(b)) => v.handles.get(&b).copied(),
                        _ => None,
                    };
                    let tagged = match tbox.v {
                        _ if handle.is_some() => {
                            let h = handle.unwrap_or_else(|| unreachable!());
                            Tagged::VableItem(h.array as u16, h.index as u32)
                        }
                        Value::Box(b) => {
                            Tagged::FailArg(*positions.entry(b).or_insert_with(|| {
                                fail_args.push(Value::Box(b));
                                (fail_args.len() - 1) as u32
                            }))
                        }
                        c => Tagged::Const(c.const_bits().unwrap_or(0)),
                    };
                    regs[k].push((r, tagged));
                }
            }
            frames.push(SnapFrame {
                jitcode: f.jitcode,
                pc,
                regs,
            });
        }
        let mut tagged = |v: Value| match v {
            Value::Box(b) => Tagged::FailArg(*positions.entry(b).or_insert_with(|| {
                fail_args.push(Value::Box(b));
                (fail_args.len() - 1) as u32
            })),
            c => Tagged::Const(c.const_bits().unwrap_or(0)),
        };
        let vable = self.vable.as_ref().map(|v| super::vable::VableResume {
            layout: v.layout.clone(),
            shape: v.shape.clone(),
            obj: tagged(v.obj.v),
            values: v.boxes.iter().map(|b| tagged(b.v)).collect(),
        });
        let index = self
            .jit
            .resumes
            .add(super::resume::ResumeData { frames, vable });
        (fail_args, index)
    }

    /// Appends a guard with its resume data.
    pub fn record_guard(
        &mut self,
        opcode: T,
        args: Vec<Value>,
        fail_args: Vec<Value>,
        resume: u32,
    ) {
        let number = self.jit.next_guard;
        self.jit.next_guard += 1;
        let descr = Rc::new(GuardDescr::new(number, resume));
        let op = Op::new(opcode, args, None)
            .with_descr(Descr::Guard(descr))
            .with_fail_args(fail_args);
        self.trace.push_op(op);
        if let Some(frame) = self.frames.last() {
            *self.ops_by_jitcode.entry(frame.jitcode).or_insert(0) += 1;
        }
    }

    /// Guards that the int `test` (a comparison or a box) is `cond`.
    pub fn guard_bool(&mut self, test: TBox, cond: bool) -> Result<(), Abort> {
        if test.v.is_const() {
            return Ok(());
        }
        let (fail_args, resume) = self.snapshot();
        let opcode = if cond { T::GuardTrue } else { T::GuardFalse };
        self.record_guard(opcode, vec![test.v], fail_args, resume);
        Ok(())
    }

    /// `promote`: guards that `x` has its current value, which becomes a constant in
    /// every register of every frame that holds it.
    pub fn promote(&mut self, x: TBox, kind: Kind) -> Result<(), Abort> {
        if x.v.is_const() {
            return Ok(());
        }
        let x = self.forced(x);
        let constant = TBox::constant(kind, x.c);
        let (fail_args, resume) = self.snapshot();
        self.record_guard(T::GuardValue, vec![x.v, constant.v], fail_args, resume);
        for f in &mut self.frames {
            for bank in &mut f.regs {
                for slot in bank.iter_mut() {
                    if slot.v == x.v {
                        *slot = constant;
                    }
                }
            }
        }
        Ok(())
    }

    /// Guards that the GC object `x` is of `class` (its header's type id), unless the
    /// trace knows it already; then the class is known (PyPy's `guard_class` and
    /// `record_known_class`).
    pub fn guard_class(&mut self, x: TBox, class: u32) -> Result<(), Abort> {
        if x.v.is_const() {
            return Ok(());
        }
        let x = self.forced(x);
        if self.heap.class(x.v) == Some(class) {
            return Ok(());
        }
        let (fail_args, resume) = self.snapshot();
        let class_const = Value::ConstInt(i64::from(class));
        self.record_guard(T::GuardClass, vec![x.v, class_const], fail_args, resume);
        self.heap.record_known_class(x.v, class);
        Ok(())
    }

    /// The int box is known to be 0 or 1.
    pub fn is_bool(&self, x: TBox) -> bool {
        matches!(x.v, Value::Box(b) if self.bools.contains(&b))
    }

    /// A ref that points into another object (`derive`) as a value of its own.
    pub fn force(&mut self, x: TBox) -> Value {
        self.forced(x).v
    }

    /// `x`, with a derived ref replaced by a box that holds its address.
    pub fn forced(&mut self, x: TBox) -> TBox {
        x
    }

    /// The address `offset` bytes into the object `obj` (a struct held inline).
    pub fn derive(&mut self, obj: TBox, offset: usize) -> TBox {
        let (base, base_offset) = self.base_of(obj);
        let total = base_offset + offset;
        let c = obj.c.wrapping_add(offset as u64);
        if total == 0 {
            return TBox { v: base, c };
        }
        if base.is_const() {
            return TBox::constant(Kind::Ref, c);
        }
        let v = self.call(Helper::RefAdd, vec![Value::ConstInt(total as i64), base]);
        if let Value::Box(b) = v {
            self.derived.insert(b, (base, total));
        }
        TBox { v, c }
    }

    /// The object a ref points into and the offset: itself at 0 unless derived.
    pub(super) fn base_of(&self, x: TBox) -> (Value, usize) {
        match x.v {
            Value::Box(b) => match self.derived.get(&b) {
                Some(&(base, offset)) => (base, offset),
                None => (x.v, 0),
            },
            v => (v, 0),
        }
    }

    /// Reads field `index` of `obj` (whose current value is `c`), through the heap cache.
    pub fn getfield(&mut self, obj: TBox, index: u16, opcode: T, c: u64) -> TBox {
        let (base, offset) = self.base_of(obj);
        let codes = self.jit.codes;
        let descr = self.jit.descrs.shifted_field(codes, index, offset);
        let kind = opcode.result().unwrap_or(Kind::Int);
        if descr.immutable && base.is_const() {
            return TBox::constant(kind, c);
        }
        if self.quasi_fold.take() == Some((obj.v, index)) {
            // The read `record_quasiimmut_field` announced: its current value, under the
            // guard_not_invalidated recorded there.
            return TBox::constant(kind, c);
        }
        if let Some(v) = self.heap.field(base, &descr) {
            return TBox { v, c };
        }
        let b = self.record(opcode, vec![base], Some(Descr::Field(descr.clone())));
        self.heap.set_field(base, &descr, Value::Box(b), false);
        TBox {
            v: Value::Box(b),
            c,
        }
    }

    /// `record_quasiimmut_field`: a read of the quasi-immutable field `index` of `obj`
    /// (at `offset` from it, `size` bytes) follows. On a constant object, records the
    /// `quasiimmut_field` marker and a `guard_not_invalidated` that resumes here (the
    /// blackhole then reads the field again), notes the field's address and value as a
    /// dependency of the trace, and lets the read fold ([`Tracer::getfield`]).
    pub fn record_quasiimmut_field(
        &mut self,
        obj: TBox,
        index: u16,
        (offset, size, signed): (usize, u8, bool),
    ) {
        self.quasi_fold = None;
        let (base, base_offset) = self.base_of(obj);
        if !base.is_const() || obj.c == 0 {
            return;
        }
        let codes = self.jit.codes;
        let descr = self.jit.descrs.shifted_field(codes, index, base_offset);
        let addr = obj.c as usize + offset;
        let kind = descr.kind;
        // Safety: the object is live (the interpreter reads this field next).
        let value = unsafe {
            match kind {
                Kind::Int => load_int(addr, size, signed) as u64,
                Kind::Ref => load_ref(addr) as u64,
                Kind::Float => load_float(addr, size).to_bits(),
            }
        };
        self.record(T::QuasiimmutField, vec![base], Some(Descr::Field(descr)));
        let (fail_args, resume) = self.snapshot();
        self.record_guard(T::GuardNotInvalidated, Vec::new(), fail_args, resume);
        self.jit.quasi_deps.push(super::QuasiDep {
            addr,
            size,
            signed,
            kind,
            value,
        });
        self.quasi_fold = Some((obj.v, index));
    }

    /// `quasiimmut_written`: the quasi-immutable field `index` of `obj` (at `offset`) was
    /// just written. Invalidates the code that folded it now, as the interpreter would,
    /// and records the call that does so in compiled code.
    pub fn quasiimmut_written(&mut self, obj: TBox, offset: usize) {
        super::quasi::invalidate(obj.c as usize + offset);
        let obj = self.force(obj);
        self.call(
            Helper::QuasiimmutInvalidate,
            vec![Value::ConstInt(offset as i64), obj],
        );
    }

    /// Writes field `index` of `obj`.
    pub fn setfield(&mut self, obj: TBox, index: u16, value: TBox) {
        let (base, offset) = self.base_of(obj);
        let codes = self.jit.codes;
        let descr = self.jit.descrs.shifted_field(codes, index, offset);
        if self.heap.field(base, &descr) == Some(value.v) {
            return;
        }
        let v = self.force(value);
        self.record(
            T::SetfieldGc,
            vec![base, v],
            Some(Descr::Field(descr.clone())),
        );
        self.heap.set_field(base, &descr, v, true);
    }

    /// Reads an item, through the heap cache for GC arrays.
    pub fn getitem(
        &mut self,
        obj: TBox,
        index: TBox,
        descr: Descr,
        opcode: T,
        c: u64,
        gc: bool,
    ) -> TBox {
        let array = self.force(obj);
        // An item of an immutable array (an `#[immutable]` list's, a string's byte) at
        // a constant index of a constant array is a constant.
        if let Descr::Array(d) = &descr {
            if d.immutable && array.is_const() && index.v.is_const() {
                return TBox::constant(opcode.result().unwrap_or(Kind::Int), c);
            }
        }
        if gc {
            if let Descr::Array(d) = &descr {
                if let Some(v) = self.heap.item(array, index.v, d) {
                    return TBox { v, c };
                }
            }
        }
        let b = self.record(opcode, vec![array, index.v], Some(descr.clone()));
        if let (true, Descr::Array(d)) = (gc, &descr) {
            self.heap.set_item(array, index.v, d, Value::Box(b), false);
        }
        TBox {
            v: Value::Box(b),
            c,
        }
    }

    /// Writes an item.
    pub fn setitem(
        &mut self,
        obj: TBox,
        index: TBox,
        value: TBox,
        descr: Descr,
        opcode: T,
        gc: bool,
    ) {
        let array = self.force(obj);
        let v = self.force(value);
        if let (true, Descr::Array(d)) = (gc, &descr) {
            if self.heap.item(array, index.v, d) == Some(v) {
                return;
            }
        }
        self.record(opcode, vec![array, index.v, v], Some(descr.clone()));
        if let (true, Descr::Array(d)) = (gc, &descr) {
            self.heap.set_item(array, index.v, d, v, true);
        }
    }

    /// `addr + base + index * item_size` as an int.
    pub fn item_address(&mut self, addr: TBox, index: TBox, base: usize, item_size: u8) -> TBox {
        let int = |c: u64| TBox::constant(Kind::Int, c);
        let scaled = self.pure(
            T::IntMul,
            vec![index, int(item_size as u64)],
            index.c.wrapping_mul(item_size as u64),
        );
        let offset = self.pure(
            T::IntAdd,
            vec![scaled, int(base as u64)],
            scaled.c.wrapping_add(base as u64),
        );
        self.pure(T::IntAdd, vec![addr, offset], addr.c.wrapping_add(offset.c))
    }

    /// A residual call of function `function` with the arguments per kind: called now,
    /// and recorded unless elidable with constant arguments. The result, if any.
    pub fn residual_call(
        &mut self,
        function: usize,
        args: [Vec<TBox>; 3],
        descr: Descr,
    ) -> Result<Option<TBox>, Abort> {
        let codes = self.jit.codes;
        let Some(shim) = codes.functions.get(function).and_then(|f| f.shim) else {
            return Err(Abort::new(AbortReason::NoShim));
        };
        let Descr::Call(call) = &descr else {
            panic!("internal error: a residual call without a call descr");
        };
        // A GC frame stays in boxes across the call, which may force it
        // (`call_may_force`); any other frame in memory is made right for a callee that
        // may read it (virtualizables).
        let may_force = self.vable_may_force(&call.effect);
        if !call.effect.elidable && !may_force {
            self.vable_write_back()?;
        }
        let ints: Vec<i64> = args[0].iter().map(|a| a.c as i64).collect();
        let refs: Vec<usize> = args[1].iter().map(|a| a.c as usize).collect();
        let floats: Vec<f64> = args[2].iter().map(|a| f64::from_bits(a.c)).collect();
        let mut results = [0u64; MAX_RESULTS];
        // Safety: the shim takes its function's arguments per kind, as the jitcode
        // instruction gives them (the registry's contract); it writes at most
        // `MAX_RESULTS` results.
        let mut run = || unsafe {
            shim(
                ints.as_ptr(),
                refs.as_ptr(),
                floats.as_ptr(),
                results.as_mut_ptr(),
            )
        };
        let forced = if may_force {
            self.vable_call_traced(run)
        } else {
            run();
            false
        };
        self.last_bits = results;
        let result_kind = call.result;
        let all_const = args.iter().flatten().all(|a| a.v.is_const());
        let effect = &call.effect;
        if effect.elidable && all_const {
            let mut slots = [None; MAX_RESULTS];
            for (slot, bits) in slots.iter_mut().zip(results) {
                *slot = Some(TBox::constant(result_kind.unwrap_or(Kind::Int), bits));
            }
            self.last_results = Some(slots);
            return Ok(result_kind.map(|k| TBox::constant(k, results[0])));
        }
        let family = if effect.elidable {
            T::CallPureI
        } else if effect.loop_invariant {
            T::CallLoopinvariantI
        } else {
            T::CallI
        };
        let opcode = family.with_result(result_kind).unwrap_or(T::CallN);
        let mut values = vec![Value::ConstInt(shim as usize as i64)];
        for a in args.iter().flatten() {
            let v = self.force(*a);
            values.push(v);
        }
        let b = if may_force {
            let per_kind = [0, 1, 2].map(|k| {
                values[1..]
                    .iter()
                    .copied()
                    .filter(|v| v.kind() as usize == k)
                    .collect::<Vec<_>>()
            });
            let values = self.vable_call_args(shim as usize, &per_kind);
            let opcode = T::CallMayForceI
                .with_result(result_kind)
                .unwrap_or(T::CallMayForceN);
            let descr = Descr::Call(Rc::new(CallDescr {
                name: format!("pyrite::vable_call({})", call.name),
                arg_kinds: values[1..].iter().map(|v| v.kind()).collect(),
                result: call.result,
                effect: call.effect.clone(),
            }));
            self.record(opcode, values, Some(descr))
        } else {
            self.record(opcode, values, Some(descr.clone()))
        };
        if !effect.elidable {
            self.heap.call(call);
            if may_force {
                // Its guard_not_forced follows once the result is in its register.
                self.pending_not_forced = Some(forced);
            } else if self.vable_may_write(effect) {
                self.vable_reread();
            }
        }
        Ok(result_kind.map(|_| TBox {
            v: Value::Box(b),
            c: results[0],
        }))
    }

    /// The innermost frame returns `value`: pops it and hands the value to its caller.
    pub fn leave(&mut self, value: Option<TBox>) -> Flow {
        let callee = match self.frames.pop() {
            Some(f) => f,
            None => panic!("internal error: a return without a frame"),
        };
        let Some(caller) = self.frames.last_mut() else {
            return Flow::Return(value);
        };
        let insn = match decode(&caller.jc.code, caller.call_pc) {
            Ok(insn) => insn,
            Err(e) => panic!("internal error: {e}"),
        };
        if let (Some(crate::jitcode::Operand::Result(kind, reg)), Some(v)) =
            (insn.operands.last(), value)
        {
            caller.regs[*kind as usize][*reg as usize] = v;
        }
        caller.results = callee.results;
        caller.pc = insn.next;
        Flow::Next
    }
}
