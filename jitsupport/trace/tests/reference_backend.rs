//! Tests of the reference backend beyond the shared conformance suite: the allocation
//! hook, and its speed on a long loop (it runs the JIT's semantic tests).

use jitsupport_trace::backend::reference::ReferenceBackend;
use jitsupport_trace::backend::Backend;
use jitsupport_trace::*;
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn allocation_hook() {
    let requests = Rc::new(RefCell::new(Vec::new()));
    let seen = requests.clone();
    let mut storage: Vec<Box<[u64; 8]>> = Vec::new();
    let mut backend = ReferenceBackend::with_alloc_hook(Box::new(move |size, class| {
        seen.borrow_mut().push((size, class));
        storage.push(Box::new([0; 8]));
        storage.last().map_or(0, |b| b.as_ptr() as usize)
    }));
    let mut t = DescrTable::new();
    t.add_size(SizeDescr {
        name: "S".to_string(),
        size: 24,
        type_id: Some(7),
        fields: Vec::new(),
    });
    t.add_array(ArrayDescr::words("A", Kind::Int));
    let trace = parse(
        "[i0]
p1 = new_with_vtable(descr=<SizeDescr S>)
p2 = new_array(i0, descr=<ArrayDescr A>)
finish(p1, p2)
",
        &mut t,
    )
    .unwrap();
    let id = backend.compile_loop(&trace).unwrap();
    let frame = backend.execute(id, &[3]);
    // The object's size and class, and the array's size: the length word and three
    // items.
    assert_eq!(*requests.borrow(), [(24, 7), (32, 0)]);
    // SAFETY: the hook's storage lives in the backend, which is alive.
    unsafe {
        // The class is the upper half of the header word.
        assert_eq!(*(frame.ref_(0) as *const u64), 7 << 32);
        assert_eq!(*(frame.ref_(1) as *const u64), 3);
    }
}

#[test]
fn long_loop() {
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0, i1]
label(i0, i1, descr=<Label0>)
i2 = int_lt(i0, 3000000)
guard_true(i2, descr=<Guard1>) [i0, i1]
i3 = int_add(i1, i0)
i4 = int_xor(i3, 5)
i5 = int_add(i0, 1)
jump(i5, i4, descr=<Label0>)
",
        &mut t,
    )
    .unwrap();
    let mut backend = ReferenceBackend::new();
    let id = backend.compile_loop(&trace).unwrap();
    let start = std::time::Instant::now();
    let frame = backend.execute(id, &[0, 0]);
    let elapsed = start.elapsed();
    let mut expected = 0i64;
    for i in 0..3_000_000i64 {
        expected = expected.wrapping_add(i) ^ 5;
    }
    assert_eq!(frame.values, [3_000_000, expected as u64]);
    eprintln!("18M ops in {elapsed:?}");
}
