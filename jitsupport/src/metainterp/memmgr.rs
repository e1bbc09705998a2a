//! Freeing loops that are not used any more (PyPy's `memmgr.py`), by the parameter
//! `loop_longevity`.
//!
//! Time is counted in generations: a generation ends at every compiled loop. Each loop
//! remembers the generation in which it was last entered from the interpreter, or left
//! through one of its guards or its bridges' (so a loop that only other loops enter
//! counts as used while it runs), or compiled. At the end of a generation, the loops not entered for more than
//! `loop_longevity` generations are freed, with these rules:
//!
//! 1. A loop that other live code jumps into (a loop or a bridge of another loop ending
//!    in a `jump` to one of its labels, the preamble's or the body's) is kept as long as
//!    that code lives; loops that only old loops jump into go in the same batch as those.
//! 2. Nothing runs while loops are freed: freeing happens right after a compilation, when
//!    the interpreter (not compiled code) holds control.
//! 3. The loop's green key forgets it ([`WarmState::loop_freed`](crate::jit::WarmState)),
//!    so the key counts again from zero and is traced again when it gets hot, at a
//!    threshold doubled once per loop of it freed so far.
//! 4. A key whose loop was freed before gets a longer life the next time: its longevity
//!    is `loop_longevity` doubled once per earlier freeing. A program that cycles through
//!    more hot loops than `loop_longevity`, or a setting such as `loop_longevity=1` that
//!    frees loops still in use, recompiles each key a few times (log2 of what it needs),
//!    not once per round; and a loop that was hot once and freed unused must be twice as
//!    hot to be compiled again.
//! 5. What a freed loop held goes with it: its machine code (the backend), the
//!    information of its guards and bridges' finishes, and (swept in [`JitState`] once
//!    no guard refers to it) their resume data.
//!
//! `loop_longevity=0` never frees anything. Function entries (`entry`) are never freed.
//!
//! `memory_limit=KB` bounds what the live loops take: each loop's machine code (with its
//! bridges', from the backend) and an estimate of its data ([`DATA_PER_OP`],
//! [`DATA_PER_GUARD`]). After a compilation passes it, the least recently used loops
//! (but the one just compiled, which the program is about to run) are freed by the same
//! rules until the live loops take three quarters of it; if that is not enough (one
//! loop larger than the limit), nothing new is traced until some memory is free: hot
//! keys abort with `memory-limit` and back off. The backend's exit table gives a freed
//! loop's exits back, so it shrinks with the code.
//!
//! Ending a generation costs nothing while no loop can be old enough: the manager keeps
//! a bound on the oldest loop's last use (`oldest`) and looks at the loops only when that
//! bound is older than the shortest longevity, so a run with many live loops does not
//! scan them all at every compilation.

use super::JitState;
use crate::jit::log;
use jitsupport_trace::{Opcode, TargetToken, Trace};
use std::collections::{HashMap, HashSet};

/// What the memory manager knows of one live loop.
#[derive(Debug)]
struct Life {
    /// The driver and green key the loop is attached to.
    driver: usize,
    key: Vec<i64>,
    /// The generation in which it was last entered or compiled.
    last_used: u64,
    /// The other loops whose code (the loop or its bridges) jumps into this one.
    jumped_into_by: HashSet<usize>,
    /// How many times a loop of its key was freed before: its longevity is
    /// `loop_longevity` doubled that many times.
    freed_before: u32,
    /// The bytes of its machine code and its bridges' (from the backend).
    code: usize,
    /// The estimate of its and its bridges' data, in bytes (see [`data_bytes`]).
    data: usize,
}

impl Life {
    fn bytes(&self) -> usize {
        self.code + self.data
    }
}

/// The JIT data an optimized op of a loop or bridge holds besides its machine code, in
/// bytes: an estimate (the op's share of guard information, resume data and the memory
/// manager's maps), which `memory_limit` adds to the backend's code size.
pub(crate) const DATA_PER_OP: usize = 64;
/// The same per guard (its `GuardInfo`, resume snapshot and backend exit).
pub(crate) const DATA_PER_GUARD: usize = 256;

/// The estimate of the data of a compiled trace that `memory_limit` counts besides
/// machine code.
fn data_bytes(trace: &Trace) -> usize {
    let guards = trace.ops.iter().filter(|op| op.opcode.is_guard()).count();
    trace.ops.len() * DATA_PER_OP + guards * DATA_PER_GUARD
}

/// The generations and the references between loops.
#[derive(Debug, Default)]
pub(crate) struct MemoryManager {
    generation: u64,
    /// Live loops by index in `JitState::loops`.
    live: HashMap<usize, Life>,
    /// The loop each label belongs to.
    labels: HashMap<*const TargetToken, usize>,
    /// The loop each guard (of a loop or of its bridges) belongs to.
    guard_owner: HashMap<u32, usize>,
    /// The guards of the loops freed last, whose resume information can go.
    dead_guards: Vec<u32>,
    /// The loop each bridge's `finish` (by number) belongs to.
    finish_owner: HashMap<u32, usize>,
    /// The finishes of the loops freed last, whose information can go.
    dead_finishes: Vec<u32>,
    /// No live loop was last used before this generation (a lower bound: uses only move
    /// forward; recomputed by each scan).
    oldest: u64,
    /// The bytes of every live loop together.
    total_bytes: usize,
}

impl MemoryManager {
    /// Loop `l` (attached to `key` of `driver`, whose loops were freed `freed_before`
    /// times) was compiled from `trace` (optimized).
    pub fn loop_compiled(
        &mut self,
        l: usize,
        (driver, key): (usize, &[i64]),
        freed_before: u32,
        (trace, code): (&Trace, usize),
    ) {
        if self.live.is_empty() {
            self.oldest = self.generation;
        }
        let data = data_bytes(trace);
        self.total_bytes += code + data;
        self.live.insert(
            l,
            Life {
                driver,
                key: key.to_vec(),
                last_used: self.generation,
                jumped_into_by: HashSet::new(),
                freed_before,
                code,
                data,
            },
        );
        self.add_code(l, trace);
    }

    /// The loop guard `guard` belongs to (by index), with its driver and green key.
    pub fn owner_of(&self, guard: u32) -> Option<(usize, usize, &[i64])> {
        let &l = self.guard_owner.get(&guard)?;
        let life = self.live.get(&l)?;
        Some((l, life.driver, &life.key))
    }

    /// A bridge of guard `guard` was compiled from `trace` (optimized); its loop's
    /// machine code, bridges included, now takes `code` bytes.
    pub fn bridge_compiled(&mut self, guard: u32, trace: &Trace, code: usize) {
        if let Some(&owner) = self.guard_owner.get(&guard) {
            self.add_code(owner, trace);
            if let Some(life) = self.live.get_mut(&owner) {
                self.total_bytes -= life.bytes();
                life.data += data_bytes(trace);
                life.code = code.max(life.code);
                self.total_bytes += life.bytes();
            }
        }
    }

    /// The bytes the live loops take (code and data), for `memory_limit`.
    pub fn total_bytes(&self) -> usize {
        self.total_bytes
    }

    /// Frees the least recently used loops, but `keep`, until the live loops take at most
    /// `target` bytes; a loop that a live loop jumps into goes only with all the loops
    /// that jump into it. Returns the loops freed (driver, key, index), forgotten here.
    pub fn free_least_recently_used(
        &mut self,
        target: usize,
        keep: usize,
    ) -> Vec<(usize, Vec<i64>, usize)> {
        let mut order: Vec<(u64, usize)> = self
            .live
            .iter()
            .filter(|(&l, _)| l != keep)
            .map(|(&l, life)| (life.last_used, l))
            .collect();
        order.sort_unstable();
        let mut chosen: HashSet<usize> = HashSet::new();
        let mut total = self.total_bytes;
        // The oldest loop that can go, again and again: a loop jumped into can go once
        // its jumpers are chosen, before younger loops.
        while total > target {
            let next = order.iter().map(|&(_, l)| l).find(|l| {
                !chosen.contains(l)
                    && self.live[l]
                        .jumped_into_by
                        .iter()
                        .all(|r| chosen.contains(r))
            });
            let Some(l) = next else {
                break;
            };
            chosen.insert(l);
            total -= self.live[&l].bytes();
        }
        self.forget(chosen)
    }

    /// Records the labels, guards and jumps of code that belongs to loop `owner`.
    fn add_code(&mut self, owner: usize, trace: &Trace) {
        for op in &trace.ops {
            if let Some(guard) = op.guard_descr() {
                self.guard_owner.insert(guard.number, owner);
            }
            if let Some(jitsupport_trace::Descr::Finish(f)) = &op.descr {
                self.finish_owner.insert(f.number, owner);
            }
            let Some(token) = op.target() else {
                continue;
            };
            let token = std::rc::Rc::as_ptr(token);
            if op.opcode == Opcode::Label {
                self.labels.insert(token, owner);
            } else if op.opcode == Opcode::Jump {
                let target = self.labels.get(&token).copied();
                if let Some(life) = target
                    .filter(|&t| t != owner)
                    .and_then(|t| self.live.get_mut(&t))
                {
                    life.jumped_into_by.insert(owner);
                }
            }
        }
    }

    /// How many loops are alive.
    pub fn live_loops(&self) -> usize {
        self.live.len()
    }

    /// Loop `l` was entered.
    #[inline]
    pub fn entered(&mut self, l: usize) {
        if let Some(life) = self.live.get_mut(&l) {
            life.last_used = self.generation;
        }
    }

    /// Guard `guard` (of a loop or of one of its bridges) failed: its loop ran, whoever
    /// entered it (the interpreter or another loop's code), so it is in use.
    #[inline]
    pub fn guard_failed(&mut self, guard: u32) {
        if let Some(&owner) = self.guard_owner.get(&guard) {
            self.entered(owner);
        }
    }

    /// Ends a generation; returns the loops to free now (driver, key, index), which are
    /// forgotten here.
    pub fn next_generation(&mut self, longevity: u32) -> Vec<(usize, Vec<i64>, usize)> {
        self.generation += 1;
        if longevity == 0 {
            return Vec::new();
        }
        let now = self.generation;
        if now - self.oldest <= u64::from(longevity) {
            // No loop is old enough yet: every longevity is at least `loop_longevity`.
            return Vec::new();
        }
        self.oldest = self.live.values().map(|l| l.last_used).min().unwrap_or(now);
        let mut old: HashSet<usize> = self
            .live
            .iter()
            .filter(|(_, life)| {
                let longevity = u64::from(longevity) << life.freed_before.min(32);
                now - life.last_used > longevity
            })
            .map(|(&l, _)| l)
            .collect();
        // Keep the old loops that a loop staying alive jumps into, until nothing changes.
        loop {
            let keep: Vec<usize> = old
                .iter()
                .copied()
                .filter(|l| self.live[l].jumped_into_by.iter().any(|r| !old.contains(r)))
                .collect();
            if keep.is_empty() {
                break;
            }
            for l in keep {
                old.remove(&l);
            }
        }
        if old.is_empty() {
            return Vec::new();
        }
        self.forget(old)
    }

    /// Forgets the loops `old`, for freeing: returns them (driver, key, index) in order,
    /// and reports their guards and finishes dead.
    fn forget(&mut self, old: HashSet<usize>) -> Vec<(usize, Vec<i64>, usize)> {
        let mut freed: Vec<usize> = old.into_iter().collect();
        freed.sort_unstable();
        let freed: Vec<(usize, Vec<i64>, usize)> = freed
            .into_iter()
            .filter_map(|l| {
                let life = self.live.remove(&l)?;
                self.total_bytes -= life.bytes();
                Some((life.driver, life.key, l))
            })
            .collect();
        let gone: HashSet<usize> = freed.iter().map(|f| f.2).collect();
        self.labels.retain(|_, l| !gone.contains(l));
        let dead = &mut self.dead_guards;
        self.guard_owner.retain(|&g, l| {
            let keep = !gone.contains(l);
            if !keep {
                dead.push(g);
            }
            keep
        });
        let dead = &mut self.dead_finishes;
        self.finish_owner.retain(|&f, l| {
            let keep = !gone.contains(l);
            if !keep {
                dead.push(f);
            }
            keep
        });
        for life in self.live.values_mut() {
            life.jumped_into_by.retain(|r| !gone.contains(r));
        }
        freed
    }
}

impl JitState {
    /// Ends a generation (a loop was compiled) and frees the loops unused for longer
    /// than `loop_longevity` generations.
    pub(super) fn free_old_loops(&mut self) {
        while self.generations < self.stats.loops {
            self.generations += 1;
            self.free_one_generation();
        }
    }

    fn free_one_generation(&mut self) {
        let longevity = self.params.loop_longevity;
        let old = self.memmgr.next_generation(longevity);
        self.free_loops(old);
    }

    /// Enforces `memory_limit` after a compilation that added to loop `newest`: frees the
    /// least recently used loops (not `newest`) until the live ones take at most three
    /// quarters of the limit; if that is not enough, nothing new is traced until loops
    /// are freed (`AbortReason::MemoryLimit`).
    pub(super) fn enforce_memory_limit(&mut self, newest: Option<usize>) {
        let limit = self.params.memory_limit as usize * 1024;
        if limit == 0 {
            return;
        }
        if self.memmgr.total_bytes() > limit {
            let victims = self
                .memmgr
                .free_least_recently_used(limit / 4 * 3, newest.unwrap_or(usize::MAX));
            self.stats.loops_freed_for_memory += victims.len() as u64;
            self.free_loops(victims);
        }
        self.memory_full = self.memmgr.total_bytes() > limit;
    }

    /// Frees these loops (forgotten by the memory manager already).
    fn free_loops(&mut self, loops: Vec<(usize, Vec<i64>, usize)>) {
        for (driver, key, l) in loops {
            let Some((id, _, first)) = self.loops.remove(&l) else {
                continue;
            };
            if self.warm[driver].loop_token(&key) == Some(&l) {
                self.warm[driver].loop_freed(&key);
            }
            self.backend.free_loop(id);
            self.quasi_loops.remove(&l);
            if let Some(first) = first {
                self.short_preambles.forget_loop(&first);
            }
            self.stats.freed_loops += 1;
            for guard in std::mem::take(&mut self.memmgr.dead_guards) {
                self.guards.remove(&guard);
            }
            for finish in std::mem::take(&mut self.memmgr.dead_finishes) {
                self.finishes.remove(&finish);
            }
            log::with_summary(|s| s.loop_freed());
            if log::have_debug_prints("jit-mem-looptoken-free") {
                log::debug_start("jit-mem-looptoken-free");
                log::debug_print(format_args!("freeing Loop {l} (backend loop {})", id.0));
                log::debug_stop("jit-mem-looptoken-free");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MemoryManager;
    use jitsupport_trace::{Descr, Kind, Op, Opcode, TargetToken, Trace, Value};
    use std::rc::Rc;

    /// A loop `label(i0) ... jump(i0)` to `target` (its own label when `None`).
    fn looping(label: &Rc<TargetToken>, target: Option<&Rc<TargetToken>>) -> Trace {
        let mut trace = Trace::new();
        let i0 = Value::Box(trace.add_input(Kind::Int));
        trace.push_op(
            Op::new(Opcode::Label, vec![i0], None).with_descr(Descr::Target(label.clone())),
        );
        let target = target.unwrap_or(label).clone();
        trace.push_op(Op::new(Opcode::Jump, vec![i0], None).with_descr(Descr::Target(target)));
        trace
    }

    fn token(number: u32) -> Rc<TargetToken> {
        Rc::new(TargetToken { number })
    }

    fn freed(m: &mut MemoryManager, longevity: u32) -> Vec<usize> {
        m.next_generation(longevity)
            .into_iter()
            .map(|f| f.2)
            .collect()
    }

    #[test]
    fn an_unused_loop_is_freed_after_longevity_generations() {
        let mut m = MemoryManager::default();
        let (t0, t1) = (token(0), token(1));
        m.loop_compiled(0, (0, &[0]), 0, (&looping(&t0, None), 10));
        assert!(freed(&mut m, 2).is_empty());
        m.loop_compiled(1, (0, &[1]), 0, (&looping(&t1, None), 10));
        assert!(freed(&mut m, 2).is_empty());
        m.entered(1);
        // Loop 0 was last used 3 generations ago, loop 1 one.
        assert_eq!(freed(&mut m, 2), [0]);
        assert!(freed(&mut m, 2).is_empty());
        assert_eq!(freed(&mut m, 2), [1]);
    }

    #[test]
    fn a_loop_that_a_live_loop_jumps_into_is_kept() {
        let mut m = MemoryManager::default();
        let (t0, t1) = (token(0), token(1));
        m.loop_compiled(0, (0, &[0]), 0, (&looping(&t0, None), 10));
        // Loop 1 ends by entering loop 0.
        m.loop_compiled(1, (0, &[1]), 0, (&looping(&t1, Some(&t0)), 10));
        for _ in 0..3 {
            m.entered(1);
            assert!(freed(&mut m, 1).is_empty());
        }
        // Once loop 1 is old too, both go together.
        let mut both = freed(&mut m, 1);
        both.sort_unstable();
        assert_eq!(both, [0, 1]);
    }

    #[test]
    fn the_guards_of_a_freed_loop_are_reported_dead() {
        let mut m = MemoryManager::default();
        let mut trace = looping(&token(0), None);
        let i0 = trace.inputs[0];
        let guard = Rc::new(jitsupport_trace::GuardDescr::new(7, 0));
        let op =
            Op::new(Opcode::GuardTrue, vec![Value::Box(i0)], None).with_descr(Descr::Guard(guard));
        trace.ops.insert(1, op);
        m.loop_compiled(0, (0, &[0]), 0, (&trace, 10));
        assert!(m.dead_guards.is_empty());
        m.next_generation(1);
        assert_eq!(freed(&mut m, 1), [0]);
        assert_eq!(m.dead_guards, [7]);
    }

    #[test]
    fn longevity_zero_frees_nothing() {
        let mut m = MemoryManager::default();
        m.loop_compiled(0, (0, &[0]), 0, (&looping(&token(0), None), 10));
        for _ in 0..10 {
            assert!(freed(&mut m, 0).is_empty());
        }
    }

    #[test]
    fn the_least_recently_used_loops_go_first_and_jumped_into_ones_with_their_jumpers() {
        let mut m = MemoryManager::default();
        let t: Vec<_> = (0..4).map(token).collect();
        m.loop_compiled(0, (0, &[0]), 0, (&looping(&t[0], None), 100));
        m.loop_compiled(1, (0, &[1]), 0, (&looping(&t[1], None), 100));
        // Loop 2 ends by entering loop 0.
        m.loop_compiled(2, (0, &[2]), 0, (&looping(&t[2], Some(&t[0])), 100));
        m.loop_compiled(3, (0, &[3]), 0, (&looping(&t[3], None), 100));
        let each = m.total_bytes() / 4;
        assert!(each >= 100);
        m.next_generation(0);
        m.entered(1);
        m.next_generation(0);
        m.entered(3);
        // Oldest first: 0 (but loop 2 jumps into it), then 2, then 0 with it.
        let freed: Vec<usize> = m
            .free_least_recently_used(2 * each, 3)
            .into_iter()
            .map(|f| f.2)
            .collect();
        assert_eq!(freed, [0, 2]);
        assert_eq!(m.total_bytes(), 2 * each);
        // Never the loop to keep.
        let freed: Vec<usize> = m
            .free_least_recently_used(0, 3)
            .into_iter()
            .map(|f| f.2)
            .collect();
        assert_eq!(freed, [1]);
        assert_eq!(m.total_bytes(), each);
    }
}
