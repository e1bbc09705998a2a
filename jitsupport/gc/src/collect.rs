//! Collections: sticky mark bits over a non-moving heap.
//!
//! An object's `FLAG_OLD` header bit says it survived a collection. A **minor**
//! collection marks from the roots and from the remembered lines, stops at old objects,
//! and frees what is young and unmarked: the holes allocated since the last collection
//! are the only places young objects live, so the sweep looks at those spans, the young
//! large objects and the blocks handed out, nothing else. A **major** collection clears
//! the line table and marks everything reachable (side mark bits), then sweeps every
//! block. Both follow the same steps:
//!
//! 1. retire the allocator's holes (they become young spans) and read the new types;
//! 2. flag the blocks that hold young spans: young objects have no start bits (the
//!    inline allocation path writes only a header), so the first conservative word
//!    that points into such a block parses its spans object by object;
//! 3. minor: trace the reference slots of the old objects on remembered lines;
//!    major: clear the line table and forget remembered lines;
//! 4. mark from the roots: the thread's stack and spilled registers, root ranges,
//!    root slots, buffers, root callbacks (all conservative: a word counts when it points
//!    into an object, interior pointers included; such objects are pinned, as all are);
//! 5. trace: every marked object's lines are marked old, its references followed;
//! 6. sweep: minor: survivors got their start bits when marked, and the start bits
//!    of dead objects in parsed blocks are cleared; major: the mark bits become the
//!    start bits of every block, and are cleared; dead large objects are freed; blocks
//!    classified free, recyclable (some free lines) or full; a major collection sets
//!    the next threshold (live bytes times `major_factor`) and returns free memory.

use crate::heap::*;
use crate::layout::*;
use crate::stats::{CollectionKind, GcEvent};
use std::time::Instant;

/// Aborts the process if a collection unwinds: the heap would be left half-swept.
struct AbortOnUnwind;

impl Drop for AbortOnUnwind {
    fn drop(&mut self) {
        if std::thread::panicking() {
            crate::fatal("a panic inside a collection (see the message above)");
        }
    }
}

impl Heap {
    /// Collects minor or major by the heap's policy: major when the old generation
    /// passed its threshold (and every eighth collection in stress mode).
    pub(crate) fn collect_auto(&mut self) {
        let n = self.stats.minor_collections + self.stats.major_collections;
        let major = self.old_bytes >= self.major_threshold || (self.settings.debug && n % 8 == 7);
        self.collect(if major {
            CollectionKind::Major
        } else {
            CollectionKind::Minor
        });
    }

    /// Runs one collection (the steps of the module doc).
    pub(crate) fn collect(&mut self, kind: CollectionKind) {
        if self.collecting {
            crate::fatal("a collection was started during a collection");
        }
        let guard = AbortOnUnwind;
        let t0 = Instant::now();
        let heap_before = self.heap_size();
        let young_allocated = self.young_bytes;
        self.collecting = true;
        self.minor = kind == CollectionKind::Minor;
        self.new_lines = 0;

        // 1-2.
        self.reset_allocator();
        refresh(&mut self.types);
        self.flag_young_blocks();

        // 3.
        if self.minor {
            self.trace_remembered();
        } else {
            // SAFETY: the lines of blocks below `hw` are committed.
            unsafe { std::ptr::write_bytes(self.lines_base, L_FREE, self.hw * LINES_PER_BLOCK) };
            self.remembered.clear();
        }

        // 4-5.
        self.mark_roots();
        self.drain();

        // 6.
        self.unflag_young_blocks();
        if self.minor {
            self.sweep_minor();
            self.old_bytes += self.new_lines << LOG_LINE;
        } else {
            self.sweep_major();
            self.old_bytes = self.new_lines << LOG_LINE;
            let next = (self.old_bytes as f64 * self.settings.major_factor) as usize;
            self.major_threshold = next.max(self.settings.nursery.saturating_mul(8));
            // Keep the memory the heap will grow back into before the next major
            // collection; give the rest back.
            let keep = self.major_threshold.saturating_sub(self.old_bytes) + self.settings.nursery;
            self.release_free_blocks(keep >> LOG_BLOCK);
            self.rebuild_free_list();
        }
        self.young_bytes = 0;
        if cfg!(debug_assertions) {
            self.check_blocks();
        }
        self.collecting = false;

        let duration = t0.elapsed();
        let heap_after = self.heap_size();
        let s = &mut self.stats;
        match kind {
            CollectionKind::Minor => s.minor_collections += 1,
            CollectionKind::Major => s.major_collections += 1,
        }
        s.total_pause += duration;
        s.longest_pause = s.longest_pause.max(duration);
        s.heap_size = heap_after;
        s.peak_heap_size = s.peak_heap_size.max(heap_before).max(heap_after);
        drop(guard);
        if let Some(hook) = self.hook.or_else(crate::default_event_hook) {
            self.collecting = true;
            hook(&GcEvent {
                kind,
                heap_before,
                heap_after,
                old_after: self.old_bytes,
                young_allocated,
                duration,
            });
            self.collecting = false;
        }
    }

    /// Step 2: flags the blocks of young spans; large young objects get their bit.
    fn flag_young_blocks(&mut self) {
        self.young_spans.sort_unstable();
        for i in 0..self.young_spans.len() {
            let b = (self.young_spans[i].0 - self.base) >> LOG_BLOCK;
            let st = self.block_state(b);
            self.set_block_state(b, st | B_UNPARSED);
        }
        for i in 0..self.young_large.len() {
            let obj = self.young_large[i];
            // SAFETY: granules of committed blocks.
            unsafe { self.starts.set(self.granule(obj)) };
        }
    }

    /// Sets the start bits of the young spans of block `b` (flagged by step 2).
    pub(crate) fn parse_block(&mut self, b: usize) {
        let st = self.block_state(b);
        self.set_block_state(b, st & !B_UNPARSED);
        self.parsed_blocks.push(b as u32);
        let lo = self.base + (b << LOG_BLOCK);
        let hi = lo + BLOCK;
        let first = self.young_spans.partition_point(|&(s, _)| s < lo);
        for i in first..self.young_spans.len() {
            let (mut p, end) = self.young_spans[i];
            if p >= hi {
                break;
            }
            while p < end {
                // SAFETY: `p` is in a committed block and starts an allocated object.
                let size = unsafe { self.info_of(p).object_size(p) };
                if size == 0 || p + size > end {
                    crate::fatal(&format!(
                        "the object at {p:#x} has size {size} past the end of its hole"
                    ));
                }
                // SAFETY: granules of committed blocks.
                unsafe { self.starts.set(self.granule(p)) };
                p += size;
            }
        }
    }

    /// Clears the flags of step 2 (before the sweep).
    fn unflag_young_blocks(&mut self) {
        for i in 0..self.young_spans.len() {
            let b = (self.young_spans[i].0 - self.base) >> LOG_BLOCK;
            let st = self.block_state(b);
            self.set_block_state(b, st & !B_UNPARSED);
        }
    }

    /// Step 3 of a minor collection: the old objects' slots on remembered lines.
    fn trace_remembered(&mut self) {
        let lines = std::mem::take(&mut self.remembered);
        for &l in &lines {
            let lo = self.base + (l << LOG_LINE);
            let hi = lo + LINE;
            let b = l / LINES_PER_BLOCK;
            let st = self.block_state(b);
            if st & 0xff == B_LARGE {
                let obj = self.base + ((b - (st >> 8) as usize) << LOG_BLOCK);
                self.trace_slots(obj, lo, hi);
            } else if st & 0xff == B_SMALL {
                if let Some(obj) = self.find_object(lo) {
                    self.trace_slots(obj, lo, hi);
                }
                let (g_lo, g_hi) = (self.granule(lo) + 1, self.granule(hi));
                let mut starts = Vec::new();
                // SAFETY: granules of a committed block.
                unsafe { self.starts.for_each_set(g_lo, g_hi, |g| starts.push(g)) };
                for g in starts {
                    self.trace_slots(self.base + (g << LOG_GRANULE), lo, hi);
                }
            }
            // SAFETY: a committed line.
            unsafe { *self.line(l) = L_OLD };
        }
        self.remembered = lines;
        self.remembered.clear();
    }

    /// Step 4: every root, conservatively.
    fn mark_roots(&mut self) {
        let bounds = self.stack;
        crate::roots::scan_stack(bounds, &mut |lo, hi| self.mark_range(lo, hi));
        let ranges: Vec<(usize, usize)> = (self.roots.ranges.iter().flatten())
            .chain(&self.roots.frames)
            .copied()
            .collect();
        for (lo, hi) in ranges {
            self.mark_range(lo, hi);
        }
        for i in 0..self.roots.slots.len() {
            let w = self.roots.slots[i];
            self.mark_word(w);
        }
        crate::roots::scan_buffers(&mut |lo, hi| self.mark_range(lo, hi));
        let mut callbacks = std::mem::take(&mut self.roots.callbacks);
        for cb in callbacks.iter_mut().flatten() {
            cb(&mut crate::roots::RootVisitor { heap: self });
        }
        // Callbacks registered by a callback would be lost: keep both.
        let added = std::mem::replace(&mut self.roots.callbacks, callbacks);
        self.roots.callbacks.extend(added);
    }

    /// Marks the objects that the aligned words in `[lo, hi)` point into.
    pub(crate) fn mark_range(&mut self, lo: usize, hi: usize) {
        let mut a = (lo + 7) & !7;
        while a + 8 <= hi {
            // SAFETY: the caller passes readable memory (the stack, a root range).
            let w = crate::roots::defined(unsafe { std::ptr::read_volatile(a as *const usize) });
            self.mark_word(w);
            a += 8;
        }
    }

    /// Marks the object that `w` points into, if any (a conservative word).
    #[inline]
    pub(crate) fn mark_word(&mut self, w: usize) {
        if w.wrapping_sub(self.base) < self.hw << LOG_BLOCK {
            if let Some(obj) = self.find_object(w) {
                self.mark(obj);
            }
        }
    }

    /// Queues the object at `obj` (a start); it is marked when it leaves the queue.
    #[inline]
    fn mark(&mut self, obj: usize) {
        self.worklist.push(obj);
    }

    /// Marks the object at `obj` unless done already; whether it was newly marked.
    /// A minor collection tests and sets `FLAG_OLD` (an old object counts as done) and
    /// gives a survivor its start bit at once; a major one uses the mark bits.
    #[inline]
    fn try_mark(&mut self, obj: usize) -> bool {
        let h = obj as *mut u64;
        let g = self.granule(obj);
        // SAFETY: `obj` is an object start in a committed block.
        unsafe {
            if self.minor {
                if *h & FLAG_OLD != 0 {
                    return false;
                }
                self.starts.set(g);
            } else {
                if self.marks.get(g) {
                    return false;
                }
                self.marks.set(g);
            }
            *h |= FLAG_OLD;
        }
        true
    }

    /// Step 5: marks each queued object, marks its lines old and queues its references.
    ///
    /// The queue holds edges, tested when they are popped (depth-first, so usually just
    /// after the parent): on binary-trees this took 40% less time than testing each
    /// reference before queueing it, and adding a prefetched ring of 16 entries (as
    /// Boehm's collector does) was slower again.
    fn drain(&mut self) {
        while let Some(obj) = self.worklist.pop() {
            if !self.try_mark(obj) {
                continue;
            }
            let info = self.info_of(obj);
            // SAFETY: a marked object is a complete object.
            let size = unsafe { info.object_size(obj) };
            let (l0, l1) = (
                (obj - self.base) >> LOG_LINE,
                (obj + size - 1 - self.base) >> LOG_LINE,
            );
            for l in l0..=l1 {
                let p = self.line(l);
                // SAFETY: the object's lines are committed.
                unsafe {
                    if *p == L_FREE {
                        *p = L_OLD;
                        self.new_lines += 1;
                    }
                }
            }
            self.trace_all(obj, info);
        }
    }

    /// Follows every reference of the object at `obj`.
    #[inline]
    fn trace_all(&mut self, obj: usize, info: &'static TypeInfo) {
        for &off in info.refs {
            // SAFETY: the type info says this word is in the object.
            let w = unsafe { *((obj + off as usize) as *const usize) };
            self.follow(w);
        }
        if !info.maybe_refs.is_empty() || info.var.is_some() {
            self.trace_rest(obj, info);
        }
    }

    /// The `maybe_refs` and items of an object, out of line.
    #[inline(never)]
    fn trace_rest(&mut self, obj: usize, info: &'static TypeInfo) {
        for &off in info.maybe_refs {
            // SAFETY: as above.
            self.mark_word(unsafe { *((obj + off as usize) as *const usize) });
        }
        if let Some(v) = &info.var {
            // SAFETY: the length word of an allocated array is written.
            let len = unsafe { *((obj + v.length_offset as usize) as *const usize) };
            let items = obj + v.items_offset as usize;
            let item = v.item_size as usize;
            for i in 0..len {
                let base = items + i * item;
                for &off in v.item_refs {
                    // SAFETY: inside item `i < len`.
                    let w = unsafe { *((base + off as usize) as *const usize) };
                    self.follow(w);
                }
                for &off in v.item_maybe_refs {
                    // SAFETY: as above.
                    self.mark_word(unsafe { *((base + off as usize) as *const usize) });
                }
            }
        }
    }

    /// Follows the references of the object at `obj` whose slots lie in `[lo, hi)`.
    fn trace_slots(&mut self, obj: usize, lo: usize, hi: usize) {
        let info = self.info_of(obj);
        for &off in info.refs {
            let a = obj + off as usize;
            if a >= lo && a < hi {
                // SAFETY: the type info says this word is in the object.
                let w = unsafe { *(a as *const usize) };
                self.follow(w);
            }
        }
        for &off in info.maybe_refs {
            let a = obj + off as usize;
            if a >= lo && a < hi {
                // SAFETY: as above.
                self.mark_word(unsafe { *(a as *const usize) });
            }
        }
        if let Some(v) = &info.var {
            if v.item_refs.is_empty() && v.item_maybe_refs.is_empty() {
                return;
            }
            // SAFETY: the length word of an allocated array is written.
            let len = unsafe { *((obj + v.length_offset as usize) as *const usize) };
            let items = obj + v.items_offset as usize;
            let item = v.item_size as usize;
            let first = if lo > items { (lo - items) / item } else { 0 };
            let last = if hi == usize::MAX {
                len
            } else {
                hi.saturating_sub(items).div_ceil(item).min(len)
            };
            for i in first..last {
                let base = items + i * item;
                for &off in v.item_refs {
                    let a = base + off as usize;
                    if a >= lo && a < hi {
                        // SAFETY: inside item `i < len`.
                        let w = unsafe { *(a as *const usize) };
                        self.follow(w);
                    }
                }
                for &off in v.item_maybe_refs {
                    let a = base + off as usize;
                    if a >= lo && a < hi {
                        // SAFETY: as above.
                        self.mark_word(unsafe { *(a as *const usize) });
                    }
                }
            }
        }
    }

    /// Follows a precise reference: null or an object start.
    #[inline]
    fn follow(&mut self, w: usize) {
        if w == 0 {
            return;
        }
        if cfg!(debug_assertions) && self.find_object(w) != Some(w) {
            crate::fatal(&format!(
                "a reference slot holds {w:#x}, which is not the start of an object \
                 (a TypeInfo lists a word that is not a reference, or a dangling handle)"
            ));
        }
        self.mark(w);
    }

    /// Step 6 of a minor collection. Survivors got their start bits when marked, so
    /// only the blocks parsed for conservative words hold start bits of dead objects.
    fn sweep_minor(&mut self) {
        let parsed = std::mem::take(&mut self.parsed_blocks);
        let mut dead = Vec::new();
        for &b in &parsed {
            let lo = self.base + ((b as usize) << LOG_BLOCK);
            let first = self.young_spans.partition_point(|&(s, _)| s < lo);
            for &(s, e) in &self.young_spans[first..] {
                if s >= lo + BLOCK {
                    break;
                }
                let (g0, g1) = (self.granule(s), self.granule(e));
                let base = self.base;
                // SAFETY: granules of a committed block; start bits mark headers.
                unsafe {
                    self.starts.for_each_set(g0, g1, |g| {
                        if *((base + (g << LOG_GRANULE)) as *const u64) & FLAG_OLD == 0 {
                            dead.push(g);
                        }
                    })
                };
            }
        }
        for g in dead {
            // SAFETY: as above.
            unsafe { self.starts.clear(g) };
        }
        self.parsed_blocks = parsed;
        self.parsed_blocks.clear();
        self.young_spans.clear();
        let young_large = std::mem::take(&mut self.young_large);
        for &obj in &young_large {
            // SAFETY: the header of a large object.
            if unsafe { *(obj as *const u64) } & FLAG_OLD != 0 {
                self.old_large.push(obj);
            } else {
                self.free_large(obj);
            }
        }
        self.young_large = young_large;
        self.young_large.clear();
        let blocks = std::mem::take(&mut self.cycle_blocks);
        for &b in &blocks {
            self.classify_block(b as usize);
        }
        self.cycle_blocks = blocks;
        self.cycle_blocks.clear();
    }

    /// Step 6 of a major collection.
    fn sweep_major(&mut self) {
        self.young_spans.clear();
        self.parsed_blocks.clear();
        self.cycle_blocks.clear();
        self.recyclable.clear();
        let per_block = BLOCK >> LOG_GRANULE;
        for b in 0..self.hw {
            if self.block_state(b) == B_SMALL {
                // SAFETY: granules of a committed block.
                unsafe {
                    self.starts
                        .move_from(self.marks, b * per_block, (b + 1) * per_block)
                };
                self.classify_block(b);
            }
        }
        let mut large = std::mem::take(&mut self.old_large);
        large.append(&mut self.young_large);
        for &obj in &large {
            let g = self.granule(obj);
            // SAFETY: as above.
            if unsafe { self.marks.get(g) } {
                unsafe { self.marks.clear(g) };
                self.old_large.push(obj);
            } else {
                self.free_large(obj);
            }
        }
    }

    /// Puts small block `b` where its lines say: free, recyclable or full.
    fn classify_block(&mut self, b: usize) {
        let first = b * LINES_PER_BLOCK;
        // SAFETY: the block's lines are committed.
        let lines = unsafe { std::slice::from_raw_parts(self.line(first), LINES_PER_BLOCK) };
        let used = lines.iter().filter(|&&l| l != L_FREE).count();
        if used == 0 {
            self.free_block(b);
        } else if used < LINES_PER_BLOCK {
            self.recyclable.push(b as u32);
        }
    }
}
