//! The CI range of the differential fuzzer: the programs of seeds 0..2000 of each target
//! agree every way (and with the fuzzer's reference interpreters). A mismatch prints the
//! seed, the differences and the program minimized; `cargo run --release -p pyrite-fuzz --
//! --target <t> --seeds <seed>` reproduces it.

use jitsupport::jit::JitParams;
use pyrite_fuzz::{check, Lang, SeedResult};

/// The fixed CI range.
const SEEDS: std::ops::Range<u64> = 0..2000;

fn run_range(lang: Lang) {
    let mut failures = Vec::new();
    for seed in SEEDS {
        match lang.run_seed(seed, true) {
            SeedResult::Agree => {}
            SeedResult::Invalid { why, program, .. } => failures.push(format!(
                "{} seed {seed}: the generator made an invalid program: {why}\n{program}",
                lang.name()
            )),
            SeedResult::Mismatch {
                why,
                program,
                minimized,
                ..
            } => failures.push(format!(
                "{} seed {seed}: MISMATCH\n{why}\nprogram:\n{program}\nminimized:\n{}",
                lang.name(),
                minimized.unwrap_or_default()
            )),
        }
        if failures.len() >= 3 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn tl_seeds_agree_every_way() {
    run_range(Lang::Tl);
}

#[test]
fn bf_seeds_agree_every_way() {
    run_range(Lang::Bf);
}

/// The programs exercise the JIT: at `threshold=1,trace_eagerness=1`, most of them compile
/// loops, and guards fail and grow bridges; at the defaults, the hot loops some programs
/// end with are compiled.
fn check_coverage(lang: Lang) {
    let mut eager = pyrite_fuzz::check::Coverage::default();
    let mut default = pyrite_fuzz::check::Coverage::default();
    for seed in 0..100 {
        if let Some(stats) = pyrite_fuzz::jit_stats(lang, seed, check::eager_params()) {
            eager.add(&stats);
        }
        if let Some(stats) = pyrite_fuzz::jit_stats(lang, seed, JitParams::default()) {
            default.add(&stats);
        }
    }
    let name = lang.name();
    assert_eq!(eager.runs, 100, "{name}: {eager}");
    assert!(eager.runs_with_loops >= 50, "{name}: {eager}");
    assert!(eager.bridges >= 50, "{name}: {eager}");
    assert_eq!(default.runs, 100, "{name}: {default}");
    assert!(
        default.runs_with_loops >= 2,
        "{name} at the defaults: {default}"
    );
}

#[test]
fn tl_seeds_exercise_the_jit() {
    check_coverage(Lang::Tl);
}

#[test]
fn bf_seeds_exercise_the_jit() {
    check_coverage(Lang::Bf);
}
