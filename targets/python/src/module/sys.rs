//! `sys`, and the process's output: stdout is buffered (flushed at exit, when large,
//! and before anything goes to stderr), stderr is written at once.

use crate::objspace::object::Value;
use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

pub fn write_stdout(s: &str) {
    let big = OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.extend_from_slice(s.as_bytes());
        o.len() > 1 << 16
    });
    if big {
        flush_stdout();
    }
}

pub fn flush_stdout() {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&o);
        let _ = out.flush();
        o.clear();
    });
}

pub fn write_stderr(s: &str) {
    flush_stdout();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(s.as_bytes());
    let _ = e.flush();
}

fn module_named(v: Value, name: &str) -> bool {
    match v.as_module() {
        Some(m) => m.name.as_str() == name,
        None => false,
    }
}

/// Whether `v` is `sys.stdout`.
pub fn is_stdout(v: Value) -> bool {
    module_named(v, "_stdout")
}

/// Whether `v` is `sys.stderr`.
pub fn is_stderr(v: Value) -> bool {
    module_named(v, "_stderr")
}

/// `sys.stdout` when a program replaced it (`sys.stdout = StringIO()`), else `None`.
pub fn redirected_stdout() -> crate::interpreter::PyResult<Option<Value>> {
    let mods = crate::objspace::space::modules();
    let Some(sys) = mods.get(crate::objspace::str::str_value("sys"))? else {
        return Ok(None);
    };
    let Some(m) = sys.as_module() else {
        return Ok(None);
    };
    match m
        .dict
        .get(Value::obj(crate::objspace::space::intern("stdout")))?
    {
        Some(v) if !is_stdout(v) => Ok(Some(v)),
        _ => Ok(None),
    }
}
