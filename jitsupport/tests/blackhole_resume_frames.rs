//! `Blackhole::resume_frames`: a stack of frames resumed at once, as after a guard failure
//! inside an inlined call: the innermost runs from its `-live-`, its return value goes to
//! the waiting caller's result register, and only the outermost frame stops at its merge
//! point or `can_enter_jit`.

use jitsupport::blackhole::{Args, Blackhole, Exit, FrameState, Stop, Value};
use jitsupport::jitcode::decode::decode_all;
use jitsupport::jitcode::{parse, JitCodes, Opcode};

const PORTAL: &str = "jitcode \"portal\" i=4 r=0 f=0
L1:
    -live- %i0, %i1
    jit_merge_point $0, [%i0], [], [], [%i1], [], []
    goto_if_not_int_lt %i0, $5, L2
    inline_call_ir_i <JitCode \"step\">, [%i1, %i0], [] -> %i1
    -live- %i0, %i1
    int_add %i0, $1 -> %i0
    can_enter_jit $0, [%i0], [], [], [%i1], [], []
    goto L1
L2:
    int_return %i1

jitcode \"step\" i=3 r=0 f=0
    -live- %i0, %i1
    goto_if_not_int_gt %i1, $2, L1
    int_mul %i1, $10 -> %i1
L1:
    int_add %i0, %i1 -> %i0
    int_return %i0
";

fn codes() -> JitCodes {
    match parse(PORTAL) {
        Ok(codes) => codes,
        Err(errors) => panic!("bad test jitcode: {errors:?}"),
    }
}

fn pc_of(codes: &JitCodes, jitcode: usize, opcode: Opcode, nth: usize) -> usize {
    decode_all(&codes.jitcodes[jitcode].code)
        .expect("decodes")
        .iter()
        .filter(|i| i.opcode == opcode)
        .nth(nth)
        .expect("the instruction")
        .pc
}

/// The portal: `acc += step(acc, i)` for i in 0..5, where step adds `i` (times 10 above 2).
fn expected_from(i: i64, mut acc: i64) -> i64 {
    for i in i..5 {
        acc += if i > 2 { i * 10 } else { i };
    }
    acc
}

#[test]
fn the_callee_returns_into_the_waiting_caller() {
    let codes = codes();
    let call = pc_of(&codes, 0, Opcode::InlineCallIrI, 0);
    let live = pc_of(&codes, 1, Opcode::Live, 0);
    // As if a guard failed in `step` at i = 3, acc = 3: the caller waits at its call.
    let frames = vec![
        FrameState {
            jitcode: 0,
            pc: call,
            ints: vec![3, 3, 0, 0],
            ..FrameState::default()
        },
        FrameState {
            jitcode: 1,
            pc: live,
            ints: vec![3, 3, 0],
            ..FrameState::default()
        },
    ];
    let (exit, stopped) =
        unsafe { Blackhole::new(&codes).resume_frames(frames.clone(), Stop::Never) };
    assert_eq!(exit, Exit::Return(Value::Int(expected_from(3, 3))));
    assert!(stopped.is_none());
    // Stopping at the outermost frame's next merge point: i = 4, acc = 3 + 30.
    let (exit, _) = unsafe { Blackhole::new(&codes).resume_frames(frames, Stop::MergePoint) };
    assert_eq!(
        exit,
        Exit::MergePoint {
            driver: 0,
            greens: Args::ints(&[4]),
            reds: Args::ints(&[33]),
        }
    );
}

#[test]
fn a_stop_at_can_enter_jit_hands_back_the_frame() {
    let codes = codes();
    let frames = vec![FrameState {
        jitcode: 0,
        pc: 0,
        ints: vec![0, 0],
        ..FrameState::default()
    }];
    let bh = Blackhole::new(&codes);
    let (exit, stopped) = unsafe { bh.resume_frames(frames, Stop::CanEnterJit) };
    assert_eq!(
        exit,
        Exit::CanEnterJit {
            driver: 0,
            greens: Args::ints(&[1]),
            reds: Args::ints(&[0]),
        }
    );
    // Going on with the frame it handed back gives the whole run's result.
    let mut frame = stopped.expect("the stopped frame");
    loop {
        let (exit, stopped) = unsafe { bh.resume_frames(vec![frame], Stop::CanEnterJit) };
        match exit {
            Exit::CanEnterJit { .. } => frame = stopped.expect("the stopped frame"),
            other => {
                assert_eq!(other, Exit::Return(Value::Int(expected_from(0, 0))));
                break;
            }
        }
    }
}
