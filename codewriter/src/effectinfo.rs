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
//! - the readers of extra results (`jitsupport::llresult::ll_result_*`) and the
//!   borrowed-string helpers of `jitsupport::shim` write nothing and never panic;
//! - any other outside code has random effects.
//!
//! [`can_panic`] is the same analysis for panics (RPython's `canraise`): a function may
//! panic if its graph reaches its panic block, or if it calls a function that may
//! panic; outside code may panic, except the list helpers `ll_init*`.

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
    /// The function panics by itself (not counting its callees).
    panics: bool,
    calls: Vec<String>,
}

/// Whether each function of the module, and each outside function `ll` calls, may panic.
pub fn can_panic(analysis: &Analysis, ll: &LlProgram) -> BTreeMap<String, bool> {
    let summaries = summaries(analysis, ll);
    let mut panics: BTreeMap<String, bool> = summaries
        .iter()
        .map(|(n, s)| (n.clone(), s.panics))
        .collect();
    loop {
        let mut changed = false;
        for (name, s) in &summaries {
            if panics[name] {
                continue;
            }
            if s.calls
                .iter()
                .any(|c| panics.get(c).copied().unwrap_or(true))
            {
                panics.insert(name.clone(), true);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    panics
}

fn summaries(analysis: &Analysis, ll: &LlProgram) -> BTreeMap<String, Summary> {
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
    summaries
}

/// The effects of every function of the module, and of every outside function `ll`
/// calls, by name (`fetch`, `Frame::push`, `jitsupport::list::ll_push::<i64>`).
pub fn analyse(analysis: &Analysis, ll: &LlProgram) -> BTreeMap<String, Effects> {
    let summaries = summaries(analysis, ll);
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
        let panics = g
            .reachable_blocks()
            .iter()
            .filter(|b| **b != g.panic_block)
            .any(|b| {
                g.block(*b)
                    .exit
                    .links()
                    .iter()
                    .any(|l| l.target == g.panic_block)
            });
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
            panics,
            calls,
        };
    }
    if let Some(f) = program.function(name) {
        let Some(g) = annotator::flow::build_graph_lenient(program, f) else {
            return Summary {
                own: Effects::Random,
                panics: true,
                calls: vec![],
            };
        };
        let panics = g.blocks.iter().any(|b| {
            b.ops.iter().any(|op| op.kind.may_panic())
                || b.exit.links().iter().any(|l| l.target == g.panic_block)
        });
        let mut own = Effects::none();
        let mut calls = Vec::new();
        let mut w = BTreeSet::new();
        for b in &g.blocks {
            for op in &b.ops {
                match &op.kind {
                    OpKind::SetField(field) | OpKind::WithField(field) => {
                        w.insert(Write::AnyField(field.clone()));
                    }
                    OpKind::SetItem => {
                        w.insert(Write::AnyArray);
                    }
                    OpKind::ListPush | OpKind::ListPop => {
                        for field in ["items", "len", "capacity"] {
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
        return Summary { own, panics, calls };
    }
    // The rtyper's readers of a call's extra results and its helpers of borrowed
    // strings (`jitsupport::llresult`, `jitsupport::shim`) write nothing the JIT reads
    // and never panic.
    if name.starts_with("jitsupport::llresult::ll_result_")
        || name.starts_with("jitsupport::shim::ll_")
        || name.starts_with("::jitsupport::shim::ll_borrowed_")
    {
        return Summary {
            own: Effects::Writes(BTreeSet::new()),
            panics: false,
            calls: vec![],
        };
    }
    if let Some(rest) = name.strip_prefix("jitsupport::list::") {
        // `ll_push::<i64>`: the list's fields and its items.
        if let Some((_, item)) = rest.split_once("::<") {
            let item = item.strip_suffix('>').unwrap_or(item).to_owned();
            let owner = format!("List<{item}>");
            let mut w = BTreeSet::new();
            for field in ["items", "len", "capacity"] {
                w.insert(Write::Field(owner.clone(), field.to_owned()));
            }
            w.insert(Write::Array(item));
            return Summary {
                own: Effects::Writes(w),
                // Pushing may fail to allocate; initialising may not.
                panics: !rest.starts_with("ll_init"),
                calls: vec![],
            };
        }
    }
    Summary {
        own: Effects::Random,
        panics: true,
        calls: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effects_of(source: &str) -> BTreeMap<String, Effects> {
        let module: syn::ItemMod = syn::parse_str(source).expect("test module parses");
        let analysis = annotator::analyse(&module).expect("test module analyses");
        let ll = rtyper::rtype(&analysis).expect("test module rtypes");
        analyse(&analysis, &ll)
    }

    fn writes(items: &[Write]) -> Effects {
        Effects::Writes(items.iter().cloned().collect())
    }

    fn field(owner: &str, name: &str) -> Write {
        Write::Field(owner.to_owned(), name.to_owned())
    }

    const SOURCE: &str = r#"
        mod m {
            use jitsupport::{dont_look_inside, elidable, List};

            pub struct S {
                pub a: i64,
                pub b: i64,
                pub items: List<i64>,
            }

            fn set_a(s: &mut S, x: i64) {
                s.a = x;
            }

            // Transitive: writes `a` through `set_a`, `b` itself.
            fn set_both(s: &mut S, x: i64) {
                set_a(s, x);
                s.b = x;
            }

            // Elidable: nothing, whatever the body does.
            #[elidable]
            fn pure_but_writes(s: &mut S) -> i64 {
                s.a = 1;
                s.a
            }

            // No low-level graph; the lenient flowgraph shows a field named `b`.
            #[dont_look_inside]
            fn opaque_b(s: &mut S) {
                s.b = 0;
            }

            // Calls outside code: anything.
            #[dont_look_inside]
            fn outside(s: &S) {
                crate::sink(s.a);
            }

            // Mutual recursion reaches a fixed point.
            fn ping(s: &mut S, n: i64) {
                if n > 0 {
                    pong(s, n - 1);
                }
            }

            fn pong(s: &mut S, n: i64) {
                s.a = n;
                if n > 0 {
                    ping(s, n - 1);
                }
            }

            // A list push: the list helper writes the list and its items.
            fn push(s: &mut S, x: i64) {
                s.items.push(x);
            }

            fn reads_only(s: &S) -> i64 {
                s.a + s.b
            }

            fn ratio(s: &S) -> i64 {
                s.a / s.b
            }

            fn calls_ratio(s: &mut S) {
                let r = ratio(s);
                set_a(s, r);
            }
        }
    "#;

    #[test]
    fn direct_and_transitive_writes() {
        let e = effects_of(SOURCE);
        assert_eq!(e["set_a"], writes(&[field("S", "a")]));
        assert_eq!(e["set_both"], writes(&[field("S", "a"), field("S", "b")]));
        assert_eq!(e["reads_only"], writes(&[]));
    }

    #[test]
    fn elidable_writes_nothing() {
        let e = effects_of(SOURCE);
        assert_eq!(e["pure_but_writes"], writes(&[]));
    }

    #[test]
    fn dont_look_inside_is_analysed_leniently() {
        let e = effects_of(SOURCE);
        assert_eq!(e["opaque_b"], writes(&[Write::AnyField("b".to_owned())]));
        assert!(e["opaque_b"].writes_field("S", "b"));
        assert!(!e["opaque_b"].writes_field("S", "a"));
        assert_eq!(e["outside"], Effects::Random);
        assert!(e["outside"].writes_field("S", "a"));
    }

    #[test]
    fn recursion_reaches_a_fixed_point() {
        let e = effects_of(SOURCE);
        assert_eq!(e["ping"], writes(&[field("S", "a")]));
        assert_eq!(e["pong"], writes(&[field("S", "a")]));
    }

    #[test]
    fn list_helpers_write_the_list() {
        let e = effects_of(SOURCE);
        let push = &e["push"];
        assert!(push.writes_field("List<i64>", "len"));
        assert!(push.writes_field("List<i64>", "items"));
        assert!(push.writes_array("i64"));
        assert!(!push.writes_field("S", "a"));
        assert!(!push.writes_array("u8"));
    }

    #[test]
    fn panics_are_found_through_calls() {
        let module: syn::ItemMod = syn::parse_str(SOURCE).expect("test module parses");
        let analysis = annotator::analyse(&module).expect("test module analyses");
        let ll = rtyper::rtype(&analysis).expect("test module rtypes");
        let p = can_panic(&analysis, &ll);
        // Field accesses and wrapping arithmetic do not panic.
        assert!(!p["set_a"]);
        assert!(!p["set_both"]);
        assert!(!p["opaque_b"]);
        assert!(!p["reads_only"]);
        assert!(!p["ping"] && !p["pong"]);
        // A division may; so does its caller.
        assert!(p["ratio"]);
        assert!(p["calls_ratio"]);
        // Outside code may panic.
        assert!(p["outside"]);
        assert!(p["push"]);
    }

    #[test]
    fn outside_code_is_random() {
        let e = effects_of(SOURCE);
        assert_eq!(e.get("crate::sink"), Some(&Effects::Random));
    }
}
