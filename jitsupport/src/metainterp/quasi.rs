//! Quasi-immutable fields (RPython's `x?` in `_immutable_fields_`, `quasiimmut.py`): the
//! watchers of each field, and the invalidation every write of one goes through.
//!
//! A field marked `#[quasi_immutable]` is rarely written. The tracer folds a read of it on
//! a constant object to the value it has now, records `quasiimmut_field` and
//! `guard_not_invalidated`, and notes the field's address as a dependency of the trace;
//! when the trace is compiled, the loop's [`Invalidation`] (what makes its
//! `guard_not_invalidated`s fail: a flag, and in x86 code a `jmp` patched over each
//! guard's `nop`, [`Backend::invalidation`]) is added to the field's watchers
//! ([`watch`]). Every write of the field calls [`invalidate`] with its
//! address, wherever it happens:
//!
//! - natively, through [`quasi_write!`](crate::quasi_write), which the analysis requires
//!   for every write of such a field (so the native interpreter, which is the author's
//!   code, pays for the call only where it writes);
//! - in the blackhole, through the jitcode instruction `quasiimmut_written` that the
//!   codewriter puts after the store;
//! - in compiled code, through the call of [`ll_invalidate`] the tracer records for that
//!   instruction.
//!
//! [`invalidate`] invalidates every watcher: the loops and bridges that folded the field
//! fail at their next `guard_not_invalidated` (also a loop that is running: the
//! optimizer keeps a `guard_not_invalidated` after every call), and the warm state drops
//! them when it would enter them next ([`is_invalid`]), so that they are traced again when
//! hot. A field is named by its address: objects never move, and a watcher left on an
//! address whose object died costs at most a spurious invalidation. Watchers are weak:
//! a freed loop's is dropped from the lists as they are walked.
//!
//! [`Backend::invalidation`]: jitsupport_trace::backend::Backend::invalidation

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

thread_local! {
    /// Per field address, the invalidations of the compiled code that folded it.
    static WATCHERS: RefCell<HashMap<usize, Vec<Weak<Invalidation>>>> = RefCell::new(HashMap::new());
    /// How many times a write found watchers (for tests and `jit-summary`).
    static INVALIDATIONS: Cell<u64> = const { Cell::new(0) };
}

/// Invalidates the compiled code that folded the quasi-immutable field at `field_addr`
/// (the object's address plus the field's offset). Called after every write of the field.
pub fn invalidate(field_addr: usize) {
    let watchers = WATCHERS.with(|w| w.borrow_mut().remove(&field_addr));
    if let Some(watchers) = watchers {
        let mut any = false;
        for invalidation in watchers.iter().filter_map(Weak::upgrade) {
            invalidation.invalidate();
            any = true;
        }
        if any {
            INVALIDATIONS.with(|n| n.set(n.get() + 1));
        }
    }
}

/// `invalidate` as compiled code calls it (the shim convention of `llmath`-style
/// helpers: the field address is the one int argument).
///
/// # Safety
/// `ints` points to one readable `i64`.
pub unsafe extern "C-unwind" fn ll_invalidate(
    ints: *const i64,
    _refs: *const usize,
    _floats: *const f64,
    _result: *mut u64,
) {
    // SAFETY: the call passes one int, as the caller promises.
    invalidate(unsafe { *ints } as usize);
}

/// Adds `flag` to the watchers of the field at `field_addr`.
pub(crate) fn watch(field_addr: usize, flag: &Rc<Invalidation>) {
    WATCHERS.with(|w| {
        let mut w = w.borrow_mut();
        let list = w.entry(field_addr).or_default();
        list.retain(|f| f.strong_count() > 0);
        if !list.iter().any(|f| f.as_ptr() == Rc::as_ptr(flag)) {
            list.push(Rc::downgrade(flag));
        }
    });
}

/// How many writes of quasi-immutable fields invalidated compiled code on this thread.
pub fn invalidations() -> u64 {
    INVALIDATIONS.with(Cell::get)
}

/// Writes a `#[quasi_immutable]` field: `quasi_write!(obj.field = value)` stores the
/// value and invalidates the compiled code that folded the field of this object; for a
/// `GcCell` field of a GC object, `quasi_write!(obj.field.set(value))` (up to one field
/// between the object and the cell: `quasi_write!(state.globals.scale.set(v))`). The
/// analysis refuses any other write of such a field (a plain assignment, a compound one,
/// a `&mut` borrow), because the native interpreter runs the author's code as written:
/// only this macro tells the JIT. Inside the interpreter module the codewriter sees it as
/// the store followed by `quasiimmut_written`.
#[macro_export]
macro_rules! quasi_write {
    ($obj:ident . $field:ident . set($value:expr)) => {{
        let value = $value;
        $obj.$field.set(value);
        $crate::metainterp::quasi::invalidate(::core::ptr::addr_of!($obj.$field) as usize);
    }};
    ($obj:ident . $outer:ident . $field:ident . set($value:expr)) => {{
        let value = $value;
        $obj.$outer.$field.set(value);
        $crate::metainterp::quasi::invalidate(::core::ptr::addr_of!($obj.$outer.$field) as usize);
    }};
    ($obj:ident . $field:ident = $value:expr) => {{
        let value = $value;
        $obj.$field = value;
        $crate::metainterp::quasi::invalidate(::core::ptr::addr_of!($obj.$field) as usize);
    }};
    ($obj:ident . $($path:ident).+ = $value:expr) => {{
        let value = $value;
        $obj.$($path).+ = value;
        $crate::metainterp::quasi::invalidate(::core::ptr::addr_of!($obj.$($path).+) as usize);
    }};
}

use super::{JitState, QuasiDep};
use crate::blackhole::memory::{load_float, load_int, load_ref};
use jitsupport_trace::backend::{Invalidation, LoopId};
use jitsupport_trace::Kind;

impl QuasiDep {
    /// Whether the field still holds the value the trace folded.
    fn holds(&self) -> bool {
        // Safety: the field's object was live when the trace read it, and objects the
        // JIT folded are kept alive by the compiled code's constants (or, in tests, by
        // the caller); nothing moves.
        let now = unsafe {
            match self.kind {
                Kind::Int => load_int(self.addr, self.size, self.signed) as u64,
                Kind::Ref => load_ref(self.addr) as u64,
                Kind::Float => load_float(self.addr, self.size).to_bits(),
            }
        };
        now == self.value
    }
}

impl JitState {
    /// Loop `l` (backend loop `id`, attached to `key`) was compiled from the trace just
    /// recorded: its invalidation flag watches every field the trace folded. A field
    /// written since it was folded (by the trace itself) invalidates the loop at once.
    pub(super) fn watch_quasi_deps(&mut self, l: usize, id: LoopId, key: &[i64]) {
        if self.quasi_deps.is_empty() {
            return;
        }
        let Some(flag) = self.backend.invalidation(id) else {
            return;
        };
        self.watch_deps_with(0, &flag);
        self.quasi_loops.insert(l, (flag, key.to_vec()));
    }

    /// A bridge of guard `guard` was compiled from the trace just recorded: the flag of
    /// the loop it belongs to watches the fields it folded.
    pub(super) fn watch_bridge_quasi_deps(&mut self, guard: u32) {
        if self.quasi_deps.is_empty() {
            return;
        }
        let Some((l, _, key)) = self.memmgr.owner_of(guard) else {
            return;
        };
        let key = key.to_vec();
        let Some(flag) = self.backend.invalidation(self.loops[&l].0) else {
            return;
        };
        self.watch_deps_with(0, &flag);
        self.quasi_loops.insert(l, (flag, key));
    }

    /// The fields folded since `quasi_deps[start]` are watched by `flag` (set at once if
    /// one of them changed meanwhile).
    pub(super) fn watch_deps_with(&self, start: usize, flag: &Rc<Invalidation>) {
        for dep in &self.quasi_deps[start.min(self.quasi_deps.len())..] {
            watch(dep.addr, flag);
            if !dep.holds() {
                flag.invalidate();
            }
        }
    }

    /// Whether loop `l` was invalidated; if so, it is detached from its key of `driver`
    /// (which counts again and is traced anew when hot). The loop itself stays until the
    /// memory manager frees it, since other code may still jump into it (its
    /// `guard_not_invalidated` fails there).
    pub(super) fn drop_if_invalidated(&mut self, driver: usize, l: usize) -> bool {
        let Some((flag, key)) = self.quasi_loops.get(&l) else {
            return false;
        };
        if !flag.is_invalid() {
            return false;
        }
        let key = key.clone();
        self.quasi_loops.remove(&l);
        if self.warm[driver].loop_token(&key) == Some(&l) {
            self.warm[driver].forget_loop(&key);
        }
        self.stats.invalidated_loops += 1;
        true
    }
}
