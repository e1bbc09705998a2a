//! The Unicode-aware text operations of `str` that read the character database
//! (`isalpha`, `isspace`, ..., case mapping, stripping of Unicode whitespace), outside
//! the core: residual calls, as PyPy's `unicodedb` lookups are calls.

use super::table::Bi;

/// `str.isdigit` and the other character-class predicates of `bi`: whether `s` is not
/// empty and every character is in the class (`isupper`/`islower`: some character is
/// cased and none has the other case).
pub fn char_class(s: &str, bi: Bi) -> bool {
    match bi {
        Bi::StrIsupper => s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase),
        Bi::StrIslower => s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase),
        _ => {
            !s.is_empty()
                && s.chars().all(|c| match bi {
                    Bi::StrIsdigit | Bi::StrIsdecimal => c.is_ascii_digit(),
                    Bi::StrIsnumeric => c.is_ascii_digit() || c.is_numeric(),
                    Bi::StrIsalpha => c.is_alphabetic(),
                    Bi::StrIsalnum => c.is_alphanumeric(),
                    _ => c.is_whitespace(),
                })
        }
    }
}

/// `str.isidentifier`.
pub fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// `str.capitalize`.
pub fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
        None => String::new(),
    }
}

/// `str.swapcase`.
pub fn swapcase(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<String>()
            } else {
                c.to_uppercase().collect::<String>()
            }
        })
        .collect()
}

/// `s` without the leading (`left`) and trailing (`right`) characters in `chars`
/// (Unicode whitespace when there are none).
pub fn strip_chars<'a>(s: &'a str, chars: Option<&str>, left: bool, right: bool) -> &'a str {
    let f = |c: char| match chars {
        Some(cs) => cs.contains(c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(f);
    }
    if right {
        r = r.trim_end_matches(f);
    }
    r
}

/// The byte offset of code point `ci` of `s` (its length past the end).
pub fn byte_index(s: &str, ci: usize) -> usize {
    s.char_indices().nth(ci).map(|(b, _)| b).unwrap_or(s.len())
}

/// The code point index of byte offset `bi` of `s`.
pub fn char_index(s: &str, bi: usize) -> usize {
    s[..bi].chars().count()
}

/// The first code point of `s` (`ord`), 0 for an empty string.
pub fn first_code_point(s: &str) -> i64 {
    s.chars().next().map(|c| c as i64).unwrap_or(0)
}

/// The byte offset just past the last Unicode whitespace of `s`, 0 when there is none
/// (`str.rsplit()`).
pub fn after_last_space(s: &str) -> usize {
    match s.char_indices().rev().find(|&(_, c)| c.is_whitespace()) {
        Some((i, c)) => i + c.len_utf8(),
        None => 0,
    }
}
