//! `translate`: builds a target interpreter, as RPython's `translate.py` does.
//!
//! ```text
//! translate [-O0|-O2|-Ojit] [--output PATH] [--dump=graphs|lltypes|jitcode [--format=text|dot]]
//!           [--jit-backend=ref|x86] TARGET
//! ```
//!
//! 1. Find the `#[jitsupport::interpreter]` module(s) in `TARGET/src` ([`locate`]).
//! 2. Analyse each: flowgraphs, annotation, rtyping, codewriting ([`pipeline`]); errors are printed
//!    like rustc's ([`render`]) and end the run with exit code 1.
//! 3. With `--dump`, print the graphs (also as Graphviz dot, [`dot`]), the low-level graphs or
//!    the jitcode and stop; otherwise build the target with cargo and copy the binary to
//!    `goal/<package>-c` ([`build`]), and write the report `goal/<package>-c.report` next to
//!    it ([`report`]).
//!
//! Each phase prints a progress line with its time on stderr (`[translate] ...`).
//!
//! `-Ojit` builds the target with its cargo feature `jit`, which compiles the hooks the
//! interpreter macro emits at `can_enter_jit!`; the JIT compiles its traces to x86-64
//! machine code (`--jit-backend=x86`, the default), or runs them on the reference backend
//! (`--jit-backend=ref`). The choice reaches the JIT as the environment variable
//! `PYRITE_JIT_BACKEND` of the cargo build, which jitsupport reads at compile time.
//!
//! Exit codes: 0 success, 1 analysis or build failure, 2 bad usage (clap's own code).

mod build;
mod dot;
mod locate;
mod pipeline;
mod render;
mod report;

use clap::{Parser, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Builds a Pyrite target interpreter into goal/.
#[derive(Parser, Debug)]
#[command(name = "translate", version, about)]
struct Cli {
    /// Optimisation level: `-O0` (debug build), `-O2` (release build, the default) or
    /// `-Ojit` (release build with the JIT).
    #[arg(
        short = 'O',
        value_enum,
        default_value = "2",
        hide_default_value = true
    )]
    opt: OptLevel,
    /// Where to write the binary (default: goal/<package>-c at the workspace root).
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Print an intermediate form of the interpreter module instead of building.
    #[arg(long, value_enum, value_name = "FORM")]
    dump: Option<Dump>,
    /// The format of `--dump=graphs`: `text` (the default) or `dot` (Graphviz, one
    /// digraph per function: `dot -Tsvg`).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "dump")]
    format: Option<Format>,
    /// The JIT backend (only with -Ojit): `x86` (the default) compiles traces to x86-64
    /// machine code; `ref` runs them on the reference backend.
    #[arg(long, value_enum, value_name = "BACKEND")]
    jit_backend: Option<JitBackend>,
    /// The target crate directory, e.g. `targets/tl`.
    target: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OptLevel {
    /// Debug build, no JIT.
    #[value(name = "0")]
    O0,
    /// Release build, no JIT.
    #[value(name = "2")]
    O2,
    /// Release build with the JIT.
    #[value(name = "jit")]
    Jit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Dump {
    /// The annotated flowgraphs of every function.
    Graphs,
    /// The low-level graphs and layouts after rtyping.
    Lltypes,
    /// The jitcode of every function, with its `-live-` points.
    Jitcode,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The text form.
    Text,
    /// Graphviz dot.
    Dot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum JitBackend {
    /// The reference backend: a trace interpreter.
    Ref,
    /// The x86-64 machine code backend.
    X86,
}

/// A failure that ends the run: its exit code and what to print (already formatted).
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn new(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprint!("{}", failure.message);
                if !failure.message.ends_with('\n') {
                    eprintln!();
                }
            }
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Failure> {
    if cli.jit_backend.is_some() && cli.opt != OptLevel::Jit {
        return Err(Failure::new(
            2,
            "error: --jit-backend only applies to -Ojit; remove it or add -Ojit",
        ));
    }
    if cli.format == Some(Format::Dot) && cli.dump != Some(Dump::Graphs) {
        return Err(Failure::new(
            2,
            "error: --format=dot applies to --dump=graphs only; drop --format or dump graphs",
        ));
    }
    let started = Instant::now();
    let modules = locate::interpreter_modules(&cli.target)?;
    let locate_time = started.elapsed();
    let analysed = pipeline::analyse_all(modules)?;
    if let Some(dump) = cli.dump {
        let texts: Vec<String> = analysed
            .iter()
            .map(|a| {
                let body = match dump {
                    Dump::Graphs if cli.format == Some(Format::Dot) => {
                        dot::graphs(&a.analysis.graphs)
                    }
                    Dump::Graphs => a.graphs_text(),
                    Dump::Lltypes => a.lltypes_text(),
                    Dump::Jitcode => a.jitcode_text(),
                };
                if analysed.len() == 1 {
                    body
                } else if cli.format == Some(Format::Dot) {
                    format!(
                        "// module {} ({})\n{body}",
                        a.module.name,
                        a.module.file.display()
                    )
                } else {
                    format!(
                        "# module {} ({})\n{body}",
                        a.module.name,
                        a.module.file.display()
                    )
                }
            })
            .collect();
        print!("{}", texts.join("\n"));
        return Ok(());
    }
    let functions: usize = analysed
        .iter()
        .map(pipeline::Analysed::function_count)
        .sum();
    let names: Vec<String> = analysed
        .iter()
        .map(|a| format!("`{}`", a.module.name))
        .collect();
    eprintln!(
        "[translate] located {} in {} in {:.2}s",
        names.join(", "),
        cli.target.display(),
        locate_time.as_secs_f64()
    );
    for a in &analysed {
        let t = &a.times;
        let j = &a.jitcode;
        eprintln!(
            "[translate] annotated `{}`: {} functions in {:.2}s",
            a.module.name,
            a.function_count(),
            t.annotate.as_secs_f64()
        );
        eprintln!(
            "[translate] rtyped `{}` in {:.2}s",
            a.module.name,
            t.rtype.as_secs_f64()
        );
        eprintln!(
            "[translate] jitcode of `{}`: {} functions, {} bytes ({} constants), {} residual, in {:.2}s",
            a.module.name,
            j.count,
            j.bytes,
            j.constants,
            j.residuals.len(),
            t.codewrite.as_secs_f64()
        );
    }
    log_step(
        &format!(
            "analysed {} ({functions} functions in {})",
            cli.target.display(),
            names.join(", ")
        ),
        started,
    );
    let profile = match cli.opt {
        OptLevel::O0 => build::Profile::Debug,
        OptLevel::O2 => build::Profile::Release,
        OptLevel::Jit => build::Profile::ReleaseJit {
            reference: cli.jit_backend == Some(JitBackend::Ref),
        },
    };
    let built = build::build(&cli.target, profile, cli.output.as_deref())?;
    let path = report::path_for(&built.dest);
    let text = report::text(&cli.target, profile, locate_time, &analysed, &built);
    std::fs::write(&path, text).map_err(|e| {
        Failure::new(
            1,
            format!("error: cannot write the report {}: {e}", path.display()),
        )
    })?;
    eprintln!(
        "[translate] report in {} ({} warnings)",
        build::relative(&path).display(),
        built.warnings.len()
    );
    Ok(())
}

/// Prints one line of the log: what was done and how long it took.
fn log_step(what: &str, since: Instant) {
    eprintln!(
        "[translate] {what} in {:.2}s",
        since.elapsed().as_secs_f64()
    );
}
