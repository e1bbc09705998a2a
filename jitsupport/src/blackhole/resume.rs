//! Resuming a stack of frames at once: how a guard failure (or an aborted trace) hands
//! the frames of inlined calls to the blackhole interpreter, as PyPy's
//! `blackhole_from_resumedata` builds a chain of blackhole frames.
//!
//! The frames are given outermost first. The innermost runs from its `pc`; every other
//! frame waits at the inline call instruction at its `pc`: when the frame above it
//! returns, the returned value goes to the call's result register (and the callee's result
//! slots to the caller's), and the caller goes on after the call. Only the outermost
//! frame stops where [`Stop`] says; the others run until they return.

use super::{Blackhole, Exit, Frame, Stop, Value};
use crate::jitcode::{decode, Kind, Operand, MAX_RESULTS};

/// The state of one frame: its jitcode, where it goes on, and its registers (without the
/// constants), per kind. Registers past the given vectors are zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrameState {
    /// The index of the frame's jitcode in the registry.
    pub jitcode: u32,
    /// The innermost frame: the instruction to run next (usually a `-live-`). The others:
    /// the inline call instruction they wait at.
    pub pc: usize,
    pub ints: Vec<i64>,
    pub refs: Vec<usize>,
    pub floats: Vec<f64>,
    /// The result slots of the last call (empty: all zero).
    pub results: Vec<u64>,
}

impl<'a> Blackhole<'a> {
    /// Runs the stack of frames `frames` (outermost first) as the module doc says, until
    /// the outermost frame returns or reaches the instruction `stop` names. When it
    /// stops at a `can_enter_jit`, the second result is the outermost frame, ready to go
    /// on after that instruction (resume it alone with this function).
    ///
    /// # Safety
    /// As for [`Blackhole::resume`]: the registers hold what a real execution had there.
    ///
    /// # Panics
    /// If a frame does not fit its jitcode (too many registers, a waiting frame whose `pc`
    /// is not an inline call), or the jitcode panics.
    pub unsafe fn resume_frames(
        &self,
        frames: Vec<FrameState>,
        stop: Stop,
    ) -> (Exit, Option<FrameState>) {
        // The frames not yet resumed hold references only in their states: the states'
        // ref registers are roots until the run ends (the inner frames allocate first).
        let _roots: Vec<crate::gcroots::RootRange> = (frames.iter())
            .map(|state| crate::gcroots::RootRange::of_slice(&state.refs))
            .collect();
        let mut returned: Option<(Value, [u64; MAX_RESULTS])> = None;
        for (depth, state) in frames.iter().enumerate().rev() {
            let jc = self.jitcode(state.jitcode);
            let mut frame = Frame::new(jc);
            load(&mut frame, state);
            let mut pc = state.pc;
            if let Some((value, results)) = returned.take() {
                let insn = match decode(&jc.code, pc) {
                    Ok(insn) if insn.opcode.is_call() && !insn.opcode.is_residual_call() => insn,
                    _ => panic!(
                        "cannot resume `{}` at offset {pc}: no inline call there",
                        jc.name
                    ),
                };
                if let Some(Operand::Result(kind, reg)) = insn.operands.last() {
                    let reg = *reg as usize;
                    match (kind, value) {
                        (Kind::Int, Value::Int(v)) => frame.ints[reg] = v,
                        (Kind::Ref, Value::Ref(v)) => frame.refs[reg] = v,
                        (Kind::Float, Value::Float(v)) => frame.floats[reg] = v,
                        (kind, value) => panic!(
                            "internal error: a {kind} call in `{}` got {value:?} back",
                            jc.name
                        ),
                    }
                }
                frame.results = results;
                pc = insn.next;
            }
            let stop_here = if depth == 0 { stop } else { Stop::Never };
            match self.run(&mut frame, pc, stop_here) {
                Exit::Return(value) if depth > 0 => returned = Some((value, frame.results)),
                exit @ Exit::CanEnterJit { .. } => {
                    let stopped = FrameState {
                        jitcode: state.jitcode,
                        pc: frame.pc,
                        ints: frame.ints[..jc.num_regs(Kind::Int)].to_vec(),
                        refs: frame.refs[..jc.num_regs(Kind::Ref)].to_vec(),
                        floats: frame.floats[..jc.num_regs(Kind::Float)].to_vec(),
                        results: frame.results.to_vec(),
                    };
                    return (exit, Some(stopped));
                }
                exit => return (exit, None),
            }
        }
        panic!("resume_frames needs at least one frame")
    }
}

/// Copies the registers and result slots of `state` into `frame`.
fn load(frame: &mut Frame<'_>, state: &FrameState) {
    let jc = frame.jitcode;
    for kind in Kind::ALL {
        let given = match kind {
            Kind::Int => state.ints.len(),
            Kind::Ref => state.refs.len(),
            Kind::Float => state.floats.len(),
        };
        if given > jc.num_regs(kind) {
            panic!(
                "cannot resume `{}`: {given} {kind} registers given for {}",
                jc.name,
                jc.num_regs(kind)
            );
        }
    }
    frame.ints[..state.ints.len()].copy_from_slice(&state.ints);
    frame.refs[..state.refs.len()].copy_from_slice(&state.refs);
    frame.floats[..state.floats.len()].copy_from_slice(&state.floats);
    for (slot, v) in frame.results.iter_mut().zip(&state.results) {
        *slot = *v;
    }
}
