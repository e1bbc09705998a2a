//! `collections` (`deque`, `defaultdict`, `Counter`, `OrderedDict`, `namedtuple`,
//! `collections.abc` names), `io.StringIO`, `array`, and the small modules whose
//! names programs import for annotations (`typing`, `abc`, ..., made by `module::init_module`). The hooks below are
//! the generic operations' fallbacks for these objects.

use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::Args;
use crate::interpreter::PyResult;
use crate::objspace::object::Value;
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
