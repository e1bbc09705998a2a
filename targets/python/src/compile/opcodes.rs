//! The instruction set's table: for each opcode of [`Op`] (the enum the core runs,
//! `interpreter/bytecode.rs`), in its order (checked at compile time), the name the
//! disassembler prints (and `Op::from_name` reads back), the kind of its argument, its
//! control flow and its stack effects, given for the fall-through successor and for
//! the jump (an op with a jump has both). What each opcode does is documented on the
//! enum.

pub use crate::interpreter::bytecode::{
    BinaryOp, Instr, Op, COMPARE_NAMES, FORMAT_HAS_SPEC, MAKE_CLOSURE, MAKE_DEFAULTS,
    MAKE_KWDEFAULTS,
};

/// What an instruction's argument means (for the disassembler and the verifier).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument (always 0).
    None,
    /// An index into the code's constants.
    Const,
    /// An index into the code's names (globals, attributes, class-body names).
    Name,
    /// An index into the code's fast locals (`varnames`).
    Local,
    /// An index into cells then free variables (`cellvars` followed by `freevars`).
    Deref,
    /// An absolute instruction index.
    Jump,
    /// A count or a stack depth.
    Count,
    /// A [`BinaryOp`] (`+`, `+=`, ...).
    BinOp,
    /// A rich comparison: [`COMPARE_NAMES`].
    Cmp,
    /// 0, or 1 for the negated form (`is not`, `not in`).
    Invert,
    /// `FORMAT_VALUE` flags: the conversion in the low two bits (0 none, 1 `!s`,
    /// 2 `!r`, 3 `!a`), 4 if a format spec is on the stack.
    Format,
    /// `UNPACK_EX`: names before the star in the low 16 bits, after it in the high 16.
    Unpack,
    /// `MAKE_FUNCTION` flags: [`MAKE_DEFAULTS`], [`MAKE_KWDEFAULTS`], [`MAKE_CLOSURE`].
    MakeFunction,
}

/// How control leaves an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// To the next instruction.
    Next,
    /// To the next instruction or to the argument.
    Branch,
    /// To the argument only.
    Goto,
    /// Nowhere in this code: return, raise (the exception table may catch a raise).
    Stop,
}

macro_rules! opcodes {
    ($(
        $op:ident = $name:literal, $arg:ident, $flow:ident, |$a:ident| ($fall:expr, $jump:expr);
    )*) => {
        impl Op {
            /// Every opcode, in table order (the order of the enum, checked below).
            pub const ALL: &'static [Op] = &[$(Op::$op),*];

            /// The name the disassembler prints.
            pub fn name(self) -> &'static str {
                match self { $(Op::$op => $name,)* }
            }

            /// The opcode of a name, as the disassembler prints it.
            pub fn from_name(name: &str) -> Option<Op> {
                match name { $($name => Some(Op::$op),)* _ => None }
            }

            /// What the argument means.
            pub fn arg_kind(self) -> ArgKind {
                match self { $(Op::$op => ArgKind::$arg,)* }
            }

            /// How control leaves the instruction.
            pub fn flow(self) -> Flow {
                match self { $(Op::$op => Flow::$flow,)* }
            }

            /// The change of the stack depth with argument `arg`, on the jump
            /// (`jump`) or on the fall through.
            #[allow(unused_variables, clippy::identity_op)]
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                match self {
                    $(Op::$op => {
                        let $a = arg as i32;
                        if jump { $jump } else { $fall }
                    })*
                }
            }
        }

        // The table lists every opcode once, in the order of the enum.
        const _: () = {
            let mut i = 0;
            while i < Op::ALL.len() {
                assert!(Op::ALL[i] as usize == i, "the opcode table is not in the order of Op");
                i += 1;
            }
        };
    };
}

opcodes! {
    Nop = "NOP", None, Next, |a| (0, 0);
    PopTop = "POP_TOP", None, Next, |a| (-1, -1);
    Copy = "COPY", Count, Next, |a| (1, 1);
    Swap = "SWAP", Count, Next, |a| (0, 0);
    LoadConst = "LOAD_CONST", Const, Next, |a| (1, 1);
    LoadFast = "LOAD_FAST", Local, Next, |a| (1, 1);
    StoreFast = "STORE_FAST", Local, Next, |a| (-1, -1);
    DeleteFast = "DELETE_FAST", Local, Next, |a| (0, 0);
    LoadDeref = "LOAD_DEREF", Deref, Next, |a| (1, 1);
    StoreDeref = "STORE_DEREF", Deref, Next, |a| (-1, -1);
    DeleteDeref = "DELETE_DEREF", Deref, Next, |a| (0, 0);
    LoadClosure = "LOAD_CLOSURE", Deref, Next, |a| (1, 1);
    LoadClassDeref = "LOAD_CLASSDEREF", Deref, Next, |a| (1, 1);
    LoadName = "LOAD_NAME", Name, Next, |a| (1, 1);
    StoreName = "STORE_NAME", Name, Next, |a| (-1, -1);
    DeleteName = "DELETE_NAME", Name, Next, |a| (0, 0);
    LoadGlobal = "LOAD_GLOBAL", Name, Next, |a| (1, 1);
    StoreGlobal = "STORE_GLOBAL", Name, Next, |a| (-1, -1);
    DeleteGlobal = "DELETE_GLOBAL", Name, Next, |a| (0, 0);
    LoadAttr = "LOAD_ATTR", Name, Next, |a| (0, 0);
    StoreAttr = "STORE_ATTR", Name, Next, |a| (-2, -2);
    DeleteAttr = "DELETE_ATTR", Name, Next, |a| (-1, -1);
    LoadMethod = "LOAD_METHOD", Name, Next, |a| (1, 1);
    BinarySubscr = "BINARY_SUBSCR", None, Next, |a| (-1, -1);
    StoreSubscr = "STORE_SUBSCR", None, Next, |a| (-3, -3);
    DeleteSubscr = "DELETE_SUBSCR", None, Next, |a| (-2, -2);
    BuildSlice = "BUILD_SLICE", Count, Next, |a| (1 - a, 1 - a);
    BinaryOp = "BINARY_OP", BinOp, Next, |a| (-1, -1);
    UnaryNegative = "UNARY_NEGATIVE", None, Next, |a| (0, 0);
    UnaryPositive = "UNARY_POSITIVE", None, Next, |a| (0, 0);
    UnaryInvert = "UNARY_INVERT", None, Next, |a| (0, 0);
    UnaryNot = "UNARY_NOT", None, Next, |a| (0, 0);
    CompareOp = "COMPARE_OP", Cmp, Next, |a| (-1, -1);
    IsOp = "IS_OP", Invert, Next, |a| (-1, -1);
    ContainsOp = "CONTAINS_OP", Invert, Next, |a| (-1, -1);
    Jump = "JUMP", Jump, Goto, |a| (0, 0);
    JumpBackward = "JUMP_BACKWARD", Jump, Goto, |a| (0, 0);
    PopJumpIfFalse = "POP_JUMP_IF_FALSE", Jump, Branch, |a| (-1, -1);
    PopJumpIfTrue = "POP_JUMP_IF_TRUE", Jump, Branch, |a| (-1, -1);
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP", Jump, Branch, |a| (-1, 0);
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP", Jump, Branch, |a| (-1, 0);
    GetIter = "GET_ITER", None, Next, |a| (0, 0);
    ForIter = "FOR_ITER", Jump, Branch, |a| (1, -1);
    BuildTuple = "BUILD_TUPLE", Count, Next, |a| (1 - a, 1 - a);
    BuildList = "BUILD_LIST", Count, Next, |a| (1 - a, 1 - a);
    BuildSet = "BUILD_SET", Count, Next, |a| (1 - a, 1 - a);
    BuildMap = "BUILD_MAP", Count, Next, |a| (1 - 2 * a, 1 - 2 * a);
    BuildString = "BUILD_STRING", Count, Next, |a| (1 - a, 1 - a);
    ListAppend = "LIST_APPEND", Count, Next, |a| (-1, -1);
    SetAdd = "SET_ADD", Count, Next, |a| (-1, -1);
    MapAdd = "MAP_ADD", Count, Next, |a| (-2, -2);
    ListExtend = "LIST_EXTEND", Count, Next, |a| (-1, -1);
    SetUpdate = "SET_UPDATE", Count, Next, |a| (-1, -1);
    DictUpdate = "DICT_UPDATE", Count, Next, |a| (-1, -1);
    DictMerge = "DICT_MERGE", Count, Next, |a| (-1, -1);
    ListToTuple = "LIST_TO_TUPLE", None, Next, |a| (0, 0);
    UnpackSequence = "UNPACK_SEQUENCE", Count, Next, |a| (a - 1, a - 1);
    UnpackEx = "UNPACK_EX", Unpack, Next, |a| ((a & 0xffff) + (a >> 16), (a & 0xffff) + (a >> 16));
    FormatValue = "FORMAT_VALUE", Format, Next, |a| (-((a >> 2) & 1), -((a >> 2) & 1));
    Call = "CALL", Count, Next, |a| (-a, -a);
    CallKw = "CALL_KW", Count, Next, |a| (-a - 1, -a - 1);
    CallMethod = "CALL_METHOD", Count, Next, |a| (-a - 1, -a - 1);
    CallMethodKw = "CALL_METHOD_KW", Count, Next, |a| (-a - 2, -a - 2);
    CallEx = "CALL_FUNCTION_EX", Count, Next, |a| (-1 - a, -1 - a);
    MakeFunction = "MAKE_FUNCTION", MakeFunction, Next, |a| (-((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1)), -((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1)));
    LoadBuildClass = "LOAD_BUILD_CLASS", None, Next, |a| (1, 1);
    ReturnValue = "RETURN_VALUE", None, Stop, |a| (-1, -1);
    YieldValue = "YIELD_VALUE", None, Next, |a| (0, 0);
    GetYieldFromIter = "GET_YIELD_FROM_ITER", None, Next, |a| (0, 0);
    YieldFrom = "YIELD_FROM", None, Next, |a| (-1, -1);
    RaiseVarargs = "RAISE_VARARGS", Count, Stop, |a| (-a, -a);
    Reraise = "RERAISE", None, Stop, |a| (-1, -1);
    PushExcInfo = "PUSH_EXC_INFO", None, Next, |a| (1, 1);
    PopExcept = "POP_EXCEPT", None, Next, |a| (-1, -1);
    CheckExcMatch = "CHECK_EXC_MATCH", None, Next, |a| (0, 0);
    BeforeWith = "BEFORE_WITH", None, Next, |a| (1, 1);
    WithExceptStart = "WITH_EXCEPT_START", None, Next, |a| (1, 1);
    LoadAssertionError = "LOAD_ASSERTION_ERROR", None, Next, |a| (1, 1);
    ImportName = "IMPORT_NAME", Name, Next, |a| (0, 0);
    ImportFrom = "IMPORT_FROM", Name, Next, |a| (1, 1);
    ImportStar = "IMPORT_STAR", None, Next, |a| (-1, -1);
}

// Op fits in a byte and an instruction in eight bytes.
const _: () = assert!(Op::ALL.len() <= 256);
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for &op in Op::ALL {
            assert_eq!(Op::from_name(op.name()), Some(op));
        }
        assert_eq!(Op::from_name("NO_SUCH_OP"), None);
    }

    #[test]
    fn binary_op_arguments_round_trip() {
        for &op in BinaryOp::ALL {
            for inplace in [false, true] {
                assert_eq!(BinaryOp::from_arg(op.arg(inplace)), Some((op, inplace)));
            }
        }
        assert_eq!(BinaryOp::from_arg(2 * BinaryOp::INPLACE), None);
        assert_eq!(BinaryOp::Pow.symbol(true), "**=");
    }

    #[test]
    fn stack_effects_follow_the_arguments() {
        assert_eq!(Op::BuildTuple.stack_effect(3, false), -2);
        assert_eq!(Op::ForIter.stack_effect(0, false), 1);
        assert_eq!(Op::ForIter.stack_effect(0, true), -1);
        assert_eq!(Op::UnpackEx.stack_effect(2 | (1 << 16), false), 3);
        assert_eq!(
            Op::MakeFunction.stack_effect(MAKE_DEFAULTS | MAKE_CLOSURE, false),
            -2
        );
        assert_eq!(Op::FormatValue.stack_effect(FORMAT_HAS_SPEC | 2, false), -1);
    }
}
