//! The seeding of `random`'s generators (CPython's: `init_by_array` on the 32-bit
//! words of the seed, SHA-512 of a str or bytes seed, the time when there is none),
//! outside the core: it runs once per `seed()` call, on Rust vectors.

use super::random::{init_genrand, W_Random, N};
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::objspace::int::hash_float;
use crate::objspace::int::to_big;
use crate::objspace::object::Value;
use crate::objspace::ops::{as_str, bytes_of};
use jitsupport::gc::Gc;

/// MT19937's `init_by_array`.
fn init_by_array(r: Gc<W_Random>, key: &[u32]) {
    init_genrand(r, 19650218);
    let mt = r.mt;
    let (mut i, mut j) = (1usize, 0usize);
    let mut k = N.max(key.len());
    while k > 0 {
        let prev = mt.get(i - 1);
        mt.set(
            i,
            (mt.get(i) ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32),
        );
        i += 1;
        j += 1;
        if i >= N {
            mt.set(0, mt.get(N - 1));
            i = 1;
        }
        if j >= key.len() {
            j = 0;
        }
        k -= 1;
    }
    k = N - 1;
    while k > 0 {
        let prev = mt.get(i - 1);
        mt.set(
            i,
            (mt.get(i) ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32),
        );
        i += 1;
        if i >= N {
            mt.set(0, mt.get(N - 1));
            i = 1;
        }
        k -= 1;
    }
    mt.set(0, 0x8000_0000);
    r.index.set(N);
    r.has_gauss.set(false);
}

/// Seeds from the time, as `random.seed()` does.
pub fn seed_default(r: Gc<W_Random>) {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    init_by_array(r, &[t as u32, (t >> 32) as u32]);
}

/// Seeds `r` from `v` (`random.seed(v)`, `Random(v)`).
pub fn seed(r: Gc<W_Random>, v: Value) -> PyResult<()> {
    let key: Vec<u32> = if v.is_none() || v.is_null() {
        seed_default(r);
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
    init_by_array(r, &key);
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
