//! The emitter: one trace (a loop or a bridge) to machine code, one emitter per op.
//!
//! Registers: `r15` points at the frame (one slot per box, [`regalloc::slot`]), `r14` at
//! the exit area (word 0 the overflow flag of the last ovf op, words 1.. the values a
//! guard, a `finish` or a `jump` passes on). Both are callee-saved, so calls keep them.
//! `rbx`, `rbp`, `r12`, `r13` (kept by calls) and `r8`, `r9`, `r10` (forgotten at calls)
//! cache boxes ([`regalloc::Cache`]); the emitters never write them.
//! The loop's prologue saves the callee-saved registers and keeps `rsp` 16-byte aligned,
//! so every call out (shims, allocation, helpers) is made at an aligned stack.
//!
//! The code is position-independent: branches inside it are relative, and everything
//! outside (other traces' labels, helpers, shims) is reached through an absolute address
//! in a register. So it is assembled at address 0 and copied to its mapping unchanged.

use super::guards::{self, PendingStub};
use super::regalloc::{self, slot};
use super::{ExitInfo, HelperAddrs};
use crate::backend::{CompileError, CLASS_OFFSET};
use crate::descr::{ArrayDescr, Descr, FieldDescr, TargetToken};
use crate::ops::{Kind, Opcode};
use crate::trace::{Op, Trace, Value};
use iced_x86::code_asm::*;
use iced_x86::BlockEncoderOptions;
use std::collections::HashMap;
use std::rc::Rc;

/// The result of an iced call inside the emitter.
pub type R<T> = Result<T, IcedError>;

/// A comparison's outcome as an x86 condition code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cc {
    E,
    Ne,
    L,
    Le,
    G,
    Ge,
    B,
    Be,
    A,
    Ae,
    O,
    No,
}

impl Cc {
    /// The condition that holds when this one does not.
    pub fn negate(self) -> Cc {
        match self {
            Cc::E => Cc::Ne,
            Cc::Ne => Cc::E,
            Cc::L => Cc::Ge,
            Cc::Ge => Cc::L,
            Cc::Le => Cc::G,
            Cc::G => Cc::Le,
            Cc::B => Cc::Ae,
            Cc::Ae => Cc::B,
            Cc::Be => Cc::A,
            Cc::A => Cc::Be,
            Cc::O => Cc::No,
            Cc::No => Cc::O,
        }
    }
}

/// What the emitter knows of the world outside the trace.
pub struct Env<'a> {
    /// Labels of compiled code: the address of their first instruction.
    pub targets: &'a HashMap<*const TargetToken, usize>,
    /// The exit table, to which guards and finishes add their exits.
    pub exits: &'a mut Vec<Option<ExitInfo>>,
    /// The addresses of the runtime helpers.
    pub helpers: HelperAddrs,
    /// The address of the owning loop's invalidation flag.
    pub invalidated: usize,
    /// Whether the trace is a bridge (its inputs come from the exit area).
    pub bridge: bool,
}

/// A stub whose jump the backend patches: the absolute address (imm64) at byte offset
/// `patch` of the code, which holds the stub's exit tail until a bridge is attached.
pub struct StubSite {
    pub guard: Rc<crate::descr::GuardDescr>,
    pub exit: u32,
    pub patch: usize,
}

/// Assembled code before it is placed.
pub struct Assembled {
    pub code: Vec<u8>,
    /// Per op with code: (byte offset of its first instruction, op index).
    pub op_offsets: Vec<(usize, usize)>,
    /// Byte offsets of the first instructions of the stubs and of the epilogue.
    pub stubs_start: usize,
    pub stubs: Vec<StubSite>,
    /// The labels of the trace with the byte offset they start at.
    pub labels: Vec<(Rc<TargetToken>, usize)>,
}

pub(super) struct Emitter<'a, 'e> {
    pub a: CodeAssembler,
    pub env: &'a mut Env<'e>,
    pub trace: &'a Trace,
    pub stubs: Vec<PendingStub>,
    pub epilogue: CodeLabel,
    body: CodeLabel,
    /// The iced labels of the trace's own labels, by op index.
    own_labels: HashMap<usize, CodeLabel>,
    /// Instruction index at which a label was last set (iced allows one label per
    /// instruction; a `nop` separates two).
    last_label_at: Option<usize>,
    /// The condition code of the comparison the next guard reads from the flags.
    flags: Option<(crate::trace::BoxId, Option<Cc>)>,
    /// The registers that also hold boxes (see [`regalloc::Cache`]).
    cache: regalloc::Cache,
    /// The index of the op being emitted.
    pos: u32,
}

/// The cache registers, in the order of [`regalloc::Cache::held`].
const CACHE: [AsmRegister64; regalloc::CACHE_REGS] = [rbx, rbp, r12, r13, r8, r9, r10];

/// Where a register move takes its value from.
#[derive(Clone, Copy, PartialEq)]
enum Src {
    /// Cache register `n`.
    Reg(usize),
    /// `rax`, holding a cache register's old value while a cycle of moves is broken.
    Tmp,
    /// A constant or a box's frame slot.
    Home(Value),
}

pub(super) fn enc(e: IcedError) -> CompileError {
    CompileError::Unsupported(format!("the x86-64 encoder refused an instruction: {e}"))
}

fn unsupported(op: &Op, why: &str) -> CompileError {
    CompileError::Unsupported(format!("{} {why}", op.opcode))
}

/// Assembles `trace`. See the module doc for the register conventions.
pub fn assemble(trace: &Trace, env: &mut Env<'_>) -> Result<Assembled, CompileError> {
    if trace.num_boxes() > regalloc::MAX_BOXES {
        return Err(CompileError::Unsupported(
            "a trace with more boxes than a frame can address".to_string(),
        ));
    }
    let mut a = CodeAssembler::new(64).map_err(enc)?;
    let epilogue = a.create_label();
    let body = a.create_label();
    let mut e = Emitter {
        a,
        env,
        trace,
        stubs: Vec::new(),
        epilogue,
        body,
        own_labels: HashMap::new(),
        last_label_at: None,
        flags: None,
        cache: regalloc::Cache::new(trace),
        pos: 0,
    };
    let mut op_instr = Vec::new();
    e.prologue().map_err(enc)?;
    let fused = regalloc::flag_fusion(trace);
    // Labels are created up front so that jumps can go forward too, and set in order.
    for (i, op) in trace.ops.iter().enumerate() {
        if op.opcode == Opcode::Label {
            let l = e.a.create_label();
            e.own_labels.insert(i, l);
        }
    }
    for (i, op) in trace.ops.iter().enumerate() {
        e.pos = i as u32;
        if op.opcode == Opcode::Label {
            // Whoever reaches the label brings its first arguments in the cache
            // registers (see `label_regs`).
            let moves = label_regs(op)
                .into_iter()
                .map(|(r, j)| (r, op.args[j]))
                .collect();
            e.move_to_regs(moves).map_err(enc)?;
            if let Some(mut l) = e.own_labels.get(&i).copied() {
                e.set_label(&mut l).map_err(enc)?;
                e.own_labels.insert(i, l);
            }
            e.cache.clear();
            for (r, j) in label_regs(op) {
                if let Value::Box(b) = op.args[j] {
                    e.cache.held[r] = Some(b.index());
                }
            }
        }
        let start = e.a.instructions().len();
        e.op(i, op, fused[i])?;
        if e.a.instructions().len() > start {
            op_instr.push((start, i));
        }
    }
    // Stubs read the frame slots, which always hold every box.
    e.cache.clear();
    let stubs_instr = e.a.instructions().len();
    let pending = std::mem::take(&mut e.stubs);
    let mut sites = Vec::new();
    for stub in pending {
        sites.push(guards::emit_stub(&mut e, stub).map_err(enc)?);
    }
    // Entries of the labels for jumps from other traces, which pass the label's
    // arguments in the exit area.
    let mut label_instr = Vec::new();
    for (i, op) in trace.ops.iter().enumerate() {
        if let (Opcode::Label, Some(t)) = (op.opcode, op.target()) {
            label_instr.push((t.clone(), e.a.instructions().len()));
            e.label_entry(i, op).map_err(enc)?;
        }
    }
    let mut epilogue = e.epilogue;
    e.set_label(&mut epilogue).map_err(enc)?;
    e.epilogue_code().map_err(enc)?;
    let result =
        e.a.assemble_options(0, BlockEncoderOptions::RETURN_NEW_INSTRUCTION_OFFSETS)
            .map_err(enc)?;
    let offsets = &result.inner.new_instruction_offsets;
    let at = |n: usize| {
        offsets
            .get(n)
            .map_or(result.inner.code_buffer.len(), |&o| o as usize)
    };
    let mut code = result.inner.code_buffer.clone();
    let stubs = sites
        .into_iter()
        .map(|s| {
            let patch = at(s.patch_instr) + 2;
            debug_assert_eq!(code[patch - 2..patch], [0x49, 0xbb], "mov r11, imm64");
            let tail = at(s.tail_instr);
            // The default target is the stub's own exit tail; assembled at address 0, the
            // backend adds the code's base address when it places it.
            code[patch..patch + 8].copy_from_slice(&(tail as u64).to_le_bytes());
            StubSite {
                guard: s.guard,
                exit: s.exit,
                patch,
            }
        })
        .collect();
    Ok(Assembled {
        code,
        op_offsets: op_instr.into_iter().map(|(n, i)| (at(n), i)).collect(),
        stubs_start: at(stubs_instr),
        stubs,
        labels: label_instr.into_iter().map(|(t, n)| (t, at(n))).collect(),
    })
}

impl Emitter<'_, '_> {
    pub fn set_label(&mut self, l: &mut CodeLabel) -> R<()> {
        let n = self.a.instructions().len();
        if self.last_label_at == Some(n) {
            self.a.nop()?;
        }
        self.a.set_label(l)?;
        self.last_label_at = Some(self.a.instructions().len());
        Ok(())
    }

    fn prologue(&mut self) -> R<()> {
        if self.env.bridge {
            // A bridge's inputs are the failing guard's fail args, in the exit area.
            for (j, b) in self.trace.inputs.iter().enumerate() {
                self.a.mov(rax, qword_ptr(r14 + exit_slot(j)))?;
                self.a.mov(qword_ptr(r15 + slot(b.index())), rax)?;
            }
        } else {
            for r in [rbp, rbx, r12, r13, r14, r15] {
                self.a.push(r)?;
            }
            self.a.sub(rsp, 8)?;
            self.a.mov(r15, rdi)?;
            self.a.mov(r14, rsi)?;
        }
        let mut body = self.body;
        self.set_label(&mut body)?;
        self.body = body;
        Ok(())
    }

    fn label_entry(&mut self, index: usize, label: &Op) -> R<()> {
        for (j, v) in label.args.iter().enumerate() {
            if let Value::Box(b) = v {
                self.a.mov(rax, qword_ptr(r14 + exit_slot(j)))?;
                self.a.mov(qword_ptr(r15 + slot(b.index())), rax)?;
            }
        }
        for (r, j) in label_regs(label) {
            self.a.mov(CACHE[r], qword_ptr(r14 + exit_slot(j)))?;
        }
        if label.args.iter().all(|v| !matches!(v, Value::Box(_))) {
            // The entry needs an instruction for its address.
            self.a.nop()?;
        }
        self.a.jmp(self.own_labels[&index])
    }

    fn epilogue_code(&mut self) -> R<()> {
        self.a.add(rsp, 8)?;
        for r in [r15, r14, r13, r12, rbx, rbp] {
            self.a.pop(r)?;
        }
        self.a.ret()
    }

    // ------------------------------------------------------------ values

    /// Loads `v`'s bits into `r`.
    pub fn load(&mut self, r: AsmRegister64, v: Value) -> R<()> {
        if let Value::Box(b) = v {
            if let Some(c) = self.cache.find(b.index()) {
                return self.a.mov(r, CACHE[c]);
            }
        }
        self.load_home(r, v)
    }

    /// Loads `v`'s bits into `r` from its frame slot (or the constant).
    fn load_home(&mut self, r: AsmRegister64, v: Value) -> R<()> {
        match v {
            Value::Box(b) => self.a.mov(r, qword_ptr(r15 + slot(b.index()))),
            c => {
                let bits = c.const_bits().unwrap_or(0);
                match i32::try_from(bits as i64) {
                    // `mov r64, imm32` sign-extends: 7 bytes instead of 10.
                    Ok(small) => self.a.add_instruction(iced_x86::Instruction::with2(
                        iced_x86::Code::Mov_rm64_imm32,
                        iced_x86::Register::from(r),
                        small,
                    )?),
                    Err(_) => self.a.mov(r, bits),
                }
            }
        }
    }

    fn load_f(&mut self, x: AsmRegisterXmm, v: Value) -> R<()> {
        match v {
            Value::Box(b) => self.a.movsd_2(x, qword_ptr(r15 + slot(b.index()))),
            c => {
                self.a.mov(r11, c.const_bits().unwrap_or(0))?;
                self.a.movq(x, r11)
            }
        }
    }

    fn store(&mut self, op: &Op, r: AsmRegister64) -> R<()> {
        let Some(b) = op.result else { return Ok(()) };
        self.a.mov(qword_ptr(r15 + slot(b.index())), r)?;
        if b.kind() != Kind::Float {
            if let Some(c) = self.cache.place(b.index(), self.pos) {
                self.a.mov(CACHE[c], r)?;
            }
        }
        Ok(())
    }

    /// Sets cache registers from values at once (a parallel move): `moves` pairs a cache
    /// register with the value it receives. Clobbers `rax`.
    fn move_to_regs(&mut self, moves: Vec<(usize, Value)>) -> R<()> {
        let mut pending: Vec<(usize, Src)> = moves
            .into_iter()
            .map(|(d, v)| {
                let src = match v {
                    Value::Box(b) => self.cache.find(b.index()).map(Src::Reg),
                    _ => None,
                };
                (d, src.unwrap_or(Src::Home(v)))
            })
            .filter(|&(d, s)| s != Src::Reg(d))
            .collect();
        while !pending.is_empty() {
            let ready = pending
                .iter()
                .position(|&(d, _)| !pending.iter().any(|&(_, s)| s == Src::Reg(d)));
            match ready {
                Some(k) => {
                    let (d, s) = pending.remove(k);
                    match s {
                        Src::Reg(c) => self.a.mov(CACHE[d], CACHE[c])?,
                        Src::Tmp => self.a.mov(CACHE[d], rax)?,
                        Src::Home(v) => self.load_home(CACHE[d], v)?,
                    }
                }
                None => {
                    // Every destination is still to be read: a cycle. Save one in `rax`.
                    let d = pending[0].0;
                    self.a.mov(rax, CACHE[d])?;
                    for m in &mut pending {
                        if m.1 == Src::Reg(d) {
                            m.1 = Src::Tmp;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn store_f(&mut self, op: &Op, x: AsmRegisterXmm) -> R<()> {
        match op.result {
            Some(b) => self.a.movsd_2(qword_ptr(r15 + slot(b.index())), x),
            None => Ok(()),
        }
    }

    fn setcc(&mut self, cc: Cc) -> R<()> {
        match cc {
            Cc::E => self.a.sete(al),
            Cc::Ne => self.a.setne(al),
            Cc::L => self.a.setl(al),
            Cc::Le => self.a.setle(al),
            Cc::G => self.a.setg(al),
            Cc::Ge => self.a.setge(al),
            Cc::B => self.a.setb(al),
            Cc::Be => self.a.setbe(al),
            Cc::A => self.a.seta(al),
            Cc::Ae => self.a.setae(al),
            Cc::O => self.a.seto(al),
            Cc::No => self.a.setno(al),
        }
    }

    pub fn jcc(&mut self, cc: Cc, l: CodeLabel) -> R<()> {
        match cc {
            Cc::E => self.a.je(l),
            Cc::Ne => self.a.jne(l),
            Cc::L => self.a.jl(l),
            Cc::Le => self.a.jle(l),
            Cc::G => self.a.jg(l),
            Cc::Ge => self.a.jge(l),
            Cc::B => self.a.jb(l),
            Cc::Be => self.a.jbe(l),
            Cc::A => self.a.ja(l),
            Cc::Ae => self.a.jae(l),
            Cc::O => self.a.jo(l),
            Cc::No => self.a.jno(l),
        }
    }

    /// Stores `al` (0 or 1) as `op`'s result, leaving the flags alone.
    fn store_bool(&mut self, op: &Op) -> R<()> {
        self.a.movzx(eax, al)?;
        self.store(op, rax)
    }

    // ------------------------------------------------------------ ops

    fn op(&mut self, index: usize, op: &Op, fused: bool) -> Result<(), CompileError> {
        use Opcode::*;
        let flags = self.flags.take();
        match op.opcode {
            IntAdd | IntSub | IntMul | IntAnd | IntOr | IntXor | IntAddOvf | IntSubOvf
            | IntMulOvf => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.load(rcx, op.args[1]).map_err(enc)?;
                let a = &mut self.a;
                match op.opcode {
                    IntAdd | IntAddOvf => a.add(rax, rcx),
                    IntSub | IntSubOvf => a.sub(rax, rcx),
                    IntMul | IntMulOvf => a.imul_2(rax, rcx),
                    IntAnd => a.and(rax, rcx),
                    IntOr => a.or(rax, rcx),
                    _ => a.xor(rax, rcx),
                }
                .map_err(enc)?;
                if op.opcode.is_ovf() {
                    // The flag for a guard that does not follow directly; the one that
                    // does branches on OF itself (seto/movzx/mov keep the flags).
                    self.a.seto(cl).map_err(enc)?;
                    self.a.movzx(ecx, cl).map_err(enc)?;
                    self.a.mov(qword_ptr(r14), rcx).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            IntFloorDiv | IntMod | UintFloorDiv | UintMod => self.division(op).map_err(enc)?,
            IntLshift | IntRshift | UintRshift => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.load(rcx, op.args[1]).map_err(enc)?;
                match op.opcode {
                    IntLshift => self.a.shl(rax, cl),
                    IntRshift => self.a.sar(rax, cl),
                    _ => self.a.shr(rax, cl),
                }
                .map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            IntNeg | IntInvert => {
                self.load(rax, op.args[0]).map_err(enc)?;
                if op.opcode == IntNeg {
                    self.a.neg(rax)
                } else {
                    self.a.not(rax)
                }
                .map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            IntSignext => {
                let Some(n) = op.args[1].as_int() else {
                    return Err(unsupported(op, "with a byte count that is not a constant"));
                };
                let bits = 64 - 8 * n.clamp(1, 8) as i32;
                self.load(rax, op.args[0]).map_err(enc)?;
                if bits > 0 {
                    self.a.shl(rax, bits).map_err(enc)?;
                    self.a.sar(rax, bits).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            IntForceGeZero => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.a.xor(ecx, ecx).map_err(enc)?;
                self.a.test(rax, rax).map_err(enc)?;
                self.a.cmovl(rax, rcx).map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            IntLt | IntLe | IntEq | IntNe | IntGt | IntGe | UintLt | UintLe | UintGt | UintGe
            | PtrEq | PtrNe => {
                let cc = match op.opcode {
                    IntLt => Cc::L,
                    IntLe => Cc::Le,
                    IntEq | PtrEq => Cc::E,
                    IntNe | PtrNe => Cc::Ne,
                    IntGt => Cc::G,
                    IntGe => Cc::Ge,
                    UintLt => Cc::B,
                    UintLe => Cc::Be,
                    UintGt => Cc::A,
                    _ => Cc::Ae,
                };
                self.load(rax, op.args[0]).map_err(enc)?;
                self.load(rcx, op.args[1]).map_err(enc)?;
                self.a.cmp(rax, rcx).map_err(enc)?;
                self.compare_result(op, cc, fused).map_err(enc)?;
            }
            IntIsZero | IntIsTrue => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.a.test(rax, rax).map_err(enc)?;
                let cc = if op.opcode == IntIsZero {
                    Cc::E
                } else {
                    Cc::Ne
                };
                self.compare_result(op, cc, fused).map_err(enc)?;
            }
            FloatLt | FloatLe | FloatGt | FloatGe | FloatEq | FloatNe => {
                self.float_compare(op, fused).map_err(enc)?
            }
            FloatAdd | FloatSub | FloatMul | FloatTrueDiv => {
                self.load_f(xmm0, op.args[0]).map_err(enc)?;
                self.load_f(xmm1, op.args[1]).map_err(enc)?;
                match op.opcode {
                    FloatAdd => self.a.addsd(xmm0, xmm1),
                    FloatSub => self.a.subsd(xmm0, xmm1),
                    FloatMul => self.a.mulsd(xmm0, xmm1),
                    _ => self.a.divsd(xmm0, xmm1),
                }
                .map_err(enc)?;
                self.store_f(op, xmm0).map_err(enc)?;
            }
            FloatNeg | FloatAbs => {
                // On the bits: flip or clear the sign bit.
                self.load(rax, op.args[0]).map_err(enc)?;
                if op.opcode == FloatNeg {
                    self.a.btc(rax, 63)
                } else {
                    self.a.btr(rax, 63)
                }
                .map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            CastIntToFloat => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.a.cvtsi2sd(xmm0, rax).map_err(enc)?;
                self.store_f(op, xmm0).map_err(enc)?;
            }
            CastFloatToInt => {
                // Saturating like Rust's `as`, which cvttsd2si is not: a helper call.
                self.load_f(xmm0, op.args[0]).map_err(enc)?;
                self.call_helper(self.env.helpers.float_to_int)
                    .map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            SameAsI | SameAsR | SameAsF => {
                self.load(rax, op.args[0]).map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            GetfieldGcI | GetfieldGcR | GetfieldGcF | GetfieldRawI | GetfieldRawF => {
                let f = field(op)?;
                let offset = disp(op, f.offset)?;
                self.load(rax, op.args[0]).map_err(enc)?;
                self.load_mem(op, rax + offset, f.size, f.signed, f.kind)
                    .map_err(enc)?;
            }
            SetfieldGc | SetfieldRaw => {
                let f = field(op)?;
                let offset = disp(op, f.offset)?;
                self.load(rax, op.args[0]).map_err(enc)?;
                self.store_mem(rax + offset, f.size, f.kind, op.args[1])
                    .map_err(enc)?;
            }
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF | GetarrayitemRawI
            | GetarrayitemRawF => {
                let d = array(op)?;
                let m = self.item(op, d)?;
                self.load_mem(op, m, d.item_size, d.signed, d.kind)
                    .map_err(enc)?;
            }
            SetarrayitemGc | SetarrayitemRaw => {
                let d = array(op)?;
                let m = self.item(op, d)?;
                self.store_mem(m, d.item_size, d.kind, op.args[2])
                    .map_err(enc)?;
            }
            ArraylenGc => {
                let d = array(op)?;
                let offset = disp(op, d.length_offset.unwrap_or(0))?;
                self.load(rax, op.args[0]).map_err(enc)?;
                self.a.mov(rax, qword_ptr(rax + offset)).map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            New | NewWithVtable => {
                let d = match &op.descr {
                    Some(Descr::Size(d)) => d.clone(),
                    _ => return Err(unsupported(op, "without a size descr")),
                };
                let size = d.size.max(CLASS_OFFSET + 8);
                self.a
                    .mov(rdi, self.env.helpers.alloc_ctx as u64)
                    .map_err(enc)?;
                self.a.mov(rsi, size as u64).map_err(enc)?;
                self.call_helper(self.env.helpers.alloc).map_err(enc)?;
                if op.opcode == NewWithVtable {
                    self.a.mov(rcx, d.vtable.unwrap_or(0) as u64).map_err(enc)?;
                    let class = disp(op, CLASS_OFFSET)?;
                    self.a.mov(qword_ptr(rax + class), rcx).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            NewArray | NewArrayClear => {
                let d = array(op)?;
                let base = disp(op, d.base)?;
                // size = max(base + len * item_size, length_offset + 8)
                self.load(rsi, op.args[0]).map_err(enc)?;
                self.a.imul_3(rsi, rsi, d.item_size as i32).map_err(enc)?;
                self.a.add(rsi, base).map_err(enc)?;
                if let Some(lo) = d.length_offset {
                    let min = disp(op, lo + 8)?;
                    self.a.mov(rcx, min as u64).map_err(enc)?;
                    self.a.cmp(rsi, rcx).map_err(enc)?;
                    self.a.cmovb(rsi, rcx).map_err(enc)?;
                }
                self.a
                    .mov(rdi, self.env.helpers.alloc_ctx as u64)
                    .map_err(enc)?;
                self.call_helper(self.env.helpers.alloc).map_err(enc)?;
                if let Some(lo) = d.length_offset {
                    let lo = disp(op, lo)?;
                    self.load(rcx, op.args[0]).map_err(enc)?;
                    self.a.mov(qword_ptr(rax + lo), rcx).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            _ if op.opcode.is_call() => self.call(op).map_err(enc)?,
            GuardTrue | GuardFalse | GuardValue | GuardClass | GuardNonnull | GuardIsnull
            | GuardNonnullClass | GuardNoException | GuardNoOverflow | GuardOverflow
            | GuardNotInvalidated | GuardNotForced => guards::emit_guard(self, index, op, flags)?,
            Label | DebugMergePoint => {}
            Jump => self.jump(op)?,
            Finish => {
                for (j, &v) in op.args.iter().enumerate() {
                    self.load(rax, v).map_err(enc)?;
                    self.a
                        .mov(qword_ptr(r14 + exit_slot(j)), rax)
                        .map_err(enc)?;
                }
                let descr = match &op.descr {
                    Some(Descr::Finish(f)) => Some(f.clone()),
                    _ => None,
                };
                let exit = self.env.exits.len() as u32;
                self.env.exits.push(Some(ExitInfo::Finish(
                    descr,
                    op.args.iter().map(|v| v.kind()).collect(),
                )));
                self.a.mov(eax, exit).map_err(enc)?;
                self.a.jmp(self.epilogue).map_err(enc)?;
            }
            other => return Err(CompileError::Unsupported(format!("{other}"))),
        }
        Ok(())
    }

    /// After a compare: the flags hold `cc`; store the bool and, when the next op is its
    /// guard, leave the flags for it.
    fn compare_result(&mut self, op: &Op, cc: Cc, fused: bool) -> R<()> {
        self.setcc(cc)?;
        self.store_bool(op)?;
        if fused {
            if let Some(b) = op.result {
                self.flags = Some((b, Some(cc)));
            }
        }
        Ok(())
    }

    fn float_compare(&mut self, op: &Op, fused: bool) -> R<()> {
        use Opcode::*;
        // ucomisd x, y: CF when x < y, ZF when equal, ZF, PF and CF when unordered; so
        // "above" (CF = ZF = 0) and "above or equal" (CF = 0) are false on NaN.
        let (x, y) = match op.opcode {
            FloatLt | FloatLe => (op.args[1], op.args[0]),
            _ => (op.args[0], op.args[1]),
        };
        self.load_f(xmm0, x)?;
        self.load_f(xmm1, y)?;
        self.a.ucomisd(xmm0, xmm1)?;
        match op.opcode {
            FloatLt | FloatGt => self.compare_result(op, Cc::A, fused),
            FloatLe | FloatGe => self.compare_result(op, Cc::Ae, fused),
            FloatEq => {
                self.a.sete(al)?;
                self.a.setnp(cl)?;
                self.a.and(al, cl)?;
                self.store_bool(op)
            }
            _ => {
                self.a.setne(al)?;
                self.a.setp(cl)?;
                self.a.or(al, cl)?;
                self.store_bool(op)
            }
        }
    }

    fn division(&mut self, op: &Op) -> R<()> {
        use Opcode::*;
        // Undefined divisions give what the reference backend gives: 0 for a zero
        // divisor, and the wrapping results for i64::MIN / -1.
        let mut zero = self.a.create_label();
        let mut done = self.a.create_label();
        self.load(rax, op.args[0])?;
        self.load(rcx, op.args[1])?;
        self.a.test(rcx, rcx)?;
        self.a.je(zero)?;
        match op.opcode {
            IntFloorDiv | IntMod => {
                let mut normal = self.a.create_label();
                self.a.cmp(rcx, -1)?;
                self.a.jne(normal)?;
                if op.opcode == IntFloorDiv {
                    self.a.neg(rax)?;
                } else {
                    self.a.xor(eax, eax)?;
                }
                self.a.jmp(done)?;
                self.set_label(&mut normal)?;
                self.a.cqo()?;
                self.a.idiv(rcx)?;
            }
            _ => {
                self.a.xor(edx, edx)?;
                self.a.div(rcx)?;
            }
        }
        if matches!(op.opcode, IntMod | UintMod) {
            self.a.mov(rax, rdx)?;
        }
        self.a.jmp(done)?;
        self.set_label(&mut zero)?;
        self.a.xor(eax, eax)?;
        self.set_label(&mut done)?;
        self.store(op, rax)
    }

    /// The memory operand of item `args[1]` of array `args[0]`.
    fn item(&mut self, op: &Op, d: &ArrayDescr) -> Result<AsmMemoryOperand, CompileError> {
        let base = disp(op, d.base)?;
        self.load(rax, op.args[0]).map_err(enc)?;
        self.load(rcx, op.args[1]).map_err(enc)?;
        Ok(match d.item_size {
            1 => rax + rcx + base,
            2 => rax + rcx * 2 + base,
            4 => rax + rcx * 4 + base,
            8 => rax + rcx * 8 + base,
            n => {
                self.a.imul_3(rcx, rcx, n as i32).map_err(enc)?;
                rax + rcx + base
            }
        })
    }

    fn load_mem(
        &mut self,
        op: &Op,
        m: AsmMemoryOperand,
        size: u8,
        signed: bool,
        kind: Kind,
    ) -> R<()> {
        match (kind, size, signed) {
            (Kind::Float, 4, _) => {
                self.a.cvtss2sd(xmm0, dword_ptr(m))?;
                return self.store_f(op, xmm0);
            }
            (_, 1, true) => self.a.movsx(rax, byte_ptr(m))?,
            (_, 1, false) => self.a.movzx(rax, byte_ptr(m))?,
            (_, 2, true) => self.a.movsx(rax, word_ptr(m))?,
            (_, 2, false) => self.a.movzx(rax, word_ptr(m))?,
            (_, 4, true) => self.a.movsxd(rax, dword_ptr(m))?,
            (_, 4, false) => self.a.mov(eax, dword_ptr(m))?,
            _ => self.a.mov(rax, qword_ptr(m))?,
        }
        self.store(op, rax)
    }

    /// Stores `v` at `m`; `m` may use `rax` and `rcx` but not `rdx`.
    fn store_mem(&mut self, m: AsmMemoryOperand, size: u8, kind: Kind, v: Value) -> R<()> {
        if kind == Kind::Float && size == 4 {
            self.load_f(xmm0, v)?;
            self.a.cvtsd2ss(xmm0, xmm0)?;
            return self.a.movss(dword_ptr(m), xmm0);
        }
        self.load(rdx, v)?;
        match size {
            1 => self.a.mov(byte_ptr(m), dl),
            2 => self.a.mov(word_ptr(m), dx),
            4 => self.a.mov(dword_ptr(m), edx),
            _ => self.a.mov(qword_ptr(m), rdx),
        }
    }

    /// Calls the helper at `addr` (arguments already in place); the result is in `rax`.
    pub fn call_helper(&mut self, addr: usize) -> R<()> {
        self.a.mov(r11, addr as u64)?;
        self.a.call(r11)?;
        self.cache.forget_caller_saved();
        Ok(())
    }

    /// A call through the shim convention: the arguments in three arrays on the stack.
    fn call(&mut self, op: &Op) -> R<()> {
        let args = &op.args[1..];
        let count = |k: Kind| args.iter().filter(|v| v.kind() == k).count();
        let (ni, nr, nf) = (count(Kind::Int), count(Kind::Ref), count(Kind::Float));
        let words = ni + nr + nf + 1;
        let frame = (8 * words).div_ceil(16) * 16;
        self.a.sub(rsp, frame as i32)?;
        let mut next = [0, ni, ni + nr];
        for &v in args {
            let k = match v.kind() {
                Kind::Int => 0,
                Kind::Ref => 1,
                Kind::Float => 2,
            };
            self.load(rax, v)?;
            self.a.mov(qword_ptr(rsp + 8 * next[k] as i32), rax)?;
            next[k] += 1;
        }
        let result = 8 * (ni + nr + nf) as i32;
        self.a.mov(qword_ptr(rsp + result), 0)?;
        self.load(r11, op.args[0])?;
        self.a.lea(rdi, qword_ptr(rsp))?;
        self.a.lea(rsi, qword_ptr(rsp + 8 * ni as i32))?;
        self.a.lea(rdx, qword_ptr(rsp + 8 * (ni + nr) as i32))?;
        self.a.lea(rcx, qword_ptr(rsp + result))?;
        self.a.call(r11)?;
        self.cache.forget_caller_saved();
        self.a.mov(rax, qword_ptr(rsp + result))?;
        self.a.add(rsp, frame as i32)?;
        self.store(op, rax)
    }

    fn jump(&mut self, op: &Op) -> Result<(), CompileError> {
        // Where to: a label of this trace, another trace's label, or this trace's start.
        let own = |t: &Rc<TargetToken>| {
            self.trace.ops.iter().position(|l| {
                l.opcode == Opcode::Label && l.target().is_some_and(|lt| Rc::ptr_eq(lt, t))
            })
        };
        let (label_args, target): (Vec<Value>, Result<CodeLabel, usize>) = match op.target() {
            Some(t) => match own(t) {
                Some(p) => (self.trace.ops[p].args.clone(), Ok(self.own_labels[&p])),
                None => match self.env.targets.get(&Rc::as_ptr(t)) {
                    Some(&addr) => (Vec::new(), Err(addr)),
                    None => {
                        return Err(CompileError::UnknownTarget(format!(
                            "jump to <Label{}>, which no compiled loop has",
                            t.number
                        )))
                    }
                },
            },
            None => match self.trace.last_label() {
                Some(p) => (self.trace.ops[p].args.clone(), Ok(self.own_labels[&p])),
                None => (
                    self.trace.inputs.iter().map(|&b| b.into()).collect(),
                    Ok(self.body),
                ),
            },
        };
        // A parallel move through the exit area.
        for (j, &v) in op.args.iter().enumerate() {
            self.load(rax, v).map_err(enc)?;
            self.a
                .mov(qword_ptr(r14 + exit_slot(j)), rax)
                .map_err(enc)?;
        }
        match target {
            Ok(label) => {
                let moves = label_regs_of(&label_args)
                    .into_iter()
                    .filter_map(|(r, j)| op.args.get(j).map(|&v| (r, v)))
                    .collect();
                self.move_to_regs(moves).map_err(enc)?;
                for (j, v) in label_args.iter().enumerate() {
                    if let Value::Box(b) = v {
                        self.a
                            .mov(rax, qword_ptr(r14 + exit_slot(j)))
                            .map_err(enc)?;
                        self.a
                            .mov(qword_ptr(r15 + slot(b.index())), rax)
                            .map_err(enc)?;
                    }
                }
                self.a.jmp(label).map_err(enc)?;
            }
            Err(addr) => {
                // The other trace's label entry reads its arguments from the exit area
                // (see `Emitter::label_entry`).
                self.a.mov(r11, addr as u64).map_err(enc)?;
                self.a.jmp(r11).map_err(enc)?;
            }
        }
        Ok(())
    }
}

/// The cache registers a label's arguments arrive in: (register, argument index) for its
/// first int and ref boxes.
fn label_regs(label: &Op) -> Vec<(usize, usize)> {
    label_regs_of(&label.args)
}

fn label_regs_of(args: &[Value]) -> Vec<(usize, usize)> {
    args.iter()
        .enumerate()
        .filter(|(_, v)| matches!(v, Value::Box(b) if b.kind() != Kind::Float))
        .take(regalloc::LABEL_REGS)
        .enumerate()
        .map(|(r, (j, _))| (r, j))
        .collect()
}

/// The displacement of exit-area word `1 + j`.
pub fn exit_slot(j: usize) -> i32 {
    8 * (1 + j as i32)
}

fn disp(op: &Op, offset: usize) -> Result<i32, CompileError> {
    i32::try_from(offset).map_err(|_| unsupported(op, "with an offset past 2 GiB"))
}

fn field(op: &Op) -> Result<&FieldDescr, CompileError> {
    match &op.descr {
        Some(Descr::Field(f)) => Ok(f),
        _ => Err(unsupported(op, "without a field descr")),
    }
}

fn array(op: &Op) -> Result<&ArrayDescr, CompileError> {
    match &op.descr {
        Some(Descr::Array(d)) => Ok(d),
        _ => Err(unsupported(op, "without an array descr")),
    }
}
