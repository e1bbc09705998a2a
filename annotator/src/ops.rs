//! The flowgraph operations, declared once in one table.
//!
//! These are high-level operations in the spirit of RPython's flow space (`add`,
//! `getfield`, `call`): they are generic over the operand types, which annotation
//! decides, and the rtyper turns each into low-level operations (`int_add`,
//! `float_add`, `uint_lt`, `getfield_i` ...).
//!
//! Semantics are Rust's in release mode, made explicit:
//! - `add`, `sub`, `mul`, `neg`, `shl` on integers wrap (the release-mode meaning of `+`,
//!   and what `wrapping_*` says); shift amounts are masked to the bit width;
//!   `shr` is arithmetic on signed integers and logical on unsigned ones.
//! - `div` and `rem` on integers truncate toward zero and panic on a zero divisor or
//!   on `MIN / -1`; on `f64` they follow IEEE 754.
//! - `add_ovf`, `sub_ovf`, `mul_ovf` are `checked_*`: each is the last op of a block
//!   whose exit is [`crate::model::Exit::Overflow`].
//! - `add_overflows` ... give the flag of `overflowing_*` (the value is the plain op).
//! - `cast` is `as`: integer truncation or extension, `f64` to integer saturating,
//!   integer to `f64` rounding to nearest, `bool`/`char` to integer, `u8` to `char`.

use crate::types::Type;
use std::fmt;

/// The function a `call` goes to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Callee {
    /// A function of the interpreter module: `run`, or `Frame::push` for a method.
    Function(String),
    /// A function outside the module, by the path written at the call (`crate::io::emit`):
    /// opaque to the JIT, typed from its use.
    External(String),
}

impl fmt::Display for Callee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Callee::Function(name) => f.write_str(name),
            Callee::External(path) => write!(f, "extern {path}"),
        }
    }
}

/// A method call `recv.name(args)` as written; annotation resolves it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodCall {
    pub name: String,
    /// Set by annotation: a module method (`Frame::push`) or, for a receiver of an opaque
    /// type, an external method (`Vec<u8>::push`).
    pub resolved: Option<Callee>,
}

macro_rules! op_table {
    ($(
        $(#[$doc:meta])*
        $variant:ident $(($($payload:ty),+))? => $name:literal, [$($flag:ident),*];
    )*) => {
        /// A flowgraph operation. See the module documentation for semantics.
        #[derive(Clone, Debug, PartialEq)]
        pub enum OpKind {
            $( $(#[$doc])* $variant $(($($payload),+))?, )*
        }

        impl OpKind {
            /// The name used by the text form.
            pub fn name(&self) -> &'static str {
                match self {
                    $( OpKind::$variant { .. } => $name, )*
                }
            }

            /// Has no side effect and reads no mutable memory: its result depends only on
            /// its operands. (It may still panic; see [`OpKind::may_panic`].)
            pub fn is_pure(&self) -> bool {
                match self {
                    $( OpKind::$variant { .. } => op_table!(@flag pure; $($flag)*), )*
                }
            }

            /// May panic without an explicit edge (index out of bounds, division by zero).
            pub fn may_panic(&self) -> bool {
                match self {
                    $( OpKind::$variant { .. } => op_table!(@flag may_panic; $($flag)*), )*
                }
            }

            /// Must be the last op of a block whose exit is `Exit::Overflow`.
            pub fn is_ovf(&self) -> bool {
                match self {
                    $( OpKind::$variant { .. } => op_table!(@flag ovf; $($flag)*), )*
                }
            }
        }
    };
    (@flag $want:ident;) => { false };
    (@flag pure; pure $($rest:ident)*) => { true };
    (@flag may_panic; may_panic $($rest:ident)*) => { true };
    (@flag ovf; ovf $($rest:ident)*) => { true };
    (@flag $want:ident; $other:ident $($rest:ident)*) => { op_table!(@flag $want; $($rest)*) };
}

op_table! {
    // ---- arithmetic, on integers and f64 (release-mode semantics, see above) ----
    Add => "add", [pure];
    Sub => "sub", [pure];
    Mul => "mul", [pure];
    Div => "div", [pure, may_panic];
    Rem => "rem", [pure, may_panic];
    Neg => "neg", [pure];
    /// `!x`: logical on `bool`, bitwise on integers.
    Not => "not", [pure];
    /// `&` (not `&&`, which is control flow): on integers and bools.
    BitAnd => "bitand", [pure];
    BitOr => "bitor", [pure];
    BitXor => "bitxor", [pure];
    Shl => "shl", [pure];
    Shr => "shr", [pure];
    /// `x.abs()`, wrapping on `MIN` for integers.
    Abs => "abs", [pure];
    Min => "min", [pure];
    Max => "max", [pure];
    /// `x.sqrt()` on f64.
    Sqrt => "sqrt", [pure];
    // ---- checked arithmetic: last op of a block with an Overflow exit ----
    AddOvf => "add_ovf", [pure, ovf];
    SubOvf => "sub_ovf", [pure, ovf];
    MulOvf => "mul_ovf", [pure, ovf];
    // ---- overflow flags of overflowing_* ----
    AddOverflows => "add_overflows", [pure];
    SubOverflows => "sub_overflows", [pure];
    MulOverflows => "mul_overflows", [pure];
    // ---- comparisons, on integers, bool, char, f64 and fieldless enums ----
    Eq => "eq", [pure];
    Ne => "ne", [pure];
    Lt => "lt", [pure];
    Le => "le", [pure];
    Gt => "gt", [pure];
    Ge => "ge", [pure];
    /// `x as T`; the payload is `T`.
    Cast(Type) => "cast", [pure];
    /// Copies a value into a new variable.
    SameAs => "same_as", [pure];
    // ---- structs: args of `new` are the fields in declaration order ----
    NewStruct(String) => "new", [];
    /// `Gc::new(S { .. })`: a GC object holding a new `S`; args are the fields in
    /// declaration order (a `GcCell<V>` field takes the `V`).
    NewGc(String) => "new_gc", [];
    /// `cell.get()` on a `GcCell<V>` (or a reference to one): its value.
    CellGet => "cell_get", [];
    /// `cell.set(v)`: stores `v` (with the write barrier).
    CellSet => "cell_set", [];
    /// `GcAny::of(g)`: the untyped handle of a `Gc<T>` (the same reference).
    ToAny => "to_any", [pure];
    /// `x.is::<T>()` on a `GcAny`: whether the object's class is `T`.
    GcIs(String) => "gc_is", [];
    /// `x.downcast::<T>()` on a `GcAny`: `Some(Gc<T>)` when its class is `T`.
    GcDowncast(String) => "gc_downcast", [];
    /// `getfield(x, .f)`: `x` is a struct or a reference to one (auto-deref).
    GetField(String) => "getfield", [];
    /// `setfield(x, .f, value)`: `x` is a (mutable reference to a) struct.
    SetField(String) => "setfield", [];
    /// `getsubstruct(x, .f)`: the place `x.f` as the base of a longer place (`x.f.g = v`,
    /// `x.f.g`, `x.f.m()`, `&mut x.f`) where `.f` holds a value struct
    /// ([`crate::Program::is_value_type`]): a `&mut F` into `x`'s memory when `x` is
    /// reached through a reference, or the field's value when `x` is a value itself. The
    /// flow builder writes it for every such base; annotation turns the ones of other
    /// field types back into `getfield`.
    GetSubstruct(String) => "getsubstruct", [];
    /// `with_field(x, .f, value)`: `x` with field `f` replaced, for `x.f = value` where
    /// `x` is a local: the local is rebound to the result. When `x` is a reference the
    /// field is written through it and the result is `x`.
    WithField(String) => "with_field", [];
    // ---- enums, including Option (enum `Option`, variants `None` and `Some`) ----
    /// `new_variant(E::V, payload...)`; payload is (enum, variant).
    NewVariant(String, String) => "new_variant", [pure];
    /// `variant_field(x, E::V.i)`: field `i` of variant `V`; only where `x` is known to be `V`.
    VariantField(String, String, usize) => "variant_field", [pure];
    // ---- tuples ----
    NewTuple => "new_tuple", [pure];
    TupleGet(usize) => "tuple_get", [pure];
    // ---- arrays ([T; N]) and lists (jitsupport::List<T>) ----
    /// `[a, b, c]`.
    NewArray => "new_array", [];
    /// `[x; N]`; the payload is `N`.
    NewArrayRepeat(u64) => "new_array_repeat", [];
    /// `x[i]`; panics when out of bounds.
    GetItem => "getitem", [may_panic];
    /// `s.as_bytes()` of a `&str`: the same two words as a `&[u8]`.
    AsBytes => "as_bytes", [pure];
    /// `&s[a..b]` of a `&str` (`x, a, b`; an omitted bound is 0 or the length): the
    /// bytes from `a` to `b`; panics when out of bounds or not at a char boundary.
    Slice => "slice", [may_panic];
    /// `getarraysubstruct(x, i)`: the place `x[i]` as the base of a longer place
    /// (`x[i].f = v`, `x[i].f`, `x[i].m()`) where the items are value structs: a `&mut T`
    /// into the array or list. Annotation turns the ones of other item types back into
    /// `getitem`. Panics when out of bounds.
    GetArraySubstruct => "getarraysubstruct", [may_panic];
    /// `x[i] = v`; panics when out of bounds.
    SetItem => "setitem", [may_panic];
    /// `x.len()` of an array or list.
    Len => "len", [];
    /// `List::new()`.
    ListNew => "list_new", [];
    /// `List::with_capacity(n)`.
    ListWithCapacity => "list_with_capacity", [];
    /// `list.push(x)`.
    ListPush => "list_push", [];
    /// `list.pop()`: an `Option<T>`.
    ListPop => "list_pop", [];
    // ---- references ----
    /// `&x` (payload false) or `&mut x` (payload true).
    Borrow(bool) => "borrow", [pure];
    /// `*x`.
    Deref => "deref", [];
    // ---- calls ----
    /// A call of a free function or an associated function by path.
    Call(Callee) => "call", [];
    /// `args[0].name(args[1..])`; annotation resolves the target.
    CallMethod(MethodCall) => "call_method", [];
    // ---- JIT hints; the payload of the driver ops is the driver's name ----
    /// `jit_merge_point!(DRIVER; greens...; reds...)`: args are greens then reds.
    JitMergePoint(String) => "jit_merge_point", [];
    /// `can_enter_jit!(DRIVER; greens...; reds...)`: args are greens then reds.
    CanEnterJit(String) => "can_enter_jit", [];
    /// `promote(x)`: returns `x`; the JIT turns it into a constant guarded by value.
    Promote => "promote", [];
    /// `we_are_jitted()`: `false` natively and in the blackhole, `true` in traces.
    WeAreJitted => "we_are_jitted", [];
}

const _: () = assert!(std::mem::size_of::<OpKind>() <= 64);

impl fmt::Display for OpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
