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
    // The heap of this thread, with the collector's settings from the environment
    // (`PYRITE_GC_NURSERY`, `PYRITE_GC_MAX`, ...).
    match jitsupport::gc::Settings::from_env() {
        Ok(settings) => {
            if let Err(e) = jitsupport::gc::init(settings) {
                eprintln!("python-c: {e}");
                return 2;
            }
        }
        Err(e) => {
            eprintln!("python-c: {e}");
            return 2;
        }
    }
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
            Some(a) => match a.as_tuple() {
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
            if let Some(c) = st.cause.get().as_instance() {
                format_chain(c, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if !st.suppress_context.get() {
                if let Some(c) = st.context.get().as_instance() {
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
    let msg = match suggestion(exc) {
        Some(s) => format!("{msg}. Did you mean: '{s}'?"),
        None => msg,
    };
    if msg.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}\n"));
    }
    let _ = ops::type_of;
}

/// CPython 3.11's "Did you mean" for an uncaught NameError or AttributeError: the
/// nearest name by its Levenshtein distance (case changes cost 1, other edits 2).
fn suggestion(exc: Gc<W_Instance>) -> Option<String> {
    let cls = exc.cls.get();
    let name_v = exc.get_attr(crate::objspace::space::intern("name"))?;
    let name = crate::objspace::ops::as_str(name_v)?.as_str().to_string();
    let mut lists: Vec<Vec<String>> = Vec::new();
    if is_subtype(cls, ty(Kind::AttributeError)) {
        let obj = exc.get_attr(crate::objspace::space::intern("obj"))?;
        let dir = crate::module::builtins::dir_names(obj).ok()?;
        lists.push(dir);
    } else if is_subtype(cls, ty(Kind::NameError)) {
        for d in [crate::module::main_globals(), space::builtins_dict()] {
            let mut keys = Vec::new();
            let mut i = 0;
            while let Some(e) = d.next_live_entry(&mut i) {
                if let Some(k) = crate::objspace::ops::as_str(e.key) {
                    keys.push(k.as_str().to_string());
                }
            }
            keys.sort();
            lists.push(keys);
        }
    } else {
        return None;
    }
    for list in lists {
        if let Some(s) = nearest(&name, &list) {
            return Some(s);
        }
    }
    None
}

const MOVE_COST: usize = 2;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        1
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let (mut a, mut b) = (a, b);
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > 40 || b.len() > 40 {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (0..a.len()).map(|i| (i + 1) * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn nearest(name: &str, dir: &[String]) -> Option<String> {
    let mut best: Option<&String> = None;
    let mut best_distance = usize::MAX;
    for item in dir {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if best_distance.saturating_sub(1) < max_distance {
            max_distance = best_distance - 1;
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.cloned()
}
