//! [`JitCodes`]: everything the JIT knows about one interpreter's code.
//!
//! The registry holds the jitcode of every function, the descr table shared by all of
//! them (so a descr's index is its identity everywhere, e.g. for heap caches and effect
//! analysis), the residual functions, and for each driver the jitcode of its portal.

use super::{Descr, JitCode};
use std::borrow::Cow;

/// The uniform signature through which jitcode calls a residual function.
///
/// The macro generates one shim per residual function. The shim reads the arguments from
/// three arrays, one per kind (`ints` holds the int arguments in call order, and likewise
/// `refs` and `floats`; the shim knows the function's real signature and puts them back in
/// order), calls the function, and writes the result's bits to `*result`: an int as `i64`
/// bits, a ref as the address, a float as `f64::to_bits`; nothing for no result.
///
/// It is `extern "C-unwind"` so that machine code can call it and a panic in the function
/// unwinds through it exactly as a native call would.
///
/// # Safety
/// Callers pass arrays holding at least as many values of each kind as the function takes,
/// and refs that are valid for the function's parameter types.
pub type Shim = unsafe extern "C-unwind" fn(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    result: *mut u64,
);

/// A function the jitcode calls residually (natively, without looking inside).
#[derive(Clone, Debug)]
pub struct ResidualFn {
    pub name: Cow<'static, str>,
    /// `None` where no code exists: at build time, or for a jitcode parsed from text.
    pub shim: Option<Shim>,
}

impl PartialEq for ResidualFn {
    /// Compares names and whether a shim is present (function addresses are not unique).
    fn eq(&self, other: &ResidualFn) -> bool {
        self.name == other.name && self.shim.is_some() == other.shim.is_some()
    }
}

/// All jitcodes, descrs and residual functions of an interpreter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JitCodes {
    pub jitcodes: Cow<'static, [JitCode]>,
    pub descrs: Cow<'static, [Descr]>,
    pub functions: Cow<'static, [ResidualFn]>,
    /// For each driver (by index), the index of its portal's jitcode.
    pub portals: Cow<'static, [u32]>,
}

impl JitCodes {
    /// An empty registry, to be filled by the codewriter or a test.
    pub fn new() -> JitCodes {
        JitCodes::default()
    }

    /// The index of `descr` in the descr table, adding it if it is not there yet.
    ///
    /// # Panics
    /// If the table would exceed 65536 entries (a descr operand is two bytes).
    pub fn add_descr(&mut self, descr: Descr) -> u16 {
        let index = match self.descrs.iter().position(|d| *d == descr) {
            Some(index) => index,
            None => {
                self.descrs.to_mut().push(descr);
                self.descrs.len() - 1
            }
        };
        u16::try_from(index).expect("more than 65536 descrs in one interpreter")
    }

    /// The index of the jitcode named `name`, declaring an empty one if there is none, so
    /// that inline calls can refer to a function assembled later.
    pub fn declare_jitcode(&mut self, name: &str) -> u32 {
        if let Some(index) = self.jitcode_index(name) {
            return index;
        }
        self.jitcodes.to_mut().push(JitCode::empty(name.to_owned()));
        (self.jitcodes.len() - 1) as u32
    }

    /// Stores the assembled jitcode under its name (declared or new), returning its index.
    pub fn set_jitcode(&mut self, jitcode: JitCode) -> u32 {
        let index = self.declare_jitcode(&jitcode.name);
        self.jitcodes.to_mut()[index as usize] = jitcode;
        index
    }

    /// The descr index of an inline call to the jitcode named `name` (declared if needed).
    pub fn jitcode_descr(&mut self, name: &str) -> u16 {
        let index = self.declare_jitcode(name);
        self.add_descr(Descr::JitCode(index))
    }

    /// The index of the residual function named `name`, adding it if needed; a given shim
    /// replaces a missing one.
    pub fn add_function(&mut self, name: &str, shim: Option<Shim>) -> u32 {
        match self.functions.iter().position(|f| f.name == name) {
            Some(index) => {
                if shim.is_some() {
                    self.functions.to_mut()[index].shim = shim;
                }
                index as u32
            }
            None => {
                self.functions.to_mut().push(ResidualFn {
                    name: Cow::Owned(name.to_owned()),
                    shim,
                });
                (self.functions.len() - 1) as u32
            }
        }
    }

    /// The index of the jitcode named `name`.
    pub fn jitcode_index(&self, name: &str) -> Option<u32> {
        self.jitcodes
            .iter()
            .position(|j| j.name == name)
            .map(|i| i as u32)
    }

    /// The index of the jitcode of the function named `name` (`run`, `Frame::push`): how
    /// the runtime finds a function's jitcode in a registry the macro emitted.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.jitcode_index(name)
    }

    /// The index of the portal jitcode of the driver with index `driver` (drivers are
    /// numbered in the order the interpreter module declares them).
    pub fn portal(&self, driver: usize) -> Option<u32> {
        self.portals.get(driver).copied()
    }

    /// The jitcode named `name`.
    pub fn jitcode(&self, name: &str) -> Option<&JitCode> {
        self.jitcodes.iter().find(|j| j.name == name)
    }

    /// The total size of all jitcodes ([`JitCode::size`]), for reports.
    pub fn size(&self) -> usize {
        self.jitcodes.iter().map(JitCode::size).sum()
    }
}
