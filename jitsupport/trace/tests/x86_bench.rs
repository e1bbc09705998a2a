//! Compile throughput of the x86-64 backend on a large trace (ops per second), the
//! measure behind the choice of encoder. Run it in release:
//!
//! ```text
//! cargo test --release -p jitsupport-trace --test x86_bench -- --ignored --nocapture
//! ```

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::x86::X86Backend;
use jitsupport_trace::backend::Backend;
use jitsupport_trace::*;
use std::fmt::Write;
use std::time::Instant;

/// A loop of `n` rounds of arithmetic, a comparison and its guard (5 ops a round).
fn large_trace(n: usize, t: &mut DescrTable) -> Trace {
    let mut text = String::from("[i0, i1]\nlabel(i0, i1, descr=<Label0>)\n");
    let mut last = 1;
    let mut next = 2;
    for _ in 0..n {
        let (a, b, c, d) = (next, next + 1, next + 2, next + 3);
        let _ = writeln!(text, "i{a} = int_add(i{last}, i0)");
        let _ = writeln!(text, "i{b} = int_mul(i{a}, 3)");
        let _ = writeln!(text, "i{c} = int_xor(i{b}, i{last})");
        let _ = writeln!(text, "i{d} = int_lt(i{c}, 1000000)");
        let _ = writeln!(text, "guard_true(i{d}) [i0, i{c}]");
        last = c;
        next += 4;
    }
    let _ = writeln!(text, "jump(i0, i{last}, descr=<Label0>)");
    parse(&text, t).expect("the generated trace parses")
}

fn measure(backend: &mut impl Backend, trace: &Trace, rounds: usize) -> f64 {
    let ops = trace.ops.len() * rounds;
    let start = Instant::now();
    for _ in 0..rounds {
        let id = backend.compile_loop(trace).expect("the trace compiles");
        backend.free_loop(id);
    }
    ops as f64 / start.elapsed().as_secs_f64()
}

#[test]
#[ignore = "a benchmark: run it in release with --ignored --nocapture"]
fn compile_throughput() {
    let mut t = DescrTable::new();
    let n: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let trace = large_trace(n, &mut t);
    let x86 = measure(&mut X86Backend::new(), &trace, 5);
    let reference = measure(&mut ReferenceBackend::new(), &trace, 5);
    println!("trace of {} ops", trace.ops.len());
    println!("x86-64 (iced-x86 code_asm): {x86:>12.0} ops/s");
    println!("reference (verify + copy):  {reference:>12.0} ops/s");
}

/// Run time of a float loop on the x86-64 backend: four floats carried by the label,
/// arithmetic on them, a float comparison and its guard, `ITERATIONS` rounds (the x86
/// backend's float registers against slots).
///
/// ```text
/// cargo test --release -p jitsupport-trace --test x86_bench float_loop -- --ignored --nocapture
/// ```
#[test]
#[ignore = "a benchmark: run it in release with --ignored --nocapture"]
fn float_loop_speed() {
    let mut t = DescrTable::new();
    let text = "[i0, f1, f2, f3, f4]
label(i0, f1, f2, f3, f4, descr=<Label0>)
f5 = float_add(f1, f2)
f6 = float_mul(f3, f4)
f7 = float_add(f5, f6)
f8 = float_truediv(f7, 3.0)
i9 = float_lt(f8, 1000000.0)
guard_true(i9, descr=<Guard1>) [i0, f8]
i10 = int_sub(i0, 1)
i11 = int_gt(i10, 0)
guard_true(i11, descr=<Guard2>) [i10, f1, f2, f3, f4]
jump(i10, f2, f3, f4, f8, descr=<Label0>)
";
    let trace = parse(text, &mut t).expect("the float loop parses");
    let n: u64 = std::env::var("ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000_000);
    let mut backend = X86Backend::new();
    let id = backend
        .compile_loop(&trace)
        .expect("the float loop compiles");
    let f = |x: f64| x.to_bits();
    let args = [n, f(1.0), f(1.0), f(1.0), f(1.0)];
    let start = Instant::now();
    let frame = backend.execute(id, &args);
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{n} iterations in {elapsed:.3} s: {:.2} ns/iteration",
        elapsed * 1e9 / n as f64
    );
    println!("exit {:?}, values {:?}", frame.exit, frame.values);
    print!("{}", backend.dump(id));
}
