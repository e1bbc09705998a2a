//! What the toolchain's analysis rejects in the Python core, counted by kind: the
//! "Road to the JIT" table of the crate's README comes from this program.
//!
//! `cargo run -p python --example jit_census` puts the files of the core (the files
//! [`CORE`] names, which will go under `#[jitsupport::interpreter]`) into one inline
//! module, as `include!` will join them, runs the annotator on it (flow analysis and
//! annotation, what `translate` runs first) and prints every error it reports, grouped
//! by message and counted, with the files they are in. `--list` first prints each error
//! with its file and line; `--boundary` lists the files outside the core and why.
//!
//! Two things the count does not show by itself:
//! - the analysis leaves a function with a construct it cannot build out of
//!   annotation, so the annotation errors of such a function appear only once its
//!   flow errors are gone: the count is a lower bound;
//! - the module is one namespace (as `include!` makes it): a name defined in two files
//!   is counted under "names defined in more than one file", and a call through a path
//!   into another file of the core (`ops::eq(..)`) is counted under "calls through a
//!   path into the core" (the analysis would take it for a call out of the module,
//!   opaque to the JIT).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files of the core, relative to `src/`: the eval loop and the object space, the
/// builtins and builtin modules. Every other file of `src/interpreter/`,
/// `src/objspace/` and `src/module/` is in [`OUTSIDE`], with the reason it is residual;
/// the census stops on a file in neither list, so the boundary is decided file by file.
const CORE: &[&str] = &[
    "interpreter/bytecode.rs",
    "interpreter/error.rs",
    "interpreter/executioncontext.rs",
    "interpreter/frame.rs",
    "interpreter/call.rs",
    "interpreter/eval.rs",
    "objspace/object.rs",
    "objspace/space.rs",
    "objspace/typeobject.rs",
    "objspace/instance.rs",
    "objspace/function.rs",
    "objspace/ops.rs",
    "objspace/int.rs",
    "objspace/str.rs",
    "objspace/list.rs",
    "objspace/tuple.rs",
    "objspace/dict.rs",
    "objspace/set.rs",
    "objspace/range.rs",
    "objspace/misc.rs",
    "module/table.rs",
    "module/builtins.rs",
    "module/strmethods.rs",
    "module/bytesmethods.rs",
    "module/strformat.rs",
    "module/mathmod.rs",
    "module/random.rs",
    "module/itertools.rs",
    "module/collections.rs",
];

/// The files of the interpreter's directories outside the core, relative to `src/`,
/// each with why: the JIT calls their functions as residual calls (PyPy's JIT calls
/// out for the same work). The front end, the compiler and the driver (`src/front/`,
/// `src/compile/`, `run.rs`, `cli.rs`) are outside too.
const OUTSIDE: &[(&str, &str)] = &[
    ("interpreter/mod.rs", "module declarations"),
    (
        "interpreter/loader.rs",
        "compiled code to W_Code, once per code object",
    ),
    (
        "interpreter/messages.rs",
        "formatted error messages (oefmt), cold",
    ),
    ("objspace/mod.rs", "module declarations"),
    (
        "objspace/format.rs",
        "number formatting and parsing (float repr, format specs, int text)",
    ),
    (
        "objspace/repr.rs",
        "reprs and strs of builtin objects as Rust text",
    ),
    ("objspace/mro.rs", "the C3 MRO of a new class"),
    (
        "objspace/bigint.rs",
        "big-int arithmetic on num-bigint (PyPy's rbigint calls)",
    ),
    (
        "objspace/heapbytes.rs",
        "GC byte arrays borrowed as slices: the one unsafe",
    ),
    (
        "objspace/threadlocal.rs",
        "the thread's words (no thread-local reference in the toolchain yet)",
    ),
    (
        "module/mod.rs",
        "imports: builtin modules' setup, .py modules",
    ),
    (
        "module/messages.rs",
        "builtins' formatted errors past oefmt, cold",
    ),
    (
        "module/codecs.rs",
        "str.encode, bytes.decode, bytes.fromhex, bytes.hex",
    ),
    (
        "module/textformat.rs",
        "str.format and %-formatting: format strings parsed into Rust text",
    ),
    (
        "module/unicode.rs",
        "the Unicode database: character classes, case mapping",
    ),
    ("module/libm.rs", "libm's erf, tgamma, lgamma"),
    ("module/randomseed.rs", "seeding random's generators"),
    ("module/sys.rs", "the process's I/O"),
];

/// One file of the core inside the joined text: its name and first line there.
struct Part {
    name: &'static str,
    first_line: usize,
}

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    if let Err(e) = check_boundary(&src) {
        eprintln!("jit_census: {e}");
        std::process::exit(1);
    }
    let (text, parts) = match join(&src) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("jit_census: {e}");
            std::process::exit(1);
        }
    };
    let file: syn::File = match syn::parse_str(&text) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jit_census: the joined core does not parse: {e}");
            std::process::exit(1);
        }
    };
    let Some(syn::Item::Mod(module)) = file.items.first() else {
        eprintln!("jit_census: no module in the joined core");
        std::process::exit(1);
    };
    let mut kinds: BTreeMap<String, Vec<(&'static str, usize)>> = BTreeMap::new();
    for (name, at) in duplicates(module, &parts) {
        kinds
            .entry("names defined in more than one file: the module is one namespace".to_string())
            .or_default()
            .push(at);
        if list {
            println!("defined twice: {name} ({}:{})", at.0, at.1);
        }
    }
    let core_modules = core_module_names();
    for at in path_calls(module, &parts, &core_modules) {
        kinds
            .entry("calls through a path into the core (`ops::eq(..)`)".to_string())
            .or_default()
            .push(at);
    }
    if let Err(errors) = annotator::analyse_expanded(module) {
        for e in errors {
            let line = e.span().start().line;
            if list {
                let (f, l) = place(&parts, line);
                println!("{f}:{l}: {e}");
            }
            kinds
                .entry(kind_of(&e.to_string()))
                .or_default()
                .push(place(&parts, line));
        }
    }
    let total: usize = kinds.values().map(Vec::len).sum();
    println!(
        "{total} rejected constructs in {} files of the core ({} files of its directories outside it)",
        CORE.len(),
        OUTSIDE.len()
    );
    if std::env::args().any(|a| a == "--boundary") {
        println!("\noutside the core:");
        for (f, why) in OUTSIDE {
            println!("  {f}: {why}");
        }
    }
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for (kind, places) in &kinds {
        *groups.entry(group(kind)).or_default() += places.len();
    }
    let mut rows: Vec<(&&str, &usize)> = groups.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("\nby group (the README's table):");
    for (g, n) in rows {
        println!("{n:5}  {g}");
    }
    println!("\nby message:");
    let mut rows: Vec<(&String, &Vec<(&str, usize)>)> = kinds.iter().collect();
    rows.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (kind, places) in rows {
        let mut files: BTreeMap<&str, usize> = BTreeMap::new();
        for (f, _) in places {
            *files.entry(f).or_default() += 1;
        }
        let mut by_count: Vec<(&&str, &usize)> = files.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1));
        let shown: Vec<String> = by_count
            .iter()
            .take(4)
            .map(|(f, n)| format!("{f} {n}"))
            .collect();
        println!("{:5}  {kind}  [{}]", places.len(), shown.join(", "));
    }
}

/// Checks that every `.rs` file of `src/interpreter/`, `src/objspace/` and
/// `src/module/` is in exactly one of [`CORE`] and [`OUTSIDE`].
fn check_boundary(src: &Path) -> Result<(), String> {
    for dir in ["interpreter", "objspace", "module"] {
        let entries =
            std::fs::read_dir(src.join(dir)).map_err(|e| format!("cannot read src/{dir}: {e}"))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read src/{dir}: {e}"))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".rs") {
                continue;
            }
            let file = format!("{dir}/{name}");
            let core = CORE.contains(&file.as_str());
            let outside = OUTSIDE.iter().any(|(f, _)| *f == file);
            if core == outside {
                return Err(format!(
                    "src/{file} is {} of CORE and OUTSIDE: put it in one (examples/jit_census.rs)",
                    if core { "in both" } else { "in neither" }
                ));
            }
        }
    }
    Ok(())
}

/// The files of [`CORE`] joined into one `mod core { ... }`: their inner attributes
/// and doc comments and their `mod x;` declarations left out (the lines are kept, so
/// that lines still count).
fn join(src: &Path) -> Result<(String, Vec<Part>), String> {
    let mut text = String::from("mod core {\n");
    let mut parts = Vec::new();
    let mut line = 2;
    for &name in CORE {
        let path: PathBuf = src.join(name);
        let body = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        parts.push(Part {
            name,
            first_line: line,
        });
        for l in body.lines() {
            let t = l.trim_start();
            let skip = t.starts_with("//!")
                || t.starts_with("#![")
                || (t.starts_with("pub mod ") || t.starts_with("mod ")) && t.ends_with(';');
            if !skip {
                text.push_str(l);
            }
            text.push('\n');
            line += 1;
        }
    }
    text.push_str("}\n");
    Ok((text, parts))
}

/// The README's group of a kind of error.
fn group(kind: &str) -> &'static str {
    const GROUPS: &[(&str, &str)] = &[
        (
            "`_` is only supported on `_` in a function",
            "`?` on a `PyResult<T>`",
        ),
        (
            "this path pattern",
            "path patterns naming an enum the analysis cannot see",
        ),
        ("cannot find", "names the analysis cannot find"),
        ("turbofish", "turbofish `::<T>`"),
        ("the macro `format!`", "`format!` and `vec!`"),
        ("the macro `vec!`", "`format!` and `vec!`"),
        ("the macro `", "the eval loop's local macros"),
        (
            "calls through a path",
            "calls through a path into another file of the core",
        ),
        (
            "closures are not supported",
            "closures and calls of closures",
        ),
        (
            "`_` is a local variable: calls of closures",
            "closures and calls of closures",
        ),
        (
            "ranges are only supported",
            "ranges outside a `for`, `for` over other iterators",
        ),
        (
            "`_` is only supported over integer ranges",
            "ranges outside a `for`, `for` over other iterators",
        ),
        (
            "type mismatch",
            "annotation: types not inferred or mismatched",
        ),
        (
            "cannot infer",
            "annotation: types not inferred or mismatched",
        ),
        ("`_` needs ", "annotation: types not inferred or mismatched"),
        (
            "`_` from `_` to `_`",
            "annotation: types not inferred or mismatched",
        ),
        (
            "items inside function bodies",
            "items inside function bodies",
        ),
        (
            "names defined in more than one file",
            "names defined in two files",
        ),
        ("generic functions", "generic functions"),
        ("`_` blocks are not supported", "`unsafe` blocks"),
    ];
    for (start, g) in GROUPS {
        if kind.starts_with(start) {
            return g;
        }
    }
    "the rest"
}

/// The file and line of line `line` of the joined text.
fn place(parts: &[Part], line: usize) -> (&'static str, usize) {
    let mut at = ("?", line);
    for p in parts {
        if line >= p.first_line {
            at = (p.name, line - p.first_line + 1);
        }
    }
    at
}

/// The kind of an error: its message without what is particular to one place (names
/// in backquotes, numbers), except the name of a macro, which is the kind.
fn kind_of(message: &str) -> String {
    let first = message.split(';').next().unwrap_or(message);
    let keep_first = first.starts_with("the macro ");
    let mut out = String::new();
    let mut in_quote = false;
    let mut quotes = 0;
    for c in first.chars() {
        if c == '`' {
            if !in_quote {
                quotes += 1;
                if !(keep_first && quotes == 1) {
                    out.push_str("`_`");
                }
            }
            in_quote = !in_quote;
            if keep_first && quotes == 1 {
                out.push('`');
            }
            continue;
        }
        if in_quote && keep_first && quotes == 1 {
            out.push(c);
            continue;
        }
        if !in_quote {
            out.push(if c.is_ascii_digit() { 'N' } else { c });
        }
    }
    out
}

/// The names of the core's Rust modules (`ops`, `builtins`, ...): a call through a
/// path whose last module is one of them is a call into another file of the core.
fn core_module_names() -> Vec<String> {
    CORE.iter()
        .filter_map(|f| Path::new(f).file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .collect()
}

/// Functions, methods' types, structs, enums and consts defined at the top level of two
/// or more files, each with the place of its second definition.
fn duplicates(module: &syn::ItemMod, parts: &[Part]) -> Vec<(String, (&'static str, usize))> {
    let mut seen: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut out = Vec::new();
    let items = module.content.as_ref().map(|c| &c.1[..]).unwrap_or(&[]);
    for item in items {
        let ident = match item {
            syn::Item::Fn(f) => &f.sig.ident,
            syn::Item::Struct(s) => &s.ident,
            syn::Item::Enum(e) => &e.ident,
            syn::Item::Const(c) => &c.ident,
            syn::Item::Static(s) => &s.ident,
            _ => continue,
        };
        let at = place(parts, ident.span().start().line);
        let name = ident.to_string();
        if name == "_" {
            continue;
        }
        match seen.get(&name) {
            Some(first) if *first != at.0 => out.push((name, at)),
            Some(_) => {}
            None => {
                seen.insert(name, at.0);
            }
        }
    }
    out
}

/// Calls `..::m::f(..)` of a function `f` of a module `m` of the core.
fn path_calls(
    module: &syn::ItemMod,
    parts: &[Part],
    core: &[String],
) -> Vec<(&'static str, usize)> {
    struct Finder<'a> {
        parts: &'a [Part],
        core: &'a [String],
        out: Vec<(&'static str, usize)>,
    }
    impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let segs = &p.path.segments;
                if segs.len() >= 2 {
                    // The module the function is in: a file of the core.
                    let module = segs[segs.len() - 2].ident.to_string();
                    if self.core.contains(&module) {
                        let line = segs[0].ident.span().start().line;
                        self.out.push(place(self.parts, line));
                    }
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut f = Finder {
        parts,
        core,
        out: Vec::new(),
    };
    syn::visit::visit_item_mod(&mut f, module);
    f.out
}
