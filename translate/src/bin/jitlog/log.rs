//! Reading a `PYRITE_LOG` file: its sections, as a tree, with their times and lines.
//!
//! A section starts with `[hex time] {category` and ends with `[hex time] category}`;
//! sections nest (`jitsupport/src/jit/log.rs` writes them). Every other line belongs to the
//! innermost open section (lines outside every section are kept too, at the top level).
//! A log whose sections do not nest, or whose time stamps go back, is malformed: the
//! error names the line.

use std::fmt;

/// A malformed log: the 1-based line and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// One section of the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The category: `jit-tracing`, `jit-log-opt-loop`, ...
    pub category: String,
    /// The tick count at its start and at its end.
    pub start: u64,
    /// See `start`.
    pub end: u64,
    /// The 1-based line of its start marker.
    pub line: usize,
    /// Its own lines (not those of nested sections), each with its 1-based line number.
    pub lines: Vec<(usize, String)>,
    /// The sections nested in it, in order.
    pub children: Vec<Section>,
}

impl Section {
    /// Every section of this subtree, this one first, depth first.
    pub fn walk<'a>(&'a self, out: &mut Vec<&'a Section>) {
        out.push(self);
        for child in &self.children {
            child.walk(out);
        }
    }
}

/// A whole log: the top-level sections, and the time span it covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    /// The sections not nested in another, in order.
    pub sections: Vec<Section>,
    /// Lines outside every section, with their numbers (warnings, program output).
    pub loose: Vec<(usize, String)>,
}

impl Log {
    /// Every section, depth first, in the order of their start lines.
    pub fn all(&self) -> Vec<&Section> {
        let mut out = Vec::new();
        for s in &self.sections {
            s.walk(&mut out);
        }
        out
    }

    /// The first and last tick of the log (`None` for a log without sections).
    pub fn span(&self) -> Option<(u64, u64)> {
        let first = self.sections.first()?.start;
        let last = self.sections.iter().map(|s| s.end).max()?;
        Some((first, last))
    }
}

/// A section marker: `[time] {category` or `[time] category}`.
enum Marker<'a> {
    Start(u64, &'a str),
    End(u64, &'a str),
}

/// Recognizes a marker line. `Ok(None)` for an ordinary line; an error for a line that
/// looks like a marker (`[hex] {` or `[hex] ...}`) but is not a valid one.
fn marker(line: &str) -> Result<Option<Marker<'_>>, String> {
    let Some(rest) = line.strip_prefix('[') else {
        return Ok(None);
    };
    let Some((time, rest)) = rest.split_once("] ") else {
        return Ok(None);
    };
    if time.is_empty() || !time.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let ticks = u64::from_str_radix(time, 16)
        .map_err(|_| format!("the time stamp [{time}] does not fit in 64 bits"))?;
    let valid = |c: &str| {
        !c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if let Some(category) = rest.strip_prefix('{') {
        if !valid(category) {
            return Err(format!(
                "a section start needs a category of letters, digits and '-', \
                 as `[{time}] {{jit-tracing`; found `{line}`"
            ));
        }
        return Ok(Some(Marker::Start(ticks, category)));
    }
    if let Some(category) = rest.strip_suffix('}') {
        if !valid(category) {
            return Err(format!(
                "a section end needs a category of letters, digits and '-', \
                 as `[{time}] jit-tracing}}`; found `{line}`"
            ));
        }
        return Ok(Some(Marker::End(ticks, category)));
    }
    Ok(None)
}

/// Reads a log's text into its section tree. The first malformed line is the error.
pub fn read(text: &str) -> Result<Log, LogError> {
    let mut log = Log::default();
    let mut open: Vec<Section> = Vec::new();
    let mut last_time = 0u64;
    let mut line_count = 0;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        line_count = number;
        let found = marker(line).map_err(|message| LogError {
            line: number,
            message,
        })?;
        match found {
            Some(Marker::Start(time, category)) | Some(Marker::End(time, category))
                if time < last_time =>
            {
                return Err(LogError {
                    line: number,
                    message: format!(
                        "the time stamp of `{category}` ({time:x}) is before the previous \
                         one ({last_time:x}): time stamps only grow in a log"
                    ),
                });
            }
            Some(Marker::Start(time, category)) => {
                last_time = time;
                open.push(Section {
                    category: category.to_string(),
                    start: time,
                    end: time,
                    line: number,
                    lines: Vec::new(),
                    children: Vec::new(),
                });
            }
            Some(Marker::End(time, category)) => {
                last_time = time;
                let Some(mut section) = open.pop() else {
                    return Err(LogError {
                        line: number,
                        message: format!("the end of section `{category}` without its start"),
                    });
                };
                if section.category != category {
                    return Err(LogError {
                        line: number,
                        message: format!(
                            "the end of section `{category}` while `{}` (opened on line {}) \
                             is open: sections must nest",
                            section.category, section.line
                        ),
                    });
                }
                section.end = time;
                match open.last_mut() {
                    Some(parent) => parent.children.push(section),
                    None => log.sections.push(section),
                }
            }
            None => match open.last_mut() {
                Some(section) => section.lines.push((number, line.to_string())),
                None => {
                    if !line.trim().is_empty() {
                        log.loose.push((number, line.to_string()));
                    }
                }
            },
        }
    }
    if let Some(section) = open.last() {
        return Err(LogError {
            line: line_count.max(1),
            message: format!(
                "the log ends inside section `{}` (opened on line {}): was the program \
                 killed before it wrote the end?",
                section.category, section.line
            ),
        });
    }
    Ok(log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_sections_keep_their_lines() {
        let log = read(
            "[10] {jit-tracing\n[12] {jit-log-noopt-loop\n[a]\nx\n[14] jit-log-noopt-loop}\n\
             after\n[20] jit-tracing}\n",
        )
        .unwrap();
        assert_eq!(log.sections.len(), 1);
        let tracing = &log.sections[0];
        assert_eq!((tracing.start, tracing.end), (0x10, 0x20));
        assert_eq!(tracing.lines, vec![(6, "after".to_string())]);
        assert_eq!(tracing.children[0].category, "jit-log-noopt-loop");
        assert_eq!(
            tracing.children[0].lines,
            vec![(3, "[a]".to_string()), (4, "x".to_string())]
        );
        assert_eq!(log.span(), Some((0x10, 0x20)));
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("[10] {a\n[11] b}\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("must nest"), "{e}");
        let e = read("[10] {a\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = read("[10] a}\n").unwrap_err();
        assert!(e.message.contains("without its start"), "{e}");
        let e = read("[10] {a\n[9] a}\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("before the previous"), "{e}");
        let e = read("[10] {a b\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
