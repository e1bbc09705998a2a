//! regalloc (in progress).
