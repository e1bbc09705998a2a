//! The methods of `bytes` and `bytearray` (byte work outside the core: residual calls).
//! A `bytearray` has every method of `bytes` (the type dicts share the builtins, see
//! `module::init`); a method that builds a byte sequence returns the type of its
//! receiver, and character classes are ASCII's, as in CPython.

use super::builtins::{arg, int_arg, list_of, new_bytearray, str_arg};
use super::codecs::{decode, hex_decode, hex_encode};
use super::strmethods::clamped_position;
use super::table::Bi;
use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::list::new_list;
use crate::objspace::misc::W_ByteArray;
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::str::str_value;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::Kind;
use jitsupport::gc::{Gc, GcArray};

/// The receiver's bytes.
fn bytes_self<'a>(args: &Args) -> PyResult<&'a [u8]> {
    let v = arg(args, 0, "bytes method")?;
    match bytes_of(v) {
        Some(b) => Ok(b),
        None => Err(oefmt(
            Kind::TypeError,
            "descriptor requires a 'bytes' object but received a '%T'",
            v,
        )),
    }
}

/// The receiver as a `bytearray`.
fn bytearray_self(args: &Args) -> PyResult<Gc<W_ByteArray>> {
    let v = arg(args, 0, "bytearray method")?;
    match v.as_bytearray() {
        Some(b) => Ok(b),
        None => Err(oefmt(
            Kind::TypeError,
            "descriptor requires a 'bytearray' object but received a '%T'",
            v,
        )),
    }
}

/// New bytes of the receiver's type.
fn like(args: &Args, data: &[u8]) -> Value {
    if args.pos(0).as_bytearray().is_some() {
        new_bytearray(data)
    } else {
        new_bytes(data)
    }
}

/// A bytes-like argument (`bytes`, `bytearray`).
fn bytes_arg<'a>(v: Value) -> PyResult<&'a [u8]> {
    match bytes_of(v) {
        Some(b) => Ok(b),
        None => Err(oefmt(
            Kind::TypeError,
            "a bytes-like object is required, not '%T'",
            v,
        )),
    }
}

/// The needle of `find`, `count`, `index`, `in`: bytes, or an int in range(256).
fn needle(v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b.to_vec());
    }
    match index_value(v)? {
        Some(n) if (0..256).contains(&n) => Ok(vec![n as u8]),
        Some(_) => value_error("byte must be in range(0, 256)"),
        None => Err(oefmt(
            Kind::TypeError,
            "argument should be integer or bytes-like object, not '%T'",
            v,
        )),
    }
}

/// A one-byte fill argument (`ljust`, `rjust`, `center`).
fn bytes_fill_arg(args: &Args, i: usize, fname: &str) -> PyResult<u8> {
    match args.opt(i) {
        None => Ok(b' '),
        Some(v) => match bytes_of(v) {
            Some(b) if b.len() == 1 => Ok(b[0]),
            _ => Err(oefmt_s1(
                Kind::TypeError,
                "%s() argument 2 must be a byte string of length 1, not %T",
                fname,
                v,
            )),
        },
    }
}

/// Clamped (start, end) byte positions from optional args `i`, `i + 1`.
fn bytes_range_args(args: &Args, i: usize, n: usize) -> PyResult<(usize, usize)> {
    Ok((
        clamped_position(args.opt(i), 0, n)?,
        clamped_position(args.opt(i + 1), n, n)?,
    ))
}

/// Whether `p` occurs in `hay` at `i`.
fn bytes_at(hay: &[u8], i: usize, p: &[u8]) -> bool {
    let mut k = 0;
    while k < p.len() {
        if hay[i + k] != p[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The first (or with `rev` the last) position of `p` in `hay`.
fn find_in(hay: &[u8], p: &[u8], rev: bool) -> Option<usize> {
    if p.len() > hay.len() {
        return None;
    }
    let last = hay.len() - p.len();
    if rev {
        let mut i = last + 1;
        while i > 0 {
            i -= 1;
            if bytes_at(hay, i, p) {
                return Some(i);
            }
        }
    } else {
        let mut i = 0;
        while i <= last {
            if bytes_at(hay, i, p) {
                return Some(i);
            }
            i += 1;
        }
    }
    None
}

/// The first position in `b` from `from` of a byte that is (`space`) or is not ASCII
/// whitespace; `b.len()` when there is none.
fn next_space(b: &[u8], from: usize, space: bool) -> usize {
    let mut i = from;
    while i < b.len() && is_space(b[i]) != space {
        i += 1;
    }
    i
}

/// One past the last position before `end` of a byte that is (`space`) or is not
/// ASCII whitespace; 0 when there is none.
fn prev_space(b: &[u8], end: usize, space: bool) -> usize {
    let mut i = end;
    while i > 0 && is_space(b[i - 1]) != space {
        i -= 1;
    }
    i
}

/// `find`/`rfind`/`index`/`rindex`: the position, or -1.
fn bytes_find(args: &Args, rev: bool) -> PyResult<i64> {
    let b = bytes_self(args)?;
    let p = needle(arg(args, 1, "find")?)?;
    let (a, e) = bytes_range_args(args, 2, b.len())?;
    if a > e {
        return Ok(-1);
    }
    Ok(match find_in(&b[a..e], &p, rev) {
        Some(i) => (a + i) as i64,
        None => -1,
    })
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// `split`/`rsplit` with an optional separator and `maxsplit`.
fn bytes_split(args: &Args, rev: bool) -> PyResult<Value> {
    let b = bytes_self(args)?;
    let sep = match args.opt(1).or(args.kw("sep")) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(v)?),
    };
    let max = match args.opt(2).or(args.kw("maxsplit")) {
        None => -1,
        Some(v) => int_arg(v)?,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<&[u8]> = Vec::new();
    match sep {
        Some([]) => return value_error("empty separator"),
        Some(sep) => {
            let mut rest = b;
            while parts.len() < max {
                match find_in(rest, sep, rev) {
                    Some(i) if rev => {
                        parts.push(&rest[i + sep.len()..]);
                        rest = &rest[..i];
                    }
                    Some(i) => {
                        parts.push(&rest[..i]);
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            parts.push(rest);
        }
        None => {
            let mut rest = b;
            loop {
                let trimmed = if rev {
                    &rest[..prev_space(rest, rest.len(), false)]
                } else {
                    &rest[next_space(rest, 0, false)..]
                };
                if trimmed.is_empty() {
                    break;
                }
                if parts.len() == max {
                    parts.push(trimmed);
                    break;
                }
                if rev {
                    let s = prev_space(trimmed, trimmed.len(), true);
                    parts.push(&trimmed[s..]);
                    rest = &trimmed[..s];
                } else {
                    let e = next_space(trimmed, 0, true);
                    parts.push(&trimmed[..e]);
                    rest = &trimmed[e..];
                }
            }
        }
    }
    if rev {
        parts.reverse();
    }
    let l = new_list(parts.len());
    for p in parts {
        l.append(like(args, p));
    }
    Ok(Value::obj(l))
}

/// Whether `strip` keeps the byte `c`: not one of `chars` (ASCII whitespace when
/// there are none).
fn strip_keeps(c: u8, chars: Option<&[u8]>) -> bool {
    match chars {
        Some(cs) => {
            let mut i = 0;
            while i < cs.len() {
                if cs[i] == c {
                    return false;
                }
                i += 1;
            }
            true
        }
        None => !is_space(c),
    }
}

/// Whether `b` starts (or with `ends`, ends) with `p`.
fn bytes_affix(b: &[u8], p: &[u8], ends: bool) -> bool {
    if p.len() > b.len() {
        return false;
    }
    bytes_at(b, if ends { b.len() - p.len() } else { 0 }, p)
}

/// `strip`/`lstrip`/`rstrip`.
fn strip(args: &Args, left: bool, right: bool) -> PyResult<Value> {
    let b = bytes_self(args)?;
    let chars = match args.opt(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(v)?),
    };
    let mut s = 0;
    if left {
        while s < b.len() && !strip_keeps(b[s], chars) {
            s += 1;
        }
    }
    let mut e = b.len();
    if right {
        while e > s && !strip_keeps(b[e - 1], chars) {
            e -= 1;
        }
    }
    Ok(like(args, &b[s..e]))
}

/// `partition`/`rpartition`.
fn partition(args: &Args, rev: bool) -> PyResult<Value> {
    let b = bytes_self(args)?;
    let sep = bytes_arg(arg(args, 1, "partition")?)?;
    if sep.is_empty() {
        return value_error("empty separator");
    }
    let empty = like(args, b"");
    Ok(match find_in(b, sep, rev) {
        Some(i) => tuple_from(&[
            like(args, &b[..i]),
            like(args, sep),
            like(args, &b[i + sep.len()..]),
        ]),
        None if rev => tuple_from(&[empty, like(args, b""), like(args, b)]),
        None => tuple_from(&[like(args, b), empty, like(args, b"")]),
    })
}

/// `title`: a letter after a non-letter is uppercased, the others lowercased.
pub(super) fn bytes_title(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        out.push(if prev {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        });
        prev = c.is_ascii_alphabetic();
        i += 1;
    }
    out
}

fn bytes_istitle(b: &[u8]) -> bool {
    let (mut cased, mut prev) = (false, false);
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev {
                return false;
            }
            prev = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev {
                return false;
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    cased
}

/// Pads `b` to `width` with `fill`: `left` bytes before, the rest after.
pub(super) fn bytes_pad(b: &[u8], width: usize, fill: u8, left: usize) -> Vec<u8> {
    let mut out = vec![fill; left];
    out.extend_from_slice(b);
    out.resize(width.max(b.len()), fill);
    out
}

/// Replaces the contents of a bytearray.
fn store(ba: Gc<W_ByteArray>, v: &[u8]) {
    ba.data.set(GcArray::from_slice(v));
    ba.len.set(v.len());
}

/// The bytes and bytearray methods; `None` for another builtin.
pub fn call_bytes_method(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let r = match bi {
        Bi::BytesDecode => {
            let b = bytes_self(&args)?;
            let enc = match args.opt(1).or(args.kw("encoding")) {
                Some(e) => str_arg(e, "encoding")?
                    .to_ascii_lowercase()
                    .replace('_', "-"),
                None => "utf-8".to_string(),
            };
            let errors = match args.opt(2).or(args.kw("errors")) {
                Some(e) => str_arg(e, "errors")?.to_string(),
                None => "strict".to_string(),
            };
            str_value(&decode(b, &enc, &errors)?)
        }
        Bi::BytesHex => {
            let b = bytes_self(&args)?;
            str_value(&hex_encode(b))
        }
        Bi::BytesUpper => like(&args, &bytes_self(&args)?.to_ascii_uppercase()),
        Bi::BytesLower => like(&args, &bytes_self(&args)?.to_ascii_lowercase()),
        Bi::BytesSwapcase => {
            let b = bytes_self(&args)?;
            let mut v = Vec::new();
            let mut i = 0;
            while i < b.len() {
                let c = b[i];
                v.push(if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                });
                i += 1;
            }
            like(&args, &v)
        }
        Bi::BytesTitle => like(&args, &bytes_title(bytes_self(&args)?)),
        Bi::BytesCapitalize => {
            let b = bytes_self(&args)?;
            let mut v = b.to_ascii_lowercase();
            if let Some(c) = v.first_mut() {
                *c = c.to_ascii_uppercase();
            }
            like(&args, &v)
        }
        Bi::BytesStrip => strip(&args, true, true)?,
        Bi::BytesLstrip => strip(&args, true, false)?,
        Bi::BytesRstrip => strip(&args, false, true)?,
        Bi::BytesStartswith | Bi::BytesEndswith => {
            let b = bytes_self(&args)?;
            let (a, e) = bytes_range_args(&args, 2, b.len())?;
            let b = if a <= e { &b[a..e] } else { &b[0..0] };
            let p = arg(&args, 1, "startswith")?;
            let ends = bi == Bi::BytesEndswith;
            let found = match p.as_tuple() {
                Some(t) => {
                    // Every item is checked to be bytes-like, as CPython does.
                    let mut found = false;
                    let mut i = 0;
                    while i < t.len() {
                        found = bytes_affix(b, bytes_arg(t.get(i))?, ends) || found;
                        i += 1;
                    }
                    found
                }
                None => bytes_affix(b, bytes_arg(p)?, ends),
            };
            Value::Bool(found)
        }
        Bi::BytesFind => Value::Int(bytes_find(&args, false)?),
        Bi::BytesRfind => Value::Int(bytes_find(&args, true)?),
        Bi::BytesIndex | Bi::BytesRindex => {
            let i = bytes_find(&args, bi == Bi::BytesRindex)?;
            if i < 0 {
                return value_error("subsection not found");
            }
            Value::Int(i)
        }
        Bi::BytesCount => {
            let b = bytes_self(&args)?;
            let p = needle(arg(&args, 1, "count")?)?;
            let (a, e) = bytes_range_args(&args, 2, b.len())?;
            let hay = if a <= e { &b[a..e] } else { &b[0..0] };
            if p.is_empty() {
                Value::Int(hay.len() as i64 + 1)
            } else {
                let (mut n, mut i) = (0, 0);
                while i + p.len() <= hay.len() {
                    if hay[i..i + p.len()] == p[..] {
                        n += 1;
                        i += p.len();
                    } else {
                        i += 1;
                    }
                }
                Value::Int(n)
            }
        }
        Bi::BytesReplace => {
            let b = bytes_self(&args)?;
            let old = bytes_arg(arg(&args, 1, "replace")?)?;
            let new = bytes_arg(arg(&args, 2, "replace")?)?;
            let mut count = match args.opt(3).or(args.kw("count")) {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            let mut out = Vec::new();
            let mut i = 0;
            if old.is_empty() {
                // An empty pattern matches before every byte and at the end.
                while count != 0 && i <= b.len() {
                    out.extend_from_slice(new);
                    if i < b.len() {
                        out.push(b[i]);
                    }
                    i += 1;
                    count -= 1;
                }
                if i <= b.len() {
                    out.extend_from_slice(&b[i..]);
                }
            } else {
                while i < b.len() {
                    if count != 0 && b[i..].starts_with(old) {
                        out.extend_from_slice(new);
                        i += old.len();
                        count -= 1;
                    } else {
                        out.push(b[i]);
                        i += 1;
                    }
                }
            }
            like(&args, &out)
        }
        Bi::BytesSplit => bytes_split(&args, false)?,
        Bi::BytesRsplit => bytes_split(&args, true)?,
        Bi::BytesPartition => partition(&args, false)?,
        Bi::BytesRpartition => partition(&args, true)?,
        Bi::BytesSplitlines => {
            let b = bytes_self(&args)?;
            let keep = match args.opt(1).or(args.kw("keepends")) {
                Some(v) => truthy(v)?,
                None => false,
            };
            let l = new_list(0);
            let mut start = 0;
            let mut i = 0;
            while i < b.len() {
                let eol = match b[i] {
                    b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
                    b'\r' | b'\n' => 1,
                    _ => 0,
                };
                if eol > 0 {
                    let end = if keep { i + eol } else { i };
                    l.append(like(&args, &b[start..end]));
                    i += eol;
                    start = i;
                } else {
                    i += 1;
                }
            }
            if start < b.len() {
                l.append(like(&args, &b[start..]));
            }
            Value::obj(l)
        }
        Bi::BytesJoin => {
            let sep = bytes_self(&args)?.to_vec();
            let items = list_of(arg(&args, 1, "join")?)?;
            let mut out = Vec::new();
            let mut i = 0;
            while i < items.len() {
                if i > 0 {
                    out.extend_from_slice(&sep);
                }
                let v = items.get(i);
                match bytes_of(v) {
                    Some(b) => out.extend_from_slice(b),
                    None => {
                        return Err(oefmt2(
                            Kind::TypeError,
                            "sequence item %d: expected a bytes-like object, %T found",
                            Value::Int(i as i64),
                            v,
                        ))
                    }
                }
                i += 1;
            }
            like(&args, &out)
        }
        Bi::BytesIsdigit | Bi::BytesIsalpha | Bi::BytesIsalnum | Bi::BytesIsspace => {
            let b = bytes_self(&args)?;
            let mut all = !b.is_empty();
            let mut i = 0;
            while all && i < b.len() {
                let c = b[i];
                all = match bi {
                    Bi::BytesIsdigit => c.is_ascii_digit(),
                    Bi::BytesIsalpha => c.is_ascii_alphabetic(),
                    Bi::BytesIsalnum => c.is_ascii_alphanumeric(),
                    _ => is_space(c),
                };
                i += 1;
            }
            Value::Bool(all)
        }
        Bi::BytesIsupper | Bi::BytesIslower => {
            let b = bytes_self(&args)?;
            let (mut upper, mut lower) = (false, false);
            let mut i = 0;
            while i < b.len() {
                upper = upper || b[i].is_ascii_uppercase();
                lower = lower || b[i].is_ascii_lowercase();
                i += 1;
            }
            Value::Bool(if bi == Bi::BytesIsupper {
                upper && !lower
            } else {
                lower && !upper
            })
        }
        Bi::BytesIstitle => Value::Bool(bytes_istitle(bytes_self(&args)?)),
        Bi::BytesIsascii => Value::Bool(bytes_self(&args)?.is_ascii()),
        Bi::BytesLjust | Bi::BytesRjust | Bi::BytesCenter => {
            let b = bytes_self(&args)?;
            let width = int_arg(arg(&args, 1, "ljust")?)?.max(0) as usize;
            let name = match bi {
                Bi::BytesLjust => "ljust",
                Bi::BytesRjust => "rjust",
                _ => "center",
            };
            let fill = bytes_fill_arg(&args, 2, name)?;
            let extra = width.saturating_sub(b.len());
            let left = match bi {
                Bi::BytesLjust => 0,
                Bi::BytesRjust => extra,
                // CPython's rounding: the extra byte goes left when both are odd.
                _ => extra / 2 + (extra & width & 1),
            };
            like(&args, &bytes_pad(b, width, fill, left))
        }
        Bi::BytesZfill => {
            let b = bytes_self(&args)?;
            let width = int_arg(arg(&args, 1, "zfill")?)?.max(0) as usize;
            let extra = width.saturating_sub(b.len());
            let mut out = Vec::with_capacity(width.max(b.len()));
            let (sign, digits) = match b.first() {
                Some(&c @ (b'+' | b'-')) => (Some(c), &b[1..]),
                _ => (None, b),
            };
            out.extend(sign);
            out.extend(std::iter::repeat_n(b'0', extra));
            out.extend_from_slice(digits);
            like(&args, &out)
        }
        Bi::BytesRemoveprefix => {
            let b = bytes_self(&args)?;
            let p = bytes_arg(arg(&args, 1, "removeprefix")?)?;
            like(&args, b.strip_prefix(p).unwrap_or(b))
        }
        Bi::BytesRemovesuffix => {
            let b = bytes_self(&args)?;
            let p = bytes_arg(arg(&args, 1, "removesuffix")?)?;
            like(&args, b.strip_suffix(p).unwrap_or(b))
        }
        Bi::BytesExpandtabs => {
            let b = bytes_self(&args)?;
            let tab = match args.opt(1).or(args.kw("tabsize")) {
                Some(v) => int_arg(v)?,
                None => 8,
            };
            let mut out = Vec::new();
            let mut col = 0i64;
            for &c in b {
                match c {
                    b'\t' => {
                        if tab > 0 {
                            let n = tab - col % tab;
                            out.extend(std::iter::repeat_n(b' ', n as usize));
                            col += n;
                        }
                    }
                    b'\n' | b'\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            like(&args, &out)
        }
        Bi::BytesFromhex | Bi::BaFromhex => {
            let s = str_arg(args.pos(args.npos - 1), "fromhex() argument")?;
            let out = match hex_decode(s) {
                Ok(out) => out,
                Err(at) => {
                    return Err(oefmt(
                        Kind::ValueError,
                        "non-hexadecimal number found in fromhex() arg at position %d",
                        Value::Int(at as i64),
                    ))
                }
            };
            if bi == Bi::BaFromhex {
                new_bytearray(&out)
            } else {
                new_bytes(&out)
            }
        }
        Bi::BaAppend => {
            let ba = bytearray_self(&args)?;
            let x = int_arg(arg(&args, 1, "append")?)?;
            if !(0..256).contains(&x) {
                return value_error("byte must be in range(0, 256)");
            }
            let mut v = bytes_self(&args)?.to_vec();
            v.push(x as u8);
            store(ba, &v);
            Value::None
        }
        Bi::BaInsert => {
            let ba = bytearray_self(&args)?;
            let mut v = bytes_self(&args)?.to_vec();
            let i = int_arg(arg(&args, 1, "insert")?)?;
            let x = int_arg(arg(&args, 2, "insert")?)?;
            if !(0..256).contains(&x) {
                return value_error("byte must be in range(0, 256)");
            }
            let n = v.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
            v.insert(at as usize, x as u8);
            store(ba, &v);
            Value::None
        }
        Bi::BaExtend => {
            let ba = bytearray_self(&args)?;
            let mut v = bytes_self(&args)?.to_vec();
            let a1 = arg(&args, 1, "extend")?;
            match bytes_of(a1) {
                Some(x) => v.extend_from_slice(x),
                None => {
                    let l = list_of(a1)?;
                    let mut i = 0;
                    while i < l.len() {
                        let x = int_arg(l.get(i))?;
                        if !(0..256).contains(&x) {
                            return value_error("byte must be in range(0, 256)");
                        }
                        v.push(x as u8);
                        i += 1;
                    }
                }
            }
            store(ba, &v);
            Value::None
        }
        Bi::BaPop => {
            let ba = bytearray_self(&args)?;
            let mut v = bytes_self(&args)?.to_vec();
            if v.is_empty() {
                return index_error("pop from empty bytearray");
            }
            let n = v.len() as i64;
            let i = match args.opt(1) {
                Some(x) => int_arg(x)?,
                None => -1,
            };
            let at = if i < 0 { i + n } else { i };
            if !(0..n).contains(&at) {
                return index_error("pop index out of range");
            }
            let x = v.remove(at as usize);
            store(ba, &v);
            Value::Int(x as i64)
        }
        Bi::BaRemove => {
            let ba = bytearray_self(&args)?;
            let mut v = bytes_self(&args)?.to_vec();
            let x = int_arg(arg(&args, 1, "remove")?)?;
            let mut i = 0;
            while i < v.len() && v[i] as i64 != x {
                i += 1;
            }
            if i == v.len() {
                return value_error("value not found in bytearray");
            }
            v.remove(i);
            store(ba, &v);
            Value::None
        }
        Bi::BaReverse => {
            let ba = bytearray_self(&args)?;
            let mut v = bytes_self(&args)?.to_vec();
            v.reverse();
            store(ba, &v);
            Value::None
        }
        Bi::BaClear => {
            store(bytearray_self(&args)?, &[]);
            Value::None
        }
        Bi::BaCopy => new_bytearray(bytes_self(&args)?),
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// `ba[k] = v` for an index or a slice of a bytearray.
pub fn bytearray_setitem(ba: Gc<W_ByteArray>, k: Value, v: Value) -> PyResult<()> {
    let mut data = bytes_of(Value::obj(ba)).unwrap_or(&[]).to_vec();
    if let Some(s) = k.as_slice() {
        let new: Vec<u8> = match bytes_of(v) {
            Some(b) => b.to_vec(),
            None => {
                if as_str(v).is_some() || matches!(v, Value::Int(_)) {
                    return type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    );
                }
                let l = list_of(v)?;
                let mut out = Vec::new();
                let mut i = 0;
                while i < l.len() {
                    let x = int_arg(l.get(i))?;
                    if !(0..256).contains(&x) {
                        return value_error("byte must be in range(0, 256)");
                    }
                    out.push(x as u8);
                    i += 1;
                }
                out
            }
        };
        let (start, stop, step, n) = slice_indices(s, data.len())?;
        if step == 1 {
            let a = start as usize;
            let e = (stop.max(start)) as usize;
            data.splice(a..e, new);
        } else {
            if new.len() != n {
                return Err(oefmt2(
                    Kind::ValueError,
                    "attempt to assign bytes of size %d to extended slice of size %d",
                    Value::Int(new.len() as i64),
                    Value::Int(n as i64),
                ));
            }
            for (j, x) in new.into_iter().enumerate() {
                data[(start + j as i64 * step) as usize] = x;
            }
        }
        store(ba, &data);
        return Ok(());
    }
    let Some(i) = item_index(k)? else {
        return Err(oefmt(
            Kind::TypeError,
            "bytearray indices must be integers or slices, not %T",
            k,
        ));
    };
    let n = data.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return index_error("bytearray index out of range");
    }
    let x = match index_value(v)? {
        Some(x) => x,
        None => {
            return Err(oefmt(
                Kind::TypeError,
                "'%T' object cannot be interpreted as an integer",
                v,
            ))
        }
    };
    if !(0..256).contains(&x) {
        return value_error("byte must be in range(0, 256)");
    }
    ba.data.get().set(j as usize, x as u8);
    Ok(())
}

/// `del ba[k]` for an index or a slice of a bytearray.
pub fn bytearray_delitem(ba: Gc<W_ByteArray>, k: Value) -> PyResult<()> {
    let data = bytes_of(Value::obj(ba)).unwrap_or(&[]).to_vec();
    if let Some(s) = k.as_slice() {
        let (start, _, step, n) = slice_indices(s, data.len())?;
        let gone = GcArray::new(data.len(), false);
        let mut j = 0;
        while j < n {
            gone.set((start + j as i64 * step) as usize, true);
            j += 1;
        }
        let mut kept = Vec::new();
        let mut i = 0;
        while i < data.len() {
            if !gone.get(i) {
                kept.push(data[i]);
            }
            i += 1;
        }
        store(ba, &kept);
        return Ok(());
    }
    let Some(i) = item_index(k)? else {
        return Err(oefmt(
            Kind::TypeError,
            "bytearray indices must be integers or slices, not %T",
            k,
        ));
    };
    let n = data.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return index_error("bytearray index out of range");
    }
    let mut data = data;
    data.remove(j as usize);
    store(ba, &data);
    Ok(())
}
