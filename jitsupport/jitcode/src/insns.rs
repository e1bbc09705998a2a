//! The jitcode instruction set, declared once in one table.
//!
//! Every instruction has a name and a string of *argcodes* that says how its operands
//! are encoded after the one-byte opcode; `name/argcodes` is its key, as RPython's
//! `int_add/ii>i`. The argcodes are:
//!
//! | code | operand | encoding |
//! |---|---|---|
//! | `i` `r` `f` | a register or constant of that kind | 1 byte: registers first, then constants, in one index space per kind |
//! | `L` | a label | 2 bytes, the code offset, little-endian |
//! | `d` | a descr: an index into the registry's descr table (for `switch`, into the jitcode's switch tables) | 2 bytes |
//! | `I` `R` `F` | a list of registers or constants of that kind | 1-byte count, then 1 byte each |
//! | `v` | a liveness entry: an index into the jitcode's liveness table | 2 bytes |
//! | `>i` `>r` `>f` | the result register (always a register, never a constant) | 1 byte |
//!
//! The opcode is the instruction's index in the table.
//!
//! Semantics are those of the low-level graphs: integer arithmetic wraps; `int_floordiv` and
//! `int_mod` truncate toward zero, as C's `/` and `%`; shift counts are taken modulo 64;
//! `int_signext a, n` sign-extends the low `n` bytes of `a`; comparisons give 0 or 1;
//! `cast_float_to_int` saturates like Rust's `as`. The `goto_if_not*` family jumps to its
//! label when the condition is false. `int_add_ovf a, b, L -> r` jumps to `L` (leaving `r`
//! unwritten) when the signed addition overflows. Residual calls take the callee as an `i`
//! operand: an index into the registry's function table.

use super::Kind;

/// The properties of an instruction that later stages ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flags {
    /// Ends the straight-line code: the next instruction is reached only through a label.
    pub is_final: bool,
    /// May transfer control to a label (conditional or not).
    pub is_branch: bool,
    /// Calls another function (inline or residual).
    pub is_call: bool,
    /// May become a guard in a trace: the codewriter puts a `-live-` before it.
    pub is_guard_point: bool,
}

macro_rules! insn_table {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $name:literal, $args:literal, [$($flag:ident),*];
    )*) => {
        /// A jitcode instruction; its discriminant is its opcode byte.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[$doc])* $variant, )*
        }

        impl Opcode {
            /// Every instruction, in opcode order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant),*];

            /// The name used by the text form (`int_add`).
            pub const fn name(self) -> &'static str {
                match self {
                    $( Opcode::$variant => $name, )*
                }
            }

            /// The argcodes (`ii>i`); see the module documentation.
            pub const fn argcodes(self) -> &'static str {
                match self {
                    $( Opcode::$variant => $args, )*
                }
            }

            /// The instruction's flags.
            pub const fn flags(self) -> Flags {
                match self {
                    $( Opcode::$variant => Flags {
                        is_final: insn_table!(@has final; $($flag)*),
                        is_branch: insn_table!(@has branch; $($flag)*),
                        is_call: insn_table!(@has call; $($flag)*),
                        is_guard_point: insn_table!(@has guard; $($flag)*),
                    }, )*
                }
            }
        }
    };
    (@has $want:ident;) => { false };
    (@has final; final $($rest:ident)*) => { true };
    (@has branch; branch $($rest:ident)*) => { true };
    (@has call; call $($rest:ident)*) => { true };
    (@has guard; guard $($rest:ident)*) => { true };
    (@has $want:ident; $other:ident $($rest:ident)*) => { insn_table!(@has $want; $($rest)*) };
}

insn_table! {
    // ---- moves ----
    IntCopy => "int_copy", "i>i", [];
    RefCopy => "ref_copy", "r>r", [];
    FloatCopy => "float_copy", "f>f", [];
    /// Saves a value in the frame's one temporary slot of its kind (to break move cycles).
    IntPush => "int_push", "i", [];
    RefPush => "ref_push", "r", [];
    FloatPush => "float_push", "f", [];
    /// Reads back the temporary slot of its kind.
    IntPop => "int_pop", ">i", [];
    RefPop => "ref_pop", ">r", [];
    FloatPop => "float_pop", ">f", [];
    // ---- control flow ----
    /// A liveness point: the registers live here are in the jitcode's liveness table.
    Live => "-live-", "v", [];
    Goto => "goto", "L", [final, branch];
    GotoIfNot => "goto_if_not", "iL", [branch, guard];
    GotoIfNotIntLt => "goto_if_not_int_lt", "iiL", [branch, guard];
    GotoIfNotIntLe => "goto_if_not_int_le", "iiL", [branch, guard];
    GotoIfNotIntGt => "goto_if_not_int_gt", "iiL", [branch, guard];
    GotoIfNotIntGe => "goto_if_not_int_ge", "iiL", [branch, guard];
    GotoIfNotIntEq => "goto_if_not_int_eq", "iiL", [branch, guard];
    GotoIfNotIntNe => "goto_if_not_int_ne", "iiL", [branch, guard];
    GotoIfNotUintLt => "goto_if_not_uint_lt", "iiL", [branch, guard];
    GotoIfNotUintLe => "goto_if_not_uint_le", "iiL", [branch, guard];
    GotoIfNotUintGt => "goto_if_not_uint_gt", "iiL", [branch, guard];
    GotoIfNotUintGe => "goto_if_not_uint_ge", "iiL", [branch, guard];
    GotoIfNotIntIsZero => "goto_if_not_int_is_zero", "iL", [branch, guard];
    GotoIfNotIntIsTrue => "goto_if_not_int_is_true", "iL", [branch, guard];
    GotoIfNotPtrEq => "goto_if_not_ptr_eq", "rrL", [branch, guard];
    GotoIfNotPtrNe => "goto_if_not_ptr_ne", "rrL", [branch, guard];
    GotoIfNotPtrNonzero => "goto_if_not_ptr_nonzero", "rL", [branch, guard];
    GotoIfNotPtrIszero => "goto_if_not_ptr_iszero", "rL", [branch, guard];
    GotoIfNotFloatLt => "goto_if_not_float_lt", "ffL", [branch, guard];
    GotoIfNotFloatLe => "goto_if_not_float_le", "ffL", [branch, guard];
    GotoIfNotFloatGt => "goto_if_not_float_gt", "ffL", [branch, guard];
    GotoIfNotFloatGe => "goto_if_not_float_ge", "ffL", [branch, guard];
    GotoIfNotFloatEq => "goto_if_not_float_eq", "ffL", [branch, guard];
    GotoIfNotFloatNe => "goto_if_not_float_ne", "ffL", [branch, guard];
    /// Jumps to the label the switch table gives for the value; falls through otherwise.
    Switch => "switch", "id", [branch, guard];
    IntReturn => "int_return", "i", [final];
    RefReturn => "ref_return", "r", [final];
    FloatReturn => "float_return", "f", [final];
    VoidReturn => "void_return", "", [final];
    /// Panics with a message: the operand points to a `Cow<'static, str>`.
    Panic => "panic", "r", [final];
    // ---- integer arithmetic ----
    IntAdd => "int_add", "ii>i", [];
    IntSub => "int_sub", "ii>i", [];
    IntMul => "int_mul", "ii>i", [];
    IntFloordiv => "int_floordiv", "ii>i", [];
    IntMod => "int_mod", "ii>i", [];
    UintFloordiv => "uint_floordiv", "ii>i", [];
    UintMod => "uint_mod", "ii>i", [];
    IntAnd => "int_and", "ii>i", [];
    IntOr => "int_or", "ii>i", [];
    IntXor => "int_xor", "ii>i", [];
    IntLshift => "int_lshift", "ii>i", [];
    IntRshift => "int_rshift", "ii>i", [];
    UintRshift => "uint_rshift", "ii>i", [];
    IntSignext => "int_signext", "ii>i", [];
    IntNeg => "int_neg", "i>i", [];
    IntInvert => "int_invert", "i>i", [];
    IntAddOvf => "int_add_ovf", "iiL>i", [branch, guard];
    IntSubOvf => "int_sub_ovf", "iiL>i", [branch, guard];
    IntMulOvf => "int_mul_ovf", "iiL>i", [branch, guard];
    /// Unsigned 64-bit arithmetic, jumping to the label on overflow.
    UintAddOvf => "uint_add_ovf", "iiL>i", [branch, guard];
    UintSubOvf => "uint_sub_ovf", "iiL>i", [branch, guard];
    UintMulOvf => "uint_mul_ovf", "iiL>i", [branch, guard];
    /// Whether the 64-bit operation overflows (0 or 1).
    IntAddOverflows => "int_add_overflows", "ii>i", [];
    IntSubOverflows => "int_sub_overflows", "ii>i", [];
    IntMulOverflows => "int_mul_overflows", "ii>i", [];
    UintAddOverflows => "uint_add_overflows", "ii>i", [];
    UintSubOverflows => "uint_sub_overflows", "ii>i", [];
    UintMulOverflows => "uint_mul_overflows", "ii>i", [];
    /// Wrapping absolute value.
    IntAbs => "int_abs", "i>i", [];
    IntMin => "int_min", "ii>i", [];
    IntMax => "int_max", "ii>i", [];
    UintMin => "uint_min", "ii>i", [];
    UintMax => "uint_max", "ii>i", [];
    // ---- integer comparisons ----
    IntLt => "int_lt", "ii>i", [];
    IntLe => "int_le", "ii>i", [];
    IntGt => "int_gt", "ii>i", [];
    IntGe => "int_ge", "ii>i", [];
    IntEq => "int_eq", "ii>i", [];
    IntNe => "int_ne", "ii>i", [];
    UintLt => "uint_lt", "ii>i", [];
    UintLe => "uint_le", "ii>i", [];
    UintGt => "uint_gt", "ii>i", [];
    UintGe => "uint_ge", "ii>i", [];
    IntIsZero => "int_is_zero", "i>i", [];
    IntIsTrue => "int_is_true", "i>i", [];
    PtrEq => "ptr_eq", "rr>i", [];
    PtrNe => "ptr_ne", "rr>i", [];
    PtrNonzero => "ptr_nonzero", "r>i", [];
    PtrIszero => "ptr_iszero", "r>i", [];
    // ---- floats ----
    FloatAdd => "float_add", "ff>f", [];
    FloatSub => "float_sub", "ff>f", [];
    FloatMul => "float_mul", "ff>f", [];
    FloatTruediv => "float_truediv", "ff>f", [];
    FloatNeg => "float_neg", "f>f", [];
    FloatAbs => "float_abs", "f>f", [];
    FloatSqrt => "float_sqrt", "f>f", [];
    /// `f64::min` and `f64::max`: a NaN operand gives the other operand.
    FloatMin => "float_min", "ff>f", [];
    FloatMax => "float_max", "ff>f", [];
    FloatLt => "float_lt", "ff>i", [];
    FloatLe => "float_le", "ff>i", [];
    FloatGt => "float_gt", "ff>i", [];
    FloatGe => "float_ge", "ff>i", [];
    FloatEq => "float_eq", "ff>i", [];
    FloatNe => "float_ne", "ff>i", [];
    CastIntToFloat => "cast_int_to_float", "i>f", [];
    CastUintToFloat => "cast_uint_to_float", "i>f", [];
    CastFloatToInt => "cast_float_to_int", "f>i", [];
    CastFloatToUint => "cast_float_to_uint", "f>i", [];
    // ---- memory: fields (gc: on a ref; raw: on an address) ----
    GetfieldGcI => "getfield_gc_i", "rd>i", [];
    GetfieldGcR => "getfield_gc_r", "rd>r", [];
    GetfieldGcF => "getfield_gc_f", "rd>f", [];
    GetfieldRawI => "getfield_raw_i", "id>i", [];
    GetfieldRawR => "getfield_raw_r", "id>r", [];
    GetfieldRawF => "getfield_raw_f", "id>f", [];
    SetfieldGcI => "setfield_gc_i", "rid", [];
    SetfieldGcR => "setfield_gc_r", "rrd", [];
    SetfieldGcF => "setfield_gc_f", "rfd", [];
    SetfieldRawI => "setfield_raw_i", "iid", [];
    SetfieldRawR => "setfield_raw_r", "ird", [];
    SetfieldRawF => "setfield_raw_f", "ifd", [];
    // ---- memory: array items (the descr gives the base offset and the item size) ----
    GetarrayitemGcI => "getarrayitem_gc_i", "rid>i", [];
    GetarrayitemGcR => "getarrayitem_gc_r", "rid>r", [];
    GetarrayitemGcF => "getarrayitem_gc_f", "rid>f", [];
    GetarrayitemRawI => "getarrayitem_raw_i", "iid>i", [];
    GetarrayitemRawR => "getarrayitem_raw_r", "iid>r", [];
    GetarrayitemRawF => "getarrayitem_raw_f", "iid>f", [];
    SetarrayitemGcI => "setarrayitem_gc_i", "riid", [];
    SetarrayitemGcR => "setarrayitem_gc_r", "rird", [];
    SetarrayitemGcF => "setarrayitem_gc_f", "rifd", [];
    SetarrayitemRawI => "setarrayitem_raw_i", "iiid", [];
    SetarrayitemRawR => "setarrayitem_raw_r", "iird", [];
    SetarrayitemRawF => "setarrayitem_raw_f", "iifd", [];
    /// The address of a struct held inline in a field: the object's address plus the
    /// field descr's offset.
    GetsubstructGc => "getsubstruct_gc", "rd>r", [];
    /// The address of an item held inline in an array (by ref) or a list's storage (by
    /// raw address).
    GetarraysubstructGc => "getarraysubstruct_gc", "rid>r", [];
    GetarraysubstructRaw => "getarraysubstruct_raw", "iid>r", [];
    /// Allocates a zeroed object of the size descr's size.
    New => "new", "d>r", [];
    /// Whether the GC object's class (the type id in its header) is the size descr's GC
    /// type (0 or 1). The tracer guards the object's class (`guard_class`), after which
    /// the answer is a constant.
    GcClassIs => "gc_class_is", "rd>i", [guard];
    /// The object when its class is the size descr's GC type, else null; traced as
    /// `gc_class_is`.
    GcDowncast => "gc_downcast", "rd>r", [guard];
    /// `memcopy dst, src, size`: copies the size descr's number of bytes (a struct
    /// moved into a field or an item).
    Memcopy => "memcopy", "rrd", [];
    // ---- calls: inline (d is a JitCode descr) and residual (i is a function index) ----
    InlineCallRI => "inline_call_r_i", "dR>i", [call];
    InlineCallRR => "inline_call_r_r", "dR>r", [call];
    InlineCallRF => "inline_call_r_f", "dR>f", [call];
    InlineCallRV => "inline_call_r_v", "dR", [call];
    InlineCallIrI => "inline_call_ir_i", "dIR>i", [call];
    InlineCallIrR => "inline_call_ir_r", "dIR>r", [call];
    InlineCallIrF => "inline_call_ir_f", "dIR>f", [call];
    InlineCallIrV => "inline_call_ir_v", "dIR", [call];
    InlineCallIrfI => "inline_call_irf_i", "dIRF>i", [call];
    InlineCallIrfR => "inline_call_irf_r", "dIRF>r", [call];
    InlineCallIrfF => "inline_call_irf_f", "dIRF>f", [call];
    InlineCallIrfV => "inline_call_irf_v", "dIRF", [call];
    ResidualCallRI => "residual_call_r_i", "iRd>i", [call, guard];
    ResidualCallRR => "residual_call_r_r", "iRd>r", [call, guard];
    ResidualCallRF => "residual_call_r_f", "iRd>f", [call, guard];
    ResidualCallRV => "residual_call_r_v", "iRd", [call, guard];
    ResidualCallIrI => "residual_call_ir_i", "iIRd>i", [call, guard];
    ResidualCallIrR => "residual_call_ir_r", "iIRd>r", [call, guard];
    ResidualCallIrF => "residual_call_ir_f", "iIRd>f", [call, guard];
    ResidualCallIrV => "residual_call_ir_v", "iIRd", [call, guard];
    ResidualCallIrfI => "residual_call_irf_i", "iIRFd>i", [call, guard];
    ResidualCallIrfR => "residual_call_irf_r", "iIRFd>r", [call, guard];
    ResidualCallIrfF => "residual_call_irf_f", "iIRFd>f", [call, guard];
    ResidualCallIrfV => "residual_call_irf_v", "iIRFd", [call, guard];
    // ---- several results: a function returning several values (a tuple) sets result
    // slots and returns void; after the call, the caller reads the slots. A residual
    // function's shim writes slot k at `result.add(k)`. The slot is an `i` constant. ----
    IntSetResult => "int_set_result", "ii", [];
    RefSetResult => "ref_set_result", "ir", [];
    FloatSetResult => "float_set_result", "if", [];
    IntGetResult => "int_get_result", "i>i", [];
    RefGetResult => "ref_get_result", "i>r", [];
    FloatGetResult => "float_get_result", "i>f", [];
    // ---- JIT hints ----
    /// `promote`: becomes a guard on the value in a trace; a no-op otherwise.
    IntGuardValue => "int_guard_value", "i", [guard];
    RefGuardValue => "ref_guard_value", "r", [guard];
    FloatGuardValue => "float_guard_value", "f", [guard];
    /// The driver index, then greens per kind, then reds per kind.
    JitMergePoint => "jit_merge_point", "iIRFIRF", [guard];
    /// The driver index, then greens per kind, then reds per kind (of the jump's target).
    CanEnterJit => "can_enter_jit", "iIRFIRF", [];
    /// A backward jump of the user's program closes here (the driver index).
    LoopHeader => "loop_header", "i", [];
    // ---- quasi-immutable fields ----
    /// A read of the object's quasi-immutable field (the descr) follows: in a trace, the
    /// read of a constant object folds to its current value under
    /// `guard_not_invalidated`; a no-op otherwise.
    RecordQuasiimmutField => "record_quasiimmut_field", "rd", [guard];
    /// The object's quasi-immutable field (the descr) was just written: compiled code
    /// that folded it is invalidated.
    QuasiimmutWritten => "quasiimmut_written", "rd", [];
    // ---- virtualizables ----
    /// A listed field of the virtualizable struct (the descr): in a trace, on the
    /// standard virtualizable, a box the tracer keeps; a plain field access otherwise.
    /// Guard points: an access to another object checks that it is not the standard one.
    GetfieldVableI => "getfield_vable_i", "rd>i", [guard];
    GetfieldVableR => "getfield_vable_r", "rd>r", [guard];
    GetfieldVableF => "getfield_vable_f", "rd>f", [guard];
    SetfieldVableI => "setfield_vable_i", "rid", [guard];
    SetfieldVableR => "setfield_vable_r", "rrd", [guard];
    SetfieldVableF => "setfield_vable_f", "rfd", [guard];
    /// An item of a listed array field (the field descr, then the array descr) of the
    /// virtualizable struct: `getarrayitem_vable_r frame, index, <field>, <array>`. In a
    /// trace the index is promoted and the item is a box.
    GetarrayitemVableI => "getarrayitem_vable_i", "ridd>i", [guard];
    GetarrayitemVableR => "getarrayitem_vable_r", "ridd>r", [guard];
    GetarrayitemVableF => "getarrayitem_vable_f", "ridd>f", [guard];
    SetarrayitemVableI => "setarrayitem_vable_i", "riidd", [guard];
    SetarrayitemVableR => "setarrayitem_vable_r", "rirdd", [guard];
    SetarrayitemVableF => "setarrayitem_vable_f", "rifdd", [guard];
    /// The length of a listed array field: a constant in a trace.
    ArraylenVable => "arraylen_vable", "rdd>i", [guard];
    /// Before the portal's `jit_merge_point`: the red (the register) is the driver's
    /// virtualizable and the field (the descr) one of its listed scalar fields, in the
    /// order of the struct's `#[virtualizable(..)]`. A no-op when executed.
    VableField => "vable_field", "rd", [];
    /// As `vable_field`, for a listed array field (its field and array descrs).
    VableArray => "vable_array", "rdd", [];
    /// Before the `vable_*` declarations of a virtualizable that is a GC object (a
    /// `Gc<Frame>` red): the red (the register) holds the struct at the offset of the
    /// descr (`Gc<Frame>.payload`), from which the listed fields' offsets count. A no-op
    /// when executed.
    VableBase => "vable_base", "rd", [];
    /// An item of a listed array of value enums held inline (`GcArray<Value>`): its
    /// address, `getarraysubstruct_vable frame, index, <field>, <array>`. In a trace the
    /// index is promoted and the result is a handle on the item's boxes.
    GetarraysubstructVable => "getarraysubstruct_vable", "ridd>r", [guard];
    /// A leaf (the tag, or a variant's field: the descr) of an item of a listed array of
    /// value enums, through the item's address from `getarraysubstruct_vable`: in a
    /// trace, one of the item's boxes.
    GetinteriorVableI => "getinterior_vable_i", "rd>i", [];
    GetinteriorVableR => "getinterior_vable_r", "rd>r", [];
    GetinteriorVableF => "getinterior_vable_f", "rd>f", [];
    SetinteriorVableI => "setinterior_vable_i", "rid", [];
    SetinteriorVableR => "setinterior_vable_r", "rrd", [];
    SetinteriorVableF => "setinterior_vable_f", "rfd", [];
    /// After the `vable_array` of an array of value enums: one of its items' leaves (the
    /// descr), with the discriminant of its variant (-1 for the tag), in the order of
    /// the value enum's leaves. A no-op when executed.
    VableLeaf => "vable_leaf", "rdi", [];
}

/// The number of result slots (`int_set_result` and friends; the buffer a residual
/// function's shim writes its results to holds this many `u64`).
pub const MAX_RESULTS: usize = 8;

/// The number of instructions.
pub const NUM_OPCODES: usize = Opcode::ALL.len();

const _: () = assert!(NUM_OPCODES < 256, "opcodes must fit in one byte");
const _: () = {
    let mut i = 0;
    while i < NUM_OPCODES {
        assert!(
            Opcode::ALL[i] as usize == i,
            "Opcode::ALL is in opcode order"
        );
        i += 1;
    }
};

impl Opcode {
    /// The instruction with this opcode byte, if any.
    #[inline]
    pub fn from_byte(byte: u8) -> Option<Opcode> {
        if (byte as usize) < NUM_OPCODES {
            // Safety: `Opcode` is `repr(u8)` with the discriminants 0..NUM_OPCODES (the
            // order of `Opcode::ALL` is checked statically above).
            Some(unsafe { std::mem::transmute::<u8, Opcode>(byte) })
        } else {
            None
        }
    }

    /// The instruction with this name (`int_add`).
    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::ALL.iter().copied().find(|op| op.name() == name)
    }

    /// The instruction with this key (`int_add/ii>i`).
    pub fn from_key(key: &str) -> Option<Opcode> {
        let (name, args) = key.split_once('/')?;
        Opcode::from_name(name).filter(|op| op.argcodes() == args)
    }

    /// The key, `name/argcodes`, as RPython writes it.
    pub fn key(self) -> String {
        format!("{}/{}", self.name(), self.argcodes())
    }

    /// The kind of the result register, if the instruction has one.
    pub const fn result_kind(self) -> Option<Kind> {
        let codes = self.argcodes().as_bytes();
        let n = codes.len();
        if n >= 2 && codes[n - 2] == b'>' {
            match codes[n - 1] {
                b'i' => Some(Kind::Int),
                b'r' => Some(Kind::Ref),
                b'f' => Some(Kind::Float),
                _ => None,
            }
        } else {
            None
        }
    }

    /// Ends the straight-line code (`goto`, returns, `panic`).
    pub const fn is_final(self) -> bool {
        self.flags().is_final
    }

    /// May jump to a label.
    pub const fn is_branch(self) -> bool {
        self.flags().is_branch
    }

    /// Calls a function, inline or residual.
    pub const fn is_call(self) -> bool {
        self.flags().is_call
    }

    /// A residual call: its first operand is a function index.
    pub const fn is_residual_call(self) -> bool {
        self.flags().is_call && self.argcodes().as_bytes()[0] == b'i'
    }

    /// May become a guard in a trace.
    pub const fn is_guard_point(self) -> bool {
        self.flags().is_guard_point
    }

    /// The encoded size in bytes when the instruction has no list operands; lists add
    /// one byte per item.
    pub const fn min_size(self) -> usize {
        let codes = self.argcodes().as_bytes();
        let mut size = 1;
        let mut i = 0;
        while i < codes.len() {
            size += match codes[i] {
                b'L' | b'd' | b'v' => 2,
                b'>' => 0,
                _ => 1,
            };
            i += 1;
        }
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_well_formed() {
        let mut names: Vec<&str> = Opcode::ALL.iter().map(|op| op.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), NUM_OPCODES);
        for op in Opcode::ALL {
            let codes = op.argcodes();
            let (args, result) = codes.split_once('>').unwrap_or((codes, ""));
            assert!(
                args.chars().all(|c| "irfLdIRFv".contains(c)),
                "{}",
                op.key()
            );
            assert!(matches!(result, "" | "i" | "r" | "f"), "{}", op.key());
            assert_eq!(Opcode::from_key(&op.key()), Some(*op));
            assert_eq!(
                op.flags().is_branch,
                codes.contains('L') || *op == Opcode::Switch
            );
        }
        assert_eq!(Opcode::IntAdd.result_kind(), Some(Kind::Int));
        assert_eq!(Opcode::SetfieldGcI.result_kind(), None);
        assert!(Opcode::ResidualCallIrI.is_residual_call());
        assert!(!Opcode::InlineCallIrI.is_residual_call());
    }
}
