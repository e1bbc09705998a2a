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

/// The printed form of `x`.
pub fn show(x: jitsupport::GcAny) -> String {
    use crate::interp::core::{ConsObj, Instance, IntObj, NilObj};
    if let Some(i) = x.downcast::<IntObj>() {
        return i.value.to_string();
    }
    if x.is::<NilObj>() {
        return "nil".to_string();
    }
    if let Some(inst) = x.downcast::<Instance>() {
        return format!("<instance of class {}>", inst.class);
    }
    let mut items = Vec::new();
    let mut cur = x;
    while let Some(cell) = cur.downcast::<ConsObj>() {
        items.push(show(cell.car));
        cur = cell.cdr;
    }
    if !cur.is::<NilObj>() {
        items.push(".".to_string());
        items.push(show(cur));
    }
    format!("({})", items.join(" "))
}
