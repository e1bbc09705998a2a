//! The emitter: one trace (a loop or a bridge) to machine code, one emitter per op.
//!
//! Registers: `r15` points at the frame (one slot per box, [`regalloc::slot`]), `r14` at
//! the exit area (word 0 the overflow flag of the last ovf op, words 1.. the values a
//! guard or a `finish` passes on). Both are callee-saved, so calls keep them.
//! `rbx`, `rbp`, `r12`, `r13` (kept by calls), `r8`, `r9`, `r10`, `rsi`, `rdi` and
//! `xmm2`-`xmm15` (spilled before calls, before `rdi` and `rsi` take a call's arguments)
//! hold boxes ([`regalloc::Alloc`]): an op reads its operands from them, from slots or as
//! immediates, computes in its result's register or in the scratch registers `rax`,
//! `rcx`, `rdx`, `r11`, `xmm0`, `xmm1`, and
//! [`Emitter::store`] (or `commit`, `commit_f`) gives the result its location; only
//! those, `dest`, `dest_f`, `move_to_regs`, the jumps' parallel moves and a bridge's
//! prologue write the allocatable registers.
//! The loop's prologue saves the callee-saved registers and keeps `rsp` 16-byte aligned,
//! so every call out (shims, allocation, helpers) is made at an aligned stack.
//!
//! The code is assembled in two steps: [`emit`] produces the instructions (calls and
//! jumps out of the trace as `rel32` when [`Env::region`], the range the code will be
//! placed in, is in reach of the target, else through `r11`), and [`Emitted::encode`]
//! encodes them at the address of the memory reserved for them
//! ([`Emitted::size_bound`] bytes).

use super::guards::{self, PendingStub};
use super::regalloc::{self, slot};
use super::{ExitInfo, HelperAddrs};
use crate::backend::{CompileError, GcSupport, TYPE_ID_SHIFT};
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
    /// Ordered and equal after `ucomisd` (ZF set, PF clear): `float_eq`.
    FEq,
    /// Unordered or not equal after `ucomisd` (ZF clear or PF set): `float_ne`.
    FNe,
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
            Cc::FEq => Cc::FNe,
            Cc::FNe => Cc::FEq,
        }
    }
}

/// What the emitter knows of the world outside the trace.
pub struct Env<'a> {
    /// Labels of compiled code: where they are and what they take.
    pub targets: &'a HashMap<*const TargetToken, super::TargetSite>,
    /// The exit table, to which guards and finishes add their exits.
    pub exits: &'a mut super::ExitTable,
    /// The addresses of the runtime helpers.
    pub helpers: HelperAddrs,
    /// Whether the trace is a bridge (its inputs come from the exit area).
    pub bridge: bool,
    /// The address of the counter a bridge increments at each entry, while
    /// `jit-backend-counts` is on ([`super::counts`]).
    pub count_at: Option<u64>,
    /// The address range the code will be placed in, when known before it is encoded
    /// (the arena): targets in `rel32` reach of all of it are called and jumped to
    /// directly.
    pub region: Option<std::ops::Range<usize>>,
}

impl Env<'_> {
    /// Whether a `rel32` branch from the code reaches `target`.
    pub fn reaches(&self, target: usize) -> bool {
        self.region
            .as_ref()
            .is_some_and(|r| super::codebuf::reach(r, target))
    }
}

/// A stub whose jump the backend patches when a bridge is attached: the `jmp rel32` at
/// byte offset `jmp_at` of the code jumps to the exit tail at `tail_at` (the next
/// instruction) until then. The tail has room for `mov r11, imm64; jmp r11`
/// ([`STUB_TAIL_ROOM`] bytes), written over it for a bridge out of `rel32` reach.
pub struct StubSite {
    pub guard: Rc<crate::descr::GuardDescr>,
    pub exit: u32,
    pub jmp_at: usize,
    pub tail_at: usize,
    /// For a `guard_not_invalidated`: the byte offsets of its 5-byte `nop` in the code
    /// and of the stub's start, where the invalidation's `jmp rel32` goes.
    pub invalidation: Option<(usize, usize)>,
}

/// The 5-byte `nop` (`nop dword [rax + rax + 0]`) that a `guard_not_invalidated` is
/// until its loop is invalidated; then a `jmp rel32` to its stub is written over it.
pub const NOP5: [u8; 5] = [0x0f, 0x1f, 0x44, 0x00, 0x00];

/// The bytes a stub's tail holds at least: `mov r11, imm64` (10) and `jmp r11` (3).
pub const STUB_TAIL_ROOM: usize = 13;

/// Assembled code before it is placed.
pub struct Assembled {
    pub code: Vec<u8>,
    /// Per op with code: (byte offset of its first instruction, op index).
    pub op_offsets: Vec<(usize, usize)>,
    /// Byte offsets of the first instructions of the stubs and of the epilogue.
    pub stubs_start: usize,
    pub stubs: Vec<StubSite>,
    /// The labels of the trace with the byte offset they are at (their arguments in the
    /// registers of [`label_regs`] and their slots).
    pub labels: Vec<(Rc<TargetToken>, usize)>,
}

pub(super) struct Emitter<'a, 'e> {
    pub a: CodeAssembler,
    pub env: &'a mut Env<'e>,
    pub trace: &'a Trace,
    pub stubs: Vec<PendingStub>,
    /// The out-of-line slow paths of allocations and barriers, emitted after the stubs.
    slow_paths: Vec<SlowPath>,
    pub epilogue: CodeLabel,
    body: CodeLabel,
    /// The iced labels of the trace's own labels, by op index.
    own_labels: HashMap<usize, CodeLabel>,
    /// Instruction index at which a label was last set (iced allows one label per
    /// instruction; a `nop` separates two).
    last_label_at: Option<usize>,
    /// The condition code of the comparison the next guard reads from the flags.
    flags: Option<(crate::trace::BoxId, Option<Cc>)>,
    /// Where the boxes are (see [`regalloc::Alloc`]).
    pub alloc: regalloc::Alloc,
    /// The index of the op being emitted.
    pos: u32,
    /// The trace's final jump was emitted with the guard before it (see
    /// [`Emitter::rotation_target`]).
    pub jump_done: bool,
}

/// What an out-of-line slow path calls.
#[derive(Clone, Copy)]
enum SlowCall {
    /// `malloc_fixed(type_id)`; the object in `rax` on return.
    MallocFixed(u32),
    /// `malloc_array(type_id, rdx)`; the object in `rax` on return.
    MallocArray(u32),
    /// `write_barrier_slow(rax)`.
    Barrier,
}

/// An out-of-line slow path: the fast path jumps to `entry`; it saves the caller-saved
/// registers that hold boxes (on the native stack, where the collector's scan of the
/// stack sees the references among them), calls, restores them and jumps to `back`.
struct SlowPath {
    entry: CodeLabel,
    back: CodeLabel,
    call: SlowCall,
    gprs: Vec<AsmRegister64>,
    xmms: Vec<AsmRegisterXmm>,
}

/// The allocatable general registers, in the order of [`regalloc::Alloc::held`].
pub(super) const REG: [AsmRegister64; regalloc::REGS] = [rbx, rbp, r12, r13, r8, r9, r10, rsi, rdi];

/// The allocatable xmm registers, after the general ones in [`regalloc::Alloc::held`].
pub(super) const XMM: [AsmRegisterXmm; regalloc::FREGS] = [
    xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15,
];

/// A float instruction's second operand: an xmm register or a frame slot.
#[derive(Clone, Copy)]
enum FOpnd {
    Reg(AsmRegisterXmm),
    Slot(i32),
}

/// An instruction's second operand: a register, an immediate or a frame slot.
#[derive(Clone, Copy)]
enum Opnd {
    Reg(AsmRegister64),
    Imm(i32),
    Slot(i32),
}

/// The two-operand integer instructions [`Emitter::alu`] emits.
#[derive(Clone, Copy, PartialEq)]
enum Alu {
    Add,
    Sub,
    Imul,
    And,
    Or,
    Xor,
    Cmp,
}

/// Where a parallel move takes a value from.
#[derive(Clone, Copy, PartialEq)]
enum Src {
    /// Allocatable register `n`.
    Reg(usize),
    /// `rax` or `xmm0` (the flag says which: `xmm0` when true), holding a destination's
    /// old value while a cycle of moves is broken.
    Tmp(bool),
    /// Box `n`'s frame slot.
    Slot(u32),
    /// A constant.
    Const(Value),
}

/// Where a parallel move puts a value.
#[derive(Clone, Copy, PartialEq)]
enum Dst {
    /// Allocatable register `n`.
    Reg(usize),
    /// Box `n`'s frame slot.
    Slot(u32),
}

impl Dst {
    /// The source that reads what this destination holds.
    fn as_src(self) -> Src {
        match self {
            Dst::Reg(c) => Src::Reg(c),
            Dst::Slot(s) => Src::Slot(s),
        }
    }
}

pub(super) fn enc(e: IcedError) -> CompileError {
    CompileError::Unsupported(format!("the x86-64 encoder refused an instruction: {e}"))
}

fn unsupported(op: &Op, why: &str) -> CompileError {
    CompileError::Unsupported(format!("{} {why}", op.opcode))
}

/// Emits the instructions of `trace`, to be encoded by [`Emitted::encode`]. See the module
/// doc for the register conventions.
pub fn emit(trace: &Trace, env: &mut Env<'_>) -> Result<Emitted, CompileError> {
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
        slow_paths: Vec::new(),
        epilogue,
        body,
        own_labels: HashMap::new(),
        last_label_at: None,
        flags: None,
        alloc: regalloc::Alloc::new(trace),
        pos: 0,
        jump_done: false,
    };
    let mut op_instr = Vec::new();
    let mut label_instr = Vec::new();
    // A loop's inputs are in their slots (the caller's frame); a bridge's prologue
    // places its own.
    if !e.env.bridge {
        for b in &trace.inputs {
            e.alloc.set_in_slot(b.index(), true);
        }
    }
    e.hint_label_registers();
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
            // Whoever reaches the label brings its first int and ref arguments in the
            // registers and the others in their slots (see `label_regs`).
            let regs = label_regs(op);
            for (j, v) in op.args.iter().enumerate() {
                if let Value::Box(b) = v {
                    if !regs.iter().any(|&(_, k)| k == j) {
                        e.ensure_slot(b.index()).map_err(enc)?;
                    }
                }
            }
            let moves = regs.iter().map(|&(r, j)| (r, op.args[j])).collect();
            e.move_to_regs(moves).map_err(enc)?;
            if let Some(mut l) = e.own_labels.get(&i).copied() {
                e.set_label(&mut l).map_err(enc)?;
                e.own_labels.insert(i, l);
                if let Some(t) = op.target() {
                    label_instr.push((t.clone(), e.a.instructions().len()));
                }
            }
            e.alloc.clear();
            for (j, v) in op.args.iter().enumerate() {
                if let Value::Box(b) = v {
                    // A jump back writes the slots of the arguments past the registers only.
                    e.alloc.set_in_slot(b.index(), true);
                    if let Some(&(r, _)) = regs.iter().find(|&&(_, k)| k == j) {
                        e.alloc.held[r] = Some(b.index());
                        e.alloc.set_in_slot(b.index(), false);
                    }
                }
            }
        }
        // A pure op whose result nothing reads needs no code.
        let unread = op
            .result
            .is_some_and(|b| !e.alloc.live_from(b.index(), i as u32 + 1));
        if unread && op.opcode.is_pure() && !op.opcode.is_call() {
            continue;
        }
        let start = e.a.instructions().len();
        e.op(i, op, fused[i])?;
        if e.a.instructions().len() > start {
            op_instr.push((start, i));
        }
    }
    // Each stub reads the fail args from where they were at its guard.
    let stubs_instr = e.a.instructions().len();
    let pending = std::mem::take(&mut e.stubs);
    let mut sites = Vec::new();
    for stub in pending {
        sites.push(guards::emit_stub(&mut e, stub).map_err(enc)?);
    }
    for slow in std::mem::take(&mut e.slow_paths) {
        e.emit_slow_path(slow).map_err(enc)?;
    }
    let mut epilogue = e.epilogue;
    e.set_label(&mut epilogue).map_err(enc)?;
    e.epilogue_code().map_err(enc)?;
    Ok(Emitted {
        a: e.a,
        op_instr,
        stubs_instr,
        sites,
        label_instr,
    })
}

/// A trace's instructions before they are encoded at their address.
pub struct Emitted {
    a: CodeAssembler,
    /// Per op with code: (index of its first instruction, op index).
    op_instr: Vec<(usize, usize)>,
    /// The index of the first instruction of the stubs.
    stubs_instr: usize,
    sites: Vec<guards::EmittedStub>,
    /// The labels of the trace with the index of the instruction they are at.
    label_instr: Vec<(Rc<TargetToken>, usize)>,
}

impl Emitted {
    /// The most bytes the encoded code can take: an instruction is at most 15 bytes, and
    /// a branch the encoder turns into an indirect one adds an 8-byte pointer.
    pub fn size_bound(&self) -> usize {
        24 * self.a.instructions().len() + 64
    }

    /// Encodes the instructions at address `base`.
    pub fn encode(mut self, base: usize) -> Result<Assembled, CompileError> {
        let result = self
            .a
            .assemble_options(
                base as u64,
                BlockEncoderOptions::RETURN_NEW_INSTRUCTION_OFFSETS,
            )
            .map_err(enc)?;
        let offsets = &result.inner.new_instruction_offsets;
        let at = |n: usize| {
            offsets
                .get(n)
                .map_or(result.inner.code_buffer.len(), |&o| o as usize)
        };
        let code = result.inner.code_buffer.clone();
        let mut stubs = Vec::new();
        for s in self.sites {
            let (jmp_at, tail_at) = (at(s.jmp_instr), at(s.tail_instr));
            // The stub's jump goes to its tail, which has room for a far jump.
            if code.get(jmp_at..jmp_at + 5) != Some(&[0xe9, 0, 0, 0, 0][..])
                || tail_at != jmp_at + 5
                || at(s.tail_end_instr) < tail_at + STUB_TAIL_ROOM
            {
                return Err(CompileError::Unsupported(
                    "a guard stub was not encoded as laid out".to_string(),
                ));
            }
            let invalidation = match s.nop_instr {
                Some(n) => {
                    let nop_at = at(n);
                    if code.get(nop_at..nop_at + 5) != Some(&NOP5[..]) {
                        return Err(CompileError::Unsupported(
                            "a guard_not_invalidated was not encoded as laid out".to_string(),
                        ));
                    }
                    Some((nop_at, at(s.start_instr)))
                }
                None => None,
            };
            stubs.push(StubSite {
                guard: s.guard,
                exit: s.exit,
                jmp_at,
                tail_at,
                invalidation,
            });
        }
        Ok(Assembled {
            op_offsets: self.op_instr.iter().map(|&(n, i)| (at(n), i)).collect(),
            stubs_start: at(self.stubs_instr),
            stubs,
            labels: self
                .label_instr
                .into_iter()
                .map(|(t, n)| (t, at(n)))
                .collect(),
            code,
        })
    }
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

    /// Hints the registers of the labels to the boxes the trace passes them: first those
    /// of the jumps' targets (this trace's labels or other traces'), then those of its
    /// own labels (the boxes computed before a label).
    fn hint_label_registers(&mut self) {
        let trace = self.trace;
        for op in trace.ops.iter().filter(|op| op.opcode == Opcode::Jump) {
            let label_args: Vec<Value> = match op.target() {
                Some(t) => match trace.ops.iter().find(|l| {
                    l.opcode == Opcode::Label && l.target().is_some_and(|lt| Rc::ptr_eq(lt, t))
                }) {
                    Some(l) => l.args.clone(),
                    None => match self.env.targets.get(&Rc::as_ptr(t)) {
                        Some(site) => site.args.clone(),
                        None => continue,
                    },
                },
                None => match trace.last_label() {
                    Some(p) => trace.ops[p].args.clone(),
                    None => continue,
                },
            };
            for (r, j) in label_regs_of(&label_args) {
                if let Some(Value::Box(b)) = op.args.get(j) {
                    self.alloc.set_hint(b.index(), r);
                }
            }
        }
        for op in trace.ops.iter().filter(|op| op.opcode == Opcode::Label) {
            for (r, j) in label_regs(op) {
                if let Value::Box(b) = op.args[j] {
                    self.alloc.set_hint(b.index(), r);
                }
            }
        }
    }

    fn prologue(&mut self) -> R<()> {
        if let Some(addr) = self.env.count_at {
            // Nothing is in a register yet, and the flags are dead.
            self.a.mov(r11, addr)?;
            self.a.inc(qword_ptr(r11))?;
        }
        if self.env.bridge {
            // A bridge's inputs are the failing guard's fail args, in the exit area. They
            // go to registers as results do, or else to their slots; all to their slots
            // when a jump comes back to the bridge's start (which takes them there).
            let to_start = self.trace.last_label().is_none()
                && self
                    .trace
                    .ops
                    .iter()
                    .any(|op| op.opcode == Opcode::Jump && op.target().is_none());
            for (j, &b) in self.trace.inputs.iter().enumerate() {
                let i = b.index();
                let reg = if to_start {
                    None
                } else {
                    self.alloc.choose(i, 0)
                };
                match reg {
                    Some(c) => {
                        self.evict(c, 0)?;
                        self.mem_to_reg(c, r14 + exit_slot(j))?;
                        self.alloc.held[c] = Some(i);
                    }
                    None => {
                        self.a.mov(rax, qword_ptr(r14 + exit_slot(j)))?;
                        self.a.mov(qword_ptr(r15 + slot(i)), rax)?;
                        self.alloc.set_in_slot(i, true);
                    }
                }
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
            if let Some(c) = self.alloc.find(b.index()) {
                return match c.checked_sub(regalloc::REGS) {
                    None => self.a.mov(r, REG[c]),
                    Some(x) => self.a.movq(r, XMM[x]),
                };
            }
            debug_assert!(
                self.alloc.slot_valid(b.index()),
                "{b} is read at op {} but is in no register and not in its slot",
                self.pos
            );
        }
        self.load_home(r, v)
    }

    /// The register holding `v`: its own if it has one, else `scratch` loaded with it.
    /// The caller must not write the register it gets.
    pub fn reg_of(&mut self, v: Value, scratch: AsmRegister64) -> R<AsmRegister64> {
        if let Value::Box(b) = v {
            if let Some(c) = self.alloc.find(b.index()).filter(|&c| c < regalloc::REGS) {
                return Ok(REG[c]);
            }
        }
        self.load(scratch, v)?;
        Ok(scratch)
    }

    /// `v` as a second operand: its register, a 32-bit immediate, or its slot; other
    /// constants are loaded into `scratch`.
    fn opnd(&mut self, v: Value, scratch: AsmRegister64) -> R<Opnd> {
        match v {
            Value::Box(b) => match self.alloc.find(b.index()) {
                Some(c) if c < regalloc::REGS => Ok(Opnd::Reg(REG[c])),
                Some(_) => {
                    self.load(scratch, v)?;
                    Ok(Opnd::Reg(scratch))
                }
                None => {
                    debug_assert!(self.alloc.slot_valid(b.index()), "{b} has no location");
                    Ok(Opnd::Slot(slot(b.index())))
                }
            },
            c => match i32::try_from(c.const_bits().unwrap_or(0) as i64) {
                Ok(imm) => Ok(Opnd::Imm(imm)),
                Err(_) => {
                    self.load_home(scratch, c)?;
                    Ok(Opnd::Reg(scratch))
                }
            },
        }
    }

    /// `dst = dst <op> src` (or `cmp dst, src`).
    fn alu(&mut self, op: Alu, dst: AsmRegister64, src: Opnd) -> R<()> {
        macro_rules! emit {
            ($m:ident) => {
                match src {
                    Opnd::Reg(s) => self.a.$m(dst, s),
                    Opnd::Imm(i) => self.a.$m(dst, i),
                    Opnd::Slot(d) => self.a.$m(dst, qword_ptr(r15 + d)),
                }
            };
        }
        match op {
            Alu::Add => emit!(add),
            Alu::Sub => emit!(sub),
            Alu::And => emit!(and),
            Alu::Or => emit!(or),
            Alu::Xor => emit!(xor),
            Alu::Cmp => emit!(cmp),
            Alu::Imul => match src {
                Opnd::Reg(s) => self.a.imul_2(dst, s),
                Opnd::Imm(i) => self.a.imul_3(dst, dst, i),
                Opnd::Slot(d) => self.a.imul_2(dst, qword_ptr(r15 + d)),
            },
        }
    }

    /// Sets the flags from `x` compared with `y` (`cmp`).
    pub fn compare(&mut self, x: Value, y: Value) -> R<()> {
        let r = self.reg_of(x, rax)?;
        self.compare_reg(r, y)
    }

    /// Sets the flags from register `r` compared with `y` (`cmp`; uses `rcx`).
    pub fn compare_reg(&mut self, r: AsmRegister64, y: Value) -> R<()> {
        let y = self.opnd(y, rcx)?;
        self.alu(Alu::Cmp, r, y)
    }

    /// Sets the flags from `v` compared with zero (`test`).
    pub fn test_value(&mut self, v: Value) -> R<()> {
        let r = self.reg_of(v, rax)?;
        self.a.test(r, r)
    }

    /// Writes box `b` to its slot if the slot does not hold it yet (it is then in a
    /// register).
    fn ensure_slot(&mut self, b: u32) -> R<()> {
        if self.alloc.slot_valid(b) {
            return Ok(());
        }
        if let Some(r) = self.alloc.find(b) {
            self.reg_to_mem(r15 + slot(b), r)?;
            self.alloc.set_in_slot(b, true);
        }
        Ok(())
    }

    /// Empties register `r` for a new value at op `self.pos`, writing its box to its
    /// slot when it is still needed.
    fn evict(&mut self, r: usize, from: u32) -> R<()> {
        if let Some(h) = self.alloc.needs_spill(r, from) {
            self.reg_to_mem(r15 + slot(h), r)?;
            self.alloc.set_in_slot(h, true);
        }
        self.alloc.held[r] = None;
        Ok(())
    }

    /// Before a call: writes the boxes of the caller-saved registers (the xmm ones too)
    /// that are read at op `from` or later to their slots, and forgets those registers.
    fn spill_caller_saved(&mut self, from: u32) -> R<()> {
        for r in regalloc::CALLEE_SAVED..regalloc::ALL {
            self.evict(r, from)?;
        }
        Ok(())
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

    /// Loads float `v` into `x` (clobbers `r11` for a constant).
    fn load_f(&mut self, x: AsmRegisterXmm, v: Value) -> R<()> {
        if let Value::Box(b) = v {
            if let Some(c) = self.alloc.find(b.index()) {
                return match c.checked_sub(regalloc::REGS) {
                    Some(f) if XMM[f] == x => Ok(()),
                    Some(f) => self.a.movapd(x, XMM[f]),
                    None => self.a.movq(x, REG[c]),
                };
            }
        }
        self.load_home_f(x, v)
    }

    /// Loads float `v` into `x` from its frame slot (or the constant, through `r11`).
    fn load_home_f(&mut self, x: AsmRegisterXmm, v: Value) -> R<()> {
        match v {
            Value::Box(b) => self.a.movsd_2(x, qword_ptr(r15 + slot(b.index()))),
            c => match c.const_bits().unwrap_or(0) {
                0 => self.a.xorpd(x, x),
                bits => {
                    self.a.mov(r11, bits)?;
                    self.a.movq(x, r11)
                }
            },
        }
    }

    /// The xmm register holding float `v`: its own if it has one (see
    /// [`Emitter::reload_f`]), else `scratch` loaded with it. The caller must not write
    /// the register it gets.
    fn freg_of(&mut self, v: Value, scratch: AsmRegisterXmm) -> R<AsmRegisterXmm> {
        if let Value::Box(b) = v {
            self.reload_f(b.index())?;
            if let Some(c) = self.alloc.find(b.index()) {
                if let Some(f) = c.checked_sub(regalloc::REGS) {
                    return Ok(XMM[f]);
                }
            }
        }
        self.load_f(scratch, v)?;
        Ok(scratch)
    }

    /// Loads float box `b`, in its slot only (after a call emptied the xmm registers),
    /// into a free xmm register when it is read again after this op, so that the later
    /// reads find it there. A register is free when it holds nothing or a box nothing
    /// reads from this op on: no operand of this op is in it, and nothing is spilled.
    fn reload_f(&mut self, b: u32) -> R<()> {
        let pos = self.pos;
        if self.alloc.find(b).is_some()
            || !self.alloc.slot_valid(b)
            || !self.alloc.live_from(b, pos + 1)
            || !self.alloc.is_float(b)
        {
            return Ok(());
        }
        let free = (regalloc::REGS..regalloc::ALL)
            .find(|&c| self.alloc.held[c].is_none_or(|h| !self.alloc.live_from(h, pos)));
        if let Some(c) = free {
            self.a
                .movsd_2(XMM[c - regalloc::REGS], qword_ptr(r15 + slot(b)))?;
            self.alloc.held[c] = Some(b);
        }
        Ok(())
    }

    /// Float `v` as a second operand: its register or its slot (see
    /// [`Emitter::reload_f`]); constants are loaded into `scratch`.
    fn fopnd(&mut self, v: Value, scratch: AsmRegisterXmm) -> R<FOpnd> {
        if let Value::Box(b) = v {
            self.reload_f(b.index())?;
            match self.alloc.find(b.index()) {
                Some(c) if c >= regalloc::REGS => return Ok(FOpnd::Reg(XMM[c - regalloc::REGS])),
                None if self.alloc.slot_valid(b.index()) => {
                    return Ok(FOpnd::Slot(slot(b.index())))
                }
                _ => {}
            }
        }
        self.load_f(scratch, v)?;
        Ok(FOpnd::Reg(scratch))
    }

    /// `mov` or `movsd` of allocatable register `c` (either class) to memory.
    fn reg_to_mem(&mut self, m: AsmMemoryOperand, c: usize) -> R<()> {
        match c.checked_sub(regalloc::REGS) {
            None => self.a.mov(qword_ptr(m), REG[c]),
            Some(f) => self.a.movsd_2(qword_ptr(m), XMM[f]),
        }
    }

    /// `mov` or `movsd` of memory to allocatable register `c` (either class).
    fn mem_to_reg(&mut self, c: usize, m: AsmMemoryOperand) -> R<()> {
        match c.checked_sub(regalloc::REGS) {
            None => self.a.mov(REG[c], qword_ptr(m)),
            Some(f) => self.a.movsd_2(XMM[f], qword_ptr(m)),
        }
    }

    /// The register `op`'s int or ref result is computed into: the one it is given (now
    /// recorded as holding it, its previous box written to its slot if still needed), or
    /// `rax` when it gets none ([`Emitter::commit`] then stores it). Called after the
    /// operands are read: the registers keep their contents until written, but the
    /// records no longer know the box that was evicted.
    fn dest(&mut self, op: &Op) -> R<AsmRegister64> {
        let Some(b) = op.result.filter(|b| b.kind() != Kind::Float) else {
            return Ok(rax);
        };
        let (b, pos) = (b.index(), self.pos);
        self.alloc.set_in_slot(b, false);
        match self.result_reg(op, b) {
            Some(c) => {
                self.evict(c, pos + 1)?;
                self.alloc.held[c] = Some(b);
                Ok(REG[c])
            }
            None => Ok(rax),
        }
    }

    /// The register for `op`'s result `b` ([`regalloc::Alloc::choose`]), except that
    /// the register of `op`'s first operand, when that box is read no more, comes right
    /// after `b`'s hint: the op then computes in place.
    fn result_reg(&self, op: &Op, b: u32) -> Option<usize> {
        let from = self.pos + 1;
        if !self.alloc.live_from(b, from) {
            return None;
        }
        if let Some(r) = self.alloc.free_hint(b, from) {
            return Some(r);
        }
        if let Some(Value::Box(x)) = op.args.first() {
            if let Some(c) = self.alloc.find(x.index()) {
                let alone = self
                    .alloc
                    .held
                    .iter()
                    .filter(|&&h| h == Some(x.index()))
                    .count()
                    == 1;
                if self.alloc.class(b).contains(&c)
                    && alone
                    && !self.alloc.live_from(x.index(), from)
                {
                    return Some(c);
                }
            }
        }
        self.alloc.choose(b, from)
    }

    /// Finishes the definition of `op`'s result computed in `r`, the register
    /// [`Emitter::dest`] gave.
    fn commit(&mut self, op: &Op, r: AsmRegister64) -> R<()> {
        if r == rax {
            self.store(op, rax)
        } else {
            Ok(())
        }
    }

    /// The xmm register `op`'s float result is computed into: the one it is given (as
    /// [`Emitter::dest`] does), or `xmm0` when it gets none ([`Emitter::commit_f`] then
    /// writes it to its slot if anything reads it).
    fn dest_f(&mut self, op: &Op) -> R<AsmRegisterXmm> {
        let Some(b) = op.result else {
            return Ok(xmm0);
        };
        let (b, pos) = (b.index(), self.pos);
        self.alloc.set_in_slot(b, false);
        match self.result_reg(op, b) {
            Some(c) => {
                self.evict(c, pos + 1)?;
                self.alloc.held[c] = Some(b);
                Ok(XMM[c - regalloc::REGS])
            }
            None => Ok(xmm0),
        }
    }

    /// Finishes the definition of `op`'s float result computed in `x`, the register
    /// [`Emitter::dest_f`] gave.
    fn commit_f(&mut self, op: &Op, x: AsmRegisterXmm) -> R<()> {
        match op.result {
            Some(b) if x == xmm0 && self.alloc.live_from(b.index(), self.pos + 1) => {
                self.alloc.set_in_slot(b.index(), true);
                self.a.movsd_2(qword_ptr(r15 + slot(b.index())), x)
            }
            _ => Ok(()),
        }
    }

    /// `movapd x, y`, or nothing when `y` is `x`, or `movsd` from a slot.
    fn mov_fopnd(&mut self, x: AsmRegisterXmm, y: FOpnd) -> R<()> {
        match y {
            FOpnd::Reg(r) if r == x => Ok(()),
            FOpnd::Reg(r) => self.a.movapd(x, r),
            FOpnd::Slot(d) => self.a.movsd_2(x, qword_ptr(r15 + d)),
        }
    }

    /// `mov r, x`, or nothing when `x` is `r`.
    fn mov_opnd(&mut self, r: AsmRegister64, x: Opnd) -> R<()> {
        match x {
            Opnd::Reg(s) if s == r => Ok(()),
            Opnd::Reg(s) => self.a.mov(r, s),
            Opnd::Imm(i) => self.a.add_instruction(iced_x86::Instruction::with2(
                iced_x86::Code::Mov_rm64_imm32,
                iced_x86::Register::from(r),
                i,
            )?),
            Opnd::Slot(d) => self.a.mov(r, qword_ptr(r15 + d)),
        }
    }

    /// Gives `op`'s result, in `r`, its location: a register (spilling the value read
    /// farthest away), else its slot if anything reads it, else nowhere. Keeps the flags.
    fn store(&mut self, op: &Op, r: AsmRegister64) -> R<()> {
        let Some(b) = op.result else { return Ok(()) };
        let (b, pos) = (b.index(), self.pos);
        self.alloc.set_in_slot(b, false);
        match self.alloc.choose(b, pos + 1) {
            Some(c) => {
                self.evict(c, pos + 1)?;
                match c.checked_sub(regalloc::REGS) {
                    None => self.a.mov(REG[c], r)?,
                    Some(f) => self.a.movq(XMM[f], r)?,
                }
                self.alloc.held[c] = Some(b);
            }
            None if self.alloc.live_from(b, pos + 1) => {
                self.a.mov(qword_ptr(r15 + slot(b)), r)?;
                self.alloc.set_in_slot(b, true);
            }
            None => {}
        }
        Ok(())
    }

    /// Sets registers from values at once (a parallel move): `moves` pairs an allocatable
    /// register with the value it receives (of its class). Clobbers `rax`, `xmm0` and
    /// `r11`; leaves `alloc` unchanged.
    fn move_to_regs(&mut self, moves: Vec<(usize, Value)>) -> R<()> {
        let moves = moves.into_iter().map(|(d, v)| (Dst::Reg(d), v)).collect();
        self.parallel_move(moves)
    }

    /// Sets registers and frame slots from values at once: `moves` pairs a destination
    /// with the value it receives (a register of the value's class, or a slot), read
    /// from its register if it has one, else from its slot or as a constant. A move is
    /// made once no other pending move reads its destination; when every pending move's
    /// destination is still to be read (a cycle), one destination is saved in `rax` (or
    /// `xmm0`) and its readers read that. A slot receives a slot's value through `r11`.
    /// Clobbers `rax`, `xmm0` and `r11`; leaves `alloc` unchanged.
    /// Where `v` is now, as a move's source.
    fn source_of(&self, v: Value) -> Src {
        match v {
            Value::Box(b) => match self.alloc.find(b.index()) {
                Some(c) => Src::Reg(c),
                None => Src::Slot(b.index()),
            },
            c => Src::Const(c),
        }
    }

    fn parallel_move(&mut self, moves: Vec<(Dst, Value)>) -> R<()> {
        let mut pending: Vec<(Dst, Src)> = moves
            .into_iter()
            .map(|(d, v)| (d, self.source_of(v)))
            .filter(|&(d, s)| s != d.as_src())
            .collect();
        while !pending.is_empty() {
            let ready = pending
                .iter()
                .position(|&(d, _)| !pending.iter().any(|&(_, s)| s == d.as_src()));
            match ready {
                Some(k) => {
                    let (d, s) = pending.remove(k);
                    self.move_one(d, s)?;
                }
                None => {
                    // A cycle: save one destination in `rax` (or `xmm0`); the cycle is
                    // done before another one is broken, so one temporary is enough.
                    let d = pending[0].0;
                    let float = match d {
                        Dst::Reg(c) => match c.checked_sub(regalloc::REGS) {
                            None => {
                                self.a.mov(rax, REG[c])?;
                                false
                            }
                            Some(f) => {
                                self.a.movapd(xmm0, XMM[f])?;
                                true
                            }
                        },
                        Dst::Slot(s) => {
                            self.a.mov(rax, qword_ptr(r15 + slot(s)))?;
                            false
                        }
                    };
                    for m in &mut pending {
                        if m.1 == d.as_src() {
                            m.1 = Src::Tmp(float);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// One move of [`Emitter::parallel_move`]: the bits of `s` to `d`.
    fn move_one(&mut self, d: Dst, s: Src) -> R<()> {
        match d {
            Dst::Reg(c) => match (c.checked_sub(regalloc::REGS), s) {
                (None, Src::Reg(o)) => match o.checked_sub(regalloc::REGS) {
                    None => self.a.mov(REG[c], REG[o]),
                    Some(g) => self.a.movq(REG[c], XMM[g]),
                },
                (None, Src::Tmp(false)) => self.a.mov(REG[c], rax),
                (None, Src::Tmp(true)) => self.a.movq(REG[c], xmm0),
                (None, Src::Slot(b)) => self.a.mov(REG[c], qword_ptr(r15 + slot(b))),
                (None, Src::Const(v)) => self.load_home(REG[c], v),
                (Some(f), Src::Reg(o)) => match o.checked_sub(regalloc::REGS) {
                    None => self.a.movq(XMM[f], REG[o]),
                    Some(g) => self.a.movapd(XMM[f], XMM[g]),
                },
                (Some(f), Src::Tmp(false)) => self.a.movq(XMM[f], rax),
                (Some(f), Src::Tmp(true)) => self.a.movapd(XMM[f], xmm0),
                (Some(f), Src::Slot(b)) => self.a.movsd_2(XMM[f], qword_ptr(r15 + slot(b))),
                (Some(f), Src::Const(v)) => self.load_home_f(XMM[f], v),
            },
            Dst::Slot(t) => {
                let m = r15 + slot(t);
                match s {
                    Src::Reg(o) => self.reg_to_mem(m, o),
                    Src::Tmp(false) => self.a.mov(qword_ptr(m), rax),
                    Src::Tmp(true) => self.a.movsd_2(qword_ptr(m), xmm0),
                    Src::Slot(b) => {
                        self.a.mov(r11, qword_ptr(r15 + slot(b)))?;
                        self.a.mov(qword_ptr(m), r11)
                    }
                    Src::Const(v) => {
                        self.load_home(r11, v)?;
                        self.a.mov(qword_ptr(m), r11)
                    }
                }
            }
        }
    }

    /// Sets `al` to 1 when the flags satisfy `cc`, else 0, leaving the flags alone
    /// (`FEq` and `FNe` set all of `eax` and clobber `ecx`).
    fn setcc(&mut self, cc: Cc) -> R<()> {
        // The bits of `mov ecx, imm32`, which unlike `xor` keeps the flags.
        let mov_ecx = |a: &mut CodeAssembler, imm: u32| {
            a.add_instruction(iced_x86::Instruction::with2(
                iced_x86::Code::Mov_r32_imm32,
                iced_x86::Register::ECX,
                imm,
            )?)
        };
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
            // Equal, but 0 when unordered (PF).
            Cc::FEq => {
                self.a.sete(al)?;
                self.a.movzx(eax, al)?;
                mov_ecx(&mut self.a, 0)?;
                self.a.cmovp(eax, ecx)
            }
            // Not equal, or 1 when unordered (PF).
            Cc::FNe => {
                self.a.setne(al)?;
                self.a.movzx(eax, al)?;
                mov_ecx(&mut self.a, 1)?;
                self.a.cmovp(eax, ecx)
            }
        }
    }

    /// Jumps to `l` when the flags satisfy `cc`.
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
            Cc::FEq => {
                let mut unordered = self.a.create_label();
                self.a.jp(unordered)?;
                self.a.je(l)?;
                self.set_label(&mut unordered)
            }
            Cc::FNe => {
                self.a.jne(l)?;
                self.a.jp(l)
            }
        }
    }

    /// Stores `al` (0 or 1) as `op`'s result, leaving the flags alone.
    fn store_bool(&mut self, op: &Op) -> R<()> {
        self.a.movzx(eax, al)?;
        self.store(op, rax)
    }

    // ------------------------------------------------------------ ops

    fn op(&mut self, index: usize, op: &Op, fused: Option<u32>) -> Result<(), CompileError> {
        use Opcode::*;
        // The comparison in the flags survives the ops that keep them, until a guard.
        let flags = if op.opcode.is_guard() {
            self.flags.take()
        } else {
            if !regalloc::keeps_flags(op) {
                self.flags = None;
            }
            None
        };
        match op.opcode {
            IntAdd | IntSub | IntMul | IntAnd | IntOr | IntXor | IntAddOvf | IntSubOvf
            | IntMulOvf => {
                let mut x = self.opnd(op.args[0], rax).map_err(enc)?;
                let mut src = self.opnd(op.args[1], rcx).map_err(enc)?;
                let dst = self.dest(op).map_err(enc)?;
                // Computed in place, unless the result's register holds the second
                // operand (and not the first): then a commutative op swaps them (the
                // overflow flag of `add` and `imul` does not depend on the order).
                let mut clobbers = matches!(src, Opnd::Reg(s) if s == dst)
                    && !matches!(x, Opnd::Reg(s) if s == dst);
                if clobbers && !matches!(op.opcode, IntSub | IntSubOvf) {
                    (x, src) = (src, x);
                    clobbers = false;
                }
                // An `int_add` or `int_sub` (of a constant) into another register than
                // its first operand's is one `lea`, which needs no flags.
                if let Opnd::Reg(xr) = x {
                    let address = match (op.opcode, src) {
                        _ if xr == dst => None,
                        (IntAdd, Opnd::Imm(i)) => Some(xr + i),
                        (IntSub, Opnd::Imm(i)) if i != i32::MIN => Some(xr - i),
                        (IntAdd, Opnd::Reg(s)) => Some(xr + s),
                        _ => None,
                    };
                    if let Some(address) = address {
                        self.a.lea(dst, qword_ptr(address)).map_err(enc)?;
                        self.commit(op, dst).map_err(enc)?;
                        return Ok(());
                    }
                    // A mask of the low byte or word is one `movzx` (which writes the
                    // whole register: a 32-bit write clears the upper half).
                    let allocatable = REG.contains(&xr) && (dst == rax || REG.contains(&dst));
                    if let (IntAnd, Opnd::Imm(m @ (0xFF | 0xFFFF)), true) =
                        (op.opcode, src, allocatable)
                    {
                        let (low8, low16, _) = narrow(xr);
                        if m == 0xFF {
                            self.a.movzx(r32(dst), low8).map_err(enc)?;
                        } else {
                            self.a.movzx(r32(dst), low16).map_err(enc)?;
                        }
                        self.commit(op, dst).map_err(enc)?;
                        return Ok(());
                    }
                }
                let r = if clobbers { rax } else { dst };
                self.mov_opnd(r, x).map_err(enc)?;
                let alu = match op.opcode {
                    IntAdd | IntAddOvf => Alu::Add,
                    IntSub | IntSubOvf => Alu::Sub,
                    IntMul | IntMulOvf => Alu::Imul,
                    IntAnd => Alu::And,
                    IntOr => Alu::Or,
                    _ => Alu::Xor,
                };
                self.alu(alu, r, src).map_err(enc)?;
                if op.opcode.is_ovf() {
                    // The flag for a guard that does not follow directly; the one that
                    // does branches on OF itself (seto/movzx/mov keep the flags).
                    self.a.seto(cl).map_err(enc)?;
                    self.a.movzx(ecx, cl).map_err(enc)?;
                    self.a.mov(qword_ptr(r14), rcx).map_err(enc)?;
                }
                if clobbers {
                    self.a.mov(dst, rax).map_err(enc)?;
                }
                self.commit(op, dst).map_err(enc)?;
            }
            IntFloorDiv | IntMod | UintFloorDiv | UintMod => self.division(op).map_err(enc)?,
            IntLshift | IntRshift | UintRshift => {
                let x = self.opnd(op.args[0], rax).map_err(enc)?;
                match op.args[1].as_int() {
                    // The count is taken modulo 64, as `shl rax, cl` takes it.
                    Some(n) => {
                        let n = (n & 63) as i32;
                        let dst = self.dest(op).map_err(enc)?;
                        self.mov_opnd(dst, x).map_err(enc)?;
                        match op.opcode {
                            IntLshift => self.a.shl(dst, n),
                            IntRshift => self.a.sar(dst, n),
                            _ => self.a.shr(dst, n),
                        }
                        .map_err(enc)?;
                        self.commit(op, dst).map_err(enc)?;
                    }
                    None => {
                        self.mov_opnd(rax, x).map_err(enc)?;
                        self.load(rcx, op.args[1]).map_err(enc)?;
                        match op.opcode {
                            IntLshift => self.a.shl(rax, cl),
                            IntRshift => self.a.sar(rax, cl),
                            _ => self.a.shr(rax, cl),
                        }
                        .map_err(enc)?;
                        self.store(op, rax).map_err(enc)?;
                    }
                }
            }
            IntNeg | IntInvert => {
                let x = self.opnd(op.args[0], rax).map_err(enc)?;
                let dst = self.dest(op).map_err(enc)?;
                self.mov_opnd(dst, x).map_err(enc)?;
                if op.opcode == IntNeg {
                    self.a.neg(dst)
                } else {
                    self.a.not(dst)
                }
                .map_err(enc)?;
                self.commit(op, dst).map_err(enc)?;
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
                self.compare(op.args[0], op.args[1]).map_err(enc)?;
                self.compare_result(op, cc, fused).map_err(enc)?;
            }
            IntIsZero | IntIsTrue => {
                self.test_value(op.args[0]).map_err(enc)?;
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
                let x = self.fopnd(op.args[0], xmm0).map_err(enc)?;
                let y = self.fopnd(op.args[1], xmm1).map_err(enc)?;
                let dst = self.dest_f(op).map_err(enc)?;
                // Computed in place, unless the result's register holds the second
                // operand (and not the first).
                let clobbers = matches!(y, FOpnd::Reg(r) if r == dst)
                    && !matches!(x, FOpnd::Reg(r) if r == dst);
                let r = if clobbers { xmm0 } else { dst };
                self.mov_fopnd(r, x).map_err(enc)?;
                macro_rules! emit {
                    ($m:ident) => {
                        match y {
                            FOpnd::Reg(s) => self.a.$m(r, s),
                            FOpnd::Slot(d) => self.a.$m(r, qword_ptr(r15 + d)),
                        }
                    };
                }
                match op.opcode {
                    FloatAdd => emit!(addsd),
                    FloatSub => emit!(subsd),
                    FloatMul => emit!(mulsd),
                    _ => emit!(divsd),
                }
                .map_err(enc)?;
                if clobbers {
                    self.a.movapd(dst, xmm0).map_err(enc)?;
                }
                self.commit_f(op, dst).map_err(enc)?;
            }
            FloatNeg | FloatAbs => {
                // On the bits, in xmm registers: flip the sign bit (`xorpd` with the
                // sign mask in `xmm1`) or clear it (`andpd` with its complement).
                let x = self.fopnd(op.args[0], xmm0).map_err(enc)?;
                let dst = self.dest_f(op).map_err(enc)?;
                self.a.pcmpeqd(xmm1, xmm1).map_err(enc)?;
                if op.opcode == FloatNeg {
                    self.a.psllq(xmm1, 63).map_err(enc)?;
                    self.mov_fopnd(dst, x).map_err(enc)?;
                    self.a.xorpd(dst, xmm1).map_err(enc)?;
                } else {
                    self.a.psrlq(xmm1, 1).map_err(enc)?;
                    self.mov_fopnd(dst, x).map_err(enc)?;
                    self.a.andpd(dst, xmm1).map_err(enc)?;
                }
                self.commit_f(op, dst).map_err(enc)?;
            }
            CastIntToFloat => {
                let x = self.reg_of(op.args[0], rax).map_err(enc)?;
                let dst = self.dest_f(op).map_err(enc)?;
                self.a.cvtsi2sd(dst, x).map_err(enc)?;
                self.commit_f(op, dst).map_err(enc)?;
            }
            CastFloatToInt => {
                // Saturating like Rust's `as`, which cvttsd2si is not: a helper call.
                self.load_f(xmm0, op.args[0]).map_err(enc)?;
                self.call_helper(self.env.helpers.float_to_int)
                    .map_err(enc)?;
                self.store(op, rax).map_err(enc)?;
            }
            SameAsF => {
                let x = self.fopnd(op.args[0], xmm0).map_err(enc)?;
                let dst = self.dest_f(op).map_err(enc)?;
                self.mov_fopnd(dst, x).map_err(enc)?;
                self.commit_f(op, dst).map_err(enc)?;
            }
            SameAsI | SameAsR => {
                let x = self.opnd(op.args[0], rax).map_err(enc)?;
                let dst = self.dest(op).map_err(enc)?;
                self.mov_opnd(dst, x).map_err(enc)?;
                self.commit(op, dst).map_err(enc)?;
            }
            GetfieldGcI | GetfieldGcR | GetfieldGcF | GetfieldRawI | GetfieldRawF => {
                let f = field(op)?;
                let offset = disp(op, f.offset)?;
                let base = self.reg_of(op.args[0], rax).map_err(enc)?;
                self.load_mem(op, base + offset, f.size, f.signed, f.kind)
                    .map_err(enc)?;
            }
            SetfieldGc | SetfieldRaw => {
                let f = field(op)?;
                let offset = disp(op, f.offset)?;
                let base = self.reg_of(op.args[0], rax).map_err(enc)?;
                self.store_mem(base + offset, f.size, f.kind, op.args[1])
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
                let base = self.reg_of(op.args[0], rax).map_err(enc)?;
                let dst = self.dest(op).map_err(enc)?;
                self.a.mov(dst, qword_ptr(base + offset)).map_err(enc)?;
                self.commit(op, dst).map_err(enc)?;
            }
            New | NewWithVtable => {
                let d = match &op.descr {
                    Some(Descr::Size(d)) => d.clone(),
                    _ => return Err(unsupported(op, "without a size descr")),
                };
                if let (Some(t), Some(_)) = (d.type_id, self.env.helpers.gc) {
                    self.gc_new(op, t, d.size).map_err(enc)?;
                    return Ok(());
                }
                let size = d.size.max(8);
                // `rdi` and `rsi` are allocatable: empty them before they take the
                // helper's arguments.
                self.spill_caller_saved(self.pos).map_err(enc)?;
                self.a
                    .mov(rdi, self.env.helpers.alloc_ctx as u64)
                    .map_err(enc)?;
                self.a.mov(rsi, size as u64).map_err(enc)?;
                // The hook gets the class (0 for none).
                self.a.mov(edx, d.type_id.unwrap_or(0)).map_err(enc)?;
                self.call_helper(self.env.helpers.alloc).map_err(enc)?;
                if let Some(t) = d.type_id {
                    self.a
                        .mov(rcx, u64::from(t) << TYPE_ID_SHIFT)
                        .map_err(enc)?;
                    self.a.mov(qword_ptr(rax), rcx).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            NewArray | NewArrayClear => {
                let d = array(op)?;
                if let (Some(t), Some(_)) = (d.type_id, self.env.helpers.gc) {
                    return self.gc_new_array(op, d, t);
                }
                let base = disp(op, d.base)?;
                // size = max(base + len * item_size, length_offset + 8), rounded up to 8
                // for a GC array; `rsi` and `rdi` are allocatable, so they are emptied
                // first.
                self.spill_caller_saved(self.pos).map_err(enc)?;
                self.load(rsi, op.args[0]).map_err(enc)?;
                self.a.imul_3(rsi, rsi, d.item_size as i32).map_err(enc)?;
                self.a.add(rsi, base).map_err(enc)?;
                if d.type_id.is_some() {
                    self.a.add(rsi, 7).map_err(enc)?;
                    self.a.and(rsi, -8).map_err(enc)?;
                }
                if let Some(lo) = d.length_offset {
                    let min = disp(op, lo + 8)?;
                    self.a.mov(rcx, min as u64).map_err(enc)?;
                    self.a.cmp(rsi, rcx).map_err(enc)?;
                    self.a.cmovb(rsi, rcx).map_err(enc)?;
                }
                self.a
                    .mov(rdi, self.env.helpers.alloc_ctx as u64)
                    .map_err(enc)?;
                self.a.xor(edx, edx).map_err(enc)?;
                self.call_helper(self.env.helpers.alloc).map_err(enc)?;
                if let Some(t) = d.type_id {
                    self.a
                        .mov(rcx, u64::from(t) << TYPE_ID_SHIFT)
                        .map_err(enc)?;
                    self.a.mov(qword_ptr(rax), rcx).map_err(enc)?;
                }
                if let Some(lo) = d.length_offset {
                    let lo = disp(op, lo)?;
                    self.load(rcx, op.args[0]).map_err(enc)?;
                    self.a.mov(qword_ptr(rax + lo), rcx).map_err(enc)?;
                }
                self.store(op, rax).map_err(enc)?;
            }
            CondCallGcWb => {
                if self.env.helpers.gc.is_some() {
                    let f = field(op)?;
                    let offset = disp(op, f.offset)?;
                    let base = self.reg_of(op.args[0], rax).map_err(enc)?;
                    self.gc_barrier(base + offset).map_err(enc)?;
                }
            }
            CondCallGcWbArray => {
                if self.env.helpers.gc.is_some() {
                    let d = array(op)?;
                    let m = self.item(op, d)?;
                    self.gc_barrier(m).map_err(enc)?;
                }
            }
            RecordKnownClass => {}
            _ if op.opcode.is_call() => self.call(op).map_err(enc)?,
            GuardTrue | GuardFalse | GuardValue | GuardClass | GuardNonnull | GuardIsnull
            | GuardNonnullClass | GuardNoException | GuardNoOverflow | GuardOverflow
            | GuardNotInvalidated | GuardNotForced => guards::emit_guard(self, index, op, flags)?,
            Label | DebugMergePoint | QuasiimmutField => {}
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

    /// After a compare: the flags hold `cc`; store the bool unless only the guard at
    /// `fused` reads it, and leave the flags for that guard.
    fn compare_result(&mut self, op: &Op, cc: Cc, fused: Option<u32>) -> R<()> {
        if let (Some(k), Some(b)) = (fused, op.result) {
            self.flags = Some((b, Some(cc)));
            // Read by the guard alone (not even as a fail arg): the flags are enough.
            let in_fail_args = self.trace.ops[k as usize]
                .fail_args
                .iter()
                .flatten()
                .any(|v| *v == Value::Box(b));
            let first = self.alloc.use_from(b.index(), self.pos + 1);
            if !in_fail_args && first == k && !self.alloc.live_from(b.index(), k + 1) {
                return Ok(());
            }
        }
        self.setcc(cc)?;
        self.store_bool(op)
    }

    fn float_compare(&mut self, op: &Op, fused: Option<u32>) -> R<()> {
        use Opcode::*;
        // ucomisd x, y: CF when x < y, ZF when equal, ZF, PF and CF when unordered; so
        // "above" (CF = ZF = 0) and "above or equal" (CF = 0) are false on NaN, and
        // equality needs PF too (`Cc::FEq`, `Cc::FNe`).
        let (x, y) = match op.opcode {
            FloatLt | FloatLe => (op.args[1], op.args[0]),
            _ => (op.args[0], op.args[1]),
        };
        let x = self.freg_of(x, xmm0)?;
        match self.fopnd(y, xmm1)? {
            FOpnd::Reg(y) => self.a.ucomisd(x, y)?,
            FOpnd::Slot(d) => self.a.ucomisd(x, qword_ptr(r15 + d))?,
        }
        match op.opcode {
            FloatLt | FloatGt => self.compare_result(op, Cc::A, fused),
            FloatLe | FloatGe => self.compare_result(op, Cc::Ae, fused),
            FloatEq => self.compare_result(op, Cc::FEq, fused),
            _ => self.compare_result(op, Cc::FNe, fused),
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
        let b = self.reg_of(op.args[0], rax).map_err(enc)?;
        // A constant index folds into the displacement.
        if let Some(index) = op.args[1].as_int() {
            let offset = index
                .checked_mul(d.item_size as i64)
                .and_then(|o| o.checked_add(base as i64))
                .and_then(|o| i32::try_from(o).ok());
            if let Some(offset) = offset {
                return Ok(b + offset);
            }
        }
        let scaled = matches!(d.item_size, 1 | 2 | 4 | 8);
        let i = if scaled {
            self.reg_of(op.args[1], rcx).map_err(enc)?
        } else {
            self.load(rcx, op.args[1]).map_err(enc)?;
            rcx
        };
        Ok(match d.item_size {
            1 => b + i + base,
            2 => b + i * 2 + base,
            4 => b + i * 4 + base,
            8 => b + i * 8 + base,
            n => {
                self.a.imul_3(rcx, rcx, n as i32).map_err(enc)?;
                b + rcx + base
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
                let dst = self.dest_f(op)?;
                self.a.cvtss2sd(dst, dword_ptr(m))?;
                return self.commit_f(op, dst);
            }
            (Kind::Float, _, _) => {
                let dst = self.dest_f(op)?;
                self.a.movsd_2(dst, qword_ptr(m))?;
                return self.commit_f(op, dst);
            }
            _ => {}
        }
        // The memory operand's registers keep their values until `dst` is written.
        let dst = self.dest(op)?;
        match (size, signed) {
            (1, true) => self.a.movsx(dst, byte_ptr(m))?,
            (1, false) => self.a.movzx(dst, byte_ptr(m))?,
            (2, true) => self.a.movsx(dst, word_ptr(m))?,
            (2, false) => self.a.movzx(dst, word_ptr(m))?,
            (4, true) => self.a.movsxd(dst, dword_ptr(m))?,
            (4, false) => self.a.mov(r32(dst), dword_ptr(m))?,
            _ => self.a.mov(dst, qword_ptr(m))?,
        }
        self.commit(op, dst)
    }

    /// Stores `v` at `m`; `m` may use `rax`, `rcx` and the allocatable registers but not
    /// `rdx`.
    fn store_mem(&mut self, m: AsmMemoryOperand, size: u8, kind: Kind, v: Value) -> R<()> {
        if kind == Kind::Float && size == 4 {
            let x = self.freg_of(v, xmm0)?;
            self.a.cvtsd2ss(xmm0, x)?;
            return self.a.movss(dword_ptr(m), xmm0);
        }
        if kind == Kind::Float && size == 8 {
            let x = self.freg_of(v, xmm0)?;
            return self.a.movsd_2(qword_ptr(m), x);
        }
        // A box in a general register is stored from it, a constant as an immediate
        // (truncated to the store's size; a word's must fit 32 bits sign-extended).
        let r = match v {
            Value::Box(b) => self
                .alloc
                .find(b.index())
                .filter(|&c| c < regalloc::REGS)
                .map(|c| REG[c]),
            c => {
                let bits = c.const_bits().unwrap_or(0);
                let imm = match size {
                    1 => Some(bits as u8 as i8 as i32),
                    2 => Some(bits as u16 as i16 as i32),
                    4 => Some(bits as u32 as i32),
                    _ => i32::try_from(bits as i64).ok(),
                };
                if let Some(imm) = imm {
                    return match size {
                        1 => self.a.mov(byte_ptr(m), imm),
                        2 => self.a.mov(word_ptr(m), imm),
                        4 => self.a.mov(dword_ptr(m), imm),
                        _ => self.a.mov(qword_ptr(m), imm),
                    };
                }
                None
            }
        };
        let r = match r {
            Some(r) => r,
            None => {
                self.load(rdx, v)?;
                rdx
            }
        };
        match size {
            1 => self.a.mov(byte_ptr(m), narrow(r).0),
            2 => self.a.mov(word_ptr(m), narrow(r).1),
            4 => self.a.mov(dword_ptr(m), narrow(r).2),
            _ => self.a.mov(qword_ptr(m), r),
        }
    }

    // ------------------------------------------------------------ the collector

    /// The collector (only called where the backend runs with one).
    fn gc(&self) -> GcSupport {
        match self.env.helpers.gc {
            Some(gc) => gc,
            None => unreachable!("GC code emitted without a collector"),
        }
    }

    /// A slow path for `call`, saving the caller-saved registers that hold boxes now;
    /// returns its entry label and the label it comes back to (set by the caller right
    /// after the fast path).
    fn slow_path(&mut self, call: SlowCall) -> (CodeLabel, CodeLabel) {
        let (entry, back) = (self.a.create_label(), self.a.create_label());
        let mut gprs = Vec::new();
        let mut xmms = Vec::new();
        for (r, held) in self.alloc.held.iter().enumerate() {
            if r >= regalloc::CALLEE_SAVED && held.is_some() {
                match r.checked_sub(regalloc::REGS) {
                    None => gprs.push(REG[r]),
                    Some(f) => xmms.push(XMM[f]),
                }
            }
        }
        self.slow_paths.push(SlowPath {
            entry,
            back,
            call,
            gprs,
            xmms,
        });
        (entry, back)
    }

    fn emit_slow_path(&mut self, slow: SlowPath) -> R<()> {
        let mut entry = slow.entry;
        self.set_label(&mut entry)?;
        for &r in &slow.gprs {
            self.a.push(r)?;
        }
        // Keep `rsp` 16-byte aligned at the call.
        let xmm_area = 8 * slow.xmms.len()
            + if (slow.gprs.len() + slow.xmms.len()) % 2 == 1 {
                8
            } else {
                0
            };
        if xmm_area > 0 {
            self.a.sub(rsp, xmm_area as i32)?;
        }
        for (k, &x) in slow.xmms.iter().enumerate() {
            self.a.movsd_2(qword_ptr(rsp + 8 * k as i32), x)?;
        }
        let gc = self.gc();
        let target = match slow.call {
            SlowCall::MallocFixed(t) => {
                self.a.mov(edi, t)?;
                gc.malloc_fixed as usize
            }
            SlowCall::MallocArray(t) => {
                self.a.mov(rsi, rdx)?;
                self.a.mov(edi, t)?;
                gc.malloc_array as usize
            }
            SlowCall::Barrier => {
                self.a.mov(rdi, rax)?;
                gc.write_barrier_slow as usize
            }
        };
        self.call_addr(target)?;
        for (k, &x) in slow.xmms.iter().enumerate() {
            self.a.movsd_2(x, qword_ptr(rsp + 8 * k as i32))?;
        }
        if xmm_area > 0 {
            self.a.add(rsp, xmm_area as i32)?;
        }
        for &r in slow.gprs.iter().rev() {
            self.a.pop(r)?;
        }
        self.a.jmp(slow.back)
    }

    /// `mov r11, cursor` and the limit's address as an operand: `[r11 + d]` when the
    /// limit lies near the cursor (both are fields of the heap), else through `rcx`.
    fn bump_limit(&mut self, gc: &GcSupport) -> R<AsmMemoryOperand> {
        self.a.mov(r11, gc.cursor as u64)?;
        match i32::try_from(gc.limit as i64 - gc.cursor as i64) {
            Ok(d) => Ok(qword_ptr(r11 + d)),
            Err(_) => {
                self.a.mov(rcx, gc.limit as u64)?;
                Ok(qword_ptr(rcx))
            }
        }
    }

    /// The inline allocation of a fixed-size object of `type_id` and `size` bytes into
    /// `rax` (the collector's bump fast path, `malloc_fixed` on the slow path), then the
    /// result stored. Registers keep their boxes (the slow path saves them).
    fn gc_new(&mut self, op: &Op, type_id: u32, size: usize) -> R<()> {
        let gc = self.gc();
        let size = (size.max(8) + 7) & !7;
        let (entry, mut back) = self.slow_path(SlowCall::MallocFixed(type_id));
        if size <= gc.max_inline_size {
            let limit = self.bump_limit(&gc)?;
            self.a.mov(rax, qword_ptr(r11))?;
            self.a.lea(rdx, qword_ptr(rax + size as i32))?;
            self.a.cmp(rdx, limit)?;
            self.a.ja(entry)?;
            self.a.mov(qword_ptr(r11), rdx)?;
            self.a.mov(rcx, u64::from(type_id) << TYPE_ID_SHIFT)?;
            self.a.mov(qword_ptr(rax), rcx)?;
        } else {
            self.a.jmp(entry)?;
        }
        self.set_label(&mut back)?;
        self.store(op, rax)
    }

    /// The inline allocation of an array of `d` (a GC type `type_id`) whose length is
    /// `op`'s argument: the length in `rdx`, the size computed, the bump fast path when
    /// it is at most the inline limit, `malloc_array` on the slow path.
    fn gc_new_array(&mut self, op: &Op, d: &ArrayDescr, type_id: u32) -> Result<(), CompileError> {
        let gc = self.gc();
        let length_offset = disp(op, d.length_offset.unwrap_or(8))?;
        self.load(rdx, op.args[0]).map_err(enc)?;
        let (entry, mut back) = self.slow_path(SlowCall::MallocArray(type_id));
        let item = d.item_size.max(1) as usize;
        let max_items = gc.max_inline_size.saturating_sub(d.base) / item;
        let a = &mut self.a;
        (|| -> R<()> {
            match i32::try_from(max_items) {
                Ok(m) if d.base + 7 < i32::MAX as usize => {
                    a.cmp(rdx, m)?;
                    a.ja(entry)?;
                }
                _ => return a.jmp(entry),
            }
            a.imul_3(rcx, rdx, item as i32)?;
            a.add(rcx, (d.base + 7) as i32)?;
            a.and(rcx, -8)?;
            Ok(())
        })()
        .map_err(enc)?;
        let limit = self.bump_limit(&gc).map_err(enc)?;
        let a = &mut self.a;
        (|| -> R<()> {
            a.mov(rax, qword_ptr(r11))?;
            a.add(rcx, rax)?;
            a.cmp(rcx, limit)?;
            a.ja(entry)?;
            a.mov(qword_ptr(r11), rcx)?;
            a.mov(rcx, u64::from(type_id) << TYPE_ID_SHIFT)?;
            a.mov(qword_ptr(rax), rcx)?;
            a.mov(qword_ptr(rax + length_offset), rdx)
        })()
        .map_err(enc)?;
        self.set_label(&mut back).map_err(enc)?;
        self.store(op, rax).map_err(enc)
    }

    /// The write barrier for a store at `slot` (a memory operand whose address is
    /// computed into `rax`): when the slot lies in the heap and its line is old and not
    /// remembered, the slow path remembers it.
    fn gc_barrier(&mut self, slot: AsmMemoryOperand) -> R<()> {
        let gc = self.gc();
        self.a.lea(rax, slot)?;
        let (entry, mut back) = self.slow_path(SlowCall::Barrier);
        self.a.mov(rcx, rax)?;
        self.a.mov(r11, gc.heap_start as u64)?;
        self.a.sub(rcx, r11)?;
        self.a.mov(r11, (gc.heap_end - gc.heap_start) as u64)?;
        self.a.cmp(rcx, r11)?;
        self.a.jae(back)?;
        self.a.shr(rcx, gc.line_shift)?;
        let lines = gc.lines_biased.wrapping_add(gc.heap_start >> gc.line_shift);
        self.a.mov(r11, lines as u64)?;
        self.a
            .cmp(byte_ptr(r11 + rcx), gc.barrier_line_value as i32)?;
        self.a.je(entry)?;
        self.set_label(&mut back)
    }

    /// Calls the helper at `addr` (arguments already in place); the result is in `rax`.
    /// Boxes in caller-saved registers that are read at this op (its stub, or after
    /// the call) or later are written to their slots first.
    pub fn call_helper(&mut self, addr: usize) -> R<()> {
        self.spill_caller_saved(self.pos)?;
        self.call_addr(addr)
    }

    /// `call rel32` to `addr` when in reach, else `mov r11, addr; call r11`.
    fn call_addr(&mut self, addr: usize) -> R<()> {
        if self.env.reaches(addr) {
            self.a.call(addr as u64)
        } else {
            self.a.mov(r11, addr as u64)?;
            self.a.call(r11)
        }
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
        // A constant function address in reach is called directly.
        let direct = match op.args[0] {
            Value::Box(_) => None,
            c => c
                .const_bits()
                .map(|bits| bits as usize)
                .filter(|&addr| self.env.reaches(addr)),
        };
        if direct.is_none() {
            self.load(r11, op.args[0])?;
        }
        // The spill comes before the argument registers are set: `rdi` and `rsi` may
        // hold boxes.
        self.spill_caller_saved(self.pos + 1)?;
        self.a.lea(rdi, qword_ptr(rsp))?;
        self.a.lea(rsi, qword_ptr(rsp + 8 * ni as i32))?;
        self.a.lea(rdx, qword_ptr(rsp + 8 * (ni + nr) as i32))?;
        self.a.lea(rcx, qword_ptr(rsp + result))?;
        match direct {
            Some(addr) => self.a.call(addr as u64)?,
            None => self.a.call(r11)?,
        }
        self.a.mov(rax, qword_ptr(rsp + result))?;
        self.a.add(rsp, frame as i32)?;
        self.store(op, rax)
    }

    /// Where the guard at op `index` passes to when it can branch there itself: the
    /// trace's last op is a jump right after it, to a label of this trace, with nothing
    /// to move. The guard then jumps back to the label when it holds and falls through to
    /// its stub (`jne top; jmp stub` instead of `je stub; jmp top`: one taken branch per
    /// iteration instead of two branches).
    pub(super) fn rotation_target(&self, index: usize) -> Option<CodeLabel> {
        let next = self.trace.ops.get(index + 1)?;
        if next.opcode != Opcode::Jump || index + 2 != self.trace.ops.len() {
            return None;
        }
        let (moves, target) = self.jump_plan(next).ok()?;
        let moves_nothing = moves.iter().all(|&(d, v)| self.source_of(v) == d.as_src());
        match target {
            Ok(label) if moves_nothing && label != self.body => Some(label),
            _ => None,
        }
    }

    fn jump(&mut self, op: &Op) -> Result<(), CompileError> {
        if self.jump_done {
            return Ok(());
        }
        let (moves, target) = self.jump_plan(op)?;
        self.parallel_move(moves).map_err(enc)?;
        match target {
            Ok(label) => self.a.jmp(label).map_err(enc)?,
            Err(addr) if self.env.reaches(addr) => self.a.jmp(addr as u64).map_err(enc)?,
            Err(addr) => {
                self.a.mov(r11, addr as u64).map_err(enc)?;
                self.a.jmp(r11).map_err(enc)?;
            }
        }
        Ok(())
    }

    /// The moves a jump makes into its label's registers and slots, and where it goes:
    /// an iced label of this trace, or the address of another trace's label.
    #[allow(clippy::type_complexity)]
    fn jump_plan(
        &self,
        op: &Op,
    ) -> Result<(Vec<(Dst, Value)>, Result<CodeLabel, usize>), CompileError> {
        // Where to: a label of this trace, another trace's label, or this trace's start.
        let own = |t: &Rc<TargetToken>| {
            self.trace.ops.iter().position(|l| {
                l.opcode == Opcode::Label && l.target().is_some_and(|lt| Rc::ptr_eq(lt, t))
            })
        };
        // The trace's start takes its inputs in their slots, a label (of this trace or
        // another) the first ones in registers (see `label_regs`).
        let (label_args, target): (Vec<Value>, Result<CodeLabel, usize>) = match op.target() {
            Some(t) => match own(t) {
                Some(p) => (self.trace.ops[p].args.clone(), Ok(self.own_labels[&p])),
                None => match self.env.targets.get(&Rc::as_ptr(t)) {
                    Some(site) => (site.args.clone(), Err(site.addr)),
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
        let to_start = target == Ok(self.body);
        let regs = if to_start {
            Vec::new()
        } else {
            label_regs_of(&label_args)
        };
        // One parallel move sets the registers and the slots of the label's arguments
        // (the label's own boxes' slots: the frame is shared by all traces). A value
        // already in the slot it goes to stays.
        let mut moves = Vec::new();
        for (j, (&v, &l)) in op.args.iter().zip(&label_args).enumerate() {
            let Value::Box(lb) = l else { continue };
            match regs.iter().find(|&&(_, k)| k == j) {
                Some(&(r, _)) => moves.push((Dst::Reg(r), v)),
                None if v.as_box().is_some_and(|b| b.index() == lb.index())
                    && self.alloc.slot_valid(lb.index()) => {}
                None => moves.push((Dst::Slot(lb.index()), v)),
            }
        }
        Ok((moves, target))
    }
}

/// The registers a label's arguments arrive in: (register, argument index) for its
/// first int and ref boxes (general registers) and its first float boxes (xmm ones).
fn label_regs(label: &Op) -> Vec<(usize, usize)> {
    label_regs_of(&label.args)
}

fn label_regs_of(args: &[Value]) -> Vec<(usize, usize)> {
    let of_class = |float: bool, first: usize, n: usize| {
        args.iter()
            .enumerate()
            .filter(move |(_, v)| matches!(v, Value::Box(b) if (b.kind() == Kind::Float) == float))
            .take(n)
            .enumerate()
            .map(move |(r, (j, _))| (first + r, j))
    };
    of_class(false, 0, regalloc::REGS)
        .chain(of_class(true, regalloc::REGS, regalloc::FREGS))
        .collect()
}

/// The 32-bit name of `rax` or of an allocatable register.
fn r32(r: AsmRegister64) -> AsmRegister32 {
    const WIDE: [AsmRegister64; 10] = [rax, rbx, rbp, r12, r13, r8, r9, r10, rsi, rdi];
    const NARROW: [AsmRegister32; 10] = [eax, ebx, ebp, r12d, r13d, r8d, r9d, r10d, esi, edi];
    let k = WIDE.iter().position(|&w| w == r);
    debug_assert!(k.is_some(), "r32 of a register outside its table");
    k.map_or(eax, |k| NARROW[k])
}

/// The 8-, 16- and 32-bit names of `rdx` or of an allocatable register.
fn narrow(r: AsmRegister64) -> (AsmRegister8, AsmRegister16, AsmRegister32) {
    const WIDE: [AsmRegister64; 10] = [rdx, rbx, rbp, r12, r13, r8, r9, r10, rsi, rdi];
    const NARROW: [(AsmRegister8, AsmRegister16, AsmRegister32); 10] = [
        (dl, dx, edx),
        (bl, bx, ebx),
        (bpl, bp, ebp),
        (r12b, r12w, r12d),
        (r13b, r13w, r13d),
        (r8b, r8w, r8d),
        (r9b, r9w, r9d),
        (r10b, r10w, r10d),
        (sil, si, esi),
        (dil, di, edi),
    ];
    let k = WIDE.iter().position(|&w| w == r);
    debug_assert!(k.is_some(), "narrow of a register outside its table");
    NARROW[k.unwrap_or(0)]
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
