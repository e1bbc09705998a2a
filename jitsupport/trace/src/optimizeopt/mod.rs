//! The trace optimizer: the pass chain and the driver that runs it.
//!
//! The chain, in order (PyPy's `ALL_OPTS`, Cranelift's `Context::optimize`), is
//! [`ALL_PASSES`]:
//!
//! | pass | module | what it does |
//! |---|---|---|
//! | `intbounds` | [`intbounds`] | ranges and known bits of ints; decided comparisons and guards go, `*_ovf` ops that cannot overflow become plain |
//! | `rewrite` | [`rewrite`] | constant folding, named algebraic rules, guard strengthening, redundant guards |
//! | `virtualize` | [`virtualize`] | allocation removal: objects that do not escape stay virtual |
//! | `pure` | [`pure`] | CSE of pure ops and elidable calls; loop-invariant calls once |
//! | `heap` | [`heap`] | redundant reads, delayed writes, invalidation by effect info |
//! | `unroll` | [`unroll`] | loop peeling: a preamble, then the body optimized with what it proved |
//!
//! # Design: passes in sequence
//!
//! Each pass is a function from a whole [`Trace`] to a whole trace; the driver runs them one
//! after the other, verifying the trace between passes in debug builds and in tests. PyPy
//! instead pushes each op through a chain of passes (`propagate_forward`); since no pass of
//! ours reads another pass's state, running each over the whole trace gives the same
//! result, and every pass can be tested, logged and verified alone. (Where a later pass
//! enables an earlier pass's rule, it applies the rule itself: `pure` folds what its CSE
//! makes constant or equal with `rewrite`'s rules.) `unroll` is different:
//! it is not one step of the chain but wraps it, running the other passes over the
//! preamble and the peeled body (see [`unroll`]).
//!
//! # What every pass keeps
//!
//! - **Validity.** The output verifies whenever the input does (`crate::verify`).
//! - **Box numbers.** An op a pass leaves alone keeps its result box; a new op gets a fresh
//!   box from [`Trace::new_box`]. A pass that removes an op whose result is still used
//!   replaces the box by another value; the [`Emitter`] applies the replacement to every
//!   later argument and fail arg, and the driver collects the replacements in
//!   [`OptContext::replaced`].
//! - **Guards and fail args.** A pass may remove a guard or replace the values of its fail
//!   args, but never drops, adds or reorders fail args of a guard it keeps, except
//!   `virtualize`, which records what it does in [`OptContext::virtuals`] by fail-arg
//!   position. A guard keeps its descr, so its resume data (`unroll`'s copies of guards get
//!   fresh descrs with the same resume data); a guard that fails earlier than in the input
//!   (rewrite's `guard_nonnull_class`) does so with no side effect between the two places.
//! - **Labels.** A label in the middle of a trace (a peeled loop) redefines its arguments
//!   for the code after it: a pass forgets what it knew at the label, never creates a
//!   reference across it, and never replaces a label argument by another value (the
//!   [`Emitter`] keeps a replaced label argument defined with a `same_as`).
//!
//! # The driver, step by step
//!
//! [`optimize`]:
//! 1. verify the input trace (debug builds);
//! 2. run every enabled pass of [`ALL_PASSES`] except `unroll`, in order, verifying after
//!    each;
//! 3. if `unroll` is enabled and the trace is a loop (it ends in a `jump` to its own label),
//!    hand the trace and the chain of step 2 to [`unroll::run`], which runs the chain itself
//!    on the peeled loop; verify the result.

pub mod demand;
pub mod heap;
pub mod intbounds;
pub mod intutils;
pub mod pure;
pub mod rewrite;
pub mod unroll;
pub mod virtualize;

use crate::descr::{ArrayDescr, Descr, GuardDescr};
use crate::ops::Opcode;
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

/// One optimization pass, named as in the `enable_opts` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pass {
    IntBounds,
    Rewrite,
    Virtualize,
    Pure,
    Heap,
    Unroll,
}

/// The pass chain, in the order the driver runs it.
pub const ALL_PASSES: [Pass; 6] = [
    Pass::IntBounds,
    Pass::Rewrite,
    Pass::Virtualize,
    Pass::Pure,
    Pass::Heap,
    Pass::Unroll,
];

impl Pass {
    /// The name in `enable_opts` and in golden test headers.
    pub const fn name(self) -> &'static str {
        match self {
            Pass::IntBounds => "intbounds",
            Pass::Rewrite => "rewrite",
            Pass::Virtualize => "virtualize",
            Pass::Pure => "pure",
            Pass::Heap => "heap",
            Pass::Unroll => "unroll",
        }
    }

    /// The pass named `name`.
    pub fn from_name(name: &str) -> Option<Pass> {
        ALL_PASSES.iter().copied().find(|p| p.name() == name)
    }

    /// Runs this pass alone over `trace` (`unroll` runs no inner chain this way).
    pub fn run(self, trace: Trace, ctx: &mut OptContext) -> Result<Trace, OptError> {
        match self {
            Pass::IntBounds => intbounds::run(trace, ctx),
            Pass::Rewrite => rewrite::run(trace, ctx),
            Pass::Virtualize => virtualize::run(trace, ctx),
            Pass::Pure => pure::run(trace, ctx),
            Pass::Heap => heap::run(trace, ctx),
            Pass::Unroll => unroll::run(trace, ctx, &[]),
        }
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses an `enable_opts` value: pass names separated by `:` (`intbounds:rewrite`), or
/// `all`. The passes come back in chain order, whatever the order of the names.
pub fn parse_enable_opts(text: &str) -> Result<Vec<Pass>, String> {
    let text = text.trim();
    if text == "all" {
        return Ok(ALL_PASSES.to_vec());
    }
    let mut enabled = Vec::new();
    for name in text
        .split([':', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        match Pass::from_name(name) {
            Some(p) => enabled.push(p),
            None => {
                let known: Vec<&str> = ALL_PASSES.iter().map(|p| p.name()).collect();
                return Err(format!(
                    "unknown optimization pass '{name}'; known passes: {} (or 'all')",
                    known.join(", ")
                ));
            }
        }
    }
    Ok(ALL_PASSES
        .iter()
        .copied()
        .filter(|p| enabled.contains(p))
        .collect())
}

/// Why the optimizer gave up on a trace.
#[derive(Clone, Debug, PartialEq)]
pub enum OptError {
    /// The trace cannot run as a loop (a guard always fails before the loop closes, or the
    /// loop's state cannot be carried around the label): not a bug, the loop is not
    /// compiled (PyPy's `InvalidLoop`).
    InvalidLoop(String),
    /// A pass produced a trace the verifier rejects: a bug in the optimizer.
    Verify {
        /// The pass after which the verifier ran (`input` for the input trace).
        after: &'static str,
        /// The verifier's complaints.
        message: String,
        /// The trace that failed.
        trace: String,
    },
}

impl fmt::Display for OptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptError::InvalidLoop(why) => write!(f, "invalid loop: {why}"),
            OptError::Verify {
                after,
                message,
                trace,
            } => write!(
                f,
                "optimizer bug: the trace after pass '{after}' does not verify: {message}\n{trace}"
            ),
        }
    }
}

impl std::error::Error for OptError {}

/// What the passes share besides the trace.
#[derive(Debug)]
pub struct OptContext {
    /// Run the verifier before the first pass and after each (default: in debug builds).
    pub verify: bool,
    /// Every replacement of a box by another value made by the passes so far.
    pub replaced: Subst,
    /// The virtuals that guards' resume data materializes on failure (filled by
    /// `virtualize`).
    pub virtuals: virtualize::GuardVirtuals,
    /// After `unroll` peeled a loop: the short preamble a bridge runs before jumping to the
    /// peeled loop's label (see [`unroll`]).
    pub short_preamble: Option<Trace>,
    /// The short preamble's inputs are the loop's variables (its first label's arguments),
    /// in order: no object is carried virtually across the body's label, so a bridge that
    /// would jump to the loop's start may run the short preamble on its jump's arguments
    /// and jump to the body's label instead.
    pub short_preamble_takes_header: bool,
    /// Results of elidable calls the tracer saw, by argument list (the function first): a
    /// `call_pure_*` whose arguments became these constants folds to the result (PyPy's
    /// `call_pure_results`). The metainterp fills it; empty by default.
    pub call_pure_results: HashMap<Vec<Value>, Value>,
    /// The next number for a guard descr a pass creates (copies of guards when peeling).
    next_guard: u32,
}

impl Default for OptContext {
    fn default() -> Self {
        OptContext {
            verify: cfg!(debug_assertions),
            replaced: Subst::default(),
            virtuals: virtualize::GuardVirtuals::default(),
            short_preamble: None,
            short_preamble_takes_header: false,
            call_pure_results: HashMap::new(),
            next_guard: 0,
        }
    }
}

impl OptContext {
    /// A context for optimizing `trace`.
    pub fn new(trace: &Trace) -> OptContext {
        let mut ctx = OptContext::default();
        ctx.note_guards(trace);
        ctx
    }

    /// Makes [`OptContext::fresh_guard`] number its guards above those of `trace`.
    pub fn note_guards(&mut self, trace: &Trace) {
        for op in &trace.ops {
            if let Some(g) = op.guard_descr() {
                self.next_guard = self.next_guard.max(g.number + 1);
            }
        }
    }

    /// A new guard descr with the resume data of `like` (for a copy of a guard).
    pub fn fresh_guard(&mut self, like: &GuardDescr) -> Rc<GuardDescr> {
        let number = self.next_guard;
        self.next_guard += 1;
        Rc::new(GuardDescr::new(number, like.resume))
    }

    /// `value` after every replacement made so far.
    pub fn resolve(&self, value: Value) -> Value {
        self.replaced.resolve(value)
    }

    /// Runs the verifier if enabled; `after` names the pass that produced `trace`.
    pub fn check(&self, after: &'static str, trace: &Trace) -> Result<(), OptError> {
        if !self.verify {
            return Ok(());
        }
        crate::verify::verify(trace).map_err(|errors| OptError::Verify {
            after,
            message: errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
            trace: trace.to_string(),
        })
    }
}

/// Optimizes `trace` with the passes of `enabled` (in chain order whatever their order in
/// the slice). See the module doc for the steps.
pub fn optimize(trace: Trace, enabled: &[Pass], ctx: &mut OptContext) -> Result<Trace, OptError> {
    ctx.note_guards(&trace);
    // 1. The input must be well formed.
    ctx.check("input", &trace)?;
    // 2. The chain without unroll.
    let chain: Vec<Pass> = ALL_PASSES
        .iter()
        .copied()
        .filter(|p| *p != Pass::Unroll && enabled.contains(p))
        .collect();
    if enabled.contains(&Pass::Unroll) && is_loop(&trace) {
        // 3. Unroll runs the chain itself, on the preamble and on the peeled body.
        let trace = unroll::run(trace, ctx, &chain)?;
        ctx.check("unroll", &trace)?;
        return Ok(trace);
    }
    run_passes(trace, &chain, ctx)
}

/// Runs `passes` in the order given, verifying after each.
pub fn run_passes(
    mut trace: Trace,
    passes: &[Pass],
    ctx: &mut OptContext,
) -> Result<Trace, OptError> {
    for &pass in passes {
        trace = pass.run(trace, ctx)?;
        ctx.check(pass.name(), &trace)?;
    }
    Ok(trace)
}

/// Removes the ops without side effect whose results nothing uses (the boxes rules
/// replaced, the reads heap made redundant). Not a pass of the chain: the golden tests
/// show what the passes leave, and the caller compiling a trace runs this last. Guards and
/// their fail args are kept as they are, so side tables by fail-arg position stay right.
pub fn remove_dead_ops(mut trace: Trace) -> Trace {
    let mut live: HashSet<BoxId> = HashSet::new();
    let mut keep = vec![true; trace.ops.len()];
    for (i, op) in trace.ops.iter().enumerate().rev() {
        let used = op.result.is_some_and(|r| live.contains(&r));
        if op.opcode.has_no_side_effect() && !used {
            keep[i] = false;
            continue;
        }
        live.extend(op.used_boxes());
    }
    let mut index = 0;
    trace.ops.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    trace
}

/// Moves each comparison whose only use is the condition of a later `guard_true` or
/// `guard_false` to right before that guard, so that a backend can test the flags the
/// comparison leaves instead of materializing its result (the heap pass puts its pending
/// writes, and `unroll` its recomputed values, between a loop's exit test and its guard).
/// Moving a pure op later is always valid: its arguments are defined before it was. Like
/// [`remove_dead_ops`], not a pass of the chain; the caller compiling a trace runs it
/// last.
pub fn sink_guard_conditions(mut trace: Trace) -> Trace {
    let mut uses: HashMap<BoxId, usize> = HashMap::new();
    for op in &trace.ops {
        for b in op.used_boxes() {
            *uses.entry(b).or_default() += 1;
        }
    }
    let defined_at: HashMap<BoxId, usize> = trace
        .ops
        .iter()
        .enumerate()
        .filter_map(|(i, op)| Some((op.result?, i)))
        .collect();
    // Op index -> the guard it moves before.
    let mut moves: HashMap<usize, usize> = HashMap::new();
    for (g, guard) in trace.ops.iter().enumerate() {
        if !matches!(guard.opcode, Opcode::GuardTrue | Opcode::GuardFalse) {
            continue;
        }
        let Some(c) = guard.args.first().and_then(|a| a.as_box()) else {
            continue;
        };
        let Some(&d) = defined_at.get(&c) else {
            continue;
        };
        let def = &trace.ops[d];
        if def.opcode.is_comparison()
            && def.opcode.has_no_side_effect()
            && uses.get(&c) == Some(&1)
            && d + 1 < g
            && !trace.ops[d..g].iter().any(|op| op.opcode == Opcode::Label)
        {
            moves.insert(d, g);
        }
    }
    if moves.is_empty() {
        return trace;
    }
    let before: HashMap<usize, usize> = moves.iter().map(|(&d, &g)| (g, d)).collect();
    let old = std::mem::take(&mut trace.ops);
    let mut moved: HashMap<usize, Op> = HashMap::new();
    for (i, op) in old.into_iter().enumerate() {
        if moves.contains_key(&i) {
            moved.insert(i, op);
            continue;
        }
        if let Some(def) = before.get(&i).and_then(|d| moved.remove(d)) {
            trace.ops.push(def);
        }
        trace.ops.push(op);
    }
    trace
}

/// What a compiler runs on an optimized trace before its backend: dead ops removed
/// after [`fold_index_offsets`] and [`demand::drop_undemanded_masks`], then
/// [`sink_guard_conditions`].
pub fn prepare_for_backend(trace: Trace) -> Trace {
    let trace = fold_constant_ops(trace);
    let trace = demand::drop_undemanded_masks(fold_index_offsets(trace));
    sink_guard_conditions(remove_dead_ops(trace))
}

/// Folds the pure ops whose arguments are all constants once the passes are done, and
/// puts the constants in the ops that read their results: the heap pass forwards a value
/// stored earlier (bf's `tape.set(0)` read back by `-`) after the passes that fold ran,
/// which left `int_sub(0, 1)` in compiled code. A guard whose condition became a constant
/// that passes goes (the tracer saw it pass with these values); other guards keep their
/// arguments, and take the constants in their fail args (at the same positions, which
/// resume data reads). A label redefines its arguments, so a folded box is never put in a
/// label (its op stays) and is forgotten at one.
pub fn fold_constant_ops(mut trace: Trace) -> Trace {
    let mut known: HashMap<BoxId, Value> = HashMap::new();
    let mut drop = vec![false; trace.ops.len()];
    for (i, op) in trace.ops.iter_mut().enumerate() {
        if op.opcode == Opcode::Label {
            for a in &op.args {
                if let Some(b) = a.as_box() {
                    known.remove(&b);
                }
            }
            continue;
        }
        if known.is_empty() && !op.args.iter().all(|a| a.is_const()) {
            continue;
        }
        let constant = |v: &Value| v.as_box().and_then(|b| known.get(&b)).copied();
        if op.opcode.is_guard() {
            let cond = op.args.first().and_then(constant).and_then(|c| c.as_int());
            let passes = match (op.opcode, cond) {
                (Opcode::GuardTrue, Some(c)) => c != 0,
                (Opcode::GuardFalse, Some(c)) => c == 0,
                _ => false,
            };
            if passes {
                drop[i] = true;
                continue;
            }
            for a in op.fail_args.iter_mut().flatten() {
                if let Some(c) = constant(a) {
                    *a = c;
                }
            }
            continue;
        }
        for a in &mut op.args {
            if let Some(c) = constant(a) {
                *a = c;
            }
        }
        if !op.opcode.is_pure() || op.opcode.is_call() {
            continue;
        }
        if let (Some(r), true) = (op.result, op.args.iter().all(|a| a.is_const())) {
            if let Some(c) = rewrite::fold(op.opcode, &op.args) {
                if c.kind() == r.kind() {
                    known.insert(r, c);
                }
            }
        }
    }
    let mut index = 0;
    trace.ops.retain(|_| {
        index += 1;
        !drop[index - 1]
    });
    trace
}

/// Folds a constant offset of an item's index into the array descr: an item read or
/// write at `int_add(i1, 2)` becomes one at `i1` with a descr whose items start two items
/// later (`<ArrayDescr u8+2>`), so that the backend addresses it as `[base + i1 + 2]`
/// and the add goes if nothing else uses it (run [`remove_dead_ops`] after). After the
/// passes only: the heap pass tells items apart by descr and index. Offsets that would
/// put item 0 before the array's start are left alone.
pub fn fold_index_offsets(mut trace: Trace) -> Trace {
    // `r -> (x, c)` for `r = x + c`, as far as the ops seen so far define them: a label
    // redefines its arguments (the preamble's `i8 = i7 + 1` says nothing of the body's
    // `i8` and `i7`).
    let mut offsets: HashMap<BoxId, (Value, i64)> = HashMap::new();
    let mut shifted: HashMap<(*const ArrayDescr, i64), Rc<ArrayDescr>> = HashMap::new();
    for op in &mut trace.ops {
        if op.opcode == Opcode::Label {
            offsets.retain(|r, (x, _)| !op.args.contains(&Value::Box(*r)) && !op.args.contains(x));
            continue;
        }
        let offset = match (op.opcode, op.args.get(1).and_then(|c| c.as_int())) {
            (Opcode::IntAdd, Some(c)) => Some(c),
            (Opcode::IntSub, Some(c)) => c.checked_neg(),
            _ => None,
        };
        if let (Some(r), Some(c), Some(&x)) = (op.result, offset, op.args.first()) {
            if x.as_box().is_some() {
                offsets.insert(r, (x, c));
            }
        }
        let item_access = matches!(
            op.opcode,
            Opcode::GetarrayitemRawI
                | Opcode::GetarrayitemRawF
                | Opcode::SetarrayitemRaw
                | Opcode::GetarrayitemGcI
                | Opcode::GetarrayitemGcR
                | Opcode::GetarrayitemGcF
                | Opcode::SetarrayitemGc
        );
        let (true, Some(Descr::Array(d))) = (item_access, &op.descr) else {
            continue;
        };
        let Some(&(index, offset)) = op.args.get(1).and_then(|i| offsets.get(&i.as_box()?)) else {
            continue;
        };
        let base = offset
            .checked_mul(i64::from(d.item_size))
            .and_then(|o| o.checked_add(i64::try_from(d.base).ok()?))
            .and_then(|b| usize::try_from(b).ok())
            .filter(|&b| b <= i32::MAX as usize);
        let Some(base) = base else { continue };
        let descr = shifted
            .entry((Rc::as_ptr(d), offset))
            .or_insert_with(|| {
                Rc::new(ArrayDescr {
                    name: format!("{}{offset:+}", d.name),
                    base,
                    ..(**d).clone()
                })
            })
            .clone();
        op.args[1] = index;
        op.descr = Some(Descr::Array(descr));
    }
    trace
}

/// The trace is a loop: its last op jumps to a label of its own.
pub fn is_loop(trace: &Trace) -> bool {
    let Some(last) = trace.ops.last() else {
        return false;
    };
    if last.opcode != Opcode::Jump {
        return false;
    }
    match last.target() {
        Some(token) => trace.ops.iter().any(|op| {
            op.opcode == Opcode::Label && op.target().is_some_and(|t| Rc::ptr_eq(t, token))
        }),
        // A jump without descr goes to the trace's last label, or to its start.
        None => true,
    }
}

// ------------------------------------------------------------------ substitution

/// Replacements of boxes by values (a box by a constant, or by an equal earlier box).
#[derive(Clone, Debug, Default)]
pub struct Subst {
    map: HashMap<BoxId, Value>,
}

impl Subst {
    /// `value` with replacements applied, following chains.
    pub fn resolve(&self, mut value: Value) -> Value {
        while let Value::Box(b) = value {
            match self.map.get(&b) {
                Some(&v) => value = v,
                None => break,
            }
        }
        value
    }

    /// From now on `b` reads as `value`.
    pub fn replace(&mut self, b: BoxId, value: Value) {
        debug_assert_eq!(b.kind(), value.kind(), "a replacement keeps the kind");
        if self.resolve(value) != Value::Box(b) {
            self.map.insert(b, value);
        }
    }

    /// `b` reads as itself again (a label redefines it).
    pub fn forget(&mut self, b: BoxId) {
        self.map.remove(&b);
    }

    /// Applies the replacements to the arguments and fail args of `op`.
    pub fn apply(&self, op: &mut Op) {
        for a in op.args.iter_mut() {
            *a = self.resolve(*a);
        }
        if let Some(fail_args) = &mut op.fail_args {
            for a in fail_args.iter_mut() {
                *a = self.resolve(*a);
            }
        }
    }

    /// Adds every replacement of `other`.
    pub fn extend(&mut self, other: &Subst) {
        for (&b, &v) in &other.map {
            self.map.insert(b, v);
        }
    }

    /// Nothing is replaced.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

// ------------------------------------------------------------------ the emitter

/// The output of a pass under construction: the new trace and the replacements made.
///
/// A pass reads each input op, calls [`Emitter::resolve_op`] to see it with the
/// replacements applied, and either emits it (possibly changed), or drops it, calling
/// [`Emitter::replace`] if its result is still needed.
pub struct Emitter {
    /// The trace built so far.
    pub trace: Trace,
    subst: Subst,
    /// The boxes defined so far: the inputs and the results of the emitted ops.
    defined: HashSet<BoxId>,
}

impl Emitter {
    /// An emitter for the output of a pass over `input`: same inputs and box numbering.
    pub fn new(input: &Trace) -> Emitter {
        Emitter {
            trace: input.empty_copy(),
            subst: Subst::default(),
            defined: input.inputs.iter().copied().collect(),
        }
    }

    /// `value` with this pass's replacements applied.
    pub fn resolve(&self, value: Value) -> Value {
        self.subst.resolve(value)
    }

    /// `op` with this pass's replacements applied to its arguments and fail args; a
    /// label's arguments are left alone (see [`Emitter::emit_label`]).
    pub fn resolve_op(&self, mut op: Op) -> Op {
        if op.opcode != Opcode::Label {
            self.subst.apply(&mut op);
        }
        op
    }

    /// From now on `b` (whose op the pass drops) reads as `value`.
    pub fn replace(&mut self, b: BoxId, value: Value) {
        self.subst.replace(b, value);
    }

    /// Appends `op` as it is.
    pub fn emit(&mut self, op: Op) {
        if let Some(b) = op.result {
            self.defined.insert(b);
        }
        self.trace.push_op(op);
    }

    /// `b` is defined by an input or an emitted op.
    pub fn is_defined(&self, b: BoxId) -> bool {
        self.defined.contains(&b)
    }

    /// Appends a `label`: a replaced argument whose op was dropped is first kept defined
    /// by a `same_as` of its value, and the label's arguments read as themselves
    /// afterwards.
    pub fn emit_label(&mut self, label: Op) {
        for &arg in &label.args {
            let Value::Box(b) = arg else { continue };
            let value = self.subst.resolve(arg);
            if value != arg && !self.defined.contains(&b) {
                self.emit(Op::new(Opcode::same_as(b.kind()), vec![value], Some(b)));
            }
            self.subst.forget(b);
        }
        self.emit(label);
    }

    /// The output trace; the replacements go to `ctx.replaced`.
    pub fn finish(self, ctx: &mut OptContext) -> Trace {
        ctx.replaced.extend(&self.subst);
        self.trace
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descr::{ArrayDescr, DescrTable};
    use crate::ops::Kind;
    use crate::parse::parse;

    #[test]
    fn ops_on_constants_left_by_the_passes_are_folded() {
        // What heap forwarding left in a bf bridge: `-` on a cell just set to 0.
        let mut t = DescrTable::new();
        t.add_array(ArrayDescr::raw_bytes("u8"));
        let _ = t.target(1);
        let trace = parse(
            "[i0, i1]
label(i0, i1, descr=<Label1>)
i2 = int_sub(0, 1)
i3 = int_and(i2, 255)
setarrayitem_raw(i0, i1, i3, descr=<ArrayDescr u8>)
i4 = int_add(i3, i1)
guard_true(i4, descr=<Guard1>) [i2]
i5 = int_is_zero(i3)
guard_false(i5, descr=<Guard2>) [i0]
jump(i0, i4, descr=<Label1>)
",
            &mut t,
        )
        .unwrap();
        let out = remove_dead_ops(fold_constant_ops(trace)).to_string();
        assert_eq!(
            out,
            "[i0, i1]
label(i0, i1, descr=<Label1>)
setarrayitem_raw(i0, i1, 255, descr=<ArrayDescr u8>)
i4 = int_add(255, i1)
guard_true(i4, descr=<Guard1>) [-1]
jump(i0, i4, descr=<Label1>)
"
        );
    }

    #[test]
    fn enable_opts_parse_in_chain_order() {
        assert_eq!(parse_enable_opts("all"), Ok(ALL_PASSES.to_vec()));
        assert_eq!(
            parse_enable_opts("pure:intbounds"),
            Ok(vec![Pass::IntBounds, Pass::Pure])
        );
        assert_eq!(parse_enable_opts(""), Ok(vec![]));
        let err = parse_enable_opts("intbounds:unrol").unwrap_err();
        assert!(err.contains("'unrol'") && err.contains("unroll"), "{err}");
        for pass in ALL_PASSES {
            assert_eq!(Pass::from_name(pass.name()), Some(pass));
        }
    }

    #[test]
    fn loops_are_recognized() {
        let mut t = DescrTable::new();
        let looping = parse(
            "[i0]\nlabel(i0, descr=<Label0>)\njump(i0, descr=<Label0>)\n",
            &mut t,
        );
        assert!(is_loop(&looping.unwrap()));
        let plain = parse("[i0]\ni1 = int_add(i0, 1)\njump(i1)\n", &mut t);
        assert!(is_loop(&plain.unwrap()));
        let finish = parse("[i0]\nfinish(i0)\n", &mut t);
        assert!(!is_loop(&finish.unwrap()));
        // A jump to another loop's label (a bridge) is not a loop of its own.
        let mut t2 = DescrTable::new();
        let _ = t2.target(7);
        let bridge = parse("[i0]\njump(i0, descr=<Label7>)\n", &mut t2);
        assert!(!is_loop(&bridge.unwrap()));
    }

    #[test]
    fn substitution_follows_chains_and_forgets() {
        let (a, b, c) = (
            BoxId::new(0, Kind::Int),
            BoxId::new(1, Kind::Int),
            BoxId::new(2, Kind::Int),
        );
        let mut s = Subst::default();
        s.replace(a, Value::Box(b));
        s.replace(b, Value::ConstInt(3));
        assert_eq!(s.resolve(Value::Box(a)), Value::ConstInt(3));
        assert_eq!(s.resolve(Value::Box(c)), Value::Box(c));
        // A replacement that would make a cycle is ignored.
        s.replace(c, Value::Box(c));
        assert_eq!(s.resolve(Value::Box(c)), Value::Box(c));
        s.forget(b);
        assert_eq!(s.resolve(Value::Box(a)), Value::Box(b));
    }

    #[test]
    fn an_index_offset_folds_into_the_descr() {
        let mut t = DescrTable::new();
        t.add_array(ArrayDescr::raw_bytes("u8"));
        t.add_array(ArrayDescr::words("Stack.items", Kind::Int));
        let trace = parse(
            "[i0, i1, p2]
i3 = int_add(i1, 2)
i4 = getarrayitem_raw_i(i0, i3, descr=<ArrayDescr u8>)
setarrayitem_raw(i0, i3, i4, descr=<ArrayDescr u8>)
i5 = int_sub(i1, 1)
setarrayitem_raw(i0, i5, i4, descr=<ArrayDescr u8>)
i6 = int_sub(i1, 1)
i7 = getarrayitem_gc_i(p2, i6, descr=<ArrayDescr Stack.items>)
finish(i7, i3)
",
            &mut t,
        )
        .unwrap();
        let folded = remove_dead_ops(fold_index_offsets(trace));
        let descr = |i: usize| match &folded.ops[i].descr {
            Some(Descr::Array(d)) => (d.name.clone(), d.base),
            _ => panic!("{folded}"),
        };
        // i1 + 2 (kept: the finish uses it too); i1 - 1 would start item 0 of the bytes
        // before the array, of the words after (base 8 - 8).
        assert_eq!(folded.ops[1].args[1].to_string(), "i1", "{folded}");
        assert_eq!(descr(1), ("u8+2".to_string(), 2));
        assert_eq!(descr(2), ("u8+2".to_string(), 2));
        assert_eq!(folded.ops[4].args[1].to_string(), "i5", "{folded}");
        assert_eq!(descr(4), ("u8".to_string(), 0));
        assert_eq!(folded.ops[5].args[1].to_string(), "i1", "{folded}");
        assert_eq!(descr(5), ("Stack.items-1".to_string(), 0));
        assert_eq!(folded.ops.len(), 7, "{folded}");
    }

    #[test]
    fn an_index_offset_does_not_fold_across_the_label_that_redefines_it() {
        // Found by the random loops: in the body, i3 and i1 are the label's arguments,
        // and i3 is no longer i1 + 1 (the jump passes another i1).
        let mut t = DescrTable::new();
        t.add_array(ArrayDescr::words("IntArray", Kind::Int));
        let _ = t.target(1);
        let trace = parse(
            "[p0, i1]
i3 = int_add(i1, 1)
setarrayitem_gc(p0, i3, 7, descr=<ArrayDescr IntArray>)
label(p0, i1, i3, descr=<Label1>)
setarrayitem_gc(p0, i3, 7, descr=<ArrayDescr IntArray>)
i4 = int_add(i1, 2)
jump(p0, i4, i3, descr=<Label1>)
",
            &mut t,
        )
        .unwrap();
        let folded = fold_index_offsets(trace).to_string();
        assert!(
            folded.contains("label(p0, i1, i3, descr=<Label1>)\nsetarrayitem_gc(p0, i3, 7, descr=<ArrayDescr IntArray>)"),
            "{folded}"
        );
        assert!(
            folded.contains("setarrayitem_gc(p0, i1, 7, descr=<ArrayDescr IntArray+1>)\nlabel"),
            "{folded}"
        );
    }

    #[test]
    fn a_comparison_moves_to_its_guard_unless_used_again_or_across_a_label() {
        let mut t = DescrTable::new();
        t.add_array(ArrayDescr::words("RawBytes", Kind::Int));
        let _ = t.target(1);
        let trace = parse(
            "[i0, i1]
i2 = int_lt(i0, 10)
i3 = int_add(i1, 1)
setarrayitem_raw(i1, 0, i3, descr=<ArrayDescr RawBytes>)
guard_true(i2, descr=<Guard1>) []
i4 = int_is_zero(i0)
i5 = int_add(i1, 2)
guard_false(i4, descr=<Guard2>) [i4]
i6 = int_gt(i0, 3)
label(i0, i1, i6, descr=<Label1>)
guard_true(i6, descr=<Guard3>) []
jump(i0, i1, i6, descr=<Label1>)
",
            &mut t,
        )
        .unwrap();
        assert_eq!(
            sink_guard_conditions(trace).to_string(),
            "[i0, i1]
i3 = int_add(i1, 1)
setarrayitem_raw(i1, 0, i3, descr=<ArrayDescr RawBytes>)
i2 = int_lt(i0, 10)
guard_true(i2, descr=<Guard1>) []
i4 = int_is_zero(i0)
i5 = int_add(i1, 2)
guard_false(i4, descr=<Guard2>) [i4]
i6 = int_gt(i0, 3)
label(i0, i1, i6, descr=<Label1>)
guard_true(i6, descr=<Guard3>) []
jump(i0, i1, i6, descr=<Label1>)
"
        );
    }

    #[test]
    fn dead_ops_go_and_effects_stay() {
        let mut t = DescrTable::new();
        t.add_field(crate::descr::FieldDescr::word("Node.value", 8, Kind::Int));
        let trace = parse(
            "[i0, p1]
i2 = int_add(i0, 1)
i3 = int_mul(i2, 2)
i4 = getfield_gc_i(p1, descr=<FieldDescr Node.value>)
i5 = int_sub(i0, 1)
setfield_gc(p1, i5, descr=<FieldDescr Node.value>)
i6 = int_lt(i0, 10)
guard_true(i6, descr=<Guard1>) [i2]
i7 = int_add_ovf(i0, 1)
guard_no_overflow(descr=<Guard2>) []
finish(i0)
",
            &mut t,
        )
        .unwrap();
        let result = remove_dead_ops(trace);
        assert_eq!(
            result.to_string(),
            "[i0, p1]
i2 = int_add(i0, 1)
i5 = int_sub(i0, 1)
setfield_gc(p1, i5, descr=<FieldDescr Node.value>)
i6 = int_lt(i0, 10)
guard_true(i6, descr=<Guard1>) [i2]
i7 = int_add_ovf(i0, 1)
guard_no_overflow(descr=<Guard2>) []
finish(i0)
"
        );
        crate::verify::verify(&result).unwrap();
    }

    #[test]
    fn a_replaced_label_argument_stays_defined() {
        let mut t = DescrTable::new();
        let trace = parse(
            "[i0]\ni1 = int_add(i0, 1)\nlabel(i1, descr=<Label0>)\njump(i1, descr=<Label0>)\n",
            &mut t,
        )
        .unwrap();
        let mut out = Emitter::new(&trace);
        let i1 = trace.ops[0].result.unwrap();
        // The pass drops i1's op and replaces i1 by a constant.
        out.replace(i1, Value::ConstInt(5));
        out.emit_label(out.resolve_op(trace.ops[1].clone()));
        let jump = out.resolve_op(trace.ops[2].clone());
        out.emit(jump);
        let mut ctx = OptContext::new(&trace);
        let result = out.finish(&mut ctx);
        assert_eq!(
            result.to_string(),
            "[i0]\ni1 = same_as_i(5)\nlabel(i1, descr=<Label0>)\njump(i1, descr=<Label0>)\n"
        );
        crate::verify::verify(&result).unwrap();
    }
}
