//! The JIT driver: the greens and reds of an interpreter's dispatch loop.

/// Declares the variables of an interpreter's dispatch loop, as RPython's `JitDriver`.
///
/// *Greens* identify a position in the user's program (a program counter, the code
/// object): a loop of the user's program is a cycle of green keys. *Reds* are the rest of
/// the interpreter state live at the merge point (the stack, the frame, accumulators).
///
/// ```
/// use jitsupport::JitDriver;
/// static DRIVER: JitDriver = JitDriver::new(&["pc", "program"], &["stack"]);
/// assert_eq!(DRIVER.greens(), &["pc", "program"]);
/// ```
///
/// Inside an interpreter module the declaration must be a `static` of exactly this form,
/// and the names must be local variables at every [`jit_merge_point!`](crate::jit_merge_point)
/// and [`can_enter_jit!`](crate::can_enter_jit) of the driver, given in the same order.
///
/// One red may be the driver's *virtualizable* (RPython's `virtualizables=['frame']`):
/// a `&mut` reference to a struct marked `#[virtualizable(field, array[*], ...)]`, whose
/// listed fields and array items compiled code keeps in registers (see the README's
/// section on virtualizables):
///
/// ```
/// use jitsupport::JitDriver;
/// static DRIVER: JitDriver = JitDriver::new(&["pc"], &["frame"]).virtualizable("frame");
/// assert_eq!(DRIVER.virtualizable_red(), Some("frame"));
/// ```
#[derive(Debug)]
pub struct JitDriver {
    greens: &'static [&'static str],
    reds: &'static [&'static str],
    virtualizable: Option<&'static str>,
}

impl JitDriver {
    /// A driver with the given green and red variable names.
    pub const fn new(greens: &'static [&'static str], reds: &'static [&'static str]) -> JitDriver {
        JitDriver {
            greens,
            reds,
            virtualizable: None,
        }
    }

    /// The same driver with the red `red` as its virtualizable.
    pub const fn virtualizable(self, red: &'static str) -> JitDriver {
        JitDriver {
            virtualizable: Some(red),
            ..self
        }
    }

    /// The name of the virtualizable red, if the driver has one.
    pub fn virtualizable_red(&self) -> Option<&'static str> {
        self.virtualizable
    }

    /// The names of the green variables, in order.
    pub fn greens(&self) -> &'static [&'static str] {
        self.greens
    }

    /// The names of the red variables, in order.
    pub fn reds(&self) -> &'static [&'static str] {
        self.reds
    }
}

/// Marks the top of the interpreter's dispatch loop: `jit_merge_point!(DRIVER; greens...; reds...)`.
///
/// There is one per driver, at the start of the loop body, before the next instruction
/// is fetched. The variables are listed in the order the driver declares them. Natively
/// it does nothing; it only borrows the variables for an instant.
#[macro_export]
macro_rules! jit_merge_point {
    ($driver:ident; $($green:ident),* ; $($red:ident),+ $(,)?) => {{
        let _ = (&$driver, $(&$green,)* $(&$red,)+);
    }};
}

/// Marks a place where the user's program may close a loop (a backward jump):
/// `can_enter_jit!(DRIVER; greens...; reds...)`, with the greens of the jump's target.
///
/// The JIT counts passes through each green key here to find hot loops. Natively it
/// does nothing.
#[macro_export]
macro_rules! can_enter_jit {
    ($driver:ident; $($green:ident),* ; $($red:ident),+ $(,)?) => {{
        let _ = (&$driver, $(&$green,)* $(&$red,)+);
    }};
}
