//! The JIT counter: a fixed-size table of decaying counters indexed by a hash of the greens,
//! as PyPy's `JitCounter` (`rpython/jit/metainterp/counter.py`).
//!
//! Every place that counts its way to a JIT event shares one table: `can_enter_jit` (loops,
//! `threshold`), portal entry (functions, `function_threshold`) and guard failures (bridges,
//! `trace_eagerness`). A slot holds the *fraction* of the way to its event, as a fixed-point
//! number where [`LIMIT`] is 1.0, and each place adds its own [`Increment`]: so one table
//! serves every threshold, and changing a threshold does not reset the counts.
//!
//! Two green keys whose hashes share a slot count together; the table is large enough for
//! that to be rare, and harmless when it happens (a loop gets hot a little early). Exact
//! identity is the business of the cells in [`warmstate`](super::warmstate).
//!
//! Counters decay: [`JitCounter::decay_all`] multiplies every slot by `(1000 - decay) /
//! 1000`, so a path taken rarely never gets hot. PyPy decays after every 64 minor
//! collections and whenever a counter becomes hot (so that all the loops that get hot
//! together do not all compile in one burst); the warm state does the latter, the GC will
//! do the former.
//!
//! The slots live in a [`HotTable`], shared (`Rc`) between the counter and the native
//! interpreter's portal frames (which hold it by a plain reference: the runtime keeps the
//! tables it hands out for ever), so that the hook at `can_enter_jit` counts in line, as
//! PyPy's inline counter decrement: the top bit of a slot, [`HAS_CELLS`], says that some
//! key hashing there has a cell in the warm state (being traced, compiled, backed off...),
//! and the table keeps the `can_enter_jit` increment. A pass whose slot has no cells and
//! does not reach the limit is the hash (a rotation, an exclusive or and a multiplication
//! for a pc and a program), a load of the slot, a compare with the decrement and a store
//! ([`HotTable::count`], which keeps each slot's distance to its event where the warm
//! state keeps counts); every other pass goes out of line to the warm state, which
//! decides as before.

use std::cell::Cell;
use std::rc::Rc;

/// The fixed-point value of a counter that has reached its event: 1.0.
pub const LIMIT: u64 = 1 << 62;

/// The flag bit of a slot: some key hashing to it has a cell in the warm state. A count is
/// always below [`LIMIT`], so the bit is free, and a flagged slot never passes the in-line
/// test of [`HotTable::count`].
pub const HAS_CELLS: u64 = 1 << 63;

/// The other flag bit of a slot: its low bits are not a count but a number of passes to
/// skip, in line, without counting them ([`JitCounter::set_skip`]): the warm state sets it
/// after a pass of a key it gave up on, so that with a tiny threshold (1: every pass
/// reaches it) such a key does not leave the in-line count at every pass. Never with
/// [`HAS_CELLS`].
pub const SKIP: u64 = LIMIT;

/// The count bits of a slot.
const COUNT: u64 = LIMIT - 1;

/// A hash of a green key (or a guard's identity), whose top bits choose the counter slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GreenHash(pub u64);

/// The multiplier of [`GreenFold::finish`] (Fibonacci hashing: 2^64 / the golden ratio).
const HASH_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl GreenHash {
    /// Hashes green values (ints, and references by address), with no allocation: the
    /// greens folded with [`GreenFold::mix`], then one multiplication whose top bits
    /// depend on every bit of every green.
    #[inline]
    pub fn of(greens: &[i64]) -> GreenHash {
        let mut fold = GreenFold::EMPTY;
        for &g in greens {
            fold = fold.mix(g);
        }
        fold.finish()
    }
}

/// The greens hashed so far, before the multiplication of [`GreenFold::finish`]:
/// `GreenHash::of(&[a, b]) == GreenFold::EMPTY.mix(a).mix(b).finish()`. A fold step is a
/// rotation and an exclusive or, so that the hooks' in-line hash of a key whose greens are
/// one varying pc and loop-invariant others (the program) costs a rotation, an exclusive
/// or, one multiplication and the shift to the slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GreenFold(u64);

impl GreenFold {
    /// The fold of no greens.
    pub const EMPTY: GreenFold = GreenFold(0);

    /// The fold of the greens folded so far followed by `green` (the rotation keeps
    /// `[a, b]` and `[b, a]` apart).
    #[inline(always)]
    pub fn mix(self, green: i64) -> GreenFold {
        GreenFold(self.0.rotate_left(23) ^ green as u64)
    }

    /// The hash of the folded greens.
    #[inline(always)]
    pub fn finish(self) -> GreenHash {
        GreenHash(self.0.wrapping_mul(HASH_MULTIPLIER))
    }
}

/// What one pass adds to a counter: `LIMIT / threshold`, rounded up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Increment(u64);

impl Increment {
    /// The increment that never reaches the limit (a threshold of 0: never hot).
    pub const NEVER: Increment = Increment(0);

    /// The increment with which a counter starting at zero reaches the limit exactly at
    /// the `threshold`-th pass (exact for every threshold below 2·10⁹, and within four
    /// passes above). A threshold of 0 means never.
    pub fn for_threshold(threshold: u32) -> Increment {
        if threshold == 0 {
            return Increment::NEVER;
        }
        Increment(LIMIT.div_ceil(u64::from(threshold)))
    }

    /// The fixed-point value added per pass.
    pub fn get(self) -> u64 {
        self.0
    }

    /// The increment of a threshold `2^shift` times larger: exactly
    /// `for_threshold(threshold << shift)`, since halving with rounding up `shift` times
    /// rounds up `LIMIT / (threshold << shift)` once. Never 0 unless it was, so that a
    /// backed-off key still gets hot some day.
    pub fn backed_off(self, shift: u32) -> Increment {
        Increment(self.0.div_ceil(1 << shift.min(63)))
    }
}

/// The slots of a [`JitCounter`], shared with the native interpreter's frames, which count
/// passes through `can_enter_jit` in line with [`HotTable::count`].
///
/// Each slot is two words. The first, `fast`, is what the in-line count reads: for a slot
/// that just counts (no flag), how far it still is from its event, `LIMIT - count`
/// (from 1 to [`LIMIT`]); 0 for a slot with a flag ([`HAS_CELLS`], [`SKIP`]), whose value
/// is then the second word, `aside`, in the form of [`JitCounter`]'s values (a count
/// below [`LIMIT`], and the flags on top). So a pass counts in line, as PyPy's inline
/// decrement, with one compare of `fast` against the decrement and one store: a flagged
/// slot (0) and a slot the pass would bring to its event both fail the compare.
#[derive(Debug)]
pub struct HotTable {
    /// What a pass through `can_enter_jit` takes from `fast` (the `threshold`'s
    /// increment); `u64::MAX` while the fast path is closed ([`HotTable::set_closed`]):
    /// every pass goes out of line.
    decrement: Cell<u64>,
    /// The `can_enter_jit` increment, kept while the fast path is closed.
    increment: Cell<u64>,
    /// The fast path is closed (the JIT is busy up the stack, or gone).
    closed: Cell<bool>,
    /// `64 - log2(size)`: the index of a hash is its top bits.
    shift: u32,
    /// The distance of each slot to its event, or 0 when `aside` holds its value.
    fast: Box<[Cell<u64>]>,
    /// The value of each slot whose `fast` is 0 (a flag is set).
    aside: Box<[Cell<u64>]>,
}

impl HotTable {
    fn new(size: usize) -> HotTable {
        HotTable {
            decrement: Cell::new(0),
            increment: Cell::new(0),
            closed: Cell::new(false),
            shift: 64 - size.trailing_zeros(),
            fast: (0..size).map(|_| Cell::new(LIMIT)).collect(),
            aside: (0..size).map(|_| Cell::new(0)).collect(),
        }
    }

    /// Counts a pass through `can_enter_jit` with this hash in line: takes the increment
    /// from its slot and returns true, unless the slot reaches its event or has cells, or
    /// the table is closed; then it changes nothing and returns false, and the caller asks
    /// the warm state, which counts (once) and decides.
    #[inline(always)]
    pub fn count(&self, hash: GreenHash) -> bool {
        let index = (hash.0 >> self.shift) as usize;
        // Safety: `shift` is `64 - log2(len)`, so `index < len`.
        let slot = unsafe { self.fast.get_unchecked(index) };
        let value = slot.get();
        let decrement = self.decrement.get();
        if value > decrement {
            slot.set(value - decrement);
            true
        } else {
            self.count_flagged(index)
        }
    }

    /// The in-line count of a pass whose slot is flagged or reaches its event: a pass to
    /// skip ([`SKIP`]) is taken here; every other goes out of line.
    #[cold]
    fn count_flagged(&self, index: usize) -> bool {
        let aside = &self.aside[index];
        let value = aside.get();
        if self.fast[index].get() == 0 && value & (SKIP | HAS_CELLS) == SKIP && value & COUNT != 0 {
            aside.set(value - 1);
            true
        } else {
            false
        }
    }

    /// The value of slot `index`: a count below [`LIMIT`], with the flags on top.
    #[inline]
    fn get(&self, index: usize) -> u64 {
        match self.fast[index].get() {
            0 => self.aside[index].get(),
            distance => LIMIT - distance,
        }
    }

    /// Sets the value of slot `index` (a count below [`LIMIT`], with the flags on top).
    #[inline]
    fn set(&self, index: usize, value: u64) {
        if value & (HAS_CELLS | SKIP) == 0 {
            self.fast[index].set(LIMIT - value);
        } else {
            self.fast[index].set(0);
            self.aside[index].set(value);
        }
    }

    /// Closes (every pass goes to the warm state) or reopens the fast path. The runtime
    /// closes it while its JIT is taken out of its slot, so that an interpreter run
    /// from inside the JIT counts nothing, as the warm state would not.
    pub fn set_closed(&self, closed: bool) {
        self.closed.set(closed);
        self.update_decrement();
    }

    fn set_increment(&self, increment: Increment) {
        self.increment.set(increment.0);
        self.update_decrement();
    }

    fn update_decrement(&self) {
        self.decrement.set(if self.closed.get() {
            u64::MAX
        } else {
            self.increment.get()
        });
    }
}

/// The table of counters.
#[derive(Debug)]
pub struct JitCounter {
    /// The slots, shared with the fast path of the native hooks.
    table: Rc<HotTable>,
    /// How many thousandths a counter keeps at each decay (`1000 - decay`).
    keep: u64,
    /// The next slot handed out by [`JitCounter::fetch_next_hash`].
    next_index: usize,
}

impl JitCounter {
    /// The number of slots of [`JitCounter::default`], as PyPy.
    pub const DEFAULT_SIZE: usize = 8192;

    /// A table of `size` slots, a power of two from 2 to 2^31 (other sizes are rounded up
    /// to one), with a decay of 40.
    pub fn new(size: usize) -> JitCounter {
        let size = size.clamp(2, 1 << 31).next_power_of_two();
        JitCounter {
            table: Rc::new(HotTable::new(size)),
            keep: 1000 - 40,
            next_index: 0,
        }
    }

    /// The number of slots.
    pub fn size(&self) -> usize {
        self.table.fast.len()
    }

    /// The slot of a hash: its top bits.
    #[inline]
    pub fn index(&self, hash: GreenHash) -> usize {
        (hash.0 >> self.table.shift) as usize
    }

    /// The table the native hooks count in, in line, with the increment of
    /// [`JitCounter::set_fast_increment`].
    pub fn hot_table(&self) -> &Rc<HotTable> {
        &self.table
    }

    /// Sets what [`HotTable::count`] adds per pass: the `can_enter_jit` increment, which
    /// must be the one the warm state counts these passes with out of line.
    pub fn set_fast_increment(&mut self, increment: Increment) {
        self.table.set_increment(increment);
    }

    /// Sets or clears the [`HAS_CELLS`] flag of slot `index` (the warm state keeps it
    /// equal to "the slot's chain of cells is not empty").
    pub fn set_has_cells(&mut self, index: usize, has_cells: bool) {
        let old = self.table.get(index);
        self.table.set(
            index,
            if has_cells {
                // Passes through a slot with cells are never skipped.
                count_of(old) | HAS_CELLS
            } else {
                old & (COUNT | SKIP)
            },
        );
    }

    /// Whether slot `index` has the [`HAS_CELLS`] flag.
    pub fn has_cells(&self, index: usize) -> bool {
        self.table.get(index) & HAS_CELLS != 0
    }

    /// Counts one pass: adds `increment` to the slot of `hash`. Returns true when the
    /// counter reaches the limit, and then resets it to zero (so the next event needs a
    /// full count again).
    #[inline]
    pub fn tick(&mut self, hash: GreenHash, increment: Increment) -> bool {
        let index = self.index(hash);
        let old = self.table.get(index);
        // Both terms are at most LIMIT = 2^62, so the sum cannot overflow.
        let value = count_of(old) + increment.0;
        if value < LIMIT {
            self.table.set(index, value | (old & HAS_CELLS));
            false
        } else {
            self.table.set(index, old & HAS_CELLS);
            true
        }
    }

    /// Resets the slot of `hash` to zero.
    pub fn reset(&mut self, hash: GreenHash) {
        let index = self.index(hash);
        self.table.set(index, self.table.get(index) & HAS_CELLS);
    }

    /// How far the slot of `hash` is to its event, from 0.0 to (not including) 1.0.
    pub fn fraction(&self, hash: GreenHash) -> f64 {
        count_of(self.table.get(self.index(hash))) as f64 / LIMIT as f64
    }

    /// Makes the next `passes` passes through the slot of `hash` skip counting (in line,
    /// and in [`JitCounter::take_skip`]); then it counts from zero. Nothing happens to a
    /// slot with cells.
    pub fn set_skip(&mut self, hash: GreenHash, passes: u32) {
        let index = self.index(hash);
        if self.table.get(index) & HAS_CELLS == 0 {
            self.table.set(index, SKIP | u64::from(passes));
        }
    }

    /// Takes one pass to skip from the slot of `hash`, as [`HotTable::count`] does in
    /// line: true if the pass is skipped. The warm state asks this first, so that a pass
    /// counts the same in line and out of line.
    pub fn take_skip(&mut self, hash: GreenHash) -> bool {
        let index = self.index(hash);
        let value = self.table.get(index);
        if value & SKIP == 0 {
            return false;
        }
        if value & COUNT == 0 {
            // The skips are over: count from zero.
            self.table.set(index, 0);
            return false;
        }
        self.table.set(index, value - 1);
        true
    }

    /// Sets the slot of `hash` to `fraction` of the way (clamped below 1.0), as PyPy's
    /// `change_current_fraction`: 0.98 makes the next few passes trigger the event.
    pub fn set_fraction(&mut self, hash: GreenHash, fraction: f64) {
        let index = self.index(hash);
        let value = (fraction.clamp(0.0, 1.0) * LIMIT as f64) as u64;
        self.table.set(
            index,
            value.min(COUNT) | (self.table.get(index) & HAS_CELLS),
        );
    }

    /// Sets the decay, from 0 (none) to 1000 (every decay resets the counters); larger
    /// values are taken as 1000.
    pub fn set_decay(&mut self, decay: u32) {
        self.keep = 1000 - u64::from(decay.min(1000));
    }

    /// Multiplies every counter by `(1000 - decay) / 1000`, rounding down.
    pub fn decay_all(&mut self) {
        let keep = self.keep;
        let decay = |count: u64| count / 1000 * keep + count % 1000 * keep / 1000;
        for (fast, aside) in self.table.fast.iter().zip(self.table.aside.iter()) {
            let distance = fast.get();
            if distance != 0 {
                // A plain count, kept as its distance to the event.
                fast.set(LIMIT - decay(LIMIT - distance));
            } else {
                let old = aside.get();
                if old & SKIP == 0 {
                    aside.set(decay(old & COUNT) | (old & HAS_CELLS));
                }
            }
        }
    }

    /// A fresh hash for something that counts without greens (a guard counting its
    /// failures towards a bridge), as PyPy's `fetch_next_index`: successive calls go round
    /// the table, so guards share slots only when there are more guards than slots.
    pub fn fetch_next_hash(&mut self) -> GreenHash {
        let index = self.next_index;
        self.next_index = (index + 1) & (self.size() - 1);
        GreenHash((index as u64) << self.table.shift)
    }
}

/// The count of a slot's value: 0 while it skips passes.
#[inline]
fn count_of(value: u64) -> u64 {
    if value & SKIP != 0 {
        0
    } else {
        value & COUNT
    }
}

impl Default for JitCounter {
    fn default() -> JitCounter {
        JitCounter::new(JitCounter::DEFAULT_SIZE)
    }
}
