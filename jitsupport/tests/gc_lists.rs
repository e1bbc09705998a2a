//! `List<T>` under the collector (issue 10): a list's items keep the GC objects they
//! refer to alive wherever the list is (the stack, a struct on the stack, a `Box`, a
//! `Vec` of lists), for items that are references (`List<GcAny>`, `List<Gc<T>>`,
//! `List<Option<Gc<T>>>`) and for value enums with a reference variant (`List<Value>`),
//! under stress (a collection at every allocation) and against a shadow model. A list's
//! buffer is Rust memory, registered with the collector as a root while the list owns
//! it (`jitsupport::list`).

use jitsupport::gc::{self, Gc, GcAny, GcCell, Settings};
use jitsupport::List;
use std::hint::black_box;

struct Leaf {
    value: i64,
    next: GcCell<Option<Gc<Leaf>>>,
}
gc::gc_type!(Leaf { next });

/// A dynamic language's value: its `Obj` payload is a reference in one variant only.
#[repr(u8)]
#[derive(Clone, Copy)]
enum Value {
    Int(i64),
    Obj(GcAny),
}

/// An interpreter frame outside the GC heap, holding its data in lists.
struct Frame {
    any: List<GcAny>,
    typed: List<Gc<Leaf>>,
    values: List<Value>,
}

/// Runs `f` on a thread of its own with a heap made from `settings`.
fn on_heap<R: Send + 'static>(settings: Settings, f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            gc::init(settings).expect("create the heap");
            f()
        })
        .expect("spawn a test thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Stress mode: a collection at every allocation (every eighth one major).
fn stress() -> Settings {
    Settings {
        debug: true,
        ..Settings::default()
    }
}

/// Overwrites the stack below the caller, so that stale words of earlier calls keep
/// nothing alive.
#[inline(never)]
fn clobber_stack() {
    let mut a = [0usize; 4096];
    black_box(&mut a);
}

#[inline(never)]
fn leaf(value: i64) -> Gc<Leaf> {
    Gc::new(Leaf {
        value,
        next: GcCell::new(None),
    })
}

/// Allocates `n` objects that die at once: with stress on, each one is a collection
/// whose freed memory the next allocation reuses (zeroed).
#[inline(never)]
fn churn(n: i64) {
    for i in 0..n {
        black_box(leaf(-i));
    }
}

/// Fills `frame` with objects reachable only through its lists: `n` of each kind,
/// item `i` of value `base + i` (a `Value::Int` between two objects).
#[inline(never)]
fn fill(frame: &mut Frame, base: i64, n: i64) {
    for i in 0..n {
        frame.any.push(GcAny::of(leaf(base + i)));
        frame.typed.push(leaf(base + 1000 + i));
        frame
            .values
            .push(Value::Obj(GcAny::of(leaf(base + 2000 + i))));
        frame.values.push(Value::Int(i));
    }
}

/// Checks the objects `fill` put in `frame`.
#[inline(never)]
fn check(frame: &Frame, base: i64, n: i64) {
    let value = |o: GcAny| match o.downcast::<Leaf>() {
        Some(l) => l.value,
        None => panic!("an object of a list was freed (its class changed)"),
    };
    assert_eq!(frame.any.len() as i64, n);
    for i in 0..n as usize {
        assert_eq!(value(frame.any[i]), base + i as i64, "List<GcAny> item {i}");
        assert_eq!(
            frame.typed[i].value,
            base + 1000 + i as i64,
            "List<Gc<Leaf>> item {i}"
        );
        match frame.values[2 * i] {
            Value::Obj(o) => assert_eq!(value(o), base + 2000 + i as i64, "List<Value> item {i}"),
            Value::Int(_) => panic!("List<Value> item {i} lost its tag"),
        }
        assert!(matches!(frame.values[2 * i + 1], Value::Int(k) if k == i as i64));
    }
}

#[inline(never)]
fn new_frame() -> Frame {
    Frame {
        any: List::new(),
        typed: List::new(),
        values: List::new(),
    }
}

#[test]
fn objects_held_only_by_lists_on_the_stack_survive_stress() {
    on_heap(stress(), || {
        let mut frame = new_frame();
        fill(&mut frame, 0, 40);
        clobber_stack();
        churn(200);
        check(&frame, 0, 40);
        // Growing a list moves its items to a new buffer: they stay roots.
        fill(&mut frame, 100, 60);
        clobber_stack();
        churn(200);
        gc::collect();
        let tail: List<GcAny> = frame.any.iter().skip(40).copied().collect();
        assert_eq!(tail.len(), 60);
        for (i, o) in tail.iter().enumerate() {
            assert_eq!(o.downcast::<Leaf>().map(|l| l.value), Some(100 + i as i64));
        }
    });
}

#[test]
fn objects_held_only_by_lists_in_rust_memory_survive_stress() {
    on_heap(stress(), || {
        // A frame in a `Box` and lists in a `Vec`: Rust memory the stack scan does
        // not see; the lists' buffers are roots anyway.
        let mut frame = Box::new(new_frame());
        fill(&mut frame, 0, 30);
        let mut lists: Vec<List<Option<Gc<Leaf>>>> = Vec::new();
        for k in 0..4 {
            let mut l = List::with_capacity(2);
            for i in 0..20 {
                l.push(Some(leaf(k * 100 + i)));
            }
            lists.push(l);
        }
        clobber_stack();
        churn(300);
        gc::collect();
        check(&frame, 0, 30);
        for (k, l) in lists.iter().enumerate() {
            for i in 0..20 {
                assert_eq!(l[i].map(|x| x.value), Some(k as i64 * 100 + i as i64));
            }
        }
    });
}

/// Truncated items are cleared from the buffer (so they keep no object alive; a popped
/// slot keeps its bytes until it is written again, as after the JIT's inline pop), and
/// a dropped list's buffer is no root.
#[test]
fn truncated_items_are_cleared_and_dropped_lists_are_no_roots() {
    on_heap(stress(), || {
        let mut l: List<Option<Gc<Leaf>>> = List::with_capacity(8);
        for i in 0..8 {
            l.push(Some(leaf(i)));
        }
        let items = l.as_slice().as_ptr() as *const usize;
        black_box(l.pop());
        l.push(None);
        l.truncate(3);
        // SAFETY: the buffer's capacity is 8 words and the list still owns it.
        let words: Vec<usize> = (0..8).map(|i| unsafe { *items.add(i) }).collect();
        assert!(words[..3].iter().all(|&w| w != 0), "{words:x?}");
        assert!(words[3..].iter().all(|&w| w == 0), "{words:x?}");
        let before = gc::stats().heap_size;
        for _ in 0..10 {
            let mut big: List<GcAny> = List::new();
            for i in 0..400 {
                big.push(GcAny::of(leaf(i)));
            }
            drop(big);
        }
        clobber_stack();
        gc::collect();
        let after = gc::stats().heap_size;
        assert!(
            after <= before + (256 << 10),
            "heap grew from {before} to {after} bytes"
        );
        assert_eq!(l.len(), 3);
        assert_eq!(l[2].map(|x| x.value), Some(2));
    });
}

/// A random test against a shadow model: lists of references held in a `Vec` (Rust
/// memory), pushed, popped, written, grown, cloned, dropped and replaced at random,
/// with objects linked through `GcCell`s too; every object reachable from the lists is
/// checked against the model after each step, with a collection at every allocation.
#[test]
fn random_lists_against_a_shadow_model() {
    for seed in 0..4u64 {
        on_heap(stress(), move || random_run(seed, 400));
    }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// The model of an object: its value and the value of the object its cell refers to.
type Model = (i64, Option<i64>);

#[inline(never)]
fn random_run(seed: u64, steps: usize) {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut lists: Vec<List<Option<Gc<Leaf>>>> = (0..6).map(|_| List::new()).collect();
    let mut model: Vec<Vec<Option<Model>>> = vec![Vec::new(); 6];
    let mut next_value = 0;
    for _ in 0..steps {
        let k = rng.below(lists.len());
        match rng.below(8) {
            0..=2 => {
                next_value += 1;
                let o = leaf(next_value);
                // Sometimes link it to an object of another list.
                let j = rng.below(lists.len());
                let mut linked = None;
                if !lists[j].is_empty() {
                    let at = rng.below(lists[j].len());
                    if let (Some(t), Some((v, _))) = (lists[j][at], model[j][at]) {
                        o.next.set(Some(t));
                        linked = Some(v);
                    }
                }
                lists[k].push(Some(o));
                model[k].push(Some((next_value, linked)));
            }
            3 => {
                let a = lists[k].pop().map(|o| o.map(|o| o.value));
                let b = model[k].pop().map(|m| m.map(|m| m.0));
                assert_eq!(a, b);
            }
            4 if !lists[k].is_empty() => {
                let at = rng.below(lists[k].len());
                lists[k][at] = None;
                model[k][at] = None;
            }
            5 => {
                let n = rng.below(lists[k].len() + 1);
                lists[k].truncate(n);
                model[k].truncate(n);
            }
            6 => {
                let j = rng.below(lists.len());
                lists[k] = lists[j].clone();
                model[k] = model[j].clone();
            }
            _ => {
                lists[k] = List::new();
                model[k].clear();
            }
        }
        churn(2);
        for (l, m) in lists.iter().zip(&model) {
            assert_eq!(l.len(), m.len());
            for (o, want) in l.iter().zip(m) {
                let got = o.map(|o| (o.value, o.next.get().map(|n| n.value)));
                assert_eq!(got, *want, "seed {seed}");
            }
        }
    }
}
