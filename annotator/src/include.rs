//! A core spread over several files: `include!("file.rs");` items of the interpreter
//! module are read from their files and their items join the module, so that the
//! analysis sees one program (DESIGN decision 1).
//!
//! Why `include!` and not `mod x;`: rustc rejects a file module inside the input of an
//! attribute macro on stable Rust (E0658, "file modules in proc macro input are
//! unstable"), so `mod x;` cannot appear under `#[jitsupport::interpreter]`. `include!`
//! in item position is stable, and rustc resolves its path as this module does: relative
//! to the directory of the file that contains the invocation (an included file's own
//! `include!`s relative to that file).
//!
//! 1. [`expand`] replaces every `include!("path")` item of the module, recursively, by
//!    the items of the file, and records each file as an [`Included`].
//! 2. The analysis runs on the expanded module. An error inside an included file is
//!    reported at the top-level `include!` in the module's own file (the only place
//!    where a proc macro can put an error), with the included file's path, line and
//!    column in its message ([`locate`]). Outside rustc (the `translate` command, tests)
//!    every token carries its file's line and column, so [`locate`] finds them directly;
//!    inside rustc a proc macro's tokens parsed from a string have no location, so the
//!    macro runs the analysis a second time on a copy with locations (see
//!    `jitsupport/macros/src/emit.rs`).

use crate::Diagnostics;
use proc_macro2::{Span, TokenStream, TokenTree};
use std::path::{Path, PathBuf};
use syn::spanned::Spanned;

/// A file whose items were included into the module.
#[derive(Clone, Debug)]
pub struct Included {
    /// The file as read (relative to rustc's working directory, or absolute).
    pub path: PathBuf,
    /// The span of the top-level `include!` item in the module's own file through which
    /// this file was reached (itself, or the file that includes it).
    pub at: Span,
    /// Index of that top-level `include!` among the module's items.
    pub top: usize,
    /// The name under which proc-macro2 knows the parsed text when tokens carry
    /// locations (`Span::file()`, such as `<parsed string 3>`), else `None`.
    pub file_id: Option<String>,
}

/// What [`expand`] made of the module.
pub struct Expanded {
    /// The module with every `include!` item replaced by the items of its file.
    pub module: syn::ItemMod,
    /// Every file read, in the order of reading.
    pub files: Vec<Included>,
    /// For each item of the original module, the range of items of [`Self::module`]
    /// that stand for it (one item, or the items of an included file).
    pub item_ranges: Vec<std::ops::Range<usize>>,
}

/// The path of an `include!("path")` item, with the span of its literal; `None` for
/// other items.
pub fn include_path(item: &syn::Item) -> Option<(String, Span)> {
    let syn::Item::Macro(m) = item else {
        return None;
    };
    let name = m.mac.path.segments.last()?.ident.to_string();
    let std_path = m.mac.path.segments.len() == 1
        || m.mac.path.segments[0].ident == "std"
        || m.mac.path.segments[0].ident == "core";
    if name != "include" || !std_path {
        return None;
    }
    let lit: syn::LitStr = syn::parse2(m.mac.tokens.clone()).ok()?;
    Some((lit.value(), lit.span()))
}

/// Reads the files of the module's `include!` items (`base` is the file holding the
/// module; `None` asks the span of each `include!` for it, which only rustc knows).
/// A missing file, a file that does not parse, an include cycle and a file module
/// (`mod x;`) are errors in `diag`.
pub fn expand(module: &syn::ItemMod, base: Option<&Path>, diag: &mut Diagnostics) -> Expanded {
    let mut out = module.clone();
    let mut files = Vec::new();
    let mut item_ranges = Vec::new();
    let Some((_, items)) = &module.content else {
        return Expanded {
            module: out,
            files,
            item_ranges,
        };
    };
    let mut expanded = Vec::new();
    for (top, item) in items.iter().enumerate() {
        let start = expanded.len();
        match include_path(item) {
            Some((path, span)) => {
                let including = base.map(Path::to_path_buf).or_else(|| span.local_file());
                match including {
                    Some(including) => {
                        let mut reader = Reader {
                            top,
                            at: span,
                            files: &mut files,
                            stack: Vec::new(),
                            diag,
                        };
                        reader.read(&including, &path, span, &mut expanded);
                    }
                    None => diag.error(
                        span,
                        "`include!` in an interpreter module: the analysis cannot tell which \
                         file this module is in here (it is not running inside rustc); \
                         pass the file to `annotator::analyse_file`",
                    ),
                }
            }
            None => {
                file_module_error(item, diag);
                expanded.push(item.clone());
            }
        }
        item_ranges.push(start..expanded.len());
    }
    if let Some((_, items)) = &mut out.content {
        *items = expanded;
    }
    Expanded {
        module: out,
        files,
        item_ranges,
    }
}

/// `mod x;` (a file module) gets an error saying to include the file instead.
fn file_module_error(item: &syn::Item, diag: &mut Diagnostics) {
    if let syn::Item::Mod(m) = item {
        if m.content.is_none() {
            diag.error(
                m.span(),
                format!(
                    "a file module (`mod {name};`) cannot go inside #[jitsupport::interpreter] \
                     (rustc rejects file modules in an attribute's input on stable Rust); \
                     write `include!(\"{name}.rs\");` instead: the file's items join the core \
                     (the path is relative to this file's directory, as for `include!`)",
                    name = m.ident
                ),
            );
        }
    }
}

struct Reader<'a> {
    top: usize,
    at: Span,
    files: &'a mut Vec<Included>,
    /// The files being read, outermost first, to find cycles.
    stack: Vec<PathBuf>,
    diag: &'a mut Diagnostics,
}

impl Reader<'_> {
    /// Reads `path` (as written in an `include!` of the file `including`) and appends its
    /// items to `out`, its own `include!`s expanded.
    fn read(&mut self, including: &Path, path: &str, span: Span, out: &mut Vec<syn::Item>) {
        let dir = including.parent().unwrap_or_else(|| Path::new(""));
        let file = dir.join(path);
        let key = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if self.stack.contains(&key) {
            self.diag.error(
                span,
                format!(
                    "`include!(\"{path}\")` includes itself (through {})",
                    show(&file)
                ),
            );
            return;
        }
        let source = match std::fs::read_to_string(&file) {
            Ok(s) => s,
            Err(e) => {
                self.diag.error(
                    span,
                    format!(
                        "cannot read `{}` for `include!(\"{path}\")`: {e}",
                        show(&file)
                    ),
                );
                return;
            }
        };
        let tokens: TokenStream = match source.parse() {
            Ok(t) => t,
            Err(e) => {
                self.diag
                    .error(span, format!("`{}` does not lex as Rust: {e}", show(&file)));
                return;
            }
        };
        let file_id = first_span(&tokens)
            .map(|s| s.file())
            .filter(|f| f.starts_with('<'));
        // Inside rustc the tokens have no location: put them at the top-level
        // `include!`, so that rustc's own messages about them point there.
        let tokens = if file_id.is_some() {
            tokens
        } else {
            respan(tokens, self.at)
        };
        let parsed: syn::File = match syn::parse2(tokens) {
            Ok(f) => f,
            Err(e) => {
                let where_ = if file_id.is_some() {
                    let start = e.span().start();
                    format!("{}:{}:{}", show(&file), start.line, start.column + 1)
                } else {
                    show(&file)
                };
                self.diag.error(span, format!("{where_}: {e}"));
                return;
            }
        };
        self.files.push(Included {
            path: file.clone(),
            at: self.at,
            top: self.top,
            file_id,
        });
        self.stack.push(key);
        for item in parsed.items {
            match include_path(&item) {
                Some((inner, inner_span)) => self.read(&file, &inner, inner_span, out),
                None => {
                    file_module_error(&item, self.diag);
                    out.push(item);
                }
            }
        }
        self.stack.pop();
    }
}

fn show(path: &Path) -> String {
    path.display().to_string()
}

fn first_span(tokens: &TokenStream) -> Option<Span> {
    tokens.clone().into_iter().next().map(|t| t.span())
}

/// `tokens` with every span set to `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut t| {
            if let TokenTree::Group(g) = &t {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                t = TokenTree::Group(group);
            } else {
                t.set_span(span);
            }
            t
        })
        .collect()
}

/// An error of the analysis located in an included file.
pub struct Located {
    /// Which top-level `include!` it is under.
    pub top: usize,
    /// The message, with the file, line and column appended.
    pub message: String,
}

/// Splits `errors` into those in the module's own file and those in included files
/// (found by the file of their span, which only tokens with locations have), and puts
/// the latter at their top-level `include!` with the included file's path, line and
/// column in the message.
pub fn locate(errors: syn::Error, files: &[Included]) -> (Vec<syn::Error>, Vec<Located>) {
    let mut own = Vec::new();
    let mut located = Vec::new();
    for e in errors {
        let span = e.span();
        let file = span.file();
        match files
            .iter()
            .find(|f| f.file_id.as_deref() == Some(file.as_str()))
        {
            Some(f) => {
                let start = span.start();
                located.push(Located {
                    top: f.top,
                    message: format!(
                        "{e}\n  --> {}:{}:{} (in the file included here)",
                        show(&f.path),
                        start.line,
                        start.column + 1
                    ),
                });
            }
            None => own.push(e),
        }
    }
    (own, located)
}

/// The errors of `locate` as one `syn::Error`, the located ones at their `include!`.
pub fn combine(own: Vec<syn::Error>, located: Vec<Located>, files: &[Included]) -> syn::Error {
    let mut all = own;
    for l in located {
        let at = files
            .iter()
            .find(|f| f.top == l.top)
            .map_or_else(Span::call_site, |f| f.at);
        all.push(syn::Error::new(at, l.message));
    }
    let mut iter = all.into_iter();
    let mut first = iter
        .next()
        .unwrap_or_else(|| syn::Error::new(Span::call_site(), "analysis failed"));
    for e in iter {
        first.combine(e);
    }
    first
}
