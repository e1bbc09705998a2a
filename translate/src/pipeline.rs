//! The analysis of each interpreter module, and the texts `--dump` prints. The one
//! place that knows the annotator's, the rtyper's and the codewriter's entry points.

use crate::locate::FoundModule;
use crate::render;
use crate::Failure;

/// An interpreter module after analysis and rtyping.
pub struct Analysed {
    pub module: FoundModule,
    pub analysis: annotator::Analysis,
    pub lltypes: LlText,
    pub jitcode: JitText,
}

/// The rtyper's result, kept as what `--dump=lltypes` prints.
pub struct LlText(String);

/// The codewriter's result, kept as what `--dump=jitcode` prints, with its size.
pub struct JitText {
    text: String,
    /// The number of jitcodes.
    pub count: usize,
    /// Bytes of jitcode in all (code, constants, liveness, switch tables).
    pub bytes: usize,
    /// Constants in all.
    pub constants: usize,
}

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

    /// The jitcode of every function, with its `-live-` points.
    pub fn jitcode_text(&self) -> String {
        self.jitcode.text.clone()
    }
}

/// Runs the rtyper and the codewriter on `analysis`.
fn rtype(analysis: &annotator::Analysis) -> Result<(LlText, JitText), syn::Error> {
    let ll = rtyper::rtype(analysis)?;
    let out = codewriter::write(analysis, &ll)?;
    let (bytes, constants) = out.size();
    let jitcode = JitText {
        text: codewriter::print_jitcodes(&out),
        count: out.codes.jitcodes.len(),
        bytes,
        constants,
    };
    Ok((LlText(rtyper::print_program(&ll)), jitcode))
}

/// Analyses every module; on errors, renders all of them (of every module) and fails.
pub fn analyse_all(modules: Vec<FoundModule>) -> Result<Vec<Analysed>, Failure> {
    let mut done = Vec::new();
    let mut message = String::new();
    let mut errors = 0;
    let mut failed = Vec::new();
    for found in modules {
        let result = annotator::analyse(&found.module).and_then(|analysis| {
            let (lltypes, jitcode) = rtype(&analysis)?;
            Ok((analysis, lltypes, jitcode))
        });
        match result {
            Ok((analysis, lltypes, jitcode)) => done.push(Analysed {
                module: found,
                analysis,
                lltypes,
                jitcode,
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
