//! jtransform (in progress).
