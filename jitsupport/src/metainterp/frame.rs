//! The tracer's frames and its dispatch: one exhaustive `match` on the jitcode opcode, as
//! the blackhole's, executing each instruction on boxes that carry their current values
//! (PyPy's `MIFrame` in `pyjitpl.py`).
//!
//! Every instruction is executed for real (memory is read and written, residual
//! functions are called) and recorded into the trace unless its result is already known:
//! an op whose arguments are all constants is folded, a read the heap cache knows is not
//! recorded, an elidable call with constant arguments is called now and its result
//! becomes a constant. A branch on a box records the comparison and a guard on the
//! direction taken; `promote` and `switch` record `guard_value`; an overflow check
//! records the `*_ovf` op and `guard_no_overflow` (or `guard_overflow`).
//!
//! Instructions the trace IR has no op for are recorded as calls of helper functions
//! ([`Helper`]). A struct held inline in another (`getsubstruct_gc`) is tracked as the
//! outer object plus an offset, so that its fields are read through the outer object.

use super::descrs::Helper;
use super::{Abort, AbortReason, Tracer};
use crate::blackhole::memory::{
    alloc_gc_object, alloc_object, item_addr, load_bits, load_float, load_int, load_ref,
    store_bits, store_float, store_int, store_ref,
};
use crate::jitcode::{Descr as JDescr, JitCode, Opcode as J, RefConst, MAX_RESULTS};
use jitsupport_trace::{Descr, Kind, Opcode as T, Value};

/// A value the tracer handles: its trace value (a box or a constant) and its current bits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TBox {
    pub v: Value,
    pub c: u64,
}

impl TBox {
    /// A constant of `kind` with these bits.
    pub fn constant(kind: Kind, c: u64) -> TBox {
        TBox {
            v: Value::from_bits(kind, c),
            c,
        }
    }
}

/// One activation of a jitcode in the tracer.
pub struct MIFrame {
    pub jitcode: u32,
    pub jc: &'static JitCode,
    /// The next instruction.
    pub pc: usize,
    /// The last `-live-` executed: where a guard of this frame resumes.
    pub live_pc: usize,
    /// Per kind (`Kind as usize` of the jitcode), the registers then the constants.
    pub regs: [Vec<TBox>; 3],
    pub tmp: [TBox; 3],
    /// The result slots of the last call; `None` after a residual call that was not
    /// folded (a trace cannot read a residual function's extra results).
    pub results: [Option<TBox>; MAX_RESULTS],
    /// The values the last residual call wrote to its result slots: what the blackhole
    /// reads there when an aborted trace goes on in it (`resume::frames_of_tracer`).
    pub result_bits: [u64; MAX_RESULTS],
    /// While a callee runs: the pc of the inline call instruction.
    pub call_pc: usize,
    /// The ref registers registered as a root range: objects the trace being recorded
    /// holds survive the collections its allocations cause.
    _roots: crate::gcroots::RootRange,
}

const INT: usize = 0;
const REF: usize = 1;
const FLOAT: usize = 2;

impl MIFrame {
    /// A frame of `jc` at its start, every register zero.
    pub fn new(jitcode: u32, jc: &'static JitCode) -> MIFrame {
        let zero = |kind: Kind, n: usize| vec![TBox::constant(kind, 0); n];
        let mut ints = zero(Kind::Int, jc.num_regs[INT] as usize);
        ints.extend(
            jc.const_ints
                .iter()
                .map(|c| TBox::constant(Kind::Int, *c as u64)),
        );
        let mut refs = zero(Kind::Ref, jc.num_regs[REF] as usize);
        refs.extend(jc.const_refs.iter().map(|c| {
            let addr = match c {
                RefConst::Addr(a) => *a,
                // The address of the string in the registry, which is static.
                RefConst::Str(s) => s as *const _ as usize,
            };
            TBox::constant(Kind::Ref, addr as u64)
        }));
        let mut floats = zero(Kind::Float, jc.num_regs[FLOAT] as usize);
        floats.extend(
            jc.const_floats
                .iter()
                .map(|c| TBox::constant(Kind::Float, c.to_bits())),
        );
        let roots = crate::gcroots::RootRange::of_slice(&refs);
        MIFrame {
            _roots: roots,
            jitcode,
            jc,
            pc: 0,
            live_pc: 0,
            regs: [ints, refs, floats],
            tmp: [
                TBox::constant(Kind::Int, 0),
                TBox::constant(Kind::Ref, 0),
                TBox::constant(Kind::Float, 0),
            ],
            results: [Some(TBox::constant(Kind::Int, 0)); MAX_RESULTS],
            result_bits: [0; MAX_RESULTS],
            call_pc: 0,
        }
    }
}

/// What one step of the tracer came to.
pub enum Flow {
    /// Go on with the next instruction (of the same frame or of a new callee).
    Next,
    /// The outermost frame reached its `jit_merge_point` (the step went past it): the
    /// driver index, then the greens and the reds per kind.
    MergePoint {
        greens: [Vec<TBox>; 3],
        reds: [Vec<TBox>; 3],
    },
    /// The innermost frame returned this value (`None`: void); it is popped already.
    Return(Option<TBox>),
}

impl Tracer<'_> {
    /// Executes and records one instruction of the innermost frame.
    // The decoding macros always advance `pc`, also past the last operand of a return.
    #[allow(unused_assignments)]
    pub fn step(&mut self) -> Result<Flow, Abort> {
        if self.recorded_ops() > self.jit.params.trace_limit as usize {
            return Err(Abort::new(AbortReason::TooLong));
        }
        let fi = self.frames.len() - 1;
        let jc: &'static JitCode = self.frames[fi].jc;
        let code: &'static [u8] = &jc.code;
        let codes = self.jit.codes;
        let start = self.frames[fi].pc;
        let mut pc = start;
        let Some(opcode) = J::from_byte(code[pc]) else {
            panic!("internal error: bad opcode at offset {pc} of `{}`", jc.name);
        };
        pc += 1;

        macro_rules! byte {
            () => {{
                let b = code[pc];
                pc += 1;
                b as usize
            }};
        }
        macro_rules! two {
            () => {{
                let v = u16::from_le_bytes([code[pc], code[pc + 1]]);
                pc += 2;
                v
            }};
        }
        macro_rules! reg {
            ($k:expr) => {
                self.frames[fi].regs[$k][byte!()]
            };
        }
        macro_rules! i {
            () => {
                reg!(INT)
            };
        }
        macro_rules! r {
            () => {
                reg!(REF)
            };
        }
        macro_rules! f {
            () => {
                reg!(FLOAT)
            };
        }
        macro_rules! set {
            ($k:expr, $v:expr) => {{
                let v: TBox = $v;
                let b = byte!();
                self.frames[fi].regs[$k][b] = v;
            }};
        }
        macro_rules! list {
            ($k:expr) => {{
                let n = byte!();
                let v: Vec<TBox> = code[pc..pc + n]
                    .iter()
                    .map(|b| self.frames[fi].regs[$k][*b as usize])
                    .collect();
                pc += n;
                v
            }};
        }
        // A pure op: folded when every argument is constant.
        macro_rules! pure {
            ($op:expr, [$($a:expr),*], $c:expr) => {{
                let c: u64 = $c;
                self.pure($op, vec![$($a),*], c)
            }};
        }
        macro_rules! int_binop {
            ($op:expr, |$a:ident, $b:ident| $e:expr) => {{
                let (a, b) = (i!(), i!());
                let c = {
                    let ($a, $b) = (a.c as i64, b.c as i64);
                    $e
                };
                set!(INT, pure!($op, [a, b], c as u64))
            }};
        }
        macro_rules! int_unop {
            ($op:expr, |$a:ident| $e:expr) => {{
                let a = i!();
                let c = {
                    let $a = a.c as i64;
                    $e
                };
                set!(INT, pure!($op, [a], c as u64))
            }};
        }
        macro_rules! float_binop {
            ($op:expr, |$a:ident, $b:ident| $e:expr) => {{
                let (a, b) = (f!(), f!());
                let c: f64 = {
                    let ($a, $b) = (f64::from_bits(a.c), f64::from_bits(b.c));
                    $e
                };
                set!(FLOAT, pure!($op, [a, b], c.to_bits()))
            }};
        }
        macro_rules! float_cmp {
            ($op:expr, |$a:ident, $b:ident| $e:expr) => {{
                let (a, b) = (f!(), f!());
                let c: bool = {
                    let ($a, $b) = (f64::from_bits(a.c), f64::from_bits(b.c));
                    $e
                };
                set!(INT, pure!($op, [a, b], c as u64))
            }};
        }
        macro_rules! helper {
            ($h:expr, [$($a:expr),*], $c:expr) => {{
                let c: u64 = $c;
                self.helper($h, vec![$($a),*], c)
            }};
        }
        // A conditional branch: records the condition and a guard on the way taken.
        macro_rules! branch {
            ($get:ident, $op:expr, |$a:ident, $b:ident| $e:expr) => {{
                let (a, b) = ($get!(), $get!());
                let target = two!() as usize;
                let cond: bool = {
                    let ($a, $b) = (a, b);
                    $e
                };
                let test = pure!($op, [a, b], cond as u64);
                self.guard_bool(test, cond)?;
                if !cond {
                    pc = target;
                }
            }};
            ($get:ident, $op:expr, |$a:ident| $e:expr) => {{
                let a = $get!();
                let target = two!() as usize;
                let cond: bool = {
                    let $a = a;
                    $e
                };
                let test = pure!($op, [a], cond as u64);
                self.guard_bool(test, cond)?;
                if !cond {
                    pc = target;
                }
            }};
        }
        macro_rules! ovf {
            ($op:expr, $method:ident) => {{
                let (a, b) = (i!(), i!());
                let target = two!() as usize;
                let result = (a.c as i64).$method(b.c as i64);
                if a.v.is_const() && b.v.is_const() {
                    match result {
                        Some(v) => set!(INT, TBox::constant(Kind::Int, v as u64)),
                        None => pc = target,
                    }
                } else {
                    let (fail_args, resume) = self.snapshot();
                    let boxed = self.record($op, vec![a.v, b.v], None);
                    let guard = if result.is_some() {
                        T::GuardNoOverflow
                    } else {
                        T::GuardOverflow
                    };
                    self.record_guard(guard, vec![], fail_args, resume);
                    match result {
                        Some(v) => set!(
                            INT,
                            TBox {
                                v: Value::Box(boxed),
                                c: v as u64
                            }
                        ),
                        None => pc = target,
                    }
                }
            }};
        }
        macro_rules! uovf {
            ($test:expr, $op:expr, $method:ident, $wrap:ident) => {{
                let (a, b) = (i!(), i!());
                let target = two!() as usize;
                let result = (a.c).$method(b.c);
                let overflows = helper!($test, [a, b], result.is_none() as u64);
                self.guard_bool(overflows, result.is_none())?;
                match result {
                    Some(_) => set!(INT, pure!($op, [a, b], a.c.$wrap(b.c))),
                    None => pc = target,
                }
            }};
        }
        macro_rules! descr {
            () => {{
                let index = two!();
                self.jit.descrs.get(codes, index)
            }};
        }
        macro_rules! field_index {
            () => {{
                let index = two!();
                match &codes.descrs[index as usize] {
                    JDescr::Field(d) => (index, d.offset, d.size, d.signed),
                    other => panic!("internal error: a field access with {other:?}"),
                }
            }};
        }
        macro_rules! array {
            () => {{
                let index = two!();
                let d = match &codes.descrs[index as usize] {
                    JDescr::Array(d) => (d.base, d.item_size, d.signed),
                    other => panic!("internal error: an array access with {other:?}"),
                };
                (self.jit.descrs.get(codes, index), d.0, d.1, d.2)
            }};
        }
        macro_rules! getfield_gc {
            ($k:expr, $op:expr, $load:expr) => {{
                let obj = r!();
                let (index, offset, size, signed) = field_index!();
                let c: u64 = $load(obj.c as usize + offset, size, signed);
                set!($k, self.getfield(obj, index, $op, c))
            }};
        }
        macro_rules! setfield_gc {
            ($get:ident, $store:expr) => {{
                let obj = r!();
                let value = $get!();
                let (index, offset, size, _) = field_index!();
                $store(obj.c as usize + offset, size, value.c);
                self.setfield(obj, index, value);
            }};
        }
        macro_rules! getfield_raw {
            ($k:expr, $op:expr, $load:expr) => {{
                let addr = i!();
                let d = descr!();
                let (offset, size, signed) = match &d {
                    Descr::Field(f) => (f.offset, f.size, f.signed),
                    _ => unreachable_descr(),
                };
                let c: u64 = $load(addr.c as usize + offset, size, signed);
                let b = self.record($op, vec![addr.v], Some(d));
                set!(
                    $k,
                    TBox {
                        v: Value::Box(b),
                        c
                    }
                )
            }};
        }
        macro_rules! setfield_raw {
            ($get:ident, $store:expr) => {{
                let addr = i!();
                let value = $get!();
                let d = descr!();
                let (offset, size) = match &d {
                    Descr::Field(f) => (f.offset, f.size),
                    _ => unreachable_descr(),
                };
                $store(addr.c as usize + offset, size, value.c);
                let value_v = self.force(value);
                self.record(T::SetfieldRaw, vec![addr.v, value_v], Some(d));
            }};
        }
        macro_rules! getitem {
            ($get:ident, $k:expr, $op:expr, $load:expr, $gc:expr) => {{
                let obj = $get!();
                let index = i!();
                let (d, base, item_size, signed) = array!();
                let c: u64 = $load(
                    item_addr(obj.c as usize, base, item_size, index.c as i64),
                    item_size,
                    signed,
                );
                set!($k, self.getitem(obj, index, d, $op, c, $gc))
            }};
        }
        macro_rules! setitem {
            ($get:ident, $vget:ident, $op:expr, $store:expr, $gc:expr) => {{
                let obj = $get!();
                let index = i!();
                let value = $vget!();
                let (d, base, item_size, _) = array!();
                $store(
                    item_addr(obj.c as usize, base, item_size, index.c as i64),
                    item_size,
                    value.c,
                );
                self.setitem(obj, index, value, d, $op, $gc);
            }};
        }
        macro_rules! inline_call {
            ($($k:expr),*) => {{
                let index = two!();
                let callee = match &codes.descrs[index as usize] {
                    JDescr::JitCode(j) => *j,
                    other => panic!("internal error: an inline call with {other:?}"),
                };
                let jc = &codes.jitcodes[callee as usize];
                let mut frame = MIFrame::new(callee, jc);
                let mut all: [Vec<TBox>; 3] = Default::default();
                $( let args = list!($k); frame.regs[$k][..args.len()].copy_from_slice(&args); all[$k] = args; )*
                if self.jit.dont_inline.contains(&callee) {
                    let value = self.call_not_inlined(callee, all, opcode.result_kind())?;
                    self.frames[fi].results = [None; MAX_RESULTS];
                    if let (Some(kind), Some(value)) = (opcode.result_kind(), value) {
                        set!(kind as usize, value);
                    }
                    self.frames[fi].pc = pc;
                    return Ok(Flow::Next);
                }
                if self.frames.len() >= super::MAX_DEPTH {
                    return Err(Abort::new(AbortReason::TooDeep));
                }
                // Skip the result register: the callee's return writes it.
                let _ = pc;
                self.frames[fi].call_pc = start;
                self.frames[fi].pc = start;
                self.frames.push(frame);
                *self.jit.calls_by_jitcode.entry(callee).or_insert(0) += 1;
                return Ok(Flow::Next);
            }};
        }
        macro_rules! residual_call {
            ($k:expr, [$($list:expr),*]) => {{
                let function = i!().c as usize;
                let mut args: [Vec<TBox>; 3] = [Vec::new(), Vec::new(), Vec::new()];
                $( args[$list] = list!($list); )*
                let d = descr!();
                // The interpreter calling itself (the codewriter makes a portal's call of
                // itself residual, through its shim): PyPy's `recursive_call`, recorded
                // as `call_assembler` of the portal's entry keyed by its constant
                // arguments, so recursion is a call in the trace.
                if let Some(portal) = self.jit.recursive_portal(function) {
                    let value = self.call_not_inlined(portal, args, opcode.result_kind())?;
                    self.frames[fi].results = [None; MAX_RESULTS];
                    if let (Some(kind), Some(value)) = (opcode.result_kind(), value) {
                        set!(kind as usize, value);
                    }
                    self.frames[fi].pc = pc;
                    return Ok(Flow::Next);
                }
                let value = self.residual_call(function, args, d)?;
                self.frames[fi].results = [None; MAX_RESULTS];
                self.frames[fi].result_bits = self.last_bits;
                let result_reg = value.map(|_| ($k, code[pc] as usize));
                if let Some(value) = value {
                    if value.v.is_const() {
                        self.frames[fi].results[0] = Some(value);
                    }
                    set!($k, value)
                }
                if let Some(extra) = self.last_results.take() {
                    self.frames[fi].results = extra;
                }
                if let Some(forced) = self.pending_not_forced.take() {
                    // `guard_not_forced` resumes after the call, with its result.
                    self.frames[fi].pc = pc;
                    self.not_forced_guard(result_reg, forced);
                }
            }};
        }
        macro_rules! guard_value {
            ($get:ident, $kind:expr) => {{
                let x = $get!();
                self.promote(x, $kind)?;
            }};
        }

        // Safety (for the memory accesses below): the jitcode is a faithful translation
        // of the interpreter, whose native code performs the same accesses at this point.
        unsafe {
            match opcode {
                // ---- moves ----
                J::IntCopy => set!(INT, i!()),
                J::RefCopy => set!(REF, r!()),
                J::FloatCopy => set!(FLOAT, f!()),
                J::IntPush => self.frames[fi].tmp[INT] = i!(),
                J::RefPush => self.frames[fi].tmp[REF] = r!(),
                J::FloatPush => self.frames[fi].tmp[FLOAT] = f!(),
                J::IntPop => set!(INT, self.frames[fi].tmp[INT]),
                J::RefPop => set!(REF, self.frames[fi].tmp[REF]),
                J::FloatPop => set!(FLOAT, self.frames[fi].tmp[FLOAT]),
                // ---- control flow ----
                J::Live => {
                    self.frames[fi].live_pc = start;
                    pc += 2;
                }
                J::Goto => pc = two!() as usize,
                J::GotoIfNot => {
                    let x = i!();
                    let target = two!() as usize;
                    let cond = x.c != 0;
                    let test = if self.is_bool(x) {
                        x
                    } else {
                        pure!(T::IntIsTrue, [x], cond as u64)
                    };
                    self.guard_bool(test, cond)?;
                    if !cond {
                        pc = target;
                    }
                }
                J::GotoIfNotIntLt => branch!(i, T::IntLt, |a, b| (a.c as i64) < (b.c as i64)),
                J::GotoIfNotIntLe => branch!(i, T::IntLe, |a, b| (a.c as i64) <= (b.c as i64)),
                J::GotoIfNotIntGt => branch!(i, T::IntGt, |a, b| (a.c as i64) > (b.c as i64)),
                J::GotoIfNotIntGe => branch!(i, T::IntGe, |a, b| (a.c as i64) >= (b.c as i64)),
                J::GotoIfNotIntEq => branch!(i, T::IntEq, |a, b| a.c == b.c),
                J::GotoIfNotIntNe => branch!(i, T::IntNe, |a, b| a.c != b.c),
                J::GotoIfNotUintLt => branch!(i, T::UintLt, |a, b| a.c < b.c),
                J::GotoIfNotUintLe => branch!(i, T::UintLe, |a, b| a.c <= b.c),
                J::GotoIfNotUintGt => branch!(i, T::UintGt, |a, b| a.c > b.c),
                J::GotoIfNotUintGe => branch!(i, T::UintGe, |a, b| a.c >= b.c),
                J::GotoIfNotIntIsZero => branch!(i, T::IntIsZero, |a| a.c == 0),
                J::GotoIfNotIntIsTrue => branch!(i, T::IntIsTrue, |a| a.c != 0),
                J::GotoIfNotPtrEq => branch!(r, T::PtrEq, |a, b| a.c == b.c),
                J::GotoIfNotPtrNe => branch!(r, T::PtrNe, |a, b| a.c != b.c),
                J::GotoIfNotPtrNonzero | J::GotoIfNotPtrIszero => {
                    let x = r!();
                    let target = two!() as usize;
                    let nonnull = x.c != 0;
                    if !x.v.is_const() {
                        let v = self.force(x);
                        let guard = if nonnull {
                            T::GuardNonnull
                        } else {
                            T::GuardIsnull
                        };
                        let (fail_args, resume) = self.snapshot();
                        self.record_guard(guard, vec![v], fail_args, resume);
                    }
                    let cond = if opcode == J::GotoIfNotPtrNonzero {
                        nonnull
                    } else {
                        !nonnull
                    };
                    if !cond {
                        pc = target;
                    }
                }
                J::GotoIfNotFloatLt => branch!(f, T::FloatLt, |a, b| fl(a) < fl(b)),
                J::GotoIfNotFloatLe => branch!(f, T::FloatLe, |a, b| fl(a) <= fl(b)),
                J::GotoIfNotFloatGt => branch!(f, T::FloatGt, |a, b| fl(a) > fl(b)),
                J::GotoIfNotFloatGe => branch!(f, T::FloatGe, |a, b| fl(a) >= fl(b)),
                J::GotoIfNotFloatEq => branch!(f, T::FloatEq, |a, b| fl(a) == fl(b)),
                J::GotoIfNotFloatNe => branch!(f, T::FloatNe, |a, b| fl(a) != fl(b)),
                J::Switch => {
                    let x = i!();
                    let table = two!() as usize;
                    self.promote(x, Kind::Int)?;
                    if let Some(target) = jc.switches[table].target(x.c as i64) {
                        pc = target as usize;
                    }
                }
                J::IntReturn => return Ok(self.leave(Some(i!()))),
                J::RefReturn => {
                    let x = r!();
                    let v = self.force(x);
                    return Ok(self.leave(Some(TBox { v, c: x.c })));
                }
                J::FloatReturn => return Ok(self.leave(Some(f!()))),
                J::VoidReturn => return Ok(self.leave(None)),
                J::Panic => {
                    let message = r!().c as usize;
                    // Safety: the operand of `panic` is a string constant of the static
                    // registry (see `RefConst::Str`).
                    let message = &*(message as *const std::borrow::Cow<'static, str>);
                    panic!("{message}");
                }
                // ---- integer arithmetic ----
                J::IntAdd => int_binop!(T::IntAdd, |a, b| a.wrapping_add(b)),
                J::IntSub => int_binop!(T::IntSub, |a, b| a.wrapping_sub(b)),
                J::IntMul => int_binop!(T::IntMul, |a, b| a.wrapping_mul(b)),
                // Division and remainder are not guard points (no `-live-` before them),
                // so they record no guard: by a constant divisor other than 0 and -1 they
                // are the trace ops; else a helper that divides as the jitcode does.
                J::IntFloordiv | J::IntMod | J::UintFloordiv | J::UintMod => {
                    let (a, b) = (i!(), i!());
                    let (ac, bc) = (a.c as i64, b.c as i64);
                    let (c, op, helper) = match opcode {
                        J::IntFloordiv => (
                            ac.wrapping_div(bc) as u64,
                            T::IntFloorDiv,
                            Helper::IntFloordiv,
                        ),
                        J::IntMod => (ac.wrapping_rem(bc) as u64, T::IntMod, Helper::IntMod),
                        J::UintFloordiv => (a.c / b.c, T::UintFloorDiv, Helper::UintFloordiv),
                        _ => (a.c % b.c, T::UintMod, Helper::UintMod),
                    };
                    let plain = b.v.is_const() && bc != 0 && bc != -1;
                    let result = if plain {
                        pure!(op, [a, b], c)
                    } else {
                        helper!(helper, [a, b], c)
                    };
                    set!(INT, result)
                }
                J::IntAnd => int_binop!(T::IntAnd, |a, b| a & b),
                J::IntOr => int_binop!(T::IntOr, |a, b| a | b),
                J::IntXor => int_binop!(T::IntXor, |a, b| a ^ b),
                J::IntLshift | J::IntRshift | J::UintRshift => {
                    let a = i!();
                    let mut b = i!();
                    if !b.v.is_const() && b.c >= 64 {
                        b = pure!(T::IntAnd, [b, TBox::constant(Kind::Int, 63)], b.c & 63);
                    } else if !b.v.is_const() {
                        let masked = pure!(T::IntAnd, [b, TBox::constant(Kind::Int, 63)], b.c);
                        b = masked;
                    }
                    let n = (b.c & 63) as u32;
                    let (c, op) = match opcode {
                        J::IntLshift => (((a.c as i64) << n) as u64, T::IntLshift),
                        J::IntRshift => (((a.c as i64) >> n) as u64, T::IntRshift),
                        _ => (a.c >> n, T::UintRshift),
                    };
                    let b = if b.v.is_const() {
                        TBox::constant(Kind::Int, b.c & 63)
                    } else {
                        b
                    };
                    set!(INT, pure!(op, [a, b], c))
                }
                J::IntSignext => {
                    let a = i!();
                    let n = i!();
                    let c = match n.c {
                        1 => a.c as i8 as i64,
                        2 => a.c as i16 as i64,
                        4 => a.c as i32 as i64,
                        _ => a.c as i64,
                    };
                    // The byte count is a constant in practice; a box goes to a helper
                    // (no guard: this is not a guard point).
                    let result = if n.v.is_const() {
                        pure!(T::IntSignext, [a, n], c as u64)
                    } else {
                        helper!(Helper::IntSignext, [a, n], c as u64)
                    };
                    set!(INT, result)
                }
                J::IntNeg => int_unop!(T::IntNeg, |a| a.wrapping_neg()),
                J::IntInvert => int_unop!(T::IntInvert, |a| !a),
                J::IntAddOvf => ovf!(T::IntAddOvf, checked_add),
                J::IntSubOvf => ovf!(T::IntSubOvf, checked_sub),
                J::IntMulOvf => ovf!(T::IntMulOvf, checked_mul),
                J::UintAddOvf => uovf!(
                    Helper::UintAddOverflows,
                    T::IntAdd,
                    checked_add,
                    wrapping_add
                ),
                J::UintSubOvf => uovf!(
                    Helper::UintSubOverflows,
                    T::IntSub,
                    checked_sub,
                    wrapping_sub
                ),
                J::UintMulOvf => uovf!(
                    Helper::UintMulOverflows,
                    T::IntMul,
                    checked_mul,
                    wrapping_mul
                ),
                J::IntAddOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = (a.c as i64).checked_add(b.c as i64).is_none();
                    set!(INT, helper!(Helper::IntAddOverflows, [a, b], c as u64))
                }
                J::IntSubOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = (a.c as i64).checked_sub(b.c as i64).is_none();
                    set!(INT, helper!(Helper::IntSubOverflows, [a, b], c as u64))
                }
                J::IntMulOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = (a.c as i64).checked_mul(b.c as i64).is_none();
                    set!(INT, helper!(Helper::IntMulOverflows, [a, b], c as u64))
                }
                J::UintAddOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = a.c.checked_add(b.c).is_none();
                    set!(INT, helper!(Helper::UintAddOverflows, [a, b], c as u64))
                }
                J::UintSubOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = a.c.checked_sub(b.c).is_none();
                    set!(INT, helper!(Helper::UintSubOverflows, [a, b], c as u64))
                }
                J::UintMulOverflows => {
                    let (a, b) = (i!(), i!());
                    let c = a.c.checked_mul(b.c).is_none();
                    set!(INT, helper!(Helper::UintMulOverflows, [a, b], c as u64))
                }
                J::IntAbs => {
                    let a = i!();
                    set!(
                        INT,
                        helper!(Helper::IntAbs, [a], (a.c as i64).wrapping_abs() as u64)
                    )
                }
                J::IntMin => {
                    let (a, b) = (i!(), i!());
                    set!(
                        INT,
                        helper!(Helper::IntMin, [a, b], (a.c as i64).min(b.c as i64) as u64)
                    )
                }
                J::IntMax => {
                    let (a, b) = (i!(), i!());
                    set!(
                        INT,
                        helper!(Helper::IntMax, [a, b], (a.c as i64).max(b.c as i64) as u64)
                    )
                }
                J::UintMin => {
                    let (a, b) = (i!(), i!());
                    set!(INT, helper!(Helper::UintMin, [a, b], a.c.min(b.c)))
                }
                J::UintMax => {
                    let (a, b) = (i!(), i!());
                    set!(INT, helper!(Helper::UintMax, [a, b], a.c.max(b.c)))
                }
                // ---- integer comparisons ----
                J::IntLt => int_binop!(T::IntLt, |a, b| (a < b) as i64),
                J::IntLe => int_binop!(T::IntLe, |a, b| (a <= b) as i64),
                J::IntGt => int_binop!(T::IntGt, |a, b| (a > b) as i64),
                J::IntGe => int_binop!(T::IntGe, |a, b| (a >= b) as i64),
                J::IntEq => int_binop!(T::IntEq, |a, b| (a == b) as i64),
                J::IntNe => int_binop!(T::IntNe, |a, b| (a != b) as i64),
                J::UintLt => int_binop!(T::UintLt, |a, b| ((a as u64) < (b as u64)) as i64),
                J::UintLe => int_binop!(T::UintLe, |a, b| ((a as u64) <= (b as u64)) as i64),
                J::UintGt => int_binop!(T::UintGt, |a, b| ((a as u64) > (b as u64)) as i64),
                J::UintGe => int_binop!(T::UintGe, |a, b| ((a as u64) >= (b as u64)) as i64),
                J::IntIsZero => int_unop!(T::IntIsZero, |a| (a == 0) as i64),
                J::IntIsTrue => int_unop!(T::IntIsTrue, |a| (a != 0) as i64),
                J::PtrEq | J::PtrNe => {
                    let (a, b) = (r!(), r!());
                    let (a, b) = (self.forced(a), self.forced(b));
                    let (op, c) = if opcode == J::PtrEq {
                        (T::PtrEq, a.c == b.c)
                    } else {
                        (T::PtrNe, a.c != b.c)
                    };
                    set!(INT, pure!(op, [a, b], c as u64))
                }
                J::PtrNonzero | J::PtrIszero => {
                    let a = r!();
                    let a = self.forced(a);
                    let null = TBox::constant(Kind::Ref, 0);
                    let (op, c) = if opcode == J::PtrNonzero {
                        (T::PtrNe, a.c != 0)
                    } else {
                        (T::PtrEq, a.c == 0)
                    };
                    set!(INT, pure!(op, [a, null], c as u64))
                }
                // ---- floats ----
                J::FloatAdd => float_binop!(T::FloatAdd, |a, b| a + b),
                J::FloatSub => float_binop!(T::FloatSub, |a, b| a - b),
                J::FloatMul => float_binop!(T::FloatMul, |a, b| a * b),
                J::FloatTruediv => float_binop!(T::FloatTrueDiv, |a, b| a / b),
                J::FloatNeg => {
                    let a = f!();
                    set!(FLOAT, pure!(T::FloatNeg, [a], (-fl(a)).to_bits()))
                }
                J::FloatAbs => {
                    let a = f!();
                    set!(FLOAT, pure!(T::FloatAbs, [a], fl(a).abs().to_bits()))
                }
                J::FloatSqrt => {
                    let a = f!();
                    set!(
                        FLOAT,
                        helper!(Helper::FloatSqrt, [a], fl(a).sqrt().to_bits())
                    )
                }
                J::FloatMin => {
                    let (a, b) = (f!(), f!());
                    set!(
                        FLOAT,
                        helper!(Helper::FloatMin, [a, b], fl(a).min(fl(b)).to_bits())
                    )
                }
                J::FloatMax => {
                    let (a, b) = (f!(), f!());
                    set!(
                        FLOAT,
                        helper!(Helper::FloatMax, [a, b], fl(a).max(fl(b)).to_bits())
                    )
                }
                J::FloatLt => float_cmp!(T::FloatLt, |a, b| a < b),
                J::FloatLe => float_cmp!(T::FloatLe, |a, b| a <= b),
                J::FloatGt => float_cmp!(T::FloatGt, |a, b| a > b),
                J::FloatGe => float_cmp!(T::FloatGe, |a, b| a >= b),
                J::FloatEq => float_cmp!(T::FloatEq, |a, b| a == b),
                J::FloatNe => float_cmp!(T::FloatNe, |a, b| a != b),
                J::CastIntToFloat => {
                    let a = i!();
                    set!(
                        FLOAT,
                        pure!(T::CastIntToFloat, [a], (a.c as i64 as f64).to_bits())
                    )
                }
                J::CastUintToFloat => {
                    let a = i!();
                    set!(
                        FLOAT,
                        helper!(Helper::CastUintToFloat, [a], (a.c as f64).to_bits())
                    )
                }
                J::CastFloatToInt => {
                    let a = f!();
                    set!(INT, pure!(T::CastFloatToInt, [a], fl(a) as i64 as u64))
                }
                J::CastFloatToUint => {
                    let a = f!();
                    set!(INT, helper!(Helper::CastFloatToUint, [a], fl(a) as u64))
                }
                // ---- fields ----
                J::GetfieldGcI => {
                    getfield_gc!(INT, T::GetfieldGcI, |a, s, g| load_int(a, s, g) as u64)
                }
                J::GetfieldGcR => getfield_gc!(REF, T::GetfieldGcR, |a, _s, _g| load_ref(a) as u64),
                J::GetfieldGcF => {
                    getfield_gc!(FLOAT, T::GetfieldGcF, |a, s, _g| load_float(a, s).to_bits())
                }
                J::GetfieldRawI => {
                    getfield_raw!(INT, T::GetfieldRawI, |a, s, g| load_int(a, s, g) as u64)
                }
                J::GetfieldRawF => {
                    getfield_raw!(FLOAT, T::GetfieldRawF, |a, s, _g| load_float(a, s)
                        .to_bits())
                }
                J::GetfieldRawR => {
                    let addr = i!();
                    let d = descr!();
                    let offset = match &d {
                        Descr::Field(f) => f.offset,
                        _ => unreachable_descr(),
                    };
                    let c = load_ref(addr.c as usize + offset) as u64;
                    let at = pure!(
                        T::IntAdd,
                        [addr, TBox::constant(Kind::Int, offset as u64)],
                        addr.c.wrapping_add(offset as u64)
                    );
                    let b = self.call(Helper::LoadRef, vec![at.v]);
                    set!(REF, TBox { v: b, c })
                }
                J::SetfieldGcI => setfield_gc!(i, |a, s, v: u64| store_int(a, s, v as i64)),
                J::SetfieldGcR => setfield_gc!(r, |a, _s, v: u64| store_ref(a, v as usize)),
                J::SetfieldGcF => {
                    setfield_gc!(f, |a, s, v: u64| store_float(a, s, f64::from_bits(v)))
                }
                J::SetfieldRawI => setfield_raw!(i, |a, s, v: u64| store_int(a, s, v as i64)),
                J::SetfieldRawR => setfield_raw!(r, |a, _s, v: u64| store_ref(a, v as usize)),
                J::SetfieldRawF => {
                    setfield_raw!(f, |a, s, v: u64| store_float(a, s, f64::from_bits(v)))
                }
                // ---- array items ----
                J::GetarrayitemGcI => getitem!(
                    r,
                    INT,
                    T::GetarrayitemGcI,
                    |a, s, g| load_int(a, s, g) as u64,
                    true
                ),
                J::GetarrayitemGcR => getitem!(
                    r,
                    REF,
                    T::GetarrayitemGcR,
                    |a, _s, _g| load_ref(a) as u64,
                    true
                ),
                J::GetarrayitemGcF => getitem!(
                    r,
                    FLOAT,
                    T::GetarrayitemGcF,
                    |a, s, _g| load_float(a, s).to_bits(),
                    true
                ),
                J::GetarrayitemRawI => getitem!(
                    i,
                    INT,
                    T::GetarrayitemRawI,
                    |a, s, g| load_int(a, s, g) as u64,
                    false
                ),
                J::GetarrayitemRawF => getitem!(
                    i,
                    FLOAT,
                    T::GetarrayitemRawF,
                    |a, s, _g| load_float(a, s).to_bits(),
                    false
                ),
                J::GetarrayitemRawR => {
                    let (addr, index) = (i!(), i!());
                    let (_, base, item_size, _) = array!();
                    let at = self.item_address(addr, index, base, item_size);
                    let c = load_ref(at.c as usize) as u64;
                    let b = self.call(Helper::LoadRef, vec![at.v]);
                    set!(REF, TBox { v: b, c })
                }
                J::SetarrayitemGcI => setitem!(
                    r,
                    i,
                    T::SetarrayitemGc,
                    |a, s, v: u64| store_int(a, s, v as i64),
                    true
                ),
                J::SetarrayitemGcR => setitem!(
                    r,
                    r,
                    T::SetarrayitemGc,
                    |a, _s, v: u64| store_ref(a, v as usize),
                    true
                ),
                J::SetarrayitemGcF => setitem!(
                    r,
                    f,
                    T::SetarrayitemGc,
                    |a, s, v: u64| store_float(a, s, f64::from_bits(v)),
                    true
                ),
                J::SetarrayitemRawI => setitem!(
                    i,
                    i,
                    T::SetarrayitemRaw,
                    |a, s, v: u64| store_int(a, s, v as i64),
                    false
                ),
                J::SetarrayitemRawR => setitem!(
                    i,
                    r,
                    T::SetarrayitemRaw,
                    |a, _s, v: u64| store_ref(a, v as usize),
                    false
                ),
                J::SetarrayitemRawF => setitem!(
                    i,
                    f,
                    T::SetarrayitemRaw,
                    |a, s, v: u64| store_float(a, s, f64::from_bits(v)),
                    false
                ),
                J::GetsubstructGc => {
                    let obj = r!();
                    let (_, offset, _, _) = field_index!();
                    set!(REF, self.derive(obj, offset))
                }
                J::GetarraysubstructGc => {
                    let (obj, index) = (r!(), i!());
                    let (_, base, item_size, _) = array!();
                    if index.v.is_const() {
                        let offset = item_addr(0, base, item_size, index.c as i64);
                        set!(REF, self.derive(obj, offset))
                    } else {
                        let obj = self.forced(obj);
                        let zero = TBox::constant(Kind::Int, 0);
                        let offset = self.item_address(zero, index, base, item_size);
                        let c = obj.c.wrapping_add(offset.c);
                        set!(REF, helper!(Helper::RefAdd, [offset, obj], c))
                    }
                }
                J::GetarraysubstructRaw => {
                    let (addr, index) = (i!(), i!());
                    let (_, base, item_size, _) = array!();
                    let at = self.item_address(addr, index, base, item_size);
                    set!(REF, helper!(Helper::IntToRef, [at], at.c))
                }
                J::New => {
                    let d = descr!();
                    let (c, opcode) = match &d {
                        // A GC object: `new_with_vtable` of its type id (the class).
                        Descr::Size(s) => match s.type_id {
                            Some(type_id) => (alloc_gc_object(type_id), T::NewWithVtable),
                            None => (alloc_object(s.size), T::New),
                        },
                        _ => unreachable_descr(),
                    };
                    let c = c as u64;
                    let class = match (&d, opcode) {
                        (Descr::Size(s), T::NewWithVtable) => s.type_id,
                        _ => None,
                    };
                    let b = self.record(opcode, vec![], Some(d));
                    if let Some(class) = class {
                        self.heap.record_known_class(Value::Box(b), class);
                    }
                    self.heap.new_object(Value::Box(b));
                    set!(
                        REF,
                        TBox {
                            v: Value::Box(b),
                            c
                        }
                    )
                }
                J::GcClassIs | J::GcDowncast => {
                    let x = r!();
                    let d = descr!();
                    let class = match &d {
                        Descr::Size(s) => s.type_id.unwrap_or(0),
                        _ => unreachable_descr(),
                    };
                    // The object's class, from its header; the trace guards it, so
                    // the answer is a constant.
                    let actual = (*(x.c as usize as *const u64) >> 32) as u32;
                    self.guard_class(x, actual)?;
                    // The class or one of its subclasses: a constant once the class is.
                    let is = jitsupport_gc::is_subclass_id(actual, class);
                    if opcode == J::GcClassIs {
                        set!(INT, TBox::constant(Kind::Int, u64::from(is)))
                    } else if is {
                        set!(REF, x)
                    } else {
                        set!(REF, TBox::constant(Kind::Ref, 0))
                    }
                }
                J::Memcopy => {
                    let (dst, src) = (r!(), r!());
                    let d = descr!();
                    let size = match &d {
                        Descr::Size(s) => s.size,
                        _ => unreachable_descr(),
                    };
                    std::ptr::copy(src.c as usize as *const u8, dst.c as usize as *mut u8, size);
                    let (dst, src) = (self.force(dst), self.force(src));
                    self.call(
                        Helper::Memcopy,
                        vec![Value::ConstInt(size as i64), dst, src],
                    );
                    self.heap.clear();
                }
                // ---- calls ----
                J::InlineCallRI | J::InlineCallRR | J::InlineCallRF | J::InlineCallRV => {
                    inline_call!(REF)
                }
                J::InlineCallIrI | J::InlineCallIrR | J::InlineCallIrF | J::InlineCallIrV => {
                    inline_call!(INT, REF)
                }
                J::InlineCallIrfI | J::InlineCallIrfR | J::InlineCallIrfF | J::InlineCallIrfV => {
                    inline_call!(INT, REF, FLOAT)
                }
                J::ResidualCallRI => residual_call!(INT, [REF]),
                J::ResidualCallRR => residual_call!(REF, [REF]),
                J::ResidualCallRF => residual_call!(FLOAT, [REF]),
                J::ResidualCallRV => residual_call!(INT, [REF]),
                J::ResidualCallIrI => residual_call!(INT, [INT, REF]),
                J::ResidualCallIrR => residual_call!(REF, [INT, REF]),
                J::ResidualCallIrF => residual_call!(FLOAT, [INT, REF]),
                J::ResidualCallIrV => residual_call!(INT, [INT, REF]),
                J::ResidualCallIrfI => residual_call!(INT, [INT, REF, FLOAT]),
                J::ResidualCallIrfR => residual_call!(REF, [INT, REF, FLOAT]),
                J::ResidualCallIrfF => residual_call!(FLOAT, [INT, REF, FLOAT]),
                J::ResidualCallIrfV => residual_call!(INT, [INT, REF, FLOAT]),
                // ---- several results ----
                J::IntSetResult | J::RefSetResult | J::FloatSetResult => {
                    let slot = i!().c as usize;
                    let k = match opcode {
                        J::IntSetResult => INT,
                        J::RefSetResult => REF,
                        _ => FLOAT,
                    };
                    let v = reg!(k);
                    self.frames[fi].results[slot] = Some(v);
                }
                J::IntGetResult | J::RefGetResult | J::FloatGetResult => {
                    let slot = i!().c as usize;
                    let k = match opcode {
                        J::IntGetResult => INT,
                        J::RefGetResult => REF,
                        _ => FLOAT,
                    };
                    match self.frames[fi].results[slot] {
                        Some(v) => set!(k, v),
                        None => return Err(Abort::new(AbortReason::SeveralResults)),
                    }
                }
                // ---- JIT hints ----
                J::RecordQuasiimmutField => {
                    let obj = r!();
                    let (index, offset, size, signed) = field_index!();
                    self.record_quasiimmut_field(obj, index, (offset, size, signed));
                }
                J::QuasiimmutWritten => {
                    let obj = r!();
                    let (_, offset, _, _) = field_index!();
                    self.quasiimmut_written(obj, offset);
                }
                // ---- virtualizables (`vable`): executed on memory, recorded on boxes ----
                J::GetfieldVableI | J::GetfieldVableR | J::GetfieldVableF => {
                    let obj = r!();
                    let (index, offset, size, signed) = field_index!();
                    let (k, kind) = vable_kind(opcode);
                    let c = load_bits(obj.c as usize + offset, size, signed, kind);
                    set!(k, self.vable_getfield(obj, index, kind, c)?)
                }
                J::SetfieldVableI | J::SetfieldVableR | J::SetfieldVableF => {
                    let obj = r!();
                    let (k, kind) = vable_kind(opcode);
                    let value = reg!(k);
                    let (index, offset, size, _) = field_index!();
                    store_bits(obj.c as usize + offset, size, kind, value.c);
                    self.vable_setfield(obj, index, value)?;
                }
                J::GetarrayitemVableI | J::GetarrayitemVableR | J::GetarrayitemVableF => {
                    let (obj, index) = (r!(), i!());
                    let (f, a) = (two!(), two!());
                    let (k, kind) = vable_kind(opcode);
                    let (at, item_size, signed) = vable_item_addr(codes, obj.c, index.c, f, a);
                    let c = load_bits(at, item_size, signed, kind);
                    set!(k, self.vable_getitem(obj, index, (f, a), kind, c)?)
                }
                J::SetarrayitemVableI | J::SetarrayitemVableR | J::SetarrayitemVableF => {
                    let (obj, index) = (r!(), i!());
                    let (k, kind) = vable_kind(opcode);
                    let value = reg!(k);
                    let (f, a) = (two!(), two!());
                    let (at, item_size, _) = vable_item_addr(codes, obj.c, index.c, f, a);
                    store_bits(at, item_size, kind, value.c);
                    self.vable_setitem(obj, index, value, (f, a))?;
                }
                J::ArraylenVable => {
                    let obj = r!();
                    let (f, a) = (two!(), two!());
                    let offset = match &codes.descrs[f as usize] {
                        JDescr::Field(d) => d.offset,
                        other => panic!("internal error: arraylen_vable with {other:?}"),
                    };
                    let array = load_ref(obj.c as usize + offset);
                    let c = load_int(array + crate::gc::ARRAY_LENGTH_OFFSET, 8, false) as u64;
                    set!(INT, self.vable_arraylen(obj, (f, a), c)?)
                }
                J::GetarraysubstructVable => {
                    let (obj, index) = (r!(), i!());
                    let (f, a) = (two!(), two!());
                    let (at, _, _) = vable_item_addr(codes, obj.c, index.c, f, a);
                    set!(REF, self.vable_item_address(obj, index, (f, a), at as u64)?)
                }
                J::GetinteriorVableI | J::GetinteriorVableR | J::GetinteriorVableF => {
                    let item = r!();
                    let (index, offset, size, signed) = field_index!();
                    let (k, kind) = vable_kind(opcode);
                    let c = load_bits(item.c as usize + offset, size, signed, kind);
                    set!(k, self.vable_getleaf(item, index, kind, c))
                }
                J::SetinteriorVableI | J::SetinteriorVableR | J::SetinteriorVableF => {
                    let item = r!();
                    let (k, kind) = vable_kind(opcode);
                    let value = reg!(k);
                    let (index, offset, size, _) = field_index!();
                    store_bits(item.c as usize + offset, size, kind, value.c);
                    self.vable_setleaf(item, index, value);
                }
                J::VableField | J::VableBase => pc += 3,
                J::VableLeaf => pc += 4,
                J::VableArray => pc += 5,
                J::IntGuardValue => guard_value!(i, Kind::Int),
                J::RefGuardValue => guard_value!(r, Kind::Ref),
                J::FloatGuardValue => guard_value!(f, Kind::Float),
                J::JitMergePoint if fi == 0 => {
                    pc += 1;
                    let greens = [list!(INT), list!(REF), list!(FLOAT)];
                    let reds = [list!(INT), list!(REF), list!(FLOAT)];
                    self.frames[fi].pc = pc;
                    return Ok(Flow::MergePoint { greens, reds });
                }
                J::JitMergePoint | J::CanEnterJit => {
                    // The portal's `can_enter_jit`: the next merge point is a loop header.
                    if opcode == J::CanEnterJit && fi == 0 {
                        self.loop_header_seen = true;
                    }
                    pc += 1;
                    for _ in 0..6 {
                        let n = byte!();
                        pc += n;
                    }
                }
                J::LoopHeader => {
                    if fi == 0 {
                        self.loop_header_seen = true;
                    }
                    pc += 1
                }
            }
        }
        self.frames[fi].pc = pc;
        Ok(Flow::Next)
    }
}

/// The register kind and value kind of a vable op.
fn vable_kind(opcode: J) -> (usize, Kind) {
    match opcode {
        J::GetfieldVableI
        | J::SetfieldVableI
        | J::GetarrayitemVableI
        | J::SetarrayitemVableI
        | J::GetinteriorVableI
        | J::SetinteriorVableI => (INT, Kind::Int),
        J::GetfieldVableR
        | J::SetfieldVableR
        | J::GetarrayitemVableR
        | J::SetarrayitemVableR
        | J::GetinteriorVableR
        | J::SetinteriorVableR => (REF, Kind::Ref),
        _ => (FLOAT, Kind::Float),
    }
}

/// The address of item `index` of the array field `f` (items `a`) of the frame `obj`,
/// with the item's size and signedness.
///
/// # Safety
/// `obj` is a live frame whose field `f` holds a live array.
unsafe fn vable_item_addr(
    codes: &crate::jitcode::JitCodes,
    obj: u64,
    index: u64,
    f: u16,
    a: u16,
) -> (usize, u8, bool) {
    let offset = match &codes.descrs[f as usize] {
        JDescr::Field(d) => d.offset,
        other => panic!("internal error: a vable item access with {other:?}"),
    };
    let JDescr::Array(d) = &codes.descrs[a as usize] else {
        panic!("internal error: a vable item access without an array descr");
    };
    let array = load_ref(obj as usize + offset);
    (
        item_addr(array, d.base, d.item_size, index as i64),
        d.item_size,
        d.signed,
    )
}

fn fl(x: TBox) -> f64 {
    f64::from_bits(x.c)
}

fn unreachable_descr() -> ! {
    panic!("internal error: a jitcode instruction with a descr of the wrong sort")
}
