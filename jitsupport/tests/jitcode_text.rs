//! Golden and round-trip tests of the jitcode text form and the assembler.
//!
//! Each `tests/jitcode_golden/*.jit` file is a registry in text form that must parse and
//! print back exactly (`BLESS=1` rewrites the file with the printed form). Round trips also
//! go through bytes: text -> registry -> text -> registry gives the same bytes, and a
//! jitcode built with the assembler API prints, parses and encodes to the same bytes.

use jitsupport::jitcode::{
    parse, print_registry, Arg, Assembler, Descr, FieldDescr, JitCodes, Kind, Label, Opcode,
    RefConst,
};
use std::borrow::Cow;
use std::path::Path;

/// Prints a line diff of `expected` against `actual`.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => out.push_str(&format!("  {x}\n")),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("- {x}\n"));
                }
                if let Some(y) = y {
                    out.push_str(&format!("+ {y}\n"));
                }
            }
        }
    }
    out
}

fn parse_ok(text: &str, what: &str) -> JitCodes {
    match parse(text) {
        Ok(codes) => codes,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("{what} does not parse:\n{}", lines.join("\n"))
        }
    }
}

#[test]
fn golden_files_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jitcode_golden");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the golden directory exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jit"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a readable golden file");
        let codes = parse_ok(&text, &path.display().to_string());
        let printed = print_registry(&codes);
        if printed != text {
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&path, &printed).expect("a writable golden file");
            } else {
                failures.push(format!("{}:\n{}", path.display(), diff(&text, &printed)));
            }
        }
        // Text -> bytes -> text -> bytes: identical.
        if let Err(e) = jitsupport::jitcode::verify_all(&codes) {
            failures.push(format!("{}: {e}", path.display()));
        }
        let again = parse_ok(&printed, "the printed form");
        assert_eq!(
            again,
            codes,
            "{}: parsing the printed form changed the registry",
            path.display()
        );
    }
    assert!(
        failures.is_empty(),
        "golden mismatches (rerun with BLESS=1 to accept):\n{}",
        failures.join("\n")
    );
}

/// Builds operands for `op` of every argcode, so that every instruction is assembled.
fn sample_args(op: Opcode, codes: &mut JitCodes, label: Label) -> Vec<Arg> {
    let value = |kind: Kind, n: usize| match (kind, n % 2) {
        (k, 0) => Arg::Reg(k, (n % 3) as u8),
        (Kind::Int, _) => Arg::Int(n as i64 * 1000 - 3),
        (Kind::Ref, _) if n.is_multiple_of(3) => {
            Arg::Ref(RefConst::Str(Cow::Owned(format!("message {n}"))))
        }
        (Kind::Ref, _) => Arg::Ref(RefConst::Addr(0x7f00 + n)),
        (Kind::Float, _) => Arg::Float(n as f64 + 0.5),
    };
    let field = codes.add_descr(Descr::Field(FieldDescr {
        name: Cow::Borrowed("S.x"),
        offset: 8,
        size: 4,
        signed: true,
        kind: Kind::Int,
        immutable: false,
    }));
    let helper = codes.jitcode_descr("helper");
    let function = codes.add_function("residual", None) as i64;
    let mut args = Vec::new();
    let argcodes = op.argcodes();
    let mut chars = argcodes.chars().enumerate();
    while let Some((n, c)) = chars.next() {
        let arg = match c {
            'i' if n == 0 && op.is_residual_call() => Arg::Int(function),
            'i' | 'r' | 'f' => value(Kind::from_letter(c).unwrap(), n + op as usize),
            'I' | 'R' | 'F' => {
                let kind = Kind::from_letter(c).unwrap();
                Arg::List((0..n % 3).map(|k| value(kind, k + n)).collect())
            }
            'L' => Arg::Label(label),
            'd' if op == Opcode::Switch => Arg::Switch(vec![(1, label), (-2, label)]),
            'd' if op.is_call() && !op.is_residual_call() => Arg::Descr(helper),
            'd' => Arg::Descr(field),
            '>' => {
                let (_, k) = chars.next().unwrap();
                Arg::Reg(Kind::from_letter(k).unwrap(), 1)
            }
            other => panic!("argcode {other}"),
        };
        args.push(arg);
    }
    args
}

#[test]
fn every_instruction_assembles_prints_and_parses_back() {
    let mut codes = JitCodes::new();
    let mut asm = Assembler::new("all");
    let label = asm.new_label();
    asm.bind(label);
    for op in Opcode::ALL {
        if *op == Opcode::Live {
            asm.live(&[0, 2], &[1], &[]);
            continue;
        }
        let args = sample_args(*op, &mut codes, label);
        asm.emit(*op, args);
    }
    let jitcode = asm.finish().expect("assembles");
    codes.set_jitcode(jitcode);
    codes.set_jitcode(Assembler::new("helper").finish().expect("assembles"));
    let text = print_registry(&codes);
    let parsed = parse_ok(&text, "the printed form");
    let reprinted = print_registry(&parsed);
    assert_eq!(
        reprinted,
        text,
        "print -> parse -> print differs:\n{}",
        diff(&text, &reprinted)
    );
    assert_eq!(
        parsed.jitcodes[0].code, codes.jitcodes[0].code,
        "bytes differ after a round trip"
    );
    assert_eq!(parsed, codes);
    // Every instruction appears in the text.
    for op in Opcode::ALL {
        assert!(
            text.contains(&format!("\n    {}", op.name())),
            "{} is not printed",
            op.name()
        );
    }
}

#[test]
fn assembler_interns_constants_after_registers() {
    let mut asm = Assembler::new("f");
    asm.emit_key(
        "int_add/ii>i",
        vec![Arg::Reg(Kind::Int, 0), Arg::Int(10), Arg::Reg(Kind::Int, 1)],
    );
    asm.emit_key(
        "int_add/ii>i",
        vec![Arg::Reg(Kind::Int, 1), Arg::Int(10), Arg::Reg(Kind::Int, 1)],
    );
    asm.emit_key(
        "int_mul/ii>i",
        vec![Arg::Int(-1), Arg::Int(10), Arg::Reg(Kind::Int, 2)],
    );
    asm.emit_key("int_return/i", vec![Arg::Reg(Kind::Int, 2)]);
    let jc = asm.finish().expect("assembles");
    assert_eq!(jc.num_regs, [3, 0, 0]);
    assert_eq!(&*jc.const_ints, &[10, -1]);
    let add = Opcode::IntAdd as u8;
    let mul = Opcode::IntMul as u8;
    let ret = Opcode::IntReturn as u8;
    assert_eq!(
        &*jc.code,
        &[add, 0, 3, 1, add, 1, 3, 1, mul, 4, 3, 2, ret, 2]
    );
    assert_eq!(jc.size(), 14 + 16);
}

#[test]
fn assembler_reports_bugs_and_limits() {
    let mut asm = Assembler::new("bad");
    asm.emit(
        Opcode::IntAdd,
        vec![
            Arg::Reg(Kind::Int, 0),
            Arg::Float(1.0),
            Arg::Reg(Kind::Int, 1),
        ],
    );
    let err = asm.finish().unwrap_err().to_string();
    assert!(
        err.contains("int_add/ii>i") && err.contains("argcode `i`"),
        "{err}"
    );

    let mut asm = Assembler::new("unbound");
    let l = asm.new_label();
    asm.emit(Opcode::Goto, vec![Arg::Label(l)]);
    assert!(asm
        .finish()
        .unwrap_err()
        .to_string()
        .contains("never bound"));

    let mut asm = Assembler::new("big");
    for k in 0..300 {
        asm.emit(Opcode::IntCopy, vec![Arg::Int(k), Arg::Reg(Kind::Int, 0)]);
    }
    let err = asm.finish().unwrap_err().to_string();
    assert!(err.contains("too large") && err.contains("256"), "{err}");
}

#[test]
fn parser_reports_every_bad_line() {
    let text = "jitcode \"f\" i=1 r=0 f=0\n    int_add %i0, %r0 -> %i0\n    frobnicate\n    int_return %i0\n    goto L9\n";
    let errors = parse(text).unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines[..2], [2, 3], "{errors:?}");
    assert!(errors[0].message.contains("`i` operand"), "{}", errors[0]);
    assert!(errors[1]
        .message
        .contains("unknown instruction `frobnicate`"));
    assert!(
        errors.iter().any(|e| e.message.contains("never bound")),
        "{errors:?}"
    );
}

#[test]
fn liveness_lookup_by_offset() {
    let codes = parse_ok("jitcode \"f\" i=2 r=1 f=0\n    int_copy $1 -> %i1\n    -live- %i1, %r0\n    int_return %i1\n", "f");
    let jc = &codes.jitcodes[0];
    assert!(jc.liveness_at(0).is_none());
    let live = jc.liveness_at(3).expect("a -live- at offset 3");
    assert_eq!(
        (&*live.ints, &*live.refs, &*live.floats),
        (&[1u8][..], &[0u8][..], &[][..])
    );
}

#[test]
fn verifier_finds_malformed_jitcode() {
    let mut codes = parse_ok(
        "descr <Size \"S\" 8>\njitcode \"f\" i=1 r=1 f=0\n    getfield_gc_i %r0, <Size \"S\" 8> -> %i0\n    goto L1\nL1:\n    int_return %i0\n",
        "f",
    );
    let mut jc = codes.jitcodes[0].clone();
    let code = jc.code.to_mut();
    code[6] = 3; // the goto now jumps into the middle of the first instruction
    code[8] = Opcode::IntGuardValue as u8; // and the last instruction falls off the end
    codes.jitcodes.to_mut()[0] = jc;
    let err = jitsupport::jitcode::verify_all(&codes).unwrap_err();
    assert!(
        err.contains("a size descr, a field descr is needed"),
        "{err}"
    );
    assert!(err.contains("not the start of an instruction"), "{err}");
    assert!(err.contains("falls off the end"), "{err}");
}
