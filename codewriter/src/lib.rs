//! The codewriter: low-level graphs to jitcode, as RPython's `codewriter` package.
//!
//! [`write()`] turns every low-level graph of an interpreter into a [`JitCode`] and collects
//! them, with the descr table and the residual functions, in a [`JitCodes`] registry.
//! Its steps, one module each, named after RPython's:
//!
//! 1. [`jtransform`]: low-level operations become jitcode-level operations with descrs;
//!    comparisons feeding a branch fuse into `goto_if_not_<cmp>`, `promote` becomes a
//!    guard-value op, calls are classified (inline, residual, elidable, loop-invariant,
//!    recursive calls of the portal), and [`effectinfo`] computes what residual calls
//!    may write;
//! 2. [`regalloc`]: one register per variable and kind, by greedy colouring of the
//!    interference graph with link arguments coalesced;
//! 3. [`flatten`]: blocks become a linear list of instructions with labels, link
//!    arguments become register moves;
//! 4. [`liveness`]: `-live-` points before guards-to-be, at calls and at merge points;
//! 5. [`assemble`]: the [`Assembler`](jitcode::Assembler) encodes each function.
//!
//! The codewriter runs at macro time, when no layout is known: descrs are built with
//! offset 0 and the [`Output`] keeps, for every descr, the Rust expressions of its
//! offsets and sizes ([`DescrLayout`]), which the macro emits into static data for rustc
//! to evaluate, and which tests resolve with [`Output::resolve_layouts`].
//!
//! The jitcode format is defined once, in the crate `jitsupport-jitcode`
//! (`jitsupport/jitcode`), which this crate and the runtime both depend on (the runtime
//! re-exports it as `jitsupport::jitcode`, the name emitted code uses). It is a crate of
//! its own because jitsupport depends on the macro crate, which depends on this one.

pub use jitsupport_jitcode as jitcode;

pub mod assemble;
pub mod effectinfo;
pub mod emit;
pub mod flatten;
pub mod jtransform;
pub mod liveness;
pub mod regalloc;
pub mod vable;

use annotator::{Analysis, Type};
use jitcode::{JitCode, JitCodes, Kind};
use rtyper::{LayoutExpr, LlProgram, LlType};

/// Everything the codewriter produces for one interpreter module.
#[derive(Clone, Debug)]
pub struct Output {
    /// Every function's jitcode (by name: `run`, `Frame::push`), the descr table, the
    /// residual function table (names only, no shims) and the portals (one per driver,
    /// in the order of [`Output::portals`]). Descr offsets and sizes are 0 until
    /// resolved: see [`Output::descr_layouts`].
    pub codes: JitCodes,
    /// For each descr of `codes.descrs`, by index, the layout expressions of its numbers.
    pub descr_layouts: Vec<DescrLayout>,
    /// For each entry of `codes.functions`, by index, what a shim needs to call it.
    pub functions: Vec<ResidualFunction>,
    /// One per driver, in the order of `codes.portals`.
    pub portals: Vec<Portal>,
}

/// The Rust expressions of a descr's numbers; the variant follows the descr's.
///
/// Each expression is a [`LayoutExpr`]: `.tokens()` gives absolute-path tokens to be
/// evaluated inside the interpreter module (as `rtyper::layout_tokens` is), `Display`
/// a short text form.
#[derive(Clone, Debug, PartialEq)]
pub enum DescrLayout {
    /// A field: `FieldDescr::offset` and `FieldDescr::size` (the size of the value in
    /// memory: 1, 2, 4 or 8 for ints and floats, the pointer size for refs).
    Field {
        offset: LayoutExpr,
        size: LayoutExpr,
    },
    /// Array items: `ArrayDescr::base` and `ArrayDescr::item_size` (the stride).
    Array {
        base: LayoutExpr,
        item_size: LayoutExpr,
    },
    /// `SizeDescr::size`, and for a GC object the payload type whose `GcType` gives
    /// the type id.
    Size {
        size: LayoutExpr,
        gc: Option<annotator::Type>,
    },
    /// Call and jitcode descrs have no layout numbers.
    None,
}

/// How the JIT treats a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallClass {
    /// `#[dont_look_inside]` or outside the module: called natively, opaque.
    Residual,
    /// `#[elidable]`: called natively; equal arguments give equal results.
    Elidable,
    /// `#[loop_invariant]`: called natively, once per loop iteration.
    LoopInvariant,
    /// The portal calling itself: called natively through its shim by the blackhole
    /// (as RPython's `recursive_call`), so that a later JIT can enter it.
    Recursive,
}

/// A function that jitcode calls natively, through a shim.
#[derive(Clone, Debug, PartialEq)]
pub struct ResidualFunction {
    /// The name in the function table and in `<Fn "name">` (the path as written).
    pub name: String,
    /// The path to call, as seen from inside the interpreter module: `fetch`,
    /// `Frame::push` for module functions (the shim, one module down, prefixes `super::`),
    /// `crate::io::emit` or `std::process::exit` for others, as written at the call.
    pub path: String,
    /// A function of the interpreter module (then `params` and `ret` are its signature),
    /// rather than outside code (then they are the annotated types at a call in the
    /// source, or for the rtyper's list helpers their signatures, a `*mut List<T>`
    /// parameter given as `&mut List<T>`).
    pub in_module: bool,
    /// The Rust type of each parameter, `self` first for methods (`&Frame`, `&mut Frame`
    /// or `Frame` for `self` by value). An int-like type means an int register, a
    /// reference, `Option<&T>` or `&str` a ref register, `f64` a float register.
    pub params: Vec<Type>,
    /// The kinds of the parameters, in order (the jitcode passes them grouped by kind:
    /// the shim reads the i-th int parameter from `ints[i]`, and so on).
    pub arg_kinds: Vec<Kind>,
    /// The Rust return type.
    pub ret: Type,
    /// The low-level types of the result leaves: none for `()` and `!`, one for a
    /// scalar or a reference, several for a tuple or an `Option` of a non-pointer (the
    /// shim writes leaf `k` to `result.add(k)`, as bits: ints sign- or zero-extended to
    /// 64 bits, bool and char as 0/1 and code point, refs as addresses, floats by
    /// `to_bits`; for an `Option` the first leaf is 1 for `Some`, 0 for `None`).
    pub results: Vec<LlType>,
    pub class: CallClass,
    /// May panic ([`effectinfo::can_panic`]).
    pub can_panic: bool,
}

/// A driver's portal: the function holding its `jit_merge_point`.
#[derive(Clone, Debug, PartialEq)]
pub struct Portal {
    /// The driver's static name (`DRIVER`).
    pub driver: String,
    /// The index of the portal's jitcode in `codes.jitcodes`.
    pub jitcode: u32,
    /// The portal function's name (`run`).
    pub function: String,
    /// The greens, by variable name, with the kind of each low-level leaf.
    pub greens: Vec<(String, Vec<Kind>)>,
    /// The reds, likewise.
    pub reds: Vec<(String, Vec<Kind>)>,
}

impl Output {
    /// The jitcode of the function named `name`.
    pub fn jitcode(&self, name: &str) -> Option<&JitCode> {
        self.codes.jitcode(name)
    }

    /// The registry with every descr's numbers computed by `value`, which maps a layout
    /// expression to its value (tests supply `offset_of!` results through it; see
    /// [`LayoutExpr`]'s `Display` for the text it may match on). The descr table is
    /// otherwise unchanged.
    pub fn resolve_layouts(&self, mut value: impl FnMut(&LayoutExpr) -> usize) -> JitCodes {
        let mut codes = self.codes.clone();
        for (descr, layout) in codes.descrs.to_mut().iter_mut().zip(&self.descr_layouts) {
            match (descr, layout) {
                (jitcode::Descr::Field(d), DescrLayout::Field { offset, size }) => {
                    d.offset = value(offset);
                    d.size = value(size) as u8;
                }
                (jitcode::Descr::Array(d), DescrLayout::Array { base, item_size }) => {
                    d.base = value(base);
                    d.item_size = value(item_size) as u8;
                }
                (jitcode::Descr::Size(d), DescrLayout::Size { size, .. }) => d.size = value(size),
                _ => {}
            }
        }
        codes
    }

    /// The total size of all jitcodes in bytes (code, constants, liveness, switch
    /// tables) and the number of constants, for reports.
    pub fn size(&self) -> (usize, usize) {
        let consts = self
            .codes
            .jitcodes
            .iter()
            .map(|j| j.const_ints.len() + j.const_refs.len() + j.const_floats.len())
            .sum();
        (self.codes.size(), consts)
    }
}

/// Turns every low-level graph of `ll` (rtyped from `analysis`) into jitcode. All errors
/// are reported together.
pub fn write(analysis: &Analysis, ll: &LlProgram) -> Result<Output, syn::Error> {
    let mut diag = annotator::Diagnostics::new();
    let out = assemble::write_program(analysis, ll, &mut diag);
    diag.finish()?;
    Ok(out)
}

/// Analyses, rtypes and codewrites an interpreter module: the whole front of the
/// toolchain, for tools and tests.
pub fn write_module(module: &syn::ItemMod) -> Result<Output, syn::Error> {
    let analysis = annotator::analyse(module)?;
    let ll = rtyper::rtype(&analysis)?;
    write(&analysis, &ll)
}

/// The jitcode text form of every function (`translate --dump=jitcode`): the residual
/// functions, the descr table, the portals, then each jitcode with its `-live-` points.
pub fn print_jitcodes(out: &Output) -> String {
    jitcode::print_registry(&out.codes)
}
