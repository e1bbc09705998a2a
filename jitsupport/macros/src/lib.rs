//! The procedural macros of `jitsupport`: `#[interpreter]` and the hint attributes.

use proc_macro::TokenStream;

/// Marks the inline module that holds the JIT-visible core of an interpreter.
#[proc_macro_attribute]
pub fn interpreter(_args: TokenStream, input: TokenStream) -> TokenStream {
    input
}

macro_rules! hint_attribute {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, input: TokenStream) -> TokenStream {
            if !args.is_empty() {
                let msg = concat!("#[", stringify!($name), "] takes no arguments");
                return syn::Error::new(proc_macro2::Span::call_site(), msg)
                    .to_compile_error()
                    .into();
            }
            input
        }
    )*};
}

hint_attribute! {
    /// The function is pure: same arguments, same result, no side effect the program can
    /// see. The JIT may fold calls with constant arguments and remove repeated calls.
    elidable;
    /// The JIT does not trace through this function: it is called as a whole (a residual call).
    dont_look_inside;
    /// The loops of this function may be unrolled into the trace (they run a bounded
    /// number of times for a given green key).
    unroll_safe;
    /// The result does not change during one iteration of a jitted loop: computed once
    /// per loop and reused.
    loop_invariant;
}
