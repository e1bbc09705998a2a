//! The output of tlc programs, through the sink shared by the targets ([`crate::output`]:
//! a buffered stdout, or a buffer when capturing).
//!
//! The interpreter core prints through [`print_obj`], a call out of the interpreter
//! module (residual for the JIT).

pub use crate::output::{capture, flush};

/// Prints the object `x`: an integer, `nil`, a list `(1 2 3)` (an improper one ends in
/// `. tail`), or `<instance of class N>`.
pub fn print_obj(x: jitsupport::GcAny) {
    crate::output::print_line(show(x));
}

/// The printed form of `x`. Lists nest without bound, so this walks them with a work
/// list of its own rather than recursing: a list nested a million deep prints, it does not
/// overflow the native stack.
pub fn show(x: jitsupport::GcAny) -> String {
    use crate::interp::core::{ConsObj, Instance, IntObj, NilObj};
    use std::fmt::Write;
    enum Work {
        Obj(jitsupport::GcAny),
        Text(&'static str),
    }
    let mut out = String::new();
    let mut work = vec![Work::Obj(x)];
    while let Some(next) = work.pop() {
        let x = match next {
            Work::Text(text) => {
                out.push_str(text);
                continue;
            }
            Work::Obj(x) => x,
        };
        if let Some(i) = x.downcast::<IntObj>() {
            // Writing into a String cannot fail.
            let _ = write!(out, "{}", i.value);
        } else if x.is::<NilObj>() {
            out.push_str("nil");
        } else if let Some(inst) = x.downcast::<Instance>() {
            let _ = write!(out, "<instance of class {}>", inst.class);
        } else {
            // A cons cell: `(a b c)`, or `(a b . tail)` when the list is improper. No
            // collection happens while printing, so the items need not be rooted.
            let mut items = Vec::new();
            let mut cur = x;
            while let Some(cell) = cur.downcast::<ConsObj>() {
                items.push(cell.car);
                cur = cell.cdr;
            }
            work.push(Work::Text(")"));
            if !cur.is::<NilObj>() {
                work.push(Work::Obj(cur));
                work.push(Work::Text(" . "));
            }
            for (k, item) in items.into_iter().enumerate().rev() {
                work.push(Work::Obj(item));
                if k > 0 {
                    work.push(Work::Text(" "));
                }
            }
            work.push(Work::Text("("));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::show;
    use crate::interp::core::{ConsObj, IntObj, NilObj};
    use jitsupport::{Gc, GcAny};

    fn int(value: i64) -> GcAny {
        GcAny::of(Gc::new(IntObj { value }))
    }

    fn cons(car: GcAny, cdr: GcAny) -> GcAny {
        GcAny::of(Gc::new(ConsObj { car, cdr }))
    }

    #[test]
    fn lists_print_flat_nested_and_improper() {
        let nil = GcAny::of(Gc::new(NilObj { unused: 0 }));
        let list = cons(int(1), cons(cons(int(2), nil), cons(nil, nil)));
        assert_eq!(show(list), "(1 (2) nil)");
        assert_eq!(show(cons(int(1), cons(int(2), int(3)))), "(1 2 . 3)");
        assert_eq!(show(nil), "nil");
    }

    #[test]
    fn a_list_nested_a_million_deep_prints_without_recursing() {
        let nil = GcAny::of(Gc::new(NilObj { unused: 0 }));
        let depth = 1_000_000;
        let mut x = nil;
        for _ in 0..depth {
            x = cons(x, nil);
        }
        let text = show(x);
        assert!(text == format!("{}nil{}", "(".repeat(depth), ")".repeat(depth)));
    }
}
