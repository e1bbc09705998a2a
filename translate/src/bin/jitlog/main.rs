//! `jitlog`: reads a `PYRITE_LOG` file and shows what the JIT did (PyPy's `logparser`
//! and `jitviewer`, for Pyrite).
//!
//! ```text
//! jitlog summary LOG                    time per category, and the jit-summary figures
//! jitlog draw-time LOG -o time.png      the time line coloured by category (.png or .svg)
//! jitlog view LOG -o report.html        loops, bridges and entry traces in one HTML page
//! ```
//!
//! A log for all three: `PYRITE_LOG=jit:run.log goal/bf-c program.b` (every `jit-*`
//! section; `jit-backend-dump` gives the viewer machine code, `jit-backend-counts` the
//! entry and guard failure counts). [`log`] reads the sections, [`timeline`] cuts the
//! time line by category, [`summary`], [`draw`] and [`view`] make the three outputs;
//! [`traces`] reads the compiled traces for the viewer.
//!
//! Exit codes: 0 success, 1 a log that cannot be read or is malformed (the message names
//! the line), 2 bad usage (clap's, and a picture name not ending in .png or .svg).

mod draw;
mod log;
mod summary;
mod timeline;
mod traces;
mod view;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Shows what the JIT did, from a PYRITE_LOG file.
#[derive(Parser, Debug)]
#[command(name = "jitlog", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Prints the time per category and the jit-summary figures as tables.
    Summary {
        /// The log file (PYRITE_LOG=jit:FILE).
        log: PathBuf,
    },
    /// Draws the run's time line, coloured by category, with a legend of totals.
    DrawTime {
        /// The log file.
        log: PathBuf,
        /// The picture to write: a .png or .svg file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The picture's width in pixels.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(200..=10000))]
        width: u32,
    },
    /// Writes one self-contained HTML page of the loops, bridges and entry traces.
    View {
        /// The log file.
        log: PathBuf,
        /// The HTML file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("jitlog: {message}");
            // A picture name that is neither .png nor .svg is a bad flag.
            let usage = message.contains("must end in .png or .svg");
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

fn run(command: &Command) -> Result<(), String> {
    match command {
        Command::Summary { log } => {
            let (parsed, _) = load(log)?;
            let timeline = timeline::Timeline::of(&parsed);
            let summary = find_summary(log, &parsed)?;
            print!("{}", summary::render(&timeline, summary.as_ref()));
            Ok(())
        }
        Command::DrawTime { log, output, width } => {
            let (parsed, _) = load(log)?;
            let timeline = timeline::Timeline::of(&parsed);
            let summary = find_summary(log, &parsed)?;
            let ext = output
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("png" | "svg")) {
                return Err(format!(
                    "{}: the picture's name must end in .png or .svg",
                    output.display()
                ));
            }
            let picture = draw::Picture::new(&timeline, summary.as_ref(), *width);
            let bytes = match ext.as_deref() {
                Some("png") => picture.png(),
                _ => Ok(picture.svg().into_bytes()),
            }
            .map_err(|e| format!("{}: cannot encode the picture: {e}", output.display()))?;
            write(output, &bytes)
        }
        Command::View { log, output } => {
            let (parsed, _) = load(log)?;
            let report = traces::Report::read(&parsed).map_err(|e| at(log, &e))?;
            let timeline = timeline::Timeline::of(&parsed);
            let summary = find_summary(log, &parsed)?;
            let title = log
                .file_name()
                .map_or("log".to_string(), |n| n.to_string_lossy().into_owned());
            let html = view::page(&title, &report, &timeline, summary.as_ref());
            write(output, html.as_bytes())
        }
    }
}

/// Reads and parses the log file.
fn load(path: &Path) -> Result<(log::Log, String), String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read the log {}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: the log is not UTF-8 text (byte {}): is it a PYRITE_LOG file?",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let parsed = log::read(&text).map_err(|e| at(path, &e))?;
    if parsed.sections.is_empty() {
        return Err(format!(
            "{}: the log has no sections; write one with PYRITE_LOG=jit:{} PROGRAM",
            path.display(),
            path.display()
        ));
    }
    Ok((parsed, text))
}

/// The last `jit-summary` section of the log, read.
fn find_summary(path: &Path, parsed: &log::Log) -> Result<Option<summary::JitSummary>, String> {
    match parsed
        .all()
        .into_iter()
        .rev()
        .find(|s| s.category == "jit-summary")
    {
        Some(section) => summary::JitSummary::read(section)
            .map(Some)
            .map_err(|e| at(path, &e)),
        None => Ok(None),
    }
}

fn at(path: &Path, error: &log::LogError) -> String {
    format!("{}:{}: {}", path.display(), error.line, error.message)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
