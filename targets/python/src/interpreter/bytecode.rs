//! The bytecode the core runs: [`Op`], [`Instr`], the operators of `BINARY_OP`
//! ([`BinaryOp`]) and the flags of some arguments. The compiler (outside the core)
//! makes it; `compile/opcodes.rs` keeps each opcode's name, argument kind, control flow
//! and stack effects in one table checked against this enum's order. Written out, not
//! made by a macro, so that the toolchain's analysis sees the enums the core matches on.
//!
//! An instruction is fixed width: an [`Op`] and a `u32` argument ([`Instr`], `Copy`),
//! so code is an immutable list the core indexes by the program counter and the JIT
//! folds the fetch of. Jump arguments are absolute instruction indices. Stack pictures
//! list the stack bottom to top, `[a, b] -> [c]`.

/// An opcode. The discriminants are the order of the compiler's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Op {
    /// Does nothing.
    Nop,
    /// `[x] -> []`.
    PopTop,
    /// Pushes a copy of the `a`-th value from the top (1 is the top).
    Copy,
    /// Swaps the top with the `a`-th value from the top.
    Swap,
    /// Pushes constant `a`.
    LoadConst,
    /// Pushes fast local `a`; `UnboundLocalError` if it has no value.
    LoadFast,
    StoreFast,
    DeleteFast,
    /// Pushes the content of cell or free variable `a`.
    LoadDeref,
    StoreDeref,
    DeleteDeref,
    /// Pushes the cell object `a` itself (to build a closure tuple).
    LoadClosure,
    /// In a class body: the name of free variable `a` in the class namespace, else the
    /// content of its cell.
    LoadClassDeref,
    /// Class bodies only: the name in the class namespace, then globals, then builtins.
    LoadName,
    StoreName,
    DeleteName,
    /// The name in the module's globals, then in the builtins. Module-level code uses the
    /// global ops too: there, locals are the globals.
    LoadGlobal,
    StoreGlobal,
    DeleteGlobal,
    /// `[obj] -> [obj.name]`.
    LoadAttr,
    /// `[value, obj] -> []`: `obj.name = value`.
    StoreAttr,
    /// `[obj] -> []`.
    DeleteAttr,
    /// `[obj] -> [function, obj]` when `obj.name` is a plain function found on the type,
    /// else `[NULL, obj.name]`; `CALL_METHOD` reads either pair.
    LoadMethod,
    /// `[container, key] -> [container[key]]`.
    BinarySubscr,
    /// `[value, container, key] -> []`.
    StoreSubscr,
    /// `[container, key] -> []`.
    DeleteSubscr,
    /// `[lower, upper(, step)] -> [slice]`, `a` is 2 or 3.
    BuildSlice,
    /// `[x, y] -> [x op y]`, the operator a [`BinaryOp`] (in-place ones try `__iop__`).
    BinaryOp,
    UnaryNegative,
    UnaryPositive,
    UnaryInvert,
    UnaryNot,
    /// `[x, y] -> [x cmp y]`.
    CompareOp,
    /// `[x, y] -> [x is y]` (or `is not`).
    IsOp,
    /// `[x, y] -> [x in y]` (or `not in`).
    ContainsOp,
    /// Jumps forward (or anywhere that does not close a loop).
    Jump,
    /// Jumps back to a loop's head: where the core counts for the JIT (`can_enter_jit`).
    JumpBackward,
    PopJumpIfFalse,
    PopJumpIfTrue,
    /// Jumps keeping the top if it is false, else pops it.
    JumpIfFalseOrPop,
    JumpIfTrueOrPop,
    /// `[x] -> [iter(x)]`.
    GetIter,
    /// `[it] -> [it, next(it)]`, or pops `it` and jumps when it is exhausted.
    ForIter,
    BuildTuple,
    BuildList,
    BuildSet,
    /// `[k1, v1, ..., ka, va] -> [dict]`.
    BuildMap,
    /// Concatenates the top `a` strings.
    BuildString,
    /// `[..., list, ...(a - 1 values), v] -> [..., list, ...]`: `list.append(v)`, the
    /// list `a` deep after `v` is popped (comprehensions).
    ListAppend,
    SetAdd,
    /// `[..., dict, ..., k, v] -> [..., dict, ...]`: `dict[k] = v`, `a` deep.
    MapAdd,
    /// `list.extend(iterable)`, the list `a` deep after the iterable is popped.
    ListExtend,
    SetUpdate,
    /// `dict.update(mapping)` (a `{**m}` display).
    DictUpdate,
    /// Like `DICT_UPDATE`, but a repeated key is a `TypeError` (`f(**m)`). It only
    /// builds the keywords of a `CALL_FUNCTION_EX`, so the callable is `a + 2` deep
    /// after the mapping is popped (below the positional tuple), for CPython's message
    /// `f() got multiple values for keyword argument 'k'`.
    DictMerge,
    /// `[list] -> [tuple(list)]`.
    ListToTuple,
    /// `[seq] -> [x(a-1), ..., x0]`: exactly `a` items, the first on top.
    UnpackSequence,
    /// `a, *rest, b = seq`: pushes the items after the star (last deepest), the list
    /// of the middle ones, then the items before it, the first on top.
    UnpackEx,
    /// `[value(, spec)] -> [formatted]` (f-strings).
    FormatValue,
    /// `[f, arg1, ..., arga] -> [f(args)]`.
    Call,
    /// `[f, arg1, ..., arga, names] -> [result]`: the last `len(names)` arguments are
    /// passed by keyword, `names` a constant tuple of strings.
    CallKw,
    /// `[function|NULL, self|callable, arg1, ..., arga] -> [result]` after `LOAD_METHOD`.
    CallMethod,
    /// `CALL_METHOD` with a names tuple on top, as `CALL_KW`.
    CallMethodKw,
    /// `[f, args_tuple(, kwargs_dict)] -> [result]`; `a` is 1 when the dict is there.
    CallEx,
    /// `[defaults?, kwdefaults?, closure?, code] -> [function]`, present per flag.
    MakeFunction,
    /// Pushes the builtin `__build_class__(function, name, *bases, **keywords)`.
    LoadBuildClass,
    /// `[value] -> ` returns from the frame.
    ReturnValue,
    /// `[value] -> [sent]`: suspends the generator yielding `value`; resumed with
    /// `sent` on the stack (`None` for `next()`).
    YieldValue,
    /// `[x] -> [iter(x)]`, a generator kept as it is.
    GetYieldFromIter,
    /// `[subiter, sent] -> [result]`: sends `sent` to the subiterator; if it yields, the
    /// frame suspends with that value and resumes at this same instruction with the
    /// new sent value on the stack; when it returns, its value replaces both.
    YieldFrom,
    /// `raise` (a = 0, re-raises the handled exception), `raise x` (1),
    /// `raise x from y` (2).
    RaiseVarargs,
    /// `[exc] -> ` raises `exc` again, its traceback kept.
    Reraise,
    /// `[exc] -> [previous, exc]`: `exc` becomes the handled exception (`sys.exc_info`),
    /// the one handled before is saved below it.
    PushExcInfo,
    /// `[previous] -> []`: the handled exception is `previous` again.
    PopExcept,
    /// `[exc, type] -> [exc, isinstance(exc, type)]` (type may be a tuple).
    CheckExcMatch,
    /// `[manager] -> [manager.__exit__, manager.__enter__()]`.
    BeforeWith,
    /// `[exit, previous, exc] -> [exit, previous, exc, exit(type(exc), exc, tb)]`.
    WithExceptStart,
    /// Pushes the builtin `AssertionError`.
    LoadAssertionError,
    /// `[fromlist] -> [module]`: imports the module named `a` (absolute); with a
    /// `None` fromlist it pushes the top package of a dotted name, else the module.
    ImportName,
    /// `[module] -> [module, module.name]` (a submodule is imported if needed).
    ImportFrom,
    /// `[module] -> []`: every public name of the module into the module's globals.
    ImportStar,
}

/// One instruction: an opcode and its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
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

/// The operators of `BINARY_OP`: the argument is the operator's index, plus
/// [`BinaryOp::INPLACE`] for the augmented form (`+=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum BinaryOp {
    Add,
    And,
    FloorDiv,
    LShift,
    MatMult,
    Mult,
    Mod,
    Or,
    Pow,
    RShift,
    Sub,
    Div,
    Xor,
}

impl BinaryOp {
    /// Every operator, in argument order.
    pub const ALL: &'static [BinaryOp] = &[
        BinaryOp::Add,
        BinaryOp::And,
        BinaryOp::FloorDiv,
        BinaryOp::LShift,
        BinaryOp::MatMult,
        BinaryOp::Mult,
        BinaryOp::Mod,
        BinaryOp::Or,
        BinaryOp::Pow,
        BinaryOp::RShift,
        BinaryOp::Sub,
        BinaryOp::Div,
        BinaryOp::Xor,
    ];
    /// Added to the argument of an in-place operator.
    pub const INPLACE: u32 = BinaryOp::ALL.len() as u32;

    /// The operator's symbol, `+` or `+=`.
    pub fn symbol(self, inplace: bool) -> &'static str {
        if inplace {
            self.inplace_symbol()
        } else {
            self.plain_symbol()
        }
    }

    fn plain_symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::And => "&",
            BinaryOp::FloorDiv => "//",
            BinaryOp::LShift => "<<",
            BinaryOp::MatMult => "@",
            BinaryOp::Mult => "*",
            BinaryOp::Mod => "%",
            BinaryOp::Or => "|",
            BinaryOp::Pow => "**",
            BinaryOp::RShift => ">>",
            BinaryOp::Sub => "-",
            BinaryOp::Div => "/",
            BinaryOp::Xor => "^",
        }
    }

    fn inplace_symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+=",
            BinaryOp::And => "&=",
            BinaryOp::FloorDiv => "//=",
            BinaryOp::LShift => "<<=",
            BinaryOp::MatMult => "@=",
            BinaryOp::Mult => "*=",
            BinaryOp::Mod => "%=",
            BinaryOp::Or => "|=",
            BinaryOp::Pow => "**=",
            BinaryOp::RShift => ">>=",
            BinaryOp::Sub => "-=",
            BinaryOp::Div => "/=",
            BinaryOp::Xor => "^=",
        }
    }

    /// The operator and whether it is in place, of a `BINARY_OP` argument.
    pub fn from_arg(arg: u32) -> Option<(BinaryOp, bool)> {
        let n = Self::INPLACE;
        if arg >= 2 * n {
            return None;
        }
        Some((Self::ALL[(arg % n) as usize], arg >= n))
    }

    /// The `BINARY_OP` argument of the operator.
    pub fn arg(self, inplace: bool) -> u32 {
        self as u32 + if inplace { Self::INPLACE } else { 0 }
    }
}

const _: () = {
    let mut i = 0;
    while i < BinaryOp::ALL.len() {
        assert!(BinaryOp::ALL[i] as usize == i);
        i += 1;
    }
};
