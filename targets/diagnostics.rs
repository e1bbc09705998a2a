//! Loader diagnostics shared by the targets (each includes this file as its module
//! `diagnostics`): errors rendered as `path:line:col: error: message` with the source line
//! and a caret, in time linear in the source and the number of errors, with bounded output;
//! and the command lines' part of loading a program ([`read_program`], [`program_text`],
//! [`not_run`], [`output_flushed`]), so every target says the same things the same way.
//!
//! The rules, as rustc's:
//! - at most [`MAX_SHOWN`] errors are printed in full, then one line says how many more
//!   there are (a file of 100 000 unmatched brackets prints 20 errors and a count);
//! - the lines of the source are found once ([`Lines`]), not rescanned for each error;
//! - a long source line is shown as a window of [`WINDOW`] characters around the error's
//!   column, with `...` where it was cut, and a word quoted in a message is cut to
//!   [`MAX_WORD`] characters ([`clip`]), so one error never prints a whole huge line.

use std::borrow::Cow;
use std::fmt::Write;

/// How many errors are printed in full.
pub const MAX_SHOWN: usize = 20;
/// How many characters of a source line an excerpt shows at most.
pub const WINDOW: usize = 100;
/// How many characters of a word a message quotes at most.
pub const MAX_WORD: usize = 40;

/// One error: where (line and column from 1, the column in characters), how many
/// characters the caret line underlines, and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub width: usize,
    pub message: String,
}

/// The start of every line of a source, found in one pass.
pub struct Lines<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes the lines of `source` (split as [`str::lines`] does).
    pub fn new(source: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines { source, starts }
    }

    /// Line `n` (from 1) without its line end; empty past the end.
    pub fn line(&self, n: usize) -> &'a str {
        let Some(&start) = self.starts.get(n.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(n).map_or(self.source.len(), |&e| e - 1);
        let text = &self.source[start..end.max(start)];
        text.strip_suffix('\r').unwrap_or(text)
    }
}

/// `text` cut to [`MAX_WORD`] characters, with `...` when it was longer.
pub fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_WORD) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}...", &text[..at])),
    }
}

/// The excerpt of an error: the line (or a window of it) and a caret line under the
/// column, `width` characters wide.
pub fn excerpt(lines: &Lines<'_>, line: usize, column: usize, width: usize) -> String {
    let text = lines.line(line).trim_end();
    let count = text.chars().count();
    let column = column.max(1);
    // The window: WINDOW characters, the column a third of the way in when cut.
    let first = if count <= WINDOW {
        0
    } else {
        (column - 1)
            .saturating_sub(WINDOW / 3)
            .min(count.saturating_sub(WINDOW))
    };
    let cut_left = first > 0;
    let cut_right = first + WINDOW < count;
    let mut shown = String::new();
    if cut_left {
        shown.push_str("...");
    }
    // Tabs count as one column: shown as one space so that the caret lines up.
    shown.extend(
        text.chars()
            .skip(first)
            .take(WINDOW)
            .map(|c| if c == '\t' { ' ' } else { c }),
    );
    if cut_right {
        shown.push_str("...");
    }
    let pad = column - 1 - first + if cut_left { 3 } else { 0 };
    let width = width.clamp(1, WINDOW);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    format!(
        " {number} | {shown}\n {gutter} | {}{}\n",
        " ".repeat(pad),
        "^".repeat(width)
    )
}

/// Renders the first [`MAX_SHOWN`] of `errors` (in source order already) for the file
/// shown as `path`, each with its excerpt, and a last line with the number of the others.
pub fn render(path: &str, source: &str, errors: &[Diagnostic]) -> String {
    let lines = Lines::new(source);
    let mut out = String::new();
    for e in errors.iter().take(MAX_SHOWN) {
        let _ = writeln!(out, "{path}:{}:{}: error: {}", e.line, e.column, e.message);
        out.push_str(&excerpt(&lines, e.line, e.column, e.width));
    }
    if errors.len() > MAX_SHOWN {
        let more = errors.len() - MAX_SHOWN;
        let _ = writeln!(
            out,
            "{path}: ... and {more} more error{} (the first {MAX_SHOWN} are shown)",
            if more == 1 { "" } else { "s" }
        );
    }
    out
}

/// The command line's part of loading a program, the same in every target: reads the
/// file at `path`, or prints why it cannot be read and gives the exit code (2). The
/// result is the path as shown in messages and the file's bytes.
pub fn read_program(
    bin: &str,
    path: impl AsRef<std::path::Path>,
) -> Result<(String, Vec<u8>), std::process::ExitCode> {
    let path = path.as_ref();
    let shown = path.to_string_lossy().into_owned();
    match std::fs::read(path) {
        Ok(bytes) => Ok((shown, bytes)),
        Err(e) => {
            eprintln!("{bin}: error: cannot read `{shown}`: {e}");
            Err(std::process::ExitCode::from(2))
        }
    }
}

/// The text of a program whose language is UTF-8 text (`language`: `tl`, `tlc`, ...), or
/// the message saying it is not and the exit code (2).
pub fn program_text(
    bin: &str,
    shown: &str,
    bytes: Vec<u8>,
    language: &str,
) -> Result<String, std::process::ExitCode> {
    String::from_utf8(bytes).map_err(|_| {
        eprintln!("{bin}: error: `{shown}` is not UTF-8 text; a {language} program is a text file");
        std::process::ExitCode::from(2)
    })
}

/// Prints a program's loader errors (`rendered`, [`render`]'s text for `count` errors)
/// and the line saying the program was not run; the exit code is 2.
pub fn not_run(bin: &str, shown: &str, rendered: &str, count: usize) -> std::process::ExitCode {
    eprint!("{rendered}");
    let s = if count == 1 { "" } else { "s" };
    eprintln!("{bin}: {count} error{s} in `{shown}`; the program was not run");
    std::process::ExitCode::from(2)
}

/// Checks the flush of a program's output: a closed pipe is not an error (`... | head`),
/// anything else is reported with exit code 1.
pub fn output_flushed(
    bin: &str,
    flushed: std::io::Result<()>,
) -> Result<(), std::process::ExitCode> {
    match flushed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("{bin}: error: cannot write the output: {e}");
            Err(std::process::ExitCode::from(1))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_once_and_split_as_str_lines() {
        let source = "a\r\nbc\n\nd";
        let lines = Lines::new(source);
        for (i, expected) in source.lines().enumerate() {
            assert_eq!(lines.line(i + 1), expected);
        }
        assert_eq!(lines.line(0), "");
        assert_eq!(lines.line(9), "");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let text = excerpt(&Lines::new(&line), 1, 5001, 1);
        let rows: Vec<&str> = text.lines().collect();
        assert!(rows[0].len() < WINDOW + 20, "{text}");
        let caret = rows[1].find('^').expect("a caret");
        assert_eq!(&rows[0][caret..caret + 1], "X", "{text}");
    }

    #[test]
    fn only_the_first_errors_are_shown_then_a_count() {
        let errors: Vec<Diagnostic> = (1..=25)
            .map(|line| Diagnostic {
                line,
                column: 1,
                width: 1,
                message: "bad".into(),
            })
            .collect();
        let text = render("f", &"x\n".repeat(25), &errors);
        assert_eq!(text.matches(": error: ").count(), MAX_SHOWN);
        assert!(text.ends_with("f: ... and 5 more errors (the first 20 are shown)\n"));
    }

    #[test]
    fn a_long_word_is_clipped() {
        assert_eq!(clip("short"), "short");
        let long = "w".repeat(100);
        assert_eq!(clip(&long).chars().count(), MAX_WORD + 3);
    }
}
