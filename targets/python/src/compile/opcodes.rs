//! The instruction set: one table that yields the opcode enum, the names the
//! disassembler prints (and `Op::from_name` reads back), the kind of each argument,
//! the control flow of each op, and its stack effects.
//!
//! An instruction is fixed width: an [`Op`] and a `u32` argument ([`Instr`], `Copy`), so
//! code is an immutable list the core indexes by the program counter and the JIT folds
//! the fetch of. Jump arguments are absolute instruction indices. Stack effects are
//! given for the fall-through successor and for the jump; an op with a jump has both.
//!
//! Stack pictures below list the stack bottom to top, `[a, b] -> [c]`.

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
        $(#[doc = $doc:literal])*
        $op:ident = $name:literal, $arg:ident, $flow:ident, |$a:ident| ($fall:expr, $jump:expr);
    )*) => {
        /// An opcode. The discriminants are the order of the table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[allow(non_camel_case_types)]
        pub enum Op {
            $( $(#[doc = $doc])* $op, )*
        }

        impl Op {
            /// Every opcode, in table order.
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
    };
}

opcodes! {
    /// Does nothing.
    Nop = "NOP", None, Next, |a| (0, 0);
    /// `[x] -> []`.
    PopTop = "POP_TOP", None, Next, |a| (-1, -1);
    /// Pushes a copy of the `a`-th value from the top (1 is the top).
    Copy = "COPY", Count, Next, |a| (1, 1);
    /// Swaps the top with the `a`-th value from the top.
    Swap = "SWAP", Count, Next, |a| (0, 0);
    /// Pushes constant `a`.
    LoadConst = "LOAD_CONST", Const, Next, |a| (1, 1);
    /// Pushes fast local `a`; `UnboundLocalError` if it has no value.
    LoadFast = "LOAD_FAST", Local, Next, |a| (1, 1);
    StoreFast = "STORE_FAST", Local, Next, |a| (-1, -1);
    DeleteFast = "DELETE_FAST", Local, Next, |a| (0, 0);
    /// Pushes the content of cell or free variable `a`.
    LoadDeref = "LOAD_DEREF", Deref, Next, |a| (1, 1);
    StoreDeref = "STORE_DEREF", Deref, Next, |a| (-1, -1);
    DeleteDeref = "DELETE_DEREF", Deref, Next, |a| (0, 0);
    /// Pushes the cell object `a` itself (to build a closure tuple).
    LoadClosure = "LOAD_CLOSURE", Deref, Next, |a| (1, 1);
    /// In a class body: the name of free variable `a` in the class namespace, else the
    /// content of its cell.
    LoadClassDeref = "LOAD_CLASSDEREF", Deref, Next, |a| (1, 1);
    /// Class bodies only: the name in the class namespace, then globals, then builtins.
    LoadName = "LOAD_NAME", Name, Next, |a| (1, 1);
    StoreName = "STORE_NAME", Name, Next, |a| (-1, -1);
    DeleteName = "DELETE_NAME", Name, Next, |a| (0, 0);
    /// The name in the module's globals, then in the builtins. Module-level code uses the
    /// global ops too: there, locals are the globals.
    LoadGlobal = "LOAD_GLOBAL", Name, Next, |a| (1, 1);
    StoreGlobal = "STORE_GLOBAL", Name, Next, |a| (-1, -1);
    DeleteGlobal = "DELETE_GLOBAL", Name, Next, |a| (0, 0);
    /// `[obj] -> [obj.name]`.
    LoadAttr = "LOAD_ATTR", Name, Next, |a| (0, 0);
    /// `[value, obj] -> []`: `obj.name = value`.
    StoreAttr = "STORE_ATTR", Name, Next, |a| (-2, -2);
    /// `[obj] -> []`.
    DeleteAttr = "DELETE_ATTR", Name, Next, |a| (-1, -1);
    /// `[obj] -> [function, obj]` when `obj.name` is a plain function found on the type,
    /// else `[NULL, obj.name]`; `CALL_METHOD` reads either pair.
    LoadMethod = "LOAD_METHOD", Name, Next, |a| (1, 1);
    /// `[container, key] -> [container[key]]`.
    BinarySubscr = "BINARY_SUBSCR", None, Next, |a| (-1, -1);
    /// `[value, container, key] -> []`.
    StoreSubscr = "STORE_SUBSCR", None, Next, |a| (-3, -3);
    /// `[container, key] -> []`.
    DeleteSubscr = "DELETE_SUBSCR", None, Next, |a| (-2, -2);
    /// `[lower, upper(, step)] -> [slice]`, `a` is 2 or 3.
    BuildSlice = "BUILD_SLICE", Count, Next, |a| (1 - a, 1 - a);
    /// `[x, y] -> [x op y]`, the operator a [`BinaryOp`] (in-place ones try `__iop__`).
    BinaryOp = "BINARY_OP", BinOp, Next, |a| (-1, -1);
    UnaryNegative = "UNARY_NEGATIVE", None, Next, |a| (0, 0);
    UnaryPositive = "UNARY_POSITIVE", None, Next, |a| (0, 0);
    UnaryInvert = "UNARY_INVERT", None, Next, |a| (0, 0);
    UnaryNot = "UNARY_NOT", None, Next, |a| (0, 0);
    /// `[x, y] -> [x cmp y]`.
    CompareOp = "COMPARE_OP", Cmp, Next, |a| (-1, -1);
    /// `[x, y] -> [x is y]` (or `is not`).
    IsOp = "IS_OP", Invert, Next, |a| (-1, -1);
    /// `[x, y] -> [x in y]` (or `not in`).
    ContainsOp = "CONTAINS_OP", Invert, Next, |a| (-1, -1);
    /// Jumps forward (or anywhere that does not close a loop).
    Jump = "JUMP", Jump, Goto, |a| (0, 0);
    /// Jumps back to a loop's head: where the core counts for the JIT (`can_enter_jit`).
    JumpBackward = "JUMP_BACKWARD", Jump, Goto, |a| (0, 0);
    PopJumpIfFalse = "POP_JUMP_IF_FALSE", Jump, Branch, |a| (-1, -1);
    PopJumpIfTrue = "POP_JUMP_IF_TRUE", Jump, Branch, |a| (-1, -1);
    /// Jumps keeping the top if it is false, else pops it.
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP", Jump, Branch, |a| (-1, 0);
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP", Jump, Branch, |a| (-1, 0);
    /// `[x] -> [iter(x)]`.
    GetIter = "GET_ITER", None, Next, |a| (0, 0);
    /// `[it] -> [it, next(it)]`, or pops `it` and jumps when it is exhausted.
    ForIter = "FOR_ITER", Jump, Branch, |a| (1, -1);
    BuildTuple = "BUILD_TUPLE", Count, Next, |a| (1 - a, 1 - a);
    BuildList = "BUILD_LIST", Count, Next, |a| (1 - a, 1 - a);
    BuildSet = "BUILD_SET", Count, Next, |a| (1 - a, 1 - a);
    /// `[k1, v1, ..., ka, va] -> [dict]`.
    BuildMap = "BUILD_MAP", Count, Next, |a| (1 - 2 * a, 1 - 2 * a);
    /// Concatenates the top `a` strings.
    BuildString = "BUILD_STRING", Count, Next, |a| (1 - a, 1 - a);
    /// `[..., list, ...(a - 1 values), v] -> [..., list, ...]`: `list.append(v)`, the
    /// list `a` deep after `v` is popped (comprehensions).
    ListAppend = "LIST_APPEND", Count, Next, |a| (-1, -1);
    SetAdd = "SET_ADD", Count, Next, |a| (-1, -1);
    /// `[..., dict, ..., k, v] -> [..., dict, ...]`: `dict[k] = v`, `a` deep.
    MapAdd = "MAP_ADD", Count, Next, |a| (-2, -2);
    /// `list.extend(iterable)`, the list `a` deep after the iterable is popped.
    ListExtend = "LIST_EXTEND", Count, Next, |a| (-1, -1);
    SetUpdate = "SET_UPDATE", Count, Next, |a| (-1, -1);
    /// `dict.update(mapping)` (a `{**m}` display).
    DictUpdate = "DICT_UPDATE", Count, Next, |a| (-1, -1);
    /// Like `DICT_UPDATE`, but a repeated key is a `TypeError` (`f(**m)`). It only
    /// builds the keywords of a `CALL_FUNCTION_EX`, so the callable is `a + 2` deep
    /// after the mapping is popped (below the positional tuple), for CPython's message
    /// `f() got multiple values for keyword argument 'k'`.
    DictMerge = "DICT_MERGE", Count, Next, |a| (-1, -1);
    /// `[list] -> [tuple(list)]`.
    ListToTuple = "LIST_TO_TUPLE", None, Next, |a| (0, 0);
    /// `[seq] -> [x(a-1), ..., x0]`: exactly `a` items, the first on top.
    UnpackSequence = "UNPACK_SEQUENCE", Count, Next, |a| (a - 1, a - 1);
    /// `a, *rest, b = seq`: pushes the items after the star (last deepest), the list
    /// of the middle ones, then the items before it, the first on top.
    UnpackEx = "UNPACK_EX", Unpack, Next, |a| ((a & 0xffff) + (a >> 16), (a & 0xffff) + (a >> 16));
    /// `[value(, spec)] -> [formatted]` (f-strings).
    FormatValue = "FORMAT_VALUE", Format, Next, |a| (-((a >> 2) & 1), -((a >> 2) & 1));
    /// `[f, arg1, ..., arga] -> [f(args)]`.
    Call = "CALL", Count, Next, |a| (-a, -a);
    /// `[f, arg1, ..., arga, names] -> [result]`: the last `len(names)` arguments are
    /// passed by keyword, `names` a constant tuple of strings.
    CallKw = "CALL_KW", Count, Next, |a| (-a - 1, -a - 1);
    /// `[function|NULL, self|callable, arg1, ..., arga] -> [result]` after `LOAD_METHOD`.
    CallMethod = "CALL_METHOD", Count, Next, |a| (-a - 1, -a - 1);
    /// `CALL_METHOD` with a names tuple on top, as `CALL_KW`.
    CallMethodKw = "CALL_METHOD_KW", Count, Next, |a| (-a - 2, -a - 2);
    /// `[f, args_tuple(, kwargs_dict)] -> [result]`; `a` is 1 when the dict is there.
    CallEx = "CALL_FUNCTION_EX", Count, Next, |a| (-1 - a, -1 - a);
    /// `[defaults?, kwdefaults?, closure?, code] -> [function]`, present per flag.
    MakeFunction = "MAKE_FUNCTION", MakeFunction, Next,
        |a| (-((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1)), -((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1)));
    /// Pushes the builtin `__build_class__(function, name, *bases, **keywords)`.
    LoadBuildClass = "LOAD_BUILD_CLASS", None, Next, |a| (1, 1);
    /// `[value] -> ` returns from the frame.
    ReturnValue = "RETURN_VALUE", None, Stop, |a| (-1, -1);
    /// `[value] -> [sent]`: suspends the generator yielding `value`; resumed with
    /// `sent` on the stack (`None` for `next()`).
    YieldValue = "YIELD_VALUE", None, Next, |a| (0, 0);
    /// `[x] -> [iter(x)]`, a generator kept as it is.
    GetYieldFromIter = "GET_YIELD_FROM_ITER", None, Next, |a| (0, 0);
    /// `[subiter, sent] -> [result]`: sends `sent` to the subiterator; if it yields, the
    /// frame suspends with that value and resumes at this same instruction with the
    /// new sent value on the stack; when it returns, its value replaces both.
    YieldFrom = "YIELD_FROM", None, Next, |a| (-1, -1);
    /// `raise` (a = 0, re-raises the handled exception), `raise x` (1),
    /// `raise x from y` (2).
    RaiseVarargs = "RAISE_VARARGS", Count, Stop, |a| (-a, -a);
    /// `[exc] -> ` raises `exc` again, its traceback kept.
    Reraise = "RERAISE", None, Stop, |a| (-1, -1);
    /// `[exc] -> [previous, exc]`: `exc` becomes the handled exception (`sys.exc_info`),
    /// the one handled before is saved below it.
    PushExcInfo = "PUSH_EXC_INFO", None, Next, |a| (1, 1);
    /// `[previous] -> []`: the handled exception is `previous` again.
    PopExcept = "POP_EXCEPT", None, Next, |a| (-1, -1);
    /// `[exc, type] -> [exc, isinstance(exc, type)]` (type may be a tuple).
    CheckExcMatch = "CHECK_EXC_MATCH", None, Next, |a| (0, 0);
    /// `[manager] -> [manager.__exit__, manager.__enter__()]`.
    BeforeWith = "BEFORE_WITH", None, Next, |a| (1, 1);
    /// `[exit, previous, exc] -> [exit, previous, exc, exit(type(exc), exc, tb)]`.
    WithExceptStart = "WITH_EXCEPT_START", None, Next, |a| (1, 1);
    /// Pushes the builtin `AssertionError`.
    LoadAssertionError = "LOAD_ASSERTION_ERROR", None, Next, |a| (1, 1);
    /// `[fromlist] -> [module]`: imports the module named `a` (absolute); with a
    /// `None` fromlist it pushes the top package of a dotted name, else the module.
    ImportName = "IMPORT_NAME", Name, Next, |a| (0, 0);
    /// `[module] -> [module, module.name]` (a submodule is imported if needed).
    ImportFrom = "IMPORT_FROM", Name, Next, |a| (1, 1);
    /// `[module] -> []`: every public name of the module into the module's globals.
    ImportStar = "IMPORT_STAR", None, Next, |a| (-1, -1);
}

/// The `MAKE_FUNCTION` flag of a defaults tuple on the stack.
pub const MAKE_DEFAULTS: u32 = 1;
/// The `MAKE_FUNCTION` flag of a keyword-only defaults dict.
pub const MAKE_KWDEFAULTS: u32 = 2;
/// The `MAKE_FUNCTION` flag of a closure tuple of cells.
pub const MAKE_CLOSURE: u32 = 4;

/// The `FORMAT_VALUE` flag of a format spec on the stack.
pub const FORMAT_HAS_SPEC: u32 = 4;

/// The comparisons of `COMPARE_OP`, by argument (CPython's order).
pub const COMPARE_NAMES: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// One instruction: an opcode and its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

macro_rules! binary_ops {
    ($($op:ident = $sym:literal, $isym:literal;)*) => {
        /// The operators of `BINARY_OP`: the argument is the operator's index, plus
        /// [`BinaryOp::INPLACE`] for the augmented form (`+=`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        pub enum BinaryOp { $($op,)* }

        impl BinaryOp {
            /// Every operator, in argument order.
            pub const ALL: &'static [BinaryOp] = &[$(BinaryOp::$op),*];
            /// Added to the argument of an in-place operator.
            pub const INPLACE: u32 = BinaryOp::ALL.len() as u32;

            /// The operator's symbol, `+` or `+=`.
            pub fn symbol(self, inplace: bool) -> &'static str {
                match self { $(BinaryOp::$op => if inplace { $isym } else { $sym },)* }
            }

            /// The operator and whether it is in place, of a `BINARY_OP` argument.
            pub fn from_arg(arg: u32) -> Option<(BinaryOp, bool)> {
                let n = Self::INPLACE;
                let op = *Self::ALL.get((arg % n) as usize)?;
                (arg < 2 * n).then_some((op, arg >= n))
            }

            /// The `BINARY_OP` argument of the operator.
            pub fn arg(self, inplace: bool) -> u32 {
                self as u32 + if inplace { Self::INPLACE } else { 0 }
            }
        }
    };
}

binary_ops! {
    Add = "+", "+=";
    And = "&", "&=";
    FloorDiv = "//", "//=";
    LShift = "<<", "<<=";
    MatMult = "@", "@=";
    Mult = "*", "*=";
    Mod = "%", "%=";
    Or = "|", "|=";
    Pow = "**", "**=";
    RShift = ">>", ">>=";
    Sub = "-", "-=";
    Div = "/", "/=";
    Xor = "^", "^=";
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
