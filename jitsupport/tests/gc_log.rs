//! The collector's collections in `PYRITE_LOG`: a `gc-minor` or `gc-collect` section per
//! collection, and the GC's figures at the end of `jit-summary`. (A file of its own: the
//! log is process-wide.)

use jitsupport::gc::{self, Gc, GcCell, Settings};
use jitsupport::jit::log;

struct Cell {
    next: GcCell<Option<Gc<Cell>>>,
}
gc::gc_type!(Cell { next });

#[test]
fn collections_are_logged_and_summed_up() {
    let path = std::env::temp_dir().join(format!("pyrite-gc-log-{}.txt", std::process::id()));
    log::init(&format!(
        "gc-minor,gc-collect,jit-summary:{}",
        path.display()
    ))
    .expect("log opens");
    jitsupport::gcjit::install_log_hook();
    std::thread::spawn(|| {
        gc::init(Settings {
            nursery: 64 << 10,
            ..Settings::default()
        })
        .expect("the heap");
        let mut keep = Gc::new(Cell {
            next: GcCell::new(None),
        });
        for i in 0..20_000 {
            let c = Gc::new(Cell {
                next: GcCell::new(None),
            });
            if i % 100 == 0 {
                c.next.set(Some(keep));
                keep = c;
            }
        }
        gc::collect();
        std::hint::black_box(keep);
    })
    .join()
    .expect("the thread runs");
    log::finish();
    let text = std::fs::read_to_string(&path).expect("the log is written");
    let _ = std::fs::remove_file(&path);
    let minor = text.matches("] {gc-minor\n").count();
    let major = text.matches("] {gc-collect\n").count();
    assert!(minor > 0 && major > 0, "{text}");
    assert_eq!(text.matches("] gc-minor}\n").count(), minor, "{text}");
    for line in ["heap size before: ", "heap size after: ", "time: 0."] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
    let summary = text.split("{jit-summary\n").nth(1).expect("a summary");
    let figure = |name: &str| -> u64 {
        let line = summary
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in\n{summary}"));
        line[name.len()..]
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("bad line {line:?}"))
    };
    assert_eq!(figure("gc minor:"), minor as u64, "{summary}");
    assert_eq!(figure("gc major:"), major as u64, "{summary}");
    // 20 000 objects of 16 bytes were allocated before the last collection.
    assert!(figure("gc allocated:") >= 20_000 * 16, "{summary}");
    assert!(summary.contains("gc longest pause:"), "{summary}");
}
