//! Golden tests of the text form and the verifier.
//!
//! `tests/text/*.txt`: a trace (or a PYPYLOG text), then `---- printed ----` and what the
//! printer makes of the parsed trace, or `---- errors ----` and the parse errors. The
//! printed form must parse back to an equal trace and print identically.
//!
//! `tests/verify/*.txt`: a trace that parses, then `---- errors ----` and the verifier's
//! errors (or `ok`).
//!
//! `BLESS=1 cargo test -p jitsupport-trace --test text_form` rewrites the expected parts.

use jitsupport_trace::*;
use std::fs;
use std::path::Path;

/// The descrs the golden files refer to.
fn table() -> DescrTable {
    let mut t = DescrTable::new();
    t.add_field(FieldDescr::word("Frame.pc", 8, Kind::Int));
    t.add_field(FieldDescr::word("Frame.stack", 16, Kind::Ref));
    t.add_field(FieldDescr::word("Frame.acc", 24, Kind::Float));
    t.add_field(FieldDescr {
        immutable: true,
        ..FieldDescr::word("Code.len", 8, Kind::Int)
    });
    t.add_array(ArrayDescr::words("Stack.items", Kind::Int));
    t.add_array(ArrayDescr::words("Refs", Kind::Ref));
    t.add_array(ArrayDescr {
        length_offset: None,
        ..ArrayDescr::words("Raw.bytes", Kind::Int)
    });
    t.add_size(SizeDescr {
        name: "Frame".to_string(),
        size: 32,
        type_id: None,
        fields: Vec::new(),
    });
    t.add_size(SizeDescr {
        name: "W_Int".to_string(),
        size: 16,
        type_id: Some(0x100),
        fields: Vec::new(),
    });
    t.add_call(CallDescr {
        name: "add".to_string(),
        arg_kinds: vec![Kind::Int, Kind::Int],
        result: Some(Kind::Int),
        effect: EffectInfo::elidable(),
    });
    t.add_call(CallDescr {
        name: "print".to_string(),
        arg_kinds: vec![Kind::Ref],
        result: None,
        effect: EffectInfo::random(),
    });
    t.add_const("add", Value::ConstInt(0x1234));
    t.add_const("print", Value::ConstInt(0x5678));
    t.add_const("W_Int", Value::ConstInt(0x100));
    t.add_const("null_frame", Value::ConstPtr(0));
    t
}

/// Splits a golden file at `marker`.
fn split<'a>(text: &'a str, markers: &[&'a str]) -> (&'a str, Option<(&'a str, &'a str)>) {
    for m in markers {
        if let Some((input, expected)) = text.split_once(m) {
            return (input, Some((m, expected.trim_start_matches('\n'))));
        }
    }
    (text, None)
}

/// Runs `check` on every `.txt` file of `dir`: it gets the input and returns the marker
/// and the actual expected part; compares, or rewrites under `BLESS=1`.
fn golden(dir: &str, check: impl Fn(&str) -> (String, String)) {
    let bless = std::env::var_os("BLESS").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no golden files in {}", dir.display());
    let mut failures = Vec::new();
    for path in entries {
        let text = fs::read_to_string(&path).expect("readable golden file");
        let (input, expected) = split(&text, &["---- printed ----", "---- errors ----"]);
        let (marker, actual) = check(input);
        let matches = match expected {
            Some((m, e)) => m == marker && e == actual,
            None => false,
        };
        if matches {
            continue;
        }
        if bless {
            let new = format!(
                "{}{marker}\n{actual}",
                input.trim_end_matches('\n').to_string() + "\n"
            );
            fs::write(&path, new).expect("writable golden file");
        } else {
            let expected = expected.map_or(String::new(), |(m, e)| format!("{m}\n{e}"));
            failures.push(format!(
                "{}:\n{}",
                path.display(),
                print::text_diff(&expected, &format!("{marker}\n{actual}"))
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}

#[test]
fn text_golden() {
    golden("tests/text", |input| {
        let mut t = table();
        let parsed = if input.contains("] {jit-log") {
            parse_log(input, &mut t).map(|sections| {
                sections
                    .into_iter()
                    .map(|s| {
                        let header = s.header.join("\n");
                        print::log_section(&s.category, 0x10, 0x20, &header, &s.trace)
                    })
                    .collect::<String>()
            })
        } else {
            parse(input, &mut t).map(|trace| trace.to_string())
        };
        match parsed {
            Ok(printed) => {
                // The printed form parses back to an equal trace that prints the same.
                let again = if input.contains("] {jit-log") {
                    parse_log(&printed, &mut t).map(|s| {
                        s.into_iter()
                            .map(|s| s.trace.to_string())
                            .collect::<String>()
                    })
                } else {
                    parse(&printed, &mut t).map(|trace| trace.to_string())
                };
                let again = again
                    .unwrap_or_else(|e| panic!("the printed form does not parse: {e}\n{printed}"));
                if !input.contains("] {jit-log") {
                    assert_eq!(again, printed, "printing is not idempotent");
                }
                ("---- printed ----".to_string(), printed)
            }
            Err(errors) => ("---- errors ----".to_string(), format!("{errors}\n")),
        }
    });
}

#[test]
fn verify_golden() {
    golden("tests/verify", |input| {
        let mut t = table();
        let trace = parse(input, &mut t).unwrap_or_else(|e| panic!("{e}"));
        let out = match verify(&trace) {
            Ok(()) => "ok\n".to_string(),
            Err(errors) => errors.iter().map(|e| format!("{e}\n")).collect(),
        };
        ("---- errors ----".to_string(), out)
    });
}

#[test]
fn parsed_traces_compare_modulo_renaming() {
    let mut t = table();
    let a = parse(
        "[i0, p1]
i2 = int_add(i0, 1)
guard_true(i2, descr=<Guard1>) [i0, p1]
jump(i2, p1)
",
        &mut t,
    )
    .unwrap();
    let b = parse(
        "[i10, p4]
i7 = int_add(i10, 1)
guard_true(i7) [i10, p4]
jump(i7, p4)
",
        &mut t,
    )
    .unwrap();
    equal_traces(&a, &b).unwrap();
    // A swapped argument, a different constant, a different fail-arg order: all differ.
    for other in [
        "[i0, p1]\ni2 = int_add(1, i0)\nguard_true(i2) [i0, p1]\njump(i2, p1)\n",
        "[i0, p1]\ni2 = int_add(i0, 2)\nguard_true(i2) [i0, p1]\njump(i2, p1)\n",
        "[i0, p1]\ni2 = int_add(i0, 1)\nguard_true(i2) [p1, i0]\njump(i2, p1)\n",
        "[i0, p1]\ni2 = int_add(i0, 1)\nguard_true(i2) [i0, p1]\njump(i0, p1)\n",
        "[i0, p1]\ni2 = int_add(i0, 1)\nguard_true(i2) [i0, p1]\nfinish(i2, p1)\n",
        "[p1, i0]\ni2 = int_add(i0, 1)\nguard_true(i2) [i0, p1]\njump(i2, p1)\n",
    ] {
        let c = parse(other, &mut t).unwrap();
        assert!(equal_traces(&a, &c).is_err(), "should differ:\n{other}");
    }
    // Renaming must be one to one: two boxes cannot map to one.
    let d = parse("[i0, i1]\nfinish(i0, i1)\n", &mut t).unwrap();
    let e = parse("[i0, i1]\nfinish(i0, i0)\n", &mut t).unwrap();
    assert!(equal_traces(&d, &e).is_err());
    // Labels compare modulo renaming of their tokens too.
    let f = parse(
        "[i0]\nlabel(i0, descr=<Label3>)\njump(i0, descr=<Label3>)\n",
        &mut t,
    )
    .unwrap();
    let g = parse(
        "[i0]\nlabel(i0, descr=<Label7>)\njump(i0, descr=<Label7>)\n",
        &mut t,
    )
    .unwrap();
    equal_traces(&f, &g).unwrap();
}

#[test]
fn built_traces_print() {
    let mut t = table();
    let pc = match t.get("<FieldDescr Frame.pc>") {
        Some(Descr::Field(f)) => f.clone(),
        _ => unreachable!(),
    };
    let mut trace = Trace::with_inputs(&[Kind::Int, Kind::Ref]);
    let (i0, p1) = (trace.inputs[0], trace.inputs[1]);
    let label = t.fresh_target();
    trace.push(
        Opcode::Label,
        vec![i0.into(), p1.into()],
        Some(Descr::Target(label.clone())),
    );
    let i2 = trace
        .push(Opcode::IntAdd, vec![i0.into(), Value::ConstInt(1)], None)
        .unwrap();
    let i3 = trace
        .push(Opcode::IntLt, vec![i2.into(), Value::ConstInt(100)], None)
        .unwrap();
    trace.push_guard(
        Opcode::GuardTrue,
        vec![i3.into()],
        t.fresh_guard(),
        vec![i0.into(), p1.into()],
    );
    trace.push(
        Opcode::SetfieldGc,
        vec![p1.into(), i2.into()],
        Some(Descr::Field(pc)),
    );
    trace.push(
        Opcode::Jump,
        vec![i2.into(), p1.into()],
        Some(Descr::Target(label)),
    );
    verify(&trace).unwrap();
    let text = "[i0, p1]
label(i0, p1, descr=<Label0>)
i2 = int_add(i0, 1)
i3 = int_lt(i2, 100)
guard_true(i3, descr=<Guard0>) [i0, p1]
setfield_gc(p1, i2, descr=<FieldDescr Frame.pc>)
jump(i2, p1, descr=<Label0>)
";
    assert_eq!(trace.to_string(), text);
    let reparsed = parse(text, &mut t).unwrap();
    assert_eq!(
        reparsed, trace,
        "a parse with the same table gives the same descrs and boxes"
    );
    // A log section of it, with the loop header.
    let section = print::log_section(
        "jit-log-opt-loop",
        0xabc,
        0xdef,
        &print::loop_header(0, "<code> #0 PUSH", &trace),
        &trace,
    );
    assert!(section.starts_with(
        "[abc] {jit-log-opt-loop\n# Loop 0 (<code> #0 PUSH) : loop with 6 ops\n[i0, p1]\n"
    ));
    assert!(section.ends_with("jump(i2, p1, descr=<Label0>)\n[def] jit-log-opt-loop}\n"));
    let sections = parse_log(&section, &mut t).unwrap();
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0].trace, trace);
}

/// Errors the parser cannot see because the text form cannot express them.
#[test]
fn verify_built_errors() {
    let mut trace = Trace::with_inputs(&[Kind::Int]);
    let i0 = trace.inputs[0];
    // A result of the wrong kind, a result on a void op, a missing result.
    let f1 = trace.new_box(Kind::Float);
    trace.push_op(Op::new(
        Opcode::IntAdd,
        vec![i0.into(), i0.into()],
        Some(f1),
    ));
    let i2 = trace.new_box(Kind::Int);
    trace.push_op(Op::new(
        Opcode::SetfieldGc,
        vec![Value::NULL, i0.into()],
        Some(i2),
    ));
    trace.push_op(Op::new(Opcode::IntSub, vec![i0.into(), i0.into()], None));
    // A box defined twice, and an input listed twice.
    trace.push_op(Op::new(Opcode::IntNeg, vec![i0.into()], Some(i0)));
    trace.inputs.push(i0);
    // A guard without fail args, a non-guard with fail args.
    let mut g = Op::new(Opcode::GuardTrue, vec![i0.into()], None);
    g.descr = Some(Descr::Guard(std::rc::Rc::new(GuardDescr::new(0, 0))));
    trace.push_op(g);
    trace.push_op(Op::new(Opcode::IntIsTrue, vec![i0.into()], None).with_fail_args(vec![]));
    trace.push_op(Op::new(Opcode::Finish, vec![], None));
    let errors: Vec<String> = verify(&trace)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    let expected = [
        "trace: input i0 is listed twice",
        "op 0: int_add gives an int, but its result box f1 is a float",
        "op 1: setfield_gc has no result, yet defines i2",
        "op 1: setfield_gc needs a field descr",
        "op 2: int_sub has no result box",
        "op 3: box i0 is defined twice",
        "op 4: guard_true has no fail args",
        "op 5: int_is_true has no result box",
        "op 5: int_is_true is not a guard but has fail args",
    ];
    assert_eq!(errors, expected);
}

/// Mangled texts (characters deleted, duplicated, swapped) never make the parser panic.
#[test]
fn parser_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/text");
    let mut corpus = String::new();
    for entry in fs::read_dir(dir).expect("tests/text") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("readable");
        corpus.push_str(split(&text, &["---- printed ----", "---- errors ----"]).0);
    }
    // Box numbers at the limit: an error, not a panic.
    let mut t = table();
    let errors = parse("[i1073741823, p1073741823]\nfinish()\n", &mut t).unwrap_err();
    assert!(errors.to_string().contains("below 2^30"), "{errors}");
    assert!(parse("[i1073741824]\nfinish()\n", &mut t).is_err());
    let chars: Vec<char> = corpus.chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let mut text = chars.clone();
        for _ in 0..1 + next() % 20 {
            let i = (next() as usize) % text.len();
            match next() % 4 {
                0 => {
                    text.remove(i);
                }
                1 => text.insert(i, text[i]),
                2 => text.insert(
                    i,
                    ['(', ')', '[', ']', '<', '>', '\'', ',', '=', '#', 'é']
                        [(next() % 11) as usize],
                ),
                _ => {
                    let j = (next() as usize) % text.len();
                    text.swap(i, j);
                }
            }
        }
        let text: String = text.into_iter().collect();
        let mut t = table();
        let _ = parse(&text, &mut t);
        let _ = parse_log(&text, &mut t);
        if let Ok(trace) = parse(&text, &mut t) {
            let _ = verify(&trace);
        }
    }
}

#[test]
fn guards_without_descr_get_unused_numbers() {
    let mut t = table();
    let trace = parse(
        "[i0]
guard_true(i0) [i0]
guard_false(i0, descr=<Guard0>) [i0]
guard_true(i0, descr=<Guard7 resume=2>) []
guard_true(i0) []
finish()
",
        &mut t,
    )
    .unwrap();
    verify(&trace).unwrap();
    let numbers: Vec<(u32, u32)> = trace
        .ops
        .iter()
        .filter_map(|op| op.guard_descr().map(|g| (g.number, g.resume)))
        .collect();
    assert_eq!(numbers, [(8, 8), (0, 0), (7, 2), (9, 9)]);
    // Huge numbers are accepted without overflow.
    assert!(parse(
        "[]\nguard_true(1, descr=<Guard4294967295>) []\nguard_true(1) []\nfinish()\n",
        &mut t
    )
    .is_ok());
}
