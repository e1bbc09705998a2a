//! The CI range of the differential fuzzer: the programs of seeds 0..2000 of each target
//! agree every way (and with the fuzzer's reference interpreters). A mismatch prints the
//! seed, the differences and the program minimized; `cargo run --release -p pyrite-fuzz --
//! --target <t> --seeds <seed>` reproduces it.

use pyrite_fuzz::{Lang, SeedResult};

/// The fixed CI range.
const SEEDS: std::ops::Range<u64> = 0..2000;

fn run_range(lang: Lang) {
    let mut failures = Vec::new();
    for seed in SEEDS {
        match lang.run_seed(seed, true) {
            SeedResult::Agree => {}
            SeedResult::Invalid { why, program } => failures.push(format!(
                "{} seed {seed}: the generator made an invalid program: {why}\n{program}",
                lang.name()
            )),
            SeedResult::Mismatch {
                why,
                program,
                minimized,
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
