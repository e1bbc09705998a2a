//! The check of `#[quasi_immutable]` fields: every write other than `quasi_write!` is an
//! error at its span, `#[dont_look_inside]` bodies included; `quasi_write!` and struct
//! literals are fine.

fn errors(module: syn::ItemMod) -> Vec<(usize, String)> {
    match annotator::analyse(&module) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .into_iter()
            .map(|e| (e.span().start().line, e.to_string()))
            .collect(),
    }
}

#[test]
fn writes_other_than_quasi_write_are_reported() {
    let errs = errors(
        syn::parse_str(
            "mod m {
                pub struct G {
                    #[quasi_immutable]
                    pub scale: i64,
                    pub other: i64,
                }
                fn new() -> i64 { let g = G { scale: 1, other: 2 }; g.scale }
                fn set(g: &mut G) { g.scale = 2; }
                fn add(g: &mut G) { g.scale += 2; }
                fn fine(g: &mut G) { jitsupport::quasi_write!(g.scale = 3); g.other = 4; }
                #[dont_look_inside]
                fn hidden(g: &mut G) { let r = &mut g.scale; *r = 5; }
            }",
        )
        .unwrap(),
    );
    let lines: Vec<usize> = errs.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [8, 9, 12], "{errs:#?}");
    assert!(errs[0]
        .1
        .contains("`scale` is #[quasi_immutable] (in `G`): an assignment"));
    assert!(errs[0]
        .1
        .contains("jitsupport::quasi_write!(object.scale = value)"));
    assert!(errs[1].1.contains("a compound assignment"), "{errs:#?}");
    assert!(errs[2].1.contains("a `&mut` borrow"), "{errs:#?}");
}

#[test]
fn a_quasi_immutable_field_is_one_word_and_not_immutable_too() {
    let errs = errors(
        syn::parse_str(
            "mod m {
                #[derive(Clone, Copy)]
                pub struct P { pub a: i64, pub b: i64 }
                pub struct G {
                    #[quasi_immutable]
                    pub p: P,
                    #[immutable]
                    #[quasi_immutable]
                    pub n: i64,
                }
            }",
        )
        .unwrap(),
    );
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs[0].1.contains("has type P"), "{errs:#?}");
    assert!(
        errs[1]
            .1
            .contains("both #[immutable] and #[quasi_immutable]"),
        "{errs:#?}"
    );
}

#[test]
fn a_cell_field_is_set_through_quasi_write_only() {
    let errs = errors(
        syn::parse_str(
            "mod m {
                use jitsupport::{Gc, GcCell};
                pub struct G {
                    #[quasi_immutable]
                    pub scale: GcCell<i64>,
                }
                fn read(g: Gc<G>) -> i64 { g.scale.get() }
                fn set(g: Gc<G>) { g.scale.set(2); }
                fn fine(g: Gc<G>) { jitsupport::quasi_write!(g.scale.set(3)); }
                fn borrow(g: Gc<G>) -> i64 { let c = &g.scale; c.get() }
            }",
        )
        .unwrap(),
    );
    let lines: Vec<usize> = errs.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [8, 10], "{errs:#?}");
    assert!(errs[0].1.contains("`set` does not invalidate"), "{errs:#?}");
    assert!(
        errs[0].1.contains("quasi_write!(object.scale.set(value))"),
        "{errs:#?}"
    );
    assert!(errs[1].1.contains("a borrow of its cell"), "{errs:#?}");
}
