//! What the collector counts, and the event a runtime's log turns into `gc-minor` and
//! `gc-collect` sections.

use std::time::Duration;

/// Running totals of one heap.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GcStats {
    /// Minor collections (roots, remembered lines and young objects only).
    pub minor_collections: u64,
    /// Major collections (the whole heap).
    pub major_collections: u64,
    /// Bytes of objects allocated (headers and padding included).
    pub bytes_allocated: u64,
    /// Time spent collecting.
    pub total_pause: Duration,
    /// The longest single collection.
    pub longest_pause: Duration,
    /// Bytes of heap in use now (blocks holding objects, and large objects).
    pub heap_size: usize,
    /// The most bytes of heap ever in use.
    pub peak_heap_size: usize,
}

/// Which kind of collection an event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionKind {
    /// Young objects only (`gc-minor`).
    Minor,
    /// The whole heap (`gc-collect`).
    Major,
}

/// One collection, as reported to the event hook when it ends.
#[derive(Clone, Debug, PartialEq)]
pub struct GcEvent {
    /// Minor or major.
    pub kind: CollectionKind,
    /// Heap bytes in use before.
    pub heap_before: usize,
    /// Heap bytes in use after.
    pub heap_after: usize,
    /// Bytes of old objects after (what the next major threshold is measured against).
    pub old_after: usize,
    /// Bytes allocated since the previous collection.
    pub young_allocated: usize,
    /// How long the collection took.
    pub duration: Duration,
}

/// A function called after every collection (a plain pointer so that a runtime can
/// set it from anywhere; it must not allocate GC objects).
pub type EventHook = fn(&GcEvent);
