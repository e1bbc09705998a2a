//! The analysis of each interpreter module, and the texts `--dump` prints. The one
//! place that knows the annotator's, the rtyper's and the codewriter's entry points.
//! Each phase is timed ([`Times`]), and what the report needs of the codewriter's
//! output is kept: each jitcode's size and each residual function with why it is one.

use crate::locate::FoundModule;
use crate::render;
use crate::Failure;
use std::time::{Duration, Instant};

/// An interpreter module after analysis and rtyping.
pub struct Analysed {
    pub module: FoundModule,
    pub analysis: annotator::Analysis,
    pub lltypes: LlText,
    pub jitcode: JitText,
    /// The time of each phase on this module.
    pub times: Times,
}

/// The time of each phase of the front of the toolchain.
#[derive(Clone, Copy, Debug, Default)]
pub struct Times {
    /// Flowgraphs and annotation (`annotator::analyse_file`: the module with its `include!`d files).
    pub annotate: Duration,
    /// Low-level graphs (`rtyper::rtype`).
    pub rtype: Duration,
    /// Jitcode (`codewriter::write`).
    pub codewrite: Duration,
}

/// A function the jitcode calls natively instead of tracing into, and why.
pub struct Residual {
    /// Its name as the jitcode names it (`Frame::push`, `crate::io::print_int`).
    pub name: String,
    /// Why the JIT does not look inside.
    pub why: &'static str,
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
    /// Each jitcode's name and size in bytes (its code, without constants and tables).
    pub sizes: Vec<(String, usize)>,
    /// The residual functions, with why each is one.
    pub residuals: Vec<Residual>,
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

/// Runs the rtyper and the codewriter on `analysis`, timing each.
fn rtype(
    analysis: &annotator::Analysis,
    times: &mut Times,
) -> Result<(LlText, JitText), syn::Error> {
    let started = Instant::now();
    let ll = rtyper::rtype(analysis)?;
    times.rtype = started.elapsed();
    let started = Instant::now();
    let out = codewriter::write(analysis, &ll)?;
    times.codewrite = started.elapsed();
    let (bytes, constants) = out.size();
    let jitcode = JitText {
        text: codewriter::print_jitcodes(&out),
        count: out.codes.jitcodes.len(),
        bytes,
        constants,
        sizes: out
            .codes
            .jitcodes
            .iter()
            .map(|j| (j.name.to_string(), j.code.len()))
            .collect(),
        residuals: out
            .functions
            .iter()
            .map(|f| Residual {
                name: f.name.clone(),
                why: if out.portals.iter().any(|p| p.function == f.name) {
                    "the portal calling itself: a new interpretation the JIT can enter"
                } else {
                    why_residual(analysis, f)
                },
            })
            .collect(),
    };
    Ok((LlText(rtyper::print_program(&ll)), jitcode))
}

/// Why the jitcode calls `f` natively.
fn why_residual(analysis: &annotator::Analysis, f: &codewriter::ResidualFunction) -> &'static str {
    if !f.in_module {
        return if f.path.starts_with("jitsupport::") {
            "a runtime helper of jitsupport (allocating or growing a list)"
        } else {
            "outside the interpreter module: opaque, called natively"
        };
    }
    let hints = analysis
        .program
        .functions
        .iter()
        .find(|d| match &d.impl_of {
            Some(owner) => format!("{owner}::{}", d.name) == f.name,
            None => d.name == f.name,
        })
        .map(|d| d.hints);
    match hints {
        Some(h) if h.dont_look_inside => "#[dont_look_inside]: its body is not analysed",
        Some(h) if h.elidable => "#[elidable]: called natively, folded on constant arguments",
        Some(h) if h.loop_invariant => "#[loop_invariant]: called once per loop iteration",
        _ => "a call the codewriter keeps opaque",
    }
}

/// Analyses every module; on errors, renders all of them (of every module) and fails.
pub fn analyse_all(modules: Vec<FoundModule>) -> Result<Vec<Analysed>, Failure> {
    let mut done = Vec::new();
    let mut message = String::new();
    let mut errors = 0;
    let mut failed = Vec::new();
    for found in modules {
        let mut times = Times::default();
        let started = Instant::now();
        let result =
            annotator::analyse_file(&found.module, Some(&found.file)).and_then(|analysis| {
                times.annotate = started.elapsed();
                let (lltypes, jitcode) = rtype(&analysis, &mut times)?;
                Ok((analysis, lltypes, jitcode))
            });
        match result {
            Ok((analysis, lltypes, jitcode)) => done.push(Analysed {
                module: found,
                analysis,
                lltypes,
                jitcode,
                times,
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
