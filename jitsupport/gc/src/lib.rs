//! The collector of interpreter objects (DESIGN decision 7). Being written; see issue 10.
