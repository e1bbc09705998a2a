//! Telling `perf` what the compiled code is: the perf map (`/tmp/perf-PID.map`).
//!
//! With `PYRITE_JIT_PERF=1` in the environment, every trace the backend places is
//! appended to `/tmp/perf-PID.map` as one line `START SIZE NAME` (hex address and size,
//! no `0x`), the format `perf report` reads for code without symbols
//! (`tools/perf/Documentation/jit-interface.txt` in Linux). The name says what the code is
//! and, when the trace has merge points, where in the user's program it starts: `pyrite
//! loop 3 <run> #12` (the metainterp records `debug_merge_point`s when this is on, see
//! [`enabled`]). A freed loop's lines stay: perf maps have no removal, and a later trace at
//! the same address gets a later line, which perf prefers.
//!
//! The same setting writes a jitdump file, `/tmp/jit-PID.dump` (Linux's
//! `tools/perf/Documentation/jitdump-specification.txt`): a header, then one
//! `JIT_CODE_LOAD` record per placed trace with its address, name and code bytes, time
//! stamped with `CLOCK_MONOTONIC`. The file is mapped executable once, which is how
//! `perf record` notices it; `perf inject --jit` then turns the records into ELF images,
//! so that `perf annotate` shows the instructions of compiled loops:
//!
//! ```text
//! PYRITE_JIT_PERF=1 perf record -k mono goal/bf-c program.b
//! perf inject --jit -i perf.data -o perf.jit.data && perf annotate -i perf.jit.data
//! ```
//!
//! `PYRITE_JIT_PERF=0` or unset: off. Another value is reported once on stderr, and the
//! map stays off. A file that cannot be written is reported once, and writing stops.

use crate::descr::Descr;
use crate::ops::Opcode;
use crate::trace::Trace;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The environment variable that turns the perf map on.
pub const ENV_VAR: &str = "PYRITE_JIT_PERF";

/// The open map, if any: `None` inside when off or after a write error.
static MAP: Mutex<Option<File>> = Mutex::new(None);
/// The open jitdump file, if any, and the index of the next record.
static DUMP: Mutex<Option<(File, u64)>> = Mutex::new(None);
/// Whether the environment was read (and the map opened if asked for).
static FROM_ENV: OnceLock<bool> = OnceLock::new();

fn lock() -> MutexGuard<'static, Option<File>> {
    MAP.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Whether placed code is written to a perf map: `PYRITE_JIT_PERF=1` (read once), or a
/// map opened by [`write_to`].
pub fn enabled() -> bool {
    let from_env = *FROM_ENV.get_or_init(|| match std::env::var(ENV_VAR).as_deref() {
        Ok("1") => {
            let pid = std::process::id();
            let dump = format!("/tmp/jit-{pid}.dump");
            if let Err(e) = jitdump_to(Path::new(&dump)) {
                eprintln!("{ENV_VAR}: cannot create {dump}: {e}; no jitdump");
            }
            let path = format!("/tmp/perf-{pid}.map");
            match write_to(Path::new(&path)) {
                Ok(()) => true,
                Err(e) => {
                    eprintln!("{ENV_VAR}: cannot create {path}: {e}; no perf map");
                    false
                }
            }
        }
        Ok("0") | Ok("") | Err(std::env::VarError::NotPresent) => false,
        Ok(other) => {
            eprintln!("{ENV_VAR}: expected 1 (write /tmp/perf-PID.map) or 0, found '{other}'; no perf map");
            false
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            eprintln!("{ENV_VAR}: the value is not valid UTF-8; no perf map");
            false
        }
    });
    from_env || lock().is_some()
}

/// Writes the perf map to `path` from now on (created or truncated), whatever the
/// environment says: for tests, and for embedders that choose the file.
pub fn write_to(path: &Path) -> std::io::Result<()> {
    let file = File::create(path)?;
    *lock() = Some(file);
    Ok(())
}

/// Stops writing the perf map and the jitdump (the files keep what was written).
pub fn stop() {
    *lock() = None;
    *lock_dump() = None;
}

fn lock_dump() -> MutexGuard<'static, Option<(File, u64)>> {
    DUMP.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The jitdump file's magic, `JiTD`, and version.
const JITDUMP_MAGIC: u32 = 0x4A69_5444;
const JITDUMP_VERSION: u32 = 1;
/// `EM_X86_64`.
const ELF_MACHINE: u32 = 62;
/// The record kind `JIT_CODE_LOAD`.
const JIT_CODE_LOAD: u32 = 0;

/// `CLOCK_MONOTONIC` in nanoseconds, the clock `perf record -k mono` samples with.
fn monotonic_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Writes a jitdump file to `path` from now on (created or truncated): its header now,
/// a record per placed trace later. The file is mapped executable once (and left
/// mapped), the marker `perf record` looks for.
pub fn jitdump_to(path: &Path) -> std::io::Result<()> {
    // Readable too: a mapping needs a file opened for reading.
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    let mut header = Vec::with_capacity(40);
    for word in [
        JITDUMP_MAGIC,
        JITDUMP_VERSION,
        40,
        ELF_MACHINE,
        0,
        std::process::id(),
    ] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.extend_from_slice(&monotonic_ns().to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes()); // flags
    file.write_all(&header)?;
    // SAFETY: a fresh shared read-execute mapping of the file's first page; nothing
    // reads or runs it: perf only records that it was made.
    let mapped = unsafe {
        use std::os::unix::io::AsRawFd;
        libc::mmap(
            std::ptr::null_mut(),
            4096,
            libc::PROT_READ | libc::PROT_EXEC,
            libc::MAP_PRIVATE,
            file.as_raw_fd(),
            0,
        )
    };
    if mapped == libc::MAP_FAILED {
        return Err(std::io::Error::last_os_error());
    }
    *lock_dump() = Some((file, 0));
    Ok(())
}

/// One `JIT_CODE_LOAD` record: the code at `addr`, its bytes, named `name`.
fn code_load_record(addr: usize, code: &[u8], name: &str, index: u64) -> Vec<u8> {
    let total = 16 + 40 + name.len() + 1 + code.len();
    let mut r = Vec::with_capacity(total);
    r.extend_from_slice(&JIT_CODE_LOAD.to_le_bytes());
    r.extend_from_slice(&(total as u32).to_le_bytes());
    r.extend_from_slice(&monotonic_ns().to_le_bytes());
    r.extend_from_slice(&std::process::id().to_le_bytes());
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() } as u32;
    r.extend_from_slice(&tid.to_le_bytes());
    r.extend_from_slice(&(addr as u64).to_le_bytes()); // vma
    r.extend_from_slice(&(addr as u64).to_le_bytes()); // code_addr
    r.extend_from_slice(&(code.len() as u64).to_le_bytes());
    r.extend_from_slice(&index.to_le_bytes());
    r.extend_from_slice(name.as_bytes());
    r.push(0);
    r.extend_from_slice(code);
    r
}

/// Records the code `code` placed at `addr`, named `name`: one line of the map, one
/// record of the jitdump.
pub(crate) fn code_placed(addr: usize, code: &[u8], name: &str) {
    if !enabled() {
        return;
    }
    {
        let mut dump = lock_dump();
        if let Some((file, index)) = dump.as_mut() {
            let record = code_load_record(addr, code, &format!("pyrite {name}"), *index);
            *index += 1;
            if let Err(e) = file.write_all(&record) {
                eprintln!("{ENV_VAR}: cannot write the jitdump: {e}; it stops here");
                *dump = None;
            }
        }
    }
    let size = code.len();
    let mut guard = lock();
    let Some(file) = guard.as_mut() else {
        return;
    };
    // One write per line, so that perf never reads half a line.
    let line = format!("{addr:x} {size:x} pyrite {name}\n");
    if let Err(e) = file.write_all(line.as_bytes()) {
        eprintln!("{ENV_VAR}: cannot write the perf map: {e}; it stops here");
        *guard = None;
    }
}

/// The map's name of a trace: `header` (`loop 3`, `bridge of <Guard5>`) and the text of
/// its first merge point, if it has one.
pub(crate) fn name(header: &str, trace: &Trace) -> String {
    let merge_point = trace.ops.iter().find_map(|op| match &op.descr {
        Some(Descr::MergePoint(text)) if op.opcode == Opcode::DebugMergePoint => Some(text),
        _ => None,
    });
    match merge_point {
        Some(text) => format!("{header} {text}"),
        None => header.to_string(),
    }
}
