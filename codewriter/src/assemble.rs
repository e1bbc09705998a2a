//! Assembly: drives the steps for every graph and builds the [`Output`].

use crate::Output;
use annotator::{Analysis, Diagnostics};
use rtyper::LlProgram;

/// Codewrites every graph of `ll`; errors go to `diag`.
pub fn write_program(_analysis: &Analysis, _ll: &LlProgram, _diag: &mut Diagnostics) -> Output {
    Output {
        codes: crate::jitcode::JitCodes::new(),
        descr_layouts: Vec::new(),
        functions: Vec::new(),
        portals: Vec::new(),
    }
}
