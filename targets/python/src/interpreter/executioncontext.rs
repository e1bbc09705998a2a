//! The execution context (PyPy's `ExecutionContext`): the state of the thread running
//! Python code that the core reads and writes as it runs: the recursion depth and its
//! limit, the method cache, the repr guard and `random`'s generators. One GC object, kept alive by the space's
//! globals and reached through [`crate::objspace::space::ec`] (a thread-local word, as
//! PyPy's `space.getexecutioncontext()` is). The frame running now (PyPy's
//! `topframeref`, a virtual reference for its JIT) is a plain thread-local word beside
//! it, `space::current_frame`: the frame is always alive on the Rust stack, so it needs
//! no write barrier on each call.

use super::error::{err, PyResult};
use crate::objspace::object::Value;
use crate::objspace::typeobject::Kind;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_ExecContext {
    /// Python frames running now, and the most there may be (`sys.getrecursionlimit`).
    pub depth: GcCell<u32>,
    pub limit: GcCell<u32>,
    /// The method cache of `typeobject::lookup`: per entry a type, a name and what the
    /// type's MRO gives for the name (`Null` for nothing), three values in a row.
    pub method_cache: GcArray<Value>,
    /// The containers whose repr is being built (to print `[...]` for a cycle): the
    /// first `repr_depth` items of `repr_guard` (the others are stale).
    pub repr_guard: GcArray<Value>,
    pub repr_depth: GcCell<usize>,
    /// The `random` generators (`module::random::W_Random`): the module's first, then
    /// those of `Random` instances; the first `random_count` items are used.
    pub randoms: GcCell<GcArray<Value>>,
    pub random_count: GcCell<usize>,
}
crate::py_type!(W_ExecContext { method_cache, repr_guard, randoms ; });

/// The most containers whose reprs may be built inside one another past the first
/// (a `RecursionError` while getting the repr of an object comes past it).
pub const MAX_REPR_DEPTH: usize = 400;

/// Entries of the method cache (a power of two).
pub const METHOD_CACHE_SIZE: usize = 1024;

/// CPython's default recursion limit.
pub const DEFAULT_RECURSION_LIMIT: u32 = 1000;

pub fn new_exec_context() -> Gc<W_ExecContext> {
    Gc::new(W_ExecContext {
        depth: GcCell::new(0),
        limit: GcCell::new(DEFAULT_RECURSION_LIMIT),
        method_cache: GcArray::new(3 * METHOD_CACHE_SIZE, Value::Null),
        repr_guard: GcArray::new(MAX_REPR_DEPTH + 1, Value::Null),
        repr_depth: GcCell::new(0),
        randoms: GcCell::new(GcArray::new(4, Value::Null)),
        random_count: GcCell::new(0),
    })
}

impl W_ExecContext {
    /// Counts one more Python frame running: `RecursionError` past the limit.
    #[inline]
    pub fn enter(&self) -> PyResult<()> {
        let depth = self.depth.get();
        if depth >= self.limit.get() {
            return Err(err(
                Kind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.depth.set(depth + 1);
        Ok(())
    }

    /// Counts a Python frame out (after [`W_ExecContext::enter`]).
    #[inline]
    pub fn leave(&self) {
        self.depth.set(self.depth.get() - 1);
    }
}
