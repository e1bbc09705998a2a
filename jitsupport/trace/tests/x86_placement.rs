//! Where the x86-64 backend places code, and the two forms of its branches out of a trace:
//! `call rel32`/`jmp rel32` to targets in reach of the arena near the binary, and
//! `mov r11, imm64` with a register branch to targets past it, guard stubs patched either
//! way. Loops and bridges are compiled at mixed placements (`X86Backend::set_placement`)
//! so that the far forms run; each test checks that its addresses really are far apart.

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::{Placement, X86Backend};
use jitsupport_trace::backend::{Backend, DeadFrame, Exit, LoopId};
use jitsupport_trace::*;

/// `sub3(a, b, c) = a - b - c` in the shim convention.
unsafe extern "C-unwind" fn sub3(ints: *const i64, _: *const usize, _: *const f64, r: *mut u64) {
    // SAFETY: the call passes three ints.
    unsafe { *r = (*ints - *ints.add(1) - *ints.add(2)) as u64 };
}

/// A function far from the binary: `mov rax, sub3; jmp rax` in memory mapped anywhere.
struct Trampoline {
    ptr: *mut libc::c_void,
}

impl Trampoline {
    fn new() -> Trampoline {
        let mut code = vec![0x48, 0xb8];
        code.extend_from_slice(&(sub3 as *const () as u64).to_le_bytes());
        code.extend_from_slice(&[0xff, 0xe0]);
        // SAFETY: a fresh anonymous mapping, written while writable, then made executable.
        unsafe {
            let ptr = libc::mmap(
                std::ptr::null_mut(),
                4096,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            assert_ne!(ptr, libc::MAP_FAILED);
            std::ptr::copy_nonoverlapping(code.as_ptr(), ptr.cast(), code.len());
            assert_eq!(
                libc::mprotect(ptr, 4096, libc::PROT_READ | libc::PROT_EXEC),
                0
            );
            Trampoline { ptr }
        }
    }

    fn addr(&self) -> usize {
        self.ptr as usize
    }
}

impl Drop for Trampoline {
    fn drop(&mut self) {
        // SAFETY: our mapping.
        unsafe { libc::munmap(self.ptr, 4096) };
    }
}

fn table(far: Option<usize>) -> DescrTable {
    let mut t = DescrTable::new();
    let calls = [
        ("sub3", sub3 as *const () as usize),
        ("far_sub3", far.unwrap_or(0)),
    ];
    for (name, addr) in calls {
        t.add_call(CallDescr {
            name: name.to_string(),
            arg_kinds: vec![Kind::Int; 3],
            result: Some(Kind::Int),
            effect: EffectInfo::random(),
        });
        t.add_const(name, Value::ConstInt(addr as i64));
    }
    t
}

fn parse_in(t: &mut DescrTable, text: &str) -> Trace {
    parse(text, t).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The address in the dump's header line starting with `what` (`loop 0`, `bridge of
/// <Guard2>`).
fn addr_of(dump: &str, what: &str) -> usize {
    let line = dump
        .lines()
        .find(|l| l.starts_with(what))
        .unwrap_or_else(|| panic!("no {what:?} in\n{dump}"));
    let hex = line
        .split(" at 0x")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    usize::from_str_radix(hex, 16).unwrap_or_else(|e| panic!("{e}: {line:?}"))
}

/// Whether `a` and `b` are out of each other's `rel32` reach.
fn far_apart(a: usize, b: usize) -> bool {
    a.abs_diff(b) > 1 << 31
}

/// The instructions of the dump's section starting with `what`, up to the next section.
fn section<'d>(dump: &'d str, what: &str) -> &'d str {
    let start = dump.find(what).unwrap_or_else(|| panic!("no {what:?}"));
    let rest = &dump[start + what.len()..];
    let end = ["\nloop ", "\nbridge of "]
        .iter()
        .filter_map(|h| rest.find(h))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

fn finish_values(frame: &DeadFrame) -> &[u64] {
    assert!(frame.is_finish(), "expected finish, got {:?}", frame.exit);
    &frame.values
}

fn guard_number(frame: &DeadFrame) -> u32 {
    match &frame.exit {
        Exit::Guard(g) => g.number,
        Exit::Finish(_) => panic!("expected a guard failure, got finish {:?}", frame.values),
    }
}

const CALLS: &str = "[i0]
i1 = call_i(ConstClass(sub3), i0, 3, 4, descr=<CallDescr sub3>)
i2 = call_i(ConstClass(far_sub3), i1, 1, 1, descr=<CallDescr far_sub3>)
finish(i1, i2)
";

#[test]
fn near_code_calls_directly_and_far_targets_through_r11() {
    let tramp = Trampoline::new();
    let mut t = table(Some(tramp.addr()));
    let mut backend = X86Backend::new();
    let id = backend.compile_loop(&parse_in(&mut t, CALLS)).unwrap();
    let frame = backend.execute(id, &[20]);
    assert_eq!(finish_values(&frame), [13, 11]);
    let dump = backend.dump(id);
    let code = addr_of(&dump, "loop 0");
    assert!(
        !far_apart(code, sub3 as *const () as usize) && far_apart(code, tramp.addr()),
        "the loop at {code:x} is not near the binary, or the trampoline at {:x} not far",
        tramp.addr()
    );
    // sub3 is called by address, the trampoline through r11.
    let direct = format!("call {:016X}h", sub3 as *const () as usize);
    assert!(dump.contains(&direct), "no {direct:?} in\n{dump}");
    assert_eq!(dump.matches("call r11").count(), 1, "{dump}");
}

#[test]
fn code_placed_anywhere_calls_through_r11() {
    let mut t = table(None);
    let mut backend = X86Backend::with_placement(Placement::Anywhere);
    let text = "[i0]
i1 = call_i(ConstClass(sub3), i0, 3, 4, descr=<CallDescr sub3>)
finish(i1)
";
    let id = backend.compile_loop(&parse_in(&mut t, text)).unwrap();
    assert_eq!(finish_values(&backend.execute(id, &[20])), [13]);
    let dump = backend.dump(id);
    assert!(
        far_apart(addr_of(&dump, "loop 0"), sub3 as *const () as usize),
        "{dump}"
    );
    assert!(dump.contains("call r11"), "{dump}");
}

/// Counts i1 up to i0, adding i1 to i2 when i1 is even; odd i1 fail guard 2.
const EVEN_LOOP: &str = "[i0, i1, i2]
label(i0, i1, i2, descr=<Label0>)
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1, i2]
i4 = int_and(i1, 1)
guard_false(i4, descr=<Guard2>) [i0, i1, i2]
i5 = int_add(i2, i1)
i6 = int_add(i1, 1)
jump(i0, i6, i5, descr=<Label0>)
";

/// Handles odd numbers below 5 (adding 100) and guards the rest (guard 10).
const BRIDGE: &str = "[i0, i1, i2]
i3 = int_lt(i1, 5)
guard_true(i3, descr=<Guard10>) [i0, i1, i2]
i4 = int_add(i2, 100)
i5 = int_add(i1, 1)
jump(i0, i5, i4, descr=<Label0>)
";

/// Handles the other odd numbers (adding 1000).
const BRIDGE2: &str = "[i0, i1, i2]
i4 = int_add(i2, 1000)
i5 = int_add(i1, 1)
jump(i0, i5, i4, descr=<Label0>)
";

/// Compiles the even loop at `first`, a bridge at `second` and a bridge of the bridge
/// at `first` again, checking the results after each step; returns the loop.
fn bridges_at(backend: &mut X86Backend, first: Placement, second: Placement) -> LoopId {
    let mut t = table(None);
    backend.set_placement(first);
    let id = backend.compile_loop(&parse_in(&mut t, EVEN_LOOP)).unwrap();
    assert_eq!(guard_number(&backend.execute(id, &[10, 0, 0])), 2);
    backend.set_placement(second);
    backend
        .compile_bridge(&t.guard(2), &parse_in(&mut t, BRIDGE))
        .unwrap();
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(guard_number(&frame), 10);
    assert_eq!(frame.values, [10, 5, 2 + 4 + 100 + 100]);
    backend.set_placement(first);
    backend
        .compile_bridge(&t.guard(10), &parse_in(&mut t, BRIDGE2))
        .unwrap();
    let frame = backend.execute(id, &[10, 0, 0]);
    assert_eq!(guard_number(&frame), 1);
    assert_eq!(frame.values, [10, 2 + 4 + 6 + 8 + 200 + 3000]);
    id
}

#[test]
fn near_loop_with_a_bridge_placed_anywhere() {
    let mut backend = X86Backend::new();
    let id = bridges_at(&mut backend, Placement::Near, Placement::Anywhere);
    let dump = backend.dump(id);
    let (code, bridge) = (
        addr_of(&dump, "loop 0"),
        addr_of(&dump, "bridge of <Guard2>"),
    );
    assert!(far_apart(code, bridge), "{dump}");
    // Guard 2's stub was patched with a far jump over its tail, and the bridge jumps
    // back through r11; the near bridge of the bridge is reached directly from the loop.
    assert!(section(&dump, "loop 0").contains("jmp r11"), "{dump}");
    assert!(
        section(&dump, "bridge of <Guard2>").contains("jmp r11"),
        "{dump}"
    );
    assert!(
        !section(&dump, "bridge of <Guard10>").contains("r11"),
        "{dump}"
    );
    backend.free_loop(id);
    assert_eq!(backend.dump(id), "");
}

#[test]
fn loop_placed_anywhere_with_a_near_bridge() {
    let mut backend = X86Backend::new();
    let id = bridges_at(&mut backend, Placement::Anywhere, Placement::Near);
    let dump = backend.dump(id);
    assert!(
        far_apart(
            addr_of(&dump, "loop 0"),
            addr_of(&dump, "bridge of <Guard2>")
        ),
        "{dump}"
    );
    assert!(section(&dump, "loop 0").contains("jmp r11"), "{dump}");
}
