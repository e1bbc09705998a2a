//! The object space's globals: the builtin type objects by [`Kind`], the interned
//! strings, the root map, the loaded modules and the execution context. They live
//! in one `GcArray<Value>` held by a `GcRoot` of the interpreter thread (PyPy's
//! prebuilt space; the JIT will see them as constants).

use super::dict::{new_dict, W_Dict};
use super::instance::{new_root_map, W_Map};
use super::misc::*;
use super::mro::compute_mro;
use super::object::{GcAny, Value};
use super::range::W_Range;
use super::str::{new_str, W_Str};
use super::tuple::{new_tuple, W_Tuple};
use super::typeobject::{new_type, Kind, W_Type};
use super::{dict, function::*, instance::*, list::W_List};
use jitsupport::gc::{Gc, GcArray, GcType};

/// Slots of the globals array after the types.
const G_INTERN: usize = 0;
const G_ROOT_MAP: usize = 1;
const G_MODULES: usize = 2;
const G_BUILTINS: usize = 3;
const G_NOT_IMPLEMENTED: usize = 4;
const G_ELLIPSIS: usize = 5;
const G_EMPTY_TUPLE: usize = 6;
const G_HANDLED: usize = 7;
const G_EC: usize = 8;
const G_MAX_STR_DIGITS: usize = 9;
const G_COUNT: usize = 10;

use super::instance::new_instance;
use super::str::str_hash;
pub use crate::interpreter::executioncontext::METHOD_CACHE_SIZE;
use crate::interpreter::executioncontext::{new_exec_context, W_ExecContext};

use super::threadlocal::{
    current_frame_obj, exec_context, globals_array, intern_cache_clear, intern_cache_set,
    intern_cache_str, kind_index, register_kind, set_current_frame_addr, set_ec_addr, set_globals,
};

#[inline]
fn globals() -> GcArray<Value> {
    globals_array()
}

#[inline]
fn global_obj(i: usize) -> GcAny {
    match globals().get(Kind::ALL.len() + i) {
        Value::Obj(o) => o,
        _ => uninit(),
    }
}

#[cold]
fn uninit() -> ! {
    panic!("the object space is used before objspace::space::init")
}

/// The builtin type of `kind`.
#[inline]
pub fn ty(kind: Kind) -> Gc<W_Type> {
    match globals().get(kind as usize) {
        Value::Obj(o) => match o.downcast::<W_Type>() {
            Some(t) => t,
            None => uninit(),
        },
        _ => uninit(),
    }
}

#[inline]
fn typed<T: GcType>(o: GcAny) -> Gc<T> {
    match o.downcast::<T>() {
        Some(t) => t,
        None => uninit(),
    }
}

#[inline]
pub fn root_map() -> Gc<W_Map> {
    typed(global_obj(G_ROOT_MAP))
}
#[inline]
pub fn modules() -> Gc<W_Dict> {
    typed(global_obj(G_MODULES))
}
#[inline]
pub fn builtins_dict() -> Gc<W_Dict> {
    typed(global_obj(G_BUILTINS))
}
pub fn not_implemented() -> Value {
    Value::Obj(global_obj(G_NOT_IMPLEMENTED))
}
pub fn ellipsis() -> Value {
    Value::Obj(global_obj(G_ELLIPSIS))
}
#[inline]
pub fn empty_tuple() -> Gc<W_Tuple> {
    typed(global_obj(G_EMPTY_TUPLE))
}
/// The exception being handled (`sys.exc_info()`), or `None`.
pub fn handled() -> Value {
    globals().get(Kind::ALL.len() + G_HANDLED)
}
pub fn set_handled(v: Value) {
    globals().set(Kind::ALL.len() + G_HANDLED, v)
}

/// `sys.get_int_max_str_digits()`: the most decimal digits an int converts to or from a
/// str (0: no limit).
pub fn max_str_digits() -> usize {
    match globals().get(Kind::ALL.len() + G_MAX_STR_DIGITS) {
        Value::Int(n) => n as usize,
        _ => uninit(),
    }
}
/// `sys.set_int_max_str_digits(n)`, `n` already checked (0 or at least 640).
pub fn set_max_str_digits(n: usize) {
    globals().set(Kind::ALL.len() + G_MAX_STR_DIGITS, Value::Int(n as i64))
}

/// The thread's execution context.
#[inline]
pub fn ec() -> Gc<W_ExecContext> {
    match exec_context() {
        Some(ec) => ec,
        None => uninit(),
    }
}

/// The frame the eval loop runs now (`None` outside it): what `locals()`, `globals()`,
/// `vars()` and `dir()` without arguments read (PyPy's `topframeref`).
///
/// A plain thread-local word: the frame it names is always alive on the Rust stack
/// (the eval loop running it holds it), and the caller's value is put back on exit.
pub fn current_frame() -> Value {
    match current_frame_obj() {
        Some(f) => Value::Obj(f),
        None => Value::None,
    }
}
#[inline]
pub fn set_current_frame(v: Value) {
    let a = match v {
        Value::Obj(o) => o.addr(),
        _ => 0,
    };
    set_current_frame_addr(a);
}

/// The method cache (`typeobject::lookup`).
#[inline]
pub fn method_cache() -> GcArray<Value> {
    ec().method_cache
}

/// Forgets every cached lookup: called whenever a type's dict, bases or MRO change.
pub fn invalidate_method_cache() {
    let Some(ec) = exec_context() else {
        // The builtin types are being made: nothing is cached yet.
        return;
    };
    let items = ec.method_cache;
    let mut i = 0;
    while i < items.len() {
        items.set(i, Value::Null);
        i += 3;
    }
}

/// Entries of the intern cache (a power of two).
pub const INTERN_CACHE_SIZE: usize = 512;

/// The interned str of `s`: attribute and global names are interned so that map and
/// dict lookups mostly compare addresses.
pub fn intern(s: &str) -> Gc<W_Str> {
    // A direct-mapped cache by the text's address (the names in the core's source are
    // literals, so the same call site hits), checked by content: interned strs live as
    // long as the intern table and the collector does not move them.
    let slot = ((s.as_ptr() as usize >> 3) ^ s.len()) & (INTERN_CACHE_SIZE - 1);
    if let Some(k) = intern_cache_str(slot) {
        if k.as_str() == s {
            return k;
        }
    }
    let k = intern_slow(s);
    intern_cache_set(slot, k.as_ptr() as usize);
    k
}

fn intern_slow(s: &str) -> Gc<W_Str> {
    let d: Gc<W_Dict> = typed(global_obj(G_INTERN));
    let h = str_hash(s);
    if let Some(Value::Obj(o)) = d.get_str(s, h) {
        if let Some(x) = o.downcast::<W_Str>() {
            return x;
        }
    }
    let k = new_str(s);
    k.hash.set(h);
    let _ = d.set_hashed(Value::obj(k), h, Value::obj(k));
    k
}

/// The builtin kind of an object's struct, by its GC type id (instances excluded).
pub fn kind_of_obj(o: GcAny) -> Kind {
    let id = o.class().0 as usize;
    let k = kind_index(id);
    Kind::ALL[k as usize]
}

fn register<T: GcType>(kind: Kind) {
    let id = T::type_info().id().0 as usize;
    register_kind(id, kind as u32);
}

/// Creates the space on the calling thread: the type objects and globals.
pub fn init() {
    let n = Kind::ALL.len();
    let arr = GcArray::new(n + G_COUNT, Value::None);
    set_globals(arr);
    set_ec_addr(0);
    set_current_frame_addr(0);
    let empty = new_tuple(0);
    arr.set(n + G_EMPTY_TUPLE, Value::obj(empty));
    arr.set(n + G_INTERN, Value::obj(new_dict()));
    arr.set(n + G_MODULES, Value::obj(new_dict()));
    arr.set(n + G_BUILTINS, Value::obj(new_dict()));
    for &k in Kind::ALL {
        let t = new_type(k.name(), k, true, empty);
        arr.set(k as usize, Value::obj(t));
    }
    let object = ty(Kind::Object);
    for &k in Kind::ALL {
        let t = ty(k);
        if k != Kind::Object {
            let bases = new_tuple(1);
            bases.items.set(0, Value::obj(ty(k.base())));
            t.bases.set(bases);
        }
    }
    // Bases before subclasses: the table lists each base before its subclasses.
    for &k in Kind::ALL {
        if compute_mro(ty(k), object).is_err() {
            uninit();
        }
    }
    arr.set(n + G_ROOT_MAP, Value::obj(new_root_map()));
    let ec = new_exec_context();
    arr.set(n + G_EC, Value::obj(ec));
    set_ec_addr(ec.as_ptr() as usize);
    arr.set(
        n + G_MAX_STR_DIGITS,
        Value::Int(super::int::DEFAULT_MAX_STR_DIGITS as i64),
    );
    intern_cache_clear();
    let ni = new_instance(ty(Kind::NotImplementedType), root_map());
    arr.set(n + G_NOT_IMPLEMENTED, Value::obj(ni));
    let el = new_instance(ty(Kind::Ellipsis), root_map());
    arr.set(n + G_ELLIPSIS, Value::obj(el));
    register::<W_Type>(Kind::Type);
    register::<W_Str>(Kind::Str);
    register::<W_List>(Kind::List);
    register::<W_Tuple>(Kind::Tuple);
    register::<dict::W_Dict>(Kind::Dict);
    register::<W_Set>(Kind::Set);
    register::<W_Range>(Kind::Range);
    register::<W_Slice>(Kind::Slice);
    register::<W_Bytes>(Kind::Bytes);
    register::<W_ByteArray>(Kind::ByteArray);
    register::<W_Long>(Kind::Int);
    register::<W_Iter>(Kind::Iterator);
    register::<W_DictView>(Kind::DictKeys);
    register::<W_Function>(Kind::Function);
    register::<W_Builtin>(Kind::BuiltinFunction);
    register::<W_Method>(Kind::Method);
    register::<W_Code>(Kind::Code);
    register::<W_Cell>(Kind::Cell);
    register::<W_Module>(Kind::Module);
    register::<W_StaticMethod>(Kind::StaticMethod);
    register::<W_ClassMethod>(Kind::ClassMethod);
    register::<W_Property>(Kind::Property);
    register::<W_Super>(Kind::Super);
    register::<W_Instance>(Kind::Object);
    register::<crate::interpreter::frame::W_Generator>(Kind::Generator);
}
