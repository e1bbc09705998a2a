//! The JIT as an interpreter meets it: the per-thread [`JitState`] of each registry, which
//! the hooks the `#[interpreter]` macro emits (with the target's cargo feature `jit`)
//! call at `can_enter_jit`, and [`run_portal`], the portal run by the blackhole with the
//! JIT at every `can_enter_jit` (the third way of the test harness).
//!
//! The state is taken out of its slot while the JIT works, so that a `can_enter_jit`
//! reached from inside (a residual call that runs the interpreter again) just goes on
//! interpreting, and so that a panic in the interpreter while tracing leaves no
//! half-updated state behind: the next call starts a fresh JIT.
//!
//! The hooks count most passes without calling here: a portal fetches its driver's counter
//! table once per call ([`hot_table`]) and each `can_enter_jit` hashes its greens
//! ([`green_hash`]) and counts in line ([`HotTable::count`]); only a pass that reaches the
//! threshold, or whose slot has cells in the warm state (a compiled loop, a key being
//! traced or backed off, a freed loop to forget), calls [`can_enter_jit`], which counts it
//! and decides as [`WarmState::can_enter_jit`](crate::jit::WarmState::can_enter_jit) does.
//! The tables are closed (every pass goes out of line) while the JIT is out of its slot.

use super::{Entry, Hot, JitState};
use crate::blackhole::{Args, Blackhole, Exit, FrameState, Stop, Value};
use crate::jit::{params, GreenFold, GreenHash, HotTable, JitCounter};
use crate::jitcode::{JitCodes, Kind};
use std::cell::RefCell;
use std::rc::Rc;

/// Drivers with at most this many greens count passes without allocating.
const MAX_FAST_GREENS: usize = 8;

/// The JIT of one registry on this thread.
struct Slot {
    /// The registry's address.
    key: usize,
    /// `None` while the JIT is working further up the stack.
    state: Option<JitState>,
    /// The counter tables of the JIT's drivers, which the native hooks count in, in line
    /// ([`hot_table`]); closed while the JIT is out of its slot.
    tables: Vec<&'static HotTable>,
    /// A table closed for ever, for a driver the registry does not have.
    closed: &'static HotTable,
}

/// A table that lives for ever: the portal frames hold plain references to it, so that
/// the hooked portal has no value to drop (a value with `Drop` gives every call in the
/// interpreter's loop an unwinding edge, and the loop reloads its state's fields after
/// each operation: bf, a quarter more instructions). One per driver per JIT created: a
/// thread's JIT lives as long as the thread, but for the tests' resets.
fn immortal(table: &Rc<HotTable>) -> &'static HotTable {
    // Safety: the count taken here is never given back, so the table is never freed.
    unsafe { &*Rc::into_raw(Rc::clone(table)) }
}

impl Slot {
    fn new(key: usize, state: JitState) -> Slot {
        let tables = state
            .warm
            .iter()
            .map(|w| immortal(w.counter().hot_table()))
            .collect();
        let closed = immortal(JitCounter::new(2).hot_table());
        closed.set_closed(true);
        Slot {
            key,
            state: Some(state),
            tables,
            closed,
        }
    }

    fn set_closed(&self, closed: bool) {
        for table in &self.tables {
            table.set_closed(closed);
        }
    }
}

thread_local! {
    /// The JIT of each registry this thread has met. A short list: an interpreter has one
    /// registry, and the hooks search it.
    static STATES: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

/// The slot of `codes`, created (with a JIT with the process-wide parameters) on first
/// use.
fn slot<'a>(states: &'a mut Vec<Slot>, codes: &'static JitCodes) -> &'a mut Slot {
    let key = codes as *const JitCodes as usize;
    let i = match states.iter().position(|s| s.key == key) {
        Some(i) => i,
        None => {
            let mut jit = JitState::new(codes, params::params());
            // A target's run keeps no copy of its traces (`Stats`), only counts, and
            // bounds the JIT's time by `compile_budget`.
            jit.set_keep_traces(false);
            jit.enable_budget();
            states.push(Slot::new(key, jit));
            states.len() - 1
        }
    };
    &mut states[i]
}

/// Runs `f` on the thread's JIT of `codes` (created with the process-wide parameters on
/// first use); `None` if the JIT is busy further up the stack.
pub fn with_jit<R>(codes: &'static JitCodes, f: impl FnOnce(&mut JitState) -> R) -> Option<R> {
    let key = codes as *const JitCodes as usize;
    let mut state = STATES.with(|s| {
        let mut states = s.borrow_mut();
        let slot = slot(&mut states, codes);
        let state = slot.state.take();
        slot.set_closed(true);
        state
    })?;
    let result = f(&mut state);
    STATES.with(|s| {
        // The slot is gone if the JIT was reset meanwhile: the state is dropped.
        if let Some(slot) = s.borrow_mut().iter_mut().find(|s| s.key == key) {
            if slot.state.is_none() {
                slot.state = Some(state);
                slot.set_closed(false);
            }
        }
    });
    Some(result)
}

/// Counts a pass through `can_enter_jit` in place, without taking the JIT out of its
/// slot or building anything: what the hook does when [`HotTable::count`] could not.
fn count(codes: &'static JitCodes, driver: usize, key: &[i64]) -> Hot {
    STATES.with(|s| match &mut slot(&mut s.borrow_mut(), codes).state {
        Some(state) => state.count(driver, key),
        // The JIT is working further up the stack: go on interpreting.
        None => Hot::No,
    })
}

/// Forgets the thread's JIT of `codes` (tests start afresh with new parameters). Hooks
/// still holding its counter tables go out of line at every pass, to the new JIT.
///
/// The JIT keys compiled loops by their greens, a reference green by its address, and
/// cannot keep the object alive as RPython's GC does: an interpreter that frees an object
/// it passed as a green (a program) and goes on running on this thread calls this first,
/// or the next object built at that address runs the first one's loops.
pub fn reset(codes: &'static JitCodes) {
    let key = codes as *const JitCodes as usize;
    STATES.with(|s| {
        s.borrow_mut().retain(|slot| {
            if slot.key == key {
                slot.set_closed(true);
            }
            slot.key != key
        })
    });
}

/// The counter table of `driver` in the thread's JIT of `codes`, for the fast path of the
/// hook at `can_enter_jit` of a portal, which fetches it once per call of the portal and
/// counts each pass in it with [`HotTable::count`] (hashing the greens with
/// [`green_hash`]); when that returns false, the hook calls [`can_enter_jit`].
pub fn hot_table(codes: &'static JitCodes, driver: usize) -> &'static HotTable {
    STATES.with(|s| {
        let mut states = s.borrow_mut();
        let slot = slot(&mut states, codes);
        // No such driver: a table whose every pass goes out of line.
        slot.tables.get(driver).copied().unwrap_or(slot.closed)
    })
}

/// The hash of a green key as the warm state computes it ([`GreenHash::of`] of the
/// greens' words, ints first, then refs, then floats), from the words in the driver's
/// order and their kinds: with constant kinds, the hook's in-line hash.
#[inline(always)]
pub fn green_hash(green_kinds: &[Kind], greens: &[u64]) -> GreenHash {
    let mut fold = GreenFold::EMPTY;
    for kind in [Kind::Int, Kind::Ref, Kind::Float] {
        for (k, w) in green_kinds.iter().zip(greens) {
            if *k == kind {
                fold = fold.mix(*w as i64);
            }
        }
    }
    fold.finish()
}

/// The hook at `can_enter_jit` of a native interpreter: `greens` and `reds` are the
/// variables' words in the driver's order, of the kinds given (an int's bits, a ref's
/// address, a float's bits). The answer's words are in the same order.
///
/// # Safety
/// The words are the interpreter's real variables at that point, and `codes` is the
/// registry the macro emitted for this interpreter.
pub unsafe fn can_enter_jit(
    codes: &'static JitCodes,
    driver: usize,
    green_kinds: &[Kind],
    red_kinds: &[Kind],
    greens: &[u64],
    reds: &[u64],
) -> NativeEntry {
    if !params::enabled() {
        return NativeEntry::Interpret;
    }
    // The green key on the stack, in the order `JitState` keys loops by: ints, then
    // refs, then floats. Drivers with more greens than fit take the general path.
    let mut key = [0i64; MAX_FAST_GREENS];
    let hot = if greens.len() <= MAX_FAST_GREENS {
        let mut n = 0;
        for kind in [Kind::Int, Kind::Ref, Kind::Float] {
            for (k, w) in green_kinds.iter().zip(greens) {
                if *k == kind {
                    key[n] = *w as i64;
                    n += 1;
                }
            }
        }
        let hot = count(codes, driver, &key[..n]);
        if hot == Hot::No {
            return NativeEntry::Interpret;
        }
        Some(hot)
    } else {
        None
    };
    let greens = to_args(green_kinds, greens);
    let reds = to_args(red_kinds, reds);
    let entry = with_jit(codes, |jit| match hot {
        Some(hot) => jit.enter(driver, hot, &greens, &reds),
        None => jit.can_enter_jit(driver, &greens, &reds),
    });
    match entry {
        None | Some(Entry::Interpret) => NativeEntry::Interpret,
        Some(Entry::Continue { greens, reds }) => NativeEntry::Continue {
            greens: from_args(green_kinds, &greens),
            reds: from_args(red_kinds, &reds),
        },
        Some(Entry::Return(v)) => NativeEntry::Return(match v {
            Value::Void => 0,
            Value::Int(i) => i as u64,
            Value::Ref(r) => r as u64,
            Value::Float(f) => f.to_bits(),
        }),
    }
}

/// What the hook at `can_enter_jit` does after [`enter_in_place`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookExit {
    /// Go on interpreting with the variables as they are.
    Interpret,
    /// Assign the words now in the arrays to the greens and reds, and go on.
    Continue,
    /// Return from the portal with this word (a struct is returned by its address).
    Return(u64),
}

/// The slow path of the hook at `can_enter_jit`, as [`can_enter_jit`] but with the
/// answer's greens and reds written over `greens` and `reds` (the words in the driver's
/// order): out of line and cold, and with nothing for the portal to drop, so that the
/// hook adds little code to the interpreter's loop.
///
/// # Safety
/// As [`can_enter_jit`].
#[cold]
#[inline(never)]
pub unsafe fn enter_in_place(
    codes: &'static JitCodes,
    driver: usize,
    green_kinds: &[Kind],
    red_kinds: &[Kind],
    greens: &mut [u64],
    reds: &mut [u64],
) -> HookExit {
    match can_enter_jit(codes, driver, green_kinds, red_kinds, greens, reds) {
        NativeEntry::Interpret => HookExit::Interpret,
        NativeEntry::Continue {
            greens: new_greens,
            reds: new_reds,
        } => {
            for (word, new) in greens.iter_mut().zip(new_greens) {
                *word = new;
            }
            for (word, new) in reds.iter_mut().zip(new_reds) {
                *word = new;
            }
            HookExit::Continue
        }
        NativeEntry::Return(word) => HookExit::Return(word),
    }
}

/// [`Entry`] in words, for the emitted hooks.
#[derive(Clone, Debug, PartialEq)]
pub enum NativeEntry {
    /// Go on interpreting.
    Interpret,
    /// Assign these words to the greens and reds (in the driver's order) and go on.
    Continue { greens: Vec<u64>, reds: Vec<u64> },
    /// Return from the portal with this word (a struct is returned by its address).
    Return(u64),
}

fn to_args(kinds: &[Kind], words: &[u64]) -> Args {
    let mut args = Args::default();
    for (k, w) in kinds.iter().zip(words) {
        match k {
            Kind::Int => args.ints.push(*w as i64),
            Kind::Ref => args.refs.push(*w as usize),
            Kind::Float => args.floats.push(f64::from_bits(*w)),
        }
    }
    args
}

fn from_args(kinds: &[Kind], args: &Args) -> Vec<u64> {
    let (mut i, mut r, mut f) = (0, 0, 0);
    kinds
        .iter()
        .map(|k| match k {
            Kind::Int => {
                i += 1;
                args.ints[i - 1] as u64
            }
            Kind::Ref => {
                r += 1;
                args.refs[r - 1] as u64
            }
            Kind::Float => {
                f += 1;
                args.floats[f - 1].to_bits()
            }
        })
        .collect()
}

/// Runs the portal of `driver` with `args` in the blackhole, asking `jit` at every
/// `can_enter_jit` of the portal's own frame, as a native interpreter with the JIT's
/// hooks would.
///
/// # Safety
/// As [`Blackhole::call`].
pub unsafe fn run_portal(jit: &mut JitState, driver: usize, args: &Args) -> Value {
    let codes = jit.codes;
    let Some(portal) = codes.portal(driver) else {
        panic!("the registry has no portal for driver {driver}");
    };
    let blackhole = Blackhole::new(codes);
    let mut frames = vec![FrameState {
        jitcode: portal,
        pc: 0,
        ints: args.ints.clone(),
        refs: args.refs.clone(),
        floats: args.floats.clone(),
        results: Vec::new(),
    }];
    loop {
        let (exit, stopped) = blackhole.resume_frames(frames, Stop::CanEnterJit);
        match exit {
            Exit::Return(v) => return v,
            Exit::MergePoint { .. } => panic!("internal error: stopped at a merge point"),
            Exit::CanEnterJit {
                driver: d,
                greens,
                reds,
            } => match jit.can_enter_jit(d as usize, &greens, &reds) {
                Entry::Interpret => match stopped {
                    Some(state) => frames = vec![state],
                    None => panic!("internal error: no frame to go on with"),
                },
                Entry::Continue { greens, reds } => {
                    frames = vec![jit.merge_point_frame(d as usize, &greens, &reds)];
                }
                Entry::Return(v) => return v,
            },
        }
    }
}

impl JitState {
    /// A blackhole frame of the portal at its merge point with these greens and reds.
    fn merge_point_frame(&mut self, driver: usize, greens: &Args, reds: &Args) -> FrameState {
        let portal = self.portal(driver);
        let jc = &self.codes.jitcodes[portal.jitcode as usize];
        let mut state = FrameState {
            jitcode: portal.jitcode,
            pc: portal.pc,
            ints: vec![0; jc.num_regs[0] as usize],
            refs: vec![0; jc.num_regs[1] as usize],
            floats: vec![0.0; jc.num_regs[2] as usize],
            results: Vec::new(),
        };
        for (lists, args) in [(&portal.greens, greens), (&portal.reds, reds)] {
            for (r, v) in lists[0].iter().zip(&args.ints) {
                state.ints[*r as usize] = *v;
            }
            for (r, v) in lists[1].iter().zip(&args.refs) {
                state.refs[*r as usize] = *v;
            }
            for (r, v) in lists[2].iter().zip(&args.floats) {
                state.floats[*r as usize] = *v;
            }
        }
        state
    }
}

/// A variable of a driver as a word, and back: what the emitted hooks convert greens,
/// reds and return values with. Ints are their bits, bool and char their int value,
/// floats the bits of the `f64`, references the address.
pub trait Word: Sized {
    /// The word of the value.
    fn to_word(&self) -> u64;

    /// The value of a word.
    ///
    /// # Safety
    /// For references: the word is the address of a live value of the right type, valid
    /// for the lifetime the caller gives it.
    unsafe fn from_word(word: u64) -> Self;
}

macro_rules! int_words {
    ($($t:ty),*) => {$(
        impl Word for $t {
            fn to_word(&self) -> u64 {
                *self as i64 as u64
            }
            unsafe fn from_word(word: u64) -> $t {
                word as $t
            }
        }
    )*};
}

int_words!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl Word for bool {
    fn to_word(&self) -> u64 {
        *self as u64
    }
    unsafe fn from_word(word: u64) -> bool {
        word != 0
    }
}

impl Word for char {
    fn to_word(&self) -> u64 {
        *self as u64
    }
    unsafe fn from_word(word: u64) -> char {
        char::from_u32(word as u32).unwrap_or_default()
    }
}

impl Word for f64 {
    fn to_word(&self) -> u64 {
        self.to_bits()
    }
    unsafe fn from_word(word: u64) -> f64 {
        f64::from_bits(word)
    }
}

impl Word for f32 {
    fn to_word(&self) -> u64 {
        (*self as f64).to_bits()
    }
    unsafe fn from_word(word: u64) -> f32 {
        f64::from_bits(word) as f32
    }
}

impl<T> Word for &T {
    fn to_word(&self) -> u64 {
        *self as *const T as usize as u64
    }
    unsafe fn from_word(word: u64) -> Self {
        &*(word as usize as *const T)
    }
}

impl<T> Word for &mut T {
    fn to_word(&self) -> u64 {
        &**self as *const T as usize as u64
    }
    unsafe fn from_word(word: u64) -> Self {
        &mut *(word as usize as *mut T)
    }
}
