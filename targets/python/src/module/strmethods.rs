//! The methods of `str` and `bytes` (text work outside the core: residual calls).

use super::builtins::{arg, int_arg, list_of, str_arg};
use super::codecs::encode;
use super::table::Bi;
use super::textformat::str_format;
use super::unicode::{
    after_last_space, byte_index, capitalize, char_class, char_index, first_code_point,
    is_identifier, strip_chars, swapcase,
};
use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::bigint::{int_from_bytes, int_to_bytes};
use crate::objspace::dict::new_dict;
use crate::objspace::list::new_list;
use crate::objspace::object::Value;
use crate::objspace::ops::{self, *};
use crate::objspace::str::str_value;
use crate::objspace::tuple::tuple_from;
use crate::objspace::typeobject::Kind;

fn self_str<'a>(args: &Args) -> PyResult<&'a str> {
    let v = arg(args, 0, "str method")?;
    match as_str(v) {
        Some(s) => Ok(s.as_str()),
        None => Err(oefmt(
            Kind::TypeError,
            "descriptor requires a 'str' object but received a '%T'",
            v,
        )),
    }
}

fn opt_str<'a>(args: &Args, i: usize) -> PyResult<Option<&'a str>> {
    match args.opt(i) {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(str_arg(v, "argument")?)),
    }
}

/// A position argument of a sequence of `n` items: `d` when missing or `None`, from
/// the end when negative, clamped to `0..=n`.
pub(super) fn clamped_position(v: Option<Value>, d: usize, n: usize) -> PyResult<usize> {
    match v {
        None | Some(Value::None) => Ok(d),
        Some(v) => {
            let x = int_arg(v)?;
            let x = if x < 0 { x + n as i64 } else { x };
            Ok(x.clamp(0, n as i64) as usize)
        }
    }
}

/// Clamped (start, end) char positions from optional args `i`, `i + 1`.
fn range_args(args: &Args, i: usize, n: usize) -> PyResult<(usize, usize)> {
    Ok((
        clamped_position(args.opt(i), 0, n)?,
        clamped_position(args.opt(i + 1), n, n)?,
    ))
}

fn find(args: &Args, rev: bool) -> PyResult<i64> {
    let s = self_str(args)?;
    let sub = str_arg(arg(args, 1, "find")?, "must be str")?;
    let n = s.chars().count();
    let (a, b) = range_args(args, 2, n)?;
    if a > b {
        return Ok(-1);
    }
    let (ba, bb) = (byte_index(s, a), byte_index(s, b));
    let hay = &s[ba..bb];
    let r = if rev { hay.rfind(sub) } else { hay.find(sub) };
    Ok(match r {
        Some(i) => (a + char_index(hay, i)) as i64,
        None => -1,
    })
}

fn split(s: &str, sep: Option<&str>, maxsplit: i64, rev: bool) -> PyResult<Value> {
    let l = new_list(0);
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    match sep {
        Some("") => return value_error("empty separator"),
        Some(sep) => {
            let parts: Vec<&str> = if rev {
                let mut v: Vec<&str> = s.rsplitn(max.saturating_add(1), sep).collect();
                v.reverse();
                v
            } else {
                s.splitn(max.saturating_add(1), sep).collect()
            };
            for p in parts {
                l.append(str_value(p));
            }
        }
        None => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if words.len() <= max || max == usize::MAX {
                for w in words {
                    l.append(str_value(w));
                }
            } else if !rev {
                let mut rest = s.trim_start();
                let mut k = 0;
                while k < max {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    l.append(str_value(&rest[..end]));
                    rest = rest[end..].trim_start();
                    k += 1;
                }
                if !rest.is_empty() {
                    l.append(str_value(rest));
                }
            } else {
                let mut rest = s.trim_end();
                let mut tail = Vec::new();
                let mut k = 0;
                while k < max {
                    let st = after_last_space(rest);
                    tail.push(rest[st..].to_string());
                    rest = rest[..st].trim_end();
                    k += 1;
                }
                if !rest.is_empty() {
                    l.append(str_value(rest));
                }
                for t in tail.iter().rev() {
                    l.append(str_value(t));
                }
            }
        }
    }
    Ok(Value::obj(l))
}

/// Whether `s` starts (or with `ends`, ends) with `x`.
fn str_affix(s: &str, x: &str, ends: bool) -> bool {
    if ends {
        s.ends_with(x)
    } else {
        s.starts_with(x)
    }
}

fn prefix_match(args: &Args, ends: bool) -> PyResult<bool> {
    let s = self_str(args)?;
    let p = arg(args, 1, "startswith")?;
    let n = s.chars().count();
    let (a, b) = range_args(args, 2, n)?;
    let sub = if a <= b {
        &s[byte_index(s, a)..byte_index(s, b)]
    } else {
        ""
    };
    if let Some(t) = p.as_tuple() {
        let mut i = 0;
        while i < t.len() {
            if str_affix(sub, str_arg(t.get(i), "tuple item")?, ends) {
                return Ok(true);
            }
            i += 1;
        }
        return Ok(false);
    }
    match as_str(p) {
        Some(x) => Ok(str_affix(sub, x.as_str(), ends)),
        None => Err(oefmt_s1(
            Kind::TypeError,
            "%s first arg must be str or a tuple of str, not %T",
            if ends { "endswith" } else { "startswith" },
            p,
        )),
    }
}

fn str_pad(s: &str, width: i64, fill: char, how: char) -> String {
    let n = s.chars().count() as i64;
    if width <= n {
        return s.to_string();
    }
    let total = (width - n) as usize;
    let left = match how {
        '<' => 0,
        '>' => total,
        _ => total / 2 + (total & (width as usize) & 1),
    };
    let mut out = String::new();
    push_fill(&mut out, fill, left);
    out.push_str(s);
    push_fill(&mut out, fill, total - left);
    out
}

/// `k` copies of `fill` after `out`.
fn push_fill(out: &mut String, fill: char, k: usize) {
    let mut i = 0;
    while i < k {
        out.push(fill);
        i += 1;
    }
}

fn fill_arg(args: &Args) -> PyResult<char> {
    match args.opt(2) {
        Some(v) => {
            let s = str_arg(v, "fill character")?;
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => type_error("The fill character must be exactly one character long"),
            }
        }
        None => Ok(' '),
    }
}

/// The str methods; `None` for another builtin.
pub fn call_str_method(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let r = match bi {
        Bi::StrJoin => {
            let sep = self_str(&args)?;
            let items = list_of(arg(&args, 1, "join")?)?;
            let mut out = String::new();
            let mut i = 0;
            while i < items.len() {
                if i > 0 {
                    out.push_str(sep);
                }
                match as_str(items.get(i)) {
                    Some(s) => out.push_str(s.as_str()),
                    None => {
                        return Err(oefmt2(
                            Kind::TypeError,
                            "sequence item %d: expected str instance, %T found",
                            Value::Int(i as i64),
                            items.get(i),
                        ))
                    }
                }
                i += 1;
            }
            str_value(&out)
        }
        Bi::StrSplit | Bi::StrRsplit => {
            let s = self_str(&args)?;
            let sep = match args.opt(1).or(args.kw("sep")) {
                None | Some(Value::None) => None,
                Some(v) => Some(str_arg(v, "must be str or None")?),
            };
            let max = match args.opt(2).or(args.kw("maxsplit")) {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            split(s, sep, max, bi == Bi::StrRsplit)?
        }
        Bi::StrStrip | Bi::StrLstrip | Bi::StrRstrip => {
            let s = self_str(&args)?;
            let chars = opt_str(&args, 1)?;
            str_value(strip_chars(
                s,
                chars,
                bi != Bi::StrRstrip,
                bi != Bi::StrLstrip,
            ))
        }
        Bi::StrUpper => str_value(&self_str(&args)?.to_uppercase()),
        Bi::StrLower => str_value(&self_str(&args)?.to_lowercase()),
        Bi::StrCasefold => str_value(&self_str(&args)?.to_lowercase().replace('ß', "ss")),
        Bi::Isascii => Value::Bool(self_str(&args)?.is_ascii()),
        Bi::StrReplace => {
            let s = self_str(&args)?;
            let old = str_arg(arg(&args, 1, "replace")?, "replace() argument 1")?;
            let new = str_arg(arg(&args, 2, "replace")?, "replace() argument 2")?;
            let count = match args.opt(3) {
                Some(v) => int_arg(v)?,
                None => -1,
            };
            if count < 0 {
                str_value(&s.replace(old, new))
            } else {
                str_value(&s.replacen(old, new, count as usize))
            }
        }
        Bi::StrStartswith => Value::Bool(prefix_match(&args, false)?),
        Bi::StrEndswith => Value::Bool(prefix_match(&args, true)?),
        Bi::StrFind => Value::Int(find(&args, false)?),
        Bi::StrRfind => Value::Int(find(&args, true)?),
        Bi::StrIndex | Bi::StrRindex => {
            let r = find(&args, bi == Bi::StrRindex)?;
            if r < 0 {
                return value_error("substring not found");
            }
            Value::Int(r)
        }
        Bi::StrCount => {
            let s = self_str(&args)?;
            let sub = str_arg(arg(&args, 1, "count")?, "must be str")?;
            let n = s.chars().count();
            let (a, b) = range_args(&args, 2, n)?;
            let hay = if a <= b {
                &s[byte_index(s, a)..byte_index(s, b)]
            } else {
                ""
            };
            Value::Int(if sub.is_empty() {
                hay.chars().count() as i64 + 1
            } else {
                hay.matches(sub).count() as i64
            })
        }
        Bi::StrFormat => {
            let s = self_str(&args)?;
            str_value(&str_format(s, &args)?)
        }
        Bi::StrIsdigit
        | Bi::StrIsdecimal
        | Bi::StrIsnumeric
        | Bi::StrIsalpha
        | Bi::StrIsalnum
        | Bi::StrIsspace
        | Bi::StrIsupper
        | Bi::StrIslower => Value::Bool(char_class(self_str(&args)?, bi)),
        Bi::StrIstitle => {
            let s = self_str(&args)?;
            Value::Bool(istitle(s))
        }
        Bi::StrIsidentifier => Value::Bool(is_identifier(self_str(&args)?)),
        Bi::StrCapitalize => str_value(&capitalize(self_str(&args)?)),
        Bi::StrTitle => str_value(&title(self_str(&args)?)),
        Bi::StrSwapcase => str_value(&swapcase(self_str(&args)?)),
        Bi::StrCenter | Bi::StrLjust | Bi::StrRjust => {
            let s = self_str(&args)?;
            let w = int_arg(arg(&args, 1, "center")?)?;
            let how = match bi {
                Bi::StrCenter => '^',
                Bi::StrLjust => '<',
                _ => '>',
            };
            str_value(&str_pad(s, w, fill_arg(&args)?, how))
        }
        Bi::StrZfill => {
            let s = self_str(&args)?;
            let w = int_arg(arg(&args, 1, "zfill")?)?;
            let n = s.chars().count() as i64;
            if w <= n {
                str_value(s)
            } else {
                let (sign, rest) = if s.starts_with(['-', '+']) {
                    s.split_at(1)
                } else {
                    ("", s)
                };
                let mut out = String::new();
                out.push_str(sign);
                push_fill(&mut out, '0', (w - n) as usize);
                out.push_str(rest);
                str_value(&out)
            }
        }
        Bi::StrSplitlines => {
            let s = self_str(&args)?;
            let keep = match args.opt(1).or(args.kw("keepends")) {
                Some(v) => truthy(v)?,
                None => false,
            };
            let l = new_list(0);
            let mut start = 0;
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'\n' || b[i] == b'\r' {
                    let mut end = i + 1;
                    if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                        end += 1;
                    }
                    l.append(str_value(&s[start..if keep { end } else { i }]));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < b.len() {
                l.append(str_value(&s[start..]));
            }
            Value::obj(l)
        }
        Bi::StrPartition | Bi::StrRpartition => {
            let s = self_str(&args)?;
            let sep = str_arg(arg(&args, 1, "partition")?, "must be str")?;
            if sep.is_empty() {
                return value_error("empty separator");
            }
            let found = if bi == Bi::StrPartition {
                s.find(sep)
            } else {
                s.rfind(sep)
            };
            match found {
                Some(i) => tuple_from(&[
                    str_value(&s[..i]),
                    str_value(sep),
                    str_value(&s[i + sep.len()..]),
                ]),
                None if bi == Bi::StrPartition => {
                    tuple_from(&[str_value(s), str_value(""), str_value("")])
                }
                None => tuple_from(&[str_value(""), str_value(""), str_value(s)]),
            }
        }
        Bi::StrEncode => {
            let s = self_str(&args)?;
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
            new_bytes(&encode(s, &enc, &errors)?)
        }
        Bi::StrExpandtabs => {
            let s = self_str(&args)?;
            let ts = match args.opt(1) {
                Some(v) => int_arg(v)?.max(0) as usize,
                None => 8,
            };
            let mut out = String::new();
            let mut col = 0;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let n = ts - col % ts;
                            out.push_str(&" ".repeat(n));
                            col += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            str_value(&out)
        }
        Bi::StrRemoveprefix => {
            let s = self_str(&args)?;
            let p = str_arg(arg(&args, 1, "removeprefix")?, "must be str")?;
            str_value(s.strip_prefix(p).unwrap_or(s))
        }
        Bi::StrRemovesuffix => {
            let s = self_str(&args)?;
            let p = str_arg(arg(&args, 1, "removesuffix")?, "must be str")?;
            str_value(s.strip_suffix(p).unwrap_or(s))
        }
        Bi::StrMaketrans => {
            // str.maketrans(x, y[, z]) called on the class or an instance.
            let (x, y, z) = if args.npos >= 3
                || (args.npos == 2
                    && as_str(args.pos(0)).is_some()
                    && as_str(args.pos(1)).is_some())
            {
                if args.npos >= 3 && as_str(args.pos(0)).is_some() && args.npos == 3 {
                    (args.pos(0), args.pos(1), args.pos(2))
                } else {
                    (
                        args.pos(args.npos - 2),
                        args.pos(args.npos - 1),
                        Value::Null,
                    )
                }
            } else {
                (args.pos(args.npos - 1), Value::Null, Value::Null)
            };
            let d = new_dict();
            if let (Some(a), Some(b)) = (as_str(x), as_str(y)) {
                for (p, q) in a.as_str().chars().zip(b.as_str().chars()) {
                    d.set(Value::Int(p as i64), Value::Int(q as i64))?;
                }
                if let Some(c) = as_str(z) {
                    for p in c.as_str().chars() {
                        d.set(Value::Int(p as i64), Value::None)?;
                    }
                }
            } else if let Some(src) = x.as_dict() {
                let mut i = 0;
                while let Some(e) = src.next_live_entry(&mut i) {
                    let k = match as_str(e.key) {
                        Some(s) => Value::Int(first_code_point(s.as_str())),
                        None => e.key,
                    };
                    d.set(k, e.value)?;
                }
            }
            Value::obj(d)
        }
        Bi::StrTranslate => {
            let s = self_str(&args)?;
            let table = arg(&args, 1, "translate")?;
            let mut out = String::new();
            for c in s.chars() {
                match getitem(table, Value::Int(c as i64)) {
                    Ok(Value::None) => {}
                    Ok(Value::Int(n)) => out.push(char::from_u32(n as u32).unwrap_or(c)),
                    Ok(v) => out.push_str(&str_of(v)?),
                    Err(e) if matches(e, Kind::LookupError) => out.push(c),
                    Err(e) => return Err(e),
                }
            }
            str_value(&out)
        }
        Bi::IntToBytes => {
            let v = arg(&args, 0, "to_bytes")?;
            let n = int_arg(args.opt(1).or(args.kw("length")).unwrap_or(Value::Int(1)))? as usize;
            let order = match args.opt(2).or(args.kw("byteorder")) {
                Some(o) => str_arg(o, "byteorder")?.to_string(),
                None => "big".to_string(),
            };
            let signed = match args.kw("signed") {
                Some(s) => truthy(s)?,
                None => false,
            };
            match int_to_bytes(v, n, order == "big", signed) {
                Some(bytes) => new_bytes(&bytes),
                None => return overflow("int too big to convert"),
            }
        }
        Bi::IntFromBytes => {
            let shift = match args.opt(0) {
                Some(v) if v.as_type().is_some() => 1,
                _ => 0,
            };
            let src = args.pos(shift);
            let data = match bytes_of(src) {
                Some(b) => b.to_vec(),
                None => {
                    let l = list_of(src)?;
                    let mut v = Vec::new();
                    let mut i = 0;
                    while i < l.len() {
                        v.push(int_arg(l.get(i))? as u8);
                        i += 1;
                    }
                    v
                }
            };
            let order = match args.opt(shift + 1).or(args.kw("byteorder")) {
                Some(o) => str_arg(o, "byteorder")?.to_string(),
                None => "big".to_string(),
            };
            let signed = match args.kw("signed") {
                Some(s) => truthy(s)?,
                None => false,
            };
            int_from_bytes(&data, order == "big", signed)
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}

/// Whether `c` is a titlecase letter (Unicode category Lt).
fn is_titlecase(c: char) -> bool {
    matches!(
        c as u32,
        0x01c5 | 0x01c8 | 0x01cb | 0x01f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf
            | 0x1fbc | 0x1fcc | 0x1ffc
    )
}

/// Whether `c` is cased (upper, lower or title case), as CPython's `title` and
/// `istitle` use it.
fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// The titlecase mapping of `c` (its uppercase except for the digraphs and the Greek
/// letters with ypogegrammeni, and a first capital for multi-letter uppercases).
fn push_title(out: &mut String, c: char) {
    let t = match c as u32 {
        0x01c4..=0x01c6 => 0x01c5,
        0x01c7..=0x01c9 => 0x01c8,
        0x01ca..=0x01cc => 0x01cb,
        0x01f1..=0x01f3 => 0x01f2,
        n @ (0x1f80..=0x1f87 | 0x1f90..=0x1f97 | 0x1fa0..=0x1fa7) => n + 8,
        n @ (0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf) => n,
        0x1fb3 | 0x1fbc => 0x1fbc,
        0x1fc3 | 0x1fcc => 0x1fcc,
        0x1ff3 | 0x1ffc => 0x1ffc,
        _ => {
            let mut up = c.to_uppercase();
            if let Some(first) = up.next() {
                out.push(first);
                for rest in up {
                    out.extend(rest.to_lowercase());
                }
            }
            return;
        }
    };
    out.push(char::from_u32(t).unwrap_or(c));
}

/// `str.title`: a cased character after an uncased one is titlecased, the others are
/// lowercased.
fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `str.istitle`: uppercase and titlecase characters only after uncased ones,
/// lowercase ones only after cased ones, and at least one cased character.
fn istitle(s: &str) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

#[allow(dead_code)]
fn unused(_: &ops::Bound) {}
