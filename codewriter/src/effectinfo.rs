//! The effect analysis, as RPython's `effectinfo.py`: for every function called
//! residually, the field and array descrs it may write, so that the JIT's heap
//! knowledge survives calls that cannot touch it.
//!
//! - an `#[elidable]` function writes nothing;
//! - a function of the module with a low-level graph writes what its `setfield`,
//!   `setarrayitem` and `memcopy` operations write, and what its callees write
//!   (transitively; recursion is solved by iterating to a fixed point);
//! - a `#[dont_look_inside]` function has no low-level graph: its body is flow-analysed
//!   leniently ([`annotator::flow::build_graph_lenient`]) and, without types, every
//!   assignment to a field named `f` counts as a write of every field named `f`, every
//!   item assignment as a write of every array; a body that cannot be analysed, or that
//!   calls outside code, has random effects;
//! - the list helpers of `jitsupport::list` write the list's fields and items;
//! - any other outside code has random effects.

use annotator::{Analysis, Callee, OpKind};
use rtyper::{LlOpKind, LlProgram};
use std::collections::{BTreeMap, BTreeSet};

/// A memory location class a call may write.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Write {
    /// A field, by owner and name (`Frame`, `pc`).
    Field(String, String),
    /// Every field with this name, whatever its owner.
    AnyField(String),
    /// The items of arrays or lists of this item type (`i64`).
    Array(String),
    /// The items of every array and list.
    AnyArray,
}

/// What a function may write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effects {
    /// Anything.
    Random,
    Writes(BTreeSet<Write>),
}

impl Effects {
    fn none() -> Effects {
        Effects::Writes(BTreeSet::new())
    }

    fn join(&mut self, other: &Effects) {
        match (&mut *self, other) {
            (Effects::Random, _) => {}
            (_, Effects::Random) => *self = Effects::Random,
            (Effects::Writes(a), Effects::Writes(b)) => a.extend(b.iter().cloned()),
        }
    }

    /// Whether a field descr named `Owner.field` may be written.
    pub fn writes_field(&self, owner: &str, field: &str) -> bool {
        match self {
            Effects::Random => true,
            Effects::Writes(w) => {
                w.contains(&Write::Field(owner.to_owned(), field.to_owned()))
                    || w.contains(&Write::AnyField(field.to_owned()))
            }
        }
    }

    /// Whether an array descr of items named `item` may be written.
    pub fn writes_array(&self, item: &str) -> bool {
        match self {
            Effects::Random => true,
            Effects::Writes(w) => {
                w.contains(&Write::AnyArray) || w.contains(&Write::Array(item.to_owned()))
            }
        }
    }
}

/// The direct effects of one function and the functions it calls.
struct Summary {
    own: Effects,
    calls: Vec<String>,
}

/// The effects of every function of the module, and of every outside function `ll`
/// calls, by name (`fetch`, `Frame::push`, `jitsupport::list::ll_push::<i64>`).
pub fn analyse(analysis: &Analysis, ll: &LlProgram) -> BTreeMap<String, Effects> {
    let mut summaries: BTreeMap<String, Summary> = BTreeMap::new();
    let mut todo: Vec<String> = analysis
        .program
        .functions
        .iter()
        .map(|f| f.name.clone())
        .collect();
    for g in &ll.graphs {
        for b in &g.blocks {
            for op in &b.ops {
                if let LlOpKind::ResidualCall(d) = &op.kind {
                    todo.push(d.func.clone());
                }
            }
        }
    }
    while let Some(name) = todo.pop() {
        if summaries.contains_key(&name) {
            continue;
        }
        let s = summarize(analysis, ll, &name);
        todo.extend(s.calls.iter().cloned());
        summaries.insert(name, s);
    }
    // Fixed point over the call graph.
    let mut effects: BTreeMap<String, Effects> = summaries
        .iter()
        .map(|(n, s)| (n.clone(), s.own.clone()))
        .collect();
    loop {
        let mut changed = false;
        for (name, s) in &summaries {
            let mut e = effects[name].clone();
            for c in &s.calls {
                if let Some(ce) = effects.get(c) {
                    e.join(ce);
                }
            }
            if e != effects[name] {
                effects.insert(name.clone(), e);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Elidable functions write nothing, whatever their bodies do (the author says so).
    for f in &analysis.program.functions {
        if f.hints.elidable {
            effects.insert(f.name.clone(), Effects::none());
        }
    }
    effects
}

fn summarize(analysis: &Analysis, ll: &LlProgram, name: &str) -> Summary {
    let program = &analysis.program;
    if let Some(g) = ll.graph(name) {
        let mut w = BTreeSet::new();
        let mut calls = Vec::new();
        for b in &g.blocks {
            for op in &b.ops {
                match &op.kind {
                    LlOpKind::Setfield(d) => {
                        w.insert(Write::Field(d.owner.clone(), d.field.clone()));
                    }
                    LlOpKind::Setarrayitem(d) | LlOpKind::SetarrayitemRaw(d) => {
                        w.insert(Write::Array(d.item.to_string()));
                    }
                    LlOpKind::Memcopy(d) => {
                        let layout = ll.layouts.structs.iter().chain(&ll.layouts.lists);
                        for s in layout.filter(|s| s.name == d.name) {
                            for f in &s.fields {
                                w.insert(Write::Field(s.name.clone(), f.name.clone()));
                            }
                        }
                    }
                    LlOpKind::DirectCall(c) => calls.push(c.clone()),
                    LlOpKind::ResidualCall(d) => calls.push(d.func.clone()),
                    _ => {}
                }
            }
        }
        return Summary {
            own: Effects::Writes(w),
            calls,
        };
    }
    if let Some(f) = program.function(name) {
        let Some(g) = annotator::flow::build_graph_lenient(program, f) else {
            return Summary {
                own: Effects::Random,
                calls: vec![],
            };
        };
        let mut own = Effects::none();
        let mut calls = Vec::new();
        let mut w = BTreeSet::new();
        for b in &g.blocks {
            for op in &b.ops {
                match &op.kind {
                    OpKind::SetField(field) => {
                        w.insert(Write::AnyField(field.clone()));
                    }
                    OpKind::SetItem => {
                        w.insert(Write::AnyArray);
                    }
                    OpKind::ListPush | OpKind::ListPop => {
                        for field in ["items", "len", "cap"] {
                            w.insert(Write::AnyField(field.to_owned()));
                        }
                        w.insert(Write::AnyArray);
                    }
                    OpKind::Call(Callee::Function(c)) => calls.push(c.clone()),
                    OpKind::Call(Callee::External(c)) => calls.push(c.clone()),
                    OpKind::CallMethod(m) => {
                        // Without types the receiver is unknown: any method of that name.
                        let suffix = format!("::{}", m.name);
                        let found: Vec<String> = program
                            .functions
                            .iter()
                            .filter(|f| f.name.ends_with(&suffix))
                            .map(|f| f.name.clone())
                            .collect();
                        if found.is_empty() {
                            own = Effects::Random;
                        }
                        calls.extend(found);
                    }
                    _ => {}
                }
            }
        }
        own.join(&Effects::Writes(w));
        return Summary { own, calls };
    }
    if let Some(rest) = name.strip_prefix("jitsupport::list::") {
        // `ll_push::<i64>`: the list's fields and its items.
        if let Some((_, item)) = rest.split_once("::<") {
            let item = item.strip_suffix('>').unwrap_or(item).to_owned();
            let owner = format!("List<{item}>");
            let mut w = BTreeSet::new();
            for field in ["items", "len", "cap"] {
                w.insert(Write::Field(owner.clone(), field.to_owned()));
            }
            w.insert(Write::Array(item));
            return Summary {
                own: Effects::Writes(w),
                calls: vec![],
            };
        }
    }
    Summary {
        own: Effects::Random,
        calls: vec![],
    }
}
