//! Why a trace was abandoned: one table of reasons with their messages (LuaJIT's
//! `lj_traceerr.h`). The `jit-abort` log section and the `jit-summary` count aborts by
//! [`AbortReason::name`].

use std::fmt;

macro_rules! abort_reasons {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal, $message:literal; )*) => {
        /// Why tracing stopped without a trace to compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum AbortReason {
            $( $(#[$doc])* $variant, )*
        }

        impl AbortReason {
            /// Every reason, in table order.
            pub const ALL: &'static [AbortReason] = &[$(AbortReason::$variant),*];

            /// A short name, for the summary and for tests.
            pub const fn name(self) -> &'static str {
                match self { $( AbortReason::$variant => $name, )* }
            }

            /// What happened, as a sentence for the log.
            pub const fn message(self) -> &'static str {
                match self { $( AbortReason::$variant => $message, )* }
            }
        }
    };
}

abort_reasons! {
    /// The trace grew past the `trace_limit` parameter.
    TooLong => "trace-too-long", "the trace grew longer than trace_limit operations";
    /// The portal returned before the loop closed.
    PortalReturned => "portal-returned", "the portal function returned before the loop closed";
    /// A residual function returns several results, which a trace cannot express.
    SeveralResults => "several-results", "a residual call with several results cannot be traced";
    /// A residual function without a shim (a registry built without code).
    NoShim => "no-shim", "a residual function has no shim to call";
    /// Inline calls nested deeper than the tracer allows.
    TooDeep => "too-deep", "inline calls nested too deeply";
    /// The optimizer found that the loop cannot run (a guard that always fails).
    InvalidLoop => "invalid-loop", "the optimizer rejected the loop";
    /// The backend could not compile the trace.
    CompileFailed => "compile-failed", "the backend could not compile the trace";
    /// A green value was not a constant at the merge point.
    GreenNotConstant => "green-not-constant", "a green variable was not constant at the merge point";
    /// The virtualizable red at a merge point was not the frame the trace started with.
    VableChanged => "vable-changed", "the virtualizable at a merge point is not the trace's frame";
    /// An item of a virtualizable array out of its bounds.
    VableIndex => "vable-index", "an index of a virtualizable array out of its bounds";
    /// A trace came back to a loop header, but the ops since it could not be made a loop.
    InnerLoop => "inner-loop-failed", "the ops since a repeated loop header could not be made a loop of their own";
    /// The JIT's memory limit (`memory_limit`) is reached: nothing new is compiled.
    MemoryLimit => "memory-limit", "the JIT's memory limit is reached";
}

impl fmt::Display for AbortReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
