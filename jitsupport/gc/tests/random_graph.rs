//! A random object-graph test: random allocation, mutation through the barrier
//! (`GcCell::set`, `GcArray::set`) and dropping of references, checked against a shadow
//! model after every collection, minor and major, in normal and stress mode.
//!
//! The graph's roots are the items of one root array held by a `GcRoot`. Each step
//! picks an object by a random walk from a root, in the heap and in the model alike.
//! After each collection every object reachable from the roots is compared with its
//! model: its id, value, fields and array items. A live object freed by mistake is
//! overwritten by later allocations and shows up as a mismatch; a heap that keeps dead
//! objects shows up in the final size check.
//!
//! `RANDOM_GRAPH_SEEDS=a..b` runs other seeds (the default range is CI's).

mod common;

use common::{on_heap, Rng};
use jitsupport_gc::*;

const FIELDS: usize = 3;
const ROOTS: usize = 64;

struct Obj {
    id: usize,
    value: GcCell<i64>,
    f0: GcCell<Option<Gc<Obj>>>,
    f1: GcCell<Option<Gc<Obj>>>,
    f2: GcCell<Option<Gc<Obj>>>,
    items: GcCell<Option<GcArray<Option<Gc<Obj>>>>>,
}
gc_type!(Obj { f0, f1, f2, items });

impl Obj {
    fn field(&self, k: usize) -> &GcCell<Option<Gc<Obj>>> {
        [&self.f0, &self.f1, &self.f2][k]
    }
}

#[derive(Clone, Default)]
struct Model {
    value: i64,
    fields: [Option<usize>; FIELDS],
    items: Option<Vec<Option<usize>>>,
}

struct World {
    roots: GcRoot<GcArray<Option<Gc<Obj>>>>,
    model: Vec<Model>,
    model_roots: [Option<usize>; ROOTS],
    rng: Rng,
}

/// A place an object is reached from: a walk from a root.
impl World {
    fn walk(&mut self) -> Option<(Gc<Obj>, usize)> {
        let r = self.rng.below(ROOTS);
        let mut cur = self.roots.get().get(r)?;
        let mut m = self.model_roots[r].expect("model and heap agree on roots");
        for _ in 0..self.rng.below(4) {
            let k = self.rng.below(FIELDS + 1);
            if k < FIELDS {
                match (cur.field(k).get(), self.model[m].fields[k]) {
                    (Some(next), Some(nm)) => {
                        cur = next;
                        m = nm;
                    }
                    (None, None) => break,
                    _ => panic!("field {k} of object {m} differs from the model"),
                }
            } else if let (Some(arr), Some(items)) = (cur.items.get(), &self.model[m].items) {
                if arr.is_empty() {
                    break;
                }
                let i = self.rng.below(arr.len());
                match (arr.get(i), items[i]) {
                    (Some(next), Some(nm)) => {
                        cur = next;
                        m = nm;
                    }
                    _ => break,
                }
            }
        }
        Some((cur, m))
    }

    fn new_obj(&mut self) -> (Gc<Obj>, usize) {
        let id = self.model.len();
        let value = self.rng.next() as i64;
        let obj = Gc::new(Obj {
            id,
            value: GcCell::new(value),
            f0: GcCell::new(None),
            f1: GcCell::new(None),
            f2: GcCell::new(None),
            items: GcCell::new(None),
        });
        self.model.push(Model {
            value,
            ..Model::default()
        });
        // Fields set after allocation go through the barrier too (harmless on young).
        for k in 0..FIELDS {
            if self.rng.below(2) == 0 {
                if let Some((t, tm)) = self.walk() {
                    obj.field(k).set(Some(t));
                    self.model[id].fields[k] = Some(tm);
                }
            }
        }
        (obj, id)
    }

    fn step(&mut self) {
        match self.rng.below(10) {
            0..=2 => {
                let (obj, id) = self.new_obj();
                let r = self.rng.below(ROOTS);
                self.roots.get().set(r, Some(obj));
                self.model_roots[r] = Some(id);
            }
            3 => {
                let (obj, id) = self.new_obj();
                if let Some((a, am)) = self.walk() {
                    let k = self.rng.below(FIELDS);
                    a.field(k).set(Some(obj));
                    self.model[am].fields[k] = Some(id);
                }
            }
            4..=5 => {
                if let (Some((a, am)), Some((b, bm))) = (self.walk(), self.walk()) {
                    let k = self.rng.below(FIELDS);
                    a.field(k).set(Some(b));
                    self.model[am].fields[k] = Some(bm);
                }
            }
            6 => {
                if let Some((a, am)) = self.walk() {
                    let k = self.rng.below(FIELDS);
                    a.field(k).set(None);
                    self.model[am].fields[k] = None;
                }
            }
            7 => {
                let r = self.rng.below(ROOTS);
                self.roots.get().set(r, None);
                self.model_roots[r] = None;
            }
            8 => {
                // A new array: small, medium or (rarely) large.
                if let Some((a, am)) = self.walk() {
                    let len = match self.rng.below(20) {
                        0 => 1100 + self.rng.below(2000),
                        1..=3 => 40 + self.rng.below(900),
                        _ => self.rng.below(8),
                    };
                    let arr = GcArray::new(len, None);
                    a.items.set(Some(arr));
                    self.model[am].items = Some(vec![None; len]);
                }
            }
            _ => {
                if let Some((a, am)) = self.walk() {
                    if let (Some(arr), true) = (a.items.get(), self.model[am].items.is_some()) {
                        if !arr.is_empty() {
                            let i = self.rng.below(arr.len());
                            let t = self.walk();
                            arr.set(i, t.map(|t| t.0));
                            self.model[am].items.as_mut().expect("checked")[i] = t.map(|t| t.1);
                        }
                    }
                }
            }
        }
        let v = self.rng.next() as i64;
        if let Some((a, am)) = self.walk() {
            a.value.set(v);
            self.model[am].value = v;
        }
    }

    /// Compares everything reachable from the roots with the model.
    fn check(&self, when: &str) -> usize {
        let mut seen = std::collections::HashMap::new();
        let mut stack = Vec::new();
        let roots = self.roots.get();
        for r in 0..ROOTS {
            match (roots.get(r), self.model_roots[r]) {
                (Some(o), Some(m)) => stack.push((o, m)),
                (None, None) => {}
                _ => panic!("{when}: root {r} differs from the model"),
            }
        }
        while let Some((o, m)) = stack.pop() {
            if let Some(&addr) = seen.get(&m) {
                assert_eq!(
                    o.as_ptr() as usize,
                    addr,
                    "{when}: object {m} has two addresses"
                );
                continue;
            }
            seen.insert(m, o.as_ptr() as usize);
            assert_eq!(
                o.id, m,
                "{when}: an object was overwritten (id {} for {m})",
                o.id
            );
            let model = &self.model[m];
            assert_eq!(o.value.get(), model.value, "{when}: value of object {m}");
            for k in 0..FIELDS {
                match (o.field(k).get(), model.fields[k]) {
                    (Some(t), Some(tm)) => stack.push((t, tm)),
                    (None, None) => {}
                    _ => panic!("{when}: field {k} of object {m}"),
                }
            }
            match (o.items.get(), &model.items) {
                (Some(arr), Some(items)) => {
                    assert_eq!(arr.len(), items.len(), "{when}: length of {m}'s array");
                    for (i, &im) in items.iter().enumerate() {
                        match (arr.get(i), im) {
                            (Some(t), Some(tm)) => stack.push((t, tm)),
                            (None, None) => {}
                            _ => panic!("{when}: item {i} of object {m}'s array"),
                        }
                    }
                }
                (None, None) => {}
                _ => panic!("{when}: array of object {m}"),
            }
        }
        seen.len()
    }
}

fn run(seed: u64, steps: usize, debug: bool) {
    let settings = Settings {
        nursery: 64 << 10,
        debug,
        ..Settings::default()
    };
    on_heap(settings, move || {
        let mut w = World {
            roots: GcRoot::new(GcArray::new(ROOTS, None)),
            model: Vec::new(),
            model_roots: [None; ROOTS],
            rng: Rng::new(seed),
        };
        let mut last = stats();
        let mut checks = 0;
        for i in 0..steps {
            w.step();
            match w.rng.below(200) {
                0 => collect_minor(),
                1 => collect(),
                _ => {}
            }
            let s = stats();
            let n = s.minor_collections + s.major_collections;
            if n != last.minor_collections + last.major_collections {
                w.check(&format!("seed {seed} step {i} after collection {n}"));
                checks += 1;
            }
            last = s;
        }
        collect();
        let live = w.check(&format!("seed {seed} at the end"));
        if std::env::var_os("RANDOM_GRAPH_VERBOSE").is_some() {
            eprintln!("seed {seed}: {checks} checks, {live} live, {:?}", stats());
        }
        let s = stats();
        assert!(
            checks > 0 || steps < 100,
            "seed {seed}: no collection happened"
        );
        // Live objects are at most a few thousand small ones and arrays of at most
        // ~3000 items; dead ones must not pile up.
        assert!(
            s.heap_size < (live * 256).max(1 << 20) + (4 << 20),
            "seed {seed}: {live} live objects in a heap of {} bytes",
            s.heap_size
        );
    });
}

fn seeds() -> std::ops::Range<u64> {
    match std::env::var("RANDOM_GRAPH_SEEDS") {
        Ok(s) => {
            let (a, b) = s.split_once("..").expect("RANDOM_GRAPH_SEEDS=a..b");
            a.parse().expect("a number")..b.parse().expect("a number")
        }
        Err(_) => 0..12,
    }
}

#[test]
fn random_graphs_match_their_model() {
    for seed in seeds() {
        run(seed, 8000, false);
    }
}

#[test]
fn random_graphs_match_their_model_in_stress_mode() {
    for seed in seeds().take(3) {
        run(seed, 1500, true);
    }
}
