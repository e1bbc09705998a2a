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
//! `PYRITE_JIT_PERF=0` or unset: off. Another value is reported once on stderr, and the
//! map stays off. A map that cannot be written is reported once, and writing stops.

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
            let path = format!("/tmp/perf-{}.map", std::process::id());
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

/// Stops writing the perf map (the file keeps what was written).
pub fn stop() {
    *lock() = None;
}

/// Records code of `size` bytes placed at `addr`, named `name` (one line of the map).
pub(crate) fn code_placed(addr: usize, size: usize, name: &str) {
    if !enabled() {
        return;
    }
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
