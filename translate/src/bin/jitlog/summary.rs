//! `jitlog summary`: the time per category and the `jit-summary` figures, as tables.
//!
//! The `jit-summary` section (`jitsupport::jit::log::Summary`) holds one `name: value`
//! line per figure; the phase lines carry a count and a time in seconds
//! (`Tracing:   3  0.001234`).

use crate::log::{LogError, Section};
use crate::timeline::{Category, Timeline};
use std::fmt::Write;

/// One figure of `jit-summary`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Its name, without the colon: `Tracing`, `loops`, `abort: trace too long`.
    pub name: String,
    /// The count (`TOTAL` has none).
    pub count: Option<u64>,
    /// The time in seconds, for the phases (and `TOTAL`).
    pub seconds: Option<f64>,
}

/// The figures of a `jit-summary` section, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JitSummary {
    /// The figures.
    pub figures: Vec<Figure>,
}

/// The phase names of `jit-summary` whose times calibrate the clock (see `timeline`).
const PHASES: [&str; 3] = ["Tracing", "Optimizing", "Backend"];

impl JitSummary {
    /// Reads a `jit-summary` section's lines.
    pub fn read(section: &Section) -> Result<JitSummary, LogError> {
        let mut figures = Vec::new();
        for (line, text) in &section.lines {
            if text.trim().is_empty() {
                continue;
            }
            figures.push(figure(text).ok_or_else(|| LogError {
                line: *line,
                message: format!(
                    "a jit-summary line is `name: count` or `name: count seconds`; \
                     found `{text}`"
                ),
            })?);
        }
        Ok(JitSummary { figures })
    }

    /// The figure named `name`.
    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.name == name)
    }

    /// The seconds of tracing, optimizing and the backend, added up.
    pub fn phase_seconds(&self) -> f64 {
        PHASES
            .iter()
            .filter_map(|p| self.get(p).and_then(|f| f.seconds))
            .sum()
    }
}

/// Parses `name: count` or `name: count seconds`.
fn figure(text: &str) -> Option<Figure> {
    let (name, values) = text.trim().rsplit_once(':')?;
    let mut values = values.split_whitespace();
    let count = values.next()?.parse().ok();
    let seconds = match values.next() {
        Some(s) => Some(s.parse::<f64>().ok()?),
        None => None,
    };
    if values.next().is_some() {
        return None;
    }
    // `TOTAL:` has only a time.
    let (count, seconds) = match (count, seconds) {
        (Some(c), s) => (Some(c), s),
        (None, None) => {
            let only = text.trim().rsplit_once(':')?.1.trim().parse::<f64>().ok()?;
            (None, Some(only))
        }
        (None, Some(_)) => return None,
    };
    Some(Figure {
        name: name.trim().to_string(),
        count,
        seconds,
    })
}

/// The text of `jitlog summary`: the time per category, then the `jit-summary` figures.
pub fn render(timeline: &Timeline, summary: Option<&JitSummary>) -> String {
    let mut out = String::new();
    let per_tick = timeline.seconds_per_tick(summary);
    let total = timeline.total();
    let _ = writeln!(
        out,
        "{:<40} {:>8} {:>16} {:>7} {:>11}",
        "category", "sections", "ticks", "share", "seconds"
    );
    for category in Category::ALL {
        let ticks = timeline.ticks_of(category);
        let sections = timeline.sections[crate::timeline::index(category)];
        if ticks == 0 && sections == 0 && matches!(category, Category::Other | Category::Logging) {
            continue;
        }
        let _ = writeln!(
            out,
            "{:<40} {:>8} {:>16} {:>6.1}% {:>11}",
            category.name(),
            sections,
            ticks,
            share(ticks, total),
            seconds(ticks, per_tick)
        );
    }
    let _ = writeln!(
        out,
        "{:<40} {:>8} {:>16} {:>6.1}% {:>11}",
        "total",
        "",
        total,
        100.0 * (total > 0) as u8 as f64,
        seconds(total, per_tick)
    );
    match per_tick {
        Some(s) => {
            let _ = writeln!(
                out,
                "(seconds estimated from jit-summary's phase times: {:.3} GHz ticks)",
                1e-9 / s
            );
        }
        None => {
            let _ = writeln!(out, "(no jit-summary with phase times: ticks only)");
        }
    }
    out.push('\n');
    match summary {
        None => out.push_str("no jit-summary section (log it with PYRITE_LOG=...,jit-summary)\n"),
        Some(summary) => {
            let _ = writeln!(
                out,
                "{:<32} {:>10} {:>11}",
                "jit-summary", "count", "seconds"
            );
            for f in &summary.figures {
                let secs = f.seconds.map_or(String::new(), |s| format!("{s:.6}"));
                let count = f.count.map_or(String::new(), |c| c.to_string());
                let _ = writeln!(out, "{:<32} {count:>10} {secs:>11}", f.name);
            }
        }
    }
    out
}

fn share(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * part as f64 / total as f64
    }
}

fn seconds(ticks: u64, per_tick: Option<f64>) -> String {
    per_tick.map_or("-".to_string(), |s| format!("{:.6}", ticks as f64 * s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_parse() {
        assert_eq!(
            figure("Tracing:                       3  0.001234"),
            Some(Figure {
                name: "Tracing".into(),
                count: Some(3),
                seconds: Some(0.001234)
            })
        );
        assert_eq!(
            figure("TOTAL:                     0.5").unwrap().seconds,
            Some(0.5)
        );
        assert_eq!(
            figure("abort: trace too long:   2").unwrap().name,
            "abort: trace too long"
        );
        assert_eq!(figure("loops 3"), None);
        assert_eq!(figure("loops: x"), None);
    }
}
