//! The table of functions written in Rust: one line per builtin function, type
//! method or module function, giving its id (an enum the core `match`es on), its
//! Python name and where it lives.

use crate::objspace::typeobject::Kind;

/// Where a builtin is installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A module's namespace.
    Module(&'static str),
    /// A method in a builtin type's dict.
    Type(Kind),
}

macro_rules! builtins {
    ($($id:ident = $name:literal in $kind:ident $($arg:ident)?;)*) => {
        /// The id of a builtin: its index in [`TABLE`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        #[allow(non_camel_case_types)]
        pub enum Bi { $($id,)* }

        impl Bi {
            pub const ALL: &'static [Bi] = &[$(Bi::$id),*];
        }

        /// Every builtin: id, name and place.
        pub const TABLE: &[(Bi, &str, Place)] = &[$((Bi::$id, $name, place!($kind $($arg)?))),*];
    };
}

macro_rules! place {
    (module $m:ident) => {
        Place::Module(stringify!($m))
    };
    (type $k:ident) => {
        Place::Type(Kind::$k)
    };
}

builtins! {
    Print = "print" in module builtins;
    Len = "len" in module builtins;
    Repr = "repr" in module builtins;
    Isinstance = "isinstance" in module builtins;
    Issubclass = "issubclass" in module builtins;
    Abs = "abs" in module builtins;
    Min = "min" in module builtins;
    Max = "max" in module builtins;
    Sum = "sum" in module builtins;
    Sorted = "sorted" in module builtins;
    Reversed = "reversed" in module builtins;
    Enumerate = "enumerate" in module builtins;
    Zip = "zip" in module builtins;
    Map = "map" in module builtins;
    Filter = "filter" in module builtins;
    Iter = "iter" in module builtins;
    Next = "next" in module builtins;
    Any = "any" in module builtins;
    All = "all" in module builtins;
    Ord = "ord" in module builtins;
    Chr = "chr" in module builtins;
    Hash = "hash" in module builtins;
    Id = "id" in module builtins;
    Divmod = "divmod" in module builtins;
    Pow = "pow" in module builtins;
    Round = "round" in module builtins;
    Hex = "hex" in module builtins;
    Oct = "oct" in module builtins;
    Bin = "bin" in module builtins;
    Getattr = "getattr" in module builtins;
    Setattr = "setattr" in module builtins;
    Hasattr = "hasattr" in module builtins;
    Delattr = "delattr" in module builtins;
    Callable = "callable" in module builtins;
    BuildClass = "__build_class__" in module builtins;
    Globals = "globals" in module builtins;
    Locals = "locals" in module builtins;
    Vars = "vars" in module builtins;
    Format = "format" in module builtins;
    Ascii = "ascii" in module builtins;
    Input = "input" in module builtins;
    Open = "open" in module builtins;
    Dir = "dir" in module builtins;
    Import = "__import__" in module builtins;
    DunderOp = "__op__" in module _internal;
    Isascii = "isascii" in type Str;

    ObjectInit = "__init__" in type Object;
    ObjectNew = "__new__" in type Object;
    ObjectEq = "__eq__" in type Object;
    ObjectNe = "__ne__" in type Object;
    ObjectHash = "__hash__" in type Object;
    ObjectRepr = "__repr__" in type Object;
    ObjectStr = "__str__" in type Object;
    ObjectSetattr = "__setattr__" in type Object;
    ObjectGetattribute = "__getattribute__" in type Object;
    ObjectInitSubclass = "__init_subclass__" in type Object;
    ObjectFormat = "__format__" in type Object;
    ObjectLt = "__lt__" in type Object;
    ObjectGt = "__gt__" in type Object;
    ObjectLe = "__le__" in type Object;
    ObjectGe = "__ge__" in type Object;
    TypeMro = "mro" in type Type;
    TypeSubclasses = "__subclasses__" in type Type;
    ExcWithTraceback = "with_traceback" in type BaseException;
    ExcInit = "__init__" in type BaseException;
    ExcStr = "__str__" in type BaseException;
    ExcRepr = "__repr__" in type BaseException;

    ListAppend = "append" in type List;
    ListExtend = "extend" in type List;
    ListPop = "pop" in type List;
    ListInsert = "insert" in type List;
    ListRemove = "remove" in type List;
    ListIndex = "index" in type List;
    ListCount = "count" in type List;
    ListSort = "sort" in type List;
    ListReverse = "reverse" in type List;
    ListCopy = "copy" in type List;
    ListClear = "clear" in type List;
    ListInit = "__init__" in type List;
    ListGetitem = "__getitem__" in type List;
    ListSetitem = "__setitem__" in type List;
    ListLen = "__len__" in type List;
    ListContains = "__contains__" in type List;
    ListIter = "__iter__" in type List;
    TupleIndex = "index" in type Tuple;
    TupleCount = "count" in type Tuple;

    DictGet = "get" in type Dict;
    DictKeys = "keys" in type Dict;
    DictValues = "values" in type Dict;
    DictItems = "items" in type Dict;
    DictPop = "pop" in type Dict;
    DictPopitem = "popitem" in type Dict;
    DictSetdefault = "setdefault" in type Dict;
    DictUpdate = "update" in type Dict;
    DictCopy = "copy" in type Dict;
    DictClear = "clear" in type Dict;
    DictFromkeys = "fromkeys" in type Dict;
    DictGetitem = "__getitem__" in type Dict;
    DictSetitem = "__setitem__" in type Dict;
    DictContains = "__contains__" in type Dict;
    DictLen = "__len__" in type Dict;
    DictInit = "__init__" in type Dict;

    SetAdd = "add" in type Set;
    SetRemove = "remove" in type Set;
    SetDiscard = "discard" in type Set;
    SetPop = "pop" in type Set;
    SetClear = "clear" in type Set;
    SetUpdate = "update" in type Set;
    SetUnion = "union" in type Set;
    SetIntersection = "intersection" in type Set;
    SetDifference = "difference" in type Set;
    SetSymDiff = "symmetric_difference" in type Set;
    SetIssubset = "issubset" in type Set;
    SetIssuperset = "issuperset" in type Set;
    SetIsdisjoint = "isdisjoint" in type Set;
    SetCopy = "copy" in type Set;
    SetIntersectionUpdate = "intersection_update" in type Set;
    SetDifferenceUpdate = "difference_update" in type Set;
    FSetUnion = "union" in type FrozenSet;
    FSetIntersection = "intersection" in type FrozenSet;
    FSetDifference = "difference" in type FrozenSet;
    FSetSymDiff = "symmetric_difference" in type FrozenSet;
    FSetIssubset = "issubset" in type FrozenSet;
    FSetIssuperset = "issuperset" in type FrozenSet;
    FSetIsdisjoint = "isdisjoint" in type FrozenSet;
    FSetCopy = "copy" in type FrozenSet;

    StrJoin = "join" in type Str;
    StrSplit = "split" in type Str;
    StrRsplit = "rsplit" in type Str;
    StrStrip = "strip" in type Str;
    StrLstrip = "lstrip" in type Str;
    StrRstrip = "rstrip" in type Str;
    StrUpper = "upper" in type Str;
    StrLower = "lower" in type Str;
    StrReplace = "replace" in type Str;
    StrStartswith = "startswith" in type Str;
    StrEndswith = "endswith" in type Str;
    StrFind = "find" in type Str;
    StrRfind = "rfind" in type Str;
    StrIndex = "index" in type Str;
    StrRindex = "rindex" in type Str;
    StrCount = "count" in type Str;
    StrFormat = "format" in type Str;
    StrIsdigit = "isdigit" in type Str;
    StrIsalpha = "isalpha" in type Str;
    StrIsalnum = "isalnum" in type Str;
    StrIsspace = "isspace" in type Str;
    StrIsupper = "isupper" in type Str;
    StrIslower = "islower" in type Str;
    StrIsidentifier = "isidentifier" in type Str;
    StrIsnumeric = "isnumeric" in type Str;
    StrIsdecimal = "isdecimal" in type Str;
    StrIstitle = "istitle" in type Str;
    StrCapitalize = "capitalize" in type Str;
    StrTitle = "title" in type Str;
    StrSwapcase = "swapcase" in type Str;
    StrCenter = "center" in type Str;
    StrLjust = "ljust" in type Str;
    StrRjust = "rjust" in type Str;
    StrZfill = "zfill" in type Str;
    StrSplitlines = "splitlines" in type Str;
    StrPartition = "partition" in type Str;
    StrRpartition = "rpartition" in type Str;
    StrEncode = "encode" in type Str;
    StrExpandtabs = "expandtabs" in type Str;
    StrCasefold = "casefold" in type Str;
    StrRemoveprefix = "removeprefix" in type Str;
    StrRemovesuffix = "removesuffix" in type Str;
    StrMaketrans = "maketrans" in type Str;
    StrTranslate = "translate" in type Str;

    BytesDecode = "decode" in type Bytes;
    BytesHex = "hex" in type Bytes;
    BytesJoin = "join" in type Bytes;
    BytesSplit = "split" in type Bytes;
    BytesStrip = "strip" in type Bytes;
    BytesUpper = "upper" in type Bytes;
    BytesLower = "lower" in type Bytes;
    BytesStartswith = "startswith" in type Bytes;
    BytesEndswith = "endswith" in type Bytes;
    BytesFind = "find" in type Bytes;
    BytesReplace = "replace" in type Bytes;
    BytesCount = "count" in type Bytes;
    BytesFromhex = "fromhex" in type Bytes;
    BytesRfind = "rfind" in type Bytes;
    BytesIndex = "index" in type Bytes;
    BytesRindex = "rindex" in type Bytes;
    BytesRsplit = "rsplit" in type Bytes;
    BytesLstrip = "lstrip" in type Bytes;
    BytesRstrip = "rstrip" in type Bytes;
    BytesPartition = "partition" in type Bytes;
    BytesRpartition = "rpartition" in type Bytes;
    BytesSplitlines = "splitlines" in type Bytes;
    BytesIsdigit = "isdigit" in type Bytes;
    BytesIsalpha = "isalpha" in type Bytes;
    BytesIsalnum = "isalnum" in type Bytes;
    BytesIsspace = "isspace" in type Bytes;
    BytesIsupper = "isupper" in type Bytes;
    BytesIslower = "islower" in type Bytes;
    BytesIstitle = "istitle" in type Bytes;
    BytesIsascii = "isascii" in type Bytes;
    BytesTitle = "title" in type Bytes;
    BytesCapitalize = "capitalize" in type Bytes;
    BytesSwapcase = "swapcase" in type Bytes;
    BytesLjust = "ljust" in type Bytes;
    BytesRjust = "rjust" in type Bytes;
    BytesCenter = "center" in type Bytes;
    BytesZfill = "zfill" in type Bytes;
    BytesRemoveprefix = "removeprefix" in type Bytes;
    BytesRemovesuffix = "removesuffix" in type Bytes;
    BytesExpandtabs = "expandtabs" in type Bytes;
    BaAppend = "append" in type ByteArray;
    BaExtend = "extend" in type ByteArray;
    BaPop = "pop" in type ByteArray;
    BaInsert = "insert" in type ByteArray;
    BaRemove = "remove" in type ByteArray;
    BaReverse = "reverse" in type ByteArray;
    BaClear = "clear" in type ByteArray;
    BaCopy = "copy" in type ByteArray;
    BaFromhex = "fromhex" in type ByteArray;

    IntBitLength = "bit_length" in type Int;
    IntToBytes = "to_bytes" in type Int;
    IntFromBytes = "from_bytes" in type Int;
    IntConjugate = "conjugate" in type Int;
    IntBitCount = "bit_count" in type Int;
    FloatIsInteger = "is_integer" in type Float;
    FloatHex = "hex" in type Float;
    FloatAsIntegerRatio = "as_integer_ratio" in type Float;
    FloatFromhex = "fromhex" in type Float;

    GenSend = "send" in type Generator;
    GenThrow = "throw" in type Generator;
    GenClose = "close" in type Generator;
    GenNext = "__next__" in type Generator;
    GenIter = "__iter__" in type Generator;
    IterNext = "__next__" in type Iterator;
    IterIter = "__iter__" in type Iterator;
    RangeIndex = "index" in type Range;
    RangeCount = "count" in type Range;
    PropertyGetter = "getter" in type Property;
    PropertySetter = "setter" in type Property;
    PropertyDeleter = "deleter" in type Property;
    SliceIndices = "indices" in type Slice;

    SysExit = "exit" in module sys;
    SysGetrecursionlimit = "getrecursionlimit" in module sys;
    SysSetrecursionlimit = "setrecursionlimit" in module sys;
    SysGetIntMaxStrDigits = "get_int_max_str_digits" in module sys;
    SysSetIntMaxStrDigits = "set_int_max_str_digits" in module sys;
    SysExcInfo = "exc_info" in module sys;
    SysIntern = "intern" in module sys;
    SysGetsizeof = "getsizeof" in module sys;
    StdoutWrite = "write" in module _stdout;
    StdoutFlush = "flush" in module _stdout;
    StderrWrite = "write" in module _stderr;

    MathSqrt = "sqrt" in module math;
    MathFloor = "floor" in module math;
    MathCeil = "ceil" in module math;
    MathTrunc = "trunc" in module math;
    MathSin = "sin" in module math;
    MathCos = "cos" in module math;
    MathTan = "tan" in module math;
    MathAsin = "asin" in module math;
    MathAcos = "acos" in module math;
    MathAtan = "atan" in module math;
    MathAtan2 = "atan2" in module math;
    MathExp = "exp" in module math;
    MathLog = "log" in module math;
    MathLog2 = "log2" in module math;
    MathLog10 = "log10" in module math;
    MathPow = "pow" in module math;
    MathFabs = "fabs" in module math;
    MathGcd = "gcd" in module math;
    MathLcm = "lcm" in module math;
    MathFactorial = "factorial" in module math;
    MathIsqrt = "isqrt" in module math;
    MathHypot = "hypot" in module math;
    MathIsclose = "isclose" in module math;
    MathIsnan = "isnan" in module math;
    MathIsinf = "isinf" in module math;
    MathIsfinite = "isfinite" in module math;
    MathComb = "comb" in module math;
    MathPerm = "perm" in module math;
    MathProd = "prod" in module math;
    MathFsum = "fsum" in module math;
    MathDegrees = "degrees" in module math;
    MathRadians = "radians" in module math;
    MathCopysign = "copysign" in module math;
    MathFmod = "fmod" in module math;
    MathModf = "modf" in module math;
    MathSinh = "sinh" in module math;
    MathCosh = "cosh" in module math;
    MathTanh = "tanh" in module math;
    MathFrexp = "frexp" in module math;
    MathLdexp = "ldexp" in module math;
    MathDist = "dist" in module math;
    MathLog1p = "log1p" in module math;
    MathRemainder = "remainder" in module math;
    MathExpm1 = "expm1" in module math;
    MathErf = "erf" in module math;
    MathErfc = "erfc" in module math;
    MathGamma = "gamma" in module math;
    MathLgamma = "lgamma" in module math;
    MathCbrt = "cbrt" in module math;
    MathExp2 = "exp2" in module math;
    MathAsinh = "asinh" in module math;
    MathAcosh = "acosh" in module math;
    MathAtanh = "atanh" in module math;
    ItFilterfalse = "filterfalse" in module itertools;
    FloatConjugate = "conjugate" in type Float;

    TimeTime = "time" in module time;
    TimePerfCounter = "perf_counter" in module time;
    TimeMonotonic = "monotonic" in module time;
    TimeProcessTime = "process_time" in module time;
    TimeSleep = "sleep" in module time;
    TimePerfCounterNs = "perf_counter_ns" in module time;
    TimeTimeNs = "time_ns" in module time;

    RandomSeed = "seed" in module random;
    RandomRandom = "random" in module random;
    RandomRandint = "randint" in module random;
    RandomRandrange = "randrange" in module random;
    RandomChoice = "choice" in module random;
    RandomShuffle = "shuffle" in module random;
    RandomUniform = "uniform" in module random;
    RandomSample = "sample" in module random;
    RandomGetrandbits = "getrandbits" in module random;
    RandomGauss = "gauss" in module random;
    RandomChoices = "choices" in module random;
    RandomGetstate = "getstate" in module random;
    RandomSetstate = "setstate" in module random;
    RandomExpovariate = "expovariate" in module random;

    ItCount = "count" in module itertools;
    ItRepeat = "repeat" in module itertools;
    ItChain = "chain" in module itertools;
    ItChainFromIterable = "from_iterable" in module _chain;
    ItIslice = "islice" in module itertools;
    ItCycle = "cycle" in module itertools;
    ItProduct = "product" in module itertools;
    ItPermutations = "permutations" in module itertools;
    ItCombinations = "combinations" in module itertools;
    ItCombinationsWR = "combinations_with_replacement" in module itertools;
    ItAccumulate = "accumulate" in module itertools;
    ItTakewhile = "takewhile" in module itertools;
    ItDropwhile = "dropwhile" in module itertools;
    ItZipLongest = "zip_longest" in module itertools;
    ItGroupby = "groupby" in module itertools;
    ItStarmap = "starmap" in module itertools;
    ItPairwise = "pairwise" in module itertools;
    ItCompress = "compress" in module itertools;
    ItTee = "tee" in module itertools;

    BisectLeft = "bisect_left" in module bisect;
    BisectRight = "bisect_right" in module bisect;
    Bisect = "bisect" in module bisect;
    InsortLeft = "insort_left" in module bisect;
    InsortRight = "insort_right" in module bisect;
    Insort = "insort" in module bisect;

    FunctoolsReduce = "reduce" in module functools;
    FunctoolsLruCache = "lru_cache" in module functools;
    FunctoolsCache = "cache" in module functools;
    FunctoolsWraps = "wraps" in module functools;
    FunctoolsPartial = "partial" in module functools;
    FunctoolsCmpToKey = "cmp_to_key" in module functools;
    OperatorItemgetter = "itemgetter" in module operator;
    OperatorAttrgetter = "attrgetter" in module operator;
    OperatorAdd = "add" in module operator;
    OperatorMul = "mul" in module operator;
    OperatorSub = "sub" in module operator;
    OperatorNeg = "neg" in module operator;
    OperatorLt = "lt" in module operator;
    OperatorEq = "eq" in module operator;
    CopyCopy = "copy" in module copy;
    CopyDeepcopy = "deepcopy" in module copy;
    HeapqPush = "heappush" in module heapq;
    HeapqPop = "heappop" in module heapq;
    HeapqHeapify = "heapify" in module heapq;
    HeapqPushpop = "heappushpop" in module heapq;
    HeapqReplace = "heapreplace" in module heapq;
    HeapqNlargest = "nlargest" in module heapq;
    HeapqNsmallest = "nsmallest" in module heapq;
}
