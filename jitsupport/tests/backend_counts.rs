//! `jit-backend-counts` from a run: loops entered from the runtime, guard failures that
//! reach it, and (x86) bridges entered from machine code, counted by their own code.

mod common;

use common::counter_core;
use jitsupport::jit::{log, JitParams};
use jitsupport::metainterp::JitState;
use jitsupport::List;

counter_core! {
    run(code, state, pc, arg);
    state {
        pub acc: i64,
        pub n: i64,
    }
    items {}
    ops {
        /// `ODD n`: adds `n` to the accumulator when the counter is odd.
        ODD = 3 => {
            if state.n % 2 == 1 {
                state.acc = state.acc.wrapping_add(arg);
            }
        }
    }
    halt => {
        return state.acc;
    }
}

#[test]
fn bridges_entered_from_machine_code_are_counted() {
    let path = std::env::temp_dir().join(format!("pyrite-counts-{}.txt", std::process::id()));
    log::init(&format!("jit-backend-counts:{}", path.display())).expect("log opens");
    let params = JitParams::parse("threshold=3,trace_eagerness=2").expect("good parameters");
    let mut jit = JitState::new(core::__pyrite::jitcodes(), params);
    let code = core::Code {
        ops: List::from(vec![3, 5, 0, 0, 2, 0]),
    };
    let n = 1000;
    let mut state = core::State { acc: 0, n };
    // Safety: `core::run` is the portal of `core`'s jitcodes.
    let value = unsafe { common::run_jit(&mut jit, &code, &mut state) };
    assert_eq!(value, 5 * n / 2);
    log::finish();
    let text = std::fs::read_to_string(&path).expect("the log was written");
    let _ = std::fs::remove_file(&path);
    let counts: Vec<(&str, u32, u64)> = text
        .lines()
        .filter_map(|l| {
            let (what, count) = l.split_once(": ")?;
            let (kind, number) = what.split_once(' ')?;
            Some((kind, number.parse().ok()?, count.parse().ok()?))
        })
        .collect();
    assert!(jit.stats().bridges >= 1, "{:?}", jit.stats());
    if !cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        return;
    }
    // The loop's guard on the counter's parity fails every other round: before its bridge
    // the failures reach the runtime (`guard`), after it they enter the bridge
    // (`bridge`); together about half the rounds run in compiled code.
    let bridge: Vec<&(&str, u32, u64)> = counts.iter().filter(|c| c.0 == "bridge").collect();
    assert!(!bridge.is_empty(), "no bridge counts in\n{text}");
    let guard = bridge[0].1;
    assert!(bridge[0].2 > 400, "{text}");
    let failures: u64 = counts
        .iter()
        .filter(|c| c.0 == "guard" && c.1 == guard)
        .map(|c| c.2)
        .sum();
    let total = failures + bridge[0].2;
    assert!(
        (n as u64 / 2 - 10..=n as u64 / 2).contains(&total),
        "{failures} failures and {} bridge entries of guard {guard}:\n{text}",
        bridge[0].2
    );
}
