//! The smaller objects: `range`, `slice`, `bytes`, sets, iterators, dict views,
//! generators, and the `int`s past a machine word.

use super::dict::W_Dict;
use super::object::Value;
use jitsupport::gc::{Gc, GcArray, GcCell};

pub struct W_Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}
crate::py_type!(W_Slice { ; start, stop, step });

pub struct W_Bytes {
    pub data: GcArray<u8>,
}
crate::py_type!(W_Bytes { data ; });

pub struct W_ByteArray {
    pub data: GcCell<GcArray<u8>>,
    pub len: GcCell<usize>,
}
crate::py_type!(W_ByteArray { data ; });

/// `set` and `frozenset`: a table laid out as CPython's.
pub struct W_Set {
    pub dict: Gc<super::set::W_SetTable>,
    pub frozen: bool,
}
crate::py_type!(W_Set { dict ; });

/// An `int` past `i64`: sign and magnitude, 32-bit digits, least significant first
/// (the arithmetic runs in `num-bigint` on digits copied out: a residual call).
pub struct W_Long {
    pub digits: GcArray<u32>,
    pub negative: bool,
}
crate::py_type!(W_Long { digits ; });

/// Iterator kinds of [`W_Iter`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum IterKind {
    /// Over a list, tuple or str (`seq`), by index.
    Seq,
    /// Over a list backwards.
    Reversed,
    /// Over a range of machine words: `index` is the next value, `a` how many are left,
    /// `b` the step.
    Range,
    /// Over any other range (`seq`): `index` the position of the next item, counted
    /// from the end when `b` is 1.
    LongRange,
    /// Dict keys, values, items (`seq` the dict).
    DictKeys,
    DictValues,
    DictItems,
    /// `enumerate(seq)`: `a` the count.
    Enumerate,
    /// `zip(*seq)`, seq a tuple of iterators.
    Zip,
    /// `map(extra, *seq)`.
    Map,
    /// `filter(extra, seq)`.
    Filter,
    /// `iter(callable, sentinel)`: `extra` the sentinel.
    Callable,
    /// `itertools.count(start=index, step=b)`.
    Count,
    /// `itertools.repeat(extra, times=a)` (a < 0: forever).
    Repeat,
    /// `itertools.chain(*seq)`, `index` the current iterator's position.
    Chain,
    /// `itertools.cycle`: `seq` the list saved, `extra` the source.
    Cycle,
    /// `itertools.islice(seq, ...)`: `index` next position, `a` the next index to
    /// yield, `b` the step, `extra` the stop (`None` for no stop).
    ISlice,
    /// `itertools.takewhile` / `dropwhile` (`a` 1 once dropping is done).
    TakeWhile,
    DropWhile,
    /// `itertools.accumulate(seq, extra)` (`extra2` the running total).
    Accumulate,
    /// A deque (`seq`), by index.
    Deque,
    /// The keys of a set's table (`seq`), by slot.
    SetKeys,
}

/// The one iterator object of the builtin iterators: a kind and its state.
pub struct W_Iter {
    pub kind: IterKind,
    pub seq: Value,
    pub extra: Value,
    pub extra2: GcCell<Value>,
    pub index: GcCell<i64>,
    pub a: GcCell<i64>,
    pub b: i64,
}
crate::py_type!(W_Iter { ; seq, extra, extra2 });

/// A view of a dict: `kind` is 0 keys, 1 values, 2 items.
pub struct W_DictView {
    pub dict: Gc<W_Dict>,
    pub kind: u32,
}
crate::py_type!(W_DictView { dict ; });
