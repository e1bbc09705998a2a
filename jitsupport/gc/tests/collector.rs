//! The collector's behaviour through its public API: survival, reclamation,
//! conservative roots, the write barrier, large objects, limits, hashes, roots held in
//! Rust memory, statistics.

mod common;

use common::{clobber_stack, on_heap, small};
use jitsupport_gc::*;
use std::hint::black_box;

struct Node {
    value: i64,
    next: Option<Gc<Node>>,
    other: GcCell<Option<Gc<Node>>>,
}
gc_type!(Node { next, other });

fn node(value: i64, next: Option<Gc<Node>>) -> Gc<Node> {
    Gc::new(Node {
        value,
        next,
        other: GcCell::new(None),
    })
}

fn sum(mut list: Option<Gc<Node>>) -> i64 {
    let mut s = 0;
    while let Some(n) = list {
        s += n.value;
        list = n.next;
    }
    s
}

#[test]
fn handles_are_one_word_and_option_uses_the_niche() {
    assert_eq!(std::mem::size_of::<Gc<Node>>(), 8);
    assert_eq!(std::mem::size_of::<Option<Gc<Node>>>(), 8);
    assert_eq!(std::mem::size_of::<Option<GcArray<i64>>>(), 8);
    assert_eq!(std::mem::size_of::<GcCell<Option<Gc<Node>>>>(), 8);
}

#[test]
fn a_list_survives_minor_and_major_collections_among_garbage() {
    on_heap(small(), || {
        let mut list = None;
        for i in 0..10_000 {
            list = Some(node(i, list));
            // Garbage between the live nodes.
            black_box(node(-1, None));
        }
        collect_minor();
        collect();
        assert_eq!(sum(list), (0..10_000).sum::<i64>());
        let s = stats();
        assert!(s.minor_collections >= 2, "{s:?}");
        assert!(s.major_collections >= 1, "{s:?}");
        assert!(s.bytes_allocated >= 20_000 * 32, "{s:?}");
        assert!(s.longest_pause <= s.total_pause);
    });
}

#[test]
fn garbage_is_reclaimed_so_the_heap_stays_bounded() {
    on_heap(small(), || {
        let keep = node(7, None);
        for round in 0..50 {
            let mut list = None;
            for i in 0..5_000 {
                list = Some(node(i, list));
            }
            black_box(list);
            if round == 10 {
                collect();
            }
        }
        collect();
        let s = stats();
        // 250 000 nodes of 32 bytes were allocated (8 MB); a few lists stay live at once.
        assert!(
            s.heap_size < 2 << 20,
            "heap of {} bytes: {s:?}",
            s.heap_size
        );
        assert_eq!(keep.value, 7);
    });
}

#[inline(never)]
fn make_list_at(n: i64) -> usize {
    let mut list = None;
    for i in 0..n {
        list = Some(node(i, list));
    }
    list.map_or(0, |l| l.as_ptr() as usize)
}

#[test]
fn objects_reachable_only_from_the_stack_survive_interior_pointers_too() {
    on_heap(small(), || {
        let head = make_list_at(100);
        let other = make_list_at(50);
        // Only a pointer into the middle of the second list's head (its `other` field).
        let interior = black_box(other + HEADER_SIZE + 16);
        let other = 0usize;
        black_box(other);
        for _ in 0..20_000 {
            black_box(node(0, None));
        }
        clobber_stack();
        collect();
        let head = black_box(head);
        assert!(debug_is_object(head));
        assert!(debug_is_object(interior - HEADER_SIZE - 16));
        // SAFETY: both objects were found live above.
        unsafe {
            assert_eq!(
                sum(Some(Gc::<Node>::from_ptr(head as *mut u8))),
                (0..100).sum::<i64>()
            );
            let second = Gc::<Node>::from_ptr((interior - HEADER_SIZE - 16) as *mut u8);
            assert_eq!(sum(Some(second)), (0..50).sum::<i64>());
        }
        black_box(interior);
    });
}

#[inline(never)]
fn young_into(old: Gc<Node>, barrier: bool) -> usize {
    let young = node(42, None);
    if barrier {
        old.other.set(Some(young));
    } else {
        // SAFETY: a store that bypasses the barrier, to show what the barrier prevents.
        let slot = old.as_ptr() as usize + HEADER_SIZE + std::mem::offset_of!(Node, other);
        unsafe { *(slot as *mut usize) = young.as_ptr() as usize };
    }
    // Hidden from the conservative scan: the caller keeps the complement.
    !(young.as_ptr() as usize)
}

#[test]
fn the_write_barrier_keeps_young_objects_stored_into_old_ones() {
    on_heap(small(), || {
        let old = node(1, None);
        collect_minor();
        // Control: without the barrier the young object dies in a minor collection
        // (which shows that no stale stack word keeps it alive).
        let lost = young_into(old, false);
        clobber_stack();
        collect_minor();
        assert!(
            !debug_is_object(!lost),
            "the control object survived without the barrier"
        );
        old.other.set(None);
        let kept = young_into(old, true);
        clobber_stack();
        collect_minor();
        assert!(debug_is_object(!kept));
        let young = old.other.get().expect("set above");
        assert_eq!(young.as_ptr() as usize, !kept);
        // Garbage reuses freed lines; the kept object must not be overwritten.
        for _ in 0..10_000 {
            black_box(node(-5, None));
        }
        collect_minor();
        assert_eq!(young.value, 42);
    });
}

#[test]
fn arrays_of_references_are_traced_and_written_with_the_barrier() {
    on_heap(small(), || {
        let arr: GcArray<Option<Gc<Node>>> = GcArray::new(100, None);
        collect_minor();
        for i in 0..100 {
            arr.set(i, Some(node(i as i64, None)));
            for _ in 0..50 {
                black_box(node(-1, None));
            }
        }
        clobber_stack();
        collect_minor();
        collect();
        let total: i64 = arr.iter().map(|n| n.unwrap().value).sum();
        assert_eq!(
            arr.get(5).map(|n| n.type_id()),
            Some(Gc::<Node>::type_id_of())
        );
        assert_eq!(total, (0..100).sum::<i64>());
        let bytes = GcArray::from_slice(b"pyrite");
        assert_eq!(bytes.to_vec(), b"pyrite");
        assert_eq!(bytes.len(), 6);
        assert!(GcArray::<f64>::new(0, 0.0).is_empty());
    });
}

#[test]
fn large_objects_live_and_die() {
    on_heap(small(), || {
        let big: GcArray<Option<Gc<Node>>> = GcArray::new(100_000, None);
        collect();
        // A young object stored in an old large array: the remembered line is in the
        // middle of the array.
        big.set(77_777, Some(node(9, None)));
        clobber_stack();
        collect_minor();
        for _ in 0..5_000 {
            black_box(node(-1, None));
        }
        collect_minor();
        assert_eq!(big.get(77_777).unwrap().value, 9);
        let before = stats().heap_size;
        for _ in 0..40 {
            black_box(GcArray::<u64>::new(50_000, 3));
        }
        clobber_stack();
        collect();
        let after = stats().heap_size;
        assert!(after <= before + (1 << 20), "{before} -> {after}");
        assert_eq!(big.len(), 100_000);
    });
}

#[test]
fn exceeding_the_limit_is_an_error_not_a_crash() {
    let settings = Settings {
        max: Some(4 << 20),
        ..small()
    };
    let (err, kept) = on_heap(settings, || {
        let mut list: Option<Gc<Node>> = None;
        let mut n = 0;
        let err = loop {
            match Gc::try_new(Node {
                value: n,
                next: list,
                other: GcCell::new(None),
            }) {
                Ok(l) => list = Some(l),
                Err(e) => break e,
            }
            n += 1;
        };
        // The heap still works after the error: the list is intact.
        assert_eq!(sum(list), (0..n).sum::<i64>());
        let big = GcArray::<u8>::try_new(64 << 20, 0);
        assert!(big.is_err());
        (err, n)
    });
    assert!(kept > 50_000, "only {kept} nodes fit in 4 MB");
    assert_eq!(err.limit, 4 << 20);
    let msg = err.to_string();
    assert!(
        msg.starts_with("out of memory: allocating 32 bytes"),
        "{msg}"
    );
    assert!(msg.contains("PYRITE_GC_MAX"), "{msg}");
}

#[test]
fn identity_hashes_are_stable_across_collections() {
    on_heap(small(), || {
        let objs: Vec<GcRoot<Gc<Node>>> = (0..100).map(|i| GcRoot::new(node(i, None))).collect();
        let hashes: Vec<u64> = objs.iter().map(|r| r.get().identity_hash()).collect();
        for _ in 0..20_000 {
            black_box(node(0, None));
        }
        collect();
        let again: Vec<u64> = objs.iter().map(|r| r.get().identity_hash()).collect();
        assert_eq!(hashes, again);
        let mut distinct = hashes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 100);
        let h = objs[0].get().as_ptr() as usize;
        // SAFETY: the header of a live object.
        assert_ne!(unsafe { *(h as *const u64) } & FLAG_HASHED, 0);
    });
}

#[inline(never)]
fn make_roots(range: &mut [usize; 4]) -> (GcRoot<Gc<Node>>, usize) {
    range[2] = node(3, None).as_ptr() as usize;
    let slot = GcRoot::new(node(4, None));
    // The complement hides the address from the conservative scan.
    let seen = !(node(5, None).as_ptr() as usize);
    (slot, seen)
}

#[inline(never)]
fn check_roots(range: &[usize; 4], held: &std::cell::Cell<usize>, slot: &GcRoot<Gc<Node>>) {
    // SAFETY: each object is held by a root.
    unsafe {
        assert_eq!(Gc::<Node>::from_ptr(range[2] as *mut u8).value, 3);
        assert_eq!(Gc::<Node>::from_ptr(!held.get() as *mut u8).value, 5);
    }
    assert_eq!(slot.get().value, 4);
}

#[test]
fn roots_in_rust_memory_keep_objects_alive() {
    on_heap(small(), || {
        let mut range = Box::new([0usize; 4]);
        // SAFETY: the box outlives the registration (removed below).
        let range_id = unsafe { add_root_range(range.as_ptr(), 4) };
        let (slot, seen) = make_roots(&mut range);
        let held = Box::new(std::cell::Cell::new(seen));
        let held2 = held.as_ref() as *const std::cell::Cell<usize>;
        // SAFETY: `held` outlives the callback (removed below).
        let cb = add_root_callback(Box::new(move |v| v.visit(!unsafe { (*held2).get() })));
        clobber_stack();
        collect();
        for _ in 0..20_000 {
            black_box(node(0, None));
        }
        collect();
        check_roots(&range, &held, &slot);
        remove_root(range_id);
        remove_root(cb);
        // The complement hides the address from the conservative scan.
        let was = held.get();
        held.set(!0);
        drop(slot);
        clobber_stack();
        collect();
        assert!(
            !debug_is_object(!was),
            "the callback's object outlived its root"
        );
    });
}

#[inline(never)]
fn hide_in(range: &mut [usize; 2]) {
    // The complement hides the address from the conservative scan; the range holds it.
    range[1] = node(6, None).as_ptr() as usize;
}

#[inline(never)]
fn check_value(range: &[usize; 2], value: i64) {
    // SAFETY: held by the range.
    assert_eq!(
        unsafe { Gc::<Node>::from_ptr(range[1] as *mut u8) }.value,
        value
    );
}

/// A pushed root range (a JIT frame) keeps its objects while pushed; popping it, and
/// removing a registered range, lets them go; removed ranges' ids are reused.
#[test]
fn pushed_root_ranges_last_until_popped_and_range_ids_are_reused() {
    on_heap(small(), || {
        let mut frame = Box::new([0usize; 2]);
        // SAFETY: the box outlives the push (popped below).
        unsafe { push_root_range(frame.as_ptr(), 2) };
        hide_in(&mut frame);
        let hidden = !frame[1];
        clobber_stack();
        collect();
        assert!(
            debug_is_object(!black_box(hidden)),
            "the pushed range's object died"
        );
        check_value(&frame, 6);
        pop_root_range();
        frame[1] = 0;
        clobber_stack();
        collect();
        assert!(
            !debug_is_object(!black_box(hidden)),
            "the popped range still held its object"
        );
        let words = [0usize; 1];
        // SAFETY: `words` outlives the registrations (removed below).
        let (a, b) = unsafe {
            (
                gc_add_root_range(words.as_ptr(), 1),
                gc_add_root_range(words.as_ptr(), 1),
            )
        };
        assert_ne!(a, b);
        // SAFETY: ids from gc_add_root_range, removed once each.
        unsafe {
            gc_remove_root_range(a);
            assert_eq!(gc_add_root_range(words.as_ptr(), 1), a);
            gc_remove_root_range(a);
            gc_remove_root_range(b);
        }
    });
}

fn record(e: &GcEvent) {
    EVENTS.with(|v| v.borrow_mut().push(e.clone()));
}

thread_local! {
    static EVENTS: std::cell::RefCell<Vec<GcEvent>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[test]
fn the_event_hook_sees_every_collection() {
    on_heap(small(), || {
        set_event_hook(Some(record));
        for _ in 0..20_000 {
            black_box(node(0, None));
        }
        collect();
        set_event_hook(None);
        let events = EVENTS.with(|v| v.borrow().clone());
        let s = stats();
        assert_eq!(
            events.len() as u64,
            s.minor_collections + s.major_collections
        );
        let last = events.last().expect("collections happened");
        assert_eq!(last.kind, CollectionKind::Major);
        assert!(last.heap_after <= last.heap_before);
        assert!(events.iter().any(|e| e.kind == CollectionKind::Minor));
    });
}

#[test]
fn stress_mode_collects_at_every_allocation() {
    let settings = Settings {
        debug: true,
        ..small()
    };
    on_heap(settings, || {
        let mut list = None;
        for i in 0..300 {
            list = Some(node(i, list));
        }
        let s = stats();
        assert!(s.minor_collections + s.major_collections >= 299, "{s:?}");
        assert!(s.major_collections >= 30, "{s:?}");
        assert_eq!(sum(list), (0..300).sum::<i64>());
    });
}

#[test]
fn stress_mode_can_be_turned_on_and_off() {
    on_heap(small(), || {
        let mut list = None;
        for i in 0..100 {
            list = Some(node(i, list));
        }
        let before = stats();
        set_stress(true);
        for i in 100..200 {
            list = Some(node(i, list));
        }
        let during = stats();
        set_stress(false);
        for i in 200..300 {
            list = Some(node(i, list));
        }
        let after = stats();
        let n = |s: &GcStats| s.minor_collections + s.major_collections;
        assert!(n(&during) - n(&before) >= 100, "{during:?}");
        assert_eq!(n(&after), n(&during));
        assert!(!jitsupport_gc::settings().debug);
        assert_eq!(sum(list), (0..300).sum::<i64>());
    });
}

#[test]
fn init_twice_is_an_error_and_settings_are_kept() {
    let settings = Settings {
        nursery: 1 << 20,
        ..Settings::default()
    };
    on_heap(settings.clone(), move || {
        assert!(matches!(
            init(Settings::default()),
            Err(GcError::AlreadyInitialized)
        ));
        assert_eq!(jitsupport_gc::settings(), settings);
    });
}

/// The default OOM handler, in a child process: the test binary runs itself with
/// `GC_OOM_CHILD` set, and that run must exit with status 1 and a clear message.
#[test]
fn the_default_oom_handler_prints_a_message_and_exits_1() {
    if std::env::var_os("GC_OOM_CHILD").is_some() {
        let settings = Settings {
            max: Some(2 << 20),
            ..small()
        };
        init(settings).expect("a heap on this thread");
        let mut list = None;
        loop {
            list = Some(node(0, list));
        }
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "the_default_oom_handler_prints_a_message_and_exits_1",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("GC_OOM_CHILD", "1")
        .output()
        .expect("run the test binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains("out of memory: allocating 32 bytes would take the GC heap"),
        "stderr: {stderr}"
    );
}

#[derive(Clone, Copy)]
struct Entry {
    key: i64,
    value: Option<Gc<Node>>,
}
gc_value!(Entry { value });

#[test]
fn arrays_of_inline_structs_trace_the_references_in_their_items() {
    on_heap(small(), || {
        let table = GcArray::new(
            300,
            Entry {
                key: 0,
                value: None,
            },
        );
        collect();
        for i in 0..300 {
            table.set(
                i,
                Entry {
                    key: i as i64,
                    value: Some(node(i as i64 * 2, None)),
                },
            );
            black_box(node(-1, None));
        }
        clobber_stack();
        collect_minor();
        for _ in 0..20_000 {
            black_box(node(-1, None));
        }
        collect();
        for i in 0..300 {
            let e = table.get(i);
            assert_eq!(
                (e.key, e.value.map(|n| n.value)),
                (i as i64, Some(i as i64 * 2))
            );
        }
    });
}

/// An unboxed value: an integer, or an object. Its payload word is a reference only
/// when the tag says so, so the type lists it in `maybe_refs`.
#[derive(Clone, Copy)]
#[repr(C, u64)]
#[allow(dead_code)]
enum Value {
    Int(i64),
    Obj(Gc<Node>),
}

struct Cell {
    value: GcCell<Value>,
}

// SAFETY: the payload word of `value` (after its 8-byte tag) may hold a reference.
unsafe impl GcType for Cell {
    fn type_info() -> &'static TypeInfo {
        static INFO: TypeInfo = TypeInfo::fixed(
            "Cell",
            object_size_of::<Cell>(),
            &[],
            &[(HEADER_SIZE + std::mem::offset_of!(Cell, value) + 8) as u32],
        );
        &INFO
    }
}

// SAFETY: the payload word may hold a reference; the array type follows `GcArray`.
unsafe impl GcValue for Value {
    const REFS: &'static [u32] = &[];
    const MAYBE_REFS: &'static [u32] = &[8];
    fn array_type_info() -> &'static TypeInfo {
        static INFO: TypeInfo = TypeInfo::array(
            "[Value]",
            ARRAY_ITEMS_OFFSET as u32,
            &[],
            &[],
            VarPart {
                length_offset: ARRAY_LENGTH_OFFSET as u32,
                items_offset: ARRAY_ITEMS_OFFSET as u32,
                item_size: 16,
                item_refs: &[],
                item_maybe_refs: &[8],
            },
        );
        &INFO
    }
}

#[test]
fn maybe_refs_keep_objects_and_ignore_integers() {
    on_heap(small(), || {
        let cells: Vec<GcRoot<Gc<Cell>>> = (0..200)
            .map(|i| {
                let v = if i % 2 == 0 {
                    Value::Obj(node(i, None))
                } else {
                    // Integers that look like heap addresses, or not.
                    Value::Int(if i % 4 == 1 { i * 8 } else { i64::MIN + i })
                };
                GcRoot::new(Gc::new(Cell {
                    value: GcCell::new(v),
                }))
            })
            .collect();
        collect();
        // A young object stored into old cells through the barrier of MAYBE_REFS.
        for (i, c) in cells.iter().enumerate().skip(1).step_by(4) {
            c.get().value.set(Value::Obj(node(1000 + i as i64, None)));
        }
        let values = GcArray::new(3, Value::Int(0));
        values.set(1, Value::Obj(node(77, None)));
        clobber_stack();
        collect_minor();
        for _ in 0..20_000 {
            black_box(node(-1, None));
        }
        collect();
        assert!(matches!(values.get(1), Value::Obj(n) if n.value == 77));
        for (i, c) in cells.iter().enumerate() {
            match c.get().value.get() {
                Value::Obj(n) if i % 2 == 0 => assert_eq!(n.value, i as i64),
                Value::Obj(n) => assert_eq!(n.value, 1000 + i as i64),
                Value::Int(_) => assert_eq!(i % 4, 3),
            }
        }
    });
}

#[test]
fn large_and_medium_arrays_churn_without_corruption_or_growth() {
    churn(small());
}

#[test]
fn large_and_medium_arrays_churn_in_stress_mode() {
    churn(Settings {
        debug: true,
        ..small()
    });
}

fn churn(settings: Settings) {
    on_heap(settings, || {
        let mut rng = common::Rng::new(7);
        let kept: GcRoot<GcArray<Option<GcArray<u64>>>> = GcRoot::new(GcArray::new(32, None));
        let mut peak_after_major = 0;
        for round in 0..400 {
            let len = match rng.below(3) {
                0 => 40 + rng.below(900),      // medium (up to ~7 KiB)
                1 => 1100 + rng.below(4000),   // large, one block
                _ => 5000 + rng.below(60_000), // large, several blocks
            };
            let tag = round as u64 * 1_000_003;
            let arr = GcArray::new(len, tag);
            arr.set(len - 1, tag + 1);
            kept.get().set(rng.below(32), Some(arr));
            if round % 50 == 49 {
                collect();
                for a in kept.get().iter().flatten() {
                    let (first, last) = (a.get(0), a.get(a.len() - 1));
                    assert_eq!(last, first + 1, "round {round}: an array was overwritten");
                    assert!(a.iter().take(a.len() - 1).all(|v| v == first));
                }
                peak_after_major = peak_after_major.max(stats().heap_size);
            }
        }
        // 32 arrays of at most 520 KB are live at a time.
        assert!(
            peak_after_major < 24 << 20,
            "heap of {peak_after_major} bytes"
        );
    });
}

thread_local! {
    static LATE: std::cell::RefCell<Option<LateRoot>> = const { std::cell::RefCell::new(None) };
}

/// A root whose owner lives in a thread-local dropped after the heap's.
struct LateRoot(Option<RootId>);

impl Drop for LateRoot {
    fn drop(&mut self) {
        if let Some(id) = self.0.take() {
            remove_root(id);
            pop_root_range();
        }
    }
}

/// Removing a root or popping a range after the thread's heap is gone (thread-local
/// destructors run in any order at thread exit) does nothing, and creates no heap.
#[test]
fn roots_removed_after_the_heap_is_gone_are_ignored() {
    std::thread::spawn(|| {
        // Touched first, so that its destructor runs after the heap's (last in, first
        // out).
        LATE.with(|l| *l.borrow_mut() = Some(LateRoot(None)));
        init(small()).expect("the heap");
        let words = Box::leak(Box::new([0usize; 2]));
        // SAFETY: leaked, so readable forever.
        let id = unsafe { add_root_range(words.as_ptr(), 2) };
        LATE.with(|l| *l.borrow_mut() = Some(LateRoot(Some(id))));
    })
    .join()
    .expect("the thread exits cleanly");
}
