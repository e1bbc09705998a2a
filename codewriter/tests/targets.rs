//! Codewrites the interpreter modules of the real targets (tl, bf): every function must
//! get a jitcode that verifies and whose text round-trips; prints the jitcode sizes
//! (run with `--nocapture` to see them).

use std::path::Path;

/// The inline modules marked `#[jitsupport::interpreter]` in `file`.
fn interpreter_modules(file: &Path) -> Vec<syn::ItemMod> {
    let text = std::fs::read_to_string(file).expect("the target's source is readable");
    let parsed = syn::parse_file(&text).expect("the target's source parses");
    parsed
        .items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m)
                if m.attrs.iter().any(|a| {
                    a.path()
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "interpreter")
                }) =>
            {
                Some(m)
            }
            _ => None,
        })
        .collect()
}

fn check_target(name: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../targets")
        .join(name)
        .join("src/interp.rs");
    let modules = interpreter_modules(&file);
    assert!(
        !modules.is_empty(),
        "no interpreter module in {}",
        file.display()
    );
    for module in modules {
        let out = match codewriter::write_module(&module) {
            Ok(out) => out,
            Err(e) => panic!(
                "{name}: {}",
                e.into_iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        };
        let analysis = annotator::analyse(&module).expect("analysed above");
        for g in &analysis.graphs {
            let elidable = g.hints.elidable || g.hints.loop_invariant;
            let has = out.jitcode(&g.name).is_some_and(|j| !j.code.is_empty());
            assert!(has || elidable, "{name}: `{}` has no jitcode", g.name);
        }
        let text = codewriter::print_jitcodes(&out);
        let codes = jitsupport::jitcode::parse(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        jitsupport::jitcode::verify_all(&codes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(jitsupport::jitcode::print_registry(&codes), text);
        let (bytes, consts) = out.size();
        let code: usize = out.codes.jitcodes.iter().map(|j| j.code.len()).sum();
        println!(
            "{name}: {} jitcodes, {bytes} bytes in all ({code} bytes of code, {consts} constants), {} descrs, {} residual functions",
            out.codes.jitcodes.len(),
            out.codes.descrs.len(),
            out.functions.len()
        );
        assert_eq!(out.portals.len(), 1, "{name}: one portal");
    }
}

#[test]
fn tl() {
    check_target("tl");
}

#[test]
fn bf() {
    check_target("bf");
}
