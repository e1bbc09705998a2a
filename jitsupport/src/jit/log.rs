//! The JIT log, `PYRITE_LOG`, in PyPy's `PYPYLOG` format (`rpython/rlib/debug.py`,
//! `rpython/translator/c/src/debug_print.c`).
//!
//! # The variable
//!
//! `PYRITE_LOG=CATEGORIES:FILE` logs the sections whose category starts with one of the
//! comma-separated `CATEGORIES` (so `jit` enables every `jit-*` category, and an empty list
//! enables everything) to `FILE`, or to stderr if `FILE` is `-`. Without a colon, a value
//! made only of known categories (or prefixes of them) logs them to stderr, and any other
//! value is a file that receives, as PyPy's profiling mode, only the start and stop lines of
//! every section (their timing, without their contents). These are errors (exit status 2
//! in a target), each with a message that says what to write instead: a category that is
//! not a prefix of any of [`CATEGORIES`] (the message lists them), a second `:` (there is
//! one destination: `jit-summary,jit-tracing:-`, not `jit-summary:-,jit-tracing:-`),
//! nothing after the `:`, and a file that cannot be written. Empty items between commas
//! are skipped.
//!
//! # The format
//!
//! ```text
//! [1a2b3c4d5e] {jit-log-opt-loop
//! # Loop 0 : loop with 12 ops
//! [i0, p1]
//! ...
//! [1a2b3c9f00] jit-log-opt-loop}
//! ```
//!
//! A section starts with `[hex time] {category` and ends with `[hex time] category}`;
//! sections nest. The time is a tick count that only grows: the CPU's time-stamp counter
//! on x86-64 (as PyPy), nanoseconds since the first use elsewhere. The lines printed inside
//! a section with [`debug_print`] appear only if that innermost section is enabled.
//!
//! # Use
//!
//! The process-wide log is opened from `PYRITE_LOG` on first use, or by [`init_from_env`],
//! which interpreters call at startup to report a bad value and exit non-zero. When
//! logging is off, [`have_debug_prints`], [`debug_start`] and [`debug_stop`] cost one
//! atomic load and a branch. [`Logger`] is the same machinery on any writer, for tests.
//! The [`Summary`] collects the numbers of `jit-summary`, printed by [`finish`] at exit.
//!
//! # `gc-minor` and `gc-collect`
//!
//! One section per minor or major collection of the GC heap (sizes before and after in
//! bytes, the old generation after, bytes allocated since the previous collection, the
//! time in seconds), written by the collector's event hook that `jit::init_from_env` and
//! the JIT install (`gcjit::install_log_hook`); the summary then ends with the GC's
//! figures (collections, bytes allocated, peak heap, total and longest pause).
//!
//! # `jit-backend-counts`
//!
//! With that category on, the runtime counts how often each loop and entry trace was
//! entered from the interpreter or the blackhole, and how often each guard failed back to
//! the runtime ([`count`]), and the x86 backend compiles every bridge with an increment
//! of its own counter at its start (`backend::x86::counts`; off, bridges have none);
//! [`finish`] writes the counts at exit, one `loop N: COUNT`, `entry N: COUNT`,
//! `bridge N: COUNT` (the bridge out of guard N) or `guard N: COUNT` line each (`N` as in
//! the `# Loop N` headers and `<GuardN>` descrs of the trace sections). Loops and guards
//! are counted where the runtime enters compiled code and where a guard's failure
//! reaches it: with the category off that costs one relaxed atomic load per entry there.
//! A guard with a bridge stops being counted once the bridge is attached (its failures
//! are the bridge's entries from then on); a loop entered by another loop's jump is not
//! counted. The reference backend's bridges count nothing.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The environment variable configuring the log.
pub const ENV_VAR: &str = "PYRITE_LOG";

/// The categories the JIT logs, for the warning about unknown ones. A new category is
/// added here.
pub const CATEGORIES: &[&str] = &[
    "jit-tracing",
    "jit-optimize",
    "jit-abort",
    "jit-blackhole",
    "jit-log-noopt-loop",
    "jit-log-opt-loop",
    "jit-log-opt-bridge",
    "jit-summary",
    "jit-backend",
    "jit-backend-dump",
    "jit-mem-looptoken-free",
    "jit-backend-counts",
    "gc-minor",
    "gc-collect",
];

// ____________________________________________________________
// The specification: what to log, where.

/// Which sections are logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Sections whose category starts with one of these prefixes, with their contents
    /// (an empty prefix matches every category).
    Prefixes(Vec<String>),
    /// Every section, but only its start and stop lines (PyPy's profiling mode).
    Profile,
}

impl Filter {
    /// Whether sections of `category` are logged.
    pub fn matches(&self, category: &str) -> bool {
        match self {
            Filter::Prefixes(prefixes) => prefixes.iter().any(|p| category.starts_with(&**p)),
            Filter::Profile => true,
        }
    }
}

/// Where the log goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// Standard error (`-`).
    Stderr,
    /// A file, created or truncated.
    File(String),
}

/// A parsed `PYRITE_LOG` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSpec {
    /// What is logged.
    pub filter: Filter,
    /// Where.
    pub destination: Destination,
}

impl LogSpec {
    /// Parses a `PYRITE_LOG` value; `None` for an empty value (no logging). The second
    /// result holds warnings to print, one line each (none today: what was a warning,
    /// an unknown category, is an error).
    pub fn parse(text: &str) -> Result<Option<(LogSpec, Vec<String>)>, LogError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let (filter, destination) = match text.split_once(':') {
            Some((categories, file)) => {
                let file = file.trim();
                if file.is_empty() {
                    return Err(LogError::NoFile {
                        spec: text.to_string(),
                    });
                }
                if file.contains(':') {
                    return Err(LogError::SeveralDestinations {
                        spec: text.to_string(),
                    });
                }
                (split_categories(categories), destination(file))
            }
            None => {
                let items = split_categories(text);
                if items.iter().all(|item| is_known_prefix(item)) {
                    (items, Destination::Stderr)
                } else {
                    let spec = LogSpec {
                        filter: Filter::Profile,
                        destination: destination(text),
                    };
                    return Ok(Some((spec, Vec::new())));
                }
            }
        };
        let unknown: Vec<String> = filter
            .iter()
            .filter(|item| !is_known_prefix(item))
            .map(|item| format!("'{item}'"))
            .collect();
        if !unknown.is_empty() {
            return Err(LogError::UnknownCategories { names: unknown });
        }
        // Kept for callers that print warnings; there are none today.
        let warnings = Vec::new();
        let spec = LogSpec {
            filter: Filter::Prefixes(filter),
            destination,
        };
        Ok(Some((spec, warnings)))
    }
}

impl fmt::Display for LogSpec {
    /// The `PYRITE_LOG` text form (the profiling form is only the file name).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Filter::Prefixes(prefixes) = &self.filter {
            write!(f, "{}:", prefixes.join(","))?;
        }
        match &self.destination {
            Destination::Stderr => f.write_str("-"),
            Destination::File(path) => f.write_str(path),
        }
    }
}

fn split_categories(text: &str) -> Vec<String> {
    let items: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect();
    if items.is_empty() {
        // `:FILE` logs everything, as an empty prefix.
        vec![String::new()]
    } else {
        items
    }
}

fn is_known_prefix(item: &str) -> bool {
    CATEGORIES.iter().any(|known| known.starts_with(item))
}

fn destination(file: &str) -> Destination {
    if file == "-" {
        Destination::Stderr
    } else {
        Destination::File(file.to_string())
    }
}

/// What is wrong with `PYRITE_LOG`.
#[derive(Debug)]
pub enum LogError {
    /// `categories:` with nothing after the colon.
    NoFile {
        /// The value given.
        spec: String,
    },
    /// A category that is not a prefix of a known one (quoted names).
    UnknownCategories {
        /// The names, quoted.
        names: Vec<String>,
    },
    /// More than one `:`: one destination only.
    SeveralDestinations {
        /// The value given.
        spec: String,
    },
    /// The file cannot be opened for writing.
    Open {
        /// The file.
        path: String,
        /// Why.
        error: io::Error,
    },
    /// The value is not valid UTF-8.
    NotUnicode,
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::NoFile { spec } => write!(
                f,
                "{ENV_VAR}: no file after ':' in '{spec}'; write CATEGORIES:FILE, with '-' for stderr"
            ),
            LogError::UnknownCategories { names } => write!(
                f,
                "{ENV_VAR}: unknown categor{} {}; known: {} (or a prefix of them, such as 'jit')",
                if names.len() == 1 { "y" } else { "ies" },
                names.join(", "),
                CATEGORIES.join(", ")
            ),
            LogError::SeveralDestinations { spec } => write!(
                f,
                "{ENV_VAR}: more than one ':' in '{spec}'; the log has one destination: write \
                 the categories joined by ',' and then one ':FILE' \
                 (jit-summary,jit-tracing:-)"
            ),
            LogError::Open { path, error } => {
                write!(f, "{ENV_VAR}: cannot open '{path}' for writing: {error}")
            }
            LogError::NotUnicode => write!(f, "{ENV_VAR}: the value is not valid UTF-8"),
        }
    }
}

impl std::error::Error for LogError {}

// ____________________________________________________________
// The clock.

/// The last time stamp handed out, so that time stamps strictly increase.
static LAST_TICKS: AtomicU64 = AtomicU64::new(0);

/// A tick count for log time stamps that strictly increases across calls: the time-stamp
/// counter on x86-64, nanoseconds since the first call elsewhere.
pub fn read_ticks() -> u64 {
    stamp_at_least(raw_ticks())
}

/// The first time stamp handed out: the origin from which [`ticks_per_nanosecond`]
/// measures the clock's rate.
static ORIGIN: std::sync::OnceLock<(std::time::Instant, u64)> = std::sync::OnceLock::new();

/// The next time stamp: `at` if it is later than every stamp handed out, else just after
/// the last one.
fn stamp_at_least(at: u64) -> u64 {
    ORIGIN.get_or_init(|| (std::time::Instant::now(), raw_ticks()));
    let mut last = LAST_TICKS.load(Ordering::Relaxed);
    loop {
        let next = at.max(last + 1);
        match LAST_TICKS.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// The ticks of the clock per nanosecond, as measured since the first stamp (1 until a
/// millisecond has passed).
fn ticks_per_nanosecond() -> f64 {
    let Some((at, ticks)) = ORIGIN.get() else {
        return 1.0;
    };
    let nanos = at.elapsed().as_nanos();
    if nanos < 1_000_000 {
        return 1.0;
    }
    raw_ticks().saturating_sub(*ticks) as f64 / nanos as f64
}

/// A time stamp `ago` before now, as close as the stamps handed out allow (never before
/// the last of them): the start of a section written after the work it times.
fn ticks_ago(ago: Duration) -> u64 {
    let back = (ago.as_nanos() as f64 * ticks_per_nanosecond()) as u64;
    stamp_at_least(raw_ticks().saturating_sub(back))
}

#[cfg(target_arch = "x86_64")]
fn raw_ticks() -> u64 {
    // SAFETY: `rdtsc` is available on every x86-64 processor and only reads a counter.
    #[allow(unused_unsafe)]
    unsafe {
        core::arch::x86_64::_rdtsc()
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn raw_ticks() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}

// ____________________________________________________________
// The logger.

/// A log writer: the sections open, the filter, and the output.
pub struct Logger {
    filter: Filter,
    out: Box<dyn Write + Send>,
    /// The open sections: category and whether it is enabled.
    stack: Vec<(String, bool)>,
    /// Set after a write error (reported once); then nothing more is written.
    failed: bool,
}

impl fmt::Debug for Logger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Logger")
            .field("filter", &self.filter)
            .field("stack", &self.stack)
            .finish_non_exhaustive()
    }
}

impl Logger {
    /// A logger writing the sections `filter` selects to `out`.
    pub fn new(filter: Filter, out: Box<dyn Write + Send>) -> Logger {
        Logger {
            filter,
            out,
            stack: Vec::new(),
            failed: false,
        }
    }

    /// Opens the destination of a specification.
    pub fn open(spec: &LogSpec) -> Result<Logger, LogError> {
        let out: Box<dyn Write + Send> = match &spec.destination {
            Destination::Stderr => Box::new(io::stderr()),
            Destination::File(path) => match File::create(path) {
                Ok(file) => Box::new(BufWriter::new(file)),
                Err(error) => {
                    return Err(LogError::Open {
                        path: path.clone(),
                        error,
                    })
                }
            },
        };
        Ok(Logger::new(spec.filter.clone(), out))
    }

    /// Whether sections of `category` are logged with their contents.
    pub fn have_debug_prints(&self, category: &str) -> bool {
        !self.failed && matches!(self.filter, Filter::Prefixes(_)) && self.filter.matches(category)
    }

    /// Whether lines printed now are written: the innermost open section is enabled (or,
    /// outside every section, whether anything is logged with contents).
    pub fn have_debug_prints_here(&self) -> bool {
        if self.failed || self.filter == Filter::Profile {
            return false;
        }
        match self.stack.last() {
            Some((_, enabled)) => *enabled,
            None => true,
        }
    }

    /// Opens a section of `category`.
    pub fn start(&mut self, category: &str) {
        self.start_at(category, None);
    }

    /// Opens a section of `category` whose work began `ago` before now (or now), so that
    /// a section written after its work (a collection, reported when it is over) spans
    /// that work on the log's timeline.
    pub fn start_at(&mut self, category: &str, ago: Option<Duration>) {
        let enabled = self.filter.matches(category);
        self.stack.push((category.to_string(), enabled));
        if enabled {
            let ticks = ago.map_or_else(read_ticks, ticks_ago);
            let line = format!("[{ticks:x}] {{{category}\n");
            self.write(line.as_bytes());
        }
    }

    /// Closes the innermost section, which must be of `category`: a mismatch (a bug of
    /// the caller) is written to the log as a line and the section closed anyway.
    pub fn stop(&mut self, category: &str) {
        let Some((open, enabled)) = self.stack.pop() else {
            let line = format!("debug_stop({category}) without a debug_start\n");
            self.write(line.as_bytes());
            return;
        };
        if open != category {
            let line = format!("debug_stop({category}) closes the section {open}\n");
            self.write(line.as_bytes());
        }
        if enabled {
            let line = format!("[{:x}] {open}}}\n", read_ticks());
            self.write(line.as_bytes());
        }
        if self.stack.is_empty() {
            self.flush();
        }
    }

    /// Writes one line (a newline is added) if the innermost section is enabled.
    pub fn print(&mut self, args: fmt::Arguments<'_>) {
        if self.have_debug_prints_here() {
            let line = format!("{args}\n");
            self.write(line.as_bytes());
        }
    }

    /// Writes the `jit-summary` section for `summary`, if that category is enabled.
    pub fn summary(&mut self, summary: &Summary) {
        if self.have_debug_prints("jit-summary") {
            self.start("jit-summary");
            for line in summary.to_string().lines() {
                self.print(format_args!("{line}"));
            }
            self.stop("jit-summary");
        }
    }

    /// Flushes the output.
    pub fn flush(&mut self) {
        if !self.failed {
            if let Err(error) = self.out.flush() {
                self.fail(&error);
            }
        }
    }

    /// The number of open sections.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn write(&mut self, bytes: &[u8]) {
        if !self.failed {
            if let Err(error) = self.out.write_all(bytes) {
                self.fail(&error);
            }
        }
    }

    fn fail(&mut self, error: &io::Error) {
        self.failed = true;
        eprintln!("{ENV_VAR}: cannot write the log: {error}; logging stops");
    }
}

// ____________________________________________________________
// The process-wide logger.

const UNINIT: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

/// Whether the process-wide logger is not yet opened, off, or on.
static STATE: AtomicU8 = AtomicU8::new(UNINIT);
/// The process-wide logger, when on.
static LOGGER: Mutex<Option<Logger>> = Mutex::new(None);

fn lock_logger() -> MutexGuard<'static, Option<Logger>> {
    LOGGER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens the process-wide log from `PYRITE_LOG` (if not done yet), printing warnings about
/// unknown categories to stderr. On error logging stays off; interpreters print the error
/// and exit non-zero.
pub fn init_from_env() -> Result<(), LogError> {
    let mut guard = lock_logger();
    if STATE.load(Ordering::Acquire) != UNINIT {
        return Ok(());
    }
    STATE.store(OFF, Ordering::Release);
    let text = match std::env::var(ENV_VAR) {
        Ok(text) => text,
        Err(std::env::VarError::NotPresent) => return Ok(()),
        Err(std::env::VarError::NotUnicode(_)) => return Err(LogError::NotUnicode),
    };
    *guard = open_spec(&text)?;
    if guard.is_some() {
        STATE.store(ON, Ordering::Release);
    }
    Ok(())
}

/// Replaces the process-wide log by one following `spec` (a `PYRITE_LOG` value; empty
/// turns logging off). An open log is flushed and closed first.
pub fn init(spec: &str) -> Result<(), LogError> {
    let mut guard = lock_logger();
    if let Some(old) = guard.as_mut() {
        old.flush();
    }
    *guard = None;
    STATE.store(OFF, Ordering::Release);
    *guard = open_spec(spec)?;
    if guard.is_some() {
        STATE.store(ON, Ordering::Release);
    }
    Ok(())
}

fn open_spec(text: &str) -> Result<Option<Logger>, LogError> {
    COUNTING.store(false, Ordering::Relaxed);
    match LogSpec::parse(text)? {
        None => Ok(None),
        Some((spec, warnings)) => {
            for warning in warnings {
                eprintln!("{warning}");
            }
            let logger = Logger::open(&spec)?;
            let counting = logger.have_debug_prints("jit-backend-counts");
            COUNTING.store(counting, Ordering::Relaxed);
            #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
            jitsupport_trace::backend::x86::counts::set_counting(counting);
            Ok(Some(logger))
        }
    }
}

/// Runs `f` on the process-wide logger if logging is on.
#[inline]
fn with_logger<R>(f: impl FnOnce(&mut Logger) -> R) -> Option<R> {
    match STATE.load(Ordering::Acquire) {
        OFF => None,
        ON => lock_logger().as_mut().map(f),
        _ => with_logger_slow(f),
    }
}

#[cold]
fn with_logger_slow<R>(f: impl FnOnce(&mut Logger) -> R) -> Option<R> {
    if let Err(error) = init_from_env() {
        eprintln!("{error}; logging is off");
    }
    lock_logger().as_mut().map(f)
}

/// Whether sections of `category` are logged with their contents: check it before
/// building an expensive text to print.
#[inline]
pub fn have_debug_prints(category: &str) -> bool {
    with_logger(|logger| logger.have_debug_prints(category)).unwrap_or(false)
}

/// Opens a section of `category` in the process-wide log.
#[inline]
pub fn debug_start(category: &str) {
    with_logger(|logger| logger.start(category));
}

/// Opens a section of `category` in the process-wide log for work that ended now and took
/// `took` (a collection, reported when it is over): its start is stamped that long ago,
/// as far as the stamps written since allow, so the timeline shows the work.
pub fn debug_start_after(category: &str, took: Duration) {
    with_logger(|logger| logger.start_at(category, Some(took)));
}

/// Closes the innermost section, of `category`, of the process-wide log.
#[inline]
pub fn debug_stop(category: &str) {
    with_logger(|logger| logger.stop(category));
}

/// Prints one line in the innermost section of the process-wide log, if it is enabled.
/// The [`debug_print!`](crate::debug_print) macro formats its arguments for it.
#[inline]
pub fn debug_print(args: fmt::Arguments<'_>) {
    with_logger(|logger| logger.print(args));
}

/// Prints one line in the innermost section of the JIT log (`PYRITE_LOG`), with `format!`
/// arguments: `jitsupport::debug_print!("# Loop {} : {} ops", n, len)`.
#[macro_export]
macro_rules! debug_print {
    ($($arg:tt)*) => {
        $crate::jit::log::debug_print(::core::format_args!($($arg)*))
    };
}

/// An open section of the process-wide log, closed when dropped (also on early returns).
#[derive(Debug)]
#[must_use = "the section closes when this is dropped"]
pub struct Section {
    category: &'static str,
}

/// Opens a section of `category`, closed when the result is dropped.
pub fn section(category: &'static str) -> Section {
    debug_start(category);
    Section { category }
}

impl Drop for Section {
    fn drop(&mut self) {
        debug_stop(self.category);
    }
}

/// Flushes the process-wide log.
pub fn flush() {
    with_logger(Logger::flush);
}

// ____________________________________________________________
// The summary.

/// A phase of the JIT's work whose time the summary adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Recording traces.
    Tracing,
    /// Running the optimizer.
    Optimizing,
    /// Generating code.
    Backend,
    /// Running the blackhole interpreter after guard failures.
    Blackhole,
}

impl Phase {
    /// Every phase, in the order of the summary.
    pub const ALL: [Phase; 4] = [
        Phase::Tracing,
        Phase::Optimizing,
        Phase::Backend,
        Phase::Blackhole,
    ];

    /// The phase's name in the summary.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Tracing => "Tracing",
            Phase::Optimizing => "Optimizing",
            Phase::Backend => "Backend",
            Phase::Blackhole => "Blackhole",
        }
    }
}

/// The numbers of `jit-summary`: what the JIT did over a run. The metainterp feeds it; its
/// `Display` is the section's body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Loops compiled.
    pub loops: u64,
    /// Bridges compiled.
    pub bridges: u64,
    /// Loops freed (by `loop_longevity` or invalidation).
    pub freed_loops: u64,
    /// Function entry traces compiled (functions too big to inline, traced from their
    /// own start).
    pub entries: u64,
    /// Operations recorded by the tracer (over all loops and bridges).
    pub ops_recorded: u64,
    /// Guards among them.
    pub guards_recorded: u64,
    /// Operations left after optimization.
    pub ops_optimized: u64,
    /// Guards left after optimization.
    pub guards_optimized: u64,
    /// Aborted traces by reason.
    pub aborts: BTreeMap<String, u64>,
    /// Green keys not traced from any more after too many aborted traces.
    pub keys_given_up: u64,
    /// Traces (of loops and bridges) put off because the JIT had spent its time budget.
    pub deferred: u64,
    /// How many times each phase ran, by `Phase as usize`.
    pub phase_counts: [u64; 4],
    /// The time spent in each phase, by `Phase as usize`.
    pub phase_times: [Duration; 4],
    /// Minor collections of the GC heap (any thread's).
    pub gc_minor: u64,
    /// Major collections.
    pub gc_major: u64,
    /// Bytes allocated on the GC heap before the last collection.
    pub gc_allocated: u64,
    /// The largest heap size seen before or after a collection, in bytes.
    pub gc_peak_heap: u64,
    /// The time spent collecting.
    pub gc_pause: Duration,
    /// The longest collection.
    pub gc_longest_pause: Duration,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Summary {
        Summary::default()
    }

    /// Counts a compiled loop, with its operations and guards before and after
    /// optimization.
    pub fn loop_compiled(&mut self, before: OpCounts, after: OpCounts) {
        self.loops += 1;
        self.count_ops(before, after);
    }

    /// Counts a compiled bridge, with its operations and guards before and after
    /// optimization.
    pub fn bridge_compiled(&mut self, before: OpCounts, after: OpCounts) {
        self.bridges += 1;
        self.count_ops(before, after);
    }

    /// Counts a compiled function entry trace, with its operations and guards before and
    /// after optimization.
    pub fn entry_compiled(&mut self, before: OpCounts, after: OpCounts) {
        self.entries += 1;
        self.count_ops(before, after);
    }

    /// Counts a loop freed by the memory manager.
    pub fn loop_freed(&mut self) {
        self.freed_loops += 1;
    }

    fn count_ops(&mut self, before: OpCounts, after: OpCounts) {
        self.ops_recorded += before.ops;
        self.guards_recorded += before.guards;
        self.ops_optimized += after.ops;
        self.guards_optimized += after.guards;
    }

    /// Counts an aborted trace; `reason` is the abort reason's name (for example
    /// `trace too long`).
    pub fn aborted(&mut self, reason: &str) {
        *self.aborts.entry(reason.to_string()).or_insert(0) += 1;
    }

    /// Counts a green key given up after too many aborted traces from it.
    pub fn key_given_up(&mut self) {
        self.keys_given_up += 1;
    }

    /// Counts a trace put off by the time budget.
    pub fn trace_deferred(&mut self) {
        self.deferred += 1;
    }

    /// The number of aborted traces.
    pub fn total_aborts(&self) -> u64 {
        self.aborts.values().sum()
    }

    /// Adds one run of `phase` that took `time`.
    pub fn add_phase(&mut self, phase: Phase, time: Duration) {
        self.phase_counts[phase as usize] += 1;
        self.phase_times[phase as usize] += time;
    }

    /// Runs `f` as one run of `phase`, timing it.
    pub fn time<R>(&mut self, phase: Phase, f: impl FnOnce() -> R) -> R {
        let start = std::time::Instant::now();
        let result = f();
        self.add_phase(phase, start.elapsed());
        result
    }

    /// Counts a collection of the GC heap.
    pub fn gc_collection(&mut self, e: &crate::gc::GcEvent) {
        match e.kind {
            crate::gc::CollectionKind::Minor => self.gc_minor += 1,
            crate::gc::CollectionKind::Major => self.gc_major += 1,
        }
        self.gc_allocated += e.young_allocated as u64;
        self.gc_peak_heap = self
            .gc_peak_heap
            .max(e.heap_before.max(e.heap_after) as u64);
        self.gc_pause += e.duration;
        self.gc_longest_pause = self.gc_longest_pause.max(e.duration);
    }

    /// The total time of all phases.
    pub fn total_time(&self) -> Duration {
        self.phase_times.iter().sum()
    }
}

/// Operation counts of one trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpCounts {
    /// All operations (guards included).
    pub ops: u64,
    /// Guards.
    pub guards: u64,
}

impl fmt::Display for Summary {
    /// One `name: value` line per number, values aligned; times in seconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for phase in Phase::ALL {
            let label = format!("{}:", phase.name());
            writeln!(
                f,
                "{label:<24}{:>8}  {:.6}",
                self.phase_counts[phase as usize],
                self.phase_times[phase as usize].as_secs_f64()
            )?;
        }
        writeln!(
            f,
            "{:<24}{:>8}  {:.6}",
            "TOTAL:",
            "",
            self.total_time().as_secs_f64()
        )?;
        let mut line = |label: &str, value: u64| writeln!(f, "{:<24}{value:>8}", label);
        line("loops:", self.loops)?;
        line("bridges:", self.bridges)?;
        line("entry traces:", self.entries)?;
        line("freed loops:", self.freed_loops)?;
        line("ops:", self.ops_recorded)?;
        line("guards:", self.guards_recorded)?;
        line("opt ops:", self.ops_optimized)?;
        line("opt guards:", self.guards_optimized)?;
        line("aborts:", self.total_aborts())?;
        for (reason, count) in &self.aborts {
            line(&format!("abort: {reason}:"), *count)?;
        }
        line("keys given up:", self.keys_given_up)?;
        line("deferred traces:", self.deferred)?;
        if self.gc_minor + self.gc_major > 0 {
            line("gc minor:", self.gc_minor)?;
            line("gc major:", self.gc_major)?;
            line("gc allocated:", self.gc_allocated)?;
            line("gc peak heap:", self.gc_peak_heap)?;
            writeln!(
                f,
                "{:<24}{:>8}  {:.6}",
                "gc pause:",
                self.gc_minor + self.gc_major,
                self.gc_pause.as_secs_f64()
            )?;
            writeln!(
                f,
                "{:<24}{:>8}  {:.6}",
                "gc longest pause:",
                "",
                self.gc_longest_pause.as_secs_f64()
            )?;
        }
        Ok(())
    }
}

/// The process-wide summary.
static SUMMARY: Mutex<Option<Summary>> = Mutex::new(None);

/// Runs `f` on the process-wide summary, which the metainterp feeds.
pub fn with_summary<R>(f: impl FnOnce(&mut Summary) -> R) -> R {
    let mut guard = SUMMARY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f(guard.get_or_insert_with(Summary::new))
}

/// Ends the run's log: writes the `jit-backend-counts` and `jit-summary` sections if those
/// categories are on, and flushes. Interpreters call it once before exiting.
pub fn finish() {
    let summary = with_summary(|summary| summary.clone());
    let counts = if COUNTING.load(Ordering::Relaxed) {
        let mut counts = lock_counts().clone();
        #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
        for (guard, count) in jitsupport_trace::backend::x86::counts::counts() {
            *counts.entry((Counted::Bridge, guard)).or_insert(0) += count;
        }
        counts
    } else {
        BTreeMap::new()
    };
    with_logger(|logger| {
        if logger.have_debug_prints("jit-backend-counts") {
            logger.start("jit-backend-counts");
            for ((what, number), count) in &counts {
                logger.print(format_args!("{} {number}: {count}", what.name()));
            }
            logger.stop("jit-backend-counts");
        }
        logger.summary(&summary);
        logger.flush();
    });
}

// ____________________________________________________________
// The counts of `jit-backend-counts`.

/// What [`count`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Counted {
    /// A loop entered (`# Loop N`).
    Loop,
    /// A function's entry trace run (`# Loop N (entry NAME)`).
    Entry,
    /// The bridge out of guard `N` entered (`# bridge out of Guard N`), counted by the
    /// bridge's code.
    Bridge,
    /// A guard's failure reaching the runtime (`<GuardN>`).
    Guard,
}

impl Counted {
    /// The word in the section.
    pub fn name(self) -> &'static str {
        match self {
            Counted::Loop => "loop",
            Counted::Entry => "entry",
            Counted::Bridge => "bridge",
            Counted::Guard => "guard",
        }
    }
}

/// Whether `jit-backend-counts` is logged (set when the log is opened).
static COUNTING: AtomicBool = AtomicBool::new(false);
/// The counts, by what and number.
static COUNTS: Mutex<BTreeMap<(Counted, u32), u64>> = Mutex::new(BTreeMap::new());

fn lock_counts() -> MutexGuard<'static, BTreeMap<(Counted, u32), u64>> {
    COUNTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Counts one entry into loop or entry trace `number`, or one failure of guard `number`,
/// for `jit-backend-counts`; one relaxed load when that category is off.
#[inline]
pub fn count(what: Counted, number: u32) {
    if COUNTING.load(Ordering::Relaxed) {
        count_slow(what, number);
    }
}

#[cold]
fn count_slow(what: Counted, number: u32) {
    *lock_counts().entry((what, number)).or_insert(0) += 1;
}
