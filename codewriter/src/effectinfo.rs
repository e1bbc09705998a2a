//! effectinfo (in progress).
