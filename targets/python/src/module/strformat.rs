//! `format(value, spec)` (f-strings and `format()`): the dispatch on the value's type;
//! the text work (format specs, numbers) is outside the core (`objspace/format.rs`),
//! and so are `str.format` and `%`-formatting (`textformat.rs`).

use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::format::{format_float, format_int, format_str, parse_spec};
use crate::objspace::int::to_big;
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::str::str_value;
use crate::objspace::typeobject::Kind;
use num_traits::Signed;

/// `format(v, spec)`.
pub fn format_value(v: Value, spec: &str) -> PyResult<Value> {
    if v.as_instance().is_some() {
        if let Some(r) = call_special(v, "__format__", &[str_value(spec)])? {
            return Ok(r);
        }
    }
    if spec.is_empty() {
        return str_value_of(v);
    }
    let sp = match parse_spec(spec) {
        Ok(s) => s,
        Err(m) => return value_error(&m),
    };
    let r = match v {
        Value::Float(f) => format_float(f, &sp),
        Value::Int(_) | Value::Bool(_) if sp.ty.is_none() && matches!(v, Value::Bool(_)) => {
            format_str(&str_of(v)?, &sp)
        }
        _ => {
            if let Some(b) = to_big(v) {
                format_int(b.is_negative(), b.magnitude(), &sp)
            } else if let Some(s) = as_str(v) {
                format_str(s.as_str(), &sp)
            } else if sp.ty.is_none() {
                format_str(&str_of(v)?, &sp)
            } else {
                return Err(oefmt(
                    Kind::TypeError,
                    "unsupported format string passed to %T.__format__",
                    v,
                ));
            }
        }
    };
    match r {
        Ok(s) => Ok(str_value(&s)),
        Err(m) => value_error(&m),
    }
}
