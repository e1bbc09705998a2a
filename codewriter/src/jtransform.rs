//! jtransform: low-level operations to jitcode-level operations, as RPython's
//! `jtransform.py`.
//!
//! Each [`LlOp`](rtyper::LlOp) becomes zero or more [`JOp`]s naming a jitcode
//! [`Opcode`], with descrs interned in the registry:
//!
//! - field, array and size descrs come from the rtyper's, with their offsets and sizes
//!   kept as layout expressions ([`DescrLayout`]) and as numbers only where they are
//!   constants (`size_of::<u8>()` is 1);
//! - a comparison whose only use is the block's `If` is fused into the branch
//!   (`goto_if_not_int_lt`); `bool_not` fuses to `goto_if_not_int_is_zero`;
//! - `promote_*` becomes `*_guard_value` on its operand (the result is the operand);
//!   `same_as` disappears; `we_are_jitted` is the constant 1, since jitcode only ever
//!   runs under the JIT (tracing or blackholing), and a branch on it is folded;
//! - calls are classified ([`CallClass`]): a `direct_call` is an inline call of the
//!   callee's jitcode, unless the callee is a portal (a recursive call of the
//!   interpreter, made residually through the portal's shim); a `residual_call` goes
//!   through the function table, classified by the callee's hints. A call with several
//!   results returns them in result slots, read back with `*_get_result`.
//!
//! The result is a [`JGraph`]: the low-level graph's shape (blocks, inputs, links) with
//! jitcode operations and exits.

use crate::jitcode::{self, Arg, Descr, JitCodes, Kind, Opcode, RefConst, MAX_RESULTS};
use crate::{CallClass, DescrLayout, ResidualFunction};
use annotator::{Analysis, Diagnostics, IntTy, Type};
use proc_macro2::Span;
use rtyper::{LayoutExpr, LlConst, LlExit, LlGraph, LlOpKind, LlProgram, LlType, LlValue, LlVar};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// An operand of a jitcode-level operation, before register allocation.
#[derive(Clone, Debug, PartialEq)]
pub enum JArg {
    /// A variable of the graph (of [`JGraph::kind`]).
    Var(LlVar),
    /// A constant: [`Arg::Int`], [`Arg::Ref`] or [`Arg::Float`].
    Const(Arg),
    /// A descr index.
    Descr(u16),
    /// A list operand (`I`, `R`, `F`) of values of one kind.
    List(Kind, Vec<JArg>),
}

impl JArg {
    /// The constant int `n`.
    pub fn int(n: i64) -> JArg {
        JArg::Const(Arg::Int(n))
    }
}

/// `result = opcode(args)`, the operands in argcode order without the result.
#[derive(Clone, Debug, PartialEq)]
pub struct JOp {
    pub opcode: Opcode,
    pub args: Vec<JArg>,
    pub result: Option<LlVar>,
}

/// A link: the target block and the values for its inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct JLink {
    pub target: usize,
    pub args: Vec<JArg>,
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq)]
pub enum JExit {
    Goto(JLink),
    /// `opcode args, Lelse` (a `goto_if_not*` instruction): `then` when the condition
    /// holds, `otherwise` when it does not.
    Branch {
        opcode: Opcode,
        args: Vec<JArg>,
        then: JLink,
        otherwise: JLink,
    },
    /// `switch on`: the cases, then the fall-through link.
    Switch {
        on: JArg,
        cases: Vec<(i64, JLink)>,
        default: JLink,
    },
    /// An `*_ovf` operation: `ok` with its result, `overflow` without.
    Overflow {
        op: JOp,
        ok: JLink,
        overflow: JLink,
    },
    /// The return block: returns its inputs.
    Return,
    /// The panic block: panics with its input.
    Panic,
}

impl JExit {
    /// The links of the exit.
    pub fn links(&self) -> Vec<&JLink> {
        match self {
            JExit::Goto(l) => vec![l],
            JExit::Branch {
                then, otherwise, ..
            } => vec![then, otherwise],
            JExit::Switch { cases, default, .. } => {
                cases.iter().map(|(_, l)| l).chain([default]).collect()
            }
            JExit::Overflow { ok, overflow, .. } => vec![ok, overflow],
            JExit::Return | JExit::Panic => vec![],
        }
    }

    /// The operands the exit instruction itself reads.
    pub fn operands(&self) -> Vec<&JArg> {
        match self {
            JExit::Branch { args, .. } => args.iter().collect(),
            JExit::Switch { on, .. } => vec![on],
            JExit::Overflow { op, .. } => op.args.iter().collect(),
            _ => vec![],
        }
    }
}

/// A block of a [`JGraph`].
#[derive(Clone, Debug, PartialEq)]
pub struct JBlock {
    pub inputs: Vec<LlVar>,
    pub ops: Vec<JOp>,
    pub exit: JExit,
}

/// A graph of jitcode-level operations; blocks are indexed as in the low-level graph.
#[derive(Clone, Debug)]
pub struct JGraph {
    pub name: String,
    /// The kind of every variable, indexed by [`LlVar`] (jtransform adds temporaries).
    pub kinds: Vec<Kind>,
    pub blocks: Vec<JBlock>,
    pub start: usize,
    pub return_block: usize,
    pub panic_block: usize,
    /// The reachable blocks in depth-first order, return and panic blocks excluded.
    pub order: Vec<usize>,
}

impl JGraph {
    /// The kind of a variable.
    pub fn kind(&self, v: LlVar) -> Kind {
        self.kinds[v.index()]
    }

    /// The kind of an operand that is a value.
    pub fn arg_kind(&self, a: &JArg) -> Kind {
        match a {
            JArg::Var(v) => self.kind(*v),
            JArg::Const(Arg::Ref(_)) => Kind::Ref,
            JArg::Const(Arg::Float(_)) => Kind::Float,
            _ => Kind::Int,
        }
    }

    fn new_var(&mut self, kind: Kind) -> LlVar {
        self.kinds.push(kind);
        LlVar(self.kinds.len() as u32 - 1)
    }
}

/// The jitcode kind of a low-level kind.
pub fn kind_of(k: rtyper::Kind) -> Kind {
    match k {
        rtyper::Kind::Int => Kind::Int,
        rtyper::Kind::Ref => Kind::Ref,
        rtyper::Kind::Float => Kind::Float,
    }
}

/// The value of a layout expression when it does not depend on rustc: constants, and
/// the sizes of scalars and references on a 64-bit target.
pub fn const_value(e: &LayoutExpr) -> Option<u64> {
    match e {
        LayoutExpr::Const(n) => Some(*n),
        LayoutExpr::SizeOf(t) => match t {
            Type::Int(i) => Some(u64::from(i.bytes())),
            Type::Bool => Some(1),
            Type::Char => Some(4),
            Type::F64 => Some(8),
            Type::Ref { .. } => Some(8),
            _ => None,
        },
        LayoutExpr::Sum(parts) => parts.iter().map(const_value).sum(),
        _ => None,
    }
}

/// The state shared by the transformation of every graph of a program.
pub struct Ctx<'a> {
    pub analysis: &'a Analysis,
    pub ll: &'a LlProgram,
    pub codes: JitCodes,
    pub descr_layouts: Vec<DescrLayout>,
    pub functions: Vec<ResidualFunction>,
    /// The portal of each driver, by driver name: the function holding its merge point.
    pub portals: HashMap<String, String>,
    /// The span of the function being transformed, for errors.
    pub span: Span,
    /// The module's virtualizable struct and its listed fields, if it has one.
    pub vable: Option<crate::vable::VableSpec>,
}

impl<'a> Ctx<'a> {
    /// A context for `ll`, with the portals found.
    pub fn new(analysis: &'a Analysis, ll: &'a LlProgram) -> Ctx<'a> {
        let mut portals = HashMap::new();
        for g in &ll.graphs {
            for b in &g.blocks {
                for op in &b.ops {
                    if let LlOpKind::JitMergePoint(d) = &op.kind {
                        portals
                            .entry(d.name.clone())
                            .or_insert_with(|| g.name.clone());
                    }
                }
            }
        }
        Ctx {
            analysis,
            ll,
            codes: JitCodes::new(),
            descr_layouts: Vec::new(),
            functions: Vec::new(),
            portals,
            span: Span::call_site(),
            vable: crate::vable::VableSpec::new(analysis, ll),
        }
    }

    /// Interns `descr` with its layout expressions.
    fn descr(&mut self, descr: Descr, layout: DescrLayout) -> u16 {
        let index = self.codes.add_descr(descr);
        if index as usize == self.descr_layouts.len() {
            self.descr_layouts.push(layout);
        }
        index
    }

    /// Whether field `d` is marked `#[immutable]`.
    fn is_immutable(&self, d: &rtyper::FieldDescr) -> bool {
        // A `GcArray`'s length never changes after the allocation.
        if d.owner.starts_with("GcArray<") && d.field == "len" {
            return true;
        }
        // Nor does a string's.
        if d.owner == "GcStr" && d.field == "len" {
            return true;
        }
        // Nor do the words of a boxed result (`jitsupport::llresult`).
        if d.owner == rtyper::lower::LL_RESULT {
            return true;
        }
        self.analysis
            .program
            .struct_def(&d.owner)
            .and_then(|s| s.field(&d.field))
            .is_some_and(|f| f.immutable)
    }

    /// Whether field `d` is marked `#[quasi_immutable]`.
    fn is_quasi_immutable(&self, d: &rtyper::FieldDescr) -> bool {
        self.analysis
            .program
            .struct_def(&d.owner)
            .and_then(|s| s.field(&d.field))
            .is_some_and(|f| f.quasi_immutable)
    }

    /// The descr of a field.
    pub fn field_descr(&mut self, d: &rtyper::FieldDescr) -> u16 {
        self.field_descr_in(d, None)
    }

    /// The descr of field `d`, read from inside the immutable field `frozen` names
    /// (`Program.code`, see [`immutable_interiors`]) when it is `Some`: then the read is
    /// immutable too, and its descr is named by the whole path (`Program.code.len`), so
    /// that it is never confused with the same field of a mutable object.
    fn field_descr_in(&mut self, d: &rtyper::FieldDescr, frozen: Option<&str>) -> u16 {
        let immutable = frozen.is_some() || self.is_immutable(d);
        let name = match frozen {
            Some(path) => format!("{path}.{}", d.field),
            None => format!("{}.{}", d.owner, d.field),
        };
        let kind = kind_of(d.ty.kind());
        let size = if kind == Kind::Ref {
            LayoutExpr::Const(8)
        } else {
            d.size.clone()
        };
        let descr = jitcode::FieldDescr {
            name: Cow::Owned(name),
            offset: const_value(&d.offset).unwrap_or(0) as usize,
            size: const_value(&size).unwrap_or(0) as u8,
            signed: d.signed,
            kind,
            immutable,
        };
        self.descr(
            Descr::Field(descr),
            DescrLayout::Field {
                offset: d.offset.clone(),
                size,
            },
        )
    }

    /// The descr of array items.
    pub fn array_descr(&mut self, d: &rtyper::ArrayDescr) -> u16 {
        self.array_descr_in(d, None)
    }

    /// The descr of array items read through a pointer into the immutable field
    /// `frozen` names (the storage of an `#[immutable]` list, `Program.code.items`):
    /// then the items are immutable too, and the descr is named by the path
    /// (`Program.code.items[*]`). A string's bytes are always immutable.
    fn array_descr_in(&mut self, d: &rtyper::ArrayDescr, frozen: Option<&str>) -> u16 {
        let kind = kind_of(d.ty.kind());
        // Scalar items are as large as their stride, and their size is a constant.
        let item_size = match (kind, const_value(&d.size)) {
            (Kind::Int | Kind::Float, Some(n)) => LayoutExpr::Const(n),
            _ => d.stride.clone(),
        };
        // The items of a `GcArray` start after its header and length.
        let (name, base) = if let Some((name, base)) = &d.base {
            (name.clone(), base.clone())
        } else if d.gc {
            (format!("GcArray<{}>", d.item), LayoutExpr::GcArrayItems)
        } else {
            (d.item.to_string(), LayoutExpr::Const(0))
        };
        let immutable = frozen.is_some() || name == "GcStr.bytes";
        let name = match frozen {
            Some(path) => format!("{path}[*]"),
            None => name,
        };
        let descr = jitcode::ArrayDescr {
            name: Cow::Owned(name),
            base: const_value(&base).unwrap_or(0) as usize,
            item_size: const_value(&item_size).unwrap_or(0) as u8,
            signed: d.signed,
            kind,
            immutable,
        };
        self.descr(Descr::Array(descr), DescrLayout::Array { base, item_size })
    }

    /// The descr of an allocation size.
    pub fn size_descr(&mut self, d: &rtyper::SizeDescr) -> u16 {
        let descr = jitcode::SizeDescr {
            name: Cow::Owned(d.name.clone()),
            size: const_value(&d.size).unwrap_or(0) as usize,
            gc: d.gc.as_ref().map(|_| jitcode::GcType {
                name: Cow::Owned(d.name.clone()),
                type_id: jitcode::GcType::unregistered,
            }),
        };
        self.descr(
            Descr::Size(descr),
            DescrLayout::Size {
                size: d.size.clone(),
                gc: d.gc.clone(),
            },
        )
    }

    /// The function-table index of a residual function, registering it.
    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        name: &str,
        class: CallClass,
        arg_types: &[LlType],
        result_types: &[LlType],
        can_panic: bool,
    ) -> u32 {
        let index = self.codes.add_function(name, None);
        if index as usize == self.functions.len() {
            let program = &self.analysis.program;
            let (in_module, params, ret) = match program.function(name) {
                Some(def) => {
                    let mut params = Vec::new();
                    params.extend(def.self_type());
                    params.extend(def.params.iter().map(|(_, t)| t.clone()));
                    (true, params, def.ret.clone())
                }
                None => match external_signature(self.analysis, name) {
                    Some((params, ret)) => (false, params, ret),
                    None => (
                        false,
                        arg_types.iter().map(rust_type_of).collect(),
                        match result_types {
                            [] => Type::Unit,
                            [t] => rust_type_of(t),
                            ts => Type::Tuple(ts.iter().map(rust_type_of).collect()),
                        },
                    ),
                },
            };
            self.functions.push(ResidualFunction {
                name: name.to_owned(),
                path: name.to_owned(),
                in_module,
                params,
                arg_kinds: arg_types.iter().map(|t| kind_of(t.kind())).collect(),
                ret,
                results: result_types.to_vec(),
                class,
                can_panic,
            });
        }
        index
    }
}

/// The signature of a function outside the module: the list helpers the rtyper calls
/// (`jitsupport::list::ll_push::<i64>`; a `*mut List<T>` parameter is given as
/// `&mut List<T>`, which coerces to it), or the annotated types at a call in the source.
fn external_signature(analysis: &Analysis, path: &str) -> Option<(Vec<Type>, Type)> {
    if let Some(rest) = path.strip_prefix("jitsupport::list::") {
        let (func, item) = rest.split_once("::<")?;
        let item = item.strip_suffix('>')?;
        let item = simple_type(analysis, item)?;
        let list = Type::Ref {
            mutable: true,
            to: Box::new(Type::List(Box::new(item.clone()))),
        };
        return match func {
            "ll_push" => Some((vec![list, item], Type::Unit)),
            "ll_init" => Some((vec![list], Type::Unit)),
            "ll_init_with_capacity" => Some((vec![list, Type::Int(IntTy::Usize)], Type::Unit)),
            _ => None,
        };
    }
    for g in &analysis.graphs {
        for b in &g.blocks {
            for op in &b.ops {
                let external = match &op.kind {
                    annotator::OpKind::Call(annotator::Callee::External(p)) => p == path,
                    annotator::OpKind::CallMethod(m) => {
                        matches!(&m.resolved, Some(annotator::Callee::External(p)) if p == path)
                    }
                    _ => false,
                };
                if !external {
                    continue;
                }
                let params: Option<Vec<Type>> =
                    op.args.iter().map(|a| g.value_type(*a).cloned()).collect();
                let ret = g
                    .value_type(annotator::model::Value::Var(op.result))
                    .cloned()?;
                return Some((params?, ret));
            }
        }
    }
    None
}

/// A type named by a simple path: a primitive, or a struct or enum of the module.
fn simple_type(analysis: &Analysis, text: &str) -> Option<Type> {
    Some(match text {
        "bool" => Type::Bool,
        "char" => Type::Char,
        "f64" => Type::F64,
        _ => match IntTy::from_name(text) {
            Some(i) => Type::Int(i),
            None if analysis.program.struct_def(text).is_some() => Type::Struct(text.to_owned()),
            None if analysis.program.enum_def(text).is_some() => Type::Enum(text.to_owned()),
            None => return None,
        },
    })
}

/// The Rust type a low-level value stands for at a call of outside code.
fn rust_type_of(t: &LlType) -> Type {
    match t {
        LlType::Int(i) => Type::Int(*i),
        LlType::Bool => Type::Bool,
        LlType::Char => Type::Char,
        LlType::Enum(name) => Type::Enum(name.clone()),
        LlType::Addr => Type::Int(IntTy::Usize),
        LlType::F64 => Type::F64,
        LlType::Ptr {
            to,
            mutable,
            nullable,
        } => {
            let r = Type::Ref {
                mutable: *mutable,
                to: Box::new(to.clone()),
            };
            if *nullable {
                Type::Option(Box::new(r))
            } else {
                r
            }
        }
        LlType::Str => Type::Str,
    }
}

/// A constant operand.
pub fn const_arg(c: &LlConst) -> Arg {
    match c {
        LlConst::Int(i) => Arg::Int(*i as i64),
        LlConst::Float(x) => Arg::Float(*x),
        LlConst::Null => Arg::Ref(RefConst::Addr(0)),
        LlConst::Str(s) => Arg::Ref(RefConst::Str(Cow::Owned(s.clone()))),
    }
}

/// The fused branch of a comparison, and whether its operands are swapped (none are).
fn branch_of(kind: &LlOpKind) -> Option<Opcode> {
    Some(match kind {
        LlOpKind::IntLt => Opcode::GotoIfNotIntLt,
        LlOpKind::IntLe => Opcode::GotoIfNotIntLe,
        LlOpKind::IntGt => Opcode::GotoIfNotIntGt,
        LlOpKind::IntGe => Opcode::GotoIfNotIntGe,
        LlOpKind::IntEq => Opcode::GotoIfNotIntEq,
        LlOpKind::IntNe => Opcode::GotoIfNotIntNe,
        LlOpKind::UintLt => Opcode::GotoIfNotUintLt,
        LlOpKind::UintLe => Opcode::GotoIfNotUintLe,
        LlOpKind::UintGt => Opcode::GotoIfNotUintGt,
        LlOpKind::UintGe => Opcode::GotoIfNotUintGe,
        LlOpKind::BoolNot => Opcode::GotoIfNotIntIsZero,
        LlOpKind::PtrEq => Opcode::GotoIfNotPtrEq,
        LlOpKind::PtrNe => Opcode::GotoIfNotPtrNe,
        LlOpKind::PtrNonzero => Opcode::GotoIfNotPtrNonzero,
        LlOpKind::PtrIszero => Opcode::GotoIfNotPtrIszero,
        LlOpKind::FloatLt => Opcode::GotoIfNotFloatLt,
        LlOpKind::FloatLe => Opcode::GotoIfNotFloatLe,
        LlOpKind::FloatGt => Opcode::GotoIfNotFloatGt,
        LlOpKind::FloatGe => Opcode::GotoIfNotFloatGe,
        LlOpKind::FloatEq => Opcode::GotoIfNotFloatEq,
        LlOpKind::FloatNe => Opcode::GotoIfNotFloatNe,
        _ => return None,
    })
}

/// The jitcode instruction of a pure low-level operation mapped one to one.
fn simple_opcode(kind: &LlOpKind) -> Option<Opcode> {
    use LlOpKind as L;
    use Opcode as O;
    Some(match kind {
        L::IntAdd => O::IntAdd,
        L::IntSub => O::IntSub,
        L::IntMul => O::IntMul,
        L::IntDiv => O::IntFloordiv,
        L::UintDiv => O::UintFloordiv,
        L::IntRem => O::IntMod,
        L::UintRem => O::UintMod,
        L::IntNeg => O::IntNeg,
        L::IntInvert => O::IntInvert,
        L::IntAbs => O::IntAbs,
        L::IntMin => O::IntMin,
        L::IntMax => O::IntMax,
        L::UintMin => O::UintMin,
        L::UintMax => O::UintMax,
        L::IntAnd => O::IntAnd,
        L::IntOr => O::IntOr,
        L::IntXor => O::IntXor,
        L::IntLshift => O::IntLshift,
        L::IntRshift => O::IntRshift,
        L::UintRshift => O::UintRshift,
        L::BoolNot => O::IntIsZero,
        L::IntSignext => O::IntSignext,
        L::IntLt => O::IntLt,
        L::IntLe => O::IntLe,
        L::IntGt => O::IntGt,
        L::IntGe => O::IntGe,
        L::IntEq => O::IntEq,
        L::IntNe => O::IntNe,
        L::UintLt => O::UintLt,
        L::UintLe => O::UintLe,
        L::UintGt => O::UintGt,
        L::UintGe => O::UintGe,
        L::IntAddOverflows => O::IntAddOverflows,
        L::IntSubOverflows => O::IntSubOverflows,
        L::IntMulOverflows => O::IntMulOverflows,
        L::UintAddOverflows => O::UintAddOverflows,
        L::UintSubOverflows => O::UintSubOverflows,
        L::UintMulOverflows => O::UintMulOverflows,
        L::FloatAdd => O::FloatAdd,
        L::FloatSub => O::FloatSub,
        L::FloatMul => O::FloatMul,
        L::FloatDiv => O::FloatTruediv,
        L::FloatNeg => O::FloatNeg,
        L::FloatAbs => O::FloatAbs,
        L::FloatSqrt => O::FloatSqrt,
        L::FloatMin => O::FloatMin,
        L::FloatMax => O::FloatMax,
        L::FloatLt => O::FloatLt,
        L::FloatLe => O::FloatLe,
        L::FloatGt => O::FloatGt,
        L::FloatGe => O::FloatGe,
        L::FloatEq => O::FloatEq,
        L::FloatNe => O::FloatNe,
        L::CastIntToFloat => O::CastIntToFloat,
        L::CastUintToFloat => O::CastUintToFloat,
        L::PtrNonzero => O::PtrNonzero,
        L::PtrIszero => O::PtrIszero,
        L::PtrEq => O::PtrEq,
        L::PtrNe => O::PtrNe,
        _ => return None,
    })
}

fn ovf_opcode(kind: &LlOpKind) -> Option<Opcode> {
    Some(match kind {
        LlOpKind::IntAddOvf => Opcode::IntAddOvf,
        LlOpKind::IntSubOvf => Opcode::IntSubOvf,
        LlOpKind::IntMulOvf => Opcode::IntMulOvf,
        LlOpKind::UintAddOvf => Opcode::UintAddOvf,
        LlOpKind::UintSubOvf => Opcode::UintSubOvf,
        LlOpKind::UintMulOvf => Opcode::UintMulOvf,
        _ => return None,
    })
}

/// The call instruction for the argument kinds present and the result kind: the
/// smallest of the `r`, `ir`, `irf` families that holds the arguments.
fn call_opcode(residual: bool, lists: &[Vec<JArg>; 3], result: Option<Kind>) -> Opcode {
    use Opcode as O;
    let family = if !lists[2].is_empty() {
        2
    } else if !lists[0].is_empty() {
        1
    } else {
        0
    };
    let table: [[Opcode; 4]; 3] = if residual {
        [
            [
                O::ResidualCallRI,
                O::ResidualCallRR,
                O::ResidualCallRF,
                O::ResidualCallRV,
            ],
            [
                O::ResidualCallIrI,
                O::ResidualCallIrR,
                O::ResidualCallIrF,
                O::ResidualCallIrV,
            ],
            [
                O::ResidualCallIrfI,
                O::ResidualCallIrfR,
                O::ResidualCallIrfF,
                O::ResidualCallIrfV,
            ],
        ]
    } else {
        [
            [
                O::InlineCallRI,
                O::InlineCallRR,
                O::InlineCallRF,
                O::InlineCallRV,
            ],
            [
                O::InlineCallIrI,
                O::InlineCallIrR,
                O::InlineCallIrF,
                O::InlineCallIrV,
            ],
            [
                O::InlineCallIrfI,
                O::InlineCallIrfR,
                O::InlineCallIrfF,
                O::InlineCallIrfV,
            ],
        ]
    };
    let r = match result {
        Some(Kind::Int) => 0,
        Some(Kind::Ref) => 1,
        Some(Kind::Float) => 2,
        None => 3,
    };
    table[family][r]
}

/// The list operands of a call: the families' lists (`I` only in `ir`/`irf`, `F` only
/// in `irf`), in argcode order.
fn call_lists(opcode: Opcode, lists: [Vec<JArg>; 3]) -> Vec<JArg> {
    let codes = opcode.argcodes();
    let [ints, refs, floats] = lists;
    let mut out = Vec::new();
    if codes.contains('I') {
        out.push(JArg::List(Kind::Int, ints));
    }
    out.push(JArg::List(Kind::Ref, refs));
    if codes.contains('F') {
        out.push(JArg::List(Kind::Float, floats));
    }
    out
}

fn get_result_opcode(kind: Kind) -> Opcode {
    match kind {
        Kind::Int => Opcode::IntGetResult,
        Kind::Ref => Opcode::RefGetResult,
        Kind::Float => Opcode::FloatGetResult,
    }
}

/// The `*_set_result` instruction of a kind.
pub fn set_result_opcode(kind: Kind) -> Opcode {
    match kind {
        Kind::Int => Opcode::IntSetResult,
        Kind::Ref => Opcode::RefSetResult,
        Kind::Float => Opcode::FloatSetResult,
    }
}

/// The `*_return` instruction of a kind.
pub fn return_opcode(kind: Kind) -> Opcode {
    match kind {
        Kind::Int => Opcode::IntReturn,
        Kind::Ref => Opcode::RefReturn,
        Kind::Float => Opcode::FloatReturn,
    }
}

/// Transforms one low-level graph; unsupported operations are reported to `diag`.
pub fn transform(ctx: &mut Ctx<'_>, g: &LlGraph, diag: &mut Diagnostics) -> JGraph {
    let mut jg = JGraph {
        name: g.name.clone(),
        kinds: g.vars.iter().map(|v| kind_of(v.ty.kind())).collect(),
        blocks: Vec::new(),
        start: g.start.index(),
        return_block: g.return_block.index(),
        panic_block: g.panic_block.index(),
        order: Vec::new(),
    };
    let returned = g.block(g.return_block).inputs.len();
    if returned > MAX_RESULTS {
        diag.error(
            ctx.span,
            format!(
                "`{}` returns {returned} values (the leaves of its return type), and jitcode \
                 passes at most {MAX_RESULTS}: return fewer values, or a struct by reference",
                g.name
            ),
        );
    }
    let frozen = immutable_interiors(ctx, g);
    let quasi_cells = quasi_cells(ctx, g);
    let vable_arrays = match &ctx.vable {
        Some(spec) => crate::vable::aliases(spec, g, diag, ctx.span),
        None => crate::vable::Aliases::default(),
    };
    for (bi, block) in g.blocks.iter().enumerate() {
        let mut t = BlockT {
            ctx,
            g,
            jg: &mut jg,
            subst: HashMap::new(),
            frozen: &frozen,
            quasi_cells: &quasi_cells,
            vable_arrays: &vable_arrays,
            ops: Vec::new(),
            diag,
        };
        let exit = t.block(bi);
        let ops = std::mem::take(&mut t.ops);
        jg.blocks.push(JBlock {
            inputs: block.inputs.clone(),
            ops,
            exit,
        });
    }
    // Blocks reachable after folding, in depth-first order.
    let mut seen = vec![false; jg.blocks.len()];
    seen[jg.return_block] = true;
    seen[jg.panic_block] = true;
    let mut stack = vec![jg.start];
    while let Some(b) = stack.pop() {
        if seen[b] {
            continue;
        }
        seen[b] = true;
        jg.order.push(b);
        for l in jg.blocks[b].exit.links().into_iter().rev() {
            if !seen[l.target] {
                stack.push(l.target);
            }
        }
    }
    jg
}

/// The variables of `g` that point inside an `#[immutable]` field holding a struct inline
/// (`getsubstruct(program, Program.code)` for `#[immutable] code: List<i64>`), each with
/// the path of that field (`Program.code`). An immutable field is immutable all the way
/// down, as RPython's `code[*]`: the fields of the struct it holds (a list's length and
/// items pointer) never change either, so reads through these pointers are immutable
/// reads, which the tracer folds on a constant object. A block input is such a pointer
/// when every link into the block passes one with the same path.
/// The variables of `g` that point to the `GcCell` of a `#[quasi_immutable]` field
/// (`getsubstruct(obj, Globals.scale)` for `#[quasi_immutable] scale: GcCell<i64>`): a
/// read of the cell is a quasi-immutable read, a store into it a write of the field. The
/// analysis allows such a cell only as `x.f.get()` and `quasi_write!(x.f.set(v))`, so the
/// projection and its use are in one block.
fn quasi_cells(ctx: &Ctx<'_>, g: &LlGraph) -> HashSet<LlVar> {
    let mut cells = HashSet::new();
    for block in &g.blocks {
        for op in &block.ops {
            if let LlOpKind::Getsubstruct(d) = &op.kind {
                if ctx.is_quasi_immutable(d) {
                    cells.extend(op.results.first().copied());
                }
            }
        }
    }
    cells
}

fn immutable_interiors(ctx: &Ctx<'_>, g: &LlGraph) -> HashMap<LlVar, String> {
    let mut frozen: HashMap<LlVar, String> = HashMap::new();
    let scan = |frozen: &mut HashMap<LlVar, String>| {
        let mut changed = false;
        for block in &g.blocks {
            for op in &block.ops {
                let outer = match op.args.first() {
                    Some(LlValue::Var(v)) => frozen.get(v).cloned(),
                    _ => None,
                };
                let path = match (&op.kind, outer) {
                    (LlOpKind::Getsubstruct(d), Some(path)) => format!("{path}.{}", d.field),
                    (LlOpKind::Getsubstruct(d), None) if ctx.is_immutable(d) => {
                        format!("{}.{}", d.owner, d.field)
                    }
                    // The storage of a list inside an immutable field is immutable too,
                    // and so is an item struct of it.
                    (LlOpKind::GetfieldI(d), Some(path))
                        if d.field == "items" && d.owner.starts_with("List<") =>
                    {
                        format!("{path}.items")
                    }
                    (
                        LlOpKind::Getarraysubstruct(_) | LlOpKind::GetarraysubstructRaw(_),
                        Some(path),
                    ) => {
                        format!("{path}[*]")
                    }
                    _ => continue,
                };
                if let Some(&result) = op.results.first() {
                    if let std::collections::hash_map::Entry::Vacant(e) = frozen.entry(result) {
                        e.insert(path);
                        changed = true;
                    }
                }
            }
        }
        changed
    };
    scan(&mut frozen);
    // Block inputs, to a fixpoint: a path reaches an input only through every link.
    let incoming = incoming_links(g);
    loop {
        let mut changed = false;
        for (bi, block) in g.blocks.iter().enumerate() {
            if bi == g.start.index() || incoming[bi].is_empty() {
                continue;
            }
            for (i, input) in block.inputs.iter().enumerate() {
                if frozen.contains_key(input) {
                    continue;
                }
                let mut paths = incoming[bi].iter().map(|l| match l.args.get(i) {
                    Some(LlValue::Var(v)) if v != input => frozen.get(v),
                    _ => None,
                });
                let Some(Some(first)) = paths.next() else {
                    continue;
                };
                let first = first.clone();
                if paths.all(|p| p == Some(&first)) {
                    frozen.insert(*input, first);
                    changed = true;
                }
            }
        }
        // Ops of later blocks may read through the inputs just found.
        if !changed && !scan(&mut frozen) {
            return frozen;
        }
    }
}

struct BlockT<'c, 'a, 'g> {
    ctx: &'c mut Ctx<'a>,
    g: &'g LlGraph,
    jg: &'g mut JGraph,
    /// Variables replaced by another operand (`promote`, `same_as`, `we_are_jitted`).
    subst: HashMap<LlVar, JArg>,
    /// Pointers into immutable fields, with their paths ([`immutable_interiors`]).
    frozen: &'g HashMap<LlVar, String>,
    /// Pointers to the `GcCell`s of quasi-immutable fields ([`quasi_cells`]).
    quasi_cells: &'g HashSet<LlVar>,
    /// Variables standing for a virtualizable array (holding the frame), by field
    /// ([`crate::vable::aliases`]).
    vable_arrays: &'g crate::vable::Aliases,
    ops: Vec<JOp>,
    diag: &'g mut Diagnostics,
}

impl BlockT<'_, '_, '_> {
    /// Whether `v` points to the `GcCell` of a quasi-immutable field.
    fn is_quasi_cell(&self, v: &LlValue) -> bool {
        matches!(v, LlValue::Var(v) if self.quasi_cells.contains(v))
    }

    /// The path of the immutable field `v` points into, if it does.
    fn frozen_path(&self, v: &LlValue) -> Option<String> {
        match v {
            LlValue::Var(v) => self.frozen.get(v).cloned(),
            LlValue::Const(_) => None,
        }
    }

    fn arg(&self, v: &LlValue) -> JArg {
        match v {
            LlValue::Var(v) => self.subst.get(v).cloned().unwrap_or(JArg::Var(*v)),
            LlValue::Const(c) => JArg::Const(const_arg(c)),
        }
    }

    fn link(&self, l: &rtyper::LlLink) -> JLink {
        JLink {
            target: l.target.index(),
            args: l.args.iter().map(|a| self.arg(a)).collect(),
        }
    }

    fn emit(&mut self, opcode: Opcode, args: Vec<JArg>, result: Option<LlVar>) {
        self.ops.push(JOp {
            opcode,
            args,
            result,
        });
    }

    fn unsupported(&mut self, what: &str) {
        self.diag.error(
            self.ctx.span,
            format!(
                "the codewriter cannot translate {what} in `{}` to jitcode yet; mark the \
                 function #[dont_look_inside] so that the JIT calls it natively",
                self.g.name
            ),
        );
    }

    /// The uses of each variable in the block, to find comparisons used only by the exit.
    fn uses(&self, bi: usize) -> HashMap<LlVar, usize> {
        let block = &self.g.blocks[bi];
        let mut uses = HashMap::new();
        let mut count = |v: &LlValue| {
            if let LlValue::Var(v) = v {
                *uses.entry(*v).or_insert(0) += 1;
            }
        };
        for op in &block.ops {
            op.args.iter().for_each(&mut count);
        }
        for l in block.exit.links() {
            l.args.iter().for_each(&mut count);
        }
        match &block.exit {
            LlExit::If { cond, .. } => count(cond),
            LlExit::Switch { on, .. } => count(on),
            _ => {}
        }
        uses
    }

    fn block(&mut self, bi: usize) -> JExit {
        let g = self.g;
        let block = &g.blocks[bi];
        if bi == g.return_block.index() {
            return JExit::Return;
        }
        if bi == g.panic_block.index() {
            return JExit::Panic;
        }
        // The comparison to fuse into the branch, if any.
        let mut fused = None;
        if let LlExit::If {
            cond: LlValue::Var(c),
            ..
        } = &block.exit
        {
            if self.uses(bi).get(c) == Some(&1) {
                fused = block
                    .ops
                    .iter()
                    .position(|op| op.results.first() == Some(c) && branch_of(&op.kind).is_some());
            }
        }
        let mut ovf_op = None;
        for (k, op) in block.ops.iter().enumerate() {
            if Some(k) == fused {
                continue;
            }
            if let LlExit::Overflow { .. } = block.exit {
                if k + 1 == block.ops.len() {
                    if let Some(opcode) = ovf_opcode(&op.kind) {
                        ovf_op = Some(JOp {
                            opcode,
                            args: op.args.iter().map(|a| self.arg(a)).collect(),
                            result: op.results.first().copied(),
                        });
                        continue;
                    }
                }
            }
            self.op(op);
        }
        match &block.exit {
            LlExit::Goto(l) => JExit::Goto(self.link(l)),
            LlExit::If {
                cond,
                then_link,
                else_link,
            } => {
                let then = self.link(then_link);
                let otherwise = self.link(else_link);
                if let Some(k) = fused {
                    let op = &block.ops[k];
                    let opcode = branch_of(&op.kind).unwrap_or(Opcode::GotoIfNot);
                    let args = op.args.iter().map(|a| self.arg(a)).collect();
                    return JExit::Branch {
                        opcode,
                        args,
                        then,
                        otherwise,
                    };
                }
                match self.arg(cond) {
                    JArg::Const(Arg::Int(0)) => JExit::Goto(otherwise),
                    JArg::Const(_) => JExit::Goto(then),
                    c => JExit::Branch {
                        opcode: Opcode::GotoIfNot,
                        args: vec![c],
                        then,
                        otherwise,
                    },
                }
            }
            LlExit::Switch { on, cases, default } => {
                let mut cases: Vec<(i64, JLink)> = cases
                    .iter()
                    .map(|(c, l)| (c.value as i64, self.link(l)))
                    .collect();
                let default = match default {
                    Some(l) => self.link(l),
                    // Exhaustive: the last case is what falls through.
                    None => match cases.pop() {
                        Some((_, l)) => l,
                        None => {
                            self.unsupported("a `match` without arms");
                            return JExit::Panic;
                        }
                    },
                };
                JExit::Switch {
                    on: self.arg(on),
                    cases,
                    default,
                }
            }
            LlExit::Overflow { ok, overflow } => match ovf_op {
                Some(op) => JExit::Overflow {
                    op,
                    ok: self.link(ok),
                    overflow: self.link(overflow),
                },
                None => {
                    self.unsupported("an overflow check without its operation");
                    JExit::Panic
                }
            },
            LlExit::Return | LlExit::Panic => {
                self.unsupported("an exit of a block other than the return and panic blocks");
                JExit::Panic
            }
        }
    }

    fn op(&mut self, op: &rtyper::LlOp) {
        use LlOpKind as L;
        let args: Vec<JArg> = op.args.iter().map(|a| self.arg(a)).collect();
        let result = op.results.first().copied();
        if let Some(opcode) = simple_opcode(&op.kind) {
            self.emit(opcode, args, result);
            return;
        }
        let kind0 = args.first().map(|a| self.jg.arg_kind(a));
        match &op.kind {
            L::CastFloatToInt(ty) => self.cast_float_to_int(*ty, args, result),
            L::New(d) => {
                let d = self.ctx.size_descr(d);
                self.emit(Opcode::New, vec![JArg::Descr(d)], result);
            }
            L::GcClassIs(d) | L::GcDowncast(d) => {
                let opcode = match op.kind {
                    L::GcClassIs(_) => Opcode::GcClassIs,
                    _ => Opcode::GcDowncast,
                };
                let d = self.ctx.size_descr(d);
                let mut args = args;
                args.push(JArg::Descr(d));
                self.emit(opcode, args, result);
            }
            L::GetfieldI(_) | L::GetfieldR(_) | L::GetfieldF(_) | L::Setfield(_)
                if self.vable_op(op, &args, result) => {}
            L::GetarrayitemI(_)
            | L::GetarrayitemR(_)
            | L::GetarrayitemF(_)
            | L::Setarrayitem(_)
                if self.vable_op(op, &args, result) => {}
            L::GetfieldI(d) | L::GetfieldR(d) | L::GetfieldF(d) => {
                let gc = kind0 == Some(Kind::Ref);
                let opcode = match (&op.kind, gc) {
                    (L::GetfieldI(_), true) => Opcode::GetfieldGcI,
                    (L::GetfieldR(_), true) => Opcode::GetfieldGcR,
                    (L::GetfieldF(_), true) => Opcode::GetfieldGcF,
                    (L::GetfieldI(_), false) => Opcode::GetfieldRawI,
                    (L::GetfieldR(_), false) => Opcode::GetfieldRawR,
                    (_, false) => Opcode::GetfieldRawF,
                    _ => Opcode::GetfieldGcF,
                };
                let frozen = self.frozen_path(&op.args[0]);
                let quasi = gc
                    && frozen.is_none()
                    && (self.ctx.is_quasi_immutable(d) || self.is_quasi_cell(&op.args[0]));
                let d = self.ctx.field_descr_in(d, frozen.as_deref());
                if quasi {
                    // RPython's `record_quasiimmut_field`: the tracer folds the read that
                    // follows (the blackhole skips it); its `-live-` is where the
                    // guard_not_invalidated resumes, so the read is done again there.
                    self.emit(
                        Opcode::RecordQuasiimmutField,
                        vec![args[0].clone(), JArg::Descr(d)],
                        None,
                    );
                }
                self.emit(opcode, vec![args[0].clone(), JArg::Descr(d)], result);
            }
            L::Getsubstruct(_) if self.vable_op(op, &args, result) => {}
            L::Getsubstruct(d) => {
                let frozen = self.frozen_path(&op.args[0]);
                let d = self.ctx.field_descr_in(d, frozen.as_deref());
                self.emit(
                    Opcode::GetsubstructGc,
                    vec![args[0].clone(), JArg::Descr(d)],
                    result,
                );
            }
            L::Setfield(d) => {
                let gc = kind0 == Some(Kind::Ref);
                let opcode = match (self.jg.arg_kind(&args[1]), gc) {
                    (Kind::Int, true) => Opcode::SetfieldGcI,
                    (Kind::Ref, true) => Opcode::SetfieldGcR,
                    (Kind::Float, true) => Opcode::SetfieldGcF,
                    (Kind::Int, false) => Opcode::SetfieldRawI,
                    (Kind::Ref, false) => Opcode::SetfieldRawR,
                    (Kind::Float, false) => Opcode::SetfieldRawF,
                };
                let quasi =
                    gc && (self.ctx.is_quasi_immutable(d) || self.is_quasi_cell(&op.args[0]));
                let d = self.ctx.field_descr(d);
                let obj = args[0].clone();
                let mut a = args;
                a.push(JArg::Descr(d));
                self.emit(opcode, a, None);
                if quasi {
                    // The compiled code that folded this field of this object goes.
                    self.emit(Opcode::QuasiimmutWritten, vec![obj, JArg::Descr(d)], None);
                }
            }
            L::Getarraysubstruct(_) if self.vable_op(op, &args, result) => {}
            L::GetarrayitemI(d)
            | L::GetarrayitemR(d)
            | L::GetarrayitemF(d)
            | L::GetarrayitemRawI(d)
            | L::GetarrayitemRawR(d)
            | L::GetarrayitemRawF(d)
            | L::Getarraysubstruct(d)
            | L::GetarraysubstructRaw(d) => {
                let opcode = match &op.kind {
                    L::GetarrayitemI(_) => Opcode::GetarrayitemGcI,
                    L::GetarrayitemR(_) => Opcode::GetarrayitemGcR,
                    L::GetarrayitemF(_) => Opcode::GetarrayitemGcF,
                    L::GetarrayitemRawI(_) => Opcode::GetarrayitemRawI,
                    L::GetarrayitemRawR(_) => Opcode::GetarrayitemRawR,
                    L::GetarrayitemRawF(_) => Opcode::GetarrayitemRawF,
                    L::Getarraysubstruct(_) => Opcode::GetarraysubstructGc,
                    _ => Opcode::GetarraysubstructRaw,
                };
                let frozen = self.frozen_path(&op.args[0]);
                let d = self.ctx.array_descr_in(d, frozen.as_deref());
                let mut a = args;
                a.push(JArg::Descr(d));
                self.emit(opcode, a, result);
            }
            L::Setarrayitem(d) | L::SetarrayitemRaw(d) => {
                let raw = matches!(op.kind, L::SetarrayitemRaw(_));
                let opcode = match (self.jg.arg_kind(&args[2]), raw) {
                    (Kind::Int, false) => Opcode::SetarrayitemGcI,
                    (Kind::Ref, false) => Opcode::SetarrayitemGcR,
                    (Kind::Float, false) => Opcode::SetarrayitemGcF,
                    (Kind::Int, true) => Opcode::SetarrayitemRawI,
                    (Kind::Ref, true) => Opcode::SetarrayitemRawR,
                    (Kind::Float, true) => Opcode::SetarrayitemRawF,
                };
                let d = self.ctx.array_descr(d);
                let mut a = args;
                a.push(JArg::Descr(d));
                self.emit(opcode, a, None);
            }
            L::Memcopy(d) => {
                let d = self.ctx.size_descr(d);
                let mut a = args;
                a.push(JArg::Descr(d));
                self.emit(Opcode::Memcopy, a, None);
            }
            L::DirectCall(name) => self.direct_call(name, args, &op.results),
            L::ResidualCall(d) => self.residual_call(d, op, args),
            L::JitMergePoint(d) | L::CanEnterJit(d) => {
                let driver = self
                    .ctx
                    .analysis
                    .program
                    .drivers
                    .iter()
                    .position(|x| x.name == d.name)
                    .unwrap_or(0);
                let mut a = vec![JArg::int(driver as i64)];
                for part in [
                    &args[..d.greens.min(args.len())],
                    &args[d.greens.min(args.len())..],
                ] {
                    for kind in Kind::ALL {
                        let items = part
                            .iter()
                            .filter(|x| self.jg.arg_kind(x) == kind)
                            .cloned()
                            .collect();
                        a.push(JArg::List(kind, items));
                    }
                }
                let opcode = if matches!(op.kind, L::JitMergePoint(_)) {
                    self.vable_decls(d, op, &args);
                    Opcode::JitMergePoint
                } else {
                    Opcode::CanEnterJit
                };
                self.emit(opcode, a, None);
            }
            L::PromoteI | L::PromoteR | L::PromoteF => {
                let opcode = match op.kind {
                    L::PromoteI => Opcode::IntGuardValue,
                    L::PromoteR => Opcode::RefGuardValue,
                    _ => Opcode::FloatGuardValue,
                };
                self.emit(opcode, vec![args[0].clone()], None);
                if let Some(r) = result {
                    self.subst.insert(r, args[0].clone());
                }
            }
            L::WeAreJitted => {
                if let Some(r) = result {
                    self.subst.insert(r, JArg::int(1));
                }
            }
            L::SameAs => {
                if let Some(r) = result {
                    self.subst.insert(r, args[0].clone());
                }
            }
            L::IntAddOvf
            | L::IntSubOvf
            | L::IntMulOvf
            | L::UintAddOvf
            | L::UintSubOvf
            | L::UintMulOvf => {
                self.unsupported("a checked operation that is not the last of its block")
            }
            other => self.unsupported(&format!("the operation `{}`", other.name())),
        }
    }

    /// A field or item access of the virtualizable struct, as a vable op: true if `op`
    /// was one (and is done).
    fn vable_op(&mut self, op: &rtyper::LlOp, args: &[JArg], result: Option<LlVar>) -> bool {
        use LlOpKind as L;
        let Some(spec) = self.ctx.vable.clone() else {
            return false;
        };
        let by_kind = |k: Kind, [i, r, f]: [Opcode; 3]| match k {
            Kind::Int => i,
            Kind::Ref => r,
            Kind::Float => f,
        };
        let (alias, item) = match op.args.first() {
            Some(LlValue::Var(v)) => (
                self.vable_arrays.frame.get(v).cloned(),
                self.vable_arrays.items.get(v).cloned(),
            ),
            _ => (None, None),
        };
        if let Some(field) = item {
            // A leaf of an item of an array of value enums, through its address.
            let Some((leaf, _)) = spec
                .leaves_of(&field)
                .unwrap_or_default()
                .iter()
                .find(|(l, _)| match &op.kind {
                    L::GetfieldI(d) | L::GetfieldR(d) | L::GetfieldF(d) | L::Setfield(d) => {
                        l.owner == d.owner && l.field == d.field
                    }
                    _ => false,
                })
                .cloned()
            else {
                return false;
            };
            let d = self.ctx.field_descr(&leaf);
            match &op.kind {
                L::Setfield(_) => {
                    let opcode = by_kind(
                        self.jg.arg_kind(&args[1]),
                        [
                            Opcode::SetinteriorVableI,
                            Opcode::SetinteriorVableR,
                            Opcode::SetinteriorVableF,
                        ],
                    );
                    self.emit(
                        opcode,
                        vec![args[0].clone(), args[1].clone(), JArg::Descr(d)],
                        None,
                    );
                }
                _ => {
                    let opcode = by_kind(
                        kind_of(leaf.ty.kind()),
                        [
                            Opcode::GetinteriorVableI,
                            Opcode::GetinteriorVableR,
                            Opcode::GetinteriorVableF,
                        ],
                    );
                    self.emit(opcode, vec![args[0].clone(), JArg::Descr(d)], result);
                }
            }
            return true;
        }
        match (&op.kind, alias) {
            // The array itself, or the cell of a listed scalar: the alias stands for
            // the frame.
            (L::GetfieldR(d), None) if spec.array(d).is_some() => {
                if let Some(r) = result {
                    self.subst.insert(r, args[0].clone());
                }
                true
            }
            (L::Getsubstruct(d), None) if spec.is_cell(d) => {
                if let Some(r) = result {
                    self.subst.insert(r, args[0].clone());
                }
                true
            }
            // The value of a listed scalar's cell.
            (L::GetfieldI(_) | L::GetfieldR(_) | L::GetfieldF(_), Some(field))
                if spec.cells.contains(&field) =>
            {
                let Some(d) = spec.scalar(&field).cloned() else {
                    return false;
                };
                let opcode = by_kind(
                    kind_of(d.ty.kind()),
                    [
                        Opcode::GetfieldVableI,
                        Opcode::GetfieldVableR,
                        Opcode::GetfieldVableF,
                    ],
                );
                let d = self.ctx.field_descr(&d);
                self.emit(opcode, vec![args[0].clone(), JArg::Descr(d)], result);
                true
            }
            (L::Setfield(_), Some(field)) if spec.cells.contains(&field) => {
                let Some(d) = spec.scalar(&field).cloned() else {
                    return false;
                };
                let opcode = by_kind(
                    self.jg.arg_kind(&args[1]),
                    [
                        Opcode::SetfieldVableI,
                        Opcode::SetfieldVableR,
                        Opcode::SetfieldVableF,
                    ],
                );
                let d = self.ctx.field_descr(&d);
                self.emit(
                    opcode,
                    vec![args[0].clone(), args[1].clone(), JArg::Descr(d)],
                    None,
                );
                true
            }
            (L::GetfieldI(d) | L::GetfieldR(d) | L::GetfieldF(d), None) if spec.is_scalar(d) => {
                let opcode = by_kind(
                    kind_of(d.ty.kind()),
                    [
                        Opcode::GetfieldVableI,
                        Opcode::GetfieldVableR,
                        Opcode::GetfieldVableF,
                    ],
                );
                let d = self.ctx.field_descr(d);
                self.emit(opcode, vec![args[0].clone(), JArg::Descr(d)], result);
                true
            }
            (L::Setfield(d), None) if spec.is_scalar(d) => {
                let opcode = by_kind(
                    self.jg.arg_kind(&args[1]),
                    [
                        Opcode::SetfieldVableI,
                        Opcode::SetfieldVableR,
                        Opcode::SetfieldVableF,
                    ],
                );
                let d = self.ctx.field_descr(d);
                self.emit(
                    opcode,
                    vec![args[0].clone(), args[1].clone(), JArg::Descr(d)],
                    None,
                );
                true
            }
            (kind, Some(field)) => {
                let Some((fd, ad)) = spec.arrays.iter().find(|(f, _)| f.field == field).cloned()
                else {
                    return false;
                };
                let f = self.ctx.field_descr(&fd);
                let a = self.ctx.array_descr(&ad);
                let item = kind_of(ad.ty.kind());
                let (opcode, operands) = match kind {
                    L::GetfieldI(_) => (Opcode::ArraylenVable, vec![args[0].clone()]),
                    L::GetarrayitemI(_) | L::GetarrayitemR(_) | L::GetarrayitemF(_) => (
                        by_kind(
                            item,
                            [
                                Opcode::GetarrayitemVableI,
                                Opcode::GetarrayitemVableR,
                                Opcode::GetarrayitemVableF,
                            ],
                        ),
                        args[..2].to_vec(),
                    ),
                    L::Setarrayitem(_) => (
                        by_kind(
                            item,
                            [
                                Opcode::SetarrayitemVableI,
                                Opcode::SetarrayitemVableR,
                                Opcode::SetarrayitemVableF,
                            ],
                        ),
                        args[..3].to_vec(),
                    ),
                    L::Getarraysubstruct(_) => (Opcode::GetarraysubstructVable, args[..2].to_vec()),
                    _ => return false,
                };
                let mut operands = operands;
                operands.push(JArg::Descr(f));
                operands.push(JArg::Descr(a));
                self.emit(opcode, operands, result);
                true
            }
            _ => false,
        }
    }

    /// Before the portal's `jit_merge_point`: `vable_field` / `vable_array` for each
    /// kept field of the driver's virtualizable red, which the tracer reads at a trace's
    /// start.
    fn vable_decls(&mut self, d: &rtyper::DriverDescr, op: &rtyper::LlOp, args: &[JArg]) {
        let driver = self.ctx.analysis.program.driver(&d.name).cloned();
        let Some((red, _)) = driver.as_ref().and_then(|x| x.virtualizable.clone()) else {
            return;
        };
        let Some(driver) = driver else { return };
        let Some(spec) = self.ctx.vable.clone() else {
            return;
        };
        let reds = &op.args[d.greens.min(op.args.len())..];
        let position = driver.reds.iter().position(|r| *r == red);
        let var = match (position, reds.len() == driver.reds.len()) {
            (Some(i), true) => match &reds[i] {
                LlValue::Var(v) => Some(*v),
                LlValue::Const(_) => None,
            },
            _ => None,
        };
        let gc = var.and_then(|v| spec.red_is_gc(&self.g.vars[v.index()].ty));
        let (Some(var), Some(gc)) = (var, gc) else {
            self.diag.error(
                self.ctx.span,
                format!(
                    "the virtualizable red `{red}` of `{}` must be a reference to `{}` \
                     (`&mut {}`) or a `Gc<{}>`, and every red of the driver one value",
                    d.name, spec.owner, spec.owner, spec.owner
                ),
            );
            return;
        };
        let frame = args[d.greens + position.unwrap_or(0)].clone();
        debug_assert!(matches!(&frame, JArg::Var(v) if *v == var) || self.subst.contains_key(&var));
        if gc {
            // The struct is the GC object's payload: its fields count from there.
            let payload =
                rtyper::Layouts::gc_payload_descr(&annotator::Type::Struct(spec.owner.clone()));
            let p = self.ctx.field_descr(&payload);
            self.emit(Opcode::VableBase, vec![frame.clone(), JArg::Descr(p)], None);
        }
        for f in &spec.scalars {
            let f = self.ctx.field_descr(f);
            self.emit(
                Opcode::VableField,
                vec![frame.clone(), JArg::Descr(f)],
                None,
            );
        }
        for (f, a) in &spec.arrays {
            let leaves = spec.leaves_of(&f.field).unwrap_or_default().to_vec();
            let f = self.ctx.field_descr(f);
            let a = self.ctx.array_descr(a);
            self.emit(
                Opcode::VableArray,
                vec![frame.clone(), JArg::Descr(f), JArg::Descr(a)],
                None,
            );
            for (leaf, discriminant) in leaves {
                let d = self.ctx.field_descr(&leaf);
                self.emit(
                    Opcode::VableLeaf,
                    vec![
                        frame.clone(),
                        JArg::Descr(d),
                        JArg::int(discriminant as i64),
                    ],
                    None,
                );
            }
        }
    }

    /// `as` from f64 to an integer type: saturate to 64 bits, then clamp to the type.
    fn cast_float_to_int(&mut self, ty: IntTy, args: Vec<JArg>, result: Option<LlVar>) {
        let Some(result) = result else { return };
        match ty {
            IntTy::I64 | IntTy::Isize => self.emit(Opcode::CastFloatToInt, args, Some(result)),
            IntTy::U64 | IntTy::Usize => self.emit(Opcode::CastFloatToUint, args, Some(result)),
            _ => {
                let bits = ty.bytes() * 8;
                let (lo, hi) = if ty.is_signed() {
                    (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
                } else {
                    (0, (1i64 << bits) - 1)
                };
                let wide = self.jg.new_var(Kind::Int);
                let low = self.jg.new_var(Kind::Int);
                self.emit(Opcode::CastFloatToInt, args, Some(wide));
                self.emit(
                    Opcode::IntMax,
                    vec![JArg::Var(wide), JArg::int(lo)],
                    Some(low),
                );
                self.emit(
                    Opcode::IntMin,
                    vec![JArg::Var(low), JArg::int(hi)],
                    Some(result),
                );
            }
        }
    }

    fn group(&self, args: Vec<JArg>) -> [Vec<JArg>; 3] {
        let mut lists: [Vec<JArg>; 3] = Default::default();
        for a in args {
            lists[self.jg.arg_kind(&a) as usize].push(a);
        }
        lists
    }

    /// Reads the results of a call: one in the call's result register, several from the
    /// result slots. Too many results for the slots are reported at the call, unless the
    /// callee has jitcode (whose own return is reported).
    fn call_results(&mut self, callee: &str, results: &[LlVar]) -> Option<Option<LlVar>> {
        if results.len() <= 1 {
            return Some(results.first().copied());
        }
        if results.len() > MAX_RESULTS {
            if self.ctx.ll.graph(callee).is_none() {
                let span = self.call_span(callee);
                self.diag.error(
                    span,
                    format!(
                        "`{callee}` returns {} values (the leaves of its return type), and \
                         a call passes at most {MAX_RESULTS}: return fewer values, or a \
                         struct by reference",
                        results.len()
                    ),
                );
            }
            return None;
        }
        None
    }

    /// The span of a call of `callee` in the function being transformed, or the
    /// function's span.
    fn call_span(&self, callee: &str) -> Span {
        let calls = |op: &annotator::model::Op| match &op.kind {
            annotator::OpKind::Call(annotator::Callee::Function(f))
            | annotator::OpKind::Call(annotator::Callee::External(f)) => f == callee,
            annotator::OpKind::CallMethod(m) => matches!(
                &m.resolved,
                Some(annotator::Callee::Function(f) | annotator::Callee::External(f)) if f == callee
            ),
            _ => false,
        };
        self.ctx
            .analysis
            .graph(&self.g.name)
            .and_then(|g| g.blocks.iter().flat_map(|b| &b.ops).find(|op| calls(op)))
            .map_or(self.ctx.span, |op| op.span)
    }

    fn read_result_slots(&mut self, results: &[LlVar]) {
        if results.len() > 1 {
            for (k, r) in results.iter().enumerate() {
                let kind = self.jg.kind(*r);
                self.emit(get_result_opcode(kind), vec![JArg::int(k as i64)], Some(*r));
            }
        }
    }

    fn direct_call(&mut self, name: &str, args: Vec<JArg>, results: &[LlVar]) {
        let is_portal = self.ctx.portals.values().any(|p| p == name);
        if is_portal {
            // A recursive call of the interpreter: through the portal's shim.
            let arg_types: Vec<LlType> = self
                .ctx
                .ll
                .graph(name)
                .map(|g| g.params().iter().map(|v| g.var_type(*v).clone()).collect())
                .unwrap_or_default();
            let result_types: Vec<LlType> = results
                .iter()
                .map(|r| self.g.var_type(*r).clone())
                .collect();
            let f = self
                .ctx
                .function(name, CallClass::Recursive, &arg_types, &result_types, true);
            let call = rtyper::CallDescr {
                func: name.to_owned(),
                args: arg_types.iter().map(LlType::kind).collect(),
                results: result_types.iter().map(LlType::kind).collect(),
                elidable: false,
                loop_invariant: false,
                can_panic: true,
            };
            self.emit_residual(f, &call, true, args, results);
            return;
        }
        let single = match self.call_results(name, results) {
            Some(s) => s,
            None if results.len() > MAX_RESULTS => return,
            None => None,
        };
        let descr = self.ctx.codes.jitcode_descr(name);
        if self.ctx.descr_layouts.len() < self.ctx.codes.descrs.len() {
            self.ctx.descr_layouts.push(DescrLayout::None);
        }
        let lists = self.group(args);
        let opcode = call_opcode(false, &lists, single.map(|r| self.jg.kind(r)));
        let mut a = vec![JArg::Descr(descr)];
        a.extend(call_lists(opcode, lists));
        self.emit(opcode, a, single);
        self.read_result_slots(results);
    }

    fn residual_call(&mut self, d: &rtyper::CallDescr, op: &rtyper::LlOp, args: Vec<JArg>) {
        let class = if d.elidable {
            CallClass::Elidable
        } else if d.loop_invariant {
            CallClass::LoopInvariant
        } else {
            CallClass::Residual
        };
        let arg_types: Vec<LlType> = op
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| match a {
                LlValue::Var(v) => self.g.var_type(*v).clone(),
                LlValue::Const(LlConst::Int(_)) => LlType::Int(IntTy::I64),
                LlValue::Const(LlConst::Float(_)) => LlType::F64,
                LlValue::Const(LlConst::Str(_)) => LlType::Str,
                // A null reference (a `None` of a nullable pointer) where the callee
                // takes a ref; a raw null address otherwise.
                LlValue::Const(LlConst::Null) if d.args.get(i) == Some(&rtyper::Kind::Ref) => {
                    LlType::Ptr {
                        to: annotator::Type::Unit,
                        mutable: false,
                        nullable: true,
                    }
                }
                LlValue::Const(LlConst::Null) => LlType::Addr,
            })
            .collect();
        let result_types: Vec<LlType> = op
            .results
            .iter()
            .map(|r| self.g.var_type(*r).clone())
            .collect();
        let f = self
            .ctx
            .function(&d.func, class, &arg_types, &result_types, d.can_panic);
        self.emit_residual(f, d, false, args, &op.results);
    }

    fn emit_residual(
        &mut self,
        f: u32,
        d: &rtyper::CallDescr,
        recursive: bool,
        args: Vec<JArg>,
        results: &[LlVar],
    ) {
        let single = match self.call_results(&d.func, results) {
            Some(s) => s,
            None if results.len() > MAX_RESULTS => return,
            None => None,
        };
        let descr = jitcode::CallDescr {
            name: Cow::Owned(d.func.clone()),
            arg_kinds: Cow::Owned(d.args.iter().map(|k| kind_of(*k)).collect()),
            result: single.map(|r| self.jg.kind(r)),
            flags: jitcode::CallFlags {
                elidable: d.elidable,
                loop_invariant: d.loop_invariant,
                can_panic: d.can_panic,
                recursive,
                random_effects: false,
            },
            writes: Cow::Borrowed(&[]),
        };
        let descr = self.ctx.descr(Descr::Call(descr), DescrLayout::None);
        let lists = self.group(args);
        let opcode = call_opcode(true, &lists, single.map(|r| self.jg.kind(r)));
        let mut a = vec![JArg::int(i64::from(f))];
        a.extend(call_lists(opcode, lists));
        a.push(JArg::Descr(descr));
        self.emit(opcode, a, single);
        self.read_result_slots(results);
    }
}

/// The links that enter each block of `g`, by block index.
pub(crate) fn incoming_links(g: &rtyper::LlGraph) -> Vec<Vec<&rtyper::LlLink>> {
    let mut incoming: Vec<Vec<&rtyper::LlLink>> = vec![Vec::new(); g.blocks.len()];
    for block in &g.blocks {
        for l in block.exit.links() {
            incoming[l.target.index()].push(l);
        }
    }
    incoming
}
