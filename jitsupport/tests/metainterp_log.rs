//! `PYRITE_LOG` from the meta-tracer: the optimized loop of a run is logged in
//! `jit-log-opt-loop` in the trace parser's text form, and the section parses back to the
//! loop that was compiled.

mod common;

use common::counter_core;
use jitsupport::jit::{log, JitParams};
use jitsupport::metainterp::JitState;
use jitsupport::List;
use jitsupport_trace::{equal_traces, parse_log, Descr, DescrTable};

counter_core! {
    run(code, state, pc);
    state {
        pub acc: i64,
        pub n: i64,
    }
    one op => {
        state.acc += state.n;
    }
}

#[test]
fn the_optimized_loop_is_logged_and_parses_back() {
    let path = std::env::temp_dir().join(format!("pyrite-log-{}.txt", std::process::id()));
    log::init(&format!(
        "jit-log-opt-loop,jit-backend-dump,jit-backend-counts,jit-summary:{}",
        path.display()
    ))
    .expect("log opens");
    let params = JitParams::parse("threshold=2").expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let code = core::Code {
        ops: List::from(vec![0, 1]),
    };
    let mut state = core::State { acc: 0, n: 100 };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    let value = unsafe { common::run_jit(&mut jit, &code, &mut state) };
    assert_eq!(value, 5050);
    // The end of the run writes the counts and the summary.
    log::finish();
    let text = std::fs::read_to_string(&path).expect("the log was written");
    // The loop was entered, and left through a guard whose failure was counted.
    let counts = text
        .split("{jit-backend-counts\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_else(|| panic!("no jit-backend-counts section:\n{text}"));
    assert!(
        counts.lines().any(|l| l.starts_with("loop 0: ")),
        "{counts}"
    );
    assert!(counts.lines().any(|l| l.starts_with("guard ")), "{counts}");
    // With a trace log on, the trace carries the merge points of the user's program.
    assert!(text.contains("debug_merge_point(0, 0, '<run> #"), "{text}");
    let _ = std::fs::remove_file(&path);
    // The parser resolves memory and call descrs by name in a table, as a test that pastes
    // a log declares them: here, those of the compiled loop.
    let compiled = &jit.stats().loop_traces[0];
    let mut table = DescrTable::new();
    for op in &compiled.ops {
        if let Some(d @ (Descr::Field(_) | Descr::Array(_) | Descr::Size(_) | Descr::Call(_))) =
            &op.descr
        {
            table.add(d.clone());
        }
    }
    let sections = match parse_log(&text, &mut table) {
        Ok(s) => s,
        Err(e) => panic!("the log does not parse: {e:?}\n{text}"),
    };
    let loops: Vec<_> = sections
        .iter()
        .filter(|s| s.category == "jit-log-opt-loop")
        .collect();
    assert_eq!(loops.len(), 1, "{text}");
    assert!(
        loops[0].header.iter().any(|h| h.starts_with("# Loop 0")),
        "{text}"
    );
    assert!(
        equal_traces(&loops[0].trace, compiled).is_ok(),
        "logged:\n{}\ncompiled:\n{compiled}",
        loops[0].trace
    );
    // The machine code follows in `jit-backend-dump`: its address, and the disassembly
    // under the trace ops it came from.
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        let dump = text
            .split("{jit-backend-dump")
            .nth(1)
            .and_then(|rest| rest.split("jit-backend-dump}").next())
            .unwrap_or_else(|| panic!("no jit-backend-dump section:\n{text}"));
        assert!(dump.contains("loop 0 at 0x"), "{dump}");
        assert!(dump.contains("  # guard_"), "{dump}");
    }
}
