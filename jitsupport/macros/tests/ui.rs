//! Compile-fail tests of `#[jitsupport::interpreter]` and the hint attributes: each
//! `tests/ui/<category>/*.rs` must fail to compile with exactly the `.stderr` beside it.
//! Regenerate with `TRYBUILD=overwrite` only after checking every message and span.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/unsupported/*.rs");
    t.compile_fail("tests/ui/driver/*.rs");
    t.compile_fail("tests/ui/attrs/*.rs");
    t.compile_fail("tests/ui/several/*.rs");
    t.compile_fail("tests/ui/calls/*.rs");
    t.compile_fail("tests/ui/immutable/*.rs");
    t.compile_fail("tests/ui/gc/*.rs");
    t.compile_fail("tests/ui/include/*.rs");
}
