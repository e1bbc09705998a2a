//! `jitlog view`: one self-contained HTML page (inline style and script, no network) of
//! what the JIT compiled: the time per category, the `jit-summary` figures, an index of
//! loops, entry traces and bridges with their entry and guard failure counts, and each
//! trace with its ops grouped under the merge point they came from, each op's machine
//! code beside it, and every guard linked to its bridge. A search box filters the traces
//! and marks the ops that match (`report.html?q=int_add` opens the page searching).

use crate::summary::JitSummary;
use crate::timeline::{Category, Timeline};
use crate::traces::{CompiledTrace, Kind, Report};
use std::fmt::Write;

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: sans-serif; margin: 1em 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
td, th { padding: 2px 10px; border-bottom: 1px solid #ddd; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: middle; }
.bar { display: flex; height: 18px; width: 100%; margin: .5em 0; }
.trace { border: 1px solid #ccc; border-radius: 4px; padding: .3em 1em; margin: 1em 0; }
.trace h2 { margin: .3em 0; }
.mp { margin: .4em 0; }
.mp > summary { font-family: monospace; color: #1565c0; cursor: pointer; }
.op { font-family: monospace; white-space: pre-wrap; margin-left: 1.2em; }
.op.guard { color: #b71c1c; }
.op.hit { background: #fff59d; }
.asm { font-family: monospace; font-size: .85em; color: #555; margin: 0 0 .2em 3em; white-space: pre; }
.meta { color: #555; font-size: .9em; }
.hidden { display: none; }
#search { font-size: 1em; padding: 3px 6px; width: 24em; }
"#;

const SCRIPT: &str = r#"
function search(q) {
  q = q.trim().toLowerCase();
  var shown = 0;
  document.querySelectorAll('.trace').forEach(function (t) {
    var hit = false;
    t.querySelectorAll('.op').forEach(function (op) {
      var m = q !== '' && op.textContent.toLowerCase().indexOf(q) >= 0;
      op.classList.toggle('hit', m);
      if (m) { hit = true; }
    });
    if (!hit && q !== '' && t.querySelector('h2').textContent.toLowerCase().indexOf(q) >= 0) { hit = true; }
    var show = q === '' || hit;
    t.classList.toggle('hidden', !show);
    if (show) { shown += 1; }
  });
  document.getElementById('found').textContent = q === '' ? '' : shown + ' traces match';
}
// `report.html?q=TEXT` opens the page searching for TEXT.
window.addEventListener('DOMContentLoaded', function () {
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) { document.getElementById('search').value = q; search(q); }
});
"#;

/// The whole page.
pub fn page(
    title: &str,
    report: &Report,
    timeline: &Timeline,
    summary: Option<&JitSummary>,
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>jitlog: {t}</title><style>{STYLE}</style><script>{SCRIPT}</script></head>\n\
         <body>\n<h1>What the JIT did: {t}</h1>\n",
        t = escape(title)
    );
    time_table(&mut h, timeline, summary);
    if let Some(summary) = summary {
        h.push_str("<details><summary>jit-summary</summary><table>\n");
        for f in &summary.figures {
            let secs = f.seconds.map_or(String::new(), |s| format!("{s:.6} s"));
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{secs}</td></tr>",
                escape(&f.name),
                f.count.map_or(String::new(), |c| c.to_string())
            );
        }
        h.push_str("</table></details>\n");
    }
    index(&mut h, report);
    h.push_str(
        "<p><input id=\"search\" type=\"search\" placeholder=\"search ops, e.g. int_add or Guard3\" \
         oninput=\"search(this.value)\"> <span id=\"found\" class=\"meta\"></span></p>\n",
    );
    for trace in &report.traces {
        trace_section(&mut h, trace, report);
    }
    h.push_str("</body></html>\n");
    h
}

/// The time per category: a bar and a table.
fn time_table(h: &mut String, timeline: &Timeline, summary: Option<&JitSummary>) {
    let total = timeline.total().max(1);
    let per_tick = timeline.seconds_per_tick(summary);
    h.push_str("<div class=\"bar\">");
    for s in &timeline.segments {
        let share = 100.0 * (s.end - s.start) as f64 / total as f64;
        if share < 0.05 {
            continue;
        }
        let [r, g, b] = s.category.rgb();
        let _ = write!(
            h,
            "<div style=\"width:{share:.3}%;background:#{r:02x}{g:02x}{b:02x}\" title=\"{}\"></div>",
            s.category.short()
        );
    }
    h.push_str("</div>\n<table><tr><th>category</th><th class=\"n\">share</th><th class=\"n\">seconds</th></tr>\n");
    for category in Category::ALL {
        let ticks = timeline.ticks_of(category);
        if matches!(category, Category::Other | Category::Logging) && ticks == 0 {
            continue;
        }
        let [r, g, b] = category.rgb();
        let secs = per_tick.map_or("-".to_string(), |s| format!("{:.6}", ticks as f64 * s));
        let _ = writeln!(
            h,
            "<tr><td><span class=\"swatch\" style=\"background:#{r:02x}{g:02x}{b:02x}\"></span>{}</td>\
             <td class=\"n\">{:.1}%</td><td class=\"n\">{secs}</td></tr>",
            escape(category.name()),
            100.0 * ticks as f64 / total as f64
        );
    }
    h.push_str("</table>\n");
}

/// The index: one row per trace.
fn index(h: &mut String, report: &Report) {
    let _ = writeln!(
        h,
        "<h2>Compiled traces</h2>\n<p class=\"meta\">{} loops, {} entry traces, {} bridges.{}{}</p>",
        report.traces.iter().filter(|t| t.kind == Kind::Loop).count(),
        report.traces.iter().filter(|t| t.kind == Kind::Entry).count(),
        report.traces.iter().filter(|t| t.kind == Kind::Bridge).count(),
        if report.has_counts {
            " Guard failures are those that reached the runtime: once a guard has a \
             bridge its failures jump to the bridge in machine code, and count as the \
             bridge's entries (counted by the bridge's own code; a log without bridge \
             lines shows none)."
        } else {
            " No counts: log jit-backend-counts for them."
        },
        if report.has_code {
            ""
        } else {
            " No machine code: log jit-backend-dump for it."
        }
    );
    h.push_str(
        "<table id=\"index\"><tr><th>trace</th><th>starts at</th><th class=\"n\">ops</th>\
         <th class=\"n\">guards</th><th class=\"n\">entered</th><th class=\"n\">guard failures</th></tr>\n",
    );
    for t in &report.traces {
        let guards: Vec<u32> = t.ops().filter_map(|o| o.guard).collect();
        let failures: u64 = guards
            .iter()
            .filter_map(|g| report.guard_failures.get(g))
            .sum();
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            t.anchor(),
            escape(&title(t)),
            escape(t.start().unwrap_or("")),
            t.ops().count(),
            guards.len(),
            t.entered.map_or("-".to_string(), |n| n.to_string()),
            if report.has_counts {
                failures.to_string()
            } else {
                "-".to_string()
            }
        );
    }
    h.push_str("</table>\n");
}

fn title(t: &CompiledTrace) -> String {
    match t.kind {
        Kind::Loop => format!("Loop {}", t.number),
        Kind::Entry => format!("Entry trace {} ({})", t.number, t.name),
        Kind::Bridge => format!("Bridge out of Guard {}", t.number),
    }
}

/// One trace: its header, its ops under their merge points, with machine code.
fn trace_section(h: &mut String, t: &CompiledTrace, report: &Report) {
    let _ = writeln!(
        h,
        "<section class=\"trace\" id=\"{}\"><h2>{}</h2>",
        t.anchor(),
        escape(&title(t))
    );
    let mut meta = format!("log line {}; inputs {}", t.line, escape(&t.inputs));
    if let Some(n) = t.entered {
        let _ = write!(meta, "; entered {n} times");
    }
    if let Some(code) = &t.code_header {
        let _ = write!(meta, "; machine code: {}", escape(code));
    }
    let _ = writeln!(h, "<p class=\"meta\">{meta}</p>");
    for group in &t.groups {
        let label = group
            .merge_point
            .as_deref()
            .unwrap_or("(before the first merge point)");
        let _ = writeln!(
            h,
            "<details class=\"mp\" open><summary>{}</summary>",
            escape(label)
        );
        for op in &group.ops {
            let class = if op.guard.is_some() { "op guard" } else { "op" };
            let mut extra = String::new();
            if let Some(g) = op.guard {
                if let Some(n) = report.guard_failures.get(&g) {
                    let _ = write!(extra, "  <span class=\"meta\">failed {n} times</span>");
                }
                if let Some(bridge) = report.bridge_of(g) {
                    let _ = write!(
                        extra,
                        "  <a href=\"#{}\">bridge &rarr;</a>",
                        bridge.anchor()
                    );
                }
            }
            let _ = writeln!(
                h,
                "<div class=\"{class}\" data-line=\"{}\">{}{extra}</div>",
                op.line,
                escape(&op.text)
            );
            if !op.asm.is_empty() {
                let _ = writeln!(h, "<div class=\"asm\">{}</div>", escape(&op.asm.join("\n")));
            }
        }
        h.push_str("</details>\n");
    }
    if !t.stubs.is_empty() {
        let _ = writeln!(
            h,
            "<details><summary class=\"meta\">guard stubs and the epilogue ({} instructions)</summary>\
             <div class=\"asm\">{}</div></details>",
            t.stubs.len(),
            escape(&t.stubs.join("\n"))
        );
    }
    h.push_str("</section>\n");
}
