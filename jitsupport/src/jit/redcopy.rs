//! [`RedCopy`]: what the native hooks hand the JIT for a red that is a `&mut` reference
//! parameter of the portal (bf's `tape: &mut Tape`, tl's `frame: &mut Frame`).
//!
//! The hook's slow path calls the JIT out of line with the words of the reds. Given the
//! red's own address, that call may read and write the pointee, and as it sits in the
//! dispatch loop (cold, but in the loop), LLVM keeps the pointee's fields in memory
//! through the whole loop: bf reloaded and stored its tape position at every op, 60 M of
//! the 265 M instructions that counting alone cost on a run cycling through 2400 loops.
//! So the hook moves the pointee into a copy for the call and moves it back when the
//! call returns (or unwinds): the red's own address never escapes, and on the fast path
//! its fields stay in registers.
//!
//! The JIT must therefore not keep the address it was given past the call (it does not:
//! the reds are the inputs of a trace or a compiled loop, never stored), and the red's
//! binding must not be reassigned from the words the JIT hands back (the hooks copy only
//! reds bound without `mut`), nor be the portal's result (the hooks copy none in a portal
//! that returns a reference). Nothing may turn the original's address into a number
//! either: LLVM takes that as an escape too.
//!
//! The moves are plain stores, without the collector's write barrier: they need none,
//! as a `&mut` reference never points into the GC heap (its objects are reached through
//! `Gc` handles, shared, written through `GcCell` and `GcArray`), and the copy, on the
//! native stack, is scanned conservatively like the original while the JIT runs.

use std::mem::MaybeUninit;

/// The pointee of a red moved aside, into a slot of the caller's, for a call of the JIT;
/// moved back when dropped. The slot is a local of its own, apart from this guard: the
/// JIT gets the slot's address, and the original's address must not be reachable from
/// it (else it escapes, as before).
pub struct RedCopy<'a, T> {
    original: *mut T,
    copy: &'a mut T,
}

impl<'a, T> RedCopy<'a, T> {
    /// Moves `*original` into `slot`.
    ///
    /// # Safety
    /// `original` must be valid for reads and writes, and not be read or written other
    /// than through this copy until it is dropped.
    #[inline(always)]
    pub unsafe fn new(original: *mut T, slot: &'a mut MaybeUninit<T>) -> RedCopy<'a, T> {
        // SAFETY: the caller's contract; the value is moved back by `drop`.
        unsafe { move_words(original, slot.as_mut_ptr()) };
        // SAFETY: `move_words` initialized the slot.
        let copy = unsafe { slot.assume_init_mut() };
        RedCopy { original, copy }
    }

    /// The word the JIT gets for the red: the copy's address.
    #[inline(always)]
    pub fn word(&mut self) -> u64 {
        &mut *self.copy as *mut T as usize as u64
    }
}

impl<T> Drop for RedCopy<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: `original` is valid for writes and holds a moved-out value (`new`'s
        // contract); the copy is moved once, here, and its slot is not read again.
        unsafe { move_words(self.copy, self.original) }
    }
}

/// Moves `*from` to `to` (uninitialized), as separate word-sized moves when `T` is made
/// of whole words: rustc copies a larger value with one `memcpy`, which LLVM cannot see
/// through, and a `memcpy` into the red in the loop would keep its fields in memory as
/// its escaping address did.
///
/// # Safety
/// `from` valid for reads, `to` for writes, the two apart.
#[inline(always)]
unsafe fn move_words<T>(from: *const T, to: *mut T) {
    const WORD: usize = std::mem::size_of::<usize>();
    if std::mem::size_of::<T>().is_multiple_of(WORD)
        && std::mem::align_of::<T>().is_multiple_of(WORD)
    {
        // `MaybeUninit` words keep padding and pointers' provenance.
        let from = from.cast::<MaybeUninit<usize>>();
        let to = to.cast::<MaybeUninit<usize>>();
        for k in 0..std::mem::size_of::<T>() / WORD {
            // SAFETY: `k` words are within `T`, aligned.
            unsafe { to.add(k).write(from.add(k).read()) };
        }
    } else {
        // SAFETY: the caller's contract.
        unsafe { to.write(from.read()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_to_the_copy_reach_the_original_when_dropped() {
        let mut value = vec![1, 2, 3];
        {
            let mut slot = MaybeUninit::uninit();
            let mut copy = unsafe { RedCopy::new(&mut value, &mut slot) };
            let word = copy.word();
            assert_ne!(word, &value as *const Vec<i32> as usize as u64);
            // What the JIT does through the word.
            unsafe { (*(word as usize as *mut Vec<i32>)).push(4) };
        }
        assert_eq!(value, vec![1, 2, 3, 4]);
    }

    #[test]
    fn the_original_is_restored_on_unwinding() {
        let mut value = String::from("tape");
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut slot = MaybeUninit::uninit();
            let mut copy = unsafe { RedCopy::new(&mut value, &mut slot) };
            let word = copy.word();
            unsafe { (*(word as usize as *mut String)).push('!') };
            panic!("the JIT failed");
        }));
        assert!(result.is_err());
        assert_eq!(value, "tape!");
    }
}
