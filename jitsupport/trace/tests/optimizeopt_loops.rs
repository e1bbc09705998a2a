//! Loops before and after optimization, run on the reference backend (PyPy's
//! `test_random.py` for loops).
//!
//! Random loops over ints, a frame object and allocations, each with a counter guard so it
//! ends, are optimized by the whole chain (so `unroll` peels them) and by the chain
//! without `unroll`. Both the original and the optimized loop run from the same inputs and
//! memory; they must leave by a guard with the same resume data (a peeled guard is a copy
//! with the original's resume index) and the same fail-arg values, and leave memory alike.
//! A fail arg the optimized loop keeps virtual is compared with the object the original
//! allocated, field by field, through the guard's [`GuardVirtuals`] entry: that is what
//! resume would build.

use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::{Backend, Exit, Shim, Word};
use jitsupport_trace::optimizeopt::virtualize::{Alloc, FieldKey, GuardResume, Slot};
use jitsupport_trace::optimizeopt::{self, OptContext, Pass, ALL_PASSES};
use jitsupport_trace::*;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

/// The words of every object (input objects and allocations).
const OBJECT_WORDS: usize = 8;
const VTABLE: u64 = 4096;

fn namespace() -> DescrTable {
    let mut t = DescrTable::new();
    let value = t.add_field(FieldDescr::word("Node.value", 8, Kind::Int));
    let next = t.add_field(FieldDescr::word("Node.next", 16, Kind::Ref));
    let other = t.add_field(FieldDescr::word("Node.other", 24, Kind::Int));
    let imm = t.add_field(FieldDescr {
        immutable: true,
        ..FieldDescr::word("Node.imm", 32, Kind::Int)
    });
    let flag = t.add_field(FieldDescr {
        size: 1,
        signed: false,
        ..FieldDescr::word("Node.flag", 40, Kind::Int)
    });
    t.add_const("node_vtable", Value::ConstInt(VTABLE as i64));
    t.add_size(SizeDescr {
        name: "Node".to_string(),
        size: 8 * OBJECT_WORDS,
        type_id: Some(VTABLE as u32),
        fields: vec![value.clone(), next, other, imm, flag],
    });
    t.add_array(ArrayDescr::words("IntArray", Kind::Int));
    // Calls, with shims that do what their effect info says.
    let call = |name: &str, args: &[Kind], result: Option<Kind>, effect: EffectInfo| CallDescr {
        name: name.to_string(),
        arg_kinds: args.to_vec(),
        result,
        effect,
    };
    t.add_call(call(
        "set_value",
        &[Kind::Ref, Kind::Int],
        None,
        EffectInfo {
            write_fields: vec![value.clone()],
            ..EffectInfo::default()
        },
    ));
    t.add_call(call(
        "get_value",
        &[Kind::Ref],
        Some(Kind::Int),
        EffectInfo::default(),
    ));
    t.add_call(call(
        "set_other",
        &[Kind::Ref, Kind::Int],
        None,
        EffectInfo::random(),
    ));
    t.add_call(call(
        "mix",
        &[Kind::Int, Kind::Int],
        Some(Kind::Int),
        EffectInfo::elidable(),
    ));
    t.add_const(
        "set_value",
        Value::ConstInt(set_value as Shim as usize as i64),
    );
    t.add_const(
        "get_value",
        Value::ConstInt(get_value as Shim as usize as i64),
    );
    t.add_const(
        "set_other",
        Value::ConstInt(set_other as Shim as usize as i64),
    );
    t.add_const("mix", Value::ConstInt(mix as Shim as usize as i64));
    t.add_array(ArrayDescr {
        item_size: 1,
        signed: false,
        ..ArrayDescr::words("ByteArray", Kind::Int)
    });
    t.add_array(ArrayDescr {
        item_size: 2,
        signed: true,
        ..ArrayDescr::words("ShortArray", Kind::Int)
    });
    t
}

/// `set_value(p, v)`: `p.value = v`.
///
/// # Safety
/// `refs[0]` is a live object of at least 8 words, `ints[0]` readable.
unsafe extern "C-unwind" fn set_value(
    ints: *const i64,
    refs: *const usize,
    _: *const f64,
    _: *mut u64,
) {
    // SAFETY: as the function's contract says; Node.value is word 1.
    unsafe { *((*refs) as *mut i64).add(1) = *ints };
}

/// `get_value(p)`: `p.value`.
///
/// # Safety
/// As [`set_value`], and `result` writable.
unsafe extern "C-unwind" fn get_value(
    _: *const i64,
    refs: *const usize,
    _: *const f64,
    result: *mut u64,
) {
    // SAFETY: as the function's contract says.
    unsafe { *result = *((*refs) as *const u64).add(1) };
}

/// `set_other(p, v)`: `p.other = v` (declared with random effects).
///
/// # Safety
/// As [`set_value`].
unsafe extern "C-unwind" fn set_other(
    ints: *const i64,
    refs: *const usize,
    _: *const f64,
    _: *mut u64,
) {
    // SAFETY: as the function's contract says; Node.other is word 3.
    unsafe { *((*refs) as *mut i64).add(3) = *ints };
}

/// `mix(a, b)`: `a * 31 + b`, wrapping (elidable).
///
/// # Safety
/// `ints` holds two values, `result` writable.
unsafe extern "C-unwind" fn mix(
    ints: *const i64,
    _: *const usize,
    _: *const f64,
    result: *mut u64,
) {
    // SAFETY: as the function's contract says.
    unsafe { *result = (*ints).wrapping_mul(31).wrapping_add(*ints.add(1)) as u64 };
}

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

/// A random loop `[i0, i1, i2, p3, p4]`: `i0` counts iterations, `p3` and `p4` are input
/// objects (maybe the same one); the loop may allocate nodes, read and write fields, and
/// carry a node around in `p4`.
fn random_loop(rng: &mut Rng) -> String {
    let mut text = String::new();
    let limit = 1 + rng.below(12);
    let _ = writeln!(text, "[i0, i1, i2, p3, p4]");
    let _ = writeln!(text, "i5 = int_add(i0, 1)");
    let _ = writeln!(text, "i6 = int_lt(i5, {limit})");
    let _ = writeln!(text, "guard_true(i6, descr=<Guard1>) [i0, i1, p4]");
    let mut ints: Vec<String> = ["i1", "i2", "i5"].iter().map(|s| s.to_string()).collect();
    // Refs that may be read through: never null.
    let mut objs: Vec<String> = vec!["p3".to_string(), "p4".to_string()];
    let mut fresh: Vec<String> = Vec::new();
    let mut arrays: Vec<String> = Vec::new();
    // Allocated nodes whose `next` is set (to a node): reading it gives a node.
    let mut linked: Vec<String> = Vec::new();
    let mut guard = 2;
    let consts = ["0", "1", "2", "3", "7", "10", "-1", "255", "256"];
    let fields = ["Node.value", "Node.other"];
    let n_ops = 4 + rng.below(12);
    for next in 7..7 + n_ops {
        let operand = |rng: &mut Rng, ints: &[String]| {
            if rng.below(3) == 0 {
                consts[rng.below(consts.len())].to_string()
            } else {
                rng.pick(ints).to_string()
            }
        };
        let fail_args = |rng: &mut Rng, ints: &[String], objs: &[String]| {
            let mut fa: Vec<String> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                fa.push(rng.pick(ints).to_string());
            }
            if rng.below(2) == 0 {
                fa.push(rng.pick(objs).to_string());
            }
            fa.join(", ")
        };
        match rng.below(22) {
            20 | 21 if !linked.is_empty() => {
                let l = rng.pick(&linked).to_string();
                let r = format!("p{next}");
                let _ = writeln!(
                    text,
                    "{r} = getfield_gc_r({l}, descr=<FieldDescr Node.next>)"
                );
                objs.push(r);
            }
            17 => {
                let p = rng.pick(&objs).to_string();
                let v = operand(rng, &ints);
                let f = ["set_value", "set_other"][rng.below(2)];
                let _ = writeln!(
                    text,
                    "call_n(ConstClass({f}), {p}, {v}, descr=<CallDescr {f}>)"
                );
                if rng.below(2) == 0 {
                    let fa = fail_args(rng, &ints, &objs);
                    let _ = writeln!(text, "guard_no_exception(descr=<Guard{guard}>) [{fa}]");
                    guard += 1;
                }
            }
            18 => {
                let p = rng.pick(&objs).to_string();
                let r = format!("i{next}");
                let _ = writeln!(
                    text,
                    "{r} = call_i(ConstClass(get_value), {p}, descr=<CallDescr get_value>)"
                );
                ints.push(r);
            }
            19 => {
                let (a, b) = (operand(rng, &ints), operand(rng, &ints));
                let r = format!("i{next}");
                let _ = writeln!(
                    text,
                    "{r} = call_pure_i(ConstClass(mix), {a}, {b}, descr=<CallDescr mix>)"
                );
                ints.push(r);
            }
            14 => {
                // A small array, zeroed, with an item written.
                let r = format!("p{next}");
                let v = operand(rng, &ints);
                let i = rng.below(4);
                let _ = writeln!(
                    text,
                    "{r} = new_array_clear(4, descr=<ArrayDescr IntArray>)"
                );
                let _ = writeln!(
                    text,
                    "setarrayitem_gc({r}, {i}, {v}, descr=<ArrayDescr IntArray>)"
                );
                arrays.push(r.clone());
                fresh.push(r);
            }
            15 if !arrays.is_empty() => {
                // An item read, at a constant index or at an index computed in range.
                let a = rng.pick(&arrays).to_string();
                let r = format!("i{next}");
                if rng.below(2) == 0 {
                    let i = rng.below(4);
                    let _ = writeln!(
                        text,
                        "{r} = getarrayitem_gc_i({a}, {i}, descr=<ArrayDescr IntArray>)"
                    );
                } else {
                    let v = rng.pick(&ints).to_string();
                    let _ = writeln!(text, "i{} = int_and({v}, 3)", next + 100);
                    let _ = writeln!(
                        text,
                        "{r} = getarrayitem_gc_i({a}, i{}, descr=<ArrayDescr IntArray>)",
                        next + 100
                    );
                }
                ints.push(r);
            }
            16 if !arrays.is_empty() => {
                let a = rng.pick(&arrays).to_string();
                let v = operand(rng, &ints);
                let i = rng.below(4);
                if rng.below(3) == 0 {
                    let _ = writeln!(text, "setfield_gc(p3, {a}, descr=<FieldDescr Node.next>)");
                }
                let _ = writeln!(
                    text,
                    "setarrayitem_gc({a}, {i}, {v}, descr=<ArrayDescr IntArray>)"
                );
                // A guard that fails after some iterations, with the array in its fail args.
                let k = 1 + rng.below(6);
                let _ = writeln!(
                    text,
                    "i{} = arraylen_gc({a}, descr=<ArrayDescr IntArray>)",
                    next + 100
                );
                let _ = writeln!(text, "i{next} = int_lt(i5, {k})");
                let _ = writeln!(
                    text,
                    "guard_true(i{next}, descr=<Guard{guard}>) [i5, {a}, i{}]",
                    next + 100
                );
                guard += 1;
            }
            0..=2 => {
                let op = [
                    "int_add", "int_sub", "int_mul", "int_and", "int_xor", "int_lt", "int_eq",
                ][rng.below(7)];
                let (a, b) = (operand(rng, &ints), operand(rng, &ints));
                let r = format!("i{next}");
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                ints.push(r);
            }
            3 => {
                let op = ["int_lt", "int_ge", "int_ne"][rng.below(3)];
                let a = rng.pick(&ints).to_string();
                let b = consts[rng.below(consts.len())];
                let r = format!("i{next}");
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let fa = fail_args(rng, &ints, &objs);
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                let _ = writeln!(text, "{g}({r}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
                ints.push(r);
            }
            4..=5 => {
                let p = rng.pick(&objs).to_string();
                let f = fields[rng.below(2)];
                let r = format!("i{next}");
                let _ = writeln!(text, "{r} = getfield_gc_i({p}, descr=<FieldDescr {f}>)");
                ints.push(r);
            }
            6 => {
                let p = rng.pick(&objs).to_string();
                let r = format!("i{next}");
                let f = ["Node.imm", "Node.flag"][rng.below(2)];
                let _ = writeln!(text, "{r} = getfield_gc_i({p}, descr=<FieldDescr {f}>)");
                ints.push(r);
            }
            7..=8 => {
                let p = rng.pick(&objs).to_string();
                let f = [fields[0], fields[1], "Node.flag"][rng.below(3)];
                let v = operand(rng, &ints);
                let _ = writeln!(text, "setfield_gc({p}, {v}, descr=<FieldDescr {f}>)");
            }
            9..=10 => {
                let r = format!("p{next}");
                let _ = writeln!(text, "{r} = new_with_vtable(descr=<SizeDescr Node>)");
                let v = operand(rng, &ints);
                let _ = writeln!(text, "setfield_gc({r}, {v}, descr=<FieldDescr Node.value>)");
                if rng.below(2) == 0 {
                    let q = rng.pick(&objs).to_string();
                    let _ = writeln!(text, "setfield_gc({r}, {q}, descr=<FieldDescr Node.next>)");
                    linked.push(r.clone());
                }
                objs.push(r.clone());
                fresh.push(r);
            }
            11 => {
                // An escape: a node stored into an input object.
                let q = rng.pick(&objs).to_string();
                let p = ["p3", "p4"][rng.below(2)];
                let _ = writeln!(text, "setfield_gc({p}, {q}, descr=<FieldDescr Node.next>)");
            }
            12 => {
                let (a, b) = (rng.pick(&objs).to_string(), rng.pick(&objs).to_string());
                let r = format!("i{next}");
                let _ = writeln!(text, "{r} = ptr_eq({a}, {b})");
                ints.push(r);
            }
            _ => {
                let r = format!("i{next}");
                let (a, b) = (operand(rng, &ints), operand(rng, &ints));
                let fa = fail_args(rng, &ints, &objs);
                let _ = writeln!(text, "{r} = int_add_ovf({a}, {b})");
                let _ = writeln!(text, "guard_no_overflow(descr=<Guard{guard}>) [{fa}]");
                guard += 1;
                ints.push(r);
            }
        }
    }
    // Loop-carried values: sometimes the input itself (invariant), sometimes a new value.
    let carry = |rng: &mut Rng, input: &str, pool: &[String]| {
        if rng.below(2) == 0 {
            input.to_string()
        } else {
            rng.pick(pool).to_string()
        }
    };
    let j1 = carry(rng, "i1", &ints);
    let j2 = carry(rng, "i2", &ints);
    let j4 = carry(rng, "p4", &objs);
    let _ = writeln!(text, "jump(i5, {j1}, {j2}, p3, {j4})");
    text
}

/// A random loop over the input objects taken as arrays (`p3`, `p4`: maybe the same
/// one): items read and written at constant indices, at an index carried around the loop
/// (`i2`, kept in 0..3) and at that index plus one, through an int and a byte view.
fn random_array_loop(rng: &mut Rng) -> String {
    let mut text = String::new();
    let limit = 1 + rng.below(10);
    let _ = writeln!(text, "[i0, i1, i2, p3, p4]");
    let _ = writeln!(text, "i5 = int_add(i0, 1)");
    let _ = writeln!(text, "i6 = int_lt(i5, {limit})");
    let _ = writeln!(text, "guard_true(i6, descr=<Guard1>) [i0, i1, i2]");
    // The carried index, in 0..3, and its neighbour.
    let _ = writeln!(text, "i7 = int_and(i2, 3)");
    let _ = writeln!(text, "i8 = int_add(i7, 1)");
    let mut ints: Vec<String> = ["i1", "i5", "i7"].iter().map(|s| s.to_string()).collect();
    let indices = ["i7", "i8", "0", "1", "2", "4"];
    // One array descr per loop: items of one width never alias items of another here.
    let descr = ["IntArray", "ByteArray", "ShortArray"][rng.below(3)];
    let mut guard = 2;
    for next in 9..9 + 4 + rng.below(12) {
        let arr = ["p3", "p4"][rng.below(2)];
        let index = indices[rng.below(indices.len())];
        match rng.below(6) {
            0 | 1 => {
                let r = format!("i{next}");
                let _ = writeln!(
                    text,
                    "{r} = getarrayitem_gc_i({arr}, {index}, descr=<ArrayDescr {descr}>)"
                );
                ints.push(r);
            }
            2 | 3 => {
                let v = rng.pick(&ints).to_string();
                let _ = writeln!(
                    text,
                    "setarrayitem_gc({arr}, {index}, {v}, descr=<ArrayDescr {descr}>)"
                );
            }
            4 => {
                let (a, b) = (rng.pick(&ints).to_string(), rng.pick(&ints).to_string());
                let op = ["int_add", "int_sub", "int_xor", "int_mul"][rng.below(4)];
                let r = format!("i{next}");
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                ints.push(r);
            }
            _ => {
                let a = rng.pick(&ints).to_string();
                let c = [0, 1, 3, 100, 255][rng.below(5)];
                let r = format!("i{next}");
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let fa = rng.pick(&ints).to_string();
                let _ = writeln!(text, "{r} = int_lt({a}, {c})");
                let _ = writeln!(text, "{g}({r}, descr=<Guard{guard}>) [i5, {fa}]");
                guard += 1;
                ints.push(r);
            }
        }
    }
    let j1 = if rng.below(2) == 0 {
        "i1".to_string()
    } else {
        rng.pick(&ints).to_string()
    };
    let j2 = ["i2", "i7", "i8"][rng.below(3)];
    let _ = writeln!(text, "jump(i5, {j1}, {j2}, p3, p4)");
    text
}

/// A value as compared: input objects by number, allocations by their contents' place in
/// the outcome, anything else by its bits.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Obj(usize),
    Fresh(Vec<Val>),
    Bits(Word),
}

struct Run {
    exit: String,
    resume: Option<u32>,
    guard_number: Option<u32>,
    values: Vec<Word>,
    memory: Vec<Vec<Val>>,
    val: Box<dyn Fn(Word, usize) -> Val>,
}

/// Runs `trace` from its start, or, with `entry`, compiles `entry` too and runs it
/// instead (a short preamble jumping into `trace`'s label).
fn run(trace: &Trace, entry: Option<&Trace>, ints: [i64; 3], same_objects: bool) -> Run {
    let objects: Rc<RefCell<Vec<Box<[Word]>>>> = Rc::default();
    let mut inputs = Vec::new();
    for _ in 0..2 {
        let mut o = vec![0 as Word; OBJECT_WORDS].into_boxed_slice();
        o[0] = VTABLE << 32;
        o[4] = 42; // Node.imm
        inputs.push(o.as_ptr() as Word);
        objects.borrow_mut().push(o);
    }
    let p4 = if same_objects { inputs[0] } else { inputs[1] };
    let fresh: Rc<RefCell<Vec<Box<[Word]>>>> = Rc::default();
    let hook = fresh.clone();
    let mut backend = ReferenceBackend::with_alloc_hook(Box::new(move |size, _class| {
        let mut block = vec![0 as Word; size.div_ceil(8).max(OBJECT_WORDS)].into_boxed_slice();
        let addr = block.as_mut_ptr() as usize;
        hook.borrow_mut().push(block);
        addr
    }));
    let mut id = backend
        .compile_loop(trace)
        .unwrap_or_else(|e| panic!("does not compile: {e}\n{trace}"));
    if let Some(entry) = entry {
        id = backend
            .compile_loop(entry)
            .unwrap_or_else(|e| panic!("the short preamble does not compile: {e}\n{entry}"));
    }
    let args = [
        ints[0] as Word,
        ints[1] as Word,
        ints[2] as Word,
        inputs[0],
        p4,
    ];
    let frame = backend.execute(id, &args);
    let (exit, resume, guard_number) = match &frame.exit {
        Exit::Guard(g) => ("guard".to_string(), Some(g.resume), Some(g.number)),
        Exit::Finish(_) => ("finish".to_string(), None, None),
    };
    let addrs = inputs.clone();
    let fresh_for_val = fresh.clone();
    // Keeps the memory alive as long as the closure.
    let keep = (objects.clone(), backend);
    let val = move |w: Word, depth: usize| -> Val {
        let _ = &keep;
        value_of(w, depth, &addrs, &fresh_for_val)
    };
    let memory = objects
        .borrow()
        .iter()
        .map(|o| o.iter().map(|&w| val(w, 1)).collect())
        .collect();
    Run {
        exit,
        resume,
        guard_number,
        values: frame.values,
        memory,
        val: Box::new(val),
    }
}

fn value_of(w: Word, depth: usize, inputs: &[Word], fresh: &Rc<RefCell<Vec<Box<[Word]>>>>) -> Val {
    if let Some(n) = inputs.iter().position(|&a| a == w) {
        return Val::Obj(n);
    }
    let words: Option<Vec<Word>> = fresh
        .borrow()
        .iter()
        .find(|b| b.as_ptr() as Word == w)
        .map(|b| b.to_vec());
    match words {
        Some(words) if depth > 0 => Val::Fresh(
            words
                .iter()
                .map(|&x| value_of(x, depth - 1, inputs, fresh))
                .collect(),
        ),
        Some(_) => Val::Fresh(Vec::new()),
        None => Val::Bits(w),
    }
}

/// The object resume would build for virtual `v` of `resume`, as a [`Val`].
fn materialize(resume: &GuardResume, v: usize, after: &Run, depth: usize) -> Val {
    let obj = &resume.objects[v];
    let mut words = vec![Val::Bits(0); OBJECT_WORDS];
    match &obj.alloc {
        Alloc::NewWithVtable(d) => words[0] = Val::Bits(u64::from(d.type_id.unwrap_or(0)) << 32),
        Alloc::New(_) => {}
        Alloc::NewArray { length, .. } => words[0] = Val::Bits(*length as Word),
    }
    if depth == 0 {
        return Val::Fresh(Vec::new());
    }
    for (key, slot) in &obj.fields {
        let (offset, size) = match key {
            FieldKey::Field(f) => (f.offset, f.size),
            FieldKey::Item(i) => (8 + 8 * i, 8),
        };
        let value = match *slot {
            Slot::FailArg(n) => (after.val)(after.values[n], depth - 1),
            Slot::Const(c) => (after.val)(c.const_bits().unwrap_or(0), depth - 1),
            Slot::Virtual(i) => materialize(resume, i, after, depth - 1),
        };
        // Narrow fields hold the truncated value.
        let value = match (value, size) {
            (Val::Bits(b), s) if s < 8 => Val::Bits(b & ((1 << (8 * s)) - 1)),
            (v, _) => v,
        };
        words[offset / 8] = value;
    }
    Val::Fresh(words)
}

/// Runs both loops and compares; `Err` says how they differ.
fn compare(
    input: &Trace,
    output: &Trace,
    ctx: &OptContext,
    ints: [i64; 3],
    same: bool,
    via_short_preamble: bool,
) -> Result<(), String> {
    let before = run(input, None, ints, same);
    let entry = if via_short_preamble {
        ctx.short_preamble.as_ref()
    } else {
        None
    };
    let after = run(output, entry, ints, same);
    if let (Some(entry), Some(n)) = (entry, after.guard_number) {
        if entry
            .ops
            .iter()
            .any(|op| op.guard_descr().is_some_and(|g| g.number == n))
        {
            // A fact the loop relies on does not hold for these inputs: a bridge entering
            // here would leave by the guard of the short preamble, before any effect.
            return Ok(());
        }
    }
    if before.exit != after.exit || before.resume != after.resume {
        return Err(format!(
            "left by {} {:?}, optimized by {} {:?}",
            before.exit, before.resume, after.exit, after.resume
        ));
    }
    let virtuals = after
        .guard_number
        .and_then(|n| ctx.virtuals.get(n))
        .cloned()
        .unwrap_or_default();
    // A field's `FailArg` slot names a value the backend saved, never a virtual's place.
    for obj in &virtuals.objects {
        for (_, slot) in &obj.fields {
            if let Slot::FailArg(n) = slot {
                if virtuals.slots.iter().any(|(p, _)| p == n) {
                    return Err(format!("a field names fail arg {n}, which holds a virtual"));
                }
            }
        }
    }
    for (pos, &w) in before.values.iter().enumerate() {
        let want = (before.val)(w, 1);
        let got = match virtuals.slots.iter().find(|(p, _)| *p == pos) {
            Some(&(_, v)) => materialize(&virtuals, v, &after, 1),
            None => (after.val)(after.values[pos], 1),
        };
        if want != got {
            return Err(format!("fail arg {pos}: {want:?}, optimized {got:?}"));
        }
    }
    if before.memory != after.memory {
        return Err(format!(
            "memory: {:?}\n optimized: {:?}",
            before.memory, after.memory
        ));
    }
    Ok(())
}

fn check_loop(text: &str, runs: usize, rng: &mut Rng) -> Result<(usize, usize), String> {
    let mut checked = 0;
    let mut via_short = 0;
    for passes in [
        ALL_PASSES.to_vec(),
        ALL_PASSES
            .iter()
            .copied()
            .filter(|&p| p != Pass::Unroll)
            .collect(),
        // Unroll with parts of the chain only (as `enable_opts` allows).
        vec![Pass::Virtualize, Pass::Heap, Pass::Unroll],
        vec![Pass::IntBounds, Pass::Pure, Pass::Unroll],
    ] {
        let mut table = namespace();
        let input = parse(text, &mut table).map_err(|e| format!("does not parse: {e}"))?;
        let mut ctx = OptContext::new(&input);
        ctx.verify = true;
        let output =
            optimizeopt::optimize(input.clone(), &passes, &mut ctx).map_err(|e| e.to_string())?;
        // What the compiler runs last, as the backend gets it.
        let output = optimizeopt::prepare_for_backend(output);
        if let Some(short) = &ctx.short_preamble {
            verify(short).map_err(|errors| {
                format!("the short preamble does not verify: {errors:?}\n{short}")
            })?;
        }
        for _ in 0..runs {
            let pool = [0i64, 1, 2, 3, 5, 7, 10, 100, 255, 256, -1, i64::MAX];
            let ints = [
                rng.below(4) as i64,
                pool[rng.below(pool.len())],
                pool[rng.below(pool.len())],
            ];
            let same = rng.below(3) == 0;
            // The short preamble enters the loop at its label with the loop's inputs when
            // the label carries exactly the loop's variables.
            let short_fits = ctx.short_preamble.as_ref().is_some_and(|short| {
                short.inputs.iter().map(|b| b.kind()).collect::<Vec<_>>()
                    == input.inputs.iter().map(|b| b.kind()).collect::<Vec<_>>()
            });
            for via_short_preamble in [false, true] {
                if via_short_preamble && !short_fits {
                    continue;
                }
                compare(&input, &output, &ctx, ints, same, via_short_preamble).map_err(|e| {
                    format!(
                        "passes {:?}, inputs {ints:?}, same objects {same}, via the short \
                         preamble {via_short_preamble}: {e}\noptimized:\n{output}short \
                         preamble:\n{}",
                        passes.iter().map(|p| p.name()).collect::<Vec<_>>(),
                        ctx.short_preamble
                            .as_ref()
                            .map(|t| t.to_string())
                            .unwrap_or_default()
                    )
                })?;
                checked += 1;
                via_short += usize::from(via_short_preamble);
            }
        }
    }
    Ok((checked, via_short))
}

#[test]
fn random_loops_keep_their_meaning() {
    let seeds: u64 = std::env::var("PYRITE_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let (mut checked, mut via_short) = (0, 0);
    for seed in 0..seeds {
        let text = if seed % 4 == 3 {
            random_array_loop(&mut rng)
        } else {
            random_loop(&mut rng)
        };
        match check_loop(&text, 6, &mut rng) {
            Ok((n, s)) => {
                checked += n;
                via_short += s;
            }
            Err(e) => panic!("seed {seed}: {e}\nloop:\n{text}"),
        }
    }
    eprintln!("{checked} runs compared, {via_short} of them entering by the short preamble");
    assert!(checked > 0 && via_short > 0);
}

/// Hand-written loops with the shapes the golden cases show.
#[test]
fn peeled_loops_keep_their_meaning() {
    let loops = [
        // A field of an invariant object carried in the label.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 9)
         guard_true(i6, descr=<Guard1>) [i0, p3]
         i7 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
         i8 = int_add(i7, i1)
         setfield_gc(p3, i8, descr=<FieldDescr Node.value>)
         jump(i5, i1, i8, p3, p4)",
        // A loop-carried node (allocated each iteration, forced at the jump).
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 7)
         guard_true(i6, descr=<Guard1>) [i0, p4]
         i7 = getfield_gc_i(p4, descr=<FieldDescr Node.value>)
         i8 = int_add(i7, 3)
         p9 = new_with_vtable(descr=<SizeDescr Node>)
         setfield_gc(p9, i8, descr=<FieldDescr Node.value>)
         jump(i5, i1, i8, p3, p9)",
        // A boxed counter carried virtually, listed in a guard's fail args.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 6)
         guard_true(i6, descr=<Guard1>) [i0, p4]
         i7 = getfield_gc_i(p4, descr=<FieldDescr Node.value>)
         i8 = int_mul(i7, 3)
         i9 = int_lt(i8, 50)
         guard_true(i9, descr=<Guard2>) [p4, i8]
         p10 = new_with_vtable(descr=<SizeDescr Node>)
         setfield_gc(p10, i8, descr=<FieldDescr Node.value>)
         setfield_gc(p10, i7, descr=<FieldDescr Node.flag>)
         jump(i5, i1, i2, p3, p10)",
        // A Brainfuck-like `[->+<]` over a byte tape: the items at an invariant index are
        // carried in the label, truncated as memory truncates them.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 9)
         guard_true(i6, descr=<Guard1>) [i0, i1, i2]
         i7 = int_and(i1, 3)
         i8 = getarrayitem_gc_i(p4, i7, descr=<ArrayDescr ByteArray>)
         i9 = int_sub(i8, 1)
         setarrayitem_gc(p4, i7, i9, descr=<ArrayDescr ByteArray>)
         i10 = int_add(i7, 1)
         i11 = getarrayitem_gc_i(p4, i10, descr=<ArrayDescr ByteArray>)
         i12 = int_add(i11, 7)
         setarrayitem_gc(p4, i10, i12, descr=<ArrayDescr ByteArray>)
         i13 = int_add(i2, i8)
         jump(i5, i1, i13, p3, p4)",
        // The same over signed 16-bit items, with a guard on an item.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 9)
         guard_true(i6, descr=<Guard1>) [i0, i1, i2]
         i7 = int_and(i1, 1)
         i8 = getarrayitem_gc_i(p4, i7, descr=<ArrayDescr ShortArray>)
         i9 = int_sub(i8, 20000)
         setarrayitem_gc(p4, i7, i9, descr=<ArrayDescr ShortArray>)
         i10 = int_add(i7, 2)
         i11 = getarrayitem_gc_i(p4, i10, descr=<ArrayDescr ShortArray>)
         i12 = int_lt(i11, 3)
         guard_true(i12, descr=<Guard2>) [i0, i11]
         i13 = int_add(i11, i9)
         setarrayitem_gc(p4, i10, i13, descr=<ArrayDescr ShortArray>)
         jump(i5, i1, i13, p3, p4)",
        // Calls: one writes Node.value (the cached value goes), one reads it (the pending
        // write goes out first), an elidable one is computed once.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 6)
         guard_true(i6, descr=<Guard1>) [i0, i1, i2]
         i7 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
         call_n(ConstClass(set_value), p4, i5, descr=<CallDescr set_value>)
         i8 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
         setfield_gc(p4, i8, descr=<FieldDescr Node.other>)
         setfield_gc(p3, i0, descr=<FieldDescr Node.value>)
         i9 = call_i(ConstClass(get_value), p4, descr=<CallDescr get_value>)
         i10 = call_pure_i(ConstClass(mix), i1, 3, descr=<CallDescr mix>)
         i11 = int_add(i7, i8)
         i12 = int_add(i11, i9)
         i13 = int_add(i12, i10)
         jump(i5, i1, i13, p3, p4)",
        // Aliasing inputs: p3 and p4 may be the same object.
        "[i0, i1, i2, p3, p4]
         i5 = int_add(i0, 1)
         i6 = int_lt(i5, 5)
         guard_true(i6, descr=<Guard1>) [i0, i1, i2]
         i7 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
         setfield_gc(p4, i5, descr=<FieldDescr Node.value>)
         i8 = getfield_gc_i(p3, descr=<FieldDescr Node.value>)
         i9 = int_add(i7, i8)
         jump(i5, i9, i7, p3, p4)",
    ];
    let mut rng = Rng(7);
    for text in loops {
        if let Err(e) = check_loop(text, 12, &mut rng) {
            panic!("{e}\nloop:\n{text}");
        }
    }
}
