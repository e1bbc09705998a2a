//! Warm-up that never loses (issue 16): programs generated at a size that runs in seconds
//! in a debug build, with eager settings, asserting what the JIT compiled (loops, bridges,
//! ops), never times. The sizes of `bench/warmup.sh` are larger.

use bf::interp::core::{self, Program, Tape};
use jitsupport::blackhole::Args;
use jitsupport::jit::JitParams;
use jitsupport::metainterp::runtime::run_portal;
use jitsupport::metainterp::JitState;
use jitsupport::List;

const EAGER: &str = "threshold=1,trace_eagerness=1";

/// Runs `source` with the JIT; returns the output and the JIT.
fn run(source: &str, params: &str) -> (Vec<u8>, JitState) {
    run_with(source, params, false)
}

/// As [`run_with`], recording `debug_merge_point`s as a trace log does.
fn run_logged(source: &str, params: &str) -> (Vec<u8>, JitState) {
    run_full(source, params, false, true)
}

/// Runs `source` with the JIT, with its time budget if `budget` (as the runtime of a
/// target does); returns the output and the JIT.
fn run_with(source: &str, params: &str, budget: bool) -> (Vec<u8>, JitState) {
    run_full(source, params, budget, false)
}

fn run_full(source: &str, params: &str, budget: bool, merge_points: bool) -> (Vec<u8>, JitState) {
    let loaded = bf::load::load(source).expect("the program loads");
    let mut program = Program::new(List::from(loaded.code), List::from(loaded.brackets));
    let mut tape = Tape::new();
    let params = JitParams::parse(params).expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    if budget {
        jit.enable_budget();
    }
    jit.set_record_merge_points(merge_points);
    let program_ptr: *const Program = &mut program;
    let tape_ptr: *mut Tape = &mut tape;
    let args = Args::new(&[], &[program_ptr as usize, tape_ptr as usize], &[]);
    // Safety: the arguments point to live values of the portal's parameter types.
    let (_, out) = bf::io::capture(&[], || unsafe { run_portal(&mut jit, 0, &args) });
    (out, jit)
}

/// `count` small loops one after the other, each running `rounds` times (a cell is
/// multiplied into the next), then the cells printed.
fn small_loops(count: usize, rounds: usize) -> String {
    let one = format!("{}[>+++<-]>", "+".repeat(rounds));
    format!("{}{}.", one.repeat(count), "<.".repeat(count.min(20)))
}

/// The ops of every optimized loop and bridge.
fn compiled_ops(jit: &JitState) -> usize {
    let stats = jit.stats();
    let loops: usize = stats.loop_traces.iter().map(|t| t.ops.len()).sum();
    let bridges: usize = stats.bridge_traces.iter().map(|t| t.ops.len()).sum();
    loops + bridges
}

#[test]
fn a_bridge_stops_at_the_next_loop_and_closes_it() {
    let source = small_loops(40, 8);
    let (native, _) = run(&source, "off");
    let (out, jit) = run(&source, EAGER);
    assert_eq!(out, native);
    let stats = jit.stats();
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    // One loop per loop of the program at most (the bridge out of each closes the next
    // one), one bridge per loop exit.
    assert!(stats.loops <= 40, "{} loops", stats.loops);
    assert!(stats.bridges <= 41, "{} bridges", stats.bridges);
    assert!(stats.loops >= 30, "{} loops", stats.loops);
    assert!(stats.inner_loops >= 30, "{stats:?}");
    // No bridge unrolls a loop: each is the code between two loops and one round, but
    // for the last, the program's straight tail (its 40 prints).
    let long: Vec<_> = stats
        .bridge_traces
        .iter()
        .filter(|b| b.ops.len() >= 120)
        .collect();
    assert!(long.len() <= 1, "long bridges:\n{long:#?}");
}

#[test]
fn compiled_code_grows_with_the_program_not_with_iterations() {
    let (few, jit_few) = run(&small_loops(20, 6), EAGER);
    let (many, jit_many) = run(&small_loops(20, 60), EAGER);
    assert_eq!(few, run(&small_loops(20, 6), "off").0);
    assert_eq!(many, run(&small_loops(20, 60), "off").0);
    let (a, b) = (compiled_ops(&jit_few), compiled_ops(&jit_many));
    assert_eq!(jit_few.stats().loops, jit_many.stats().loops);
    assert_eq!(jit_few.stats().bridges, jit_many.stats().bridges);
    // The constant in `+` differs, the shape does not.
    assert!(b <= a + a / 10, "{a} ops for 6 rounds, {b} for 60");
}

#[test]
fn a_loop_trace_closes_an_inner_loop_it_comes_back_to() {
    // The inner loops run as many rounds as the outer loop's iteration number, so the
    // outer loop gets hot first (threshold 2): its trace meets an inner loop's header
    // twice and makes it a loop, instead of unrolling it.
    let source = "++++++++[>+[>+>+<<-]>>[<<+>>-]<[-]<<-]>.";
    let (native, _) = run(source, "off");
    let (out, jit) = run(source, "threshold=2,trace_eagerness=1");
    assert_eq!(out, native);
    let stats = jit.stats();
    assert_eq!(stats.total_aborts(), 0, "{stats:?}");
    assert!(stats.inner_loops >= 1, "{stats:?}");
    for t in stats.loop_traces.iter().chain(&stats.bridge_traces) {
        assert!(t.ops.len() < 150, "a long trace:\n{t}");
    }
}

/// `rounds` rounds of `blocks` hot loops (each runs 2040 times a round, hot at the
/// default threshold in its first round).
fn cycling_loops(rounds: usize, blocks: usize) -> String {
    format!(
        "{}[>{}<-]>>.",
        "+".repeat(rounds),
        "++++++++[>-[-]<-]".repeat(blocks)
    )
}

#[test]
fn loops_freed_by_longevity_give_their_memory_back_and_live_longer_when_back() {
    let source = cycling_loops(8, 30);
    let (native, _) = run(&source, "off");
    let (out, jit) = run(&source, "loop_longevity=5");
    assert_eq!(out, native);
    let stats = jit.stats();
    let held = jit.holdings();
    assert!(stats.freed_loops > 0, "{stats:?}");
    // A key whose loop was freed lives twice as long each time it comes back: far fewer
    // compilations than one per key and round (240): 4 per key (longevity 5, 10, 20, 40).
    assert!(stats.loops <= 120, "{} loops", stats.loops);
    assert_eq!(held.live_loops as u64, stats.loops - stats.freed_loops);
    // The JIT's table of loops holds the live ones only.
    assert_eq!(held.loop_entries, held.live_loops, "{held:?}");
    // What freed loops held went with them.
    assert!(held.guards <= 40 * held.live_loops.max(1), "{held:?}");
    assert!(held.resume_data <= 2 * held.guards + 256, "{held:?}");
    assert!(held.finishes <= stats.bridges as usize, "{held:?}");
}

#[test]
fn loop_longevity_1_does_not_thrash_a_nest() {
    // The inner loops are entered by the outer loop's code, not by the interpreter: they
    // are in use while their guards fail, and not freed and compiled again for ever.
    let source = format!(
        "{}[>{}<-]>>.",
        "+".repeat(60),
        "+++[>++++++[-]<-]".repeat(4)
    );
    let (native, _) = run(&source, "off");
    for longevity in [1, 2] {
        let params = format!("threshold=3,trace_eagerness=2,loop_longevity={longevity}");
        let (out, jit) = run(&source, &params);
        assert_eq!(out, native);
        let stats = jit.stats();
        assert!(stats.loops <= 20, "{params}: {stats:?}");
    }
}

#[test]
fn a_spent_time_budget_puts_traces_off_and_the_output_stays() {
    // 1% of the run, nothing up front: after the first trace, keys that get hot are put
    // off (and the thresholds double) until the run has earned a hundred times its cost.
    let source = cycling_loops(3, 40);
    let (native, _) = run(&source, "off");
    let params = "threshold=50,trace_eagerness=5,compile_budget=1,compile_allowance=0";
    let (out, jit) = run_with(&source, params, true);
    assert_eq!(out, native);
    let stats = jit.stats();
    assert!(jit.deferred_traces() > 0, "{stats:?}");
    assert!(stats.loops < 40, "{stats:?}");
    // Without the budget, every loop is compiled.
    let (out, jit) = run_with(&source, params, false);
    assert_eq!(out, native);
    assert_eq!(jit.deferred_traces(), 0);
    assert!(jit.stats().loops >= 40, "{:?}", jit.stats());
}

#[test]
fn merge_points_recorded_for_a_log_do_not_count_towards_trace_limit() {
    // The smallest trace_limit at which the loop compiles without merge points; with
    // them (a log on), the same limit compiles the same loop.
    let source = "++++++++[>+++>++<<-]>.>.";
    let compiles = |limit: u32, logged: bool| {
        let params = format!("threshold=2,trace_eagerness=1000,trace_limit={limit}");
        let (out, jit) = if logged {
            run_logged(source, &params)
        } else {
            run(source, &params)
        };
        assert_eq!(out, [24, 16]);
        jit.stats().loops > 0
    };
    let (mut low, mut high) = (1, 400);
    assert!(compiles(high, false));
    while low < high {
        let mid = (low + high) / 2;
        if compiles(mid, false) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    assert!(low > 8, "the loop records {low} ops");
    assert!(compiles(low, true), "a log made the loop too long at {low}");
    let (_, jit) = run_logged(source, "threshold=2,trace_eagerness=1000");
    let merge_points = jit.stats().loop_traces[0]
        .ops
        .iter()
        .filter(|op| op.opcode.name() == "debug_merge_point")
        .count();
    assert!(merge_points > 0, "no merge points were recorded");
}

#[test]
fn memory_limit_frees_the_least_recently_used_loops_then_stops_compiling() {
    use jitsupport::metainterp::AbortReason;
    let source = cycling_loops(3, 40);
    let (native, _) = run(&source, "off");
    // Without a limit: 40 loops alive at the end.
    let (out, jit) = run(&source, "loop_longevity=0");
    assert_eq!(out, native);
    let all = jit.holdings().bytes;
    assert_eq!(jit.holdings().live_loops, 40);
    // A quarter of that: loops are freed, least recently used first, and the live ones
    // stay under the limit.
    let limit_kb = all / 4 / 1024;
    let (out, jit) = run(
        &source,
        &format!("loop_longevity=0,memory_limit={limit_kb}"),
    );
    assert_eq!(out, native);
    let stats = jit.stats();
    assert!(stats.loops_freed_for_memory > 0, "{stats:?}");
    assert!(
        jit.holdings().bytes <= limit_kb * 1024,
        "{:?}",
        jit.holdings()
    );
    // Smaller than one loop: the first loop stays, and nothing more is compiled.
    let (out, jit) = run(&source, "loop_longevity=0,memory_limit=1");
    assert_eq!(out, native);
    let stats = jit.stats();
    assert_eq!(stats.loops, 1, "{stats:?}");
    assert!(stats
        .aborts
        .get(&AbortReason::MemoryLimit)
        .is_some_and(|&n| n > 0));
}
