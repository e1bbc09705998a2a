//! `PYRITE_LOG` for functions too big to inline: `jit-abort` names the function marked
//! not to be inlined, its entry trace is logged in `jit-log-opt-loop` as `(entry NAME)`,
//! and `jit-summary` counts entry traces. (A file of its own: the log is process-wide.)

mod common;

use common::counter_core;
use jitsupport::jit::{log, JitParams};
use jitsupport::metainterp::JitState;
use jitsupport::List;

counter_core! {
    run(code, state, pc);
    state {
        pub acc: i64,
        pub n: i64,
    }
    /// Eight rounds of a hash, straight-line code once traced.
    fn mix;
    // `0`: two calls of `mix`, then the loop's end; `1`: return.
    one op => {
        state.acc = mix(state.acc, 5);
        state.acc = mix(state.acc, 9);
    }
}

#[test]
fn the_marked_function_and_its_entry_trace_are_logged() {
    let native = {
        let code = core::Code {
            ops: List::from(vec![0, 1]),
        };
        core::run(&code, &mut core::State { acc: 1, n: 50 })
    };
    let path = std::env::temp_dir().join(format!("pyrite-entry-log-{}.txt", std::process::id()));
    log::init(&format!(
        "jit-abort,jit-log-opt-loop,jit-summary:{}",
        path.display()
    ))
    .expect("log opens");
    let params = JitParams::parse("threshold=2,trace_limit=60").expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let code = core::Code {
        ops: List::from(vec![0, 1]),
    };
    let mut state = core::State { acc: 1, n: 50 };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    let value = unsafe { common::run_jit(&mut jit, &code, &mut state) };
    assert_eq!(value, native);
    log::finish();
    let text = std::fs::read_to_string(&path).expect("the log was written");
    let _ = std::fs::remove_file(&path);
    assert_eq!(jit.stats().entries, 1, "{text}");
    assert!(text.contains("trace-too-long"), "{text}");
    assert!(
        text.contains("marked `mix` not to be inlined: it is traced from its own start"),
        "{text}"
    );
    assert!(text.contains("(entry mix)"), "{text}");
    let summary = text
        .split("{jit-summary")
        .nth(1)
        .unwrap_or_else(|| panic!("no jit-summary:\n{text}"));
    assert!(
        summary
            .lines()
            .any(|l| l.starts_with("entry traces:") && l.ends_with(" 1")),
        "{summary}"
    );
}
