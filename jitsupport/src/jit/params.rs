//! JIT parameters: RPython's names and defaults, parsed from `PYRITE_JIT` or set through an API.
//!
//! The parameters are declared once, in the `params!` table below, which yields the
//! [`JitParams`] fields, their defaults, the names the parser accepts and the text form.
//! The text form is the one `PYRITE_JIT` takes:
//!
//! ```text
//! PYRITE_JIT=threshold=3,trace_eagerness=2
//! PYRITE_JIT=off
//! PYRITE_JIT=enable_opts=intbounds:rewrite
//! ```
//!
//! Items are separated by commas and whitespace around names and values is ignored; an
//! empty value means the defaults. Besides `name=value`, three bare words are items: `off`
//! disables the JIT (the counters never reach their threshold; loops already compiled
//! still run, as PyPy's `off`), `on` enables it again, and `default` resets every
//! parameter. These are errors, each naming what is wrong and what would be valid: a
//! malformed item, an empty item (`threshold=3,,decay=40`, or a comma at either end), and
//! a parameter given twice (unless `default` came between). All the errors of a string
//! are reported together, and nothing panics. `off` with parameters (`off,threshold=3`,
//! also the text form of disabled parameters) sets them and keeps the JIT off: they apply
//! once `on` (or `set_param("on", "")`) turns it on again. [`set_param`] applies one item
//! at a time, and may set a parameter again.
//!
//! Interpreters change parameters at run time with [`set_param`] (PyPy's
//! `jit.set_param(driver, name, value)`): it edits the process-wide parameters, which
//! [`params`] returns and whose [`generation`] tells warm states to pick them up.

use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Mutex;

/// The environment variable holding JIT parameters.
pub const ENV_VAR: &str = "PYRITE_JIT";

/// One optimizer pass that `enable_opts` can turn on or off, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Opt {
    /// Integer ranges and known bits; decided comparisons and guards go.
    Intbounds,
    /// Constant folding, algebraic rules and guard strengthening.
    Rewrite,
    /// Allocation removal.
    Virtualize,
    /// Common subexpression elimination of pure operations and elidable calls.
    Pure,
    /// Redundant reads and delayed writes of the heap.
    Heap,
    /// Loop peeling: an optimized preamble, then the re-optimized body.
    Unroll,
}

impl Opt {
    /// Every pass, in pipeline order.
    pub const ALL: [Opt; 6] = [
        Opt::Intbounds,
        Opt::Rewrite,
        Opt::Virtualize,
        Opt::Pure,
        Opt::Heap,
        Opt::Unroll,
    ];

    /// The pass's name in `enable_opts` and in the optimizer's logs.
    pub fn name(self) -> &'static str {
        match self {
            Opt::Intbounds => "intbounds",
            Opt::Rewrite => "rewrite",
            Opt::Virtualize => "virtualize",
            Opt::Pure => "pure",
            Opt::Heap => "heap",
            Opt::Unroll => "unroll",
        }
    }

    /// The pass with this name, if there is one.
    pub fn from_name(name: &str) -> Option<Opt> {
        Opt::ALL.into_iter().find(|opt| opt.name() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

// `EnabledOpts` keeps one bit per pass in a `u8`.
const _: () = assert!(Opt::ALL.len() <= 8);

/// The set of enabled optimizer passes (`enable_opts`). Its text form is `all` or the
/// names joined by `:`, in pipeline order; the empty string enables none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnabledOpts(u8);

impl EnabledOpts {
    /// Every pass.
    pub const ALL: EnabledOpts = EnabledOpts((1 << Opt::ALL.len()) - 1);
    /// No pass at all.
    pub const NONE: EnabledOpts = EnabledOpts(0);

    /// Whether `opt` is enabled.
    pub fn contains(self, opt: Opt) -> bool {
        self.0 & opt.bit() != 0
    }

    /// This set with `opt` added.
    #[must_use]
    pub fn with(self, opt: Opt) -> EnabledOpts {
        EnabledOpts(self.0 | opt.bit())
    }

    /// This set without `opt`.
    #[must_use]
    pub fn without(self, opt: Opt) -> EnabledOpts {
        EnabledOpts(self.0 & !opt.bit())
    }

    /// The enabled passes, in pipeline order.
    pub fn iter(self) -> impl Iterator<Item = Opt> {
        Opt::ALL.into_iter().filter(move |opt| self.contains(*opt))
    }

    /// Parses `all`, or pass names separated by `:` (in any order, repeats allowed).
    pub fn parse(text: &str) -> Result<EnabledOpts, String> {
        let text = text.trim();
        if text == "all" {
            return Ok(EnabledOpts::ALL);
        }
        let mut set = EnabledOpts::NONE;
        let mut unknown = Vec::new();
        for name in text.split(':').map(str::trim).filter(|n| !n.is_empty()) {
            match Opt::from_name(name) {
                Some(opt) => set = set.with(opt),
                None => unknown.push(format!("'{name}'")),
            }
        }
        if unknown.is_empty() {
            Ok(set)
        } else {
            let known: Vec<&str> = Opt::ALL.iter().map(|o| o.name()).collect();
            Err(format!(
                "unknown optimization {}; known: {} (joined by ':', or 'all')",
                unknown.join(", "),
                known.join(", ")
            ))
        }
    }
}

impl Default for EnabledOpts {
    fn default() -> EnabledOpts {
        EnabledOpts::ALL
    }
}

impl fmt::Display for EnabledOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == EnabledOpts::ALL {
            return f.write_str("all");
        }
        for (i, opt) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            f.write_str(opt.name())?;
        }
        Ok(())
    }
}

/// The kinds of values a parameter takes, with their parsing and printing.
trait ParamValue: Sized + fmt::Display {
    /// Parses a value of this kind, or says what was expected.
    fn parse_value(text: &str, min: u32, max: u32) -> Result<Self, String>;
}

impl ParamValue for u32 {
    fn parse_value(text: &str, min: u32, max: u32) -> Result<u32, String> {
        let expected = || format!("expected an integer from {min} to {max}");
        let n: u64 = text.parse().map_err(|_| expected())?;
        if n < u64::from(min) || n > u64::from(max) {
            return Err(expected());
        }
        Ok(n as u32)
    }
}

impl ParamValue for bool {
    fn parse_value(text: &str, _: u32, _: u32) -> Result<bool, String> {
        match text {
            "1" | "true" | "on" => Ok(true),
            "0" | "false" | "off" => Ok(false),
            _ => Err("expected 1 or 0 (or true/false, on/off)".to_string()),
        }
    }
}

impl ParamValue for EnabledOpts {
    fn parse_value(text: &str, _: u32, _: u32) -> Result<EnabledOpts, String> {
        EnabledOpts::parse(text)
    }
}

/// Declares the parameters: field name (the text name), type, default, the accepted range
/// of integers (ignored for other types) and the doc comment.
macro_rules! params {
    ($( $(#[doc = $doc:literal])* $name:ident : $ty:ty = $default:expr, $min:expr, $max:expr; )*) => {
        /// The JIT's tunable parameters, with RPython's names and defaults.
        ///
        /// Build it with [`JitParams::default`], [`JitParams::parse`] or
        /// [`JitParams::from_env`]; change one with [`JitParams::set_param`]. Its
        /// `Display` is the `PYRITE_JIT` text form and parses back to an equal value.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct JitParams {
            /// Whether the JIT is on; `PYRITE_JIT=off` turns it off. When off, no
            /// counter becomes hot, so nothing new is traced.
            pub enabled: bool,
            $( $(#[doc = $doc])* pub $name: $ty, )*
        }

        impl Default for JitParams {
            fn default() -> JitParams {
                JitParams { enabled: true, $( $name: $default, )* }
            }
        }

        impl JitParams {
            /// The names of all parameters, in the order of the text form.
            pub const NAMES: &'static [&'static str] = &[$( stringify!($name), )*];

            /// Sets the parameter `name` from its text form. Whitespace around the value is
            /// ignored. On error nothing changes.
            pub fn set_param(&mut self, name: &str, value: &str) -> Result<(), ParamError> {
                let name = name.trim();
                let value = value.trim();
                match name {
                    $( stringify!($name) => {
                        match <$ty as ParamValue>::parse_value(value, $min, $max) {
                            Ok(v) => { self.$name = v; Ok(()) }
                            Err(expected) => Err(ParamError::BadValue {
                                name: stringify!($name),
                                value: value.to_string(),
                                expected,
                            }),
                        }
                    } )*
                    _ => Err(ParamError::UnknownParameter { name: name.to_string() }),
                }
            }

            /// The text form of the parameter `name`'s value, if there is such a parameter.
            pub fn get_param(&self, name: &str) -> Option<String> {
                match name.trim() {
                    $( stringify!($name) => Some(self.$name.to_string()), )*
                    _ => None,
                }
            }
        }

        impl fmt::Display for JitParams {
            /// The `PYRITE_JIT` text form of every parameter, `off,` first if disabled.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if !self.enabled {
                    f.write_str("off,")?;
                }
                let mut sep = "";
                $(
                    write!(f, "{sep}{}={}", stringify!($name), self.$name)?;
                    sep = ",";
                )*
                let _ = sep;
                Ok(())
            }
        }
    };
}

params! {
    /// How many passes through a `can_enter_jit` with the same greens make a loop hot.
    /// 1039, as PyPy: just above 1024 and prime, so that user loops with power-of-two trip
    /// counts do not become hot in lockstep. 0 means never.
    threshold: u32 = 1039, 0, u32::MAX;
    /// How many calls of a function make it hot (traced from its start). Today this counts
    /// calls of a function not inlined after a too long trace, whose first entry trace
    /// failed: it is traced again after this many calls (the first attempt is at once).
    /// 1619 as PyPy: above `threshold` (a loop inside should win) and prime. 0 means never.
    function_threshold: u32 = 1619, 0, u32::MAX;
    /// How many failures of a guard make it trace a bridge. 0 means never.
    trace_eagerness: u32 = 200, 0, u32::MAX;
    /// How much the counters decay at each decay step, from 0 (not at all) to 1000 (back to
    /// zero): they keep `(1000 - decay) / 1000` of their value, so rare paths never get hot.
    decay: u32 = 40, 0, 1000;
    /// The longest trace (in recorded operations) before tracing aborts.
    trace_limit: u32 = 6000, 1, u32::MAX;
    /// Whether the tracer inlines the functions it may look inside.
    inlining: bool = true, 0, 1;
    /// The optimizer passes to run, `all` or names joined by `:`.
    enable_opts: EnabledOpts = EnabledOpts::ALL, 0, 0;
    /// How many generations (loop compilations) an unused loop survives before it is freed
    /// (unless other live code jumps into it). 0 means never.
    loop_longevity: u32 = 1000, 0, u32::MAX;
    /// Traces longer than this (in operations) are not unrolled: peeling would double them.
    disable_unrolling: u32 = 200, 0, u32::MAX;
    /// How many levels of a recursive portal call the tracer inlines before it emits a call
    /// to the compiled portal instead.
    max_unroll_recursion: u32 = 7, 0, u32::MAX;
    /// The most time the JIT spends tracing and compiling, in percent of the run's time so
    /// far, beyond `compile_allowance`: a key or guard that gets hot while the budget is
    /// spent is not traced (its threshold doubles), so a program that runs many loops
    /// just past their thresholds is not made much slower than without the JIT. 0 (or
    /// 100) means no limit. The runtime of an interpreter applies it; a `JitState` built
    /// directly (tests) has no budget. See `jit::budget`.
    compile_budget: u32 = 10, 0, 100;
    /// The time, in milliseconds, the JIT may spend tracing and compiling at the start of
    /// a run before `compile_budget` limits it.
    compile_allowance: u32 = 2, 0, u32::MAX;
    /// The most memory, in KB, the live compiled loops may take (their machine code and
    /// an estimate of their guards', resume data's and ops' share of the JIT's data):
    /// past it, the least recently used loops are freed, and if that is not enough
    /// nothing new is compiled (aborts `memory-limit`). 0 means no limit. See
    /// `metainterp::memmgr`.
    memory_limit: u32 = 0, 0, u32::MAX;
}

impl JitParams {
    /// Parses the `PYRITE_JIT` text form, starting from the defaults. Reports every bad item.
    pub fn parse(text: &str) -> Result<JitParams, ParamErrors> {
        let mut params = JitParams::default();
        params.apply(text)?;
        Ok(params)
    }

    /// Applies the items of a `PYRITE_JIT` text form to these parameters, in order. If any
    /// item is bad, every error is returned and nothing changes.
    pub fn apply(&mut self, text: &str) -> Result<(), ParamErrors> {
        let mut new = self.clone();
        let mut errors = Vec::new();
        if text.trim().is_empty() {
            return Ok(());
        }
        let mut seen: Vec<String> = Vec::new();
        for item in text.split(',').map(str::trim) {
            if item.is_empty() {
                errors.push(ParamError::EmptyItem {
                    text: text.to_string(),
                });
                continue;
            }
            match item.split_once('=') {
                Some((name, value)) => {
                    let name = name.trim();
                    if seen.iter().any(|n| n == name) {
                        errors.push(ParamError::Duplicate {
                            name: name.to_string(),
                        });
                        continue;
                    }
                    seen.push(name.to_string());
                    if let Err(e) = new.set_param(name, value) {
                        errors.push(e);
                    }
                }
                None => match item {
                    "off" => new.enabled = false,
                    "on" => new.enabled = true,
                    "default" => {
                        new = JitParams::default();
                        seen.clear();
                    }
                    _ if JitParams::NAMES.contains(&item) => {
                        errors.push(ParamError::MissingValue {
                            name: item.to_string(),
                        })
                    }
                    _ => errors.push(ParamError::UnknownParameter {
                        name: item.to_string(),
                    }),
                },
            }
        }
        if errors.is_empty() {
            *self = new;
            Ok(())
        } else {
            Err(ParamErrors(errors))
        }
    }

    /// The parameters given by `PYRITE_JIT`, or the defaults if it is unset or empty.
    pub fn from_env() -> Result<JitParams, ParamErrors> {
        match std::env::var(ENV_VAR) {
            Ok(text) => JitParams::parse(&text),
            Err(std::env::VarError::NotPresent) => Ok(JitParams::default()),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(ParamErrors(vec![ParamError::NotUnicode]))
            }
        }
    }
}

/// What is wrong with one parameter setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    /// No parameter has this name.
    UnknownParameter {
        /// The name given.
        name: String,
    },
    /// A parameter name without `=value`.
    MissingValue {
        /// The parameter.
        name: String,
    },
    /// The value does not parse or is out of range.
    BadValue {
        /// The parameter.
        name: &'static str,
        /// The value given.
        value: String,
        /// What would be valid.
        expected: String,
    },
    /// `PYRITE_JIT` is not valid UTF-8.
    NotUnicode,
    /// An empty item: two commas in a row, or a comma at an end.
    EmptyItem {
        /// The whole text.
        text: String,
    },
    /// A parameter given twice.
    Duplicate {
        /// The parameter.
        name: String,
    },
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamError::UnknownParameter { name } => {
                write!(f, "unknown parameter '{name}'")?;
                if let Some(near) = closest_name(name) {
                    write!(f, " (did you mean '{near}'?)")?;
                }
                write!(
                    f,
                    "; known: {}, and the words off, on, default",
                    JitParams::NAMES.join(", ")
                )
            }
            ParamError::MissingValue { name } => {
                write!(f, "parameter '{name}' needs a value: write {name}=VALUE")
            }
            ParamError::BadValue {
                name,
                value,
                expected,
            } => write!(f, "bad value '{value}' for parameter '{name}': {expected}"),
            ParamError::NotUnicode => f.write_str("the value is not valid UTF-8"),
            ParamError::EmptyItem { text } => write!(
                f,
                "an empty item in '{text}' (two commas in a row, or a comma at an end); \
                 remove the extra comma"
            ),
            ParamError::Duplicate { name } => {
                write!(f, "parameter '{name}' is given twice; keep one of the two")
            }
        }
    }
}

impl std::error::Error for ParamError {}

/// Every error of one `PYRITE_JIT` string; displayed one per line, each prefixed with
/// `PYRITE_JIT: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamErrors(pub Vec<ParamError>);

impl fmt::Display for ParamErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{ENV_VAR}: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParamErrors {}

/// The known parameter nearest to a misspelt `name`, if one is within two edits.
fn closest_name(name: &str) -> Option<&'static str> {
    JitParams::NAMES
        .iter()
        .map(|known| (edit_distance(name, known), *known))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, known)| known)
}

/// The Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

// ____________________________________________________________
// The process-wide parameters.

/// The process-wide parameters; `None` until first read (then from `PYRITE_JIT`).
static GLOBAL: Mutex<Option<JitParams>> = Mutex::new(None);

/// Incremented at each change of the process-wide parameters.
static GENERATION: AtomicU64 = AtomicU64::new(0);

fn lock_global() -> std::sync::MutexGuard<'static, Option<JitParams>> {
    GLOBAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Whether the process-wide parameters enable the JIT, mirrored for [`enabled`]:
/// `UNKNOWN` until they are first read.
static ENABLED: AtomicU8 = AtomicU8::new(UNKNOWN);
const UNKNOWN: u8 = 0;
const ON: u8 = 1;
const OFF: u8 = 2;

fn with_global<R>(f: impl FnOnce(&mut JitParams) -> R) -> Result<R, ParamErrors> {
    let mut guard = lock_global();
    if guard.is_none() {
        *guard = Some(JitParams::from_env()?);
    }
    let params = guard.get_or_insert_with(JitParams::default);
    let result = f(params);
    ENABLED.store(if params.enabled { ON } else { OFF }, Ordering::Release);
    Ok(result)
}

/// Whether the process-wide parameters enable the JIT (`PYRITE_JIT=off` disables it):
/// one atomic load once they have been read, so that the hook at `can_enter_jit` of an
/// interpreter run with the JIT off costs a load and a branch.
#[inline]
pub fn enabled() -> bool {
    match ENABLED.load(Ordering::Acquire) {
        ON => true,
        OFF => false,
        _ => params().enabled,
    }
}

/// Reads `PYRITE_JIT` into the process-wide parameters (if not done yet) and reports its
/// errors. Interpreters call it at startup, print the error and exit non-zero on failure;
/// later reads would otherwise fall back to the defaults after a one-line warning.
pub fn init_from_env() -> Result<(), ParamErrors> {
    with_global(|_| ())
}

/// The process-wide parameters: `PYRITE_JIT` as modified by [`set_param`]. If
/// `PYRITE_JIT` is malformed and [`init_from_env`] was not called, this prints the errors
/// to stderr once and uses the defaults.
pub fn params() -> JitParams {
    match with_global(|p| p.clone()) {
        Ok(params) => params,
        Err(errors) => {
            eprintln!("{errors}\n{ENV_VAR}: using the default parameters");
            let params = lock_global().get_or_insert_with(JitParams::default).clone();
            ENABLED.store(if params.enabled { ON } else { OFF }, Ordering::Release);
            params
        }
    }
}

/// Sets one process-wide parameter, as PyPy's `jit.set_param`: for example
/// `jitsupport::jit::set_param("threshold", "3")`. The name `enable_opts` takes pass names
/// joined by `:`; `set_param("off", "")` and `set_param("default", "")` work as the
/// corresponding `PYRITE_JIT` words. Warm states pick the change up at their next
/// [`refresh`](crate::jit::WarmState::refresh_params).
pub fn set_param(name: &str, value: &str) -> Result<(), ParamError> {
    let result = match with_global(|params| set_item(params, name, value)) {
        Ok(result) => result,
        // A malformed `PYRITE_JIT` is reported by `init_from_env` or `params`; the
        // explicit setting applies on top of the defaults.
        Err(_) => set_item(
            lock_global().get_or_insert_with(JitParams::default),
            name,
            value,
        ),
    };
    if result.is_ok() {
        GENERATION.fetch_add(1, Ordering::Release);
        // Whatever path set it, `enabled` reads the parameters afresh.
        ENABLED.store(UNKNOWN, Ordering::Release);
    }
    result
}

/// Sets a parameter, or applies one of the words `off`, `on`, `default` (whose value is
/// ignored).
fn set_item(params: &mut JitParams, name: &str, value: &str) -> Result<(), ParamError> {
    match name.trim() {
        "off" => params.enabled = false,
        "on" => params.enabled = true,
        "default" => *params = JitParams::default(),
        name => return params.set_param(name, value),
    }
    Ok(())
}

/// Replaces all the process-wide parameters at once.
pub fn set_params(new: JitParams) {
    *lock_global() = Some(new);
    GENERATION.fetch_add(1, Ordering::Release);
}

/// A number that changes whenever the process-wide parameters change, so that a warm
/// state can check cheaply whether it must re-read them.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}
