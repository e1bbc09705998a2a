//! A core spread over several files: the module under `#[jitsupport::interpreter]`
//! includes `core_files/objects.rs` (a struct with an `#[immutable]` field, so the
//! macro emits its items expanded) and `core_files/ops.rs` (functions, emitted as the
//! `include!` itself), which includes `core_files/more/helpers.rs` relative to itself.
//! The analysis sees one program: functions of every file have jitcode, calls between
//! the files are calls of the module, and the blackhole agrees with the native run.

use jitsupport::blackhole::{Args, Blackhole, Value};

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::List;

    include!("core_files/objects.rs");
    include!("core_files/ops.rs");

    /// Sums `step` over the program's items: calls into both included files.
    pub fn run(program: &Program, start: i64) -> i64 {
        let mut acc = start;
        let mut i = 0;
        while i < program.items.len() {
            acc = step(acc, program.items[i]);
            i += 1;
        }
        acc + weight(program)
    }
}

fn jitcode(name: &str, ints: &[i64], refs: &[usize]) -> i64 {
    let args = Args::new(ints, refs, &[]);
    let codes = core::__pyrite::jitcodes();
    let index = codes.find(name).expect("the function has a jitcode");
    // Safety: the arguments are of the function's parameter types, refs live.
    let value = unsafe { Blackhole::new(codes).call(index, &args) };
    let Value::Int(v) = value else {
        panic!("{name} returned {value:?}");
    };
    v
}

#[test]
fn every_file_has_jitcode() {
    let codes = core::__pyrite::jitcodes();
    for name in ["run", "step", "weight", "twice"] {
        assert!(codes.find(name).is_some(), "no jitcode for {name}");
    }
}

#[test]
fn a_core_in_three_files_runs_natively_and_in_the_blackhole() {
    for items in [vec![1, 2, 3], vec![], vec![-5, 40]] {
        let program = core::Program {
            items: jitsupport::List::from(items.clone()),
        };
        let native = core::run(&program, 7);
        let p: *const core::Program = &program;
        assert_eq!(jitcode("run", &[7], &[p as usize]), native, "{items:?}");
    }
}
