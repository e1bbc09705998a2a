//! Error accumulation: every error of one expansion is reported, not only the first
//! (serde's `Ctxt` does the same).

use proc_macro2::Span;
use std::fmt::Display;

/// Collects compile errors, each at the span of the offending code.
#[derive(Default)]
pub struct Diagnostics {
    errors: Vec<syn::Error>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records an error at `span`. The message says what is wrong and what to do.
    pub fn error(&mut self, span: Span, message: impl Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    pub fn errors(&self) -> &[syn::Error] {
        &self.errors
    }

    /// All errors so far as one `syn::Error` (whose `to_compile_error` emits each), or `Ok`.
    pub fn finish(self) -> Result<(), syn::Error> {
        let mut iter = self.errors.into_iter();
        match iter.next() {
            None => Ok(()),
            Some(mut first) => {
                for e in iter {
                    first.combine(e);
                }
                Err(first)
            }
        }
    }
}
