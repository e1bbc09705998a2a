//! The analysis of each interpreter module, and the texts `--dump` prints. The one
//! place that knows the annotator's and the rtyper's entry points.

use crate::locate::FoundModule;
use crate::render;
use crate::Failure;

/// An interpreter module after analysis and rtyping.
pub struct Analysed {
    pub module: FoundModule,
    pub analysis: annotator::Analysis,
    pub lltypes: LlText,
}

/// The rtyper's result, kept as what `--dump=lltypes` prints.
pub struct LlText(String);

impl Analysed {
    pub fn function_count(&self) -> usize {
        self.analysis.program.functions.len()
    }

    /// The annotated flowgraphs of every analysed function.
    pub fn graphs_text(&self) -> String {
        annotator::print::graphs_to_string(&self.analysis.graphs)
    }

    /// The low-level graphs and layouts.
    pub fn lltypes_text(&self) -> String {
        self.lltypes.0.clone()
    }
}

/// Runs the rtyper on `analysis`.
fn rtype(analysis: &annotator::Analysis) -> Result<LlText, syn::Error> {
    let ll = rtyper::rtype(analysis)?;
    Ok(LlText(rtyper::print_program(&ll)))
}

/// Analyses every module; on errors, renders all of them (of every module) and fails.
pub fn analyse_all(modules: Vec<FoundModule>) -> Result<Vec<Analysed>, Failure> {
    let mut done = Vec::new();
    let mut message = String::new();
    let mut errors = 0;
    let mut failed = Vec::new();
    for found in modules {
        let result = annotator::analyse(&found.module).and_then(|analysis| {
            let lltypes = rtype(&analysis)?;
            Ok((analysis, lltypes))
        });
        match result {
            Ok((analysis, lltypes)) => done.push(Analysed {
                module: found,
                analysis,
                lltypes,
            }),
            Err(e) => {
                errors += render::count(&e);
                failed.push(format!("`{}`", found.name));
                message.push_str(&render::errors(&e, &found.file, &found.source));
            }
        }
    }
    if errors > 0 {
        let plural = if errors == 1 { "" } else { "s" };
        message.push_str(&format!(
            "error: could not analyse the interpreter module {} due to {errors} error{plural}\n",
            failed.join(", ")
        ));
        return Err(Failure::new(1, message));
    }
    Ok(done)
}
