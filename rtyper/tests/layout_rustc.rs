//! Compiles the layout items of a module with rustc and runs them: every size and
//! offset expression must be accepted, and the payload offsets computed through the
//! variant mirrors must be where rustc really puts the payload (RFC 2195).
//!
//! The generated program stands alone: `extern crate self as jitsupport` and a copy of
//! the `List` layout let `::jitsupport::List` resolve without linking the real crate.

use std::path::PathBuf;
use std::process::Command;

const MODULE: &str = r#"
mod m {
    use jitsupport::List;

    #[derive(Clone, Copy)]
    pub struct Point {
        x: i64,
        y: u8,
    }

    pub struct Frame {
        pc: usize,
        flag: bool,
        origin: Point,
        stack: List<i64>,
        parent: Option<&'static Frame>,
        cells: [u16; 5],
    }

    #[repr(u8)]
    pub enum Instr {
        Push(i64),
        Pair(u8, f64),
        Jump { target: usize, cond: bool },
        Halt,
    }

    #[repr(C, u8)]
    pub enum Value {
        Int(i64),
        Pair(u8, u32),
        Nil,
    }

    fn use_all(f: &Frame, i: &Instr, v: &Value) -> usize {
        let n = match i {
            Instr::Push(x) => *x as usize,
            Instr::Pair(a, _) => *a as usize,
            Instr::Jump { target, .. } => *target,
            Instr::Halt => 0,
        };
        let w = match v {
            Value::Int(x) => *x as usize,
            Value::Pair(_, b) => *b as usize,
            Value::Nil => 1,
        };
        f.pc + n + w + f.stack.len() + f.cells[1] as usize
    }
}
"#;

/// Checks run inside the layout module, where the mirrors are visible.
const CHECKS: &str = r#"
    pub fn check() {
        use ::core::mem::offset_of;
        let push = Instr::Push(-42);
        let pair = Instr::Pair(7, 2.5);
        let jump = Instr::Jump { target: 99, cond: true };
        let int = Value::Int(-5);
        let vpair = Value::Pair(3, 77);
        unsafe {
            let at = |p: *const u8, off: usize| p.add(off);
            let p = &push as *const Instr as *const u8;
            assert_eq!(*p, 0);
            assert_eq!(*(at(p, offset_of!(__Instr_Push, 1)) as *const i64), -42);
            let p = &pair as *const Instr as *const u8;
            assert_eq!(*p, 1);
            assert_eq!(*at(p, offset_of!(__Instr_Pair, 1)), 7);
            assert_eq!(*(at(p, offset_of!(__Instr_Pair, 2)) as *const f64), 2.5);
            let p = &jump as *const Instr as *const u8;
            assert_eq!(*(at(p, offset_of!(__Instr_Jump, 1)) as *const usize), 99);
            assert_eq!(*at(p, offset_of!(__Instr_Jump, 2)), 1);
            let p = &int as *const Value as *const u8;
            let base = offset_of!(__Value_Tagged, 1);
            assert_eq!(*(at(p, base + offset_of!(__Value_Int_Fields, 0)) as *const i64), -5);
            let p = &vpair as *const Value as *const u8;
            assert_eq!(*p, 1);
            assert_eq!(*at(p, base + offset_of!(__Value_Pair_Fields, 0)), 3);
            assert_eq!(*(at(p, base + offset_of!(__Value_Pair_Fields, 1)) as *const u32), 77);
        }
        assert!(__PYRITE_LAYOUT.len() > 10);
    }
"#;

const PRELUDE: &str = r#"
#![allow(dead_code)]
extern crate self as jitsupport;

#[repr(C)]
pub struct List<T> {
    items: *mut T,
    len: usize,
    capacity: usize,
}

impl<T> List<T> {
    pub const OFFSET_OF_ITEMS: usize = ::core::mem::offset_of!(List<T>, items);
    pub const OFFSET_OF_LEN: usize = ::core::mem::offset_of!(List<T>, len);
    pub const OFFSET_OF_CAPACITY: usize = ::core::mem::offset_of!(List<T>, capacity);
    pub fn len(&self) -> usize {
        self.len
    }
}

impl<T> ::core::ops::Index<usize> for List<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        assert!(i < self.len);
        unsafe { &*self.items.add(i) }
    }
}

fn main() {
    m::__pyrite_layout::check();
    println!("ok");
}
"#;

#[test]
fn layout_items_compile_and_match_rustc() {
    let module: syn::ItemMod = syn::parse_str(MODULE).expect("the test module parses");
    let analysis = annotator::analyse(&module).expect("the test module analyses");
    let program = rtyper::rtype(&analysis).expect("the test module rtypes");
    let tokens = rtyper::layout_tokens(&program).to_string();
    let body = MODULE.trim_end().trim_end_matches('}');
    let source = format!(
        "{PRELUDE}\n{body}\n    pub mod __pyrite_layout {{\n        use super::*;\n        {tokens}\n{CHECKS}\n    }}\n}}\n"
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("layout_rustc");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = dir.join("main.rs");
    let exe = dir.join("main");
    std::fs::write(&src, &source).expect("write the test program");
    let out = Command::new("rustc")
        .args(["--edition", "2021", "-o"])
        .arg(&exe)
        .arg(&src)
        .output()
        .expect("rustc runs");
    assert!(
        out.status.success(),
        "rustc rejected the layout items:\n{}\n--- program ---\n{source}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = Command::new(&exe).output().expect("the test program runs");
    assert!(
        run.status.success(),
        "the layout checks failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
