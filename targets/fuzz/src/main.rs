//! `pyrite-fuzz --target bf --seeds 0..100000`: runs the programs of a range of seeds
//! every way and reports every mismatch, with its program minimized and written to a file.
//!
//! Exit codes: 0 when every seed agrees, 1 when some mismatched (or the generator made an
//! invalid program), 2 for bad usage.

use clap::{Parser, ValueEnum};
use pyrite_fuzz::{check, Lang, SeedResult, Verdict};
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
    /// Check this program file instead of generated ones (a bf program's input is read
    /// from the file beside it with the extension `.in`, if there is one); with
    /// `--seeds`' default, only the file is checked.
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
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
    if let Some(path) = &cli.file {
        return check_file(lang, path);
    }
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
            SeedResult::Invalid {
                why,
                program,
                input,
            } => {
                failures += 1;
                eprintln!(
                    "seed {seed}: the generator made an invalid program (a fuzzer bug): {why}"
                );
                report_file(&cli, lang, seed, "", &program, &input);
            }
            SeedResult::Mismatch {
                why,
                program,
                input,
                minimized,
            } => {
                failures += 1;
                eprintln!("seed {seed}: MISMATCH\n{why}");
                report_file(&cli, lang, seed, "", &program, &input);
                if let Some(minimized) = minimized {
                    report_file(&cli, lang, seed, ".min", &minimized, &input);
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

/// Writes `program` to `<out>/<target>-<seed><suffix>.<ext>` (and a non-empty `input`
/// beside it, extension `.in`) and says where.
fn report_file(cli: &Cli, lang: Lang, seed: u64, suffix: &str, program: &str, input: &[u8]) {
    let path = cli.out.join(format!(
        "{}-{seed}{suffix}.{}",
        lang.name(),
        lang.extension()
    ));
    let mut written =
        std::fs::create_dir_all(&cli.out).and_then(|()| std::fs::write(&path, program));
    if written.is_ok() && !input.is_empty() {
        written = std::fs::write(path.with_extension("in"), input);
    }
    match written {
        Ok(()) => eprintln!("  wrote {}", path.display()),
        Err(e) => eprintln!("  cannot write {}: {e}", path.display()),
    }
}

/// Checks the program in the file `path` every way: exit code 0 if the ways agree.
fn check_file(lang: Lang, path: &std::path::Path) -> ExitCode {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("pyrite-fuzz: error: cannot read `{}`: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let input = std::fs::read(path.with_extension("in")).unwrap_or_default();
    match lang.check_program(&source, &input) {
        Verdict::Agree => {
            eprintln!("pyrite-fuzz: {}: every way agrees", path.display());
            ExitCode::SUCCESS
        }
        Verdict::Invalid(why) => {
            eprintln!(
                "pyrite-fuzz: {}: not a valid program: {why}",
                path.display()
            );
            ExitCode::from(2)
        }
        Verdict::Mismatch(why) => {
            eprintln!("pyrite-fuzz: {}: MISMATCH\n{why}", path.display());
            ExitCode::from(1)
        }
    }
}
