//! The x86-64 backend's perf map and jitdump: one line and one record per placed trace,
//! whose address and size are those of the trace's code (the record with its bytes),
//! named by its first merge point. (A test file of its own: both are process-wide.)

#![cfg(all(target_arch = "x86_64", target_os = "linux"))]

use jitsupport_trace::backend::x86::{perf, X86Backend};
use jitsupport_trace::backend::Backend;
use jitsupport_trace::*;

/// The address and size in a dump header line `loop 0 at 0x..., N bytes`.
fn placed(header: &str) -> (usize, usize) {
    let rest = header.split(" at 0x").nth(1).expect("an address");
    let (addr, rest) = rest.split_once(", ").expect("a size");
    let size = rest.strip_suffix(" bytes").expect("bytes");
    (
        usize::from_str_radix(addr, 16).expect("hex"),
        size.parse().expect("a number"),
    )
}

#[test]
fn perf_map_lines_match_the_code_of_loops_and_bridges() {
    let path = std::env::temp_dir().join(format!("pyrite-perf-test-{}.map", std::process::id()));
    let dump_path =
        std::env::temp_dir().join(format!("pyrite-jitdump-test-{}.dump", std::process::id()));
    perf::write_to(&path).expect("the map can be created");
    perf::jitdump_to(&dump_path).expect("the jitdump can be created");
    assert!(perf::enabled());
    let mut t = DescrTable::new();
    let trace = parse(
        "[i0]
i1 = same_as_i(0)
label(i0, i1, descr=<Label0>)
debug_merge_point(0, 0, '<run> #7')
i3 = int_lt(i1, i0)
guard_true(i3, descr=<Guard1>) [i1]
i5 = int_add(i1, 1)
jump(i0, i5, descr=<Label0>)
",
        &mut t,
    )
    .expect("the loop parses");
    let mut backend = X86Backend::new();
    let id = backend.compile_loop(&trace).expect("the loop compiles");
    let bridge = parse("[i0]\nfinish(i0)\n", &mut t).expect("the bridge parses");
    backend
        .compile_bridge(&t.guard(1), &bridge)
        .expect("the bridge compiles");
    perf::stop();
    let map = std::fs::read_to_string(&path).expect("the map was written");
    let _ = std::fs::remove_file(&path);
    let dump = backend.dump(id);
    let headers: Vec<&str> = dump.lines().filter(|l| l.contains(" at 0x")).collect();
    assert_eq!(headers.len(), 2, "{dump}");
    let lines: Vec<&str> = map.lines().collect();
    assert_eq!(lines.len(), 2, "{map}");
    for (line, (header, name)) in lines.iter().zip(
        headers
            .iter()
            .zip(["pyrite loop 0 <run> #7", "pyrite bridge of <Guard1>"]),
    ) {
        let (addr, size) = placed(header);
        assert_eq!(*line, format!("{addr:x} {size:x} {name}"), "{map}\n{dump}");
    }
    // The jitdump: its header, then a code-load record per trace with the same address,
    // size and name, and the bytes that were placed there (the bridge's are unpatched).
    let dump = std::fs::read(&dump_path).expect("the jitdump was written");
    let _ = std::fs::remove_file(&dump_path);
    let u32_at = |at: usize| u32::from_le_bytes(dump[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(dump[at..at + 8].try_into().unwrap());
    assert_eq!(u32_at(0), 0x4A69_5444, "magic");
    assert_eq!(u32_at(8), 40, "header size");
    assert_eq!(u32_at(12), 62, "EM_X86_64");
    let mut at = 40;
    let mut records = Vec::new();
    while at < dump.len() {
        assert_eq!(u32_at(at), 0, "a JIT_CODE_LOAD record");
        let total = u32_at(at + 4) as usize;
        let vma = u64_at(at + 24) as usize;
        let size = u64_at(at + 40) as usize;
        let name_at = at + 56;
        let name_end = name_at + dump[name_at..].iter().position(|&b| b == 0).unwrap();
        let name = String::from_utf8(dump[name_at..name_end].to_vec()).unwrap();
        let code = dump[name_end + 1..at + total].to_vec();
        assert_eq!(code.len(), size);
        records.push((vma, size, name, code));
        at += total;
    }
    assert_eq!(records.len(), 2);
    for (line, (vma, size, name, _)) in lines.iter().zip(&records) {
        assert_eq!(*line, format!("{vma:x} {size:x} {name}"));
    }
    let (bridge_addr, bridge_size, _, bridge_code) = &records[1];
    // SAFETY: the bridge's code is mapped readable at that address while the backend lives.
    let placed = unsafe { std::slice::from_raw_parts(*bridge_addr as *const u8, *bridge_size) };
    assert_eq!(placed, &bridge_code[..]);
    // The loop runs where the map says: it counts to its input and leaves by the bridge.
    assert_eq!(backend.execute(id, &[10]).values, [10]);
}
