//! The rtyper: annotated flowgraphs to low-level graphs.
