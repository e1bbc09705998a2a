//! `random`: CPython's Mersenne Twister (MT19937) with its seeding (`init_by_array`
//! on the 32-bit words of the seed) and its derived methods, so a seeded program prints
//! what CPython prints. The generator state lives outside the GC heap.

use super::builtins::{arg, float_arg, int_arg, list_of};
use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::{call_values, Args};
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::objspace::int::hash_float;
use crate::objspace::int::{from_big, to_big};
use crate::objspace::list::new_list;
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::typeobject::Kind;
use num_bigint::BigInt;
use num_integer::Integer;
use std::cell::RefCell;

const N: usize = 624;
const M: usize = 397;

struct Mt {
    state: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

thread_local! {
    /// Generator states: 0 is the module's, the others belong to `Random` instances.
    static MTS: RefCell<Vec<Mt>> = const { RefCell::new(Vec::new()) };
    static CUR: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` on the current generator state.
fn with_mt<R>(f: impl FnOnce(&mut Mt) -> R) -> R {
    let i = CUR.with(|c| c.get());
    MTS.with(|m| {
        let mut m = m.borrow_mut();
        while m.len() <= i {
            m.push(Mt {
                state: [0; N],
                index: N + 1,
                gauss_next: None,
            });
        }
        f(&mut m[i])
    })
}

/// A new generator state for a `Random` instance: its index.
pub fn new_state() -> usize {
    MTS.with(|m| {
        let mut m = m.borrow_mut();
        if m.is_empty() {
            m.push(Mt {
                state: [0; N],
                index: N + 1,
                gauss_next: None,
            });
        }
        m.push(Mt {
            state: [0; N],
            index: N + 1,
            gauss_next: None,
        });
        m.len() - 1
    })
}

/// Seeds state `idx` from `v` (`Random(seed)`).
pub fn seed_state(idx: usize, v: Value) -> PyResult<()> {
    let old = CUR.with(|c| c.replace(idx));
    let r = seed(v);
    CUR.with(|c| c.set(old));
    r
}

impl Mt {
    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(key.len());
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
        self.gauss_next = None;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            if self.index == N + 1 {
                self.init_genrand(5489);
            }
            for kk in 0..N {
                let y = (self.state[kk] & 0x8000_0000) | (self.state[(kk + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(kk + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[kk] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }
}

/// Seeds from the time, as `random.seed()` does.
pub fn seed_default() {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    with_mt(|m| m.init_by_array(&[t as u32, (t >> 32) as u32]));
}

fn seed(v: Value) -> PyResult<()> {
    let key: Vec<u32> = if v.is_none() || v.is_null() {
        seed_default();
        return Ok(());
    } else if let Some(b) = to_big(v) {
        let mut words = b.magnitude().to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        words
    } else if let Some(b) = as_str(v).map(|s| s.as_str().as_bytes()).or(bytes_of(v)) {
        // CPython's version 2 seeding: the bytes followed by their SHA-512, as a
        // big-endian int.
        let mut all = b.to_vec();
        all.extend_from_slice(&sha512(b));
        let big = num_bigint::BigUint::from_bytes_be(&all);
        big.to_u32_digits()
    } else if let Value::Float(f) = v {
        // A float: its hash as an unsigned machine word.
        hash_words(hash_float(f) as u64)
    } else {
        return type_error(
            "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
        );
    };
    with_mt(|m| m.init_by_array(&key));
    Ok(())
}

/// The 32-bit words of a seed hash, as CPython's `init_by_array` key (no leading zero
/// word).
fn hash_words(h: u64) -> Vec<u32> {
    if h >> 32 == 0 {
        vec![h as u32]
    } else {
        vec![h as u32, (h >> 32) as u32]
    }
}

/// SHA-512 (FIPS 180-4) of `data`, for seeding from str and bytes.
fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in msg.chunks(128) {
        let mut w = [0u64; 80];
        for t in 0..16 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&block[t * 8..t * 8 + 8]);
            w[t] = u64::from_be_bytes(b);
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for t in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for i in 0..8 {
            h[i] = h[i].wrapping_add(v[i]);
        }
    }
    let mut out = [0u8; 64];
    for i in 0..8 {
        out[i * 8..i * 8 + 8].copy_from_slice(&h[i].to_be_bytes());
    }
    out
}

fn getrandbits(k: u64) -> Value {
    with_mt(|m| {
        if k <= 32 {
            return Value::Int((m.next_u32() >> (32 - k.max(1))) as i64 * (k > 0) as i64);
        }
        let words = k.div_ceil(32) as usize;
        let mut ws = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = m.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            ws.push(r);
            left = left.saturating_sub(32);
        }
        from_big(num_bigint::BigInt::from(num_bigint::BigUint::from_slice(
            &ws,
        )))
    })
}

/// `_randbelow(n)` for `n > 0`.
fn randbelow(n: i64) -> i64 {
    let k = 64 - (n as u64).leading_zeros() as u64;
    loop {
        if let Value::Int(r) = getrandbits(k) {
            if r < n {
                return r;
            }
        }
    }
}

fn random() -> f64 {
    with_mt(|m| m.random())
}

/// `_randbelow(n)` for an int of any size, `n > 0`.
fn randbelow_big(n: &BigInt) -> BigInt {
    let k = n.bits();
    loop {
        if let Some(r) = to_big(getrandbits(k)) {
            if r < *n {
                return r;
            }
        }
    }
}

/// `randrange(start[, stop[, step]])` on ints of any size, as CPython 3.11 computes it.
fn randrange(start: Value, stop: Option<Value>, step: Option<Value>) -> PyResult<Value> {
    let big = |v: Value| -> PyResult<BigInt> {
        match to_big(v) {
            Some(b) => Ok(b),
            None => Ok(BigInt::from(int_arg(v)?)),
        }
    };
    let start = big(start)?;
    let zero = BigInt::from(0);
    let Some(stop) = stop else {
        if start > zero {
            return Ok(from_big(randbelow_big(&start)));
        }
        return value_error("empty range for randrange()");
    };
    let stop = big(stop)?;
    let step = match step {
        Some(s) => big(s)?,
        None => BigInt::from(1),
    };
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if width > zero {
            return Ok(from_big(start + randbelow_big(&width)));
        }
        return value_error(&format!(
            "empty range for randrange() ({start}, {stop}, {width})"
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
    Ok(from_big(start + step * randbelow_big(&n)))
}

/// The `random` functions (and `Random` methods: a `Random` instance first selects its
/// state); `None` for another builtin.
pub fn call_random(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    if let Some(inst) = args.opt(0).and_then(|v| v.as_instance()) {
        if let Value::Int(idx) = inst.base.get() {
            let mut rest = args;
            rest.start += 1;
            rest.npos -= 1;
            let old = CUR.with(|c| c.replace(idx as usize));
            let r = call_state(bi, rest);
            CUR.with(|c| c.set(old));
            return r;
        }
    }
    let old = CUR.with(|c| c.replace(0));
    let r = call_state(bi, args);
    CUR.with(|c| c.set(old));
    r
}

fn call_state(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let a0 = args.opt(0).unwrap_or(Value::Null);
    let r = match bi {
        Bi::RandomSeed => {
            seed(a0)?;
            Value::None
        }
        Bi::RandomRandom => Value::Float(random()),
        Bi::RandomGetstate => {
            let (st, idx) = with_mt(|m| (m.state, m.index));
            let arr = jitsupport::gc::GcArray::new(N + 1, Value::Int(idx as i64));
            for (i, w) in st.iter().enumerate() {
                arr.set(i, Value::Int(*w as i64));
            }
            Value::obj(jitsupport::gc::Gc::new(crate::objspace::tuple::W_Tuple {
                items: arr,
            }))
        }
        Bi::RandomSetstate => {
            let Some(t) = a0.as_tuple() else {
                return type_error("state vector must be a tuple");
            };
            if t.len() != N + 1 {
                return value_error("state vector is the wrong size");
            }
            let mut st = [0u32; N];
            for (i, w) in st.iter_mut().enumerate() {
                *w = int_arg(t.get(i))? as u32;
            }
            let idx = int_arg(t.get(N))? as usize;
            with_mt(|m| {
                m.state = st;
                m.index = idx;
                m.gauss_next = None;
            });
            Value::None
        }
        Bi::RandomExpovariate => {
            let l = float_arg(a0)?;
            Value::Float(-(1.0 - random()).ln() / l)
        }
        Bi::RandomRandint => {
            let b = arg(&args, 1, "randint")?;
            let b1 = binary_op(b, Value::Int(1), BinaryOp::Add, false)?;
            randrange(a0, Some(b1), None)?
        }
        Bi::RandomRandrange => randrange(a0, args.opt(1), args.opt(2))?,
        Bi::RandomChoice => {
            let n = len(a0)?;
            if n == 0 {
                return Err(err(
                    Kind::IndexError,
                    "Cannot choose from an empty sequence",
                ));
            }
            getitem(a0, Value::Int(randbelow(n)))?
        }
        Bi::RandomShuffle => {
            let Some(l) = a0.as_list() else {
                return type_error("shuffle needs a list");
            };
            let mut i = l.len();
            while i > 1 {
                i -= 1;
                let j = randbelow(i as i64 + 1) as usize;
                let t = l.get(i);
                l.set(i, l.get(j));
                l.set(j, t);
            }
            Value::None
        }
        Bi::RandomUniform => {
            let a = float_arg(a0)?;
            let b = float_arg(arg(&args, 1, "uniform")?)?;
            Value::Float(a + (b - a) * random())
        }
        Bi::RandomGetrandbits => getrandbits(int_arg(a0)?.max(0) as u64),
        Bi::RandomSample => {
            let pool = list_of(a0)?;
            let n = pool.len();
            let k = int_arg(args.opt(1).or(args.kw("k")).unwrap_or(Value::Int(0)))?;
            if k < 0 || k as usize > n {
                return value_error("Sample larger than population or is negative");
            }
            let k = k as usize;
            let out = new_list(k);
            let mut setsize = 21usize;
            if k > 5 {
                let l = ((k * 3) as f64).ln() / 4f64.ln();
                setsize += 4usize.pow(l.ceil() as u32);
            }
            if n <= setsize {
                for i in 0..k {
                    let j = randbelow((n - i) as i64) as usize;
                    out.append(pool.get(j));
                    pool.set(j, pool.get(n - i - 1));
                }
            } else {
                let mut selected = std::collections::HashSet::new();
                for _ in 0..k {
                    let mut j = randbelow(n as i64) as usize;
                    while selected.contains(&j) {
                        j = randbelow(n as i64) as usize;
                    }
                    selected.insert(j);
                    out.append(pool.get(j));
                }
            }
            Value::obj(out)
        }
        Bi::RandomGauss => {
            let mu = float_arg(args.opt(0).unwrap_or(Value::Float(0.0)))?;
            let sigma = float_arg(args.opt(1).unwrap_or(Value::Float(1.0)))?;
            let z = with_mt(|m| m.gauss_next.take());
            let z = match z {
                Some(z) => z,
                None => {
                    let x2pi = random() * std::f64::consts::TAU;
                    let g2rad = (-2.0 * (1.0 - random()).ln()).sqrt();
                    with_mt(|m| m.gauss_next = Some(x2pi.sin() * g2rad));
                    x2pi.cos() * g2rad
                }
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
            let weights = args.opt(1).or(args.kw("weights")).unwrap_or(Value::None);
            let cum = args.kw("cum_weights").unwrap_or(Value::None);
            if weights.is_none() && cum.is_none() {
                for _ in 0..k {
                    out.append(pop.get((random() * n as f64) as usize));
                }
            } else {
                let cw: Vec<f64> = if !cum.is_none() {
                    let l = list_of(cum)?;
                    (0..l.len())
                        .map(|i| num_to_f64(l.get(i)).unwrap_or(0.0))
                        .collect()
                } else {
                    let l = list_of(weights)?;
                    let mut acc = 0.0;
                    (0..l.len())
                        .map(|i| {
                            acc += num_to_f64(l.get(i)).unwrap_or(0.0);
                            acc
                        })
                        .collect()
                };
                let total = cw.last().copied().unwrap_or(0.0);
                for _ in 0..k {
                    let x = random() * total;
                    let i = cw.partition_point(|&c| c <= x).min(n.saturating_sub(1));
                    out.append(pop.get(i));
                }
            }
            Value::obj(out)
        }
        _ => return Ok(None),
    };
    let _ = call_values;
    Ok(Some(r))
}
