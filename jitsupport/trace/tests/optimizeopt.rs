//! Golden tests of the optimizer: text in, text out.
//!
//! Every `tests/optimizeopt/*.test` file holds one or more cases separated by a line of
//! `=` signs (at least eight). A case reads
//!
//! ```text
//! # pass: intbounds            (or: all, or a comma list such as rewrite, pure)
//! # any comment lines
//! [i0]
//! i1 = int_add(i0, 1)
//! jump(i1)
//! ---- expected ----
//! [i0]
//! ...
//! ```
//!
//! The input is parsed in the namespace of [`namespace`], optimized by the named passes
//! (in chain order, `unroll` wrapping the others as in the driver) with the verifier on,
//! and the result compared with the expected trace modulo renaming of boxes; the side
//! tables (the virtuals of guards, the short preamble) print as `# <GuardN> virtuals:` and
//! `# short preamble:` comment lines after the trace and compare as text. On a mismatch
//! the test prints a diff; `BLESS=1 cargo test -p jitsupport-trace --test optimizeopt`
//! rewrites the expected parts (`OPTIMIZEOPT_FILTER=rewrite` limits a run to the files
//! whose name contains `rewrite`). Every case is reported, not only the first failure.
//!
//! Besides the golden comparison, every case whose input and output end in `finish` or
//! `jump` is also *run*: see `semantic` below.

use jitsupport_trace::optimizeopt::{self, OptContext, Pass, ALL_PASSES};
use jitsupport_trace::*;
use std::path::{Path, PathBuf};

const EXPECTED: &str = "---- expected ----";

/// The descrs and constants the cases may use.
///
/// Fields of `Node` (a `new_with_vtable` object, class `node_vtable`): `value` (int),
/// `next` (ref), `flag` (an unsigned byte), `imm` (an immutable int), `fval` (float).
/// `Plain` is an object without class with the field `Plain.a`. `Inner.len` and
/// `Inner.len@24` are one declared field, directly and held inline at offset 24 (a
/// family). Arrays: `IntArray`,
/// `RefArray`, `GcRefs` (refs, a GC array type), `ByteArray` (unsigned bytes), `ImmArray` (immutable ints); raw arrays (items
/// from offset 0, no length, as a `List`'s items): `RawBytes` (unsigned bytes), `RawWords`
/// (ints). Calls: `elidable`
/// (int, int -> int, elidable), `random` (int -> int, may write anything), `writes_value`
/// (int -> void, writes `Node.value` only), `writes_words` (int -> void, writes the items of
/// `RawWords` only), `reads_only` (int -> int, writes nothing),
/// `loopinv` (-> int, loop-invariant), with the functions `ConstClass(f)` (any of them);
/// the address helpers `pyrite::int_to_ref` and `pyrite::ref_add`, and the fields of the
/// struct items they reach, `Item.tag` (a byte), `Item.val` and `Item.obj` (a ref).
pub fn namespace() -> DescrTable {
    let mut t = DescrTable::new();
    let value = t.add_field(FieldDescr::word("Node.value", 8, Kind::Int));
    let next = t.add_field(FieldDescr::word("Node.next", 16, Kind::Ref));
    let flag = t.add_field(FieldDescr {
        size: 1,
        signed: false,
        ..FieldDescr::word("Node.flag", 24, Kind::Int)
    });
    let imm = t.add_field(FieldDescr {
        immutable: true,
        ..FieldDescr::word("Node.imm", 32, Kind::Int)
    });
    let fval = t.add_field(FieldDescr::word("Node.fval", 40, Kind::Float));
    let plain_a = t.add_field(FieldDescr::word("Plain.a", 0, Kind::Int));
    // One declared field twice: `Inner.len`, and the same field of an `Inner` held inline
    // at offset 24 of another struct, as the tracer names it.
    t.add_field(FieldDescr::word("Inner.len", 48, Kind::Int));
    t.add_field(FieldDescr::word("Inner.len@24", 72, Kind::Int));
    t.add_const("node_vtable", Value::ConstInt(4096));
    t.add_const("other_vtable", Value::ConstInt(8192));
    t.add_const("f", Value::ConstInt(0x1234));
    t.add_size(SizeDescr {
        name: "Node".to_string(),
        size: 48,
        type_id: Some(4096),
        fields: vec![value.clone(), next, flag, imm, fval],
    });
    t.add_size(SizeDescr {
        name: "Plain".to_string(),
        size: 8,
        type_id: None,
        fields: vec![plain_a],
    });
    t.add_array(ArrayDescr::words("IntArray", Kind::Int));
    t.add_array(ArrayDescr {
        type_id: Some(4100),
        ..ArrayDescr::words("GcRefs", Kind::Ref)
    });
    t.add_array(ArrayDescr::words("RefArray", Kind::Ref));
    t.add_array(ArrayDescr {
        item_size: 1,
        signed: false,
        ..ArrayDescr::words("ByteArray", Kind::Int)
    });
    t.add_array(ArrayDescr {
        immutable: true,
        ..ArrayDescr::words("ImmArray", Kind::Int)
    });
    let raw_words = t.add_array(ArrayDescr {
        base: 0,
        length_offset: None,
        ..ArrayDescr::words("RawWords", Kind::Int)
    });
    t.add_array(ArrayDescr {
        base: 0,
        item_size: 1,
        signed: false,
        length_offset: None,
        ..ArrayDescr::words("RawBytes", Kind::Int)
    });
    let call = |name: &str, args: &[Kind], result: Option<Kind>, effect: EffectInfo| CallDescr {
        name: name.to_string(),
        arg_kinds: args.to_vec(),
        result,
        effect,
    };
    t.add_call(call(
        "elidable",
        &[Kind::Int, Kind::Int],
        Some(Kind::Int),
        EffectInfo::elidable(),
    ));
    t.add_call(call(
        "random",
        &[Kind::Int],
        Some(Kind::Int),
        EffectInfo::random(),
    ));
    t.add_call(call(
        "writes_value",
        &[Kind::Int],
        None,
        EffectInfo {
            can_raise: true,
            write_fields: vec![value],
            ..EffectInfo::default()
        },
    ));
    t.add_call(call(
        "writes_words",
        &[Kind::Int],
        None,
        EffectInfo {
            can_raise: true,
            write_arrays: vec![raw_words],
            ..EffectInfo::default()
        },
    ));
    t.add_call(call(
        "reads_only",
        &[Kind::Int],
        Some(Kind::Int),
        EffectInfo {
            can_raise: true,
            ..EffectInfo::default()
        },
    ));
    // The metainterp's address helpers (`jitsupport::metainterp::descrs`), as a `List` of
    // structs is traced: `int_to_ref(items + i * 24)` is item `i`, whose fields are
    // `Item.tag` (a byte at 0), `Item.val` (a word at 8) and `Item.obj` (a ref at 16);
    // `ref_add(k, p)` is `p + k`.
    t.add_call(call(
        "pyrite::int_to_ref",
        &[Kind::Int],
        Some(Kind::Ref),
        EffectInfo::elidable(),
    ));
    t.add_call(call(
        "pyrite::ref_add",
        &[Kind::Int, Kind::Ref],
        Some(Kind::Ref),
        EffectInfo::elidable(),
    ));
    t.add_field(FieldDescr {
        size: 1,
        signed: false,
        ..FieldDescr::word("Item.tag", 0, Kind::Int)
    });
    t.add_field(FieldDescr::word("Item.val", 8, Kind::Int));
    t.add_field(FieldDescr::word("Item.obj", 16, Kind::Ref));
    t.add_call(call(
        "loopinv",
        &[],
        Some(Kind::Int),
        EffectInfo {
            loop_invariant: true,
            can_raise: true,
            ..EffectInfo::default()
        },
    ));
    t
}

/// One case of a file.
struct Case {
    /// The text from the header to the expected marker (exclusive).
    input: String,
    /// The expected text, if the case has the marker.
    expected: Option<String>,
    /// The 1-based line of the header, for messages.
    line: usize,
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 8 && t.chars().all(|c| c == '=')
}

fn split_cases(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    let mut flush = |lines: &mut Vec<(usize, &str)>| {
        if lines.iter().all(|(_, l)| l.trim().is_empty()) {
            lines.clear();
            return;
        }
        let line = lines
            .iter()
            .find(|(_, l)| !l.trim().is_empty())
            .map_or(1, |(n, _)| *n);
        let mut input = String::new();
        let mut expected: Option<String> = None;
        for (_, l) in lines.drain(..) {
            if l.trim() == EXPECTED {
                expected = Some(String::new());
            } else if let Some(e) = &mut expected {
                e.push_str(l);
                e.push('\n');
            } else {
                input.push_str(l);
                input.push('\n');
            }
        }
        cases.push(Case {
            input,
            expected,
            line,
        });
    };
    for (i, line) in text.lines().enumerate() {
        if is_separator(line) {
            flush(&mut current);
        } else {
            current.push((i + 1, line));
        }
    }
    flush(&mut current);
    cases
}

/// The passes named by the `# pass:` header.
fn header_passes(input: &str) -> Result<Vec<Pass>, String> {
    let header = input
        .lines()
        .find_map(|l| l.trim().strip_prefix("# pass:"))
        .ok_or("the case has no `# pass:` header")?;
    let names = header.trim();
    if names == "all" {
        return Ok(ALL_PASSES.to_vec());
    }
    optimizeopt::parse_enable_opts(&names.replace(',', ":"))
}

/// Runs one case; `Ok(actual text)` or an error message.
fn run_case(case: &Case) -> Result<(Trace, Trace, DescrTable, OptContext), String> {
    let passes = header_passes(&case.input)?;
    let mut table = namespace();
    let input =
        parse(&case.input, &mut table).map_err(|e| format!("the input does not parse:\n{e}"))?;
    let mut ctx = OptContext::new(&input);
    ctx.verify = true;
    let output =
        optimizeopt::optimize(input.clone(), &passes, &mut ctx).map_err(|e| e.to_string())?;
    Ok((input, output, table, ctx))
}

/// The fail-arg positions of guard `number` that hold virtuals, after optimizing with `ctx`.
fn virtual_slots(ctx: &OptContext, number: u32) -> Vec<usize> {
    ctx.virtuals
        .get(number)
        .map(|r| r.slots.iter().map(|&(slot, _)| slot).collect())
        .unwrap_or_default()
}

/// Checks a case against its expected part; `Ok(printed output)` for blessing.
fn check_case(case: &Case) -> Result<String, (String, Option<String>)> {
    let (input, output, mut table, ctx) = run_case(case).map_err(|e| (e, None))?;
    // What the side tables say (the virtuals of guards, the short preamble), as comment
    // lines after the trace, compared as text.
    let extras = ctx.virtuals.describe(&output) + &optimizeopt::unroll::describe(&ctx);
    let printed = output.to_string() + &extras;
    if let Err(e) = semantic::check(&input, &output, &|n| virtual_slots(&ctx, n)) {
        return Err((
            format!("the optimized trace computes something else:\n{e}"),
            Some(printed),
        ));
    }
    let Some(expected_text) = &case.expected else {
        return Err((format!("no `{EXPECTED}` part"), Some(printed)));
    };
    let expected = parse(expected_text, &mut table).map_err(|e| {
        (
            format!("the expected part does not parse:\n{e}"),
            Some(printed.clone()),
        )
    })?;
    let expected_extras: String = expected_text
        .lines()
        .filter(|l| is_extra_line(l))
        .map(|l| format!("{l}\n"))
        .collect();
    match equal_traces(&expected, &output) {
        Ok(()) if expected_extras == extras => Ok(printed),
        Ok(()) => Err((
            format!(
                "the trace is right, its virtuals or short preamble are not:\n{}",
                print::text_diff(&expected_extras, &extras)
            ),
            Some(printed),
        )),
        Err(why) => Err((
            format!(
                "{}\ndiff (- expected, + actual):\n{}",
                why.lines().next().unwrap_or(""),
                print::text_diff(expected_text, &printed)
            ),
            Some(printed),
        )),
    }
}

/// A comment line describing a side table: `# <Guard3> virtuals: ...` or
/// `# short preamble: ...`.
fn is_extra_line(line: &str) -> bool {
    line.starts_with("# <Guard") || line.starts_with("# short preamble:")
}

fn test_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/optimizeopt");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "test"))
        .collect();
    files.sort();
    files
}

/// Rewrites the expected part of every case of `text` with `outputs` (one per case, `None`
/// to leave a case as it is).
fn bless(text: &str, outputs: &[Option<String>]) -> String {
    let mut result = String::new();
    let mut index = 0;
    let mut skipping = false;
    let mut wrote_marker = false;
    let end_case = |result: &mut String, index: usize, wrote_marker: bool| {
        if !wrote_marker {
            if let Some(Some(out)) = outputs.get(index) {
                result.push_str(EXPECTED);
                result.push('\n');
                result.push_str(out);
            }
        }
    };
    for line in text.lines() {
        if is_separator(line) {
            if skipping {
                if let Some(Some(out)) = outputs.get(index) {
                    result.push_str(out);
                }
            } else {
                end_case(&mut result, index, wrote_marker);
            }
            skipping = false;
            wrote_marker = false;
            index += 1;
            result.push_str(line);
            result.push('\n');
            continue;
        }
        if skipping {
            continue;
        }
        result.push_str(line);
        result.push('\n');
        if line.trim() == EXPECTED {
            wrote_marker = true;
            skipping = matches!(outputs.get(index), Some(Some(_)));
        }
    }
    if skipping {
        if let Some(Some(out)) = outputs.get(index) {
            result.push_str(out);
        }
    } else {
        end_case(&mut result, index, wrote_marker);
    }
    result
}

#[test]
fn golden() {
    let blessing = std::env::var("BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut count = 0;
    // OPTIMIZEOPT_FILTER=name runs (and blesses) only the files whose name contains it.
    let filter = std::env::var("OPTIMIZEOPT_FILTER").unwrap_or_default();
    for file in test_files() {
        if !file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains(filter.as_str()))
        {
            continue;
        }
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cases = split_cases(&text);
        let mut outputs = Vec::new();
        for case in &cases {
            count += 1;
            match check_case(case) {
                Ok(printed) => outputs.push(Some(printed)),
                Err((message, printed)) => {
                    failures.push(format!("{}:{}: {message}", file.display(), case.line));
                    outputs.push(printed);
                }
            }
        }
        if blessing {
            let blessed = bless(&text, &outputs);
            if blessed != text {
                std::fs::write(&file, blessed)
                    .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            }
        }
    }
    assert!(count > 0, "no golden cases found");
    if !failures.is_empty() {
        panic!(
            "{} of {count} optimizer cases failed{}:\n\n{}",
            failures.len(),
            if blessing {
                " (blessed where an output existed)"
            } else {
                "; BLESS=1 rewrites the expected parts"
            },
            failures.join("\n\n")
        );
    }
    eprintln!("{count} optimizer cases passed");
}

#[test]
fn bless_rewrites_only_the_expected_parts() {
    let text = "# pass: rewrite\n[i0]\njump(i0)\n---- expected ----\nold\n========\n# pass: pure\n[i0]\njump(i0)\n";
    let out = bless(
        text,
        &[Some("new\n".to_string()), Some("added\n".to_string())],
    );
    assert_eq!(
        out,
        "# pass: rewrite\n[i0]\njump(i0)\n---- expected ----\nnew\n========\n# pass: pure\n[i0]\njump(i0)\n---- expected ----\nadded\n"
    );
    let cases = split_cases(&out);
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[1].expected.as_deref(), Some("added\n"));
}

/// Running traces before and after optimization on the reference backend, to catch
/// miscompiles that a blessed golden output would hide.
///
/// A trace is run when it ends in `finish` or jumps back into itself (a loop), and makes
/// no calls or raw field accesses (there are no functions or raw memory to give it);
/// array items, GC or raw, need constant indices below [`MAX_INDEX`], and a raw array's
/// base must be an int input used for nothing else (except passing it on in a label,
/// jump, finish or fail args): such an input is the address of one of two raw buffers,
/// picked at random. Int and float inputs take values
/// from a pool of interesting numbers and the neighbours of the trace's constants, ref
/// inputs one of two zeroed objects (so refs alias sometimes) whose class word is
/// `node_vtable`. Both traces start from the same memory; they must leave by the same
/// guard (named by its resume data, which unroll's copies of a guard share) with the same
/// fail-arg values, or by the finish with the same values, and leave the input objects
/// with the same contents. A loop runs with fuel: a counter carried around it stops it
/// after [`FUEL`] iterations, and an input for which the original runs out is skipped
/// (the optimized loop, whose preamble is an extra iteration, never runs out first when it
/// is right). A failing `guard_nonnull_class`
/// of the optimized trace stands for the guard it strengthened (it fails earlier, with
/// the earlier guard's resume data, which is correct), and a fail arg holding a virtual
/// (see `virtualize`) stands for the new object the original passes there.
mod semantic {
    use super::*;
    use jitsupport_trace::backend::reference::ReferenceBackend;
    use jitsupport_trace::backend::{Backend, DeadFrame, Exit, Word};

    /// The largest constant array index a run trace may use, exclusive.
    pub const MAX_INDEX: i64 = 8;
    /// The size of each input object, in words.
    const OBJECT_WORDS: usize = 32;
    /// Input vectors tried per case.
    const RUNS: usize = 40;
    /// How many iterations a loop may run (the optimized loop's preamble is one more).
    const FUEL: Word = 2000;

    /// The positions of the inputs of `trace` that are raw array bases.
    pub fn raw_bases(trace: &Trace) -> Vec<usize> {
        use Opcode::*;
        let mut bases: Vec<usize> = trace
            .ops
            .iter()
            .filter(|op| {
                matches!(
                    op.opcode,
                    GetarrayitemRawI | GetarrayitemRawF | SetarrayitemRaw
                )
            })
            .filter_map(|op| {
                let b = op.arg(0).as_box()?;
                trace.inputs.iter().position(|&x| x == b)
            })
            .collect();
        bases.sort_unstable();
        bases.dedup();
        bases
    }

    /// Whether `trace` can run on the reference backend with made-up inputs, the inputs at
    /// positions `raw` being raw array bases.
    pub fn runnable(trace: &Trace, raw: &[usize]) -> bool {
        use Opcode::*;
        let is_raw_base = |v: Value| {
            v.as_box()
                .and_then(|b| trace.inputs.iter().position(|&x| x == b))
                .is_some_and(|i| raw.contains(&i))
        };
        let in_range = |v: Value| v.as_int().is_some_and(|i| (0..MAX_INDEX).contains(&i));
        (trace.ops.last().is_some_and(|op| op.opcode == Finish) || optimizeopt::is_loop(trace))
            && trace.ops.iter().all(|op| match op.opcode {
                _ if op.opcode.is_call() => false,
                GetfieldRawI | GetfieldRawF | SetfieldRaw | GuardNotInvalidated => false,
                GetarrayitemRawI | GetarrayitemRawF | SetarrayitemRaw => {
                    is_raw_base(op.arg(0))
                        && in_range(op.arg(1))
                        && op.args[2..].iter().all(|&v| !is_raw_base(v))
                }
                Label | Jump | Finish => true,
                _ if op.args.iter().any(|&v| is_raw_base(v)) => false,
                GetarrayitemGcI | GetarrayitemGcF | SetarrayitemGc => op
                    .arg(1)
                    .as_int()
                    .is_some_and(|i| (0..MAX_INDEX).contains(&i)),
                // Reading a field of a ref that might be null, or a ref read from memory
                // (null in zeroed objects), is out of bounds here.
                GetfieldGcR => false,
                NewArray | NewArrayClear => op
                    .arg(0)
                    .as_int()
                    .is_some_and(|n| (0..MAX_INDEX).contains(&n)),
                _ => true,
            })
    }

    /// A small deterministic generator.
    pub struct Rng(pub u64);
    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        pub fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        /// An int: the neighbours of the trace's constants (`hints`) are the likeliest.
        pub fn int_near(&mut self, hints: &[i64]) -> i64 {
            if !hints.is_empty() && self.below(2) == 0 {
                let c = hints[self.below(hints.len())];
                c.wrapping_add(self.below(3) as i64 - 1)
            } else {
                self.int()
            }
        }

        pub fn int(&mut self) -> i64 {
            const POOL: [i64; 20] = [
                0,
                1,
                -1,
                2,
                3,
                7,
                8,
                9,
                10,
                11,
                20,
                99,
                100,
                101,
                255,
                256,
                i64::MAX,
                i64::MIN,
                i64::MAX - 1,
                i64::MIN + 1,
            ];
            if self.below(4) == 0 {
                self.next() as i64
            } else {
                POOL[self.below(POOL.len())]
            }
        }
        pub fn float(&mut self) -> f64 {
            const POOL: [f64; 8] = [0.0, -0.0, 1.0, -1.5, 3.75, f64::NAN, f64::INFINITY, 1e300];
            POOL[self.below(POOL.len())]
        }
    }

    /// A value as the comparison sees it: the address of an input object by the object's
    /// number, the address of an object the trace allocated as `Fresh` (addresses differ
    /// between runs), anything else as its bits.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Val {
        Obj(usize),
        Fresh,
        Bits(Word),
    }

    /// The outcome of one run: the exit, the values, and the input objects' contents
    /// afterwards.
    #[derive(Debug, PartialEq)]
    struct Outcome {
        exit: String,
        values: Vec<Val>,
        memory: Vec<Vec<Val>>,
    }

    /// How a run left the trace: its outcome, and for a guard its number and opcode.
    type Ran = (Outcome, Option<(u32, Opcode)>);

    /// The resume index of the guard [`with_fuel`] adds.
    const FUEL_RESUME: u32 = u32::MAX;

    /// `trace` with an iteration counter: a last int input, carried by every label and
    /// the jump, decremented before the jump by a guard that fails (as `fuel`) when it
    /// reaches zero. A straight trace comes back as it is.
    fn with_fuel(trace: &Trace) -> Trace {
        let mut t = trace.clone();
        if t.ops.last().is_none_or(|op| op.opcode != Opcode::Jump) {
            return t;
        }
        let counter = t.add_input(Kind::Int);
        for op in t.ops.iter_mut().filter(|op| op.opcode == Opcode::Label) {
            op.args.push(Value::Box(counter));
        }
        let Some(mut jump) = t.ops.pop() else {
            return t;
        };
        let (left, more) = (t.new_box(Kind::Int), t.new_box(Kind::Int));
        t.push_op(Op::new(
            Opcode::IntSub,
            vec![Value::Box(counter), Value::ConstInt(1)],
            Some(left),
        ));
        t.push_op(Op::new(
            Opcode::IntGt,
            vec![Value::Box(left), Value::ConstInt(0)],
            Some(more),
        ));
        let fuel = std::rc::Rc::new(GuardDescr::new(FUEL_RESUME, FUEL_RESUME));
        t.push_guard(Opcode::GuardTrue, vec![Value::Box(more)], fuel, Vec::new());
        jump.args.push(Value::Box(left));
        t.push_op(jump);
        t
    }

    /// Runs `trace` with `inputs` (ref inputs, and the int inputs at positions `raw`, are
    /// object numbers); a loop runs for at most [`FUEL`] iterations of its last label (the
    /// exit `fuel` says it ran out).
    fn run(trace: &Trace, inputs: &[Word], raw: &[usize]) -> Result<Ran, String> {
        let fuelled = with_fuel(trace);
        let mut args = inputs.to_vec();
        if fuelled.inputs.len() > trace.inputs.len() {
            args.push(FUEL);
        }
        run_trace(&fuelled, &args, raw)
    }

    /// Runs `trace` with `inputs` (ref inputs and raw bases are object numbers) on this
    /// thread.
    fn run_trace(trace: &Trace, inputs: &[Word], raw: &[usize]) -> Result<Ran, String> {
        use std::cell::RefCell;
        use std::rc::Rc;
        // Two objects for ref inputs, two buffers for raw bases (raw memory is not GC
        // memory: the optimizer may assume they never overlap).
        let mut objects: Vec<Box<[Word; OBJECT_WORDS]>> = (0..4)
            .map(|_| {
                let mut o = Box::new([0 as Word; OBJECT_WORDS]);
                o[0] = 4096 << 32;
                o
            })
            .collect();
        let addrs: Vec<Word> = objects.iter_mut().map(|o| o.as_mut_ptr() as Word).collect();
        let args: Vec<Word> = trace
            .inputs
            .iter()
            .zip(inputs)
            .enumerate()
            .map(|(i, (b, &w))| {
                if raw.contains(&i) {
                    addrs[2 + w as usize]
                } else if b.kind() == Kind::Ref {
                    addrs[w as usize]
                } else {
                    w
                }
            })
            .collect();
        // Allocations the trace makes, kept alive until the outcome is read.
        let fresh: Rc<RefCell<Vec<Box<[Word]>>>> = Rc::default();
        let hook_fresh = fresh.clone();
        let mut backend = ReferenceBackend::with_alloc_hook(Box::new(move |size, _class| {
            let mut block = vec![0 as Word; size.div_ceil(8).max(1)].into_boxed_slice();
            let addr = block.as_mut_ptr() as usize;
            hook_fresh.borrow_mut().push(block);
            addr
        }));
        let id = backend.compile_loop(trace).map_err(|e| e.to_string())?;
        let frame: DeadFrame = backend.execute(id, &args);
        let val = |w: Word| {
            if let Some(n) = addrs.iter().position(|&a| a == w) {
                Val::Obj(n)
            } else if fresh.borrow().iter().any(|b| b.as_ptr() as Word == w) {
                Val::Fresh
            } else {
                Val::Bits(w)
            }
        };
        // A guard is named by its resume data: unroll's copies of a guard resume where
        // the original does.
        let (exit, guard) = match &frame.exit {
            Exit::Finish(_) => ("finish".to_string(), None),
            Exit::Guard(g) => {
                let opcode = trace
                    .ops
                    .iter()
                    .find(|op| op.guard_descr().is_some_and(|d| Rc::ptr_eq(d, g)))
                    .map_or(Opcode::GuardTrue, |op| op.opcode);
                if g.resume == FUEL_RESUME {
                    ("fuel".to_string(), None)
                } else {
                    (format!("resume {}", g.resume), Some((g.number, opcode)))
                }
            }
        };
        let values = frame.values.iter().map(|&w| val(w)).collect();
        let memory = objects
            .iter()
            .map(|o| o.iter().map(|&w| val(w)).collect())
            .collect();
        Ok((
            Outcome {
                exit,
                values,
                memory,
            },
            guard,
        ))
    }

    /// Runs both traces on the same inputs and compares what they do. `virtual_slots`
    /// gives, for a guard number of the output, the fail-arg positions that hold a
    /// virtual (a placeholder that resume data replaces by a new object).
    pub fn check(
        input: &Trace,
        output: &Trace,
        virtual_slots: &dyn Fn(u32) -> Vec<usize>,
    ) -> Result<(), String> {
        let raw = raw_bases(input);
        if !runnable(input, &raw) || !runnable(output, &raw) {
            return Ok(());
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ input.ops.len() as u64);
        let hints: Vec<i64> = input
            .ops
            .iter()
            .flat_map(|op| op.args.iter().filter_map(|v| v.as_int()))
            .collect();
        for _ in 0..RUNS {
            let args: Vec<Word> = input
                .inputs
                .iter()
                .enumerate()
                .map(|(i, b)| match b.kind() {
                    Kind::Int if raw.contains(&i) => rng.below(2) as Word,
                    Kind::Int => rng.int_near(&hints) as Word,
                    Kind::Float => rng.float().to_bits(),
                    Kind::Ref => rng.below(2) as Word,
                })
                .collect();
            let (before, _) = run(input, &args, &raw)?;
            if before.exit == "fuel" {
                // The original runs long with these inputs (or forever).
                continue;
            }
            let (after, guard) = run(output, &args, &raw)?;
            let failed = guard.map(|(_, opcode)| opcode);
            let strengthened = failed == Some(Opcode::GuardNonnullClass)
                && before.exit.starts_with("resume")
                && before.memory == after.memory;
            // A guard's fail args may gain values (the fields of virtuals, which resume
            // data rebuilds): the values both have must agree.
            let n = before.values.len().min(after.values.len());
            let slots = guard
                .map(|(number, _)| virtual_slots(number))
                .unwrap_or_default();
            let values_agree = (0..n).all(|i| {
                before.values[i] == after.values[i]
                    || (slots.contains(&i) && before.values[i] == Val::Fresh)
            });
            let same = before.exit == after.exit
                && before.memory == after.memory
                && values_agree
                && (before.exit != "finish" || before.values.len() == after.values.len());
            if !same && !strengthened {
                return Err(format!(
                    "with inputs {args:?}:\n  before: {before:?}\n  after:  {after:?}"
                ));
            }
        }
        Ok(())
    }
}

/// A random-trace differential check (PyPy's `test_random.py` in small): random int
/// traces with arithmetic, comparisons, guards and overflow checks, optimized by the
/// int passes and by the whole chain, must compute what they computed before.
#[test]
fn random_traces_keep_their_meaning() {
    use semantic::Rng;
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut checked = 0;
    // OPTIMIZEOPT_SEEDS=n runs more (or fewer) random traces than the default.
    let seeds: u64 = std::env::var("OPTIMIZEOPT_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    for seed in 0..seeds {
        let trace_text = random_trace(&mut rng);
        let mut table = namespace();
        let input = parse(&trace_text, &mut table).unwrap_or_else(|e| {
            panic!("seed {seed}: the generated trace does not parse: {e}\n{trace_text}")
        });
        for passes in [
            vec![Pass::IntBounds],
            vec![Pass::Rewrite],
            vec![Pass::Pure],
            vec![Pass::IntBounds, Pass::Rewrite, Pass::Pure],
            ALL_PASSES.to_vec(),
        ] {
            let mut ctx = OptContext::new(&input);
            ctx.verify = true;
            let output = optimizeopt::optimize(input.clone(), &passes, &mut ctx)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{trace_text}"));
            if let Err(e) = semantic::check(&input, &output, &|n| virtual_slots(&ctx, n)) {
                panic!("seed {seed}, passes {passes:?}: {e}\ninput:\n{input}output:\n{output}");
            }
            // What the compiler runs last: the trace without its dead ops, index offsets
            // folded, comparisons next to their guards.
            let cleaned = optimizeopt::prepare_for_backend(output);
            ctx.check("prepare_for_backend", &cleaned)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
            if let Err(e) = semantic::check(&input, &cleaned, &|n| virtual_slots(&ctx, n)) {
                panic!("seed {seed}, passes {passes:?} and prepare_for_backend: {e}\ninput:\n{input}output:\n{cleaned}");
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// Random straight traces on two raw buffers (the same one half the time) through bytes
/// and words at constant indices, with arithmetic and guards between: the heap pass's raw
/// item cache and delayed raw writes, alone and in the chain, must keep their meaning.
#[test]
fn random_raw_traces_keep_their_meaning() {
    use semantic::Rng;
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let mut checked = 0;
    let seeds: u64 = std::env::var("OPTIMIZEOPT_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    for seed in 0..seeds {
        let trace_text = random_raw_trace(&mut rng);
        let mut table = namespace();
        let input = parse(&trace_text, &mut table).unwrap_or_else(|e| {
            panic!("seed {seed}: the generated trace does not parse: {e}\n{trace_text}")
        });
        assert!(
            semantic::runnable(&input, &semantic::raw_bases(&input)),
            "seed {seed}: the generated trace cannot run:\n{trace_text}"
        );
        for passes in [vec![Pass::Heap], ALL_PASSES.to_vec()] {
            let mut ctx = OptContext::new(&input);
            ctx.verify = true;
            let output = optimizeopt::optimize(input.clone(), &passes, &mut ctx)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{trace_text}"));
            let cleaned = optimizeopt::prepare_for_backend(output);
            if let Err(e) = semantic::check(&input, &cleaned, &|n| virtual_slots(&ctx, n)) {
                panic!("seed {seed}, passes {passes:?}: {e}\ninput:\n{input}output:\n{cleaned}");
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// A random trace for [`random_raw_traces_keep_their_meaning`]: inputs `i0` and `i1` are raw
/// bases, `i2` an int.
fn random_raw_trace(rng: &mut semantic::Rng) -> String {
    use std::fmt::Write;
    let mut text = String::from("[i0, i1, i2]\n");
    let mut vars: Vec<String> = vec!["i2".to_string()];
    let mut next = 3;
    let mut guard = 1;
    for _ in 0..4 + rng.below(16) {
        let base = ["i0", "i1"][rng.below(2)];
        let (descr, index) = if rng.below(2) == 0 {
            // Word 0 covers bytes 0 to 7.
            ("RawBytes", rng.below(8))
        } else {
            ("RawWords", rng.below(3))
        };
        let r = format!("i{next}");
        match rng.below(8) {
            0..=2 => {
                let _ = writeln!(
                    text,
                    "{r} = getarrayitem_raw_i({base}, {index}, descr=<ArrayDescr {descr}>)"
                );
            }
            3..=5 => {
                let v = if rng.below(4) == 0 {
                    ["0", "1", "255", "256", "-1"][rng.below(5)].to_string()
                } else {
                    vars[rng.below(vars.len())].clone()
                };
                let _ = writeln!(
                    text,
                    "setarrayitem_raw({base}, {index}, {v}, descr=<ArrayDescr {descr}>)"
                );
                continue;
            }
            6 => {
                let a = &vars[rng.below(vars.len())];
                let op = ["int_add", "int_sub", "int_and"][rng.below(3)];
                let c = ["1", "255", "3"][rng.below(3)];
                let _ = writeln!(text, "{r} = {op}({a}, {c})");
            }
            _ => {
                let a = &vars[rng.below(vars.len())];
                let fa = vars[rng.below(vars.len())].clone();
                let _ = writeln!(text, "{r} = int_lt({a}, 100)");
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let _ = writeln!(text, "{g}({r}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
            }
        }
        vars.push(r);
        next += 1;
    }
    let n = vars.len().min(4);
    let _ = writeln!(text, "finish({})", vars[vars.len() - n..].join(", "));
    text
}

/// A random trace over int inputs (and sometimes two objects), in the text form.
fn random_trace(rng: &mut semantic::Rng) -> String {
    use std::fmt::Write;
    let n_inputs = 1 + rng.below(3);
    let mut text = String::new();
    let mut vars: Vec<String> = (0..n_inputs).map(|i| format!("i{i}")).collect();
    // A third of the traces also take two objects (sometimes the same one) and guard,
    // compare, read and write them.
    let refs: Vec<String> = if rng.below(3) == 0 {
        vec![format!("p{n_inputs}"), format!("p{}", n_inputs + 1)]
    } else {
        Vec::new()
    };
    let inputs: Vec<String> = vars.iter().chain(&refs).cloned().collect();
    // Float boxes computed so far; the finish passes some of them on.
    let mut fvars: Vec<String> = Vec::new();
    let _ = writeln!(text, "[{}]", inputs.join(", "));
    let mut next = n_inputs + refs.len();
    let mut guard = 1;
    // Half the traces use small constants only, so that their guards relate (x < 10,
    // then x + 1 < 10, ...) and decided guards are common.
    let focused = rng.below(2) == 0;
    let consts: &[i64] = if focused {
        &[0, 1, 2, 3, 5, 8, 9, 10, 11, -1, -2]
    } else {
        &[
            0,
            1,
            -1,
            2,
            3,
            7,
            8,
            10,
            63,
            64,
            100,
            255,
            i64::MAX,
            i64::MIN,
        ]
    };
    let binops: &[&str] = if focused {
        &[
            "int_add",
            "int_sub",
            "int_add",
            "int_sub",
            "int_mul",
            "int_and",
            "int_lt",
            "int_ge",
            "int_floordiv",
            "int_mod",
        ]
    } else {
        &[
            "int_add",
            "int_sub",
            "int_mul",
            "int_and",
            "int_or",
            "int_xor",
            "int_lt",
            "int_le",
            "int_eq",
            "int_ne",
            "int_gt",
            "int_ge",
            "uint_lt",
            "uint_ge",
            "int_floordiv",
            "int_mod",
            "int_lshift",
            "int_rshift",
            "uint_rshift",
        ]
    };
    let unops = [
        "int_neg",
        "int_invert",
        "int_is_zero",
        "int_is_true",
        "int_force_ge_zero",
    ];
    let n_ops = 3 + rng.below(14);
    for _ in 0..n_ops {
        let pick = |rng: &mut semantic::Rng, vars: &Vec<String>| {
            if rng.below(3) == 0 {
                consts[rng.below(consts.len())].to_string()
            } else {
                vars[rng.below(vars.len())].clone()
            }
        };
        let fail_args = |rng: &mut semantic::Rng, vars: &Vec<String>| {
            let n = 1 + rng.below(vars.len().min(3));
            (0..n)
                .map(|_| vars[rng.below(vars.len())].clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let r = format!("i{next}");
        // With objects, half the ops are about them (choices 12 to 17); without, a few
        // are float ops (choices 18 to 20).
        let choice = if refs.is_empty() {
            match rng.below(15) {
                k if k >= 12 => k + 6,
                k => k,
            }
        } else {
            match rng.below(24) {
                k if k >= 12 => 12 + (k - 12) % 6,
                k => k,
            }
        };
        match choice {
            0..=4 => {
                let op = binops[rng.below(binops.len())];
                let a = pick(rng, &vars);
                // Divisors and shift counts the tracer would have guarded: constants in range.
                let b = match op {
                    "int_floordiv" | "int_mod" => {
                        ["1", "2", "3", "8", "-4", "7"][rng.below(6)].to_string()
                    }
                    "int_lshift" | "int_rshift" | "uint_rshift" => (rng.below(64)).to_string(),
                    _ => pick(rng, &vars),
                };
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
            }
            5 => {
                let op = unops[rng.below(unops.len())];
                let a = pick(rng, &vars);
                let _ = writeln!(text, "{r} = {op}({a})");
            }
            6 | 7 => {
                let op = ["int_add_ovf", "int_sub_ovf", "int_mul_ovf"][rng.below(3)];
                let (a, b) = (pick(rng, &vars), pick(rng, &vars));
                let fa = fail_args(rng, &vars);
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                let _ = writeln!(text, "guard_no_overflow(descr=<Guard{guard}>) [{fa}]");
                guard += 1;
            }
            8..=10 => {
                // A comparison and a guard on it.
                let op =
                    ["int_lt", "int_ge", "int_le", "int_gt", "uint_lt", "int_ne"][rng.below(6)];
                // Mostly an input against a small constant, so that guards relate.
                let a = if rng.below(3) > 0 {
                    format!("i{}", rng.below(n_inputs))
                } else {
                    vars[rng.below(vars.len())].clone()
                };
                let b = if rng.below(3) > 0 {
                    consts[rng.below(consts.len())].to_string()
                } else {
                    pick(rng, &vars)
                };
                let fa = fail_args(rng, &vars);
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                let _ = writeln!(text, "{g}({r}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
            }
            12 => {
                let p = &refs[rng.below(2)];
                let fa = fail_args(rng, &vars);
                let g = ["guard_nonnull", "guard_nonnull", "guard_isnull"][rng.below(3)];
                let _ = writeln!(text, "{g}({p}, descr=<Guard{guard}>) [{fa}, {p}]");
                guard += 1;
                continue;
            }
            13 => {
                let p = &refs[rng.below(2)];
                let fa = fail_args(rng, &vars);
                let g = ["guard_class", "guard_nonnull_class"][rng.below(2)];
                let class = [
                    "ConstClass(node_vtable)",
                    "ConstClass(node_vtable)",
                    "ConstClass(other_vtable)",
                ][rng.below(3)];
                let _ = writeln!(text, "{g}({p}, {class}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
                continue;
            }
            14 => {
                let (a, b) = (&refs[rng.below(2)], &refs[rng.below(2)]);
                let b = if rng.below(3) == 0 {
                    "NULL"
                } else {
                    b.as_str()
                };
                let op = ["ptr_eq", "ptr_ne"][rng.below(2)];
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let fa = fail_args(rng, &vars);
                let _ = writeln!(text, "{r} = {op}({a}, {b})");
                let _ = writeln!(text, "{g}({r}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
            }
            15 | 16 => {
                let p = &refs[rng.below(2)];
                let field = ["Node.value", "Node.flag"][rng.below(2)];
                let _ = writeln!(text, "{r} = getfield_gc_i({p}, descr=<FieldDescr {field}>)");
            }
            17 => {
                let p = &refs[rng.below(2)];
                let field = ["Node.value", "Node.flag"][rng.below(2)];
                let v = pick(rng, &vars);
                let _ = writeln!(text, "setfield_gc({p}, {v}, descr=<FieldDescr {field}>)");
                continue;
            }
            18 => {
                // A float from an int, and arithmetic on it.
                let f = format!("f{next}");
                let a = vars[rng.below(vars.len())].clone();
                let _ = writeln!(text, "{f} = cast_int_to_float({a})");
                let g = format!("f{}", next + 1);
                let op = ["float_add", "float_sub", "float_mul", "float_truediv"][rng.below(4)];
                let c = ["0.0", "-0.0", "1.0", "-1.0", "2.5", "nan", "inf"][rng.below(7)];
                // Sometimes on an earlier float (a NaN or an infinity, maybe).
                let f = if !fvars.is_empty() && rng.below(2) == 0 {
                    fvars[rng.below(fvars.len())].clone()
                } else {
                    f
                };
                let (x, y) = if rng.below(2) == 0 {
                    (f.as_str(), c)
                } else {
                    (c, f.as_str())
                };
                let _ = writeln!(text, "{g} = {op}({x}, {y})");
                let h = format!("f{}", next + 2);
                let un = ["float_neg", "float_abs"][rng.below(2)];
                let _ = writeln!(text, "{h} = {un}({g})");
                let _ = writeln!(text, "i{} = cast_float_to_int({h})", next + 3);
                fvars.push(g);
                fvars.push(h);
                next += 3;
                vars.push(format!("i{next}"));
                next += 1;
                continue;
            }
            19 => {
                let a = vars[rng.below(vars.len())].clone();
                let f = format!("f{next}");
                let _ = writeln!(text, "{f} = cast_int_to_float({a})");
                let op = [
                    "float_lt", "float_le", "float_eq", "float_ne", "float_gt", "float_ge",
                ][rng.below(6)];
                let c = ["0.0", "1.0", "10.0", "nan", "-inf"][rng.below(5)];
                let cmp = format!("i{}", next + 1);
                let _ = writeln!(text, "{cmp} = {op}({f}, {c})");
                let g = ["guard_true", "guard_false"][rng.below(2)];
                let fa = fail_args(rng, &vars);
                let _ = writeln!(text, "{g}({cmp}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
                next += 1;
                vars.push(cmp);
                next += 1;
                continue;
            }
            20 => {
                // Folding of float constants, and the double negation.
                let f = format!("f{next}");
                let c1 = ["1.5", "-0.0", "nan", "3.0"][rng.below(4)];
                let c2 = ["2.0", "0.0", "-inf", "1.0"][rng.below(4)];
                let _ = writeln!(text, "{f} = float_mul({c1}, {c2})");
                let g = format!("f{}", next + 1);
                let _ = writeln!(text, "{g} = float_neg({f})");
                let h = format!("f{}", next + 2);
                let _ = writeln!(text, "{h} = float_neg({g})");
                let _ = writeln!(text, "i{} = cast_float_to_int({h})", next + 3);
                fvars.push(h);
                next += 3;
                vars.push(format!("i{next}"));
                next += 1;
                continue;
            }
            _ => {
                let a = vars[rng.below(vars.len())].clone();
                let fa = fail_args(rng, &vars);
                let c = consts[rng.below(consts.len())];
                let _ = writeln!(text, "guard_value({a}, {c}, descr=<Guard{guard}>) [{fa}]");
                guard += 1;
                continue;
            }
        }
        vars.push(r);
        next += 1;
    }
    let k = 1 + rng.below(vars.len().min(4));
    let mut results: Vec<String> = (0..k)
        .map(|_| vars[rng.below(vars.len())].clone())
        .collect();
    results.extend(fvars.iter().rev().take(2).cloned());
    let _ = writeln!(text, "finish({})", results.join(", "));
    text
}
