//! Tests of the JIT log: `PYRITE_LOG` parsing and printing, sections and their filtering,
//! a log written to a file and read back (well nested, time stamps increasing), errors,
//! and the `jit-summary` collector.

use jitsupport::jit::log::{
    self, Destination, Filter, LogError, LogSpec, Logger, OpCounts, Phase, Summary,
};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A writer whose bytes the test reads afterwards.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

fn logger(filter: Filter) -> (Logger, Buffer) {
    let buffer = Buffer::default();
    (Logger::new(filter, Box::new(buffer.clone())), buffer)
}

fn prefixes(items: &[&str]) -> Filter {
    Filter::Prefixes(items.iter().map(|s| s.to_string()).collect())
}

/// Checks that sections are well nested and time stamps strictly increase, and returns the
/// text with every time stamp replaced by `T`.
fn check_and_mask(text: &str) -> String {
    let mut stack: Vec<&str> = Vec::new();
    let mut last = 0u64;
    let mut masked = String::new();
    for line in text.lines() {
        let stamp = line
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("] "))
            .and_then(|(hex, tail)| Some((u64::from_str_radix(hex, 16).ok()?, tail)));
        if let Some((time, tail)) = stamp {
            assert!(time > last, "time stamps must increase: {line}");
            last = time;
            if let Some(category) = tail.strip_prefix('{') {
                stack.push(category);
            } else if let Some(category) = tail.strip_suffix('}') {
                assert_eq!(stack.pop(), Some(category), "badly nested: {line}");
            } else {
                panic!("neither a start nor a stop: {line}");
            }
            masked.push_str(&format!("[T] {tail}\n"));
        } else {
            masked.push_str(line);
            masked.push('\n');
        }
    }
    assert!(stack.is_empty(), "unclosed sections {stack:?}");
    masked
}

#[test]
fn parse_specs() {
    let (spec, warnings) = LogSpec::parse("jit-log-opt-loop,jit-summary:FILE")
        .unwrap()
        .unwrap();
    assert_eq!(spec.filter, prefixes(&["jit-log-opt-loop", "jit-summary"]));
    assert_eq!(spec.destination, Destination::File("FILE".to_string()));
    assert!(warnings.is_empty());

    let (spec, _) = LogSpec::parse(" jit , jit-abort : - ").unwrap().unwrap();
    assert_eq!(spec.filter, prefixes(&["jit", "jit-abort"]));
    assert_eq!(spec.destination, Destination::Stderr);

    // Known categories without a file go to stderr.
    let (spec, _) = LogSpec::parse("jit-summary").unwrap().unwrap();
    assert_eq!(spec.filter, prefixes(&["jit-summary"]));
    assert_eq!(spec.destination, Destination::Stderr);

    // Anything else without a colon is a file for the profiling mode.
    let (spec, _) = LogSpec::parse("out.log").unwrap().unwrap();
    assert_eq!(spec.filter, Filter::Profile);
    assert_eq!(spec.destination, Destination::File("out.log".to_string()));

    // `:FILE` logs everything.
    let (spec, _) = LogSpec::parse(":-").unwrap().unwrap();
    assert!(spec.filter.matches("jit-tracing") && spec.filter.matches("gc-minor"));

    // A prefix enables a family of categories.
    let (spec, warnings) = LogSpec::parse("jit:-").unwrap().unwrap();
    assert!(warnings.is_empty());
    assert!(log::CATEGORIES
        .iter()
        .all(|c| spec.filter.matches(c) == c.starts_with("jit")));
    assert!(!spec.filter.matches("gc-minor"));
    let (spec, _) = LogSpec::parse("jit-log:-").unwrap().unwrap();
    let logged: Vec<&str> = log::CATEGORIES
        .iter()
        .copied()
        .filter(|c| spec.filter.matches(c))
        .collect();
    assert_eq!(
        logged,
        [
            "jit-log-noopt-loop",
            "jit-log-opt-loop",
            "jit-log-opt-bridge"
        ]
    );

    assert!(LogSpec::parse("").unwrap().is_none());
    assert!(LogSpec::parse("  ").unwrap().is_none());
}

#[test]
fn unknown_categories_are_errors() {
    let err = LogSpec::parse("jit-log-opt,jit-back,gcx:-").unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("PYRITE_LOG: unknown category 'gcx'; known: jit-tracing, jit-optimize,"),
        "{text}"
    );
    let err = LogSpec::parse("foo,bar:-").unwrap_err();
    assert!(err
        .to_string()
        .starts_with("PYRITE_LOG: unknown categories 'foo', 'bar'; known: "));
    // Prefixes of known categories are fine.
    let (spec, warnings) = LogSpec::parse("jit-log-opt,jit-back:-").unwrap().unwrap();
    assert!(warnings.is_empty());
    assert!(spec.filter.matches("jit-log-opt-bridge"));
    assert!(!spec.filter.matches("jit-log-noopt-loop"));
}

#[test]
fn one_destination_only() {
    let err = LogSpec::parse("jit-summary:-,jit-tracing:-").unwrap_err();
    assert_eq!(
        err.to_string(),
        "PYRITE_LOG: more than one ':' in 'jit-summary:-,jit-tracing:-'; the log has one \
         destination: write the categories joined by ',' and then one ':FILE' \
         (jit-summary,jit-tracing:-)"
    );
}

#[test]
fn spec_errors() {
    let err = LogSpec::parse("jit:").unwrap_err();
    assert_eq!(
        err.to_string(),
        "PYRITE_LOG: no file after ':' in 'jit:'; write CATEGORIES:FILE, with '-' for stderr"
    );
    let dir = std::env::temp_dir().join(format!("pyrite-no-such-dir-{}", std::process::id()));
    let path = dir.join("log").display().to_string();
    let (spec, _) = LogSpec::parse(&format!("jit:{path}")).unwrap().unwrap();
    let err = Logger::open(&spec).unwrap_err();
    assert!(matches!(err, LogError::Open { .. }));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("PYRITE_LOG: cannot open '{path}' for writing: ")),
        "{message}"
    );
}

#[test]
fn spec_round_trips() {
    for text in [
        "jit-log-opt-loop,jit-summary:FILE",
        "jit:-",
        ":-",
        "out.log",
    ] {
        let (spec, _) = LogSpec::parse(text).unwrap().unwrap();
        let printed = spec.to_string();
        let (again, _) = LogSpec::parse(&printed).unwrap().unwrap();
        assert_eq!(spec, again, "{text} printed as {printed}");
    }
    assert_eq!(
        LogSpec::parse("jit-summary")
            .unwrap()
            .unwrap()
            .0
            .to_string(),
        "jit-summary:-"
    );
}

#[test]
fn sections_nest_and_filter() {
    let (mut log, buffer) = logger(prefixes(&["jit-log", "jit-summary"]));
    assert!(log.have_debug_prints("jit-log-opt-loop"));
    assert!(!log.have_debug_prints("jit-tracing"));
    log.print(format_args!("top level"));
    log.start("jit-tracing");
    log.print(format_args!("not shown: the section is off"));
    log.start("jit-log-noopt-loop");
    log.print(format_args!("[i0]"));
    log.print(format_args!("jump({})", "i0"));
    log.stop("jit-log-noopt-loop");
    log.print(format_args!("not shown either"));
    log.stop("jit-tracing");
    log.start("jit-log-opt-loop");
    assert_eq!(log.depth(), 1);
    log.start("jit-abort");
    log.print(format_args!("not shown: inner section off"));
    log.stop("jit-abort");
    log.print(format_args!("# Loop 0"));
    log.stop("jit-log-opt-loop");
    assert_eq!(log.depth(), 0);
    assert_eq!(
        check_and_mask(&buffer.text()),
        "top level\n\
         [T] {jit-log-noopt-loop\n\
         [i0]\n\
         jump(i0)\n\
         [T] jit-log-noopt-loop}\n\
         [T] {jit-log-opt-loop\n\
         # Loop 0\n\
         [T] jit-log-opt-loop}\n"
    );
}

#[test]
fn profile_mode_writes_only_section_boundaries() {
    let (mut log, buffer) = logger(Filter::Profile);
    assert!(!log.have_debug_prints("jit-tracing"));
    log.start("jit-tracing");
    log.print(format_args!("not shown"));
    log.start("jit-optimize");
    log.stop("jit-optimize");
    log.stop("jit-tracing");
    assert_eq!(
        check_and_mask(&buffer.text()),
        "[T] {jit-tracing\n[T] {jit-optimize\n[T] jit-optimize}\n[T] jit-tracing}\n"
    );
}

#[test]
fn mismatched_stops_are_reported_in_the_log() {
    let (mut log, buffer) = logger(prefixes(&["jit"]));
    log.stop("jit-abort");
    log.start("jit-tracing");
    log.stop("jit-abort");
    let text = buffer.text();
    assert!(text.contains("debug_stop(jit-abort) without a debug_start\n"));
    assert!(text.contains("debug_stop(jit-abort) closes the section jit-tracing\n"));
    assert!(text.trim_end().ends_with("jit-tracing}"));
}

#[test]
fn ticks_increase() {
    let mut last = log::read_ticks();
    for _ in 0..10_000 {
        let now = log::read_ticks();
        assert!(now > last);
        last = now;
    }
}

fn sample_summary() -> Summary {
    let mut summary = Summary::new();
    summary.loop_compiled(
        OpCounts {
            ops: 40,
            guards: 10,
        },
        OpCounts { ops: 12, guards: 3 },
    );
    summary.loop_compiled(
        OpCounts { ops: 20, guards: 5 },
        OpCounts { ops: 8, guards: 2 },
    );
    summary.bridge_compiled(
        OpCounts { ops: 7, guards: 2 },
        OpCounts { ops: 5, guards: 1 },
    );
    summary.aborted("trace too long");
    summary.aborted("trace too long");
    summary.aborted("bad loop");
    summary.freed_loops = 1;
    summary.add_phase(Phase::Tracing, Duration::from_micros(1500));
    summary.add_phase(Phase::Tracing, Duration::from_micros(500));
    summary.add_phase(Phase::Optimizing, Duration::from_micros(250));
    summary.add_phase(Phase::Backend, Duration::from_micros(125));
    summary
}

#[test]
fn summary_text() {
    let summary = sample_summary();
    assert_eq!(summary.total_aborts(), 3);
    assert_eq!(summary.total_time(), Duration::from_micros(2375));
    assert_eq!(
        summary.to_string(),
        "\
Tracing:                       2  0.002000
Optimizing:                    1  0.000250
Backend:                       1  0.000125
Blackhole:                     0  0.000000
TOTAL:                            0.002375
loops:                         2
bridges:                       1
entry traces:                  0
freed loops:                   1
ops:                          67
guards:                       17
opt ops:                      25
opt guards:                    6
aborts:                        3
abort: bad loop:               1
abort: trace too long:         2
keys given up:                 0
deferred traces:               0
"
    );
    let mut timed = Summary::new();
    let value = timed.time(Phase::Blackhole, || 42);
    assert_eq!(value, 42);
    assert_eq!(timed.phase_counts[Phase::Blackhole as usize], 1);
}

#[test]
fn summary_section_only_when_enabled() {
    let (mut log, buffer) = logger(prefixes(&["jit-summary"]));
    log.summary(&sample_summary());
    let text = check_and_mask(&buffer.text());
    assert!(text.starts_with("[T] {jit-summary\nTracing:"), "{text}");
    assert!(text.ends_with("deferred traces:               0\n[T] jit-summary}\n"));

    let (mut log, buffer) = logger(prefixes(&["jit-log"]));
    log.summary(&sample_summary());
    assert_eq!(buffer.text(), "");
}

/// The one test of this binary using the process-wide log: written to a temporary file
/// and read back.
#[test]
fn process_wide_log_to_a_file() {
    let path = std::env::temp_dir().join(format!("pyrite-jit-log-{}.log", std::process::id()));
    log::init(&format!(
        "jit-log-opt-loop,jit-summary,jit-abort:{}",
        path.display()
    ))
    .unwrap();
    assert!(log::have_debug_prints("jit-log-opt-loop"));
    assert!(!log::have_debug_prints("jit-tracing"));
    log::debug_start("jit-tracing");
    jitsupport::debug_print!("not shown");
    {
        let _section = log::section("jit-abort");
        jitsupport::debug_print!("trace too long at {}", 17);
    }
    log::debug_stop("jit-tracing");
    log::debug_start("jit-log-opt-loop");
    jitsupport::debug_print!("# Loop 0 : loop with {} ops", 2);
    jitsupport::debug_print!("[i0]");
    jitsupport::debug_print!("jump(i0)");
    log::debug_stop("jit-log-opt-loop");
    log::with_summary(|summary| {
        summary.loop_compiled(
            OpCounts { ops: 3, guards: 1 },
            OpCounts { ops: 2, guards: 0 },
        )
    });
    log::finish();

    let text = std::fs::read_to_string(&path).unwrap();
    let masked = check_and_mask(&text);
    let expected_start = "\
[T] {jit-abort
trace too long at 17
[T] jit-abort}
[T] {jit-log-opt-loop
# Loop 0 : loop with 2 ops
[i0]
jump(i0)
[T] jit-log-opt-loop}
[T] {jit-summary
Tracing:";
    assert!(masked.starts_with(expected_start), "{masked}");
    assert!(
        masked.contains("\nloops:                         1\n"),
        "{masked}"
    );
    assert!(masked.ends_with("[T] jit-summary}\n"), "{masked}");

    // Logging off: nothing is written and the checks say no.
    log::init("").unwrap();
    assert!(!log::have_debug_prints("jit-log-opt-loop"));
    log::debug_start("jit-log-opt-loop");
    log::debug_stop("jit-log-opt-loop");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // An unwritable file is an error, and logging stays off.
    let bad = path.join("sub");
    let err = log::init(&format!("jit:{}", bad.display())).unwrap_err();
    assert!(err.to_string().contains("cannot open"));
    assert!(!log::have_debug_prints("jit-tracing"));
    let _ = std::fs::remove_file(&path);
}
