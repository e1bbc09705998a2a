//! Compiling traces (PyPy's `compile.py`): clean up, optimize with the passes
//! `enable_opts` names, give the guards process-wide numbers, log, and hand the trace to
//! the backend as a loop or as a bridge of a guard.

use super::{AbortReason, GuardInfo, JitState, Where};
use crate::jit::log::{self, OpCounts, Phase};
use jitsupport_trace::backend::LoopId;
use jitsupport_trace::optimizeopt::virtualize::Slot;
use jitsupport_trace::optimizeopt::{self, unroll, OptContext, Pass};
use jitsupport_trace::print::{bridge_header, loop_header};
use jitsupport_trace::{Descr, GuardDescr, Op, Opcode, Trace, Value};
use std::rc::Rc;
use std::time::Instant;

fn counts(trace: &Trace) -> OpCounts {
    OpCounts {
        ops: trace.ops.len() as u64,
        guards: trace.ops.iter().filter(|o| o.opcode.is_guard()).count() as u64,
    }
}

impl JitState {
    /// The passes `enable_opts` turns on.
    fn passes(&self) -> Vec<Pass> {
        self.params
            .enable_opts
            .iter()
            .filter_map(|o| Pass::from_name(o.name()))
            .collect()
    }

    /// Optimizes `trace` and renumbers its guards; records their virtuals and owners.
    pub(super) fn optimize(&mut self, trace: Trace, bridge: bool) -> Result<Trace, AbortReason> {
        // Helper calls for inner structs that were only read through, comparisons folded
        // into guards: the recorder leaves them, the optimizer need not see them.
        let trace = optimizeopt::remove_dead_ops(trace);
        let passes = if bridge {
            // A bridge is not a loop: no peeling.
            self.passes()
                .into_iter()
                .filter(|p| *p != Pass::Unroll)
                .collect()
        } else {
            self.passes()
        };
        let started = Instant::now();
        let mut ctx = OptContext::new(&trace);
        log::debug_start("jit-optimize");
        // A bridge that enters a loop's body through its short preamble goes through the
        // chain twice, as `unroll` does a body: what `heap` forwards from the short
        // preamble's reads reaches `intbounds` and `pure`, which run before it.
        let twice = bridge && self.short_preambles.enters_body(&trace);
        let result = optimizeopt::optimize(trace, &passes, &mut ctx).and_then(|t| {
            if twice {
                optimizeopt::optimize(t, &passes, &mut ctx)
            } else {
                Ok(t)
            }
        });
        log::debug_stop("jit-optimize");
        log::with_summary(|s| s.add_phase(Phase::Optimizing, started.elapsed()));
        // A loop's short preamble, for bridges to enter its body (see `bridge`).
        self.short_preambles.last = ctx
            .short_preamble
            .take()
            .filter(|_| !bridge && ctx.short_preamble_takes_header);
        let trace = match result {
            // The marker before an inlined short preamble is no op to compile.
            Ok(mut t) if twice => {
                t.ops.retain(|op| !unroll::is_marker(op));
                t
            }
            Ok(t) => t,
            Err(e) => {
                if log::have_debug_prints("jit-abort") {
                    log::debug_start("jit-abort");
                    log::debug_print(format_args!("{e}"));
                    log::debug_stop("jit-abort");
                }
                return Err(AbortReason::InvalidLoop);
            }
        };
        // What the rules and the heap made unused goes before logging and compiling;
        // index offsets fold into descrs and comparisons move next to their guards.
        let mut trace = optimizeopt::prepare_for_backend(trace);
        // Process-wide guard numbers: the optimizer numbers its copies per trace.
        for op in &mut trace.ops {
            let Some(old) = op.guard_descr().cloned() else {
                continue;
            };
            let number = self.next_guard;
            self.next_guard += 1;
            let descr = Rc::new(GuardDescr::new(number, old.resume));
            let virtuals = ctx.virtuals.get(old.number).cloned();
            let consts: Vec<usize> = (virtuals.iter())
                .flat_map(|v| &v.objects)
                .flat_map(|o| &o.fields)
                .filter_map(|(_, slot)| match slot {
                    Slot::Const(Value::ConstPtr(p)) if *p != 0 => Some(*p),
                    _ => None,
                })
                .collect();
            self.guards.insert(
                number,
                GuardInfo {
                    resume: old.resume as usize,
                    _virtual_consts: (!consts.is_empty())
                        .then(|| crate::gcjit::HeldRoots::new(consts)),
                    virtuals,
                    failures: 0,
                    bridge: false,
                    attempts: 0,
                    not_invalidated: op.opcode == Opcode::GuardNotInvalidated,
                    not_forced: op.opcode == Opcode::GuardNotForced,
                },
            );
            op.descr = Some(Descr::Guard(descr));
        }
        Ok(trace)
    }

    /// Optimizes and compiles a loop; returns its backend id.
    pub(super) fn compile_loop(&mut self, trace: Trace) -> Result<(LoopId, Trace), AbortReason> {
        let number = self.stats.loops as u32;
        let before = counts(&trace);
        let first = trace
            .ops
            .first()
            .filter(|op| op.opcode == Opcode::Label)
            .and_then(|op| op.target().cloned());
        log_trace(
            "jit-log-noopt-loop",
            &loop_header(number, "loop", &trace),
            &trace,
        );
        let trace = self.optimize(trace, false)?;
        log_trace(
            "jit-log-opt-loop",
            &loop_header(number, "loop", &trace),
            &trace,
        );
        let started = Instant::now();
        let compiled = {
            let _section = log::section("jit-backend");
            self.backend.compile_loop(&trace)
        };
        let id = match compiled {
            Ok(id) => id,
            Err(e) => {
                log_abort(&e.to_string());
                self.forget_guards(&trace);
                return Err(AbortReason::CompileFailed);
            }
        };
        log::with_summary(|s| {
            s.add_phase(Phase::Backend, started.elapsed());
            s.loop_compiled(before, counts(&trace));
        });
        log_backend_dump(|| self.backend.dump(id));
        // Bridges jumping to the loop's first label may enter its body instead.
        let start = optimized_first_label(&trace);
        match (first, start) {
            (Some(first), Some(start)) if Rc::ptr_eq(&first, &start) => {
                self.short_preambles.remember(&first, &trace)
            }
            _ => self.short_preambles.last = None,
        }
        self.stats.loops += 1;
        Ok((id, trace))
    }

    /// Optimizes and compiles a bridge of `guard` (whose resume data is `resume`), traced
    /// up to `to`: into the body of the loop it jumps to, through the loop's short
    /// preamble, where it can (see `bridge`), else as traced.
    pub(super) fn compile_bridge(
        &mut self,
        guard: &Rc<GuardDescr>,
        trace: Trace,
        (driver, resume, to): (usize, usize, &Where),
    ) -> Result<Trace, AbortReason> {
        let before = counts(&trace);
        let into_body = self
            .bridge_into_body(&trace, driver, resume, to)
            .and_then(|inlined| self.optimize(inlined, true).ok());
        let trace = match into_body {
            Some(optimized) => optimized,
            None => self.optimize(trace, true)?,
        };
        log_trace(
            "jit-log-opt-bridge",
            &bridge_header(guard.number, &trace),
            &trace,
        );
        let started = Instant::now();
        let compiled = {
            let _section = log::section("jit-backend");
            self.backend.compile_bridge(guard, &trace)
        };
        if let Err(e) = compiled {
            log_abort(&e.to_string());
            self.forget_guards(&trace);
            return Err(AbortReason::CompileFailed);
        }
        log::with_summary(|s| {
            s.add_phase(Phase::Backend, started.elapsed());
            s.bridge_compiled(before, counts(&trace));
        });
        log_backend_dump(|| self.backend.dump_bridge(guard));
        self.stats.bridges += 1;
        Ok(trace)
    }
}

impl JitState {
    /// Drops the information of the guards of `trace`, which was not compiled.
    pub(super) fn forget_guards(&mut self, trace: &Trace) {
        for op in &trace.ops {
            if let Some(guard) = op.guard_descr() {
                self.guards.remove(&guard.number);
            }
        }
    }
}

/// The token of the first label of `trace`, if it starts with one.
fn optimized_first_label(trace: &Trace) -> Option<Rc<jitsupport_trace::TargetToken>> {
    trace
        .ops
        .iter()
        .find(|op| op.opcode == Opcode::Label)
        .and_then(|op| op.target().cloned())
}

/// Logs a trace in a section of `category`, in the parser's text form.
pub fn log_trace(category: &str, header: &str, trace: &Trace) {
    if log::have_debug_prints(category) {
        log::debug_start(category);
        log::debug_print(format_args!("{header}"));
        for line in trace.to_string().lines() {
            log::debug_print(format_args!("{line}"));
        }
        log::debug_stop(category);
    }
}

/// Logs the machine code `dump` gives in a `jit-backend-dump` section; `dump` runs only
/// when the section is logged (disassembling is not free).
fn log_backend_dump(dump: impl FnOnce() -> String) {
    if log::have_debug_prints("jit-backend-dump") {
        log::debug_start("jit-backend-dump");
        for line in dump().lines() {
            log::debug_print(format_args!("{line}"));
        }
        log::debug_stop("jit-backend-dump");
    }
}

fn log_abort(message: &str) {
    if log::have_debug_prints("jit-abort") {
        log::debug_start("jit-abort");
        log::debug_print(format_args!("{message}"));
        log::debug_stop("jit-abort");
    }
}

/// An op of a trace, for tests that count ops (`check_resops`).
pub fn op_names(trace: &Trace) -> Vec<&'static str> {
    trace.ops.iter().map(|o: &Op| o.opcode.name()).collect()
}
