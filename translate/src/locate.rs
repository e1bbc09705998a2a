//! Finding the interpreter modules of a target: every inline module carrying
//! `#[jitsupport::interpreter]` (or `#[interpreter]`) in `TARGET/src/**/*.rs`.

use crate::render;
use crate::Failure;
use std::path::{Path, PathBuf};

/// An interpreter module found in a target's sources.
pub struct FoundModule {
    /// The module's name.
    pub name: String,
    /// The file, as a path starting with the TARGET argument (for messages).
    pub file: PathBuf,
    /// The whole file's text, to show source lines in messages.
    pub source: String,
    pub module: syn::ItemMod,
}

/// Finds the interpreter modules of the target crate in `target`.
pub fn interpreter_modules(target: &Path) -> Result<Vec<FoundModule>, Failure> {
    check_target(target)?;
    if !target.join("Cargo.toml").is_file() {
        return Err(Failure::new(
            1,
            format!(
                "error: `{}` is not a target crate: there is no Cargo.toml in it; \
                 give the directory of a target, e.g. `targets/tl`",
                target.display()
            ),
        ));
    }
    let src = target.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files)
        .map_err(|e| Failure::new(1, format!("error: cannot read `{}`: {e}", src.display())))?;
    files.sort();
    let mut found = Vec::new();
    let mut errors = String::new();
    for file in files {
        let source = match std::fs::read_to_string(&file) {
            Ok(s) => s,
            Err(e) => {
                errors.push_str(&format!("error: cannot read `{}`: {e}\n", file.display()));
                continue;
            }
        };
        let parsed = match syn::parse_file(&source) {
            Ok(f) => f,
            Err(e) => {
                errors.push_str(&render::errors(&e, &file, &source));
                continue;
            }
        };
        let mut modules = Vec::new();
        collect_modules(&parsed.items, &mut modules);
        found.extend(modules.into_iter().map(|module| FoundModule {
            name: module.ident.to_string(),
            file: file.clone(),
            source: source.clone(),
            module,
        }));
    }
    if !errors.is_empty() {
        return Err(Failure::new(1, errors));
    }
    if found.is_empty() {
        return Err(Failure::new(
            1,
            format!(
                "error: no interpreter module found in `{}`: put the interpreter's core in an \
                 inline module marked `#[jitsupport::interpreter]` (`#[jitsupport::interpreter] \
                 mod core {{ ... }}`) in a file under its src/",
                target.display()
            ),
        ));
    }
    Ok(found)
}

/// The target crates beside a workspace's root (`targets/*` with a Cargo.toml), for
/// messages.
fn known_targets(root: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root.join("targets"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .map(|e| format!("targets/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    if names.is_empty() {
        "e.g. `targets/tl`".to_string()
    } else {
        format!("one of {}", names.join(", "))
    }
}

/// Rejects, with what to give instead, a TARGET that is missing, a file, or a
/// workspace's root rather than a target crate.
fn check_target(target: &Path) -> Result<(), Failure> {
    let shown = target.display();
    if !target.exists() {
        return Err(Failure::new(
            1,
            format!(
                "error: `{shown}` does not exist; give the directory of a target crate, {}",
                known_targets(Path::new("."))
            ),
        ));
    }
    if target.is_file() {
        return Err(Failure::new(
            1,
            format!(
                "error: `{shown}` is a file; give the directory of a target crate, {}",
                known_targets(target.parent().unwrap_or(Path::new(".")))
            ),
        ));
    }
    let manifest = std::fs::read_to_string(target.join("Cargo.toml")).unwrap_or_default();
    let is_workspace = manifest.lines().any(|l| l.trim() == "[workspace]");
    let is_package = manifest.lines().any(|l| l.trim() == "[package]");
    if is_workspace && !is_package {
        return Err(Failure::new(
            1,
            format!(
                "error: `{shown}` is the root of a workspace, not a target crate; give a \
                 target's directory, {}",
                known_targets(target)
            ),
        ));
    }
    Ok(())
}

/// Adds every `.rs` file under `dir`, recursively, to `out`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Adds the interpreter modules among `items` (and inside their inline modules) to `out`.
fn collect_modules(items: &[syn::Item], out: &mut Vec<syn::ItemMod>) {
    for item in items {
        if let syn::Item::Mod(m) = item {
            if m.attrs.iter().any(is_interpreter_attr) {
                out.push(m.clone());
            } else if let Some((_, inner)) = &m.content {
                collect_modules(inner, out);
            }
        }
    }
}

/// `#[interpreter]`, `#[jitsupport::interpreter]` or `#[::jitsupport::interpreter]`.
fn is_interpreter_attr(attr: &syn::Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["interpreter"] | ["jitsupport", "interpreter"]
    )
}
