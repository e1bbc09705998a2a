// golden: lltypes
mod m {
    enum Instr {
        Push(i64),
        Pop,
    }

    enum Kind {
        A,
        B,
    }

    struct Bad {
        cached: Option<i64>,
        pair: (i64, i64),
        kind: Kind,
        ok: i64,
    }

    fn first(i: &Instr) -> i64 {
        match i {
            Instr::Push(v) => *v,
            Instr::Pop => 0,
        }
    }

    fn opaque(v: Vec<u8>) -> usize {
        crate::helpers::count(v)
    }

    fn frem(a: f64, b: f64) -> f64 {
        a % b
    }
}
// ---- expected ----
// error at 14:8: field `cached` of type Option<i64> has no guaranteed layout, so the JIT cannot read it: store a flag and a value as separate fields, or use Option<&T>, whose null niche is guaranteed
// error at 15:8: field `pair` of type (i64, i64) has no guaranteed layout, so the JIT cannot read it: store its elements as separate fields, or make it a #[repr(C)] struct of the module
// error at 16:8: field `kind` of type Kind has no guaranteed layout: add #[repr(u8)] (or another integer repr) to enum `Kind` so the JIT can read it from memory
// error at 3:9: enum `Instr` carries data: add #[repr(u8)] so the JIT can read its layout
// error at 27:14: a value of type `Vec<u8>` (defined outside the interpreter module) cannot be handled by the JIT: pass it by reference (`&Vec<u8>`) or move this code out of the module
