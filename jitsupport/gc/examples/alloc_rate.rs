//! The cost of a short-lived allocation, for `bench/gc-native.sh`: a loop allocates
//! 24-byte objects (a header and two words on the collector) that die at once, each
//! linked to the previous one only while the next is made, on the collector (`gc`),
//! on `Box` (`box`) and on a bump allocator that never frees (`bump`).
//!
//! Usage: `alloc_rate MODE COUNT` prints `result mode=.. count=.. ns_per_alloc=..
//! rss_kb=.. minor=.. major=..`.

use jitsupport_gc::{gc_type, Gc, Settings};
use std::hint::black_box;
use std::time::Instant;

struct Pair {
    value: u64,
    prev: Option<Gc<Pair>>,
}
gc_type!(Pair { prev });

struct BoxPair {
    value: u64,
    prev: Option<Box<BoxPair>>,
}

/// Peak RSS in KiB and CPU time (user and system) in milliseconds, from getrusage.
fn rusage() -> (i64, f64) {
    // SAFETY: getrusage writes into the zeroed struct.
    let u = unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    (u.ru_maxrss, ms(u.ru_utime) + ms(u.ru_stime))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(count)) = (args.get(1), args.get(2).and_then(|d| d.parse::<u64>().ok()))
    else {
        eprintln!("usage: alloc_rate gc|box|bump COUNT");
        std::process::exit(2);
    };
    let t0;
    let mut sum = 0u64;
    match mode.as_str() {
        "gc" => {
            let settings = Settings::from_env().unwrap_or_else(|e| {
                eprintln!("alloc_rate: {e}");
                std::process::exit(2)
            });
            if let Err(e) = jitsupport_gc::init(settings) {
                eprintln!("alloc_rate: {e}");
                std::process::exit(1);
            }
            t0 = Instant::now();
            let mut prev: Option<Gc<Pair>> = None;
            for i in 0..count {
                let p = Gc::new(Pair { value: i, prev });
                sum += p.prev.map_or(0, |q| q.value);
                prev = Some(black_box(Gc::new(Pair {
                    value: i,
                    prev: None,
                })));
            }
        }
        "box" => {
            t0 = Instant::now();
            let mut prev: Option<Box<BoxPair>> = None;
            for i in 0..count {
                let p = Box::new(BoxPair { value: i, prev });
                sum += p.prev.as_ref().map_or(0, |q| q.value);
                prev = Some(black_box(Box::new(BoxPair {
                    value: i,
                    prev: None,
                })));
            }
        }
        "bump" => {
            t0 = Instant::now();
            let mut chunk: &mut [[u64; 3]] = &mut [];
            let mut prev: *const [u64; 3] = std::ptr::null();
            for i in 0..count {
                for _ in 0..2 {
                    if chunk.is_empty() {
                        chunk = Vec::leak(vec![[0u64; 3]; 1 << 15]);
                    }
                    let (p, rest) = std::mem::take(&mut chunk).split_at_mut(1);
                    chunk = rest;
                    p[0] = [0, i, prev as u64];
                    // SAFETY: `prev` is null or an earlier leaked triple.
                    sum += unsafe { prev.as_ref() }.map_or(0, |q| q[1]);
                    prev = black_box(&p[0] as *const [u64; 3]);
                }
            }
        }
        _ => {
            eprintln!("alloc_rate: unknown mode `{mode}`: expected gc, box or bump");
            std::process::exit(2);
        }
    }
    let ns = t0.elapsed().as_secs_f64() * 1e9 / (2 * count) as f64;
    let s = if mode == "gc" {
        jitsupport_gc::stats()
    } else {
        Default::default()
    };
    black_box(sum);
    let (rss_kb, _) = rusage();
    println!(
        "result mode={mode} count={count} ns_per_alloc={ns:.2} rss_kb={rss_kb} minor={} major={} total_pause_ms={:.1}",
        s.minor_collections,
        s.major_collections,
        s.total_pause.as_secs_f64() * 1000.0
    );
}
