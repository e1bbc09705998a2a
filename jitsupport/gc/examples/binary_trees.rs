//! Binary-trees (the benchmarks game's allocation benchmark) three ways, for
//! `bench/gc-native.sh`: on the collector (`gc`), on `Box` and malloc (`box`), and on
//! a bump allocator that never frees (`bump`).
//!
//! Usage: `binary_trees MODE DEPTH` prints the program's usual lines, then one line
//! `result mode=.. depth=.. ms=.. cpu_ms=.. rss_kb=.. minor=.. major=.. longest_pause_us=..
//! total_pause_ms=.. minor_ms=.. major_ms=..` (collections are 0 outside `gc`). The collector reads its
//! settings from `PYRITE_GC_*`.

use jitsupport_gc::{gc_type, CollectionKind, Gc, GcEvent, Settings};
use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    /// Time in minor and in major collections, from the event hook.
    static PAUSES: Cell<(Duration, Duration)> = const { Cell::new((Duration::ZERO, Duration::ZERO)) };
}

fn on_collection(e: &GcEvent) {
    if std::env::var_os("BT_TRACE").is_some() {
        eprintln!(
            "{:?} {:?} before={} after={} old={} young={}",
            e.kind, e.duration, e.heap_before, e.heap_after, e.old_after, e.young_allocated
        );
    }
    PAUSES.with(|p| {
        let (minor, major) = p.get();
        p.set(match e.kind {
            CollectionKind::Minor => (minor + e.duration, major),
            CollectionKind::Major => (minor, major + e.duration),
        });
    });
}

struct GcNode {
    left: Option<Gc<GcNode>>,
    right: Option<Gc<GcNode>>,
}
gc_type!(GcNode { left, right });

fn gc_tree(depth: u32) -> Gc<GcNode> {
    if depth == 0 {
        Gc::new(GcNode {
            left: None,
            right: None,
        })
    } else {
        let left = Some(gc_tree(depth - 1));
        let right = Some(gc_tree(depth - 1));
        Gc::new(GcNode { left, right })
    }
}

fn gc_check(n: Gc<GcNode>) -> u64 {
    1 + n.left.map_or(0, gc_check) + n.right.map_or(0, gc_check)
}

struct BoxNode {
    left: Option<Box<BoxNode>>,
    right: Option<Box<BoxNode>>,
}

fn box_tree(depth: u32) -> Box<BoxNode> {
    if depth == 0 {
        Box::new(BoxNode {
            left: None,
            right: None,
        })
    } else {
        Box::new(BoxNode {
            left: Some(box_tree(depth - 1)),
            right: Some(box_tree(depth - 1)),
        })
    }
}

fn box_check(n: &BoxNode) -> u64 {
    1 + n.left.as_deref().map_or(0, box_check) + n.right.as_deref().map_or(0, box_check)
}

struct BumpNode {
    left: Option<&'static BumpNode>,
    right: Option<&'static BumpNode>,
}

/// A bump allocator over leaked 1 MiB chunks.
struct Bump {
    cur: usize,
    end: usize,
}

impl Bump {
    fn alloc(&mut self, node: BumpNode) -> &'static BumpNode {
        let size = std::mem::size_of::<BumpNode>();
        if self.cur + size > self.end {
            let chunk: &'static mut [u64] = Vec::leak(vec![0u64; 1 << 17]);
            self.cur = chunk.as_mut_ptr() as usize;
            self.end = self.cur + (1 << 20);
        }
        let p = self.cur as *mut BumpNode;
        self.cur += size;
        // SAFETY: `p` is an aligned, unused part of a leaked chunk.
        unsafe {
            p.write(node);
            &*p
        }
    }
}

fn bump_tree(b: &mut Bump, depth: u32) -> &'static BumpNode {
    if depth == 0 {
        b.alloc(BumpNode {
            left: None,
            right: None,
        })
    } else {
        let left = Some(bump_tree(b, depth - 1));
        let right = Some(bump_tree(b, depth - 1));
        b.alloc(BumpNode { left, right })
    }
}

fn bump_check(n: &BumpNode) -> u64 {
    1 + n.left.map_or(0, bump_check) + n.right.map_or(0, bump_check)
}

/// The benchmark's driver, over a way to build a tree and check it.
fn run(
    max_depth: u32,
    mut tree_check: impl FnMut(u32) -> u64,
    long_lived: &mut dyn FnMut() -> u64,
) {
    let min_depth = 4;
    let max_depth = max_depth.max(min_depth + 2);
    println!(
        "stretch tree of depth {}\t check: {}",
        max_depth + 1,
        tree_check(max_depth + 1)
    );
    let mut depth = min_depth;
    while depth <= max_depth {
        let iterations = 1u64 << (max_depth - depth + min_depth);
        let check: u64 = (0..iterations).map(|_| tree_check(depth)).sum();
        println!("{iterations}\t trees of depth {depth}\t check: {check}");
        depth += 2;
    }
    println!(
        "long lived tree of depth {max_depth}\t check: {}",
        long_lived()
    );
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
    let (Some(mode), Some(depth)) = (args.get(1), args.get(2).and_then(|d| d.parse::<u32>().ok()))
    else {
        eprintln!("usage: binary_trees gc|box|bump DEPTH");
        std::process::exit(2);
    };
    let t0 = Instant::now();
    match mode.as_str() {
        "gc" => {
            let settings = Settings::from_env().unwrap_or_else(|e| {
                eprintln!("binary_trees: {e}");
                std::process::exit(2)
            });
            if let Err(e) = jitsupport_gc::init(settings) {
                eprintln!("binary_trees: {e}");
                std::process::exit(1);
            }
            jitsupport_gc::set_event_hook(Some(on_collection));
            let long = gc_tree(depth.max(6));
            run(depth, |d| gc_check(gc_tree(d)), &mut || gc_check(long));
        }
        "box" => {
            let long = box_tree(depth.max(6));
            run(depth, |d| box_check(&box_tree(d)), &mut || box_check(&long));
        }
        "bump" => {
            let mut b = Bump { cur: 0, end: 0 };
            let long = bump_tree(&mut b, depth.max(6));
            run(depth, |d| bump_check(bump_tree(&mut b, d)), &mut || {
                bump_check(long)
            });
        }
        _ => {
            eprintln!("binary_trees: unknown mode `{mode}`: expected gc, box or bump");
            std::process::exit(2);
        }
    }
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    let s = if mode == "gc" {
        jitsupport_gc::stats()
    } else {
        Default::default()
    };
    let (minor, major) = PAUSES.with(|p| p.get());
    let (rss_kb, cpu_ms) = rusage();
    println!(
        "result mode={mode} depth={depth} ms={ms:.1} cpu_ms={cpu_ms:.1} rss_kb={rss_kb} minor={} \
         major={} longest_pause_us={} total_pause_ms={:.1} minor_ms={:.1} major_ms={:.1}",
        s.minor_collections,
        s.major_collections,
        s.longest_pause.as_micros(),
        s.total_pause.as_secs_f64() * 1000.0,
        minor.as_secs_f64() * 1000.0,
        major.as_secs_f64() * 1000.0,
    );
}
