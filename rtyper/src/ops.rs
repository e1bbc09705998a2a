//! The low-level operations, declared once in one table.
//!
//! Names follow RPython's `lloperation.py`. Integer operations act on 64-bit registers
//! holding normalized values (see [`crate::repr`]); after wrapping arithmetic on a type
//! narrower than 64 bits the rtyper emits the narrowing explicitly: `int_signext(x, n)`
//! for signed types, `int_and(x, mask)` for unsigned ones. Shift amounts are masked to the
//! bit width before the shift. Division truncates; the rtyper branches to the panic
//! block on a zero divisor and on `MIN / -1` before the division, and on an index out
//! of bounds before an item access, so no operation here panics: what can fail is an
//! edge, which is what the JIT will guard.
//!
//! Each entry is `Variant(payload) => "name", result, [flags]` where `result` is the
//! kind of the result (`i`, `r`, `f`), `v` for none, or `x` when it depends on the
//! operands or the descriptor (calls, `same_as`).

use crate::layout::{ArrayDescr, CallDescr, FieldDescr, SizeDescr};
use crate::lltype::Kind;
use annotator::IntTy;
use std::fmt;

/// The JIT driver of a `jit_merge_point` or `can_enter_jit`, and how many of the
/// operation's arguments are greens (the rest are reds).
#[derive(Clone, Debug, PartialEq)]
pub struct DriverDescr {
    pub name: String,
    pub greens: usize,
}

/// What a low-level operation produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    Void,
    Kind(Kind),
    /// Depends on the operands or the descriptor.
    Varies,
}

macro_rules! ll_op_table {
    ($(
        $(#[$doc:meta])*
        $variant:ident $(($payload:ty))? => $name:literal, $res:ident, [$($flag:ident),*];
    )*) => {
        /// A low-level operation.
        #[derive(Clone, Debug, PartialEq)]
        pub enum LlOpKind {
            $( $(#[$doc])* $variant $(($payload))?, )*
        }

        impl LlOpKind {
            /// The name used by the text form.
            pub fn name(&self) -> &'static str {
                match self {
                    $( LlOpKind::$variant { .. } => $name, )*
                }
            }

            pub fn result_kind(&self) -> ResultKind {
                match self {
                    $( LlOpKind::$variant { .. } => ll_op_table!(@res $res), )*
                }
            }

            /// No side effect, reads no mutable memory.
            pub fn is_pure(&self) -> bool {
                match self {
                    $( LlOpKind::$variant { .. } => ll_op_table!(@flag pure; $($flag)*), )*
                }
            }

            /// Must be the last op of a block with an `Overflow` exit.
            pub fn is_ovf(&self) -> bool {
                match self {
                    $( LlOpKind::$variant { .. } => ll_op_table!(@flag ovf; $($flag)*), )*
                }
            }
        }
    };
    (@res i) => { ResultKind::Kind(Kind::Int) };
    (@res r) => { ResultKind::Kind(Kind::Ref) };
    (@res f) => { ResultKind::Kind(Kind::Float) };
    (@res v) => { ResultKind::Void };
    (@res x) => { ResultKind::Varies };
    (@flag $want:ident;) => { false };
    (@flag pure; pure $($rest:ident)*) => { true };
    (@flag ovf; ovf $($rest:ident)*) => { true };
    (@flag $want:ident; $other:ident $($rest:ident)*) => { ll_op_table!(@flag $want; $($rest)*) };
}

ll_op_table! {
    // ---- integer arithmetic, wrapping on 64 bits ----
    IntAdd => "int_add", i, [pure];
    IntSub => "int_sub", i, [pure];
    IntMul => "int_mul", i, [pure];
    /// Signed division truncating toward zero; the divisor is known non-zero.
    IntDiv => "int_div", i, [pure];
    UintDiv => "uint_div", i, [pure];
    IntRem => "int_rem", i, [pure];
    UintRem => "uint_rem", i, [pure];
    IntNeg => "int_neg", i, [pure];
    /// Bitwise not.
    IntInvert => "int_invert", i, [pure];
    /// Wrapping absolute value.
    IntAbs => "int_abs", i, [pure];
    IntMin => "int_min", i, [pure];
    IntMax => "int_max", i, [pure];
    UintMin => "uint_min", i, [pure];
    UintMax => "uint_max", i, [pure];
    IntAnd => "int_and", i, [pure];
    IntOr => "int_or", i, [pure];
    IntXor => "int_xor", i, [pure];
    /// The amount is already masked to the bit width.
    IntLshift => "int_lshift", i, [pure];
    IntRshift => "int_rshift", i, [pure];
    UintRshift => "uint_rshift", i, [pure];
    /// Logical not of 0 or 1.
    BoolNot => "bool_not", i, [pure];
    /// `int_signext(x, n)`: sign-extends the low `n` bytes of `x`.
    IntSignext => "int_signext", i, [pure];
    // ---- integer comparisons, giving 0 or 1 ----
    IntLt => "int_lt", i, [pure];
    IntLe => "int_le", i, [pure];
    IntGt => "int_gt", i, [pure];
    IntGe => "int_ge", i, [pure];
    IntEq => "int_eq", i, [pure];
    IntNe => "int_ne", i, [pure];
    UintLt => "uint_lt", i, [pure];
    UintLe => "uint_le", i, [pure];
    UintGt => "uint_gt", i, [pure];
    UintGe => "uint_ge", i, [pure];
    // ---- checked 64-bit arithmetic: last op of a block with an Overflow exit ----
    IntAddOvf => "int_add_ovf", i, [pure, ovf];
    IntSubOvf => "int_sub_ovf", i, [pure, ovf];
    IntMulOvf => "int_mul_ovf", i, [pure, ovf];
    UintAddOvf => "uint_add_ovf", i, [pure, ovf];
    UintSubOvf => "uint_sub_ovf", i, [pure, ovf];
    UintMulOvf => "uint_mul_ovf", i, [pure, ovf];
    // ---- overflow flags of 64-bit arithmetic (narrower types compare instead) ----
    IntAddOverflows => "int_add_overflows", i, [pure];
    IntSubOverflows => "int_sub_overflows", i, [pure];
    IntMulOverflows => "int_mul_overflows", i, [pure];
    UintAddOverflows => "uint_add_overflows", i, [pure];
    UintSubOverflows => "uint_sub_overflows", i, [pure];
    UintMulOverflows => "uint_mul_overflows", i, [pure];
    // ---- floats ----
    FloatAdd => "float_add", f, [pure];
    FloatSub => "float_sub", f, [pure];
    FloatMul => "float_mul", f, [pure];
    FloatDiv => "float_div", f, [pure];
    FloatNeg => "float_neg", f, [pure];
    FloatAbs => "float_abs", f, [pure];
    FloatSqrt => "float_sqrt", f, [pure];
    /// `f64::min`: a NaN operand gives the other operand.
    FloatMin => "float_min", f, [pure];
    FloatMax => "float_max", f, [pure];
    FloatLt => "float_lt", i, [pure];
    FloatLe => "float_le", i, [pure];
    FloatGt => "float_gt", i, [pure];
    FloatGe => "float_ge", i, [pure];
    FloatEq => "float_eq", i, [pure];
    FloatNe => "float_ne", i, [pure];
    // ---- conversions ----
    /// A signed (or zero-extended narrow) integer to the nearest f64.
    CastIntToFloat => "cast_int_to_float", f, [pure];
    /// A 64-bit unsigned integer to the nearest f64.
    CastUintToFloat => "cast_uint_to_float", f, [pure];
    /// Saturating, NaN to 0, as Rust's `as` to the payload type.
    CastFloatToInt(IntTy) => "cast_float_to_int", i, [pure];
    // ---- pointers ----
    PtrNonzero => "ptr_nonzero", i, [pure];
    PtrIszero => "ptr_iszero", i, [pure];
    PtrEq => "ptr_eq", i, [pure];
    PtrNe => "ptr_ne", i, [pure];
    // ---- memory ----
    /// Allocates zeroed memory for one value of the described size.
    New(SizeDescr) => "new", r, [];
    /// Whether the GC object's class (its header's type id) is the size descr's GC type.
    GcClassIs(SizeDescr) => "gc_class_is", i, [];
    /// The GC object itself when its class is the size descr's GC type, else null.
    GcDowncast(SizeDescr) => "gc_downcast", r, [];
    GetfieldI(FieldDescr) => "getfield_i", i, [];
    GetfieldR(FieldDescr) => "getfield_r", r, [];
    GetfieldF(FieldDescr) => "getfield_f", f, [];
    /// A pointer to a struct, list, array or enum held inline in a field.
    Getsubstruct(FieldDescr) => "getsubstruct", r, [pure];
    Setfield(FieldDescr) => "setfield", v, [];
    /// Items of an array, by pointer to the array.
    GetarrayitemI(ArrayDescr) => "getarrayitem_i", i, [];
    GetarrayitemR(ArrayDescr) => "getarrayitem_r", r, [];
    GetarrayitemF(ArrayDescr) => "getarrayitem_f", f, [];
    Getarraysubstruct(ArrayDescr) => "getarraysubstruct", r, [pure];
    Setarrayitem(ArrayDescr) => "setarrayitem", v, [];
    /// Items of a list's storage, by raw address (an int).
    GetarrayitemRawI(ArrayDescr) => "getarrayitem_raw_i", i, [];
    GetarrayitemRawR(ArrayDescr) => "getarrayitem_raw_r", r, [];
    GetarrayitemRawF(ArrayDescr) => "getarrayitem_raw_f", f, [];
    GetarraysubstructRaw(ArrayDescr) => "getarraysubstruct_raw", r, [pure];
    SetarrayitemRaw(ArrayDescr) => "setarrayitem_raw", v, [];
    /// `memcopy(dst, src)`: copies one value of the described size (a struct moved into
    /// a field or an item).
    Memcopy(SizeDescr) => "memcopy", v, [];
    // ---- calls ----
    /// A call of a function of the module whose jitcode the JIT may look inside.
    DirectCall(String) => "direct_call", x, [];
    /// A call of native code the JIT does not look inside.
    ResidualCall(CallDescr) => "residual_call", x, [];
    // ---- JIT hints ----
    JitMergePoint(DriverDescr) => "jit_merge_point", v, [];
    CanEnterJit(DriverDescr) => "can_enter_jit", v, [];
    PromoteI => "promote_i", i, [];
    PromoteR => "promote_r", r, [];
    PromoteF => "promote_f", f, [];
    WeAreJitted => "we_are_jitted", i, [];
    /// Copies a value of any kind.
    SameAs => "same_as", x, [pure];
}

impl fmt::Display for LlOpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
