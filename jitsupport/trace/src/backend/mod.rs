//! The backend interface: what the metainterp asks of a backend (PyPy's
//! `AbstractCPU`), and the reference backend that executes traces directly.

pub mod reference;
