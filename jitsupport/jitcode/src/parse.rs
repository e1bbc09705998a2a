//! The parser of the jitcode text form that [`super::print`] writes.
//!
//! It reads a whole registry: `function "name"`, `descr <...>` and `portal "name"` header
//! lines, then `jitcode "name" i=N r=N f=N` sections of instructions (indented) and labels
//! (`L1:`). Blank lines and lines starting with `#` are skipped. Jitcodes are numbered in
//! the order of their sections; descrs used by instructions are looked up in the descr
//! table by value and added when missing, so hand-written texts may leave the header out.
//! Every bad line is reported, each with its line number.

use super::assembler::{Arg, Assembler, Label};
use super::{ArrayDescr, CallDescr, CallFlags, Descr, FieldDescr, JitCodes, Kind, Opcode};
use super::{RefConst, SizeDescr};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A line the parser could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line number, from 1.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a registry's text form; on failure, every error found.
pub fn parse(text: &str) -> Result<JitCodes, Vec<ParseError>> {
    let mut codes = JitCodes::new();
    let mut errors = Vec::new();
    // Jitcodes are declared first, so that inline calls and `<JitCode>` descrs can refer
    // to any of them and their indices follow the text.
    for (n, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("jitcode ") {
            match string_literal(rest) {
                Ok((name, _)) => {
                    codes.declare_jitcode(&name);
                }
                Err(message) => errors.push(ParseError {
                    line: n + 1,
                    message,
                }),
            }
        }
    }
    let mut current: Option<(Assembler, HashMap<String, Label>)> = None;
    let finish = |current: Option<(Assembler, HashMap<String, Label>)>,
                  codes: &mut JitCodes,
                  errors: &mut Vec<ParseError>,
                  line: usize| {
        if let Some((asm, _)) = current {
            match asm.finish() {
                Ok(jitcode) => {
                    codes.set_jitcode(jitcode);
                }
                Err(e) => errors.push(ParseError {
                    line,
                    message: e.to_string(),
                }),
            }
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let result = if let Some(rest) = raw.strip_prefix("jitcode ") {
            finish(current.take(), &mut codes, &mut errors, n + 1);
            jitcode_header(rest).map(|asm| current = Some((asm, HashMap::new())))
        } else if let Some(rest) = raw.strip_prefix("function ") {
            string_literal(rest).map(|(name, _)| {
                codes.add_function(&name, None);
            })
        } else if let Some(rest) = raw.strip_prefix("descr ") {
            parse_descr(&mut codes, rest.trim()).map(|_| ())
        } else if let Some(rest) = raw.strip_prefix("portal ") {
            string_literal(rest).map(|(name, _)| {
                let index = codes.declare_jitcode(&name);
                codes.portals.to_mut().push(index);
            })
        } else {
            match current.as_mut() {
                None => Err("an instruction or label outside a `jitcode` section".to_owned()),
                Some((asm, labels)) => {
                    if let Some(name) = line.strip_suffix(':') {
                        let label = label(asm, labels, name);
                        asm.bind(label);
                        Ok(())
                    } else {
                        instruction(&mut codes, asm, labels, line)
                    }
                }
            }
        };
        if let Err(message) = result {
            errors.push(ParseError {
                line: n + 1,
                message,
            });
        }
    }
    finish(
        current.take(),
        &mut codes,
        &mut errors,
        text.lines().count(),
    );
    if errors.is_empty() {
        Ok(codes)
    } else {
        Err(errors)
    }
}

fn jitcode_header(rest: &str) -> Result<Assembler, String> {
    let (name, rest) = string_literal(rest)?;
    let mut asm = Assembler::new(name);
    for part in rest.split_whitespace() {
        let (kind, n) = part
            .split_once('=')
            .and_then(|(k, n)| {
                Some((
                    Kind::from_letter(k.chars().next()?)?,
                    n.parse::<u16>().ok()?,
                ))
            })
            .ok_or_else(|| {
                format!("expected `i=N r=N f=N` after the jitcode name, found `{part}`")
            })?;
        asm.reserve_regs(kind, n);
    }
    Ok(asm)
}

fn label(asm: &mut Assembler, labels: &mut HashMap<String, Label>, name: &str) -> Label {
    *labels
        .entry(name.to_owned())
        .or_insert_with(|| asm.new_label())
}

fn instruction(
    codes: &mut JitCodes,
    asm: &mut Assembler,
    labels: &mut HashMap<String, Label>,
    line: &str,
) -> Result<(), String> {
    let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
    let op = Opcode::from_name(name).ok_or_else(|| format!("unknown instruction `{name}`"))?;
    let (operands, result) = split_operands(rest)?;
    if op == Opcode::Live {
        let mut regs: [Vec<u8>; 3] = Default::default();
        for o in &operands {
            let (kind, r) = register(o)?;
            regs[kind as usize].push(r);
        }
        asm.live(&regs[0], &regs[1], &regs[2]);
        return Ok(());
    }
    let codes_str = op.argcodes();
    let (arg_codes, result_code) = codes_str.split_once('>').unwrap_or((codes_str, ""));
    if operands.len() != arg_codes.len() {
        return Err(format!(
            "`{name}` takes {} operands, {} given",
            arg_codes.len(),
            operands.len()
        ));
    }
    let mut args = Vec::new();
    for (i, (c, text)) in arg_codes.chars().zip(&operands).enumerate() {
        let arg = match c {
            'i' if i == 0 && op.is_residual_call() && text.starts_with("<Fn ") => {
                let inner = text.strip_prefix("<Fn ").and_then(|t| t.strip_suffix('>'));
                let (fname, _) = string_literal(inner.unwrap_or(""))?;
                Arg::Int(codes.add_function(&fname, None) as i64)
            }
            'i' | 'r' | 'f' => value(c, text)?,
            'I' | 'R' | 'F' => {
                let inner = text
                    .strip_prefix('[')
                    .and_then(|t| t.strip_suffix(']'))
                    .ok_or_else(|| format!("expected a list `[...]`, found `{text}`"))?;
                let (items, _) = split_operands(inner)?;
                let item_code = c.to_ascii_lowercase();
                Arg::List(
                    items
                        .iter()
                        .map(|t| value(item_code, t))
                        .collect::<Result<_, _>>()?,
                )
            }
            'L' => {
                if !text.starts_with('L') {
                    return Err(format!("expected a label, found `{text}`"));
                }
                Arg::Label(label(asm, labels, text))
            }
            'd' if op == Opcode::Switch => {
                let inner = text
                    .strip_prefix("<Switch")
                    .and_then(|t| t.strip_suffix('>'))
                    .ok_or_else(|| {
                        format!("expected `<Switch value:label, ...>`, found `{text}`")
                    })?;
                let mut cases = Vec::new();
                for case in inner.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let (v, l) = case
                        .split_once(':')
                        .and_then(|(v, l)| Some((v.trim().parse::<i64>().ok()?, l.trim())))
                        .ok_or_else(|| format!("bad switch case `{case}`"))?;
                    cases.push((v, label(asm, labels, l)));
                }
                Arg::Switch(cases)
            }
            'd' => Arg::Descr(parse_descr(codes, text)?),
            _ => return Err(format!("bad argcode `{c}`")),
        };
        args.push(arg);
    }
    match (result_code.chars().next(), result) {
        (Some(c), Some(text)) => {
            let (kind, r) = register(text)?;
            if Kind::from_letter(c) != Some(kind) {
                return Err(format!(
                    "the result of `{name}` is a `{c}` register, not `{text}`"
                ));
            }
            args.push(Arg::Reg(kind, r));
        }
        (Some(c), None) => return Err(format!("`{name}` needs a result: `-> %{c}N`")),
        (None, Some(_)) => return Err(format!("`{name}` has no result")),
        (None, None) => {}
    }
    asm.emit(op, args);
    Ok(())
}

/// A register `%i3`.
fn register(text: &str) -> Result<(Kind, u8), String> {
    let rest = text
        .strip_prefix('%')
        .ok_or_else(|| format!("expected a register, found `{text}`"))?;
    let mut chars = rest.chars();
    let kind = chars.next().and_then(Kind::from_letter);
    match (kind, chars.as_str().parse::<u8>()) {
        (Some(kind), Ok(r)) if rest.starts_with(['i', 'r', 'f']) => Ok((kind, r)),
        _ => Err(format!("bad register `{text}`")),
    }
}

/// A register or constant of the kind of argcode `c`.
fn value(c: char, text: &str) -> Result<Arg, String> {
    let kind = Kind::from_letter(c).ok_or_else(|| format!("bad argcode `{c}`"))?;
    if text.starts_with('%') {
        let (k, r) = register(text)?;
        if k != kind {
            return Err(format!("expected a `{c}` operand, found `{text}`"));
        }
        return Ok(Arg::Reg(k, r));
    }
    let lit = text
        .strip_prefix('$')
        .ok_or_else(|| format!("expected a register or `$constant`, found `{text}`"))?;
    let bad = || format!("bad {kind} constant `{text}`");
    match kind {
        Kind::Int => lit.parse::<i64>().map(Arg::Int).map_err(|_| bad()),
        Kind::Float => lit.parse::<f64>().map(Arg::Float).map_err(|_| bad()),
        Kind::Ref => {
            if let Some(hex) = lit.strip_prefix("0x") {
                usize::from_str_radix(hex, 16)
                    .map(|a| Arg::Ref(RefConst::Addr(a)))
                    .map_err(|_| bad())
            } else {
                let (s, rest) = string_literal(lit)?;
                if !rest.trim().is_empty() {
                    return Err(bad());
                }
                Ok(Arg::Ref(RefConst::Str(Cow::Owned(s))))
            }
        }
    }
}

/// Splits operands at top-level commas, and the result after a top-level `->`.
fn split_operands(text: &str) -> Result<(Vec<&str>, Option<&str>), String> {
    let mut parts = Vec::new();
    let (mut angle, mut square, mut quoted, mut escaped) = (0i32, 0i32, false, false);
    let mut start = 0;
    let mut result = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => quoted = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => quoted = true,
                b'<' => angle += 1,
                b'>' if i > 0 && bytes[i - 1] == b'-' && angle == 0 && square == 0 => {
                    parts.push(&text[start..i - 1]);
                    result = Some(text[i + 1..].trim());
                    start = bytes.len();
                    break;
                }
                // An arrow inside a descr (`<Call ... -> i>`) closes nothing.
                b'>' if i > 0 && bytes[i - 1] == b'-' => {}
                b'>' => angle -= 1,
                b'[' => square += 1,
                b']' => square -= 1,
                b',' if angle == 0 && square == 0 => {
                    parts.push(&text[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    if quoted || angle != 0 || square != 0 {
        return Err(format!("unbalanced quotes or brackets in `{text}`"));
    }
    if start < bytes.len() {
        parts.push(&text[start..]);
    }
    let parts: Vec<&str> = parts.into_iter().map(str::trim).collect();
    let parts = if parts.len() == 1 && parts[0].is_empty() {
        Vec::new()
    } else {
        parts
    };
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!("empty operand in `{text}`"));
    }
    Ok((parts, result))
}

/// Reads a Rust string literal (as `{:?}` prints it) at the start of `text`; returns the
/// string and the rest of the text.
fn string_literal(text: &str) -> Result<(String, &str), String> {
    let text = text.trim_start();
    let bad = || format!("expected a string literal, found `{text}`");
    let mut chars = text.char_indices();
    if chars.next().map(|(_, c)| c) != Some('"') {
        return Err(bad());
    }
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &text[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or_else(bad)?;
                out.push(match e {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    '\\' | '"' | '\'' => e,
                    'u' => {
                        let rest = &text[i + 2..];
                        let end = rest.find('}').ok_or_else(bad)?;
                        let hex = rest.get(1..end).ok_or_else(bad)?;
                        let c = u32::from_str_radix(hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(bad)?;
                        for _ in 0..end {
                            chars.next();
                        }
                        c
                    }
                    _ => return Err(bad()),
                });
            }
            c => out.push(c),
        }
    }
    Err(bad())
}

/// A memory type `i64`, `u8`, `ref`, `f64`: (kind, size, signed).
fn mem_type(text: &str) -> Result<(Kind, u8, bool), String> {
    let bad = || format!("bad memory type `{text}`: expected i8..i64, u8..u64, ref, f32 or f64");
    if text == "ref" {
        return Ok((Kind::Ref, 8, false));
    }
    if let Some(size) = text.strip_prefix("ref:") {
        let size: u8 = size.parse().map_err(|_| bad())?;
        return Ok((Kind::Ref, size, false));
    }
    let (kind, signed) = match text.chars().next() {
        Some('i') => (Kind::Int, true),
        Some('u') => (Kind::Int, false),
        Some('f') => (Kind::Float, true),
        _ => return Err(bad()),
    };
    let bits: u32 = text[1..].parse().map_err(|_| bad())?;
    match (kind, bits) {
        (Kind::Int, 8 | 16 | 32 | 64) | (Kind::Float, 32 | 64) => {
            Ok((kind, (bits / 8) as u8, signed))
        }
        _ => Err(bad()),
    }
}

fn offset(text: Option<&str>) -> Result<usize, String> {
    text.and_then(|t| t.strip_prefix('+'))
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| format!("expected an offset `+N`, found `{}`", text.unwrap_or("")))
}

/// Parses a descr's printed form and returns its index, adding it to the table if needed.
fn parse_descr(codes: &mut JitCodes, text: &str) -> Result<u16, String> {
    let inner = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(|| format!("expected a descr `<...>`, found `{text}`"))?;
    let (tag, rest) = inner
        .split_once(' ')
        .ok_or_else(|| format!("bad descr `{text}`"))?;
    let (name, rest) = string_literal(rest)?;
    let name = Cow::Owned(name);
    let mut words = rest.split_whitespace();
    let descr = match tag {
        "Field" => {
            let offset = offset(words.next())?;
            let (kind, size, signed) = mem_type(words.next().unwrap_or(""))?;
            let immutable = match words.next() {
                None => false,
                Some("immutable") => true,
                Some(w) => return Err(format!("unexpected `{w}` in `{text}`")),
            };
            Descr::Field(FieldDescr {
                name,
                offset,
                size,
                signed,
                kind,
                immutable,
            })
        }
        "Array" => {
            let base = offset(words.next())?;
            let (kind, item_size, signed) = mem_type(words.next().unwrap_or(""))?;
            let immutable = match words.next() {
                None => false,
                Some("immutable") => true,
                Some(w) => return Err(format!("unexpected `{w}` in `{text}`")),
            };
            Descr::Array(ArrayDescr {
                name,
                base,
                item_size,
                signed,
                kind,
                immutable,
            })
        }
        "Size" => {
            let size = words
                .next()
                .and_then(|w| w.parse().ok())
                .ok_or_else(|| format!("bad size in `{text}`"))?;
            // A GC type read from text has no registered type id.
            let gc = (words.next() == Some("gc")).then(|| super::GcType {
                name: name.clone(),
                type_id: super::GcType::unregistered,
            });
            Descr::Size(SizeDescr { name, size, gc })
        }
        "Call" => parse_call(name, rest).map_err(|m| format!("{m} in `{text}`"))?,
        "JitCode" => Descr::JitCode(codes.declare_jitcode(&name)),
        _ => return Err(format!("unknown descr `<{tag} ...>`")),
    };
    Ok(codes.add_descr(descr))
}

fn parse_call(name: Cow<'static, str>, rest: &str) -> Result<Descr, String> {
    let rest = rest.trim_start();
    let (args, rest) = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .ok_or_else(|| "expected `(kinds)`".to_owned())?;
    let arg_kinds = args
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.chars()
                .next()
                .and_then(Kind::from_letter)
                .filter(|_| a.len() == 1)
        })
        .collect::<Option<Vec<Kind>>>()
        .ok_or_else(|| "bad argument kinds".to_owned())?;
    let rest = rest
        .trim_start()
        .strip_prefix("->")
        .ok_or_else(|| "expected `-> kind`".to_owned())?;
    let (writes_part, rest) = match rest.split_once("writes=[") {
        Some((before, after)) => (after.strip_suffix(']'), before),
        None => (None, rest),
    };
    let mut words = rest.split_whitespace();
    let result = match words.next() {
        Some("void") => None,
        Some(k) if k.len() == 1 => Some(
            k.chars()
                .next()
                .and_then(Kind::from_letter)
                .ok_or("bad result kind")?,
        ),
        _ => return Err("bad result kind".to_owned()),
    };
    let mut flags = CallFlags::default();
    for w in words {
        match w {
            "elidable" => flags.elidable = true,
            "loop_invariant" => flags.loop_invariant = true,
            "can_panic" => flags.can_panic = true,
            "recursive" => flags.recursive = true,
            "random_effects" => flags.random_effects = true,
            _ => return Err(format!("unknown call flag `{w}`")),
        }
    }
    let writes = match writes_part {
        Some(w) => w
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.parse::<u16>()
                    .map_err(|_| format!("bad descr index `{w}` in writes"))
            })
            .collect::<Result<Vec<u16>, String>>()?,
        None => Vec::new(),
    };
    Ok(Descr::Call(CallDescr {
        name,
        arg_kinds: Cow::Owned(arg_kinds),
        result,
        flags,
        writes: Cow::Owned(writes),
    }))
}
