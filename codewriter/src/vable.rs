//! Virtualizable structs in the codewriter (the vable part of RPython's `jtransform.py`).
//!
//! The struct marked `#[virtualizable(sp, stack[*])]` (at most one per module) has
//! *listed* fields: scalars, whose reads and writes become `getfield_vable_*` /
//! `setfield_vable_*`, and arrays (`GcArray` fields marked `#[immutable]`), whose items
//! are read and written with `getarrayitem_vable_*` / `setarrayitem_vable_*` and whose
//! length is `arraylen_vable`. The tracer keeps those fields and items of the driver's
//! virtualizable in boxes; the blackhole executes the ops as plain memory accesses.
//!
//! An array is only ever used through the frame: `getfield(frame, Frame.stack)` makes
//! no instruction, its result stands for the frame itself (an *alias*), and the item
//! accesses and the length read through an alias take the frame and the field's descr.
//! An alias flows through links (a block input is one when every link into it passes
//! one of the same field); any other use (a call argument, a store, a return, a merge
//! with another array) is an error: the tracer could not see that the array's items are
//! kept in boxes. A listed field never accessed in any graph is not kept.
//!
//! The driver's red may be a `&mut Frame` or a `Gc<Frame>` (a GC object, as PyPy's
//! frames are; the portal declares it with `vable_base` and the payload's offset). A
//! listed scalar of a GC frame is written through a `GcCell`: `getsubstruct(frame,
//! Frame.sp)` is then an alias too (of the cell), and the cell's `value` read or written
//! through it is the vable access, with a descr for the cell's value at the field's
//! offset (named `Frame.sp`).

use annotator::{Analysis, Diagnostics};
use rtyper::{
    ArrayDescr, FieldDescr, LayoutExpr, LlGraph, LlOpKind, LlProgram, LlType, LlValue, LlVar,
};
use std::collections::HashMap;

/// The listed fields of the module's virtualizable struct, with their descrs as the
/// graphs use them.
#[derive(Clone, Debug)]
pub struct VableSpec {
    /// The struct's name.
    pub owner: String,
    /// Scalar fields in the attribute's order, with their descr (fields no graph
    /// reads or writes are left out).
    pub scalars: Vec<FieldDescr>,
    /// Array fields in the attribute's order: the field's descr and its items' descr
    /// (arrays no graph indexes are left out).
    pub arrays: Vec<(FieldDescr, ArrayDescr)>,
    /// The scalars held in a `GcCell` (their descr in `scalars` is the cell's value's).
    pub cells: Vec<String>,
    /// Per array of value enums held inline (`GcArray<Value>`), by field name: its
    /// items' leaves, the tag (with discriminant -1) then every variant's fields (with
    /// their variant's discriminant), as `rtyper::repr` lays out a value enum's leaves.
    pub leaves: HashMap<String, Vec<(FieldDescr, i128)>>,
}

impl VableSpec {
    /// The spec of `analysis`'s virtualizable struct, with the descrs found in `ll`.
    pub fn new(analysis: &Analysis, ll: &LlProgram) -> Option<VableSpec> {
        let s = analysis.program.virtualizable_struct()?;
        let entries = s.virtualizable.clone().unwrap_or_default();
        let owner = s.name.clone();
        let mut fields: HashMap<String, FieldDescr> = HashMap::new();
        let mut items: HashMap<String, ArrayDescr> = HashMap::new();
        let mut cells: std::collections::HashSet<String> = Default::default();
        let listed_array = |d: &FieldDescr| {
            d.owner == owner && entries.iter().any(|e| e.array && e.name == d.field)
        };
        for g in &ll.graphs {
            // Array aliases of this graph, to find their items' descrs.
            let mut alias: HashMap<LlVar, String> = HashMap::new();
            let mut cell_alias: HashMap<LlVar, FieldDescr> = HashMap::new();
            for b in &g.blocks {
                for op in &b.ops {
                    match &op.kind {
                        LlOpKind::GetfieldI(d)
                        | LlOpKind::GetfieldR(d)
                        | LlOpKind::GetfieldF(d)
                        | LlOpKind::Setfield(d)
                            if d.owner == owner =>
                        {
                            fields.entry(d.field.clone()).or_insert_with(|| d.clone());
                            if listed_array(d) {
                                if let (LlOpKind::GetfieldR(_), Some(&r)) =
                                    (&op.kind, op.results.first())
                                {
                                    alias.insert(r, d.field.clone());
                                }
                            }
                        }
                        LlOpKind::Getsubstruct(d)
                            if d.owner == owner
                                && entries.iter().any(|e| !e.array && e.name == d.field) =>
                        {
                            if let Some(&r) = op.results.first() {
                                cell_alias.insert(r, d.clone());
                            }
                        }
                        _ => {}
                    }
                }
            }
            // The value of a listed `GcCell`, read or written through the cell.
            for b in &g.blocks {
                for op in &b.ops {
                    let (LlOpKind::GetfieldI(v)
                    | LlOpKind::GetfieldR(v)
                    | LlOpKind::GetfieldF(v)
                    | LlOpKind::Setfield(v)) = &op.kind
                    else {
                        continue;
                    };
                    let Some(LlValue::Var(c)) = op.args.first() else {
                        continue;
                    };
                    let Some(d) = cell_alias.get(c) else { continue };
                    if !v.owner.starts_with("GcCell<") || v.field != "value" {
                        continue;
                    }
                    cells.insert(d.field.clone());
                    fields.entry(d.field.clone()).or_insert_with(|| FieldDescr {
                        owner: d.owner.clone(),
                        field: d.field.clone(),
                        offset: LayoutExpr::Sum(vec![d.offset.clone(), v.offset.clone()]),
                        ty: v.ty.clone(),
                        size: v.size.clone(),
                        signed: v.signed,
                    });
                }
            }
            let alias = propagate(g, alias, &mut Vec::new());
            for b in &g.blocks {
                for op in &b.ops {
                    let (LlOpKind::GetarrayitemI(d)
                    | LlOpKind::GetarrayitemR(d)
                    | LlOpKind::GetarrayitemF(d)
                    | LlOpKind::Setarrayitem(d)
                    | LlOpKind::Getarraysubstruct(d)) = &op.kind
                    else {
                        continue;
                    };
                    if let Some(LlValue::Var(a)) = op.args.first() {
                        if let Some(field) = alias.get(a) {
                            items.entry(field.clone()).or_insert_with(|| d.clone());
                        }
                    }
                }
            }
        }
        let mut spec = VableSpec {
            owner: owner.clone(),
            scalars: Vec::new(),
            arrays: Vec::new(),
            cells: Vec::new(),
            leaves: HashMap::new(),
        };
        for e in &entries {
            let Some(f) = fields.get(&e.name) else {
                continue;
            };
            if !e.array {
                spec.scalars.push(f.clone());
                if cells.contains(&e.name) {
                    spec.cells.push(e.name.clone());
                }
            } else if let Some(a) = items.get(&e.name) {
                spec.arrays.push((f.clone(), a.clone()));
                if analysis.program.is_value_enum(&a.item) {
                    if let annotator::Type::Enum(name) = &a.item {
                        spec.leaves
                            .insert(e.name.clone(), enum_leaves(ll, name).unwrap_or_default());
                    }
                }
            }
        }
        Some(spec)
    }

    /// The leaves of the items of the listed array `field`, if they are value enums.
    pub fn leaves_of(&self, field: &str) -> Option<&[(FieldDescr, i128)]> {
        self.leaves.get(field).map(|l| l.as_slice())
    }

    /// Whether `d` is a listed scalar field.
    pub fn is_scalar(&self, d: &FieldDescr) -> bool {
        d.owner == self.owner && self.scalars.iter().any(|f| f.field == d.field)
    }

    /// The listed array field `d` is, with its items' descr.
    pub fn array(&self, d: &FieldDescr) -> Option<&(FieldDescr, ArrayDescr)> {
        if d.owner != self.owner {
            return None;
        }
        self.arrays.iter().find(|(f, _)| f.field == d.field)
    }

    /// Whether `d` is the projection of a listed scalar held in a `GcCell`
    /// (`getsubstruct(frame, Frame.sp)`).
    pub fn is_cell(&self, d: &FieldDescr) -> bool {
        d.owner == self.owner && self.cells.contains(&d.field)
    }

    /// The descr of the listed scalar `field`.
    pub fn scalar(&self, field: &str) -> Option<&FieldDescr> {
        self.scalars.iter().find(|f| f.field == field)
    }

    /// Whether `ty` is a reference to the struct, or a `Gc` of it (the types the
    /// driver's virtualizable red may have); `Some(true)` for a `Gc`.
    pub fn red_is_gc(&self, ty: &LlType) -> Option<bool> {
        use annotator::Type;
        match ty {
            LlType::Ptr {
                to: Type::Struct(n),
                nullable: false,
                ..
            } if *n == self.owner => Some(false),
            LlType::Ptr {
                to: Type::Gc(t),
                nullable: false,
                ..
            } if matches!(&**t, Type::Struct(n) if *n == self.owner) => Some(true),
            _ => None,
        }
    }
}

/// The aliases of one graph, by the listed field's name.
#[derive(Debug, Default)]
pub struct Aliases {
    /// Variables standing for the frame: an array read from it, a listed cell.
    pub frame: HashMap<LlVar, String>,
    /// Addresses of items of an array of value enums (`getarraysubstruct` of an alias):
    /// handles on the items' boxes in a trace.
    pub items: HashMap<LlVar, String>,
}

/// The array and cell aliases of `g` (variables standing for the frame, see the module
/// doc) and the item aliases of arrays of value enums, by the field's name; misuses are
/// reported to `diag` (`span` is the function's).
pub fn aliases(
    spec: &VableSpec,
    g: &LlGraph,
    diag: &mut Diagnostics,
    span: proc_macro2::Span,
) -> Aliases {
    let mut alias = HashMap::new();
    for b in &g.blocks {
        for op in &b.ops {
            match (&op.kind, op.results.first()) {
                (LlOpKind::GetfieldR(d), Some(&r)) if spec.array(d).is_some() => {
                    alias.insert(r, d.field.clone());
                }
                (LlOpKind::Getsubstruct(d), Some(&r)) if spec.is_cell(d) => {
                    alias.insert(r, d.field.clone());
                }
                _ => {}
            }
        }
    }
    let mut problems = Vec::new();
    let alias = propagate(g, alias, &mut problems);
    // The items of arrays of value enums, through their address.
    let mut items = HashMap::new();
    for b in &g.blocks {
        for op in &b.ops {
            if let (LlOpKind::Getarraysubstruct(_), Some(LlValue::Var(a)), Some(&r)) =
                (&op.kind, op.args.first(), op.results.first())
            {
                if let Some(field) = alias.get(a) {
                    if spec.leaves.contains_key(field) {
                        items.insert(r, field.clone());
                    }
                }
            }
        }
    }
    let items = propagate(g, items, &mut problems);
    // Every use of an item alias reads or writes one of the item's leaves.
    for b in &g.blocks {
        for op in &b.ops {
            for (n, a) in op.args.iter().enumerate() {
                let LlValue::Var(v) = a else { continue };
                let Some(field) = items.get(v) else { continue };
                let leaves = spec.leaves_of(field).unwrap_or_default();
                let ok = n == 0
                    && match &op.kind {
                        LlOpKind::GetfieldI(d)
                        | LlOpKind::GetfieldR(d)
                        | LlOpKind::GetfieldF(d)
                        | LlOpKind::Setfield(d) => leaves
                            .iter()
                            .any(|(l, _)| l.owner == d.owner && l.field == d.field),
                        _ => false,
                    };
                if !ok {
                    problems.push(format!(
                        "an item of the virtualizable array `{}.{field}` is used by `{}`: use \
                         it only as `{field}.get(i)` and `{field}.set(i, v)`",
                        spec.owner,
                        op.kind.name()
                    ));
                }
            }
        }
    }
    // Every use of an alias is an item access or a length read through it.
    for b in &g.blocks {
        for op in &b.ops {
            for (n, a) in op.args.iter().enumerate() {
                let LlValue::Var(v) = a else { continue };
                let Some(field) = alias.get(v) else { continue };
                let cell = spec.cells.contains(field);
                let inline = spec.leaves.contains_key(field);
                let ok = n == 0
                    && if cell {
                        match &op.kind {
                            LlOpKind::GetfieldI(d)
                            | LlOpKind::GetfieldR(d)
                            | LlOpKind::GetfieldF(d)
                            | LlOpKind::Setfield(d) => {
                                d.owner.starts_with("GcCell<") && d.field == "value"
                            }
                            _ => false,
                        }
                    } else {
                        match &op.kind {
                            LlOpKind::GetarrayitemI(_)
                            | LlOpKind::GetarrayitemR(_)
                            | LlOpKind::GetarrayitemF(_)
                            | LlOpKind::Setarrayitem(_) => !inline,
                            LlOpKind::Getarraysubstruct(_) => inline,
                            LlOpKind::GetfieldI(d) => {
                                d.owner.starts_with("GcArray<") && d.field == "len"
                            }
                            _ => false,
                        }
                    };
                if !ok && cell {
                    problems.push(format!(
                        "the cell of the virtualizable field `{}.{field}` is used by `{}`: use \
                         it only as `{field}.get()` and `{field}.set(v)` right where it is read \
                         from the frame",
                        spec.owner,
                        op.kind.name()
                    ));
                } else if !ok {
                    problems.push(format!(
                        "the virtualizable array `{}.{field}` is used by `{}`: use it only as \
                         `{field}.get(i)`, `{field}.set(i, v)` and `{field}.len()` right where \
                         it is read from the frame",
                        spec.owner,
                        op.kind.name()
                    ));
                }
            }
        }
        let mut exit_uses = Vec::new();
        match &b.exit {
            rtyper::LlExit::If { cond, .. } => exit_uses.push(cond),
            rtyper::LlExit::Switch { on, .. } => exit_uses.push(on),
            _ => {}
        }
        for v in exit_uses {
            if let LlValue::Var(v) = v {
                if let Some(field) = alias.get(v).or_else(|| items.get(v)) {
                    problems.push(format!(
                        "the virtualizable array `{}.{field}` is tested: use it only through \
                         its items and length",
                        spec.owner
                    ));
                }
            }
        }
    }
    // Returned from the function.
    for l in g.blocks.iter().flat_map(|b| b.exit.links()) {
        if l.target == g.return_block {
            for a in &l.args {
                if let LlValue::Var(v) = a {
                    if let Some(field) = alias.get(v).or_else(|| items.get(v)) {
                        problems.push(format!(
                            "the virtualizable array `{}.{field}` is returned: use it only \
                             through its items and length",
                            spec.owner
                        ));
                    }
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    for p in problems {
        diag.error(span, format!("in `{}`: {p}", g.name));
    }
    Aliases {
        frame: alias,
        items,
    }
}

/// Extends `alias` to block inputs every link into which passes an alias of the same
/// field; an input fed by an alias and by something else is a problem.
fn propagate(
    g: &LlGraph,
    mut alias: HashMap<LlVar, String>,
    problems: &mut Vec<String>,
) -> HashMap<LlVar, String> {
    let incoming = crate::jtransform::incoming_links(g);
    loop {
        let mut changed = false;
        for (bi, block) in g.blocks.iter().enumerate() {
            if bi == g.start.index() || incoming[bi].is_empty() {
                continue;
            }
            for (i, input) in block.inputs.iter().enumerate() {
                if alias.contains_key(input) {
                    continue;
                }
                let fields: Vec<Option<&String>> = incoming[bi]
                    .iter()
                    .filter_map(|l| match l.args.get(i) {
                        Some(LlValue::Var(v)) if v == input => None,
                        Some(LlValue::Var(v)) => Some(alias.get(v)),
                        _ => Some(None),
                    })
                    .collect();
                let Some(first) = fields.iter().flatten().next().copied() else {
                    continue;
                };
                if fields.iter().all(|f| *f == Some(first)) {
                    alias.insert(*input, first.clone());
                    changed = true;
                } else {
                    problems.push(format!(
                        "the virtualizable array `{first}` meets another value where control \
                         flow joins: use it only right where it is read from the frame"
                    ));
                }
            }
        }
        if !changed {
            return alias;
        }
    }
}

/// The leaves of the value enum `name` as field descrs: the tag (discriminant -1), then
/// each variant's fields in declaration order (the variant's discriminant).
fn enum_leaves(ll: &LlProgram, name: &str) -> Option<Vec<(FieldDescr, i128)>> {
    let layout = ll.layouts.enum_layout(name)?;
    let mut out = vec![(layout.tag_descr(), -1)];
    for v in &layout.variants {
        for f in &v.fields {
            let ty = match &f.stored {
                rtyper::repr::Stored::Int { ty, .. } => ty.clone(),
                rtyper::repr::Stored::Float => LlType::F64,
                rtyper::repr::Stored::Ptr(t) => t.clone(),
                // Value enums hold flat fields only (`Program::is_value_enum`).
                _ => return None,
            };
            out.push((
                FieldDescr {
                    owner: format!("{name}::{}", v.name),
                    field: f.name.clone(),
                    offset: f.offset.clone(),
                    ty,
                    size: f.size.clone(),
                    signed: f.signed(),
                },
                v.discriminant,
            ));
        }
    }
    Some(out)
}
