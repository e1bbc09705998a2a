//! The text codecs of `str.encode` and `bytes.decode` (UTF-8, Latin-1, ASCII,
//! UTF-16 and UTF-32), outside the core: the JIT calls them as residual functions,
//! as PyPy's JIT calls its codecs' helpers.

use crate::interpreter::error::{err, PyErr};
use crate::interpreter::PyResult;
use crate::objspace::repr::{ascii_of, repr_str};
use crate::objspace::typeobject::Kind;
use std::str::from_utf8;

fn decode_error(enc: &str, b: &[u8], pos: usize, end: usize, why: &str) -> PyErr {
    let what = if end > pos + 1 {
        format!("bytes in position {pos}-{}", end - 1)
    } else {
        format!("byte 0x{:02x} in position {pos}", b[pos])
    };
    err(
        Kind::UnicodeDecodeError,
        &format!("'{enc}' codec can't decode {what}: {why}"),
    )
}

/// `bytes.decode`: UTF-8, Latin-1, ASCII, UTF-16 and UTF-32 (with a byte order mark,
/// or LE/BE), with the `strict`, `ignore` and `replace` error handlers.
pub fn decode(b: &[u8], enc: &str, errors: &str) -> PyResult<String> {
    let mut out = String::new();
    let bad = |out: &mut String, e: PyErr| -> PyResult<()> {
        match errors {
            "ignore" => Ok(()),
            "replace" => {
                out.push('\u{fffd}');
                Ok(())
            }
            _ => Err(e),
        }
    };
    match enc {
        "utf-8" | "utf8" => {
            let mut rest = b;
            let mut at = 0;
            loop {
                match from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let ok = e.valid_up_to();
                        out.push_str(from_utf8(&rest[..ok]).unwrap_or(""));
                        let pos = at + ok;
                        let (skip, why) = match e.error_len() {
                            None => (rest.len() - ok, "unexpected end of data"),
                            Some(n) if (0xc2..=0xf4).contains(&rest[ok]) => {
                                (n, "invalid continuation byte")
                            }
                            Some(n) => (n, "invalid start byte"),
                        };
                        bad(&mut out, decode_error("utf-8", b, pos, pos + 1, why))?;
                        rest = &rest[ok + skip..];
                        at = pos + skip;
                    }
                }
            }
        }
        "latin-1" | "latin1" | "iso-8859-1" => Ok(b.iter().map(|&c| c as char).collect()),
        "ascii" | "us-ascii" => {
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as char);
                } else {
                    let e = decode_error("ascii", b, i, i + 1, "ordinal not in range(128)");
                    bad(&mut out, e)?;
                }
            }
            Ok(out)
        }
        "utf-16" | "utf-16-le" | "utf-16le" | "utf-16-be" | "utf-16be" => {
            let (mut big, mut start) = (enc.ends_with("be"), 0);
            if enc == "utf-16" && b.len() >= 2 {
                if b[..2] == [0xff, 0xfe] {
                    start = 2;
                } else if b[..2] == [0xfe, 0xff] {
                    (big, start) = (true, 2);
                }
            }
            let name = if big { "utf-16-be" } else { "utf-16-le" };
            let whole = start + (b.len() - start) / 2 * 2;
            let units: Vec<u16> = b[start..whole]
                .chunks(2)
                .map(|p| {
                    if big {
                        u16::from_be_bytes([p[0], p[1]])
                    } else {
                        u16::from_le_bytes([p[0], p[1]])
                    }
                })
                .collect();
            let mut i = 0;
            while i < units.len() {
                let pos = start + 2 * i;
                let u = units[i];
                let (c, why) = match u {
                    0xd800..=0xdbff if i + 1 >= units.len() => (None, "unexpected end of data"),
                    0xd800..=0xdbff => match units[i + 1] {
                        l @ 0xdc00..=0xdfff => {
                            i += 1;
                            let n = 0x10000 + ((u as u32 - 0xd800) << 10) + (l as u32 - 0xdc00);
                            (char::from_u32(n), "")
                        }
                        _ => (None, "illegal UTF-16 surrogate"),
                    },
                    0xdc00..=0xdfff => (None, "illegal encoding"),
                    _ => (char::from_u32(u as u32), ""),
                };
                match c {
                    Some(c) => out.push(c),
                    None => bad(&mut out, decode_error(name, b, pos, pos + 2, why))?,
                }
                i += 1;
            }
            if whole < b.len() {
                let e = decode_error(name, b, whole, b.len(), "truncated data");
                bad(&mut out, e)?;
            }
            Ok(out)
        }
        "utf-32" | "utf-32-le" | "utf-32le" | "utf-32-be" | "utf-32be" => {
            let (mut big, mut start) = (enc.ends_with("be"), 0);
            if enc == "utf-32" && b.len() >= 4 {
                if b[..4] == [0xff, 0xfe, 0, 0] {
                    start = 4;
                } else if b[..4] == [0, 0, 0xfe, 0xff] {
                    (big, start) = (true, 4);
                }
            }
            let name = if big { "utf-32-be" } else { "utf-32-le" };
            let mut pos = start;
            while pos + 4 <= b.len() {
                let q = [b[pos], b[pos + 1], b[pos + 2], b[pos + 3]];
                let n = if big {
                    u32::from_be_bytes(q)
                } else {
                    u32::from_le_bytes(q)
                };
                match char::from_u32(n) {
                    Some(c) => out.push(c),
                    None => {
                        let e = decode_error(
                            name,
                            b,
                            pos,
                            pos + 4,
                            "code point not in range(0x110000)",
                        );
                        bad(&mut out, e)?;
                    }
                }
                pos += 4;
            }
            if pos < b.len() {
                let e = decode_error(name, b, pos, b.len(), "truncated data");
                bad(&mut out, e)?;
            }
            Ok(out)
        }
        _ => Err(err(Kind::LookupError, &format!("unknown encoding: {enc}"))),
    }
}

/// `str.encode`: UTF-8, Latin-1, ASCII and UTF-16/32 (LE/BE), with the `strict`,
/// `ignore` and `replace` error handlers.
pub fn encode(s: &str, enc: &str, errors: &str) -> PyResult<Vec<u8>> {
    let limit = match enc {
        "utf-8" | "utf8" => return Ok(s.as_bytes().to_vec()),
        "utf-16-le" | "utf-16le" => {
            return Ok(s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
        }
        "utf-16-be" | "utf-16be" => {
            return Ok(s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
        }
        "utf-16" => {
            let mut v = vec![0xff, 0xfe];
            v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
            return Ok(v);
        }
        "utf-32-le" | "utf-32le" => {
            return Ok(s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect());
        }
        "latin-1" | "latin1" | "iso-8859-1" => 0x100,
        "ascii" | "us-ascii" => 0x80,
        _ => return Err(err(Kind::LookupError, &format!("unknown encoding: {enc}"))),
    };
    let name = if limit == 0x80 { "ascii" } else { "latin-1" };
    let mut out = Vec::new();
    for (i, c) in s.chars().enumerate() {
        let n = c as u32;
        if n < limit {
            out.push(n as u8);
        } else {
            match errors {
                "ignore" => {}
                "replace" => out.push(b'?'),
                _ => {
                    return Err(err(
                        Kind::UnicodeEncodeError,
                        &format!(
                            "'{name}' codec can't encode character {} in position {i}: ordinal not in range({limit})",
                            ascii_of(&repr_str(&c.to_string()))
                        ),
                    ))
                }
            }
        }
    }
    Ok(out)
}

/// The bytes of the hex digits of `s` (`bytes.fromhex`; whitespace between pairs is
/// skipped), or the position of the first character that is not a digit in place.
pub fn hex_decode(s: &str) -> Result<Vec<u8>, usize> {
    let mut out = Vec::new();
    let mut digits = s.char_indices().filter(|(_, c)| !c.is_whitespace());
    while let Some((i, hi)) = digits.next() {
        let lo = digits.next();
        match (hi.to_digit(16), lo.and_then(|(_, c)| c.to_digit(16))) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                return Err(match (hi.to_digit(16), lo) {
                    (Some(_), Some((j, _))) => j,
                    (Some(_), None) => s.chars().count(),
                    _ => i,
                });
            }
        }
    }
    Ok(out)
}

/// The hex digits of `b`, two lower-case digits a byte (`bytes.hex`).
pub fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
