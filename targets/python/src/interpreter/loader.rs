//! The loader: turns the compiler's plain-Rust [`CodeObject`] tree into the core's
//! `W_Code` objects, bottom up, with constants as values and names interned.

use crate::compile::{CodeObject, Constant};
use crate::objspace::bigint::parse_int;
use crate::objspace::function::*;
use crate::objspace::object::{GcAny, Value};
use crate::objspace::ops::new_bytes;
use crate::objspace::space::{ellipsis, intern};
use crate::objspace::str::{new_str, str_value};
use crate::objspace::tuple::W_Tuple;
use jitsupport::gc::{Gc, GcArray};

fn constant(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Ellipsis => ellipsis(),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(s) => parse_int(s, 10).unwrap_or(Value::Int(0)),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::obj(intern(s)),
        Constant::Bytes(b) => new_bytes(b),
        Constant::Tuple(items) => {
            let arr = GcArray::new(items.len(), Value::None);
            for (i, it) in items.iter().enumerate() {
                arr.set(i, constant(it));
            }
            Value::obj(Gc::new(W_Tuple { items: arr }))
        }
        Constant::Code(code) => Value::obj(load(code)),
    }
}

fn names(list: &[String]) -> GcArray<GcAny> {
    let first = GcAny::of(intern(""));
    let arr = GcArray::new(list.len(), first);
    for (i, n) in list.iter().enumerate() {
        arr.set(i, GcAny::of(intern(n)));
    }
    arr
}

/// Loads a code object and the code objects among its constants.
pub fn load(code: &CodeObject) -> Gc<W_Code> {
    let consts = GcArray::new(code.consts.len(), Value::None);
    for (i, c) in code.consts.iter().enumerate() {
        consts.set(i, constant(c));
    }
    let mut handlers = Vec::with_capacity(code.exception_table.len() * 4);
    for h in &code.exception_table {
        handlers.extend_from_slice(&[h.start, h.end, h.handler, h.depth]);
    }
    let mut lines = Vec::with_capacity(code.lines.len() * 2);
    for l in &code.lines {
        lines.extend_from_slice(&[l.start, l.line]);
    }
    let mut deref: Vec<String> = code.cellvars.clone();
    deref.extend(code.freevars.iter().cloned());
    let f = &code.flags;
    let flags = (f.generator as u32 * CO_GENERATOR)
        | (f.varargs as u32 * CO_VARARGS)
        | (f.varkeywords as u32 * CO_VARKEYWORDS)
        | (f.module as u32 * CO_MODULE)
        | (f.class_body as u32 * CO_CLASS_BODY);
    let varnames = names(&code.varnames);
    let derefnames = names(&deref);
    let name_arr = names(&code.names);
    Gc::new(W_Code {
        instrs: GcArray::from_slice(&code.code),
        consts,
        names: name_arr,
        varnames,
        derefnames,
        handlers: GcArray::from_slice(&handlers),
        lines: GcArray::from_slice(&lines),
        name: intern(&code.name),
        qualname: new_str(&code.qualname),
        filename: new_str(&code.filename),
        docstring: match &code.docstring {
            Some(d) => str_value(d),
            None => Value::None,
        },
        first_line: code.first_line,
        flags,
        argcount: code.argcount,
        posonlyargcount: code.posonlyargcount,
        kwonlyargcount: code.kwonlyargcount,
        nlocals: code.varnames.len() as u32,
        ncells: code.cellvars.len() as u32,
        nfrees: code.freevars.len() as u32,
        stacksize: code.stacksize,
    })
}
