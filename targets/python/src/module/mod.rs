//! The builtin modules and the import machinery: `builtins`, `sys`, `math`, `time`,
//! `random`, `itertools`, `bisect`, `io`, `array`, `collections` (one file each where
//! they have code), imports of `.py` files next to the program.

pub mod builtins;
pub mod bytesmethods;
pub mod codecs;
pub mod collections;
pub mod itertools;
pub mod libm;
pub mod mathmod;
pub mod messages;
pub mod random;
pub mod randomseed;
pub mod strformat;
pub mod strmethods;
pub mod sys;
pub mod table;
pub mod textformat;
pub mod unicode;

use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::objspace::dict::{new_dict, W_Dict};
use crate::objspace::function::{W_Builtin, W_Module};
use crate::objspace::mro::compute_mro;
use crate::objspace::object::Value;
use crate::objspace::ops;
use crate::objspace::space::empty_tuple;
use crate::objspace::space::{self, intern, ty};
use crate::objspace::str::{new_str, str_value};
use crate::objspace::typeobject::new_type;
use crate::objspace::typeobject::Kind;
use jitsupport::gc::{Gc, GcRoot};
use std::cell::RefCell;
use table::{Bi, Place, TABLE};

thread_local! {
    static MAIN: RefCell<Option<GcRoot<Gc<W_Dict>>>> = const { RefCell::new(None) };
    static MAIN_DIR: RefCell<String> = const { RefCell::new(String::new()) };
    static ARGV: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The `__main__` module's globals.
pub fn main_globals() -> Gc<W_Dict> {
    MAIN.with(|m| match &*m.borrow() {
        Some(r) => r.get(),
        None => new_dict(),
    })
}

fn new_module(name: &str) -> Gc<W_Module> {
    let d = new_dict();
    let _ = d.set(Value::obj(intern("__name__")), str_value(name));
    Gc::new(W_Module {
        name: new_str(name),
        dict: d,
    })
}

fn install_builtins(place: Place, d: Gc<W_Dict>, bound: Value) -> PyResult<()> {
    // `d` may be a type's dict.
    space::invalidate_method_cache();
    for &(id, name, p) in TABLE {
        if p == place {
            let f = Gc::new(W_Builtin {
                id: id as u32,
                name: intern(name),
                bound,
            });
            d.set(Value::obj(intern(name)), Value::obj(f))?;
        }
    }
    Ok(())
}

/// Sets up the builtins, the type methods and `__main__` for a program.
pub fn init(main_file: &str, argv: &[String]) -> PyResult<Gc<W_Dict>> {
    let b = space::builtins_dict();
    install_builtins(Place::Module("builtins"), b, Value::Null)?;
    for &k in Kind::ALL {
        install_builtins(Place::Type(k), ty(k).dict, Value::Null)?;
        b.set(Value::obj(intern(k.name())), Value::obj(ty(k)))?;
    }
    // `bytearray` has the methods of `bytes` (they return the receiver's type).
    let (bytes, bytearray) = (ty(Kind::Bytes).dict, ty(Kind::ByteArray).dict);
    for &(_, name, p) in TABLE {
        if p == Place::Type(Kind::Bytes) {
            let key = Value::obj(intern(name));
            if bytearray.get(key)?.is_none() {
                if let Some(f) = bytes.get(key)? {
                    bytearray.set(key, f)?;
                }
            }
        }
    }
    space::invalidate_method_cache();
    for (name, v) in [
        ("NotImplemented", space::not_implemented()),
        ("Ellipsis", space::ellipsis()),
        ("None", Value::None),
        ("True", Value::Bool(true)),
        ("False", Value::Bool(false)),
    ] {
        b.set(Value::obj(intern(name)), v)?;
    }
    b.set(Value::obj(intern("IOError")), Value::obj(ty(Kind::OSError)))?;
    b.set(
        Value::obj(intern("EnvironmentError")),
        Value::obj(ty(Kind::OSError)),
    )?;
    let g = new_dict();
    g.set(Value::obj(intern("__name__")), str_value("__main__"))?;
    g.set(Value::obj(intern("__file__")), str_value(main_file))?;
    g.set(Value::obj(intern("__doc__")), Value::None)?;
    MAIN.with(|m| *m.borrow_mut() = Some(GcRoot::new(g)));
    let dir = match std::path::Path::new(main_file).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_string_lossy().into_owned(),
        _ => ".".to_string(),
    };
    MAIN_DIR.with(|d| *d.borrow_mut() = dir);
    ARGV.with(|a| *a.borrow_mut() = argv.to_vec());
    let main = Gc::new(W_Module {
        name: new_str("__main__"),
        dict: g,
    });
    space::modules().set(str_value("__main__"), Value::obj(main))?;
    Ok(g)
}

/// A builtin module, created on first import.
fn make_builtin_module(name: &str) -> PyResult<Option<Gc<W_Module>>> {
    let m = new_module(name);
    let d = m.dict;
    let set = |k: &str, v: Value| d.set(Value::obj(intern(k)), v);
    match name {
        "sys" => {
            install_builtins(Place::Module("sys"), d, Value::obj(m))?;
            let argv = crate::objspace::list::new_list(0);
            ARGV.with(|a| {
                for s in a.borrow().iter() {
                    argv.append(str_value(s));
                }
            });
            set("argv", Value::obj(argv))?;
            let out = new_module("_stdout");
            install_builtins(Place::Module("_stdout"), out.dict, Value::obj(out))?;
            set("stdout", Value::obj(out))?;
            let err = new_module("_stderr");
            install_builtins(Place::Module("_stderr"), err.dict, Value::obj(err))?;
            set("stderr", Value::obj(err))?;
            set("maxsize", Value::Int(i64::MAX))?;
            set("version", str_value("3.11.0 (python-c)"))?;
            set("platform", str_value("linux"))?;
            set("byteorder", str_value("little"))?;
            set("modules", Value::obj(space::modules()))?;
            let vi = crate::objspace::tuple::tuple_from(&[
                Value::Int(3),
                Value::Int(11),
                Value::Int(0),
                str_value("final"),
                Value::Int(0),
            ]);
            set("version_info", vi)?;
            set("implementation", Value::obj(new_module("python-c")))?;
            let fi = crate::objspace::instance::new_instance(ty(Kind::Object), space::root_map());
            let _ = fi;
            set("path", Value::obj(crate::objspace::list::new_list(0)))?;
        }
        "math" => {
            install_builtins(Place::Module("math"), d, Value::obj(m))?;
            set("pi", Value::Float(std::f64::consts::PI))?;
            set("e", Value::Float(std::f64::consts::E))?;
            set("tau", Value::Float(std::f64::consts::TAU))?;
            set("inf", Value::Float(f64::INFINITY))?;
            set("nan", Value::Float(f64::NAN))?;
        }
        "time" | "random" | "itertools" => {
            install_builtins(Place::Module(table_name(name)), d, Value::obj(m))?;
            if name == "random" {
                randomseed::seed_default(random::module_generator());
                let rt = ty(Kind::Random);
                install_builtins(Place::Module("random"), rt.dict, Value::Null)?;
                set("Random", Value::obj(rt))?;
            }
        }
        _ if python_source(name).is_some() => {
            run_source_module(name, m)?;
        }
        "collections.abc" | "typing" | "abc" | "dataclasses" | "string" | "enum" | "os" | "re"
        | "json" | "contextlib" | "types" | "weakref" | "__future__" | "gc" | "traceback"
        | "warnings" | "struct" | "decimal" | "fractions" | "statistics" | "pyperf"
        | "textwrap" => {
            if !init_module(name, m)? {
                return Ok(None);
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(m))
}

/// The modules written in Python (PyPy's app-level modules), compiled on import.
fn python_source(name: &str) -> Option<&'static str> {
    Some(match name {
        "collections" => include_str!("lib/collections.py"),
        "io" => include_str!("lib/io.py"),
        "bisect" => include_str!("lib/bisect.py"),
        "heapq" => include_str!("lib/heapq.py"),
        "functools" => include_str!("lib/functools.py"),
        "copy" => include_str!("lib/copy.py"),
        "operator" => include_str!("lib/operator.py"),
        "array" => include_str!("lib/array.py"),
        _ => return None,
    })
}

fn run_source_module(name: &str, m: Gc<W_Module>) -> PyResult<()> {
    let Some(source) = python_source(name) else {
        return Ok(());
    };
    let path = format!("<python-c {name}>");
    let code = match crate::compile::compile_source(source, &path) {
        Ok(c) => c,
        Err(e) => return Err(err(Kind::SyntaxError, &e.message)),
    };
    let w = crate::interpreter::loader::load(&code);
    let frame = crate::interpreter::frame::new_frame(w, m.dict, None);
    crate::interpreter::call::run_frame(frame)?;
    Ok(())
}

fn table_name(name: &str) -> &'static str {
    for &(_, _, p) in TABLE {
        if let Place::Module(m) = p {
            if m == name {
                return m;
            }
        }
    }
    "builtins"
}

/// `import name` (IMPORT_NAME): the module, or the top package for a dotted name
/// without a fromlist.
pub fn import_module(name: &str, fromlist: Value, globals: Gc<W_Dict>) -> PyResult<Value> {
    let _ = globals;
    let key = str_value(name);
    if let Some(m) = space::modules().get(key)? {
        return Ok(top_of(name, m, fromlist));
    }
    if let Some((parent, _)) = name.rsplit_once('.') {
        import_module(parent, Value::None, globals)?;
    }
    let m = match make_builtin_module(name)? {
        Some(m) => m,
        None => load_file_module(name)?,
    };
    space::modules().set(key, Value::obj(m))?;
    if let Some((parent, child)) = name.rsplit_once('.') {
        if let Ok(Some(p)) = space::modules().get(str_value(parent)) {
            let _ = ops::setattr(p, intern(child), Value::obj(m));
        }
    }
    Ok(top_of(name, Value::obj(m), fromlist))
}

fn top_of(name: &str, m: Value, fromlist: Value) -> Value {
    if fromlist.is_none() {
        if let Some((top, _)) = name.split_once('.') {
            if let Ok(Some(t)) = space::modules().get(str_value(top)) {
                return t;
            }
        }
    }
    m
}

fn load_file_module(name: &str) -> PyResult<Gc<W_Module>> {
    let dir = MAIN_DIR.with(|d| d.borrow().clone());
    let path = if dir == "." {
        format!("{}.py", name.replace('.', "/"))
    } else {
        format!("{dir}/{}.py", name.replace('.', "/"))
    };
    let Ok(source) = std::fs::read_to_string(&path) else {
        let e = err(
            Kind::ModuleNotFoundError,
            &format!("No module named '{name}'"),
        );
        return Err(e);
    };
    let code = match crate::compile::compile_source(&source, &path) {
        Ok(c) => c,
        Err(e) => return Err(err(Kind::SyntaxError, &e.message)),
    };
    let m = new_module(name);
    m.dict
        .set(Value::obj(intern("__file__")), str_value(&path))?;
    // Registered before it runs, as CPython does (circular imports see it).
    space::modules().set(str_value(name), Value::obj(m))?;
    let w = crate::interpreter::loader::load(&code);
    let frame = crate::interpreter::frame::new_frame(w, m.dict, None);
    match crate::interpreter::call::run_frame(frame) {
        Ok(_) => Ok(m),
        Err(e) => {
            let _ = space::modules().remove(str_value(name));
            Err(e)
        }
    }
}

/// Calls the module functions of the table (everything `builtins` does not match).
pub fn call_module_builtin(bi: Bi, args: Args) -> PyResult<Value> {
    if let Some(r) = sys_builtin(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = strmethods::call_str_method(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = bytesmethods::call_bytes_method(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = mathmod::call_math(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = random::call_random(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = itertools::call_itertools(bi, args)? {
        return Ok(r);
    }
    if let Some(r) = collections::collections_call_builtin(bi, args)? {
        return Ok(r);
    }
    Err(err(
        Kind::NotImplementedError,
        &format!("the builtin {:?} is not implemented by python-c", bi),
    ))
}

fn sys_builtin(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let a0 = args.opt(0).unwrap_or(Value::None);
    Ok(Some(match bi {
        Bi::SysExit => {
            let a = if args.npos == 0 {
                Value::obj(space::empty_tuple())
            } else {
                crate::objspace::tuple::tuple_from(&[a0])
            };
            return Err(err_args(Kind::SystemExit, a));
        }
        Bi::SysGetrecursionlimit => Value::Int(space::ec().limit.get() as i64),
        Bi::SysSetrecursionlimit => {
            let n = builtins::int_arg(a0)?;
            if n < 1 {
                return value_error("recursion limit must be greater or equal than 1");
            }
            space::ec().limit.set(n.min(200_000) as u32);
            Value::None
        }
        Bi::SysGetIntMaxStrDigits => Value::Int(space::max_str_digits() as i64),
        Bi::SysSetIntMaxStrDigits => {
            let Some(v) = args.opt(0).or_else(|| args.kw("maxdigits")) else {
                return type_error(
                    "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
                );
            };
            let n = builtins::int_arg(v)?;
            if n != 0 && n < crate::objspace::int::MIN_MAX_STR_DIGITS {
                return value_error("maxdigits must be 0 or larger than 640");
            }
            space::set_max_str_digits(n as usize);
            Value::None
        }
        Bi::SysExcInfo => {
            let h = space::handled();
            if h.is_none() || h.is_null() {
                crate::objspace::tuple::tuple_from(&[Value::None, Value::None, Value::None])
            } else {
                crate::objspace::tuple::tuple_from(&[Value::obj(ops::type_of(h)), h, Value::None])
            }
        }
        Bi::SysIntern => a0,
        Bi::SysGetsizeof => Value::Int(64),
        Bi::StdoutWrite | Bi::StderrWrite => {
            let v = args.opt(args.npos.saturating_sub(1)).unwrap_or(Value::None);
            let s = match ops::as_str(v) {
                Some(s) => s.as_str(),
                None => {
                    return type_error(&format!(
                        "write() argument must be str, not {}",
                        ops::type_name(v)
                    ))
                }
            };
            if bi == Bi::StdoutWrite {
                sys::write_stdout(s);
            } else {
                sys::write_stderr(s);
            }
            Value::Int(s.chars().count() as i64)
        }
        Bi::StdoutFlush => {
            sys::flush_stdout();
            Value::None
        }
        Bi::TimeTime => Value::Float(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0),
        ),
        Bi::TimeTimeNs => Value::Int(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as i64)
                .unwrap_or(0),
        ),
        Bi::TimePerfCounter | Bi::TimeMonotonic | Bi::TimeProcessTime => {
            Value::Float(start_instant().elapsed().as_secs_f64())
        }
        Bi::TimePerfCounterNs => Value::Int(start_instant().elapsed().as_nanos() as i64),
        Bi::TimeSleep => {
            let s = builtins::float_arg(a0)?;
            if s > 0.0 {
                std::thread::sleep(std::time::Duration::from_secs_f64(s.min(1e6)));
            }
            Value::None
        }
        _ => return Ok(None),
    }))
}

fn start_instant() -> std::time::Instant {
    thread_local! {
        static START: std::time::Instant = std::time::Instant::now();
    }
    START.with(|s| *s)
}

/// Fills module `m` (`collections`, `typing`, ...); false if python-c lacks it.
pub fn init_module(name: &str, m: Gc<W_Module>) -> PyResult<bool> {
    let d = m.dict;
    let set = |k: &str, v: Value| d.set(Value::obj(intern(k)), v);
    match name {
        "typing" | "collections.abc" | "abc" | "__future__" => {
            for n in [
                "Any",
                "List",
                "Dict",
                "Tuple",
                "Set",
                "Optional",
                "Union",
                "Callable",
                "Iterable",
                "Iterator",
                "Generator",
                "Sequence",
                "Mapping",
                "TypeVar",
                "Generic",
                "NamedTuple",
                "ClassVar",
                "FrozenSet",
                "Hashable",
                "Sized",
                "MutableMapping",
                "MutableSequence",
                "Container",
                "Protocol",
                "annotations",
                "ABC",
                "abstractmethod",
                "ABCMeta",
                "cast",
                "overload",
                "Final",
            ] {
                let t = new_type(n, Kind::Object, false, empty_tuple());
                if compute_mro(t, ty(Kind::Object)).is_ok() {
                    t.dict
                        .set(Value::obj(intern("__module__")), str_value(name))?;
                    set(n, Value::obj(t))?;
                }
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

// The core's files hold no test modules (the analysis would see them).
#[cfg(test)]
mod bytes_tests {
    use super::bytesmethods::{bytes_pad, bytes_title};

    #[test]
    fn padding_and_title() {
        assert_eq!(bytes_pad(b"x", 3, b'-', 1), b"-x-");
        assert_eq!(bytes_title(b"hello wORLD 1a"), b"Hello World 1A");
    }
}
