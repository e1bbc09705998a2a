//! The output of a target's programs, shared by the targets (each includes this file as
//! its module `output`): a buffered stdout, or a buffer when capturing.
//!
//! A core prints through functions of its target's `io` module, calls out of the
//! interpreter module (residual for the JIT), which write lines here. Output goes to a
//! thread-local sink: a `BufWriter` on stdout, flushed by [`flush`] (the binary calls it
//! before it exits), or, inside [`capture`], a string the tests compare with the expected
//! output. A write error on stdout is remembered and reported once by [`flush`].

use std::cell::RefCell;
use std::fmt::Display;
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

/// Prints `value` and a newline.
pub fn print_line(value: impl Display) {
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

/// Runs `f` with the output going into a string instead of stdout; returns the result of
/// `f` and the output.
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
