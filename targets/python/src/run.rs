//! Running a program: the interpreter thread (with a stack deep enough for the
//! recursion limit, and its own GC heap), the module setup, and the report of an
//! uncaught exception as CPython prints it (traceback, chained exceptions, exit status).

use crate::compile::CodeObject;
use crate::interpreter::call::run_frame;
use crate::interpreter::error::PyErr;
use crate::interpreter::frame::new_frame;
use crate::interpreter::loader::load;
use crate::module::sys::{flush_stdout, write_stderr};
use crate::objspace::instance::W_Instance;
use crate::objspace::object::Value;
use crate::objspace::ops::{self, module_of_type, str_of};
use crate::objspace::space::{self, ty};
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::{is_subtype, Kind};
use jitsupport::gc::Gc;

/// The interpreter thread's stack: Python calls recurse in Rust.
const STACK: usize = 4 << 30;

/// Runs a compiled program and returns its exit status.
pub fn run_program(code: CodeObject, filename: &str, argv: &[String]) -> u8 {
    let filename = filename.to_string();
    let argv = argv.to_vec();
    let worker = std::thread::Builder::new()
        .name("python".into())
        .stack_size(STACK)
        .spawn(move || run_on_thread(&code, &filename, &argv));
    match worker {
        Ok(h) => match h.join() {
            Ok(status) => status,
            Err(_) => {
                flush_stdout();
                eprintln!("python-c: internal error: the interpreter panicked (a bug in python-c)");
                70
            }
        },
        Err(e) => {
            eprintln!("python-c: cannot start the interpreter thread: {e}");
            70
        }
    }
}

fn run_on_thread(code: &CodeObject, filename: &str, argv: &[String]) -> u8 {
    space::init();
    let globals = match crate::module::init(filename, argv) {
        Ok(g) => g,
        Err(e) => return report(e),
    };
    let w = load(code);
    let frame = new_frame(w, globals, None);
    let r = run_frame(frame);
    let status = match r {
        Ok(_) => 0,
        Err(e) => report(e),
    };
    flush_stdout();
    status
}

/// Prints an uncaught exception (or handles SystemExit) and returns the exit status.
fn report(e: PyErr) -> u8 {
    let exc = e.exc;
    if is_subtype(exc.cls.get(), ty(Kind::SystemExit)) {
        let code = match exc.exc.get().map(|s| s.args.get()) {
            Some(a) => match a.as_::<W_Tuple>() {
                Some(t) if t.is_empty() => Value::None,
                Some(t) if t.len() == 1 => t.get(0),
                _ => a,
            },
            None => Value::None,
        };
        return match code {
            Value::None => 0,
            Value::Int(i) => i as u8,
            Value::Bool(b) => b as u8,
            v => {
                let s = str_of(v).unwrap_or_default();
                write_stderr(&format!("{s}\n"));
                1
            }
        };
    }
    let mut out = String::new();
    format_chain(exc, &mut out, 0);
    write_stderr(&out);
    1
}

fn format_chain(exc: Gc<W_Instance>, out: &mut String, depth: u32) {
    if let Some(st) = exc.exc.get() {
        if depth < 50 {
            if let Some(c) = st.cause.get().as_::<W_Instance>() {
                format_chain(c, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if !st.suppress_context.get() {
                if let Some(c) = st.context.get().as_::<W_Instance>() {
                    format_chain(c, out, depth + 1);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
        }
        let mut tb = st.tb.get();
        if tb.is_some() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut last: Option<(String, u32, String)> = None;
        let mut repeats = 0;
        while let Some(t) = tb {
            let cur = (
                t.filename.as_str().to_string(),
                t.line,
                t.name.as_str().to_string(),
            );
            if last.as_ref() == Some(&cur) {
                repeats += 1;
            } else {
                if repeats > 3 {
                    out.push_str(&format!(
                        "  [Previous line repeated {} more time{}]\n",
                        repeats - 3,
                        if repeats - 3 == 1 { "" } else { "s" }
                    ));
                }
                repeats = 1;
            }
            if repeats <= 3 {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    cur.0, cur.1, cur.2
                ));
            }
            last = Some(cur);
            tb = t.next;
        }
        if repeats > 3 {
            out.push_str(&format!(
                "  [Previous line repeated {} more time{}]\n",
                repeats - 3,
                if repeats - 3 == 1 { "" } else { "s" }
            ));
        }
    }
    let cls = exc.cls.get();
    let m = module_of_type(cls);
    let name = if m == "builtins" || m == "__main__" {
        cls.qualname.get().as_str().to_string()
    } else {
        format!("{m}.{}", cls.qualname.get().as_str())
    };
    let msg = match str_of(Value::obj(exc)) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if msg.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}\n"));
    }
    let _ = ops::type_of;
}
