//! The differential fuzzer of the targets: random valid tl and bf programs, run natively,
//! through the blackhole and with the JIT, must agree.
//!
//! - [`rng`]: the deterministic generator a seed drives.
//! - [`budget`]: what the program generators share: the budget of worst-case steps, loop
//!   sizes, hot loops, the reference interpreters' fuel.
//! - [`bf`] and [`tl`]: per target, the program generator (valid programs with a bounded
//!   run time, by construction), the harness's [`Target`](jitsupport::testing::Target),
//!   a reference interpreter with a step limit, [`check`](bf::check) and
//!   [`minimize`](bf::minimize).
//! - [`check`](mod@check): running a case every way under every JIT configuration, and delta
//!   debugging.
//!
//! The test `tests/seeds.rs` runs the fixed CI range of seeds; the binary
//! (`cargo run --release -p pyrite-fuzz -- --target bf --seeds 0..100000`) runs any
//! range and writes a mismatching program, minimized, to a file.

pub mod bf;
pub mod budget;
pub mod check;
pub mod rng;
pub mod tl;

/// What running one case every way showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every way and the reference interpreter agree.
    Agree,
    /// The case is not a valid program (it does not load, or it runs past the reference
    /// interpreter's step limit): only candidates of the minimizer can be invalid.
    Invalid(String),
    /// The ways disagree; the differences.
    Mismatch(String),
}

/// A fuzzed target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Tl,
    Bf,
}

impl Lang {
    /// The target's name, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Tl => "tl",
            Lang::Bf => "bf",
        }
    }

    /// The file extension of the target's programs.
    pub fn extension(self) -> &'static str {
        match self {
            Lang::Tl => "tl",
            Lang::Bf => "b",
        }
    }

    /// Generates the program of `seed` and checks it; on a mismatch, also minimizes it.
    pub fn run_seed(self, seed: u64, minimize: bool) -> SeedResult {
        match self {
            Lang::Tl => {
                let case = tl::generate(seed);
                let verdict = tl::check(&case);
                SeedResult::new(verdict, &case.to_file(), &[], minimize, || {
                    tl::minimize(&case).to_file()
                })
            }
            Lang::Bf => {
                let case = bf::generate(seed);
                let verdict = bf::check(&case);
                SeedResult::new(verdict, &case.to_file(), &case.input, minimize, || {
                    bf::minimize(&case).to_file()
                })
            }
        }
    }

    /// Checks the program `source` (with `input`, for bf) every way.
    pub fn check_program(self, source: &str, input: &[u8]) -> Verdict {
        match self {
            Lang::Tl => tl::check(&tl::Case {
                source: source.to_string(),
            }),
            Lang::Bf => bf::check(&bf::Case {
                source: source.to_string(),
                input: input.to_vec(),
            }),
        }
    }
}

/// What the JIT did on the program of `seed` with `params` (see [`check::jit_stats`]).
pub fn jit_stats(
    lang: Lang,
    seed: u64,
    params: jitsupport::jit::JitParams,
) -> Option<jitsupport::metainterp::Stats> {
    match lang {
        Lang::Tl => check::jit_stats::<tl::Tl>(&tl::generate(seed), params),
        Lang::Bf => check::jit_stats::<bf::Bf>(&bf::generate(seed), params),
    }
}

/// What a seed showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeedResult {
    Agree,
    /// The generator broke its promise (the program does not load or runs too long): a
    /// bug of the fuzzer.
    Invalid {
        why: String,
        program: String,
        input: Vec<u8>,
    },
    /// The ways disagree: a bug of the toolchain.
    Mismatch {
        why: String,
        program: String,
        input: Vec<u8>,
        minimized: Option<String>,
    },
}

impl SeedResult {
    fn new(
        verdict: Verdict,
        program: &str,
        input: &[u8],
        minimize: bool,
        minimized: impl FnOnce() -> String,
    ) -> SeedResult {
        match verdict {
            Verdict::Agree => SeedResult::Agree,
            Verdict::Invalid(why) => SeedResult::Invalid {
                why,
                program: program.to_string(),
                input: input.to_vec(),
            },
            Verdict::Mismatch(why) => SeedResult::Mismatch {
                why,
                program: program.to_string(),
                input: input.to_vec(),
                minimized: minimize.then(minimized),
            },
        }
    }
}
