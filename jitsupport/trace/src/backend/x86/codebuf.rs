//! Executable memory with W^X discipline, placed near the binary.
//!
//! Where code goes: compiled code calls the runtime's helpers and the interpreter's
//! residual functions, which are in the binary, and jumps to other traces. A `call rel32`
//! or `jmp rel32` reaches ±2 GiB; past that a call takes `mov r11, imm64; call r11`. So
//! the first buffer of the process reserves an arena (up to [`ARENA_SIZE`] of address
//! space, `PROT_NONE`, no memory) within [`WINDOW`] of the binary's text, found in the
//! gaps of `/proc/self/maps` and mapped with `MAP_FIXED_NOREPLACE`: preferably just below
//! the binary, where nothing grows (above it the `brk` heap does), else at the top of the
//! window above it. Buffers are carved from the arena in pages (first fit); when there is
//! no arena or it is full, a buffer is mapped anywhere ([`Placement::Anywhere`] forces
//! that, for tests). The emitter asks [`reach`] whether a target is in `rel32` reach from
//! every byte of the arena and emits the short form only then, so placement is a speed
//! matter, never a correctness one.
//!
//! A [`CodeBuf`] is reserved read-write with room for the largest code the emitter can
//! produce, the code is assembled at its address and copied in, the pages past the code
//! are given back, and the rest is protected read-execute. Patching (a guard's stub jump,
//! when a bridge is attached) re-maps the pages read-write for the write and back to
//! read-execute. Dropping the buffer (the loop is freed) unmaps its pages, or in the arena
//! replaces them with fresh `PROT_NONE` pages (which frees their memory) and returns them
//! to the free list.

use std::io;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// Where a trace's code is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In the arena near the binary when it has room (the default).
    Near,
    /// Wherever the kernel maps it (the fallback, forced for tests).
    Anywhere,
}

/// The most address space the arena reserves.
const ARENA_SIZE: usize = 512 << 20;

/// The smallest gap worth an arena.
const MIN_ARENA: usize = 16 << 20;

/// How far from the binary's text (the address of a function in it) the arena may be.
const WINDOW: usize = 1 << 30;

/// The largest distance a `rel32` branch covers, less a margin for the instruction.
const REL32_REACH: i128 = (1 << 31) - 64;

/// The reserved arena: its address range and the free page ranges in it, by address.
struct Arena {
    range: Range<usize>,
    free: Mutex<Vec<Range<usize>>>,
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as usize
    } else {
        4096
    }
}

/// The arena of the process, reserved on first use; `None` when no gap near the binary
/// could be mapped.
fn arena() -> Option<&'static Arena> {
    static ARENA: OnceLock<Option<Arena>> = OnceLock::new();
    ARENA.get_or_init(reserve_arena).as_ref()
}

/// The address range of the arena, if there is one: any code in it is in it.
pub fn arena_range() -> Option<Range<usize>> {
    arena().map(|a| a.range.clone())
}

/// Whether a `rel32` branch anywhere in `region` reaches `target`.
pub fn reach(region: &Range<usize>, target: usize) -> bool {
    let t = target as i128;
    (t - region.start as i128).abs() < REL32_REACH && (t - region.end as i128).abs() < REL32_REACH
}

/// The mapped ranges of the process, from `/proc/self/maps`, by address.
fn mappings() -> Option<Vec<Range<usize>>> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    let mut out = Vec::new();
    for line in maps.lines() {
        let range = line.split_whitespace().next()?;
        let (lo, hi) = range.split_once('-')?;
        let lo = usize::from_str_radix(lo, 16).ok()?;
        let hi = usize::from_str_radix(hi, 16).ok()?;
        out.push(lo..hi);
    }
    out.sort_by_key(|r| r.start);
    Some(out)
}

/// Candidate arena ranges near `anchor`, best first: the gaps below it (the nearest
/// first, the arena at the gap's top), then those above it (the arena at the top of the
/// window, away from the heap).
fn candidates(anchor: usize, maps: &[Range<usize>], page: usize) -> Vec<Range<usize>> {
    let lo_limit = anchor.saturating_sub(WINDOW).max(1 << 20);
    let hi_limit = anchor.saturating_add(WINDOW);
    let mut gaps = Vec::new();
    let mut prev_end = 0;
    for m in maps
        .iter()
        .chain(std::iter::once(&(usize::MAX..usize::MAX)))
    {
        let (start, end) = (prev_end.max(lo_limit), m.start.min(hi_limit));
        if end > start {
            gaps.push(start..end);
        }
        prev_end = prev_end.max(m.end);
    }
    let round_down = |x: usize| x / page * page;
    let round_up = |x: usize| x.div_ceil(page) * page;
    let mut below: Vec<Range<usize>> = gaps
        .iter()
        .filter(|g| g.end <= anchor)
        .map(|g| {
            // A guard page between the arena and the mapping above it.
            let end = round_down(g.end.saturating_sub(page));
            let start = round_up(g.start).max(end.saturating_sub(ARENA_SIZE));
            start..end
        })
        .collect();
    below.reverse();
    let above = gaps.iter().filter(|g| g.start > anchor).map(|g| {
        let end = round_down(g.end.saturating_sub(page));
        let start = round_up(g.start + page).max(end.saturating_sub(ARENA_SIZE));
        start..end
    });
    below
        .into_iter()
        .chain(above)
        .filter(|r| r.end >= r.start + MIN_ARENA)
        .collect()
}

/// Reserves the arena: `PROT_NONE` address space in the first candidate gap the kernel
/// maps exactly there.
fn reserve_arena() -> Option<Arena> {
    let anchor = reserve_arena as fn() -> Option<Arena> as usize;
    let maps = mappings()?;
    for range in candidates(anchor, &maps, page_size()) {
        let len = range.end - range.start;
        // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping.
        let ptr = unsafe {
            libc::mmap(
                range.start as *mut libc::c_void,
                len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE
                    | libc::MAP_ANONYMOUS
                    | libc::MAP_NORESERVE
                    | libc::MAP_FIXED_NOREPLACE,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            // Taken since /proc/self/maps was read: try the next gap.
            continue;
        }
        if ptr as usize != range.start {
            // A kernel without MAP_FIXED_NOREPLACE took the address as a hint.
            // SAFETY: the mapping just made.
            unsafe { libc::munmap(ptr, len) };
            continue;
        }
        return Some(Arena {
            range: range.clone(),
            free: Mutex::new(vec![range]),
        });
    }
    None
}

impl Arena {
    /// Takes `len` bytes (a multiple of the page size), first fit.
    fn take(&self, len: usize) -> Option<usize> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        let k = free.iter().position(|r| r.end - r.start >= len)?;
        let start = free[k].start;
        free[k].start += len;
        if free[k].is_empty() {
            free.remove(k);
        }
        Some(start)
    }

    /// Returns `range` (page-aligned, taken before) to the free list, with fresh
    /// `PROT_NONE` pages in it.
    fn give_back(&self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        // SAFETY: the range is inside the arena and owned by the caller, which no longer
        // uses it; MAP_FIXED replaces exactly those pages.
        let ptr = unsafe {
            libc::mmap(
                range.start as *mut libc::c_void,
                range.end - range.start,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            // The pages stay mapped as they were; leaking them is safe.
            return;
        }
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        let k = free.partition_point(|r| r.start < range.start);
        free.insert(k, range);
        // Coalesce with the neighbours.
        if k + 1 < free.len() && free[k].end == free[k + 1].start {
            free[k].end = free[k + 1].end;
            free.remove(k + 1);
        }
        if k > 0 && free[k - 1].end == free[k].start {
            free[k - 1].end = free[k].end;
            free.remove(k);
        }
    }
}

/// A page-aligned region of executable code.
pub struct CodeBuf {
    ptr: *mut u8,
    len: usize,
    mapped: usize,
    in_arena: bool,
}

impl CodeBuf {
    /// Reserves a read-write region of at least `capacity` bytes: in the arena for
    /// [`Placement::Near`] when it has room, else anywhere.
    pub fn reserve(capacity: usize, placement: Placement) -> io::Result<CodeBuf> {
        let page = page_size();
        let mapped = capacity.max(1).div_ceil(page) * page;
        if placement == Placement::Near {
            if let Some(arena) = arena() {
                if let Some(start) = arena.take(mapped) {
                    let buf = CodeBuf {
                        ptr: start as *mut u8,
                        len: 0,
                        mapped,
                        in_arena: true,
                    };
                    buf.protect(libc::PROT_READ | libc::PROT_WRITE)?;
                    return Ok(buf);
                }
            }
        }
        // SAFETY: an anonymous private mapping with no address hint.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(CodeBuf {
            ptr: ptr.cast(),
            len: 0,
            mapped,
            in_arena: false,
        })
    }

    /// The bytes reserved (before [`CodeBuf::finish`]) or kept (after).
    pub fn capacity(&self) -> usize {
        self.mapped
    }

    /// Whether the buffer is in the arena near the binary.
    pub fn in_arena(&self) -> bool {
        self.in_arena
    }

    /// Copies `code` (assembled at [`CodeBuf::addr`]) in, gives back the pages past it and
    /// makes the rest executable.
    ///
    /// # Panics
    /// If `code` is longer than the reserved region.
    pub fn finish(&mut self, code: &[u8]) -> io::Result<()> {
        assert!(
            code.len() <= self.mapped,
            "code longer than its reservation"
        );
        // SAFETY: the mapping is writable and at least `code.len()` bytes long.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), self.ptr, code.len()) };
        self.len = code.len();
        let page = page_size();
        let keep = code.len().max(1).div_ceil(page) * page;
        if keep < self.mapped {
            let tail = self.ptr as usize + keep..self.ptr as usize + self.mapped;
            match (self.in_arena, arena()) {
                (true, Some(arena)) => arena.give_back(tail),
                _ => {
                    // SAFETY: the tail pages are ours and hold no code.
                    unsafe { libc::munmap(tail.start as *mut libc::c_void, tail.end - tail.start) };
                }
            }
            self.mapped = keep;
        }
        self.protect(libc::PROT_READ | libc::PROT_EXEC)
    }

    fn protect(&self, prot: libc::c_int) -> io::Result<()> {
        // SAFETY: the range is exactly our mapping.
        if unsafe { libc::mprotect(self.ptr.cast(), self.mapped, prot) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// The address of the first byte.
    pub fn addr(&self) -> usize {
        self.ptr as usize
    }

    /// The code's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer holds no code.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The code bytes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: the mapping is readable and `len` bytes were written.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// Overwrites the bytes at `offset` with `bytes`, re-mapping the pages writable for
    /// the write.
    ///
    /// # Panics
    /// If the bytes reach past the code, or the kernel refuses the protection change.
    pub fn patch(&self, offset: usize, bytes: &[u8]) {
        assert!(
            offset + bytes.len() <= self.len,
            "patch outside the code buffer"
        );
        self.protect(libc::PROT_READ | libc::PROT_WRITE)
            .unwrap_or_else(|e| panic!("mprotect(RW) of JIT code failed: {e}"));
        // SAFETY: in bounds (checked above) and writable now; nothing executes this
        // code while the backend is borrowed mutably.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.ptr.add(offset), bytes.len()) };
        self.protect(libc::PROT_READ | libc::PROT_EXEC)
            .unwrap_or_else(|e| panic!("mprotect(RX) of JIT code failed: {e}"));
    }
}

/// Overwrites the code bytes at address `addr` with `bytes`, re-mapping their pages
/// writable for the write (W^X). Used by patches that run while no `CodeBuf` is at hand
/// (the invalidation of a loop, from whoever writes a quasi-immutable field).
///
/// # Safety
/// The bytes lie in the code of a live `CodeBuf`, which is read-execute, and nothing
/// executes the patched instruction while it is written (one thread).
///
/// # Panics
/// If the kernel refuses the protection change.
pub unsafe fn patch_at(addr: usize, bytes: &[u8]) {
    let page = page_size();
    let start = addr & !(page - 1);
    let end = (addr + bytes.len()).div_ceil(page) * page;
    let protect = |prot| {
        // SAFETY: whole pages of a live mapping of ours, as the caller promises.
        if unsafe { libc::mprotect(start as *mut libc::c_void, end - start, prot) } != 0 {
            panic!(
                "mprotect of JIT code failed: {}",
                io::Error::last_os_error()
            );
        }
    };
    protect(libc::PROT_READ | libc::PROT_WRITE);
    // SAFETY: in the mapping, writable now.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), addr as *mut u8, bytes.len()) };
    protect(libc::PROT_READ | libc::PROT_EXEC);
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        let range = self.ptr as usize..self.ptr as usize + self.mapped;
        match (self.in_arena, arena()) {
            (true, Some(arena)) => arena.give_back(range),
            // SAFETY: our own mapping, unmapped once.
            _ => unsafe {
                libc::munmap(self.ptr.cast(), self.mapped);
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arena_is_within_reach_of_the_binary() {
        let Some(range) = arena_range() else {
            panic!("no arena near the binary: {:?}", mappings());
        };
        let here = arena_is_within_reach_of_the_binary as fn() as usize;
        assert!(reach(&range, here), "{range:x?} vs {here:x}");
        let buf = CodeBuf::reserve(100, Placement::Near).expect("reserve");
        assert!(buf.in_arena() && range.contains(&buf.addr()));
        let far = CodeBuf::reserve(100, Placement::Anywhere).expect("reserve");
        assert!(!far.in_arena());
    }

    #[test]
    fn arena_takes_first_fit_and_coalesces_what_is_given_back() {
        let page = page_size();
        // A private arena of 8 pages, reserved like the process's one.
        // SAFETY: a fresh anonymous mapping, unmapped at the end.
        let start = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                8 * page,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        assert_ne!(start, libc::MAP_FAILED);
        let start = start as usize;
        let all = start..start + 8 * page;
        let arena = Arena {
            range: all.clone(),
            free: Mutex::new(vec![all.clone()]),
        };
        let a = arena.take(2 * page).expect("room");
        let b = arena.take(3 * page).expect("room");
        assert_eq!((a, b), (start, start + 2 * page));
        assert_eq!(arena.take(4 * page), None);
        arena.give_back(a..a + 2 * page);
        // First fit: the freed pages at the start, then the rest.
        assert_eq!(arena.take(page), Some(start));
        arena.give_back(start..start + page);
        arena.give_back(b..b + 3 * page);
        let free = arena.free.lock().map(|f| f.clone()).unwrap_or_default();
        assert_eq!(free, [all]);
        assert_eq!(arena.take(8 * page), Some(start));
        // SAFETY: the mapping made above.
        unsafe { libc::munmap(start as *mut libc::c_void, 8 * page) };
    }

    #[test]
    fn reach_is_symmetric_around_the_region() {
        let region = 0x4000_0000..0x5000_0000;
        assert!(reach(&region, 0x4800_0000));
        assert!(reach(&region, 0x4000_0000 + (1 << 30)));
        assert!(!reach(&region, 0x4000_0000 + (1 << 31)));
        assert!(!reach(&region, 0x5000_0000 + (1 << 31)));
        assert!(reach(&region, 0x5000_0000 - (1 << 30)));
        assert!(!reach(&region, 0x1_0000_0000_0000));
    }
}
