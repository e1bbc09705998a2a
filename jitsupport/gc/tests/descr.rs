//! The descriptor's contract, exercised the way JIT code will: inline bump allocation
//! through the cursor and limit addresses, the header written from the type id, the
//! barrier's line test through `lines_biased`, and the `extern "C"` slow paths called
//! through the descriptor's function pointers.

mod common;

use common::{clobber_stack, on_heap, small};
use jitsupport_gc::*;
use std::hint::black_box;

/// A cons cell as generated code would declare it: offsets from the object start.
static CONS: TypeInfo = TypeInfo::fixed("Cons", 24, &[16], &[]);
/// An array of references with the `GcArray` layout.
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

/// Inline allocation as the backend emits it, with the slow path on overflow.
///
/// # Safety
/// `d` is the thread's descriptor.
unsafe fn jit_new(d: &GcDescr, type_id: u32, size: usize) -> usize {
    unsafe {
        let p = *d.cursor;
        let q = p + size;
        if q > *d.limit {
            return (d.malloc_fixed)(type_id) as usize;
        }
        *d.cursor = q;
        *(p as *mut u64) = (type_id as u64) << d.type_id_shift;
        p
    }
}

/// A reference store with the inline barrier test.
///
/// # Safety
/// `slot` is a reference slot of a live object.
unsafe fn jit_store(d: &GcDescr, slot: usize, value: usize) {
    unsafe {
        *(slot as *mut usize) = value;
        let line = (d.lines_biased + (slot >> d.line_shift)) as *const u8;
        if *line as u32 == d.barrier_line_value {
            (d.write_barrier_slow)(slot);
        }
    }
}

fn cons_sum(mut p: usize) -> i64 {
    let mut s = 0;
    while p != 0 {
        // SAFETY: a chain of live cons cells.
        unsafe {
            s += *((p + 8) as *const i64);
            p = *((p + 16) as *const usize);
        }
    }
    s
}

#[test]
fn the_descriptor_describes_the_heap() {
    on_heap(small(), || {
        // SAFETY: the thread's descriptor, valid while the thread lives.
        let d = unsafe { &*descr() };
        assert_eq!(d.version, DESCR_VERSION);
        assert_eq!(d.header_size as usize, HEADER_SIZE);
        assert_eq!(d.type_id_shift, TYPE_ID_SHIFT);
        assert_eq!(d.flag_old as u64, FLAG_OLD);
        assert_eq!(d.zeroed, 1);
        assert_eq!(d.max_inline_size, MAX_MEDIUM);
        assert!(d.heap_start < d.heap_end);
    });
}

#[test]
fn inline_allocation_and_slow_paths_through_raw_pointers() {
    on_heap(small(), || {
        let id = CONS.id().0;
        // SAFETY: the thread's descriptor; each object is initialised before the next
        // allocation (the payload is zero until then, which reads as null).
        let head = unsafe {
            let d = &*descr();
            let mut head = 0usize;
            for i in 0..100_000i64 {
                let p = jit_new(d, id, 24);
                assert_eq!(*((p + 8) as *const i64), 0, "fresh memory is zeroed");
                *((p + 8) as *mut i64) = i;
                *((p + 16) as *mut usize) = head;
                head = p;
                // Garbage in between.
                black_box(jit_new(d, id, 24));
            }
            head
        };
        let s = stats();
        assert!(s.minor_collections > 10, "{s:?}");
        collect();
        assert_eq!(cons_sum(head), (0..100_000).sum::<i64>());
        // SAFETY: as above.
        unsafe {
            let d = &*descr();
            let p = (d.malloc_array)(REFS.id().0, 3000) as usize;
            assert_eq!(*((p + 8) as *const usize), 3000);
            assert_eq!(*(p as *const u64) >> 32, REFS.id().0 as u64);
            jit_store(d, p + 16 + 8 * 2999, head);
            (d.collect)(1);
            assert_eq!(
                cons_sum(*((p + 16 + 8 * 2999) as *const usize)),
                (0..100_000).sum::<i64>()
            );
        }
    });
}

#[inline(never)]
fn store_young(d: &GcDescr, old: usize, barrier: bool) -> usize {
    // SAFETY: `old` is a live cons cell; the new one is initialised at once.
    unsafe {
        let young = jit_new(d, CONS.id().0, 24);
        *((young + 8) as *mut i64) = 77;
        if barrier {
            jit_store(d, old + 16, young);
        } else {
            *((old + 16) as *mut usize) = young;
        }
        // The complement hides the address from the conservative scan.
        !young
    }
}

#[test]
fn the_inline_barrier_test_remembers_old_lines() {
    on_heap(small(), || {
        // SAFETY: the thread's descriptor.
        let d = unsafe { &*descr() };
        // SAFETY: as in `jit_new`.
        let old = unsafe { jit_new(d, CONS.id().0, 24) };
        unsafe { (d.collect)(0) };
        let lost = store_young(d, old, false);
        clobber_stack();
        unsafe { (d.collect)(0) };
        assert!(
            !debug_is_object(!lost),
            "the control object survived without the barrier"
        );
        let kept = store_young(d, old, true);
        clobber_stack();
        unsafe { (d.collect)(0) };
        assert!(debug_is_object(!kept));
        for _ in 0..20_000 {
            // SAFETY: as above.
            black_box(unsafe { jit_new(d, CONS.id().0, 24) });
        }
        unsafe { (d.collect)(0) };
        assert_eq!(cons_sum(old), 77);
    });
}

#[test]
fn untyped_allocation_and_the_public_barrier_for_runtime_code() {
    on_heap(small(), || {
        let old = alloc_object(CONS.id()).expect("room").as_ptr() as usize;
        // SAFETY: a fresh cons cell, zeroed.
        assert_eq!(unsafe { *((old + 16) as *const usize) }, 0);
        collect_minor();
        let young = alloc_object(CONS.id()).expect("room").as_ptr() as usize;
        // SAFETY: a live cons cell; the store is followed by the barrier, as the
        // blackhole's setfield_gc does.
        unsafe {
            *((young + 8) as *mut i64) = 5;
            *((old + 16) as *mut usize) = young;
        }
        write_barrier(old + 16);
        let young = !young;
        clobber_stack();
        collect_minor();
        assert!(debug_is_object(!young));
        for _ in 0..20_000 {
            black_box(alloc_object(CONS.id()).expect("room"));
        }
        collect_minor();
        assert_eq!(cons_sum(old), 5);
        let arr = alloc_array(REFS.id(), 10).expect("room").as_ptr() as usize;
        // SAFETY: the length word of a fresh array.
        assert_eq!(unsafe { *((arr + 8) as *const usize) }, 10);
        let too_big = alloc_array(REFS.id(), usize::MAX / 4);
        assert!(too_big.is_err());
    });
}
