//! Reserved address space, committed from its start as the heap grows.
//!
//! A [`Region`] is one `mmap` of `PROT_NONE` pages with `MAP_NORESERVE`: reserving costs
//! no memory and counts against no overcommit limit. [`Region::commit`] makes a prefix
//! readable and writable (`mprotect`), and [`Region::release`] gives pages back to the
//! kernel (`MADV_DONTNEED`), after which they read as zeros. The heap and each of its side
//! tables are regions whose committed prefixes grow together.

use std::io;
use std::ptr;

/// The size of a page as the regions round it (Linux on x86-64 and most of aarch64).
pub const PAGE: usize = 4096;

/// One reservation of address space. Unmapped on drop.
pub struct Region {
    base: *mut u8,
    size: usize,
    committed: usize,
}

impl Region {
    /// Reserves `size` bytes (rounded up to a page) of inaccessible address space.
    pub fn reserve(size: usize) -> io::Result<Region> {
        let size = round_up(size.max(PAGE), PAGE);
        // SAFETY: an anonymous private mapping at an address of the kernel's choice
        // touches no existing memory.
        let p = unsafe {
            libc::mmap(
                ptr::null_mut(),
                size,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Region {
            base: p.cast(),
            size,
            committed: 0,
        })
    }

    /// The first byte of the region.
    pub fn base(&self) -> *mut u8 {
        self.base
    }

    /// The reserved size in bytes.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Makes the first `bytes` bytes (rounded up to a page) readable and writable.
    /// Committing less than is already committed does nothing.
    pub fn commit(&mut self, bytes: usize) -> io::Result<()> {
        let want = round_up(bytes, PAGE).min(self.size);
        if want <= self.committed {
            return Ok(());
        }
        // SAFETY: the range lies inside this region's own mapping.
        let rc = unsafe {
            libc::mprotect(
                self.base.add(self.committed).cast(),
                want - self.committed,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
        self.committed = want;
        Ok(())
    }

    /// Gives the pages wholly inside `[offset, offset + len)` back to the kernel; they
    /// stay committed and read as zeros afterwards.
    pub fn release(&mut self, offset: usize, len: usize) {
        let start = round_up(offset, PAGE);
        let end = (offset + len) & !(PAGE - 1);
        if end > start && end <= self.committed {
            // SAFETY: the range lies inside the committed part of this region's mapping;
            // the heap no longer holds objects there.
            unsafe {
                libc::madvise(
                    self.base.add(start).cast(),
                    end - start,
                    libc::MADV_DONTNEED,
                );
            }
        }
    }
}

impl Drop for Region {
    fn drop(&mut self) {
        // SAFETY: the mapping was created by `reserve` and is unmapped once.
        unsafe {
            libc::munmap(self.base.cast(), self.size);
        }
    }
}

/// Rounds `n` up to a multiple of `to`, a power of two.
pub const fn round_up(n: usize, to: usize) -> usize {
    (n + to - 1) & !(to - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_makes_a_prefix_writable_and_release_zeroes_it() {
        let mut r = Region::reserve(1 << 30).expect("reserve 1 GiB of address space");
        r.commit(3 * PAGE + 1).expect("commit");
        // SAFETY: four pages are committed.
        unsafe {
            *r.base().add(4 * PAGE - 1) = 7;
            *r.base().add(PAGE) = 9;
        }
        r.release(PAGE, PAGE);
        // SAFETY: as above.
        unsafe {
            assert_eq!(*r.base().add(PAGE), 0);
            assert_eq!(*r.base().add(4 * PAGE - 1), 7);
        }
    }

    #[test]
    fn round_up_rounds_to_powers_of_two() {
        assert_eq!(round_up(0, 8), 0);
        assert_eq!(round_up(1, 8), 8);
        assert_eq!(round_up(4096, 4096), 4096);
    }
}
