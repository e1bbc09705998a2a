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
//! Aborted traces back off: the metainterp reports every trace from a key that ended
//! without a loop with [`WarmState::trace_aborted`]. The cell keeps the number of such
//! aborts, and each one doubles the key's threshold (the counter advances by half as much
//! per pass). After [`MAX_ABORTS`] aborts in a row the key is given up: it is never traced
//! from again (unless a loop is attached to it some other way, which clears the count).
//! Without this a key whose trace always aborts (a loop too long for `trace_limit`) is
//! traced again every `threshold` passes for ever, and the program runs mostly in the
//! tracer.

use super::counter::{GreenHash, Increment, JitCounter};
use super::params::{self, JitParams};

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

/// What the JIT knows about one green key that got hot: its greens, flags and the
/// compiled loop (of the metainterp's type `L`, for example an `Rc` of a loop token).
#[derive(Debug)]
pub struct JitCell<L> {
    greens: Box<[i64]>,
    flags: u8,
    /// Traces from this key that aborted since it last had a loop.
    aborts: u8,
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

    /// Whether passes through the key need not leave the in-line count: it was given up,
    /// and has no loop and no trace going on. A slot whose cells are all quiet has no
    /// [`HAS_CELLS`](super::counter::HAS_CELLS) flag, so that a loop the JIT gave up on
    /// runs its `can_enter_jit` almost as cheaply as with the JIT off.
    fn quiet(&self) -> bool {
        self.gave_up() && self.loop_token.is_none() && !self.is_tracing()
    }

    /// Whether the cell says nothing worth keeping, as PyPy's `should_remove_jitcell`.
    fn removable(&self) -> bool {
        if self.loop_token.is_some() || self.is_tracing() {
            return false;
        }
        if self.aborts > 0 {
            // The count of aborts is what backs the key off: it must outlive the cell's
            // other news.
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
        let on = |n: u32| {
            if params.enabled {
                Increment::for_threshold(n)
            } else {
                Increment::NEVER
            }
        };
        self.increment_threshold = on(params.threshold);
        self.increment_function_threshold = on(params.function_threshold);
        self.increment_trace_eagerness = on(params.trace_eagerness);
        self.counter.set_fast_increment(self.increment_threshold);
        self.counter.set_decay(params.decay);
        self.params = params.clone();
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
            // see `quiet`): it comes here when the count trips, which starts it again.
            self.counter.tick(hash, increment);
            return Entry::Interpret;
        }
        // Every abort from this key halves the increment: the threshold doubles.
        let increment = increment.backed_off(u32::from(cell.aborts));
        if cell.dont_trace_here() && cell.flags & SEEN_LOOP == 0 {
            // A function that was too long to inline: trace it from its start at once if
            // it never was, else count normally.
            let hot = if cell.tracing_occurred() {
                self.counter.tick(hash, increment)
            } else {
                true
            };
            if hot {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        }
        if cell.aborts > 0 {
            // Traces from here aborted: count towards the backed-off threshold.
            if self.counter.tick(hash, increment) {
                return self.bound_reached(hash, greens);
            }
            return Entry::Interpret;
        }
        // A loop that was freed: forget and count again from zero.
        self.counter.reset(hash);
        self.cleanup_chain(index);
        Entry::Interpret
    }

    /// A counter reached its threshold: start tracing unless the JIT was turned off.
    #[inline(never)]
    fn bound_reached(&mut self, hash: GreenHash, greens: &[i64]) -> Entry<'_, L> {
        self.refresh_params();
        if !self.params.enabled {
            return Entry::Interpret;
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
