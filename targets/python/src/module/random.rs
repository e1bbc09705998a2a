//! `random`: CPython's Mersenne Twister (MT19937) and its derived methods, so a
//! seeded program prints what CPython prints. A generator's state is a GC object,
//! [`W_Random`] (PyPy's `rrandom.Random`), kept in the execution context's `randoms`:
//! the module's first, then one per `Random` instance (whose `base` is its index). Seeding (`init_by_array` on the words of a
//! seed, SHA-512 of str and bytes seeds) is outside the core, `randomseed.rs`.

use super::builtins::{arg, float_arg, int_arg, list_of};
use super::randomseed::seed;
use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::Args;
use crate::interpreter::error::*;
use crate::interpreter::messages::*;
use crate::interpreter::PyResult;
use crate::objspace::bigint::big_from_words;
use crate::objspace::int::{from_big, to_big};
use crate::objspace::list::new_list;
use crate::objspace::object::{GcAny, Value};
use crate::objspace::ops::*;
use crate::objspace::space::ec;
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::Kind;
use jitsupport::gc::{Gc, GcArray, GcCell};
use num_bigint::BigInt;
use num_integer::Integer;

/// The words of a generator's state.
pub const N: usize = 624;
const M: usize = 397;

/// A Mersenne Twister generator: its `N` words, the index of the next word (`N + 1`:
/// never seeded), and the second normal deviate of the last `gauss` pair.
pub struct W_Random {
    pub mt: GcArray<u32>,
    pub index: GcCell<usize>,
    pub gauss_next: GcCell<f64>,
    pub has_gauss: GcCell<bool>,
}
crate::py_type!(W_Random { mt ; });

/// A generator not seeded yet (seeded with 5489 on its first use, as MT19937 is).
pub fn new_random() -> Gc<W_Random> {
    Gc::new(W_Random {
        mt: GcArray::new(N, 0),
        index: GcCell::new(N + 1),
        gauss_next: GcCell::new(0.0),
        has_gauss: GcCell::new(false),
    })
}

/// MT19937's `init_genrand`.
pub fn init_genrand(r: Gc<W_Random>, s: u32) {
    let mt = r.mt;
    mt.set(0, s);
    let mut i = 1;
    while i < N {
        let prev = mt.get(i - 1);
        mt.set(
            i,
            1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32),
        );
        i += 1;
    }
    r.index.set(N);
}

/// The next 32 random bits.
fn next_u32(r: Gc<W_Random>) -> u32 {
    let mt = r.mt;
    let mut index = r.index.get();
    if index >= N {
        if index == N + 1 {
            init_genrand(r, 5489);
        }
        let mut kk = 0;
        while kk < N {
            let y = (mt.get(kk) & 0x8000_0000) | (mt.get((kk + 1) % N) & 0x7fff_ffff);
            let mut v = mt.get((kk + M) % N) ^ (y >> 1);
            if y & 1 != 0 {
                v ^= 0x9908_b0df;
            }
            mt.set(kk, v);
            kk += 1;
        }
        index = 0;
    }
    let mut y = mt.get(index);
    r.index.set(index + 1);
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^= y >> 18;
    y
}

/// A float in [0, 1) with 53 random bits.
fn random(r: Gc<W_Random>) -> f64 {
    let a = (next_u32(r) >> 5) as f64;
    let b = (next_u32(r) >> 6) as f64;
    (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
}

/// `getrandbits(k)`: an int of `k` random bits.
fn getrandbits(r: Gc<W_Random>, k: u64) -> Value {
    if k <= 32 {
        if k == 0 {
            return Value::Int(0);
        }
        return Value::Int((next_u32(r) >> (32 - k)) as i64);
    }
    let words = k.div_ceil(32) as usize;
    let ws = GcArray::new(words, 0u32);
    let mut left = k;
    let mut i = 0;
    while i < words {
        let mut w = next_u32(r);
        if left < 32 {
            w >>= 32 - left;
        }
        ws.set(i, w);
        left = left.saturating_sub(32);
        i += 1;
    }
    big_from_words(ws)
}

/// `_randbelow(n)` for `n > 0`.
fn randbelow(r: Gc<W_Random>, n: i64) -> i64 {
    let k = 64 - (n as u64).leading_zeros() as u64;
    loop {
        if let Value::Int(x) = getrandbits(r, k) {
            if x < n {
                return x;
            }
        }
    }
}

/// `_randbelow(n)` for an int of any size, `n > 0`.
fn randbelow_big(r: Gc<W_Random>, n: &BigInt) -> BigInt {
    let k = n.bits();
    loop {
        if let Some(x) = to_big(getrandbits(r, k)) {
            if x < *n {
                return x;
            }
        }
    }
}

/// An int argument of any size.
fn big_int_arg(v: Value) -> PyResult<BigInt> {
    match to_big(v) {
        Some(b) => Ok(b),
        None => Ok(BigInt::from(int_arg(v)?)),
    }
}

/// `randrange(start[, stop[, step]])` on ints of any size, as CPython 3.11 computes it.
fn randrange(
    r: Gc<W_Random>,
    start: Value,
    stop: Option<Value>,
    step: Option<Value>,
) -> PyResult<Value> {
    let start = big_int_arg(start)?;
    let zero = BigInt::from(0);
    let Some(stop) = stop else {
        if start > zero {
            return Ok(from_big(randbelow_big(r, &start)));
        }
        return value_error("empty range for randrange()");
    };
    let stop = big_int_arg(stop)?;
    let step = match step {
        Some(s) => big_int_arg(s)?,
        None => BigInt::from(1),
    };
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if width > zero {
            return Ok(from_big(start + randbelow_big(r, &width)));
        }
        return Err(oefmt3(
            Kind::ValueError,
            "empty range for randrange() (%d, %d, %d)",
            from_big(start),
            from_big(stop),
            from_big(width),
        ));
    }
    let n = if step > zero {
        (width + &step - BigInt::from(1)).div_floor(&step)
    } else if step < zero {
        (width + &step + BigInt::from(1)).div_floor(&step)
    } else {
        return value_error("zero step for randrange()");
    };
    if n <= zero {
        return value_error("empty range for randrange()");
    }
    Ok(from_big(start + step * randbelow_big(r, &n)))
}

/// The generator of a `Random` instance: its `base` is the generator's index in the
/// execution context's `randoms` (0 is the module's).
fn random_of(v: Value) -> Option<Gc<W_Random>> {
    let inst = v.as_instance()?;
    match inst.base.get() {
        Value::Int(i) => generator(i as usize),
        _ => None,
    }
}

/// Generator `i` of the execution context.
fn generator(i: usize) -> Option<Gc<W_Random>> {
    let ec = ec();
    if i >= ec.random_count.get() {
        return None;
    }
    match ec.randoms.get().get(i) {
        Value::Obj(o) => {
            let r: Gc<W_Random> = o.downcast()?;
            Some(r)
        }
        _ => None,
    }
}

/// A new generator for a `Random` instance, seeded from `seed_value`: its index (the
/// instance's `base`).
pub fn new_generator(seed_value: Value) -> PyResult<usize> {
    let r = new_random();
    let i = add_generator(r);
    seed(r, seed_value)?;
    Ok(i)
}

/// Adds `r` to the execution context's generators: its index.
fn add_generator(r: Gc<W_Random>) -> usize {
    let ec = ec();
    let n = ec.random_count.get();
    let mut arr = ec.randoms.get();
    if n == arr.len() {
        let bigger = GcArray::new(2 * n + 1, Value::Null);
        let mut i = 0;
        while i < n {
            bigger.set(i, arr.get(i));
            i += 1;
        }
        ec.randoms.set(bigger);
        arr = bigger;
    }
    arr.set(n, Value::Obj(GcAny::of(r)));
    ec.random_count.set(n + 1);
    n
}

/// The module's generator (generator 0, made on first use).
pub fn module_generator() -> Gc<W_Random> {
    match generator(0) {
        Some(r) => r,
        None => {
            let r = new_random();
            add_generator(r);
            r
        }
    }
}

/// The `random` functions (and `Random` methods: a `Random` instance selects its
/// generator); `None` for another builtin.
pub fn call_random(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    if args.npos > 0 {
        if let Some(r) = random_of(args.pos(0)) {
            let mut rest = args;
            rest.start += 1;
            rest.npos -= 1;
            return call_state(bi, rest, r);
        }
    }
    call_state(bi, args, module_generator())
}

/// The index of the first of the `n` ascending cumulative weights `cw` past `x`
/// (`bisect_right`).
fn bisect_weights(cw: GcArray<f64>, n: usize, x: f64) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cw.get(mid) <= x {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn call_state(bi: Bi, args: Args, r: Gc<W_Random>) -> PyResult<Option<Value>> {
    let a0 = args.opt(0).unwrap_or(Value::Null);
    let v = match bi {
        Bi::RandomSeed => {
            seed(r, a0)?;
            Value::None
        }
        Bi::RandomRandom => Value::Float(random(r)),
        Bi::RandomGetstate => {
            let arr = GcArray::new(N + 1, Value::Int(r.index.get() as i64));
            let mut i = 0;
            while i < N {
                arr.set(i, Value::Int(r.mt.get(i) as i64));
                i += 1;
            }
            Value::obj(Gc::new(W_Tuple { items: arr }))
        }
        Bi::RandomSetstate => {
            let Some(t) = a0.as_tuple() else {
                return type_error("state vector must be a tuple");
            };
            if t.len() != N + 1 {
                return value_error("state vector is the wrong size");
            }
            // Every word is read before the state changes (an error leaves it).
            let st = GcArray::new(N, 0u32);
            let mut i = 0;
            while i < N {
                st.set(i, int_arg(t.get(i))? as u32);
                i += 1;
            }
            let idx = int_arg(t.get(N))? as usize;
            i = 0;
            while i < N {
                r.mt.set(i, st.get(i));
                i += 1;
            }
            r.index.set(idx);
            r.has_gauss.set(false);
            Value::None
        }
        Bi::RandomExpovariate => {
            let l = float_arg(a0)?;
            Value::Float(-f64::ln(1.0 - random(r)) / l)
        }
        Bi::RandomRandint => {
            let b = arg(&args, 1, "randint")?;
            let b1 = binary_op(b, Value::Int(1), BinaryOp::Add, false)?;
            randrange(r, a0, Some(b1), None)?
        }
        Bi::RandomRandrange => randrange(r, a0, args.opt(1), args.opt(2))?,
        Bi::RandomChoice => {
            let n = len(a0)?;
            if n == 0 {
                return Err(err(
                    Kind::IndexError,
                    "Cannot choose from an empty sequence",
                ));
            }
            getitem(a0, Value::Int(randbelow(r, n)))?
        }
        Bi::RandomShuffle => {
            let Some(l) = a0.as_list() else {
                return type_error("shuffle needs a list");
            };
            let mut i = l.len();
            while i > 1 {
                i -= 1;
                let j = randbelow(r, i as i64 + 1) as usize;
                let t = l.get(i);
                l.set(i, l.get(j));
                l.set(j, t);
            }
            Value::None
        }
        Bi::RandomUniform => {
            let a = float_arg(a0)?;
            let b = float_arg(arg(&args, 1, "uniform")?)?;
            Value::Float(a + (b - a) * random(r))
        }
        Bi::RandomGetrandbits => getrandbits(r, int_arg(a0)?.max(0) as u64),
        Bi::RandomSample => {
            let pool = list_of(a0)?;
            let n = pool.len();
            let k = match args.opt(1) {
                Some(k) => k,
                None => args.kw("k").unwrap_or(Value::Int(0)),
            };
            let k = int_arg(k)?;
            if k < 0 || k as usize > n {
                return value_error("Sample larger than population or is negative");
            }
            let k = k as usize;
            let out = new_list(k);
            let mut setsize = 21usize;
            if k > 5 {
                let l = f64::ln((k * 3) as f64) / f64::ln(4.0);
                setsize += 4usize.pow(f64::ceil(l) as u32);
            }
            if n <= setsize {
                let mut i = 0;
                while i < k {
                    let j = randbelow(r, (n - i) as i64) as usize;
                    out.append(pool.get(j));
                    pool.set(j, pool.get(n - i - 1));
                    i += 1;
                }
            } else {
                // CPython keeps the indices taken in a set; a flag per index takes
                // the same ones.
                let selected = GcArray::new(n, false);
                let mut i = 0;
                while i < k {
                    let mut j = randbelow(r, n as i64) as usize;
                    while selected.get(j) {
                        j = randbelow(r, n as i64) as usize;
                    }
                    selected.set(j, true);
                    out.append(pool.get(j));
                    i += 1;
                }
            }
            Value::obj(out)
        }
        Bi::RandomGauss => {
            let mu = float_arg(args.opt(0).unwrap_or(Value::Float(0.0)))?;
            let sigma = float_arg(args.opt(1).unwrap_or(Value::Float(1.0)))?;
            let z = if r.has_gauss.get() {
                r.has_gauss.set(false);
                r.gauss_next.get()
            } else {
                let x2pi = random(r) * std::f64::consts::TAU;
                let g2rad = f64::sqrt(-2.0 * f64::ln(1.0 - random(r)));
                r.gauss_next.set(f64::sin(x2pi) * g2rad);
                r.has_gauss.set(true);
                f64::cos(x2pi) * g2rad
            };
            Value::Float(mu + z * sigma)
        }
        Bi::RandomChoices => {
            let pop = list_of(a0)?;
            let n = pop.len();
            let k = match args.kw("k") {
                Some(v) => int_arg(v)? as usize,
                None => 1,
            };
            let out = new_list(k);
            let weights = match args.opt(1) {
                Some(w) => w,
                None => args.kw("weights").unwrap_or(Value::None),
            };
            let cum = args.kw("cum_weights").unwrap_or(Value::None);
            if weights.is_none() && cum.is_none() {
                let mut i = 0;
                while i < k {
                    out.append(pop.get((random(r) * n as f64) as usize));
                    i += 1;
                }
            } else {
                // The cumulative weights, given or summed from the weights.
                let given = !cum.is_none();
                let l = list_of(if given { cum } else { weights })?;
                let m = l.len();
                let cw = GcArray::new(m, 0.0);
                let mut acc = 0.0;
                let mut i = 0;
                while i < m {
                    let w = num_to_f64(l.get(i)).unwrap_or(0.0);
                    acc = if given { w } else { acc + w };
                    cw.set(i, acc);
                    i += 1;
                }
                let total = if m > 0 { cw.get(m - 1) } else { 0.0 };
                i = 0;
                while i < k {
                    let x = random(r) * total;
                    let j = bisect_weights(cw, m, x).min(n.saturating_sub(1));
                    out.append(pop.get(j));
                    i += 1;
                }
            }
            Value::obj(out)
        }
        _ => return Ok(None),
    };
    Ok(Some(v))
}
