//! The collector's settings, read from strings so that the runtime can take them from
//! the environment and report a malformed value itself (exit status 2).
//!
//! | variable                  | meaning                                        | default  |
//! |---------------------------|------------------------------------------------|----------|
//! | `PYRITE_GC_NURSERY`       | bytes allocated between minor collections       | `4MB`    |
//! | `PYRITE_GC_MAX`           | the heap's limit; beyond it allocation fails    | none     |
//! | `PYRITE_GC_MAJOR_COLLECT` | old-generation growth that starts a major one   | `1.82`   |
//! | `PYRITE_GC_DEBUG`         | `1`: a collection at every allocation           | `0`      |
//!
//! Sizes are a number with an optional unit `B`, `KB`, `MB` or `GB` (powers of 1024,
//! case ignored, `K`/`M`/`G` accepted too), as PyPy's `PYPY_GC_NURSERY` reads them.

use std::fmt;

/// How a heap is sized and how often it collects.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Bytes handed to the allocator between two collections (the young generation).
    pub nursery: usize,
    /// The most bytes of heap (blocks in use); `None`: the address space reserved.
    pub max: Option<usize>,
    /// A major collection starts when the old generation exceeds this factor times
    /// what a major collection left alive (PyPy's `PYPY_GC_MAJOR_COLLECT`).
    pub major_factor: f64,
    /// Stress mode: a collection at every allocation (a major one every eighth).
    pub debug: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            nursery: 4 << 20,
            max: None,
            major_factor: 1.82,
            debug: false,
        }
    }
}

/// The environment variables [`Settings::from_env`] reads.
pub const ENV_VARS: [&str; 4] = [
    "PYRITE_GC_NURSERY",
    "PYRITE_GC_MAX",
    "PYRITE_GC_MAJOR_COLLECT",
    "PYRITE_GC_DEBUG",
];

/// A malformed setting: the variable, its value and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The variable's name.
    pub var: String,
    /// The value given.
    pub value: String,
    /// What a valid value looks like.
    pub expected: &'static str,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}=`{}` is not valid: expected {}",
            self.var, self.value, self.expected
        )
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// The defaults overridden by the `PYRITE_GC_*` variables that are set.
    pub fn from_env() -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        for var in ENV_VARS {
            if let Some(v) = std::env::var_os(var) {
                s.set(var, &v.to_string_lossy())?;
            }
        }
        Ok(s)
    }

    /// Sets the setting named by the environment variable `var` from `value`.
    pub fn set(&mut self, var: &str, value: &str) -> Result<(), SettingsError> {
        let err = |expected| SettingsError {
            var: var.to_string(),
            value: value.to_string(),
            expected,
        };
        match var {
            "PYRITE_GC_NURSERY" => {
                let n = parse_size(value).ok_or_else(|| err(SIZE))?;
                if n < 64 << 10 {
                    return Err(err("a size of at least 64KB, such as 4MB"));
                }
                self.nursery = n;
            }
            "PYRITE_GC_MAX" => {
                let n = parse_size(value).ok_or_else(|| err(SIZE))?;
                self.max = if n == 0 { None } else { Some(n) };
            }
            "PYRITE_GC_MAJOR_COLLECT" => {
                let f: f64 = value.trim().parse().map_err(|_| err(FACTOR))?;
                if !(f.is_finite() && f > 1.0) {
                    return Err(err(FACTOR));
                }
                self.major_factor = f;
            }
            "PYRITE_GC_DEBUG" => {
                self.debug = match value.trim() {
                    "0" | "" => false,
                    "1" => true,
                    _ => return Err(err("0 or 1")),
                }
            }
            _ => return Err(err("one of the variables PYRITE_GC_NURSERY, PYRITE_GC_MAX, PYRITE_GC_MAJOR_COLLECT, PYRITE_GC_DEBUG")),
        }
        Ok(())
    }
}

const SIZE: &str = "a size such as 4MB, 512KB, 2GB or 1048576 (units B, KB, MB, GB)";
const FACTOR: &str = "a number greater than 1, such as 1.82";

/// Parses `4MB`, `512kb`, `2G`, `1048576`: a number with an optional unit (powers of
/// 1024). `None` when malformed or too large for a `usize`.
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits == 0 {
        return None;
    }
    let n: usize = s[..digits].parse().ok()?;
    let unit = s[digits..].trim().to_ascii_lowercase();
    let shift = match unit.as_str() {
        "" | "b" => 0,
        "k" | "kb" => 10,
        "m" | "mb" => 20,
        "g" | "gb" => 30,
        _ => return None,
    };
    n.checked_mul(1usize << shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("4MB"), Some(4 << 20));
        assert_eq!(parse_size(" 512kb "), Some(512 << 10));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("12 B"), Some(12));
        for bad in ["", "MB", "4XB", "-1MB", "1.5MB", "99999999999999999999GB"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn settings_are_set_by_name_with_clear_errors() {
        let mut s = Settings::default();
        s.set("PYRITE_GC_NURSERY", "1MB").unwrap();
        s.set("PYRITE_GC_MAX", "64MB").unwrap();
        s.set("PYRITE_GC_MAJOR_COLLECT", "2.5").unwrap();
        s.set("PYRITE_GC_DEBUG", "1").unwrap();
        assert_eq!(
            s,
            Settings {
                nursery: 1 << 20,
                max: Some(64 << 20),
                major_factor: 2.5,
                debug: true
            }
        );
        let e = s.set("PYRITE_GC_NURSERY", "4XB").unwrap_err();
        assert_eq!(
            e.to_string(),
            "PYRITE_GC_NURSERY=`4XB` is not valid: expected a size such as 4MB, 512KB, 2GB or 1048576 (units B, KB, MB, GB)"
        );
        assert!(s.set("PYRITE_GC_NURSERY", "1KB").is_err());
        assert!(s.set("PYRITE_GC_MAJOR_COLLECT", "0.5").is_err());
        assert!(s.set("PYRITE_GC_DEBUG", "yes").is_err());
        s.set("PYRITE_GC_MAX", "0").unwrap();
        assert_eq!(s.max, None);
    }
}
