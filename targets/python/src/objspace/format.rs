//! Number formatting (outside the core: these become residual calls): `repr` of
//! floats as CPython's shortest round-trip repr, and the format-spec mini-language of
//! `format()`, f-strings and `str.format` for ints, floats and strs.

use super::int::str_digits_exceeded;
use super::object::Value;
use super::space::max_str_digits;
use crate::interpreter::error::value_error;
use crate::interpreter::PyResult;

/// `repr(x)` of a float, as CPython prints it.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // The number of digits of the shortest round-trip form (Rust's `{:e}`), then those
    // digits correctly rounded, half to even (Rust's precision formatting): when two
    // shortest forms are equally near, CPython's repr takes the even one, and `{:e}`
    // may not.
    let shortest = format!("{:e}", x);
    let n = shortest
        .split('e')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_digit())
        .count()
        .max(1);
    let s = format!("{:.*e}", n - 1, x);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let e = exp as usize;
            if digits.len() <= e + 1 {
                out.push_str(&digits);
                for _ in 0..(e + 1 - digits.len()) {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..e + 1]);
                out.push('.');
                out.push_str(&digits[e + 1..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
    out
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Debug, Default)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    /// `z`: a negative zero prints as zero.
    pub z: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Parses a format spec; an error message for a bad one.
pub fn parse_spec(s: &str) -> Result<Spec, String> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec::default();
    if c.len() >= 2 && matches!(c[1], '<' | '>' | '^' | '=') {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && matches!(c[0], '<' | '>' | '^' | '=') {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        sp.width = c[st..i].iter().collect::<String>().parse().unwrap_or(0);
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err("Format specifier missing precision".into());
        }
        sp.precision = c[st..i].iter().collect::<String>().parse().ok();
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err("Invalid format specifier".into());
    }
    Ok(sp)
}

/// Pads `body` (with its sign in `sign`) to the spec's width.
fn pad(sign: &str, body: &str, sp: &Spec, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    let align = sp
        .align
        .unwrap_or(if sp.zero { '=' } else { default_align });
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() {
        '0'
    } else {
        ' '
    });
    if len >= sp.width {
        return format!("{sign}{body}");
    }
    let n = sp.width - len;
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn group(int_part: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Formats an int (its decimal digits without sign in `mag` for base 10, or the
/// magnitude in other bases from the caller) by the spec.
pub fn format_int(neg: bool, mag: &num_bigint::BigUint, sp: &Spec) -> Result<String, String> {
    let ty = sp.ty.unwrap_or('d');
    if sp.z && !matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".into());
    }
    let (digits, prefix) = match ty {
        'd' | 'n' => {
            let digits = mag.to_str_radix(10);
            if str_digits_exceeded(digits.len()) {
                return Err(str_digits_error());
            }
            (digits, "")
        }
        'x' => (mag.to_str_radix(16), "0x"),
        'X' => (mag.to_str_radix(16).to_uppercase(), "0X"),
        'o' => (mag.to_str_radix(8), "0o"),
        'b' => (mag.to_str_radix(2), "0b"),
        'c' => {
            let c = num_traits::ToPrimitive::to_u32(mag)
                .and_then(char::from_u32)
                .ok_or("%c arg not in range(0x110000)")?;
            return Ok(pad("", &c.to_string(), sp, '<'));
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = num_traits::ToPrimitive::to_f64(mag).unwrap_or(f64::INFINITY);
            return format_float(if neg { -x } else { x }, sp);
        }
        _ => {
            return Err(format!(
                "Unknown format code '{ty}' for object of type 'int'"
            ))
        }
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if ty == 'd' || ty == 'n' { 3 } else { 4 }),
        None => digits,
    };
    let sign = format!("{}{}", sign_str(neg, sp), if sp.alt { prefix } else { "" });
    Ok(pad(&sign, &digits, sp, '>'))
}

/// `{:e}` with CPython's exponent (at least two digits, with a sign).
fn exp_format(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let r = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

/// `%g`-style formatting with `prec` significant digits.
fn general_format(x: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if x == 0.0 {
        let mut s = if x.is_sign_negative() {
            "-0".to_string()
        } else {
            "0".to_string()
        };
        if alt {
            s.push('.');
            s.push_str(&"0".repeat(p - 1));
        }
        return s;
    }
    let e = format!("{:.*e}", p - 1, x);
    let exp: i32 = e
        .split_once('e')
        .map(|(_, e)| e.parse().unwrap_or(0))
        .unwrap_or(0);
    let mut s = if exp < -4 || exp >= p as i32 {
        exp_format(x, p - 1, upper)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x)
    };
    if !alt {
        if let Some(epos) = s.find(['e', 'E']) {
            let (m, rest) = s.split_at(epos);
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            s = format!("{m}{rest}");
        } else if s.contains('.') {
            s = s.trim_end_matches('0').trim_end_matches('.').to_string();
        }
    }
    s
}

/// Formats a float by the spec.
pub fn format_float(x: f64, sp: &Spec) -> Result<String, String> {
    let mut neg = x.is_sign_negative() && !x.is_nan();
    let a = x.abs();
    let ty = sp.ty;
    let body = if a.is_infinite() || a.is_nan() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        if matches!(ty, Some('E' | 'F' | 'G')) {
            s.to_uppercase()
        } else if ty == Some('%') {
            // CPython keeps the percent sign: `inf%`.
            format!("{s}%")
        } else {
            s.to_string()
        }
    } else {
        match ty {
            Some('f' | 'F') => format!("{:.*}", sp.precision.unwrap_or(6), a),
            Some('e' | 'E') => exp_format(a, sp.precision.unwrap_or(6), ty == Some('E')),
            Some('g' | 'G') => {
                general_format(a, sp.precision.unwrap_or(6), sp.alt, ty == Some('G'))
            }
            Some('%') => format!("{:.*}%", sp.precision.unwrap_or(6), a * 100.0),
            None => match sp.precision {
                Some(p) => {
                    let s = general_format(a, p, sp.alt, false);
                    if s.contains(['.', 'e', 'n', 'i']) {
                        s
                    } else {
                        format!("{s}.0")
                    }
                }
                None => float_repr(a),
            },
            Some(c) => {
                return Err(format!(
                    "Unknown format code '{c}' for object of type 'float'"
                ))
            }
        }
    };
    if sp.z && neg && body.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        neg = false;
    }
    let body = match sp.grouping {
        Some(g) => {
            let (ip, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group(ip, g, 3))
        }
        None => body,
    };
    Ok(pad(sign_str(neg, sp), &body, sp, '>'))
}

/// Formats a str by the spec.
pub fn format_str(s: &str, sp: &Spec) -> Result<String, String> {
    if let Some(t) = sp.ty {
        if t != 's' {
            return Err(format!(
                "Unknown format code '{t}' for object of type 'str'"
            ));
        }
    }
    if sp.sign.is_some() {
        return Err("Sign not allowed in string format specifier".into());
    }
    let s: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad("", &s, sp, '<'))
}

/// `float.hex`: `[-]0x1.<13 hex digits>p<exp>` (`0x0.` for subnormals and zero).
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 && frac == 0 {
        return format!("{sign}0x0.0p+0");
    }
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{e:+}")
}

/// The error of a conversion of an int to a decimal str past the limit.
#[cold]
pub fn str_digits_error() -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        max_str_digits()
    )
}

/// The error of a conversion of a decimal str of `n` digits to an int past the limit.
#[cold]
pub fn str_digits_parse_error(n: usize) -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit",
        max_str_digits()
    )
}

/// `x` rounded to `n` decimals (through its correctly rounded decimal text, as
/// CPython's `round` does).
pub fn round_to_decimals(x: f64, n: usize) -> f64 {
    let s = format!("{:.*}", n, x);
    s.parse().unwrap_or(x)
}

/// `bin`, `oct` and `hex` of an int: `-0x1f`.
pub fn int_to_base_text(b: &num_bigint::BigInt, base: u32, prefix: &str) -> String {
    use num_traits::Signed;
    let s = b.abs().to_str_radix(base);
    let sign = if b.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{s}")
}

/// `r`, the int parsed from `text` in `base`, unless its digits are past CPython's
/// limit for a base that is not a power of two.
pub fn check_str_digits(text: &str, base: u32, r: Value) -> PyResult<Value> {
    let lower = text
        .trim()
        .trim_start_matches(['+', '-'])
        .to_ascii_lowercase();
    let prefixed = ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p));
    if base.is_power_of_two() || (base == 0 && prefixed) {
        return Ok(r);
    }
    let n = lower.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    if str_digits_exceeded(n) {
        return value_error(&str_digits_parse_error(n));
    }
    Ok(r)
}

/// Parses a float literal as `float(s)` accepts it.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let l = t.to_ascii_lowercase();
    let (neg, body) = match l.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, l.strip_prefix('+').unwrap_or(&l)),
    };
    let v = match body {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if body.contains("__") || body.starts_with(['_', '+', '-']) || body.ends_with('_') {
                return None;
            }
            let clean: String = body.chars().filter(|&c| c != '_').collect();
            if clean.is_empty()
                || !clean
                    .chars()
                    .all(|c| c.is_ascii_digit() || "eE.+-".contains(c))
            {
                return None;
            }
            clean.parse::<f64>().ok()?
        }
    };
    Some(if neg { -v } else { v })
}

/// `float.fromhex`; `Err(true)` on overflow, `Err(false)` on a malformed string.
pub fn float_fromhex(text: &str) -> Result<f64, bool> {
    let t = text.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let sign = if neg { -1.0 } else { 1.0 };
    let lower = t.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(sign * f64::INFINITY);
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let t = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match t.find('p') {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int_part, frac_part) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(false);
    }
    let mut e: i64 = match exp {
        Some(x) => x
            .parse::<i64>()
            .map_err(|_| false)?
            .clamp(-1 << 40, 1 << 40),
        None => 0,
    };
    // The digits into a 64-bit mantissa with a sticky bit for what falls off.
    let (mut m, mut sticky) = (0u64, false);
    for (k, c) in int_part.chars().chain(frac_part.chars()).enumerate() {
        let d = c.to_digit(16).ok_or(false)? as u64;
        if k >= int_part.len() {
            e -= 4;
        }
        if m >> 60 != 0 {
            sticky |= d != 0;
            e += 4;
        } else {
            m = m * 16 + d;
        }
    }
    if m == 0 {
        return Ok(sign * 0.0);
    }
    // Round to 53 bits (fewer for a subnormal result), half to even.
    let top = 63 - m.leading_zeros() as i64;
    let mut keep = 53;
    if top + e < -1022 {
        keep = (53 - (-1022 - (top + e))).max(0);
    }
    let drop = (top + 1 - keep).max(0);
    if drop > 0 {
        let half = 1u64 << (drop - 1);
        let rest = m & ((1u64 << drop) - 1);
        m >>= drop;
        e += drop;
        if rest > half || (rest == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
    }
    let x = (m as f64)
        * 2f64.powi((e.clamp(-1100, 1100) / 2) as i32)
        * 2f64.powi((e.clamp(-1100, 1100) - e.clamp(-1100, 1100) / 2) as i32);
    if x.is_infinite() {
        return Err(true);
    }
    Ok(sign * x)
}
