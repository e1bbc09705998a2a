//! The compiled traces of a log, for the viewer: loops, bridges and entry traces with
//! their ops grouped under the `debug_merge_point` they came from, the machine code of
//! each op, and how often each was entered and each guard failed.
//!
//! - `jit-log-opt-loop` sections hold loops (`# Loop 3 (loop) : loop with 17 ops`) and
//!   entry traces (`# Loop 0 (entry NAME) : ...`); `jit-log-opt-bridge` sections hold
//!   bridges (`# bridge out of Guard 5 with 9 ops`).
//! - A `jit-backend-dump` section follows the trace it compiled: a header (`loop 3 at
//!   0x..., 240 bytes`), the bytes in hex, then the disassembly, each op's instructions
//!   under a `  # op text` line (`jitsupport-trace`'s `backend::x86::disasm`). Ops are
//!   matched to those lines by their text, in order.
//! - `jit-backend-counts` (written at exit) has one `loop N: count`, `entry N: count`,
//!   `bridge N: count` (the bridge of guard N, counted by its own code with the x86
//!   backend) or `guard N: count` line each.
//!
//! Op lines are split into result, name, arguments and fail args here; the name is checked
//! against `jitsupport-trace`'s op table. The trace crate's own parser is not used: it
//! needs every field, array and call descr declared up front, which a log does not carry.

use crate::log::{Log, LogError, Section};
use jitsupport_trace::ops::Opcode;
use std::collections::BTreeMap;

/// What a compiled trace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A loop (`# Loop N (loop)`).
    Loop,
    /// A function's entry trace (`# Loop N (entry NAME)`).
    Entry,
    /// A bridge out of a guard (`# bridge out of Guard N`).
    Bridge,
}

impl Kind {
    /// The word for it in the page.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Loop => "loop",
            Kind::Entry => "entry",
            Kind::Bridge => "bridge",
        }
    }
}

/// One op line of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpLine {
    /// The line in the log.
    pub line: usize,
    /// The whole text, as logged.
    pub text: String,
    /// The op's name (`int_add`).
    pub name: String,
    /// The guard number of a guard (`descr=<Guard5>`).
    pub guard: Option<u32>,
    /// The machine code compiled for it: one disassembled instruction a line.
    pub asm: Vec<String>,
}

/// The ops after one `debug_merge_point` (or before the first one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The merge point's text (`'<code> #12 PUSH'`, the user's program position), if any.
    pub merge_point: Option<String>,
    /// The ops.
    pub ops: Vec<OpLine>,
}

/// One compiled trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledTrace {
    /// Loop, entry or bridge.
    pub kind: Kind,
    /// The loop or entry number, or the guard number a bridge starts at.
    pub number: u32,
    /// The name in the header (`loop`, `entry NAME`, or `bridge out of Guard N`).
    pub name: String,
    /// The line of the section start.
    pub line: usize,
    /// The input boxes (`[i0, p1]`).
    pub inputs: String,
    /// The ops, grouped by merge point.
    pub groups: Vec<Group>,
    /// The machine code's header (`loop 3 at 0x7f..., 240 bytes`), when dumped.
    pub code_header: Option<String>,
    /// The instructions of the guard stubs and the epilogue.
    pub stubs: Vec<String>,
    /// How often it was entered (from `jit-backend-counts`).
    pub entered: Option<u64>,
}

impl CompiledTrace {
    /// The id of its element in the page.
    pub fn anchor(&self) -> String {
        format!("{}-{}", self.kind.name(), self.number)
    }

    /// Its ops, in order.
    pub fn ops(&self) -> impl Iterator<Item = &OpLine> {
        self.groups.iter().flat_map(|g| g.ops.iter())
    }

    /// The text of its first merge point: where in the user's program it starts.
    pub fn start(&self) -> Option<&str> {
        self.groups.iter().find_map(|g| g.merge_point.as_deref())
    }
}

/// Every compiled trace of a log, with the counts.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Loops, entry traces and bridges, in the order they were compiled.
    pub traces: Vec<CompiledTrace>,
    /// Failures of each guard (from `jit-backend-counts`).
    pub guard_failures: BTreeMap<u32, u64>,
    /// Whether the log had a `jit-backend-counts` section.
    pub has_counts: bool,
    /// Whether the log had machine code (`jit-backend-dump`).
    pub has_code: bool,
}

impl Report {
    /// Reads the compiled traces, their machine code and their counts from a log.
    pub fn read(log: &Log) -> Result<Report, LogError> {
        let mut report = Report::default();
        let mut counts: BTreeMap<(Kind, u32), u64> = BTreeMap::new();
        for section in log.all() {
            match section.category.as_str() {
                "jit-log-opt-loop" | "jit-log-opt-bridge" => {
                    report.traces.push(read_trace(section)?);
                }
                "jit-backend-dump" => {
                    report.has_code = true;
                    let Some(trace) = report.traces.last_mut() else {
                        continue;
                    };
                    if trace.code_header.is_none() {
                        attach_code(trace, section)?;
                    }
                }
                "jit-backend-counts" => {
                    report.has_counts = true;
                    read_counts(section, &mut counts, &mut report.guard_failures)?;
                }
                _ => {}
            }
        }
        // Bridges count their entries in their code, when the backend can (x86): a log
        // with no `bridge` line has no bridge counts, rather than zeros.
        let bridge_counts = counts.keys().any(|&(kind, _)| kind == Kind::Bridge);
        for trace in &mut report.traces {
            trace.entered = counts.get(&(trace.kind, trace.number)).copied();
            let counted = trace.kind != Kind::Bridge || bridge_counts;
            if report.has_counts && counted && trace.entered.is_none() {
                trace.entered = Some(0);
            }
        }
        Ok(report)
    }

    /// The bridge out of guard `number`, if one was compiled.
    pub fn bridge_of(&self, number: u32) -> Option<&CompiledTrace> {
        self.traces
            .iter()
            .find(|t| t.kind == Kind::Bridge && t.number == number)
    }
}

/// Reads a `jit-log-opt-loop` or `jit-log-opt-bridge` section.
fn read_trace(section: &Section) -> Result<CompiledTrace, LogError> {
    let mut lines = section
        .lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    let bad = |line: usize, message: String| LogError { line, message };
    let Some((header_line, header)) = lines.next() else {
        return Err(bad(
            section.line,
            format!("the section {} is empty", section.category),
        ));
    };
    let (kind, number, name) = read_header(header).ok_or_else(|| {
        bad(
            *header_line,
            format!(
                "a trace section starts with `# Loop N (NAME) : loop with K ops` or \
                 `# bridge out of Guard N with K ops`; found `{header}`"
            ),
        )
    })?;
    let mut inputs = String::new();
    if let Some((_, l)) = lines.peek() {
        if l.trim().starts_with('[') {
            inputs = l.trim().to_string();
            lines.next();
        }
    }
    let mut groups = vec![Group {
        merge_point: None,
        ops: Vec::new(),
    }];
    for (line, text) in lines {
        let text = text.trim();
        if text.starts_with('#') {
            continue;
        }
        let op = read_op(*line, text)?;
        if op.name == "debug_merge_point" {
            // The text between the quotes: `debug_merge_point(0, 0, '<run> #12')`.
            let merge_point = text
                .split_once('\'')
                .and_then(|(_, rest)| rest.rsplit_once('\''))
                .map_or_else(|| text.to_string(), |(inner, _)| inner.to_string());
            groups.push(Group {
                merge_point: Some(merge_point),
                ops: Vec::new(),
            });
            continue;
        }
        if let Some(group) = groups.last_mut() {
            group.ops.push(op);
        }
    }
    groups.retain(|g| g.merge_point.is_some() || !g.ops.is_empty());
    Ok(CompiledTrace {
        kind,
        number,
        name,
        line: section.line,
        inputs,
        groups,
        code_header: None,
        stubs: Vec::new(),
        entered: None,
    })
}

/// Reads a trace section's header comment.
fn read_header(header: &str) -> Option<(Kind, u32, String)> {
    let header = header.trim();
    if let Some(rest) = header.strip_prefix("# Loop ") {
        let (number, rest) = rest.split_once(' ')?;
        let number = number.parse().ok()?;
        let name = rest.strip_prefix('(')?.split_once(") :")?.0;
        let kind = if name.starts_with("entry ") {
            Kind::Entry
        } else {
            Kind::Loop
        };
        return Some((kind, number, name.to_string()));
    }
    let rest = header.strip_prefix("# bridge out of Guard ")?;
    let number = rest.split(' ').next()?.parse().ok()?;
    Some((
        Kind::Bridge,
        number,
        format!("bridge out of Guard {number}"),
    ))
}

/// Splits an op line; the name must be one of the op table's.
fn read_op(line: usize, text: &str) -> Result<OpLine, LogError> {
    let call = match text.split_once(" = ") {
        Some((result, rest)) if !result.contains('(') => rest,
        _ => text,
    };
    let name = call.split_once('(').map(|(n, _)| n.trim());
    let name = match name {
        Some(n) if Opcode::from_name(n).is_some() => n,
        _ => {
            return Err(LogError {
                line,
                message: format!(
                    "expected an op such as `i2 = int_add(i0, 1)` (an op name of the trace \
                     IR, then its arguments in parentheses); found `{text}`"
                ),
            })
        }
    };
    let guard = text.find("descr=<Guard").and_then(|at| {
        let digits: String = text[at + "descr=<Guard".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    });
    Ok(OpLine {
        line,
        text: text.to_string(),
        name: name.to_string(),
        guard,
        asm: Vec::new(),
    })
}

/// Attaches the machine code of a `jit-backend-dump` section to `trace`'s ops.
fn attach_code(trace: &mut CompiledTrace, section: &Section) -> Result<(), LogError> {
    let mut header = None;
    // (op text, its instructions), in order; the stubs last.
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_stubs = false;
    for (line, text) in &section.lines {
        if text.trim().is_empty() {
            continue;
        }
        if header.is_none() {
            if !text.contains(" at 0x") {
                return Err(LogError {
                    line: *line,
                    message: format!(
                        "a jit-backend-dump starts with `loop N at 0xADDR, SIZE bytes`; \
                         found `{text}`"
                    ),
                });
            }
            header = Some(text.trim().to_string());
            continue;
        }
        if let Some(op) = text.strip_prefix("  # ") {
            if op == "guard stubs and the epilogue" {
                in_stubs = true;
            } else {
                blocks.push((op.to_string(), Vec::new()));
            }
            continue;
        }
        // Disassembly lines put two spaces after the address; the hex dump one.
        let Some((addr, rest)) = text.split_once(' ') else {
            return Err(bad_dump(*line, text));
        };
        if addr.len() != 16 || !addr.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad_dump(*line, text));
        }
        let Some(instruction) = rest.strip_prefix(' ') else {
            continue; // a line of the hex dump
        };
        let instruction = format!("{addr}  {}", instruction.trim_start());
        if in_stubs {
            trace.stubs.push(instruction);
        } else if let Some((_, asm)) = blocks.last_mut() {
            asm.push(instruction);
        }
    }
    trace.code_header = header;
    // Each op takes the next block with its text.
    let mut next = 0;
    for group in &mut trace.groups {
        for op in &mut group.ops {
            if let Some(found) = blocks[next..].iter().position(|(t, _)| *t == op.text) {
                op.asm = std::mem::take(&mut blocks[next + found].1);
                next += found + 1;
            }
        }
    }
    Ok(())
}

fn bad_dump(line: usize, text: &str) -> LogError {
    LogError {
        line,
        message: format!(
            "a jit-backend-dump line is `ADDRESS  BYTES  INSTRUCTION` (16 hex digits of \
             address), `ADDRESS HEX` or `  # op`; found `{text}`"
        ),
    }
}

/// Reads a `jit-backend-counts` section.
fn read_counts(
    section: &Section,
    counts: &mut BTreeMap<(Kind, u32), u64>,
    guards: &mut BTreeMap<u32, u64>,
) -> Result<(), LogError> {
    for (line, text) in &section.lines {
        if text.trim().is_empty() {
            continue;
        }
        let parsed = text.trim().split_once(':').and_then(|(what, count)| {
            let (kind, number) = what.split_once(' ')?;
            let number: u32 = number.trim().parse().ok()?;
            let count: u64 = count.trim().parse().ok()?;
            Some((kind, number, count))
        });
        let (kind, number, count) = parsed.ok_or_else(|| LogError {
            line: *line,
            message: format!(
                "a jit-backend-counts line is `loop N: COUNT`, `entry N: COUNT`, \
                 `bridge N: COUNT` or `guard N: COUNT`; found `{text}`"
            ),
        })?;
        let kind = match kind {
            "loop" => Kind::Loop,
            "entry" => Kind::Entry,
            "bridge" => Kind::Bridge,
            "guard" => {
                *guards.entry(number).or_insert(0) += count;
                continue;
            }
            other => {
                return Err(LogError {
                    line: *line,
                    message: format!(
                        "unknown kind `{other}` in jit-backend-counts: loop, entry, bridge \
                         or guard"
                    ),
                })
            }
        };
        *counts.entry((kind, number)).or_insert(0) += count;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            read_header("# Loop 3 (loop) : loop with 17 ops"),
            Some((Kind::Loop, 3, "loop".to_string()))
        );
        assert_eq!(
            read_header("# Loop 0 (entry fib) : loop with 5 ops"),
            Some((Kind::Entry, 0, "entry fib".to_string()))
        );
        assert_eq!(
            read_header("# bridge out of Guard 5 with 9 ops").map(|h| (h.0, h.1)),
            Some((Kind::Bridge, 5))
        );
        assert_eq!(read_header("# Lop 3"), None);
    }

    #[test]
    fn ops() {
        let op = read_op(7, "guard_true(i3, descr=<Guard12>) [i0, i2]").unwrap();
        assert_eq!((op.name.as_str(), op.guard), ("guard_true", Some(12)));
        let op = read_op(7, "i2 = int_add(i0, 1)").unwrap();
        assert_eq!((op.name.as_str(), op.guard), ("int_add", None));
        let e = read_op(9, "i2 = int_plus(i0, 1)").unwrap_err();
        assert_eq!(e.line, 9);
    }
}
