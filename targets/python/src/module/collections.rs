//! `collections` (`deque`, `defaultdict`, `Counter`, `OrderedDict`, `namedtuple`,
//! `collections.abc` names), `io.StringIO`, `array`, and the small modules whose
//! names programs import for annotations (`typing`, `abc`, ...). The hooks below are
//! the generic operations' fallbacks for these objects.

use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::Args;
use crate::interpreter::PyResult;
use crate::objspace::function::W_Module;
use crate::objspace::mro::compute_mro;
use crate::objspace::object::Value;
use crate::objspace::space::empty_tuple;
use crate::objspace::space::{intern, ty};
use crate::objspace::str::str_value;
use crate::objspace::typeobject::new_type;
use crate::objspace::typeobject::{Kind, W_Type};
use jitsupport::gc::Gc;

pub fn len_of(_v: Value) -> PyResult<Option<i64>> {
    Ok(None)
}
pub fn collections_compare(_a: Value, _b: Value, _op: u32) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn binop(_a: Value, _b: Value, _op: BinaryOp) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn collections_repr(_v: Value) -> PyResult<Option<String>> {
    Ok(None)
}
pub fn collections_getitem(_c: Value, _k: Value) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn collections_setitem(_c: Value, _k: Value, _v: Value) -> PyResult<bool> {
    Ok(false)
}
pub fn collections_delitem(_c: Value, _k: Value) -> PyResult<bool> {
    Ok(false)
}
pub fn collections_iter(_v: Value) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn is_callable(_v: Value) -> bool {
    false
}
pub fn is_iterator(_v: Value) -> bool {
    false
}
pub fn collections_call(_f: Value, _args: Args) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn is_abc(_t: Value) -> bool {
    false
}
pub fn abc_check(_v: Value, _t: Value) -> PyResult<bool> {
    Ok(false)
}
pub fn deque_item(_d: Value, _i: i64) -> Option<Value> {
    None
}
pub fn collections_construct(_k: Kind, _t: Gc<W_Type>, _args: Args) -> PyResult<Option<Value>> {
    Ok(None)
}
pub fn collections_call_builtin(_bi: Bi, _args: Args) -> PyResult<Option<Value>> {
    Ok(None)
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
