//! The report next to a built binary, `goal/<target>-c.report` (RPython's translation
//! log, in one file): which build it was, the phases and their times, the jitcodes and
//! their sizes, the residual functions and why each is one, and the compiler's warnings.
//!
//! Its `build:` line (`build: -Ojit`) is how the next build at the same place tells
//! whether it replaces a binary of another kind (see `build.rs`).

use crate::build::{human_size, relative, Built, Profile};
use crate::pipeline::Analysed;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The report's path for a binary at `dest`: `dest.report`.
pub fn path_for(dest: &Path) -> PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push(".report");
    PathBuf::from(name)
}

fn secs(d: Duration) -> String {
    format!("{:.3}s", d.as_secs_f64())
}

/// The report's text.
pub fn text(
    target: &Path,
    profile: Profile,
    locate: Duration,
    analysed: &[Analysed],
    built: &Built,
) -> String {
    let mut r = String::new();
    let _ = writeln!(
        r,
        "translate report for {}",
        relative(&built.dest).display()
    );
    let _ = writeln!(
        r,
        "target: {} (package `{}`)",
        target.display(),
        built.package
    );
    let _ = writeln!(r, "build: {}", profile.flags());
    let _ = writeln!(r, "\nphases:");
    let sum = |f: fn(&Analysed) -> Duration| analysed.iter().map(f).sum::<Duration>();
    let functions: usize = analysed.iter().map(Analysed::function_count).sum();
    let jitcodes: usize = analysed.iter().map(|a| a.jitcode.count).sum();
    let bytes: usize = analysed.iter().map(|a| a.jitcode.bytes).sum();
    let rows = [
        (
            "locate",
            locate,
            format!("{} interpreter module(s)", analysed.len()),
        ),
        (
            "annotate",
            sum(|a| a.times.annotate),
            format!("{functions} functions"),
        ),
        ("rtype", sum(|a| a.times.rtype), String::new()),
        (
            "codewrite",
            sum(|a| a.times.codewrite),
            format!("{jitcodes} jitcodes, {bytes} bytes"),
        ),
        ("cargo build", built.cargo_time, profile.flags().to_string()),
        ("copy", built.copy_time, human_size(built.size)),
    ];
    for (name, time, note) in rows {
        let _ = writeln!(r, "  {name:<12} {:>9}  {note}", secs(time));
    }
    for a in analysed {
        let _ = writeln!(
            r,
            "\njitcodes of `{}` ({}): {} jitcodes, {} bytes in all ({} constants)",
            a.module.name,
            a.module.file.display(),
            a.jitcode.count,
            a.jitcode.bytes,
            a.jitcode.constants
        );
        let mut sizes = a.jitcode.sizes.clone();
        sizes.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        for (name, size) in sizes {
            let _ = writeln!(r, "  {size:>7} bytes  {name}");
        }
        let _ = writeln!(
            r,
            "\nresidual functions of `{}` (called natively, not traced into): {}",
            a.module.name,
            a.jitcode.residuals.len()
        );
        for f in &a.jitcode.residuals {
            let _ = writeln!(r, "  {}: {}", f.name, f.why);
        }
    }
    let _ = writeln!(r, "\nwarnings: {}", built.warnings.len());
    for w in &built.warnings {
        let _ = writeln!(r, "  {w}");
    }
    r
}
