//! Building a target with cargo and copying its binary into goal/.
//!
//! 1. Read the package name from `TARGET/Cargo.toml`.
//! 2. Run `cargo build --message-format=json-render-diagnostics` for the profile; cargo's
//!    own output is shown only if the build fails.
//! 3. Find the `executable` of the bin target named like the package in cargo's JSON
//!    messages, and copy it to `goal/<package>-c` at the workspace root (or `--output`).

use crate::{log_step, Failure};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The cargo profile of a build, and whether it has the JIT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `-O0`: the debug profile.
    Debug,
    /// `-O2`: the release profile.
    Release,
    /// `-Ojit`: the release profile with the target's cargo feature `jit`, on the x86-64
    /// backend or (`reference`) on the reference backend.
    ReleaseJit { reference: bool },
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release | Profile::ReleaseJit { .. } => "release",
        }
    }

    /// What the build log says after the profile.
    fn jit_note(self) -> &'static str {
        match self {
            Profile::Debug | Profile::Release => "",
            Profile::ReleaseJit { reference: true } => " with the JIT (reference backend)",
            Profile::ReleaseJit { reference: false } => " with the JIT (x86-64 backend)",
        }
    }
}

impl Profile {
    /// The flags that choose this build, as the report and messages name it.
    pub fn flags(self) -> &'static str {
        match self {
            Profile::Debug => "-O0",
            Profile::Release => "-O2",
            Profile::ReleaseJit { reference: true } => "-Ojit --jit-backend=ref",
            Profile::ReleaseJit { reference: false } => "-Ojit",
        }
    }
}

/// The cargo feature that compiles a target's JIT hooks.
const JIT_FEATURE: &str = "jit";

/// What a build made, for the report.
pub struct Built {
    /// Where the binary was written.
    pub dest: PathBuf,
    /// The package built.
    pub package: String,
    /// The time cargo took, and the time of the copy.
    pub cargo_time: std::time::Duration,
    /// See `cargo_time`.
    pub copy_time: std::time::Duration,
    /// The binary's size in bytes.
    pub size: u64,
    /// The compiler's warnings, one line each (`file:line: message`).
    pub warnings: Vec<String>,
}

/// The first line of the report next to `dest` says which build wrote it (see
/// `report.rs`): `build: -Ojit`.
fn previous_build(dest: &Path) -> Option<String> {
    let report = crate::report::path_for(dest);
    let text = std::fs::read_to_string(report).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("build: "))
        .map(str::to_string)
}

/// Builds the target crate in `target` and writes its binary to `output` (default:
/// `goal/<package>-c`). A binary of another kind of build (`-O2` against `-Ojit`) at the
/// same place is replaced with a message that says so.
pub fn build(target: &Path, profile: Profile, output: Option<&Path>) -> Result<Built, Failure> {
    let manifest = target.join("Cargo.toml");
    let text = read_manifest(&manifest)?;
    let package = package_name(&manifest, &text)?;
    let jit = matches!(profile, Profile::ReleaseJit { .. });
    if jit && !has_feature(&text, JIT_FEATURE) {
        return Err(Failure::new(
            1,
            format!(
                "error: `{}` has no cargo feature `{JIT_FEATURE}`, which -Ojit builds with; \
                 add `[features]` with `{JIT_FEATURE} = []` to the target (the hooks of \
                 `#[jitsupport::interpreter]` are compiled under `cfg(feature = \"{JIT_FEATURE}\")`)",
                manifest.display()
            ),
        ));
    }
    let started = Instant::now();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--message-format=json-render-diagnostics");
    if matches!(profile, Profile::Release | Profile::ReleaseJit { .. }) {
        command.arg("--release");
    }
    if let Profile::ReleaseJit { reference } = profile {
        command.arg("--features").arg(JIT_FEATURE);
        // jitsupport reads the backend at compile time (`option_env!`), and cargo rebuilds
        // it when the value changes.
        let backend = if reference { "ref" } else { "x86" };
        command.env("PYRITE_JIT_BACKEND", backend);
    }
    let result = command.output().map_err(|e| {
        Failure::new(
            1,
            format!("error: cannot run cargo: {e}; is it on the PATH?"),
        )
    })?;
    if !result.status.success() {
        return Err(Failure::new(
            1,
            format!(
                "{}error: cargo could not build `{package}` ({})",
                String::from_utf8_lossy(&result.stderr),
                result.status
            ),
        ));
    }
    let stdout = String::from_utf8_lossy(&result.stdout);
    let warnings = compiler_warnings(&stdout);
    let cargo_time = started.elapsed();
    let executable = find_executable(&stdout, &package).ok_or_else(|| {
        Failure::new(
            1,
            format!(
                "error: cargo built `{package}` but reported no binary named `{package}`; \
                 a target needs a bin target named like its package (src/main.rs)"
            ),
        )
    })?;
    log_step(
        &format!(
            "built `{package}` ({} profile){}",
            profile.name(),
            profile.jit_note()
        ),
        started,
    );
    let started = Instant::now();
    let dest = match output {
        Some(path) => path.to_path_buf(),
        None => goal_dir(target).join(format!("{package}-c")),
    };
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            Failure::new(
                1,
                format!("error: cannot create `{}`: {e}", parent.display()),
            )
        })?;
    }
    if dest.exists() {
        if let Some(previous) = previous_build(&dest).filter(|p| p != profile.flags()) {
            eprintln!(
                "[translate] replacing {}, a `{previous}` build, with this `{}` build \
                 (--output PATH keeps both)",
                relative(&dest).display(),
                profile.flags()
            );
        }
    }
    let size = std::fs::copy(&executable, &dest).map_err(|e| {
        Failure::new(
            1,
            format!(
                "error: cannot copy `{}` to `{}`: {e}",
                executable.display(),
                dest.display()
            ),
        )
    })?;
    log_step(
        &format!("wrote {} ({})", relative(&dest).display(), human_size(size)),
        started,
    );
    Ok(Built {
        dest,
        package,
        cargo_time,
        copy_time: started.elapsed(),
        size,
        warnings,
    })
}

/// The compiler's warnings among cargo's JSON messages: `file:line: message` each (the
/// closing `N warnings emitted`, which has no place, left out).
fn compiler_warnings(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "warning")
        .filter_map(|m| {
            let message = m["message"]["message"].as_str()?;
            let span = &m["message"]["spans"][0];
            let file = span["file_name"].as_str()?;
            let line = span["line_start"].as_u64()?;
            Some(format!("{file}:{line}: {message}"))
        })
        .collect()
}

fn read_manifest(manifest: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(manifest).map_err(|e| {
        Failure::new(
            1,
            format!("error: cannot read `{}`: {e}", manifest.display()),
        )
    })
}

/// The values of the keys `key` in the section `section` of a manifest's `text`. A small
/// reader for the few keys needed, so that translate does not carry a TOML parser.
fn keys<'t>(text: &'t str, section: &'t str, key: &'t str) -> impl Iterator<Item = &'t str> {
    let mut in_section = false;
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == section;
            return None;
        }
        if !in_section {
            return None;
        }
        let rest = line.strip_prefix(key)?.trim_start();
        let (key_end, value) = match rest.strip_prefix('=') {
            Some(value) => (true, value),
            None => (false, rest),
        };
        key_end.then(|| value.trim())
    })
}

/// Whether the manifest's `[features]` section declares `feature`.
fn has_feature(text: &str, feature: &str) -> bool {
    keys(text, "[features]", feature).next().is_some()
        || keys(text, "[features]", &format!("\"{feature}\""))
            .next()
            .is_some()
}

/// The `name` of the `[package]` section of a manifest.
fn package_name(manifest: &Path, text: &str) -> Result<String, Failure> {
    for value in keys(text, "[package]", "name") {
        let value = value.trim_matches('"');
        if !value.is_empty() {
            return Ok(value.to_string());
        }
    }
    Err(Failure::new(
        1,
        format!(
            "error: `{}` has no `[package]` name; a target is a package with a binary",
            manifest.display()
        ),
    ))
}

/// The executable of the bin target `package` among cargo's JSON messages.
fn find_executable(json_lines: &str, package: &str) -> Option<PathBuf> {
    json_lines
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| m["target"]["name"] == package)
        .filter(|m| {
            m["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"))
        })
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
}

/// `goal/` at the root of the workspace that holds `target` (the nearest ancestor whose
/// Cargo.toml has a `[workspace]` section), or beside `target` if there is none.
fn goal_dir(target: &Path) -> PathBuf {
    let start = target
        .canonicalize()
        .unwrap_or_else(|_| target.to_path_buf());
    let root = start.ancestors().find(|dir| {
        std::fs::read_to_string(dir.join("Cargo.toml"))
            .is_ok_and(|text| text.lines().any(|l| l.trim() == "[workspace]"))
    });
    root.unwrap_or(target).join("goal")
}

/// `path` relative to the current directory when it is under it, for shorter logs.
pub fn relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_bin_named_like_the_package() {
        let lines = r#"{"reason":"compiler-artifact","target":{"name":"jitsupport","kind":["lib"]},"executable":null}
{"reason":"compiler-artifact","target":{"name":"tl","kind":["bin"]},"executable":"/t/release/tl"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            find_executable(lines, "tl"),
            Some(PathBuf::from("/t/release/tl"))
        );
        assert_eq!(find_executable(lines, "bf"), None);
    }

    #[test]
    fn collects_compiler_warnings() {
        let lines = r#"{"reason":"compiler-message","message":{"level":"warning","message":"unused variable: `x`","spans":[{"file_name":"src/main.rs","line_start":3}]}}
{"reason":"compiler-message","message":{"level":"note","message":"n","spans":[]}}
{"reason":"compiler-message","message":{"level":"warning","message":"2 warnings emitted","spans":[]}}"#;
        assert_eq!(
            compiler_warnings(lines),
            ["src/main.rs:3: unused variable: `x`"]
        );
    }

    #[test]
    fn reads_the_package_name() {
        let dir = std::env::temp_dir().join(format!("translate-pkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let manifest = dir.join("Cargo.toml");
        std::fs::write(
            &manifest,
            "[workspace]\n\n[package]\nname = \"tl\"\nversion = \"0.1.0\"\n",
        )
        .unwrap();
        let Ok(text) = read_manifest(&manifest) else {
            panic!("the manifest is readable");
        };
        assert_eq!(package_name(&manifest, &text).ok().as_deref(), Some("tl"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn finds_the_jit_feature() {
        let with = "[package]\nname = \"tl\"\n\n[features]\n# The JIT.\njit = []\n";
        assert!(has_feature(with, "jit"));
        assert!(has_feature("[features]\n\"jit\" = []\n", "jit"));
        assert!(!has_feature("[features]\njitter = []\n", "jit"));
        assert!(!has_feature("[package]\njit = []\n[features]\n", "jit"));
        assert!(!has_feature("[package]\nname = \"x\"\n", "jit"));
    }
}
