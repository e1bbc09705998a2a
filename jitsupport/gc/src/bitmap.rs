//! Side bitmaps with one bit per granule of the heap (object starts, marks), indexed
//! by `(addr - base) >> LOG_GRANULE`.

/// A bitmap over granules, stored in a committed region of `u64` words.
#[derive(Clone, Copy)]
pub struct Bitmap {
    words: *mut u64,
}

impl Bitmap {
    /// A bitmap whose words start at `words` (committed as far as it is used).
    pub fn new(words: *mut u8) -> Bitmap {
        Bitmap {
            words: words.cast(),
        }
    }

    /// Whether bit `g` is set.
    ///
    /// # Safety
    /// The word of `g` is committed (so for every bit below).
    #[inline]
    pub unsafe fn get(self, g: usize) -> bool {
        // SAFETY: the caller says the word is committed.
        unsafe { *self.words.add(g >> 6) & (1 << (g & 63)) != 0 }
    }

    /// Sets bit `g`.
    ///
    /// # Safety
    /// As [`Bitmap::get`].
    #[inline]
    pub unsafe fn set(self, g: usize) {
        // SAFETY: as above.
        unsafe { *self.words.add(g >> 6) |= 1 << (g & 63) }
    }

    /// Clears bit `g`.
    ///
    /// # Safety
    /// As [`Bitmap::get`].
    #[inline]
    pub unsafe fn clear(self, g: usize) {
        // SAFETY: as above.
        unsafe { *self.words.add(g >> 6) &= !(1 << (g & 63)) }
    }

    /// The highest set bit in `[lo, g]`, if any.
    ///
    /// # Safety
    /// As [`Bitmap::get`] for every bit in the range.
    #[inline]
    pub unsafe fn last_at_or_before(self, g: usize, lo: usize) -> Option<usize> {
        let mut w = g >> 6;
        // Bits 0..=g&63 of the first word.
        let mut word = unsafe { *self.words.add(w) } & (u64::MAX >> (63 - (g & 63)));
        loop {
            if word != 0 {
                let found = (w << 6) + 63 - word.leading_zeros() as usize;
                return (found >= lo).then_some(found);
            }
            if w == 0 || (w << 6) <= lo {
                return None;
            }
            w -= 1;
            // SAFETY: as above.
            word = unsafe { *self.words.add(w) };
        }
    }

    /// Calls `f` with every set bit in `[lo, hi)`, in increasing order.
    ///
    /// # Safety
    /// As [`Bitmap::get`] for every bit in the range.
    pub unsafe fn for_each_set(self, lo: usize, hi: usize, mut f: impl FnMut(usize)) {
        if lo >= hi {
            return;
        }
        let (first, last) = (lo >> 6, (hi - 1) >> 6);
        for w in first..=last {
            // SAFETY: as above.
            let mut word = unsafe { *self.words.add(w) };
            if w == first {
                word &= u64::MAX << (lo & 63);
            }
            if w == last {
                word &= u64::MAX >> (63 - ((hi - 1) & 63));
            }
            while word != 0 {
                let b = word.trailing_zeros() as usize;
                f((w << 6) + b);
                word &= word - 1;
            }
        }
    }

    /// For the bits in `[lo, hi)`: `self = other`, then `other = 0`. After marking,
    /// this makes the marked objects the object starts and clears the marks.
    ///
    /// # Safety
    /// As [`Bitmap::get`] for every bit in the range, in both bitmaps.
    pub unsafe fn move_from(self, other: Bitmap, lo: usize, hi: usize) {
        if lo >= hi {
            return;
        }
        let (first, last) = (lo >> 6, (hi - 1) >> 6);
        for w in first..=last {
            let mut range = u64::MAX;
            if w == first {
                range &= u64::MAX << (lo & 63);
            }
            if w == last {
                range &= u64::MAX >> (63 - ((hi - 1) & 63));
            }
            // SAFETY: as above.
            unsafe {
                let m = *other.words.add(w);
                let s = *self.words.add(w);
                *self.words.add(w) = (s & !range) | (m & range);
                *other.words.add(w) = m & !range;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_set_find_and_filter() {
        let mut a = [0u64; 4];
        let mut b = [0u64; 4];
        let (s, m) = (
            Bitmap::new(a.as_mut_ptr().cast()),
            Bitmap::new(b.as_mut_ptr().cast()),
        );
        // SAFETY: 256 bits are backed by the arrays.
        unsafe {
            for g in [3, 64, 70, 200] {
                s.set(g);
            }
            assert!(s.get(70) && !s.get(71));
            assert_eq!(s.last_at_or_before(69, 0), Some(64));
            assert_eq!(s.last_at_or_before(63, 0), Some(3));
            assert_eq!(s.last_at_or_before(63, 4), None);
            assert_eq!(s.last_at_or_before(2, 0), None);
            assert_eq!(s.last_at_or_before(255, 0), Some(200));
            let mut seen = Vec::new();
            s.for_each_set(4, 201, |g| seen.push(g));
            assert_eq!(seen, [64, 70, 200]);
            m.set(70);
            m.set(3);
            m.set(250);
            s.move_from(m, 4, 240);
            let mut seen = Vec::new();
            s.for_each_set(0, 256, |g| seen.push(g));
            assert_eq!(seen, [3, 70]);
            assert!(m.get(3) && !m.get(70) && m.get(250));
        }
    }
}
