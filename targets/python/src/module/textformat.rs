//! `str.format` and `%`-formatting: they parse their format strings and build Rust
//! text, outside the core (residual calls, as reprs are); each field goes through the
//! core's `format(value, spec)` ([`super::strformat::format_value`]).

use super::builtins::construct;
use super::strformat::format_value;
use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::int::to_big;
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::repr::ascii_of;
use crate::objspace::space::intern;
use crate::objspace::space::ty;
use crate::objspace::str::str_value;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::Kind;

/// Resolves a `{field}` of `str.format`: index or name, then `.attr` and `[key]`.
pub fn field_value(field: &str, args: &Args, auto: &mut usize) -> PyResult<Value> {
    let end = field.find(['.', '[']).unwrap_or(field.len());
    let (head, mut rest) = field.split_at(end);
    let mut v = if head.is_empty() {
        let i = *auto;
        *auto += 1;
        match args.opt(1 + i) {
            Some(v) => v,
            None => {
                return Err(oefmt(
                    Kind::IndexError,
                    "Replacement index %d out of range for positional args tuple",
                    Value::Int(i as i64),
                ))
            }
        }
    } else if let Ok(i) = head.parse::<usize>() {
        match args.opt(1 + i) {
            Some(v) => v,
            None => {
                return Err(oefmt(
                    Kind::IndexError,
                    "Replacement index %d out of range for positional args tuple",
                    Value::Int(i as i64),
                ))
            }
        }
    } else {
        match args.kw(head) {
            Some(v) => v,
            None => return Err(err_args(Kind::KeyError, tuple_from(&[str_value(head)]))),
        }
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let e = r.find(['.', '[']).unwrap_or(r.len());
            v = getattr(v, intern(&r[..e]))?;
            rest = &r[e..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let e = r.find(']').unwrap_or(r.len());
            let key = &r[..e];
            let k = match key.parse::<i64>() {
                Ok(i) => Value::Int(i),
                Err(_) => str_value(key),
            };
            v = getitem(v, k)?;
            rest = r.get(e + 1..).unwrap_or("");
        } else {
            break;
        }
    }
    Ok(v)
}

/// `fmt.format(*args, **kwargs)` (args include the format string first).
pub fn str_format(fmt: &str, args: &Args) -> PyResult<String> {
    let mut auto = 0;
    str_format_from(fmt, args, &mut auto)
}

pub fn str_format_from(fmt: &str, args: &Args, auto: &mut usize) -> PyResult<String> {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if i + 1 < chars.len() && chars[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching close brace (nested braces in the spec).
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                if chars[j] == '{' {
                    depth += 1;
                } else if chars[j] == '}' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth != 0 {
                return value_error("Single '{' encountered in format string");
            }
            let inner: String = chars[i + 1..j - 1].iter().collect();
            let (field, spec) = match inner.find(':') {
                Some(p) => (inner[..p].to_string(), inner[p + 1..].to_string()),
                None => (inner.clone(), String::new()),
            };
            let (field, conv) = match field.find('!') {
                Some(p) => (field[..p].to_string(), field[p + 1..].chars().next()),
                None => (field, None),
            };
            let v = field_value(&field, args, auto)?;
            let spec = if spec.contains('{') {
                str_format_from(&spec, args, auto)?
            } else {
                spec
            };
            let v = match conv {
                Some('r') => str_value(&repr(v)?),
                Some('s') => str_value(&str_of(v)?),
                Some('a') => str_value(&ascii_of(&repr(v)?)),
                _ => v,
            };
            let r = format_value(v, &spec)?;
            out.push_str(&str_of(r)?);
            i = j;
        } else if c == '}' {
            if i + 1 < chars.len() && chars[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return value_error("Single '}' encountered in format string");
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: Value) -> PyResult<String> {
    let items: Vec<Value> = match args.as_tuple() {
        Some(t) => (0..t.len()).map(|i| t.get(i)).collect(),
        None => vec![args],
    };
    let dict = args.as_dict();
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut next = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return value_error("incomplete format");
        }
        if chars[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        let mut keyed = None;
        if chars[i] == '(' {
            let st = i + 1;
            while i < chars.len() && chars[i] != ')' {
                i += 1;
            }
            keyed = Some(chars[st..i].iter().collect::<String>());
            i += 1;
        }
        let mut flags = String::new();
        while i < chars.len() && "-+ #0".contains(chars[i]) {
            flags.push(chars[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '*') {
            if chars[i] == '*' {
                let v = items.get(next).copied().unwrap_or(Value::Int(0));
                next += 1;
                width = str_of(v)?;
            } else {
                width.push(chars[i]);
            }
            i += 1;
        }
        let mut prec = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            if i < chars.len() && chars[i] == '*' {
                let v = items.get(next).copied().unwrap_or(Value::Int(0));
                next += 1;
                p = str_of(v)?;
                i += 1;
            }
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            prec = Some(p.parse::<usize>().unwrap_or(0));
        }
        if i >= chars.len() {
            return value_error("incomplete format");
        }
        let conv = chars[i];
        i += 1;
        let v = match (&keyed, dict) {
            (Some(k), Some(d)) => match d.get(str_value(k))? {
                Some(v) => v,
                None => return key_error(str_value(k)),
            },
            _ => {
                let Some(&v) = items.get(next) else {
                    return type_error("not enough arguments for format string");
                };
                next += 1;
                v
            }
        };
        let mut spec = String::new();
        let left = flags.contains('-');
        if flags.contains('+') {
            spec.push('+');
        } else if flags.contains(' ') {
            spec.push(' ');
        }
        if flags.contains('#') {
            spec.push('#');
        }
        if flags.contains('0') && !left {
            spec.push('0');
        }
        let body = match conv {
            's' | 'r' | 'a' => {
                let mut s = match conv {
                    's' => str_of(v)?,
                    'a' => ascii_of(&repr(v)?),
                    _ => repr(v)?,
                };
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                s
            }
            'd' | 'i' | 'u' => {
                let iv = match v {
                    Value::Float(f) => construct(
                        Kind::Int,
                        ty(Kind::Int),
                        Args::from_slice(&[Value::Float(f)]),
                    )?,
                    _ => v,
                };
                if to_big(iv).is_none() {
                    return Err(oefmt2(
                        Kind::TypeError,
                        "%%%c format: a real number is required, not %T",
                        Value::Int(conv as i64),
                        v,
                    ));
                }
                let body = str_of(format_value(iv, &format!("{spec}d"))?)?;
                match prec {
                    Some(p) => {
                        let (sign, digits) = if body.starts_with(['-', '+', ' ']) {
                            body.split_at(1)
                        } else {
                            ("", body.as_str())
                        };
                        if digits.len() < p {
                            format!("{sign}{}{digits}", "0".repeat(p - digits.len()))
                        } else {
                            body.clone()
                        }
                    }
                    None => body,
                }
            }
            'x' | 'X' | 'o' => {
                if to_big(v).is_none() {
                    return Err(oefmt2(
                        Kind::TypeError,
                        "%%%c format: an integer is required, not %T",
                        Value::Int(conv as i64),
                        v,
                    ));
                }
                str_of(format_value(v, &format!("{spec}{conv}"))?)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = match num_to_f64(v) {
                    Some(f) => f,
                    None => return Err(oefmt(Kind::TypeError, "must be real number, not %T", v)),
                };
                let p = prec.unwrap_or(6);
                str_of(format_value(Value::Float(f), &format!("{spec}.{p}{conv}"))?)?
            }
            'c' => match v {
                Value::Int(n) => char::from_u32(n as u32)
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                _ => str_of(v)?,
            },
            _ => {
                return value_error(&format!(
                    "unsupported format character '{conv}' (0x{:x}) at index {}",
                    conv as u32,
                    i - 1
                ))
            }
        };
        let w: usize = width.parse().unwrap_or(0);
        let n = body.chars().count();
        if n < w {
            let pad = " ".repeat(w - n);
            if left {
                out.push_str(&body);
                out.push_str(&pad);
            } else if flags.contains('0') && conv != 's' && conv != 'r' {
                // Zero padding after the sign.
                let (sign, digits) = if body.starts_with(['-', '+', ' ']) {
                    body.split_at(1)
                } else {
                    ("", body.as_str())
                };
                out.push_str(sign);
                out.push_str(&"0".repeat(w - n));
                out.push_str(digits);
            } else {
                out.push_str(&pad);
                out.push_str(&body);
            }
        } else {
            out.push_str(&body);
        }
    }
    if next < items.len() && dict.is_none() && args.as_tuple().is_some() {
        return type_error("not all arguments converted during string formatting");
    }
    if next == 0
        && items.len() == 1
        && dict.is_none()
        && args.as_tuple().is_none()
        && !fmt.contains('%')
    {
        return type_error("not all arguments converted during string formatting");
    }
    Ok(out)
}
