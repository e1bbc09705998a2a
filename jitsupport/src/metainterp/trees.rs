//! Trace trees: a trace that comes back to a loop header it passed before closes a loop
//! there, so that code grows with the program, not with its iteration counts (PyPy's
//! `reached_loop_header` with `current_merge_points`, and `compile_trace`).
//!
//! A *loop header* is a merge point of the portal reached right after its `can_enter_jit`
//! (or `loop_header`): the top of a loop of the user's program. Without this module, a
//! bridge traced from a loop's exit ran on through the next loop of the program, unrolling
//! every one of its iterations until half `trace_limit`, and ended in a `finish`; with many
//! small loops and eager settings, each bridge was a thousand ops.
//!
//! # How, step by step
//!
//! 1. At a loop header whose key has a compiled loop, a trace jumps to it (`mod.rs`,
//!    unchanged); a loop's trace that is back at its own start closes as before.
//! 2. At any other loop header, the tracer remembers the key, the position in the trace
//!    and the reds ([`Header`]) the first time, and forgets what its heap cache and
//!    derived refs knew: what it records from there on depends only on the reds and
//!    constants, as the ops of a loop entered at that header must.
//! 3. The second time at the same key, the trace ends ([`End::Inner`](super::End)):
//!    [`JitState::close_inner_loop`] makes the ops since the first time a loop of their
//!    own (a label taking the reds then, the ops, a jump with the reds now), compiles it
//!    and attaches it to the key, and ends the trace before them with a jump to the new
//!    loop's label with the reds it had there. A bridge becomes the bridge into the new
//!    loop; a loop's trace becomes a loop that enters the inner loop, as it would had the
//!    inner loop been compiled first.
//! 4. If the new loop cannot be made (an op uses a value from before the header, the
//!    optimizer refuses it, the backend fails, or its first label went), the whole trace
//!    stays one piece: a bridge ends in a `finish` at the header, a loop's trace is
//!    abandoned.
//!
//! The program is at the second arrival at the header, where the new loop starts, so the
//! JIT runs it at once.

use super::{AbortReason, JitState, Tracer};
use jitsupport_trace::{BoxId, Descr, Op, Opcode, TargetToken, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A loop header a trace passed once.
#[derive(Debug)]
pub(crate) struct Header {
    key: Vec<i64>,
    /// The number of ops recorded before it.
    start: usize,
    /// The reds there.
    reds: Vec<Value>,
}

/// Where the loop a trace came back to starts and ends.
#[derive(Debug)]
pub(crate) struct Split {
    pub key: Vec<i64>,
    start: usize,
    start_reds: Vec<Value>,
    end_reds: Vec<Value>,
}

impl Split {
    /// The reds at the second arrival (where the program is).
    pub fn end_reds(&self) -> Vec<Value> {
        self.end_reds.clone()
    }
}

impl Tracer<'_> {
    /// The trace is at a loop header of `key` with these reds: the loop to close if it
    /// passed the header before, else `None` (and the header is remembered).
    pub(super) fn loop_header(&mut self, key: Vec<i64>, reds: &[Value]) -> Option<Split> {
        if let Some(at) = self.headers.iter().position(|h| h.key == key) {
            let header = self.headers.swap_remove(at);
            return Some(Split {
                key,
                start: header.start,
                start_reds: header.reds,
                end_reds: reds.to_vec(),
            });
        }
        self.headers.push(Header {
            key,
            start: self.trace.ops.len(),
            reds: reds.to_vec(),
        });
        // What follows may become a loop entered here: it must not use what the trace
        // knew of the heap before.
        self.heap = super::HeapCache::default();
        self.derived.clear();
        None
    }
}

impl JitState {
    /// Makes the ops of `trace` after `split.start` a loop of `split.key` (of `driver`),
    /// compiled and attached; returns the ops before, ended by a jump to the new loop. On
    /// failure, returns the whole trace unchanged as the error.
    pub(super) fn close_inner_loop(
        &mut self,
        driver: usize,
        mut trace: Trace,
        split: &Split,
    ) -> Result<Trace, Trace> {
        let Some(inner) = self.inner_loop(&trace, split) else {
            self.aborted(AbortReason::InnerLoop);
            return Err(trace);
        };
        let l = match self.install_loop(driver, &split.key, inner) {
            Ok(l) => l,
            Err(reason) => {
                self.aborted(reason);
                return Err(trace);
            }
        };
        let Some(entry) = self.loops.get(&l).and_then(|e| e.2.clone()) else {
            return Err(trace);
        };
        self.stats.inner_loops += 1;
        trace.ops.truncate(split.start);
        trace.push_op(
            Op::new(Opcode::Jump, split.start_reds.clone(), None).with_descr(Descr::Target(entry)),
        );
        Ok(trace)
    }

    /// The loop `label(reds at the start) ops jump(reds at the end)`, or `None` if one of
    /// its ops uses a box it does not define.
    fn inner_loop(&mut self, trace: &Trace, split: &Split) -> Option<Trace> {
        let mut inner = Trace::new();
        if trace.num_boxes() > 0 {
            inner.reserve_box(BoxId::new(
                trace.num_boxes() - 1,
                jitsupport_trace::Kind::Int,
            ));
        }
        let mut rename: HashMap<BoxId, Value> = HashMap::new();
        let mut inputs = Vec::with_capacity(split.start_reds.len());
        for red in &split.start_reds {
            let b = inner.add_input(red.kind());
            if let Value::Box(old) = red {
                rename.entry(*old).or_insert(Value::Box(b));
            }
            inputs.push(Value::Box(b));
        }
        let token = Rc::new(TargetToken {
            number: self.next_label,
        });
        self.next_label += 1;
        inner
            .push_op(Op::new(Opcode::Label, inputs, None).with_descr(Descr::Target(token.clone())));
        let mut defined: HashSet<BoxId> = inner.inputs.iter().copied().collect();
        let renamed = |v: &Value, defined: &HashSet<BoxId>| -> Option<Value> {
            match v {
                Value::Box(b) => match rename.get(b) {
                    Some(new) => Some(*new),
                    None if defined.contains(b) => Some(*v),
                    None => None,
                },
                c => Some(*c),
            }
        };
        for op in &trace.ops[split.start..] {
            let mut op = op.clone();
            for a in &mut op.args {
                *a = renamed(a, &defined)?;
            }
            if let Some(fail_args) = &mut op.fail_args {
                for a in fail_args {
                    *a = renamed(a, &defined)?;
                }
            }
            if let Some(r) = op.result {
                defined.insert(r);
            }
            inner.push_op(op);
        }
        let mut end = Vec::with_capacity(split.end_reds.len());
        for red in &split.end_reds {
            end.push(renamed(red, &defined)?);
        }
        inner.push_op(Op::new(Opcode::Jump, end, None).with_descr(Descr::Target(token)));
        Some(inner)
    }
}
