//! Calls: the argument block [`Args`] (positional values then keyword values, read in
//! place from a caller's value stack or from a fresh array), binding arguments to a
//! function's parameters as CPython does (with its error messages), and dispatch on
//! what is called.

use super::error::*;
use super::eval::{eval_frame, Exit};
use super::frame::{new_frame, W_Frame, W_Generator, GEN_CREATED};
use super::messages;
use super::PyResult;
use crate::module::builtins::call_builtin;
use crate::module::builtins::construct;
use crate::module::collections::collections_call;
use crate::module::table::Bi;
use crate::objspace::dict::{new_dict, W_Dict};
use crate::objspace::function::*;
use crate::objspace::instance::{new_instance, W_Instance};
use crate::objspace::list::new_list;
use crate::objspace::object::Value;
use crate::objspace::ops::{self, as_str};
use crate::objspace::space::{self, intern, ty};
use crate::objspace::str::{str_eq, W_Str};
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::is_subtype;
use crate::objspace::typeobject::{lookup, Kind, W_Type};
use jitsupport::gc::{Gc, GcArray, GcCell};
use ops::dunder_op;
use ops::isinstance;
use ops::type_of;
use space::ec;
use space::empty_tuple;
use space::root_map;

/// The arguments of a call: `npos` positional values from `arr[start]`, then one value
/// per name of `kwnames`.
#[derive(Clone, Copy)]
pub struct Args {
    pub arr: GcArray<Value>,
    pub start: usize,
    pub npos: usize,
    pub kwnames: Option<Gc<W_Tuple>>,
}

impl Args {
    /// Positional arguments copied into a fresh array.
    pub fn from_slice(items: &[Value]) -> Args {
        Args {
            arr: GcArray::from_slice(items),
            start: 0,
            npos: items.len(),
            kwnames: None,
        }
    }

    pub fn nkw(&self) -> usize {
        match self.kwnames {
            Some(t) => t.len(),
            None => 0,
        }
    }

    /// Positional argument `i`.
    pub fn pos(&self, i: usize) -> Value {
        self.arr.get(self.start + i)
    }

    /// Positional argument `i`, if given.
    pub fn opt(&self, i: usize) -> Option<Value> {
        if i < self.npos {
            Some(self.pos(i))
        } else {
            None
        }
    }

    /// The keyword argument `name`, if given.
    pub fn kw(&self, name: &str) -> Option<Value> {
        let t = self.kwnames?;
        let mut i = 0;
        while i < t.len() {
            if let Some(s) = as_str(t.get(i)) {
                if s.as_str() == name {
                    return Some(self.arr.get(self.start + self.npos + i));
                }
            }
            i += 1;
        }
        None
    }

    /// Keyword argument `i`: (name, value).
    pub fn kw_at(&self, i: usize) -> (Value, Value) {
        let names = match self.kwnames {
            Some(t) => t.get(i),
            None => Value::None,
        };
        (names, self.arr.get(self.start + self.npos + i))
    }

    /// The same arguments with `first` prepended (a bound method's self).
    pub fn prepend(&self, first: Value) -> Args {
        let n = self.npos + self.nkw();
        let arr = GcArray::new(n + 1, first);
        let mut i = 0;
        while i < n {
            arr.set(i + 1, self.arr.get(self.start + i));
            i += 1;
        }
        Args {
            arr,
            start: 0,
            npos: self.npos + 1,
            kwnames: self.kwnames,
        }
    }

    /// The positional arguments as a tuple.
    pub fn pos_tuple(&self, from: usize) -> Value {
        let n = self.npos.saturating_sub(from);
        let arr = GcArray::new(n, Value::None);
        let mut i = 0;
        while i < n {
            arr.set(i, self.pos(from + i));
            i += 1;
        }
        Value::obj(Gc::new(W_Tuple { items: arr }))
    }
}

/// Calls `f` with positional arguments.
pub fn call_values(f: Value, args: &[Value]) -> PyResult<Value> {
    call(f, Args::from_slice(args))
}

/// Calls `f`.
pub fn call(f: Value, args: Args) -> PyResult<Value> {
    if let Value::Obj(o) = f {
        if let Some(func) = o.downcast::<W_Function>() {
            return call_function(func, args, None);
        }
        if let Some(b) = o.downcast::<W_Builtin>() {
            if b.id == Bi::DunderOp as u32 {
                return dunder_op(b.name.as_str(), b.bound, args.opt(0));
            }
            if b.bound.is_null() || b.bound.as_module().is_some() {
                return call_builtin(b.id, args);
            }
            return call_builtin(b.id, args.prepend(b.bound));
        }
        if let Some(m) = o.downcast::<W_Method>() {
            return call(m.func, args.prepend(m.self_));
        }
        if let Some(t) = o.downcast::<W_Type>() {
            return call_type(t, args);
        }
        if o.is::<W_Instance>() {
            let cls = type_of(f);
            if let Some(c) = lookup(cls, Value::obj(intern("__call__")))? {
                return call(c, args.prepend(f));
            }
        }
        if let Some(r) = collections_call(f, args)? {
            return Ok(r);
        }
    }
    Err(messages::not_callable(f))
}

/// Instantiates a class.
fn call_type(t: Gc<W_Type>, args: Args) -> PyResult<Value> {
    if t.builtin {
        return construct(t.kind, t, args);
    }
    let new_fn = lookup(t, Value::obj(intern("__new__")))?;
    let obj = match new_fn {
        Some(nf) if nf.as_function().is_some() || nf.as_staticmethod().is_some() => {
            let nf = match nf.as_staticmethod() {
                Some(s) => s.func,
                None => nf,
            };
            let r = call(nf, args.prepend(Value::obj(t)))?;
            if !isinstance(r, t) {
                return Ok(r);
            }
            r
        }
        _ => new_object(t, args)?,
    };
    if let Some(init) = lookup(t, Value::obj(intern("__init__")))? {
        if init.as_function().is_some() {
            let r = call(init, args.prepend(obj))?;
            if !r.is_none() {
                return Err(messages::init_returned(r));
            }
        } else if matches!(init.as_builtin(), Some(b) if b.id == Bi::ListInit as u32 || b.id == Bi::DictInit as u32)
        {
            // A subclass of list or dict without its own `__init__`: the builtin
            // `__init__` fills the instance's builtin part, as in CPython.
            call(init, args.prepend(obj))?;
        } else if t.kind == Kind::Object && (args.npos > 0 || args.nkw() > 0) {
            return Err(messages::takes_no_arguments(t));
        }
    }
    Ok(obj)
}

/// `object.__new__(t)` for a user class: an instance with the builtin part of its base.
pub fn new_object(t: Gc<W_Type>, args: Args) -> PyResult<Value> {
    let k = t.kind;
    if is_subtype(t, ty(Kind::BaseException)) {
        let a = args.pos_tuple(0);
        return Ok(Value::obj(new_exception(t, a)));
    }
    let inst = new_instance(t, root_map());
    match k {
        Kind::Object => {}
        Kind::List => inst.base.set(Value::obj(new_list(0))),
        Kind::Dict | Kind::DefaultDict => inst.base.set(Value::obj(new_dict())),
        _ => {
            let base = construct(k, ty(k), args)?;
            inst.base.set(base);
        }
    }
    Ok(Value::obj(inst))
}

/// Binds `args` to the parameters of `func` in a new frame's locals.
pub fn bind_args(func: Gc<W_Function>, args: Args, frame: Gc<W_Frame>) -> PyResult<()> {
    let code = func.code;
    let slots = frame.slots;
    let argc = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let varargs = code.flags & CO_VARARGS != 0;
    let varkw = code.flags & CO_VARKEYWORDS != 0;
    let defaults = func.defaults.get().as_tuple();
    let ndefaults = match defaults {
        Some(d) => d.len(),
        None => 0,
    };
    let npos = args.npos;
    // Too many positional arguments are reported after the keywords are bound (their
    // errors come first, and the message counts the keyword-only ones given).
    let mut too_many = false;
    let mut i = 0;
    while i < npos && i < argc {
        slots.set(i, args.pos(i));
        i += 1;
    }
    if npos > argc {
        if varargs {
            let n = npos - argc;
            let arr = GcArray::new(n, Value::None);
            let mut j = 0;
            while j < n {
                arr.set(j, args.pos(argc + j));
                j += 1;
            }
            slots.set(argc + kwonly, Value::obj(Gc::new(W_Tuple { items: arr })));
        } else {
            too_many = true;
        }
    } else if varargs {
        slots.set(argc + kwonly, Value::obj(empty_tuple()));
    }
    let kwdict = if varkw {
        let d = new_dict();
        slots.set(argc + kwonly + varargs as usize, Value::obj(d));
        Some(d)
    } else {
        None
    };
    let nkw = args.nkw();
    let mut k = 0;
    while k < nkw {
        let (name, value) = args.kw_at(k);
        k += 1;
        let Some(ns) = as_str(name) else { continue };
        let mut j = code.posonlyargcount as usize;
        let mut found = false;
        while j < argc + kwonly {
            if let Some(vn) = code.varnames.get(j).downcast::<W_Str>() {
                if str_eq(vn, ns) {
                    if !slots.get(j).is_null() {
                        return Err(messages::multiple_values_for(code, ns));
                    }
                    slots.set(j, value);
                    found = true;
                    break;
                }
            }
            j += 1;
        }
        if !found && kwdict.is_none() {
            let mut p = 0;
            while p < code.posonlyargcount as usize {
                if let Some(vn) = code.varnames.get(p).downcast::<W_Str>() {
                    if str_eq(vn, ns) {
                        return Err(messages::positional_only_as_keyword(code, ns));
                    }
                }
                p += 1;
            }
        }
        if !found {
            match kwdict {
                Some(d) => d.set(name, value)?,
                None => return Err(messages::unexpected_keyword(code, ns)),
            }
        }
    }
    if too_many {
        return Err(messages::too_many_positional(code, npos, ndefaults, slots));
    }
    // Defaults and missing arguments (the message names the parameters left empty).
    let mut missing = false;
    i = npos.min(argc);
    while i < argc {
        if slots.get(i).is_null() {
            let d = i as i64 - (argc - ndefaults) as i64;
            match defaults {
                Some(t) if d >= 0 => slots.set(i, t.get(d as usize)),
                _ => missing = true,
            }
        }
        i += 1;
    }
    if missing {
        return Err(messages::missing_arguments(
            code,
            slots,
            0,
            argc,
            "positional",
        ));
    }
    let kwd = func.kwdefaults.get().as_dict();
    i = argc;
    while i < argc + kwonly {
        if slots.get(i).is_null() {
            let dv = match kwd {
                Some(d) => d.get(Value::Obj(code.varnames.get(i)))?,
                None => None,
            };
            match dv {
                Some(v) => slots.set(i, v),
                None => missing = true,
            }
        }
        i += 1;
    }
    if missing {
        return Err(messages::missing_arguments(
            code,
            slots,
            argc,
            argc + kwonly,
            "keyword-only",
        ));
    }
    // Cells, then the closure's free variables.
    let base = code.nlocals as usize;
    i = 0;
    while i < code.ncells as usize {
        slots.set(
            base + i,
            Value::obj(Gc::new(W_Cell {
                value: GcCell::new(Value::Null),
            })),
        );
        i += 1;
    }
    if let Some(c) = func.closure {
        i = 0;
        while i < c.len() && i < code.nfrees as usize {
            slots.set(base + code.ncells as usize + i, c.get(i));
            i += 1;
        }
    }
    Ok(())
}

/// Calls a Python function; `locals` is the namespace of a class body.
pub fn call_function(
    func: Gc<W_Function>,
    args: Args,
    locals: Option<Gc<W_Dict>>,
) -> PyResult<Value> {
    let code = func.code;
    let frame = new_frame(code, func.globals, locals);
    bind_args(func, args, frame)?;
    if code.flags & CO_GENERATOR != 0 {
        return Ok(Value::obj(Gc::new(W_Generator {
            frame,
            state: GcCell::new(GEN_CREATED),
        })));
    }
    run_frame(frame)
}

/// Runs a frame to its return, counting the recursion depth.
pub fn run_frame(frame: Gc<W_Frame>) -> PyResult<Value> {
    let ec = ec();
    ec.enter()?;
    let r = eval_frame(frame, Value::Null);
    ec.leave();
    match r {
        Ok(Exit::Return(v)) => Ok(v),
        Ok(Exit::Yield(_)) => Err(err(Kind::SystemExit, "yield outside a generator")),
        Err(e) => Err(e),
    }
}
