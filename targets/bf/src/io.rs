//! The input and output of bf programs: stdin and a buffered stdout, or buffers when
//! capturing.
//!
//! The interpreter core reads through [`read_byte`] and writes through [`write_byte`],
//! calls out of the interpreter module (residual for the JIT). Output goes to a
//! thread-local sink: a `BufWriter` on stdout, flushed before every read (so that an
//! interactive program shows its prompt before it waits) and by [`flush`] (the binary
//! calls it before it exits), or, inside [`capture`], a byte buffer the tests compare
//! with the expected output. Input comes from stdin, or inside [`capture`] from a given
//! byte string.

use std::cell::RefCell;
use std::io::{BufWriter, Read, Stdout, Write};

enum Sink {
    Stdout(BufWriter<Stdout>),
    Capture(Vec<u8>),
}

enum Source {
    Stdin,
    /// The bytes still to read, and how many of them were read.
    Bytes(Vec<u8>, usize),
}

thread_local! {
    static SINK: RefCell<Sink> = RefCell::new(Sink::Stdout(BufWriter::new(std::io::stdout())));
    static SOURCE: RefCell<Source> = const { RefCell::new(Source::Stdin) };
    /// The first write error on stdout, reported by [`flush`].
    static WRITE_ERROR: RefCell<Option<std::io::Error>> = const { RefCell::new(None) };
    /// The first read error on stdin, reported by [`read_error`].
    static READ_ERROR: RefCell<Option<std::io::Error>> = const { RefCell::new(None) };
}

/// Writes `byte` as it is (bf output is raw bytes, not text).
pub fn write_byte(byte: u8) {
    SINK.with(|sink| match &mut *sink.borrow_mut() {
        Sink::Stdout(out) => {
            if let Err(e) = out.write_all(&[byte]) {
                remember(&WRITE_ERROR, e);
            }
        }
        Sink::Capture(buf) => buf.push(byte),
    });
}

/// Reads one byte of input; -1 at the end of the input (or after a read error, which
/// [`read_error`] then reports). Flushes the output first.
pub fn read_byte() -> i64 {
    flush_sink();
    SOURCE.with(|source| match &mut *source.borrow_mut() {
        Source::Stdin => {
            let mut byte = [0u8; 1];
            let mut stdin = std::io::stdin().lock();
            loop {
                match stdin.read(&mut byte) {
                    Ok(0) => return -1,
                    Ok(_) => return i64::from(byte[0]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        remember(&READ_ERROR, e);
                        return -1;
                    }
                }
            }
        }
        Source::Bytes(bytes, next) => match bytes.get(*next) {
            Some(&b) => {
                *next += 1;
                i64::from(b)
            }
            None => -1,
        },
    })
}

type ErrorSlot = std::thread::LocalKey<RefCell<Option<std::io::Error>>>;

fn remember(slot: &'static ErrorSlot, e: std::io::Error) {
    slot.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(e);
        }
    });
}

fn flush_sink() {
    SINK.with(|sink| match &mut *sink.borrow_mut() {
        Sink::Stdout(out) => {
            if let Err(e) = out.flush() {
                remember(&WRITE_ERROR, e);
            }
        }
        Sink::Capture(_) => {}
    });
}

/// Flushes stdout; returns the first error met while writing to it, if any.
pub fn flush() -> std::io::Result<()> {
    flush_sink();
    match WRITE_ERROR.with(|slot| slot.borrow_mut().take()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The first error met while reading stdin, if any (it ended the input).
pub fn read_error() -> Option<std::io::Error> {
    READ_ERROR.with(|slot| slot.borrow_mut().take())
}

/// Runs `f` with [`read_byte`] reading `input` and the output of [`write_byte`] going
/// into a buffer instead of stdout; returns the result of `f` and the output.
pub fn capture<R>(input: &[u8], f: impl FnOnce() -> R) -> (R, Vec<u8>) {
    let previous_sink = SINK.with(|sink| sink.replace(Sink::Capture(Vec::new())));
    let previous_source = SOURCE.with(|source| source.replace(Source::Bytes(input.to_vec(), 0)));
    let result = f();
    let captured = SINK.with(|sink| sink.replace(previous_sink));
    SOURCE.with(|source| source.replace(previous_source));
    let output = match captured {
        Sink::Capture(buf) => buf,
        Sink::Stdout(_) => Vec::new(),
    };
    (result, output)
}
