//! A Python 3 interpreter written on Pyrite. Being written; see issue 13.
