//! The heap: one reservation of address space cut into blocks of lines, the bump
//! allocator that JIT code inlines, and large objects.
//!
//! Memory map: the objects' region `[base, base + reserved)` grows by blocks from its
//! start (`hw` blocks committed and used so far). Side tables, each its own region
//! committed in step, are indexed by address: one start bit and one mark bit per
//! granule, one byte per line (0 free or young, 1 old, 2 old and remembered), one word
//! per block (free, small, or part of a large object).
//!
//! Allocation bumps `cursor` up to `limit` inside a *hole*, a run of free lines of a
//! block, zeroed when it is handed out. Small and medium objects (up to
//! [`MAX_MEDIUM`]) live in blocks; a medium object that does not fit the current hole
//! goes to a second, overflow hole; larger objects get a run of whole blocks. Objects
//! allocated since the last collection are young; they lie exactly in the holes handed
//! out since then (recorded as spans) and in the young large objects. See `collect.rs`.

use crate::bitmap::Bitmap;
use crate::descr::GcDescr;
use crate::layout::*;
use crate::region::{round_up, Region};
use crate::roots::Roots;
use crate::settings::Settings;
use crate::stats::{EventHook, GcStats};
use crate::OutOfMemory;
use std::io;

/// Block states (the low byte of a block's word; a large object's blocks hold the
/// distance to its first block in the upper bits).
pub(crate) const B_FREE_ZERO: u32 = 0;
pub(crate) const B_FREE: u32 = 1;
pub(crate) const B_SMALL: u32 = 2;
pub(crate) const B_LARGE: u32 = 3;
/// The flag of a small block whose young spans have no start bits yet (during a
/// collection only; see `collect.rs`).
pub(crate) const B_UNPARSED: u32 = 1 << 16;

/// Line states.
pub(crate) const L_FREE: u8 = 0;
pub(crate) const L_OLD: u8 = 1;
pub(crate) const L_REMEMBERED: u8 = 2;

/// The default address space reserved for objects when `PYRITE_GC_MAX` is not set; it
/// is halved until the kernel (or valgrind, which takes at most about 32 GiB) accepts it.
const DEFAULT_RESERVE: usize = 32 << 30;
const MIN_RESERVE: usize = 64 << 20;
/// Blocks committed at a time when the heap grows.
const COMMIT_CHUNK: usize = 32;

/// A thread's heap. `cursor` and `limit` come first and stay at fixed addresses (the
/// heap is boxed): JIT code reads and writes them through the descriptor.
#[repr(C)]
pub struct Heap {
    pub(crate) cursor: usize,
    pub(crate) limit: usize,
    pub(crate) descr: GcDescr,
    pub(crate) base: usize,
    /// Bytes of address space for objects.
    pub(crate) reserved: usize,
    pub(crate) lines_base: *mut u8,
    pub(crate) starts: Bitmap,
    pub(crate) marks: Bitmap,
    block_states: *mut u32,
    mem: Region,
    starts_region: Region,
    marks_region: Region,
    lines_region: Region,
    blocks_region: Region,
    /// Blocks committed; blocks at or above `hw` were never used.
    committed_blocks: usize,
    pub(crate) hw: usize,
    /// Blocks holding objects (small blocks and large objects' runs).
    pub(crate) in_use: usize,
    max_blocks: usize,
    /// Free blocks below `hw` (some entries may be stale: checked when popped).
    free: Vec<u32>,
    free_count: usize,
    pub(crate) recyclable: Vec<u32>,
    /// Blocks handed to the allocator since the last collection.
    pub(crate) cycle_blocks: Vec<u32>,
    cur_block: Option<u32>,
    cur_zero: bool,
    next_line: usize,
    hole_start: usize,
    /// The end of the current hole; `limit` is 0 instead in stress mode.
    real_limit: usize,
    ov_cursor: usize,
    ov_limit: usize,
    ov_start: usize,
    /// Holes allocated into since the last collection: `[start, end)` of objects.
    pub(crate) young_spans: Vec<(usize, usize)>,
    pub(crate) young_large: Vec<usize>,
    pub(crate) old_large: Vec<usize>,
    /// Blocks whose young spans were parsed during this collection.
    pub(crate) parsed_blocks: Vec<u32>,
    /// Lines of old objects written since the last collection.
    pub(crate) remembered: Vec<usize>,
    pub(crate) types: Vec<&'static TypeInfo>,
    pub(crate) worklist: Vec<usize>,
    pub(crate) roots: Roots,
    pub(crate) stack: (usize, usize),
    pub(crate) settings: Settings,
    pub(crate) stats: GcStats,
    pub(crate) hook: Option<EventHook>,
    /// Bytes handed out as holes and large objects since the last collection.
    pub(crate) young_bytes: usize,
    /// Bytes of lines holding old objects (after the last collection).
    pub(crate) old_bytes: usize,
    pub(crate) major_threshold: usize,
    pub(crate) collecting: bool,
    pub(crate) minor: bool,
    pub(crate) new_lines: usize,
}

impl Heap {
    /// Reserves a heap for the calling thread (its stack is the one scanned).
    pub(crate) fn new(settings: Settings) -> io::Result<Box<Heap>> {
        let want = match settings.max {
            // Twice the limit: room for a large object despite fragmentation.
            Some(max) => round_up(max, BLOCK).saturating_mul(2).max(16 * BLOCK),
            None => DEFAULT_RESERVE,
        };
        // Without a limit, halve the reservation until it is accepted (valgrind takes
        // at most about 32 GiB); with one, its size is what was asked for.
        let mut size = want;
        let (mem, starts, marks, lines, blocks) = loop {
            match Self::reserve_all(size) {
                Ok(r) => break r,
                Err(_) if settings.max.is_none() && size / 2 >= MIN_RESERVE => size /= 2,
                Err(e) => return Err(e),
            }
        };
        let reserved = mem.size() & !(BLOCK - 1);
        let max_blocks = match settings.max {
            Some(max) => (max / BLOCK).max(1),
            None => reserved / BLOCK,
        };
        let base = mem.base() as usize;
        let lines_base = lines.base();
        let nursery = settings.nursery;
        let mut heap = Box::new(Heap {
            cursor: 0,
            limit: 0,
            descr: GcDescr::placeholder(),
            base,
            reserved,
            lines_base,
            starts: Bitmap::new(starts.base()),
            marks: Bitmap::new(marks.base()),
            block_states: blocks.base().cast(),
            mem,
            starts_region: starts,
            marks_region: marks,
            lines_region: lines,
            blocks_region: blocks,
            committed_blocks: 0,
            hw: 0,
            in_use: 0,
            max_blocks,
            free: Vec::new(),
            free_count: 0,
            recyclable: Vec::new(),
            cycle_blocks: Vec::new(),
            cur_block: None,
            cur_zero: false,
            next_line: 0,
            hole_start: 0,
            real_limit: 0,
            ov_cursor: 0,
            ov_limit: 0,
            ov_start: 0,
            young_spans: Vec::new(),
            young_large: Vec::new(),
            old_large: Vec::new(),
            parsed_blocks: Vec::new(),
            remembered: Vec::new(),
            types: Vec::new(),
            worklist: Vec::new(),
            roots: Roots::default(),
            stack: crate::roots::stack_bounds(),
            settings,
            stats: GcStats::default(),
            hook: None,
            young_bytes: 0,
            old_bytes: 0,
            major_threshold: nursery.saturating_mul(8),
            collecting: false,
            minor: false,
            new_lines: 0,
        });
        refresh(&mut heap.types);
        heap.descr = GcDescr::for_heap(&mut heap);
        Ok(heap)
    }

    fn reserve_all(size: usize) -> io::Result<(Region, Region, Region, Region, Region)> {
        let mem = Region::reserve(size)?;
        let granules = size >> LOG_GRANULE;
        let starts = Region::reserve(granules / 8)?;
        let marks = Region::reserve(granules / 8)?;
        let lines = Region::reserve(size >> LOG_LINE)?;
        let blocks = Region::reserve((size >> LOG_BLOCK) * 4)?;
        Ok((mem, starts, marks, lines, blocks))
    }

    // ---- Addresses and tables ----

    /// The block state word of block `b` (committed).
    #[inline]
    pub(crate) fn block_state(&self, b: usize) -> u32 {
        // SAFETY: callers pass blocks below `hw`, which are committed.
        unsafe { *self.block_states.add(b) }
    }

    #[inline]
    pub(crate) fn set_block_state(&mut self, b: usize, s: u32) {
        // SAFETY: as above.
        unsafe { *self.block_states.add(b) = s }
    }

    /// The line table entry of line `l` (committed).
    #[inline]
    pub(crate) fn line(&self, l: usize) -> *mut u8 {
        // SAFETY: callers pass lines of blocks below `hw`.
        unsafe { self.lines_base.add(l) }
    }

    /// The granule index of an address in the heap.
    #[inline]
    pub(crate) fn granule(&self, addr: usize) -> usize {
        (addr - self.base) >> LOG_GRANULE
    }

    /// The type of the object at `obj`.
    #[inline]
    pub(crate) fn info_of(&self, obj: usize) -> &'static TypeInfo {
        // SAFETY: `obj` is an object start: its header is written.
        let id = unsafe { *(obj as *const u64) } >> TYPE_ID_SHIFT;
        match self.types.get(id as usize) {
            Some(&t) if id != 0 => t,
            _ => crate::fatal(&format!(
                "the object at {obj:#x} has the header {:#x}, whose type id is not registered \
                 (a corrupted heap, or an object allocated without its header)",
                // SAFETY: as above.
                unsafe { *(obj as *const u64) }
            )),
        }
    }

    /// The object containing `addr` (its start), found through the block table and the
    /// start bits: for conservative roots and `maybe_refs`. During a collection, a block
    /// with young spans not yet parsed is parsed first.
    pub(crate) fn find_object(&mut self, addr: usize) -> Option<usize> {
        let off = addr.wrapping_sub(self.base);
        if off >= self.hw << LOG_BLOCK {
            return None;
        }
        let b = off >> LOG_BLOCK;
        let st = self.block_state(b);
        match st & 0xff {
            B_SMALL => {
                if st & B_UNPARSED != 0 {
                    self.parse_block(b);
                }
                let g = off >> LOG_GRANULE;
                let block_first = b << (LOG_BLOCK - LOG_GRANULE);
                let lo = g.saturating_sub(MAX_MEDIUM >> LOG_GRANULE).max(block_first);
                // SAFETY: the granules of block `b` are committed.
                let s = unsafe { self.starts.last_at_or_before(g, lo) }?;
                let obj = self.base + (s << LOG_GRANULE);
                // SAFETY: a start bit marks a written header.
                let size = unsafe { self.info_of(obj).object_size(obj) };
                (addr < obj + size).then_some(obj)
            }
            B_LARGE => {
                let head = b - (st >> 8) as usize;
                let obj = self.base + (head << LOG_BLOCK);
                // SAFETY: a large object's header is written when it is allocated.
                let size = unsafe { self.info_of(obj).object_size(obj) };
                (addr < obj + size).then_some(obj)
            }
            _ => None,
        }
    }

    /// Bytes of heap in use.
    pub(crate) fn heap_size(&self) -> usize {
        self.in_use << LOG_BLOCK
    }

    // ---- Blocks ----

    fn commit_to(&mut self, blocks: usize) -> Result<(), OutOfMemory> {
        if blocks <= self.committed_blocks {
            return Ok(());
        }
        let n = round_up(blocks, COMMIT_CHUNK).min(self.reserved >> LOG_BLOCK);
        let bytes = n << LOG_BLOCK;
        let r = self
            .mem
            .commit(bytes)
            .and_then(|_| self.starts_region.commit(bytes >> (LOG_GRANULE + 3)))
            .and_then(|_| self.marks_region.commit(bytes >> (LOG_GRANULE + 3)))
            .and_then(|_| self.lines_region.commit(bytes >> LOG_LINE))
            .and_then(|_| self.blocks_region.commit(n * 4));
        match r {
            Ok(()) => {
                self.committed_blocks = n;
                Ok(())
            }
            Err(_) => Err(self.oom(BLOCK)),
        }
    }

    pub(crate) fn oom(&self, requested: usize) -> OutOfMemory {
        OutOfMemory {
            requested,
            heap_size: self.heap_size(),
            limit: self.max_blocks << LOG_BLOCK,
        }
    }

    /// A free block for small objects; whether its memory is known to be zero.
    fn take_free_block(&mut self) -> Result<(u32, bool), OutOfMemory> {
        if self.in_use + 1 > self.max_blocks {
            return Err(self.oom(BLOCK));
        }
        while let Some(b) = self.free.pop() {
            let st = self.block_state(b as usize);
            if st == B_FREE || st == B_FREE_ZERO {
                self.set_block_state(b as usize, B_SMALL);
                self.free_count -= 1;
                self.in_use += 1;
                return Ok((b, st == B_FREE_ZERO));
            }
        }
        if self.hw < self.reserved >> LOG_BLOCK {
            self.commit_to(self.hw + 1)?;
            let b = self.hw;
            self.hw += 1;
            self.set_block_state(b, B_SMALL);
            self.in_use += 1;
            return Ok((b as u32, true));
        }
        Err(self.oom(BLOCK))
    }

    /// Marks block `b` free (its lines are all free); it keeps its memory.
    pub(crate) fn free_block(&mut self, b: usize) {
        debug_assert_eq!(self.block_state(b), B_SMALL, "block {b} freed twice");
        self.set_block_state(b, B_FREE);
        self.free.push(b as u32);
        self.free_count += 1;
        self.in_use -= 1;
    }

    /// Rebuilds the list of free blocks from the block table (after a major
    /// collection), dropping the stale entries that large objects leave in it.
    pub(crate) fn rebuild_free_list(&mut self) {
        self.free.clear();
        for b in (0..self.hw).rev() {
            let st = self.block_state(b);
            if st == B_FREE || st == B_FREE_ZERO {
                self.free.push(b as u32);
            }
        }
        self.free_count = self.free.len();
    }

    /// Checks the block accounting against the block table (debug builds, after each
    /// collection): blocks in use, free blocks, large objects' first blocks.
    pub(crate) fn check_blocks(&self) {
        let (mut used, mut free) = (0, 0);
        for b in 0..self.hw {
            match self.block_state(b) & 0xff {
                B_SMALL | B_LARGE => used += 1,
                _ => free += 1,
            }
        }
        assert_eq!(used, self.in_use, "blocks in use");
        assert_eq!(free, self.free_count, "free blocks");
        for &obj in &self.old_large {
            let b = (obj - self.base) >> LOG_BLOCK;
            assert_eq!(self.block_state(b), B_LARGE, "large object at {obj:#x}");
        }
    }

    /// Gives the memory of free blocks back to the kernel, all but `keep` of them.
    pub(crate) fn release_free_blocks(&mut self, keep: usize) {
        let mut dirty: Vec<u32> = self
            .free
            .iter()
            .copied()
            .filter(|&b| self.block_state(b as usize) == B_FREE)
            .collect();
        dirty.sort_unstable();
        dirty.dedup();
        if dirty.len() <= keep {
            return;
        }
        // Keep the lowest blocks (the allocator takes those first), release the rest.
        let release = &dirty[keep..];
        let mut i = 0;
        while i < release.len() {
            let mut j = i + 1;
            while j < release.len() && release[j] == release[j - 1] + 1 {
                j += 1;
            }
            let (first, n) = (release[i] as usize, j - i);
            self.mem.release(first << LOG_BLOCK, n << LOG_BLOCK);
            for b in first..first + n {
                self.set_block_state(b, B_FREE_ZERO);
            }
            i = j;
        }
    }

    // ---- Allocation ----

    /// The allocation slow path: collects when the young generation is full (always in
    /// stress mode), then allocates `size` bytes (a multiple of 8), zeroed. The caller
    /// writes the header before anything else can allocate.
    #[cold]
    #[inline(never)]
    pub(crate) fn alloc_slow(&mut self, size: usize) -> Result<usize, OutOfMemory> {
        if self.collecting {
            crate::fatal("an object was allocated during a collection (from a root callback or an event hook)");
        }
        if self.settings.debug || self.young_bytes >= self.settings.nursery {
            self.collect_auto();
        }
        match self.try_alloc(size) {
            Ok(p) => Ok(p),
            Err(_) => {
                self.collect(crate::CollectionKind::Major);
                self.try_alloc(size).map_err(|_| self.oom(size))
            }
        }
    }

    fn try_alloc(&mut self, size: usize) -> Result<usize, OutOfMemory> {
        if size > MAX_MEDIUM {
            return self.alloc_large(size);
        }
        if self.cursor + size <= self.real_limit {
            let p = self.cursor;
            self.cursor += size;
            return Ok(p);
        }
        if size > LINE {
            if self.ov_cursor + size > self.ov_limit {
                self.retire_overflow();
                let (b, zero) = self.take_free_block()?;
                self.cycle_blocks.push(b);
                let start = self.base + ((b as usize) << LOG_BLOCK);
                if !zero {
                    // SAFETY: the block is committed and holds no object.
                    unsafe { std::ptr::write_bytes(start as *mut u8, 0, BLOCK) };
                }
                self.young_bytes += BLOCK;
                (self.ov_start, self.ov_cursor, self.ov_limit) = (start, start, start + BLOCK);
            }
            let p = self.ov_cursor;
            self.ov_cursor += size;
            return Ok(p);
        }
        self.retire_hole();
        self.next_hole()?;
        let p = self.cursor;
        self.cursor += size;
        Ok(p)
    }

    /// Turns stress mode on or off: with it, `limit` stays 0 so that every allocation,
    /// inline ones included, takes the slow path, which collects.
    pub(crate) fn set_stress(&mut self, on: bool) {
        self.settings.debug = on;
        self.limit = if on { 0 } else { self.real_limit };
    }

    /// Records the current hole's objects as a young span and leaves no hole.
    pub(crate) fn retire_hole(&mut self) {
        if self.cursor > self.hole_start {
            self.young_spans.push((self.hole_start, self.cursor));
            self.stats.bytes_allocated += (self.cursor - self.hole_start) as u64;
        }
        (self.hole_start, self.cursor, self.limit, self.real_limit) = (0, 0, 0, 0);
    }

    pub(crate) fn retire_overflow(&mut self) {
        if self.ov_cursor > self.ov_start {
            self.young_spans.push((self.ov_start, self.ov_cursor));
            self.stats.bytes_allocated += (self.ov_cursor - self.ov_start) as u64;
        }
        (self.ov_start, self.ov_cursor, self.ov_limit) = (0, 0, 0);
    }

    /// Forgets the current block: after a collection the allocator starts afresh.
    pub(crate) fn reset_allocator(&mut self) {
        self.retire_hole();
        self.retire_overflow();
        self.cur_block = None;
    }

    /// Makes the next run of free lines the current hole (zeroed).
    fn next_hole(&mut self) -> Result<(), OutOfMemory> {
        loop {
            if let Some(b) = self.cur_block {
                let first_line = (b as usize) * LINES_PER_BLOCK;
                let mut l = self.next_line;
                // SAFETY (all line reads): lines of a committed block.
                while l < LINES_PER_BLOCK && unsafe { *self.line(first_line + l) } != L_FREE {
                    l += 1;
                }
                if l == LINES_PER_BLOCK {
                    self.cur_block = None;
                    continue;
                }
                let mut e = l + 1;
                while e < LINES_PER_BLOCK && unsafe { *self.line(first_line + e) } == L_FREE {
                    e += 1;
                }
                self.next_line = e;
                let start = self.base + ((first_line + l) << LOG_LINE);
                let end = self.base + ((first_line + e) << LOG_LINE);
                if !self.cur_zero {
                    // SAFETY: free lines of a committed block hold no live object.
                    unsafe { std::ptr::write_bytes(start as *mut u8, 0, end - start) };
                }
                self.young_bytes += end - start;
                self.hole_start = start;
                self.cursor = start;
                self.real_limit = end;
                self.limit = if self.settings.debug { 0 } else { end };
                return Ok(());
            }
            let (b, zero) = match self.recyclable.pop() {
                Some(b) => (b, false),
                None => self.take_free_block()?,
            };
            self.cycle_blocks.push(b);
            self.cur_block = Some(b);
            self.cur_zero = zero;
            self.next_line = 0;
        }
    }

    /// A large object: a run of whole blocks, zeroed, recorded as young.
    fn alloc_large(&mut self, size: usize) -> Result<usize, OutOfMemory> {
        let n = size.div_ceil(BLOCK);
        if size == usize::MAX || self.in_use + n > self.max_blocks {
            return Err(self.oom(size));
        }
        let first = match self.find_free_run(n) {
            Some(first) => first,
            None => {
                if self.hw + n > self.reserved >> LOG_BLOCK {
                    return Err(self.oom(size));
                }
                self.commit_to(self.hw + n)?;
                let first = self.hw;
                self.hw += n;
                first
            }
        };
        for i in 0..n {
            let b = first + i;
            if self.block_state(b) == B_FREE {
                // SAFETY: a committed free block.
                unsafe {
                    std::ptr::write_bytes((self.base + (b << LOG_BLOCK)) as *mut u8, 0, BLOCK)
                };
            }
            self.set_block_state(b, B_LARGE | ((i as u32) << 8));
        }
        self.in_use += n;
        self.young_bytes += n << LOG_BLOCK;
        self.stats.bytes_allocated += size as u64;
        let obj = self.base + (first << LOG_BLOCK);
        self.young_large.push(obj);
        Ok(obj)
    }

    /// The first run of `n` free blocks below `hw`, taken out of the free count.
    fn find_free_run(&mut self, n: usize) -> Option<usize> {
        if self.free_count < n {
            return None;
        }
        let mut run = 0;
        for b in 0..self.hw {
            let st = self.block_state(b);
            if st == B_FREE || st == B_FREE_ZERO {
                run += 1;
                if run == n {
                    self.free_count -= n;
                    return Some(b + 1 - n);
                }
            } else {
                run = 0;
            }
        }
        None
    }

    /// Frees the large object at `obj` (dead): its blocks become free blocks (zeroed
    /// again when reused; a major collection returns free memory beyond what the heap
    /// will grow back into, which saves a system call per dead large object).
    pub(crate) fn free_large(&mut self, obj: usize) {
        let first = (obj - self.base) >> LOG_BLOCK;
        let mut n = 1;
        while first + n < self.hw && self.block_state(first + n) == (B_LARGE | ((n as u32) << 8)) {
            n += 1;
        }
        // SAFETY: the object's lines and granules are committed.
        unsafe {
            std::ptr::write_bytes(
                self.line(first * LINES_PER_BLOCK),
                L_FREE,
                n * LINES_PER_BLOCK,
            );
            self.starts.clear(self.granule(obj));
            self.marks.clear(self.granule(obj));
        }
        for b in first..first + n {
            self.set_block_state(b, B_FREE);
            self.free.push(b as u32);
        }
        self.free_count += n;
        self.in_use -= n;
    }

    /// The write barrier's slow path: the line of `addr` holds an old object; remember it.
    #[cold]
    #[inline(never)]
    pub(crate) fn remember(&mut self, addr: usize) {
        let l = (addr - self.base) >> LOG_LINE;
        let p = self.line(l);
        // SAFETY: `addr` is in a committed block.
        unsafe {
            if *p == L_OLD {
                *p = L_REMEMBERED;
                self.remembered.push(l);
            }
        }
    }
}
