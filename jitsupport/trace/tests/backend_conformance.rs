//! The backend conformance suite run on the reference backend. The tests live in
//! `conformance/mod.rs`, generic over `impl Backend`, so that every backend runs them.

mod conformance;

use jitsupport_trace::backend::reference::ReferenceBackend;

conformance::conformance_tests!(ReferenceBackend::new());
