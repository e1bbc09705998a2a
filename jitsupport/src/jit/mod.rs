//! The JIT's run-time configuration and bookkeeping: parameters (`PYRITE_JIT`), the warm
//! state that counts green keys towards tracing, and the log (`PYRITE_LOG`).
//!
//! - [`params`](mod@params): [`JitParams`], RPython's parameter names and defaults, parsed from
//!   `PYRITE_JIT=threshold=3,trace_eagerness=2` or `PYRITE_JIT=off`, and [`set_param`].
//! - [`counter`]: [`JitCounter`], the hashed table of decaying counters, whose slots the
//!   native hooks count in, in line ([`HotTable`]).
//! - [`warmstate`]: [`WarmState`], what `can_enter_jit` and portal entry ask: go on,
//!   trace, or run a compiled loop; one [`JitCell`] per green key that got hot.
//! - [`budget`]: [`Budget`], the share of the run's time the JIT may spend tracing and
//!   compiling (`compile_budget`, `compile_allowance`).
//! - [`redcopy`]: [`RedCopy`], the copy of a `&mut` red the native hooks hand the JIT, so
//!   that the red's own address never escapes the dispatch loop.
//! - [`log`]: `debug_start`/`debug_stop`/`debug_print` sections in PyPy's `PYPYLOG` format,
//!   and the `jit-summary` [`Summary`](log::Summary).
//!
//! An interpreter's `main` calls [`init_from_env`] first, so that a malformed `PYRITE_JIT`
//! or an unwritable `PYRITE_LOG` file is a clear error and a non-zero exit, and
//! [`log::finish`] last, to print the summary and flush the log.

pub mod budget;
pub mod counter;
pub mod log;
pub mod params;
pub mod redcopy;
pub mod warmstate;

pub use budget::Budget;
pub use counter::{GreenFold, GreenHash, HotTable, Increment, JitCounter};
pub use params::{params, set_param, EnabledOpts, JitParams, Opt, ParamError, ParamErrors};
pub use redcopy::RedCopy;
pub use warmstate::{CellState, Entry, JitCell, WarmState, MAX_ABORTS, MAX_BACKOFF};

/// The environment variable that asks the x86 backend for a perf map and a jitdump file.
pub const PERF_ENV_VAR: &str = "PYRITE_JIT_PERF";

/// Checks `PYRITE_JIT_PERF`: unset, empty, `0` (off) or `1` (on). The backend reads it
/// when it places its first code and would only warn about another value.
fn check_perf_env() -> Result<(), String> {
    match std::env::var(PERF_ENV_VAR) {
        Ok(v) if matches!(v.as_str(), "" | "0" | "1") => Ok(()),
        Err(std::env::VarError::NotPresent) => Ok(()),
        Ok(v) => Err(format!(
            "{PERF_ENV_VAR}: bad value '{v}': expected 1 (write /tmp/perf-PID.map and \
             /tmp/jit-PID.dump for perf) or 0 (off)"
        )),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{PERF_ENV_VAR}: the value is not valid UTF-8"))
        }
    }
}

/// Reads `PYRITE_JIT` and `PYRITE_JIT_PERF`, opens the `PYRITE_LOG` log and creates the
/// thread's GC heap with the `PYRITE_GC_*` settings. On error, the message (one line per
/// problem, each naming its variable) is for the interpreter to print before exiting
/// non-zero:
///
/// ```no_run
/// if let Err(message) = jitsupport::jit::init_from_env() {
///     eprintln!("{message}");
///     std::process::exit(2);
/// }
/// ```
pub fn init_from_env() -> Result<(), String> {
    let mut errors = Vec::new();
    if let Err(e) = params::init_from_env() {
        errors.push(e.to_string());
    }
    if let Err(e) = log::init_from_env() {
        errors.push(e.to_string());
    }
    if let Err(e) = crate::gcjit::init_from_env() {
        errors.push(e);
    }
    crate::gcjit::install_log_hook();
    if let Err(e) = check_perf_env() {
        errors.push(e);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}
