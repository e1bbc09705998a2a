//! The rtyper: annotated flowgraphs to low-level graphs, as RPython's `rtyper` with
//! `lltypesystem`.
//!
//! 1. [`Layouts::build`] records the layout of every struct and enum with payload of the
//!    module (sizes and offsets as Rust expressions; see [`layout`]) and reports fields
//!    and enums without a guaranteed layout.
//! 2. [`lower::lower_graph`] turns each annotated graph into an [`LlGraph`]: every value
//!    becomes zero or more values of kind int, ref or float ([`repr`]), every flowgraph
//!    operation becomes low-level operations ([`ops`]).
//!
//! 3. [`verify::verify`] checks the invariants of every low-level graph.
//!
//! [`rtype`] runs them and reports every error; [`print_program`] is the text form
//! (`translate --dump=lltypes`) and [`layout_tokens`] the items that make rustc check
//! every layout expression.

pub mod layout;
pub mod lltype;
pub mod lower;
pub mod model;
pub mod ops;
pub mod print;
pub mod repr;
pub mod verify;

pub use layout::{ArrayDescr, CallDescr, FieldDescr, LayoutExpr, Layouts, SizeDescr};
pub use lltype::{Kind, LlType};
pub use model::{
    LlBlock, LlBlockData, LlCase, LlConst, LlExit, LlGraph, LlLink, LlOp, LlProgram, LlValue, LlVar,
};
pub use ops::{DriverDescr, LlOpKind, ResultKind};
pub use print::{print_graph, print_layouts, print_program};

use annotator::{Analysis, Diagnostics};
use proc_macro2::TokenStream;

/// Lowers every graph of `analysis`. All errors are reported together.
pub fn rtype(analysis: &Analysis) -> Result<LlProgram, syn::Error> {
    let mut diag = Diagnostics::new();
    let mut layouts = Layouts::build(&analysis.program, &mut diag);
    let mut graphs = Vec::new();
    for g in &analysis.graphs {
        let ll = lower::lower_graph(&analysis.program, &mut layouts, g, &mut diag);
        // A broken graph after errors is expected; without errors it is a bug.
        if !diag.has_errors() {
            if let Err(why) = verify::verify(&ll) {
                diag.error(
                    g.span,
                    format!(
                        "internal error in the rtyper (a bug, please report it): the \
                         low-level graph of `{}` is malformed: {why}",
                        g.name
                    ),
                );
            }
        }
        graphs.push(ll);
    }
    diag.finish()?;
    Ok(LlProgram { graphs, layouts })
}

/// The items the `#[interpreter]` macro emits inside the module as
/// `#[doc(hidden)] pub mod __pyrite { use super::*; ... }`: the mirror structs of enum
/// variants and a constant that makes rustc evaluate every size and offset of `program`.
pub fn layout_tokens(program: &LlProgram) -> TokenStream {
    layout::layout_tokens(&program.layouts)
}
