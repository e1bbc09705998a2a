//! The output of tlc programs: a buffered stdout, or a buffer when capturing.
//!
//! The interpreter core prints through [`print_int`] and [`print_text`], calls out of the interpreter
//! module (residual for the JIT). Output goes to a thread-local sink: a `BufWriter` on
//! stdout, flushed by [`flush`] (the binary calls it before it exits), or, inside
//! [`capture`], a string the tests compare with the expected output.

use std::cell::RefCell;
use std::io::{BufWriter, Stdout, Write};

enum Sink {
    Stdout(BufWriter<Stdout>),
    Capture(Vec<u8>),
}

thread_local! {
    static SINK: RefCell<Sink> = RefCell::new(Sink::Stdout(BufWriter::new(std::io::stdout())));
    /// The first write error on stdout, reported by [`flush`].
    static WRITE_ERROR: RefCell<Option<std::io::Error>> = const { RefCell::new(None) };
}

/// Prints `value` as a decimal line.
pub fn print_int(value: i64) {
    SINK.with(|sink| match &mut *sink.borrow_mut() {
        Sink::Stdout(out) => {
            if let Err(e) = writeln!(out, "{value}") {
                remember(e);
            }
        }
        Sink::Capture(buf) => {
            // Writing into a Vec cannot fail.
            let _ = writeln!(buf, "{value}");
        }
    });
}

fn remember(e: std::io::Error) {
    WRITE_ERROR.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(e);
        }
    });
}

/// Flushes stdout; returns the first error met while writing to it, if any.
pub fn flush() -> std::io::Result<()> {
    SINK.with(|sink| match &mut *sink.borrow_mut() {
        Sink::Stdout(out) => {
            if let Err(e) = out.flush() {
                remember(e);
            }
        }
        Sink::Capture(_) => {}
    });
    match WRITE_ERROR.with(|slot| slot.borrow_mut().take()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Runs `f` with the output of [`print_int`] going into a string instead of stdout;
/// returns the result of `f` and the output.
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, String) {
    let previous = SINK.with(|sink| sink.replace(Sink::Capture(Vec::new())));
    let result = f();
    let captured = SINK.with(|sink| sink.replace(previous));
    let text = match captured {
        Sink::Capture(buf) => String::from_utf8_lossy(&buf).into_owned(),
        Sink::Stdout(_) => String::new(),
    };
    (result, text)
}

/// Prints `text` and a newline (the printed form of a non-integer object).
pub fn print_text(text: &str) {
    SINK.with(|sink| match &mut *sink.borrow_mut() {
        Sink::Stdout(out) => {
            if let Err(e) = writeln!(out, "{text}") {
                remember(e);
            }
        }
        Sink::Capture(buf) => {
            let _ = writeln!(buf, "{text}");
        }
    });
}

/// Prints the object `x`: an integer, `nil`, a list `(1 2 3)` (an improper one ends in
/// `. tail`), or `<instance of class N>`.
pub fn print_obj(x: jitsupport::GcAny) {
    print_text(&show(x));
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
