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

/// The fixed-point value of a counter that has reached its event: 1.0.
pub const LIMIT: u64 = 1 << 63;

/// A hash of a green key (or a guard's identity), whose top bits choose the counter slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GreenHash(pub u64);

impl GreenHash {
    /// Hashes green values (ints, and references by address), with no allocation: a
    /// multiply-xor chain whose top bits depend on every bit of every green.
    #[inline]
    pub fn of(greens: &[i64]) -> GreenHash {
        let mut x: u64 = 0x8f70_11ee_2c61_b4d3;
        for &g in greens {
            x = (x ^ g as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        GreenHash(x)
    }
}

/// What one pass adds to a counter: `LIMIT / threshold`, rounded up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Increment(u64);

impl Increment {
    /// The increment that never reaches the limit (a threshold of 0: never hot).
    pub const NEVER: Increment = Increment(0);

    /// The increment with which a counter starting at zero reaches the limit exactly at
    /// the `threshold`-th pass (exact for every threshold below 3·10⁹, and within one pass
    /// above). A threshold of 0 means never.
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

/// The table of counters.
#[derive(Debug)]
pub struct JitCounter {
    /// `64 - log2(size)`: the index of a hash is its top bits.
    shift: u32,
    /// The counters, as fractions of [`LIMIT`]; always below it.
    timetable: Box<[u64]>,
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
            shift: 64 - size.trailing_zeros(),
            timetable: vec![0; size].into_boxed_slice(),
            keep: 1000 - 40,
            next_index: 0,
        }
    }

    /// The number of slots.
    pub fn size(&self) -> usize {
        self.timetable.len()
    }

    /// The slot of a hash: its top bits.
    #[inline]
    pub fn index(&self, hash: GreenHash) -> usize {
        (hash.0 >> self.shift) as usize
    }

    /// Counts one pass: adds `increment` to the slot of `hash`. Returns true when the
    /// counter reaches the limit, and then resets it to zero (so the next event needs a
    /// full count again).
    #[inline]
    pub fn tick(&mut self, hash: GreenHash, increment: Increment) -> bool {
        let index = self.index(hash);
        let slot = &mut self.timetable[index];
        // Both terms are at most LIMIT = 2^63, so the sum cannot overflow.
        let value = *slot + increment.0;
        if value < LIMIT {
            *slot = value;
            false
        } else {
            *slot = 0;
            true
        }
    }

    /// Resets the slot of `hash` to zero.
    pub fn reset(&mut self, hash: GreenHash) {
        let index = self.index(hash);
        self.timetable[index] = 0;
    }

    /// How far the slot of `hash` is to its event, from 0.0 to (not including) 1.0.
    pub fn fraction(&self, hash: GreenHash) -> f64 {
        self.timetable[self.index(hash)] as f64 / LIMIT as f64
    }

    /// Sets the slot of `hash` to `fraction` of the way (clamped below 1.0), as PyPy's
    /// `change_current_fraction`: 0.98 makes the next few passes trigger the event.
    pub fn set_fraction(&mut self, hash: GreenHash, fraction: f64) {
        let index = self.index(hash);
        let value = (fraction.clamp(0.0, 1.0) * LIMIT as f64) as u64;
        self.timetable[index] = value.min(LIMIT - 1);
    }

    /// Sets the decay, from 0 (none) to 1000 (every decay resets the counters); larger
    /// values are taken as 1000.
    pub fn set_decay(&mut self, decay: u32) {
        self.keep = 1000 - u64::from(decay.min(1000));
    }

    /// Multiplies every counter by `(1000 - decay) / 1000`, rounding down.
    pub fn decay_all(&mut self) {
        let keep = self.keep;
        for slot in self.timetable.iter_mut() {
            *slot = *slot / 1000 * keep + *slot % 1000 * keep / 1000;
        }
    }

    /// A fresh hash for something that counts without greens (a guard counting its
    /// failures towards a bridge), as PyPy's `fetch_next_index`: successive calls go round
    /// the table, so guards share slots only when there are more guards than slots.
    pub fn fetch_next_hash(&mut self) -> GreenHash {
        let index = self.next_index;
        self.next_index = (index + 1) & (self.size() - 1);
        GreenHash((index as u64) << self.shift)
    }
}

impl Default for JitCounter {
    fn default() -> JitCounter {
        JitCounter::new(JitCounter::DEFAULT_SIZE)
    }
}
