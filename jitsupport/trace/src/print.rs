//! The printer of the text form (PyPy `logger.py`); [`crate::parse`](mod@crate::parse) reads what it writes.
//!
//! ```text
//! [i0, p1]
//! debug_merge_point(0, 0, '<code> #12 PUSH')
//! i2 = int_add(i0, 1)
//! i3 = int_lt(i2, 100)
//! guard_true(i3, descr=<Guard1>) [i0, i2]
//! setfield_gc(p1, i2, descr=<FieldDescr Frame.pc>)
//! jump(i2, p1, descr=<Label0>)
//! ```
//!
//! A log section wraps a trace in the PYPYLOG markers, with a `# Loop` or `# bridge`
//! header comment: see [`log_section`].

use crate::descr::Descr;
use crate::ops::Opcode;
use crate::trace::{Op, Trace};
use std::fmt::{self, Write};

impl fmt::Display for Op {
    /// One line, without the newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(result) = self.result {
            write!(f, "{result} = ")?;
        }
        write!(f, "{}(", self.opcode.name())?;
        let mut first = true;
        for arg in &self.args {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            write!(f, "{arg}")?;
        }
        if let Some(descr) = &self.descr {
            if !first {
                f.write_str(", ")?;
            }
            match descr {
                // A merge point's text is an argument of its own in the text form.
                Descr::MergePoint(_) if self.opcode == Opcode::DebugMergePoint => {
                    write!(f, "{descr}")?
                }
                _ => write!(f, "descr={descr}")?,
            }
        }
        f.write_str(")")?;
        if let Some(fail_args) = &self.fail_args {
            f.write_str(" [")?;
            for (i, arg) in fail_args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{arg}")?;
            }
            f.write_str("]")?;
        }
        Ok(())
    }
}

impl fmt::Display for Trace {
    /// The input line and one line per op, each ending in a newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, b) in self.inputs.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{b}")?;
        }
        f.write_str("]\n")?;
        for op in &self.ops {
            writeln!(f, "{op}")?;
        }
        Ok(())
    }
}

/// The number of ops a `# Loop` or `# bridge` header counts: all of them, as PyPy's
/// logger counts (`debug_merge_point`s included).
pub fn count_ops(trace: &Trace) -> usize {
    trace.ops.len()
}

/// The header comment of a loop: `# Loop 0 (<code> #12 PUSH) : loop with 17 ops`.
pub fn loop_header(number: u32, name: &str, trace: &Trace) -> String {
    format!(
        "# Loop {number} ({name}) : loop with {} ops",
        count_ops(trace)
    )
}

/// The header comment of a bridge: `# bridge out of Guard 3 with 5 ops`.
pub fn bridge_header(guard: u32, trace: &Trace) -> String {
    format!(
        "# bridge out of Guard {guard} with {} ops",
        count_ops(trace)
    )
}

/// A PYPYLOG section: `[{time:x}] {category`, the header comment, the trace, and
/// `[{end:x}] category}`, each line ending in a newline.
pub fn log_section(category: &str, start: u64, end: u64, header: &str, trace: &Trace) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(s, "[{start:x}] {{{category}");
    if !header.is_empty() {
        let _ = writeln!(s, "{header}");
    }
    let _ = write!(s, "{trace}");
    let _ = writeln!(s, "[{end:x}] {category}}}");
    s
}

/// A line diff of `expected` against `actual` (`-` expected only, `+` actual only), for
/// golden tests' failure messages.
pub fn text_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, from the ends.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        }
    }
    out
}
