//! `random`: CPython's Mersenne Twister (MT19937) with its seeding (`init_by_array`
//! on the 32-bit words of the seed) and its derived methods, so a seeded program prints
//! what CPython prints. The generator state lives outside the GC heap.

use super::builtins::{arg, float_arg, int_arg, list_of};
use super::table::Bi;
use crate::interpreter::call::{call_values, Args};
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::objspace::int::{from_big, to_big};
use crate::objspace::list::{new_list, W_List};
use crate::objspace::object::Value;
use crate::objspace::ops::*;
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
    } else if let Value::Float(f) = v {
        let h = crate::objspace::int::hash_float(f).unsigned_abs();
        vec![h as u32, (h >> 32) as u32]
    } else if let Some(s) = as_str(v) {
        // CPython hashes str seeds with SHA-512; python-c uses the UTF-8 bytes.
        let mut b = s.as_str().as_bytes().to_vec();
        b.reverse();
        let big = num_bigint::BigUint::from_bytes_be(&b);
        big.to_u32_digits()
    } else {
        let h = hash(v)?.unsigned_abs();
        vec![h as u32, (h >> 32) as u32]
    };
    with_mt(|m| m.init_by_array(&key));
    Ok(())
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

fn randrange(start: i64, stop: Option<i64>, step: i64) -> PyResult<i64> {
    let Some(stop) = stop else {
        if start > 0 {
            return Ok(randbelow(start));
        }
        return value_error("empty range for randrange()");
    };
    let width = stop - start;
    if step == 1 {
        if width > 0 {
            return Ok(start + randbelow(width));
        }
        return value_error(&format!(
            "empty range for randrange() ({start}, {stop}, {width})"
        ));
    }
    let n = if step > 0 {
        (width + step - 1) / step
    } else if step < 0 {
        (width + step + 1) / step
    } else {
        return value_error("zero step for randrange()");
    };
    if n <= 0 {
        return value_error("empty range for randrange()");
    }
    Ok(start + step * randbelow(n))
}

/// The `random` functions (and `Random` methods: a `Random` instance first selects its
/// state); `None` for another builtin.
pub fn call(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    if let Some(inst) = args
        .opt(0)
        .and_then(|v| v.as_::<crate::objspace::instance::W_Instance>())
    {
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
            let Some(t) = a0.as_::<crate::objspace::tuple::W_Tuple>() else {
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
            let a = int_arg(a0)?;
            let b = int_arg(arg(&args, 1, "randint")?)?;
            let Some(b1) = b.checked_add(1) else {
                return overflow("python-c: randint() bounds past 64 bits are not supported");
            };
            Value::Int(randrange(a, Some(b1), 1)?)
        }
        Bi::RandomRandrange => {
            let a = int_arg(a0)?;
            let b = match args.opt(1) {
                Some(v) => Some(int_arg(v)?),
                None => None,
            };
            let step = match args.opt(2) {
                Some(v) => int_arg(v)?,
                None => 1,
            };
            Value::Int(randrange(a, b, step)?)
        }
        Bi::RandomChoice => {
            let n = len(a0)?;
            if n == 0 {
                return Err(err(
                    crate::objspace::typeobject::Kind::IndexError,
                    "Cannot choose from an empty sequence",
                ));
            }
            getitem(a0, Value::Int(randbelow(n)))?
        }
        Bi::RandomShuffle => {
            let Some(l) = a0.as_::<W_List>() else {
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
