//! liveness (in progress).
