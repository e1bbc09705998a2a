//! A generator of random Python programs for differential testing against CPython.
//!
//! A program is a list of top-level chunks, each inside `try: ... except Exception as e:
//! print("!", type(e).__name__, e)`, so a chunk that raises (a zero division, a missing
//! key, an overflow) prints the exception and the program goes on: errors are compared
//! too. Expressions are built by type (int, float, str, list of ints, dict of str to int,
//! tuple, bool, instances of the program's classes) over variables whose type never
//! changes, so most operations are meaningful rather than `TypeError`s. Sizes are
//! bounded by construction: the generator keeps an estimate of the digits of every int
//! and the length of every str and list, and reduces a value (`% M`, `[:n]`) before it
//! is stored when the estimate is large; loops are counted. Output never depends on
//! addresses, str hashing or time: sets of strs are printed sorted, `id` and `hash` of
//! strs are not used.

use std::fmt::Write;

/// SplitMix64: small, fast, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5bd1_e995_1234_5678)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// An int in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Float,
    Str,
    List,
    Dict,
    Tuple,
    Bool,
    /// An instance of the generated class with this index.
    Obj(usize),
}

const SIMPLE: [Ty; 7] = [
    Ty::Int,
    Ty::Float,
    Ty::Str,
    Ty::List,
    Ty::Dict,
    Ty::Tuple,
    Ty::Bool,
];

/// An expression's text and an estimate of its size: digits of an int, length of a
/// str, list, dict or tuple.
struct E {
    code: String,
    size: usize,
}

fn e(code: String, size: usize) -> E {
    E { code, size }
}

struct Var {
    name: String,
    ty: Ty,
    size: usize,
}

/// A generated function: `name(a, b=..., *rest)` over ints, returning `ret`.
struct Func {
    name: String,
    params: usize,
    defaults: usize,
    star: bool,
    ret: Ty,
}

/// A generated class: an int field `v`, a str field `s`, and the special methods it got.
struct Class {
    name: String,
    /// Index of the base class, if it derives from one of the program's classes.
    base: Option<usize>,
    /// Whether instances compare and hash (`__eq__`, `__lt__`, `__hash__`).
    ordered: bool,
    /// Whether `__add__` is defined.
    add: bool,
    /// Whether `__len__`, `__getitem__`, `__iter__` and `__contains__` are defined.
    seq: bool,
    /// Whether `__call__` is defined.
    call: bool,
}

pub struct Gen {
    rng: Rng,
    out: String,
    indent: usize,
    vars: Vec<Var>,
    /// Variables of the innermost function body (shadowing nothing: fresh names).
    locals: Vec<Var>,
    in_function: bool,
    funcs: Vec<Func>,
    gens: Vec<String>,
    classes: Vec<Class>,
    counter: usize,
}

/// Values past these sizes are reduced before they are stored.
const MAX_DIGITS: usize = 120;
const MAX_LEN: usize = 40;

const WORDS: [&str; 12] = [
    "a", "b", "ab", "xyz", "Hello", "world", "é", "中文", "a b", "  pad ", "1,2", "",
];

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            out: String::new(),
            indent: 0,
            vars: Vec::new(),
            locals: Vec::new(),
            in_function: false,
            funcs: Vec::new(),
            gens: Vec::new(),
            classes: Vec::new(),
            counter: 0,
        }
    }

    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    /// The variables of type `ty` in scope.
    fn vars_of(&self, ty: Ty) -> Vec<(String, usize)> {
        self.vars
            .iter()
            .chain(self.locals.iter())
            .filter(|v| v.ty == ty)
            .map(|v| (v.name.clone(), v.size))
            .collect()
    }

    fn var_of(&mut self, ty: Ty) -> Option<E> {
        let vs = self.vars_of(ty);
        if vs.is_empty() {
            return None;
        }
        let (n, s) = vs[self.rng.below(vs.len())].clone();
        Some(e(n, s))
    }

    // ---- literals ----

    fn int_lit(&mut self) -> E {
        match self.rng.below(10) {
            0..=4 => {
                let v = self.rng.range(-20, 100);
                e(v.to_string(), 3)
            }
            5 | 6 => {
                let v = self.rng.range(-1_000_000, 1_000_000_000);
                e(v.to_string(), 10)
            }
            7 => e(
                self.rng
                    .pick(&["0", "1", "-1", "2", "7", "255"])
                    .to_string(),
                3,
            ),
            _ => {
                // A big literal past the machine word.
                let n = self.rng.range(15, 40) as usize;
                let mut s = String::new();
                if self.rng.chance(30) {
                    s.push('-');
                }
                s.push(char::from(b'1' + self.rng.below(9) as u8));
                for _ in 1..n {
                    s.push(char::from(b'0' + self.rng.below(10) as u8));
                }
                e(s, n)
            }
        }
    }

    fn float_lit(&mut self) -> E {
        let s = *self.rng.pick(&[
            "0.1",
            "0.5",
            "2.5",
            "-3.75",
            "1e10",
            "1.5e-5",
            "100.0",
            "-0.0",
            "3.14159",
            "1e300",
            "7.0",
            "0.3",
            "2.0",
            "1e-300",
            "123456.789",
        ]);
        e(s.to_string(), 1)
    }

    fn str_lit(&mut self) -> E {
        let w = *self.rng.pick(&WORDS);
        e(format!("{w:?}"), w.chars().count())
    }

    // ---- expressions by type ----

    fn expr(&mut self, ty: Ty, depth: usize) -> E {
        match ty {
            Ty::Int => self.int_expr(depth),
            Ty::Float => self.float_expr(depth),
            Ty::Str => self.str_expr(depth),
            Ty::List => self.list_expr(depth),
            Ty::Dict => self.dict_expr(depth),
            Ty::Tuple => self.tuple_expr(depth),
            Ty::Bool => self.bool_expr(depth),
            Ty::Obj(c) => self.obj_expr(c, depth),
        }
    }

    /// An expression of a random simple type.
    fn expr_any(&mut self, depth: usize) -> E {
        let t = *self.rng.pick(&SIMPLE);
        self.expr(t, depth)
    }

    fn int_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(25) {
            if self.rng.chance(60) {
                if let Some(v) = self.var_of(Ty::Int) {
                    return v;
                }
            }
            return self.int_lit();
        }
        let d = depth - 1;
        match self.rng.below(26) {
            0..=5 => {
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                let op = *self.rng.pick(&["+", "-", "*", "//", "%", "&", "|", "^"]);
                let size = match op {
                    "*" => a.size + b.size,
                    "//" | "%" | "&" => a.size.max(1),
                    _ => a.size.max(b.size) + 1,
                };
                e(format!("({} {op} {})", a.code, b.code), size)
            }
            6 => {
                let a = self.int_expr(d);
                let k = self.rng.range(0, 12);
                e(format!("({} ** {k})", a.code), a.size * k as usize + 1)
            }
            7 => {
                let a = self.int_expr(d);
                let k = self.rng.range(0, 70);
                let op = *self.rng.pick(&["<<", ">>"]);
                e(format!("({} {op} {k})", a.code), a.size + 22)
            }
            8 => {
                let a = self.int_expr(d);
                let op = *self.rng.pick(&["-", "~", "+", "abs"]);
                if op == "abs" {
                    e(format!("abs({})", a.code), a.size)
                } else {
                    e(format!("({op}{})", a.code), a.size + 1)
                }
            }
            9 => {
                let t = *self.rng.pick(&[Ty::Str, Ty::List, Ty::Dict, Ty::Tuple]);
                let x = self.expr(t, d);
                e(format!("len({})", x.code), 3)
            }
            10 => {
                let l = self.list_expr(d);
                let f = *self.rng.pick(&["sum", "max", "min", "len"]);
                e(format!("{f}({})", l.code), 60)
            }
            11 => {
                let l = self.list_expr(d);
                let i = self.int_expr(d);
                e(format!("{}[{}]", l.code, i.code), 60)
            }
            12 => {
                let m = self.dict_expr(d);
                let k = self.str_lit();
                let dflt = self.int_lit();
                e(format!("{}.get({}, {})", m.code, k.code, dflt.code), 60)
            }
            13 => {
                let f = self.float_expr(d);
                let how = *self.rng.pick(&["int", "round", "math.floor", "math.ceil"]);
                e(format!("{how}({})", f.code), 310)
            }
            14 => {
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                let i = self.rng.below(2);
                e(format!("divmod({}, {})[{i}]", a.code, b.code), a.size)
            }
            15 => {
                let a = self.int_expr(d);
                let b = self.rng.range(0, 50);
                let m = self.int_expr(d);
                e(format!("pow({}, {b}, {})", a.code, m.code), m.size)
            }
            16 => {
                let c = self.bool_expr(d);
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                e(
                    format!("({} if {} else {})", a.code, c.code, b.code),
                    a.size.max(b.size),
                )
            }
            17 => {
                let s = self.str_expr(d);
                let t = self.str_lit();
                let m = *self.rng.pick(&["find", "count", "rfind"]);
                e(format!("{}.{m}({})", s.code, t.code), 3)
            }
            18 => {
                let digits = self.int_lit();
                let base = *self.rng.pick(&["", ", 16", ", 8", ", 0"]);
                let txt = if base == ", 16" {
                    format!("hex({})", digits.code)
                } else {
                    format!("str({})", digits.code)
                };
                e(format!("int({txt}{base})"), digits.size)
            }
            19 if !self.funcs.is_empty() => self.call_func(Ty::Int, d),
            20 => {
                let b = self.bool_expr(d);
                let a = self.int_expr(d);
                e(format!("({} + {})", b.code, a.code), a.size + 1)
            }
            21 => {
                let l = self.list_expr(d);
                let c = self.int_lit();
                e(format!("{}.count({})", l.code, c.code), 3)
            }
            22 => {
                let t = self.tuple_expr(d);
                e(format!("{}[0]", t.code), t.size.max(40))
            }
            23 if !self.classes.is_empty() => {
                let c = self.rng.below(self.classes.len());
                let o = self.obj_expr(c, d);
                if self.classes[c].seq && self.rng.chance(50) {
                    e(format!("len({})", o.code), 3)
                } else {
                    e(format!("{}.v", o.code), 60)
                }
            }
            24 if !self.gens.is_empty() => {
                let g = self.rng.pick(&self.gens).clone();
                let n = self.rng.range(0, 8);
                e(format!("sum({g}({n}))"), 60)
            }
            _ => {
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                let f = *self.rng.pick(&["max", "min"]);
                e(format!("{f}({}, {})", a.code, b.code), a.size.max(b.size))
            }
        }
    }

    fn float_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(30) {
            if self.rng.chance(50) {
                if let Some(v) = self.var_of(Ty::Float) {
                    return v;
                }
            }
            return self.float_lit();
        }
        let d = depth - 1;
        match self.rng.below(9) {
            0..=3 => {
                let a = self.float_expr(d);
                let b = if self.rng.chance(60) {
                    self.float_expr(d)
                } else {
                    self.int_expr(d)
                };
                let op = *self.rng.pick(&["+", "-", "*", "/", "//", "%"]);
                if self.rng.chance(50) {
                    e(format!("({} {op} {})", a.code, b.code), 1)
                } else {
                    e(format!("({} {op} {})", b.code, a.code), 1)
                }
            }
            4 => {
                let a = self.float_expr(d);
                let k = self.rng.range(-3, 5);
                e(format!("({} ** {k})", a.code), 1)
            }
            5 => {
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                e(format!("({} / {})", a.code, b.code), 1)
            }
            6 => {
                let a = self.float_expr(d);
                let n = self.rng.range(-2, 4);
                e(format!("round({}, {n})", a.code), 1)
            }
            7 => {
                let a = self.float_expr(d);
                let f = *self.rng.pick(&["abs", "math.sqrt", "float", "math.fabs"]);
                if f == "math.sqrt" {
                    e(format!("math.sqrt(abs({}))", a.code), 1)
                } else {
                    e(format!("{f}({})", a.code), 1)
                }
            }
            _ => {
                let i = self.int_expr(d);
                e(format!("float({})", i.code), 1)
            }
        }
    }

    fn str_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(25) {
            if self.rng.chance(50) {
                if let Some(v) = self.var_of(Ty::Str) {
                    return v;
                }
            }
            return self.str_lit();
        }
        let d = depth - 1;
        match self.rng.below(16) {
            0 | 1 => {
                let a = self.str_expr(d);
                let b = self.str_expr(d);
                e(format!("({} + {})", a.code, b.code), a.size + b.size)
            }
            2 => {
                let a = self.str_expr(d);
                let k = self.rng.range(-1, 3);
                e(format!("({} * {k})", a.code), a.size * k.max(0) as usize)
            }
            3 => {
                let a = self.str_expr(d);
                let (i, j, k) = (
                    self.rng.range(-4, 4),
                    self.rng.range(-4, 6),
                    self.rng.range(-2, 3),
                );
                let step = if k == 0 {
                    String::new()
                } else {
                    format!(":{k}")
                };
                e(format!("{}[{i}:{j}{step}]", a.code), a.size)
            }
            4 => {
                let a = self.str_expr(d);
                let m = *self.rng.pick(&[
                    "upper()",
                    "lower()",
                    "strip()",
                    "title()",
                    "swapcase()",
                    "capitalize()",
                    "lstrip()",
                    "casefold()",
                ]);
                e(format!("{}.{m}", a.code), a.size)
            }
            5 => {
                let x = self.expr_any(d);
                let f = *self.rng.pick(&["str", "repr"]);
                e(format!("{f}({})", x.code), x.size * 3 + 10)
            }
            6 => {
                let x = self.int_expr(d);
                let spec = *self.rng.pick(&[
                    "", ":>8", ":<6", ":^7", ":08d", ":,", ":x", ":#o", ":+d", ":_b", "!r", ":e",
                ]);
                let y = self.float_expr(d);
                let fspec = *self
                    .rng
                    .pick(&["", ":.3f", ":10.2f", ":g", ":.2e", ":%", ":>12"]);
                let size = x.size * 2 + 30;
                if x.code.contains('"') || y.code.contains('"') {
                    // Python 3.11's f-strings cannot reuse the quote inside: format().
                    let fx = match spec {
                        "!r" => format!("repr({})", x.code),
                        _ => format!("format({}, {:?})", x.code, spec.trim_start_matches(':')),
                    };
                    let fy = format!("format({}, {:?})", y.code, fspec.trim_start_matches(':'));
                    e(format!("(\"<\" + {fx} + \"|\" + {fy} + \">\")"), size)
                } else {
                    e(
                        format!("f\"<{{{}{spec}}}|{{{}{fspec}}}>\"", x.code, y.code),
                        size,
                    )
                }
            }
            7 => {
                let x = self.int_expr(d);
                let y = self.float_expr(d);
                let s = self.str_expr(d);
                let fmt = *self.rng.pick(&[
                    "%d|%.2f|%s",
                    "%5d %-8.3f %r",
                    "%x %e [%10s]",
                    "%+d %g %s",
                    "%o %5.1f %.2s",
                ]);
                e(
                    format!("({fmt:?} % ({}, {}, {}))", x.code, y.code, s.code),
                    x.size * 2 + s.size + 30,
                )
            }
            8 => {
                let l = self.list_expr(d);
                let sep = self.str_lit();
                e(
                    format!("{}.join(map(str, {}))", sep.code, l.code),
                    l.size * 25,
                )
            }
            9 => {
                let a = self.str_expr(d);
                let b = self.str_lit();
                let c = self.str_lit();
                e(
                    format!("{}.replace({}, {})", a.code, b.code, c.code),
                    a.size * (c.size + 1),
                )
            }
            10 => {
                let a = self.str_expr(d);
                let w = self.rng.range(0, 12);
                let m = *self.rng.pick(&["center", "ljust", "rjust"]);
                e(format!("{}.{m}({w}, \"*\")", a.code), a.size + 12)
            }
            11 => {
                let a = self.str_expr(d);
                e(format!("\"-\".join(sorted({}.split()))", a.code), a.size)
            }
            12 => {
                let i = self.int_expr(d);
                let f = *self
                    .rng
                    .pick(&["hex", "bin", "oct", "chr(65 + abs", "format"]);
                match f {
                    "chr(65 + abs" => e(format!("chr(65 + abs({}) % 50)", i.code), 1),
                    "format" => e(format!("format({}, \"_\")", i.code), i.size * 2),
                    _ => e(format!("{f}({})", i.code), i.size * 4),
                }
            }
            13 => {
                let c = self.bool_expr(d);
                let a = self.str_expr(d);
                let b = self.str_expr(d);
                e(
                    format!("({} if {} else {})", a.code, c.code, b.code),
                    a.size.max(b.size),
                )
            }
            14 if !self.classes.is_empty() => {
                let c = self.rng.below(self.classes.len());
                let o = self.obj_expr(c, d);
                let f = *self.rng.pick(&["repr", "str"]);
                e(format!("{f}({})", o.code), 60)
            }
            _ => {
                let a = self.str_expr(d);
                let i = self.int_expr(d);
                e(format!("{}[{}]", a.code, i.code), 1)
            }
        }
    }

    fn list_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(25) {
            if self.rng.chance(60) {
                if let Some(v) = self.var_of(Ty::List) {
                    return v;
                }
            }
            let n = self.rng.below(5);
            let items: Vec<String> = (0..n).map(|_| self.int_lit().code).collect();
            return e(format!("[{}]", items.join(", ")), n);
        }
        let d = depth - 1;
        match self.rng.below(13) {
            0 => {
                let n = self.rng.below(4);
                let mut items = Vec::new();
                let mut size = 0;
                for _ in 0..n {
                    let x = self.int_expr(d);
                    size = size.max(x.size);
                    items.push(x.code);
                }
                e(format!("[{}]", items.join(", ")), n + size)
            }
            1 => {
                let a = self.list_expr(d);
                let b = self.list_expr(d);
                e(format!("({} + {})", a.code, b.code), a.size + b.size)
            }
            2 => {
                let a = self.list_expr(d);
                let k = self.rng.range(0, 3);
                e(format!("({} * {k})", a.code), a.size * k as usize)
            }
            3 => {
                let a = self.list_expr(d);
                let how = *self.rng.pick(&[
                    "sorted({})",
                    "sorted({}, reverse=True)",
                    "list(reversed({}))",
                    "sorted({}, key=lambda x: (x % 3, -x))",
                    "list(set({}))",
                ]);
                e(how.replace("{}", &a.code), a.size)
            }
            4 => {
                let a = self.list_expr(d);
                let (i, j, k) = (
                    self.rng.range(-4, 4),
                    self.rng.range(-3, 6),
                    self.rng.range(-2, 3),
                );
                let step = if k == 0 {
                    String::new()
                } else {
                    format!(":{k}")
                };
                e(format!("{}[{i}:{j}{step}]", a.code), a.size)
            }
            5 => {
                let a = self.list_expr(d);
                let x = self.fresh("x");
                let body = self.rng.pick(&[
                    "{x} * 2",
                    "{x} - 1",
                    "{x} % 5",
                    "-{x}",
                    "{x} * {x}",
                    "{x} // 3",
                ]);
                let cond = self
                    .rng
                    .pick(&["", " if {x} % 2", " if {x} > 0", " if {x} != 3"]);
                e(
                    format!(
                        "[{} for {x} in {}{}]",
                        body.replace("{x}", &x),
                        a.code,
                        cond.replace("{x}", &x)
                    ),
                    a.size + 4,
                )
            }
            6 => {
                let (a, b, c) = (
                    self.rng.range(-5, 10),
                    self.rng.range(-5, 20),
                    self.rng.range(-3, 4),
                );
                let c = if c == 0 { 1 } else { c };
                e(format!("list(range({a}, {b}, {c}))"), 25)
            }
            7 => {
                let a = self.list_expr(d);
                let f = *self.rng.pick(&[
                    "list(map(lambda v: v + 1, {}))",
                    "list(filter(lambda v: v % 2 == 0, {}))",
                    "[i * v for i, v in enumerate({})]",
                    "[a - b for a, b in zip({0}, {0}[1:])]",
                    "list(itertools.accumulate({}))",
                    "[v for v in {} if v]",
                ]);
                e(f.replace("{0}", &a.code).replace("{}", &a.code), a.size)
            }
            8 => {
                let m = self.dict_expr(d);
                e(format!("list({}.values())", m.code), m.size)
            }
            9 => {
                let s = self.str_expr(d);
                e(format!("[ord(c) for c in {}]", s.code), s.size)
            }
            10 if !self.gens.is_empty() => {
                let g = self.rng.pick(&self.gens).clone();
                let n = self.rng.range(0, 8);
                e(format!("list({g}({n}))"), 8)
            }
            11 if !self.classes.iter().any(|c| c.seq) => self.list_expr(0),
            11 => {
                let cs: Vec<usize> = (0..self.classes.len())
                    .filter(|&i| self.classes[i].seq)
                    .collect();
                let c = *self.rng.pick(&cs);
                let o = self.obj_expr(c, d);
                e(format!("list({})", o.code), 6)
            }
            _ => {
                let t = self.tuple_expr(d);
                e(format!("list({})", t.code), t.size)
            }
        }
    }

    fn dict_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(30) {
            if self.rng.chance(60) {
                if let Some(v) = self.var_of(Ty::Dict) {
                    return v;
                }
            }
            let n = self.rng.below(4);
            let items: Vec<String> = (0..n)
                .map(|_| format!("{}: {}", self.str_lit().code, self.int_lit().code))
                .collect();
            return e(format!("{{{}}}", items.join(", ")), n);
        }
        let d = depth - 1;
        match self.rng.below(4) {
            0 => {
                let l = self.list_expr(d);
                let k = self.fresh("k");
                e(
                    format!("{{str({k}): {k} * {k} for {k} in {}}}", l.code),
                    l.size,
                )
            }
            1 => {
                let a = self.dict_expr(d);
                let b = self.dict_expr(d);
                e(format!("{{**{}, **{}}}", a.code, b.code), a.size + b.size)
            }
            2 => {
                let s = self.str_expr(d);
                let l = self.list_expr(d);
                e(format!("dict(zip({}.split(), {}))", s.code, l.code), l.size)
            }
            _ => {
                let a = self.dict_expr(d);
                let b = self.dict_expr(d);
                e(format!("({} | {})", a.code, b.code), a.size + b.size)
            }
        }
    }

    fn tuple_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(30) {
            if self.rng.chance(50) {
                if let Some(v) = self.var_of(Ty::Tuple) {
                    return v;
                }
            }
            let n = self.rng.below(4);
            let items: Vec<String> = (0..n).map(|_| self.int_lit().code).collect();
            let trail = if n == 1 { "," } else { "" };
            return e(format!("({}{trail})", items.join(", ")), n);
        }
        let d = depth - 1;
        match self.rng.below(5) {
            0 => {
                let a = self.int_expr(d);
                let b = self.expr_any(d);
                e(format!("({}, {})", a.code, b.code), 2 + a.size.max(b.size))
            }
            1 => {
                let a = self.tuple_expr(d);
                let b = self.tuple_expr(d);
                e(format!("({} + {})", a.code, b.code), a.size + b.size)
            }
            2 => {
                let a = self.int_expr(d);
                let b = self.int_expr(d);
                e(format!("divmod({}, {})", a.code, b.code), 2 + a.size)
            }
            3 => {
                let l = self.list_expr(d);
                e(format!("tuple({})", l.code), l.size)
            }
            _ => {
                let f = self.float_expr(d);
                e(format!("{}.as_integer_ratio()", f.code), 330)
            }
        }
    }

    fn bool_expr(&mut self, depth: usize) -> E {
        if depth == 0 || self.rng.chance(20) {
            if self.rng.chance(40) {
                if let Some(v) = self.var_of(Ty::Bool) {
                    return v;
                }
            }
            return e(self.rng.pick(&["True", "False"]).to_string(), 1);
        }
        let d = depth - 1;
        match self.rng.below(9) {
            0..=2 => {
                let t = *self
                    .rng
                    .pick(&[Ty::Int, Ty::Float, Ty::Str, Ty::List, Ty::Tuple]);
                let a = self.expr(t, d);
                let b = self.expr(t, d);
                let op = *self.rng.pick(&["<", "<=", "==", "!=", ">", ">="]);
                if self.rng.chance(20) && matches!(t, Ty::Int | Ty::Float) {
                    let c = self.expr(t, d);
                    return e(format!("({} {op} {} < {})", a.code, b.code, c.code), 1);
                }
                e(format!("({} {op} {})", a.code, b.code), 1)
            }
            3 => {
                let a = self.int_expr(d);
                let l = self.list_expr(d);
                let op = *self.rng.pick(&["in", "not in"]);
                e(format!("({} {op} {})", a.code, l.code), 1)
            }
            4 => {
                let a = self.bool_expr(d);
                let b = self.bool_expr(d);
                let op = *self.rng.pick(&["and", "or"]);
                e(format!("({} {op} {})", a.code, b.code), 1)
            }
            5 => {
                let a = self.bool_expr(d);
                e(format!("(not {})", a.code), 1)
            }
            6 => {
                let x = self.expr_any(d);
                let t = *self.rng.pick(&[
                    "int",
                    "str",
                    "float",
                    "list",
                    "tuple",
                    "(int, float)",
                    "object",
                ]);
                e(format!("isinstance({}, {t})", x.code), 1)
            }
            7 => {
                let l = self.list_expr(d);
                let f = *self.rng.pick(&["any", "all", "bool"]);
                e(format!("{f}({})", l.code), 1)
            }
            _ => {
                let s = self.str_expr(d);
                let t = self.str_lit();
                let m = *self.rng.pick(&["startswith", "endswith", "__contains__"]);
                e(format!("{}.{m}({})", s.code, t.code), 1)
            }
        }
    }

    /// An instance of class `c`.
    fn obj_expr(&mut self, c: usize, depth: usize) -> E {
        if let Some(v) = self.var_of(Ty::Obj(c)) {
            if self.rng.chance(70) {
                return v;
            }
        }
        let d = depth.saturating_sub(1);
        let name = self.classes[c].name.clone();
        let v = self.int_expr(d.min(1));
        let s = self.str_lit();
        if self.classes[c].add && depth > 0 && self.rng.chance(30) {
            let a = self.obj_expr(c, 0);
            let b = self.obj_expr(c, 0);
            return e(format!("({} + {})", a.code, b.code), 1);
        }
        e(format!("{name}({}, {})", v.code, s.code), 1)
    }

    fn call_func(&mut self, ty: Ty, d: usize) -> E {
        let cands: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| self.funcs[i].ret == ty)
            .collect();
        if cands.is_empty() {
            return self.expr(ty, 0);
        }
        let i = *self.rng.pick(&cands);
        let (name, params, defaults, star) = {
            let f = &self.funcs[i];
            (f.name.clone(), f.params, f.defaults, f.star)
        };
        let required = params - defaults;
        let n = required + self.rng.below(defaults + 1);
        let mut args: Vec<String> = Vec::new();
        let kw = self.rng.chance(30) && n > required;
        for k in 0..n {
            let a = self.int_expr(d.min(1)).code;
            if kw && k == n - 1 {
                args.push(format!("p{k}={a}"));
            } else {
                args.push(a);
            }
        }
        if star && !kw && self.rng.chance(40) {
            let l = self.list_expr(0);
            args.push(format!("*{}", l.code));
        }
        e(format!("{name}({})", args.join(", ")), 60)
    }

    // ---- statements ----

    /// Stores `x` (of type `ty`) in a new or existing variable, reduced when large.
    fn assign(&mut self, ty: Ty) {
        let mut x = self.expr(ty, 3);
        match ty {
            Ty::Int if x.size > MAX_DIGITS => {
                x = e(format!("({}) % 10 ** 40", x.code), 40);
            }
            Ty::Str | Ty::List if x.size > MAX_LEN => {
                x = e(format!("({})[:{MAX_LEN}]", x.code), MAX_LEN);
            }
            Ty::Dict | Ty::Tuple if x.size > MAX_LEN => {
                // Rebuild from a bounded expression instead.
                x = self.expr(ty, 0);
            }
            _ => {}
        }
        let existing: Vec<usize> = (0..self.cur_vars().len())
            .filter(|&i| self.cur_vars()[i].ty == ty)
            .collect();
        let name = if !existing.is_empty() && self.rng.chance(40) {
            let i = *self.rng.pick(&existing);
            self.cur_vars_mut()[i].size = x.size;
            self.cur_vars()[i].name.clone()
        } else {
            let n = self.fresh(if self.in_function { "l" } else { "v" });
            let var = Var {
                name: n.clone(),
                ty,
                size: x.size,
            };
            self.cur_vars_mut().push(var);
            n
        };
        self.line(&format!("{name} = {}", x.code));
    }

    fn cur_vars(&self) -> &Vec<Var> {
        if self.in_function {
            &self.locals
        } else {
            &self.vars
        }
    }

    fn cur_vars_mut(&mut self) -> &mut Vec<Var> {
        if self.in_function {
            &mut self.locals
        } else {
            &mut self.vars
        }
    }

    fn print_stmt(&mut self) {
        let n = 1 + self.rng.below(3);
        let mut parts = Vec::new();
        for _ in 0..n {
            let t = if !self.classes.is_empty() && self.rng.chance(15) {
                Ty::Obj(self.rng.below(self.classes.len()))
            } else {
                *self.rng.pick(&SIMPLE)
            };
            parts.push(self.expr(t, 2).code);
        }
        let sep = if self.rng.chance(20) {
            ", sep=\"|\""
        } else {
            ""
        };
        self.line(&format!("print({}{sep})", parts.join(", ")));
    }

    fn mutate_stmt(&mut self) {
        let lists = self.vars_of(Ty::List);
        let dicts = self.vars_of(Ty::Dict);
        let ints = self.vars_of(Ty::Int);
        match self.rng.below(4) {
            0 | 1 if !lists.is_empty() => {
                let (l, size) = lists[self.rng.below(lists.len())].clone();
                let x = self.int_expr(1).code;
                let s = match self.rng.below(12) {
                    0 if size < MAX_LEN => format!("{l}.append({x})"),
                    1 if size < MAX_LEN => format!("{l}.insert({}, {x})", self.rng.range(-3, 5)),
                    2 => format!("{l}.pop()"),
                    3 => format!("del {l}[{}]", self.rng.range(-3, 3)),
                    4 => format!("{l}[{}] = {x}", self.rng.range(-3, 3)),
                    5 => format!(
                        "{l}[{}:{}] = [{x}, {x}]",
                        self.rng.range(-3, 3),
                        self.rng.range(-3, 5)
                    ),
                    6 => format!("{l}.sort(key=lambda q: (-q, q % 7))"),
                    7 => format!("{l}.reverse()"),
                    8 => format!("{l}.remove({x})"),
                    9 => format!("print({l}.index({x}))"),
                    10 => format!("del {l}[::2]"),
                    _ => format!("{l}.clear()"),
                };
                self.line(&s);
            }
            2 if !dicts.is_empty() => {
                let (m, _) = dicts[self.rng.below(dicts.len())].clone();
                let k = self.str_lit().code;
                let x = self.int_expr(1).code;
                let s = match self.rng.below(7) {
                    0 | 1 => format!("{m}[{k}] = {x}"),
                    2 => format!("del {m}[{k}]"),
                    3 => format!("print({m}.pop({k}, None))"),
                    4 => format!("print({m}.setdefault({k}, {x}))"),
                    5 => format!("{m}.update({{{k}: {x}}})"),
                    _ => format!("print({m}.popitem())"),
                };
                self.line(&s);
            }
            _ if !ints.is_empty() => {
                let (v, size) = ints[self.rng.below(ints.len())].clone();
                let x = self.int_expr(1);
                let op = *self
                    .rng
                    .pick(&["+=", "-=", "*=", "//=", "%=", "|=", "^=", "<<="]);
                if op == "*=" && size + x.size > MAX_DIGITS || op == "<<=" && size > MAX_DIGITS {
                    self.line(&format!("{v} %= 1000003"));
                    self.set_size(&v, 7);
                } else if op == "<<=" {
                    let k = self.rng.range(0, 40);
                    self.line(&format!("{v} <<= {k}"));
                    self.set_size(&v, size + 13);
                } else {
                    self.line(&format!("{v} {op} {}", x.code));
                    let s = if op == "*=" {
                        size + x.size
                    } else {
                        size.max(x.size) + 1
                    };
                    self.set_size(&v, s);
                }
            }
            _ => self.print_stmt(),
        }
    }

    fn set_size(&mut self, name: &str, size: usize) {
        for v in self.vars.iter_mut().chain(self.locals.iter_mut()) {
            if v.name == name {
                v.size = size;
            }
        }
    }

    /// A loop printing what it computes: over a range, a list, a dict's items, a
    /// string, or a counted `while`; with `break`, `continue` and `else` sometimes.
    fn loop_stmt(&mut self) {
        let x = self.fresh("i");
        let acc = self.fresh("acc");
        self.line(&format!("{acc} = 0"));
        match self.rng.below(5) {
            0 => {
                let n = self.rng.range(0, 12);
                self.line(&format!("for {x} in range({n}):"));
            }
            1 => {
                let l = self.list_expr(1);
                self.line(&format!("for {x} in {}:", l.code));
            }
            2 => {
                let m = self.dict_expr(1);
                let k = self.fresh("k");
                self.line(&format!("for {k}, {x} in {}.items():", m.code));
                self.indent += 1;
                self.line(&format!("print({k}, end=\" \")"));
                self.indent -= 1;
                // The body continues below with x bound to the value.
            }
            3 => {
                let s = self.str_expr(1);
                self.line(&format!("for {x} in [ord(c) for c in {}]:", s.code));
            }
            _ => {
                let n = self.rng.range(0, 10);
                self.line(&format!("{x} = 0"));
                self.line(&format!("while {x} < {n}:"));
                self.indent += 1;
                self.line(&format!("{x} += 1"));
                self.indent -= 1;
            }
        }
        self.indent += 1;
        let body = *self.rng.pick(&[
            "{acc} += {x}",
            "{acc} = ({acc} * 31 + {x}) % 1000000007",
            "{acc} ^= {x} << 3",
            "{acc} -= {x} * {x}",
        ]);
        self.line(&body.replace("{acc}", &acc).replace("{x}", &x));
        if self.rng.chance(30) {
            let k = self.rng.range(1, 6);
            self.line(&format!("if {x} % {k} == 0:"));
            self.indent += 1;
            let jump = if self.rng.chance(50) {
                "continue"
            } else {
                "break"
            };
            self.line(jump);
            self.indent -= 1;
        }
        if self.rng.chance(30) {
            self.line(&format!("print({x}, {acc})"));
        }
        self.indent -= 1;
        if self.rng.chance(25) {
            self.line("else:");
            self.indent += 1;
            self.line(&format!("print(\"else\", {acc})"));
            self.indent -= 1;
        }
        self.line(&format!("print({acc})"));
    }

    /// A function of ints with defaults and maybe `*rest`, then a few calls.
    fn func_def(&mut self) {
        let name = self.fresh("f");
        let params = 1 + self.rng.below(3);
        let defaults = self.rng.below(params + 1);
        let star = self.rng.chance(30);
        let ret = *self
            .rng
            .pick(&[Ty::Int, Ty::Int, Ty::Str, Ty::List, Ty::Float]);
        let mut ps: Vec<String> = Vec::new();
        for k in 0..params {
            if k >= params - defaults {
                ps.push(format!("p{k}={}", self.int_lit().code));
            } else {
                ps.push(format!("p{k}"));
            }
        }
        if star {
            ps.push("*rest".to_string());
        }
        self.line(&format!("def {name}({}):", ps.join(", ")));
        self.indent += 1;
        self.in_function = true;
        self.locals.clear();
        for k in 0..params {
            self.locals.push(Var {
                name: format!("p{k}"),
                ty: Ty::Int,
                size: 60,
            });
        }
        if star {
            self.locals.push(Var {
                name: "rest".into(),
                ty: Ty::Tuple,
                size: 5,
            });
        }
        for _ in 0..self.rng.below(3) {
            let t = *self.rng.pick(&[Ty::Int, Ty::Str, Ty::List]);
            self.assign(t);
        }
        if self.rng.chance(30) {
            let c = self.bool_expr(1);
            self.line(&format!("if {}:", c.code));
            self.indent += 1;
            let r = self.expr(ret, 2);
            self.line(&format!("return {}", bounded(r, ret)));
            self.indent -= 1;
        }
        let r = self.expr(ret, 2);
        self.line(&format!("return {}", bounded(r, ret)));
        self.in_function = false;
        self.locals.clear();
        self.indent -= 1;
        self.funcs.push(Func {
            name,
            params,
            defaults,
            star,
            ret,
        });
        for _ in 0..1 + self.rng.below(2) {
            let c = self.call_func(ret, 1);
            self.line(&format!("print({})", c.code));
        }
    }

    /// A closure over a counter with `nonlocal`, called a few times.
    fn closure_def(&mut self) {
        let mk = self.fresh("make");
        let start = self.int_lit().code;
        self.line(&format!("def {mk}(n={start}):"));
        self.indent += 1;
        self.line("total = []");
        self.line("def step(x, scale=1):");
        self.indent += 1;
        self.line("nonlocal n");
        let upd = *self
            .rng
            .pick(&["n += x * scale", "n = (n * 3 + x) % 1000003", "n -= x"]);
        self.line(upd);
        self.line("total.append(n)");
        self.line("return n, len(total)");
        self.indent -= 1;
        self.line("return step");
        self.indent -= 1;
        let s = self.fresh("step");
        self.line(&format!("{s} = {mk}()"));
        for _ in 0..1 + self.rng.below(3) {
            let x = self.int_expr(1).code;
            let kw = if self.rng.chance(30) {
                ", scale=-2"
            } else {
                ""
            };
            self.line(&format!("print({s}({x}{kw}))"));
        }
    }

    /// A generator function (used later by `sum(g(n))` and `list(g(n))`).
    fn gen_def(&mut self) {
        let g = self.fresh("gen");
        self.line(&format!("def {g}(n):"));
        self.indent += 1;
        match self.rng.below(3) {
            0 => {
                self.line("for i in range(n):");
                self.indent += 1;
                let k = self.rng.range(2, 4);
                self.line(&format!("if i % {k}:"));
                self.indent += 1;
                self.line("yield i * i");
                self.indent -= 2;
            }
            1 => {
                self.line("a, b = 0, 1");
                self.line("while n > 0:");
                self.indent += 1;
                self.line("yield a");
                self.line("a, b = b, a + b");
                self.line("n -= 1");
                self.indent -= 1;
            }
            _ => {
                self.line("yield from range(n, 0, -2)");
                self.line("yield -n");
            }
        }
        self.indent -= 1;
        self.gens.push(g.clone());
        self.line(&format!("it = {g}(5)"));
        self.line("print(next(it, None), list(it), next(it, \"done\"))");
        self.line(&format!(
            "print(sum(x for x in {g}(7) if x % 2 == 0), max({g}(6), default=-1))"
        ));
    }

    /// A class with an int and a str field and a random set of special methods; maybe a
    /// subclass of an earlier one.
    fn class_def(&mut self) {
        let name = self.fresh("C");
        let base = if !self.classes.is_empty() && self.rng.chance(35) {
            Some(self.rng.below(self.classes.len()))
        } else {
            None
        };
        let ordered = self.rng.chance(60);
        let add = self.rng.chance(50);
        let seq = self.rng.chance(40);
        let call = self.rng.chance(30);
        match base {
            Some(b) => {
                let bn = self.classes[b].name.clone();
                self.line(&format!("class {name}({bn}):"));
                self.indent += 1;
                self.line("def __init__(self, v, s=\"\"):");
                self.indent += 1;
                self.line("super().__init__(v * 2, s + \"!\")");
                self.line("self.extra = v");
                self.indent -= 1;
            }
            None => {
                self.line(&format!("class {name}:"));
                self.indent += 1;
                self.line("count = 0");
                self.line("def __init__(self, v, s=\"\"):");
                self.indent += 1;
                self.line("self.v = v");
                self.line("self.s = s");
                self.line(&format!("{name}.count += 1"));
                self.indent -= 1;
            }
        }
        self.line("def __repr__(self):");
        self.indent += 1;
        self.line(&format!("return f\"{name}({{self.v!r}}, {{self.s!r}})\""));
        self.indent -= 1;
        if ordered {
            self.line("def __eq__(self, other):");
            self.indent += 1;
            self.line("return isinstance(other, type(self)) and self.v == other.v");
            self.indent -= 1;
            self.line("def __lt__(self, other):");
            self.indent += 1;
            self.line("return (self.v, self.s) < (other.v, other.s)");
            self.indent -= 1;
            self.line("def __hash__(self):");
            self.indent += 1;
            self.line("return hash(self.v)");
            self.indent -= 1;
        }
        if add {
            self.line("def __add__(self, other):");
            self.indent += 1;
            self.line("if not isinstance(other, type(self)):");
            self.indent += 1;
            self.line("return NotImplemented");
            self.indent -= 1;
            self.line("return type(self)((self.v + other.v) % 1000003, (self.s + other.s)[:10])");
            self.indent -= 1;
            self.line("def __radd__(self, other):");
            self.indent += 1;
            self.line("return type(self)((self.v + other) % 1000003, self.s) if isinstance(other, int) else NotImplemented");
            self.indent -= 1;
        }
        if seq {
            self.line("def __len__(self):");
            self.indent += 1;
            self.line("return abs(self.v) % 7");
            self.indent -= 1;
            self.line("def __getitem__(self, i):");
            self.indent += 1;
            self.line("if not 0 <= i < len(self):");
            self.indent += 1;
            self.line("raise IndexError(f\"index {i} out of range\")");
            self.indent -= 1;
            self.line("return i * self.v % 97");
            self.indent -= 1;
            self.line("def __iter__(self):");
            self.indent += 1;
            self.line("for i in range(len(self)):");
            self.indent += 1;
            self.line("yield self[i]");
            self.indent -= 2;
            self.line("def __contains__(self, x):");
            self.indent += 1;
            self.line("return x in list(self)");
            self.indent -= 1;
        }
        if call {
            self.line("def __call__(self, *args, **kw):");
            self.indent += 1;
            self.line("return (self.v, len(args), sorted(kw.items()))");
            self.indent -= 1;
        }
        self.line("@property");
        self.line("def double(self):");
        self.indent += 1;
        self.line("return self.v * 2");
        self.indent -= 1;
        self.line("@classmethod");
        self.line("def make(cls, n):");
        self.indent += 1;
        self.line("return cls(n, \"made\")");
        self.indent -= 1;
        self.line("@staticmethod");
        self.line("def twice(x):");
        self.indent += 1;
        self.line("return [x, x]");
        self.indent -= 2;
        // Inherited capabilities.
        let (ordered, add, seq, call) = match base {
            Some(b) => {
                let c = &self.classes[b];
                (
                    ordered || c.ordered,
                    add || c.add,
                    seq || c.seq,
                    call || c.call,
                )
            }
            None => (ordered, add, seq, call),
        };
        self.classes.push(Class {
            name: name.clone(),
            base,
            ordered,
            add,
            seq,
            call,
        });
        let idx = self.classes.len() - 1;
        let o = self.fresh("o");
        let v = self.int_expr(1).code;
        let s = self.str_lit().code;
        self.line(&format!("{o} = {name}({v}, {s})"));
        self.vars.push(Var {
            name: o.clone(),
            ty: Ty::Obj(idx),
            size: 1,
        });
        self.line(&format!(
            "print({o}, {o}.double, {name}.make(3), {o}.twice(1), type({o}).__name__)"
        ));
        if base.is_some() {
            self.line(&format!(
                "print({o}.extra, isinstance({o}, {}), {name}.__mro__[1].__name__)",
                self.classes[base.unwrap_or(0)].name
            ));
        }
        self.use_class(idx);
    }

    /// Statements that exercise the special methods of class `c`.
    fn use_class(&mut self, c: usize) {
        let cls = &self.classes[c];
        let (name, ordered, add, seq, call) =
            (cls.name.clone(), cls.ordered, cls.add, cls.seq, cls.call);
        let _ = cls.base;
        let a = self.obj_expr(c, 1).code;
        let b = self.obj_expr(c, 1).code;
        if ordered {
            self.line(&format!(
                "print({a} == {b}, {a} < {b}, sorted([{b}, {a}, {name}(0)]), len({{{a}, {b}, {a}}}))"
            ));
        }
        if add {
            self.line(&format!(
                "print({a} + {b}, sum([{a}, {b}], 0) if False else 5 + {a})"
            ));
        }
        if seq {
            self.line(&format!(
                "print(len({a}), list({a}), 3 in {a}, [x for x in {b}][:3])"
            ));
        }
        if call {
            self.line(&format!("print({a}(1, 2, k=3), {b}())"));
        }
        self.line(&format!("print(getattr({a}, \"s\"), hasattr({a}, \"nope\"), {name}.count if hasattr({name}, \"count\") else 0)"));
    }

    /// `try`/`except`/`else`/`finally` with a custom exception, `raise ... from`.
    fn try_stmt(&mut self) {
        let en = self.fresh("Err");
        let base = *self
            .rng
            .pick(&["Exception", "ValueError", "KeyError", "ArithmeticError"]);
        self.line(&format!("class {en}({base}):"));
        self.indent += 1;
        self.line("pass");
        self.indent -= 1;
        self.line("try:");
        self.indent += 1;
        let c = self.bool_expr(1).code;
        self.line(&format!("if {c}:"));
        self.indent += 1;
        let x = self.int_expr(1).code;
        match self.rng.below(3) {
            0 => self.line(&format!("raise {en}({x})")),
            1 => self.line(&format!(
                "raise {en}(\"bad\", {x}) from ValueError(\"cause\")"
            )),
            _ => self.line(&format!("print(1 // ({x} - {x}))")),
        }
        self.indent -= 1;
        self.print_stmt();
        self.indent -= 1;
        self.line(&format!("except {en} as e:"));
        self.indent += 1;
        self.line("print(\"caught\", type(e).__name__, e.args, repr(e.__cause__))");
        self.indent -= 1;
        self.line("except ZeroDivisionError as e:");
        self.indent += 1;
        self.line("print(\"zero\", e)");
        self.indent -= 1;
        if self.rng.chance(50) {
            self.line("else:");
            self.indent += 1;
            self.line("print(\"no error\")");
            self.indent -= 1;
        }
        self.line("finally:");
        self.indent += 1;
        self.line("print(\"finally\")");
        self.indent -= 1;
    }

    /// A context manager class and a `with` that may raise and may be suppressed.
    fn with_stmt(&mut self) {
        let cm = self.fresh("Ctx");
        let suppress = self.rng.chance(50);
        self.line(&format!("class {cm}:"));
        self.indent += 1;
        self.line("def __enter__(self):");
        self.indent += 1;
        self.line("print(\"enter\")");
        self.line("return self");
        self.indent -= 1;
        self.line("def __exit__(self, t, v, tb):");
        self.indent += 1;
        self.line("print(\"exit\", t.__name__ if t else None, v)");
        self.line(&format!(
            "return {}",
            if suppress { "True" } else { "False" }
        ));
        self.indent -= 2;
        self.line(&format!("with {cm}() as c:"));
        self.indent += 1;
        self.print_stmt();
        self.print_stmt();
        self.indent -= 1;
    }

    /// Unpacking, starred assignment, comprehension forms.
    fn misc_stmt(&mut self) {
        match self.rng.below(6) {
            0 => {
                let l = self.list_expr(2).code;
                self.line(&format!("first, *middle, last = {l}"));
                self.line("print(first, middle, last)");
            }
            1 => {
                let l = self.list_expr(2).code;
                self.line(&format!(
                    "print({{x % 5 for x in {l}}}, {{x: x * x for x in {l} if x > 0}})"
                ));
            }
            2 => {
                let a = self.int_expr(1).code;
                let b = self.int_expr(1).code;
                self.line(&format!("a, b = {a}, {b}"));
                self.line("a, b = b, a");
                self.line("print(a, b, a if a > b else b)");
            }
            3 => {
                let l = self.list_expr(2).code;
                self.line(&format!(
                    "print([[x, y] for x in {l}[:3] for y in range(2) if x != y])"
                ));
            }
            4 => {
                let s = self.str_expr(2).code;
                self.line(&format!("print(sorted(set({s})), {s}.split(), repr({s}))"));
            }
            _ => {
                let f = self.float_expr(2).code;
                self.line(&format!(
                    "print({f}, repr({f}), {f}.is_integer() if isinstance({f}, float) else None)"
                ));
            }
        }
    }

    fn chunk(&mut self) {
        self.line("try:");
        self.indent += 1;
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            match self.rng.below(22) {
                0..=5 => {
                    let t = if !self.classes.is_empty() && self.rng.chance(10) {
                        Ty::Obj(self.rng.below(self.classes.len()))
                    } else {
                        *self.rng.pick(&SIMPLE)
                    };
                    self.assign(t);
                }
                6..=9 => self.print_stmt(),
                10 | 11 => self.mutate_stmt(),
                12 | 13 => self.loop_stmt(),
                14 => self.func_def(),
                15 => self.closure_def(),
                16 => self.gen_def(),
                17 => self.class_def(),
                18 => self.try_stmt(),
                19 => self.with_stmt(),
                _ => self.misc_stmt(),
            }
        }
        self.indent -= 1;
        self.line("except Exception as e:");
        self.line("    print(\"!\", type(e).__name__, e)");
    }

    /// A program of `chunks` top-level chunks.
    pub fn program(mut self, chunks: usize) -> String {
        self.line("import math, itertools");
        for _ in 0..chunks {
            self.chunk();
        }
        let mut tail = String::new();
        let _ = write!(tail, "print(\"end\")");
        self.line(&tail);
        self.out
    }
}

/// A return value of a generated function, bounded like a stored one.
fn bounded(x: E, ty: Ty) -> String {
    match ty {
        Ty::Int if x.size > MAX_DIGITS => format!("({}) % 10 ** 40", x.code),
        Ty::Str | Ty::List if x.size > MAX_LEN => format!("({})[:{MAX_LEN}]", x.code),
        _ => x.code,
    }
}

/// The program of `seed`.
pub fn generate(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let chunks = 12 + r.below(14);
    Gen::new(seed).program(chunks)
}
