//! The dispatch loop of the blackhole interpreter: one exhaustive `match` on the opcode.
//!
//! Operands are decoded inline with the macros below. An `i`, `r` or `f` operand byte
//! indexes the frame's array of that kind directly, since the constants follow the
//! registers there.

use super::memory::{
    alloc_gc_object, alloc_object, item_addr, load_float, load_int, load_ref, store_float,
    store_int, store_ref,
};
use super::{Args, Blackhole, Exit, Frame, Stop, Value};
use crate::jitcode::{ArrayDescr, Descr, FieldDescr, Opcode, MAX_RESULTS};
use std::borrow::Cow;

/// How many arguments of a kind a residual call passes without allocating.
const SMALL_ARGS: usize = 16;

impl<'a> Blackhole<'a> {
    /// Runs `frame` from byte offset `pc` until it returns, or reaches the instruction
    /// `stop` names (a `jit_merge_point` or a `can_enter_jit`).
    ///
    /// # Safety
    /// See [`Blackhole::call`].
    // The decoding macros always advance `pc`, also past the last operand of a return.
    #[allow(unused_assignments)]
    pub(crate) unsafe fn run(&self, frame: &mut Frame<'a>, mut pc: usize, stop: Stop) -> Exit {
        let jc = frame.jitcode;
        let code: &[u8] = &jc.code;
        let descrs: &[Descr] = &self.codes.descrs;

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
                v as usize
            }};
        }
        macro_rules! i {
            () => {
                frame.ints[byte!()]
            };
        }
        macro_rules! r {
            () => {
                frame.refs[byte!()]
            };
        }
        macro_rules! f {
            () => {
                frame.floats[byte!()]
            };
        }
        macro_rules! set_i {
            ($v:expr) => {{
                let v: i64 = $v;
                frame.ints[byte!()] = v;
            }};
        }
        macro_rules! set_r {
            ($v:expr) => {{
                let v: usize = $v;
                frame.refs[byte!()] = v;
            }};
        }
        macro_rules! set_f {
            ($v:expr) => {{
                let v: f64 = $v;
                frame.floats[byte!()] = v;
            }};
        }
        macro_rules! int_binop {
            (|$a:ident, $b:ident| $e:expr) => {{
                let $a = i!();
                let $b = i!();
                set_i!($e)
            }};
        }
        macro_rules! int_cmp {
            (|$a:ident, $b:ident| $e:expr) => {{
                let $a = i!();
                let $b = i!();
                set_i!(($e) as i64)
            }};
        }
        macro_rules! float_binop {
            (|$a:ident, $b:ident| $e:expr) => {{
                let $a = f!();
                let $b = f!();
                set_f!($e)
            }};
        }
        macro_rules! float_cmp {
            (|$a:ident, $b:ident| $e:expr) => {{
                let $a = f!();
                let $b = f!();
                set_i!(($e) as i64)
            }};
        }
        // `goto_if_not_*`: the operands, then the label; jumps when the condition is false.
        macro_rules! branch_not {
            ($get:ident, |$a:ident, $b:ident| $e:expr) => {{
                let $a = $get!();
                let $b = $get!();
                let target = two!();
                let condition: bool = $e;
                if !condition {
                    pc = target;
                }
            }};
            ($get:ident, |$a:ident| $e:expr) => {{
                let $a = $get!();
                let target = two!();
                let condition: bool = $e;
                if !condition {
                    pc = target;
                }
            }};
        }
        macro_rules! ovf {
            ($method:ident) => {{
                let a = i!();
                let b = i!();
                let target = two!();
                match a.$method(b) {
                    Some(v) => set_i!(v),
                    None => pc = target,
                }
            }};
        }
        macro_rules! uovf {
            ($method:ident) => {{
                let a = i!() as u64;
                let b = i!() as u64;
                let target = two!();
                match a.$method(b) {
                    Some(v) => set_i!(v as i64),
                    None => pc = target,
                }
            }};
        }
        macro_rules! field {
            () => {
                field_descr(&descrs[two!()])
            };
        }
        macro_rules! array {
            () => {
                array_descr(&descrs[two!()])
            };
        }
        // Skips an `I`, `R` or `F` operand.
        macro_rules! skip_list {
            () => {{
                let n = byte!();
                pc += n;
            }};
        }
        // Reads an `I`, `R` or `F` operand into a `Vec`.
        macro_rules! read_list {
            ($bank:ident) => {{
                let n = byte!();
                let v: Vec<_> = code[pc..pc + n]
                    .iter()
                    .map(|b| frame.$bank[*b as usize])
                    .collect();
                pc += n;
                v
            }};
        }
        // Copies an `I`, `R` or `F` operand into the first registers of a callee frame.
        macro_rules! pass_list {
            ($callee:ident, $bank:ident) => {{
                let n = byte!();
                for (k, b) in code[pc..pc + n].iter().enumerate() {
                    $callee.$bank[k] = frame.$bank[*b as usize];
                }
                pc += n;
                n
            }};
        }
        // The index of a register bank, to count the arguments passed in each.
        macro_rules! bank_index {
            (ints) => {
                0
            };
            (refs) => {
                1
            };
            (floats) => {
                2
            };
        }
        // Gathers an `I`, `R` or `F` operand into `$small` (or `$big` when long); yields
        // a pointer to the values.
        macro_rules! gather {
            ($bank:ident, $small:ident, $big:ident) => {{
                let n = byte!();
                let items = &code[pc..pc + n];
                pc += n;
                if n <= SMALL_ARGS {
                    for (k, b) in items.iter().enumerate() {
                        $small[k] = frame.$bank[*b as usize];
                    }
                    $small.as_ptr()
                } else {
                    $big.extend(items.iter().map(|b| frame.$bank[*b as usize]));
                    $big.as_ptr()
                }
            }};
        }
        // An inline call; `$lists` says which argument lists the instruction has.
        macro_rules! inline_call {
            ($($bank:ident),*) => {{
                let (index, callee) = match &descrs[two!()] {
                    Descr::JitCode(index) => (*index, self.jitcode(*index)),
                    other => panic!("internal error: an inline call with {other:?} instead of a jitcode descr"),
                };
                let mut callee_frame = Frame::new(callee);
                let mut passed = [0usize; 3];
                $( passed[bank_index!($bank)] = pass_list!(callee_frame, $bank); )*
                // A hook (the metainterp's compiled function entries) may run the call.
                let hooked = match self.hook {
                    Some(hook) => {
                        let args = Args {
                            ints: callee_frame.ints[..passed[0]].to_vec(),
                            refs: callee_frame.refs[..passed[1]].to_vec(),
                            floats: callee_frame.floats[..passed[2]].to_vec(),
                        };
                        hook.call(index, &args)
                    }
                    None => None,
                };
                match hooked {
                    Some(value) => value,
                    None => {
                        let value = match self.run(&mut callee_frame, 0, Stop::Never) {
                            Exit::Return(v) => v,
                            Exit::MergePoint { .. } | Exit::CanEnterJit { .. } => {
                                super::unreachable_merge_point()
                            }
                        };
                        frame.results = callee_frame.results;
                        value
                    }
                }
            }};
        }
        // A residual call; yields the raw result bits.
        macro_rules! residual_call {
            (r) => {{
                residual_call!(@call false, true, false)
            }};
            (ir) => {{
                residual_call!(@call true, true, false)
            }};
            (irf) => {{
                residual_call!(@call true, true, true)
            }};
            (@call $has_i:expr, $has_r:expr, $has_f:expr) => {{
                let function = i!();
                let mut small_i = [0i64; SMALL_ARGS];
                let mut small_r = [0usize; SMALL_ARGS];
                let mut small_f = [0f64; SMALL_ARGS];
                let (mut big_i, mut big_r, mut big_f) = (Vec::new(), Vec::new(), Vec::new());
                let ints = if $has_i { gather!(ints, small_i, big_i) } else { small_i.as_ptr() };
                let refs = if $has_r { gather!(refs, small_r, big_r) } else { small_r.as_ptr() };
                let floats = if $has_f { gather!(floats, small_f, big_f) } else { small_f.as_ptr() };
                let _calldescr = two!();
                let shim = match self.codes.functions.get(function as usize) {
                    Some(f) => match f.shim {
                        Some(shim) => shim,
                        None => panic!("residual function `{}` has no shim to call", f.name),
                    },
                    None => panic!("no residual function with index {function}"),
                };
                let mut results = [0u64; MAX_RESULTS];
                // Safety: the shim takes the argument arrays of its function's signature,
                // which the call instruction provides (the caller's contract), and writes
                // at most `MAX_RESULTS` results.
                shim(ints, refs, floats, results.as_mut_ptr());
                frame.results = results;
                results[0]
            }};
        }

        loop {
            let byte = code[pc];
            let Some(opcode) = Opcode::from_byte(byte) else {
                panic!(
                    "internal error: bad opcode {byte} at offset {pc} of `{}`",
                    jc.name
                );
            };
            pc += 1;
            match opcode {
                // ---- moves ----
                Opcode::IntCopy => set_i!(i!()),
                Opcode::RefCopy => set_r!(r!()),
                Opcode::FloatCopy => set_f!(f!()),
                Opcode::IntPush => frame.tmp_int = i!(),
                Opcode::RefPush => frame.tmp_ref = r!(),
                Opcode::FloatPush => frame.tmp_float = f!(),
                Opcode::IntPop => set_i!(frame.tmp_int),
                Opcode::RefPop => set_r!(frame.tmp_ref),
                Opcode::FloatPop => set_f!(frame.tmp_float),
                // ---- control flow ----
                Opcode::Live => pc += 2,
                Opcode::Goto => pc = two!(),
                Opcode::GotoIfNot => branch_not!(i, |a| a != 0),
                Opcode::GotoIfNotIntLt => branch_not!(i, |a, b| a < b),
                Opcode::GotoIfNotIntLe => branch_not!(i, |a, b| a <= b),
                Opcode::GotoIfNotIntGt => branch_not!(i, |a, b| a > b),
                Opcode::GotoIfNotIntGe => branch_not!(i, |a, b| a >= b),
                Opcode::GotoIfNotIntEq => branch_not!(i, |a, b| a == b),
                Opcode::GotoIfNotIntNe => branch_not!(i, |a, b| a != b),
                Opcode::GotoIfNotUintLt => branch_not!(i, |a, b| (a as u64) < (b as u64)),
                Opcode::GotoIfNotUintLe => branch_not!(i, |a, b| (a as u64) <= (b as u64)),
                Opcode::GotoIfNotUintGt => branch_not!(i, |a, b| (a as u64) > (b as u64)),
                Opcode::GotoIfNotUintGe => branch_not!(i, |a, b| (a as u64) >= (b as u64)),
                Opcode::GotoIfNotIntIsZero => branch_not!(i, |a| a == 0),
                Opcode::GotoIfNotIntIsTrue => branch_not!(i, |a| a != 0),
                Opcode::GotoIfNotPtrEq => branch_not!(r, |a, b| a == b),
                Opcode::GotoIfNotPtrNe => branch_not!(r, |a, b| a != b),
                Opcode::GotoIfNotPtrNonzero => branch_not!(r, |a| a != 0),
                Opcode::GotoIfNotPtrIszero => branch_not!(r, |a| a == 0),
                Opcode::GotoIfNotFloatLt => branch_not!(f, |a, b| a < b),
                Opcode::GotoIfNotFloatLe => branch_not!(f, |a, b| a <= b),
                Opcode::GotoIfNotFloatGt => branch_not!(f, |a, b| a > b),
                Opcode::GotoIfNotFloatGe => branch_not!(f, |a, b| a >= b),
                Opcode::GotoIfNotFloatEq => branch_not!(f, |a, b| a == b),
                Opcode::GotoIfNotFloatNe => branch_not!(f, |a, b| a != b),
                Opcode::Switch => {
                    let value = i!();
                    let table = two!();
                    if let Some(target) = jc.switches[table].target(value) {
                        pc = target as usize;
                    }
                }
                Opcode::IntReturn => return Exit::Return(Value::Int(i!())),
                Opcode::RefReturn => return Exit::Return(Value::Ref(r!())),
                Opcode::FloatReturn => return Exit::Return(Value::Float(f!())),
                Opcode::VoidReturn => return Exit::Return(Value::Void),
                Opcode::Panic => {
                    let message = r!();
                    // Safety: the operand of `panic` is a string constant, whose value is the
                    // address of a `Cow<'static, str>` in the constant pool (see
                    // `RefConst::Str`); the codewriter emits nothing else there.
                    let message = &*(message as *const Cow<'static, str>);
                    panic!("{message}");
                }
                // ---- integer arithmetic ----
                Opcode::IntAdd => int_binop!(|a, b| a.wrapping_add(b)),
                Opcode::IntSub => int_binop!(|a, b| a.wrapping_sub(b)),
                Opcode::IntMul => int_binop!(|a, b| a.wrapping_mul(b)),
                Opcode::IntFloordiv => int_binop!(|a, b| a.wrapping_div(b)),
                Opcode::IntMod => int_binop!(|a, b| a.wrapping_rem(b)),
                Opcode::UintFloordiv => int_binop!(|a, b| ((a as u64) / (b as u64)) as i64),
                Opcode::UintMod => int_binop!(|a, b| ((a as u64) % (b as u64)) as i64),
                Opcode::IntAnd => int_binop!(|a, b| a & b),
                Opcode::IntOr => int_binop!(|a, b| a | b),
                Opcode::IntXor => int_binop!(|a, b| a ^ b),
                Opcode::IntLshift => int_binop!(|a, b| a.wrapping_shl(b as u32)),
                Opcode::IntRshift => int_binop!(|a, b| a.wrapping_shr(b as u32)),
                Opcode::UintRshift => int_binop!(|a, b| (a as u64).wrapping_shr(b as u32) as i64),
                Opcode::IntSignext => int_binop!(|a, n| match n {
                    1 => a as i8 as i64,
                    2 => a as i16 as i64,
                    4 => a as i32 as i64,
                    _ => a,
                }),
                Opcode::IntNeg => set_i!(i!().wrapping_neg()),
                Opcode::IntInvert => set_i!(!i!()),
                Opcode::IntAddOvf => ovf!(checked_add),
                Opcode::IntSubOvf => ovf!(checked_sub),
                Opcode::IntMulOvf => ovf!(checked_mul),
                Opcode::UintAddOvf => uovf!(checked_add),
                Opcode::UintSubOvf => uovf!(checked_sub),
                Opcode::UintMulOvf => uovf!(checked_mul),
                Opcode::IntAddOverflows => int_cmp!(|a, b| a.checked_add(b).is_none()),
                Opcode::IntSubOverflows => int_cmp!(|a, b| a.checked_sub(b).is_none()),
                Opcode::IntMulOverflows => int_cmp!(|a, b| a.checked_mul(b).is_none()),
                Opcode::UintAddOverflows => {
                    int_cmp!(|a, b| (a as u64).checked_add(b as u64).is_none())
                }
                Opcode::UintSubOverflows => {
                    int_cmp!(|a, b| (a as u64).checked_sub(b as u64).is_none())
                }
                Opcode::UintMulOverflows => {
                    int_cmp!(|a, b| (a as u64).checked_mul(b as u64).is_none())
                }
                Opcode::IntAbs => set_i!(i!().wrapping_abs()),
                Opcode::IntMin => int_binop!(|a, b| a.min(b)),
                Opcode::IntMax => int_binop!(|a, b| a.max(b)),
                Opcode::UintMin => int_binop!(|a, b| (a as u64).min(b as u64) as i64),
                Opcode::UintMax => int_binop!(|a, b| (a as u64).max(b as u64) as i64),
                // ---- integer comparisons ----
                Opcode::IntLt => int_cmp!(|a, b| a < b),
                Opcode::IntLe => int_cmp!(|a, b| a <= b),
                Opcode::IntGt => int_cmp!(|a, b| a > b),
                Opcode::IntGe => int_cmp!(|a, b| a >= b),
                Opcode::IntEq => int_cmp!(|a, b| a == b),
                Opcode::IntNe => int_cmp!(|a, b| a != b),
                Opcode::UintLt => int_cmp!(|a, b| (a as u64) < (b as u64)),
                Opcode::UintLe => int_cmp!(|a, b| (a as u64) <= (b as u64)),
                Opcode::UintGt => int_cmp!(|a, b| (a as u64) > (b as u64)),
                Opcode::UintGe => int_cmp!(|a, b| (a as u64) >= (b as u64)),
                Opcode::IntIsZero => set_i!((i!() == 0) as i64),
                Opcode::IntIsTrue => set_i!((i!() != 0) as i64),
                Opcode::PtrEq => {
                    let (a, b) = (r!(), r!());
                    set_i!((a == b) as i64)
                }
                Opcode::PtrNe => {
                    let (a, b) = (r!(), r!());
                    set_i!((a != b) as i64)
                }
                Opcode::PtrNonzero => set_i!((r!() != 0) as i64),
                Opcode::PtrIszero => set_i!((r!() == 0) as i64),
                // ---- floats ----
                Opcode::FloatAdd => float_binop!(|a, b| a + b),
                Opcode::FloatSub => float_binop!(|a, b| a - b),
                Opcode::FloatMul => float_binop!(|a, b| a * b),
                Opcode::FloatTruediv => float_binop!(|a, b| a / b),
                Opcode::FloatNeg => set_f!(-f!()),
                Opcode::FloatAbs => set_f!(f!().abs()),
                Opcode::FloatSqrt => set_f!(f!().sqrt()),
                Opcode::FloatMin => float_binop!(|a, b| a.min(b)),
                Opcode::FloatMax => float_binop!(|a, b| a.max(b)),
                Opcode::FloatLt => float_cmp!(|a, b| a < b),
                Opcode::FloatLe => float_cmp!(|a, b| a <= b),
                Opcode::FloatGt => float_cmp!(|a, b| a > b),
                Opcode::FloatGe => float_cmp!(|a, b| a >= b),
                Opcode::FloatEq => float_cmp!(|a, b| a == b),
                Opcode::FloatNe => float_cmp!(|a, b| a != b),
                Opcode::CastIntToFloat => set_f!(i!() as f64),
                Opcode::CastUintToFloat => set_f!(i!() as u64 as f64),
                Opcode::CastFloatToInt => set_i!(f!() as i64),
                Opcode::CastFloatToUint => set_i!(f!() as u64 as i64),
                // ---- fields ----
                Opcode::GetfieldGcI => {
                    let obj = r!();
                    let d = field!();
                    set_i!(load_int(obj + d.offset, d.size, d.signed))
                }
                Opcode::GetfieldGcR => {
                    let obj = r!();
                    let d = field!();
                    set_r!(load_ref(obj + d.offset))
                }
                Opcode::GetfieldGcF => {
                    let obj = r!();
                    let d = field!();
                    set_f!(load_float(obj + d.offset, d.size))
                }
                Opcode::GetfieldRawI => {
                    let addr = i!() as usize;
                    let d = field!();
                    set_i!(load_int(addr + d.offset, d.size, d.signed))
                }
                Opcode::GetfieldRawR => {
                    let addr = i!() as usize;
                    let d = field!();
                    set_r!(load_ref(addr + d.offset))
                }
                Opcode::GetfieldRawF => {
                    let addr = i!() as usize;
                    let d = field!();
                    set_f!(load_float(addr + d.offset, d.size))
                }
                Opcode::SetfieldGcI => {
                    let (obj, v, d) = (r!(), i!(), field!());
                    store_int(obj + d.offset, d.size, v)
                }
                Opcode::SetfieldGcR => {
                    let (obj, v, d) = (r!(), r!(), field!());
                    store_ref(obj + d.offset, v)
                }
                Opcode::SetfieldGcF => {
                    let (obj, v, d) = (r!(), f!(), field!());
                    store_float(obj + d.offset, d.size, v)
                }
                Opcode::SetfieldRawI => {
                    let (addr, v, d) = (i!() as usize, i!(), field!());
                    store_int(addr + d.offset, d.size, v)
                }
                Opcode::SetfieldRawR => {
                    let (addr, v, d) = (i!() as usize, r!(), field!());
                    store_ref(addr + d.offset, v)
                }
                Opcode::SetfieldRawF => {
                    let (addr, v, d) = (i!() as usize, f!(), field!());
                    store_float(addr + d.offset, d.size, v)
                }
                // ---- array items ----
                Opcode::GetarrayitemGcI => {
                    let (obj, index, d) = (r!(), i!(), array!());
                    set_i!(load_int(
                        item_addr(obj, d.base, d.item_size, index),
                        d.item_size,
                        d.signed
                    ))
                }
                Opcode::GetarrayitemGcR => {
                    let (obj, index, d) = (r!(), i!(), array!());
                    set_r!(load_ref(item_addr(obj, d.base, d.item_size, index)))
                }
                Opcode::GetarrayitemGcF => {
                    let (obj, index, d) = (r!(), i!(), array!());
                    set_f!(load_float(
                        item_addr(obj, d.base, d.item_size, index),
                        d.item_size
                    ))
                }
                Opcode::GetarrayitemRawI => {
                    let (addr, index, d) = (i!() as usize, i!(), array!());
                    set_i!(load_int(
                        item_addr(addr, d.base, d.item_size, index),
                        d.item_size,
                        d.signed
                    ))
                }
                Opcode::GetarrayitemRawR => {
                    let (addr, index, d) = (i!() as usize, i!(), array!());
                    set_r!(load_ref(item_addr(addr, d.base, d.item_size, index)))
                }
                Opcode::GetarrayitemRawF => {
                    let (addr, index, d) = (i!() as usize, i!(), array!());
                    set_f!(load_float(
                        item_addr(addr, d.base, d.item_size, index),
                        d.item_size
                    ))
                }
                Opcode::SetarrayitemGcI => {
                    let (obj, index, v, d) = (r!(), i!(), i!(), array!());
                    store_int(item_addr(obj, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::SetarrayitemGcR => {
                    let (obj, index, v, d) = (r!(), i!(), r!(), array!());
                    store_ref(item_addr(obj, d.base, d.item_size, index), v)
                }
                Opcode::SetarrayitemGcF => {
                    let (obj, index, v, d) = (r!(), i!(), f!(), array!());
                    store_float(item_addr(obj, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::SetarrayitemRawI => {
                    let (addr, index, v, d) = (i!() as usize, i!(), i!(), array!());
                    store_int(item_addr(addr, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::SetarrayitemRawR => {
                    let (addr, index, v, d) = (i!() as usize, i!(), r!(), array!());
                    store_ref(item_addr(addr, d.base, d.item_size, index), v)
                }
                Opcode::SetarrayitemRawF => {
                    let (addr, index, v, d) = (i!() as usize, i!(), f!(), array!());
                    store_float(item_addr(addr, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::GetsubstructGc => {
                    let obj = r!();
                    let d = field!();
                    set_r!(obj.wrapping_add(d.offset))
                }
                Opcode::GetarraysubstructGc => {
                    let (obj, index, d) = (r!(), i!(), array!());
                    set_r!(item_addr(obj, d.base, d.item_size, index))
                }
                Opcode::GetarraysubstructRaw => {
                    let (addr, index, d) = (i!() as usize, i!(), array!());
                    set_r!(item_addr(addr, d.base, d.item_size, index))
                }
                Opcode::Memcopy => {
                    let (dst, src) = (r!(), r!());
                    let size = match &descrs[two!()] {
                        Descr::Size(d) => d.size,
                        other => panic!(
                            "internal error: `memcopy` with {other:?} instead of a size descr"
                        ),
                    };
                    // Safety: both operands point to objects of the size descr's size
                    // (the caller's contract); a value is never copied onto itself.
                    std::ptr::copy(src as *const u8, dst as *mut u8, size)
                }
                Opcode::GcClassIs | Opcode::GcDowncast => {
                    let x = r!();
                    let class = match &descrs[two!()] {
                        Descr::Size(d) => d.gc.as_ref().map_or(0, |g| (g.type_id)()),
                        other => panic!(
                            "internal error: `{}` with {other:?} instead of a size descr",
                            opcode.name()
                        ),
                    };
                    // Safety: `x` is a live GC object (a `GcAny` is never null).
                    let actual = ((x as *const u64).read() >> 32) as u32;
                    // The class or one of its subclasses (a range of ids).
                    let is = jitsupport_gc::is_subclass_id(actual, class);
                    if opcode == Opcode::GcClassIs {
                        set_i!(i64::from(is))
                    } else {
                        set_r!(if is { x } else { 0 })
                    }
                }
                Opcode::New => {
                    let p = match &descrs[two!()] {
                        Descr::Size(d) => match &d.gc {
                            Some(gc) => alloc_gc_object((gc.type_id)()),
                            None => alloc_object(d.size),
                        },
                        other => {
                            panic!("internal error: `new` with {other:?} instead of a size descr")
                        }
                    };
                    set_r!(p)
                }
                // ---- calls ----
                Opcode::InlineCallRI => set_i!(int_of(inline_call!(refs))),
                Opcode::InlineCallRR => set_r!(ref_of(inline_call!(refs))),
                Opcode::InlineCallRF => set_f!(float_of(inline_call!(refs))),
                Opcode::InlineCallRV => drop(inline_call!(refs)),
                Opcode::InlineCallIrI => set_i!(int_of(inline_call!(ints, refs))),
                Opcode::InlineCallIrR => set_r!(ref_of(inline_call!(ints, refs))),
                Opcode::InlineCallIrF => set_f!(float_of(inline_call!(ints, refs))),
                Opcode::InlineCallIrV => drop(inline_call!(ints, refs)),
                Opcode::InlineCallIrfI => set_i!(int_of(inline_call!(ints, refs, floats))),
                Opcode::InlineCallIrfR => set_r!(ref_of(inline_call!(ints, refs, floats))),
                Opcode::InlineCallIrfF => set_f!(float_of(inline_call!(ints, refs, floats))),
                Opcode::InlineCallIrfV => drop(inline_call!(ints, refs, floats)),
                Opcode::ResidualCallRI => set_i!(residual_call!(r) as i64),
                Opcode::ResidualCallRR => set_r!(residual_call!(r) as usize),
                Opcode::ResidualCallRF => set_f!(f64::from_bits(residual_call!(r))),
                Opcode::ResidualCallRV => drop(residual_call!(r)),
                Opcode::ResidualCallIrI => set_i!(residual_call!(ir) as i64),
                Opcode::ResidualCallIrR => set_r!(residual_call!(ir) as usize),
                Opcode::ResidualCallIrF => set_f!(f64::from_bits(residual_call!(ir))),
                Opcode::ResidualCallIrV => drop(residual_call!(ir)),
                Opcode::ResidualCallIrfI => set_i!(residual_call!(irf) as i64),
                Opcode::ResidualCallIrfR => set_r!(residual_call!(irf) as usize),
                Opcode::ResidualCallIrfF => set_f!(f64::from_bits(residual_call!(irf))),
                Opcode::ResidualCallIrfV => drop(residual_call!(irf)),
                // ---- several results ----
                Opcode::IntSetResult => {
                    let (slot, v) = (i!(), i!());
                    frame.results[slot as usize] = v as u64
                }
                Opcode::RefSetResult => {
                    let (slot, v) = (i!(), r!());
                    frame.results[slot as usize] = v as u64
                }
                Opcode::FloatSetResult => {
                    let (slot, v) = (i!(), f!());
                    frame.results[slot as usize] = v.to_bits()
                }
                Opcode::IntGetResult => {
                    let slot = i!();
                    set_i!(frame.results[slot as usize] as i64)
                }
                Opcode::RefGetResult => {
                    let slot = i!();
                    set_r!(frame.results[slot as usize] as usize)
                }
                Opcode::FloatGetResult => {
                    let slot = i!();
                    set_f!(f64::from_bits(frame.results[slot as usize]))
                }
                // ---- JIT hints: no-ops here ----
                Opcode::IntGuardValue | Opcode::RefGuardValue | Opcode::FloatGuardValue => pc += 1,
                Opcode::RecordQuasiimmutField => pc += 3,
                Opcode::QuasiimmutWritten => {
                    let obj = r!();
                    let d = field!();
                    crate::metainterp::quasi::invalidate(obj + d.offset);
                }
                // ---- virtualizables: the frame in memory is up to date here ----
                Opcode::GetfieldVableI => {
                    let obj = r!();
                    let d = field!();
                    set_i!(load_int(obj + d.offset, d.size, d.signed))
                }
                Opcode::GetfieldVableR => {
                    let obj = r!();
                    let d = field!();
                    set_r!(load_ref(obj + d.offset))
                }
                Opcode::GetfieldVableF => {
                    let obj = r!();
                    let d = field!();
                    set_f!(load_float(obj + d.offset, d.size))
                }
                Opcode::SetfieldVableI => {
                    let (obj, v, d) = (r!(), i!(), field!());
                    store_int(obj + d.offset, d.size, v)
                }
                Opcode::SetfieldVableR => {
                    let (obj, v, d) = (r!(), r!(), field!());
                    store_ref(obj + d.offset, v)
                }
                Opcode::SetfieldVableF => {
                    let (obj, v, d) = (r!(), f!(), field!());
                    store_float(obj + d.offset, d.size, v)
                }
                Opcode::GetarrayitemVableI => {
                    let (obj, index, f, d) = (r!(), i!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    set_i!(load_int(
                        item_addr(a, d.base, d.item_size, index),
                        d.item_size,
                        d.signed
                    ))
                }
                Opcode::GetarrayitemVableR => {
                    let (obj, index, f, d) = (r!(), i!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    set_r!(load_ref(item_addr(a, d.base, d.item_size, index)))
                }
                Opcode::GetarrayitemVableF => {
                    let (obj, index, f, d) = (r!(), i!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    set_f!(load_float(
                        item_addr(a, d.base, d.item_size, index),
                        d.item_size
                    ))
                }
                Opcode::SetarrayitemVableI => {
                    let (obj, index, v, f, d) = (r!(), i!(), i!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    store_int(item_addr(a, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::SetarrayitemVableR => {
                    let (obj, index, v, f, d) = (r!(), i!(), r!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    store_ref(item_addr(a, d.base, d.item_size, index), v)
                }
                Opcode::SetarrayitemVableF => {
                    let (obj, index, v, f, d) = (r!(), i!(), f!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    store_float(item_addr(a, d.base, d.item_size, index), d.item_size, v)
                }
                Opcode::ArraylenVable => {
                    let (obj, f) = (r!(), field!());
                    pc += 2;
                    let a = load_ref(obj + f.offset);
                    set_i!(load_int(a + crate::gc::ARRAY_LENGTH_OFFSET, 8, false))
                }
                Opcode::GetarraysubstructVable => {
                    let (obj, index, f, d) = (r!(), i!(), field!(), array!());
                    let a = load_ref(obj + f.offset);
                    set_r!(item_addr(a, d.base, d.item_size, index))
                }
                Opcode::GetinteriorVableI => {
                    let (item, d) = (r!(), field!());
                    set_i!(load_int(item + d.offset, d.size, d.signed))
                }
                Opcode::GetinteriorVableR => {
                    let (item, d) = (r!(), field!());
                    set_r!(load_ref(item + d.offset))
                }
                Opcode::GetinteriorVableF => {
                    let (item, d) = (r!(), field!());
                    set_f!(load_float(item + d.offset, d.size))
                }
                Opcode::SetinteriorVableI => {
                    let (item, v, d) = (r!(), i!(), field!());
                    store_int(item + d.offset, d.size, v)
                }
                Opcode::SetinteriorVableR => {
                    let (item, v, d) = (r!(), r!(), field!());
                    store_ref(item + d.offset, v)
                }
                Opcode::SetinteriorVableF => {
                    let (item, v, d) = (r!(), f!(), field!());
                    store_float(item + d.offset, d.size, v)
                }
                Opcode::VableField | Opcode::VableBase => pc += 3,
                Opcode::VableLeaf => pc += 4,
                Opcode::VableArray => pc += 5,
                Opcode::JitMergePoint if stop == Stop::MergePoint => {
                    let driver = i!();
                    let greens = Args {
                        ints: read_list!(ints),
                        refs: read_list!(refs),
                        floats: read_list!(floats),
                    };
                    let reds = Args {
                        ints: read_list!(ints),
                        refs: read_list!(refs),
                        floats: read_list!(floats),
                    };
                    return Exit::MergePoint {
                        driver,
                        greens,
                        reds,
                    };
                }
                Opcode::CanEnterJit if stop == Stop::CanEnterJit => {
                    let driver = i!();
                    let greens = Args {
                        ints: read_list!(ints),
                        refs: read_list!(refs),
                        floats: read_list!(floats),
                    };
                    let reds = Args {
                        ints: read_list!(ints),
                        refs: read_list!(refs),
                        floats: read_list!(floats),
                    };
                    frame.pc = pc;
                    return Exit::CanEnterJit {
                        driver,
                        greens,
                        reds,
                    };
                }
                Opcode::JitMergePoint | Opcode::CanEnterJit => {
                    pc += 1;
                    for _ in 0..6 {
                        skip_list!();
                    }
                }
                Opcode::LoopHeader => pc += 1,
            }
        }
    }
}

fn field_descr(descr: &Descr) -> &FieldDescr {
    match descr {
        Descr::Field(d) => d,
        other => panic!("internal error: a field access with {other:?} instead of a field descr"),
    }
}

fn array_descr(descr: &Descr) -> &ArrayDescr {
    match descr {
        Descr::Array(d) => d,
        other => panic!("internal error: an array access with {other:?} instead of an array descr"),
    }
}

fn int_of(v: Value) -> i64 {
    match v {
        Value::Int(x) => x,
        other => panic!("internal error: an inline call expected an int result, got {other:?}"),
    }
}

fn ref_of(v: Value) -> usize {
    match v {
        Value::Ref(x) => x,
        other => panic!("internal error: an inline call expected a ref result, got {other:?}"),
    }
}

fn float_of(v: Value) -> f64 {
    match v {
        Value::Float(x) => x,
        other => panic!("internal error: an inline call expected a float result, got {other:?}"),
    }
}
