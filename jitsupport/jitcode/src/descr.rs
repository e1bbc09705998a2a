//! Descriptors: what an instruction needs to know about memory layouts and calls.
//!
//! Offsets and sizes are numbers here; at build time the macro emits them as
//! `offset_of!`/`size_of` expressions that rustc evaluates (DESIGN decision 4). Every
//! descr has a name for readers (`Frame.pc`) that is also part of its identity.

use super::Kind;
use std::borrow::Cow;

/// A field of a struct: read or written at `offset` from the object's address.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldDescr {
    pub name: Cow<'static, str>,
    pub offset: usize,
    /// The size in bytes: 1, 2, 4 or 8 for ints, 8 for refs, 4 or 8 for floats.
    pub size: u8,
    /// For ints narrower than 8 bytes: sign-extend (true) or zero-extend (false) on read.
    pub signed: bool,
    pub kind: Kind,
    /// Never written after the object is built (`#[immutable]`).
    pub immutable: bool,
}

/// The items of an array: item `n` is at `base + n * item_size` from the array's address.
/// For a `[T; N]` the base is 0; for the items of a `jitsupport::List` the address is the
/// list's items pointer (read as a raw int) and the base is 0.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArrayDescr {
    pub name: Cow<'static, str>,
    pub base: usize,
    /// The item size in bytes (the stride), as for [`FieldDescr::size`].
    pub item_size: u8,
    pub signed: bool,
    pub kind: Kind,
    /// The items are never written after the array is built (the items of an
    /// `#[immutable]` list, a string's bytes): a read at a constant index of a
    /// constant array folds.
    pub immutable: bool,
}

/// The size of an object that `new` allocates.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SizeDescr {
    pub name: Cow<'static, str>,
    pub size: usize,
    /// For an object on the GC heap (`Gc::new`): its GC type. `new` then allocates
    /// through the collector, header included, and the reference is the object's start.
    pub gc: Option<GcType>,
}

/// The GC type of a [`SizeDescr`]: a name, and a function giving the collector's type
/// id (registered on first call, so it is not a constant of the static registry).
#[derive(Clone, Debug)]
pub struct GcType {
    pub name: Cow<'static, str>,
    pub type_id: fn() -> u32,
}

impl GcType {
    /// The type id of a GC type read from jitcode text, which has no registered type:
    /// 0, which the collector refuses with a message.
    pub fn unregistered() -> u32 {
        0
    }
}

// By name: two descrs of the same type compare equal wherever their functions were
// instantiated.
impl PartialEq for GcType {
    fn eq(&self, other: &GcType) -> bool {
        self.name == other.name
    }
}

impl Eq for GcType {}

impl std::hash::Hash for GcType {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state)
    }
}

/// What the codewriter knows about a residual callee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CallFlags {
    /// Pure: the result depends only on the arguments (and immutable memory).
    pub elidable: bool,
    /// Gives the same result for the whole loop.
    pub loop_invariant: bool,
    /// May panic.
    pub can_panic: bool,
    /// A recursive call of the portal (RPython's `recursive_call`): the interpreter
    /// calling itself on a new user-level frame.
    pub recursive: bool,
    /// The effect analysis could not bound the callee's writes (external code, or a body
    /// that could not be analysed): it may write any memory, and `writes` is empty.
    pub random_effects: bool,
}

/// The signature and effects of a residual call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallDescr {
    pub name: Cow<'static, str>,
    /// The kinds of the arguments, in the callee's order. The call instruction passes
    /// them grouped by kind; the shim knows the original order.
    pub arg_kinds: Cow<'static, [Kind]>,
    /// The result kind, `None` for no result.
    pub result: Option<Kind>,
    pub flags: CallFlags,
    /// The effect analysis's summary: the indices of the field and array descrs the
    /// callee may write (meaningless when `flags.random_effects` is set).
    pub writes: Cow<'static, [u16]>,
}

/// An entry of the registry's descr table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Descr {
    Field(FieldDescr),
    Array(ArrayDescr),
    Size(SizeDescr),
    Call(CallDescr),
    /// The target of an inline call: an index into the registry's jitcodes.
    JitCode(u32),
}

impl Descr {
    /// The field descr, if this is one.
    pub fn as_field(&self) -> Option<&FieldDescr> {
        match self {
            Descr::Field(d) => Some(d),
            _ => None,
        }
    }

    /// The array descr, if this is one.
    pub fn as_array(&self) -> Option<&ArrayDescr> {
        match self {
            Descr::Array(d) => Some(d),
            _ => None,
        }
    }
}
