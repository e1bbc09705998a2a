//! The parser of the text form (PyPy `oparser.py`): reads what [`crate::print`] writes.
//!
//! Accepted besides the printer's output, for hand-written tests:
//! - blank lines and `#` comments (whole lines, or after an op);
//! - PYPYLOG section markers (`[1a2b3c] {jit-log-opt-loop`, `[1a2b3d] jit-log-opt-loop}`),
//!   skipped; [`parse_log`] splits a log into its sections instead;
//! - the `+123: ` offsets PyPy's backends prefix ops with in logs;
//! - a missing input line (no inputs);
//! - guards without a descr (a fresh `<GuardN>` is made) or without fail args (none);
//! - constants `ConstClass(name)` and `ConstPtr(name)` naming a constant of the
//!   [`DescrTable`], `NULL` for the null reference, ints in hex (`0x10`).
//!
//! Box names keep their numbers where they can (`i7` stays box 7); a name whose number
//! another kind already took gets a fresh number. Field, array, size and call descrs must
//! be declared in the table; guard descrs and `<LabelN>`, `<LoopN>`, `<FinishN>` tokens
//! are created on first use and added to it. All errors of a text are reported.

use crate::descr::{Descr, DescrTable, FinishDescr, LoopToken};
use crate::ops::{Kind, Opcode};
use crate::trace::{BoxId, Op, Trace, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::rc::Rc;

/// A parse error at a line (1-based, counted in the text given to the parser).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// All errors of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrors(pub Vec<ParseError>);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseErrors {}

/// A section of a PYPYLOG: its category, its `#` header comment lines, and the trace.
#[derive(Clone, Debug)]
pub struct LogSection {
    /// The section's category: `jit-log-opt-loop`, `jit-log-opt-bridge`, ...
    pub category: String,
    /// The section's `#` comment lines (`# Loop 0 (...) : loop with 7 ops`).
    pub header: Vec<String>,
    /// The trace of the section.
    pub trace: Trace,
}

/// Parses one trace. Section markers are skipped, so a pasted log section parses too.
pub fn parse(text: &str, table: &mut DescrTable) -> Result<Trace, ParseErrors> {
    parse_lines(text.lines().enumerate().map(|(i, l)| (i + 1, l)), table)
}

/// Splits a PYPYLOG text into its sections and parses the trace of each one whose
/// category starts with `jit-log-`; other sections (`jit-tracing`, `jit-summary`, ...) are
/// skipped, and may enclose the trace sections (sections nest).
pub fn parse_log(text: &str, table: &mut DescrTable) -> Result<Vec<LogSection>, ParseErrors> {
    let mut sections = Vec::new();
    let mut errors = Vec::new();
    // The open sections, innermost last, each with its own lines.
    let mut open: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        match section_marker(line) {
            Some(Marker::Start(category)) => open.push((category, Vec::new())),
            Some(Marker::End(category)) => match open.pop() {
                Some((start, lines)) if start == category => {
                    if !category.starts_with("jit-log-") {
                        continue;
                    }
                    let header = lines
                        .iter()
                        .map(|(_, l)| l.trim())
                        .filter(|l| l.starts_with('#'))
                        .map(str::to_string)
                        .collect();
                    match parse_lines(lines.into_iter(), table) {
                        Ok(trace) => sections.push(LogSection {
                            category: category.to_string(),
                            header,
                            trace,
                        }),
                        Err(ParseErrors(e)) => errors.extend(e),
                    }
                }
                Some((start, lines)) => {
                    errors.push(ParseError {
                        line: number,
                        message: format!(
                            "section {category} ends while section {start} is open: \
                             close {start} first"
                        ),
                    });
                    open.push((start, lines));
                }
                None => errors.push(ParseError {
                    line: number,
                    message: format!("section end {category} without its start"),
                }),
            },
            None => {
                if let Some((_, lines)) = open.last_mut() {
                    lines.push((number, line));
                }
            }
        }
    }
    for (category, _) in open.iter().rev() {
        errors.push(ParseError {
            line: text.lines().count(),
            message: format!("section {category} is not closed: add `[time] {category}}}`"),
        });
    }
    if errors.is_empty() {
        Ok(sections)
    } else {
        Err(ParseErrors(errors))
    }
}

enum Marker<'a> {
    Start(&'a str),
    End(&'a str),
}

/// Recognizes `[hex] {category` and `[hex] category}`.
fn section_marker(line: &str) -> Option<Marker<'_>> {
    let rest = line.trim().strip_prefix('[')?;
    let (time, rest) = rest.split_once(']')?;
    if time.is_empty() || !time.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let rest = rest.trim();
    let is_category = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if let Some(cat) = rest.strip_prefix('{') {
        return is_category(cat).then_some(Marker::Start(cat));
    }
    if let Some(cat) = rest.strip_suffix('}') {
        return is_category(cat).then_some(Marker::End(cat));
    }
    None
}

/// A box name as written: kind and number.
type Name = (Kind, u32);

/// An argument as written, before boxes are resolved.
enum ArgText {
    Box(Name),
    Const(Value),
}

/// An op line as written.
struct OpText {
    line: usize,
    result: Option<Name>,
    opcode: Opcode,
    args: Vec<ArgText>,
    descr: Option<Descr>,
    fail_args: Option<Vec<ArgText>>,
}

fn parse_lines<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    table: &mut DescrTable,
) -> Result<Trace, ParseErrors> {
    let lines: Vec<(usize, &str)> = lines.collect();
    // Guards written without a descr get numbers above every `<GuardN>` of the text.
    for (_, line) in &lines {
        for (i, _) in line.match_indices("<Guard") {
            let digits: String = line[i + 6..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if let Ok(n) = digits.parse() {
                table.reserve_guard_number(n);
            }
        }
    }
    let mut errors = Vec::new();
    let mut inputs: Option<(usize, Vec<Name>)> = None;
    let mut ops = Vec::new();
    for (number, raw) in lines {
        let line = strip_offset(strip_comment(raw).trim());
        if line.is_empty() || section_marker(line).is_some() {
            continue;
        }
        let mut err = |message: String| {
            errors.push(ParseError {
                line: number,
                message,
            })
        };
        if let Some(inner) = line.strip_prefix('[') {
            if inputs.is_some() || !ops.is_empty() {
                err("an input line `[...]` must come once, before the ops".to_string());
                continue;
            }
            let Some(inner) = inner.strip_suffix(']') else {
                err(format!(
                    "expected `]` at the end of the input line `{line}`"
                ));
                continue;
            };
            let mut names = Vec::new();
            for item in split_top(inner) {
                match parse_name(item) {
                    Some(name) => names.push(name),
                    None => err(format!(
                        "`{item}` is not a box name: inputs are written `i0`, `p1`, `f2`"
                    )),
                }
            }
            inputs = Some((number, names));
            continue;
        }
        match parse_op_line(line, number, table) {
            Ok(op) => ops.push(op),
            Err(message) => err(message),
        }
    }
    let (input_line, inputs) = inputs.unwrap_or_default();
    let trace = resolve(input_line, inputs, ops, &mut errors);
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(trace)
    } else {
        Err(ParseErrors(errors))
    }
}

/// The line without the `+123: ` machine-code offset PyPy's backends prefix ops with.
fn strip_offset(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix('+') {
        if let Some((digits, op)) = rest.split_once(':') {
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                return op.trim_start();
            }
        }
    }
    line
}

/// The line without a trailing `#` comment (a `#` inside quotes or `<...>` stays).
fn strip_comment(line: &str) -> &str {
    let mut quote = false;
    let mut angle = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '\'' => quote = !quote,
            '<' if !quote => angle += 1,
            '>' if !quote => angle = angle.saturating_sub(1),
            '#' if !quote && angle == 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits at commas outside parentheses, brackets, angle brackets and quotes; trims.
fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, false, 0);
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quote = !quote,
            '(' | '[' | '<' if !quote => depth += 1,
            ')' | ']' | '>' if !quote => depth -= 1,
            ',' if !quote && depth == 0 => {
                parts.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = s[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    parts
}

/// `i3` -> `(Int, 3)`.
fn parse_name(s: &str) -> Option<Name> {
    let mut chars = s.chars();
    let kind = Kind::from_prefix(chars.next()?)?;
    let digits = chars.as_str();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number: u32 = digits.parse().ok()?;
    // Box numbers have 30 bits.
    (number < 1 << 30).then_some((kind, number))
}

fn parse_op_line(line: &str, number: usize, table: &mut DescrTable) -> Result<OpText, String> {
    // `result = ` prefix.
    let (result, rest) = match line.split_once('=') {
        Some((lhs, rhs)) if parse_name(lhs.trim()).is_some() && !lhs.contains('(') => {
            (parse_name(lhs.trim()), rhs.trim())
        }
        _ => (None, line),
    };
    let open = rest
        .find('(')
        .ok_or_else(|| format!("expected an op `name(args)`, found `{rest}`"))?;
    let name = rest[..open].trim();
    let opcode = Opcode::from_name(name).ok_or_else(|| format!("unknown op `{name}`"))?;
    // Find the matching close parenthesis.
    let (mut depth, mut quote, mut close) = (0i32, false, None);
    for (i, c) in rest[open..].char_indices() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or_else(|| format!("missing `)` in `{rest}`"))?;
    let inner = &rest[open + 1..close];
    let tail = rest[close + 1..].trim();

    let mut args = Vec::new();
    let mut descr = None;
    for item in split_top(inner) {
        if let Some(text) = item.strip_prefix("descr=") {
            descr = Some(parse_descr(text.trim(), table)?);
        } else if opcode == Opcode::DebugMergePoint && item.starts_with('\'') {
            let text = item
                .strip_prefix('\'')
                .and_then(|s| s.strip_suffix('\''))
                .ok_or_else(|| format!("unterminated string {item}"))?;
            descr = Some(Descr::MergePoint(Rc::from(text)));
        } else {
            args.push(parse_arg(item, table)?);
        }
    }

    let fail_args = if tail.is_empty() {
        None
    } else {
        let inner = tail
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .ok_or_else(|| format!("unexpected `{tail}` after the op: fail args are `[i0, p1]`"))?;
        if !opcode.is_guard() {
            return Err(format!("`{name}` is not a guard and takes no fail args"));
        }
        let mut list = Vec::new();
        for item in split_top(inner) {
            list.push(parse_arg(item, table)?);
        }
        Some(list)
    };
    let (fail_args, descr) = if opcode.is_guard() {
        let descr = descr.unwrap_or_else(|| Descr::Guard(table.fresh_guard()));
        (Some(fail_args.unwrap_or_default()), Some(descr))
    } else {
        (fail_args, descr)
    };
    match (opcode.result(), result) {
        (Some(_), None) => {
            return Err(format!(
                "`{name}` has a result: write `{}N = {name}(...)`",
                opcode.result().map_or('?', Kind::prefix)
            ))
        }
        (None, Some(_)) => return Err(format!("`{name}` has no result: remove `... =`")),
        (Some(kind), Some((k, n))) if kind != k => {
            return Err(format!(
                "the result of `{name}` is {}, so its box is `{}{n}`, not `{}{n}`",
                match kind {
                    Kind::Int => "an int",
                    Kind::Ref => "a ref",
                    Kind::Float => "a float",
                },
                kind.prefix(),
                k.prefix()
            ))
        }
        _ => {}
    }
    Ok(OpText {
        line: number,
        result,
        opcode,
        args,
        descr,
        fail_args,
    })
}

fn parse_descr(text: &str, table: &mut DescrTable) -> Result<Descr, String> {
    if let Some(d) = table.get(text) {
        return Ok(d.clone());
    }
    let inner = text
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(|| format!("a descr is written `<...>`, found `{text}`"))?;
    let number = |prefix: &str| -> Option<u32> { inner.strip_prefix(prefix)?.parse().ok() };
    if let Some(n) = number("Guard") {
        return Ok(Descr::Guard(table.guard(n)));
    }
    if let Some(rest) = inner.strip_prefix("Guard") {
        if let Some((n, r)) = rest.split_once(" resume=") {
            if let (Ok(n), Ok(r)) = (n.parse(), r.parse()) {
                return Ok(Descr::Guard(table.guard_with_resume(n, r)));
            }
        }
    }
    if let Some(n) = number("Label") {
        return Ok(Descr::Target(table.target(n)));
    }
    if let Some(n) = number("Loop") {
        return Ok(table.add(Descr::Loop(Rc::new(LoopToken { number: n }))));
    }
    if let Some(n) = number("Finish") {
        return Ok(table.add(Descr::Finish(Rc::new(FinishDescr { number: n }))));
    }
    Err(format!(
        "unknown descr `{text}`: declare it in the DescrTable before parsing"
    ))
}

fn parse_arg(item: &str, table: &DescrTable) -> Result<ArgText, String> {
    if let Some(name) = parse_name(item) {
        return Ok(ArgText::Box(name));
    }
    parse_const(item, table).map(ArgText::Const)
}

fn parse_const(item: &str, table: &DescrTable) -> Result<Value, String> {
    let named = |inner: &str| {
        table.constant(inner).ok_or_else(|| {
            format!("unknown constant `{inner}`: declare it with DescrTable::add_const")
        })
    };
    if item == "NULL" {
        return Ok(Value::NULL);
    }
    if let Some(inner) = item
        .strip_prefix("ConstPtr(")
        .and_then(|s| s.strip_suffix(')'))
    {
        if inner == "null" || inner == "0" {
            return Ok(Value::NULL);
        }
        if let Some(hex) = inner.strip_prefix("0x") {
            return usize::from_str_radix(hex, 16)
                .map(Value::ConstPtr)
                .map_err(|_| format!("bad address `{inner}`"));
        }
        return named(inner).map(|v| Value::from_bits(Kind::Ref, v.const_bits().unwrap_or(0)));
    }
    if let Some(inner) = item
        .strip_prefix("ConstClass(")
        .and_then(|s| s.strip_suffix(')'))
    {
        return named(inner).map(|v| Value::from_bits(Kind::Int, v.const_bits().unwrap_or(0)));
    }
    let (negative, digits) = match item.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, item),
    };
    if let Some(hex) = digits.strip_prefix("0x") {
        let magnitude =
            u64::from_str_radix(hex, 16).map_err(|_| format!("bad hex constant `{item}`"))?;
        let n = magnitude as i64;
        return Ok(Value::ConstInt(if negative { n.wrapping_neg() } else { n }));
    }
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return item
            .parse::<i64>()
            .map(Value::ConstInt)
            .map_err(|_| format!("int constant `{item}` out of range"));
    }
    match item {
        "nan" => return Ok(Value::float(f64::NAN)),
        "inf" => return Ok(Value::float(f64::INFINITY)),
        "-inf" => return Ok(Value::float(f64::NEG_INFINITY)),
        _ => {}
    }
    if digits.contains(['.', 'e', 'E']) {
        if let Ok(x) = item.parse::<f64>() {
            return Ok(Value::float(x));
        }
    }
    Err(format!(
        "`{item}` is neither a box (`i0`, `p1`, `f2`) nor a constant (`12`, `1.5`, `ConstPtr(null)`)"
    ))
}

/// Gives every written name a box and builds the trace.
fn resolve(
    input_line: usize,
    inputs: Vec<Name>,
    ops: Vec<OpText>,
    errors: &mut Vec<ParseError>,
) -> Trace {
    // Numbers: a definition keeps its number unless taken; others get fresh ones.
    let defs: Vec<(usize, Name)> = inputs
        .iter()
        .map(|n| (input_line, *n))
        .chain(ops.iter().filter_map(|op| op.result.map(|r| (op.line, r))))
        .collect();
    let mut taken = HashSet::new();
    let mut seen = HashSet::new();
    let mut boxes: HashMap<Name, BoxId> = HashMap::new();
    let mut pending = Vec::new();
    for &(line, name) in &defs {
        if !seen.insert(name) {
            errors.push(ParseError {
                line,
                message: format!(
                    "box `{}{}` is defined twice: give each result its own name",
                    name.0.prefix(),
                    name.1
                ),
            });
        } else if taken.insert(name.1) {
            boxes.insert(name, BoxId::new(name.1, name.0));
        } else {
            pending.push(name);
        }
    }
    let first = taken.iter().max().map_or(0, |m| m + 1);
    for (next, name) in (first..).zip(pending) {
        if next >= 1 << 30 {
            errors.push(ParseError {
                line: input_line,
                message: "box numbers must stay below 2^30: renumber the boxes".to_string(),
            });
            break;
        }
        boxes.insert(name, BoxId::new(next, name.0));
    }

    let mut trace = Trace::new();
    for b in boxes.values() {
        trace.reserve_box(*b);
    }
    // A name without a box only occurs after an error, which makes the trace unused.
    let lookup = |n: &Name| boxes.get(n).copied().unwrap_or(BoxId::new(0, n.0));
    trace.inputs = inputs.iter().map(lookup).collect();
    for op in ops {
        let mut value = |arg: &ArgText| match arg {
            ArgText::Const(v) => *v,
            ArgText::Box(name) => match boxes.get(name) {
                Some(b) => Value::Box(*b),
                None => {
                    errors.push(ParseError {
                        line: op.line,
                        message: format!(
                            "box `{}{}` is used but never defined",
                            name.0.prefix(),
                            name.1
                        ),
                    });
                    Value::ConstInt(0)
                }
            },
        };
        let args = op.args.iter().map(&mut value).collect();
        let fail_args = op
            .fail_args
            .as_ref()
            .map(|list| list.iter().map(&mut value).collect());
        trace.ops.push(Op {
            opcode: op.opcode,
            args,
            result: op.result.as_ref().map(lookup),
            descr: op.descr,
            fail_args,
        });
    }
    trace
}
