//! The reference backend: executes trace ops directly (PyPy's llgraph backend).
