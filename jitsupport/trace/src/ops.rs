//! The op table: every trace operation, declared once.
//!
//! One `macro_rules!` table (PyPy's `_oplist`, LuaJIT's `IRDEF`) yields the [`Opcode`] enum,
//! the names the printer writes and the parser reads, the argument signatures, the result
//! kinds and the predicates. A row reads
//!
//! ```text
//! IntAdd = "int_add", "ii" -> i, PURE | COMM;
//! ```
//!
//! The signature lists the kinds of the arguments: `i` int, `r` ref, `f` float, `.` any
//! kind, and a final `*` for any number of further arguments of any kind (calls, labels,
//! jumps). The result is `i`, `r`, `f` or `v` (void: no result). Guards are contiguous in the
//! table, which a `const` assertion below checks.

use std::fmt;

/// The kind of a value: what a box holds and what a register of the backend holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A 64-bit signed integer (also used for raw addresses and classes).
    Int,
    /// A GC reference: an object address, or null.
    Ref,
    /// A 64-bit IEEE float, carried by its bits.
    Float,
}

impl Kind {
    /// The letter boxes of this kind start with in the text form: `i`, `p` or `f`.
    pub const fn prefix(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'p',
            Kind::Float => 'f',
        }
    }

    /// The kind whose box prefix is `c`.
    pub const fn from_prefix(c: char) -> Option<Kind> {
        match c {
            'i' => Some(Kind::Int),
            'p' => Some(Kind::Ref),
            'f' => Some(Kind::Float),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Int => "int",
            Kind::Ref => "ref",
            Kind::Float => "float",
        })
    }
}

/// Property bits of an opcode; read them through the predicates of [`Opcode`].
mod flag {
    /// A guard: checks a condition and leaves the trace when it does not hold.
    pub const GUARD: u16 = 1 << 0;
    /// No side effect and a result that depends only on the arguments: foldable, CSE-able.
    pub const PURE: u16 = 1 << 1;
    /// No side effect, but the result depends on memory (reads, allocations): removable if
    /// unused, not foldable.
    pub const NOSE: u16 = 1 << 2;
    /// Carries a descr.
    pub const DESCR: u16 = 1 << 3;
    /// May leave a pending exception (followed by `guard_no_exception` when it matters).
    pub const RAISE: u16 = 1 << 4;
    /// An overflow-checking arithmetic op, followed by `guard_no_overflow`/`guard_overflow`.
    pub const OVF: u16 = 1 << 5;
    /// A call: argument 0 is the function, the rest its arguments, the descr a `CallDescr`.
    pub const CALL: u16 = 1 << 6;
    /// Ends a trace: `jump` or `finish`.
    pub const FINAL: u16 = 1 << 7;
    /// A comparison: the result is 0 or 1.
    pub const CMP: u16 = 1 << 8;
    /// Commutative in its two arguments.
    pub const COMM: u16 = 1 << 9;
    /// Reads or writes memory through a field or array descr.
    pub const MEM: u16 = 1 << 10;
}
use flag::*;

/// Maps a result letter of the table to `Option<Kind>`.
macro_rules! result_kind {
    (i) => {
        Some(Kind::Int)
    };
    (r) => {
        Some(Kind::Ref)
    };
    (f) => {
        Some(Kind::Float)
    };
    (v) => {
        None
    };
}

macro_rules! define_opcodes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $sig:literal -> $res:ident, $flags:expr; )*) => {
        /// A trace operation. See the table in `ops.rs` for each one's signature.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Opcode {
            $(
                #[doc = concat!("`", $name, "`, signature `", $sig, "` -> `", stringify!($res), "`.")]
                #[doc = ""]
                $(#[$doc])*
                $variant,
            )*
        }

        impl Opcode {
            /// Every opcode, in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$variant, )* ];

            /// The name in the text form (`int_add`).
            pub const fn name(self) -> &'static str {
                match self { $( Opcode::$variant => $name, )* }
            }

            /// The argument signature: `i`/`r`/`f` a kind, `.` any kind, a final `*` any
            /// number of further arguments of any kind.
            pub const fn signature(self) -> &'static str {
                match self { $( Opcode::$variant => $sig, )* }
            }

            /// The kind of the result, `None` for an op without one.
            pub const fn result(self) -> Option<Kind> {
                match self { $( Opcode::$variant => result_kind!($res), )* }
            }

            const fn flags(self) -> u16 {
                match self { $( Opcode::$variant => $flags, )* }
            }
        }
    };
}

define_opcodes! {
    // Integer arithmetic. Division and modulo truncate toward zero (Rust's `/` and `%`).
    IntAdd = "int_add", "ii" -> i, PURE | COMM;
    IntSub = "int_sub", "ii" -> i, PURE;
    IntMul = "int_mul", "ii" -> i, PURE | COMM;
    /// Truncating division. The divisor is never 0, nor -1 with a dividend of `i64::MIN`
    /// (Rust panics there, so the tracer guards both); traces that break this are undefined.
    IntFloorDiv = "int_floordiv", "ii" -> i, PURE;
    /// The remainder of the truncating division: its sign is the dividend's. The same
    /// divisors as for `int_floordiv` never occur.
    IntMod = "int_mod", "ii" -> i, PURE;
    IntAnd = "int_and", "ii" -> i, PURE | COMM;
    IntOr = "int_or", "ii" -> i, PURE | COMM;
    IntXor = "int_xor", "ii" -> i, PURE | COMM;
    /// Shift left; the count is in 0..64 (backends may mask it to 6 bits).
    IntLshift = "int_lshift", "ii" -> i, PURE;
    /// Arithmetic shift right; the count is in 0..64.
    IntRshift = "int_rshift", "ii" -> i, PURE;
    /// Logical shift right; the count is in 0..64.
    UintRshift = "uint_rshift", "ii" -> i, PURE;
    /// Unsigned division; the divisor is never 0.
    UintFloorDiv = "uint_floordiv", "ii" -> i, PURE;
    /// Unsigned remainder; the divisor is never 0.
    UintMod = "uint_mod", "ii" -> i, PURE;
    IntNeg = "int_neg", "i" -> i, PURE;
    IntInvert = "int_invert", "i" -> i, PURE;
    /// Sign-extends the low `n` bytes of the first argument; `n` (1, 2 or 4) is constant.
    IntSignext = "int_signext", "ii" -> i, PURE;
    /// The argument if it is at least 0, else 0 (for indices known to be in range).
    IntForceGeZero = "int_force_ge_zero", "i" -> i, PURE;

    // Overflow-checking arithmetic: each is followed by guard_no_overflow or guard_overflow.
    IntAddOvf = "int_add_ovf", "ii" -> i, OVF | COMM;
    IntSubOvf = "int_sub_ovf", "ii" -> i, OVF;
    IntMulOvf = "int_mul_ovf", "ii" -> i, OVF | COMM;

    // Comparisons: the result is 0 or 1.
    IntLt = "int_lt", "ii" -> i, PURE | CMP;
    IntLe = "int_le", "ii" -> i, PURE | CMP;
    IntEq = "int_eq", "ii" -> i, PURE | CMP | COMM;
    IntNe = "int_ne", "ii" -> i, PURE | CMP | COMM;
    IntGt = "int_gt", "ii" -> i, PURE | CMP;
    IntGe = "int_ge", "ii" -> i, PURE | CMP;
    UintLt = "uint_lt", "ii" -> i, PURE | CMP;
    UintLe = "uint_le", "ii" -> i, PURE | CMP;
    UintGt = "uint_gt", "ii" -> i, PURE | CMP;
    UintGe = "uint_ge", "ii" -> i, PURE | CMP;
    IntIsZero = "int_is_zero", "i" -> i, PURE | CMP;
    IntIsTrue = "int_is_true", "i" -> i, PURE | CMP;
    PtrEq = "ptr_eq", "rr" -> i, PURE | CMP | COMM;
    PtrNe = "ptr_ne", "rr" -> i, PURE | CMP | COMM;
    FloatLt = "float_lt", "ff" -> i, PURE | CMP;
    FloatLe = "float_le", "ff" -> i, PURE | CMP;
    FloatEq = "float_eq", "ff" -> i, PURE | CMP | COMM;
    FloatNe = "float_ne", "ff" -> i, PURE | CMP | COMM;
    FloatGt = "float_gt", "ff" -> i, PURE | CMP;
    FloatGe = "float_ge", "ff" -> i, PURE | CMP;

    // Float arithmetic and conversions.
    FloatAdd = "float_add", "ff" -> f, PURE | COMM;
    FloatSub = "float_sub", "ff" -> f, PURE;
    FloatMul = "float_mul", "ff" -> f, PURE | COMM;
    FloatTrueDiv = "float_truediv", "ff" -> f, PURE;
    FloatNeg = "float_neg", "f" -> f, PURE;
    FloatAbs = "float_abs", "f" -> f, PURE;
    CastIntToFloat = "cast_int_to_float", "i" -> f, PURE;
    /// Truncates toward zero, saturating (Rust's `as i64`).
    CastFloatToInt = "cast_float_to_int", "f" -> i, PURE;

    // Copies: the result is the argument (placeholders the optimizer may leave).
    SameAsI = "same_as_i", "i" -> i, PURE;
    SameAsR = "same_as_r", "r" -> r, PURE;
    SameAsF = "same_as_f", "f" -> f, PURE;

    // Memory: fields of GC objects and of raw memory (address given as an int).
    GetfieldGcI = "getfield_gc_i", "r" -> i, NOSE | DESCR | MEM;
    GetfieldGcR = "getfield_gc_r", "r" -> r, NOSE | DESCR | MEM;
    GetfieldGcF = "getfield_gc_f", "r" -> f, NOSE | DESCR | MEM;
    /// Writes the second argument, of the field descr's kind, into the object.
    SetfieldGc = "setfield_gc", "r." -> v, DESCR | MEM;
    GetfieldRawI = "getfield_raw_i", "i" -> i, NOSE | DESCR | MEM;
    GetfieldRawF = "getfield_raw_f", "i" -> f, NOSE | DESCR | MEM;
    SetfieldRaw = "setfield_raw", "i." -> v, DESCR | MEM;
    /// A marker the tracer records before it folds a read of a quasi-immutable field
    /// (the descr) of a constant object (the argument); a `guard_not_invalidated`
    /// follows it. The optimizer removes it; a backend ignores it.
    QuasiimmutField = "quasiimmut_field", "r" -> v, NOSE | DESCR;
    // Memory: array items; the index is not checked (the tracer guards it).
    GetarrayitemGcI = "getarrayitem_gc_i", "ri" -> i, NOSE | DESCR | MEM;
    GetarrayitemGcR = "getarrayitem_gc_r", "ri" -> r, NOSE | DESCR | MEM;
    GetarrayitemGcF = "getarrayitem_gc_f", "ri" -> f, NOSE | DESCR | MEM;
    SetarrayitemGc = "setarrayitem_gc", "ri." -> v, DESCR | MEM;
    GetarrayitemRawI = "getarrayitem_raw_i", "ii" -> i, NOSE | DESCR | MEM;
    GetarrayitemRawF = "getarrayitem_raw_f", "ii" -> f, NOSE | DESCR | MEM;
    SetarrayitemRaw = "setarrayitem_raw", "ii." -> v, DESCR | MEM;
    /// The length of an array, read at the array descr's length offset; arrays never
    /// change length, so it is pure.
    ArraylenGc = "arraylen_gc", "r" -> i, PURE | DESCR | MEM;

    // Allocation. With a GC type id in the descr, the collector allocates (a collection
    // point: every object not allocated since may have become old) and writes the header.
    /// A new object of the size descr's size, zeroed; with a type id, its header holds it.
    New = "new", "" -> r, NOSE | DESCR;
    /// A new object of a class: its header's type id is the size descr's type id.
    NewWithVtable = "new_with_vtable", "" -> r, NOSE | DESCR;
    /// A new array of the given length (items not cleared: every item is written first).
    NewArray = "new_array", "i" -> r, NOSE | DESCR;
    /// A new array of the given length, items zeroed.
    NewArrayClear = "new_array_clear", "i" -> r, NOSE | DESCR;

    // The write barrier (PyPy's): put before a store of a reference (or of a word that may
    // be one) into a GC object allocated before the last collection point; the backend
    // inserts it (`backend::gcrewrite`). With the collector's line table: if the line of the
    // slot is old and not yet remembered, remember it. A no-op for a slot outside the heap.
    /// The barrier for a store into the field (the descr) of the object.
    CondCallGcWb = "cond_call_gc_wb", "r" -> v, DESCR;
    /// The barrier for a store into item `i` (the array descr) of the array.
    CondCallGcWbArray = "cond_call_gc_wb_array", "ri" -> v, DESCR;
    /// Tells the optimizer that the object is non-null and of the constant class (PyPy's
    /// hint, for what the interpreter knows): no code.
    RecordKnownClass = "record_known_class", "ri" -> v, 0;

    // Calls: argument 0 is the function (an int: the shim's address), the descr a CallDescr.
    CallI = "call_i", "i*" -> i, DESCR | CALL | RAISE;
    CallR = "call_r", "i*" -> r, DESCR | CALL | RAISE;
    CallF = "call_f", "i*" -> f, DESCR | CALL | RAISE;
    CallN = "call_n", "i*" -> v, DESCR | CALL | RAISE;
    /// A call of an elidable function: removable if unused, CSE-able, foldable when all
    /// arguments are constant.
    CallPureI = "call_pure_i", "i*" -> i, PURE | DESCR | CALL;
    CallPureR = "call_pure_r", "i*" -> r, PURE | DESCR | CALL;
    CallPureF = "call_pure_f", "i*" -> f, PURE | DESCR | CALL;
    CallPureN = "call_pure_n", "i*" -> v, PURE | DESCR | CALL;
    /// A call whose result is the same for the whole loop: done once per loop.
    CallLoopinvariantI = "call_loopinvariant_i", "i*" -> i, DESCR | CALL | RAISE;
    CallLoopinvariantR = "call_loopinvariant_r", "i*" -> r, DESCR | CALL | RAISE;
    CallLoopinvariantF = "call_loopinvariant_f", "i*" -> f, DESCR | CALL | RAISE;
    CallLoopinvariantN = "call_loopinvariant_n", "i*" -> v, DESCR | CALL | RAISE;
    /// A call that may force virtuals of the caller (followed by guard_not_forced).
    CallMayForceI = "call_may_force_i", "i*" -> i, DESCR | CALL | RAISE;
    CallMayForceR = "call_may_force_r", "i*" -> r, DESCR | CALL | RAISE;
    CallMayForceF = "call_may_force_f", "i*" -> f, DESCR | CALL | RAISE;
    CallMayForceN = "call_may_force_n", "i*" -> v, DESCR | CALL | RAISE;
    /// A call of a portal (the interpreter calling itself for a call of the user's
    /// program): argument 0 is the function that runs the callee's compiled entry when
    /// it has one, or the blackhole (PyPy's `call_assembler`, its fast path out of line).
    CallAssemblerI = "call_assembler_i", "i*" -> i, DESCR | CALL | RAISE;
    CallAssemblerR = "call_assembler_r", "i*" -> r, DESCR | CALL | RAISE;
    CallAssemblerF = "call_assembler_f", "i*" -> f, DESCR | CALL | RAISE;
    CallAssemblerN = "call_assembler_n", "i*" -> v, DESCR | CALL | RAISE;

    // Guards: each carries a GuardDescr and a fail-args list. Keep them contiguous.
    GuardTrue = "guard_true", "i" -> v, GUARD | DESCR;
    GuardFalse = "guard_false", "i" -> v, GUARD | DESCR;
    /// The first argument equals the second, a constant of the same kind.
    GuardValue = "guard_value", ".." -> v, GUARD | DESCR;
    /// The object's class, the type id in its header (`header >> 32`), equals the
    /// second argument.
    GuardClass = "guard_class", "ri" -> v, GUARD | DESCR;
    GuardNonnull = "guard_nonnull", "r" -> v, GUARD | DESCR;
    GuardIsnull = "guard_isnull", "r" -> v, GUARD | DESCR;
    /// guard_nonnull and guard_class in one.
    GuardNonnullClass = "guard_nonnull_class", "ri" -> v, GUARD | DESCR;
    GuardNoException = "guard_no_exception", "" -> v, GUARD | DESCR;
    GuardNoOverflow = "guard_no_overflow", "" -> v, GUARD | DESCR;
    GuardOverflow = "guard_overflow", "" -> v, GUARD | DESCR;
    GuardNotInvalidated = "guard_not_invalidated", "" -> v, GUARD | DESCR;
    GuardNotForced = "guard_not_forced", "" -> v, GUARD | DESCR;

    // Control.
    /// A loop header: its arguments are the boxes live across it; the descr a TargetToken.
    Label = "label", "*" -> v, DESCR;
    /// Jumps to a label (its descr), or without descr to the trace's last label.
    Jump = "jump", "*" -> v, FINAL;
    /// Leaves the trace with its arguments as results; the descr is optional.
    Finish = "finish", "*" -> v, FINAL;
    /// A marker: argument 0 the jitdriver, 1 the inline depth; the descr holds the
    /// position's text.
    DebugMergePoint = "debug_merge_point", "ii" -> v, DESCR;
}

/// The first and last guard of the table.
const FIRST_GUARD: Opcode = Opcode::GuardTrue;
const LAST_GUARD: Opcode = Opcode::GuardNotForced;

const _: () = {
    // Guards are contiguous, so `is_guard` agrees with the flag everywhere.
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        let in_range = op as u16 >= FIRST_GUARD as u16 && op as u16 <= LAST_GUARD as u16;
        assert!(in_range == (op.flags() & GUARD != 0));
        // `ALL` lists the opcodes in discriminant order (the range check above relies on it).
        assert!(op as usize == i);
        // Guards and final ops have no result.
        assert!(op.flags() & (GUARD | FINAL) == 0 || op.result().is_none());
        // Guards, calls and memory ops carry a descr.
        assert!(op.flags() & (GUARD | CALL | MEM) == 0 || op.flags() & DESCR != 0);
        // Ovf ops are never pure: their guard reads the overflow flag they set.
        assert!(op.flags() & OVF == 0 || op.flags() & PURE == 0);
        // A signature is made of `i`, `r`, `f`, `.` and at most a final `*`.
        let sig = op.signature().as_bytes();
        let mut j = 0;
        while j < sig.len() {
            let c = sig[j];
            assert!(
                c == b'i'
                    || c == b'r'
                    || c == b'f'
                    || c == b'.'
                    || (c == b'*' && j + 1 == sig.len())
            );
            j += 1;
        }
        i += 1;
    }
};

impl Opcode {
    /// The opcode named `name` in the text form.
    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::ALL.iter().copied().find(|op| op.name() == name)
    }

    /// A guard.
    pub const fn is_guard(self) -> bool {
        self as u16 >= FIRST_GUARD as u16 && self as u16 <= LAST_GUARD as u16
    }

    /// No side effect and the result depends only on the arguments: foldable, CSE-able.
    pub const fn is_pure(self) -> bool {
        self.flags() & PURE != 0
    }

    /// No side effect (pure ops, reads, allocations): removable when the result is unused.
    pub const fn has_no_side_effect(self) -> bool {
        self.flags() & (PURE | NOSE) != 0
    }

    /// Carries a descr (`finish` and `jump` may carry one too, optionally).
    pub const fn has_descr(self) -> bool {
        self.flags() & DESCR != 0
    }

    /// May leave a pending exception.
    pub const fn can_raise(self) -> bool {
        self.flags() & RAISE != 0
    }

    /// `int_add_ovf`, `int_sub_ovf` or `int_mul_ovf`.
    pub const fn is_ovf(self) -> bool {
        self.flags() & OVF != 0
    }

    /// A call of any flavour.
    pub const fn is_call(self) -> bool {
        self.flags() & CALL != 0
    }

    /// `jump` or `finish`: the last op of a trace.
    pub const fn is_final(self) -> bool {
        self.flags() & FINAL != 0
    }

    /// A comparison (result 0 or 1).
    pub const fn is_comparison(self) -> bool {
        self.flags() & CMP != 0
    }

    /// Commutative in its two arguments.
    pub const fn is_commutative(self) -> bool {
        self.flags() & COMM != 0
    }

    /// Reads or writes memory through a field or array descr.
    pub const fn is_memory_access(self) -> bool {
        self.flags() & MEM != 0
    }

    /// A getfield/getarrayitem (GC or raw).
    pub const fn is_getfield_or_getarrayitem(self) -> bool {
        self.flags() & MEM != 0 && self.flags() & NOSE != 0
    }

    /// The number of fixed arguments and whether more may follow.
    pub fn arity(self) -> (usize, bool) {
        let sig = self.signature();
        match sig.strip_suffix('*') {
            Some(fixed) => (fixed.len(), true),
            None => (sig.len(), false),
        }
    }

    /// The kind of fixed argument `n`: `Some(kind)`, or `None` for any kind.
    pub fn arg_kind(self, n: usize) -> Option<Kind> {
        match self.signature().as_bytes().get(n) {
            Some(b'i') => Some(Kind::Int),
            Some(b'r') => Some(Kind::Ref),
            Some(b'f') => Some(Kind::Float),
            _ => None,
        }
    }

    /// The member of this op's typed family (`getfield_gc_*`, `call_*`, `same_as_*`, ...)
    /// with result `kind` (`None` for the void member of the call families).
    pub fn with_result(self, kind: Option<Kind>) -> Option<Opcode> {
        use Opcode::*;
        let family: &[Opcode] = match self {
            GetfieldGcI | GetfieldGcR | GetfieldGcF => &[GetfieldGcI, GetfieldGcR, GetfieldGcF],
            GetfieldRawI | GetfieldRawF => &[GetfieldRawI, GetfieldRawF],
            GetarrayitemGcI | GetarrayitemGcR | GetarrayitemGcF => {
                &[GetarrayitemGcI, GetarrayitemGcR, GetarrayitemGcF]
            }
            GetarrayitemRawI | GetarrayitemRawF => &[GetarrayitemRawI, GetarrayitemRawF],
            CallI | CallR | CallF | CallN => &[CallI, CallR, CallF, CallN],
            CallPureI | CallPureR | CallPureF | CallPureN => {
                &[CallPureI, CallPureR, CallPureF, CallPureN]
            }
            CallLoopinvariantI | CallLoopinvariantR | CallLoopinvariantF | CallLoopinvariantN => &[
                CallLoopinvariantI,
                CallLoopinvariantR,
                CallLoopinvariantF,
                CallLoopinvariantN,
            ],
            CallMayForceI | CallMayForceR | CallMayForceF | CallMayForceN => {
                &[CallMayForceI, CallMayForceR, CallMayForceF, CallMayForceN]
            }
            CallAssemblerI | CallAssemblerR | CallAssemblerF | CallAssemblerN => &[
                CallAssemblerI,
                CallAssemblerR,
                CallAssemblerF,
                CallAssemblerN,
            ],
            SameAsI | SameAsR | SameAsF => &[SameAsI, SameAsR, SameAsF],
            _ => return (self.result() == kind).then_some(self),
        };
        family.iter().copied().find(|op| op.result() == kind)
    }

    /// `same_as_i`, `same_as_r` or `same_as_f` for `kind`.
    pub const fn same_as(kind: Kind) -> Opcode {
        match kind {
            Kind::Int => Opcode::SameAsI,
            Kind::Ref => Opcode::SameAsR,
            Kind::Float => Opcode::SameAsF,
        }
    }

    /// For a comparison `a op b`, the comparison `b op' a` with the same result.
    pub const fn swapped_comparison(self) -> Option<Opcode> {
        use Opcode::*;
        Some(match self {
            IntLt => IntGt,
            IntLe => IntGe,
            IntGt => IntLt,
            IntGe => IntLe,
            IntEq => IntEq,
            IntNe => IntNe,
            UintLt => UintGt,
            UintLe => UintGe,
            UintGt => UintLt,
            UintGe => UintLe,
            PtrEq => PtrEq,
            PtrNe => PtrNe,
            FloatLt => FloatGt,
            FloatLe => FloatGe,
            FloatGt => FloatLt,
            FloatGe => FloatLe,
            FloatEq => FloatEq,
            FloatNe => FloatNe,
            _ => return None,
        })
    }

    /// The plain op of an ovf op (`int_add_ovf` -> `int_add`).
    pub const fn without_ovf(self) -> Option<Opcode> {
        match self {
            Opcode::IntAddOvf => Some(Opcode::IntAdd),
            Opcode::IntSubOvf => Some(Opcode::IntSub),
            Opcode::IntMulOvf => Some(Opcode::IntMul),
            _ => None,
        }
    }
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_parse_back() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_name(op.name()), Some(op));
        }
        assert_eq!(Opcode::from_name("int_frob"), None);
    }

    #[test]
    fn families() {
        assert_eq!(Opcode::CallI.with_result(None), Some(Opcode::CallN));
        assert_eq!(
            Opcode::GetfieldGcI.with_result(Some(Kind::Float)),
            Some(Opcode::GetfieldGcF)
        );
        assert_eq!(Opcode::GetfieldRawI.with_result(Some(Kind::Ref)), None);
        assert_eq!(
            Opcode::IntAdd.with_result(Some(Kind::Int)),
            Some(Opcode::IntAdd)
        );
        assert_eq!(Opcode::same_as(Kind::Ref), Opcode::SameAsR);
        assert_eq!(Opcode::IntMulOvf.without_ovf(), Some(Opcode::IntMul));
        assert_eq!(Opcode::IntLt.swapped_comparison(), Some(Opcode::IntGt));
        assert_eq!(Opcode::Label.arity(), (0, true));
        assert_eq!(Opcode::CallI.arity(), (1, true));
        assert_eq!(Opcode::SetarrayitemGc.arity(), (3, false));
        assert_eq!(Opcode::SetarrayitemGc.arg_kind(2), None);
    }
}
