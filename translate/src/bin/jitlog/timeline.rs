//! Where the time of a run went: the log's time line cut into segments, each owned by one
//! category of work (PyPy's `logparser draw-time` and `print-summary`).
//!
//! A tick belongs to the innermost open section that names a kind of work (`jit-tracing`
//! is tracing, `jit-optimize` optimizing, `jit-backend*` the backend, `jit-blackhole` the
//! blackhole, `gc-*` the collector); sections that only log (`jit-log-*`, `jit-abort`,
//! ...) leave their ticks to the section around them. Ticks outside every section are the
//! program running: the interpreter and the compiled code, which the log cannot tell
//! apart (entering compiled code writes nothing, so that it stays cheap).
//!
//! Ticks are the CPU's time-stamp counter. When the log has a `jit-summary` (which gives
//! the phases' times in seconds), [`Timeline::seconds_per_tick`] estimates the clock from
//! it (tracing, optimizing and the backend, whose sections enclose just what their timers
//! time; a blackhole run's timer also covers rebuilding its frames), and times are shown
//! in seconds too.

use crate::log::{Log, Section};
use crate::summary::JitSummary;

/// A kind of work, one colour in the picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Outside every section: the interpreter and compiled code.
    Running,
    /// Recording traces (`jit-tracing`).
    Tracing,
    /// The optimizer (`jit-optimize`).
    Optimizing,
    /// Generating machine code (`jit-backend*`).
    Backend,
    /// The blackhole interpreter after guard failures (`jit-blackhole`).
    Blackhole,
    /// The garbage collector (`gc-*`).
    Gc,
    /// Writing the log: sections that only log (`jit-log-*`, `jit-backend-dump`, ...)
    /// outside every working section.
    Logging,
    /// A section of another kind (an unknown category).
    Other,
}

impl Category {
    /// Every category, in the order of the legend.
    pub const ALL: [Category; 8] = [
        Category::Running,
        Category::Tracing,
        Category::Optimizing,
        Category::Backend,
        Category::Blackhole,
        Category::Gc,
        Category::Logging,
        Category::Other,
    ];

    /// The name in tables and the legend.
    pub fn name(self) -> &'static str {
        match self {
            Category::Running => "running (interpreter and compiled code)",
            Category::Tracing => "tracing",
            Category::Optimizing => "optimizing",
            Category::Backend => "backend",
            Category::Blackhole => "blackhole",
            Category::Gc => "GC",
            Category::Logging => "writing the log",
            Category::Other => "other sections",
        }
    }

    /// The short name (for narrow places).
    pub fn short(self) -> &'static str {
        match self {
            Category::Running => "running",
            Category::Tracing => "tracing",
            Category::Optimizing => "optimizing",
            Category::Backend => "backend",
            Category::Blackhole => "blackhole",
            Category::Gc => "GC",
            Category::Logging => "logging",
            Category::Other => "other",
        }
    }

    /// The colour, as RGB.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Category::Running => [0x4c, 0xaf, 0x50],
            Category::Tracing => [0xe5, 0x39, 0x35],
            Category::Optimizing => [0xfb, 0x8c, 0x00],
            Category::Backend => [0x8e, 0x24, 0xaa],
            Category::Blackhole => [0x21, 0x21, 0x21],
            Category::Gc => [0x1e, 0x88, 0xe5],
            Category::Logging => [0xbd, 0xbd, 0xbd],
            Category::Other => [0x9e, 0x9e, 0x9e],
        }
    }

    /// The category a section's own ticks go to; `None` for a section that only logs
    /// (its ticks belong to the section around it).
    pub fn of_section(category: &str) -> Option<Category> {
        if category == "jit-tracing" {
            Some(Category::Tracing)
        } else if category == "jit-optimize" {
            Some(Category::Optimizing)
        } else if category == "jit-backend" {
            Some(Category::Backend)
        } else if category == "jit-blackhole" {
            Some(Category::Blackhole)
        } else if category.starts_with("gc-") || category == "gc" {
            Some(Category::Gc)
        } else if category.starts_with("jit-log-")
            || category == "jit-abort"
            || category == "jit-summary"
            || category.starts_with("jit-backend-")
            || category.starts_with("jit-mem-")
        {
            None
        } else {
            Some(Category::Other)
        }
    }
}

/// A stretch of time owned by one category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Its first tick and the tick after its end.
    pub start: u64,
    /// See `start`.
    pub end: u64,
    /// Who owns it.
    pub category: Category,
}

/// The time line of a log.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The first and last tick.
    pub start: u64,
    /// See `start`.
    pub end: u64,
    /// Adjacent segments covering `start..end`, in order (empty segments left out).
    pub segments: Vec<Segment>,
    /// Per category (by `Category::ALL`'s order): ticks, and the number of sections.
    pub ticks: [u64; 8],
    /// See `ticks`.
    pub sections: [u64; 8],
}

impl Timeline {
    /// Cuts the log's time line into segments.
    pub fn of(log: &Log) -> Timeline {
        let Some((start, end)) = log.span() else {
            return Timeline::default();
        };
        let mut t = Timeline {
            start,
            end,
            ..Timeline::default()
        };
        let mut cursor = start;
        for section in &log.sections {
            t.push(cursor, section.start, Category::Running);
            t.section(section, Category::Other, true);
            cursor = section.end;
        }
        t
    }

    /// Adds the segments of `section` (whose surroundings are `outer`).
    fn section(&mut self, section: &Section, outer: Category, top: bool) {
        let own = Category::of_section(&section.category);
        let category = match own {
            Some(c) => c,
            None if top => Category::Logging,
            None => outer,
        };
        if own.is_some() {
            self.sections[index(category)] += 1;
        }
        let mut cursor = section.start;
        for child in &section.children {
            self.push(cursor, child.start, category);
            self.section(child, category, false);
            cursor = child.end;
        }
        self.push(cursor, section.end, category);
    }

    fn push(&mut self, start: u64, end: u64, category: Category) {
        if end <= start {
            return;
        }
        self.ticks[index(category)] += end - start;
        if let Some(last) = self.segments.last_mut() {
            if last.category == category && last.end == start {
                last.end = end;
                return;
            }
        }
        self.segments.push(Segment {
            start,
            end,
            category,
        });
    }

    /// All ticks of the run.
    pub fn total(&self) -> u64 {
        self.end - self.start
    }

    /// The ticks of `category`.
    pub fn ticks_of(&self, category: Category) -> u64 {
        self.ticks[index(category)]
    }

    /// Seconds per tick, estimated from the phase times of `jit-summary` against the
    /// ticks of the same phases' sections; `None` without a summary or phase ticks.
    pub fn seconds_per_tick(&self, summary: Option<&JitSummary>) -> Option<f64> {
        let summary = summary?;
        let seconds = summary.phase_seconds();
        let ticks: u64 = [Category::Tracing, Category::Optimizing, Category::Backend]
            .iter()
            .map(|&c| self.ticks_of(c))
            .sum();
        (ticks > 0 && seconds > 0.0).then(|| seconds / ticks as f64)
    }
}

/// The position of `category` in `Category::ALL`.
pub fn index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|&c| c == category)
        .unwrap_or(Category::ALL.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::read;

    #[test]
    fn the_innermost_working_section_owns_the_time() {
        let log = read(
            "[100] {jit-tracing\n[110] {jit-log-noopt-loop\n[120] jit-log-noopt-loop}\n\
             [130] {jit-optimize\n[150] jit-optimize}\n[160] jit-tracing}\n\
             [200] {jit-blackhole\n[210] jit-blackhole}\n",
        )
        .unwrap();
        let t = Timeline::of(&log);
        assert_eq!(t.total(), 0x110);
        assert_eq!(t.ticks_of(Category::Tracing), 0x60 - 0x20);
        assert_eq!(t.ticks_of(Category::Optimizing), 0x20);
        assert_eq!(t.ticks_of(Category::Running), 0x200 - 0x160);
        assert_eq!(t.ticks_of(Category::Blackhole), 0x10);
        let sum: u64 = t.ticks.iter().sum();
        assert_eq!(sum, t.total());
        assert_eq!(
            t.segments
                .iter()
                .map(|s| s.category.short())
                .collect::<Vec<_>>(),
            ["tracing", "optimizing", "tracing", "running", "blackhole"]
        );
    }
}
