//! `--dump=graphs --format=dot`: the annotated flowgraphs as Graphviz dot, one `digraph`
//! per function, the way RPython's translator showed them in its viewer: a box per block
//! holding its inputs and ops (the text form of `annotator::print`), an edge per link,
//! labelled with the branch it is (`then`, `else`, a switch case, `overflow`) and the
//! values it passes. Render with `dot -Tsvg`.

use annotator::model::{Block, Exit, Graph};
use std::fmt::Write;

/// The dot text of every graph, one `digraph` each.
pub fn graphs<'a>(graphs: impl IntoIterator<Item = &'a Graph>) -> String {
    let mut out = String::new();
    for g in graphs {
        graph(g, &mut out);
    }
    out
}

fn block_name(g: &Graph, b: Block) -> String {
    if b == g.return_block {
        "return".to_string()
    } else if b == g.panic_block {
        "panic".to_string()
    } else {
        b.to_string()
    }
}

/// Escapes text for a dot string, with `\l` (left-justified) line ends.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        for c in line.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        out.push_str("\\l");
    }
    out
}

/// The text of each block in the graph's text form, by block name.
fn block_texts(g: &Graph) -> Vec<(String, String)> {
    let text = annotator::print::graph_to_string(g);
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in text.lines().skip(1) {
        let header = !line.starts_with(' ') && line.ends_with("):") && line.contains('(');
        if header {
            let name = line.split('(').next().unwrap_or("").to_string();
            blocks.push((name, format!("{line}\n")));
        } else if line == "}" {
            continue;
        } else if let Some((_, body)) = blocks.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    blocks
}

fn graph(g: &Graph, out: &mut String) {
    let _ = writeln!(out, "digraph \"{}\" {{", g.name.replace('"', "\\\""));
    let _ = writeln!(
        out,
        "    node [shape=box, fontname=\"monospace\", fontsize=10];\n    \
         edge [fontname=\"monospace\", fontsize=9];\n    label=\"fn {}\"; labelloc=t;",
        g.name.replace('"', "\\\"")
    );
    for (name, text) in block_texts(g) {
        let colour = match name.as_str() {
            "return" => ", color=green",
            "panic" => ", color=red",
            _ if name == g.start.to_string() => ", penwidth=2",
            _ => "",
        };
        let _ = writeln!(out, "    \"{name}\" [label=\"{}\"{colour}];", escape(&text));
    }
    for b in g.reachable_blocks() {
        let from = block_name(g, b);
        let exit = &g.block(b).exit;
        let labels: Vec<String> = match exit {
            Exit::Goto(_) => vec![String::new()],
            Exit::If { .. } => vec!["then".into(), "else".into()],
            Exit::Switch { cases, default, .. } => cases
                .iter()
                .map(|(case, _)| case.to_string())
                .chain(default.iter().map(|_| "_".to_string()))
                .collect(),
            Exit::Overflow { .. } => vec!["ok".into(), "overflow".into()],
            Exit::Return | Exit::Panic => Vec::new(),
        };
        for (link, label) in exit.links().into_iter().zip(labels) {
            let args: Vec<String> = link
                .args
                .iter()
                .map(|&a| annotator::print::value(g, a))
                .collect();
            let text = match (label.is_empty(), args.is_empty()) {
                (true, true) => String::new(),
                (true, false) => args.join(", "),
                (false, true) => label,
                (false, false) => format!("{label}: {}", args.join(", ")),
            };
            let _ = writeln!(
                out,
                "    \"{from}\" -> \"{}\" [label=\"{}\"];",
                block_name(g, link.target),
                text.replace('\\', "\\\\").replace('"', "\\\"")
            );
        }
    }
    out.push_str("}\n");
}
