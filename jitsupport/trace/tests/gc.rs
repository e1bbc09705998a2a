//! Compiled code against the real collector (`jitsupport-gc`), on both backends:
//! allocation in a loop under stress mode and a small nursery (objects kept only in
//! registers, spill slots and the frame survive), the write barrier (an old object
//! pointing at a young one written from compiled code keeps it alive across a minor
//! collection), ref constants of compiled code as roots, the inline fast path in the
//! dump, and the barrier rewrite as text in, ops out.

use jitsupport_gc::{self as gc, Settings, TypeInfo, VarPart};
use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::{gcrewrite, Backend, GcSupport};
use jitsupport_trace::*;
use std::hint::black_box;

/// `Node { value: i64, next: Option<Gc<Node>>, other: Option<Gc<..>> }`: header, value
/// at 8, next at 16, other at 24.
static NODE: TypeInfo = TypeInfo::fixed("Node", 32, &[16, 24], &[]);
/// An array of references: length at 8, items from 16.
static REFS: TypeInfo = TypeInfo::array(
    "Refs",
    16,
    &[],
    &[],
    VarPart {
        length_offset: 8,
        items_offset: 16,
        item_size: 8,
        item_refs: &[0],
        item_maybe_refs: &[],
    },
);

/// The thread's collector as a backend sees it.
fn support() -> GcSupport {
    // SAFETY: the descriptor lives as long as the thread's heap.
    let d = unsafe { &*gc::descr() };
    GcSupport {
        cursor: d.cursor as usize,
        limit: d.limit as usize,
        max_inline_size: d.max_inline_size,
        lines_biased: d.lines_biased,
        line_shift: d.line_shift,
        barrier_line_value: d.barrier_line_value as u8,
        heap_start: d.heap_start,
        heap_end: d.heap_end,
        malloc_fixed: d.malloc_fixed,
        malloc_array: d.malloc_array,
        write_barrier_slow: d.write_barrier_slow,
        push_root_range: d.push_root_range,
        pop_root_range: d.pop_root_range,
        add_root_range: d.add_root_range,
        remove_root_range: d.remove_root_range,
    }
}

unsafe extern "C-unwind" fn nop(_: *const i64, _: *const usize, _: *const f64, _: *mut u64) {}

/// Descrs of `Node` and `Refs` with their registered type ids, and the call `nop`.
fn table() -> DescrTable {
    let mut t = DescrTable::new();
    let value = t.add_field(FieldDescr::word("Node.value", 8, Kind::Int));
    let next = t.add_field(FieldDescr::word("Node.next", 16, Kind::Ref));
    let other = t.add_field(FieldDescr::word("Node.other", 24, Kind::Ref));
    let maybe = t.add_field(FieldDescr {
        maybe_ref: true,
        ..FieldDescr::word("Node.maybe", 8, Kind::Int)
    });
    t.add_size(SizeDescr {
        name: "Node".to_string(),
        size: 32,
        type_id: Some(NODE.id().0),
        fields: vec![value, next, other, maybe],
    });
    t.add_array(ArrayDescr {
        base: 16,
        length_offset: Some(8),
        type_id: Some(REFS.id().0),
        ..ArrayDescr::words("Refs", Kind::Ref)
    });
    t.add_call(CallDescr {
        name: "nop".to_string(),
        arg_kinds: Vec::new(),
        result: None,
        effect: EffectInfo::default(),
    });
    t.add_const("nop", Value::ConstInt(nop as *const () as i64));
    t.add_const("node", Value::ConstInt(i64::from(NODE.id().0)));
    t
}

/// Runs `f` on a new thread with a heap made from `settings`.
fn on_heap(settings: Settings, f: impl FnOnce() + Send + 'static) {
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

fn small() -> Settings {
    Settings {
        nursery: 64 << 10,
        ..Settings::default()
    }
}

fn stress() -> Settings {
    Settings {
        debug: true,
        ..small()
    }
}

/// The backends the tests run on, each with the thread's collector.
fn backends() -> Vec<(&'static str, Box<dyn Backend>)> {
    let gc = support();
    #[allow(unused_mut)]
    let mut all: Vec<(&'static str, Box<dyn Backend>)> =
        vec![("reference", Box::new(ReferenceBackend::new().with_gc(gc)))];
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    {
        use jitsupport_trace::backend::x86::{Placement, X86Backend};
        all.push(("x86", Box::new(X86Backend::new().with_gc(gc))));
        all.push((
            "x86 anywhere",
            Box::new(X86Backend::with_placement(Placement::Anywhere).with_gc(gc)),
        ));
    }
    all
}

#[inline(never)]
fn clobber_stack() {
    let mut a = [0usize; 4096];
    black_box(&mut a);
}

fn word(addr: usize, offset: usize) -> usize {
    // SAFETY: callers read words of live objects.
    unsafe { *((addr + offset) as *const usize) }
}

fn type_id(addr: usize) -> u32 {
    (word(addr, 0) >> 32) as u32
}

/// Four structures grown by a loop that allocates four objects per iteration (two
/// fixed-size, an array of constant length and one of the loop's length), with a call
/// between them: each iteration's objects point at the previous iteration's, which live
/// only in registers, spill slots and the frame of the compiled code. The store of `p8`
/// into `p6`, allocated before it, takes a barrier.
const GROW: &str = "[i0, p1, p2, p3, p4]
label(i0, p1, p2, p3, p4, descr=<Label0>)
p5 = new_with_vtable(descr=<SizeDescr Node>)
setfield_gc(p5, i0, descr=<FieldDescr Node.value>)
setfield_gc(p5, p1, descr=<FieldDescr Node.next>)
call_n(ConstClass(nop), descr=<CallDescr nop>)
p6 = new(descr=<SizeDescr Node>)
setfield_gc(p6, i0, descr=<FieldDescr Node.value>)
setfield_gc(p6, p2, descr=<FieldDescr Node.next>)
p7 = new_array_clear(3, descr=<ArrayDescr Refs>)
setarrayitem_gc(p7, 0, p3, descr=<ArrayDescr Refs>)
setarrayitem_gc(p7, 1, p5, descr=<ArrayDescr Refs>)
p8 = new_array(i0, descr=<ArrayDescr Refs>)
setarrayitem_gc(p8, 0, p4, descr=<ArrayDescr Refs>)
setfield_gc(p6, p8, descr=<FieldDescr Node.other>)
i9 = int_sub(i0, 1)
i10 = int_gt(i9, 0)
guard_true(i10, descr=<Guard1>) [p5, p6, p7, p8]
jump(i9, p5, p6, p7, p8, descr=<Label0>)
";

/// Checks what GROW built in `n` iterations, from the heads `[p5, p6, p7, p8]` of the
/// last: the lists of `p5` and `p6` by `next` (values 1, 2, .., n), the chain of
/// constant-length arrays `p7` by item 0 (item 1 the node `p5` of the same iteration),
/// the variable-length arrays `p8` (length k, reached from `p6.other`, item 0 the
/// previous one).
fn check_grown(heads: &[usize], n: usize, name: &str) {
    let (node, refs) = (NODE.id().0, REFS.id().0);
    let (mut p5, mut p6, mut p7) = (heads[0], heads[1], heads[2]);
    assert_eq!(
        word(p6, 24),
        heads[3],
        "{name}: the last node of list 2 holds p8"
    );
    for k in 1..=n {
        assert_eq!(
            (type_id(p5), word(p5, 8)),
            (node, k),
            "{name}: list 1, node {k}"
        );
        assert_eq!(
            (type_id(p6), word(p6, 8)),
            (node, k),
            "{name}: list 2, node {k}"
        );
        assert_eq!(
            (type_id(p7), word(p7, 8)),
            (refs, 3),
            "{name}: array chain, {k}"
        );
        assert_eq!(word(p7, 24), p5, "{name}: array {k} holds its node");
        assert_eq!(word(p7, 32), 0, "{name}: array {k}'s last item is clear");
        let p8 = word(p6, 24);
        assert_eq!(
            (type_id(p8), word(p8, 8)),
            (refs, k),
            "{name}: array of length {k}"
        );
        for j in 1..k {
            assert_eq!(
                word(p8, 16 + 8 * j),
                0,
                "{name}: array {k} item {j} is clear"
            );
        }
        let next = word(p6, 16);
        let older = if k < n { word(next, 24) } else { 0 };
        assert_eq!(word(p8, 16), older, "{name}: array {k}'s item 0");
        p5 = word(p5, 16);
        p6 = next;
        p7 = word(p7, 16);
    }
    assert_eq!((p5, p6, p7), (0, 0, 0), "{name}: the chains end in null");
}

#[test]
fn allocation_in_a_compiled_loop_survives_collections() {
    for settings in [small(), stress()] {
        on_heap(settings.clone(), move || {
            let n = if settings.debug { 60 } else { 600 };
            for (name, mut backend) in backends() {
                let mut t = table();
                let trace = parse(GROW, &mut t).expect("the loop parses");
                let id = backend.compile_loop(&trace).expect("the loop compiles");
                let before = gc::stats();
                let frame = backend.execute(id, &[n, 0, 0, 0, 0]);
                assert_eq!(frame.guard().map(|g| g.number), Some(1), "{name}");
                let heads: Vec<usize> = frame.values.iter().map(|&w| w as usize).collect();
                let after = gc::stats();
                let collections = after.minor_collections + after.major_collections
                    - before.minor_collections
                    - before.major_collections;
                assert!(collections > 0, "{name}: no collection ran");
                check_grown(&heads, n as usize, name);
                // The heads, now on this stack, keep everything through a collection.
                let kept: [usize; 4] = black_box([heads[0], heads[1], heads[2], heads[3]]);
                gc::collect();
                check_grown(&kept, n as usize, name);
            }
        });
    }
}

#[inline(never)]
fn old_holder() -> usize {
    let holder = gc::alloc_object(NODE.id()).expect("memory").as_ptr() as usize;
    black_box(holder)
}

/// An old object written a young one from compiled code keeps it across a minor
/// collection: the barrier remembered its line.
#[test]
fn the_barrier_keeps_a_young_object_stored_into_an_old_one() {
    on_heap(small(), || {
        for (name, mut backend) in backends() {
            let mut t = table();
            let trace = parse(
                "[p0]
p1 = new(descr=<SizeDescr Node>)
setfield_gc(p1, 7, descr=<FieldDescr Node.value>)
setfield_gc(p0, p1, descr=<FieldDescr Node.next>)
finish()
",
                &mut t,
            )
            .expect("the trace parses");
            let id = backend.compile_loop(&trace).expect("the trace compiles");
            let holder = old_holder();
            gc::collect();
            assert!(gc::debug_is_object(holder), "{name}: the holder is old");
            run_and_forget(&mut *backend, id, holder);
            clobber_stack();
            gc::collect_minor();
            // Reuse the memory of whatever died.
            for _ in 0..2000 {
                let p = gc::alloc_object(NODE.id()).expect("memory").as_ptr();
                // SAFETY: a fresh Node.
                unsafe { *(p.add(8) as *mut i64) = 99 };
            }
            let young = word(holder, 16);
            assert!(gc::debug_is_object(young), "{name}: the young object died");
            assert_eq!(word(young, 8), 7, "{name}: the young object was reused");
        }
    });
}

#[inline(never)]
fn run_and_forget(backend: &mut dyn Backend, id: backend::LoopId, holder: usize) {
    let frame = backend.execute(id, &[holder as u64]);
    assert!(frame.is_finish());
}

#[inline(never)]
fn hidden_node(value: usize) -> usize {
    let p = gc::alloc_object(NODE.id()).expect("memory").as_ptr() as usize;
    // SAFETY: a fresh Node.
    unsafe { *((p + 8) as *mut usize) = value };
    !p
}

/// A ref constant of compiled code is a root while the code lives.
#[test]
fn constants_of_compiled_code_are_roots_until_the_loop_is_freed() {
    on_heap(small(), || {
        for (name, mut backend) in backends() {
            let hidden = hidden_node(5);
            let mut t = table();
            t.add_const("obj", Value::ConstPtr(!black_box(hidden)));
            let trace = parse(
                "[]
i1 = getfield_gc_i(ConstPtr(obj), descr=<FieldDescr Node.value>)
finish(i1)
",
                &mut t,
            )
            .expect("the trace parses");
            let id = backend.compile_loop(&trace).expect("the trace compiles");
            drop(trace);
            drop(t);
            clobber_stack();
            gc::collect();
            assert!(
                gc::debug_is_object(!black_box(hidden)),
                "{name}: the constant died"
            );
            assert_eq!(backend.execute(id, &[]).values, [5], "{name}");
            backend.free_loop(id);
            clobber_stack();
            gc::collect();
            assert!(
                !gc::debug_is_object(!black_box(hidden)),
                "{name}: the freed loop's constant is still held"
            );
        }
    });
}

/// The allocation of a fixed-size object is inline: no call under the op in the dump
/// (the slow path is out of line, after the guard stubs).
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[test]
fn the_dump_shows_inline_allocation_and_barrier() {
    use jitsupport_trace::backend::x86::X86Backend;
    on_heap(small(), || {
        let mut backend = X86Backend::new().with_gc(support());
        let mut t = table();
        let trace = parse(GROW, &mut t).expect("the loop parses");
        let id = backend.compile_loop(&trace).expect("the loop compiles");
        let dump = backend.dump(id);
        let under = |op: &str| -> String {
            let rest = dump
                .split(op)
                .nth(1)
                .unwrap_or_else(|| panic!("no {op} in\n{dump}"));
            rest.split("\n  # ").next().unwrap_or("").to_string()
        };
        for op in [
            "# p5 = new_with_vtable(descr=<SizeDescr Node>)",
            "# p6 = new(descr=<SizeDescr Node>)",
            "# p7 = new_array_clear(3, descr=<ArrayDescr Refs>)",
            "# p8 = new_array(i0, descr=<ArrayDescr Refs>)",
        ] {
            let code = under(op);
            assert!(
                !code.contains("call"),
                "{op} calls on its fast path:\n{code}"
            );
            assert!(code.contains(" ja "), "{op} has no limit check:\n{code}");
        }
        // The stores into p6 right after its allocation need no barrier, the store of
        // p8 into p6 does (p8's allocation came between).
        let wb = "# cond_call_gc_wb(p6, descr=<FieldDescr Node.other>)";
        assert!(dump.contains(wb), "{dump}");
        assert!(
            !dump.contains("# cond_call_gc_wb(p6, descr=<FieldDescr Node.next>)"),
            "{dump}"
        );
        let barrier = under(wb);
        assert!(
            !barrier.contains("call"),
            "the barrier calls inline:\n{barrier}"
        );
    });
}

/// The barrier rewrite, text in and ops out.
#[test]
fn barriers_go_where_an_old_object_may_be_written_a_reference() {
    let cases = [
        (
            "a store of a ref into an input object gets a barrier; of an int, none; a second \
             store into the same field, none",
            "[p0, p1, i2]
setfield_gc(p0, p1, descr=<FieldDescr Node.next>)
setfield_gc(p0, i2, descr=<FieldDescr Node.value>)
setfield_gc(p0, p0, descr=<FieldDescr Node.next>)
finish()
",
            "[p0, p1, i2]
cond_call_gc_wb(p0, descr=<FieldDescr Node.next>)
setfield_gc(p0, p1, descr=<FieldDescr Node.next>)
setfield_gc(p0, i2, descr=<FieldDescr Node.value>)
setfield_gc(p0, p0, descr=<FieldDescr Node.next>)
finish()
",
        ),
        (
            "an object allocated since the last collection point needs none; after a call \
             or another allocation it does; null stores never",
            "[p0]
p1 = new(descr=<SizeDescr Node>)
setfield_gc(p1, p0, descr=<FieldDescr Node.next>)
call_n(ConstClass(nop), descr=<CallDescr nop>)
setfield_gc(p1, p0, descr=<FieldDescr Node.next>)
p2 = new(descr=<SizeDescr Node>)
setfield_gc(p2, p1, descr=<FieldDescr Node.next>)
setfield_gc(p1, p2, descr=<FieldDescr Node.next>)
setfield_gc(p0, ConstPtr(null), descr=<FieldDescr Node.next>)
finish()
",
            "[p0]
p1 = new(descr=<SizeDescr Node>)
setfield_gc(p1, p0, descr=<FieldDescr Node.next>)
call_n(ConstClass(nop), descr=<CallDescr nop>)
cond_call_gc_wb(p1, descr=<FieldDescr Node.next>)
setfield_gc(p1, p0, descr=<FieldDescr Node.next>)
p2 = new(descr=<SizeDescr Node>)
setfield_gc(p2, p1, descr=<FieldDescr Node.next>)
cond_call_gc_wb(p1, descr=<FieldDescr Node.next>)
setfield_gc(p1, p2, descr=<FieldDescr Node.next>)
setfield_gc(p0, ConstPtr(null), descr=<FieldDescr Node.next>)
finish()
",
        ),
        (
            "array items: one barrier per constant index until a collection point, one per \
             store with a variable index; a word that may be a ref takes one too",
            "[p0, p1, i2]
setarrayitem_gc(p0, 1, p1, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, 1, p0, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, i2, p1, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, i2, p1, descr=<ArrayDescr Refs>)
setfield_gc(p1, i2, descr=<FieldDescr Node.maybe>)
label(p0, p1, i2, descr=<Label0>)
setarrayitem_gc(p0, 1, p1, descr=<ArrayDescr Refs>)
jump(p0, p1, i2, descr=<Label0>)
",
            "[p0, p1, i2]
cond_call_gc_wb_array(p0, 1, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, 1, p1, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, 1, p0, descr=<ArrayDescr Refs>)
cond_call_gc_wb_array(p0, i2, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, i2, p1, descr=<ArrayDescr Refs>)
cond_call_gc_wb_array(p0, i2, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, i2, p1, descr=<ArrayDescr Refs>)
cond_call_gc_wb(p1, descr=<FieldDescr Node.maybe>)
setfield_gc(p1, i2, descr=<FieldDescr Node.maybe>)
label(p0, p1, i2, descr=<Label0>)
cond_call_gc_wb_array(p0, 1, descr=<ArrayDescr Refs>)
setarrayitem_gc(p0, 1, p1, descr=<ArrayDescr Refs>)
jump(p0, p1, i2, descr=<Label0>)
",
        ),
    ];
    for (what, input, expected) in cases {
        let mut t = table();
        let trace = parse(input, &mut t).expect("the input parses");
        verify(&trace).expect("the input is valid");
        let out = gcrewrite::rewrite(&trace);
        verify(&out).expect("the output is valid");
        let want = parse(expected, &mut t).expect("the expected trace parses");
        if let Err(e) = equal_traces(&out, &want) {
            panic!("{what}: {e}\n--- got\n{out}\n--- expected\n{want}");
        }
    }
}
