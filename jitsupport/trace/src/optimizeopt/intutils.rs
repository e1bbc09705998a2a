//! Integer bounds: what the optimizer knows about the value of an int box.
//!
//! An [`IntBound`] is the set of 64-bit integers that lie in a signed range `lower..=upper`
//! and agree with a set of known bits (PyPy's `intutils.py`, the kernel's `tnum`): every bit
//! set in `tmask` is unknown, every other bit equals the same bit of `tvalue`. The two halves
//! inform each other ([`IntBound::normalize`]): a range `0..=15` knows its 60 high bits are
//! zero, and known bits `...0000_0100` bound the range to `4..=4`.
//!
//! Every operation here is *sound*: the bound of a result contains every value the operation
//! can produce from values in the bounds of its arguments. Precision is best effort.
//! Arithmetic wraps as the trace ops do (`int_add` is two's complement); the `*_cannot_overflow`
//! predicates say when it provably does not.

use std::fmt;

const SIGN: u64 = 1 << 63;

/// A set of possible values of a 64-bit integer: a signed range and known bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntBound {
    /// The smallest possible value.
    pub lower: i64,
    /// The largest possible value.
    pub upper: i64,
    /// The known bits' values (zero where unknown).
    pub tvalue: u64,
    /// The unknown bits.
    pub tmask: u64,
}

/// A bound became empty: the facts contradict each other, the code is unreachable (a guard
/// that always fails was passed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contradiction;

impl Default for IntBound {
    fn default() -> Self {
        IntBound::unbounded()
    }
}

impl IntBound {
    /// Any value.
    pub const fn unbounded() -> IntBound {
        IntBound {
            lower: i64::MIN,
            upper: i64::MAX,
            tvalue: 0,
            tmask: u64::MAX,
        }
    }

    /// Exactly `c`.
    pub const fn constant(c: i64) -> IntBound {
        IntBound {
            lower: c,
            upper: c,
            tvalue: c as u64,
            tmask: 0,
        }
    }

    /// The values `lower..=upper` (which must not be empty).
    pub fn range(lower: i64, upper: i64) -> IntBound {
        debug_assert!(lower <= upper);
        let mut b = IntBound {
            lower,
            upper,
            tvalue: 0,
            tmask: u64::MAX,
        };
        // A non-empty range with default bits cannot contradict.
        let _ = b.normalize();
        b
    }

    /// The values agreeing with the known bits (`tvalue & tmask` must be zero).
    pub fn from_knownbits(tvalue: u64, tmask: u64) -> IntBound {
        let mut b = IntBound {
            lower: i64::MIN,
            upper: i64::MAX,
            tvalue: tvalue & !tmask,
            tmask,
        };
        let _ = b.normalize();
        b
    }

    /// `0..=i64::MAX`.
    pub fn nonnegative() -> IntBound {
        IntBound::range(0, i64::MAX)
    }

    /// 0 or 1: the result of a comparison.
    pub fn boolean() -> IntBound {
        IntBound::range(0, 1)
    }

    /// The single value, if there is exactly one.
    pub fn get_constant(&self) -> Option<i64> {
        (self.lower == self.upper).then_some(self.lower)
    }

    /// Exactly one value is possible.
    pub fn is_constant(&self) -> bool {
        self.lower == self.upper
    }

    /// Nothing is known.
    pub fn is_unbounded(&self) -> bool {
        *self == IntBound::unbounded()
    }

    /// `x` is a possible value.
    pub fn contains(&self, x: i64) -> bool {
        self.lower <= x && x <= self.upper && (x as u64) & !self.tmask == self.tvalue
    }

    /// Every value is at least 0.
    pub fn known_nonnegative(&self) -> bool {
        self.lower >= 0
    }

    /// Every value is below every value of `other`.
    pub fn known_lt(&self, other: &IntBound) -> bool {
        self.upper < other.lower
    }

    /// Every value is at most every value of `other`.
    pub fn known_le(&self, other: &IntBound) -> bool {
        self.upper <= other.lower
    }

    /// Every value is above every value of `other`.
    pub fn known_gt(&self, other: &IntBound) -> bool {
        other.known_lt(self)
    }

    /// Every value is at least every value of `other`.
    pub fn known_ge(&self, other: &IntBound) -> bool {
        other.known_le(self)
    }

    /// No value equals a value of `other`: disjoint ranges or a known bit that differs.
    pub fn known_ne(&self, other: &IntBound) -> bool {
        self.upper < other.lower
            || other.upper < self.lower
            || (self.tvalue ^ other.tvalue) & !(self.tmask | other.tmask) != 0
    }

    /// Both are the same single value.
    pub fn known_eq(&self, other: &IntBound) -> bool {
        self.is_constant() && self == other
    }

    /// Zero is not a possible value.
    pub fn known_nonzero(&self) -> bool {
        !self.contains(0)
    }

    // ---------------------------------------------------------------- consistency

    /// Makes the range and the known bits agree; fails when no value satisfies both.
    ///
    /// The bits bound the range by their smallest and largest signed readings, and the
    /// common high bits of `lower` and `upper` become known. Then the range ends move to the
    /// nearest values agreeing with the known bits.
    pub fn normalize(&mut self) -> Result<(), Contradiction> {
        if self.lower > self.upper || self.tvalue & self.tmask != 0 {
            return Err(Contradiction);
        }
        for _ in 0..4 {
            let before = *self;
            // Bits -> range: the sign bit counts negatively.
            let min = (self.tvalue | (self.tmask & SIGN)) as i64;
            let max = (self.tvalue | (self.tmask & !SIGN)) as i64;
            self.lower = self.lower.max(min);
            self.upper = self.upper.min(max);
            if self.lower > self.upper {
                return Err(Contradiction);
            }
            // Range -> bits: the common prefix of the two ends is known.
            let differ = (self.lower as u64) ^ (self.upper as u64);
            let prefix_mask = if differ == 0 {
                u64::MAX
            } else {
                !(u64::MAX >> differ.leading_zeros())
            };
            let known_prefix = (self.lower as u64) & prefix_mask;
            // The known bits and the prefix must agree where both are known.
            let both = prefix_mask & !self.tmask;
            if (known_prefix ^ self.tvalue) & both != 0 {
                return Err(Contradiction);
            }
            self.tvalue = (self.tvalue & !prefix_mask) | known_prefix;
            self.tmask &= !prefix_mask;
            // Move the ends to values agreeing with the bits.
            self.lower =
                next_matching_ge(self.lower, self.tvalue, self.tmask).ok_or(Contradiction)?;
            self.upper =
                next_matching_le(self.upper, self.tvalue, self.tmask).ok_or(Contradiction)?;
            if self.lower > self.upper {
                return Err(Contradiction);
            }
            if *self == before {
                break;
            }
        }
        Ok(())
    }

    /// Narrows to the values in both bounds; says whether anything changed.
    pub fn intersect(&mut self, other: &IntBound) -> Result<bool, Contradiction> {
        let before = *self;
        if (self.tvalue ^ other.tvalue) & !(self.tmask | other.tmask) != 0 {
            return Err(Contradiction);
        }
        self.lower = self.lower.max(other.lower);
        self.upper = self.upper.min(other.upper);
        self.tvalue |= other.tvalue;
        self.tmask &= other.tmask;
        self.tvalue &= !self.tmask;
        self.normalize()?;
        Ok(*self != before)
    }

    /// The smallest bound containing both (for merging facts of two paths).
    pub fn union(&self, other: &IntBound) -> IntBound {
        let tmask = self.tmask | other.tmask | (self.tvalue ^ other.tvalue);
        let mut b = IntBound {
            lower: self.lower.min(other.lower),
            upper: self.upper.max(other.upper),
            tvalue: self.tvalue & !tmask,
            tmask,
        };
        let _ = b.normalize();
        b
    }

    /// Narrows to values below `other`'s largest value.
    pub fn make_lt(&mut self, other: &IntBound) -> Result<bool, Contradiction> {
        let upper = other.upper.checked_sub(1).ok_or(Contradiction)?;
        self.intersect(&IntBound::range(i64::MIN, upper))
    }

    /// Narrows to values at most `other`'s largest value.
    pub fn make_le(&mut self, other: &IntBound) -> Result<bool, Contradiction> {
        self.intersect(&IntBound::range(i64::MIN, other.upper))
    }

    /// Narrows to values above `other`'s smallest value.
    pub fn make_gt(&mut self, other: &IntBound) -> Result<bool, Contradiction> {
        let lower = other.lower.checked_add(1).ok_or(Contradiction)?;
        self.intersect(&IntBound::range(lower, i64::MAX))
    }

    /// Narrows to values at least `other`'s smallest value.
    pub fn make_ge(&mut self, other: &IntBound) -> Result<bool, Contradiction> {
        self.intersect(&IntBound::range(other.lower, i64::MAX))
    }

    /// Narrows by excluding the constant `c` where it is an end of the range.
    pub fn make_ne_const(&mut self, c: i64) -> Result<bool, Contradiction> {
        let before = *self;
        if self.lower == c {
            self.lower = self.lower.checked_add(1).ok_or(Contradiction)?;
        }
        if self.upper == c {
            self.upper = self.upper.checked_sub(1).ok_or(Contradiction)?;
        }
        self.normalize()?;
        Ok(*self != before)
    }

    // ---------------------------------------------------------------- arithmetic

    /// `self + other` cannot overflow.
    pub fn add_cannot_overflow(&self, other: &IntBound) -> bool {
        self.lower.checked_add(other.lower).is_some()
            && self.upper.checked_add(other.upper).is_some()
    }

    /// `self - other` cannot overflow.
    pub fn sub_cannot_overflow(&self, other: &IntBound) -> bool {
        self.lower.checked_sub(other.upper).is_some()
            && self.upper.checked_sub(other.lower).is_some()
    }

    /// `self * other` cannot overflow.
    pub fn mul_cannot_overflow(&self, other: &IntBound) -> bool {
        self.mul_corners(other).is_some()
    }

    fn mul_corners(&self, other: &IntBound) -> Option<(i64, i64)> {
        let corners = [
            self.lower.checked_mul(other.lower)?,
            self.lower.checked_mul(other.upper)?,
            self.upper.checked_mul(other.lower)?,
            self.upper.checked_mul(other.upper)?,
        ];
        let lo = corners.iter().copied().min()?;
        let hi = corners.iter().copied().max()?;
        Some((lo, hi))
    }

    /// Combines a range (when the op cannot wrap) with known bits; both are sound.
    fn build(range: Option<(i64, i64)>, tvalue: u64, tmask: u64) -> IntBound {
        let mut b = IntBound::from_knownbits(tvalue, tmask);
        if let Some((lo, hi)) = range {
            // Both describe supersets of the true results, so they cannot contradict.
            if b.intersect(&IntBound::range(lo, hi)).is_err() {
                return IntBound::range(lo, hi);
            }
        }
        b
    }

    /// The bound of `int_add` (wrapping).
    pub fn add(&self, other: &IntBound) -> IntBound {
        let sum_values = self.tvalue.wrapping_add(other.tvalue);
        let sum_masks = self.tmask.wrapping_add(other.tmask);
        let all_carries = sum_values.wrapping_add(sum_masks);
        let carries = all_carries ^ sum_values;
        let tmask = self.tmask | other.tmask | carries;
        let range = self
            .lower
            .checked_add(other.lower)
            .and_then(|lo| Some((lo, self.upper.checked_add(other.upper)?)));
        IntBound::build(range, sum_values & !tmask, tmask)
    }

    /// The bound of `int_sub` (wrapping).
    pub fn sub(&self, other: &IntBound) -> IntBound {
        let dv = self.tvalue.wrapping_sub(other.tvalue);
        let alpha = dv.wrapping_add(self.tmask);
        let beta = dv.wrapping_sub(other.tmask);
        let tmask = (alpha ^ beta) | self.tmask | other.tmask;
        let range = self
            .lower
            .checked_sub(other.upper)
            .and_then(|lo| Some((lo, self.upper.checked_sub(other.lower)?)));
        IntBound::build(range, dv & !tmask, tmask)
    }

    /// The bound of `int_mul` (wrapping).
    pub fn mul(&self, other: &IntBound) -> IntBound {
        // The low bits: a product has at least as many trailing zeros as its factors
        // have together.
        let tz = (self.known_trailing_zeros() + other.known_trailing_zeros()).min(64);
        let tmask = if tz >= 64 { 0 } else { u64::MAX << tz };
        IntBound::build(self.mul_corners(other), 0, tmask)
    }

    fn known_trailing_zeros(&self) -> u32 {
        (self.tvalue | self.tmask).trailing_zeros()
    }

    /// The bound of `int_and`.
    pub fn and(&self, other: &IntBound) -> IntBound {
        let alpha = self.tvalue | self.tmask;
        let beta = other.tvalue | other.tmask;
        let v = self.tvalue & other.tvalue;
        let tmask = alpha & beta & !v;
        let range = match (self.lower >= 0, other.lower >= 0) {
            (true, true) => Some((0, self.upper.min(other.upper))),
            (true, false) => Some((0, self.upper)),
            (false, true) => Some((0, other.upper)),
            (false, false) => None,
        };
        IntBound::build(range, v, tmask)
    }

    /// The bound of `int_or`.
    pub fn or(&self, other: &IntBound) -> IntBound {
        let v = self.tvalue | other.tvalue;
        let tmask = (self.tmask | other.tmask) & !v;
        IntBound::build(None, v, tmask)
    }

    /// The bound of `int_xor`.
    pub fn xor(&self, other: &IntBound) -> IntBound {
        let tmask = self.tmask | other.tmask;
        IntBound::build(None, (self.tvalue ^ other.tvalue) & !tmask, tmask)
    }

    /// The bound of `int_invert`.
    pub fn invert(&self) -> IntBound {
        IntBound::build(
            Some((!self.upper, !self.lower)),
            !self.tvalue & !self.tmask,
            self.tmask,
        )
    }

    /// The bound of `int_neg` (wrapping: `-i64::MIN` is `i64::MIN`).
    pub fn neg(&self) -> IntBound {
        self.invert().add(&IntBound::constant(1))
    }

    /// The shift counts of `other` if they all lie in `0..64` (the ops' domain).
    fn shift_counts(other: &IntBound) -> Option<(u32, u32)> {
        (other.lower >= 0 && other.upper < 64).then_some((other.lower as u32, other.upper as u32))
    }

    /// `self << other` loses no bits (the op equals a multiplication by a power of two).
    pub fn lshift_cannot_overflow(&self, other: &IntBound) -> bool {
        match IntBound::shift_counts(other) {
            Some((_, hi)) => {
                let ok = |x: i64| (x << hi) >> hi == x;
                ok(self.lower) && ok(self.upper)
            }
            None => false,
        }
    }

    /// The bound of `int_lshift`.
    pub fn lshift(&self, other: &IntBound) -> IntBound {
        let Some((lo, hi)) = IntBound::shift_counts(other) else {
            return IntBound::unbounded();
        };
        let range = self.lshift_cannot_overflow(other).then(|| {
            let corners = [
                self.lower << lo,
                self.lower << hi,
                self.upper << lo,
                self.upper << hi,
            ];
            (
                corners.iter().copied().min().unwrap_or(i64::MIN),
                corners.iter().copied().max().unwrap_or(i64::MAX),
            )
        });
        if lo == hi {
            IntBound::build(range, self.tvalue << lo, self.tmask << lo)
        } else {
            let tz = lo;
            IntBound::build(range, 0, if tz == 0 { u64::MAX } else { u64::MAX << tz })
        }
    }

    /// The bound of `int_rshift` (arithmetic).
    pub fn rshift(&self, other: &IntBound) -> IntBound {
        let Some((lo, hi)) = IntBound::shift_counts(other) else {
            return IntBound::unbounded();
        };
        let lower = (self.lower >> lo).min(self.lower >> hi);
        let upper = (self.upper >> lo).max(self.upper >> hi);
        if lo == hi {
            let tvalue = ((self.tvalue as i64) >> lo) as u64;
            let tmask = ((self.tmask as i64) >> lo) as u64;
            IntBound::build(Some((lower, upper)), tvalue & !tmask, tmask)
        } else {
            IntBound::range(lower, upper)
        }
    }

    /// The bound of `uint_rshift` (logical).
    pub fn urshift(&self, other: &IntBound) -> IntBound {
        let Some((lo, hi)) = IntBound::shift_counts(other) else {
            return IntBound::unbounded();
        };
        let range = (self.lower >= 0).then(|| ((self.lower >> hi), (self.upper >> lo)));
        if lo == hi {
            IntBound::build(range, self.tvalue >> lo, self.tmask >> lo)
        } else {
            // At least `lo` high bits become zero.
            IntBound::build(range, 0, if lo == 0 { u64::MAX } else { u64::MAX >> lo })
        }
    }

    /// The bound of `int_floordiv` (truncating), when the divisor is a known constant.
    pub fn floordiv(&self, other: &IntBound) -> IntBound {
        match other.get_constant() {
            Some(c) if c > 0 => IntBound::range(self.lower / c, self.upper / c),
            Some(c) if c < -1 => IntBound::range(self.upper / c, self.lower / c),
            _ => IntBound::unbounded(),
        }
    }

    /// The bound of `int_mod` (the remainder of the truncating division, the sign of the
    /// dividend).
    pub fn modulo(&self, other: &IntBound) -> IntBound {
        // |result| < |divisor|, and the result has the sign of the dividend.
        let Some(max_abs) = other
            .lower
            .checked_abs()
            .zip(other.upper.checked_abs())
            .map(|(a, b)| a.max(b))
        else {
            return IntBound::unbounded();
        };
        if max_abs == 0 {
            return IntBound::unbounded();
        }
        let m = max_abs - 1;
        let lower = if self.lower >= 0 {
            0
        } else {
            (-m).max(self.lower)
        };
        let upper = if self.upper <= 0 {
            0
        } else {
            m.min(self.upper)
        };
        IntBound::range(lower, upper)
    }

    /// The bound of `int_signext(self, nbytes)`.
    pub fn signext(&self, nbytes: &IntBound) -> IntBound {
        match nbytes.get_constant() {
            Some(n @ (1 | 2 | 4)) => {
                let bits = 8 * n as u32;
                let lo = -(1i64 << (bits - 1));
                let hi = (1i64 << (bits - 1)) - 1;
                if self.lower >= lo && self.upper <= hi {
                    *self
                } else {
                    IntBound::range(lo, hi)
                }
            }
            _ => IntBound::unbounded(),
        }
    }

    /// The bound of `int_force_ge_zero`.
    pub fn force_ge_zero(&self) -> IntBound {
        if self.lower >= 0 {
            *self
        } else {
            IntBound::range(0, self.upper.max(0))
        }
    }

    /// The bound of a value read from memory of `size` bytes, signed or not.
    pub fn of_memory(size: usize, signed: bool) -> IntBound {
        match (size, signed) {
            (1 | 2 | 4, true) => {
                let bits = 8 * size as u32;
                IntBound::range(-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
            }
            (1 | 2 | 4, false) => IntBound::range(0, (1i64 << (8 * size as u32)) - 1),
            _ => IntBound::unbounded(),
        }
    }
}

/// The low `n` bits set.
fn mask_low(n: u32) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// The smallest `y >= x` (signed) with `y & !tmask == tvalue`, if any.
fn next_matching_ge(x: i64, tvalue: u64, tmask: u64) -> Option<i64> {
    // Work in the biased (unsigned-ordered) space, where signed order is unsigned order.
    let xb = (x as u64) ^ SIGN;
    let vb = (tvalue ^ SIGN) & !tmask;
    next_matching_unsigned(xb, vb, tmask).map(|y| (y ^ SIGN) as i64)
}

/// The largest `y <= x` (signed) with `y & !tmask == tvalue`, if any.
fn next_matching_le(x: i64, tvalue: u64, tmask: u64) -> Option<i64> {
    // Complementing reverses the order: the largest y <= x is the complement of the
    // smallest !y >= !x, where !y agrees with the complemented known bits.
    let xb = !((x as u64) ^ SIGN);
    let vb = !(tvalue ^ SIGN) & !tmask;
    next_matching_unsigned(xb, vb, tmask).map(|y| (!y ^ SIGN) as i64)
}

/// The smallest unsigned `y >= x` with `y & !mask == value`, if any.
fn next_matching_unsigned(x: u64, value: u64, mask: u64) -> Option<u64> {
    let known = !mask;
    if x & known == value {
        return Some(x);
    }
    // Find the highest bit where x disagrees with a known bit.
    let diff = (x ^ value) & known;
    let top = 63 - diff.leading_zeros();
    if value >> top & 1 == 1 {
        // x has 0 where a 1 is required: keep x's bits above `top`, set the known bits,
        // and take the smallest choice below (known bits only).
        let high = if top == 63 { 0 } else { x & !mask_low(top + 1) };
        let y = high | (value & mask_low(top + 1));
        // Above `top`, x already agrees with the known bits.
        Some(y)
    } else {
        // x has 1 where a 0 is required: we must increment the prefix above `top` at an
        // unknown bit that is 0 in x, then take the smallest completion.
        let above = if top == 63 { 0 } else { !mask_low(top + 1) };
        // Candidate bits: unknown, above top, 0 in x.
        let candidates = mask & above & !x;
        if candidates == 0 {
            return None;
        }
        let bit = candidates.trailing_zeros();
        let keep = if bit == 63 { 0 } else { x & !mask_low(bit + 1) };
        Some(keep | (1u64 << bit) | (value & mask_low(bit)))
    }
}

impl fmt::Display for IntBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = self.get_constant() {
            return write!(f, "{c}");
        }
        let lo = if self.lower == i64::MIN {
            "-inf".to_string()
        } else {
            self.lower.to_string()
        };
        let hi = if self.upper == i64::MAX {
            "inf".to_string()
        } else {
            self.upper.to_string()
        };
        write!(f, "[{lo}, {hi}]")?;
        if self.tmask != u64::MAX {
            let known = !self.tmask;
            write!(f, " bits {:#x}/{:#x}", self.tvalue, known)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator for the property tests.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn small(&mut self) -> i64 {
            match self.next() % 4 {
                0 => (self.next() % 33) as i64 - 16,
                1 => (self.next() % 2001) as i64 - 1000,
                2 => [i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1, 0, -1]
                    [(self.next() % 6) as usize],
                _ => self.next() as i64,
            }
        }
        /// A random bound and a member of it.
        fn bound(&mut self) -> (IntBound, i64) {
            let x = self.small();
            let b = match self.next() % 4 {
                0 => IntBound::constant(x),
                1 => {
                    let a = x.saturating_sub((self.next() % 50) as i64);
                    let b = x.saturating_add((self.next() % 50) as i64);
                    IntBound::range(a, b)
                }
                2 => {
                    let mask = self.next() & self.next();
                    IntBound::from_knownbits(x as u64 & !mask, mask)
                }
                _ => IntBound::unbounded(),
            };
            assert!(b.contains(x), "{b} should contain {x}");
            (b, x)
        }
    }

    #[test]
    fn normalize_syncs_range_and_bits() {
        let b = IntBound::range(0, 15);
        assert_eq!(b.tmask, 15);
        assert_eq!(b.tvalue, 0);
        let b = IntBound::from_knownbits(4, !0b1100);
        assert_eq!((b.lower, b.upper), (i64::MIN + 4, i64::MAX - 8));
        let mut b = IntBound::range(5, 9);
        b.intersect(&IntBound::from_knownbits(0, !1)).unwrap();
        assert_eq!((b.lower, b.upper), (6, 8));
        let mut b = IntBound::range(5, 5);
        assert!(b.intersect(&IntBound::from_knownbits(0, !1)).is_err());
    }

    #[test]
    fn next_matching_is_right() {
        let mut rng = Rng(7);
        for _ in 0..20000 {
            let x = (rng.next() % 256) as i64 - 128;
            let mask = rng.next() | !0xff;
            let value = rng.next() & !mask & 0xff;
            let brute_ge = (x..128).find(|y| (*y as u64) & !mask == value);
            let brute_le = (-128..=x).rev().find(|y| (*y as u64) & !mask == value);
            let value_sext = value
                | if mask & 0x80 == 0 && value & 0x80 != 0 {
                    !0xff
                } else {
                    0
                };
            let _ = value_sext;
            if let Some(y) = brute_ge {
                assert_eq!(
                    next_matching_ge(x, value, mask),
                    Some(y),
                    "ge {x} {value:#x} {mask:#x}"
                );
            }
            if let Some(y) = brute_le {
                assert_eq!(
                    next_matching_le(x, value, mask),
                    Some(y),
                    "le {x} {value:#x} {mask:#x}"
                );
            }
        }
    }

    #[test]
    fn operations_are_sound() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for _ in 0..50000 {
            let (a, x) = rng.bound();
            let (b, y) = rng.bound();
            let check = |name: &str, r: IntBound, v: i64| {
                assert!(
                    r.contains(v),
                    "{name}: {a} op {b} = {r} misses {v} (x={x}, y={y})"
                );
            };
            check("add", a.add(&b), x.wrapping_add(y));
            check("sub", a.sub(&b), x.wrapping_sub(y));
            check("mul", a.mul(&b), x.wrapping_mul(y));
            check("and", a.and(&b), x & y);
            check("or", a.or(&b), x | y);
            check("xor", a.xor(&b), x ^ y);
            check("invert", a.invert(), !x);
            check("neg", a.neg(), x.wrapping_neg());
            check("union", a.union(&b), x);
            check("force_ge_zero", a.force_ge_zero(), x.max(0));
            if a.add_cannot_overflow(&b) {
                assert!(x.checked_add(y).is_some());
            }
            if a.sub_cannot_overflow(&b) {
                assert!(x.checked_sub(y).is_some());
            }
            if a.mul_cannot_overflow(&b) {
                assert!(x.checked_mul(y).is_some());
            }
            let sb = IntBound::range(y.rem_euclid(64) / 2, y.rem_euclid(64));
            let s = y.rem_euclid(64);
            let sc = IntBound::constant(s);
            for shift in [sb, sc] {
                if shift.contains(s) {
                    check("lshift", a.lshift(&shift), x << s);
                    check("rshift", a.rshift(&shift), x >> s);
                    check("urshift", a.urshift(&shift), ((x as u64) >> s) as i64);
                    if a.lshift_cannot_overflow(&shift) {
                        assert_eq!((x << s) >> s, x);
                    }
                }
            }
            if y != 0 && !(x == i64::MIN && y == -1) {
                check("floordiv", a.floordiv(&b), x / y);
                check("mod", a.modulo(&b), x % y);
            }
            for n in [1i64, 2, 4] {
                let v = match n {
                    1 => x as i8 as i64,
                    2 => x as i16 as i64,
                    _ => x as i32 as i64,
                };
                check("signext", a.signext(&IntBound::constant(n)), v);
            }
            // Comparisons decided by the bounds agree with the values.
            if a.known_lt(&b) {
                assert!(x < y);
            }
            if a.known_le(&b) {
                assert!(x <= y);
            }
            if a.known_ne(&b) {
                assert!(x != y);
            }
            if a.known_eq(&b) {
                assert!(x == y);
            }
            // Narrowing keeps the values that satisfy the condition.
            if x < y {
                let mut n = a;
                n.make_lt(&b).unwrap();
                assert!(n.contains(x));
            }
            if x >= y {
                let mut n = a;
                n.make_ge(&b).unwrap();
                assert!(n.contains(x));
            }
            let mut n = a;
            if n.intersect(&b).is_ok() && b.contains(x) {
                assert!(n.contains(x));
            }
            if b.is_constant() && x != y {
                let mut n = a;
                n.make_ne_const(y).unwrap();
                assert!(n.contains(x));
            }
        }
    }
}
