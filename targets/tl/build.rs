//! Writes `$OUT_DIR/interp_plain.rs`: `src/interp.rs` without its
//! `#[jitsupport::interpreter]` attribute (and the `#[immutable]` markers it removes), so
//! that the library can compile the same interpreter core twice, with and without the
//! attribute (`tl::interp` and `tl::plain`). The script is shared with the other
//! targets: `targets/plain_core.rs`.

include!("../plain_core.rs");
