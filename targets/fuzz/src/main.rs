//! `pyrite-fuzz --target bf --seeds 0..100000`: runs the programs of a range of seeds
//! every way and reports every mismatch, with its program minimized and written to a file.
//!
//! Exit codes: 0 when every seed agrees, 1 when some mismatched (or the generator made an
//! invalid program), 2 for bad usage.

use clap::{Parser, ValueEnum};
use pyrite_fuzz::{check, Lang, SeedResult};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Runs random valid programs of a target natively, through the blackhole and with the
/// JIT, and compares them.
#[derive(Parser, Debug)]
#[command(name = "pyrite-fuzz", version, about)]
struct Cli {
    /// The target whose programs to generate.
    #[arg(long, value_enum)]
    target: Target,
    /// The seeds, `START..END` (END excluded) or one seed.
    #[arg(long, value_parser = parse_seeds, default_value = "0..2000")]
    seeds: Range<u64>,
    /// Where to write the programs that mismatch (`<target>-<seed>.<ext>` and its
    /// minimized `<target>-<seed>.min.<ext>`).
    #[arg(long, value_name = "DIR", default_value = "fuzz-failures")]
    out: PathBuf,
    /// Do not minimize mismatching programs.
    #[arg(long)]
    no_minimize: bool,
    /// Print the program of the first seed and stop (to look at the generator).
    #[arg(long)]
    show: bool,
    /// Also count what the JIT did (loops, bridges, guard failures, aborts) at
    /// `threshold=1,trace_eagerness=1`, and print the sums at the end.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Target {
    Tl,
    Bf,
}

fn parse_seeds(text: &str) -> Result<Range<u64>, String> {
    let bad =
        || format!("`{text}` is not a seed range: write START..END (END excluded) or one seed");
    match text.split_once("..") {
        Some((start, end)) => {
            let start: u64 = start.trim().parse().map_err(|_| bad())?;
            let end: u64 = end.trim().parse().map_err(|_| bad())?;
            if start >= end {
                return Err(format!(
                    "the seed range `{text}` is empty: END must be above START"
                ));
            }
            Ok(start..end)
        }
        None => {
            let seed: u64 = text.trim().parse().map_err(|_| bad())?;
            Ok(seed..seed.saturating_add(1))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.target {
        Target::Tl => Lang::Tl,
        Target::Bf => Lang::Bf,
    };
    if cli.show {
        let program = match lang {
            Lang::Tl => pyrite_fuzz::tl::generate(cli.seeds.start).to_file(),
            Lang::Bf => pyrite_fuzz::bf::generate(cli.seeds.start).to_file(),
        };
        print!("{program}");
        return ExitCode::SUCCESS;
    }
    let ways = if check::has_jit_way() {
        format!(
            "every way of the harness ({:?})",
            jitsupport::testing::Way::ALL
        )
    } else {
        "natively and through the blackhole (the harness has no JIT way yet)".to_string()
    };
    eprintln!(
        "pyrite-fuzz: {} seeds {}..{}, {ways}",
        lang.name(),
        cli.seeds.start,
        cli.seeds.end
    );
    let started = Instant::now();
    let total = cli.seeds.end - cli.seeds.start;
    let mut failures = 0u64;
    let mut coverage = check::Coverage::default();
    for (done, seed) in cli.seeds.clone().enumerate() {
        match lang.run_seed(seed, !cli.no_minimize) {
            SeedResult::Agree => {}
            SeedResult::Invalid { why, program } => {
                failures += 1;
                eprintln!(
                    "seed {seed}: the generator made an invalid program (a fuzzer bug): {why}"
                );
                report_file(&cli, lang, seed, "", &program);
            }
            SeedResult::Mismatch {
                why,
                program,
                minimized,
            } => {
                failures += 1;
                eprintln!("seed {seed}: MISMATCH\n{why}");
                report_file(&cli, lang, seed, "", &program);
                if let Some(minimized) = minimized {
                    report_file(&cli, lang, seed, ".min", &minimized);
                    eprintln!("minimized:\n{minimized}");
                }
            }
        }
        if cli.stats {
            if let Some(stats) = pyrite_fuzz::jit_stats(lang, seed, check::eager_params()) {
                coverage.add(&stats);
            }
        }
        let done = done as u64 + 1;
        if done.is_multiple_of(1000) && done < total {
            eprintln!(
                "pyrite-fuzz: {done}/{total} seeds, {failures} failing, {:.1}s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "pyrite-fuzz: {total} seeds of {} in {:.1}s: {failures} failing",
        lang.name(),
        started.elapsed().as_secs_f64()
    );
    if cli.stats {
        eprintln!("pyrite-fuzz: the JIT at threshold=1,trace_eagerness=1: {coverage}");
    }
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes `program` to `<out>/<target>-<seed><suffix>.<ext>` and says where.
fn report_file(cli: &Cli, lang: Lang, seed: u64, suffix: &str, program: &str) {
    let path = cli.out.join(format!(
        "{}-{seed}{suffix}.{}",
        lang.name(),
        lang.extension()
    ));
    let written = std::fs::create_dir_all(&cli.out).and_then(|()| std::fs::write(&path, program));
    match written {
        Ok(()) => eprintln!("  wrote {}", path.display()),
        Err(e) => eprintln!("  cannot write {}: {e}", path.display()),
    }
}
