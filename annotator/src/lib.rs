//! The front half of Pyrite's translation toolchain: flow analysis and annotation.
//!
//! 1. [`Program::collect`] reads the items of an `#[jitsupport::interpreter]` module.
//! 2. [`flow::build_graphs`] turns every function body into an SSA [`Graph`].
//! 3. [`annotate::annotate`] gives every variable and constant a [`Type`].
//! 4. [`immutable::check`] reports writes to `#[immutable]` fields after construction;
//!    [`quasi::check`] reports writes to `#[quasi_immutable]` fields other than
//!    `quasi_write!`.
//!
//! [`analyse`] runs the three steps; [`print`] is the text form of the result.

pub mod aliases;
pub mod annotate;
pub mod diag;
pub mod externs;
pub mod flow;
pub mod golden;
pub mod immutable;
pub mod include;
pub mod model;
pub mod ops;
pub mod print;
pub mod program;
pub mod quasi;
pub mod strings;
pub mod types;

pub use diag::Diagnostics;
pub use model::{
    Block, BlockData, Case, Const, ConstData, ConstValue, Exit, Graph, Link, Op, Value, Var,
};
pub use ops::{Callee, MethodCall, OpKind};
pub use program::Program;
pub use types::{IntTy, Type};

/// An analysed interpreter module: its items and one annotated graph per function.
pub struct Analysis {
    pub program: Program,
    /// One graph per function of `program` that the JIT may look inside, in program
    /// order. Functions marked `#[dont_look_inside]` have none: their bodies are not
    /// analysed (they may use anything) and calls to them are residual, typed by their
    /// signature.
    pub graphs: Vec<Graph>,
}

impl Analysis {
    pub fn graph(&self, name: &str) -> Option<&Graph> {
        self.graphs.iter().find(|g| g.name == name)
    }
}

/// Collects, flow-analyses and annotates `module`, and checks its `#[immutable]` fields.
/// Every error found is reported. The files of its `include!` items are found through
/// their spans, which works inside rustc; elsewhere use [`analyse_file`].
pub fn analyse(module: &syn::ItemMod) -> Result<Analysis, syn::Error> {
    analyse_file(module, None)
}

/// [`analyse`] of a module that is in the source file `file` (`None`: ask the spans),
/// whose `include!` items are read relative to that file ([`include::expand`]). An
/// error inside an included file is reported at its top-level `include!` with the
/// included file's line and column, when the tokens carry locations (outside rustc).
pub fn analyse_file(
    module: &syn::ItemMod,
    file: Option<&std::path::Path>,
) -> Result<Analysis, syn::Error> {
    let mut diag = Diagnostics::new();
    let expanded = include::expand(module, file, &mut diag);
    diag.finish()?;
    analyse_expanded(&expanded.module).map_err(|e| {
        let (own, located) = include::locate(e, &expanded.files);
        include::combine(own, located, &expanded.files)
    })
}

/// [`analyse`] of a module whose `include!` items are already expanded.
pub fn analyse_expanded(module: &syn::ItemMod) -> Result<Analysis, syn::Error> {
    let mut diag = Diagnostics::new();
    let program = Program::collect(module, &mut diag);
    // Graphs of functions with unsupported constructs are left out of annotation, so
    // that the errors of the other functions are still found and reported.
    let built = flow::build_graphs(&program, &mut diag);
    let mut graphs: Vec<Graph> = built.into_iter().flatten().collect();
    annotate::annotate(&program, &mut graphs, &mut diag);
    immutable::check(&program, &graphs, &mut diag);
    quasi::check(&program, &mut diag);
    diag.finish()?;
    Ok(Analysis { program, graphs })
}
