//! The warm state: what the native interpreter asks the JIT at `can_enter_jit` and at portal
//! entry, as PyPy's `WarmEnterState` (`rpython/jit/metainterp/warmstate.py`).
//!
//! A green key (the greens of a driver, as ints: references by address) is first only a
//! hash counted in the [`JitCounter`]: no memory is allocated for keys that never get hot.
//! When its counter reaches the threshold, the key gets a [`JitCell`], which records what
//! the JIT knows about that place of the user's program exactly (the cell keeps the greens
//! and compares them, so hash collisions never mix up loops): being traced, its compiled
//! loop, or "don't trace here". Cells hang off the same slot as the key's counter, and the
//! slot's top bit says that it has some: so the common case at `can_enter_jit` costs a
//! hash of a few ints, one load, a compare and a store, which the native hooks do in line
//! ([`HotTable::count`](super::counter::HotTable::count)); they call
//! [`WarmState::can_enter_jit`] only when the count reaches the threshold or the slot has
//! cells.
//!
//! The protocol with the metainterp, step by step:
//!
//! 1. The interpreter calls [`WarmState::can_enter_jit`] (or [`WarmState::function_entry`]
//!    at the start of a portal call) with the greens; it answers an [`Entry`].
//! 2. [`Entry::Trace`]: the key just got hot and its cell is marked as being traced. The
//!    metainterp traces, then calls [`WarmState::attach_loop`] with the compiled loop (if
//!    any) and always [`WarmState::finish_tracing`]; on `trace_limit` it may mark the
//!    function that blew the trace with [`WarmState::dont_trace_here`], which also asks for
//!    that function to be traced from its own start at its next entry.
//! 3. [`Entry::Run`]: a loop is compiled for this key: the interpreter enters it.
//! 4. Guards count their failures with [`WarmState::guard_failed`] on a hash from
//!    [`WarmState::new_guard_hash`]; true means trace a bridge now.
//!
//! A cell without a loop, not being traced and not marked is removed the next time its key
//! comes by (once [`WarmState::forget_loop`] dropped its loop), and counting starts again
//! from zero.
//!
//! Keys back off: the metainterp reports every trace from a key that ended without a
//! loop with [`WarmState::trace_aborted`], and every loop the memory manager freed unused
//! with [`WarmState::loop_freed`]. Each of these doubles the key's threshold ([`JitCell::backoff`], at most [`MAX_BACKOFF`] doublings): the
//! counter still counts in line at the plain threshold (the cell is *quiet*, its slot has
//! no flag), and the warm state counts the times it trips, so a backed-off loop runs its
//! `can_enter_jit` as cheaply as any. After [`MAX_ABORTS`] aborts in a row the key is
//! given up: it is never traced from again (unless a loop is attached to it some other
//! way, which clears the count). Without this a key whose trace always aborts (a loop too
//! long for `trace_limit`) is traced again every `threshold` passes for ever, and a loop
//! freed while the program still comes back to it is compiled again at every return.
//!
//! The time [`Budget`](super::budget::Budget), when the JIT has one, is asked when a key
//! gets hot: while the JIT has spent its share of the run, the key is put off and every
//! threshold of the warm state doubles (its *scale*, up to [`MAX_SCALE`]; the in-line
//! count too), and each trace the budget allows halves them again. So a program that
//! runs many loops just past their threshold soon stops making keys hot at all, and a
//! loop that stays hot still gets hot at the scaled threshold and is compiled.

use super::budget::Budget;
use super::counter::{GreenHash, Increment, JitCounter};
use super::params::{self, JitParams};
use std::rc::Rc;

/// The cell is being traced now (by an outer invocation).
const TRACING: u8 = 0x01;
/// Calls to this function are not inlined when tracing; it is traced from its own start
/// as soon as possible instead.
const DONT_TRACE_HERE: u8 = 0x02;
/// The cell was traced at least once.
const TRACING_OCCURRED: u8 = 0x04;
/// The cell had a compiled loop at least once.
const SEEN_LOOP: u8 = 0x08;
/// Tracing from this key aborted [`MAX_ABORTS`] times: it is not traced from again.
const GAVE_UP: u8 = 0x10;

/// How many traces from one key may abort in a row before the key is given up. Each abort
/// doubles the key's threshold before it, so a key given up has cost at most `1 + 2 + 4 +
/// 8` thresholds of counting and four traces of at most `trace_limit` operations.
pub const MAX_ABORTS: u8 = 4;

/// The most a key's threshold is doubled by its back-offs together (aborts and freed
/// loops): 2^10 thresholds.
pub const MAX_BACKOFF: u8 = 10;

/// The most times the budget doubles every threshold of a warm state: 2^10.
pub const MAX_SCALE: u8 = 10;

/// How many passes a key the JIT gave up on skips in line after each time its counter
/// reaches the threshold: with `threshold=1` every pass reaches it, and each would call
/// the warm state (`threshold=1,trace_limit=100` ran tl's counting loop 2.4 times slower
/// than the JIT off). A key sharing the slot gets hot that many passes later.
pub const GIVEN_UP_SKIP: u32 = 1000;

/// What the JIT knows about one green key that got hot: its greens, flags and the
/// compiled loop (of the metainterp's type `L`, for example an `Rc` of a loop token).
#[derive(Debug)]
pub struct JitCell<L> {
    greens: Box<[i64]>,
    flags: u8,
    /// Traces from this key that aborted since it last had a loop.
    aborts: u8,
    /// How many times the memory manager freed a loop of this key (unused).
    freed: u8,
    /// Times the key's counter reached the threshold since it last got hot: a key backed
    /// off by `n` gets hot at the `2^n`-th (see [`JitCell::backoff`]).
    trips: u32,
    loop_token: Option<L>,
    next: Option<Box<JitCell<L>>>,
}

/// A summary of a cell's flags, for the metainterp and for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellState {
    /// Hot once, now counting again (after an aborted or failed trace).
    Counting,
    /// Being traced right now.
    Tracing,
    /// Has a compiled loop (it may also be marked don't-trace-here).
    Compiled,
    /// Marked don't-trace-here and without a loop: the function is traced from its own
    /// start at its next entry, and not inlined.
    DontTraceHere,
    /// Tracing from here aborted [`MAX_ABORTS`] times: never traced from again.
    GaveUp,
}

impl<L> JitCell<L> {
    fn new(greens: &[i64]) -> JitCell<L> {
        JitCell {
            greens: greens.into(),
            flags: 0,
            aborts: 0,
            freed: 0,
            trips: 0,
            loop_token: None,
            next: None,
        }
    }

    /// The greens of this cell.
    pub fn greens(&self) -> &[i64] {
        &self.greens
    }

    /// The compiled loop entered from this key, if any.
    pub fn loop_token(&self) -> Option<&L> {
        self.loop_token.as_ref()
    }

    /// Whether this key is being traced now.
    pub fn is_tracing(&self) -> bool {
        self.flags & TRACING != 0
    }

    /// Whether tracing must not inline calls to this function.
    pub fn dont_trace_here(&self) -> bool {
        self.flags & DONT_TRACE_HERE != 0
    }

    /// Whether this key was ever traced.
    pub fn tracing_occurred(&self) -> bool {
        self.flags & TRACING_OCCURRED != 0
    }

    /// How many traces from this key aborted since it last had a loop.
    pub fn aborts(&self) -> u8 {
        self.aborts
    }

    /// How many times a loop of this key was freed by the memory manager.
    pub fn times_freed(&self) -> u8 {
        self.freed
    }

    /// How many times the key's threshold is doubled: once per abort and per loop of it
    /// that was freed (up to [`MAX_BACKOFF`]).
    pub fn backoff(&self) -> u8 {
        self.aborts.saturating_add(self.freed).min(MAX_BACKOFF)
    }

    /// Whether tracing from this key was given up after [`MAX_ABORTS`] aborts.
    pub fn gave_up(&self) -> bool {
        self.flags & GAVE_UP != 0
    }

    /// The state of the cell.
    pub fn state(&self) -> CellState {
        if self.is_tracing() {
            CellState::Tracing
        } else if self.loop_token.is_some() {
            CellState::Compiled
        } else if self.gave_up() {
            CellState::GaveUp
        } else if self.dont_trace_here() {
            CellState::DontTraceHere
        } else {
            CellState::Counting
        }
    }

    /// Whether passes through the key need not leave the in-line count: it has no loop
    /// and no trace going on, and it was given up or is backed off (its counter trips
    /// at the plain threshold, and the warm state counts the trips). A slot whose cells
    /// are all quiet has no [`HAS_CELLS`](super::counter::HAS_CELLS) flag, so that a loop
    /// the JIT gave up on or put off runs its `can_enter_jit` almost as cheaply as with
    /// the JIT off.
    fn quiet(&self) -> bool {
        if self.loop_token.is_some() || self.is_tracing() {
            return false;
        }
        if self.gave_up() {
            return true;
        }
        if self.dont_trace_here() && self.flags & SEEN_LOOP == 0 {
            // Traced from its start at its next entry: that entry must come here.
            return false;
        }
        self.backoff() > 0
    }

    /// Whether the cell says nothing worth keeping, as PyPy's `should_remove_jitcell`.
    fn removable(&self) -> bool {
        if self.loop_token.is_some() || self.is_tracing() {
            return false;
        }
        if self.aborts > 0 || self.freed > 0 {
            // The counts that back the key off must outlive the cell's other news.
            return false;
        }
        if self.dont_trace_here() {
            // A mark with a loop that was freed since is dropped, so that marks are not
            // immortal; a mark never traced yet is kept.
            return self.flags & SEEN_LOOP != 0;
        }
        true
    }
}

/// The answer at `can_enter_jit` or at portal entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'a, L> {
    /// Go on interpreting.
    Interpret,
    /// The key just got hot: trace from here now, then call
    /// [`WarmState::finish_tracing`] (and [`WarmState::attach_loop`] on success).
    Trace,
    /// Enter this compiled loop.
    Run(&'a L),
}

/// The counters and cells of one JIT driver, with its parameters. The counter's slot of
/// every chain of cells carries the flag [`HAS_CELLS`](super::counter::HAS_CELLS), so that
/// the native hooks' in-line count ([`HotTable`](super::counter::HotTable)) leaves every
/// pass near a cell to [`WarmState::can_enter_jit`], and the increment it counts with is
/// `threshold`'s.
#[derive(Debug)]
pub struct WarmState<L> {
    counter: JitCounter,
    /// One chain of cells per counter slot.
    cells: Box<[Option<Box<JitCell<L>>>]>,
    increment_threshold: Increment,
    increment_function_threshold: Increment,
    increment_trace_eagerness: Increment,
    params: JitParams,
    /// The generation of the process-wide parameters last applied, if this state follows
    /// them.
    global_generation: Option<u64>,
    /// The JIT's time budget, if it has one: a key that gets hot while it is spent is put
    /// off, and every threshold doubles.
    budget: Option<Rc<Budget>>,
    /// How many times the budget doubled the thresholds (`threshold` and
    /// `function_threshold`): once per key put off, undone one at a time by the traces it
    /// allows.
    scale: u8,
}

impl<L> WarmState<L> {
    /// A warm state with these parameters and a default-sized counter table.
    pub fn new(params: &JitParams) -> WarmState<L> {
        WarmState::with_counter(params, JitCounter::default())
    }

    /// A warm state with these parameters and this counter table (tests use small ones).
    pub fn with_counter(params: &JitParams, counter: JitCounter) -> WarmState<L> {
        let mut cells = Vec::new();
        cells.resize_with(counter.size(), || None);
        let mut state = WarmState {
            counter,
            cells: cells.into_boxed_slice(),
            increment_threshold: Increment::NEVER,
            increment_function_threshold: Increment::NEVER,
            increment_trace_eagerness: Increment::NEVER,
            params: params.clone(),
            global_generation: None,
            budget: None,
            scale: 0,
        };
        state.set_params(params);
        state
    }

    /// A warm state following the process-wide parameters (`PYRITE_JIT` and
    /// [`set_param`](super::set_param)); it re-reads them in [`WarmState::refresh_params`].
    pub fn from_global_params() -> WarmState<L> {
        let generation = params::generation();
        let mut state = WarmState::new(&params::params());
        state.global_generation = Some(generation);
        state
    }

    /// The parameters in force.
    pub fn params(&self) -> &JitParams {
        &self.params
    }

    /// Applies new parameters. Counts so far are kept: they are fractions of the way, so a
    /// lower threshold makes keys hot sooner.
    pub fn set_params(&mut self, params: &JitParams) {
        self.increment_trace_eagerness = if params.enabled {
            Increment::for_threshold(params.trace_eagerness)
        } else {
            Increment::NEVER
        };
        self.counter.set_decay(params.decay);
        self.params = params.clone();
        self.apply_scale();
    }

    /// Sets the increments of `threshold` and `function_threshold`, doubled by the
    /// budget's scale, and the in-line count's.
    fn apply_scale(&mut self) {
        let on = |n: u32| {
            if self.params.enabled {
                Increment::for_threshold(n).backed_off(u32::from(self.scale))
            } else {
                Increment::NEVER
            }
        };
        self.increment_threshold = on(self.params.threshold);
        self.increment_function_threshold = on(self.params.function_threshold);
        self.counter.set_fast_increment(self.increment_threshold);
    }

    /// How many times the budget doubled the thresholds (see [`Budget`]).
    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// If this state follows the process-wide parameters and they changed, applies them.
    /// Cheap (one atomic load) when nothing changed. Called when a key gets hot and when a
    /// guard fails; the interpreter calls it after [`set_param`](super::set_param) if it
    /// wants the change at once (a lower threshold, say).
    pub fn refresh_params(&mut self) {
        if let Some(seen) = self.global_generation {
            let now = params::generation();
            if now != seen {
                self.set_params(&params::params());
                self.global_generation = Some(now);
            }
        }
    }

    /// Sets the time budget that keys getting hot must fit in (see [`Budget`]); `None`:
    /// no limit.
    pub fn set_budget(&mut self, budget: Option<Rc<Budget>>) {
        self.budget = budget;
    }

    /// The counter table.
    pub fn counter(&self) -> &JitCounter {
        &self.counter
    }

    /// The counter table, to decay it (the GC will call `decay_all` periodically) or to
    /// inspect it. (Setting its fast increment or cell flags breaks the native hooks'
    /// agreement with the warm state; the warm state keeps them.)
    pub fn counter_mut(&mut self) -> &mut JitCounter {
        &mut self.counter
    }

    /// Counts a pass through `can_enter_jit` with these greens and says what to do.
    #[inline]
    pub fn can_enter_jit(&mut self, greens: &[i64]) -> Entry<'_, L> {
        let increment = self.increment_threshold;
        self.maybe_compile_and_run(greens, increment)
    }

    /// Counts a call of a portal function with these greens (against
    /// `function_threshold`) and says what to do.
    #[inline]
    pub fn function_entry(&mut self, greens: &[i64]) -> Entry<'_, L> {
        let increment = self.increment_function_threshold;
        self.maybe_compile_and_run(greens, increment)
    }

    #[inline]
    fn maybe_compile_and_run(&mut self, greens: &[i64], increment: Increment) -> Entry<'_, L> {
        let hash = GreenHash::of(greens);
        let index = self.counter.index(hash);
        if self.counter.take_skip(hash) {
            // Skipped in line as well (a given-up key's slot).
            return Entry::Interpret;
        }
        if self.cells[index].is_none() {
            // The common case: nothing known about this slot, only count.
            if self.counter.tick(hash, increment) {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        }
        self.enter_with_cells(hash, index, greens, increment)
    }

    /// The slot has cells: find the key's, and act on its flags.
    #[inline(never)]
    fn enter_with_cells(
        &mut self,
        hash: GreenHash,
        index: usize,
        greens: &[i64],
        increment: Increment,
    ) -> Entry<'_, L> {
        let Some(cell) = find(&self.cells[index], greens) else {
            // Only other keys sharing the slot have cells.
            if self.counter.tick(hash, increment) {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        };
        if cell.is_tracing() {
            // An outer invocation is tracing from here already.
            return Entry::Interpret;
        }
        if cell.loop_token.is_some() {
            return match find(&self.cells[index], greens).and_then(|c| c.loop_token.as_ref()) {
                Some(token) => Entry::Run(token),
                None => Entry::Interpret,
            };
        }
        if cell.gave_up() {
            // Counted as the in-line count does (a chain of given-up keys has no flag,
            // see `quiet`): it comes here when the count trips, which starts it again
            // after a stretch of passes skipped in line.
            if self.counter.tick(hash, increment) {
                self.counter.set_skip(hash, GIVEN_UP_SKIP);
            }
            return Entry::Interpret;
        }
        if cell.dont_trace_here() && cell.flags & SEEN_LOOP == 0 {
            // A function that was too long to inline: trace it from its start at once if
            // it never was (nor was put off), else count normally.
            let hot = if cell.tracing_occurred() {
                self.trip(hash, index, greens, increment)
            } else {
                true
            };
            if hot {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        }
        if cell.backoff() > 0 {
            // Backed off (aborts, a freed loop, the budget): the counter trips at the
            // plain threshold, in line, and the key gets hot at the 2^backoff-th trip.
            if self.trip(hash, index, greens, increment) {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        }
        // A loop that was freed: forget and count again from zero.
        self.counter.reset(hash);
        self.cleanup_chain(index);
        Entry::Interpret
    }

    /// Counts a pass of a backed-off key: true when its counter reached the threshold
    /// for the `2^backoff`-th time since the key last got hot.
    fn trip(
        &mut self,
        hash: GreenHash,
        index: usize,
        greens: &[i64],
        increment: Increment,
    ) -> bool {
        if !self.counter.tick(hash, increment) {
            return false;
        }
        let Some(cell) = find_mut(&mut self.cells[index], greens) else {
            return true;
        };
        cell.trips += 1;
        if cell.trips >= 1 << cell.backoff() {
            cell.trips = 0;
            true
        } else {
            false
        }
    }

    /// A counter reached its threshold: start tracing unless the JIT was turned off.
    #[inline(never)]
    fn bound_reached(&mut self, hash: GreenHash, greens: &[i64]) -> Entry<'_, L> {
        self.refresh_params();
        if !self.params.enabled {
            return Entry::Interpret;
        }
        if let Some(budget) = &self.budget {
            if !budget.allows() {
                // The JIT spent its share of the run: put the key off and double every
                // threshold, so that keys hot just once do not all come back, and the
                // program runs on in line.
                budget.defer();
                self.scale = (self.scale + 1).min(MAX_SCALE);
                self.apply_scale();
                self.counter.reset(hash);
                return Entry::Interpret;
            }
            if self.scale > 0 {
                self.scale -= 1;
                self.apply_scale();
            }
        }
        // Decay everything, so that keys getting hot together do not compile in a burst.
        self.counter.decay_all();
        let cell = self.ensure_cell(hash, greens);
        cell.flags |= TRACING | TRACING_OCCURRED;
        Entry::Trace
    }

    /// The cell of these greens, if the key ever got hot and the cell is still there.
    pub fn cell(&self, greens: &[i64]) -> Option<&JitCell<L>> {
        let index = self.counter.index(GreenHash::of(greens));
        find(&self.cells[index], greens)
    }

    /// The compiled loop entered at these greens, if any.
    pub fn loop_token(&self, greens: &[i64]) -> Option<&L> {
        self.cell(greens).and_then(JitCell::loop_token)
    }

    fn cell_mut(&mut self, greens: &[i64]) -> Option<&mut JitCell<L>> {
        let index = self.counter.index(GreenHash::of(greens));
        let mut current = self.cells[index].as_deref_mut();
        while let Some(cell) = current {
            if *cell.greens == *greens {
                return Some(cell);
            }
            current = cell.next.as_deref_mut();
        }
        None
    }

    /// The cell of these greens, created if needed and moved to the front of its chain;
    /// the removable cells of the chain go on the way.
    fn ensure_cell(&mut self, hash: GreenHash, greens: &[i64]) -> &mut JitCell<L> {
        let index = self.counter.index(hash);
        let mut chain = self.cells[index].take();
        let mut rest = None;
        let mut found = None;
        while let Some(mut cell) = chain {
            chain = cell.next.take();
            if found.is_none() && *cell.greens == *greens {
                found = Some(cell);
            } else if !cell.removable() {
                cell.next = rest;
                rest = Some(cell);
            }
        }
        let mut cell = found.unwrap_or_else(|| Box::new(JitCell::new(greens)));
        cell.next = rest;
        self.counter.set_has_cells(index, true);
        self.cells[index].insert(cell)
    }

    /// Drops the removable cells of a slot.
    fn cleanup_chain(&mut self, index: usize) {
        let mut chain = self.cells[index].take();
        let mut keep = None;
        while let Some(mut cell) = chain {
            chain = cell.next.take();
            if !cell.removable() {
                cell.next = keep;
                keep = Some(cell);
            }
        }
        self.cells[index] = keep;
        self.refresh_flag(index);
    }

    /// Sets the slot's flag to whether its chain has a cell that is not quiet.
    fn refresh_flag(&mut self, index: usize) {
        let mut chain = &self.cells[index];
        let mut loud = false;
        while let Some(cell) = chain {
            loud |= !cell.quiet();
            chain = &cell.next;
        }
        self.counter.set_has_cells(index, loud);
    }

    /// Ends tracing from these greens (successful or not): the key may be traced again.
    pub fn finish_tracing(&mut self, greens: &[i64]) {
        if let Some(cell) = self.cell_mut(greens) {
            cell.flags &= !TRACING;
        }
    }

    /// Installs the compiled loop for these greens (PyPy's `attach_procedure_to_interp`)
    /// and returns the loop it replaces, which the caller redirects to the new one.
    pub fn attach_loop(&mut self, greens: &[i64], token: L) -> Option<L> {
        let cell = self.ensure_cell(GreenHash::of(greens), greens);
        cell.flags = (cell.flags | SEEN_LOOP) & !GAVE_UP;
        cell.aborts = 0;
        cell.trips = 0;
        cell.loop_token.replace(token)
    }

    /// Records that a trace from these greens ended without a loop (call it after
    /// [`WarmState::finish_tracing`]): the key's threshold doubles, and after
    /// [`MAX_ABORTS`] aborts in a row the key is given up. Returns true when this abort
    /// gave the key up.
    pub fn trace_aborted(&mut self, greens: &[i64]) -> bool {
        let hash = GreenHash::of(greens);
        let cell = self.ensure_cell(hash, greens);
        cell.aborts = cell.aborts.saturating_add(1);
        let give_up = cell.aborts >= MAX_ABORTS && !cell.gave_up();
        if give_up {
            cell.flags |= GAVE_UP;
        }
        self.counter.reset(hash);
        let index = self.counter.index(hash);
        self.refresh_flag(index);
        give_up
    }

    /// Drops the compiled loop of these greens (freed by the memory manager or
    /// invalidated) and returns it; the key counts again from zero.
    pub fn forget_loop(&mut self, greens: &[i64]) -> Option<L> {
        self.cell_mut(greens)
            .and_then(|cell| cell.loop_token.take())
    }

    /// Drops the compiled loop of these greens because the memory manager freed it
    /// (unused for `loop_longevity` generations) and returns it: the key keeps its cell,
    /// whose threshold doubles once per loop of it freed so far (see [`JitCell::backoff`]),
    /// so that a loop freed while the program still comes back to it is not compiled
    /// again at every return.
    pub fn loop_freed(&mut self, greens: &[i64]) -> Option<L> {
        let hash = GreenHash::of(greens);
        let index = self.counter.index(hash);
        let cell = find_mut(&mut self.cells[index], greens)?;
        let token = cell.loop_token.take();
        cell.freed = cell.freed.saturating_add(1);
        cell.trips = 0;
        self.counter.reset(hash);
        self.refresh_flag(index);
        token
    }

    /// How many times a loop of these greens was freed by the memory manager.
    pub fn times_freed(&self, greens: &[i64]) -> u32 {
        self.cell(greens).map_or(0, |c| u32::from(c.freed))
    }

    /// Marks these greens (a function's entry) so that tracing does not inline calls to
    /// it, and it is traced from its own start at its next entry (after a trace hit
    /// `trace_limit` mostly inside it).
    pub fn dont_trace_here(&mut self, greens: &[i64]) {
        let cell = self.ensure_cell(GreenHash::of(greens), greens);
        cell.flags |= DONT_TRACE_HERE;
    }

    /// Whether the tracer may inline a call to the function entered at these greens: the
    /// `inlining` parameter is on and the function is not marked.
    pub fn can_inline(&self, greens: &[i64]) -> bool {
        self.params.inlining && !self.cell(greens).is_some_and(JitCell::dont_trace_here)
    }

    /// Makes the next pass or two through these greens trigger tracing, as PyPy's
    /// `trace_next_iteration` (the counter is set to 98% of the way).
    pub fn trace_next_iteration(&mut self, greens: &[i64]) {
        self.counter.set_fraction(GreenHash::of(greens), 0.98);
    }

    /// A fresh hash for a new guard to count its failures with.
    pub fn new_guard_hash(&mut self) -> GreenHash {
        self.counter.fetch_next_hash()
    }

    /// Counts a failure of the guard with this hash against `trace_eagerness`; true means
    /// trace a bridge from it now.
    pub fn guard_failed(&mut self, hash: GreenHash) -> bool {
        self.refresh_params();
        self.counter.tick(hash, self.increment_trace_eagerness)
    }
}

/// The cell with these greens in a chain, to change it.
fn find_mut<'a, L>(
    mut chain: &'a mut Option<Box<JitCell<L>>>,
    greens: &[i64],
) -> Option<&'a mut JitCell<L>> {
    while let Some(cell) = chain {
        if *cell.greens == *greens {
            return Some(cell);
        }
        chain = &mut cell.next;
    }
    None
}

/// The cell with these greens in a chain.
fn find<'a, L>(mut chain: &'a Option<Box<JitCell<L>>>, greens: &[i64]) -> Option<&'a JitCell<L>> {
    while let Some(cell) = chain {
        if *cell.greens == *greens {
            return Some(cell);
        }
        chain = &cell.next;
    }
    None
}
