//! The interpreter thread's words outside the GC heap: where the space's globals and
//! the execution context are, the frame running now, the intern cache and the map from
//! GC type ids to builtin kinds. Outside the core: PyPy reaches its execution context
//! through a thread-local its JIT knows (`threadlocalref_get`); the toolchain has no
//! thread-local reference yet, so the core reads these through the plain functions
//! below (inlined natively, residual calls for the JIT until it has one).

use super::object::{GcAny, Value};
use super::str::W_Str;
use crate::interpreter::executioncontext::W_ExecContext;
use jitsupport::gc::{Gc, GcArray, GcRef, GcRoot};
use std::cell::{Cell, RefCell};

pub use super::space::INTERN_CACHE_SIZE;

thread_local! {
    static GLOBALS: RefCell<Option<GcRoot<GcArray<Value>>>> = const { RefCell::new(None) };
    static GLOBALS_ADDR: Cell<usize> = const { Cell::new(0) };
    /// GC type id -> builtin kind of the object structs.
    static KINDS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// The execution context (kept alive by the globals array).
    static EC_ADDR: Cell<usize> = const { Cell::new(0) };
    static CURRENT_FRAME: Cell<usize> = const { Cell::new(0) };
    static INTERN_CACHE: [Cell<usize>; INTERN_CACHE_SIZE] =
        const { [const { Cell::new(0) }; INTERN_CACHE_SIZE] };
}

/// The address of the space's globals array (0 before `space::init`).
#[inline]
pub fn globals_addr() -> usize {
    GLOBALS_ADDR.with(|c| c.get())
}

/// Makes `arr` the thread's globals array, rooted for as long as the thread runs.
pub fn set_globals(arr: GcArray<Value>) {
    GLOBALS_ADDR.with(|c| c.set(arr.as_ptr() as usize));
    GLOBALS.with(|g| *g.borrow_mut() = Some(GcRoot::new(arr)));
}

/// The address of the execution context (0 before `space::init` makes it).
#[inline]
pub fn ec_addr() -> usize {
    EC_ADDR.with(|c| c.get())
}

#[inline]
pub fn set_ec_addr(a: usize) {
    EC_ADDR.with(|c| c.set(a))
}

/// The address of the frame running now (0 outside the eval loop).
#[inline]
pub fn current_frame_addr() -> usize {
    CURRENT_FRAME.with(|c| c.get())
}

#[inline]
pub fn set_current_frame_addr(a: usize) {
    CURRENT_FRAME.with(|c| c.set(a))
}

/// Entry `slot` of the intern cache: the address of an interned str, or 0.
#[inline]
pub fn intern_cache_get(slot: usize) -> usize {
    INTERN_CACHE.with(|c| c[slot].get())
}

#[inline]
pub fn intern_cache_set(slot: usize, a: usize) {
    INTERN_CACHE.with(|c| c[slot].set(a))
}

pub fn intern_cache_clear() {
    INTERN_CACHE.with(|c| c.iter().for_each(|e| e.set(0)))
}

/// The builtin kind (its index) of the objects of GC type `id`; 0 (`object`) for one
/// not registered.
#[inline]
pub fn kind_index(id: usize) -> u32 {
    KINDS.with(|k| k.borrow().get(id).copied().unwrap_or(0))
}

/// Records that the objects of GC type `id` are of the builtin kind `kind`.
pub fn register_kind(id: usize, kind: u32) {
    KINDS.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() <= id {
            k.resize(id + 1, 0);
        }
        k[id] = kind;
    });
}

// ---- the words as handles ----
//
// The `unsafe` of turning a word back into a handle stays here, outside the core: each
// word below is set only to the address of a live object the comment names.

/// The space's globals array (set once by `space::init`, kept alive by `GLOBALS`).
#[inline]
pub fn globals_array() -> GcArray<Value> {
    // SAFETY: the address of the array `GLOBALS` roots (see `set_globals`).
    unsafe { <GcArray<Value> as GcRef>::from_word(globals_addr()) }
}

/// The execution context, `None` before `space::init`.
#[inline]
pub fn exec_context() -> Option<Gc<W_ExecContext>> {
    let a = ec_addr();
    if a == 0 {
        return None;
    }
    // SAFETY: set by `space::init` to an object the globals array keeps alive (objects
    // do not move).
    Some(unsafe { <Gc<W_ExecContext> as GcRef>::from_word(a) })
}

/// The frame the eval loop runs now, `None` outside it.
#[inline]
pub fn current_frame_obj() -> Option<GcAny> {
    let a = current_frame_addr();
    if a == 0 {
        return None;
    }
    // SAFETY: the address of a frame the eval loop is running: it is alive on the Rust
    // stack, and the caller's value is put back on exit.
    Some(unsafe { <GcAny as GcRef>::from_word(a) })
}

/// The interned str in slot `slot` of the intern cache, if any.
#[inline]
pub fn intern_cache_str(slot: usize) -> Option<Gc<W_Str>> {
    let a = intern_cache_get(slot);
    if a == 0 {
        return None;
    }
    // SAFETY: the address of an interned str, kept alive by the intern table (the
    // cache is cleared with it).
    Some(unsafe { <Gc<W_Str> as GcRef>::from_word(a) })
}
