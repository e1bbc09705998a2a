//! Code objects as the core sees them, functions, cells, builtin functions, bound
//! methods and the descriptors (`staticmethod`, `classmethod`, `property`).

use super::dict::W_Dict;
use super::object::{GcAny, Value};
use super::str::W_Str;
use super::tuple::W_Tuple;
use crate::interpreter::bytecode::Instr;
use jitsupport::gc::{
    Gc, GcArray, GcCell, GcValue, TypeInfo, VarPart, ARRAY_ITEMS_OFFSET, ARRAY_LENGTH_OFFSET,
};

static INSTR_ARRAY: TypeInfo = TypeInfo::array(
    "[Instr]",
    ARRAY_ITEMS_OFFSET as u32,
    &[],
    &[],
    VarPart {
        length_offset: ARRAY_LENGTH_OFFSET as u32,
        items_offset: ARRAY_ITEMS_OFFSET as u32,
        item_size: 8,
        item_refs: &[],
        item_maybe_refs: &[],
    },
);

// SAFETY: an instruction holds no references.
unsafe impl GcValue for Instr {
    const REFS: &'static [u32] = &[];
    fn array_type_info() -> &'static TypeInfo {
        &INSTR_ARRAY
    }
}

/// Code flags, as bits.
pub const CO_GENERATOR: u32 = 1;
pub const CO_VARARGS: u32 = 2;
pub const CO_VARKEYWORDS: u32 = 4;
pub const CO_MODULE: u32 = 8;
pub const CO_CLASS_BODY: u32 = 16;

/// A loaded code object: immutable tables the eval loop indexes.
pub struct W_Code {
    pub instrs: GcArray<Instr>,
    pub consts: GcArray<Value>,
    /// Names as strs.
    pub names: GcArray<GcAny>,
    pub varnames: GcArray<GcAny>,
    /// Cell variables then free variables.
    pub derefnames: GcArray<GcAny>,
    /// Exception table: start, end, handler, depth per entry.
    pub handlers: GcArray<u32>,
    /// Line table: start, line per entry.
    pub lines: GcArray<u32>,
    pub name: Gc<W_Str>,
    pub qualname: Gc<W_Str>,
    pub filename: Gc<W_Str>,
    pub docstring: Value,
    pub first_line: u32,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub nlocals: u32,
    pub ncells: u32,
    pub nfrees: u32,
    pub stacksize: u32,
}
crate::py_type!(W_Code { instrs, consts, names, varnames, derefnames, handlers, lines, name, qualname, filename ; docstring });

impl W_Code {
    /// The source line of instruction `pc`.
    pub fn line_of(&self, pc: u32) -> u32 {
        let lines = self.lines;
        let mut line = self.first_line;
        let mut i = 0;
        while i + 1 < lines.len() {
            if lines.get(i) > pc {
                break;
            }
            line = lines.get(i + 1);
            i += 2;
        }
        line
    }

    /// The handler covering `pc`: (target, depth).
    pub fn handler_of(&self, pc: u32) -> Option<(u32, u32)> {
        let h = self.handlers;
        let mut i = 0;
        while i + 3 < h.len() {
            if h.get(i) <= pc && pc < h.get(i + 1) {
                return Some((h.get(i + 2), h.get(i + 3)));
            }
            i += 4;
        }
        None
    }
}

pub struct W_Function {
    pub code: Gc<W_Code>,
    pub globals: Gc<W_Dict>,
    pub name: GcCell<Value>,
    pub qualname: GcCell<Value>,
    /// A tuple, or `None`.
    pub defaults: GcCell<Value>,
    /// A dict, or `None`.
    pub kwdefaults: GcCell<Value>,
    pub closure: Option<Gc<W_Tuple>>,
    /// `__dict__`, created on the first attribute store.
    pub dict: GcCell<Option<Gc<W_Dict>>>,
    pub doc: GcCell<Value>,
}
crate::py_type!(W_Function { code, globals, closure, dict ; name, qualname, defaults, kwdefaults, doc });

pub struct W_Cell {
    pub value: GcCell<Value>,
}
crate::py_type!(W_Cell {  ; value });

/// A function written in Rust: `id` selects it in the builtins' `match`; `bound` is
/// the receiver of a bound builtin method, or `Null`.
pub struct W_Builtin {
    pub id: u32,
    pub name: Gc<W_Str>,
    pub bound: Value,
}
crate::py_type!(W_Builtin { name ; bound });

pub struct W_Method {
    pub func: Value,
    pub self_: Value,
}
crate::py_type!(W_Method {  ; func, self_ });

pub struct W_StaticMethod {
    pub func: Value,
}
crate::py_type!(W_StaticMethod {  ; func });

pub struct W_ClassMethod {
    pub func: Value,
}
crate::py_type!(W_ClassMethod {  ; func });

pub struct W_Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}
crate::py_type!(W_Property {  ; fget, fset, fdel, doc });

pub struct W_Super {
    pub start: GcAny,
    pub obj: Value,
}
crate::py_type!(W_Super { start ; obj });

pub struct W_Module {
    pub name: Gc<W_Str>,
    pub dict: Gc<W_Dict>,
}
crate::py_type!(W_Module { name, dict ;  });
